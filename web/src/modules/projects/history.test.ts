import { describe, expect, it } from 'vitest';
import { formatHistoryValue, historyFieldLabel, type HistoryNames, orderedChanges } from './history';

const NAMES: HistoryNames = {
  unit: (id) => `unit${id}`,
  leader: (id) => `leader${id}`,
  industry: (code) => `ind${code}`,
  chain: (key) => `chain:${key}`,
  enterprise: (id) => `ent${id}`,
};

describe(formatHistoryValue.name, () => {
  it('names ids and codes', () => {
    expect(formatHistoryValue('unitId', 35, 'zh-CN', NAMES)).toBe('unit35');
    expect(formatHistoryValue('liaisonLeaderUserId', 2, 'zh-CN', NAMES)).toBe('leader2');
    expect(formatHistoryValue('ownerEnterpriseId', 442, 'zh-CN', NAMES)).toBe('ent442');
    expect(formatHistoryValue('category', 'infrastructure', 'zh-CN', NAMES)).toBe('基础设施');
    expect(formatHistoryValue('level', 'city', 'en-US', NAMES)).toBe('City key');
    expect(formatHistoryValue('totalInvestment', '28255', 'zh-CN', NAMES)).toBe('28,255 万元');
    expect(formatHistoryValue('name', null, 'zh-CN', NAMES)).toBe('—');
  });

  it('writes lists one entry a line', () => {
    expect(
      formatHistoryValue(
        'milestones',
        [
          { kind: 'filing', plannedOn: '2021-03-14', actualOn: null },
          { kind: 'start', plannedOn: null, actualOn: '2022-02-18' },
        ],
        'zh-CN',
        NAMES,
      ),
    ).toBe('立项: 计划 2021-03-14，实际 —\n开工: 计划 —，实际 2022-02-18');
    expect(formatHistoryValue('annualPlans', [{ year: 2022, plannedInvestment: '25429', monthly: ['1'] }], 'en-US', NAMES)).toBe(
      '2022: 25,429 × 10k yuan (with monthly schedule)',
    );
    expect(formatHistoryValue('taskForce', [{ name: 'A', role: 'B', phone: null }], 'zh-CN', NAMES)).toBe('A · B');
    expect(formatHistoryValue('taskForce', [], 'zh-CN', NAMES)).toBe('—');
  });
});

describe(historyFieldLabel.name, () => {
  it('labels known fields and shows unknown ones as they are', () => {
    expect(historyFieldLabel('totalInvestment', 'zh-CN')).toBe('总投资');
    expect(historyFieldLabel('somethingNew', 'zh-CN')).toBe('somethingNew');
  });
});

describe(orderedChanges.name, () => {
  it('orders changes as the form does', () => {
    expect(
      orderedChanges({ taskForce: { before: 1, after: 2 }, zzz: { before: 0, after: 1 }, name: { before: 'a', after: 'b' } }).map(
        (c) => c.field,
      ),
    ).toEqual(['name', 'taskForce', 'zzz']);
  });
});
