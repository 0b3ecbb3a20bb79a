import { sql } from 'kysely';
import type { MilestoneKind } from '../../../contracts/index.js';
import type { Executor, Tx } from '../../db/pool.js';
import type { RequestContext, Scope } from '../../lib/context.js';
import { escapeLike } from '../../lib/sql.js';
import { diffSnapshots } from './domain/rules.js';

/**
 * Bulk import of projects (a 50k-row workbook): multi-row inserts and only the updates
 * that change something, in the caller's transaction. Checks are the caller's (the
 * spreadsheet module validates every row first); this writes.
 */
export interface ProjectImportRecord {
  code: string | null;
  name: string;
  ownerEnterpriseId: number | null;
  unitId: number;
  parkId: number | null;
  industryCode: string;
  industryChain: string | null;
  category: string;
  level: string;
  kind: string;
  totalInvestment: string;
  plannedStartOn: string | null;
  plannedEndOn: string | null;
  latitude: number | null;
  longitude: number | null;
  liaisonLeaderUserId: number | null;
  responsibleUnitId: number | null;
  description: string | null;
  /** Only the milestone kinds the sheet carries; others stay as they are. */
  milestones: { kind: MilestoneKind; plannedOn: string | null; actualOn: string | null }[];
  annualPlan: { year: number; plannedInvestment: string; monthly: string[] | null } | null;
}

export interface ExistingProject {
  id: number;
  code: string | null;
  unitId: number;
  name: string;
  /** Within the importer's manage scope (only those may be updated). */
  isInScope: boolean;
}

/** Every project of the city by code and by unit + name, marked in or out of the scope. */
export async function existingProjects(
  db: Executor,
  scope: Scope,
): Promise<{ byCode: Map<string, ExistingProject>; byUnitName: Map<string, ExistingProject> }> {
  const inScope =
    scope.kind === 'subtree'
      ? sql<boolean>`u.path LIKE ${`${escapeLike(scope.path)}%`}`
      : scope.kind === 'city'
        ? sql<boolean>`true`
        : sql<boolean>`false`;
  const rows = await db
    .selectFrom('project as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'p.city_code').onRef('u.id', '=', 'p.unit_id'))
    .select(['p.id', 'p.code', 'p.unit_id', 'p.name', inScope.as('in_scope')])
    .where('p.city_code', '=', scope.cityCode)
    .execute();
  const byCode = new Map<string, ExistingProject>();
  const byUnitName = new Map<string, ExistingProject>();
  for (const r of rows) {
    const p = { id: r.id, code: r.code, unitId: r.unit_id, name: r.name, isInScope: r.in_scope };
    if (r.code) byCode.set(r.code, p);
    if (!byUnitName.has(`${r.unit_id}|${r.name}`)) byUnitName.set(`${r.unit_id}|${r.name}`, p);
  }
  return { byCode, byUnitName };
}

type Snapshot = Record<string, unknown>;

function ownFields(r: ProjectImportRecord): Snapshot {
  return {
    code: r.code,
    name: r.name,
    ownerEnterpriseId: r.ownerEnterpriseId,
    unitId: r.unitId,
    parkId: r.parkId,
    industryCode: r.industryCode,
    industryChain: r.industryChain,
    category: r.category,
    level: r.level,
    kind: r.kind,
    totalInvestment: r.totalInvestment,
    plannedStartOn: r.plannedStartOn,
    plannedEndOn: r.plannedEndOn,
    latitude: r.latitude,
    longitude: r.longitude,
    liaisonLeaderUserId: r.liaisonLeaderUserId,
    responsibleUnitId: r.responsibleUnitId,
    description: r.description,
  };
}

function importedState(r: ProjectImportRecord): Snapshot {
  return {
    ...ownFields(r),
    milestones: Object.fromEntries(r.milestones.map((m) => [m.kind, { plannedOn: m.plannedOn, actualOn: m.actualOn }])),
    ...(r.annualPlan
      ? { [`plan${r.annualPlan.year}`]: { plannedInvestment: r.annualPlan.plannedInvestment, monthly: r.annualPlan.monthly } }
      : {}),
  };
}

/** The stored state of existing projects, in the same shape as importedState (only the parts a record carries). */
async function currentStates(
  db: Executor,
  cityCode: string,
  ids: number[],
  records: Map<number, ProjectImportRecord>,
): Promise<Map<number, Snapshot & { version: number }>> {
  const states = new Map<number, Snapshot & { version: number }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const [projects, milestones, plans] = await Promise.all([
      db.selectFrom('project').selectAll().where('city_code', '=', cityCode).where('id', 'in', chunk).execute(),
      db.selectFrom('project_milestone').selectAll().where('city_code', '=', cityCode).where('project_id', 'in', chunk).execute(),
      db.selectFrom('project_annual_plan').selectAll().where('city_code', '=', cityCode).where('project_id', 'in', chunk).execute(),
    ]);
    for (const p of projects) {
      const record = records.get(p.id)!;
      const kinds = new Set(record.milestones.map((m) => m.kind));
      const plan = record.annualPlan ? plans.find((x) => x.project_id === p.id && x.year === record.annualPlan!.year) : undefined;
      states.set(p.id, {
        version: p.version,
        code: p.code,
        name: p.name,
        ownerEnterpriseId: p.owner_enterprise_id,
        unitId: p.unit_id,
        parkId: p.park_id,
        industryCode: p.industry_code,
        industryChain: p.industry_chain,
        category: p.category,
        level: p.level,
        kind: p.kind,
        totalInvestment: p.total_investment,
        plannedStartOn: p.planned_start_on,
        plannedEndOn: p.planned_end_on,
        latitude: p.latitude === null ? null : Number(p.latitude),
        longitude: p.longitude === null ? null : Number(p.longitude),
        liaisonLeaderUserId: p.liaison_leader_user_id,
        responsibleUnitId: p.responsible_unit_id,
        description: p.description,
        milestones: Object.fromEntries(
          [...kinds].map((kind) => {
            const m = milestones.find((x) => x.project_id === p.id && x.kind === kind);
            return [kind, { plannedOn: m?.planned_on ?? null, actualOn: m?.actual_on ?? null }];
          }),
        ),
        ...(record.annualPlan
          ? { [`plan${record.annualPlan.year}`]: plan ? { plannedInvestment: plan.planned_investment, monthly: plan.monthly } : null }
          : {}),
      });
    }
  }
  return states;
}

