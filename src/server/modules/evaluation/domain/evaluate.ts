import {
  EVALUATION_DATA_FIELDS,
  type EvaluationDataField,
  type FormulaField,
  type Indicator,
  type MethodConfig,
  type ResultStatus,
} from '../../../../contracts/index.js';

/**
 * The evaluation itself, from plain data: no database, no clock. Every number it produces is
 * finite: a zero or missing denominator, a missing field, a negative or non-finite input are
 * "no value" and follow the indicator's missing-data rule; a benchmark that comes out ≤ 0
 * gives 0 points on that indicator (and a note); nothing divides by zero.
 */
export interface EnterpriseInput {
  id: number;
  /** The county-level unit (first level under the city) the enterprise belongs to; null when directly under the city. */
  countyId: number | null;
  scale: 'above' | 'below';
  landOwnedMu: number;
  landLeasedMu: number;
  industryCode: string;
  productionStartYear: number | null;
  flags: readonly string[];
  data: Partial<Record<EvaluationDataField, number | null>>;
  /** Bonus and penalty entries of the year (item key, points). */
  adjustments?: readonly { itemKey: string; points: number }[];
}

export interface EvaluateInput {
  year: number;
  config: MethodConfig;
  enterprises: readonly EnterpriseInput[];
  /** Last year's data of the same enterprises (for `previousAverage` benchmarks). */
  previous?: readonly EnterpriseInput[];
}

export type MissingKind = 'missingField' | 'zeroDenominator';

export interface EnterpriseResult {
  id: number;
  countyId: number | null;
  group: string | null;
  status: ResultStatus;
  /** Exemption rule keys, or the indicator keys that lacked data and made the enterprise unscorable. */
  reasons: string[];
  landMu: number;
  /** Per indicator of the group, in its order. */
  values: (number | null)[];
  points: number[];
  missing: (MissingKind | null)[];
  bonus: number;
  penalty: number;
  score: number | null;
  rank: number | null;
  rankOf: number | null;
  class: string | null;
}

export interface BenchmarkValue {
  group: string;
  indicator: string;
  countyId: number | null;
  value: number;
  note: string | null;
}

/** The lowest score of each class per group and class scope: what it takes to reach a class. */
export interface ClassFloor {
  group: string;
  countyId: number | null;
  floors: Record<string, number>;
}

export interface EvaluationOutcome {
  results: EnterpriseResult[];
  benchmarks: BenchmarkValue[];
  floors: ClassFloor[];
  notes: string[];
}

/** Scores are kept (and ranked) at 4 decimals: equal at 4 decimals is a tie. */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** A usable input number: finite and not negative; anything else is no value. */
function clean(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null;
}

export function landOf(e: EnterpriseInput, basis: MethodConfig['landBasis']): number {
  const owned = clean(e.landOwnedMu) ?? 0;
  const leased = clean(e.landLeasedMu) ?? 0;
  return basis === 'owned' ? owned : owned + leased;
}

function field(e: EnterpriseInput, f: FormulaField, land: number): number | null {
  return f === 'landMu' ? land : clean(e.data[f]);
}

/** The indicator's value for one enterprise, or why there is none. */
export function indicatorValue(
  e: EnterpriseInput,
  indicator: Pick<Indicator, 'numerator' | 'denominator'>,
  land: number,
): { value: number | null; numerator: number | null; denominator: number | null; missing: MissingKind | null } {
  const numerator = field(e, indicator.numerator, land);
  const denominator = indicator.denominator === null ? null : field(e, indicator.denominator, land);
  if (numerator === null) return { value: null, numerator, denominator, missing: 'missingField' };
  if (indicator.denominator === null) return { value: numerator, numerator, denominator, missing: null };
  if (denominator === null) return { value: null, numerator, denominator, missing: 'missingField' };
  if (denominator === 0) return { value: null, numerator, denominator, missing: 'zeroDenominator' };
  const value = numerator / denominator;
  return Number.isFinite(value)
    ? { value, numerator, denominator, missing: null }
    : { value: null, numerator, denominator, missing: 'zeroDenominator' };
}

/** Exemption rules that apply (keys, in the method's order). */
export function exemptionsOf(e: EnterpriseInput, config: MethodConfig, year: number): string[] {
  const keys: string[] = [];
  for (const rule of config.exemptions) {
    if (rule.kind === 'flag' && e.flags.includes(rule.flag)) keys.push(rule.key);
    else if (rule.kind === 'startup' && e.productionStartYear !== null && year - e.productionStartYear < rule.years) keys.push(rule.key);
    else if (
      rule.kind === 'industry' &&
      rule.codes.some((c) => c === e.industryCode || (c.length === 1 && industrySection(e.industryCode) === c))
    )
      keys.push(rule.key);
  }
  return keys;
}

/** GB/T 4754 section letter of a two-digit division (C for 13–43 …); the code itself when it is a letter. */
const SECTION_STARTS: [string, number][] = [
  ['A', 1],
  ['B', 6],
  ['C', 13],
  ['D', 44],
  ['E', 47],
  ['F', 51],
  ['G', 53],
  ['H', 61],
  ['I', 63],
  ['J', 66],
  ['K', 70],
  ['L', 71],
  ['M', 73],
  ['N', 76],
  ['O', 80],
  ['P', 83],
  ['Q', 84],
  ['R', 86],
  ['S', 90],
  ['T', 97],
];
export function industrySection(code: string): string {
  if (/^[A-T]$/.test(code)) return code;
  const n = Number(code);
  let section = '';
  for (const [letter, start] of SECTION_STARTS) if (n >= start) section = letter;
  return section;
}

/** The first group whose conditions all hold, or null (not covered by the method). */
export function groupOf(e: EnterpriseInput, config: MethodConfig): number {
  return groupOfScale(e.scale, config, landOf(e, config.landBasis));
}

function groupOfScale(scale: EnterpriseInput['scale'], config: MethodConfig, land: number): number {
  for (let g = 0; g < config.groups.length; g++) {
    const when = config.groups[g]!.when;
    if (when.scale !== undefined && when.scale !== scale) continue;
    if (when.landMuAtLeast !== undefined && !(land >= when.landMuAtLeast)) continue;
    if (when.landMuBelow !== undefined && !(land < when.landMuBelow)) continue;
    if (when.hasLand !== undefined && when.hasLand !== land > 0) continue;
    return g;
  }
  return -1;
}

