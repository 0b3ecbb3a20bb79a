import { describe, expect, it } from 'vitest';
import { missingTotals } from './missing';

describe(missingTotals.name, () => {
  it('adds the unit rows up', () => {
    expect(
      missingTotals([
        { unitId: 1, unitName: '衡阳市', expected: 2, submitted: 1, returned: 0, missing: 1 },
        { unitId: 2, unitName: '珠晖区', expected: 37, submitted: 30, returned: 2, missing: 5 },
      ]),
    ).toEqual({ expected: 39, submitted: 31, returned: 2, missing: 6 });
    expect(missingTotals([])).toEqual({ expected: 0, submitted: 0, returned: 0, missing: 0 });
  });
});
