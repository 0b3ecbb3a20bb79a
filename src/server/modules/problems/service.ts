import {
  type Action,
  type AppealMetrics,
  type AppealMetricsQuery,
  type AppealRating,
  type AssignProblem,
  type ConfirmProblem,
  type EscalationLevel,
  type MessageKey,
  PROBLEM_LIMITS,
  type Problem,
  type ProblemCommand,
  type ProblemEventFacts,
  type ProblemKind,
  type ProblemListQuery,
  type ProblemMetrics,
  type ProblemMetricsQuery,
  type ProblemSource,
  type ProblemStatus,
  type ProblemSummary,
  type RaiseAppeal,
  type RaiseProblem,
  type RateAppeal,
  type ReopenProblem,
  type ReplyAppeal,
  type ResolveProblem,
  type Responsibility,
  type RouteAppeal,
  type StartProblem,
  can,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { Db, Executor, Tx } from '../../db/pool.js';
import type { ProblemTable } from '../../db/schema.js';
import { type Actor, type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { appendAudit, recordAuditEvent } from '../audit/index.js';
import { readFile, sniffDocument, storeFile } from '../files/index.js';
import { type NotifyInput, notify, recipients } from '../notifications/index.js';
import { getCityRoot, getUnitRef, unitsOfCity } from '../org/index.js';
import { getProjectRef } from '../projects/index.js';
import { appealDues, defaultDeadline, isOverdue, overdueWorkingDays } from './domain/deadlines.js';
import { isOpen, nextStatus, refusal } from './domain/workflow.js';
import type { WorkCalendar } from './domain/workdays.js';
import * as repo from './repo.js';
import { problemSettings, workCalendar } from './settings.js';

/**
 * The engine of problem lists (清单管理制) and enterprise appeals (企业诉求): one set of use
 * cases for both kinds, parametrised by the kind's permissions. Every command checks the
 * caller's scope, the record rule (the lead unit handles, whoever raised it confirms), the
 * workflow (domain/workflow.ts) and the version; it writes the item, an event, an audit
 * record and the notifications in one transaction.
 */
const ACTIONS = {
  problem: { read: 'problem.read', raise: 'problem.raise', assign: 'problem.assign', handle: 'problem.handle' },
  appeal: { read: 'appeal.read', raise: 'appeal.raise', assign: 'appeal.route', handle: 'appeal.handle' },
} as const satisfies Record<ProblemKind, Record<string, Action>>;

type Field = { path: string; key: MessageKey; params?: Record<string, string | number> };
type Command = Exclude<ProblemCommand, 'raise' | 'escalate'>;

export function itemLink(kind: ProblemKind, id: number): string {
  return `/${kind === 'problem' ? 'problems' : 'appeals'}/${id}`;
}

function failWith(problems: Field[]): void {
  if (problems.length) throw new DomainError('VALIDATION_FAILED', { fields: problems });
}

function tryScope(actor: Actor, action: Action): Scope | null {
  return can(actor.role, action) ? scopeOf(actor, action) : null;
}

/** The unit that stands for the actor (their scope unit; the city root for city-wide roles). */
async function actorUnitId(db: Executor, actor: Actor): Promise<number | null> {
  if (actor.scopeUnitId !== null) return actor.scopeUnitId;
  if (actor.role === 'enterprise') return null;
  return (await getCityRoot(db, actor.cityCode))?.id ?? null;
}

function isHandler(scope: Scope, row: repo.ItemRow): boolean {
  if (scope.kind === 'city') return true;
  return scope.kind === 'subtree' && !!row.lead_unit_path?.startsWith(scope.path);
}

function isRaiser(actor: Actor, row: repo.ItemRow, unitId: number | null): boolean {
  if (row.kind === 'appeal') return actor.role === 'enterprise' && actor.scopeEnterpriseId === row.enterprise_id;
  return actor.userId === row.raised_by || (row.raised_by_unit_id !== null && row.raised_by_unit_id === unitId);
}

function stateOf(row: { kind: string; status: string; reopen_count: number }) {
  return { kind: row.kind as ProblemKind, status: row.status as ProblemStatus, reopenCount: row.reopen_count };
}

/** What the caller may do with the item now: the buttons the UI shows. */
function allowedCommands(actor: Actor, row: repo.ItemRow, unitId: number | null): ProblemCommand[] {
  const kind = row.kind as ProblemKind;
  const actions = ACTIONS[kind];
  const state = stateOf(row);
  const allowed: ProblemCommand[] = [];
  if (tryScope(actor, actions.assign) && !refusal(state, 'assign')) allowed.push('assign');
  const handle = tryScope(actor, actions.handle);
  if (handle && isHandler(handle, row)) {
    for (const c of ['start', 'reply', 'resolve'] as const) if (!refusal(state, c)) allowed.push(c);
  }
  const raise = tryScope(actor, actions.raise);
  if (raise && isRaiser(actor, row, unitId)) {
    for (const c of ['confirm', 'reopen'] as const) if (!refusal(state, c)) allowed.push(c);
  }
  return allowed;
}

function toSummary(row: repo.ItemSummaryRow, asOf: string): ProblemSummary {
  const status = row.status as ProblemStatus;
  return {
    id: row.id,
    kind: row.kind as ProblemKind,
    source: row.source as ProblemSource,
    status,
    category: row.category,
    title: row.title,
    projectId: row.project_id,
    projectName: row.project_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    leadUnitId: row.lead_unit_id,
    leadUnitName: row.lead_unit_name,
    raisedOn: row.raised_on,
    deadline: row.deadline,
    isOverdue: isOpen(status) && isOverdue(row.deadline, asOf),
    escalationLevel: row.escalation_level as EscalationLevel | null,
    rating: row.rating as AppealRating | null,
    updatedAt: row.updated_at.toISOString(),
  };
}

async function toProblem(db: Executor, actor: Actor, row: repo.ItemRow, asOf: string, calendar: WorkCalendar): Promise<Problem> {
  const children = await repo.itemChildren(db, actor.cityCode, row.id);
  const status = row.status as ProblemStatus;
  return {
    ...toSummary(row, asOf),
    description: row.description,
    raisedByName: row.raised_by_name,
    raisedByUnitId: row.raised_by_unit_id,
    raisedByUnitName: row.raised_by_unit_name,
    measures: children.measures.map((m) => ({ text: m.text, isDone: m.is_done })),
    leadPerson: row.lead_person,
    cooperatingUnits: children.cooperating.map((c) => ({ id: c.unit_id, name: c.name_zh })),
    isComplex: row.is_complex,
    acceptDue: row.accept_due,
    replyDue: row.reply_due,
    acceptedOn: row.accepted_on,
    repliedOn: row.replied_on,
    resolvedOn: row.resolved_on,
    closedOn: row.closed_on,
    overdueWorkingDays: isOpen(status) ? overdueWorkingDays(calendar, row.deadline, asOf) : 0,
    reopenCount: row.reopen_count,
    ratingComment: row.rating_comment,
    allowed: allowedCommands(actor, row, await actorUnitId(db, actor)),
    events: children.events.map((e) => ({
      id: e.id,
      command: e.command as ProblemCommand,
      fromStatus: e.from_status as ProblemStatus | null,
      toStatus: e.to_status as ProblemStatus,
      occurredOn: e.occurred_on,
      note: e.note,
      facts: e.facts,
      actorName: e.actor_name,
      recordedAt: e.recorded_at.toISOString(),
    })),
    escalations: children.escalations.map((e) => ({
      id: e.id,
      level: e.level as EscalationLevel,
      dueOn: e.due_on,
      escalatedOn: e.escalated_on,
      overdueDays: e.overdue_days,
      noticeNo: e.notice_no,
      addressedTo: e.addressed_to,
    })),
    files: children.files.map((f) => ({
      id: f.file_id,
      kind: f.kind as 'attachment' | 'evidence',
      filename: f.filename,
      contentType: f.content_type,
      sizeBytes: f.size_bytes,
      addedAt: f.added_at.toISOString(),
    })),
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

// ---------------------------------------------------------------- reads

export async function findItems(db: Executor, ctx: RequestContext, kind: ProblemKind, query: ProblemListQuery) {
  const scope = scopeOf(requireActor(ctx), ACTIONS[kind].read);
  const asOf = query.asOf ?? shanghaiDate(ctx.now);
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await getUnitRef(db, scope.cityCode, query.unitId);
    if (!unit) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    unitPath = unit.path;
  }
  const { rows, total } = await repo.findItems(db, scope, kind, query, { asOf, ...(unitPath ? { unitPath } : {}) });
  return { items: rows.map((r) => toSummary(r, asOf)), total, page: query.page, pageSize: query.pageSize };
}

export async function getItemById(db: Executor, ctx: RequestContext, kind: ProblemKind, id: number): Promise<Problem> {
  const actor = requireActor(ctx);
  const row = await repo.getItem(db, scopeOf(actor, ACTIONS[kind].read), kind, id);
  if (!row) throw notFound();
  return await toProblem(db, actor, row, shanghaiDate(ctx.now), await workCalendar(db, actor.cityCode));
}

// ---------------------------------------------------------------- notifications

async function tell(tx: Tx, ctx: RequestContext, cityCode: string, input: NotifyInput): Promise<void> {
  // The actor does not notify themselves.
  const userIds = input.userIds.filter((id) => id !== ctx.actor?.userId);
  if (userIds.length || input.group) await notify(tx, cityCode, ctx.now, { ...input, userIds });
}

async function handlersOf(tx: Executor, cityCode: string, itemId: number, leadUnitId: number | null): Promise<number[]> {
  const cooperating = (await repo.itemChildren(tx, cityCode, itemId)).cooperating.map((c) => c.unit_id);
  return await recipients.ofUnits(tx, cityCode, [...(leadUnitId ? [leadUnitId] : []), ...cooperating]);
}

async function raisersOf(tx: Executor, cityCode: string, row: { kind: string; raised_by: number | null; enterprise_id: number | null }) {
  if (row.kind === 'appeal' && row.enterprise_id) return await recipients.ofEnterprise(tx, cityCode, row.enterprise_id);
  return row.raised_by ? [row.raised_by] : [];
}

// ---------------------------------------------------------------- raise

/** Check a responsibility split (责任清单): lead and cooperating units of the city, deadline not before the raise date. */
async function checkResponsibility(
  tx: Executor,
  cityCode: string,
  input: Pick<Responsibility, 'leadUnitId' | 'cooperatingUnitIds' | 'deadline'>,
  raisedOn: string,
  prefix: string,
): Promise<{ problems: Field[]; leadName: string | null }> {
  const problems: Field[] = [];
  const lead = await getUnitRef(tx, cityCode, input.leadUnitId);
  if (!lead?.isActive) problems.push({ path: `${prefix}leadUnitId`, key: 'validation.referenceNotFound' });
  const cooperating = input.cooperatingUnitIds ?? [];
  for (const [i, unitId] of cooperating.entries()) {
    if (unitId === input.leadUnitId) problems.push({ path: `${prefix}cooperatingUnitIds.${i}`, key: 'problem.cooperatingIsLead' });
    else if (!(await getUnitRef(tx, cityCode, unitId))?.isActive)
      problems.push({ path: `${prefix}cooperatingUnitIds.${i}`, key: 'validation.referenceNotFound' });
  }
  if (input.deadline && input.deadline < raisedOn) problems.push({ path: `${prefix}deadline`, key: 'problem.deadlineBeforeRaised' });
  return { problems, leadName: lead?.nameZh ?? null };
}

export interface RaiseOptions {
  source: ProblemSource;
}

export async function raiseProblem(db: Db, ctx: RequestContext, input: RaiseProblem): Promise<Problem> {
  const id = await db.transaction().execute((tx) => raiseProblemInTx(tx, ctx, input, { source: 'direct' }));
  return await getItemById(db, ctx, 'problem', id);
}

/**
 * Raise a problem in the caller's transaction (the form, or a task handed out at a weekly
 * dispatch): about a project in the caller's scope or a unit of it, in a configured category.
 * With a responsibility split it is assigned at once (city operator only).
 */
export async function raiseProblemInTx(tx: Tx, ctx: RequestContext, input: RaiseProblem, options: RaiseOptions): Promise<number> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'problem.raise');
  const today = shanghaiDate(ctx.now);
  const raisedOn = input.raisedOn ?? today;
  const settings = await problemSettings(tx, scope.cityCode);
  const problems: Field[] = [];
  const category = settings.problemCategories.find((c) => c.key === input.category && c.isActive);
  if (!category) problems.push({ path: 'category', key: 'problem.unknownCategory' });
  if (raisedOn > today) problems.push({ path: 'raisedOn', key: 'problem.raisedInFuture' });
  let unitId: number | null = null;
  let projectId: number | null = null;
  if (input.projectId) {
    const project = await getProjectRef(tx, ctx, input.projectId, 'project.read');
    const unit = project ? await getUnitRef(tx, scope.cityCode, project.unitId) : undefined;
    if (!project || !unit || (scope.kind === 'subtree' && !unit.path.startsWith(scope.path)))
      problems.push({ path: 'projectId', key: 'validation.referenceNotFound' });
    else {
      projectId = project.id;
      unitId = unit.id;
    }
  } else if (input.unitId) {
    const unit = await getUnitRef(tx, scope.cityCode, input.unitId);
    if (!unit?.isActive || (scope.kind === 'subtree' && !unit.path.startsWith(scope.path)))
      problems.push({ path: 'unitId', key: 'validation.referenceNotFound' });
    else unitId = unit.id;
  }
  if (input.responsibility) {
    if (!can(actor.role, 'problem.assign')) problems.push({ path: 'responsibility', key: 'problem.assignForbidden' });
    else problems.push(...(await checkResponsibility(tx, scope.cityCode, input.responsibility, raisedOn, 'responsibility.')).problems);
  }
  failWith(problems);
  const id = await repo.insertItem(tx, {
    city_code: scope.cityCode,
    kind: 'problem',
    source: options.source,
    project_id: projectId,
    unit_id: unitId!,
    enterprise_id: null,
    category: input.category,
    title: input.title,
    description: input.description,
    raised_on: raisedOn,
    raised_by: actor.userId,
    raised_by_name: actor.username,
    raised_by_unit_id: await actorUnitId(tx, actor),
    status: 'raised',
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  if (input.measures?.length)
    await repo.replaceMeasures(
      tx,
      scope.cityCode,
      id,
      input.measures.map((text) => ({ text, isDone: false })),
    );
  await repo.insertEvent(tx, {
    city_code: scope.cityCode,
    problem_id: id,
    command: 'raise',
    from_status: null,
    to_status: 'raised',
    occurred_on: raisedOn,
    note: null,
    actor_user_id: actor.userId,
    actor_name: actor.username,
    recorded_at: ctx.now,
  });
  await appendAudit(tx, ctx, {
    action: 'problem.raise',
    targetType: 'problem',
    targetId: id,
    after: {
      projectId,
      unitId,
      category: input.category,
      title: input.title,
      raisedOn,
      source: options.source,
      measures: input.measures ?? [],
    },
  });
  if (input.responsibility) {
    const row = (await repo.getItem(tx, { kind: 'city', cityCode: scope.cityCode }, 'problem', id))!;
    await assignInTx(tx, ctx, row, { ...input.responsibility, version: row.version });
  } else {
    const unitName = (await getUnitRef(tx, scope.cityCode, unitId!))?.nameZh ?? '';
    await tell(tx, ctx, scope.cityCode, {
      kind: 'problem.raised',
      message: 'notify.problem.raised',
      params: { title: input.title, unit: unitName },
      link: itemLink('problem', id),
      userIds: await recipients.byRoles(tx, scope.cityCode, ['city_operator']),
    });
  }
  return id;
}

/** An enterprise raises an appeal about its business or one of its own projects; the city routes it. */
export async function raiseAppeal(db: Db, ctx: RequestContext, input: RaiseAppeal): Promise<Problem> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'appeal.raise');
  if (scope.kind !== 'enterprise') throw new DomainError('FORBIDDEN');
  const id = await db.transaction().execute(async (tx) => {
    const today = shanghaiDate(ctx.now);
    const settings = await problemSettings(tx, scope.cityCode);
    const problems: Field[] = [];
    if (!settings.appealCategories.some((c) => c.key === input.category && c.isActive))
      problems.push({ path: 'category', key: 'problem.unknownCategory' });
    let projectId: number | null = null;
    if (input.projectId) {
      const project = await getProjectRef(tx, ctx, input.projectId, 'project.read');
      if (!project) problems.push({ path: 'projectId', key: 'appeal.projectNotOwn' });
      else projectId = project.id;
    }
    const enterprise = await repo.enterpriseUnit(tx, scope.cityCode, scope.enterpriseId);
    if (!enterprise) throw new DomainError('FORBIDDEN');
    failWith(problems);
    const calendar = await workCalendar(tx, scope.cityCode);
    const dues = appealDues(calendar, today, settings.appealLimits, false);
    const newId = await repo.insertItem(tx, {
      city_code: scope.cityCode,
      kind: 'appeal',
      source: 'enterprise',
      project_id: projectId,
      unit_id: enterprise.unit_id,
      enterprise_id: enterprise.id,
      category: input.category,
      title: input.title,
      description: input.description,
      raised_on: today,
      raised_by: actor.userId,
      raised_by_name: actor.username,
      raised_by_unit_id: null,
      status: 'raised',
      accept_due: dues.acceptDue,
      reply_due: dues.replyDue,
      deadline: dues.deadline,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await repo.insertEvent(tx, {
      city_code: scope.cityCode,
      problem_id: newId,
      command: 'raise',
      from_status: null,
      to_status: 'raised',
      occurred_on: today,
      note: null,
      actor_user_id: actor.userId,
      actor_name: actor.username,
      recorded_at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'appeal.raise',
      targetType: 'appeal',
      targetId: newId,
      after: { enterpriseId: enterprise.id, projectId, category: input.category, title: input.title, ...dues },
    });
    await tell(tx, ctx, scope.cityCode, {
      kind: 'appeal.raised',
      message: 'notify.appeal.raised',
      params: { title: input.title, enterprise: enterprise.name },
      link: itemLink('appeal', newId),
      userIds: await recipients.byRoles(tx, scope.cityCode, ['city_operator']),
    });
    return newId;
  });
  return await getItemById(db, ctx, 'appeal', id);
}

// ---------------------------------------------------------------- commands

/** Load an item for a command under the kind's action, locked, at the version the caller saw. */
async function loadForCommand(tx: Tx, ctx: RequestContext, kind: ProblemKind, id: number, action: Action, version: number) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, action);
  // Visible under the read scope too: a command never reaches a row the caller cannot see.
  const row = await repo.getItem(tx, scope, kind, id, { forUpdate: true });
  if (!row) throw notFound();
  if (row.version !== version) throw conflict();
  return { actor, scope, row };
}

/** Apply a command: workflow check, versioned update, event, audit. Returns the new status. */
async function applyCommand(
  tx: Tx,
  ctx: RequestContext,
  row: repo.ItemRow,
  command: Command,
  patch: Partial<Record<keyof ProblemTable, unknown>>,
  note: string | null,
  audit: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
  options: { leadChanged?: boolean; facts?: ProblemEventFacts } = {},
): Promise<ProblemStatus> {
  const state = stateOf(row);
  const refused = refusal(state, command);
  if (refused) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: refused });
  const to = nextStatus(state, command, options);
  const cityCode = ctx.actor!.cityCode;
  const ok = await repo.updateItemVersioned(tx, cityCode, row.id, row.version, { ...patch, status: to, updated_at: ctx.now } as never);
  if (!ok) throw conflict();
  await repo.insertEvent(tx, {
    city_code: cityCode,
    problem_id: row.id,
    command,
    from_status: row.status,
    to_status: to,
    occurred_on: shanghaiDate(ctx.now),
    note,
    facts: options.facts ? JSON.stringify(options.facts) : null,
    actor_user_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.username ?? null,
    recorded_at: ctx.now,
  });
  await appendAudit(tx, ctx, {
    action: `${row.kind}.${command}`,
    targetType: row.kind,
    targetId: row.id,
    before: { status: row.status, ...audit.before },
    after: { status: to, ...audit.after, ...(note ? { note } : {}) },
  });
  return to;
}

