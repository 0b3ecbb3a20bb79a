// The straightforward object-per-result implementation that `evaluate()` had before the
// columnar rewrite (bench P3), kept only here, as the reference the columnar path must agree
// with exactly on random data (every field of every result, benchmarks, floors and notes).
// The columnar input path (`evaluateFromColumns`) is held to `evaluate()` on the same random
// methods and data, from columns built here independently of `enterpriseColumns`.
import { describe, expect, it } from 'vitest';
import type { BenchmarkRule, Indicator, MethodConfig, MethodConfigInput } from '../../../../contracts/index.js';
import { EVALUATION_DATA_FIELDS, MethodConfigSchema } from '../../../../contracts/index.js';
import {
  type BenchmarkValue,
  type ClassFloor,
  type EnterpriseColumns,
  type EnterpriseInput,
  type EnterpriseResult,
  type EvaluateInput,
  type EvaluationColumns,
  type EvaluationOutcome,
  enterpriseColumns,
  evaluate,
  evaluateFromColumns,
  exemptionsOf,
  groupOf,
  indicatorValue,
  landOf,
  percentileOf,
  pointsAt,
  pointsOf,
  round4,
} from './evaluate.js';
import { METHOD_PRESETS } from './presets.js';

function clean(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null;
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

/**
 * Evaluate a year: exemptions, groups, benchmarks, points, missing data, bonus and penalty,
 * scores, ranks and classes. Results come in the order of `enterprises`.
 */
function referenceEvaluate(input: EvaluateInput): EvaluationOutcome {
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

// ---------------------------------------------------------------- the columnar path vs the reference

/** mulberry32, so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  'tax',
  'salesRevenue',
  'mainRevenue',
  'valueAdded',
  'energyTce',
  'electricity',
  'pollutantEq',
  'rdSpending',
  'employees',
] as const;

/**
 * Random firms: coarse values (many ties) or fine ones, hostile inputs (zeros, negatives, NaN,
 * Infinity, null, missing fields, -0, huge numbers), firms without a county, adjustments.
 */
function randomFirms(rand: () => number, n: number, firstId: number): EnterpriseInput[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const coarse = rand() < 0.5;
  const hostile = rand() < 0.6;
  const counties = [null, 1, 2, 3, 0].slice(0, 1 + Math.floor(rand() * 5));
  return Array.from({ length: n }, (_, i) => {
    const data: Partial<Record<(typeof FIELDS)[number], number | null>> = {};
    for (const f of FIELDS) {
      const roll = rand();
      if (roll < 0.05) continue;
      data[f] =
        hostile && roll < 0.15
          ? pick([0, -0, -5, Number.NaN, Number.POSITIVE_INFINITY, null, 1e308, 1e-300])
          : coarse
            ? pick([1, 2, 5, 10])
            : Math.round(rand() * 10_000) / 100;
    }
    return {
      id: firstId + i,
      countyId: pick(counties),
      scale: rand() < 0.6 ? 'above' : 'below',
      landOwnedMu: hostile && rand() < 0.1 ? pick([-3, 0, Number.NaN]) : coarse ? pick([2, 5, 10]) : Math.round(rand() * 5000) / 100,
      landLeasedMu: rand() < 0.3 ? Math.round(rand() * 1000) / 100 : 0,
      industryCode: rand() < 0.05 ? pick(['44', '45', 'D']) : pick(['13', '26', '38', '39']),
      productionStartYear: rand() < 0.05 ? 2023 : rand() < 0.05 ? null : 2010,
      flags: rand() < 0.05 ? ['utility', 'underConstruction'] : rand() < 0.03 ? ['notYetEvaluated'] : [],
      data,
      adjustments:
        rand() < 0.15
          ? Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
              itemKey: pick(['workSafety', 'countyDeduction', 'innovation', 'bonus', 'penalty', 'unknown']),
              points: pick([1, 2, 50, -1, Number.NaN]),
            }))
          : [],
    } satisfies EnterpriseInput;
  });
}

