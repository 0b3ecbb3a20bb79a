import { sql } from 'kysely';
import type { Db } from '../server/db/pool.js';

/**
 * Projects whose kept total or last month (report_project_total) differs from what their
 * versions say (the sum of the current monthly figures, the latest month): none, when the
 * totals were kept right.
 */
export async function projectTotalsOutOfStep(db: Db) {
  const result = await sql<{ project_id: number; kept: string | null; counted: string | null }>`
    SELECT coalesce(t.project_id, c.project_id) AS project_id, t.investment || ' ' || t.last_month AS kept,
      c.investment || ' ' || c.last_month AS counted
    FROM report_project_total t
    FULL JOIN (
      SELECT city_code, project_id, sum(investment) AS investment, max(month) AS last_month
      FROM (
        SELECT DISTINCT ON (city_code, project_id, month) city_code, project_id, month, investment
        FROM report_version
        ORDER BY city_code, project_id, month, version DESC
      ) AS current
      GROUP BY city_code, project_id
    ) AS c ON c.city_code = t.city_code AND c.project_id = t.project_id
    WHERE t.investment IS DISTINCT FROM c.investment OR t.last_month IS DISTINCT FROM c.last_month`.execute(db);
  return result.rows;
}
