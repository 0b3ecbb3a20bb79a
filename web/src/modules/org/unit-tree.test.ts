import { describe, expect, it } from 'vitest';
import type { UnitTreeNode } from '../../../../src/contracts/index.js';
import { buildUnitTree, topLevelKeys, unitName } from './unit-tree';

const unit = (id: number, parentId: number | null, kind: UnitTreeNode['kind'], nameZh: string, isActive = true): UnitTreeNode => ({
  id,
  parentId,
  kind,
  nameZh,
  nameEn: nameZh === '衡阳市' ? 'Hengyang City' : null,
  isActive,
});

const items = [
  unit(1, null, 'city', '衡阳市'),
  unit(2, 1, 'district', '珠晖区'),
  unit(3, 2, 'township', '东风街道'),
  unit(4, 1, 'department', '自然资源局', false),
];

describe(buildUnitTree.name, () => {
  it('nests the flat list', () => {
    const roots = buildUnitTree(items, { locale: 'zh-CN' });
    expect(roots.map((n) => n.key)).toEqual([1]);
    expect(roots[0]?.children?.map((n) => n.key)).toEqual([2, 4]);
    expect(roots[0]?.children?.[0]?.children?.map((n) => n.title)).toEqual(['东风街道']);
  });

  it('makes the top of a subtree jurisdiction a root', () => {
    const roots = buildUnitTree(items.slice(1, 3), { locale: 'zh-CN' });
    expect(roots.map((n) => n.key)).toEqual([2]);
  });

  it('disables units that cannot be picked but keeps them visible', () => {
    const roots = buildUnitTree(items, { locale: 'zh-CN', isSelectable: (u) => u.isActive && u.kind === 'district' });
    expect(roots[0]?.disabled).toBe(true);
    expect(roots[0]?.children?.[0]?.disabled).toBeUndefined();
    expect(roots[0]?.children?.[1]?.disabled).toBe(true);
  });

  it('leaves out a unit and everything below it (a unit cannot move under itself)', () => {
    const roots = buildUnitTree(items, { locale: 'zh-CN', excludeSubtreeOf: 2 });
    expect(roots[0]?.children?.map((n) => n.key)).toEqual([4]);
  });

  it('names units in the UI language', () => {
    expect(buildUnitTree(items, { locale: 'en-US' })[0]?.title).toBe('Hengyang City');
    expect(unitName({ nameZh: '珠晖区', nameEn: null }, 'en-US')).toBe('珠晖区');
  });
});

describe(topLevelKeys.name, () => {
  it('lists the keys of the first levels', () => {
    const roots = buildUnitTree(items, { locale: 'zh-CN' });
    expect(topLevelKeys(roots, 1)).toEqual([1]);
    expect(topLevelKeys(roots, 2)).toEqual([1, 2, 4]);
  });
});
