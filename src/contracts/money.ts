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

/** 10^0 … 10^4: the factor that pads a fraction to four decimals. */
const PAD = [1, 10, 100, 1000, 10000];

/**
 * '1234.5' → 12345000n (units of 0.0001 万元). Sums over a city's projects call this millions of
 * times: a plain decimal that fits a double exactly is read digit by digit (one bigint made);
 * anything else takes the general path, which gives the same answer (and the same errors).
 */
export function toUnits(amount: string): bigint {
  const n = amount.length;
  let i = amount.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let units = 0;
  let decimals = -1;
  for (; i < n; i++) {
    const c = amount.charCodeAt(i);
    if (c === 46 && decimals < 0) decimals = 0;
    else if (c >= 48 && c <= 57) {
      if (decimals >= MONEY_SCALE) continue;
      units = units * 10 + (c - 48);
      if (decimals >= 0) decimals++;
    } else return toUnitsExactly(amount);
  }
  const factor = PAD[decimals < 0 ? MONEY_SCALE : MONEY_SCALE - decimals]!;
  if (units > Number.MAX_SAFE_INTEGER / factor) return toUnitsExactly(amount);
  const value = BigInt(units * factor);
  return negative ? -value : value;
}

function toUnitsExactly(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const units = BigInt(whole) * UNIT + BigInt(fraction.padEnd(MONEY_SCALE, '0').slice(0, MONEY_SCALE) || '0');
  return negative ? -units : units;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** 12345000n → '1234.5' (no trailing zeros; '0' for zero). */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  let whole: string;
  let rest: number;
  if (abs <= SAFE) {
    const value = Number(abs);
    rest = value % 10000;
    whole = String((value - rest) / 10000);
  } else {
    whole = String(abs / UNIT);
    rest = Number(abs % UNIT);
  }
  let fraction = '';
  if (rest > 0) {
    fraction = String(rest).padStart(MONEY_SCALE, '0');
    let end = fraction.length;
    while (fraction.charCodeAt(end - 1) === 48) end--;
    fraction = `.${fraction.slice(0, end)}`;
  }
  return `${negative ? '-' : ''}${whole}${fraction}`;
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

/** '1234567.5' → '1,234,567.5': separators in the integer part only, the digits untouched. */
export function groupDigits(decimal: string): string {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
