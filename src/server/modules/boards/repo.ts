import { sql } from 'kysely';
import type { BoardMetric } from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import { escapeLike } from '../../lib/sql.js';

/**
 * The leaderboards are a read-model over other modules' tables (deals, funds won, monthly
 * reports, projects), owned here and read-only (docs/decisions/0005). Each figure is year
 * to date, grouped by the row unit: the direct child of the root that holds the item (or the
 * root itself for its own items).
 */
export interface MetricRow {
  row_unit: number;
  value: string;
  count: number | null;
}

interface Window {
  cityCode: string;
  rootId: number;
  rootPath: string;
  yearStart: string;
  monthStart: string;
  monthEnd: string;
  /** Versions and rows entered up to this moment (a publication's time, or now). */
  asOf: Date;
  majorIndustrialMin: string;
}

function rowUnit(w: Window) {
  return sql<number>`CASE WHEN u.id = ${w.rootId} THEN ${w.rootId}::bigint ELSE split_part(substr(u.path, ${w.rootPath.length + 1}), '/', 1)::bigint END`;
}

const inTree = (w: Window) => sql<boolean>`u.path LIKE ${`${escapeLike(w.rootPath)}%`}`;

export async function attracted(db: Executor, w: Window): Promise<MetricRow[]> {
  const result = await sql<MetricRow>`
    SELECT ${rowUnit(w)} AS row_unit, coalesce(sum(d.counted_amount), 0) AS value, NULL::int AS count
    FROM deal d JOIN org_unit u ON u.city_code = d.city_code AND u.id = d.unit_id
    WHERE d.city_code = ${w.cityCode} AND ${inTree(w)} AND d.duplicate_status <> 'excluded'
      AND d.signed_on BETWEEN ${w.yearStart}::date AND ${w.monthEnd}::date AND d.created_at <= ${w.asOf}
    GROUP BY 1`.execute(db);
  return result.rows;
}

export async function fundsWon(db: Executor, w: Window): Promise<MetricRow[]> {
  const result = await sql<MetricRow>`
    SELECT ${rowUnit(w)} AS row_unit, coalesce(sum(f.amount), 0) AS value, NULL::int AS count
    FROM funds_won f JOIN org_unit u ON u.city_code = f.city_code AND u.id = f.unit_id
    WHERE f.city_code = ${w.cityCode} AND ${inTree(w)} AND f.created_at <= ${w.asOf}
      AND f.won_on BETWEEN ${w.yearStart}::date AND ${w.monthEnd}::date
      AND NOT EXISTS (SELECT 1 FROM funds_won s WHERE s.city_code = f.city_code AND s.supersedes_id = f.id AND s.created_at <= ${w.asOf})
    GROUP BY 1`.execute(db);
  return result.rows;
}

export async function completed(db: Executor, w: Window): Promise<MetricRow[]> {
  const result = await sql<MetricRow>`
    WITH latest AS (
      -- (month, project, version DESC) is the order of the index report_version_month: read in
      -- that order there is nothing to sort (a city-wide year is a million rows).
      SELECT DISTINCT ON (v.month, v.project_id) v.project_id, v.investment
      FROM report_version v
      WHERE v.city_code = ${w.cityCode} AND v.month BETWEEN ${w.yearStart}::date AND ${w.monthStart}::date AND v.submitted_at <= ${w.asOf}
      ORDER BY v.month, v.project_id, v.version DESC
    )
    SELECT ${rowUnit(w)} AS row_unit, coalesce(sum(l.investment), 0) AS value, NULL::int AS count
    FROM latest l
    JOIN project p ON p.city_code = ${w.cityCode} AND p.id = l.project_id
    JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
    WHERE ${inTree(w)}
    GROUP BY 1`.execute(db);
  return result.rows;
}