/** PERCENTILE.INC (linear interpolation between order statistics) of sorted values. */
export function percentileOf(sorted: ArrayLike<number>, percentile: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = ((n - 1) * percentile) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Points of one indicator value against its benchmark (benchmark > 0, value ≥ 0). */
export function pointsOf(indicator: Pick<Indicator, 'direction' | 'weight' | 'cap'>, value: number, benchmark: number): number {
  if (!(benchmark > 0)) return 0;
  const max = indicator.cap === null ? Number.POSITIVE_INFINITY : indicator.weight * indicator.cap;
  let points: number;
  if (indicator.direction === 'higher') points = (indicator.weight * value) / benchmark;
  else points = value <= 0 ? max : (indicator.weight * benchmark) / value;
  points = Math.min(points, max);
  return Number.isFinite(points) ? points : 0;
}

// ---------------------------------------------------------------- the columnar core
//
// evaluateFromColumns() computes everything from columns into columns: the enterprises come
// as typed arrays (one per field, row i being one enterprise: `EnterpriseColumns`) and the
// results go out as typed arrays (`EvaluationColumns`); nothing is allocated per enterprise.
// Per group, its members (row indices in input order) and their county scope; per indicator,
// the values (NaN = no value) and why a value is missing, read column by column together with
// the sums its benchmark needs (points are recomputed from a value and its benchmark where
// needed rather than stored); per enterprise, status, score, rank and class. Ranks come from a
// radix sort of each class bucket's scores. `evaluate()` turns its objects into columns (but
// for the data fields, read from the objects: `DataSource`), runs the same core, then builds
// the result objects once. Sums run in input order, as before, so
// every figure is the same number the straightforward per-object computation gave
// (evaluate.reference.test.ts keeps that computation and compares the two on random data).

const MISSING_NONE = 0;
const MISSING_FIELD = 1;
const MISSING_ZERO_DENOMINATOR = 2;
const MISSING_KINDS: readonly (MissingKind | null)[] = [null, 'missingField', 'zeroDenominator'];

const CLASSED = 0;
const EXEMPT = 1;
const NOT_COVERED = 2;
const INSUFFICIENT = 3;
const STATUSES: readonly ResultStatus[] = ['classed', 'exempt', 'notCovered', 'insufficientData'];

/**
 * The enterprises of a year as columns, row i being one enterprise: what `EnterpriseInput`
 * holds, without an object per enterprise. Numbers follow the rule of the objects: a negative or
 * non-finite number (NaN included) is no value.
 */
export interface EnterpriseColumns {
  /** The number of enterprises (rows); every column has this length. */
  length: number;
  /** The enterprise's id: results are by row; the id only orders a tie of -0 and +0 scores, as in `evaluate()`. */
  id: Float64Array;
  /** The county-level unit; NaN: directly under the city (`countyId: null`). */
  countyId: Float64Array;
  /** 1: below the designated size (`scale: 'below'`), 0: above. */
  belowScale: Uint8Array;
  landOwnedMu: Float64Array;
  landLeasedMu: Float64Array;
  /** GB/T 4754 code per row (read only when the method exempts industries). */
  industryCode: readonly string[];
  /** NaN: unknown (`null`). */
  productionStartYear: Float64Array;
  /** The flags of the rows that have some (absent: no row has). */
  flags?: ReadonlyMap<number, readonly string[]>;
  /** One column per data field (NaN: no value); a field without a column has no value in any row. */
  data: Partial<Record<EvaluationDataField, Float64Array>>;
  /** Bonus and penalty entries of the rows that have some (absent: no row has). */
  adjustments?: ReadonlyMap<number, readonly { itemKey: string; points: number }[]>;
}

export interface ColumnarEvaluateInput {
  year: number;
  config: MethodConfig;
  enterprises: EnterpriseColumns;
  /** Last year's data of the same enterprises (for `previousAverage` benchmarks). */
  previous?: EnterpriseColumns;
}

/** The data fields a method's formulas read (the land area comes from the register). */
export function fieldsOf(config: MethodConfig): EvaluationDataField[] {
  const fields = new Set<EvaluationDataField>();
  for (const group of config.groups)
    for (const indicator of group.indicators)
      for (const f of [indicator.numerator, indicator.denominator]) if (f !== null && f !== 'landMu') fields.add(f);
  return [...fields];
}

const numberOrNaN = (x: unknown): number => (typeof x === 'number' ? x : Number.NaN);

/** Enterprise objects as columns, with the data fields given (by default every field). */
export function enterpriseColumns(
  enterprises: readonly EnterpriseInput[],
  fields: readonly EvaluationDataField[] = EVALUATION_DATA_FIELDS,
): EnterpriseColumns {
  const n = enterprises.length;
  const id = new Float64Array(n);
  const countyId = new Float64Array(n);
  const belowScale = new Uint8Array(n);
  const landOwnedMu = new Float64Array(n);
  const landLeasedMu = new Float64Array(n);
  const industryCode: string[] = new Array(n);
  const productionStartYear = new Float64Array(n);
  const flags = new Map<number, readonly string[]>();
  const adjustments = new Map<number, readonly { itemKey: string; points: number }[]>();
  const data: Partial<Record<EvaluationDataField, Float64Array>> = {};
  const columns = fields.map((f) => {
    const column = new Float64Array(n);
    data[f] = column;
    return column;
  });
  const fieldCount = fields.length;
  for (let i = 0; i < n; i++) {
    const e = enterprises[i]!;
    id[i] = e.id;
    countyId[i] = e.countyId ?? Number.NaN;
    belowScale[i] = e.scale === 'below' ? 1 : 0;
    landOwnedMu[i] = numberOrNaN(e.landOwnedMu);
    landLeasedMu[i] = numberOrNaN(e.landLeasedMu);
    industryCode[i] = e.industryCode;
    productionStartYear[i] = e.productionStartYear ?? Number.NaN;
    if (e.flags.length) flags.set(i, e.flags);
    if (e.adjustments?.length) adjustments.set(i, e.adjustments);
    const d = e.data;
    for (let k = 0; k < fieldCount; k++) columns[k]![i] = numberOrNaN(d[fields[k]!]);
  }
  return { length: n, id, countyId, belowScale, landOwnedMu, landLeasedMu, industryCode, productionStartYear, flags, data, adjustments };
}

function checkColumns(e: EnterpriseColumns): void {
  const n = e.length;
  const columns = [
    e.id,
    e.countyId,
    e.belowScale,
    e.landOwnedMu,
    e.landLeasedMu,
    e.industryCode,
    e.productionStartYear,
    ...Object.values(e.data),
  ];
  if (!columns.every((column) => column === undefined || column.length === n))
    throw new RangeError('every enterprise column must have `length` rows');
}

/** A usable number: finite and not negative (`clean`, NaN for null). */
const usable = (x: number): boolean => x >= 0 && x < Number.POSITIVE_INFINITY;

/** Land per row on the method's basis (`landOf` on columns). */
function landColumn(e: EnterpriseColumns, basis: MethodConfig['landBasis']): Float64Array {
  const n = e.length;
  const land = new Float64Array(n);
  const owned = e.landOwnedMu;
  const leased = e.landLeasedMu;
  for (let i = 0; i < n; i++) {
    const o = owned[i]!;
    const l = usable(o) ? o : 0;
    if (basis === 'owned') land[i] = l;
    else {
      const x = leased[i]!;
      land[i] = l + (usable(x) ? x : 0);
    }
  }
  return land;
}

/** Exemption rules that apply to row i (`exemptionsOf` on columns); industry matches are cached per code. */
function exemptionsAt(
  e: EnterpriseColumns,
  i: number,
  config: MethodConfig,
  year: number,
  industryHits: Map<string, boolean>[],
): string[] | null {
  let keys: string[] | null = null;
  const rules = config.exemptions;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    let applies: boolean;
    if (rule.kind === 'flag') applies = e.flags?.get(i)?.includes(rule.flag) ?? false;
    else if (rule.kind === 'startup') applies = year - e.productionStartYear[i]! < rule.years;
    else {
      const code = e.industryCode[i]!;
      let hits = industryHits[r];
      if (!hits) {
        hits = new Map();
        industryHits[r] = hits;
      }
      let hit = hits.get(code);
      if (hit === undefined) {
        hit = rule.codes.some((c) => c === code || (c.length === 1 && industrySection(code) === c));
        hits.set(code, hit);
      }
      applies = hit;
    }
    if (!applies) continue;
    if (keys) keys.push(rule.key);
    else keys = [rule.key];
  }
  return keys;
}