/** Route an item to its lead unit (again), with the responsibility split and the deadline. */
async function assignInTx(
  tx: Tx,
  ctx: RequestContext,
  row: repo.ItemRow,
  input: Omit<AssignProblem, 'reason'> & { reason?: string | null; isComplex?: boolean },
): Promise<void> {
  const cityCode = requireActor(ctx).cityCode;
  const kind = row.kind as ProblemKind;
  const today = shanghaiDate(ctx.now);
  const settings = await problemSettings(tx, cityCode);
  const calendar = await workCalendar(tx, cityCode);
  const { problems, leadName } = await checkResponsibility(tx, cityCode, input, row.raised_on, '');
  failWith(problems);
  let deadline: string;
  const appealPatch: Record<string, unknown> = {};
  if (kind === 'appeal') {
    const isComplex = input.isComplex ?? row.is_complex;
    const dues = appealDues(calendar, row.raised_on, settings.appealLimits, isComplex);
    deadline = dues.deadline;
    Object.assign(appealPatch, { is_complex: isComplex, accept_due: dues.acceptDue, reply_due: dues.replyDue });
  } else {
    const limit = settings.problemCategories.find((c) => c.key === row.category)?.limitDays ?? 15;
    // Counted from today, or from the day it was raised when that is later.
    deadline = input.deadline ?? defaultDeadline(calendar, [today, row.raised_on].sort()[1]!, limit);
  }
  const leadChanged = row.lead_unit_id !== input.leadUnitId;
  const newLadder = deadline !== row.deadline;
  const cooperating = [...new Set(input.cooperatingUnitIds ?? [])];
  const reason = input.reason?.trim() || null;
  const leadPerson = input.leadPerson?.trim() || null;
  await applyCommand(
    tx,
    ctx,
    row,
    'assign',
    {
      lead_unit_id: input.leadUnitId,
      lead_person: input.leadPerson?.trim() || null,
      deadline,
      // A new deadline starts the escalation ladder again.
      ...(newLadder ? { escalation_level: null } : {}),
      ...appealPatch,
    },
    reason || `${leadName ?? ''}${leadPerson ? `（${leadPerson}）` : ''}，${deadline}`,
    {
      before: { leadUnitId: row.lead_unit_id, leadPerson: row.lead_person, deadline: row.deadline },
      after: {
        leadUnitId: input.leadUnitId,
        leadPerson: input.leadPerson ?? null,
        deadline,
        cooperatingUnitIds: cooperating,
        ...appealPatch,
      },
    },
    // A typed reason is the note; otherwise the note is the system's, and says it as data too.
    {
      leadChanged,
      facts: reason ? undefined : { kind: 'assigned', leadUnitId: input.leadUnitId, leadUnitName: leadName ?? null, leadPerson, deadline },
    },
  );
  await repo.replaceCooperating(tx, cityCode, row.id, cooperating);
  if (input.measures)
    await repo.replaceMeasures(
      tx,
      cityCode,
      row.id,
      input.measures.map((text) => ({ text, isDone: false })),
    );
  await tell(tx, ctx, cityCode, {
    kind: 'problem.assigned',
    message: 'notify.problem.assigned',
    params: { title: row.title, unit: leadName ?? '', deadline },
    link: itemLink(kind, row.id),
    userIds: await handlersOf(tx, cityCode, row.id, input.leadUnitId),
  });
  if (kind === 'appeal' && row.enterprise_id && leadChanged) {
    await tell(tx, ctx, cityCode, {
      kind: 'appeal.routed',
      message: 'notify.appeal.routed',
      params: { title: row.title, unit: leadName ?? '' },
      link: itemLink(kind, row.id),
      userIds: await recipients.ofEnterprise(tx, cityCode, row.enterprise_id),
    });
  }
}

