import { describe, expect, it } from 'vitest';
import type { UnitTreeNode } from '../../../../src/contracts/index.js';
import { ownRowTest, scopeUnitName, unitTrail } from './shared';

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

describe(scopeUnitName.name, () => {
  const named = [
    { ...unit(1, null, '衡阳市'), nameEn: 'Hengyang City' },
    { ...unit(5, 1, '衡阳县'), nameEn: 'Hengyang County' },
  ];

  it('names the unit looked into in the UI language, the whole city being the top of the tree', () => {
    expect(scopeUnitName(named, { unitId: null, unitName: '衡阳市' }, 'en-US')).toBe('Hengyang City');
    expect(scopeUnitName(named, { unitId: 5, unitName: '衡阳县' }, 'en-US')).toBe('Hengyang County');
    expect(scopeUnitName(named, { unitId: 5, unitName: '衡阳县' }, 'zh-CN')).toBe('衡阳县');
  });

  it('keeps the name the API gave when the tree does not know the unit', () => {
    expect(scopeUnitName([], { unitId: null, unitName: '衡阳市' }, 'en-US')).toBe('衡阳市');
    expect(scopeUnitName(named, { unitId: 99, unitName: '某单位' }, 'en-US')).toBe('某单位');
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
