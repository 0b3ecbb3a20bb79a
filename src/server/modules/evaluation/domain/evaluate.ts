import type {
  BenchmarkRule,
  EvaluationDataField,
  FormulaField,
  Indicator,
  MethodConfig,
  ResultStatus,
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
  const land = landOf(e, config.landBasis);
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

interface Peers {
  sumNumerator: number;
  sumDenominator: number;
  sumValue: number;
  count: number;
  values: number[] | null;
}

const scopeKey = (scope: 'city' | 'county', countyId: number | null) => (scope === 'city' ? 'city' : `c${countyId ?? 'city'}`);

/** Averages and percentiles of an indicator over the peers that have a value, per scope key. */
function peerStats(
  members: readonly EnterpriseInput[],
  indicator: Indicator,
  landBasis: MethodConfig['landBasis'],
  scope: 'city' | 'county',
  wantValues: boolean,
): Map<string, Peers> {
  const stats = new Map<string, Peers>();
  for (const e of members) {
    const v = indicatorValue(e, indicator, landOf(e, landBasis));
    if (v.value === null) continue;
    const key = scopeKey(scope, e.countyId);
    let s = stats.get(key);
    if (!s) {
      s = { sumNumerator: 0, sumDenominator: 0, sumValue: 0, count: 0, values: wantValues ? [] : null };
      stats.set(key, s);
    }
    s.sumNumerator += v.numerator!;
    s.sumDenominator += indicator.denominator === null ? 1 : v.denominator!;
    s.sumValue += v.value;
    s.count++;
    s.values?.push(v.value);
  }
  return stats;
}

function averageOf(s: Peers | undefined, average: 'pooled' | 'mean'): number | null {
  if (!s || s.count === 0) return null;
  const avg = average === 'pooled' ? s.sumNumerator / s.sumDenominator : s.sumValue / s.count;
  return Number.isFinite(avg) ? avg : null;
}

/**
 * Benchmarks of one indicator of a group, per scope key ('city' or 'c<countyId>'), with a note
 * when a rule could not be applied as written.
 */
function benchmarksOf(
  rule: BenchmarkRule,
  indicator: Indicator,
  current: readonly EnterpriseInput[],
  previous: readonly EnterpriseInput[] | null,
  landBasis: MethodConfig['landBasis'],
  scopes: readonly string[],
): Map<string, { value: number; note: string | null }> {
  const out = new Map<string, { value: number; note: string | null }>();
  if (rule.kind === 'fixed') {
    for (const key of scopes) out.set(key, { value: rule.value, note: null });
    return out;
  }
  if (rule.kind === 'percentile') {
    const stats = peerStats(current, indicator, landBasis, rule.scope, true);
    for (const key of scopes) {
      const s = stats.get(rule.scope === 'city' ? 'city' : key);
      const sorted = Float64Array.from(s?.values ?? []).sort();
      out.set(key, sorted.length ? { value: percentileOf(sorted, rule.percentile), note: null } : { value: 0, note: 'noPeers' });
    }
    return out;
  }
  const stats = peerStats(current, indicator, landBasis, rule.scope, false);
  const previousStats = rule.kind === 'previousAverage' && previous ? peerStats(previous, indicator, landBasis, rule.scope, false) : null;
  for (const key of scopes) {
    const k = rule.scope === 'city' ? 'city' : key;
    let avg: number | null = null;
    let note: string | null = null;
    if (rule.kind === 'previousAverage') {
      avg = averageOf(previousStats?.get(k), rule.average);
      if (avg === null) {
        avg = averageOf(stats.get(k), rule.average);
        note = 'previousYearMissing';
      }
    } else avg = averageOf(stats.get(k), rule.average);
    if (avg === null) out.set(key, { value: 0, note: 'noPeers' });
    else out.set(key, { value: rule.factor * avg, note });
  }
  return out;
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

/**
 * Evaluate a year: exemptions, groups, benchmarks, points, missing data, bonus and penalty,
 * scores, ranks and classes. Results come in the order of `enterprises`.
 */
export function evaluate(input: EvaluateInput): EvaluationOutcome {
  const { config, year } = input;
  const notes: string[] = [];
  const n = input.enterprises.length;
  const results: EnterpriseResult[] = new Array(n);
  const groupIndex = new Int32Array(n);
  const members: EnterpriseInput[][] = config.groups.map(() => []);
  const memberIdx: number[][] = config.groups.map(() => []);

  for (let i = 0; i < n; i++) {
    const e = input.enterprises[i]!;
    const land = landOf(e, config.landBasis);
    const exempt = config.exemptions.length ? exemptionsOf(e, config, year) : [];
    const g = exempt.length ? -1 : groupOf(e, config);
    groupIndex[i] = g;
    results[i] = {
      id: e.id,
      countyId: e.countyId,
      group: g >= 0 ? config.groups[g]!.key : null,
      status: exempt.length ? 'exempt' : g < 0 ? 'notCovered' : 'classed',
      reasons: exempt,
      landMu: land,
      values: [],
      points: [],
      missing: [],
      bonus: 0,
      penalty: 0,
      score: null,
      rank: null,
      rankOf: null,
      class: null,
    };
    if (g >= 0) {
      members[g]!.push(e);
      memberIdx[g]!.push(i);
    }
  }

  // Last year's peers: the same groups, on this year's register.
  const previousMembers: EnterpriseInput[][] | null = input.previous ? config.groups.map(() => []) : null;
  if (input.previous && previousMembers) {
    for (const e of input.previous) {
      if (config.exemptions.length && exemptionsOf(e, config, year - 1).length) continue;
      const g = groupOf(e, config);
      if (g >= 0) previousMembers[g]!.push(e);
    }
  }

  const benchmarks: BenchmarkValue[] = [];
  const adjustmentItems = new Map(config.adjustments.map((a) => [a.key, a]));

  config.groups.forEach((group, g) => {
    const list = members[g]!;
    const idx = memberIdx[g]!;
    const scopes = [...new Set(list.map((e) => scopeKey('county', e.countyId)))];
    const indicatorCount = group.indicators.length;
    // Values first: benchmarks need every member's value.
    for (let m = 0; m < list.length; m++) {
      const e = list[m]!;
      const r = results[idx[m]!]!;
      r.values = new Array(indicatorCount);
      r.points = new Array(indicatorCount).fill(0);
      r.missing = new Array(indicatorCount);
      for (let k = 0; k < indicatorCount; k++) {
        const v = indicatorValue(e, group.indicators[k]!, r.landMu);
        r.values[k] = v.value;
        r.missing[k] = v.missing;
      }
    }
    group.indicators.forEach((indicator, k) => {
      const byScope = benchmarksOf(indicator.benchmark, indicator, list, previousMembers?.[g] ?? null, config.landBasis, scopes);
      const isCityWide = indicator.benchmark.kind === 'fixed' || indicator.benchmark.scope === 'city';
      const seen = new Set<string>();
      for (const [key, b] of byScope) {
        const countyId = key === 'city' || key === 'ccity' ? null : Number(key.slice(1));
        const shownKey = isCityWide ? 'city' : key;
        if (seen.has(shownKey)) continue;
        seen.add(shownKey);
        const note = b.value > 0 ? b.note : (b.note ?? 'benchmarkZero');
        benchmarks.push({ group: group.key, indicator: indicator.key, countyId: isCityWide ? null : countyId, value: b.value, note });
        if (note) notes.push(`${group.key}.${indicator.key}${isCityWide ? '' : `@${countyId ?? 'city'}`}: ${note}`);
      }
      let sumPoints = 0;
      let withValue = 0;
      for (let m = 0; m < list.length; m++) {
        const r = results[idx[m]!]!;
        const value = r.values[k];
        if (value === null || value === undefined) continue;
        const bench = byScope.get(scopeKey('county', r.countyId))!.value;
        const p = pointsOf(indicator, value, bench);
        r.points[k] = p;
        sumPoints += p;
        withValue++;
      }
      const averagePoints = withValue ? sumPoints / withValue : 0;
      for (let m = 0; m < list.length; m++) {
        const r = results[idx[m]!]!;
        if (r.values[k] !== null) continue;
        if (indicator.missing === 'groupAverage') r.points[k] = averagePoints;
        else if (indicator.missing === 'notEvaluated') {
          r.status = 'insufficientData';
          r.reasons.push(indicator.key);
        }
      }
    });
    for (let m = 0; m < list.length; m++) {
      const e = list[m]!;
      const r = results[idx[m]!]!;
      if (r.status !== 'classed') continue;
      let total = 0;
      for (let k = 0; k < indicatorCount; k++) total += r.points[k]!;
      if (e.adjustments?.length) {
        const perItem = new Map<string, number>();
        for (const a of e.adjustments) {
          const item = adjustmentItems.get(a.itemKey);
          const p = clean(a.points);
          if (!item || p === null) continue;
          perItem.set(a.itemKey, Math.min(item.maxPoints, (perItem.get(a.itemKey) ?? 0) + p));
        }
        for (const [key, p] of perItem) {
          if (adjustmentItems.get(key)!.kind === 'bonus') r.bonus += p;
          else r.penalty += p;
        }
      }
      r.score = round4(total + r.bonus - r.penalty);
    }
  });

  const floors = classify(results, groupIndex, config);
  return { results, benchmarks, floors, notes };
}

/** Ranks and classes within each group × class scope. */
function classify(results: EnterpriseResult[], groupIndex: Int32Array, config: MethodConfig): ClassFloor[] {
  const { classing } = config;
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (r.status !== 'classed') continue;
    const key = `${groupIndex[i]}|${classing.scope === 'city' ? 'city' : (r.countyId ?? 'city')}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(i);
    else buckets.set(key, [i]);
  }
  const floors: ClassFloor[] = [];
  for (const [key, bucket] of buckets) {
    bucket.sort((a, b) => results[b]!.score! - results[a]!.score! || results[a]!.id - results[b]!.id);
    const count = bucket.length;
    const cuts =
      classing.mode === 'percentile'
        ? classing.bands.map((b, k) =>
            k === classing.bands.length - 1
              ? count
              : classing.rounding === 'nearest'
                ? Math.floor((count * b.upToPercent) / 100 + 0.5)
                : Math.floor((count * b.upToPercent) / 100 + 1e-9),
          )
        : [];
    const floor: Record<string, number> = {};
    let rank = 1;
    for (let p = 0; p < count; p++) {
      const r = results[bucket[p]!]!;
      if (p > 0 && r.score! < results[bucket[p - 1]!]!.score!) rank = p + 1;
      r.rank = rank;
      r.rankOf = count;
      let code: string;
      if (classing.mode === 'percentile') {
        let band = 0;
        while (band < cuts.length - 1 && rank > cuts[band]!) band++;
        code = classing.bands[band]!.code;
      } else {
        const band = classing.bands.find((b) => b.minScore === null || r.score! >= b.minScore)!;
        code = band.code;
      }
      r.class = code;
      floor[code] = r.score!;
    }
    if (classing.mode === 'threshold') for (const b of classing.bands) if (b.minScore !== null) floor[b.code] = b.minScore;
    const [g, scope] = key.split('|');
    floors.push({ group: config.groups[Number(g)]!.key, countyId: scope === 'city' ? null : Number(scope), floors: floor });
  }
  return floors;
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
