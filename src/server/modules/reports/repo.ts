import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/pool.js';
import { escapeLike, executePrepared } from '../../lib/sql.js';

/** The month's row and the city's settings row in one round trip (either may be missing). */
export async function monthWithSettings(db: Executor, cityCode: string, monthStart: string) {
  const query = sql<{
    due_on: string | null;
    locked_at: Date | null;
    month_exists: boolean;
    settings: unknown;
    settings_version: number | null;
  }>`
    SELECT rm.due_on, rm.locked_at, rm.month IS NOT NULL AS month_exists, rs.settings, rs.version AS settings_version
    FROM (VALUES (1)) AS one (n)
    LEFT JOIN report_month rm ON rm.city_code = ${cityCode} AND rm.month = ${monthStart}::date
    LEFT JOIN registry_setting rs ON rs.city_code = ${cityCode}`;
  // Every save reads it: prepared, it is not planned again each time.
  const [row] = await executePrepared(db, query.compile(db));
  return row as NonNullable<typeof row>;
}

export async function ensureMonth(db: Executor, cityCode: string, monthStart: string, dueOn: string): Promise<void> {
  await db
    .insertInto('report_month')
    .values({ city_code: cityCode, month: monthStart, due_on: dueOn })
    .onConflict((oc) => oc.columns(['city_code', 'month']).doNothing())
    .execute();
}

