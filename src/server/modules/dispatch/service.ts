import {
  type AgendaItem,
  type AgendaItemInput,
  type AgendaItemKind,
  type AgendaProposal,
  type AgendaReason,
  type CreateDecision,
  type CreateMeeting,
  type Meeting,
  type MeetingListQuery,
  type MessageKey,
  type ProblemStatus,
  type UpdateMeeting,
  DISPATCH_LIMITS,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { Db, Executor, Tx } from '../../db/pool.js';
import { type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { appendAudit } from '../audit/index.js';
import { itemBriefs, overdueItems, overdueProblemsByProject, raiseProblemInTx } from '../problems/index.js';
import { getProjectRef, projectFacts, projectIdsUnder } from '../projects/index.js';
import { registrySettings } from '../settings/index.js';
import {
  type AgendaDraft,
  type ItemState,
  PROPOSED_PROJECTS_MAX,
  agendaMoves,
  carryOver,
  projectLights,
  proposeAgenda,
  withCarried,
} from './domain/agenda.js';
import * as repo from './repo.js';

/**
 * Weekly dispatch (周调度): meetings with an agenda proposed from the data, minutes and
 * decisions; a decision's task (交办事项) is raised as a problem-list item, already assigned,
 * and stays on the agenda of the following meetings until whoever raised it confirms it.
 */
type Field = { path: string; key: MessageKey; params?: Record<string, string | number> };

async function itemStates(
  db: Executor,
  cityCode: string,
  ids: number[],
): Promise<
  Map<number, ItemState & { leadUnitId: number | null; leadUnitName: string | null; leadPerson: string | null; deadline: string | null }>
> {
  const rows = await itemBriefs(db, cityCode, [...new Set(ids)]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        status: r.status as ProblemStatus,
        title: r.title,
        projectId: r.project_id,
        leadUnitId: r.lead_unit_id,
        leadUnitName: r.lead_unit_name,
        leadPerson: r.lead_person,
        deadline: r.deadline,
      },
    ]),
  );
}

/** What the last meeting before `heldOn` leaves open. */
async function carriedInto(db: Executor, cityCode: string, heldOn: string): Promise<{ previousId: number | null; carried: AgendaDraft[] }> {
  const previous = await repo.previousMeeting(db, cityCode, heldOn);
  if (!previous) return { previousId: null, carried: [] };
  const [agenda, decisions] = await Promise.all([repo.agendaOf(db, cityCode, previous.id), repo.decisionsOf(db, cityCode, previous.id)]);
  const ids = [...agenda.map((a) => a.problem_id), ...decisions.map((d) => d.task_problem_id)].filter((id): id is number => id !== null);
  const carried = carryOver(
    {
      id: previous.id,
      heldOn: previous.held_on,
      agenda: agenda.map((a) => ({ kind: a.kind as AgendaItemKind, projectId: a.project_id, problemId: a.problem_id, title: a.title })),
      decisions: decisions.map((d) => ({ text: d.text, taskProblemId: d.task_problem_id })),
    },
    await itemStates(db, cityCode, ids),
  );
  return { previousId: previous.id, carried };
}

async function proposedAgenda(db: Executor, scope: Scope, heldOn: string) {
  const cityCode = scope.cityCode;
  const { previousId, carried } = await carriedInto(db, cityCode, heldOn);
  const ids = await projectIdsUnder(db, scope);
  const [facts, overdue, settings, items] = await Promise.all([
    projectFacts(db, cityCode, ids, Number(heldOn.slice(0, 4))),
    overdueProblemsByProject(db, cityCode, heldOn),
    registrySettings(db, cityCode),
    overdueItems(db, cityCode, heldOn),
  ]);
  const lights = projectLights(
    [...facts.values()].map((p) => ({ id: p.id, name: p.name, milestones: p.milestones })),
    overdue,
    heldOn,
    settings.reporting.milestoneOverdueDays,
  );
  const agenda = proposeAgenda({
    carried,
    lights: lights.slice(0, PROPOSED_PROJECTS_MAX),
    overdueItems: items
      .filter((i) => i.kind === 'problem')
      .map((i) => ({ id: i.id, title: i.title, projectId: i.project_id, deadline: i.deadline, leadUnitName: i.lead_unit_name })),
    asOf: heldOn,
  }).slice(0, DISPATCH_LIMITS.agendaMax);
  return { previousId, carried, agenda, omittedProjects: Math.max(0, lights.length - PROPOSED_PROJECTS_MAX) };
}

