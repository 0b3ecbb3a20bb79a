import { describe, expect, it } from 'vitest';
import { isFlat, movementOf, tiedRanks } from './boards';

describe(movementOf.name, () => {
  it('reads the movement the server computed', () => {
    expect(movementOf({ movement: 2, previousRank: 5 })).toEqual({ kind: 'up', places: 2 });
    expect(movementOf({ movement: -1, previousRank: 1 })).toEqual({ kind: 'down', places: 1 });
    expect(movementOf({ movement: 0, previousRank: 3 })).toEqual({ kind: 'same' });
    expect(movementOf({ movement: null, previousRank: null })).toEqual({ kind: 'new' });
  });
});

describe(tiedRanks.name, () => {
  it('finds the shared ranks', () => {
    expect([...tiedRanks([{ rank: 1 }, { rank: 2 }, { rank: 2 }, { rank: 4 }])]).toEqual([2]);
    expect(tiedRanks([{ rank: 1 }, { rank: 2 }]).size).toBe(0);
  });
});

describe(isFlat.name, () => {
  it('tells a board where nobody differs', () => {
    expect(isFlat([{ value: '0' }, { value: '0' }])).toBe(true);
    expect(isFlat([{ value: '0' }, { value: '12' }])).toBe(false);
    expect(isFlat([])).toBe(false);
  });
});
