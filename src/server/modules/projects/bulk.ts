import { type CompiledQuery, sql } from 'kysely';
import type { MilestoneKind } from '../../../contracts/index.js';
import type { Executor, Tx } from '../../db/pool.js';
import type { RequestContext, Scope } from '../../lib/context.js';
import { copyStatement, escapeLike, numericArray } from '../../lib/sql.js';
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
  const state = ownFields(r);
  const milestones: Snapshot = {};
  for (const m of r.milestones) milestones[m.kind] = { plannedOn: m.plannedOn, actualOn: m.actualOn };
  state.milestones = milestones;
  if (r.annualPlan)
    state[`plan${r.annualPlan.year}`] = { plannedInvestment: r.annualPlan.plannedInvestment, monthly: r.annualPlan.monthly };
  return state;
}

/** Ids per query when reading or writing in sets (one round trip each, a bounded parameter). */
const SET_SIZE = 10_000;

/** A project's own columns (projectRow's keys): read to compare, copied for new projects. */
const PROJECT_COLUMNS = [
  'id',
  'code',
  'name',
  'owner_enterprise_id',
  'unit_id',
  'park_id',
  'industry_code',
  'industry_chain',
  'category',
  'level',
  'kind',
  'total_investment',
  'planned_start_on',
  'planned_end_on',
  'latitude',
  'longitude',
  'liaison_leader_user_id',
  'responsible_unit_id',
  'description',
] as const satisfies readonly (keyof ReturnType<typeof projectRow>)[];

/** The stored state of existing projects, in the same shape as importedState (only the parts a record carries). */
async function currentStates(
  db: Executor,
  cityCode: string,
  ids: number[],
  records: Map<number, ProjectImportRecord>,
): Promise<Map<number, Snapshot & { version: number }>> {
  const states = new Map<number, Snapshot & { version: number }>();
  for (let i = 0; i < ids.length; i += SET_SIZE) {
    const chunk = ids.slice(i, i + SET_SIZE);
    const [projects, milestones, plans] = await Promise.all([
      db
        .selectFrom('project')
        .select(['version', ...PROJECT_COLUMNS])
        .where('city_code', '=', cityCode)
        .where('id', '=', sql<number>`ANY(${chunk}::bigint[])`)
        .execute(),
      db
        .selectFrom('project_milestone')
        .selectAll()
        .where('city_code', '=', cityCode)
        .where('project_id', '=', sql<number>`ANY(${chunk}::bigint[])`)
        .execute(),
      db
        .selectFrom('project_annual_plan')
        .selectAll()
        .where('city_code', '=', cityCode)
        .where('project_id', '=', sql<number>`ANY(${chunk}::bigint[])`)
        .execute(),
    ]);
    const milestoneOf = new Map(milestones.map((m) => [`${m.project_id}|${m.kind}`, m]));
    const planOf = new Map(plans.map((x) => [`${x.project_id}|${x.year}`, x]));
    for (const p of projects) {
      const record = records.get(p.id)!;
      const stored: Snapshot = {};
      for (const { kind } of record.milestones) {
        const m = milestoneOf.get(`${p.id}|${kind}`);
        stored[kind] = { plannedOn: m?.planned_on ?? null, actualOn: m?.actual_on ?? null };
      }
      const state: Snapshot & { version: number } = {
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
        milestones: stored,
      };
      if (record.annualPlan) {
        const plan = planOf.get(`${p.id}|${record.annualPlan.year}`);
        state[`plan${record.annualPlan.year}`] = plan ? { plannedInvestment: plan.planned_investment, monthly: plan.monthly } : null;
      }
      states.set(p.id, state);
    }
  }
  return states;
}

/**
 * A project's own columns as one object of a set. New projects are copied in (PROJECT_COLUMNS);
 * changed ones go to PostgreSQL as one JSON parameter read by json_to_recordset: one round trip
 * and one parse for thousands of rows (pg's array literals for unnest escape every string).
 */
function projectRow(id: number, r: ProjectImportRecord) {
  return {
    id,
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
  };
}

/** The columns of projectRow as json_to_recordset reads them. */
const PROJECT_RECORD = sql.raw(`(id bigint, code text, name text, owner_enterprise_id bigint, unit_id bigint, park_id bigint,
  industry_code text, industry_chain text, category text, level text, kind text, total_investment numeric,
  planned_start_on date, planned_end_on date, latitude numeric, longitude numeric, liaison_leader_user_id bigint,
  responsible_unit_id bigint, description text)`);

/**
 * The COPYs of new projects under ids already drawn from the sequence, with their milestones,
 * annual plan and version-1 revision: one per table for the whole set (decision 0023).
 */