/** Group (-1: exempt or not covered) and status of every row. */
function groupsOf(
  e: EnterpriseColumns,
  land: Float64Array,
  config: MethodConfig,
  year: number,
  groupIndex: Int32Array,
  status: Uint8Array | null,
  exemptReasons: Map<number, string[]> | null,
): void {
  const industryHits: Map<string, boolean>[] = [];
  const hasExemptions = config.exemptions.length > 0;
  const below = e.belowScale;
  for (let i = 0; i < e.length; i++) {
    const exempt = hasExemptions ? exemptionsAt(e, i, config, year, industryHits) : null;
    if (exempt) {
      groupIndex[i] = -1;
      if (status) status[i] = EXEMPT;
      exemptReasons?.set(i, exempt);
      continue;
    }
    const g = groupOfScale(below[i] ? 'below' : 'above', config, land[i]!);
    groupIndex[i] = g;
    if (g < 0 && status) status[i] = NOT_COVERED;
  }
}

/** Each group's rows, in input order (sized up front: no growing arrays). */
function membersOf(groupIndex: Int32Array, groupCount: number): Int32Array[] {
  const n = groupIndex.length;
  const size = new Int32Array(groupCount);
  for (let i = 0; i < n; i++) if (groupIndex[i]! >= 0) size[groupIndex[i]!]!++;
  const members = Array.from(size, (count) => new Int32Array(count));
  if (groupCount === 1 && size[0] === n) {
    for (let i = 0; i < n; i++) members[0]![i] = i;
    return members;
  }
  const fill = new Int32Array(groupCount);
  for (let i = 0; i < n; i++) {
    const g = groupIndex[i]!;
    if (g >= 0) members[g]![fill[g]!++] = i;
  }
  return members;
}

/** Counties as small integers in order of first appearance (`countyId ?? null` as the key). */
interface Counties {
  code: Int32Array;
  values: (number | null)[];
  index: Map<number | null, number>;
}

function countiesOf(county: Float64Array): Counties {
  const code = new Int32Array(county.length);
  const values: (number | null)[] = [];
  const index = new Map<number | null, number>();
  let last: number | null = null;
  let lastCode = -1;
  for (let i = 0; i < county.length; i++) {
    const x = county[i]!;
    const c = Number.isNaN(x) ? null : x;
    if (lastCode < 0 || c !== last) {
      let k = index.get(c);
      if (k === undefined) {
        k = values.length;
        values.push(c);
        index.set(c, k);
      }
      last = c;
      lastCode = k;
    }
    code[i] = lastCode;
  }
  return { code, values, index };
}

/** Sums for an indicator's average over the peers that have a value, per scope. */
interface Sums {
  /** Scope of each peer (-1: none of the scopes); null: one scope, the city. */
  scopeOf: Int32Array | null;
  numerator: Float64Array;
  denominator: Float64Array;
  value: Float64Array;
  count: Float64Array;
}

function newSums(scopeOf: Int32Array | null, scopeCount: number): Sums {
  return {
    scopeOf,
    numerator: new Float64Array(scopeCount),
    denominator: new Float64Array(scopeCount),
    value: new Float64Array(scopeCount),
    count: new Float64Array(scopeCount),
  };
}

/**
 * Where the core reads the data fields from: the enterprise columns, or `evaluate()`'s objects,
 * read one field at a time for a group's members instead of turned into whole columns first
 * (less memory allocated while a million objects are alive, so fewer full collections of them).
 */
type DataSource = EnterpriseColumns['data'] | readonly EnterpriseInput[];

/** A formula field's values for a group's members: member m's is `column[at[m]]`. */
interface FieldValues {
  column: Float64Array;
  at: Int32Array;
}

/** A formula field for the members (`index`), null when no row has it; objects are read into `scratch`, in member order. */
function fieldValues(
  source: DataSource,
  f: FormulaField,
  land: Float64Array,
  index: Int32Array,
  scratch: () => { column: Float64Array; identity: Int32Array },
): FieldValues | null {
  if (f === 'landMu') return { column: land, at: index };
  if (!Array.isArray(source)) {
    const column = (source as EnterpriseColumns['data'])[f];
    return column ? { column, at: index } : null;
  }
  const rows = source as readonly EnterpriseInput[];
  const { column, identity } = scratch();
  for (let m = 0; m < index.length; m++) column[m] = numberOrNaN(rows[index[m]!]!.data[f]);
  return { column, at: identity };
}

/**
 * Every indicator's value for every member (`indicatorValue` on columns: NaN = no value), why a
 * value is missing, and the sums of the averages that are asked for (`sums[k]`), in input order,
 * one indicator at a time. Returns how many members have a value, per indicator.
 */
