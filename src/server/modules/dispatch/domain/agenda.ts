import {
  type AgendaItemKind,
  type AgendaReason,
  type MilestoneKind,
  type ProblemStatus,
  daysBetween,
} from '../../../../contracts/index.js';

/**
 * The weekly dispatch agenda (周调度), proposed from plain data:
 * 1. what the last meeting left open (carried over): tasks it handed out and problems it
 *    discussed that are not closed yet;
 * 2. red projects: a milestone more than N days overdue (N from the registry settings, 30 by
 *    default) or an overdue problem; yellow projects: a milestone overdue up to N days (behind
 *    plan). The investment-based lights of the monitoring module can replace this rule;
 * 3. overdue problems not already on it.
 * No database, no clock: the meeting date is the as-of date.
 */
export interface AgendaDraft {
  kind: AgendaItemKind;
  projectId: number | null;
  problemId: number | null;
  title: string;
  reason: AgendaReason;
  detail: string | null;
  carriedFromMeetingId: number | null;
}

export interface PreviousMeeting {
  id: number;
  heldOn: string;
  agenda: readonly { kind: AgendaItemKind; projectId: number | null; problemId: number | null; title: string }[];
  decisions: readonly { text: string; taskProblemId: number | null }[];
}

export interface ItemState {
  status: ProblemStatus;
  title: string;
  projectId: number | null;
}

export interface ProjectFacts {
  id: number;
  name: string;
  milestones: readonly { kind: MilestoneKind; plannedOn: string | null; actualOn: string | null }[];
}

const MILESTONE_ZH: Record<MilestoneKind, string> = {
  filing: '立项',
  land: '用地',
  permits: '施工许可',
  start: '开工',
  topping_out: '主体封顶',
  completion: '竣工',
  production: '投产',
};

const STATUS_ZH: Record<ProblemStatus, string> = {
  raised: '待分派',
  assigned: '已交办',
  in_progress: '办理中',
  resolved: '已办结待确认',
  confirmed: '已销号',
};

/** An item is settled for the meeting once whoever raised it confirmed it. */
export function isSettled(status: ProblemStatus | undefined): boolean {
  return status === 'confirmed';
}

/** Items the last meeting leaves open: its unsettled tasks, then its unsettled problem items (each problem once). */
export function carryOver(previous: PreviousMeeting | null, states: ReadonlyMap<number, ItemState>): AgendaDraft[] {
  if (!previous) return [];
  const seen = new Set<number>();
  const carried: AgendaDraft[] = [];
  const add = (problemId: number, kind: AgendaItemKind, title: string) => {
    const state = states.get(problemId);
    if (seen.has(problemId) || !state || isSettled(state.status)) return;
    seen.add(problemId);
    carried.push({
      kind,
      projectId: state.projectId,
      problemId,
      title,
      reason: 'carried',
      detail: `上次调度会（${previous.heldOn}）遗留，当前状态：${STATUS_ZH[state.status]}`,
      carriedFromMeetingId: previous.id,
    });
  };
  for (const d of previous.decisions) if (d.taskProblemId !== null) add(d.taskProblemId, 'task', d.text);
  for (const item of previous.agenda)
    if (item.problemId !== null) add(item.problemId, item.kind === 'task' ? 'task' : 'problem', item.title);
  return carried;
}

