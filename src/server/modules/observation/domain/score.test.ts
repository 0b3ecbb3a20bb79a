import { describe, expect, it } from 'vitest';
import { DEFAULT_OBSERVATION_CRITERIA, OBSERVATION_LIMITS } from '../../../../contracts/index.js';
import { isRecused, judgeTotal, pointsProblems, shown, siteScore, tourScores } from './score.js';

const criteria = DEFAULT_OBSERVATION_CRITERIA; // weights 30, 30, 20, 20
const all = (p: number) => ({ scale: p, progress: p, technology: p, land: p });
const TRIM = OBSERVATION_LIMITS.trimFrom;

describe(judgeTotal.name, () => {
  it('is the weighted mean of the points', () => {
    // (30×90 + 30×80 + 20×70 + 20×60) ÷ 100 = 77
    expect(judgeTotal(criteria, { scale: 90, progress: 80, technology: 70, land: 60 })).toBe(77);
    expect(judgeTotal(criteria, all(100))).toBe(100);
    expect(judgeTotal([{ key: 'a', nameZh: '甲', nameEn: 'A', weight: 1 }], {})).toBe(0);
  });

  it('shows two decimals rounded half up on the exact value', () => {
    // (1×1 + 39×60) ÷ 40 = 58.525 exactly; the double below it printed 58.52 with toFixed.
    const two = [
      { key: 'a', nameZh: '甲', nameEn: 'A', weight: 1 },
      { key: 'b', nameZh: '乙', nameEn: 'B', weight: 39 },
    ];
    expect(shown(judgeTotal(two, { a: 1, b: 60 }))).toBe('58.53');
    // Against integer arithmetic on many weighted points (seeded).
    let seed = 3;
    const rnd = (n: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return Math.floor((seed / 2_147_483_647) * n);
    };
    for (let round = 0; round < 20_000; round++) {
      const criteria = Array.from({ length: 1 + rnd(6) }, (_, i) => ({ key: `c${i}`, nameZh: '项', nameEn: 'C', weight: 1 + rnd(100) }));
      const points = Object.fromEntries(criteria.map((c) => [c.key, rnd(101)]));
      const sum = criteria.reduce((acc, c) => acc + c.weight * points[c.key]!, 0);
      const weights = criteria.reduce((acc, c) => acc + c.weight, 0);
      const hundredths = Math.floor((sum * 200 + weights) / (2 * weights));
      expect(shown(judgeTotal(criteria, points))).toBe(`${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`);
    }
  });
});

describe(siteScore.name, () => {
  it('takes the plain mean below five judges', () => {
    const { judges, score } = siteScore(
      criteria,
      [1, 2, 3, 4].map((j) => ({ judgeId: j, points: all(60 + 10 * j) })),
      TRIM,
    );
    expect(score).toBe(85); // (70 + 80 + 90 + 100) ÷ 4
    expect(judges.every((j) => j.dropped === null)).toBe(true);
  });

  it('drops the highest and the lowest judge from five judges on', () => {
    const totals = [88, 95, 70, 90, 91];
    const { judges, score } = siteScore(
      criteria,
      totals.map((t, i) => ({ judgeId: i + 1, points: all(t) })),
      TRIM,
    );
    expect(judges.map((j) => j.dropped)).toEqual([null, 'high', 'low', null, null]);
    expect(score).toBeCloseTo((88 + 90 + 91) / 3, 10);
  });

  it('drops exactly one of equal extremes, the last as highest and the first as lowest', () => {
    const { judges, score } = siteScore(
      criteria,
      [80, 80, 80, 80, 80].map((t, i) => ({ judgeId: i + 1, points: all(t) })),
      TRIM,
    );
    expect(judges.map((j) => j.dropped)).toEqual(['low', null, null, null, 'high']);
    expect(score).toBe(80);
  });

  it('has no score without judges', () => {
    expect(siteScore(criteria, [], TRIM)).toEqual({ judges: [], score: null });
  });

  // Seeded pseudo-random rounds (Lehmer), so a failure repeats.
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647;
    return Math.floor((seed / 2_147_483_647) * n);
  };
  const randomPoints = (max: number) => Array.from({ length: 1 + rnd(12) }, () => rnd(max + 1));
  const score = (points: number[]) =>
    siteScore(
      criteria,
      points.map((p, j) => ({ judgeId: j, points: all(p) })),
      TRIM,
    ).score!;

  it('property: stays between the lowest and the highest total, whatever the judges order', () => {
    for (let round = 0; round < 300; round++) {
      const points = randomPoints(100);
      const value = score(points);
      expect(value).toBeGreaterThanOrEqual(Math.min(...points) - 1e-9);
      expect(value).toBeLessThanOrEqual(Math.max(...points) + 1e-9);
      expect(score([...points].reverse())).toBeCloseTo(value, 9);
    }
  });

  it('property: never moves down when one judge gives more points', () => {
    for (let round = 0; round < 300; round++) {
      const points = randomPoints(99);
      const i = rnd(points.length);
      expect(score(points.map((p, j) => (j === i ? p + 1 : p)))).toBeGreaterThanOrEqual(score(points) - 1e-9);
    }
  });
});

describe(tourScores.name, () => {
  it('ranks sites and units, a unit by the mean of its scored sites, ties sharing a rank', () => {
    const judge = (judgeId: number, p: number) => ({ judgeId, points: all(p) });
    const { sites, units } = tourScores(
      criteria,
      [
        { siteId: 11, unitId: 1, scores: [judge(1, 90), judge(2, 80)] }, // 85
        { siteId: 12, unitId: 1, scores: [judge(1, 75), judge(2, 75)] }, // 75 → unit 1: 80
        { siteId: 21, unitId: 2, scores: [judge(1, 80), judge(2, 80)] }, // 80 → unit 2: 80
        { siteId: 31, unitId: 3, scores: [judge(1, 95), judge(2, 95)] }, // 95 → unit 3: 95
        { siteId: 41, unitId: 4, scores: [] }, // nobody scored it: unit 4 is not ranked
      ],
      TRIM,
    );
    expect(sites.map((s) => [s.siteId, s.score, s.rank])).toEqual([
      [11, 85, 2],
      [12, 75, 4],
      [21, 80, 3],
      [31, 95, 1],
      [41, null, null],
    ]);
    expect(units.map((u) => [u.unitId, shown(u.score), u.siteCount, u.rank])).toEqual([
      [3, '95.00', 1, 1],
      [1, '80.00', 2, 2],
      [2, '80.00', 1, 2],
    ]);
  });
});

describe(pointsProblems.name, () => {
  it('names the criteria without points and the points for no criterion', () => {
    expect(pointsProblems(criteria, all(50))).toEqual([]);
    expect(pointsProblems(criteria, { scale: 1, progress: 2, technology: 3, extra: 4 })).toEqual([
      { key: 'land', problem: 'missing' },
      { key: 'extra', problem: 'unknown' },
    ]);
  });
});

describe(isRecused.name, () => {
  it('keeps a unit judge away from the sites of its own subtree only', () => {
    expect(isRecused('/1/5/', '/1/5/')).toBe(true);
    expect(isRecused('/1/5/', '/1/5/9/')).toBe(true);
    expect(isRecused('/1/5/', '/1/6/')).toBe(false);
    expect(isRecused(null, '/1/5/')).toBe(false);
  });
});