function readValues(
  source: DataSource,
  land: Float64Array,
  index: Int32Array,
  indicators: readonly Indicator[],
  values: Float64Array[],
  missing: Uint8Array[] | null,
  sums: readonly (Sums | null)[],
): Int32Array {
  const count = index.length;
  const withValue = new Int32Array(indicators.length);
  // Objects are read into two scratch columns (numerator, denominator), reused for each indicator.
  const scratches: { column: Float64Array; identity: Int32Array }[] = [];
  let identity: Int32Array | null = null;
  const scratch = (slot: number) => () => {
    if (!identity) identity = Int32Array.from({ length: count }, (_, m) => m);
    scratches[slot] ??= { column: new Float64Array(count), identity };
    return scratches[slot];
  };
  for (let k = 0; k < indicators.length; k++) {
    const indicator = indicators[k]!;
    const out = values[k]!;
    const why = missing?.[k] ?? null;
    const numerator = fieldValues(source, indicator.numerator, land, index, scratch(0));
    const ratio = indicator.denominator !== null;
    const denominator = ratio ? fieldValues(source, indicator.denominator!, land, index, scratch(1)) : null;
    if (!numerator || (ratio && !denominator)) {
      out.fill(Number.NaN);
      why?.fill(MISSING_FIELD);
      continue;
    }
    const s = sums[k] ?? null;
    const scopeOf = s?.scopeOf ?? null;
    const { column: as, at: aAt } = numerator;
    const ds = denominator?.column ?? null;
    const dAt = denominator?.at ?? index;
    let seen = 0;
    for (let m = 0; m < count; m++) {
      const a = as[aAt[m]!]!;
      let d = 1;
      let v = Number.NaN;
      let reason = MISSING_NONE;
      if (!usable(a)) reason = MISSING_FIELD;
      else if (!ds) v = a;
      else {
        d = ds[dAt[m]!]!;
        if (!usable(d)) reason = MISSING_FIELD;
        else if (d === 0) reason = MISSING_ZERO_DENOMINATOR;
        else {
          v = a / d;
          if (v === Number.POSITIVE_INFINITY) {
            v = Number.NaN;
            reason = MISSING_ZERO_DENOMINATOR;
          }
        }
      }
      out[m] = v;
      if (why) why[m] = reason;
      if (reason !== MISSING_NONE) continue;
      seen++;
      if (s) {
        const j = scopeOf ? scopeOf[m]! : 0;
        if (j < 0) continue;
        s.numerator[j]! += a;
        s.denominator[j]! += d;
        s.value[j]! += v;
        s.count[j]!++;
      }
    }
    withValue[k] = seen;
  }
  return withValue;
}

/** Average per scope from the sums: pooled Σ numerator ÷ Σ denominator or the mean; null where none or not finite. */
function averageOf(s: Sums, j: number, average: 'pooled' | 'mean'): number | null {
  if (s.count[j] === 0) return null;
  const avg = average === 'pooled' ? s.numerator[j]! / s.denominator[j]! : s.value[j]! / s.count[j]!;
  return Number.isFinite(avg) ? avg : null;
}

/** Percentile of the values per scope (null where no peer has a value). */
function percentilesOf(values: Float64Array, scopeOf: Int32Array | null, scopeCount: number, percentile: number): (number | null)[] {
  const count = new Int32Array(scopeCount + 1);
  for (let m = 0; m < values.length; m++) if (!Number.isNaN(values[m]!)) count[(scopeOf ? scopeOf[m]! : 0) + 1]!++;
  for (let s = 0; s < scopeCount; s++) count[s + 1]! += count[s]!;
  const sorted = new Float64Array(count[scopeCount]!);
  const fill = count.slice(0, scopeCount);
  for (let m = 0; m < values.length; m++) if (!Number.isNaN(values[m]!)) sorted[fill[scopeOf ? scopeOf[m]! : 0]!++] = values[m]!;
  const out: (number | null)[] = new Array(scopeCount);
  for (let s = 0; s < scopeCount; s++) {
    const slice = sorted.subarray(count[s]!, count[s + 1]!).sort();
    out[s] = slice.length ? percentileOf(slice, percentile) : null;
  }
  return out;
}

/**
 * Adds each member's points on one indicator to its total (`pointsOf`, or the points of a
 * missing value), one indicator after the other, so each total is summed in the indicators' order.
 */
function addPoints(
  totals: Float64Array,
  indicator: Pick<Indicator, 'direction' | 'weight' | 'cap'>,
  values: Float64Array,
  bench: Float64Array,
  scopeOf: Int32Array | null,
  missingPoints: number,
): void {
  const max = indicator.cap === null ? Number.POSITIVE_INFINITY : indicator.weight * indicator.cap;
  const weight = indicator.weight;
  const higher = indicator.direction === 'higher';
  const cityBench = bench[0]!;
  for (let m = 0; m < values.length; m++) {
    const value = values[m]!;
    let points: number;
    if (Number.isNaN(value)) points = missingPoints;
    else {
      const benchmark = scopeOf ? bench[scopeOf[m]!]! : cityBench;
      if (!(benchmark > 0)) points = 0;
      else {
        points = higher ? (weight * value) / benchmark : value <= 0 ? max : (weight * benchmark) / value;
        points = Math.min(points, max);
        if (!Number.isFinite(points)) points = 0;
      }
    }
    totals[m]! += points;
  }
}

/** One group's columns, member by member (index m, input order). */
export interface GroupColumns {
  indicators: readonly Indicator[];
  /** Per indicator of the group: the value (NaN = no value) and why it is missing (0 none, 1 missingField, 2 zeroDenominator). */
  values: Float64Array[];
  missing: Uint8Array[];
  /** Per indicator: the benchmark per scope, and each member's scope (null: one scope, city-wide). */
  bench: Float64Array[];
  benchScopeOf: (Int32Array | null)[];
  /** Per indicator: the points of a member without a value (0, or the group's average points). */
  missingPoints: Float64Array;
}

/** Points of member m on indicator k (computed where needed rather than kept: one column less per indicator). */
export function pointsAt(cols: GroupColumns, k: number, m: number): number {
  const v = cols.values[k]![m]!;
  if (Number.isNaN(v)) return cols.missingPoints[k]!;
  const scopeOf = cols.benchScopeOf[k];
  return pointsOf(cols.indicators[k]!, v, cols.bench[k]![scopeOf ? scopeOf[m]! : 0]!);
}

/**
 * The whole evaluation in columns, per enterprise in input order (index i): what `evaluate()`
 * turns into result objects. Status: 0 classed, 1 exempt, 2 notCovered, 3 insufficientData;
 * score, rank, rankOf and classOf (index of the band) are meaningful for classed enterprises only.
 */
