import { describe, expect, it } from 'vitest';
import { fundTotals, pagesFor } from './funds';

describe(fundTotals.name, () => {
  it('adds exactly, per source and overall (0.1 + 0.2 is 0.3 here)', () => {
    const totals = fundTotals([
      { source: 'central_budget', amount: '0.1' },
      { source: 'central_budget', amount: '0.2' },
      { source: 'special_bonds', amount: '12000' },
      { source: 'other', amount: '0.0001' },
    ]);
    expect(totals.count).toBe(4);
    expect(totals.total).toBe('12000.3001');
    expect(totals.bySource).toEqual([
      { source: 'central_budget', amount: '0.3', count: 2 },
      { source: 'special_bonds', amount: '12000', count: 1 },
      { source: 'provincial_funds', amount: '0', count: 0 },
      { source: 'policy_finance', amount: '0', count: 0 },
      { source: 'other', amount: '0.0001', count: 1 },
    ]);
  });

  it('is zero for nothing', () => {
    expect(fundTotals([]).total).toBe('0');
  });
});

describe(pagesFor.name, () => {
  it('rounds up and asks at least once', () => {
    expect(pagesFor(0, 200)).toBe(1);
    expect(pagesFor(200, 200)).toBe(2 - 1);
    expect(pagesFor(201, 200)).toBe(2);
  });
});
