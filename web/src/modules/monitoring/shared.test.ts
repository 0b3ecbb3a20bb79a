import { describe, expect, it } from 'vitest';
import type { UnitTreeNode } from '../../../../src/contracts/index.js';
import { ownRowTest, unitTrail } from './shared';

const unit = (id: number, parentId: number | null, nameZh: string): UnitTreeNode => ({
  id,
  parentId,
  kind: parentId === null ? 'city' : 'county',
  nameZh,
  nameEn: null,
  isActive: true,
});

const TREE = [unit(1, null, '衡阳市'), unit(5, 1, '衡阳县'), unit(50, 5, '西渡镇'), unit(6, 1, '珠晖区')];

describe(unitTrail.name, () => {
  it('climbs from the unit to the top of the tree', () => {
    expect(unitTrail(TREE, 50).map((u) => u.id)).toEqual([1, 5, 50]);
    expect(unitTrail(TREE, 1).map((u) => u.id)).toEqual([1]);
  });

  it('stops at the top of a subtree jurisdiction and knows no unknown unit', () => {
    expect(unitTrail(TREE.slice(1), 50).map((u) => u.id)).toEqual([5, 50]);
    expect(unitTrail(TREE, 999)).toEqual([]);
    expect(unitTrail(TREE, undefined)).toEqual([]);
  });
});

describe(ownRowTest.name, () => {
  it('recognises the scope’s own projects among the rows', () => {
    const city = ownRowTest({ scope: { unitId: null, unitName: '衡阳市' } }, TREE);
    expect(city({ unitId: 1, unitName: '衡阳市', hasChildren: false })).toBe(true);
    expect(city({ unitId: 5, unitName: '衡阳县', hasChildren: true })).toBe(false);
    const county = ownRowTest({ scope: { unitId: 5, unitName: '衡阳县' } }, []);
    expect(county({ unitId: 5, unitName: '衡阳县', hasChildren: false })).toBe(true);
    expect(county({ unitId: 50, unitName: '西渡镇', hasChildren: false })).toBe(false);
  });
});
