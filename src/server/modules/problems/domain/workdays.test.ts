import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../../../contracts/index.js';
import { packageRoot } from '../../../lib/package-root.js';
import { WorkCalendar, checkCalendarYear } from './workdays.js';

const file = JSON.parse(readFileSync(path.join(packageRoot(), 'reference', 'cn-workdays.json'), 'utf8')) as {
  years: Record<string, CalendarYear>;
};
const sut = new WorkCalendar(new Map(Object.entries(file.years).map(([y, entry]) => [Number(y), entry])));

describe(WorkCalendar.name, () => {
  it('knows 2022–2026', () => {
    expect(sut.coveredYears()).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(sut.isCovered('2026-07-01')).toBe(true);
    expect(sut.isCovered('2031-07-01')).toBe(false);
  });

  it('treats the 2026 Spring Festival week as rest and its 调休 Saturdays as working days', () => {
    expect(sut.isWorkingDay('2026-02-13')).toBe(true); // Friday
    expect(sut.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休上班
    expect(sut.isWorkingDay('2026-02-15')).toBe(false); // Sunday, holiday starts
    for (const day of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23']) {
      expect(sut.isWorkingDay(day), day).toBe(false); // weekdays inside the holiday
    }
    expect(sut.holidayName('2026-02-17')).toBe('春节');
    expect(sut.isWorkingDay('2026-02-24')).toBe(true);
    expect(sut.isWorkingDay('2026-02-28')).toBe(true); // Saturday, 调休上班
    expect(sut.isWorkingDay('2026-03-01')).toBe(false); // plain Sunday
  });

  it('counts working days across the 调休 weekend and the Spring Festival week', () => {
    // Friday 13 Feb 2026: the next working day is the 调休 Saturday, then nothing until the 24th.
    expect(sut.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(sut.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(sut.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    // 15 working days from the Friday before the holiday: 14 Feb, 24–27 Feb, 28 Feb (Sat), 2–6 Mar, 9–12 Mar.
    expect(sut.addWorkingDays('2026-02-13', 15)).toBe('2026-03-12');
    expect(sut.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(sut.workingDaysBetween('2026-02-24', '2026-02-13')).toBe(-2);
    expect(sut.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(sut.addWorkingDays('2026-02-24', 0)).toBe('2026-02-24');
  });

  it('works the same in 2025 (a Sunday 调休 before the holiday)', () => {
    expect(sut.isWorkingDay('2025-01-26')).toBe(true); // Sunday, 调休上班
    expect(sut.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(sut.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05'); // 26, 27 Jan, then 5 Feb
    expect(sut.isWorkingDay('2025-02-08')).toBe(true);
  });

  it('crosses a year boundary (the 2023 New Year holiday starts on 31 December 2022)', () => {
    expect(sut.holidayName('2022-12-31')).toBe('元旦');
    expect(sut.addWorkingDays('2022-12-30', 1)).toBe('2023-01-03');
  });

  it('falls back to weekends only for years it does not know', () => {
    expect(sut.isWorkingDay('2031-01-01')).toBe(true); // a Wednesday; no holiday data for 2031
    expect(sut.addWorkingDays('2031-01-03', 1)).toBe('2031-01-06');
  });
});

describe(checkCalendarYear.name, () => {
  it('accepts the published years', () => {
    for (const [year, entry] of Object.entries(file.years)) expect(checkCalendarYear(Number(year), entry), year).toEqual([]);
  });

  it('refuses dates outside the year, weekday 调休 days and a date that is both', () => {
    const problems = checkCalendarYear(2027, {
      holidays: [
        { name: '春节', from: '2027-02-06', to: '2027-02-12' },
        { name: '错年', from: '2025-05-01', to: '2025-05-02' },
      ],
      workdays: [
        { name: '春节', date: '2027-02-06' },
        { name: '春节', date: '2027-02-15' },
        { name: '错年', date: '2028-01-01' },
      ],
    });
    expect(problems.map((p) => [p.path, p.key])).toEqual([
      ['holidays.1.from', 'problem.calendarYear'],
      ['holidays.1.to', 'problem.calendarYear'],
      ['workdays.0.date', 'problem.calendarOverlap'],
      ['workdays.1.date', 'problem.notWorkday'],
      ['workdays.2.date', 'problem.calendarYear'],
    ]);
  });
});
