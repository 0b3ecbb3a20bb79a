import { type Insertable, type Selectable, sql } from 'kysely';
import type { DataImportQuery, DataQuery, RegisterQuery, ResultQuery } from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import type {
  EvaluationAdjustmentTable,
  EvaluationMethodTable,
  EvaluationObjectionTable,
  EvaluationResultTable,
  EvaluationRunTable,
} from '../../db/schema.js';
import type { Scope } from '../../lib/context.js';
import { escapeLike, pageWithTotal, totalCount } from '../../lib/sql.js';

/**
 * The evaluation module's SQL. Reads join org's tables read-only for names and the unit path
 * that applies the jurisdiction (decision 0005).
 */

// ---------------------------------------------------------------- register

function registerIn(db: Executor, scope: Scope) {
  let query = db
    .selectFrom('evaluation_enterprise as r')
    .innerJoin('org_enterprise as e', (j) => j.onRef('e.city_code', '=', 'r.city_code').onRef('e.id', '=', 'r.enterprise_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'e.city_code').onRef('u.id', '=', 'e.unit_id'))
    .leftJoin('org_unit as p', (j) => j.onRef('p.city_code', '=', 'r.city_code').onRef('p.id', '=', 'r.park_id'))
    .where('r.city_code', '=', scope.cityCode);
  if (scope.kind === 'subtree') query = query.where('u.path', 'like', `${escapeLike(scope.path)}%`);
  if (scope.kind === 'enterprise') query = query.where('r.enterprise_id', '=', scope.enterpriseId);
  return query;
}

const registerColumns = [
  'r.enterprise_id',
  'e.uscc',
  'e.name',
  'e.unit_id',
  'u.name_zh as unit_name',
  'u.path as unit_path',
  'r.park_id',
  'p.name_zh as park_name',
  'r.industry_code',
  'r.scale',
  'r.land_owned_mu',
  'r.land_leased_mu',
  'r.production_start_year',
  'r.flags',
  'r.version',
  'r.updated_at',
  'e.is_active',
] as const;

export async function findRegister(db: Executor, scope: Scope, q: RegisterQuery) {
  let base = registerIn(db, scope);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    base = base.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.uscc', 'like', like.toUpperCase())]));
  }
  if (q.unitId) {
    const unit = await db
      .selectFrom('org_unit')
      .select('path')
      .where('city_code', '=', scope.cityCode)
      .where('id', '=', q.unitId)
      .executeTakeFirst();
    base = unit ? base.where('u.path', 'like', `${escapeLike(unit.path)}%`) : base.where(sql<boolean>`false`);
  }
  if (q.parkId) base = base.where('r.park_id', '=', q.parkId);
  if (q.industryCode) base = base.where('r.industry_code', '=', q.industryCode);
  if (q.scale) base = base.where('r.scale', '=', q.scale);
  if (q.flag) base = base.where(sql<boolean>`${q.flag} = ANY(r.flags)`);
  const rows = await base
    .select([...registerColumns, totalCount()])
    .orderBy('e.name')
    .orderBy('e.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

/** The whole register of a city (a run reads every entry). */
export async function wholeRegister(db: Executor, cityCode: string) {
  return await registerIn(db, { kind: 'city', cityCode }).select(registerColumns).orderBy('r.enterprise_id').execute();
}

export async function registerByEnterprise(db: Executor, cityCode: string, ids: readonly number[]) {
  if (!ids.length) return [];
  return await db
    .selectFrom('evaluation_enterprise')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('enterprise_id', 'in', ids)
    .execute();
}

// ---------------------------------------------------------------- data values

export async function findValues(db: Executor, scope: Scope, q: DataQuery) {
  let base = db
    .selectFrom('evaluation_value as v')
    .innerJoin('org_enterprise as e', (j) => j.onRef('e.city_code', '=', 'v.city_code').onRef('e.id', '=', 'v.enterprise_id'))
    .innerJoin('org_unit as s', (j) => j.onRef('s.city_code', '=', 'v.city_code').onRef('s.id', '=', 'v.source_unit_id'))
    .where('v.city_code', '=', scope.cityCode)
    .where('v.year', '=', q.year);
  // A department sees the values it gave (its own unit is the source), nobody else's.
  if (scope.kind === 'subtree') base = base.where('s.path', 'like', `${escapeLike(scope.path)}%`);
  if (scope.kind === 'enterprise') base = base.where(sql<boolean>`false`);
  if (q.field) base = base.where('v.field', '=', q.field);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    base = base.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.uscc', 'like', like.toUpperCase())]));
  }
  const rows = await base
    .select([
      'v.id',
      'v.enterprise_id',
      'e.uscc',
      'e.name as enterprise_name',
      'v.year',
      'v.field',
      'v.value',
      'v.source_unit_id',
      's.name_zh as source_unit_name',
      'v.filename',
      'v.import_job_id',
      'v.imported_at',
      totalCount(),
    ])
    .orderBy('e.name')
    .orderBy('v.field')
    .orderBy('v.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

/**
 * Uploads of evaluation data, newest first, with the uploader's unit (the source department)
 * and the values of each file still in force. `createdBy` limits them to one uploader.
 */
export async function findImports(db: Executor, cityCode: string, q: DataImportQuery, createdBy: number | null) {
  let base = db
    .selectFrom('import_job as j')
    .leftJoin('identity_user as u', 'u.id', 'j.created_by')
    .leftJoin('org_unit as s', (j) => j.onRef('s.city_code', '=', 'j.city_code').onRef('s.id', '=', 'u.scope_unit_id'))
    .where('j.city_code', '=', cityCode)
    .where('j.kind', '=', 'evaluation-data');
  if (createdBy !== null) base = base.where('j.created_by', '=', createdBy);
  if (q.year !== undefined)
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('evaluation_value as v')
          .select('v.id')
          .whereRef('v.city_code', '=', 'j.city_code')
          .whereRef('v.import_job_id', '=', 'j.id')
          .where('v.year', '=', q.year!),
      ),
    );
  const rows = await base
    .select([
      'j.id',
      'j.status',
      'j.filename',
      'j.total_rows',
      'j.created_count',
      'j.updated_count',
      'j.unchanged_count',
      sql<number>`coalesce(jsonb_array_length(j.errors), 0)::int`.as('error_count'),
      sql<boolean>`j.annotated_file_id IS NOT NULL`.as('has_annotated'),
      'j.created_at',
      'j.finished_at',
      'u.scope_unit_id',
      's.name_zh as source_unit_name',
      'u.display_name',
      sql<number>`(SELECT count(*)::int FROM evaluation_value v WHERE v.city_code = j.city_code AND v.import_job_id = j.id)`.as('values'),
      sql<number[]>`coalesce((
        SELECT array_agg(DISTINCT v.year ORDER BY v.year) FROM evaluation_value v
         WHERE v.city_code = j.city_code AND v.import_job_id = j.id), '{}')`.as('years'),
      totalCount(),
    ])
    .orderBy('j.created_at', 'desc')
    .orderBy('j.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

/** Values of a source for some enterprises and a year (for an import's comparison). */
export async function valuesOfSource(db: Executor, cityCode: string, year: number, sourceUnitId: number) {
  return await db
    .selectFrom('evaluation_value')
    .select(['id', 'enterprise_id', 'field', 'value'])
    .where('city_code', '=', cityCode)
    .where('year', '=', year)
    .where('source_unit_id', '=', sourceUnitId)
    .execute();
}

export interface ValueUpsert {
  year: number;
  enterprise_id: number;
  field: string;
  value: string;
}

/** Insert or replace values of one source, 1000 rows a statement. */
export async function upsertValues(
  db: Executor,
  cityCode: string,
  source: { unitId: number; jobId: number | null; filename: string | null; userId: number | null; at: Date },
  rows: readonly ValueUpsert[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('evaluation_value')
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          city_code: cityCode,
          year: r.year,
          enterprise_id: r.enterprise_id,
          field: r.field,
          value: r.value,
          source_unit_id: source.unitId,
          import_job_id: source.jobId,
          filename: source.filename,
          imported_by: source.userId,
          imported_at: source.at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['city_code', 'year', 'enterprise_id', 'field', 'source_unit_id']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          import_job_id: eb.ref('excluded.import_job_id'),
          filename: eb.ref('excluded.filename'),
          imported_by: eb.ref('excluded.imported_by'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .execute();
  }
}

/** Every value of a year (all sources) with the operator's choices, for a run and the conflict list. */
export async function valuesOfYear(db: Executor, cityCode: string, year: number) {
  return await db
    .selectFrom('evaluation_value as v')
    .innerJoin('org_unit as s', (j) => j.onRef('s.city_code', '=', 'v.city_code').onRef('s.id', '=', 'v.source_unit_id'))
    .leftJoin('evaluation_value_choice as c', (j) =>
      j
        .onRef('c.city_code', '=', 'v.city_code')
        .onRef('c.year', '=', 'v.year')
        .onRef('c.enterprise_id', '=', 'v.enterprise_id')
        .onRef('c.field', '=', 'v.field'),
    )
    .select([
      'v.enterprise_id',
      'v.field',
      'v.value',
      'v.source_unit_id',
      's.name_zh as source_unit_name',
      'v.imported_at',
      'c.source_unit_id as chosen_source_unit_id',
      'c.reason',
    ])
    .where('v.city_code', '=', cityCode)
    .where('v.year', '=', year)
    .orderBy('v.enterprise_id')
    .orderBy('v.field')
    .orderBy('v.source_unit_id')
    .execute();
}

export async function upsertChoice(
  db: Executor,
  row: {
    city_code: string;
    year: number;
    enterprise_id: number;
    field: string;
    source_unit_id: number;
    reason: string;
    resolved_by: number | null;
    resolved_at: Date;
  },
) {
  await db
    .insertInto('evaluation_value_choice')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['city_code', 'year', 'enterprise_id', 'field']).doUpdateSet({
        source_unit_id: row.source_unit_id,
        reason: row.reason,
        resolved_by: row.resolved_by,
        resolved_at: row.resolved_at,
      }),
    )
    .execute();
}

// ---------------------------------------------------------------- methods

export type MethodRow = Selectable<EvaluationMethodTable>;

export async function methods(db: Executor, cityCode: string): Promise<MethodRow[]> {
  return await db.selectFrom('evaluation_method').selectAll().where('city_code', '=', cityCode).orderBy('id').execute();
}

export async function getMethod(db: Executor, cityCode: string, id: number): Promise<MethodRow | undefined> {
  return await db.selectFrom('evaluation_method').selectAll().where('city_code', '=', cityCode).where('id', '=', id).executeTakeFirst();
}

export async function insertMethod(db: Executor, values: Insertable<EvaluationMethodTable>): Promise<number> {
  return (await db.insertInto('evaluation_method').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMethodVersioned(
  db: Executor,
  cityCode: string,
  id: number,
  version: number,
  values: { name: string; description: string | null; config: string; updated_at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('evaluation_method')
    .set({ ...values, version: sql`version + 1` })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('is_frozen', '=', false)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function freezeMethod(db: Executor, cityCode: string, id: number): Promise<void> {
  await db.updateTable('evaluation_method').set({ is_frozen: true }).where('city_code', '=', cityCode).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- adjustments

export type AdjustmentRow = Selectable<EvaluationAdjustmentTable> & { enterprise_name: string };

export async function adjustmentsOfYear(db: Executor, cityCode: string, year: number): Promise<AdjustmentRow[]> {
  return await db
    .selectFrom('evaluation_adjustment as a')
    .innerJoin('org_enterprise as e', (j) => j.onRef('e.city_code', '=', 'a.city_code').onRef('e.id', '=', 'a.enterprise_id'))
    .selectAll('a')
    .select('e.name as enterprise_name')
    .where('a.city_code', '=', cityCode)
    .where('a.year', '=', year)
    .orderBy('a.id')
    .execute();
}

export async function insertAdjustment(db: Executor, values: Insertable<EvaluationAdjustmentTable>): Promise<number> {
  return (await db.insertInto('evaluation_adjustment').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteAdjustment(db: Executor, cityCode: string, id: number) {
  return await db
    .deleteFrom('evaluation_adjustment')
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

// ---------------------------------------------------------------- runs and results

export type RunRow = Selectable<EvaluationRunTable>;

export async function getRun(db: Executor, cityCode: string, id: number): Promise<RunRow | undefined> {
  return await db.selectFrom('evaluation_run').selectAll().where('city_code', '=', cityCode).where('id', '=', id).executeTakeFirst();
}

export async function runs(db: Executor, cityCode: string, year: number | undefined, publishedOnly: boolean): Promise<RunRow[]> {
  let query = db.selectFrom('evaluation_run').selectAll().where('city_code', '=', cityCode);
  if (year !== undefined) query = query.where('year', '=', year);
  if (publishedOnly) query = query.where('published_at', 'is not', null);
  return await query.orderBy('year', 'desc').orderBy('run_no', 'desc').execute();
}

/** The run that stands for a year: the latest one that is not superseded (published or final only, unless drafts count). */
export async function currentRunOfYear(db: Executor, cityCode: string, year: number, includeDrafts: boolean): Promise<RunRow | undefined> {
  let query = db
    .selectFrom('evaluation_run')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('year', '=', year)
    .where('status', '!=', 'superseded');
  if (!includeDrafts) query = query.where('status', 'in', ['published', 'final']);
  return await query.orderBy('run_no', 'desc').limit(1).executeTakeFirst();
}

export async function lastRunNo(db: Executor, cityCode: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('evaluation_run')
    .select(sql<number>`coalesce(max(run_no), 0)::int`.as('n'))
    .where('city_code', '=', cityCode)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertRun(db: Executor, values: Insertable<EvaluationRunTable>): Promise<number> {
  return (await db.insertInto('evaluation_run').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setRunStatus(
  db: Executor,
  cityCode: string,
  id: number,
  from: string[],
  values: { status: string; objection_deadline?: string; published_at?: Date; finalized_at?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('evaluation_run')
    .set(values)
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function supersedeRunsOfYear(db: Executor, cityCode: string, year: number): Promise<number[]> {
  const rows = await db
    .updateTable('evaluation_run')
    .set({ status: 'superseded' })
    .where('city_code', '=', cityCode)
    .where('year', '=', year)
    .where('status', 'in', ['draft', 'published'])
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertResults(db: Executor, rows: readonly Insertable<EvaluationResultTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('evaluation_result')
      .values(rows.slice(i, i + 1000))
      .execute();
}

function resultsIn(db: Executor, scope: Scope, runId: number) {
  let query = db
    .selectFrom('evaluation_result as r')
    .innerJoin('org_enterprise as e', (j) => j.onRef('e.city_code', '=', 'r.city_code').onRef('e.id', '=', 'r.enterprise_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'r.city_code').onRef('u.id', '=', 'r.unit_id'))
    .leftJoin('org_unit as c', (j) => j.onRef('c.city_code', '=', 'r.city_code').onRef('c.id', '=', 'r.county_id'))
    .leftJoin('org_unit as p', (j) => j.onRef('p.city_code', '=', 'r.city_code').onRef('p.id', '=', 'r.park_id'))
    .where('r.city_code', '=', scope.cityCode)
    .where('r.run_id', '=', runId);
  if (scope.kind === 'subtree') query = query.where('u.path', 'like', `${escapeLike(scope.path)}%`);
  if (scope.kind === 'enterprise') query = query.where('r.enterprise_id', '=', scope.enterpriseId);
  return query;
}

const resultColumns = [
  'r.enterprise_id',
  'e.uscc',
  'e.name',
  'r.unit_id',
  'u.name_zh as unit_name',
  'r.county_id',
  'c.name_zh as county_name',
  'r.park_id',
  'p.name_zh as park_name',
  'r.industry_code',
  'r.scale',
  'r.land_mu',
  'r.group_key',
  'r.status',
  'r.reasons',
  'r.score',
  'r.rank',
  'r.rank_of',
  'r.class',
  'r.has_missing',
] as const;

export type ResultRow = Pick<
  Selectable<EvaluationResultTable>,
  | 'enterprise_id'
  | 'unit_id'
  | 'county_id'
  | 'park_id'
  | 'industry_code'
  | 'scale'
  | 'land_mu'
  | 'group_key'
  | 'status'
  | 'reasons'
  | 'score'
  | 'rank'
  | 'rank_of'
  | 'class'
  | 'has_missing'
> & { uscc: string; name: string; unit_name: string; county_name: string | null; park_name: string | null };

export async function findResults(db: Executor, scope: Scope, runId: number, q: ResultQuery, unitPath: string | undefined) {
  let base = resultsIn(db, scope, runId);
  if (q.group) base = base.where('r.group_key', '=', q.group);
  if (q.class) base = base.where('r.class', '=', q.class);
  if (q.status) base = base.where('r.status', '=', q.status);
  if (q.hasMissingData !== undefined) base = base.where('r.has_missing', '=', q.hasMissingData);
  if (unitPath) base = base.where('u.path', 'like', `${escapeLike(unitPath)}%`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    base = base.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.uscc', 'like', like.toUpperCase())]));
  }
  const rows = await base
    .select([...resultColumns, totalCount()])
    .orderBy('r.group_key')
    .orderBy(sql`r.score DESC NULLS LAST`)
    .orderBy('r.enterprise_id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

/** Every result of a run in the scope (analyses, policy lists). */
export async function allResults(db: Executor, scope: Scope, runId: number): Promise<ResultRow[]> {
  return await resultsIn(db, scope, runId).select(resultColumns).orderBy('r.group_key').orderBy(sql`r.score DESC NULLS LAST`).execute();
}

export async function getResult(db: Executor, scope: Scope, runId: number, enterpriseId: number) {
  return await resultsIn(db, scope, runId)
    .select([...resultColumns, 'r.detail'])
    .where('r.enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
}

export async function classesOfRun(db: Executor, cityCode: string, runId: number) {
  return await db
    .selectFrom('evaluation_result')
    .select(['enterprise_id', 'class'])
    .where('city_code', '=', cityCode)
    .where('run_id', '=', runId)
    .execute();
}

// ---------------------------------------------------------------- objections

export type ObjectionRow = Selectable<EvaluationObjectionTable> & { enterprise_name: string; year: number };

function objectionsIn(db: Executor, scope: Scope) {
  let query = db
    .selectFrom('evaluation_objection as o')
    .innerJoin('evaluation_run as run', (j) => j.onRef('run.city_code', '=', 'o.city_code').onRef('run.id', '=', 'o.run_id'))
    .innerJoin('org_enterprise as e', (j) => j.onRef('e.city_code', '=', 'o.city_code').onRef('e.id', '=', 'o.enterprise_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'e.city_code').onRef('u.id', '=', 'e.unit_id'))
    .where('o.city_code', '=', scope.cityCode);
  if (scope.kind === 'subtree') query = query.where('u.path', 'like', `${escapeLike(scope.path)}%`);
  if (scope.kind === 'enterprise') query = query.where('o.enterprise_id', '=', scope.enterpriseId);
  return query;
}

export async function findObjections(
  db: Executor,
  scope: Scope,
  q: { runId?: number | undefined; status?: string | undefined },
): Promise<ObjectionRow[]> {
  let query = objectionsIn(db, scope).selectAll('o').select(['e.name as enterprise_name', 'run.year']);
  if (q.runId) query = query.where('o.run_id', '=', q.runId);
  if (q.status) query = query.where('o.status', '=', q.status);
  return await query.orderBy('o.id', 'desc').limit(1000).execute();
}

export async function getObjection(db: Executor, scope: Scope, id: number): Promise<ObjectionRow | undefined> {
  return await objectionsIn(db, scope)
    .selectAll('o')
    .select(['e.name as enterprise_name', 'run.year'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export async function insertObjection(db: Executor, values: Insertable<EvaluationObjectionTable>): Promise<number> {
  return (await db.insertInto('evaluation_objection').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function resolveObjection(
  db: Executor,
  cityCode: string,
  id: number,
  values: { status: string; resolution: string; resolved_by: number | null; resolved_at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('evaluation_objection')
    .set(values)
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function objectionCounts(db: Executor, cityCode: string, runId: number) {
  const rows = await db
    .selectFrom('evaluation_objection')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('city_code', '=', cityCode)
    .where('run_id', '=', runId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}
