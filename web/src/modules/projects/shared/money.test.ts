import { describe, expect, it } from 'vitest';
import { differenceOf, divideRounded, formatAmount, formatMoney, formatMoneyLong, formatRate, sumAmounts } from './money';

describe(divideRounded.name, () => {
  it('rounds half away from zero with integers only', () => {
    expect(divideRounded(286_060_000_000n, 100_000_000n, 2)).toBe('2860.60');
    expect(divideRounded(5n, 1000n, 2)).toBe('0.01');
    expect(divideRounded(4n, 1000n, 2)).toBe('0.00');
    expect(divideRounded(-5n, 1000n, 2)).toBe('-0.01');
  });
});

describe(formatMoney.name, () => {
  it('shows 万元 exactly below one 亿元', () => {
    expect(formatMoney('8255', 'zh-CN')).toBe('8,255 万元');
    expect(formatMoney('28255', 'zh-CN')).toBe('2.83 亿元');
    expect(formatMoney('9999.9999', 'zh-CN')).toBe('9,999.9999 万元');
    expect(formatMoney('0.0001', 'zh-CN')).toBe('0.0001 万元');
    expect(formatMoney('0', 'zh-CN')).toBe('0 万元');
  });

  it('switches to 亿元 with two decimals from one 亿元 on', () => {
    expect(formatMoney('10000', 'zh-CN')).toBe('1.00 亿元');
    expect(formatMoney('28606000', 'zh-CN')).toBe('2,860.60 亿元');
    expect(formatMoney('12345678.9999', 'zh-CN')).toBe('1,234.57 亿元');
  });

  it('keeps the largest amounts exact where a float would not', () => {
    // 999 999 999 999.9999 万元 is beyond a double's 15–16 significant digits.
    expect(formatMoney('999999999999.9999', 'zh-CN', 'wan')).toBe('999,999,999,999.9999 万元');
    expect(formatMoney('999999999999.9999', 'zh-CN')).toBe('100,000,000.00 亿元');
  });

  it('can stay in 万元 or 亿元, speaks English, and shows no value as a dash', () => {
    expect(formatMoney('28606000', 'zh-CN', 'wan')).toBe('28,606,000 万元');
    expect(formatMoney('8255', 'en-US')).toBe('8,255 × 10k yuan');
    expect(formatMoney('28606000', 'en-US')).toBe('2,860.60 × 100M yuan');
    expect(formatMoney('0', 'zh-CN', 'yi')).toBe('0.00 亿元');
    expect(formatMoney('5000', 'en-US', 'yi')).toBe('0.50 × 100M yuan');
    expect(formatMoney(null, 'zh-CN')).toBe('—');
    expect(formatMoney('abc', 'zh-CN')).toBe('abc');
  });
});

describe(formatMoneyLong.name, () => {
  it('adds the 亿元 figure to large amounts only', () => {
    expect(formatMoneyLong('28255', 'zh-CN')).toBe('28,255 万元（2.83 亿元）');
    expect(formatMoneyLong('8255', 'zh-CN')).toBe('8,255 万元');
  });
});

describe(formatAmount.name, () => {
  it('shows the 万元 figure alone for columns that name the unit', () => {
    expect(formatAmount('28606000')).toBe('28,606,000');
    expect(formatAmount('1234.5')).toBe('1,234.5');
    expect(formatAmount(null)).toBe('—');
  });
});

describe(sumAmounts.name, () => {
  it('adds decimal strings exactly and reports entries that are not amounts', () => {
    expect(sumAmounts(['0.1', '0.2'])).toEqual({ sum: '0.3', invalid: false });
    expect(sumAmounts(Array(12).fill('0.0001'))).toEqual({ sum: '0.0012', invalid: false });
    expect(sumAmounts(['1', '', null, undefined, ' 2 '])).toEqual({ sum: '3', invalid: false });
    expect(sumAmounts(['1', 'x', '-3'])).toEqual({ sum: '1', invalid: true });
  });
});

describe(differenceOf.name, () => {
  it('subtracts exactly', () => {
    expect(differenceOf('0.3', '0.1')).toBe('0.2');
    expect(differenceOf('1', '1.5')).toBe('-0.5');
  });
});

describe(formatRate.name, () => {
  it('shows a percentage or a dash', () => {
    expect(formatRate(0.7871794871794872)).toBe('78.7%');
    expect(formatRate(1.01181)).toBe('101.2%');
    expect(formatRate(null)).toBe('—');
  });
});