export async function assignProblem(db: Db, ctx: RequestContext, id: number, input: AssignProblem): Promise<Problem> {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadForCommand(tx, ctx, 'problem', id, 'problem.assign', input.version);
    await assignInTx(tx, ctx, row, input);
  });
  return await getItemById(db, ctx, 'problem', id);
}

export async function routeAppeal(db: Db, ctx: RequestContext, id: number, input: RouteAppeal): Promise<Problem> {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadForCommand(tx, ctx, 'appeal', id, 'appeal.route', input.version);
    await assignInTx(tx, ctx, row, {
      version: input.version,
      leadUnitId: input.leadUnitId,
      leadPerson: input.leadPerson ?? null,
      cooperatingUnitIds: [],
      reason: input.reason ?? null,
      ...(input.isComplex !== undefined ? { isComplex: input.isComplex } : {}),
    });
  });
  return await getItemById(db, ctx, 'appeal', id);
}

/** Load for the lead unit's commands: in the handle scope and leading it. */
async function loadForHandler(tx: Tx, ctx: RequestContext, kind: ProblemKind, id: number, version: number) {
  const loaded = await loadForCommand(tx, ctx, kind, id, ACTIONS[kind].handle, version);
  if (!isHandler(loaded.scope, loaded.row)) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'problem.notHandler' });
  return loaded;
}

