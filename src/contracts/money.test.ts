import { describe, expect, it } from 'vitest';
import { MoneySchema, fromUnits, groupDigits, moneyRatio, subtractMoney, sumMoney, toUnits } from './money.js';

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
  it('groups the integer part of an amount only', () => {
    expect(groupDigits('1234567.12345')).toBe('1,234,567.12345');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('-1000')).toBe('-1,000');
  });

  it('reads and writes units as the plain bigint definition does, for every kind of input', () => {
    // The definition, as it was before the fast path.
    const definitionTo = (amount: string) => {
      const negative = amount.startsWith('-');
      const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
      const units = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4) || '0');
      return negative ? -units : units;
    };
    const definitionFrom = (units: bigint) => {
      const abs = units < 0n ? -units : units;
      const fraction = (abs % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
      return `${units < 0n ? '-' : ''}${abs / 10_000n}${fraction ? `.${fraction}` : ''}`;
    };
    const outcome = <T>(f: () => T) => {
      try {
        return { value: f() };
      } catch (error) {
        return { error: (error as Error).name };
      }
    };
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const digits = (k: number) => Array.from({ length: k }, () => String(Math.floor(next() * 10))).join('');
    const inputs = [
      '',
      '-',
      '.',
      '-.',
      '5.',
      '.5',
      '-0',
      '0.00000',
      '1.23456789',
      '12.3x',
      ' 12',
      '1.2.3',
      '1e3',
      '+5',
      '--1',
      '9'.repeat(20),
    ];
    for (let i = 0; i < 20_000; i++) {
      const whole = digits(Math.floor(next() * 19));
      const fraction = digits(Math.floor(next() * 7));
      inputs.push(`${next() < 0.2 ? '-' : ''}${whole}${next() < 0.7 ? `.${fraction}` : ''}`);
    }
    for (const input of inputs)
      expect(
        outcome(() => toUnits(input)),
        input,
      ).toEqual(outcome(() => definitionTo(input)));
    for (let i = 0; i < 20_000; i++) {
      const units = BigInt(digits(1 + Math.floor(next() * 22))) * (next() < 0.3 ? -1n : 1n);
      expect(fromUnits(units)).toBe(definitionFrom(units));
    }
    for (const units of [0n, 1n, -1n, 10_000n, 9_007_199_254_740_991n, 9_007_199_254_740_992n, -9_007_199_254_740_993n])
      expect(fromUnits(units)).toBe(definitionFrom(units));
  });
});