async function toAgendaItems(
  db: Executor,
  cityCode: string,
  drafts: readonly (AgendaDraft & { projectName?: string | null })[],
): Promise<AgendaItem[]> {
  const states = await itemStates(
    db,
    cityCode,
    drafts.map((d) => d.problemId).filter((id): id is number => id !== null),
  );
  return drafts.map((d, position) => ({
    position,
    kind: d.kind,
    projectId: d.projectId,
    projectName: d.projectName ?? null,
    problemId: d.problemId,
    problemStatus: d.problemId ? (states.get(d.problemId)?.status ?? null) : null,
    title: d.title,
    reason: d.reason,
    detail: d.detail,
    carriedFromMeetingId: d.carriedFromMeetingId,
  }));
}

/** The agenda the system proposes for a meeting on `heldOn` (the operator edits it). */
export async function agendaProposal(db: Executor, ctx: RequestContext, heldOn: string): Promise<AgendaProposal> {
  const scope = scopeOf(requireActor(ctx), 'dispatch.manage');
  const { previousId, agenda, omittedProjects } = await proposedAgenda(db, scope, heldOn);
  const names = await projectFacts(
    db,
    scope.cityCode,
    agenda.map((a) => a.projectId).filter((id): id is number => id !== null),
    Number(heldOn.slice(0, 4)),
  );
  return {
    heldOn,
    previousMeetingId: previousId,
    omittedProjects,
    items: await toAgendaItems(
      db,
      scope.cityCode,
      agenda.map((a) => ({ ...a, projectName: a.projectId ? (names.get(a.projectId)?.name ?? null) : null })),
    ),
  };
}

/** Agenda items given by the operator: their projects and problems must exist in the city. */
async function checkAgenda(
  db: Executor,
  ctx: RequestContext,
  cityCode: string,
  agenda: readonly AgendaItemInput[],
  path: string,
): Promise<AgendaDraft[]> {
  const problems: Field[] = [];
  const states = await itemStates(
    db,
    cityCode,
    agenda.map((a) => a.problemId).filter((id): id is number => !!id),
  );
  const drafts: AgendaDraft[] = [];
  for (const [i, item] of agenda.entries()) {
    if (item.projectId && !(await getProjectRef(db, ctx, item.projectId, 'project.read')))
      problems.push({ path: `${path}.${i}.projectId`, key: 'validation.referenceNotFound' });
    if (item.problemId && !states.has(item.problemId))
      problems.push({ path: `${path}.${i}.problemId`, key: 'validation.referenceNotFound' });
    drafts.push({
      kind: item.kind,
      projectId: item.projectId ?? null,
      problemId: item.problemId ?? null,
      title: item.title,
      reason: item.reason as AgendaReason,
      detail: item.detail ?? null,
      carriedFromMeetingId: item.carriedFromMeetingId ?? null,
    });
  }
  if (problems.length) throw new DomainError('VALIDATION_FAILED', { fields: problems });
  return drafts;
}

const toRows = (drafts: readonly AgendaDraft[]) =>
  drafts.map((d) => ({
    kind: d.kind,
    project_id: d.projectId,
    problem_id: d.problemId,
    title: d.title,
    reason: d.reason,
    detail: d.detail,
    carried_from_meeting_id: d.carriedFromMeetingId,
  }));