export interface EvaluationColumns {
  groupIndex: Int32Array;
  /** Position of the enterprise among its group's members (the index into its group's columns). */
  memberPos: Int32Array;
  status: Uint8Array;
  land: Float64Array;
  scores: Float64Array;
  rank: Int32Array;
  rankOf: Int32Array;
  classOf: Int32Array;
  groups: GroupColumns[];
  exemptReasons: Map<number, string[]>;
  insufficientReasons: Map<number, string[]>;
  bonus: Map<number, number>;
  penalty: Map<number, number>;
  benchmarks: BenchmarkValue[];
  floors: ClassFloor[];
  notes: string[];
}

/**
 * Evaluate a year: exemptions, groups, benchmarks, points, missing data, bonus and penalty,
 * scores, ranks and classes. Results come in the order of `enterprises`.
 */
export function evaluate(input: EvaluateInput): EvaluationOutcome {
  return outcomeOf(input, evaluateColumns(input));
}

/**
 * `evaluate()` without the result objects: the columns they are made from. The objects become
 * columns but for their data fields, which the core reads from the objects (`DataSource`).
 */
export function evaluateColumns(input: EvaluateInput): EvaluationColumns {
  const columns = {
    year: input.year,
    config: input.config,
    enterprises: enterpriseColumns(input.enterprises, []),
    ...(input.previous ? { previous: enterpriseColumns(input.previous, []) } : {}),
  };
  return evaluateCore(columns, input.enterprises, input.previous ?? null);
}

/** `evaluateColumns()` on enterprises given as columns: from columns into columns, no object per enterprise. */
export function evaluateFromColumns(input: ColumnarEvaluateInput): EvaluationColumns {
  return evaluateCore(input, input.enterprises.data, input.previous?.data ?? null);
}