function projectValues(cityCode: string, r: ProjectImportRecord, now: Date) {
  return {
    city_code: cityCode,
    code: r.code,
    name: r.name,
    owner_enterprise_id: r.ownerEnterpriseId,
    unit_id: r.unitId,
    park_id: r.parkId,
    industry_code: r.industryCode,
    industry_chain: r.industryChain,
    category: r.category,
    level: r.level,
    kind: r.kind,
    total_investment: r.totalInvestment,
    planned_start_on: r.plannedStartOn,
    planned_end_on: r.plannedEndOn,
    latitude: r.latitude,
    longitude: r.longitude,
    liaison_leader_user_id: r.liaisonLeaderUserId,
    responsible_unit_id: r.responsibleUnitId,
    description: r.description,
    created_at: now,
    updated_at: now,
  };
}

async function writeChildren(tx: Tx, cityCode: string, items: { id: number; record: ProjectImportRecord }[]): Promise<void> {
  const milestones = items.flatMap(({ id, record }) =>
    record.milestones.map((m) => ({ city_code: cityCode, project_id: id, kind: m.kind, planned_on: m.plannedOn, actual_on: m.actualOn })),
  );
  for (let i = 0; i < milestones.length; i += 2000) {
    await tx
      .insertInto('project_milestone')
      .values(milestones.slice(i, i + 2000))
      .onConflict((oc) =>
        oc
          .columns(['city_code', 'project_id', 'kind'])
          .doUpdateSet((eb) => ({ planned_on: eb.ref('excluded.planned_on'), actual_on: eb.ref('excluded.actual_on') })),
      )
      .execute();
  }
  // A milestone emptied in the sheet is removed, not kept as an empty row.
  await tx
    .deleteFrom('project_milestone')
    .where('city_code', '=', cityCode)
    .where('planned_on', 'is', null)
    .where('actual_on', 'is', null)
    .where(
      'project_id',
      'in',
      items.map((x) => x.id),
    )
    .execute();
  const plans = items
    .filter(({ record }) => record.annualPlan)
    .map(({ id, record }) => ({
      city_code: cityCode,
      project_id: id,
      year: record.annualPlan!.year,
      planned_investment: record.annualPlan!.plannedInvestment,
      monthly: record.annualPlan!.monthly,
    }));
  for (let i = 0; i < plans.length; i += 2000) {
    await tx
      .insertInto('project_annual_plan')
      .values(plans.slice(i, i + 2000))
      .onConflict((oc) =>
        oc
          .columns(['city_code', 'project_id', 'year'])
          .doUpdateSet((eb) => ({ planned_investment: eb.ref('excluded.planned_investment'), monthly: eb.ref('excluded.monthly') })),
      )
      .execute();
  }
}