/** A preset with every rule re-drawn at random (still a valid method). */
function randomMethod(rand: () => number, base: MethodConfig): MethodConfig {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const config = structuredClone(base) as MethodConfigInput;
  config.landBasis = pick(['owned', 'ownedPlusLeased'] as const);
  for (const group of config.groups) {
    for (const indicator of group.indicators) {
      const scope = pick(['city', 'county'] as const);
      indicator.benchmark = pick([
        { kind: 'fixed', value: pick([0.5, 1, 3]) },
        { kind: 'currentAverage', factor: pick([1, 1.5]), scope, average: pick(['pooled', 'mean'] as const) },
        { kind: 'previousAverage', factor: pick([1, 2]), scope, average: pick(['pooled', 'mean'] as const) },
        { kind: 'percentile', percentile: pick([1, 50, 90, 100]), scope },
      ] as const);
      indicator.direction = rand() < 0.3 ? 'lower' : 'higher';
      indicator.cap = indicator.direction === 'lower' || rand() < 0.5 ? pick([1, 2, 1.5]) : null;
      indicator.missing = pick(['zero', 'groupAverage', 'notEvaluated', 'zero'] as const);
      if (rand() < 0.2) indicator.denominator = null;
    }
  }
  const codes = config.classing.bands.map((b) => b.code);
  const scope = pick(['city', 'county'] as const);
  if (rand() < 0.7) {
    let upTo = 0;
    config.classing = {
      mode: 'percentile',
      scope,
      rounding: pick(['floor', 'nearest'] as const),
      bands: codes.map((code, i) => {
        upTo = i === codes.length - 1 ? 100 : Math.min(99 - (codes.length - 2 - i), upTo + 1 + Math.floor(rand() * 40));
        return { code, upToPercent: upTo };
      }),
    };
  } else {
    let min = 150;
    config.classing = {
      mode: 'threshold',
      scope,
      bands: codes.map((code, i) => {
        min -= 1 + Math.floor(rand() * 40);
        return { code, minScore: i === codes.length - 1 ? null : min };
      }),
    };
  }
  return MethodConfigSchema.parse(config);
}