/** Load for the raiser's commands: whoever raised it (or their unit); for an appeal, its enterprise. */
async function loadForRaiser(tx: Tx, ctx: RequestContext, kind: ProblemKind, id: number, version: number) {
  const loaded = await loadForCommand(tx, ctx, kind, id, ACTIONS[kind].raise, version);
  if (!isRaiser(loaded.actor, loaded.row, await actorUnitId(tx, loaded.actor)))
    throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'problem.notRaiser' });
  return loaded;
}

/** The lead unit accepts the item (受理) and states its measures (措施清单; a problem needs at least one). */
export async function startItem(db: Db, ctx: RequestContext, kind: ProblemKind, id: number, input: StartProblem): Promise<Problem> {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadForHandler(tx, ctx, kind, id, input.version);
    const cityCode = ctx.actor!.cityCode;
    const existing = (await repo.itemChildren(tx, cityCode, id)).measures;
    if (kind === 'problem' && !input.measures?.length && !existing.length) throw DomainError.field('measures', 'problem.measuresRequired');
    const today = shanghaiDate(ctx.now);
    await applyCommand(tx, ctx, row, 'start', { accepted_on: row.accepted_on ?? today }, input.note?.trim() || null, {
      after: { measures: input.measures ?? existing.map((m) => m.text) },
    });
    if (input.measures?.length)
      await repo.replaceMeasures(
        tx,
        cityCode,
        id,
        input.measures.map((text) => ({ text, isDone: false })),
      );
  });
  return await getItemById(db, ctx, kind, id);
}