/** Major industrial projects under construction at the month's end: their number and total investment. */
export async function majorProjects(db: Executor, w: Window): Promise<MetricRow[]> {
  const result = await sql<MetricRow>`
    SELECT ${rowUnit(w)} AS row_unit, coalesce(sum(p.total_investment), 0) AS value, count(*)::int AS count
    FROM project p
    JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
    JOIN project_milestone ms ON ms.city_code = p.city_code AND ms.project_id = p.id AND ms.kind = 'start'
    LEFT JOIN project_milestone mc ON mc.city_code = p.city_code AND mc.project_id = p.id AND mc.kind = 'completion'
    WHERE p.city_code = ${w.cityCode} AND ${inTree(w)} AND p.category = 'industrial'
      AND p.total_investment >= ${w.majorIndustrialMin}::numeric
      AND ms.actual_on <= ${w.monthEnd}::date AND (mc.actual_on IS NULL OR mc.actual_on > ${w.monthEnd}::date)
      AND p.created_at <= ${w.asOf}
    GROUP BY 1`.execute(db);
  return result.rows;
}

export const METRIC_QUERIES: Record<BoardMetric, (db: Executor, w: Window) => Promise<MetricRow[]>> = {
  attracted,
  fundsWon,
  completed,
  majorProjects,
};

/** The year's total planned investment (the annual task the briefing measures against). */
export async function annualTask(db: Executor, cityCode: string, year: number): Promise<string> {
  const row = await db
    .selectFrom('project_annual_plan')
    .select(sql<string>`coalesce(sum(planned_investment), 0)`.as('total'))
    .where('city_code', '=', cityCode)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return row.total;
}

/** The city's most recently published month (its first day), or null before the first publication. */
export async function latestPublishedMonth(db: Executor, cityCode: string): Promise<string | null> {
  const row = await db
    .selectFrom('board_publication')
    .select('month')
    .where('city_code', '=', cityCode)
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? row.month : null;
}

export async function getPublication(db: Executor, cityCode: string, monthStart: string) {
  return await db
    .selectFrom('board_publication')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('month', '=', monthStart)
    .executeTakeFirst();
}

export async function honourCounts(db: Executor, cityCode: string, monthStart: string): Promise<{ red: number; yellow: number }> {
  const rows = await db
    .selectFrom('board_honour')
    .select(['list', sql<number>`count(*)::int`.as('n')])
    .where('city_code', '=', cityCode)
    .where('month', '=', monthStart)
    .groupBy('list')
    .execute();
  const count = (list: string) => rows.find((r) => r.list === list)?.n ?? 0;
  return { red: count('red'), yellow: count('yellow') };
}

