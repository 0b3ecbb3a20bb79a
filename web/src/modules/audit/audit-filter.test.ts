import { describe, expect, it } from 'vitest';
import { actionPrefixes, auditFilterFrom } from './audit-filter';

describe(auditFilterFrom.name, () => {
  it('converts the picked range to ISO times with the Beijing offset and drops empty texts', () => {
    expect(
      auditFilterFrom({
        range: ['2026-11-01T00:00:00', '2026-11-30T23:59:59'],
        actor: ' secadmin ',
        action: '',
        result: 'denied',
        targetType: 'identity_user',
        targetId: '  ',
        requestId: undefined,
      }),
    ).toEqual({
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-11-30T23:59:59+08:00',
      actor: 'secadmin',
      result: 'denied',
      targetType: 'identity_user',
    });
  });

  it('accepts an open-ended range and no range', () => {
    expect(auditFilterFrom({ range: [null, '2026-11-30T23:59:59'] })).toEqual({ to: '2026-11-30T23:59:59+08:00' });
    expect(auditFilterFrom({ range: null })).toEqual({});
  });
});

describe(actionPrefixes.name, () => {
  it('offers every dotted prefix once', () => {
    expect(actionPrefixes(['org.unit.create', 'org.unit.update', 'user.create'])).toEqual(['org.', 'org.unit.', 'user.']);
  });
});