function evaluateCore(input: ColumnarEvaluateInput, data: DataSource, previousData: DataSource | null): EvaluationColumns {
  const { config, year, enterprises } = input;
  checkColumns(enterprises);
  const notes: string[] = [];
  const n = enterprises.length;
  const groupCount = config.groups.length;
  const land = landColumn(enterprises, config.landBasis);
  const groupIndex = new Int32Array(n);
  const memberPos = new Int32Array(n);
  const status = new Uint8Array(n);
  const exemptReasons = new Map<number, string[]>();
  groupsOf(enterprises, land, config, year, groupIndex, status, exemptReasons);
  const members = membersOf(groupIndex, groupCount);
  for (const index of members) for (let m = 0; m < index.length; m++) memberPos[index[m]!] = m;
  // Counties as small integers, when a county scope asks for them.
  let counties: Counties | null = null;
  const countiesNow = (): Counties => {
    if (!counties) counties = countiesOf(enterprises.countyId);
    return counties;
  };

  // Last year's peers: the same groups, on this year's register (only when a rule reads them).
  const wantsPrevious = config.groups.some((group) => group.indicators.some((ind) => ind.benchmark.kind === 'previousAverage'));
  let previous: { e: EnterpriseColumns; land: Float64Array; members: Int32Array[] } | null = null;
  if (input.previous && wantsPrevious) {
    const e = input.previous;
    checkColumns(e);
    const previousLand = landColumn(e, config.landBasis);
    const previousGroup = new Int32Array(e.length);
    groupsOf(e, previousLand, config, year - 1, previousGroup, null, null);
    previous = { e, land: previousLand, members: membersOf(previousGroup, groupCount) };
  }

  const benchmarks: BenchmarkValue[] = [];
  const adjustmentItems = new Map(config.adjustments.map((a) => [a.key, a]));
  const insufficientReasons = new Map<number, string[]>();
  const bonus = new Map<number, number>();
  const penalty = new Map<number, number>();
  const scores = new Float64Array(n);
  const columns: GroupColumns[] = [];

  for (let g = 0; g < groupCount; g++) {
    const group = config.groups[g]!;
    const { indicators } = group;
    const index = members[g]!;
    const count = index.length;
    const isCityWide = indicators.map((ind) => ind.benchmark.kind === 'fixed' || ind.benchmark.scope === 'city');
    // County scopes in order of first appearance among the members (when a rule is per county).
    const scopes: (number | null)[] = [];
    const scopeOf = new Int32Array(isCityWide.every(Boolean) ? 0 : count);
    let scopeOfCode: Int32Array | null = null;
    if (!isCityWide.every(Boolean)) {
      const { code, values } = countiesNow();
      scopeOfCode = new Int32Array(values.length).fill(-1);
      for (let m = 0; m < count; m++) {
        const c = code[index[m]!]!;
        let s = scopeOfCode[c]!;
        if (s < 0) {
          s = scopes.length;
          scopes.push(values[c]!);
          scopeOfCode[c] = s;
        }
        scopeOf[m] = s;
      }
    }
    const scopeCount = (k: number) => (isCityWide[k] ? 1 : scopes.length);

    // Values, and the sums of this year's averages, in one pass per indicator.
    const cols: GroupColumns = {
      indicators,
      values: indicators.map(() => new Float64Array(count)),
      missing: indicators.map(() => new Uint8Array(count)),
      bench: [],
      benchScopeOf: [],
      missingPoints: new Float64Array(indicators.length),
    };
    columns.push(cols);
    const sums = indicators.map((ind, k) =>
      ind.benchmark.kind === 'currentAverage' || ind.benchmark.kind === 'previousAverage'
        ? newSums(isCityWide[k] ? null : scopeOf, scopeCount(k))
        : null,
    );
    const withValue = readValues(data, land, index, indicators, cols.values, cols.missing, sums);
    // Last year's sums, for the indicators that read them.
    const previousSums: (Sums | null)[] = indicators.map(() => null);
    const lastIndex = previous?.members[g];
    if (previous && lastIndex && indicators.some((ind) => ind.benchmark.kind === 'previousAverage')) {
      let lastScopeOf: Int32Array | null = null;
      const lastIndicators: Indicator[] = [];
      const lastSums: Sums[] = [];
      indicators.forEach((ind, k) => {
        if (ind.benchmark.kind !== 'previousAverage') return;
        if (!isCityWide[k] && !lastScopeOf) {
          // Last year's county of each member, as this year's scope of the group (-1: none).
          const { index: codeOf } = countiesNow();
          const county = previous.e.countyId;
          lastScopeOf = new Int32Array(lastIndex.length);
          for (let m = 0; m < lastIndex.length; m++) {
            const x = county[lastIndex[m]!]!;
            const c = codeOf.get(Number.isNaN(x) ? null : x);
            lastScopeOf[m] = c === undefined ? -1 : scopeOfCode![c]!;
          }
        }
        const s = newSums(isCityWide[k] ? null : lastScopeOf, scopeCount(k));
        previousSums[k] = s;
        lastIndicators.push(ind);
        lastSums.push(s);
      });
      const scratch = lastIndicators.map(() => new Float64Array(lastIndex.length));
      readValues(previousData!, previous.land, lastIndex, lastIndicators, scratch, null, lastSums);
    }

    indicators.forEach((indicator, k) => {
      const values = cols.values[k]!;
      // The benchmark per scope, and its note.
      const rule = indicator.benchmark;
      const ruleScopes = scopeCount(k);
      const ruleScopeOf = isCityWide[k] ? null : scopeOf;
      const bench = new Float64Array(ruleScopes);
      cols.bench.push(bench);
      cols.benchScopeOf.push(ruleScopeOf);
      const benchNote: (string | null)[] = new Array(ruleScopes).fill(null);
      if (rule.kind === 'fixed') bench.fill(rule.value);
      else if (rule.kind === 'percentile') {
        const ps = percentilesOf(values, ruleScopeOf, ruleScopes, rule.percentile);
        for (let s = 0; s < ruleScopes; s++) {
          if (ps[s] === null) benchNote[s] = 'noPeers';
          else bench[s] = ps[s]!;
        }
      } else {
        for (let s = 0; s < ruleScopes; s++) {
          let avg: number | null;
          let note: string | null = null;
          if (rule.kind === 'previousAverage') {
            avg = previousSums[k] ? averageOf(previousSums[k], s, rule.average) : null;
            if (avg === null) {
              avg = averageOf(sums[k]!, s, rule.average);
              note = 'previousYearMissing';
            }
          } else avg = averageOf(sums[k]!, s, rule.average);
          if (avg === null) benchNote[s] = 'noPeers';
          else {
            bench[s] = rule.factor * avg;
            benchNote[s] = note;
          }
        }
      }
      if (count > 0)
        for (let s = 0; s < ruleScopes; s++) {
          const countyId = isCityWide[k] ? null : scopes[s]!;
          const note = bench[s]! > 0 ? benchNote[s]! : (benchNote[s] ?? 'benchmarkZero');
          benchmarks.push({ group: group.key, indicator: indicator.key, countyId, value: bench[s]!, note });
          if (note) notes.push(`${group.key}.${indicator.key}${isCityWide[k] ? '' : `@${countyId ?? 'city'}`}: ${note}`);
        }

      // What a missing value earns: nothing, or the group's average points.
      if (indicator.missing === 'groupAverage') {
        let sumPoints = 0;
        for (let m = 0; m < count; m++) {
          const v = values[m]!;
          if (!Number.isNaN(v)) sumPoints += pointsOf(indicator, v, bench[ruleScopeOf ? ruleScopeOf[m]! : 0]!);
        }
        cols.missingPoints[k] = withValue[k]! ? sumPoints / withValue[k]! : 0;
      }
      if (withValue[k]! < count && indicator.missing === 'notEvaluated') {
        for (let m = 0; m < count; m++) {
          if (!Number.isNaN(values[m]!)) continue;
          const i = index[m]!;
          status[i] = INSUFFICIENT;
          const reasons = insufficientReasons.get(i);
          if (reasons) reasons.push(indicator.key);
          else insufficientReasons.set(i, [indicator.key]);
        }
      }
    });

    // Scores: the points in the indicators' order, then bonus and penalty.
    const totals = new Float64Array(count);
    for (let k = 0; k < indicators.length; k++)
      addPoints(totals, indicators[k]!, cols.values[k]!, cols.bench[k]!, cols.benchScopeOf[k]!, cols.missingPoints[k]!);
    // Entries count only for items of the method: none, nothing to read.
    const entries = adjustmentItems.size ? enterprises.adjustments : undefined;
    for (let m = 0; m < count; m++) {
      const i = index[m]!;
      if (status[i] !== CLASSED) continue;
      const adjustments = entries?.get(i);
      let plus = 0;
      let minus = 0;
      if (adjustments?.length) {
        const perItem = new Map<string, number>();
        for (const a of adjustments) {
          const item = adjustmentItems.get(a.itemKey);
          const p = clean(a.points);
          if (!item || p === null) continue;
          perItem.set(a.itemKey, Math.min(item.maxPoints, (perItem.get(a.itemKey) ?? 0) + p));
        }
        for (const [key, p] of perItem) {
          if (adjustmentItems.get(key)!.kind === 'bonus') plus += p;
          else minus += p;
        }
        if (perItem.size) {
          bonus.set(i, plus);
          penalty.set(i, minus);
        }
      }
      scores[i] = round4(totals[m]! + plus - minus);
    }
  }

  const rank = new Int32Array(n);
  const rankOf = new Int32Array(n);
  const classOf = new Int32Array(n);
  const floors = classify(
    enterprises.id,
    config.classing.scope === 'county' ? countiesNow() : null,
    status,
    groupIndex,
    scores,
    config,
    rank,
    rankOf,
    classOf,
  );
  return {
    groupIndex,
    memberPos,
    status,
    land,
    scores,
    rank,
    rankOf,
    classOf,
    groups: columns,
    exemptReasons,
    insufficientReasons,
    bonus,
    penalty,
    benchmarks,
    floors,
    notes,
  };
}

/** The result objects, once, in input order. */
function outcomeOf(input: EvaluateInput, c: EvaluationColumns): EvaluationOutcome {
  const { config, enterprises } = input;
  const n = enterprises.length;
  const { groupIndex, memberPos, status, land, scores, rank, rankOf, classOf, exemptReasons, insufficientReasons, bonus, penalty } = c;
  // The result objects, once, in input order (arrays of their final size: no growing, and
  // numbers stay unboxed where an array holds numbers only).
  const codes = config.classing.bands.map((b) => b.code);
  const results: EnterpriseResult[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const e = enterprises[i]!;
    const g = groupIndex[i]!;
    const st = status[i]!;
    let values: (number | null)[];
    let points: number[];
    let missing: (MissingKind | null)[];
    if (g >= 0) {
      const cols = c.groups[g]!;
      const m = memberPos[i]!;
      const count = cols.values.length;
      values = new Array(count);
      points = new Array(count);
      missing = new Array(count);
      for (let k = 0; k < count; k++) {
        const v = cols.values[k]![m]!;
        values[k] = Number.isNaN(v) ? null : v;
        points[k] = pointsAt(cols, k, m);
        missing[k] = MISSING_KINDS[cols.missing[k]![m]!]!;
      }
    } else {
      values = [];
      points = [];
      missing = [];
    }
    const classed = st === CLASSED;
    results[i] = {
      id: e.id,
      countyId: e.countyId,
      group: g >= 0 ? config.groups[g]!.key : null,
      status: STATUSES[st]!,
      reasons: st === EXEMPT ? exemptReasons.get(i)! : st === INSUFFICIENT ? insufficientReasons.get(i)! : [],
      landMu: land[i]!,
      values,
      points,
      missing,
      bonus: bonus.get(i) ?? 0,
      penalty: penalty.get(i) ?? 0,
      score: classed ? scores[i]! : null,
      rank: classed ? rank[i]! : null,
      rankOf: classed ? rankOf[i]! : null,
      class: classed ? codes[classOf[i]!]! : null,
    };
  }
  return { results, benchmarks: c.benchmarks, floors: c.floors, notes: c.notes };
}