export function newProjectStatements(
  cityCode: string,
  ctx: RequestContext,
  items: { id: number; record: ProjectImportRecord }[],
): CompiledQuery[] {
  const now = ctx.now;
  const statements = [
    copyStatement(
      'project',
      ['city_code', ...PROJECT_COLUMNS, 'created_at', 'updated_at'],
      items.map(({ id, record }) => {
        const row = projectRow(id, record);
        return [cityCode, ...PROJECT_COLUMNS.map((c) => row[c]), now, now];
      }),
    ),
    // Only the milestones with a date.
    copyStatement(
      'project_milestone',
      ['city_code', 'project_id', 'kind', 'planned_on', 'actual_on'],
      items.flatMap(({ id, record }) =>
        record.milestones
          .filter((m) => m.plannedOn !== null || m.actualOn !== null)
          .map((m) => [cityCode, id, m.kind, m.plannedOn, m.actualOn]),
      ),
    ),
    copyStatement(
      'project_annual_plan',
      ['city_code', 'project_id', 'year', 'planned_investment', 'monthly'],
      items.flatMap(({ id, record: { annualPlan: plan } }) =>
        plan ? [[cityCode, id, plan.year, plan.plannedInvestment, numericArray(plan.monthly)]] : [],
      ),
    ),
    copyStatement(
      'project_revision',
      ['city_code', 'project_id', 'version', 'changed_at', 'actor_user_id', 'actor_name', 'source', 'changes'],
      items.map(({ id, record }) => [
        cityCode,
        id,
        1,
        now,
        ctx.actor?.userId ?? null,
        ctx.actor?.username ?? null,
        'import',
        diffSnapshots(null, importedState(record)),
      ]),
    ),
  ];
  return statements.filter((x) => x !== null);
}

/** New projects: their statements built first, then run back to back (PostgreSQL does not wait for JavaScript between them). */
async function insertProjects(
  tx: Tx,
  cityCode: string,
  ctx: RequestContext,
  items: { id: number; record: ProjectImportRecord }[],
): Promise<void> {
  for (const statement of newProjectStatements(cityCode, ctx, items)) await tx.executeQuery(statement);
}

/** Changed projects: their own columns set, the version raised, in one statement. */
async function updateProjects(tx: Tx, cityCode: string, now: Date, rows: ReturnType<typeof projectRow>[]): Promise<void> {
  await sql`UPDATE project AS p SET code = x.code, name = x.name, owner_enterprise_id = x.owner_enterprise_id, unit_id = x.unit_id,
      park_id = x.park_id, industry_code = x.industry_code, industry_chain = x.industry_chain, category = x.category,
      level = x.level, kind = x.kind, total_investment = x.total_investment, planned_start_on = x.planned_start_on,
      planned_end_on = x.planned_end_on, latitude = x.latitude, longitude = x.longitude,
      liaison_leader_user_id = x.liaison_leader_user_id, responsible_unit_id = x.responsible_unit_id,
      description = x.description, updated_at = ${now}::timestamptz, version = p.version + 1
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x${PROJECT_RECORD}
    WHERE p.city_code = ${cityCode} AND p.id = x.id`.execute(tx);
}

/** The milestones and annual plan of changed projects: each milestone kind the sheet carries is set. */
async function writeChildren(tx: Tx, cityCode: string, items: { id: number; record: ProjectImportRecord }[]): Promise<void> {
  const milestones = items.flatMap(({ id, record }) =>
    record.milestones.map((m) => ({ project_id: id, kind: m.kind, planned_on: m.plannedOn, actual_on: m.actualOn })),
  );
  if (milestones.length)
    await sql`INSERT INTO project_milestone (city_code, project_id, kind, planned_on, actual_on)
      SELECT ${cityCode}, x.project_id, x.kind, x.planned_on, x.actual_on
      FROM json_to_recordset(${JSON.stringify(milestones)}::json) AS x(project_id bigint, kind text, planned_on date, actual_on date)
      ON CONFLICT (city_code, project_id, kind) DO UPDATE SET planned_on = excluded.planned_on, actual_on = excluded.actual_on`.execute(tx);
  // A milestone emptied in the sheet is removed, not kept as an empty row.
  await sql`DELETE FROM project_milestone WHERE city_code = ${cityCode} AND planned_on IS NULL AND actual_on IS NULL
    AND project_id = ANY(${items.map((x) => x.id)}::bigint[])`.execute(tx);
  const plans = items
    .filter(({ record }) => record.annualPlan)
    .map(({ id, record }) => ({
      project_id: id,
      year: record.annualPlan!.year,
      planned_investment: record.annualPlan!.plannedInvestment,
      monthly: record.annualPlan!.monthly,
    }));
  if (plans.length)
    await sql`INSERT INTO project_annual_plan (city_code, project_id, year, planned_investment, monthly)
      SELECT ${cityCode}, x.project_id, x.year, x.planned_investment, x.monthly
      FROM json_to_recordset(${JSON.stringify(plans)}::json) AS x(project_id bigint, year integer, planned_investment numeric, monthly numeric[])
      ON CONFLICT (city_code, project_id, year) DO UPDATE SET planned_investment = excluded.planned_investment, monthly = excluded.monthly`.execute(
      tx,
    );
}

