import { type Insertable, type Updateable, sql } from 'kysely';
import { ACTIVE_DEAL_STAGES, type DealListQuery, type FunnelStage } from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import type { DealTable } from '../../db/schema.js';
import type { Scope } from '../../lib/context.js';
import { escapeLike, pageWithTotal, totalCount } from '../../lib/sql.js';

/** 1 = signed … 5 = in production, as in domain/stages.ts (plus one, SQL arrays count from 1). */
const STAGE_ARRAY = sql.raw(`ARRAY[${ACTIVE_DEAL_STAGES.map((s) => `'${s}'`).join(',')}]`);
const ACTIVE_LIST = sql.raw(ACTIVE_DEAL_STAGES.map((s) => `'${s}'`).join(','));

export function funnelRank(stage: FunnelStage): number {
  return ACTIVE_DEAL_STAGES.indexOf(stage) + 1;
}

/** The rank of the stage a deal had reached on `asOf` (the latest active stage event up to then; signed when none). */
function reachedRankSql(asOf: string) {
  return sql<number>`coalesce((
    SELECT array_position(${STAGE_ARRAY}, e.to_stage)
    FROM deal_stage_event e
    WHERE e.city_code = d.city_code AND e.deal_id = d.id AND e.occurred_on <= ${asOf}::date AND e.to_stage IN (${ACTIVE_LIST})
    ORDER BY e.occurred_on DESC, e.id DESC
    LIMIT 1), 1)`;
}

function dealsIn(db: Executor, scope: Scope) {
  let query = db
    .selectFrom('deal as d')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'd.city_code').onRef('u.id', '=', 'd.unit_id'))
    .where('d.city_code', '=', scope.cityCode);
  if (scope.kind === 'subtree') query = query.where('u.path', 'like', `${escapeLike(scope.path)}%`);
  if (scope.kind === 'enterprise') query = query.where(sql<boolean>`false`);
  return query;
}

