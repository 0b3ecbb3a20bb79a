import { sql } from 'kysely';
import type { Executor } from '../../db/pool.js';
import { escapeLike } from '../../lib/sql.js';

/**
 * Read-model over the registry's milestones and the monthly reports (docs/decisions/0005):
 * for each of the three years before `year`, the monthly investment summed over the
 * project-years that count for the seasonal profile: under construction all year (actual
 * start before 1 January; no actual completion, else no actual production, by 31 December)
 * and with a positive total. Current versions only; years without any such project-year are
 * left out. Twelve figures a year, whatever the number of projects: one hash aggregate.
 *
 * A project's years under construction are one range of months: from January of the year
 * after its start to December of the year before its completion (or production), so each
 * report is matched to its project once and compared as dates (no year worked out per row).
 */
export async function profileSamples(db: Executor, cityCode: string, year: number): Promise<{ year: number; monthly: string[] }[]> {
  const result = await sql<{ month: string; amount: string }>`
    -- MATERIALIZED: computed once and hash-joined (inlined, the planner misjudged the latest
    -- versions' count and probed the milestones once per report row).
    WITH eligible AS MATERIALIZED (
      SELECT p.id AS project_id,
             (date_trunc('year', s.actual_on) + interval '1 year')::date AS from_month,
             date_trunc('year', coalesce(c.actual_on, pr.actual_on))::date AS to_month
      FROM project p
      JOIN project_milestone s ON s.city_code = p.city_code AND s.project_id = p.id AND s.kind = 'start'
      LEFT JOIN project_milestone c ON c.city_code = p.city_code AND c.project_id = p.id AND c.kind = 'completion'
      LEFT JOIN project_milestone pr ON pr.city_code = p.city_code AND pr.project_id = p.id AND pr.kind = 'production'
      WHERE p.city_code = ${cityCode} AND s.actual_on < make_date(${year - 1}::int, 1, 1)
        AND (coalesce(c.actual_on, pr.actual_on) IS NULL OR coalesce(c.actual_on, pr.actual_on) > make_date(${year - 3}::int, 12, 31))
    ),
    -- Read from the index report_version_month alone (it carries the investment).
    latest AS (
      SELECT DISTINCT ON (v.month, v.project_id) v.project_id, v.month, v.investment
      FROM report_version v
      WHERE v.city_code = ${cityCode} AND v.month BETWEEN make_date(${year - 3}::int, 1, 1) AND make_date(${year - 1}::int, 12, 1)
      ORDER BY v.month, v.project_id, v.version DESC
    )
    SELECT to_char(l.month, 'YYYY-MM') AS month, sum(l.investment) AS amount
    FROM latest l
    JOIN eligible e ON e.project_id = l.project_id
    WHERE l.month >= e.from_month AND (e.to_month IS NULL OR l.month < e.to_month)
    GROUP BY l.month ORDER BY l.month`.execute(db);
  const byYear = new Map<number, string[]>();
  for (const r of result.rows) {
    const y = Number(r.month.slice(0, 4));
    const monthly = byYear.get(y) ?? Array<string>(12).fill('0');
    monthly[Number(r.month.slice(5, 7)) - 1] = r.amount;
    byYear.set(y, monthly);
  }
  // Amounts are never negative (a CHECK): a project-year with a zero total adds nothing to
  // the sums, and a year has a positive project-year exactly when its sum is positive.
  return [...byYear].filter(([, monthly]) => monthly.some((v) => Number(v) > 0)).map(([y, monthly]) => ({ year: y, monthly }));
}

/**
 * Which of these years have a project plan or a monthly report of a project under a unit path,
 * newest first. Each year is an EXISTS, stopping at its first row.
 */
export async function yearsWithData(db: Executor, cityCode: string, unitPath: string, years: readonly number[]): Promise<number[]> {
  if (!years.length) return [];
  const under = `${escapeLike(unitPath)}%`;
  const result = await sql<{ y: number }>`
    SELECT y.y FROM unnest(${[...years]}::int[]) AS y (y)
    WHERE EXISTS (
        SELECT 1 FROM project_annual_plan ap
        JOIN project p ON p.city_code = ap.city_code AND p.id = ap.project_id
        JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
        WHERE ap.city_code = ${cityCode} AND ap.year = y.y AND u.path LIKE ${under})
      OR EXISTS (
        SELECT 1 FROM report_version v
        JOIN project p ON p.city_code = v.city_code AND p.id = v.project_id
        JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
        WHERE v.city_code = ${cityCode} AND v.month BETWEEN make_date(y.y, 1, 1) AND make_date(y.y, 12, 1) AND u.path LIKE ${under})
    ORDER BY y.y DESC`.execute(db);
  return result.rows.map((r) => r.y);
}
