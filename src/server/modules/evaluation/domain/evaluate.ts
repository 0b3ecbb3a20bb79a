import type { EvaluationDataField, FormulaField, Indicator, MethodConfig, ResultStatus } from '../../../../contracts/index.js';

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
  return groupOfLand(e, config, landOf(e, config.landBasis));
}

function groupOfLand(e: EnterpriseInput, config: MethodConfig, land: number): number {
  for (let g = 0; g < config.groups.length; g++) {
    const when = config.groups[g]!.when;
    if (when.scale !== undefined && when.scale !== e.scale) continue;
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
// evaluateColumns() computes everything on typed arrays: per group, its members (indices in
// input order) and their county scope; per indicator, the values (NaN = no value) and why a
// value is missing, read from the input in one pass together with the sums its benchmark needs
// (points are recomputed from a value and its benchmark where needed rather than stored);
// per enterprise, status, score, rank and class. Ranks come from a radix sort of each class
// bucket's scores. evaluate() then builds the result objects once. Sums run in input order, as
// before, so every figure is the same number the straightforward per-object computation gave
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

/** Enterprises of one group (this year's or last year's), in input order: member m is entries[index[m]], on land[index[m]]. */
interface Peers {
  entries: readonly EnterpriseInput[];
  land: Float64Array;
  index: Int32Array;
}

/**
 * The members of each group, without growing arrays: group (-1: none) and land per entry,
 * then each group's entry indices in input order.
 */
function peersOf(entries: readonly EnterpriseInput[], land: Float64Array, groupIndex: Int32Array, groupCount: number): Peers[] {
  const size = new Int32Array(groupCount);
  for (let i = 0; i < entries.length; i++) if (groupIndex[i]! >= 0) size[groupIndex[i]!]!++;
  const peers = Array.from(size, (count) => ({ entries, land, index: new Int32Array(count) }));
  const fill = new Int32Array(groupCount);
  for (let i = 0; i < entries.length; i++) {
    const g = groupIndex[i]!;
    if (g >= 0) peers[g]!.index[fill[g]!++] = i;
  }
  return peers;
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

/** A usable field value, NaN where there is none (`field` and `clean` on plain numbers). */
function fieldValue(data: EnterpriseInput['data'], f: FormulaField, land: number): number {
  if (f === 'landMu') return land;
  const x = data[f];
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : Number.NaN;
}

/**
 * Every indicator's value for every peer in one pass over the data (`indicatorValue` on plain
 * numbers: NaN = no value), why a value is missing, and the sums of the averages that are asked
 * for (`sums[k]`), in input order.
 */
function readValues(
  peers: Peers,
  indicators: readonly Indicator[],
  values: Float64Array[],
  missing: Uint8Array[] | null,
  sums: readonly (Sums | null)[],
): void {
  const { entries, land, index } = peers;
  const count = indicators.length;
  const numerators = indicators.map((i) => i.numerator);
  const denominators = indicators.map((i) => i.denominator);
  for (let m = 0; m < index.length; m++) {
    const i = index[m]!;
    const data = entries[i]!.data;
    const l = land[i]!;
    for (let k = 0; k < count; k++) {
      const a = fieldValue(data, numerators[k]!, l);
      const denominator = denominators[k]!;
      let d = 1;
      let v = Number.NaN;
      let why = MISSING_NONE;
      if (Number.isNaN(a)) why = MISSING_FIELD;
      else if (denominator === null) v = a;
      else {
        d = fieldValue(data, denominator, l);
        if (Number.isNaN(d)) why = MISSING_FIELD;
        else if (d === 0) why = MISSING_ZERO_DENOMINATOR;
        else {
          v = a / d;
          if (!Number.isFinite(v)) {
            v = Number.NaN;
            why = MISSING_ZERO_DENOMINATOR;
          }
        }
      }
      values[k]![m] = v;
      if (missing) missing[k]![m] = why;
      const s = sums[k];
      if (s && why === MISSING_NONE) {
        const j = s.scopeOf ? s.scopeOf[m]! : 0;
        if (j < 0) continue;
        s.numerator[j]! += a;
        s.denominator[j]! += d;
        s.value[j]! += v;
        s.count[j]!++;
      }
    }
  }
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

/** `evaluate()` without the result objects: the columns they are made from. */
export function evaluateColumns(input: EvaluateInput): EvaluationColumns {
  const { config, year, enterprises } = input;
  const notes: string[] = [];
  const n = enterprises.length;
  const groupCount = config.groups.length;
  const land = new Float64Array(n);
  const groupIndex = new Int32Array(n);
  const memberPos = new Int32Array(n);
  const status = new Uint8Array(n);
  const exemptReasons = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const e = enterprises[i]!;
    const l = landOf(e, config.landBasis);
    land[i] = l;
    const exempt = config.exemptions.length ? exemptionsOf(e, config, year) : null;
    if (exempt?.length) {
      groupIndex[i] = -1;
      status[i] = EXEMPT;
      exemptReasons.set(i, exempt);
      continue;
    }
    const g = groupOfLand(e, config, l);
    groupIndex[i] = g;
    if (g < 0) {
      status[i] = NOT_COVERED;
    }
  }
  const members = peersOf(enterprises, land, groupIndex, groupCount);
  for (const peers of members) for (let m = 0; m < peers.index.length; m++) memberPos[peers.index[m]!] = m;

  // Last year's peers: the same groups, on this year's register (only when a rule reads them).
  const wantsPrevious = config.groups.some((group) => group.indicators.some((ind) => ind.benchmark.kind === 'previousAverage'));
  let previousMembers: Peers[] | null = null;
  if (input.previous && wantsPrevious) {
    const previous = input.previous;
    const previousLand = new Float64Array(previous.length);
    const previousGroup = new Int32Array(previous.length);
    for (let i = 0; i < previous.length; i++) {
      const e = previous[i]!;
      previousLand[i] = landOf(e, config.landBasis);
      previousGroup[i] =
        config.exemptions.length && exemptionsOf(e, config, year - 1).length ? -1 : groupOfLand(e, config, previousLand[i]!);
    }
    previousMembers = peersOf(previous, previousLand, previousGroup, groupCount);
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
    const peers = members[g]!;
    const { index } = peers;
    const count = index.length;
    // County scopes in order of first appearance.
    const scopes: (number | null)[] = [];
    const scopeIndex = new Map<number | null, number>();
    const scopeOf = new Int32Array(count);
    let lastCounty: number | null = null;
    let lastScope = 0;
    for (let m = 0; m < count; m++) {
      const c = enterprises[index[m]!]!.countyId ?? null;
      if (m > 0 && c === lastCounty) {
        scopeOf[m] = lastScope;
        continue;
      }
      let s = scopeIndex.get(c);
      if (s === undefined) {
        s = scopes.length;
        scopes.push(c);
        scopeIndex.set(c, s);
      }
      scopeOf[m] = s;
      lastCounty = c;
      lastScope = s;
    }
    const isCityWide = indicators.map((ind) => ind.benchmark.kind === 'fixed' || ind.benchmark.scope === 'city');
    const scopeCount = (k: number) => (isCityWide[k] ? 1 : scopes.length);

    // Values, and the sums of this year's averages, in one pass.
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
    readValues(peers, indicators, cols.values, cols.missing, sums);
    // Last year's sums, for the indicators that read them.
    const previousSums: (Sums | null)[] = indicators.map(() => null);
    const last = previousMembers?.[g];
    if (last && indicators.some((ind) => ind.benchmark.kind === 'previousAverage')) {
      let lastScopeOf: Int32Array | null = null;
      const lastIndicators: Indicator[] = [];
      const lastSums: Sums[] = [];
      indicators.forEach((ind, k) => {
        if (ind.benchmark.kind !== 'previousAverage') return;
        if (!isCityWide[k] && !lastScopeOf) {
          lastScopeOf = new Int32Array(last.index.length);
          for (let m = 0; m < last.index.length; m++) lastScopeOf[m] = scopeIndex.get(last.entries[last.index[m]!]!.countyId ?? null) ?? -1;
        }
        const s = newSums(isCityWide[k] ? null : lastScopeOf, scopeCount(k));
        previousSums[k] = s;
        lastIndicators.push(ind);
        lastSums.push(s);
      });
      const scratch = lastIndicators.map(() => new Float64Array(last.index.length));
      readValues(last, lastIndicators, scratch, null, lastSums);
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

      // Points; then what a missing value earns.
      let sumPoints = 0;
      let withValue = 0;
      for (let m = 0; m < count; m++) {
        const v = values[m]!;
        if (Number.isNaN(v)) continue;
        sumPoints += pointsOf(indicator, v, bench[ruleScopeOf ? ruleScopeOf[m]! : 0]!);
        withValue++;
      }
      if (indicator.missing === 'groupAverage') cols.missingPoints[k] = withValue ? sumPoints / withValue : 0;
      if (withValue < count && indicator.missing === 'notEvaluated') {
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
    const indicatorCount = indicators.length;
    for (let m = 0; m < count; m++) {
      const i = index[m]!;
      if (status[i] !== CLASSED) continue;
      let total = 0;
      for (let k = 0; k < indicatorCount; k++) total += pointsAt(cols, k, m);
      // Entries count only for items of the method: none, nothing to read.
      const adjustments = adjustmentItems.size ? enterprises[i]!.adjustments : undefined;
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
      scores[i] = round4(total + plus - minus);
    }
  }

  const rank = new Int32Array(n);
  const rankOf = new Int32Array(n);
  const classOf = new Int32Array(n);
  const floors = classify(enterprises, status, groupIndex, scores, config, rank, rankOf, classOf);
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
 * bucket's scores are sorted once as numbers, and an enterprise's rank is found by binary search.
 */
function classify(
  enterprises: readonly EnterpriseInput[],
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
  const byCounty = classing.scope === 'county';
  const cityBucket = new Int32Array(config.groups.length).fill(-1);
  const countyBucket = config.groups.map(() => new Map<number | null, number>());
  const bucketGroup: number[] = [];
  const bucketCounty: (number | null)[] = [];
  const bucketOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (status[i] !== CLASSED) continue;
    const g = groupIndex[i]!;
    let b: number;
    if (byCounty) {
      const c = enterprises[i]!.countyId ?? null;
      const found = countyBucket[g]!.get(c);
      if (found === undefined) {
        b = bucketGroup.length;
        countyBucket[g]!.set(c, b);
        bucketGroup.push(g);
        bucketCounty.push(c);
      } else b = found;
    } else {
      b = cityBucket[g]!;
      if (b < 0) {
        b = bucketGroup.length;
        cityBucket[g] = b;
        bucketGroup.push(g);
        bucketCounty.push(null);
      }
    }
    bucketOf[i] = b;
  }
  // Each bucket's members, contiguous (input order), then sorted by score.
  const bucketCount = bucketGroup.length;
  const start = new Int32Array(bucketCount + 1);
  for (let i = 0; i < n; i++) if (bucketOf[i]! >= 0) start[bucketOf[i]! + 1]!++;
  for (let b = 0; b < bucketCount; b++) start[b + 1]! += start[b]!;
  const grouped = new Int32Array(start[bucketCount]!);
  const fill = start.slice(0, bucketCount);
  for (let i = 0; i < n; i++) if (bucketOf[i]! >= 0) grouped[fill[bucketOf[i]!]!++] = i;

  const bands = classing.bands;
  const codes = bands.map((b) => b.code);
  const last = bands.length - 1;
  const minScores = classing.mode === 'threshold' ? classing.bands.map((b) => b.minScore) : null;
  const floors: ClassFloor[] = [];
  for (let b = 0; b < bucketCount; b++) {
    const sorted = byScore(grouped.subarray(start[b]!, start[b + 1]!), scores);
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
    // decrease; the lowest score of each class, classes in the order they are reached.
    const lowest = new Float64Array(bands.length);
    const reached: number[] = [];
    let r = 1;
    let band = 0;
    let previousBand = -1;
    let previousScore = 0;
    for (let p = 0; p < count; p++) {
      const i = sorted[count - 1 - p]!;
      const score = scores[i]!;
      if (p > 0 && score < previousScore) r = p + 1;
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
      lowest[band] = score;
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

/**
 * The enterprises (indices) ordered by score, lowest first: a least-significant-digit radix sort
 * on the bits of the scores (six 11-bit digits; a pass is skipped where every score has the same
 * digit). Linear and with sequential memory access: at a million rows a comparison sort or a
 * binary search per enterprise spends its time waiting for memory. Equal scores end up next
 * to each other; -0 just below +0 (and they compare equal, so they still tie).
 */
function byScore(members: Int32Array, scores: Float64Array): Int32Array {
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
  return order;
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
