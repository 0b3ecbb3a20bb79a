import { ROLE_SCOPE_UNIT_KINDS, type Role, type UnitKind } from '../../../../src/contracts/index.js';

/** What a role's jurisdiction points at: the whole city (nothing to pick), units of some kinds, or an enterprise. */
export type ScopeRule = { kind: 'city' } | { kind: 'unit'; unitKinds: readonly UnitKind[] } | { kind: 'enterprise' };

export function scopeRuleFor(role: Role | undefined): ScopeRule | null {
  if (!role) return null;
  const rule = ROLE_SCOPE_UNIT_KINDS[role];
  if (rule === 'city') return { kind: 'city' };
  if (rule === 'enterprise') return { kind: 'enterprise' };
  return { kind: 'unit', unitKinds: rule as readonly UnitKind[] };
}

/** The scope columns to send for a role: only the one its rule uses, the other null. */
export function scopePayload(
  role: Role | undefined,
  values: { scopeUnitId?: number | null; scopeEnterpriseId?: number | null },
): { scopeUnitId: number | null | undefined; scopeEnterpriseId: number | null | undefined } {
  const rule = scopeRuleFor(role);
  if (!rule || rule.kind === 'city') return { scopeUnitId: null, scopeEnterpriseId: null };
  if (rule.kind === 'enterprise') return { scopeUnitId: null, scopeEnterpriseId: values.scopeEnterpriseId ?? undefined };
  return { scopeUnitId: values.scopeUnitId ?? undefined, scopeEnterpriseId: null };
}
