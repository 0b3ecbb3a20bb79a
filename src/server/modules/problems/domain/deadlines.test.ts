import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CalendarYear, DEFAULT_PROBLEM_SETTINGS } from '../../../../contracts/index.js';
import { packageRoot } from '../../../lib/package-root.js';
import { appealDues, defaultDeadline, dueEscalations, isReminderDue, overdueWorkingDays } from './deadlines.js';
import { WorkCalendar } from './workdays.js';
import { nextStatus, refusal } from './workflow.js';

const file = JSON.parse(readFileSync(path.join(packageRoot(), 'reference', 'cn-workdays.json'), 'utf8')) as {
  years: Record<string, CalendarYear>;
};
const calendar = new WorkCalendar(new Map(Object.entries(file.years).map(([y, entry]) => [Number(y), entry])));
const ladder = { unitAfter: 1, departmentAfter: 5, leaderAfter: 10 };

describe(dueEscalations.name, () => {
  // Deadline: Friday 13 February 2026, the last working day before the Spring Festival.
  const deadline = '2026-02-13';

  it('takes nothing before or on the deadline', () => {
    expect(dueEscalations(calendar, deadline, null, '2026-02-13', ladder)).toEqual([]);
    expect(dueEscalations(calendar, null, null, '2026-12-31', ladder)).toEqual([]);
  });

  it('reaches the unit level on the first working day after the deadline (the 调休 Saturday)', () => {
    expect(dueEscalations(calendar, deadline, null, '2026-02-14', ladder)).toEqual([
      { level: 'unit', dueOn: '2026-02-14', overdueDays: 1 },
    ]);
  });

  it('does not move during the holiday', () => {
    expect(overdueWorkingDays(calendar, deadline, '2026-02-23')).toBe(1);
    expect(dueEscalations(calendar, deadline, 'unit', '2026-02-23', ladder)).toEqual([]);
  });

  it('steps up to the city department after 5 working days, and to the leader after 10', () => {
    // 14 Feb, 24, 25, 26, 27 Feb: five working days overdue on the 27th.
    expect(dueEscalations(calendar, deadline, 'unit', '2026-02-27', ladder)).toEqual([
      { level: 'department', dueOn: '2026-02-27', overdueDays: 5 },
    ]);
    // 28 Feb (调休 Saturday), 2, 3, 4, 5 March: ten on 5 March.
    expect(dueEscalations(calendar, deadline, 'department', '2026-03-04', ladder)).toEqual([]);
    expect(dueEscalations(calendar, deadline, 'department', '2026-03-05', ladder)).toEqual([
      { level: 'leader', dueOn: '2026-03-05', overdueDays: 10 },
    ]);
    expect(dueEscalations(calendar, deadline, 'leader', '2026-06-30', ladder)).toEqual([]);
  });

  it('takes every missed step at once, each with its own due date', () => {
    expect(dueEscalations(calendar, deadline, null, '2026-03-09', ladder).map((s) => [s.level, s.dueOn])).toEqual([
      ['unit', '2026-02-14'],
      ['department', '2026-02-27'],
      ['leader', '2026-03-05'],
    ]);
  });
});

describe(isReminderDue.name, () => {
  it('reminds from the working day before the deadline, which may be a 调休 Saturday', () => {
    // Deadline Monday 2 March 2026: the working day before is Saturday 28 February (调休上班), not Friday 27.
    expect(isReminderDue(calendar, '2026-03-02', '2026-02-27', 1)).toBe(false);
    expect(isReminderDue(calendar, '2026-03-02', '2026-02-28', 1)).toBe(true);
    expect(isReminderDue(calendar, '2026-03-02', '2026-03-01', 1)).toBe(true);
    expect(isReminderDue(calendar, '2026-03-02', '2026-03-02', 1)).toBe(false);
  });
});

describe(appealDues.name, () => {
  it('counts the limits in working days from the day the appeal was raised', () => {
    expect(appealDues(calendar, '2026-02-13', DEFAULT_PROBLEM_SETTINGS.appealLimits, false)).toEqual({
      acceptDue: '2026-02-14',
      replyDue: '2026-02-25',
      deadline: '2026-03-12',
    });
    expect(appealDues(calendar, '2026-02-13', DEFAULT_PROBLEM_SETTINGS.appealLimits, true).deadline).toBe(
      calendar.addWorkingDays('2026-02-13', 30),
    );
  });

  it('gives problems the category limit from the day they are assigned', () => {
    expect(defaultDeadline(calendar, '2026-02-12', 5)).toBe('2026-02-26');
  });
});

describe(refusal.name, () => {
  const problem = { kind: 'problem' as const, reopenCount: 0 };
  const appeal = { kind: 'appeal' as const, reopenCount: 0 };

  it('follows raised → assigned → in progress → resolved → confirmed', () => {
    expect(refusal({ ...problem, status: 'raised' }, 'assign')).toBeNull();
    expect(refusal({ ...problem, status: 'raised' }, 'start')).toBe('problem.status');
    expect(refusal({ ...problem, status: 'assigned' }, 'start')).toBeNull();
    expect(refusal({ ...problem, status: 'assigned' }, 'resolve')).toBe('problem.status');
    expect(refusal({ ...problem, status: 'in_progress' }, 'resolve')).toBeNull();
    expect(refusal({ ...problem, status: 'resolved' }, 'confirm')).toBeNull();
    expect(refusal({ ...problem, status: 'confirmed' }, 'confirm')).toBe('problem.status');
    expect(nextStatus({ ...problem, status: 'resolved' }, 'reopen')).toBe('in_progress');
  });

  it('keeps an item in progress when only its deadline changes', () => {
    expect(nextStatus({ ...problem, status: 'in_progress' }, 'assign', { leadChanged: false })).toBe('in_progress');
    expect(nextStatus({ ...problem, status: 'in_progress' }, 'assign', { leadChanged: true })).toBe('assigned');
  });

  it('lets a problem be reopened again and again, an appeal once (also after it was rated)', () => {
    expect(refusal({ ...problem, status: 'resolved', reopenCount: 5 }, 'reopen')).toBeNull();
    expect(refusal({ ...problem, status: 'confirmed' }, 'reopen')).toBe('problem.status');
    expect(refusal({ ...appeal, status: 'confirmed' }, 'reopen')).toBeNull();
    expect(refusal({ ...appeal, status: 'resolved', reopenCount: 1 }, 'reopen')).toBe('problem.reopenLimit');
  });

  it('answers an appeal only while it is handled; problems have no replies', () => {
    expect(refusal({ ...appeal, status: 'in_progress' }, 'reply')).toBeNull();
    expect(refusal({ ...appeal, status: 'assigned' }, 'reply')).toBe('problem.status');
    expect(refusal({ ...problem, status: 'in_progress' }, 'reply')).toBe('problem.status');
  });
});