/** Red and yellow projects as of the meeting date, with the reason in words. */
export function projectLights(
  projects: readonly ProjectFacts[],
  overdueProblems: ReadonlyMap<number, number>,
  asOf: string,
  redAfterDays: number,
): { projectId: number; name: string; light: 'red' | 'yellow'; detail: string }[] {
  const out: { projectId: number; name: string; light: 'red' | 'yellow'; detail: string }[] = [];
  const longest = new Map<number, number>();
  for (const p of projects) {
    const late = p.milestones
      .filter((m) => m.plannedOn && !m.actualOn && m.plannedOn < asOf)
      .map((m) => ({ kind: m.kind, days: daysBetween(m.plannedOn!, asOf) }))
      .sort((a, b) => b.days - a.days);
    const problems = overdueProblems.get(p.id) ?? 0;
    const reasons = [
      ...late.map((m) => `${MILESTONE_ZH[m.kind]}节点逾期 ${m.days} 天`),
      ...(problems ? [`${problems} 个问题超期未解决`] : []),
    ];
    const isRed = problems > 0 || late.some((m) => m.days > redAfterDays);
    longest.set(p.id, late[0]?.days ?? 0);
    if (isRed || late.length) out.push({ projectId: p.id, name: p.name, light: isRed ? 'red' : 'yellow', detail: reasons.join('；') });
  }
  // Red first, then the longest delays, then the older project.
  return out.sort((a, b) =>
    a.light !== b.light
      ? a.light === 'red'
        ? -1
        : 1
      : (longest.get(b.projectId) ?? 0) - (longest.get(a.projectId) ?? 0) || a.projectId - b.projectId,
  );
}

/**
 * A weekly meeting discusses a few dozen items, not every late project of the city: the
 * proposal takes the worst projects (red first, longest delay first) up to this many; the
 * rest stay on the lights page and the proposal says how many were left out.
 */
export const PROPOSED_PROJECTS_MAX = 30;

/** The proposed agenda: carried over, red projects, yellow projects, overdue problems (nothing twice). */
export function proposeAgenda(input: {
  carried: readonly AgendaDraft[];
  lights: readonly { projectId: number; name: string; light: 'red' | 'yellow'; detail: string }[];
  overdueItems: readonly { id: number; title: string; projectId: number | null; deadline: string | null; leadUnitName: string | null }[];
  asOf: string;
}): AgendaDraft[] {
  const items: AgendaDraft[] = [...input.carried];
  const problems = new Set(input.carried.map((c) => c.problemId));
  for (const light of input.lights) {
    items.push({
      kind: 'project',
      projectId: light.projectId,
      problemId: null,
      title: light.name,
      reason: light.light,
      detail: light.detail,
      carriedFromMeetingId: null,
    });
  }
  for (const item of input.overdueItems) {
    if (problems.has(item.id)) continue;
    problems.add(item.id);
    items.push({
      kind: 'problem',
      projectId: item.projectId,
      problemId: item.id,
      title: item.title,
      reason: 'overdue',
      detail: `${item.leadUnitName ?? '未分派'}牵头，时限 ${item.deadline}，已超期 ${item.deadline ? daysBetween(item.deadline, input.asOf) : 0} 天`,
      carriedFromMeetingId: null,
    });
  }
  return items;
}

/** An edited agenda keeps every carried-over item (they leave only by being settled). */
export function withCarried(agenda: readonly AgendaDraft[], carried: readonly AgendaDraft[]): AgendaDraft[] {
  const present = new Set(agenda.filter((a) => a.problemId !== null).map((a) => a.problemId));
  return [...carried.filter((c) => !present.has(c.problemId)), ...agenda];
}

type AgendaIdentity = Pick<AgendaDraft, 'kind' | 'projectId' | 'problemId' | 'title'>;

function sameItem(a: AgendaIdentity, b: AgendaIdentity): boolean {
  return a.kind === b.kind && a.projectId === b.projectId && a.problemId === b.problemId && a.title === b.title;
}

/**
 * Where each item of an edited agenda went: old position → new position, or null when the
 * item was removed. Decisions answer an item by its position, so an edit that reorders or
 * removes items moves them along instead of leaving them on whatever now sits there. Items
 * are the same when kind, project, problem and title are; twins pair up in order.
 */
export function agendaMoves(before: readonly AgendaIdentity[], after: readonly AgendaIdentity[]): (number | null)[] {
  const taken = new Set<number>();
  return before.map((item) => {
    const at = after.findIndex((candidate, index) => !taken.has(index) && sameItem(item, candidate));
    if (at < 0) return null;
    taken.add(at);
    return at;
  });
}
