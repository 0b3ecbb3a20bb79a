import { describe, expect, it } from 'vitest';
import {
  type CompetitionGroup,
  type CompetitionIndicator,
  type CompetitionRule,
  CreateCompetitionSchemeSchema,
  DEFAULT_COMPETITION_GROUPS,
} from '../../../../contracts/index.js';
import { fullPoints, rankNumbers, rankShares, scoreUnits, shareOf } from './score.js';

const indicator = (key: string, points: number, rule: CompetitionIndicator['rule']): CompetitionIndicator => ({
  key,
  nameZh: key,
  nameEn: key,
  points,
  source: { kind: 'entered' },
  rule,
});
const group = (key: string, indicators: CompetitionIndicator[]): CompetitionGroup => ({ key, nameZh: key, nameEn: key, indicators });
const unit = (unitId: number, values: Record<string, number | null>, adjustment = 0) => ({
  unitId,
  unitName: `U${unitId}`,
  values,
  adjustment,
});

describe(shareOf.name, () => {
  it('ratio: value ÷ target, never below 0, at most the cap', () => {
    const rule = { kind: 'ratio', target: 1, cap: 1 } as const;
    expect(shareOf(rule, 0.95)).toBeCloseTo(0.95, 12);
    expect(shareOf(rule, 1.3)).toBe(1);
    expect(shareOf({ ...rule, cap: 1.2 }, 1.3)).toBe(1.2);
    expect(shareOf(rule, -0.4)).toBe(0);
    expect(shareOf({ kind: 'ratio', target: 100, cap: 1 }, 87.5)).toBe(0.875);
    expect(shareOf(rule, null)).toBe(0);
  });

  it('thresholds: the share of the highest step reached, else nothing', () => {
    const rule: Extract<CompetitionRule, { kind: 'thresholds' }> = {
      kind: 'thresholds',
      steps: [
        { min: 0.95, share: 1 },
        { min: 0.85, share: 0.8 },
        { min: 0, share: 0.3 },
      ],
    };
    expect(shareOf(rule, 0.95)).toBe(1);
    expect(shareOf(rule, 0.9499)).toBe(0.8);
    expect(shareOf(rule, 0.85)).toBe(0.8);
    expect(shareOf(rule, 0)).toBe(0.3);
    expect(shareOf(rule, -1)).toBe(0);
    expect(shareOf(rule, null)).toBe(0);
  });
});

describe(rankShares.name, () => {
  const rule = { kind: 'rank', order: 'desc', lowest: 0.5 } as const;

  it('gives the first the full points, the last `lowest`, the places between even steps; ties share', () => {
    const shares = rankShares(rule, [
      { unitId: 1, value: 300 },
      { unitId: 2, value: 500 },
      { unitId: 3, value: 300 },
      { unitId: 4, value: 100 },
      { unitId: 5, value: 50 },
      { unitId: 6, value: null },
    ]);
    expect(shares.get(2)).toEqual({ rank: 1, share: 1 });
    expect(shares.get(1)).toEqual({ rank: 2, share: 0.875 });
    expect(shares.get(3)).toEqual({ rank: 2, share: 0.875 });
    expect(shares.get(4)).toEqual({ rank: 4, share: 0.625 });
    expect(shares.get(5)).toEqual({ rank: 5, share: 0.5 });
    expect(shares.has(6)).toBe(false);
  });

  it('ranks ascending when smaller is better, and a lone unit wins everything', () => {
    const asc = rankShares({ ...rule, order: 'asc', lowest: 0 }, [
      { unitId: 1, value: 3 },
      { unitId: 2, value: 1 },
    ]);
    expect(asc.get(2)).toEqual({ rank: 1, share: 1 });
    expect(asc.get(1)).toEqual({ rank: 2, share: 0 });
    expect(rankShares(rule, [{ unitId: 9, value: 0 }]).get(9)).toEqual({ rank: 1, share: 1 });
  });
});

