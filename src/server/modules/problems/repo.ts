import { type Insertable, type Updateable, sql } from 'kysely';
import type { EscalationLevel, ProblemKind, ProblemListQuery } from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import type { ProblemEscalationTable, ProblemEventTable, ProblemTable } from '../../db/schema.js';
import type { Scope } from '../../lib/context.js';
import { escapeLike, pageWithTotal, totalCount } from '../../lib/sql.js';

/**
 * Problem-list items and appeals (one table). Read-only joins (decision 0005): org_unit for
 * names and the jurisdiction's paths, project and org_enterprise for names, the project's
 * liaison leader (who a leader-level escalation goes to).
 */
const OPEN = ['raised', 'assigned', 'in_progress'] as const;

/** Rows the scope reaches. Subtree: the item's unit, its lead unit or a cooperating unit lies in the subtree. */
function itemsIn(db: Executor, scope: Scope, kind: ProblemKind) {
  let query = db
    .selectFrom('problem as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'p.city_code').onRef('u.id', '=', 'p.unit_id'))
    .leftJoin('org_unit as lu', (j) => j.onRef('lu.city_code', '=', 'p.city_code').onRef('lu.id', '=', 'p.lead_unit_id'))
    .leftJoin('project as pr', (j) => j.onRef('pr.city_code', '=', 'p.city_code').onRef('pr.id', '=', 'p.project_id'))
    .leftJoin('org_enterprise as e', (j) => j.onRef('e.city_code', '=', 'p.city_code').onRef('e.id', '=', 'p.enterprise_id'))
    .where('p.city_code', '=', scope.cityCode)
    .where('p.kind', '=', kind);
  if (scope.kind === 'subtree') {
    const like = `${escapeLike(scope.path)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('u.path', 'like', like),
        eb('lu.path', 'like', like),
        eb.exists(
          eb
            .selectFrom('problem_cooperating_unit as c')
            .innerJoin('org_unit as cu', (j) => j.onRef('cu.city_code', '=', 'c.city_code').onRef('cu.id', '=', 'c.unit_id'))
            .select(sql`1`.as('one'))
            .whereRef('c.city_code', '=', 'p.city_code')
            .whereRef('c.problem_id', '=', 'p.id')
            .where('cu.path', 'like', like),
        ),
      ]),
    );
  }
  if (scope.kind === 'enterprise') query = query.where('p.enterprise_id', '=', scope.enterpriseId);
  return query;
}

const SUMMARY_COLUMNS = [
  'p.id',
  'p.kind',
  'p.source',
  'p.status',
  'p.category',
  'p.title',
  'p.project_id',
  'pr.name as project_name',
  'p.unit_id',
  'u.name_zh as unit_name',
  'p.enterprise_id',
  'e.name as enterprise_name',
  'p.lead_unit_id',
  'lu.name_zh as lead_unit_name',
  'p.raised_on',
  'p.deadline',
  'p.escalation_level',
  'p.rating',
  'p.updated_at',
] as const;

const LEVELS_FROM: Record<EscalationLevel, EscalationLevel[]> = {
  unit: ['unit', 'department', 'leader'],
  department: ['department', 'leader'],
  leader: ['leader'],
};

type ItemFilter = Omit<ProblemListQuery, 'page' | 'pageSize'>;

/** The items of the scope a list's filters select (for a page, or the whole list for an export). */
function filteredItems(db: Executor, scope: Scope, kind: ProblemKind, q: ItemFilter, filters: { asOf: string; unitPath?: string }) {
  let base = itemsIn(db, scope, kind);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    base = base.where((eb) => eb.or([eb('p.title', 'ilike', like), eb('p.description', 'ilike', like), eb('pr.name', 'ilike', like)]));
  }
  if (q.status) base = base.where('p.status', '=', q.status);
  if (q.state === 'open') base = base.where('p.status', 'in', OPEN);
  if (q.state === 'overdue') base = base.where('p.status', 'in', OPEN).where('p.deadline', '<', filters.asOf);
  if (q.state === 'closed') base = base.where('p.status', '=', 'confirmed');
  if (q.category) base = base.where('p.category', '=', q.category);
  if (q.projectId) base = base.where('p.project_id', '=', q.projectId);
  if (filters.unitPath) base = base.where('u.path', 'like', `${escapeLike(filters.unitPath)}%`);
  if (q.leadUnitId) base = base.where('p.lead_unit_id', '=', q.leadUnitId);
  if (q.escalatedTo) base = base.where('p.escalation_level', 'in', LEVELS_FROM[q.escalatedTo]);
  if (q.rating) base = base.where('p.rating', '=', q.rating);
  if (q.source) base = base.where('p.source', '=', q.source);
  if (q.raisedFrom) base = base.where('p.raised_on', '>=', q.raisedFrom);
  if (q.raisedTo) base = base.where('p.raised_on', '<=', q.raisedTo);
  return base;
}

const ITEM_ORDER = {
  deadline: ['p.deadline', 'asc'],
  '-raisedOn': ['p.raised_on', 'desc'],
  raisedOn: ['p.raised_on', 'asc'],
  '-updatedAt': ['p.updated_at', 'desc'],
} as const;

export async function findItems(
  db: Executor,
  scope: Scope,
  kind: ProblemKind,
  q: ProblemListQuery,
  filters: { asOf: string; unitPath?: string },
) {
  const base = filteredItems(db, scope, kind, q, filters);
  const [column, direction] = ITEM_ORDER[q.sort];
  const rows = await base
    .select([...SUMMARY_COLUMNS, totalCount()])
    .orderBy(column, (ob) => (direction === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast()))
    .orderBy('p.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

/** Every item a list's filters select, in the list's order, with the fields of the three lists (exports). */
export async function itemsForExport(
  db: Executor,
  scope: Scope,
  kind: ProblemKind,
  q: ItemFilter,
  filters: { asOf: string; unitPath?: string },
  limit: number,
) {
  const [column, direction] = ITEM_ORDER[q.sort];
  return await filteredItems(db, scope, kind, q, filters)
    .select([...SUMMARY_COLUMNS, 'p.description', 'p.lead_person', 'p.resolved_on', 'p.closed_on'])
    .orderBy(column, (ob) => (direction === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast()))
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

/** Measures and cooperating units of many items at once, by item id. */
export async function listsOf(db: Executor, cityCode: string, ids: readonly number[]) {
  const measures = new Map<number, { text: string; is_done: boolean }[]>();
  const cooperating = new Map<number, string[]>();
  if (!ids.length) return { measures, cooperating };
  const [m, c] = await Promise.all([
    db
      .selectFrom('problem_measure')
      .select(['problem_id', 'text', 'is_done'])
      .where('city_code', '=', cityCode)
      .where('problem_id', 'in', ids)
      .orderBy('problem_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('problem_cooperating_unit as c')
      .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'c.city_code').onRef('u.id', '=', 'c.unit_id'))
      .select(['c.problem_id', 'u.name_zh'])
      .where('c.city_code', '=', cityCode)
      .where('c.problem_id', 'in', ids)
      .orderBy('c.problem_id')
      .orderBy('u.path')
      .execute(),
  ]);
  for (const row of m) measures.set(row.problem_id, [...(measures.get(row.problem_id) ?? []), { text: row.text, is_done: row.is_done }]);
  for (const row of c) cooperating.set(row.problem_id, [...(cooperating.get(row.problem_id) ?? []), row.name_zh]);
  return { measures, cooperating };
}

export type ItemSummaryRow = Awaited<ReturnType<typeof findItems>>['rows'][number];

export async function getItem(db: Executor, scope: Scope, kind: ProblemKind, id: number, options: { forUpdate?: boolean } = {}) {
  let query = itemsIn(db, scope, kind)
    .leftJoin('org_unit as ru', (j) => j.onRef('ru.city_code', '=', 'p.city_code').onRef('ru.id', '=', 'p.raised_by_unit_id'))
    .select([
      ...SUMMARY_COLUMNS,
      'p.description',
      'p.raised_by',
      'p.raised_by_name',
      'p.raised_by_unit_id',
      'ru.name_zh as raised_by_unit_name',
      'p.lead_person',
      'lu.path as lead_unit_path',
      'p.is_complex',
      'p.accept_due',
      'p.reply_due',
      'p.accepted_on',
      'p.replied_on',
      'p.resolved_on',
      'p.closed_on',
      'p.reopen_count',
      'p.rating_comment',
      'p.version',
      'p.created_at',
    ])
    .where('p.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('p');
  return await query.executeTakeFirst();
}

export type ItemRow = NonNullable<Awaited<ReturnType<typeof getItem>>>;

export async function itemChildren(db: Executor, cityCode: string, id: number) {
  const [cooperating, measures, events, files, escalations] = await Promise.all([
    db
      .selectFrom('problem_cooperating_unit as c')
      .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'c.city_code').onRef('u.id', '=', 'c.unit_id'))
      .select(['c.unit_id', 'u.name_zh'])
      .where('c.city_code', '=', cityCode)
      .where('c.problem_id', '=', id)
      .orderBy('u.path')
      .execute(),
    db
      .selectFrom('problem_measure')
      .select(['position', 'text', 'is_done'])
      .where('city_code', '=', cityCode)
      .where('problem_id', '=', id)
      .orderBy('position')
      .execute(),
    db.selectFrom('problem_event').selectAll().where('city_code', '=', cityCode).where('problem_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('problem_file as pf')
      .innerJoin('file_blob as f', (j) => j.onRef('f.city_code', '=', 'pf.city_code').onRef('f.id', '=', 'pf.file_id'))
      .select(['pf.file_id', 'pf.kind', 'pf.added_at', 'f.filename', 'f.content_type', 'f.size_bytes'])
      .where('pf.city_code', '=', cityCode)
      .where('pf.problem_id', '=', id)
      .orderBy('pf.added_at')
      .orderBy('pf.file_id')
      .execute(),
    db
      .selectFrom('problem_escalation')
      .select(['id', 'level', 'due_on', 'escalated_on', 'overdue_days', 'notice_no', 'addressed_to'])
      .where('city_code', '=', cityCode)
      .where('problem_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return { cooperating, measures, events, files, escalations };
}

export async function insertItem(db: Executor, row: Insertable<ProblemTable>): Promise<number> {
  return (await db.insertInto('problem').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Update an item if it still has `version`; the version goes up by one. */
export async function updateItemVersioned(
  db: Executor,
  cityCode: string,
  id: number,
  version: number,
  patch: Updateable<ProblemTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('problem')
    .set({ ...patch, version: sql`version + 1` })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A change by the system (escalation): no version step, so a user's edit in flight still applies. */
export async function updateItemQuietly(db: Executor, cityCode: string, id: number, patch: Updateable<ProblemTable>): Promise<void> {
  await db.updateTable('problem').set(patch).where('city_code', '=', cityCode).where('id', '=', id).execute();
}

export async function replaceMeasures(db: Executor, cityCode: string, id: number, measures: { text: string; isDone: boolean }[]) {
  await db.deleteFrom('problem_measure').where('city_code', '=', cityCode).where('problem_id', '=', id).execute();
  if (measures.length) {
    await db
      .insertInto('problem_measure')
      .values(measures.map((m, position) => ({ city_code: cityCode, problem_id: id, position, text: m.text, is_done: m.isDone })))
      .execute();
  }
}

export async function replaceCooperating(db: Executor, cityCode: string, id: number, unitIds: number[]) {
  await db.deleteFrom('problem_cooperating_unit').where('city_code', '=', cityCode).where('problem_id', '=', id).execute();
  if (unitIds.length) {
    await db
      .insertInto('problem_cooperating_unit')
      .values(unitIds.map((unitId) => ({ city_code: cityCode, problem_id: id, unit_id: unitId })))
      .execute();
  }
}

export async function insertEvent(db: Executor, row: Insertable<ProblemEventTable>): Promise<void> {
  await db.insertInto('problem_event').values(row).execute();
}

export async function insertFileLink(
  db: Executor,
  row: { city_code: string; problem_id: number; file_id: number; kind: string; added_by: number | null; added_at: Date },
) {
  await db.insertInto('problem_file').values(row).execute();
}

export async function countFiles(db: Executor, cityCode: string, id: number): Promise<number> {
  const row = await db
    .selectFrom('problem_file')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('city_code', '=', cityCode)
    .where('problem_id', '=', id)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function hasFile(db: Executor, cityCode: string, id: number, fileId: number): Promise<boolean> {
  const row = await db
    .selectFrom('problem_file')
    .select('file_id')
    .where('city_code', '=', cityCode)
    .where('problem_id', '=', id)
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  return !!row;
}

export async function getEscalation(db: Executor, cityCode: string, problemId: number, id: number) {
  return await db
    .selectFrom('problem_escalation')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('problem_id', '=', problemId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertEscalation(db: Executor, row: Insertable<ProblemEscalationTable>): Promise<number> {
  return (await db.insertInto('problem_escalation').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The next notice number of a city and year ('督办〔2026〕3号'), under the city's lock (the caller holds it). */
export async function nextNoticeSeq(db: Executor, cityCode: string, prefix: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('problem_escalation')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('city_code', '=', cityCode)
    .where('notice_no', 'like', `${escapeLike(prefix)}〔${year}〕%`)
    .executeTakeFirstOrThrow();
  return row.n + 1;
}

/** Any constant: the first key of the (key, city) advisory lock that serialises notice numbering. */
const NOTICE_LOCK_KEY = 430_021;

/** Serialise notice numbering of a city (transaction-scoped advisory lock). */
export async function lockNoticeNumbers(db: Executor, cityCode: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${NOTICE_LOCK_KEY}::int, ${Number(cityCode)}::int)`.execute(db);
}

/** The unit an enterprise belongs to (an appeal's unit). */
export async function enterpriseUnit(db: Executor, cityCode: string, enterpriseId: number) {
  return await db
    .selectFrom('org_enterprise')
    .select(['id', 'name', 'unit_id'])
    .where('city_code', '=', cityCode)
    .where('id', '=', enterpriseId)
    .where('is_active', '=', true)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- scheduler reads

/** Cities with open items that have a deadline. */
export async function citiesWithOpenItems(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('problem')
    .select('city_code')
    .distinct()
    .where('status', 'in', OPEN)
    .where('deadline', 'is not', null)
    .execute();
  return rows.map((r) => r.city_code);
}

/** Open items with a deadline up to `until`, with what escalation and reminders need. */
export async function openItemsDueBy(db: Executor, cityCode: string, until: string) {
  return await db
    .selectFrom('problem as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'p.city_code').onRef('u.id', '=', 'p.unit_id'))
    .leftJoin('org_unit as lu', (j) => j.onRef('lu.city_code', '=', 'p.city_code').onRef('lu.id', '=', 'p.lead_unit_id'))
    .leftJoin('project as pr', (j) => j.onRef('pr.city_code', '=', 'p.city_code').onRef('pr.id', '=', 'p.project_id'))
    .select([
      'p.id',
      'p.kind',
      'p.status',
      'p.title',
      'p.category',
      'p.description',
      'p.raised_on',
      'p.deadline',
      'p.escalation_level',
      'p.lead_unit_id',
      'p.lead_person',
      'lu.name_zh as lead_unit_name',
      'u.name_zh as unit_name',
      'pr.name as project_name',
      'pr.liaison_leader_user_id',
    ])
    .where('p.city_code', '=', cityCode)
    .where('p.status', 'in', OPEN)
    .where('p.deadline', '<=', until)
    .orderBy('p.deadline')
    .orderBy('p.id')
    .execute();
}

/** Open items per lead unit path, for the digest: counts of open, overdue and due soon. */
export async function openItemsWithLead(db: Executor, cityCode: string) {
  return await db
    .selectFrom('problem as p')
    .leftJoin('org_unit as lu', (j) => j.onRef('lu.city_code', '=', 'p.city_code').onRef('lu.id', '=', 'p.lead_unit_id'))
    .select(['p.id', 'p.status', 'p.deadline', 'lu.path as lead_path'])
    .where('p.city_code', '=', cityCode)
    .where('p.status', 'in', OPEN)
    .execute();
}

/** Active users a digest goes to, with their scope path. */
export async function digestUsers(db: Executor, cityCode: string) {
  return await db
    .selectFrom('identity_user as iu')
    .leftJoin('org_unit as su', (j) => j.onRef('su.city_code', '=', 'iu.city_code').onRef('su.id', '=', 'iu.scope_unit_id'))
    .select(['iu.id', 'iu.role', 'su.path as scope_path'])
    .where('iu.city_code', '=', cityCode)
    .where('iu.is_active', '=', true)
    .where('iu.role', 'in', ['city_operator', 'reporting_unit', 'department'])
    .execute();
}

export async function allCities(db: Executor): Promise<string[]> {
  return (await db.selectFrom('city').select('code').execute()).map((r) => r.code);
}

/** Overdue open items per project (the project's light turns red). */
export async function overdueByProject(db: Executor, cityCode: string, asOf: string) {
  return await db
    .selectFrom('problem')
    .select(['project_id', sql<number>`count(*)::int`.as('n')])
    .where('city_code', '=', cityCode)
    .where('project_id', 'is not', null)
    .where('status', 'in', OPEN)
    .where('deadline', '<', asOf)
    .groupBy('project_id')
    .execute();
}

/** Overdue open problems of the city (the dispatch agenda). */
export async function overdueItems(db: Executor, cityCode: string, asOf: string) {
  return await db
    .selectFrom('problem as p')
    .leftJoin('org_unit as lu', (j) => j.onRef('lu.city_code', '=', 'p.city_code').onRef('lu.id', '=', 'p.lead_unit_id'))
    .select(['p.id', 'p.kind', 'p.title', 'p.project_id', 'p.deadline', 'p.status', 'lu.name_zh as lead_unit_name'])
    .where('p.city_code', '=', cityCode)
    .where('p.status', 'in', OPEN)
    .where('p.deadline', '<', asOf)
    .orderBy('p.deadline')
    .orderBy('p.id')
    .execute();
}

/** Status, title, owner and deadline of items by id (the dispatch module shows its tasks). */
export async function itemBriefs(db: Executor, cityCode: string, ids: number[]) {
  if (!ids.length) return [];
  return await db
    .selectFrom('problem as p')
    .leftJoin('org_unit as lu', (j) => j.onRef('lu.city_code', '=', 'p.city_code').onRef('lu.id', '=', 'p.lead_unit_id'))
    .select([
      'p.id',
      'p.title',
      'p.status',
      'p.project_id',
      'p.lead_unit_id',
      'lu.name_zh as lead_unit_name',
      'p.lead_person',
      'p.deadline',
    ])
    .where('p.city_code', '=', cityCode)
    .where('p.id', 'in', ids)
    .execute();
}

// ---------------------------------------------------------------- metrics

export interface MetricsSqlRow {
  group_id: number | null;
  is_total: boolean;
  total: number;
  open: number;
  overdue: number;
  closed: number;
  median_days: number | null;
}

/**
 * Per group (the top unit under the city an item belongs to, or its lead unit) and in total:
 * open, overdue, closed, median calendar days from raised to confirmed.
 */
export async function metricsSql(
  db: Executor,
  scope: Scope,
  kind: ProblemKind,
  input: { by: 'unit' | 'lead'; rootPath: string; asOf: string; raisedFrom?: string; raisedTo?: string },
): Promise<MetricsSqlRow[]> {
  const group =
    input.by === 'lead'
      ? sql<number | null>`p.lead_unit_id`
      : sql<number | null>`CASE WHEN u.path = ${input.rootPath} THEN u.id
          ELSE split_part(substr(u.path, ${input.rootPath.length + 1}), '/', 1)::bigint END`;
  let items = itemsIn(db, scope, kind)
    .select([group.as('grp'), 'p.status', 'p.deadline', 'p.raised_on', 'p.closed_on'])
    .where('p.raised_on', '<=', input.asOf);
  if (input.raisedFrom) items = items.where('p.raised_on', '>=', input.raisedFrom);
  if (input.raisedTo) items = items.where('p.raised_on', '<=', input.raisedTo);
  const rows = await db
    .selectFrom(items.as('s'))
    .select([
      's.grp as group_id',
      sql<boolean>`grouping(s.grp) = 1`.as('is_total'),
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE s.status IN ('raised','assigned','in_progress'))::int`.as('open'),
      sql<number>`count(*) FILTER (WHERE s.status IN ('raised','assigned','in_progress') AND s.deadline < ${input.asOf}::date)::int`.as(
        'overdue',
      ),
      sql<number>`count(*) FILTER (WHERE s.status = 'confirmed')::int`.as('closed'),
      sql<
        number | null
      >`(percentile_cont(0.5) WITHIN GROUP (ORDER BY (s.closed_on - s.raised_on)) FILTER (WHERE s.status = 'confirmed'))::float8`.as(
        'median_days',
      ),
    ])
    .groupBy(sql`GROUPING SETS ((s.grp), ())`)
    .execute();
  return rows.map((r) => ({ ...r, group_id: r.group_id === null ? null : Number(r.group_id) }));
}

export interface AppealMetricsSqlRow {
  group_id: number | null;
  is_total: boolean;
  total: number;
  rated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  accept_count: number;
  accept_on_time: number;
  reply_count: number;
  reply_on_time: number;
  resolve_count: number;
  resolve_on_time: number;
}

/**
 * Satisfaction and timeliness of appeals per lead unit (the department that handled them).
 * A stage counts once it was completed, or once its limit has passed without it (late).
 */
export async function appealMetricsSql(
  db: Executor,
  scope: Scope,
  input: { asOf: string; raisedFrom?: string; raisedTo?: string },
): Promise<AppealMetricsSqlRow[]> {
  let items = itemsIn(db, scope, 'appeal')
    .select([
      'p.lead_unit_id as grp',
      'p.rating',
      'p.accepted_on',
      'p.accept_due',
      'p.replied_on',
      'p.reply_due',
      'p.resolved_on',
      'p.deadline',
    ])
    .where('p.lead_unit_id', 'is not', null)
    .where('p.raised_on', '<=', input.asOf);
  if (input.raisedFrom) items = items.where('p.raised_on', '>=', input.raisedFrom);
  if (input.raisedTo) items = items.where('p.raised_on', '<=', input.raisedTo);
  const asOf = input.asOf;
  const rows = await db
    .selectFrom(items.as('s'))
    .select([
      's.grp as group_id',
      sql<boolean>`grouping(s.grp) = 1`.as('is_total'),
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(s.rating)::int`.as('rated'),
      sql<number>`count(*) FILTER (WHERE s.rating = 'satisfied')::int`.as('satisfied'),
      sql<number>`count(*) FILTER (WHERE s.rating = 'basic')::int`.as('basic'),
      sql<number>`count(*) FILTER (WHERE s.rating = 'unsatisfied')::int`.as('unsatisfied'),
      sql<number>`count(*) FILTER (WHERE s.accepted_on IS NOT NULL OR s.accept_due < ${asOf}::date)::int`.as('accept_count'),
      sql<number>`count(*) FILTER (WHERE s.accepted_on <= s.accept_due)::int`.as('accept_on_time'),
      sql<number>`count(*) FILTER (WHERE s.replied_on IS NOT NULL OR s.reply_due < ${asOf}::date)::int`.as('reply_count'),
      sql<number>`count(*) FILTER (WHERE s.replied_on <= s.reply_due)::int`.as('reply_on_time'),
      sql<number>`count(*) FILTER (WHERE s.resolved_on IS NOT NULL OR s.deadline < ${asOf}::date)::int`.as('resolve_count'),
      sql<number>`count(*) FILTER (WHERE s.resolved_on <= s.deadline)::int`.as('resolve_on_time'),
    ])
    .groupBy(sql`GROUPING SETS ((s.grp), ())`)
    .execute();
  return rows.map((r) => ({ ...r, group_id: r.group_id === null ? null : Number(r.group_id) }));
}

// ---------------------------------------------------------------- settings and calendar

export async function getSettings(db: Executor, cityCode: string) {
  return await db.selectFrom('problem_setting').selectAll().where('city_code', '=', cityCode).executeTakeFirst();
}

export async function upsertSettings(db: Executor, cityCode: string, settings: unknown, version: number, at: Date): Promise<boolean> {
  if (version === 0) {
    const inserted = await db
      .insertInto('problem_setting')
      .values({ city_code: cityCode, settings: JSON.stringify(settings), updated_at: at })
      .onConflict((oc) => oc.column('city_code').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const updated = await db
    .updateTable('problem_setting')
    .set((eb) => ({ settings: JSON.stringify(settings), updated_at: at, version: eb('version', '+', 1) }))
    .where('city_code', '=', cityCode)
    .where('version', '=', version)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export async function calendarYears(db: Executor, cityCode: string) {
  return await db.selectFrom('problem_calendar_year').select(['year', 'data']).where('city_code', '=', cityCode).execute();
}

export async function upsertCalendarYear(db: Executor, cityCode: string, year: number, data: unknown, userId: number | null, at: Date) {
  await db
    .insertInto('problem_calendar_year')
    .values({ city_code: cityCode, year, data: JSON.stringify(data), updated_by: userId, updated_at: at })
    .onConflict((oc) => oc.columns(['city_code', 'year']).doUpdateSet({ data: JSON.stringify(data), updated_by: userId, updated_at: at }))
    .execute();
}
