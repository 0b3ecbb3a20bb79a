import type { Meeting, ProblemStatus } from '../../../../src/contracts/index.js';

/** One row of a meeting's task list: a task handed out here, or one carried over from the last meeting. */
export interface TaskRow {
  key: string;
  problemId: number;
  title: string;
  leadUnitId: number | null;
  leadUnitName: string | null;
  leadPerson: string | null;
  deadline: string | null;
  status: ProblemStatus | null;
  /** Set for items the last meeting left open (they stay until settled). */
  carriedFromMeetingId: number | null;
}

/**
 * The tasks a meeting follows: first those carried over from earlier meetings (from its
 * agenda), then those its decisions handed out, each problem once.
 */
export function meetingTasks(meeting: Pick<Meeting, 'agenda' | 'decisions'>): TaskRow[] {
  const rows: TaskRow[] = [];
  const seen = new Set<number>();
  for (const item of meeting.agenda) {
    if (item.reason !== 'carried' || item.problemId === null || seen.has(item.problemId)) continue;
    seen.add(item.problemId);
    rows.push({
      key: `a${item.position}`,
      problemId: item.problemId,
      title: item.title,
      leadUnitId: null,
      leadUnitName: null,
      leadPerson: null,
      deadline: null,
      status: item.problemStatus,
      carriedFromMeetingId: item.carriedFromMeetingId,
    });
  }
  for (const decision of meeting.decisions) {
    const task = decision.task;
    if (!task || seen.has(task.problemId)) continue;
    seen.add(task.problemId);
    rows.push({
      key: `d${decision.id}`,
      problemId: task.problemId,
      title: task.title,
      leadUnitId: task.leadUnitId,
      leadUnitName: task.leadUnitName,
      leadPerson: task.leadPerson,
      deadline: task.deadline,
      status: task.status,
      carriedFromMeetingId: null,
    });
  }
  return rows;
}

/** The agenda item a decision answers, as "n. title"; null when it answers none (or the item is gone). */
export function agendaLabel(meeting: Pick<Meeting, 'agenda'>, position: number | null): { n: number; title: string } | null {
  if (position === null) return null;
  const item = meeting.agenda.find((a) => a.position === position);
  return item ? { n: item.position + 1, title: item.title } : null;
}