/** A reply to the enterprise while its appeal is handled (答复); the first one is measured against the reply limit. */
export async function replyAppeal(db: Db, ctx: RequestContext, id: number, input: ReplyAppeal): Promise<Problem> {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadForHandler(tx, ctx, 'appeal', id, input.version);
    await applyCommand(tx, ctx, row, 'reply', { replied_on: row.replied_on ?? shanghaiDate(ctx.now) }, input.text);
    await tell(tx, ctx, ctx.actor!.cityCode, {
      kind: 'appeal.replied',
      message: 'notify.appeal.replied',
      params: { title: row.title, text: [...input.text].slice(0, 80).join('') },
      link: itemLink('appeal', id),
      userIds: await raisersOf(tx, ctx.actor!.cityCode, row),
    });
  });
  return await getItemById(db, ctx, 'appeal', id);
}

/** The lead unit reports the item resolved, with its evidence (text; files uploaded beforehand). */
export async function resolveItem(db: Db, ctx: RequestContext, kind: ProblemKind, id: number, input: ResolveProblem): Promise<Problem> {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadForHandler(tx, ctx, kind, id, input.version);
    const cityCode = ctx.actor!.cityCode;
    const measures = (await repo.itemChildren(tx, cityCode, id)).measures;
    const done = new Set(input.measuresDone ?? []);
    const bad = [...done].filter((i) => i >= measures.length);
    if (bad.length) throw DomainError.field(`measuresDone.${(input.measuresDone ?? []).indexOf(bad[0]!)}`, 'problem.measureIndex');
    const today = shanghaiDate(ctx.now);
    await applyCommand(
      tx,
      ctx,
      row,
      'resolve',
      { resolved_on: today, ...(row.replied_on || kind !== 'appeal' ? {} : { replied_on: today }) },
      input.evidence,
      {
        after: { measuresDone: [...done] },
      },
    );
    if (done.size)
      await repo.replaceMeasures(
        tx,
        cityCode,
        id,
        measures.map((m, i) => ({ text: m.text, isDone: m.is_done || done.has(i) })),
      );
    await tell(tx, ctx, cityCode, {
      kind: kind === 'appeal' ? 'appeal.resolved' : 'problem.resolved',
      message: kind === 'appeal' ? 'notify.appeal.resolved' : 'notify.problem.resolved',
      params: { title: row.title },
      link: itemLink(kind, id),
      userIds: await raisersOf(tx, cityCode, row),
    });
  });
  return await getItemById(db, ctx, kind, id);
}

