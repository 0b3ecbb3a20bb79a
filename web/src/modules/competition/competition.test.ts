import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPETITION_GROUPS } from '../../../../src/contracts/index.js';
import {
  defaultPeriod,
  describeRule,
  describeSource,
  formatFixed,
  formatNumber,
  formatShare,
  formatSigned,
  formatValue,
  hasEnded,
  hasStarted,
  indicatorsOf,
  periodEnd,
  periodFromSearch,
  rankedCount,
  sourceLink,
} from './competition';

const indicator = (key: string) => indicatorsOf(DEFAULT_COMPETITION_GROUPS).find((x) => x.indicator.key === key)!.indicator;

describe(defaultPeriod.name, () => {
  it('opens on the running quarter, the whole of a past year, the first quarter of a year to come', () => {
    expect(defaultPeriod(2026, '2026-01-01')).toBe('Q1');
    expect(defaultPeriod(2026, '2026-05-20')).toBe('Q2');
    expect(defaultPeriod(2026, '2026-09-30')).toBe('Q3');
    expect(defaultPeriod(2026, '2026-12-31')).toBe('Q4');
    expect(defaultPeriod(2022, '2026-05-20')).toBe('Y');
    expect(defaultPeriod(2027, '2026-05-20')).toBe('Q1');
  });

  it('knows which periods have begun', () => {
    expect(hasStarted(2026, 'Q2', '2026-03-31')).toBe(false);
    expect(hasStarted(2026, 'Q2', '2026-04-01')).toBe(true);
    expect(hasStarted(2026, 'Y', '2026-01-01')).toBe(true);
    expect(hasStarted(2027, 'Y', '2026-12-31')).toBe(false);
    expect(periodFromSearch('Q3')).toBe('Q3');
    expect(periodFromSearch('Q5')).toBeUndefined();
    expect(periodFromSearch(null)).toBeUndefined();
  });
});

describe(hasEnded.name, () => {
  it('knows a period is over only from the day after its last day', () => {
    expect(periodEnd(2026, 'Q1')).toBe('2026-03-31');
    expect(periodEnd(2026, 'Q2')).toBe('2026-06-30');
    expect(periodEnd(2026, 'Q3')).toBe('2026-09-30');
    expect(periodEnd(2026, 'Q4')).toBe('2026-12-31');
    expect(periodEnd(2026, 'Y')).toBe('2026-12-31');
    expect(hasEnded(2026, 'Q1', '2026-03-31')).toBe(false);
    expect(hasEnded(2026, 'Q1', '2026-04-01')).toBe(true);
    expect(hasEnded(2026, 'Q2', '2026-06-30')).toBe(false);
    expect(hasEnded(2026, 'Q2', '2026-07-01')).toBe(true);
    expect(hasEnded(2026, 'Q3', '2026-10-01')).toBe(true);
    expect(hasEnded(2026, 'Q4', '2026-12-31')).toBe(false);
    expect(hasEnded(2026, 'Y', '2026-12-31')).toBe(false);
    expect(hasEnded(2026, 'Y', '2027-01-01')).toBe(true);
    expect(hasEnded(2026, 'Q4', '2027-01-01')).toBe(true);
    expect(hasEnded(2025, 'Y', '2026-05-20')).toBe(true);
    expect(hasEnded(2027, 'Q1', '2026-05-20')).toBe(false);
  });
});

describe(formatValue.name, () => {
  it('writes each source’s value in its own unit', () => {
    expect(formatValue({ kind: 'investmentRatio' }, 0.87345, 'zh-CN')).toBe('87.3%');
    expect(formatValue({ kind: 'fulfilment', letterKind: 'investment' }, 1, 'zh-CN')).toBe('100.0%');
    expect(formatValue({ kind: 'problemClosure' }, 0, 'zh-CN')).toBe('0.0%');
    expect(formatValue({ kind: 'board', metric: 'completed' }, 1234567.891, 'zh-CN')).toBe('1,234,567.89 万元');
    expect(formatValue({ kind: 'board', metric: 'majorProjects' }, 28255, 'en-US')).toBe('28,255 × 10k yuan');
    expect(formatValue({ kind: 'honours', list: 'red' }, 3, 'zh-CN')).toBe('3 个项目');
    expect(formatValue({ kind: 'observation' }, 84.1, 'zh-CN')).toBe('84.10');
    expect(formatValue({ kind: 'entered' }, 92.25, 'zh-CN')).toBe('92.25');
    expect(formatValue({ kind: 'entered' }, null, 'zh-CN')).toBe('—');
  });

  it('formats numbers, shares and signed points', () => {
    expect(formatNumber(12345.5, 2)).toBe('12,345.5');
    expect(formatNumber(-0.001, 2)).toBe('0');
    expect(formatFixed(-0.001, 2)).toBe('0.00');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatShare(0.125)).toBe('12.5%');
    expect(formatSigned(2.5)).toBe('+2.50');
    expect(formatSigned(-1)).toBe('-1.00');
  });
});

