import { MonthSchema, shanghaiDate } from '../../../../src/contracts/index.js';

/** Reporting months are `yyyy-mm`, counted in Beijing time like everything else the city does. */
export function currentMonth(now: Date = new Date()): string {
  return shanghaiDate(now).slice(0, 7);
}

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month's last day, `yyyy-mm-dd`. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * The month a page opens on: the one in the URL when it is a valid month not in the future,
 * else the month before the current one (a month is reported, ranked and published once it is over).
 */
export function monthFromSearch(value: string | null, now: Date = new Date()): string {
  const latest = currentMonth(now);
  if (value && MonthSchema.safeParse(value).success && value <= latest) return value;
  return addMonths(latest, -1);
}

/** Whether a month may be picked: never one that has not begun (or, for publications, one not over). */
export function isSelectableMonth(month: string, options: { allowCurrent: boolean }, now: Date = new Date()): boolean {
  const latest = currentMonth(now);
  return options.allowCurrent ? month <= latest : month < latest;
}
