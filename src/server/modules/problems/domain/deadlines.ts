import type { EscalationLevel, ProblemSettings } from '../../../../contracts/index.js';
import type { WorkCalendar } from './workdays.js';

/**
 * Deadlines and supervision in working days (限时督办): pure functions of dates, the
 * calendar and the city's settings. `asOf` is today's civil date, given by the caller.
 */
export type Ladder = ProblemSettings['escalation'];

const LEVEL_RANK: Record<EscalationLevel, number> = { unit: 1, department: 2, leader: 3 };

export function levelRank(level: EscalationLevel | null): number {
  return level === null ? 0 : LEVEL_RANK[level];
}

/** The default deadline of an item: the category's limit in working days from the day it is assigned. */
export function defaultDeadline(calendar: WorkCalendar, assignedOn: string, limitDays: number): string {
  return calendar.addWorkingDays(assignedOn, limitDays);
}

/** An appeal's three limits, counted in working days from the day the enterprise raised it. */
export function appealDues(
  calendar: WorkCalendar,
  raisedOn: string,
  limits: ProblemSettings['appealLimits'],
  isComplex: boolean,
): { acceptDue: string; replyDue: string; deadline: string } {
  return {
    acceptDue: calendar.addWorkingDays(raisedOn, limits.acceptDays),
    replyDue: calendar.addWorkingDays(raisedOn, limits.replyDays),
    deadline: calendar.addWorkingDays(raisedOn, isComplex ? limits.complexResolveDays : limits.resolveDays),
  };
}

/** Working days an open item is past its deadline as of a date (0 when not overdue). */
export function overdueWorkingDays(calendar: WorkCalendar, deadline: string | null, asOf: string): number {
  if (!deadline || asOf <= deadline) return 0;
  return Math.max(0, calendar.workingDaysBetween(deadline, asOf));
}

/** Overdue in the plain sense the lights use: open and the deadline has passed. */
export function isOverdue(deadline: string | null, asOf: string): boolean {
  return !!deadline && deadline < asOf;
}

/**
 * The escalation steps an overdue item should have taken by `asOf` beyond the level it has
 * reached: each level is due when the item is that many working days past its deadline.
 * Several steps at once when the scheduler missed days (each with its own due date).
 */
export function dueEscalations(
  calendar: WorkCalendar,
  deadline: string | null,
  reached: EscalationLevel | null,
  asOf: string,
  ladder: Ladder,
): { level: EscalationLevel; dueOn: string; overdueDays: number }[] {
  if (!deadline) return [];
  const overdue = overdueWorkingDays(calendar, deadline, asOf);
  const steps: [EscalationLevel, number][] = [
    ['unit', ladder.unitAfter],
    ['department', ladder.departmentAfter],
    ['leader', ladder.leaderAfter],
  ];
  return steps
    .filter(([level, after]) => LEVEL_RANK[level] > levelRank(reached) && overdue >= after)
    .map(([level, after]) => ({ level, dueOn: calendar.addWorkingDays(deadline, after), overdueDays: overdue }));
}

/**
 * Whether a deadline reminder is due: from `days` working days before the deadline until the
 * day before it (the scheduler sends one per item and deadline).
 */
export function isReminderDue(calendar: WorkCalendar, deadline: string | null, asOf: string, days: number): boolean {
  if (!deadline || asOf >= deadline) return false;
  return asOf >= calendar.addWorkingDays(deadline, -days);
}
