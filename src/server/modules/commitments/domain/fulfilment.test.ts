import { describe, expect, it } from 'vitest';
import { fulfilmentRate, itemState, statusCounts } from './fulfilment.js';

describe(itemState.name, () => {
  const start = (actualOn: string | null) => ({ type: 'date' as const, deadline: '2022-03-31', actualOn });
  it('dated items: fulfilled on time, late after the deadline, missed when the deadline passed without it', () => {
    expect(itemState(start('2022-03-15'), '2022-06-30').status).toBe('fulfilled');
    expect(itemState(start('2022-04-10'), '2022-06-30')).toEqual({ status: 'late', score: 0, progress: 1 });
    expect(itemState(start(null), '2022-03-31').status).toBe('pending');
    expect(itemState(start(null), '2022-04-01').status).toBe('missed');
    // An actual date after the as-of date is not known yet.
    expect(itemState(start('2022-03-15'), '2022-03-10').status).toBe('pending');
  });
  it('investment items count min(actual ÷ committed, 1)', () => {
    const investment = (actual: string, asOf: string) =>
      itemState({ type: 'amount', deadline: '2022-12-31', committed: '50000', actual, reachedOn: null }, asOf);
    expect(investment('30000', '2022-06-30')).toEqual({ status: 'pending', score: 0, progress: 0.6 });
    expect(investment('30000', '2023-01-01')).toEqual({ status: 'missed', score: 0.6, progress: 0.6 });
    expect(investment('60000', '2022-11-30')).toEqual({ status: 'fulfilled', score: 1, progress: 1 });
    expect(itemState({ type: 'count', deadline: '2022-12-31', committed: 8, actual: 6, reachedOn: null }, '2023-01-15')).toMatchObject({
      status: 'missed',
      score: 0.75,
    });
  });
  it('late credit is configurable', () => {
    expect(itemState({ type: 'date', deadline: '2022-03-31', actualOn: '2022-04-02' }, '2022-12-31', { lateCredit: 0.5 }).score).toBe(0.5);
  });
});

describe(fulfilmentRate.name, () => {
  it('is the weighted share over decided items', () => {
    const decided = [
      { weight: 2, state: { status: 'fulfilled' as const, score: 1, progress: 1 } },
      { weight: 1, state: { status: 'missed' as const, score: 0.6, progress: 0.6 } },
      { weight: 1, state: { status: 'late' as const, score: 0, progress: 1 } },
      { weight: 5, state: { status: 'pending' as const, score: 0, progress: 0.2 } },
    ];
    expect(fulfilmentRate(decided)).toBeCloseTo((2 + 0.6) / 4, 10);
    expect(fulfilmentRate([decided[3]!])).toBeNull();
    expect(statusCounts(decided.map((d) => d.state))).toEqual({ pending: 1, fulfilled: 1, late: 1, missed: 1 });
  });
  it('property: the rate stays within 0 and 1', () => {
    let seed = 3;
    const rnd = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let i = 0; i < 200; i++) {
      const items = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => ({
        weight: Math.floor(rnd() * 5),
        state: itemState(
          {
            type: 'amount',
            deadline: '2022-12-31',
            committed: String(1 + Math.floor(rnd() * 1000)),
            actual: String(Math.floor(rnd() * 1500)),
            reachedOn: null,
          },
          rnd() > 0.5 ? '2023-01-01' : '2022-06-30',
        ),
      }));
      const rate = fulfilmentRate(items);
      if (rate !== null) {
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }
    }
  });
});
