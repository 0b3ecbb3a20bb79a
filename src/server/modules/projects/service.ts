import {
  type CreateProject,
  type MilestoneKind,
  type Project,
  type ProjectListQuery,
  type ProjectStage,
  type ProjectSummary,
  type UpdateProject,
  projectCodeGeneration,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { Db, Executor, Tx } from '../../db/pool.js';
import { type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { appendAudit } from '../audit/index.js';
import { getUserBrief, findActiveUsersByRole } from '../identity/index.js';
import { ensureEnterprise, getUnitRef } from '../org/index.js';
import { registrySettings } from '../settings/index.js';
import { checkProjectData, diffSnapshots } from './domain/rules.js';
import * as repo from './repo.js';

type Summary = repo.ProjectSummaryRow;

export function toSummary(row: Summary): ProjectSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    ownerEnterpriseId: row.owner_enterprise_id,
    ownerName: row.owner_name,
    ownerUscc: row.owner_uscc,
    unitId: row.unit_id,
    unitName: row.unit_name,
    parkId: row.park_id,
    parkName: row.park_name,
    industryCode: row.industry_code,
    industryChain: row.industry_chain,
    category: row.category as ProjectSummary['category'],
    level: row.level as ProjectSummary['level'],
    kind: row.kind as ProjectSummary['kind'],
    stage: row.stage as ProjectStage,
    totalInvestment: row.total_investment,
    plannedStartOn: row.planned_start_on,
    plannedEndOn: row.planned_end_on,
    liaisonLeaderUserId: row.liaison_leader_user_id,
    liaisonLeaderName: row.liaison_leader_name,
    responsibleUnitId: row.responsible_unit_id,
    responsibleUnitName: row.responsible_unit_name,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

async function loadProject(db: Executor, scope: Scope, id: number): Promise<Omit<Project, 'linkedDeals'> | null> {
  const row = await repo.getProject(db, scope, id);
  if (!row) return null;
  const children = await repo.projectChildren(db, scope.cityCode, id);
  return {
    ...toSummary(row),
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    description: row.description,
    codeGeneration: row.code ? projectCodeGeneration(row.code) : null,
    milestones: children.milestones.map((m) => ({ kind: m.kind as MilestoneKind, plannedOn: m.planned_on, actualOn: m.actual_on })),
    taskForce: children.taskForce,
    annualPlans: children.annualPlans.map((p) => ({ year: p.year, plannedInvestment: p.planned_investment, monthly: p.monthly })),
    createdAt: row.created_at.toISOString(),
  };
}

/** What the history and the audit trail keep of a project: its own fields, not derived names. */
function snapshot(p: Omit<Project, 'linkedDeals'>): Record<string, unknown> {
  return {
    code: p.code,
    name: p.name,
    ownerEnterpriseId: p.ownerEnterpriseId,
    unitId: p.unitId,
    parkId: p.parkId,
    industryCode: p.industryCode,
    industryChain: p.industryChain,
    category: p.category,
    level: p.level,
    kind: p.kind,
    totalInvestment: p.totalInvestment,
    plannedStartOn: p.plannedStartOn,
    plannedEndOn: p.plannedEndOn,
    latitude: p.latitude,
    longitude: p.longitude,
    liaisonLeaderUserId: p.liaisonLeaderUserId,
    responsibleUnitId: p.responsibleUnitId,
    description: p.description,
    milestones: [...p.milestones].sort((a, b) => a.kind.localeCompare(b.kind)),
    taskForce: p.taskForce,
    annualPlans: p.annualPlans,
  };
}

export async function findProjects(db: Executor, ctx: RequestContext, query: ProjectListQuery) {
  const scope = scopeOf(requireActor(ctx), 'project.read');
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await getUnitRef(db, scope.cityCode, query.unitId);
    if (!unit) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    unitPath = unit.path;
  }
  const { rows, total } = await repo.findProjects(db, scope, query, unitPath);
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function getProjectById(
  db: Executor,
  ctx: RequestContext,
  id: number,
  linkedDeals: (projectId: number) => Promise<Project['linkedDeals']>,
): Promise<Project> {
  const scope = scopeOf(requireActor(ctx), 'project.read');
  const project = await loadProject(db, scope, id);
  if (!project) throw notFound();
  return { ...project, linkedDeals: await linkedDeals(id) };
}

export async function getProjectHistory(db: Executor, ctx: RequestContext, id: number) {
  const scope = scopeOf(requireActor(ctx), 'project.read');
  if (!(await repo.getProject(db, scope, id))) throw notFound();
  const rows = await repo.findRevisions(db, scope.cityCode, id);
  return {
    items: rows.map((r) => ({
      version: r.version,
      changedAt: r.changed_at.toISOString(),
      actorName: r.actor_name,
      source: r.source as 'form' | 'import' | 'deal',
      changes: r.changes as Record<string, { before: unknown; after: unknown }>,
    })),
  };
}

export async function findLeaders(db: Executor, ctx: RequestContext) {
  const scope = scopeOf(requireActor(ctx), 'project.read');
  return { items: await findActiveUsersByRole(db, scope.cityCode, 'city_leader') };
}

/** Checks that need the database: references in scope, configured lists, the owner. Collects every problem. */
async function resolveReferences(tx: Tx, ctx: RequestContext, scope: Scope, input: Partial<CreateProject>, unitId: number) {
  const problems: {
    path: string;
    key:
      | 'validation.referenceNotFound'
      | 'project.parkKind'
      | 'project.leaderRole'
      | 'project.ownerNameRequired'
      | 'validation.invalidValue';
  }[] = [];
  const unit = await getUnitRef(tx, scope.cityCode, unitId);
  const isInScope = !!unit && unit.isActive && (scope.kind === 'city' || (scope.kind === 'subtree' && unit.path.startsWith(scope.path)));
  if (!isInScope) problems.push({ path: 'unitId', key: 'validation.referenceNotFound' });
  if (input.parkId) {
    const park = await getUnitRef(tx, scope.cityCode, input.parkId);
    if (!park || park.kind !== 'park' || !park.isActive) problems.push({ path: 'parkId', key: 'project.parkKind' });
  }
  if (input.responsibleUnitId) {
    const responsible = await getUnitRef(tx, scope.cityCode, input.responsibleUnitId);
    if (!responsible?.isActive) problems.push({ path: 'responsibleUnitId', key: 'validation.referenceNotFound' });
  }
  if (input.liaisonLeaderUserId) {
    const leader = await getUserBrief(tx, scope.cityCode, input.liaisonLeaderUserId);
    if (!leader || leader.role !== 'city_leader' || !leader.isActive)
      problems.push({ path: 'liaisonLeaderUserId', key: 'project.leaderRole' });
  }
  if (input.industryChain) {
    const settings = await registrySettings(tx, scope.cityCode);
    if (!settings.industryChains.some((c) => c.key === input.industryChain && c.isActive))
      problems.push({ path: 'industryChain', key: 'validation.invalidValue' });
  }
  let ownerEnterpriseId: number | null | undefined;
  if (input.ownerUscc !== undefined) {
    ownerEnterpriseId = null;
    if (input.ownerUscc && isInScope) {
      const owner = await ensureEnterprise(tx, ctx, scope.cityCode, { uscc: input.ownerUscc, name: input.ownerName ?? null, unitId });
      if (!owner) problems.push({ path: 'ownerName', key: 'project.ownerNameRequired' });
      ownerEnterpriseId = owner?.id ?? null;
    }
  }
  return { problems, ownerEnterpriseId };
}

function fail(problems: { path: string; key: Parameters<typeof DomainError.field>[1]; params?: Record<string, string | number> }[]): never {
  throw new DomainError('VALIDATION_FAILED', { fields: problems });
}

function duplicateCode(error: unknown): never {
  if (isUniqueViolation(error, 'project_code')) throw DomainError.field('code', 'project.duplicateCode');
  throw error;
}

export type ProjectSource = 'form' | 'import' | 'deal';

/** Create a project in the caller's manage scope; shared by the form, the import and a landing deal. */
export async function createProjectInTx(tx: Tx, ctx: RequestContext, input: CreateProject, source: ProjectSource): Promise<number> {
  const scope = scopeOf(requireActor(ctx), 'project.manage');
  const problems = [...checkProjectData(input, shanghaiDate(ctx.now))];
  const refs = await resolveReferences(tx, ctx, scope, input, input.unitId);
  problems.push(...refs.problems);
  if (problems.length) fail(problems);
  const id = await repo
    .insertProject(tx, {
      city_code: scope.cityCode,
      code: input.code ?? null,
      name: input.name,
      owner_enterprise_id: refs.ownerEnterpriseId ?? null,
      unit_id: input.unitId,
      park_id: input.parkId ?? null,
      industry_code: input.industryCode,
      industry_chain: input.industryChain ?? null,
      category: input.category,
      level: input.level,
      kind: input.kind,
      total_investment: input.totalInvestment,
      planned_start_on: input.plannedStartOn ?? null,
      planned_end_on: input.plannedEndOn ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      liaison_leader_user_id: input.liaisonLeaderUserId ?? null,
      responsible_unit_id: input.responsibleUnitId ?? null,
      description: input.description ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .catch(duplicateCode);
  await repo.replaceChildren(tx, scope.cityCode, id, {
    milestones: input.milestones ?? [],
    taskForce: input.taskForce ?? [],
    annualPlans: input.annualPlans ?? [],
  });
  const after = snapshot((await loadProject(tx, { kind: 'city', cityCode: scope.cityCode }, id))!);
  await repo.insertRevision(tx, {
    city_code: scope.cityCode,
    project_id: id,
    version: 1,
    changed_at: ctx.now,
    actor_user_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.username ?? null,
    source,
    changes: diffSnapshots(null, after),
  });
  await appendAudit(tx, ctx, { action: 'project.create', targetType: 'project', targetId: id, after: { ...after, source } });
  return id;
}

export async function createProject(db: Db, ctx: RequestContext, input: CreateProject): Promise<number> {
  return await db.transaction().execute((tx) => createProjectInTx(tx, ctx, input, 'form'));
}

/** Update in the caller's manage scope; returns false when nothing changed (idempotent imports). */
export async function updateProjectInTx(
  tx: Tx,
  ctx: RequestContext,
  id: number,
  input: UpdateProject,
  source: ProjectSource,
): Promise<boolean> {
  const scope = scopeOf(requireActor(ctx), 'project.manage');
  const current = await loadProject(tx, scope, id);
  if (!current) throw notFound();
  if (current.version !== input.version) throw conflict();
  const merged = {
    plannedStartOn: input.plannedStartOn !== undefined ? input.plannedStartOn : current.plannedStartOn,
    plannedEndOn: input.plannedEndOn !== undefined ? input.plannedEndOn : current.plannedEndOn,
    milestones: input.milestones,
    annualPlans: input.annualPlans,
  };
  const problems = [...checkProjectData(merged, shanghaiDate(ctx.now))];
  const unitId = input.unitId ?? current.unitId;
  const refs = await resolveReferences(tx, ctx, scope, input, unitId);
  problems.push(...refs.problems);
  if (problems.length) fail(problems);
  const before = snapshot(current);
  const set = {
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(refs.ownerEnterpriseId !== undefined ? { owner_enterprise_id: refs.ownerEnterpriseId } : {}),
    ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
    ...(input.parkId !== undefined ? { park_id: input.parkId } : {}),
    ...(input.industryCode !== undefined ? { industry_code: input.industryCode } : {}),
    ...(input.industryChain !== undefined ? { industry_chain: input.industryChain } : {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.level !== undefined ? { level: input.level } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.totalInvestment !== undefined ? { total_investment: input.totalInvestment } : {}),
    ...(input.plannedStartOn !== undefined ? { planned_start_on: input.plannedStartOn } : {}),
    ...(input.plannedEndOn !== undefined ? { planned_end_on: input.plannedEndOn } : {}),
    ...(input.latitude !== undefined ? { latitude: input.latitude } : {}),
    ...(input.longitude !== undefined ? { longitude: input.longitude } : {}),
    ...(input.liaisonLeaderUserId !== undefined ? { liaison_leader_user_id: input.liaisonLeaderUserId } : {}),
    ...(input.responsibleUnitId !== undefined ? { responsible_unit_id: input.responsibleUnitId } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
  };
  // Work out the result first: an edit that changes nothing is not a new version.
  await repo.replaceChildren(tx, scope.cityCode, id, {
    milestones: input.milestones,
    taskForce: input.taskForce,
    annualPlans: input.annualPlans,
  });
  if (!(await repo.updateProjectVersioned(tx, scope.cityCode, id, input.version, { ...set, updated_at: ctx.now }).catch(duplicateCode)))
    throw conflict();
  const after = (await loadProject(tx, { kind: 'city', cityCode: scope.cityCode }, id))!;
  const changes = diffSnapshots(before, snapshot(after));
  if (Object.keys(changes).length === 0) {
    // Roll the version bump back by raising: the caller's transaction ends without a trace.
    throw new NoChange();
  }
  await repo.insertRevision(tx, {
    city_code: scope.cityCode,
    project_id: id,
    version: after.version,
    changed_at: ctx.now,
    actor_user_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.username ?? null,
    source,
    changes,
  });
  await appendAudit(tx, ctx, {
    action: 'project.update',
    targetType: 'project',
    targetId: id,
    before,
    after: { ...snapshot(after), source },
  });
  return true;
}

/** Thrown inside a transaction when an update changes nothing, so the version bump rolls back. */
export class NoChange extends Error {
  constructor() {
    super('no change');
  }
}

/** Update from the form: an edit without changes succeeds and returns the project unchanged. */
export async function updateProject(db: Db, ctx: RequestContext, id: number, input: UpdateProject): Promise<void> {
  try {
    await db.transaction().execute((tx) => updateProjectInTx(tx, ctx, id, input, 'form'));
  } catch (error) {
    if (!(error instanceof NoChange)) throw error;
  }
}

/** A project the caller may read, for other modules (e.g. a deal linking to it). */
export async function getProjectRef(
  db: Executor,
  ctx: RequestContext,
  id: number,
  action: 'project.read' | 'project.manage' = 'project.read',
) {
  const scope = scopeOf(requireActor(ctx), action);
  const row = await repo.getProject(db, scope, id);
  return row ? { id: row.id, name: row.name, unitId: row.unit_id } : null;
}

export { loadProject as loadProjectForExport };

/**
 * All projects a filtered list shows, page by page, with their milestones and the plan of
 * `planYear`: what an export writes, without holding the whole list in memory.
 */
export async function* projectsForExport(
  db: Executor,
  ctx: RequestContext,
  query: Omit<ProjectListQuery, 'page' | 'pageSize'>,
  planYear: number,
) {
  const scope = scopeOf(requireActor(ctx), 'project.read');
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await getUnitRef(db, scope.cityCode, query.unitId);
    if (!unit) return;
    unitPath = unit.path;
  }
  for (let page = 1; ; page++) {
    const { rows } = await repo.findProjects(db, scope, { ...query, page, pageSize: 1000 }, unitPath);
    if (!rows.length) return;
    const ids = rows.map((r) => r.id);
    const extra = await repo.exportExtras(db, scope.cityCode, ids, planYear);
    for (const row of rows) {
      const plan = extra.plans.find((p) => p.project_id === row.id);
      yield {
        ...toSummary(row),
        latitude: extra.coordinates.get(row.id)?.latitude ?? null,
        longitude: extra.coordinates.get(row.id)?.longitude ?? null,
        description: extra.coordinates.get(row.id)?.description ?? null,
        milestones: extra.milestones
          .filter((m) => m.project_id === row.id)
          .map((m) => ({ kind: m.kind, plannedOn: m.planned_on, actualOn: m.actual_on })),
        plan: plan ? { year: plan.year, plannedInvestment: plan.planned_investment, monthly: plan.monthly } : null,
      };
    }
    if (rows.length < 1000) return;
  }
}

/** Projects that report for a month, within a scope the caller resolved (the reporting module's). */
export async function projectsReportingIn(db: Executor, scope: Scope, month: { start: string; end: string }, unitPath?: string) {
  const rows = await repo.reportingProjects(db, scope, month.start, month.end, unitPath);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    totalInvestment: r.total_investment,
    plannedThisMonth: r.planned_this_month === null ? null : r.planned_this_month.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''),
    isStarted: r.is_started,
  }));
}

/** Milestones, plan of the year and unit of projects (for commitments, lights and forecasts). */
export async function projectFacts(db: Executor, cityCode: string, ids: number[], year: number) {
  const facts = await repo.projectFacts(db, cityCode, ids, year);
  // Indexed by project: a city's 100k projects must not scan the plans and milestones per project.
  const plans = new Map(facts.plans.map((x) => [x.project_id, x]));
  const milestones = new Map<number, { kind: MilestoneKind; plannedOn: string | null; actualOn: string | null }[]>();
  for (const m of facts.milestones) {
    const list = milestones.get(m.project_id) ?? [];
    if (!list.length) milestones.set(m.project_id, list);
    list.push({ kind: m.kind as MilestoneKind, plannedOn: m.planned_on, actualOn: m.actual_on });
  }
  return new Map(
    facts.projects.map((p) => {
      const plan = plans.get(p.id);
      return [
        p.id,
        {
          id: p.id,
          name: p.name,
          unitId: p.unit_id,
          unitPath: p.unit_path,
          totalInvestment: p.total_investment,
          milestones: milestones.get(p.id) ?? [],
          plan: plan ? { plannedInvestment: plan.planned_investment, monthly: plan.monthly } : null,
        },
      ];
    }),
  );
}

export async function startDatesUnder(db: Executor, cityCode: string, unitPath: string, from: string, to: string): Promise<string[]> {
  return await repo.startDatesUnder(db, cityCode, unitPath, from, to);
}

export async function projectIdsUnder(db: Executor, scope: Scope, unitPath?: string): Promise<number[]> {
  return await repo.projectIdsUnder(db, scope, unitPath);
}