export async function lockMonth(db: Executor, cityCode: string, monthStart: string, at: Date, userId: number): Promise<boolean> {
  const result = await db
    .updateTable('report_month')
    .set({ locked_at: at, locked_by: userId })
    .where('city_code', '=', cityCode)
    .where('month', '=', monthStart)
    .where('locked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface ProjectMonthFigures {
  project_id: number;
  cumulative_before: string;
  ytd_before: string;
  last_month: string | null;
  version: number;
  investment: string | null;
  progress_text: string | null;
  problems_text: string | null;
  explanation: string | null;
  return_reason: string | null;
  return_of_version: number | null;
  photo_count: number;
}

/**
 * For each project: what was reported before the month (all years, and this year), last
 * month's figure, the month's current version and an open return. "Current" is the latest
 * version of each project-month; nothing is ever summed from anything else.
 */
export async function monthFigures(
  db: Executor,
  cityCode: string,
  projectIds: number[],
  monthStart: string,
  yearStart: string,
  previousMonth: string,
): Promise<ProjectMonthFigures[]> {
  if (!projectIds.length) return [];
  // Per project (LATERAL): the index on (city, project, month, version) read backwards gives
  // each month's latest version first, so no sort; about half the time of one DISTINCT ON
  // over all the projects' rows.
  const result = await sql<ProjectMonthFigures>`
    SELECT p.id AS project_id, f.*,
      r.reason AS return_reason, r.of_version AS return_of_version, coalesce(ph.n, 0)::int AS photo_count
    FROM (SELECT DISTINCT unnest(${projectIds}::bigint[])) AS p (id)
    CROSS JOIN LATERAL (
      SELECT
        coalesce(sum(l.investment) FILTER (WHERE l.month < ${monthStart}::date), 0) AS cumulative_before,
        coalesce(sum(l.investment) FILTER (WHERE l.month >= ${yearStart}::date AND l.month < ${monthStart}::date), 0) AS ytd_before,
        max(l.investment) FILTER (WHERE l.month = ${previousMonth}::date) AS last_month,
        coalesce(max(l.version) FILTER (WHERE l.month = ${monthStart}::date), 0)::int AS version,
        max(l.investment) FILTER (WHERE l.month = ${monthStart}::date) AS investment,
        max(l.progress_text) FILTER (WHERE l.month = ${monthStart}::date) AS progress_text,
        max(l.problems_text) FILTER (WHERE l.month = ${monthStart}::date) AS problems_text,
        max(l.explanation) FILTER (WHERE l.month = ${monthStart}::date) AS explanation
      FROM (
        SELECT DISTINCT ON (v.month) v.month, v.version, v.investment, v.progress_text, v.problems_text, v.explanation
        FROM report_version v
        WHERE v.city_code = ${cityCode} AND v.project_id = p.id AND v.month <= ${monthStart}::date
        ORDER BY v.month DESC, v.version DESC
      ) AS l
    ) AS f
    LEFT JOIN LATERAL (
      SELECT rr.reason, rr.of_version FROM report_return rr
      WHERE rr.city_code = ${cityCode} AND rr.project_id = p.id AND rr.month = ${monthStart}::date
      ORDER BY rr.returned_at DESC, rr.id DESC
      LIMIT 1
    ) AS r ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n FROM report_photo ph
      WHERE ph.city_code = ${cityCode} AND ph.project_id = p.id AND ph.month = ${monthStart}::date
    ) AS ph ON true
  `.execute(db);
  return result.rows;
}

export interface VersionRow {
  projectId: number;
  version: number;
  investment: string;
  progressText: string | null;
  problemsText: string | null;
  explanation: string | null;
  reason: string | null;
}

/**
 * A month's new versions in one statement (one round trip, no transaction needed): the month's
 * row when it has none yet, the versions, and the caller's audit record as a CTE. Written
 * only while the month is still locked or unlocked as the checks saw it (`expectLocked`);
 * returns how many versions were written (0 when the lock changed meanwhile). A version
 * someone else wrote meanwhile fails the statement on the unique key.
 */
export async function writeVersions(
  db: Executor,
  input: {
    cityCode: string;
    monthStart: string;
    dueOn: string;
    createMonth: boolean;
    expectLocked: boolean;
    kind: 'submission' | 'correction';
    by: { userId: number; username: string; at: Date };
    rows: VersionRow[];
    audit: (onlyIf: RawBuilder<unknown>) => RawBuilder<unknown>;
  },
): Promise<number> {
  const { cityCode, monthStart, rows } = input;
  const result = await sql<{ saved: number }>`
    WITH new_month AS (
      INSERT INTO report_month (city_code, month, due_on)
      SELECT ${cityCode}, ${monthStart}::date, ${input.dueOn}::date WHERE ${input.createMonth}
      ON CONFLICT (city_code, month) DO NOTHING
    ), unchanged_lock AS (
      SELECT 1 WHERE coalesce(
        (SELECT rm.locked_at IS NOT NULL FROM report_month rm WHERE rm.city_code = ${cityCode} AND rm.month = ${monthStart}::date),
        false) = ${input.expectLocked}
    ), saved AS (
      INSERT INTO report_version (city_code, project_id, month, version, kind, investment, progress_text, problems_text,
        explanation, reason, submitted_by, submitted_name, submitted_at)
      SELECT ${cityCode}, r.project_id, ${monthStart}::date, r.version, ${input.kind}, r.investment, r.progress_text,
        r.problems_text, r.explanation, r.reason, ${input.by.userId}::bigint, ${input.by.username}::text, ${input.by.at}::timestamptz
      FROM unnest(${rows.map((r) => r.projectId)}::bigint[], ${rows.map((r) => r.version)}::int[],
        ${rows.map((r) => r.investment)}::numeric[], ${rows.map((r) => r.progressText)}::text[],
        ${rows.map((r) => r.problemsText)}::text[], ${rows.map((r) => r.explanation)}::text[], ${rows.map((r) => r.reason)}::text[])
        AS r (project_id, version, investment, progress_text, problems_text, explanation, reason)
      WHERE EXISTS (SELECT 1 FROM unchanged_lock)
      RETURNING 1
    ), audit AS (${input.audit(sql`EXISTS (SELECT 1 FROM unchanged_lock)`)})
    SELECT count(*)::int AS saved FROM saved`.execute(db);
  return result.rows[0]?.saved ?? 0;
}

export async function versions(db: Executor, cityCode: string, projectId: number, monthStart: string) {
  return await db
    .selectFrom('report_version')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('project_id', '=', projectId)
    .where('month', '=', monthStart)
    .orderBy('version', 'desc')
    .execute();
}

export async function returns(db: Executor, cityCode: string, projectId: number, monthStart: string) {
  return await db
    .selectFrom('report_return')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('project_id', '=', projectId)
    .where('month', '=', monthStart)
    .orderBy('returned_at', 'desc')
    .execute();
}

export async function insertReturn(
  db: Executor,
  row: {
    city_code: string;
    project_id: number;
    month: string;
    of_version: number;
    reason: string;
    returned_by: number;
    returned_name: string;
    returned_at: Date;
  },
): Promise<void> {
  await db.insertInto('report_return').values(row).execute();
}

export async function feedback(db: Executor, cityCode: string, projectId: number) {
  return await db
    .selectFrom('daily_feedback')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('project_id', '=', projectId)
    .orderBy('noted_on', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

export async function insertFeedback(
  db: Executor,
  row: { city_code: string; project_id: number; noted_on: string; text: string; author_id: number; author_name: string; created_at: Date },
): Promise<number> {
  return (await db.insertInto('daily_feedback').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/**
 * Month by month figures (the latest version of each project-month) of a year, for the
 * given projects, up to `uptoMonth` (1–12). Read by commitments and monitoring.
 */
export async function monthlyFigures(db: Executor, cityCode: string, projectIds: number[], year: number, uptoMonth = 12) {
  if (!projectIds.length) return [];
  const result = await sql<{ project_id: number; m: number; investment: string }>`
    SELECT DISTINCT ON (project_id, month) project_id, extract(month FROM month)::int AS m, investment
    FROM report_version
    WHERE city_code = ${cityCode} AND project_id = ANY(${projectIds}::bigint[])
      AND month BETWEEN ${`${year}-01-01`}::date AND ${`${year}-${String(uptoMonth).padStart(2, '0')}-01`}::date
    ORDER BY project_id, month, version DESC`.execute(db);
  return result.rows;
}

/**
 * Investment completed per month of a year by the projects of a unit and the units under it
 * (the latest version of each project-month), up to `uptoMonth`: summed in SQL, twelve rows
 * instead of every project's twelve.
 */
export async function unitMonthlyTotals(db: Executor, cityCode: string, unitPath: string, year: number, uptoMonth: number) {
  const result = await sql<{ m: number; amount: string }>`
    SELECT extract(month FROM l.month)::int AS m, sum(l.investment) AS amount
    FROM (
      SELECT DISTINCT ON (v.month, v.project_id) v.month, v.investment
      FROM report_version v
      JOIN project p ON p.city_code = v.city_code AND p.id = v.project_id
      JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
      WHERE v.city_code = ${cityCode} AND u.path LIKE ${`${escapeLike(unitPath)}%`}
        AND v.month BETWEEN ${`${year}-01-01`}::date AND ${`${year}-${String(uptoMonth).padStart(2, '0')}-01`}::date
      ORDER BY v.month, v.project_id, v.version DESC
    ) AS l
    GROUP BY 1`.execute(db);
  return result.rows;
}

/**
 * The month's row, created when missing and share-locked: a photo added or removed in this
 * transaction and the city locking the month never cross.
 */
export async function lockedAtForShare(db: Executor, cityCode: string, monthStart: string, dueOn: string): Promise<Date | null> {
  await ensureMonth(db, cityCode, monthStart, dueOn);
  const row = await db
    .selectFrom('report_month')
    .select('locked_at')
    .where('city_code', '=', cityCode)
    .where('month', '=', monthStart)
    .forShare()
    .executeTakeFirstOrThrow();
  return row.locked_at;
}

/** Serialises photo uploads of one project-month (the count limit holds under concurrency). */
export async function lockProjectMonth(db: Executor, cityCode: string, projectId: number, monthStart: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`report_photo:${cityCode}:${projectId}:${monthStart}`}, 0))`.execute(db);
}

const PHOTO_COLUMNS = [
  'ph.id',
  'ph.project_id',
  'ph.month',
  'ph.file_id',
  'ph.taken_at',
  'ph.latitude',
  'ph.longitude',
  'ph.reason',
  'ph.created_name',
  'ph.created_at',
  'f.filename',
  'f.content_type',
  'f.size_bytes',
  'f.sm3',
] as const;

function photosWithFiles(db: Executor, cityCode: string) {
  return db
    .selectFrom('report_photo as ph')
    .innerJoin('file_blob as f', (j) => j.onRef('f.city_code', '=', 'ph.city_code').onRef('f.id', '=', 'ph.file_id'))
    .where('ph.city_code', '=', cityCode);
}

export async function photos(db: Executor, cityCode: string, projectId: number, monthStart: string) {
  return await photosWithFiles(db, cityCode)
    .select(PHOTO_COLUMNS)
    .where('ph.project_id', '=', projectId)
    .where('ph.month', '=', monthStart)
    .orderBy('ph.taken_at', (ob) => ob.asc().nullsLast())
    .orderBy('ph.id')
    .execute();
}

export type PhotoRow = Awaited<ReturnType<typeof photos>>[number];

export async function photo(db: Executor, cityCode: string, id: number, forUpdate = false) {
  return await photosWithFiles(db, cityCode)
    .select(PHOTO_COLUMNS)
    .where('ph.id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function countPhotos(db: Executor, cityCode: string, projectId: number, monthStart: string): Promise<number> {
  const row = await db
    .selectFrom('report_photo')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('city_code', '=', cityCode)
    .where('project_id', '=', projectId)
    .where('month', '=', monthStart)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPhoto(
  db: Executor,
  row: {
    city_code: string;
    project_id: number;
    month: string;
    file_id: number;
    taken_at: Date | null;
    latitude: number | null;
    longitude: number | null;
    reason: string | null;
    created_by: number;
    created_name: string;
    created_at: Date;
  },
): Promise<number> {
  return (await db.insertInto('report_photo').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deletePhoto(db: Executor, cityCode: string, id: number): Promise<void> {
  await db.deleteFrom('report_photo').where('city_code', '=', cityCode).where('id', '=', id).execute();
}