/** Whoever raised the problem accepts the result: it is closed (销号). */
export async function confirmProblem(db: Db, ctx: RequestContext, id: number, input: ConfirmProblem): Promise<Problem> {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadForRaiser(tx, ctx, 'problem', id, input.version);
    await applyCommand(tx, ctx, row, 'confirm', { closed_on: shanghaiDate(ctx.now) }, input.note?.trim() || null);
    await tell(tx, ctx, ctx.actor!.cityCode, {
      kind: 'problem.confirmed',
      message: 'notify.problem.confirmed',
      params: { title: row.title },
      link: itemLink('problem', id),
      userIds: await handlersOf(tx, ctx.actor!.cityCode, id, row.lead_unit_id),
    });
  });
  return await getItemById(db, ctx, 'problem', id);
}

/** The enterprise rates the result of its appeal (满意 / 基本满意 / 不满意), which closes it. */
export async function rateAppeal(db: Db, ctx: RequestContext, id: number, input: RateAppeal): Promise<Problem> {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadForRaiser(tx, ctx, 'appeal', id, input.version);
    const comment = input.comment?.trim() || null;
    await applyCommand(
      tx,
      ctx,
      row,
      'confirm',
      { closed_on: shanghaiDate(ctx.now), rating: input.rating, rating_comment: comment },
      comment ? `${input.rating}: ${comment}` : input.rating,
      { after: { rating: input.rating } },
    );
    await tell(tx, ctx, ctx.actor!.cityCode, {
      kind: 'problem.confirmed',
      message: 'notify.problem.confirmed',
      params: { title: row.title },
      link: itemLink('appeal', id),
      userIds: await handlersOf(tx, ctx.actor!.cityCode, id, row.lead_unit_id),
    });
  });
  return await getItemById(db, ctx, 'appeal', id);
}

