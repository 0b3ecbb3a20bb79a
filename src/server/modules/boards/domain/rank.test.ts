import { describe, expect, it } from 'vitest';
import { movement, rankWithTies } from './rank.js';

describe(rankWithTies.name, () => {
  it('shares ranks on ties and skips after them (1, 2, 2, 4)', () => {
    const ranked = rankWithTies([
      { key: 'a', value: '100' },
      { key: 'b', value: '250.5' },
      { key: 'c', value: '100.0' },
      { key: 'd', value: '300' },
      { key: 'e', value: '0' },
    ]);
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ['d', 1],
      ['b', 2],
      ['a', 3],
      ['c', 3],
      ['e', 5],
    ]);
  });
  it('ranks ascending when smaller is better; an empty list is empty', () => {
    expect(
      rankWithTies(
        [
          { key: 1, value: '3' },
          { key: 2, value: '1' },
        ],
        true,
      ).map((r) => r.key),
    ).toEqual([2, 1]);
    expect(rankWithTies([])).toEqual([]);
  });
  it('property: ranks are between 1 and n, ties equal, a better value never ranks worse', () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let round = 0; round < 100; round++) {
      const entries = Array.from({ length: 1 + Math.floor(rnd() * 15) }, (_, i) => ({ key: i, value: String(Math.floor(rnd() * 6) * 10) }));
      const ranked = rankWithTies(entries);
      for (const a of ranked) {
        expect(a.rank).toBeGreaterThanOrEqual(1);
        expect(a.rank).toBeLessThanOrEqual(entries.length);
        for (const b of ranked) {
          if (Number(a.value) === Number(b.value)) expect(a.rank).toBe(b.rank);
          if (Number(a.value) > Number(b.value)) expect(a.rank).toBeLessThan(b.rank);
        }
        // Rank = 1 + the number of strictly better entries.
        expect(a.rank).toBe(1 + ranked.filter((b) => Number(b.value) > Number(a.value)).length);
      }
    }
  });
});

describe(movement.name, () => {
  it('is positive when moving up', () => {
    expect(movement(2, 5)).toBe(3);
    expect(movement(4, 1)).toBe(-3);
    expect(movement(1, null)).toBeNull();
  });
});
