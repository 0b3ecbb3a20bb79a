import { type Locale, sumMoney, type UnitTreeNode } from '../../../../src/contracts/index.js';
import { unitName } from '../org/unit-tree';

/** Units that have an attraction target: the city itself and every unit that files deals. */
export const TARGET_UNIT_KINDS: readonly string[] = [
  'city',
  'district',
  'county',
  'county_level_city',
  'park',
  'township',
  'platform_company',
];

export interface TargetRow {
  key: number;
  unitId: number;
  name: string;
  kind: UnitTreeNode['kind'];
  /** The stored target of the year, or null. */
  amount: string | null;
  /** Exact sum of the direct children's targets (null without children that have one). */
  childrenSum: string | null;
  children?: TargetRow[];
}

/**
 * The units as a tree for the targets table (departments and inactive units left out), each
 * with its stored target and the sum of its direct children's targets, so a county's target
 * can be compared with what its parks and townships were given.
 */
export function targetRows(
  items: readonly UnitTreeNode[],
  targets: readonly { unitId: number; amount: string }[],
  locale: Locale,
): TargetRow[] {
  const amounts = new Map(targets.map((target) => [target.unitId, target.amount]));
  const kept = items.filter((unit) => unit.isActive && TARGET_UNIT_KINDS.includes(unit.kind));
  const rows = new Map<number, TargetRow>(
    kept.map((unit) => [
      unit.id,
      {
        key: unit.id,
        unitId: unit.id,
        name: unitName(unit, locale),
        kind: unit.kind,
        amount: amounts.get(unit.id) ?? null,
        childrenSum: null,
      },
    ]),
  );
  const roots: TargetRow[] = [];
  for (const unit of kept) {
    const row = rows.get(unit.id)!;
    const parent = unit.parentId === null ? undefined : rows.get(unit.parentId);
    if (parent) {
      parent.children ??= [];
      parent.children.push(row);
    } else {
      roots.push(row);
    }
  }
  for (const row of rows.values()) {
    const given = (row.children ?? []).map((child) => child.amount).filter((amount): amount is string => amount !== null);
    row.childrenSum = given.length ? sumMoney(given) : null;
  }
  return roots;
}
