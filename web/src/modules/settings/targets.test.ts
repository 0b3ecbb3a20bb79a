import { describe, expect, it } from 'vitest';
import type { UnitTreeNode } from '../../../../src/contracts/index.js';
import { targetRows } from './targets';

const unit = (id: number, parentId: number | null, kind: UnitTreeNode['kind'], isActive = true): UnitTreeNode => ({
  id,
  parentId,
  kind,
  nameZh: `单位${id}`,
  nameEn: id === 1 ? 'City' : null,
  isActive,
});

const UNITS = [
  unit(1, null, 'city'),
  unit(2, 1, 'county'),
  unit(3, 2, 'park'),
  unit(4, 2, 'township'),
  unit(5, 1, 'department'),
  unit(6, 1, 'district', false),
];

describe(targetRows.name, () => {
  it('nests the units that have targets, without departments or inactive units', () => {
    const rows = targetRows(UNITS, [], 'zh-CN');
    expect(rows.map((r) => r.unitId)).toEqual([1]);
    expect(rows[0]?.children?.map((r) => r.unitId)).toEqual([2]);
    expect(rows[0]?.children?.[0]?.children?.map((r) => r.unitId)).toEqual([3, 4]);
  });

  it('carries each stored target and the exact sum of the children’s', () => {
    const rows = targetRows(
      UNITS,
      [
        { unitId: 1, amount: '1000' },
        { unitId: 3, amount: '0.1' },
        { unitId: 4, amount: '0.2' },
      ],
      'en-US',
    );
    const county = rows[0]?.children?.[0];
    expect(rows[0]?.name).toBe('City');
    expect(rows[0]?.amount).toBe('1000');
    expect(rows[0]?.childrenSum).toBeNull();
    expect(county?.amount).toBeNull();
    expect(county?.childrenSum).toBe('0.3');
  });
});