/**
 * Ranks and classes within each group × class scope (buckets in order of their first classed
 * enterprise). Rank = 1 + the number of better scores in the bucket (ties share it); each
 * bucket's members are sorted once by score (a radix sort) and ranked best first.
 */
function classify(
  id: Float64Array,
  counties: Counties | null,
  status: Uint8Array,
  groupIndex: Int32Array,
  scores: Float64Array,
  config: MethodConfig,
  rank: Int32Array,
  rankOf: Int32Array,
  classOf: Int32Array,
): ClassFloor[] {
  const { classing } = config;
  const n = status.length;
  // Bucket of each (group, county code) pair, or of each group when classes are city-wide.
  const countyCount = counties ? counties.values.length : 1;
  const bucketAt = new Int32Array(config.groups.length * countyCount).fill(-1);
  const bucketGroup: number[] = [];
  const bucketCounty: (number | null)[] = [];
  const bucketOf = new Int32Array(n).fill(-1);
  const code = counties?.code ?? null;
  for (let i = 0; i < n; i++) {
    if (status[i] !== CLASSED) continue;
    const g = groupIndex[i]!;
    const at = code ? g * countyCount + code[i]! : g;
    let b = bucketAt[at]!;
    if (b < 0) {
      b = bucketGroup.length;
      bucketAt[at] = b;
      bucketGroup.push(g);
      bucketCounty.push(code ? counties!.values[code[i]!]! : null);
    }
    bucketOf[i] = b;
  }
  // Each bucket's members, contiguous (input order), then sorted by score.
  const bucketCount = bucketGroup.length;
  const start = new Int32Array(bucketCount + 1);
  for (let i = 0; i < n; i++) if (bucketOf[i]! >= 0) start[bucketOf[i]! + 1]!++;
  for (let b = 0; b < bucketCount; b++) start[b + 1]! += start[b]!;
  const grouped = new Int32Array(start[bucketCount]!);
  if (bucketCount === 1 && start[1] === n) for (let i = 0; i < n; i++) grouped[i] = i;
  else {
    const fill = start.slice(0, bucketCount);
    for (let i = 0; i < n; i++) if (bucketOf[i]! >= 0) grouped[fill[bucketOf[i]!]!++] = i;
  }

  const bands = classing.bands;
  const codes = bands.map((b) => b.code);
  const last = bands.length - 1;
  const minScores = classing.mode === 'threshold' ? classing.bands.map((b) => b.minScore) : null;
  const floors: ClassFloor[] = [];
  for (let b = 0; b < bucketCount; b++) {
    const { order: sorted, scores: sortedScores } = byScore(grouped.subarray(start[b]!, start[b + 1]!), scores);
    const count = sorted.length;
    // Percentile bands end at these ranks (the last takes the rest).
    const cuts =
      classing.mode === 'percentile'
        ? classing.bands.map((band, k) =>
            k === last
              ? count
              : classing.rounding === 'nearest'
                ? Math.floor((count * band.upToPercent) / 100 + 0.5)
                : Math.floor((count * band.upToPercent) / 100 + 1e-9),
          )
        : null;
    // Best first: rank = 1 + the number of better scores (ties share it), bands never
    // decrease; the lowest score of each class, classes in the order they are reached. The
    // lowest score is the last of the class by score, then id: within a tie of -0 and +0
    // (sorted -0 first), the sign of the highest id (then the latest row).
    const lowest = new Float64Array(bands.length);
    const reached: number[] = [];
    let r = 1;
    let band = 0;
    let previousBand = -1;
    let previousScore = 0;
    let lastId = 0;
    let lastRow = 0;
    for (let p = 0; p < count; p++) {
      const i = sorted[count - 1 - p]!;
      const score = sortedScores[count - 1 - p]!;
      const tie = p > 0 && !(score < previousScore);
      if (!tie) r = p + 1;
      previousScore = score;
      if (cuts) while (band < last && r > cuts[band]!) band++;
      else while (band < last && minScores![band] !== null && !(score >= minScores![band]!)) band++;
      rank[i] = r;
      rankOf[i] = count;
      classOf[i] = band;
      if (band !== previousBand) {
        reached.push(band);
        previousBand = band;
      }
      // (Ids are read for zero scores only: a read at random per enterprise costs.)
      if (score !== 0) lowest[band] = score;
      else if (!tie || id[i]! > lastId || (id[i] === lastId && i > lastRow)) {
        lowest[band] = score;
        lastId = id[i]!;
        lastRow = i;
      }
    }
    const floor: Record<string, number> = {};
    for (const k of reached) floor[codes[k]!] = lowest[k]!;
    if (classing.mode === 'threshold') for (const x of classing.bands) if (x.minScore !== null) floor[x.code] = x.minScore;
    floors.push({ group: config.groups[bucketGroup[b]!]!.key, countyId: bucketCounty[b]!, floors: floor });
  }
  return floors;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
/** Scores up to this magnitude rank on integer keys (2 × score × 10⁴ + 1 stays within 32 bits). */
const SMALL_SCORE = 100_000;

/** Members in score order, and their scores in that order (read in order rather than at random). */
interface Ordered {
  order: Int32Array;
  scores: Float64Array;
}

/**
 * The enterprises (indices) ordered by score, lowest first, by a least-significant-digit radix
 * sort (linear, sequential memory access: at a million rows a comparison sort or a binary search
 * per enterprise spends its time waiting for memory). Equal scores end up next to each other in
 * input order; -0 just below +0 (and they compare equal, so they still tie).
 *
 * Scores are multiples of 0.0001 (`round4`); when every one is within ±100,000 (and is exactly
 * its number of ten-thousandths ÷ 10⁴), the key is the integer 2 × score × 10⁴ (+1 except for
 * -0), which keeps that order in 32 bits: usually two 11-bit passes, and the sorted scores are
 * read back from the sorted keys. Otherwise the key is the IEEE 754 bits (up to six passes).
 */
function byScore(members: Int32Array, scores: Float64Array): Ordered {
  const count = members.length;
  const keys = new Int32Array(count);
  let min = 0;
  let max = 0;
  let small = true;
  for (let m = 0; m < count; m++) {
    const s = scores[members[m]!]!;
    const units = Math.round(s * 10_000);
    if (!(s >= -SMALL_SCORE && s <= SMALL_SCORE) || units / 10_000 !== s) {
      small = false;
      break;
    }
    const key = 2 * units + (s === 0 && 1 / s < 0 ? 0 : 1);
    keys[m] = key;
    if (m === 0 || key < min) min = key;
    if (m === 0 || key > max) max = key;
  }
  if (!small) return byScoreBits(members, scores);
  // Offsets from the lowest key, as unsigned numbers; as many 11-bit digits as the range needs.
  const range = max - min;
  let passes = 0;
  while (passes < 3 && range >= 2 ** (passes * DIGIT_BITS)) passes++;
  let key = new Uint32Array(count);
  for (let m = 0; m < count; m++) key[m] = keys[m]! - min;
  let order = members.slice();
  let key2 = new Uint32Array(count);
  let order2 = new Int32Array(count);
  const histogram = new Int32Array(DIGITS);
  for (let d = 0; d < passes; d++) {
    const shift = d * DIGIT_BITS;
    histogram.fill(0);
    for (let m = 0; m < count; m++) histogram[(key[m]! >>> shift) & (DIGITS - 1)]!++;
    let sum = 0;
    for (let k = 0; k < DIGITS; k++) {
      const h = histogram[k]!;
      histogram[k] = sum;
      sum += h;
    }
    for (let m = 0; m < count; m++) {
      const k = key[m]!;
      const at = histogram[(k >>> shift) & (DIGITS - 1)]!++;
      key2[at] = k;
      order2[at] = order[m]!;
    }
    [key, key2] = [key2, key];
    [order, order2] = [order2, order];
  }
  // Back from keys to scores: an even key is -0, an odd one 2 × score × 10⁴ + 1.
  const sorted = new Float64Array(count);
  for (let m = 0; m < count; m++) {
    const k = key[m]! + min;
    sorted[m] = k % 2 === 0 ? -0 : (k - 1) / 2 / 10_000;
  }
  return { order, scores: sorted };
}

/** `byScore` on the IEEE 754 bits of the scores (six 11-bit digits; a pass is skipped where every score has the same digit). */
function byScoreBits(members: Int32Array, scores: Float64Array): Ordered {
  const count = members.length;
  const bits = new Float64Array(count);
  for (let m = 0; m < count; m++) bits[m] = scores[members[m]!]!;
  const words = new Uint32Array(bits.buffer);
  const high = LITTLE_ENDIAN ? 1 : 0;
  const low = 1 - high;
  // Keys whose unsigned order is the numeric order: negative numbers flipped whole, positive ones get the sign bit.
  let hi = new Uint32Array(count);
  let lo = new Uint32Array(count);
  let order = members.slice();
  const histogram = new Int32Array(6 * DIGITS);
  for (let m = 0; m < count; m++) {
    let h = words[2 * m + high]!;
    let l = words[2 * m + low]!;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[m] = h;
    lo[m] = l;
    for (let d = 0; d < 3; d++) {
      histogram[d * DIGITS + ((l >>> (d * DIGIT_BITS)) & (DIGITS - 1))]!++;
      histogram[(d + 3) * DIGITS + ((h >>> (d * DIGIT_BITS)) & (DIGITS - 1))]!++;
    }
  }
  let hi2 = new Uint32Array(count);
  let lo2 = new Uint32Array(count);
  let order2 = new Int32Array(count);
  const offset = new Int32Array(DIGITS);
  for (let d = 0; d < 6; d++) {
    const shift = (d % 3) * DIGIT_BITS;
    const base = d * DIGITS;
    const firstDigit = (((d < 3 ? lo[0] : hi[0]) ?? 0) >>> shift) & (DIGITS - 1);
    if (count === 0 || histogram[base + firstDigit] === count) continue;
    let sum = 0;
    for (let k = 0; k < DIGITS; k++) {
      offset[k] = sum;
      sum += histogram[base + k]!;
    }
    const word = d < 3 ? lo : hi;
    for (let m = 0; m < count; m++) {
      const at = offset[(word[m]! >>> shift) & (DIGITS - 1)]!++;
      hi2[at] = hi[m]!;
      lo2[at] = lo[m]!;
      order2[at] = order[m]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [order, order2] = [order2, order];
  }
  const sorted = new Float64Array(count);
  for (let m = 0; m < count; m++) sorted[m] = scores[order[m]!]!;
  return { order, scores: sorted };
}

/**
 * What it takes to reach the next better class, holding the benchmarks: the score needed,
 * and per indicator (holding the others) the value it would need, or null when the cap
 * (or a missing value) keeps that indicator from closing the gap.
 */
export function nextClassOf(
  config: MethodConfig,
  result: Pick<EnterpriseResult, 'class' | 'score' | 'group' | 'countyId' | 'status'>,
  floors: readonly ClassFloor[],
): { code: string; scoreNeeded: number; gap: number } | null {
  if (result.status !== 'classed' || result.class === null || result.score === null) return null;
  const codes = config.classing.bands.map((b) => b.code);
  const at = codes.indexOf(result.class);
  if (at <= 0) return null;
  const scopeCounty = config.classing.scope === 'city' ? null : result.countyId;
  const floor = floors.find((f) => f.group === result.group && f.countyId === scopeCounty);
  // The nearest better class that has a floor (a band may be empty in a small group).
  for (let k = at - 1; k >= 0; k--) {
    const needed = floor?.floors[codes[k]!];
    if (needed !== undefined) return { code: codes[k]!, scoreNeeded: needed, gap: round4(Math.max(0, needed - result.score)) };
  }
  return null;
}

export function valueNeeded(
  indicator: Pick<Indicator, 'direction' | 'weight' | 'cap'>,
  currentPoints: number,
  gap: number,
  benchmark: number,
): number | null {
  if (!(benchmark > 0)) return null;
  const target = currentPoints + gap;
  const max = indicator.cap === null ? Number.POSITIVE_INFINITY : indicator.weight * indicator.cap;
  if (target > max + 1e-9) return null;
  const v = indicator.direction === 'higher' ? (target * benchmark) / indicator.weight : (indicator.weight * benchmark) / target;
  return Number.isFinite(v) ? v : null;
}