export async function findDeals(db: Executor, scope: Scope, q: DealListQuery, unitPath?: string) {
  let base = dealsIn(db, scope);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    base = base.where((eb) =>
      eb.or([eb('d.project_name', 'ilike', like), eb('d.investor_name', 'ilike', like), eb('d.investor_uscc', 'like', like.toUpperCase())]),
    );
  }
  if (unitPath) base = base.where('u.path', 'like', `${escapeLike(unitPath)}%`);
  if (q.unitOnly && q.unitId) base = base.where('d.unit_id', '=', q.unitId);
  if (q.stage) base = base.where('d.stage', '=', q.stage);
  if (q.kind) base = base.where('d.kind', '=', q.kind);
  if (q.source) base = base.where('d.source', '=', q.source);
  if (q.industryCode) base = base.where('d.industry_code', '=', q.industryCode.toUpperCase());
  if (q.signedFrom) base = base.where('d.signed_on', '>=', q.signedFrom);
  if (q.signedTo) base = base.where('d.signed_on', '<=', q.signedTo);
  if (q.isLateFiling !== undefined) base = base.where('d.is_late_filing', '=', q.isLateFiling);
  if (q.duplicateStatus) base = base.where('d.duplicate_status', '=', q.duplicateStatus);
  if (q.reached && q.asOf) {
    // Drill-down from a funnel figure: the cohort members that had reached the stage.
    base = base
      .where('d.kind', '=', 'new')
      .where('d.duplicate_status', '!=', 'excluded')
      .where('d.signed_on', '<=', q.asOf)
      .where(reachedRankSql(q.asOf), '>=', funnelRank(q.reached));
  }
  const order = {
    signedOn: ['d.signed_on', 'asc'],
    '-signedOn': ['d.signed_on', 'desc'],
    contractedAmount: ['d.contracted_amount', 'asc'],
    '-contractedAmount': ['d.contracted_amount', 'desc'],
    projectName: ['d.project_name', 'asc'],
  } as const;
  const [column, direction] = order[q.sort];
  const rows = await base
    .selectAll('d')
    .select(['u.name_zh as unit_name', totalCount()])
    .orderBy(column, direction)
    .orderBy('d.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

export type DealRow = Awaited<ReturnType<typeof findDeals>>['rows'][number];

export async function getDeal(db: Executor, scope: Scope, id: number): Promise<DealRow | undefined> {
  return await dealsIn(db, scope).selectAll('d').select('u.name_zh as unit_name').where('d.id', '=', id).executeTakeFirst();
}

export async function insertDeal(db: Executor, values: Insertable<DealTable>): Promise<number> {
  return (await db.insertInto('deal').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDealVersioned(
  db: Executor,
  cityCode: string,
  id: number,
  version: number,
  values: Updateable<DealTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('deal')
    .set({ ...values, version: sql`version + 1` })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertStageEvent(
  db: Executor,
  row: {
    city_code: string;
    deal_id: number;
    from_stage: string | null;
    to_stage: string;
    occurred_on: string;
    reason: string | null;
    evidence: string | null;
    actor_user_id: number | null;
    actor_name: string | null;
    recorded_at: Date;
  },
): Promise<void> {
  await db.insertInto('deal_stage_event').values(row).execute();
}

export async function stageEvents(db: Executor, cityCode: string, dealId: number) {
  return await db
    .selectFrom('deal_stage_event')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('deal_id', '=', dealId)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
}

/** Other live filings with the same investor + project key, by other units. */
export async function findDuplicates(db: Executor, cityCode: string, key: string, unitId: number, exceptId: number) {
  return await db
    .selectFrom('deal')
    .select(['id', 'unit_id', 'duplicate_status'])
    .where('city_code', '=', cityCode)
    .where('duplicate_key', '=', key)
    .where('unit_id', '!=', unitId)
    .where('id', '!=', exceptId)
    .where('kind', '=', 'new')
    .where('stage', '!=', 'terminated')
    .orderBy('id')
    .execute();
}

/** A deal's duplicate group as the caller may see it: the deal and the flagged, kept or excluded filings sharing its key. */
export async function duplicateGroupIn(db: Executor, scope: Scope, dealId: number, key: string) {
  return await dealsIn(db, scope)
    .selectAll('d')
    .select('u.name_zh as unit_name')
    .where('d.duplicate_key', '=', key)
    .where((eb) => eb.or([eb('d.id', '=', dealId), eb('d.duplicate_status', 'in', ['flagged', 'kept', 'excluded'])]))
    .orderBy('d.filed_on')
    .orderBy('d.id')
    .execute();
}

export async function findDuplicateGroup(db: Executor, cityCode: string, key: string) {
  return await db
    .selectFrom('deal')
    .select(['id', 'duplicate_status', 'version'])
    .where('city_code', '=', cityCode)
    .where('duplicate_key', '=', key)
    .where('duplicate_status', 'in', ['flagged', 'kept', 'excluded'])
    .orderBy('id')
    .execute();
}

export async function setDuplicateStatus(
  db: Executor,
  cityCode: string,
  ids: number[],
  status: string,
  duplicateOf: number | null,
  at: Date,
): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('deal')
    .set({ duplicate_status: status, duplicate_of_deal_id: duplicateOf, updated_at: at, version: sql`version + 1` })
    .where('city_code', '=', cityCode)
    .where('id', 'in', ids)
    .execute();
}

export async function linkedDeals(db: Executor, scope: Scope, projectId: number) {
  return await dealsIn(db, scope)
    .select(['d.id', 'd.project_name', 'd.investor_name', 'd.contracted_amount', 'd.stage', 'd.signed_on'])
    .where('d.project_id', '=', projectId)
    .orderBy('d.signed_on')
    .execute();
}

export interface FunnelSqlRow {
  row_unit: number | null;
  cohort_count: number;
  cohort_amount: string;
  attracted_amount: string;
  late_filings: number;
  unsettled_duplicates: number;
  fulfilling_count: number;
  fulfilling_amount: string;
  landed_count: number;
  landed_amount: string;
  started_count: number;
  started_amount: string;
  in_production_count: number;
  in_production_amount: string;
}

/**
 * Funnel figures per direct child of the root unit (its whole subtree) and for the root's
 * own filings, plus the total (row_unit null), in one statement: the SQL twin of
 * domain/funnel.ts, which a test keeps in agreement.
 */
export async function funnelSql(
  db: Executor,
  input: { cityCode: string; rootId: number; rootPath: string; cohortFrom: string; cohortTo: string; asOf: string },
): Promise<FunnelSqlRow[]> {
  const yearStart = `${input.asOf.slice(0, 4)}-01-01`;
  const stageSums = (['fulfilling', 'landed', 'started', 'in_production'] as const).map(
    (stage) => sql`
      count(*) FILTER (WHERE c.is_cohort AND r.rank >= ${funnelRank(stage)})::int AS ${sql.ref(`${stage}_count`)},
      coalesce(sum(s.contracted_amount) FILTER (WHERE c.is_cohort AND r.rank >= ${funnelRank(stage)}), 0) AS ${sql.ref(`${stage}_amount`)}`,
  );
  const result = await sql<FunnelSqlRow>`
    WITH scoped AS (
      SELECT d.id, d.kind, d.signed_on, d.contracted_amount, d.counted_amount, d.duplicate_status, d.is_late_filing,
             CASE WHEN u.id = ${input.rootId} THEN ${input.rootId}
                  ELSE split_part(substr(u.path, ${input.rootPath.length + 1}), '/', 1)::bigint END AS row_unit
      FROM deal d
      JOIN org_unit u ON u.city_code = d.city_code AND u.id = d.unit_id
      WHERE d.city_code = ${input.cityCode} AND u.path LIKE ${`${escapeLike(input.rootPath)}%`} AND d.duplicate_status <> 'excluded'
    ),
    reached AS (
      SELECT DISTINCT ON (e.deal_id) e.deal_id, array_position(${STAGE_ARRAY}, e.to_stage) AS rank
      FROM deal_stage_event e
      WHERE e.city_code = ${input.cityCode} AND e.occurred_on <= ${input.asOf}::date AND e.to_stage IN (${ACTIVE_LIST})
        AND e.deal_id IN (SELECT id FROM scoped)
      ORDER BY e.deal_id, e.occurred_on DESC, e.id DESC
    )
    SELECT s.row_unit,
      count(*) FILTER (WHERE c.is_cohort)::int AS cohort_count,
      coalesce(sum(s.contracted_amount) FILTER (WHERE c.is_cohort), 0) AS cohort_amount,
      coalesce(sum(s.counted_amount) FILTER (WHERE s.signed_on BETWEEN ${yearStart}::date AND ${input.asOf}::date), 0) AS attracted_amount,
      count(*) FILTER (WHERE c.is_cohort AND s.is_late_filing)::int AS late_filings,
      count(*) FILTER (WHERE c.is_cohort AND s.duplicate_status = 'flagged')::int AS unsettled_duplicates,
      ${sql.join(stageSums, sql`, `)}
    FROM scoped s
    CROSS JOIN LATERAL (SELECT coalesce((SELECT rank FROM reached WHERE reached.deal_id = s.id), 1) AS rank) r
    CROSS JOIN LATERAL (SELECT s.kind = 'new' AND s.signed_on BETWEEN ${input.cohortFrom}::date AND ${input.cohortTo}::date
                               AND s.signed_on <= ${input.asOf}::date AS is_cohort) c
    GROUP BY GROUPING SETS ((s.row_unit), ())
  `.execute(db);
  return result.rows;
}