describe('the columnar evaluate() gives exactly what the straightforward computation gives', () => {
  it('on random methods and random data (every result field, benchmarks, floors, notes)', () => {
    let cases = 0;
    for (const preset of METHOD_PRESETS) {
      for (let seed = 1; seed <= 60; seed++) {
        const rand = rng(seed * 1000 + preset.key.length);
        const config = seed <= 5 ? preset.config : randomMethod(rand, preset.config);
        const n = Math.floor(rand() * (seed % 10 === 0 ? 600 : 80));
        const enterprises = randomFirms(rand, n, 1);
        const previousRoll = rand();
        const previous = previousRoll < 0.2 ? undefined : previousRoll < 0.3 ? [] : randomFirms(rand, Math.floor(rand() * 60), 1);
        const input: EvaluateInput = { year: 2024, config, enterprises, previous };
        const expected = referenceEvaluate(input);
        const actual = evaluate(input);
        expect(actual, `${preset.key} seed ${seed}`).toStrictEqual(expected);
        // Same key order (floors) and the same -0/+0 everywhere.
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        const signs: string[] = [];
        expected.results.forEach((e, i) => {
          const a = actual.results[i]!;
          for (const k of ['score', 'landMu', 'bonus', 'penalty'] as const) if (!Object.is(a[k], e[k])) signs.push(`#${i} ${k}`);
          e.values.forEach((v, k) => {
            if (!Object.is(a.values[k], v)) signs.push(`#${i} values[${k}]`);
          });
          e.points.forEach((v, k) => {
            if (!Object.is(a.points[k], v)) signs.push(`#${i} points[${k}]`);
          });
        });
        expect(signs, `${preset.key} seed ${seed}`).toEqual([]);
        cases++;
      }
    }
    expect(cases).toBe(180);
  });

  // Scores within ±100,000 sort on integer keys, larger ones on their IEEE 754 bits: both ways.
  it.each([
    ['on integer keys', [0, 0, 1e-5, 0.00004, 0.00005, 1, 1, 2.5, 99.99995, 99_999.9999, 7, 7, 7, 0.5, 12345.6789]],
    ['on the bits', [0, 0, 1e-5, 0.00004, 0.00005, 1, 1, 2.5, 99.99995, 1e6, 1e15, 3e200, 7, 7, 7, 0.5, 12345.6789]],
  ])('ranks across signs, zeros, ties and magnitudes (the radix order of the scores, %s)', (_, taxes) => {
    const config = MethodConfigSchema.parse({
      groups: [
        {
          key: 'all',
          nameZh: '全部',
          nameEn: 'All',
          when: {},
          indicators: [
            {
              key: 'tax',
              nameZh: '税收',
              nameEn: 'Tax',
              numerator: 'tax',
              denominator: null,
              direction: 'higher',
              weight: 1,
              benchmark: { kind: 'fixed', value: 1 },
            },
          ],
        },
      ],
      adjustments: [{ key: 'penalty', nameZh: '扣分', nameEn: 'Penalty', kind: 'penalty', points: 1, maxPoints: 100 }],
      classing: {
        mode: 'percentile',
        scope: 'county',
        bands: [
          { code: 'A', upToPercent: 10 },
          { code: 'B', upToPercent: 50 },
          { code: 'C', upToPercent: 100 },
        ],
      },
      classes: ['A', 'B', 'C'].map((code) => ({ code, nameZh: code, nameEn: code })),
      exempt: { code: 'T', nameZh: 'T', nameEn: 'T', managedAs: null },
    });
    const penalties = [0, 0.00001, 1, 100, 50];
    const rand = rng(99);
    // Ids out of row order: a tie of -0 and +0 takes the sign of the highest id.
    const enterprises = Array.from({ length: 3000 }, (_, i) => ({
      id: ((i * 7919) % 3000) + 1,
      countyId: i % 3 === 0 ? null : 1 + (i % 2),
      scale: 'above' as const,
      landOwnedMu: 1,
      landLeasedMu: 0,
      industryCode: '26',
      productionStartYear: 2000,
      flags: [],
      data: { tax: taxes[Math.floor(rand() * taxes.length)]! },
      adjustments: [{ itemKey: 'penalty', points: penalties[Math.floor(rand() * penalties.length)]! }],
    }));
    const input: EvaluateInput = { year: 2024, config, enterprises };
    const actual = evaluate(input);
    expect(actual).toStrictEqual(referenceEvaluate(input));
    expect(actual.results.some((r) => r.score! < 0)).toBe(true);
    expect(actual.results.some((r) => Object.is(r.score, -0))).toBe(true);
  });
});

// ---------------------------------------------------------------- the columnar input path vs evaluate()

/** The firms as columns, written out here (not with `enterpriseColumns`): null and absent are NaN, flags and adjustments sparse. */
function columnsOf(firms: readonly EnterpriseInput[]): EnterpriseColumns {
  const num = (x: number | null | undefined) => x ?? Number.NaN;
  const data: EnterpriseColumns['data'] = {};
  for (const f of EVALUATION_DATA_FIELDS) if (firms.some((e) => f in e.data)) data[f] = Float64Array.from(firms, (e) => num(e.data[f]));
  const flags = new Map(firms.flatMap((e, i) => (e.flags.length ? [[i, e.flags] as const] : [])));
  const adjustments = new Map(firms.flatMap((e, i) => (e.adjustments?.length ? [[i, e.adjustments] as const] : [])));
  return {
    length: firms.length,
    id: Float64Array.from(firms, (e) => e.id),
    countyId: Float64Array.from(firms, (e) => num(e.countyId)),
    belowScale: Uint8Array.from(firms, (e) => (e.scale === 'below' ? 1 : 0)),
    landOwnedMu: Float64Array.from(firms, (e) => e.landOwnedMu),
    landLeasedMu: Float64Array.from(firms, (e) => e.landLeasedMu),
    industryCode: firms.map((e) => e.industryCode),
    productionStartYear: Float64Array.from(firms, (e) => num(e.productionStartYear)),
    data,
    ...(flags.size ? { flags } : {}),
    ...(adjustments.size ? { adjustments } : {}),
  };
}