export interface ImportOutcome {
  created: number[];
  updated: number[];
  unchanged: number[];
}

/**
 * Write validated records: a record matches an existing project by its code, else by unit
 * + name; new ones are inserted in batches, changed ones updated with a new version and a
 * revision, identical ones left alone (importing the same file twice changes nothing).
 */
export async function importProjects(
  tx: Tx,
  ctx: RequestContext,
  cityCode: string,
  items: { record: ProjectImportRecord; existingId: number | null }[],
  onProgress: (done: number) => Promise<void>,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { created: [], updated: [], unchanged: [] };
  const actor = { actor_user_id: ctx.actor?.userId ?? null, actor_name: ctx.actor?.username ?? null };
  const existing = items.filter((x) => x.existingId !== null) as { record: ProjectImportRecord; existingId: number }[];
  const fresh = items.filter((x) => x.existingId === null).map((x) => x.record);
  let done = 0;

  const byId = new Map(existing.map((x) => [x.existingId, x.record]));
  const states = await currentStates(tx, cityCode, [...byId.keys()], byId);
  const changedChildren: { id: number; record: ProjectImportRecord }[] = [];
  for (const { record, existingId } of existing) {
    const state = states.get(existingId)!;
    const { version, ...before } = state;
    const changes = diffSnapshots(before, importedState(record));
    if (Object.keys(changes).length === 0) {
      outcome.unchanged.push(existingId);
    } else {
      const { created_at: _c, city_code: _city, ...set } = projectValues(cityCode, record, ctx.now);
      await tx
        .updateTable('project')
        .set({ ...set, version: sql`version + 1` })
        .where('city_code', '=', cityCode)
        .where('id', '=', existingId)
        .execute();
      await tx
        .insertInto('project_revision')
        .values({
          city_code: cityCode,
          project_id: existingId,
          version: version + 1,
          changed_at: ctx.now,
          ...actor,
          source: 'import',
          changes: JSON.stringify(changes),
        })
        .execute();
      changedChildren.push({ id: existingId, record });
      outcome.updated.push(existingId);
    }
    if (++done % 1000 === 0) await onProgress(done);
  }
  if (changedChildren.length) await writeChildren(tx, cityCode, changedChildren);

  for (let i = 0; i < fresh.length; i += 1000) {
    const chunk = fresh.slice(i, i + 1000);
    const rows = await tx
      .insertInto('project')
      .values(chunk.map((r) => projectValues(cityCode, r, ctx.now)))
      .returning(['id', 'unit_id', 'name'])
      .execute();
    // Unit + name is unique among a file's new rows (the importer checks), so it pairs ids with records.
    const idOf = new Map(rows.map((r) => [`${r.unit_id}|${r.name}`, r.id]));
    const created = chunk.map((record) => ({ id: idOf.get(`${record.unitId}|${record.name}`)!, record }));
    await writeChildren(tx, cityCode, created);
    await tx
      .insertInto('project_revision')
      .values(
        created.map(({ id, record }) => ({
          city_code: cityCode,
          project_id: id,
          version: 1,
          changed_at: ctx.now,
          ...actor,
          source: 'import',
          changes: JSON.stringify(diffSnapshots(null, importedState(record))),
        })),
      )
      .execute();
    outcome.created.push(...created.map((c) => c.id));
    done += chunk.length;
    await onProgress(done);
  }
  return outcome;
}