/** Whoever raised the item sends it back with a reason (an appeal once, also after rating it). */
export async function reopenItem(db: Db, ctx: RequestContext, kind: ProblemKind, id: number, input: ReopenProblem): Promise<Problem> {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadForRaiser(tx, ctx, kind, id, input.version);
    await applyCommand(
      tx,
      ctx,
      row,
      'reopen',
      { reopen_count: row.reopen_count + 1, resolved_on: null, closed_on: null, rating: null, rating_comment: null },
      input.reason,
      { before: { rating: row.rating, reopenCount: row.reopen_count }, after: { reopenCount: row.reopen_count + 1 } },
    );
    await tell(tx, ctx, ctx.actor!.cityCode, {
      kind: 'problem.reopened',
      message: 'notify.problem.reopened',
      params: { title: row.title, reason: [...input.reason].slice(0, 80).join('') },
      link: itemLink(kind, id),
      userIds: await handlersOf(tx, ctx.actor!.cityCode, id, row.lead_unit_id),
    });
  });
  return await getItemById(db, ctx, kind, id);
}

// ---------------------------------------------------------------- files

/**
 * Attach a file (PDF, JPG or PNG, recognised by content; at most PROBLEM_LIMITS.filesMax per
 * item): the lead unit's evidence on a problem, the enterprise's attachment on its appeal.
 */
export async function addFile(
  db: Db,
  ctx: RequestContext,
  kind: ProblemKind,
  id: number,
  file: { filename: string; data: Buffer },
): Promise<Problem> {
  const actor = requireActor(ctx);
  const fileKind = kind === 'problem' ? 'evidence' : 'attachment';
  const contentType = sniffDocument(file.data);
  await db.transaction().execute(async (tx) => {
    const scope = scopeOf(actor, kind === 'problem' ? 'problem.handle' : 'appeal.raise');
    const row = await repo.getItem(tx, scope, kind, id, { forUpdate: true });
    if (!row) throw notFound();
    if (kind === 'problem' && !isHandler(scope, row)) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'problem.notHandler' });
    if (kind === 'appeal' && !isRaiser(actor, row, null)) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'problem.notRaiser' });
    if (row.status === 'confirmed') throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'problem.status' });
    if (!contentType) throw DomainError.field('file', 'file.type');
    if ((await repo.countFiles(tx, scope.cityCode, id)) >= PROBLEM_LIMITS.filesMax)
      throw DomainError.field('file', 'problem.tooManyFiles', { max: PROBLEM_LIMITS.filesMax });
    const stored = await storeFile(tx, ctx, scope.cityCode, {
      purpose: `${kind}.${fileKind}`,
      filename: file.filename,
      contentType,
      data: file.data,
    });
    await repo.insertFileLink(tx, {
      city_code: scope.cityCode,
      problem_id: id,
      file_id: stored.id,
      kind: fileKind,
      added_by: actor.userId,
      added_at: ctx.now,
    });
    await repo.updateItemQuietly(tx, scope.cityCode, id, { updated_at: ctx.now });
    await appendAudit(tx, ctx, {
      action: `${kind}.file.upload`,
      targetType: kind,
      targetId: id,
      after: { fileId: stored.id, kind: fileKind, filename: file.filename, sm3: stored.sm3, size: stored.sizeBytes },
    });
  });
  return await getItemById(db, ctx, kind, id);
}

export async function itemFile(db: Db, ctx: RequestContext, kind: ProblemKind, id: number, fileId: number) {
  const scope = scopeOf(requireActor(ctx), ACTIONS[kind].read);
  if (!(await repo.getItem(db, scope, kind, id))) throw notFound();
  if (!(await repo.hasFile(db, scope.cityCode, id, fileId))) throw notFound();
  const file = await readFile(db, scope.cityCode, fileId);
  if (!file) throw notFound();
  await recordAuditEvent(db, ctx, { action: `${kind}.file.download`, targetType: kind, targetId: id, after: { fileId } });
  return file;
}

/** An escalation step of an item the caller may read (for its supervision notice). */
export async function escalationOf(db: Executor, ctx: RequestContext, kind: ProblemKind, id: number, escalationId: number) {
  const scope = scopeOf(requireActor(ctx), ACTIONS[kind].read);
  const row = await repo.getItem(db, scope, kind, id);
  if (!row) throw notFound();
  const escalation = await repo.getEscalation(db, scope.cityCode, id, escalationId);
  if (!escalation) throw notFound();
  return escalation;
}

