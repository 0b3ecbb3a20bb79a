import { describe, expect, it } from 'vitest';
import { FUNNEL_STAGES } from '../../../../contracts/deals.js';
import { type FunnelDeal, funnelFigures } from './funnel.js';

const deal = (overrides: Partial<FunnelDeal>): FunnelDeal => ({
  kind: 'new',
  signedOn: '2022-02-01',
  contractedAmount: '10000',
  countedAmount: '10000',
  duplicateStatus: 'none',
  isLateFiling: false,
  history: [],
  ...overrides,
});
const window = { cohortFrom: '2022-01-01', cohortTo: '2022-12-31', asOf: '2022-06-30' };

describe(funnelFigures.name, () => {
  it('works out the five rates by hand on four deals', () => {
    const deals = [
      deal({ contractedAmount: '50000', countedAmount: '50000', history: [{ toStage: 'in_production', occurredOn: '2022-05-01' }] }),
      deal({ contractedAmount: '30000', countedAmount: '30000', history: [{ toStage: 'landed', occurredOn: '2022-03-01' }] }),
      deal({ contractedAmount: '15000', countedAmount: '15000', history: [{ toStage: 'fulfilling', occurredOn: '2022-07-15' }] }), // after asOf
      deal({
        contractedAmount: '5000',
        countedAmount: '5000',
        isLateFiling: true,
        history: [{ toStage: 'terminated', occurredOn: '2022-04-01' }],
      }),
    ];
    const f = funnelFigures(deals, window, '200000');
    expect(f.cohortCount).toBe(4);
    expect(f.cohortAmount).toBe('100000');
    expect(f.attractedAmount).toBe('100000');
    expect(f.attractionRate).toBe(0.5);
    expect(f.stages.fulfilling).toEqual({ reachedCount: 2, reachedAmount: '80000', byCount: 0.5, byAmount: 0.8 });
    expect(f.stages.landed).toEqual({ reachedCount: 2, reachedAmount: '80000', byCount: 0.5, byAmount: 0.8 });
    expect(f.stages.started).toEqual({ reachedCount: 1, reachedAmount: '50000', byCount: 0.25, byAmount: 0.5 });
    expect(f.stages.in_production).toEqual({ reachedCount: 1, reachedAmount: '50000', byCount: 0.25, byAmount: 0.5 });
    expect(f.lateFilings).toBe(1);
  });

  it('follow-up filings add their increase to the amount attracted but are not in the cohort; excluded duplicates count nowhere', () => {
    const deals = [
      deal({ contractedAmount: '10000', countedAmount: '10000' }),
      deal({ kind: 'capital_increase', contractedAmount: '16000', countedAmount: '6000' }),
      deal({ duplicateStatus: 'excluded', contractedAmount: '10000', countedAmount: '10000' }),
      deal({ duplicateStatus: 'flagged', contractedAmount: '1', countedAmount: '1' }),
      deal({ signedOn: '2021-12-20', contractedAmount: '7', countedAmount: '7' }), // last year: neither cohort nor this year's amount
    ];
    const f = funnelFigures(deals, window, null);
    expect(f.cohortCount).toBe(2);
    expect(f.attractedAmount).toBe('16001');
    expect(f.attractionRate).toBeNull();
    expect(f.unsettledDuplicates).toBe(1);
  });

  it('rates are null on an empty cohort and never increase down the funnel (generated data)', () => {
    expect(funnelFigures([], window, '100').stages.landed.byCount).toBeNull();
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const stages = ['fulfilling', 'landed', 'started', 'in_production', 'stalled', 'terminated'] as const;
    for (let round = 0; round < 50; round++) {
      const deals = Array.from({ length: 40 }, () => {
        const history = [];
        let month = 2;
        for (let step = 0; step < Math.floor(random() * 4); step++) {
          month += 1 + Math.floor(random() * 2);
          history.push({
            toStage: stages[Math.floor(random() * stages.length)]!,
            occurredOn: `2022-${String(Math.min(month, 12)).padStart(2, '0')}-01`,
          });
        }
        const amount = String(Math.floor(random() * 100_000));
        return deal({ contractedAmount: amount, countedAmount: amount, history });
      });
      const f = funnelFigures(deals, window, '1');
      for (let i = 1; i < FUNNEL_STAGES.length; i++) {
        expect(f.stages[FUNNEL_STAGES[i]!].reachedCount).toBeLessThanOrEqual(f.stages[FUNNEL_STAGES[i - 1]!].reachedCount);
      }
    }
  });
});
