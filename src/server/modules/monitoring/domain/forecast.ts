import { fromUnits, toUnits } from '../../../../contracts/money.js';

/**
 * Seasonal profile: the cumulative share of a year's investment usually done by the end of
 * each month (12 numbers, the last one 1). Investment in China is back-loaded: a default
 * for a city without history, replaced by what the city's own past reports show.
 */
export type Profile = readonly number[];

export const DEFAULT_PROFILE: Profile = [0.05, 0.11, 0.2, 0.28, 0.37, 0.48, 0.56, 0.64, 0.73, 0.81, 0.9, 1];

/** A share as parts per million, so money × share stays in bigint. */
const PPM = 1_000_000n;
const ppm = (share: number) => BigInt(Math.round(share * 1_000_000));

/** amount × share, exact to the yuan (half up). */
export function scaleMoney(amount: string, share: number): string {
  const units = toUnits(amount) * ppm(share);
  return fromUnits((units + PPM / 2n) / PPM);
}

/**
 * The city's profile learnt from past years: for every project-year with a complete and
 * positive year, the cumulative monthly shares, averaged weighted by the year's total (big
 * projects shape the city's curve as they shape its totals). Falls back to the default.
 */
export function learnProfile(years: readonly { monthly: readonly string[] }[], fallback: Profile = DEFAULT_PROFILE): Profile {
  const cumulative = Array.from({ length: 12 }, () => 0n);
  let total = 0n;
  for (const { monthly } of years) {
    if (monthly.length !== 12) continue;
    const amounts = monthly.map(toUnits);
    if (amounts.some((a) => a < 0n)) continue;
    const yearTotal = amounts.reduce((a, b) => a + b, 0n);
    if (yearTotal <= 0n) continue;
    let running = 0n;
    amounts.forEach((a, i) => {
      running += a;
      cumulative[i]! += running;
    });
    total += yearTotal;
  }
  if (total === 0n) return fallback;
  return cumulative.map((c) => Number((c * PPM) / total) / 1_000_000);
}

/** Year-end forecast from the year-to-date figure after `month` (1–12): ytd ÷ the profile's share by then. */
export function forecastYearEnd(ytd: string, month: number, profile: Profile = DEFAULT_PROFILE): string {
  const share = profile[Math.min(Math.max(month, 1), 12) - 1] ?? 1;
  if (share <= 0) return ytd;
  return fromUnits((toUnits(ytd) * PPM + ppm(share) / 2n) / ppm(share));
}

/** Cumulative plan, actual and forecast by month, for a trajectory chart (decimal strings; null = no figure). */
export function trajectory(input: {
  plan: string;
  planMonthly: readonly string[] | null;
  actualMonthly: readonly (string | null)[];
  month: number;
  profile: Profile;
}) {
  const planCumulative: string[] = [];
  let planRunning = 0n;
  for (let m = 1; m <= 12; m++) {
    planRunning = input.planMonthly
      ? planRunning + toUnits(input.planMonthly[m - 1] ?? '0')
      : toUnits(scaleMoney(input.plan, input.profile[m - 1] ?? 1));
    planCumulative.push(fromUnits(planRunning));
  }
  const actualCumulative: (string | null)[] = [];
  let actualRunning = 0n;
  for (let m = 1; m <= 12; m++) {
    if (m > input.month) actualCumulative.push(null);
    else {
      actualRunning += toUnits(input.actualMonthly[m - 1] ?? '0');
      actualCumulative.push(fromUnits(actualRunning));
    }
  }
  const ytd = fromUnits(actualRunning);
  const yearEnd = forecastYearEnd(ytd, input.month, input.profile);
  const share = input.profile[input.month - 1] ?? 1;
  const forecastCumulative = Array.from({ length: 12 }, (_, i) => {
    const m = i + 1;
    if (m < input.month) return null;
    if (m === input.month) return ytd;
    // Follow the profile from today's figure to the forecast year end.
    const progress = share >= 1 ? 1 : ((input.profile[i] ?? 1) - share) / (1 - share);
    return fromUnits(toUnits(ytd) + toUnits(scaleMoney(fromUnits(toUnits(yearEnd) - toUnits(ytd)), progress)));
  });
  return { planCumulative, actualCumulative, forecastCumulative, yearEnd };
}