async function insertRevisions(
  tx: Tx,
  cityCode: string,
  ctx: RequestContext,
  revisions: { project_id: number; version: number; changes: Record<string, unknown> }[],
): Promise<void> {
  if (!revisions.length) return;
  await sql`INSERT INTO project_revision (city_code, project_id, version, changed_at, actor_user_id, actor_name, source, changes)
    SELECT ${cityCode}, x.project_id, x.version, ${ctx.now}::timestamptz, ${ctx.actor?.userId ?? null}::bigint, ${ctx.actor?.username ?? null}::text,
      'import', x.changes
    FROM json_to_recordset(${JSON.stringify(revisions)}::json) AS x(project_id bigint, version integer, changes jsonb)`.execute(tx);
}

export interface ImportOutcome {
  created: number[];
  updated: number[];
  unchanged: number[];
}

/**
 * Write validated records: a record matches an existing project by its code, else by unit
 * + name; new ones are inserted, changed ones updated with a new version and a revision,
 * identical ones left alone (importing the same file twice changes nothing). Every step is
 * set-based (one statement per table for up to SET_SIZE projects), in the caller's transaction.
 */
export async function importProjects(
  tx: Tx,
  ctx: RequestContext,
  cityCode: string,
  items: { record: ProjectImportRecord; existingId: number | null }[],
  onProgress: (done: number) => Promise<void>,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { created: [], updated: [], unchanged: [] };
  const existing = items.filter((x) => x.existingId !== null) as { record: ProjectImportRecord; existingId: number }[];
  const fresh = items.filter((x) => x.existingId === null).map((x) => x.record);
  let done = 0;

  const byId = new Map(existing.map((x) => [x.existingId, x.record]));
  const states = await currentStates(tx, cityCode, [...byId.keys()], byId);
  const changed: { id: number; record: ProjectImportRecord; version: number; changes: Record<string, unknown> }[] = [];
  for (const { record, existingId } of existing) {
    const { version, ...before } = states.get(existingId)!;
    const changes = diffSnapshots(before, importedState(record));
    if (Object.keys(changes).length === 0) outcome.unchanged.push(existingId);
    else changed.push({ id: existingId, record, version, changes });
  }
  done += outcome.unchanged.length;
  if (done) await onProgress(done);
  for (let i = 0; i < changed.length; i += SET_SIZE) {
    const chunk = changed.slice(i, i + SET_SIZE);
    await updateProjects(
      tx,
      cityCode,
      ctx.now,
      chunk.map((c) => projectRow(c.id, c.record)),
    );
    await insertRevisions(
      tx,
      cityCode,
      ctx,
      chunk.map((c) => ({ project_id: c.id, version: c.version + 1, changes: c.changes })),
    );
    await writeChildren(tx, cityCode, chunk);
    outcome.updated.push(...chunk.map((c) => c.id));
    done += chunk.length;
    await onProgress(done);
  }

  // New projects: their ids drawn from the table's sequence at once, so every child row is known before writing.
  const ids = fresh.length
    ? (
        await sql<{
          id: number;
        }>`SELECT nextval(pg_get_serial_sequence('project', 'id')) AS id FROM generate_series(1, ${fresh.length}::integer)`.execute(tx)
      ).rows.map((r) => Number(r.id))
    : [];
  // A set's statements run in order (projects before the rows that refer to them), but the
  // next set is prepared while PostgreSQL writes this one: JavaScript and the database work at
  // the same time. Any failure fails the import (the transaction rolls back).
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < fresh.length; i += SET_SIZE) {
    const chunk = fresh.slice(i, i + SET_SIZE).map((record, j) => ({ id: ids[i + j]!, record }));
    outcome.created.push(...chunk.map((c) => c.id));
    done += chunk.length;
    const reached = done;
    const written = (async () => {
      await insertProjects(tx, cityCode, ctx, chunk);
      await onProgress(reached);
    })();
    written.catch(() => {}); // awaited below; this only keeps a later failure from going unhandled meanwhile
    inFlight.push(written);
    // At most two sets in flight: memory stays bounded.
    if (inFlight.length >= 2) await inFlight[inFlight.length - 2];
  }
  await Promise.all(inFlight);
  return outcome;
}