describe(describeRule.name, () => {
  it('writes each rule as a formula in the unit of its source', () => {
    const ratio = indicator('investment_ratio');
    expect(describeRule(ratio, 'zh-CN')).toBe('完成值 ÷ 目标值 100%，最高按 1 倍计');
    expect(describeRule(ratio, 'en-US')).toBe('value ÷ target 100%, at most 1×');
    const honours = indicator('red_list');
    expect(describeRule(honours, 'zh-CN')).toBe('按数值从高到低排名，第一名得满分，最后一名得 20%，其间等差递减');
    const rank = indicator('completed_rank');
    expect(describeRule(rank, 'en-US')).toBe('ranked highest first: full points to the first, 50% to the last, even steps between');
    const steps = indicator('problem_closure');
    expect(describeRule(steps, 'zh-CN')).toBe('≥ 95% 得 100%；≥ 85% 得 80%；≥ 70% 得 60%；≥ 0% 得 30%；否则得 0');
    const score = indicator('observation_score');
    expect(describeRule(score, 'en-US')).toBe('value ÷ target 100, at most 1×; a unit without a value gets the others’ average share');
    expect(describeRule({ ...score, missing: 'full' }, 'zh-CN')).toBe('完成值 ÷ 目标值 100，最高按 1 倍计；无数据的单位得满分');
    expect(describeRule({ ...score, missing: 'zero' }, 'zh-CN')).toBe('完成值 ÷ 目标值 100，最高按 1 倍计');
  });

  it('names the source', () => {
    expect(describeSource({ kind: 'investmentRatio' }, 'zh-CN')).toBe('投资完成进度（红黄绿灯）');
    expect(describeSource({ kind: 'board', metric: 'attracted' }, 'zh-CN')).toBe('规模榜单：引资');
    expect(describeSource({ kind: 'honours', list: 'yellow' }, 'zh-CN')).toBe('红黄榜：黄榜项目数');
    expect(describeSource({ kind: 'fulfilment', letterKind: 'safety' }, 'en-US')).toMatch(/^Commitment fulfilment \(.+\)$/);
  });
});

describe(sourceLink.name, () => {
  const context = { year: 2026, unitId: 12, asOf: '2026-05-20', boardMonth: '2026-04' };

  it('opens the page listing the rows behind each value, filtered as that page reads its URL', () => {
    expect(sourceLink({ kind: 'investmentRatio' }, context)).toEqual({
      to: '/monitoring/lights?year=2026&unitId=12&asOf=2026-05-20',
      action: 'monitor.read',
    });
    expect(sourceLink({ kind: 'honours', list: 'red' }, context)).toEqual({
      to: '/monitoring/lights?year=2026&unitId=12&asOf=2026-05-20&honour=red',
      action: 'monitor.read',
    });
    expect(sourceLink({ kind: 'fulfilment', letterKind: 'safety' }, context)).toEqual({
      to: '/commitments?year=2026&kind=safety&unitId=12&asOf=2026-05-20',
      action: 'commitment.read',
    });
    expect(sourceLink({ kind: 'board', metric: 'fundsWon' }, context)).toEqual({ to: '/boards?month=2026-04', action: 'board.read' });
    expect(sourceLink({ kind: 'problemClosure' }, context)).toEqual({
      to: '/problems?unitId=12&raisedFrom=2026-01-01&raisedTo=2026-05-20',
      action: 'problem.read',
    });
    expect(sourceLink({ kind: 'observation' }, context)).toEqual({ to: '/observation?year=2026', action: 'observation.read' });
    expect(sourceLink({ kind: 'entered' }, context)).toBe('entries');
  });
});

describe(rankedCount.name, () => {
  it('counts the units with a value', () => {
    const units = [
      { indicators: [{ key: 'a', value: 1 }] },
      { indicators: [{ key: 'a', value: null }] },
      { indicators: [{ key: 'b', value: 2 }] },
    ];
    expect(rankedCount(units, 'a')).toBe(1);
    expect(rankedCount(units, 'b')).toBe(1);
  });
});