export async function findMeetings(db: Executor, ctx: RequestContext, query: MeetingListQuery) {
  const scope = scopeOf(requireActor(ctx), 'dispatch.read');
  const { rows, total } = await repo.findMeetings(db, scope.cityCode, query);
  return {
    items: rows.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      title: r.title,
      chair: r.chair,
      agendaCount: r.agenda_count ?? 0,
      taskCount: r.task_count ?? 0,
      openTaskCount: r.open_task_count ?? 0,
      updatedAt: r.updated_at.toISOString(),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function loadMeeting(db: Executor, cityCode: string, id: number): Promise<Meeting> {
  const row = await repo.getMeeting(db, cityCode, id);
  if (!row) throw notFound();
  const [agenda, decisions] = await Promise.all([repo.agendaOf(db, cityCode, id), repo.decisionsOf(db, cityCode, id)]);
  const states = await itemStates(
    db,
    cityCode,
    [...agenda.map((a) => a.problem_id), ...decisions.map((d) => d.task_problem_id)].filter((x): x is number => x !== null),
  );
  return {
    id: row.id,
    heldOn: row.held_on,
    title: row.title,
    chair: row.chair,
    attendees: row.attendees,
    minutes: row.minutes,
    previousMeetingId: row.previous_meeting_id,
    agenda: agenda.map((a) => ({
      position: a.position,
      kind: a.kind as AgendaItemKind,
      projectId: a.project_id,
      projectName: a.project_name,
      problemId: a.problem_id,
      problemStatus: a.problem_id ? (states.get(a.problem_id)?.status ?? null) : null,
      title: a.title,
      reason: a.reason as AgendaReason,
      detail: a.detail,
      carriedFromMeetingId: a.carried_from_meeting_id,
    })),
    decisions: decisions.map((d) => {
      const task = d.task_problem_id ? states.get(d.task_problem_id) : undefined;
      return {
        id: d.id,
        position: d.position,
        agendaPosition: d.agenda_position,
        text: d.text,
        task:
          d.task_problem_id && task
            ? {
                problemId: d.task_problem_id,
                title: task.title,
                leadUnitId: task.leadUnitId,
                leadUnitName: task.leadUnitName,
                leadPerson: task.leadPerson,
                deadline: task.deadline,
                status: task.status,
              }
            : null,
      };
    }),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function getMeeting(db: Executor, ctx: RequestContext, id: number): Promise<Meeting> {
  const scope = scopeOf(requireActor(ctx), 'dispatch.read');
  return await loadMeeting(db, scope.cityCode, id);
}

/**
 * Record a meeting: its agenda is the proposal unless one is given, and in every case it
 * holds what the last meeting left open (carried over automatically).
 */
export async function createMeeting(db: Db, ctx: RequestContext, input: CreateMeeting): Promise<Meeting> {
  const scope = scopeOf(requireActor(ctx), 'dispatch.manage');
  const id = await db.transaction().execute(async (tx) => {
    if (await repo.meetingOn(tx, scope.cityCode, input.heldOn)) throw DomainError.field('heldOn', 'dispatch.duplicateDate');
    const proposal = await proposedAgenda(tx, scope, input.heldOn);
    const agenda = input.agenda
      ? withCarried(await checkAgenda(tx, ctx, scope.cityCode, input.agenda, 'agenda'), proposal.carried)
      : proposal.agenda;
    let meetingId: number;
    try {
      meetingId = await repo.insertMeeting(tx, {
        city_code: scope.cityCode,
        held_on: input.heldOn,
        title: input.title?.trim() || null,
        chair: input.chair,
        attendees: input.attendees,
        minutes: input.minutes?.trim() || null,
        previous_meeting_id: proposal.previousId,
        created_by: ctx.actor?.userId ?? null,
        created_at: ctx.now,
        updated_at: ctx.now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.field('heldOn', 'dispatch.duplicateDate');
      throw error;
    }
    await repo.replaceAgenda(tx, scope.cityCode, meetingId, toRows(agenda));
    await appendAudit(tx, ctx, {
      action: 'dispatch.meeting.create',
      targetType: 'dispatch_meeting',
      targetId: meetingId,
      after: {
        heldOn: input.heldOn,
        chair: input.chair,
        attendees: input.attendees,
        agenda: agenda.map((a) => ({ kind: a.kind, projectId: a.projectId, problemId: a.problemId, title: a.title, reason: a.reason })),
      },
    });
    return meetingId;
  });
  return await loadMeeting(db, scope.cityCode, id);
}

/** Edit the record (agenda, minutes, who was there); items carried over stay on the agenda. */
export async function updateMeeting(db: Db, ctx: RequestContext, id: number, input: UpdateMeeting): Promise<Meeting> {
  const scope = scopeOf(requireActor(ctx), 'dispatch.manage');
  await db.transaction().execute(async (tx) => {
    const current = await repo.getMeeting(tx, scope.cityCode, id, { forUpdate: true });
    if (!current) throw notFound();
    if (current.version !== input.version) throw conflict();
    const before = await loadMeeting(tx, scope.cityCode, id);
    let agenda: AgendaDraft[] | undefined;
    if (input.agenda) {
      const { carried } = await carriedInto(tx, scope.cityCode, current.held_on);
      agenda = withCarried(await checkAgenda(tx, ctx, scope.cityCode, input.agenda, 'agenda'), carried);
    }
    const ok = await repo.updateMeetingVersioned(tx, scope.cityCode, id, input.version, {
      ...(input.title !== undefined ? { title: input.title?.trim() || null } : {}),
      ...(input.chair !== undefined ? { chair: input.chair } : {}),
      ...(input.attendees !== undefined ? { attendees: input.attendees } : {}),
      ...(input.minutes !== undefined ? { minutes: input.minutes?.trim() || null } : {}),
      updated_at: ctx.now,
    });
    if (!ok) throw conflict();
    if (agenda) {
      const moves = agendaMoves(before.agenda, agenda);
      await repo.replaceAgenda(tx, scope.cityCode, id, toRows(agenda));
      await repo.moveDecisionPositions(tx, scope.cityCode, id, moves);
    }
    const { version: _v, updatedAt: _u, createdAt: _c, decisions: _d, ...beforeOwn } = before;
    await appendAudit(tx, ctx, {
      action: 'dispatch.meeting.update',
      targetType: 'dispatch_meeting',
      targetId: id,
      before: beforeOwn,
      after: {
        ...input,
        ...(agenda
          ? { agenda: agenda.map((a) => ({ kind: a.kind, projectId: a.projectId, problemId: a.problemId, title: a.title })) }
          : {}),
      },
    });
  });
  return await loadMeeting(db, scope.cityCode, id);
}

/** Fields of the task raised through the problems module, renamed to the decision's form. */
function taskField(path: string): string {
  if (path.startsWith('responsibility.')) return `task.${path.slice('responsibility.'.length)}`;
  if (path === 'unitId') return 'task.leadUnitId';
  if (path === 'title' || path === 'description') return 'text';
  return `task.${path}`;
}

/**
 * Record a decision; with a task (交办事项) it becomes a problem-list item raised by the
 * operator on the meeting's date and assigned to its owner with its deadline.
 */
export async function addDecision(db: Db, ctx: RequestContext, meetingId: number, input: CreateDecision): Promise<Meeting> {
  const scope = scopeOf(requireActor(ctx), 'dispatch.manage');
  await db.transaction().execute(async (tx: Tx) => {
    const meeting = await repo.getMeeting(tx, scope.cityCode, meetingId, { forUpdate: true });
    if (!meeting) throw notFound();
    const agenda = await repo.agendaOf(tx, scope.cityCode, meetingId);
    const item = input.agendaPosition != null ? agenda.find((a) => a.position === input.agendaPosition) : undefined;
    const problems: Field[] = [];
    if (input.agendaPosition != null && !item) problems.push({ path: 'agendaPosition', key: 'dispatch.agendaPosition' });
    if (input.task && input.task.deadline < meeting.held_on)
      problems.push({ path: 'task.deadline', key: 'dispatch.deadlineBeforeMeeting' });
    if (problems.length) throw new DomainError('VALIDATION_FAILED', { fields: problems });
    let taskId: number | null = null;
    if (input.task) {
      const task = input.task;
      const projectId = task.projectId ?? item?.project_id ?? null;
      const today = shanghaiDate(ctx.now);
      try {
        taskId = await raiseProblemInTx(
          tx,
          ctx,
          {
            ...(projectId ? { projectId } : { unitId: task.leadUnitId }),
            category: task.category,
            title: [...input.text].slice(0, 100).join(''),
            description: input.text,
            // A meeting recorded ahead of its day raises its tasks today.
            raisedOn: [meeting.held_on, today].sort()[0]!,
            responsibility: {
              leadUnitId: task.leadUnitId,
              leadPerson: task.leadPerson ?? null,
              cooperatingUnitIds: task.cooperatingUnitIds ?? [],
              deadline: task.deadline,
            },
          },
          { source: 'dispatch' },
        );
      } catch (error) {
        if (error instanceof DomainError && error.fields) {
          throw new DomainError(error.code, { fields: error.fields.map((f) => ({ ...f, path: taskField(f.path) })) });
        }
        throw error;
      }
    }
    const decisionId = await repo.insertDecision(tx, {
      city_code: scope.cityCode,
      meeting_id: meetingId,
      agenda_position: item ? item.position : null,
      text: input.text,
      task_problem_id: taskId,
      created_by: ctx.actor?.userId ?? null,
      created_at: ctx.now,
    });
    await repo.updateMeetingVersioned(tx, scope.cityCode, meetingId, meeting.version, { updated_at: ctx.now });
    await appendAudit(tx, ctx, {
      action: 'dispatch.decision.create',
      targetType: 'dispatch_meeting',
      targetId: meetingId,
      after: { decisionId, text: input.text, agendaPosition: item?.position ?? null, taskProblemId: taskId },
    });
  });
  return await loadMeeting(db, scope.cityCode, meetingId);
}

/** A meeting for its Word documents (the caller may read dispatch). */
export async function meetingForExport(db: Executor, ctx: RequestContext, id: number): Promise<Meeting> {
  return await getMeeting(db, ctx, id);
}