// ---------------------------------------------------------------- metrics

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Open, overdue and closed items, closure rate and median days to close, per unit (the
 * county, park or platform the items belong to) or per lead unit (departments), in the
 * caller's scope. Each row drills down to `GET …?unitId=` or `?leadUnitId=` with a `state`.
 */
export async function problemMetrics(
  db: Executor,
  ctx: RequestContext,
  kind: ProblemKind,
  query: ProblemMetricsQuery,
): Promise<ProblemMetrics> {
  const scope = scopeOf(requireActor(ctx), ACTIONS[kind].read);
  const asOf = query.asOf ?? shanghaiDate(ctx.now);
  const root = await getCityRoot(db, scope.cityCode);
  if (!root) throw notFound();
  const rows = await repo.metricsSql(db, scope, kind, {
    by: query.by,
    rootPath: root.path,
    asOf,
    ...(query.raisedFrom ? { raisedFrom: query.raisedFrom } : {}),
    ...(query.raisedTo ? { raisedTo: query.raisedTo } : {}),
  });
  const names = new Map((await unitsOfCity(db, scope.cityCode)).map((u) => [u.id, u.nameZh]));
  const toRow = (r: repo.MetricsSqlRow | undefined, unitId: number, unitName: string) => ({
    unitId,
    unitName,
    total: r?.total ?? 0,
    open: r?.open ?? 0,
    overdue: r?.overdue ?? 0,
    closed: r?.closed ?? 0,
    closureRate: rate(r?.closed ?? 0, r?.total ?? 0),
    medianDaysToClose: r?.median_days ?? null,
  });
  const groups = rows.filter((r) => !r.is_total && r.group_id !== null);
  return {
    asOf,
    by: query.by,
    rows: groups
      .map((r) => toRow(r, r.group_id!, names.get(r.group_id!) ?? String(r.group_id)))
      .sort((a, b) => b.total - a.total || a.unitId - b.unitId),
    total: toRow(
      rows.find((r) => r.is_total),
      root.id,
      root.nameZh,
    ),
  };
}

/**
 * The problems of a unit's subtree (belonging to it, led by it or with its cooperation) raised
 * in a period, as of a date: for the quarterly review and annual assessment pack.
 */
export async function problemSummaryUnder(
  db: Executor,
  cityCode: string,
  unit: { id: number; path: string },
  period: { raisedFrom: string; asOf: string },
) {
  const rows = await repo.metricsSql(db, { kind: 'subtree', cityCode, unitId: unit.id, path: unit.path }, 'problem', {
    by: 'lead',
    rootPath: unit.path,
    asOf: period.asOf,
    raisedFrom: period.raisedFrom,
  });
  const total = rows.find((r) => r.is_total);
  const closed = total?.closed ?? 0;
  return {
    total: total?.total ?? 0,
    open: total?.open ?? 0,
    overdue: total?.overdue ?? 0,
    closed,
    closureRate: rate(closed, total?.total ?? 0),
    medianDaysToClose: total?.median_days ?? null,
  };
}
export type UnitProblemSummary = Awaited<ReturnType<typeof problemSummaryUnder>>;

/** Satisfaction and timeliness (accept, reply, resolve within their limits) per department that handled appeals. */
export async function appealMetrics(db: Executor, ctx: RequestContext, query: AppealMetricsQuery): Promise<AppealMetrics> {
  const scope = scopeOf(requireActor(ctx), 'appeal.read');
  const asOf = query.asOf ?? shanghaiDate(ctx.now);
  const root = await getCityRoot(db, scope.cityCode);
  if (!root) throw notFound();
  const rows = await repo.appealMetricsSql(db, scope, {
    asOf,
    ...(query.raisedFrom ? { raisedFrom: query.raisedFrom } : {}),
    ...(query.raisedTo ? { raisedTo: query.raisedTo } : {}),
  });
  const names = new Map((await unitsOfCity(db, scope.cityCode)).map((u) => [u.id, u.nameZh]));
  const toRow = (r: repo.AppealMetricsSqlRow | undefined, unitId: number, unitName: string) => {
    const stage = (count: number, onTime: number) => ({ due: count, onTime, rate: rate(onTime, count) });
    return {
      unitId,
      unitName,
      total: r?.total ?? 0,
      rated: r?.rated ?? 0,
      satisfied: r?.satisfied ?? 0,
      basic: r?.basic ?? 0,
      unsatisfied: r?.unsatisfied ?? 0,
      satisfactionRate: rate((r?.satisfied ?? 0) + (r?.basic ?? 0), r?.rated ?? 0),
      accept: stage(r?.accept_count ?? 0, r?.accept_on_time ?? 0),
      reply: stage(r?.reply_count ?? 0, r?.reply_on_time ?? 0),
      resolve: stage(r?.resolve_count ?? 0, r?.resolve_on_time ?? 0),
    };
  };
  return {
    asOf,
    rows: rows
      .filter((r) => !r.is_total && r.group_id !== null)
      .map((r) => toRow(r, r.group_id!, names.get(r.group_id!) ?? String(r.group_id)))
      .sort((a, b) => b.total - a.total || a.unitId - b.unitId),
    total: toRow(
      rows.find((r) => r.is_total),
      root.id,
      root.nameZh,
    ),
  };
}
