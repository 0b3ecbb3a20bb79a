import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../../src/contracts/index.js';
import { scopePayload, scopeRuleFor } from './scope';

describe(scopeRuleFor.name, () => {
  it('follows ROLE_SCOPE_UNIT_KINDS', () => {
    expect(scopeRuleFor('city_operator')).toEqual({ kind: 'city' });
    expect(scopeRuleFor('enterprise')).toEqual({ kind: 'enterprise' });
    expect(scopeRuleFor('department')).toEqual({ kind: 'unit', unitKinds: ['department'] });
    expect(scopeRuleFor(undefined)).toBeNull();
    for (const role of ROLES) expect(scopeRuleFor(role)).not.toBeNull();
  });
});

describe(scopePayload.name, () => {
  const values = { scopeUnitId: 5, scopeEnterpriseId: 9 };
  it('sends only the scope the role uses', () => {
    expect(scopePayload('city_leader', values)).toEqual({ scopeUnitId: null, scopeEnterpriseId: null });
    expect(scopePayload('reporting_unit', values)).toEqual({ scopeUnitId: 5, scopeEnterpriseId: null });
    expect(scopePayload('enterprise', values)).toEqual({ scopeUnitId: null, scopeEnterpriseId: 9 });
  });

  it('leaves a missing choice undefined so the schema reports it', () => {
    expect(scopePayload('reporting_unit', {})).toEqual({ scopeUnitId: undefined, scopeEnterpriseId: null });
  });
});
