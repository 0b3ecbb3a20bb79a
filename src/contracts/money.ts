import { z } from 'zod';

/**
 * Money is an exact decimal in 万元 (10,000 yuan) with at most 4 decimals (one yuan),
 * carried as a string in JSON and as numeric(16,4) in PostgreSQL; sums use bigint
 * "units" of 0.0001 万元. Never a binary float.
 */
export const MONEY_SCALE = 4;
const UNIT = 10n ** BigInt(MONEY_SCALE);
const MONEY_PATTERN = /^\d{1,12}(\.\d{1,4})?$/;

export const MoneySchema = z.string().trim().regex(MONEY_PATTERN, 'money.invalid');

/** '1234.5' → 12345000n (units of 0.0001 万元). */
export function toUnits(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const units = BigInt(whole) * UNIT + BigInt(fraction.padEnd(MONEY_SCALE, '0').slice(0, MONEY_SCALE) || '0');
  return negative ? -units : units;
}

/** 12345000n → '1234.5' (no trailing zeros; '0' for zero). */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / UNIT;
  const fraction = (abs % UNIT).toString().padStart(MONEY_SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function sumMoney(amounts: Iterable<string>): string {
  let total = 0n;
  for (const a of amounts) total += toUnits(a);
  return fromUnits(total);
}

/** a − b, exact. */
export function subtractMoney(a: string, b: string): string {
  return fromUnits(toUnits(a) - toUnits(b));
}

/** A ratio of two amounts as a number (rates are not money); null when the denominator is zero. */
export function moneyRatio(numerator: string, denominator: string): number | null {
  const d = toUnits(denominator);
  if (d === 0n) return null;
  return Number((toUnits(numerator) * 1_000_000n) / d) / 1_000_000;
}

/** 万元 shown as 亿元 when large: 1234567.8 万元 → "123.46 亿元" (display only). */
export function formatWanYuan(amount: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const units = toUnits(amount);
  const yi = 10_000n * UNIT;
  if (units >= yi || units <= -yi) {
    const value = Number((units * 100n) / yi) / 100;
    return locale === 'zh-CN'
      ? `${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 亿元`
      : `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} × 100M yuan`;
  }
  const value = fromUnits(units);
  return locale === 'zh-CN' ? `${value} 万元` : `${value} × 10k yuan`;
}
