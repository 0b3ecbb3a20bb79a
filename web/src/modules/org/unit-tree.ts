import type { Locale, UnitTreeNode } from '../../../../src/contracts/index.js';

/** A unit's name in the UI language (English falls back to the Chinese name). */
export function unitName(unit: { nameZh: string; nameEn: string | null }, locale: Locale): string {
  return locale === 'en-US' && unit.nameEn ? unit.nameEn : unit.nameZh;
}

export interface UnitTreeOption {
  key: number;
  value: number;
  title: string;
  kind: UnitTreeNode['kind'];
  isActive: boolean;
  disabled?: boolean;
  children?: UnitTreeOption[];
}

export interface TreeOptions {
  locale: Locale;
  /** Which units may be picked (the others stay visible so the tree can be navigated). */
  isSelectable?: (unit: UnitTreeNode) => boolean;
  /** Units to leave out with everything below them (a unit cannot move under itself). */
  excludeSubtreeOf?: number;
}

/**
 * Nest the flat tree the API returns. A unit whose parent is not in the list (the top of a
 * subtree jurisdiction) becomes a root; siblings keep the API's order.
 */
export function buildUnitTree(items: readonly UnitTreeNode[], options: TreeOptions): UnitTreeOption[] {
  const nodes = new Map<number, UnitTreeOption>();
  for (const unit of items) {
    const option: UnitTreeOption = {
      key: unit.id,
      value: unit.id,
      title: unitName(unit, options.locale),
      kind: unit.kind,
      isActive: unit.isActive,
    };
    if (options.isSelectable && !options.isSelectable(unit)) option.disabled = true;
    nodes.set(unit.id, option);
  }
  const roots: UnitTreeOption[] = [];
  for (const unit of items) {
    if (unit.id === options.excludeSubtreeOf) continue;
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId);
    if (parent && unit.parentId !== options.excludeSubtreeOf) {
      parent.children ??= [];
      parent.children.push(node);
    } else if (!parent) {
      roots.push(node);
    }
  }
  return roots;
}

/** The ids of the first `depth` levels, to open the tree a little on first view. */
export function topLevelKeys(roots: readonly UnitTreeOption[], depth = 1): number[] {
  if (depth <= 0) return [];
  return roots.flatMap((node) => [node.key, ...topLevelKeys(node.children ?? [], depth - 1)]);
}
