import { describe, expect, it } from 'vitest';
import { countedAmount, duplicateKey, filingDelay } from './counting.js';
import { DEFAULT_THREE_QUANTITY_THRESHOLDS, assessThreeQuantities } from './three-quantities.js';

describe(countedAmount.name, () => {
  it('counts a new deal in full and only the increase of a follow-up, never below zero', () => {
    expect(countedAmount('new', '50000', null)).toBe('50000');
    expect(countedAmount('resign', '80000', '50000')).toBe('30000');
    expect(countedAmount('capital_increase', '50000.5', '50000')).toBe('0.5');
    expect(countedAmount('upgrade', '40000', '50000')).toBe('0');
  });
});

describe(duplicateKey.name, () => {
  it('matches the same investor and project across spelling noise', () => {
    expect(duplicateKey('湖南某某科技有限公司', null, '新能源电池项目')).toBe(
      duplicateKey('湖南某某科技 有限公司', null, '新能源电池（项目）'),
    );
    expect(duplicateKey('甲', '91430400MA4L2B3C1E', 'x')).not.toBe(duplicateKey('甲', '12430400445600121K', 'x'));
  });
});

describe(filingDelay.name, () => {
  it('is late after the configured number of days', () => {
    expect(filingDelay('2022-03-01', '2022-03-11', 10)).toEqual({ delayDays: 10, isLate: false });
    expect(filingDelay('2022-03-01', '2022-03-12', 10)).toEqual({ delayDays: 11, isLate: true });
  });
});

describe(assessThreeQuantities.name, () => {
  const input = {
    contractedAmount: '100000',
    isHighTech: false,
    isStrategicEmerging: false,
    plannedRdAmount: '5000',
    plannedEnergyTce: '20000',
    plannedAnnualOutput: '200000',
    expectedAnnualTax: '3000',
    landAreaMu: '150',
  };
  it('scores each dimension against the thresholds with its reason', () => {
    const result = assessThreeQuantities(input, DEFAULT_THREE_QUANTITY_THRESHOLDS);
    expect(result.items).toEqual([
      { dimension: 'innovation', status: 'passed', reason: 'tq.rdShareOk', params: { share: 5, floor: 3 } },
      { dimension: 'green', status: 'passed', reason: 'tq.energyOk', params: { intensity: 0.1, ceiling: 0.3 } },
      { dimension: 'gold', status: 'passed', reason: 'tq.taxOk', params: { perMu: 20, floor: 15 } },
    ]);
    expect(result.score).toBe(3);
  });
  it('fails a dimension against stricter thresholds; missing data is unknown, not a failure', () => {
    const strict = assessThreeQuantities(input, { rdShareFloor: 0.1, energyIntensityCeiling: 0.05, taxPerMuFloor: 30 });
    expect(strict.items.map((i) => i.status)).toEqual(['failed', 'failed', 'failed']);
    const sparse = assessThreeQuantities(
      { ...input, plannedRdAmount: null, plannedEnergyTce: null, landAreaMu: '0', isStrategicEmerging: true },
      DEFAULT_THREE_QUANTITY_THRESHOLDS,
    );
    expect(sparse.items.map((i) => `${i.status}:${i.reason}`)).toEqual([
      'passed:tq.strategicEmerging',
      'unknown:tq.noEnergyData',
      'unknown:tq.noLand',
    ]);
    expect(sparse.score).toBe(1);
  });
});
