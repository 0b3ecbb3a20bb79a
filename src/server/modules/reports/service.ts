import {
  type MessageKey,
  type Month,
  type ReportGrid,
  type ReportGridRow,
  type ReportRowInput,
  type ReportStatus,
  type SubmitReports,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { Db, Executor } from '../../db/pool.js';
import { batcher } from '../../lib/batcher.js';
import { type Actor, type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, notFound } from '../../lib/domain-error.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { appendAudit, auditInsert } from '../audit/index.js';
import { childUnits, getCityRoot, getUnitRef } from '../org/index.js';
import { getProjectRef, projectsReportingIn } from '../projects/index.js';
import { settingsOfRow } from '../settings/index.js';
import { REQUIRED_FIELDS_PER_ROW, checkRow } from './domain/checks.js';
import { addMonths, dueDate, monthEnd, monthStart } from './domain/months.js';
import * as repo from './repo.js';

export async function monthState(db: Executor, cityCode: string, month: Month) {
  const row = await repo.monthWithSettings(db, cityCode, monthStart(month));
  return stateOf(month, {
    dueOn: row.due_on,
    lockedAt: row.locked_at,
    monthExists: row.month_exists,
    settings: row.settings,
    settingsVersion: row.settings_version,
  });
}

function stateOf(month: Month, row: Omit<repo.SaveFacts, 'projects'>) {
  const settings = settingsOfRow(row.settingsVersion === null ? null : { settings: row.settings, version: row.settingsVersion });
  return {
    month,
    dueOn: row.dueOn ?? dueDate(month, settings.reporting.dueDay),
    isLocked: !!row.lockedAt,
    lockedAt: row.lockedAt?.toISOString() ?? null,
    /** The month has its row (a save need not create it). */
    stored: row.monthExists,
    settings,
  };
}

function statusOf(f: repo.MonthVersion | undefined): ReportStatus {
  if (!f || f.version === 0) return 'missing';
  return f.return_of_version !== null && f.return_of_version >= f.version ? 'returned' : 'submitted';
}

async function unitPathFilter(db: Executor, scope: Scope, unitId: number | undefined): Promise<string | undefined | null> {
  if (!unitId) return undefined;
  const unit = await getUnitRef(db, scope.cityCode, unitId);
  if (!unit || (scope.kind === 'subtree' && !unit.path.startsWith(scope.path))) return null;
  return unit.path;
}

/** The month's grid: every project that reports, with derived figures and the current version. */
export async function reportGrid(
  db: Executor,
  ctx: RequestContext,
  query: { month: Month; unitId?: number | undefined },
): Promise<ReportGrid> {
  const scope = scopeOf(requireActor(ctx), 'report.read');
  const state = await monthState(db, scope.cityCode, query.month);
  const unitPath = await unitPathFilter(db, scope, query.unitId);
  if (unitPath === null) throw notFound();
  const projects = await projectsReportingIn(db, scope, { start: monthStart(query.month), end: monthEnd(query.month) }, unitPath);
  const figures = await repo.monthFigures(
    db,
    scope.cityCode,
    projects.map((p) => p.id),
    monthStart(query.month),
    `${query.month.slice(0, 4)}-01-01`,
    monthStart(addMonths(query.month, -1)),
  );
  const byProject = new Map(figures.map((f) => [f.project_id, f]));
  const rows: ReportGridRow[] = projects.map((p) => {
    const f = byProject.get(p.id);
    const status = statusOf(f);
    return {
      projectId: p.id,
      projectCode: p.code,
      projectName: p.name,
      unitId: p.unitId,
      unitName: p.unitName,
      totalInvestment: p.totalInvestment,
      plannedThisMonth: p.plannedThisMonth,
      cumulativeBefore: f?.cumulative_before ?? '0',
      ytdBefore: f?.ytd_before ?? '0',
      lastMonth: f?.last_month ?? null,
      isStarted: p.isStarted,
      status,
      returnReason: status === 'returned' ? (f?.return_reason ?? null) : null,
      investment: f?.investment ?? null,
      progressText: f?.progress_text ?? null,
      problemsText: f?.problems_text ?? null,
      explanation: f?.explanation ?? null,
      version: f?.version ?? 0,
      photoCount: f?.photo_count ?? 0,
    };
  });
  return { month: query.month, dueOn: state.dueOn, isLocked: state.isLocked, rows, requiredFieldsPerRow: REQUIRED_FIELDS_PER_ROW };
}

/** A month's rows to save: the grid's batch, or the rows of an imported workbook. */
export interface ReportSubmission {
  month: Month;
  /** An imported row may leave baseVersion null: it is then based on whatever is current. */
  rows: (Omit<ReportRowInput, 'baseVersion'> & { baseVersion: number | null; correctionReason?: string | null | undefined })[];
  /** The grid's one reason for every change once the month is locked. */
  correctionReason?: string | null | undefined;
}

export interface SubmissionProblem {
  /** `month`, `correctionReason` or `rows.<index>.<field>`. */
  path: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * Where the reason for a change after the lock comes from: 'batch' — the grid's one reason,
 * required before anything else is looked at; 'row' — an imported row's own reason, required
 * only of the rows that change something.
 */
export type ReasonMode = 'batch' | 'row';

interface Prepared {
  problems: SubmissionProblem[];
  isLocked: boolean;
  dueOn: string;
  /** The month already has its row. */
  monthStored: boolean;
  /** With the investment of the version each replaces, as read. */
  toSave: { row: ReportSubmission['rows'][number]; version: number; previousInvestment: string | null; reason: string | null }[];
  unchanged: number[];
}

const canonical = (amount: string) => (amount.includes('.') ? amount.replace(/0+$/, '').replace(/\.$/, '') : amount);

/** What a save's checks read, for the months and scopes of several saves at once. */
function factsRequest(scope: Scope, input: ReportSubmission): repo.FactsRequest {
  return {
    cityCode: scope.cityCode,
    monthStart: monthStart(input.month),
    monthEnd: monthEnd(input.month),
    previousMonth: monthStart(addMonths(input.month, -1)),
    scopePath: scope.kind === 'subtree' ? scope.path : null,
    scopeEnterprise: scope.kind === 'enterprise' ? scope.enterpriseId : null,
    projectIds: input.rows.map((r) => r.projectId),
  };
}

/**
 * Every check a month's rows go through, whether typed on the grid or imported from Excel:
 * the month has come, each project is one the caller reports for this month (once), the row
 * is not stale, the figures pass the checks (errors refuse, warnings need an explanation),
 * and once the month is locked a change carries a reason. An unchanged row is left alone.
 */
function checkSubmission(facts: repo.SaveFacts, today: string, input: ReportSubmission, mode: ReasonMode): Prepared {
  const empty = { isLocked: false, dueOn: '', monthStored: false, toSave: [], unchanged: [] };
  if (input.month > today.slice(0, 7)) return { ...empty, problems: [{ path: 'month', key: 'report.futureMonth' }] };
  const state = stateOf(input.month, facts);
  if (mode === 'batch' && state.isLocked && !input.correctionReason) {
    return { ...empty, problems: [{ path: 'correctionReason', key: 'report.correctionReasonRequired' }] };
  }
  const problems: SubmissionProblem[] = [];
  const toSave: Prepared['toSave'] = [];
  const unchanged: number[] = [];
  const seen = new Set<number>();
  for (const [index, row] of input.rows.entries()) {
    // Only the month's reporting projects (a plan this year, or under construction) report.
    const current = facts.projects.get(row.projectId);
    if (!current) {
      problems.push({ path: `rows.${index}.projectId`, key: 'validation.referenceNotFound' });
      continue;
    }
    if (seen.has(row.projectId)) {
      problems.push({ path: `rows.${index}.projectId`, key: 'sheet.duplicateInFile', params: { row: index } });
      continue;
    }
    seen.add(row.projectId);
    const version = current.version;
    const same =
      version > 0 &&
      current.investment === canonical(row.investment) &&
      (current.progress_text ?? null) === (row.progressText || null) &&
      (current.problems_text ?? null) === (row.problemsText || null) &&
      (current.explanation ?? null) === (row.explanation || null) &&
      statusOf(current) !== 'returned';
    // What is already there needs no check (the same file imported twice changes nothing).
    if (same) {
      unchanged.push(row.projectId);
      continue;
    }
    if (row.baseVersion !== null && row.baseVersion !== version) {
      problems.push({ path: `rows.${index}.investment`, key: 'report.staleRow' });
      continue;
    }
    const check = checkRow(
      {
        investment: row.investment,
        totalInvestment: current.total_investment,
        reportedOtherMonths: current.reported_other_months,
        lastMonth: current.last_month,
        plannedThisMonth: current.planned_this_month === null ? null : canonical(current.planned_this_month),
        isStarted: current.is_started,
        explanation: row.explanation,
      },
      state.settings.reporting,
    );
    for (const e of check.errors)
      problems.push({ path: `rows.${index}.${e.field}`, key: e.key, ...(e.params ? { params: e.params } : {}) });
    const reason = state.isLocked ? (mode === 'row' ? row.correctionReason || null : input.correctionReason || null) : null;
    if (state.isLocked && !reason) problems.push({ path: `rows.${index}.correctionReason`, key: 'report.correctionReasonRequired' });
    if (problems.length) continue;
    toSave.push({ row, version: version + 1, previousInvestment: current.investment, reason });
  }
  return { problems, isLocked: state.isLocked, dueOn: state.dueOn, monthStored: state.stored, toSave, unchanged };
}

/** The checks alone, nothing written: what an import reports cell by cell before it writes. */
export async function checkReportSubmission(db: Executor, scope: Scope, today: string, input: ReportSubmission, mode: ReasonMode) {
  const [facts] = await repo.submissionFacts(db, [factsRequest(scope, input)]);
  const prepared = checkSubmission(facts as repo.SaveFacts, today, input, mode);
  return { problems: prepared.problems, isLocked: prepared.isLocked };
}

function refusal(problems: SubmissionProblem[]): DomainError {
  const stale = problems.every((p) => p.key === 'report.staleRow');
  return new DomainError(stale ? 'CONFLICT' : 'VALIDATION_FAILED', { fields: problems });
}

/** One save: who asks, in which scope, what, and where the reasons come from. */
interface SaveRequest {
  ctx: RequestContext;
  actor: Actor;
  scope: Scope;
  input: ReportSubmission;
  mode: ReasonMode;
  source: { importJobId: number } | null;
}

interface SaveResult {
  month: Month;
  saved: number;
  unchanged: number;
  corrections: number;
  /** Projects whose month got its first version, a later one, or nothing. */
  firstVersions: number[];
  laterVersions: number[];
  unchangedProjects: number[];
}

function saveRequest(ctx: RequestContext, input: ReportSubmission, mode: ReasonMode, source: SaveRequest['source']): SaveRequest {
  const actor = requireActor(ctx);
  return { ctx, actor, scope: scopeOf(actor, 'report.submit'), input, mode, source };
}

function writeJob({ ctx, actor, scope, input, mode, source }: SaveRequest, prepared: Prepared): repo.WriteJob {
  const { toSave, isLocked } = prepared;
  return {
    cityCode: scope.cityCode,
    monthStart: monthStart(input.month),
    dueOn: prepared.dueOn,
    createMonth: !prepared.monthStored,
    expectLocked: isLocked,
    kind: isLocked ? 'correction' : 'submission',
    by: { userId: actor.userId, username: actor.username, at: ctx.now },
    rows: toSave.map(({ row, version, previousInvestment, reason }) => ({
      projectId: row.projectId,
      version,
      investment: row.investment,
      previousInvestment,
      progressText: row.progressText || null,
      problemsText: row.problemsText || null,
      explanation: row.explanation || null,
      reason,
    })),
    audit: (onlyIf) =>
      auditInsert(
        ctx,
        {
          action: isLocked ? 'report.correct' : 'report.submit',
          targetType: 'report_month',
          targetId: input.month,
          after: {
            reason: input.correctionReason ?? null,
            ...(source ? { importJobId: source.importJobId } : {}),
            rows: toSave.map(({ row, version, reason }) => ({
              projectId: row.projectId,
              version,
              investment: row.investment,
              ...(mode === 'row' && reason ? { reason } : {}),
            })),
          },
        },
        onlyIf,
      ),
  };
}

/** How a save's write went: written, not written (its month's lock changed), stale, or failed. */
type WriteOutcome = boolean | 'stale' | { error: unknown };

/**
 * Write the saves in one statement. When it fails, write them one by one, so that only the
 * save that made it fail fails: 'stale' when someone saved one of its rows between the
 * checks and the write (the unique key), its error otherwise.
 */
async function writeSaves(db: Executor, jobs: repo.WriteJob[]): Promise<WriteOutcome[]> {
  if (!jobs.length) return [];
  try {
    return await repo.writeVersions(db, jobs);
  } catch (error) {
    if (jobs.length > 1) return (await Promise.all(jobs.map((job) => writeSaves(db, [job])))).flat();
    return [isUniqueViolation(error) ? 'stale' : { error }];
  }
}

/**
 * Save months' rows, each save all or nothing and on its own: one read for every save's
 * checks (any problem refuses that save), then a version per changed row and one audit record
 * per save, all written in one statement, so a save needs no transaction of its own (an
 * import runs it inside its own). After the month is locked a change is a correction with its
 * reason.
 */
async function saveMany(db: Executor, saves: SaveRequest[]): Promise<PromiseSettledResult<SaveResult>[]> {
  const facts = await repo.submissionFacts(
    db,
    saves.map((s) => factsRequest(s.scope, s.input)),
  );
  const prepared = saves.map((s, i) => checkSubmission(facts[i] as repo.SaveFacts, shanghaiDate(s.ctx.now), s.input, s.mode));
  const toWrite = prepared.flatMap((p, i) => (!p.problems.length && p.toSave.length ? [i] : []));
  const outcome = await writeSaves(
    db,
    toWrite.map((i) => writeJob(saves[i] as SaveRequest, prepared[i] as Prepared)),
  );
  const written = new Map(toWrite.map((i, n) => [i, outcome[n]]));
  return saves.map(({ input }, i): PromiseSettledResult<SaveResult> => {
    const { problems, toSave, isLocked, unchanged } = prepared[i] as Prepared;
    if (problems.length) return { status: 'rejected', reason: refusal(problems) };
    const write = written.get(i) ?? true;
    if (typeof write === 'object') return { status: 'rejected', reason: write.error };
    if (write === 'stale') {
      const stale = toSave.map(({ row }) => ({ path: `rows.${input.rows.indexOf(row)}.investment`, key: 'report.staleRow' as const }));
      return { status: 'rejected', reason: refusal(stale) };
    }
    // The month was locked (or unlocked) between the checks and the write: nothing was written.
    if (!write)
      return { status: 'rejected', reason: new DomainError('CONFLICT', { fields: [{ path: 'month', key: 'report.lockChanged' }] }) };
    return {
      status: 'fulfilled',
      value: {
        month: input.month,
        saved: toSave.length,
        unchanged: unchanged.length,
        corrections: isLocked ? toSave.length : 0,
        firstVersions: toSave.filter((s) => s.version === 1).map((s) => s.row.projectId),
        laterVersions: toSave.filter((s) => s.version > 1).map((s) => s.row.projectId),
        unchangedProjects: unchanged,
      },
    };
  });
}

/** Save a month's rows all or nothing, on its own (an import, inside its transaction). */
export async function saveReports(
  db: Executor,
  ctx: RequestContext,
  input: ReportSubmission,
  mode: ReasonMode,
  source: { importJobId: number } | null = null,
): Promise<SaveResult> {
  const [result] = await saveMany(db, [saveRequest(ctx, input, mode, source)]);
  if (result?.status !== 'fulfilled') throw result?.reason;
  return result.value;
}

/**
 * The grid's saves go through a group commit (lib/batcher.ts): at month-end the saves of many
 * units that arrive while two batches are running are checked and written together, each
 * still all or nothing on its own.
 */
const gridSaves = new WeakMap<Executor, (save: SaveRequest) => Promise<SaveResult>>();

/** The grid's save: the batch's reason after the lock. */
export async function submitReports(db: Db, ctx: RequestContext, input: SubmitReports) {
  let save = gridSaves.get(db);
  if (!save) {
    save = batcher((saves: SaveRequest[]) => saveMany(db, saves), { maxBatch: 32, concurrency: 2 });
    gridSaves.set(db, save);
  }
  const result = await save(saveRequest(ctx, input, 'batch', null));
  return { month: result.month, saved: result.saved, unchanged: result.unchanged, corrections: result.corrections };
}

export async function returnReport(db: Db, ctx: RequestContext, input: { projectId: number; month: Month; reason: string }) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'report.review');
  return await db.transaction().execute(async (tx) => {
    if (!(await getProjectRef(tx, ctx, input.projectId, 'project.read'))) throw notFound();
    const versions = await repo.versions(tx, scope.cityCode, input.projectId, monthStart(input.month));
    const latest = versions[0];
    if (!latest) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'report.nothingToReturn' });
    await repo.insertReturn(tx, {
      city_code: scope.cityCode,
      project_id: input.projectId,
      month: monthStart(input.month),
      of_version: latest.version,
      reason: input.reason,
      returned_by: actor.userId,
      returned_name: actor.username,
      returned_at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'report.return',
      targetType: 'project',
      targetId: input.projectId,
      after: { month: input.month, ofVersion: latest.version, reason: input.reason },
    });
    return { ok: true as const };
  });
}

