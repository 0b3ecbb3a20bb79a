import { describe, expect, it } from 'vitest';
import { MoneySchema, formatWanYuan, fromUnits, moneyRatio, subtractMoney, sumMoney, toUnits } from './money.js';

describe('money', () => {
  it('round-trips exact decimals', () => {
    for (const a of ['0', '1', '0.1', '1234.5', '999999999999.9999', '0.0001']) expect(fromUnits(toUnits(a))).toBe(a);
    expect(fromUnits(toUnits('12.3400'))).toBe('12.34');
  });
  it('sums without binary floating point error', () => {
    expect(sumMoney(['0.1', '0.2'])).toBe('0.3');
    expect(sumMoney(Array.from({ length: 1000 }, () => '0.0001'))).toBe('0.1');
    expect(subtractMoney('5000', '3500.25')).toBe('1499.75');
    expect(subtractMoney('1', '2')).toBe('-1');
  });
  it('computes ratios, null for a zero denominator', () => {
    expect(moneyRatio('502', '1100')).toBeCloseTo(0.456363, 5);
    expect(moneyRatio('1', '0')).toBeNull();
  });
  it('accepts only plain non-negative decimals with up to 4 places', () => {
    for (const ok of ['0', '12', '12.5', '1.2345']) expect(MoneySchema.safeParse(ok).success).toBe(true);
    for (const bad of ['-1', '1e5', '12.34567', 'abc', '', '1,000', ' ', 'NaN', 'Infinity'])
      expect(MoneySchema.safeParse(bad).success).toBe(false);
  });
  it('shows large amounts in 亿元', () => {
    expect(formatWanYuan('5020000')).toBe('502 亿元');
    expect(formatWanYuan('8500')).toBe('8500 万元');
  });
});