export async function publishedHonours(db: Executor, cityCode: string, monthStart: string, list: string, page: number, pageSize: number) {
  return await db
    .selectFrom('board_honour')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('month', '=', monthStart)
    .where('list', '=', list)
    .orderBy('position')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

export async function publishedEntries(db: Executor, cityCode: string, monthStart: string) {
  return await db
    .selectFrom('board_entry')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('month', '=', monthStart)
    .orderBy('metric')
    .orderBy('rank')
    .execute();
}

export async function publishedMonthsOfYear(db: Executor, cityCode: string, yearStart: string, before: string) {
  return await db
    .selectFrom('board_publication')
    .select('month')
    .where('city_code', '=', cityCode)
    .where('month', '>=', yearStart)
    .where('month', '<', before)
    .orderBy('month')
    .execute();
}

/** Rows behind a figure, for the drill-down: report versions, deals, funds, projects. */
export async function reportSources(db: Executor, w: Window, unitPath: string, rowIsRoot: boolean) {
  const unitFilter = rowIsRoot ? sql<boolean>`u.id = ${w.rootId}` : sql<boolean>`u.path LIKE ${`${escapeLike(unitPath)}%`}`;
  const result = await sql<{
    id: number;
    project_id: number;
    project_name: string;
    month: string;
    investment: string;
    version: number;
    submitted_name: string | null;
    submitted_at: Date;
    kind: string;
    reason: string | null;
  }>`
    SELECT DISTINCT ON (v.project_id, v.month) v.id, v.project_id, p.name AS project_name, v.month::text AS month, v.investment, v.version,
           v.submitted_name, v.submitted_at, v.kind, v.reason
    FROM report_version v
    JOIN project p ON p.city_code = v.city_code AND p.id = v.project_id
    JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
    WHERE v.city_code = ${w.cityCode} AND ${unitFilter} AND v.month BETWEEN ${w.yearStart}::date AND ${w.monthStart}::date AND v.submitted_at <= ${w.asOf}
    ORDER BY v.project_id, v.month, v.version DESC`.execute(db);
  return result.rows;
}

export async function dealSources(db: Executor, w: Window, unitPath: string, rowIsRoot: boolean) {
  const unitFilter = rowIsRoot ? sql<boolean>`u.id = ${w.rootId}` : sql<boolean>`u.path LIKE ${`${escapeLike(unitPath)}%`}`;
  const result = await sql<{ id: number; project_name: string; signed_on: string; counted_amount: string; created_at: Date; kind: string }>`
    SELECT d.id, d.project_name, d.signed_on::text AS signed_on, d.counted_amount, d.created_at, d.kind
    FROM deal d JOIN org_unit u ON u.city_code = d.city_code AND u.id = d.unit_id
    WHERE d.city_code = ${w.cityCode} AND ${unitFilter} AND d.duplicate_status <> 'excluded'
      AND d.signed_on BETWEEN ${w.yearStart}::date AND ${w.monthEnd}::date AND d.created_at <= ${w.asOf}
    ORDER BY d.signed_on, d.id`.execute(db);
  return result.rows;
}

export async function fundSources(db: Executor, w: Window, unitPath: string, rowIsRoot: boolean) {
  const unitFilter = rowIsRoot ? sql<boolean>`u.id = ${w.rootId}` : sql<boolean>`u.path LIKE ${`${escapeLike(unitPath)}%`}`;
  const result = await sql<{
    id: number;
    project_id: number | null;
    source: string;
    amount: string;
    won_on: string;
    created_name: string | null;
    created_at: Date;
    reason: string | null;
  }>`
    SELECT f.id, f.project_id, f.source, f.amount, f.won_on::text AS won_on, f.created_name, f.created_at, f.reason
    FROM funds_won f JOIN org_unit u ON u.city_code = f.city_code AND u.id = f.unit_id
    WHERE f.city_code = ${w.cityCode} AND ${unitFilter} AND f.created_at <= ${w.asOf}
      AND f.won_on BETWEEN ${w.yearStart}::date AND ${w.monthEnd}::date
      AND NOT EXISTS (SELECT 1 FROM funds_won s WHERE s.city_code = f.city_code AND s.supersedes_id = f.id AND s.created_at <= ${w.asOf})
    ORDER BY f.won_on, f.id`.execute(db);
  return result.rows;
}

export async function majorProjectSources(db: Executor, w: Window, unitPath: string, rowIsRoot: boolean) {
  const unitFilter = rowIsRoot ? sql<boolean>`u.id = ${w.rootId}` : sql<boolean>`u.path LIKE ${`${escapeLike(unitPath)}%`}`;
  const result = await sql<{ id: number; name: string; total_investment: string; started_on: string }>`
    SELECT p.id, p.name, p.total_investment, ms.actual_on::text AS started_on
    FROM project p
    JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
    JOIN project_milestone ms ON ms.city_code = p.city_code AND ms.project_id = p.id AND ms.kind = 'start'
    LEFT JOIN project_milestone mc ON mc.city_code = p.city_code AND mc.project_id = p.id AND mc.kind = 'completion'
    WHERE p.city_code = ${w.cityCode} AND ${unitFilter} AND p.category = 'industrial'
      AND p.total_investment >= ${w.majorIndustrialMin}::numeric
      AND ms.actual_on <= ${w.monthEnd}::date AND (mc.actual_on IS NULL OR mc.actual_on > ${w.monthEnd}::date)
      AND p.created_at <= ${w.asOf}
    ORDER BY p.total_investment DESC`.execute(db);
  return result.rows;
}

export type { Window as BoardWindow };

/** Projects with a planned milestone more than `days` days past `asOf` and no actual date. */
export async function overdueMilestoneProjects(db: Executor, cityCode: string, asOf: string, days: number): Promise<number> {
  const row = await db
    .selectFrom('project_milestone')
    .select(sql<number>`count(DISTINCT project_id)::int`.as('n'))
    .where('city_code', '=', cityCode)
    .where('actual_on', 'is', null)
    .where('planned_on', '<', sql<string>`${asOf}::date - ${days}::int`)
    .executeTakeFirstOrThrow();
  return row.n;
}