export async function lockMonth(db: Db, ctx: RequestContext, month: Month) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'report.review');
  return await db.transaction().execute(async (tx) => {
    const state = await monthState(tx, scope.cityCode, month);
    if (state.isLocked) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'report.alreadyLocked' });
    await repo.ensureMonth(tx, scope.cityCode, monthStart(month), state.dueOn);
    await repo.lockMonth(tx, scope.cityCode, monthStart(month), ctx.now, actor.userId);
    await appendAudit(tx, ctx, { action: 'report.lock', targetType: 'report_month', targetId: month });
    const after = await monthState(tx, scope.cityCode, month);
    return { month, dueOn: after.dueOn, isLocked: after.isLocked, lockedAt: after.lockedAt };
  });
}

export async function getMonthState(db: Executor, ctx: RequestContext, month: Month) {
  const scope = scopeOf(requireActor(ctx), 'report.read');
  const state = await monthState(db, scope.cityCode, month);
  return { month, dueOn: state.dueOn, isLocked: state.isLocked, lockedAt: state.lockedAt };
}

/** Who is missing: per unit row (the direct children of the caller's scope), counts and the projects. */
export async function missingReports(db: Executor, ctx: RequestContext, month: Month) {
  const scope = scopeOf(requireActor(ctx), 'report.read');
  const grid = await reportGrid(db, ctx, { month });
  const rootId = scope.kind === 'subtree' ? scope.unitId : (await getCityRoot(db, scope.cityCode))?.id;
  const root = rootId ? await getUnitRef(db, scope.cityCode, rootId) : undefined;
  const rowsUnits = root ? [root, ...(await childUnits(db, scope.cityCode, root.id))] : [];
  const projects = await projectsReportingIn(db, scope, { start: monthStart(month), end: monthEnd(month) });
  const pathOf = new Map(projects.map((p) => [p.id, p.unitPath]));
  // Each project counts under the deepest row unit that contains it (the root only for its own).
  const rowOf = (projectId: number) => {
    const path = pathOf.get(projectId) ?? '';
    return rowsUnits.filter((u) => path.startsWith(u.path)).sort((a, b) => b.path.length - a.path.length)[0];
  };
  const counts = new Map<
    number,
    { unitId: number; unitName: string; expected: number; submitted: number; returned: number; missing: number }
  >();
  for (const r of grid.rows) {
    const unit = rowOf(r.projectId);
    if (!unit) continue;
    const c = counts.get(unit.id) ?? { unitId: unit.id, unitName: unit.nameZh, expected: 0, submitted: 0, returned: 0, missing: 0 };
    c.expected++;
    c[r.status]++;
    counts.set(unit.id, c);
  }
  return {
    month,
    dueOn: grid.dueOn,
    isLocked: grid.isLocked,
    units: [...counts.values()].sort((a, b) => b.missing - a.missing || a.unitName.localeCompare(b.unitName)),
    missingProjects: grid.rows
      .filter((r) => r.status !== 'submitted')
      .map((r) => ({ projectId: r.projectId, projectName: r.projectName, unitId: r.unitId, unitName: r.unitName, status: r.status })),
  };
}

