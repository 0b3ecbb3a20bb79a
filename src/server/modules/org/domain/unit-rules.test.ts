import { describe, expect, it } from 'vitest';
import { canHangUnder, childPath, isWithin, rebasePath, wouldCycle } from './unit-rules.js';

describe(canHangUnder.name, () => {
  it('follows the city → county-level → park/township tree', () => {
    expect(canHangUnder('district', 'city')).toBe(true);
    expect(canHangUnder('park', 'county')).toBe(true);
    expect(canHangUnder('township', 'park')).toBe(true);
    expect(canHangUnder('department', 'city')).toBe(true);
    expect(canHangUnder('county', 'park')).toBe(false);
    expect(canHangUnder('department', 'district')).toBe(false);
    expect(canHangUnder('city', 'city')).toBe(false);
  });
});

describe('paths', () => {
  it('a child path extends the parent path', () => {
    expect(childPath('/1/5/', 12)).toBe('/1/5/12/');
  });
  it('isWithin matches whole segments only', () => {
    expect(isWithin('/1/5/12/', '/1/5/')).toBe(true);
    expect(isWithin('/1/55/', '/1/5/')).toBe(false);
  });
  it('moving a unit under its own descendant is a cycle', () => {
    expect(wouldCycle('/1/5/', '/1/5/12/')).toBe(true);
    expect(wouldCycle('/1/5/', '/1/5/')).toBe(true);
    expect(wouldCycle('/1/5/', '/1/6/')).toBe(false);
  });
  it('rebases descendants after a move', () => {
    expect(rebasePath('/1/5/12/', '/1/5/', '/1/6/5/')).toBe('/1/6/5/12/');
    expect(rebasePath('/1/7/', '/1/5/', '/1/6/5/')).toBe('/1/7/');
  });
});
