import { describe, expect, it } from 'vitest';
import { INSPECTION_KINDS } from '../../../../contracts/index.js';
import { isOverLimit } from './limit.js';

describe('isOverLimit', () => {
  it('flags a routine inspection once the department has used the year’s limit', () => {
    expect(isOverLimit('routine', 0, 1)).toBe(false);
    expect(isOverLimit('routine', 1, 1)).toBe(true);
    expect(isOverLimit('routine', 1, 2)).toBe(false);
    expect(isOverLimit('routine', 2, 2)).toBe(true);
    expect(isOverLimit('routine', 5, 2)).toBe(true);
  });

  it('treats a limit of zero as "no routine inspections at all"', () => {
    expect(isOverLimit('routine', 0, 0)).toBe(true);
  });

  it('never flags random checks, complaints or emergencies, however many came before', () => {
    for (const kind of INSPECTION_KINDS.filter((k) => k !== 'routine')) {
      for (const before of [0, 1, 12, 100]) expect(isOverLimit(kind, before, 1)).toBe(false);
    }
  });
});