export async function reportHistory(db: Executor, ctx: RequestContext, projectId: number, month: Month) {
  const scope = scopeOf(requireActor(ctx), 'report.read');
  if (!(await getProjectRef(db, ctx, projectId, 'project.read'))) throw notFound();
  const [versions, returns] = await Promise.all([
    repo.versions(db, scope.cityCode, projectId, monthStart(month)),
    repo.returns(db, scope.cityCode, projectId, monthStart(month)),
  ]);
  return {
    projectId,
    month,
    versions: versions.map((v) => ({
      version: v.version,
      kind: v.kind as 'submission' | 'correction',
      investment: v.investment,
      progressText: v.progress_text,
      problemsText: v.problems_text,
      explanation: v.explanation,
      reason: v.reason,
      submittedBy: v.submitted_name,
      submittedAt: v.submitted_at.toISOString(),
    })),
    returns: returns.map((r) => ({ reason: r.reason, returnedBy: r.returned_name, returnedAt: r.returned_at.toISOString() })),
  };
}

export async function listFeedback(db: Executor, ctx: RequestContext, projectId: number) {
  const scope = scopeOf(requireActor(ctx), 'project.read');
  if (!(await getProjectRef(db, ctx, projectId, 'project.read'))) throw notFound();
  const rows = await repo.feedback(db, scope.cityCode, projectId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      notedOn: r.noted_on,
      text: r.text,
      authorName: r.author_name,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

export async function addFeedback(db: Db, ctx: RequestContext, projectId: number, input: { notedOn: string; text: string }) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'report.feedback');
  if (input.notedOn > shanghaiDate(ctx.now)) throw DomainError.field('notedOn', 'deal.dateInFuture');
  return await db.transaction().execute(async (tx) => {
    if (!(await getProjectRef(tx, ctx, projectId, 'project.read'))) throw notFound();
    const id = await repo.insertFeedback(tx, {
      city_code: scope.cityCode,
      project_id: projectId,
      noted_on: input.notedOn,
      text: input.text,
      author_id: actor.userId,
      author_name: actor.username,
      created_at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'report.feedback',
      targetType: 'project',
      targetId: projectId,
      after: { id, notedOn: input.notedOn, text: input.text },
    });
    return { id, notedOn: input.notedOn, text: input.text, authorName: actor.username, createdAt: ctx.now.toISOString() };
  });
}

/** A unit's (with the units under it) investment completed in each month of a year, up to a month; '0' where none. */
export async function unitMonthly(db: Executor, cityCode: string, unitPath: string, year: number, uptoMonth = 12): Promise<string[]> {
  const out = Array<string>(12).fill('0');
  for (const r of await repo.unitMonthlyTotals(db, cityCode, unitPath, year, uptoMonth)) out[r.m - 1] = r.amount;
  return out;
}

/** 12 monthly figures per project for a year (latest versions; '0' where none), up to a month. */
export async function monthlyByProject(
  db: Executor,
  cityCode: string,
  projectIds: number[],
  year: number,
  uptoMonth = 12,
): Promise<Map<number, string[]>> {
  const rows = await repo.monthlyFigures(db, cityCode, projectIds, year, uptoMonth);
  const out = new Map<number, string[]>(projectIds.map((id) => [id, Array(12).fill('0')]));
  for (const r of rows) out.get(r.project_id)![r.m - 1] = r.investment;
  return out;
}
