import type { CalendarYear, MessageKey } from '../../../../contracts/index.js';

/**
 * Working days in mainland China: Monday to Friday, except the public holidays the State
 * Council announces each year, plus the weekend days it declares working days (调休上班).
 * Years the calendar does not know fall back to weekends only (`isCovered` says so).
 * Dates are ISO civil dates ('2026-02-14'); no clock, no time zone.
 */
const DAY_MS = 86_400_000;

function toDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Add calendar days to an ISO date. */
export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

export function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export class WorkCalendar {
  private readonly holidays = new Map<string, string>();
  private readonly workdays = new Map<string, string>();
  private readonly years: ReadonlySet<number>;

  /** `years`: the calendar year each entry was published for, and its holidays and adjusted working days. */
  constructor(years: ReadonlyMap<number, Pick<CalendarYear, 'holidays' | 'workdays'>>) {
    for (const entry of years.values()) {
      for (const range of entry.holidays) {
        for (let day = toDay(range.from); day <= toDay(range.to); day++) this.holidays.set(fromDay(day), range.name);
      }
      for (const w of entry.workdays) this.workdays.set(w.date, w.name);
    }
    this.years = new Set(years.keys());
  }

  /** Whether the calendar knows the holidays of this date's year. */
  isCovered(date: string): boolean {
    return this.years.has(Number(date.slice(0, 4)));
  }

  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isWorkingDay(date: string): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return !isWeekend(date);
  }

  /** The holiday a date falls in, if any. */
  holidayName(date: string): string | undefined {
    return this.holidays.get(date);
  }

  /**
   * The n-th working day after `from` (`from` itself not counted): a limit of n working days
   * from the day something happened. n = 0 gives `from`; negative n counts backwards.
   */
  addWorkingDays(from: string, n: number): string {
    if (n === 0) return from;
    const step = n > 0 ? 1 : -1;
    let day = toDay(from);
    let left = Math.abs(n);
    while (left > 0) {
      day += step;
      if (this.isWorkingDay(fromDay(day))) left--;
    }
    return fromDay(day);
  }

  /** Working days in (from, to]: how many working days `to` lies after `from` (negative when before). */
  workingDaysBetween(from: string, to: string): number {
    if (to === from) return 0;
    const [start, end, sign] = to > from ? [toDay(from), toDay(to), 1] : [toDay(to), toDay(from), -1];
    let count = 0;
    for (let day = start + 1; day <= end; day++) if (this.isWorkingDay(fromDay(day))) count++;
    return sign * count;
  }
}

/**
 * Checks of one uploaded year (beyond its schema): dates inside the year (a New Year holiday
 * may start in the December before), no date both holiday and adjusted working day, and
 * adjusted working days on weekends only. Returns field problems.
 */
export function checkCalendarYear(
  year: number,
  entry: Pick<CalendarYear, 'holidays' | 'workdays'>,
): { path: string; key: MessageKey; params?: Record<string, string | number> }[] {
  const problems: { path: string; key: MessageKey; params?: Record<string, string | number> }[] = [];
  const first = `${year - 1}-12-01`;
  const last = `${year}-12-31`;
  const holidayDates = new Set<string>();
  entry.holidays.forEach((range, i) => {
    for (const field of ['from', 'to'] as const) {
      if (range[field] < first || range[field] > last)
        problems.push({ path: `holidays.${i}.${field}`, key: 'problem.calendarYear', params: { year } });
    }
    if (range.to >= range.from && toDay(range.to) - toDay(range.from) < 31) {
      for (let day = toDay(range.from); day <= toDay(range.to); day++) holidayDates.add(fromDay(day));
    }
  });
  entry.workdays.forEach((w, i) => {
    if (w.date < `${year}-01-01` || w.date > last)
      problems.push({ path: `workdays.${i}.date`, key: 'problem.calendarYear', params: { year } });
    else if (!isWeekend(w.date)) problems.push({ path: `workdays.${i}.date`, key: 'problem.notWorkday', params: { date: w.date } });
    else if (holidayDates.has(w.date))
      problems.push({ path: `workdays.${i}.date`, key: 'problem.calendarOverlap', params: { date: w.date } });
  });
  return problems;
}
