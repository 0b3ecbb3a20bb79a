import { fromUnits, groupDigits, type Locale, MoneySchema, toUnits } from '../../../../../src/contracts/index.js';
import { translateUi } from '../../../i18n';

/** Money travels as exact decimal strings in 万元 (4 decimals): 1 万元 = 10⁴ units, 1 亿元 = 10⁸ units. */
const UNITS_PER_WAN = 10_000n;
const UNITS_PER_YI = 10_000n * UNITS_PER_WAN;

/** `units / divisor` rounded half away from zero to `digits` decimals, as a decimal string with exactly that many decimals. */
export function divideRounded(units: bigint, divisor: bigint, digits: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const scale = 10n ** BigInt(digits);
  const scaled = (abs * scale * 2n + divisor) / (divisor * 2n);
  const whole = scaled / scale;
  const fraction = digits > 0 ? `.${(scaled % scale).toString().padStart(digits, '0')}` : '';
  return `${negative && scaled !== 0n ? '-' : ''}${whole}${fraction}`;
}

export function isMoney(value: unknown): value is string {
  return typeof value === 'string' && MoneySchema.safeParse(value).success;
}

/**
 * An amount in 万元 for people: up to 1 亿元 exact in 万元 ("28,255 万元"), from there in 亿元
 * with two decimals ("2,860.60 亿元"); `unit` forces one of the two (an axis's ticks share the
 * unit of its largest). Only integer arithmetic: nothing is ever a float.
 * '—' for no value; text that is not an amount is shown as it is.
 */
export function formatMoney(amount: string | null | undefined, locale: Locale, unit: 'auto' | 'wan' | 'yi' = 'auto'): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return amount;
  const units = toUnits(amount);
  if (unit === 'yi' || (unit === 'auto' && (units >= UNITS_PER_YI || units <= -UNITS_PER_YI))) {
    return translateUi(locale, 'money.yi', { value: groupDigits(divideRounded(units, UNITS_PER_YI, 2)) });
  }
  return translateUi(locale, 'money.wan', { value: groupDigits(fromUnits(units)) });
}

/** 万元 exactly, with the 亿元 figure after it when that large: "28,255 万元（2.83 亿元）". */
export function formatMoneyLong(amount: string | null | undefined, locale: Locale): string {
  const wan = formatMoney(amount, locale, 'wan');
  const auto = formatMoney(amount, locale);
  return wan === auto ? wan : translateUi(locale, 'money.both', { wan, yi: auto });
}

/** The figure in 万元 without the unit (for table columns whose title names it): '28,606,000'. */
export function formatAmount(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return amount;
  return groupDigits(fromUnits(toUnits(amount)));
}

/** The exact sum of the amounts that are amounts (blanks count as zero); `invalid` tells whether any entry was not one. */
export function sumAmounts(values: readonly (string | null | undefined)[]): { sum: string; invalid: boolean } {
  let total = 0n;
  let invalid = false;
  for (const value of values) {
    if (value === null || value === undefined || value.trim() === '') continue;
    if (!isMoney(value.trim())) {
      invalid = true;
      continue;
    }
    total += toUnits(value.trim());
  }
  return { sum: fromUnits(total), invalid };
}

/** a − b, exact (both valid amounts). */
export function differenceOf(a: string, b: string): string {
  return fromUnits(toUnits(a) - toUnits(b));
}

/** A rate (0.787…) as a percentage with one decimal ("78.7%"); '—' when there is no rate. Rates are not money. */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}