describe(rankNumbers.name, () => {
  it('is standard competition ranking (1, 2, 2, 4)', () => {
    const ranks = rankNumbers(
      [10, 7, 7, 3].map((value, key) => ({ key, value })),
      false,
    );
    expect([...ranks.values()]).toEqual([1, 2, 2, 4]);
  });
});

describe(scoreUnits.name, () => {
  const groups = [
    group('a', [
      indicator('x', 40, { kind: 'ratio', target: 100, cap: 1 }),
      indicator('y', 30, { kind: 'rank', order: 'desc', lowest: 0.5 }),
    ]),
    group('b', [
      indicator('z', 30, {
        kind: 'thresholds',
        steps: [
          { min: 0.9, share: 1 },
          { min: 0, share: 0.5 },
        ],
      }),
    ]),
  ];

  it('sums the indicators, adds the adjustments, ranks with ties and bands the first and the last', () => {
    const results = scoreUnits(
      groups,
      [
        // y ranks 1, 2, 3, 3 of 4: shares 1, 5/6, 2/3, 2/3 of 30 points.
        unit(1, { x: 90, y: 500, z: 0.95 }), // 36 + 30 + 30 = 96
        unit(2, { x: 80, y: 300, z: 0.5 }, 5), // 32 + 25 + 15 + 5 = 77
        unit(3, { x: null, y: 100, z: 0.92 }, -1.25), // 0 + 20 + 30 − 1.25 = 48.75
        unit(4, { x: 100, y: 100, z: null }, -21.25), // 40 + 20 + 0 − 21.25 = 38.75
      ],
      { rewardCount: 1, warningCount: 1 },
    );
    expect(results.map((r) => [r.unitId, r.base, r.adjustment, r.total, r.rank, r.band])).toEqual([
      [1, 96, 0, 96, 1, 'reward'],
      [2, 72, 5, 77, 2, null],
      [3, 50, -1.25, 48.75, 3, null],
      [4, 60, -21.25, 38.75, 4, 'warning'],
    ]);
    const second = results[1]!;
    expect(second.groups).toEqual([
      { key: 'a', points: 57 },
      { key: 'b', points: 15 },
    ]);
    expect(second.indicators.map((i) => [i.key, i.value, i.rank, i.share.toFixed(4), i.points])).toEqual([
      ['x', 80, null, '0.8000', 32],
      ['y', 300, 2, '0.8333', 25],
      ['z', 0.5, null, '0.5000', 15],
    ]);
    expect(results[2]!.indicators[0]).toEqual({ key: 'x', value: null, rank: null, share: 0, points: 0 });
  });

  it('lets equal totals share a rank, and warns every unit tied for the last places', () => {
    const results = scoreUnits(
      [group('a', [indicator('x', 10, { kind: 'ratio', target: 1, cap: 1 })])],
      [unit(1, { x: 1 }), unit(2, { x: 0.5 }), unit(3, { x: 0.5 }), unit(4, { x: 0.5 })],
      { rewardCount: 1, warningCount: 2 },
    );
    expect(results.map((r) => [r.unitId, r.total, r.rank, r.band])).toEqual([
      [1, 10, 1, 'reward'],
      [2, 5, 2, 'warning'],
      [3, 5, 2, 'warning'],
      [4, 5, 2, 'warning'],
    ]);
  });

  it('adds points exactly in hundredths (no 0.1 + 0.2 drift), so equal sums tie', () => {
    const tenths = group(
      'a',
      Array.from({ length: 3 }, (_, i) => indicator(`k${i}`, 0.1 * (i + 1), { kind: 'ratio', target: 1, cap: 1 })),
    );
    const [first, second] = scoreUnits([tenths], [unit(1, { k0: 1, k1: 1, k2: 0 }), unit(2, { k0: 0, k1: 0, k2: 1 })], {
      rewardCount: 0,
      warningCount: 0,
    });
    expect(first!.total).toBe(0.3);
    expect(second!.total).toBe(0.3);
    expect(first!.rank).toBe(second!.rank);
    expect(fullPoints([tenths])).toBe(0.6);
  });

  it('gives a unit without a value what the indicator’s missing rule says: nothing, the others’ mean share, or the full points', () => {
    const visited = { kind: 'ratio', target: 100, cap: 1 } as const;
    const rank = { kind: 'rank', order: 'desc', lowest: 0.5 } as const;
    const results = scoreUnits(
      [
        group('a', [
          { ...indicator('zero', 10, visited), missing: 'zero' },
          { ...indicator('avg', 10, visited), missing: 'average' },
          { ...indicator('full', 10, visited), missing: 'full' },
          { ...indicator('ranked', 10, rank), missing: 'average' },
        ]),
      ],
      [
        unit(1, { zero: 90, avg: 90, full: 90, ranked: 3 }),
        unit(2, { zero: 60, avg: 60, full: 60, ranked: 2 }),
        unit(3, { zero: 85, avg: 85, full: 85, ranked: 1 }),
        unit(4, { zero: null, avg: null, full: null, ranked: null }),
      ],
      { rewardCount: 0, warningCount: 0 },
    );
    const missing = results.find((r) => r.unitId === 4)!;
    // The mean of 0.9, 0.6 and 0.85 is 0.78333… (7.83 points); of the rank shares 1, 0.75 and 0.5, 0.75.
    expect(missing.indicators.map((i) => [i.key, i.value, i.rank, i.points, i.imputed])).toEqual([
      ['zero', null, null, 0, undefined],
      ['avg', null, null, 7.83, 'average'],
      ['full', null, null, 10, 'full'],
      ['ranked', null, null, 7.5, 'average'],
    ]);
    expect(missing.base).toBe(25.33);
    // A unit with a value is scored on it, whatever the rule, and is never marked imputed.
    expect(results.find((r) => r.unitId === 2)!.indicators.map((i) => [i.points, i.imputed])).toEqual([
      [6, undefined],
      [6, undefined],
      [6, undefined],
      [7.5, undefined],
    ]);
    // Nobody with a value: the average is of nothing, so nothing.
    const [alone] = scoreUnits([group('a', [{ ...indicator('avg', 10, visited), missing: 'average' }])], [unit(1, { avg: null })], {
      rewardCount: 0,
      warningCount: 0,
    });
    expect(alone!.total).toBe(0);
  });

  it('never gives more than the full points (caps at 1) nor less than the penalties, on random inputs', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let round = 0; round < 200; round++) {
      const units = Array.from({ length: 2 + Math.floor(rnd() * 10) }, (_, i) =>
        unit(
          i + 1,
          { x: rnd() < 0.2 ? null : rnd() * 150, y: rnd() < 0.2 ? null : Math.round(rnd() * 5), z: rnd() },
          Math.round((rnd() * 40 - 20) * 100) / 100,
        ),
      );
      const results = scoreUnits(groups, units, { rewardCount: 2, warningCount: 2 });
      for (const r of results) {
        expect(r.base).toBeGreaterThanOrEqual(0);
        expect(r.base).toBeLessThanOrEqual(fullPoints(groups));
        expect(Math.round((r.base + r.adjustment) * 100)).toBe(Math.round(r.total * 100));
      }
      // Ranks follow the totals: a better total never ranks behind a worse one.
      for (const a of results) for (const b of results) if (a.total > b.total) expect(a.rank).toBeLessThan(b.rank);
    }
  });
});

describe('the default indicator system', () => {
  it('is a valid scheme worth 100 points', () => {
    expect(fullPoints(DEFAULT_COMPETITION_GROUPS)).toBe(100);
    const parsed = CreateCompetitionSchemeSchema.safeParse({
      year: 2026,
      title: '2026年度争先创优考评方案',
      groups: DEFAULT_COMPETITION_GROUPS,
      rewardCount: 3,
      warningCount: 3,
    });
    expect(parsed.success).toBe(true);
  });
});
