/**
 * The demo's seasonal pattern of fixed-asset investment: the share of a year's investment
 * done in each month. Back-loaded, as Chinese investment is: little in January and February
 * (the Spring Festival stops most sites), a push to the half-year mark in June, and the
 * biggest month in December (year-end settlement of progress payments). More back-loaded
 * than the platform's default profile (monitoring/domain/forecast.ts DEFAULT_PROFILE), so
 * the profile learnt from the demo's past years visibly differs from the default.
 */
export const SEASONAL_SHARES: readonly number[] = [0.03, 0.035, 0.075, 0.075, 0.085, 0.105, 0.08, 0.08, 0.095, 0.085, 0.1, 0.155];

/** The cumulative share by the end of each month (the last one 1). */
export function cumulativeShares(shares: readonly number[] = SEASONAL_SHARES): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  let running = 0;
  return shares.map((s) => {
    running += s;
    return Math.round((running / total) * 1e6) / 1e6;
  });
}

/**
 * 2020's first quarter: sites closed for the epidemic after the Spring Festival (national
 * fixed-asset investment fell by a quarter in January–February 2020). Multiplies a month's weight.
 */
export function epidemicFactor(year: number, month: number): number {
  if (year !== 2020) return 1;
  return month === 1 ? 0.8 : month === 2 ? 0.25 : month === 3 ? 0.7 : 1;
}
