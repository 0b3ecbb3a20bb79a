import { describe, expect, it } from 'vitest';
import { Random, apportion } from './random.js';

describe(Random.name, () => {
  it('gives the same sequence for the same seed, another for another seed or fork', () => {
    const draw = (r: Random) => Array.from({ length: 5 }, () => r.nextUint32());
    expect(draw(new Random('a'))).toEqual(draw(new Random('a')));
    expect(draw(new Random('a'))).not.toEqual(draw(new Random('b')));
    expect(draw(new Random('a').fork('x'))).not.toEqual(draw(new Random('a').fork('y')));
  });

  it('keeps its draws in range and roughly uniform', () => {
    const r = new Random('range');
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const n = r.int(1, 4);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
      buckets[n - 1]!++;
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
    for (const b of buckets) expect(b).toBeGreaterThan(850);
  });
});

describe(apportion.name, () => {
  it('splits a total exactly in proportion, by largest remainder', () => {
    expect(apportion(10n, [1, 1, 1])).toEqual([4n, 3n, 3n]);
    expect(apportion(100n, [0, 3, 1])).toEqual([0n, 75n, 25n]);
    expect(apportion(7n, [0, 0])).toEqual([7n, 0n]);
    const r = new Random('apportion');
    for (let round = 0; round < 50; round++) {
      const weights = Array.from({ length: r.int(1, 20) }, () => (r.chance(0.2) ? 0 : r.real(0, 100)));
      const total = BigInt(r.int(0, 10_000_000));
      const parts = apportion(total, weights);
      expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
      weights.forEach((w, i) => {
        if (w === 0 && weights.some((x) => x > 0)) expect(parts[i]).toBe(0n);
      });
    }
  });
});