/** What evaluate() says of enterprise i, read from the columns (ids and counties from the firms). */
function resultAt(c: EvaluationColumns, config: MethodConfig, firm: EnterpriseInput, i: number): EnterpriseResult {
  const g = c.groupIndex[i]!;
  const status = (['classed', 'exempt', 'notCovered', 'insufficientData'] as const)[c.status[i]!]!;
  const classed = status === 'classed';
  const cols = g >= 0 ? c.groups[g]! : null;
  const m = c.memberPos[i]!;
  const kinds = [null, 'missingField', 'zeroDenominator'] as const;
  return {
    id: firm.id,
    countyId: firm.countyId,
    group: g >= 0 ? config.groups[g]!.key : null,
    status,
    reasons: status === 'exempt' ? c.exemptReasons.get(i)! : status === 'insufficientData' ? c.insufficientReasons.get(i)! : [],
    landMu: c.land[i]!,
    values: cols ? cols.values.map((v) => (Number.isNaN(v[m]!) ? null : v[m]!)) : [],
    points: cols ? cols.values.map((_, k) => pointsAt(cols, k, m)) : [],
    missing: cols ? cols.missing.map((x) => kinds[x[m]!]!) : [],
    bonus: c.bonus.get(i) ?? 0,
    penalty: c.penalty.get(i) ?? 0,
    score: classed ? c.scores[i]! : null,
    rank: classed ? c.rank[i]! : null,
    rankOf: classed ? c.rankOf[i]! : null,
    class: classed ? config.classing.bands[c.classOf[i]!]!.code : null,
  };
}

describe('the columnar input path (evaluateFromColumns) gives exactly what evaluate() gives', () => {
  it('on random methods and random data, from columns built two ways', () => {
    let cases = 0;
    for (const preset of METHOD_PRESETS) {
      for (let seed = 1; seed <= 60; seed++) {
        const rand = rng(seed * 7919 + preset.key.length);
        const config = seed <= 5 ? preset.config : randomMethod(rand, preset.config);
        const n = Math.floor(rand() * (seed % 10 === 0 ? 600 : 80));
        const enterprises = randomFirms(rand, n, 1);
        const previousRoll = rand();
        const previous = previousRoll < 0.2 ? undefined : previousRoll < 0.3 ? [] : randomFirms(rand, Math.floor(rand() * 60), 1);
        const expected = evaluate({ year: 2024, config, enterprises, previous });
        for (const [how, toColumns] of [
          ['written out', columnsOf],
          ['enterpriseColumns', (firms: readonly EnterpriseInput[]) => enterpriseColumns(firms)],
        ] as const) {
          const c = evaluateFromColumns({
            year: 2024,
            config,
            enterprises: toColumns(enterprises),
            ...(previous ? { previous: toColumns(previous) } : {}),
          });
          const actual: EvaluationOutcome = {
            results: enterprises.map((e, i) => resultAt(c, config, e, i)),
            benchmarks: c.benchmarks,
            floors: c.floors,
            notes: c.notes,
          };
          const label = `${preset.key} seed ${seed} (${how})`;
          expect(actual, label).toStrictEqual(expected);
          expect(JSON.stringify(actual), label).toBe(JSON.stringify(expected));
          const signs: string[] = [];
          expected.results.forEach((e, i) => {
            const a = actual.results[i]!;
            for (const k of ['score', 'landMu', 'bonus', 'penalty'] as const) if (!Object.is(a[k], e[k])) signs.push(`#${i} ${k}`);
            e.values.forEach((v, k) => {
              if (!Object.is(a.values[k], v)) signs.push(`#${i} values[${k}]`);
            });
            e.points.forEach((v, k) => {
              if (!Object.is(a.points[k], v)) signs.push(`#${i} points[${k}]`);
            });
          });
          expect(signs, label).toEqual([]);
          cases++;
        }
      }
    }
    expect(cases).toBe(360);
  });

  it('refuses columns shorter or longer than `length`', () => {
    const columns = columnsOf(randomFirms(rng(5), 10, 1));
    const config = METHOD_PRESETS[0]!.config;
    expect(() => evaluateFromColumns({ year: 2024, config, enterprises: { ...columns, length: 11 } })).toThrow(RangeError);
    expect(() =>
      evaluateFromColumns({ year: 2024, config, enterprises: { ...columns, data: { ...columns.data, tax: new Float64Array(3) } } }),
    ).toThrow(RangeError);
  });
});
