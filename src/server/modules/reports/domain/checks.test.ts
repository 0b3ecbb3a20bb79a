import { describe, expect, it } from 'vitest';
import { checkRow } from './checks.js';
import { addMonths, dueDate, monthEnd } from './months.js';

const rules = { jumpFactor: 3, farFromPlanRatio: 0.5 };
const facts = {
  investment: '100',
  totalInvestment: '10000',
  reportedOtherMonths: '2000',
  lastMonth: '80',
  plannedThisMonth: '100',
  isStarted: true,
  explanation: null,
};

describe(checkRow.name, () => {
  it('passes an ordinary month', () => {
    expect(checkRow(facts, rules)).toEqual({ errors: [], warnings: [] });
  });
  it('refuses a cumulative figure above the total investment', () => {
    expect(checkRow({ ...facts, investment: '8001' }, rules).errors[0]).toMatchObject({
      field: 'investment',
      key: 'report.aboveTotal',
      params: { total: '10,000' },
    });
    expect(checkRow({ ...facts, investment: '8000', plannedThisMonth: null, explanation: 'x' }, rules).errors).toEqual([]);
  });
  it('warns on a jump, a project not started and a figure far from plan; a warning needs an explanation', () => {
    const jump = checkRow({ ...facts, investment: '241', plannedThisMonth: null }, rules);
    expect(jump.warnings).toEqual(['jump']);
    expect(jump.errors).toEqual([{ field: 'explanation', key: 'report.explanationRequired', params: { warnings: 'jump' } }]);
    expect(checkRow({ ...facts, investment: '240', plannedThisMonth: null }, rules).warnings).toEqual([]);
    expect(checkRow({ ...facts, isStarted: false }, rules).warnings).toEqual(['notStarted']);
    expect(checkRow({ ...facts, investment: '151' }, rules).warnings).toEqual(['farFromPlan']);
    expect(checkRow({ ...facts, investment: '49' }, rules).warnings).toEqual(['farFromPlan']);
    expect(checkRow({ ...facts, investment: '151', explanation: '设备集中到货' }, rules)).toEqual({
      errors: [],
      warnings: ['farFromPlan'],
    });
  });
});

describe('months', () => {
  it('steps across years and knows month ends and due dates', () => {
    expect(addMonths('2022-12', 1)).toBe('2023-01');
    expect(addMonths('2022-01', -1)).toBe('2021-12');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(dueDate('2022-12', 5)).toBe('2023-01-05');
  });
});
