import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/pool.js';
import { escapeLike, executePrepared } from '../../lib/sql.js';
import { reportingProjectLateral } from '../projects/index.js';

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

/** A project-month's current version (the latest), last month's figure and an open return. */
export interface MonthVersion {
  last_month: string | null;
  /** 0 when the month has no version yet. */
  version: number;
  investment: string | null;
  progress_text: string | null;
  problems_text: string | null;
  explanation: string | null;
  return_reason: string | null;
  return_of_version: number | null;
}

export interface ProjectMonthFigures extends MonthVersion {
  project_id: number;
  cumulative_before: string;
  ytd_before: string;
  photo_count: number;
}

interface FiguresAt {
  cityCode: RawBuilder<unknown>;
  projectId: RawBuilder<unknown>;
  monthStart: RawBuilder<unknown>;
  previousMonth: RawBuilder<unknown>;
}

/** Each month's latest version of a project from `from` to the month, the latest month first. */
const latestVersions = (at: FiguresAt, from: RawBuilder<unknown>) => sql`
  SELECT DISTINCT ON (v.month) v.month, v.version, v.investment, v.progress_text, v.problems_text, v.explanation
  FROM report_version v
  WHERE v.city_code = ${at.cityCode} AND v.project_id = ${at.projectId} AND v.month >= ${from} AND v.month <= ${at.monthStart}
  ORDER BY v.month DESC, v.version DESC`;

/** The columns of MonthVersion (but the return) over `l`, the latest versions of the months read. */
const monthVersionColumns = (at: FiguresAt) => sql`
  max(l.investment) FILTER (WHERE l.month = ${at.previousMonth}) AS last_month,
  coalesce(max(l.version) FILTER (WHERE l.month = ${at.monthStart}), 0)::int AS version,
  max(l.investment) FILTER (WHERE l.month = ${at.monthStart}) AS investment,
  max(l.progress_text) FILTER (WHERE l.month = ${at.monthStart}) AS progress_text,
  max(l.problems_text) FILTER (WHERE l.month = ${at.monthStart}) AS problems_text,
  max(l.explanation) FILTER (WHERE l.month = ${at.monthStart}) AS explanation`;

const projectTotal = (at: FiguresAt) => sql`
  LEFT JOIN report_project_total t ON t.city_code = ${at.cityCode} AND t.project_id = ${at.projectId}`;

/**
 * What a save's checks need of a project-month, as a LATERAL subquery over SQL expressions:
 * the month's current version, last month's figure, and what the project reported in all its
 * other months: its total (report_project_total, kept by writeVersions) less this month. Only
 * last month and this one are read, however long the project has reported.
 */
function saveFiguresLateral(at: FiguresAt) {
  return sql`(
    SELECT coalesce(t.investment, 0) - coalesce(m.investment, 0) AS reported_other_months, m.*
    FROM (SELECT ${monthVersionColumns(at)} FROM (${latestVersions(at, at.previousMonth)}) AS l) AS m
    ${projectTotal(at)}
  )`;
}

/**
 * A project-month's figures as the grid shows them, as a LATERAL subquery: what was reported
 * before the month (all years, and this year), and the rest of MonthVersion. The months from
 * January (or last month) up to this one are read; all years before the month are the total
 * less this month, unless the project has reported a later month (an earlier month looked
 * at), which sums every earlier month. The index on (city, project, month, version) read
 * backwards gives each month's latest version first, so no sort.
 */
function gridFiguresLateral(at: FiguresAt & { yearStart: RawBuilder<unknown> }) {
  return sql`(
    SELECT
      CASE WHEN t.last_month IS NULL OR t.last_month <= ${at.monthStart}
        THEN coalesce(t.investment, 0) - coalesce(m.investment, 0)
        ELSE (SELECT coalesce(sum(e.investment), 0) FROM (${latestVersions(at, sql`'-infinity'::date`)}) AS e WHERE e.month < ${at.monthStart})
      END AS cumulative_before,
      m.*
    FROM (
      SELECT
        coalesce(sum(l.investment) FILTER (WHERE l.month >= ${at.yearStart} AND l.month < ${at.monthStart}), 0) AS ytd_before,
        ${monthVersionColumns(at)}
      FROM (${latestVersions(at, sql`least(${at.yearStart}, ${at.previousMonth})`)}) AS l
    ) AS m
    ${projectTotal(at)}
  )`;
}

/** The month's latest open return of a project-month, as a LATERAL subquery. */
function returnLateral(cityCode: RawBuilder<unknown>, projectId: RawBuilder<unknown>, monthStart: RawBuilder<unknown>) {
  return sql`(
    SELECT rr.reason AS return_reason, rr.of_version AS return_of_version FROM report_return rr
    WHERE rr.city_code = ${cityCode} AND rr.project_id = ${projectId} AND rr.month = ${monthStart}
    ORDER BY rr.returned_at DESC, rr.id DESC
    LIMIT 1
  )`;
}

/** For each project: its figures of the month (gridFiguresLateral), an open return and the month's photos. */
export async function monthFigures(
  db: Executor,
  cityCode: string,
  projectIds: number[],
  monthStart: string,
  yearStart: string,
  previousMonth: string,
): Promise<ProjectMonthFigures[]> {
  if (!projectIds.length) return [];
  const month = sql`${monthStart}::date`;
  const city = sql`${cityCode}::char(6)`;
  const result = await sql<ProjectMonthFigures>`
    SELECT p.id AS project_id, f.*, r.return_reason, r.return_of_version, coalesce(ph.n, 0)::int AS photo_count
    FROM (SELECT DISTINCT unnest(${projectIds}::bigint[])) AS p (id)
    CROSS JOIN LATERAL ${gridFiguresLateral({
      cityCode: city,
      projectId: sql`p.id`,
      monthStart: month,
      yearStart: sql`${yearStart}::date`,
      previousMonth: sql`${previousMonth}::date`,
    })} AS f
    LEFT JOIN LATERAL ${returnLateral(city, sql`p.id`, month)} AS r ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n FROM report_photo ph
      WHERE ph.city_code = ${cityCode} AND ph.project_id = p.id AND ph.month = ${monthStart}::date
    ) AS ph ON true
  `.execute(db);
  return result.rows;
}

/** What one save asks for: the month and its scope, and the projects of its rows. */
export interface FactsRequest {
  cityCode: string;
  monthStart: string;
  monthEnd: string;
  previousMonth: string;
  /** The reporting unit's subtree (its path), or the enterprise, or neither for the whole city. */
  scopePath: string | null;
  scopeEnterprise: number | null;
  projectIds: number[];
}

export interface SaveProjectFacts extends MonthVersion {
  reported_other_months: string;
  total_investment: string;
  planned_this_month: string | null;
  is_started: boolean;
}

export interface SaveFacts {
  dueOn: string | null;
  lockedAt: Date | null;
  monthExists: boolean;
  settings: unknown;
  settingsVersion: number | null;
  /** Only the projects that report in the month within the scope, with their figures. */
  projects: Map<number, SaveProjectFacts>;
}

/**
 * The facts the checks of several saves need, in one round trip: per save its month's row
 * and the city's settings, and per project of its rows the reporting facts (none when it does
 * not report in the month or is outside the save's scope) and the month's figures.
 */
export async function submissionFacts(db: Executor, requests: FactsRequest[]): Promise<SaveFacts[]> {
  const pairs = requests.flatMap((r, idx) => [...new Set(r.projectIds)].map((projectId, i) => ({ idx, projectId, first: i === 0 })));
  const column = <T>(pick: (r: FactsRequest) => T) => requests.map(pick);
  const result = await sql<
    {
      idx: number;
      first_row: boolean;
      due_on: string | null;
      locked_at: Date | null;
      month_exists: boolean;
      settings: unknown;
      settings_version: number | null;
      project_id: number | null;
      reports: boolean;
    } & SaveProjectFacts
  >`
    SELECT r.idx, rm.due_on, rm.locked_at, rm.month IS NOT NULL AS month_exists,
      x.first IS NOT false AS first_row, CASE WHEN x.first IS NOT false THEN rs.settings END AS settings,
      rs.version AS settings_version, x.project_id, coalesce(pr.reports, false) AS reports, pr.total_investment, pr.planned_this_month, pr.is_started,
      f.*, rt.return_reason, rt.return_of_version
    FROM unnest(${requests.map((_, i) => i)}::int[], ${column((r) => r.cityCode)}::char(6)[], ${column((r) => r.monthStart)}::date[],
      ${column((r) => r.monthEnd)}::date[], ${column((r) => r.previousMonth)}::date[],
      ${column((r) => (r.scopePath === null ? null : escapeLike(r.scopePath)))}::text[], ${column((r) => r.scopeEnterprise)}::bigint[])
      AS r (idx, city_code, month_start, month_end, previous_month, scope_path, scope_enterprise)
    LEFT JOIN report_month rm ON rm.city_code = r.city_code AND rm.month = r.month_start
    LEFT JOIN registry_setting rs ON rs.city_code = r.city_code
    LEFT JOIN unnest(${pairs.map((p) => p.idx)}::int[], ${pairs.map((p) => p.projectId)}::bigint[], ${pairs.map((p) => p.first)}::bool[])
      AS x (idx, project_id, first) ON x.idx = r.idx
    LEFT JOIN LATERAL ${reportingProjectLateral({
      cityCode: sql`r.city_code`,
      projectId: sql`x.project_id`,
      monthStart: sql`r.month_start`,
      monthEnd: sql`r.month_end`,
      scopePath: sql`r.scope_path`,
      scopeEnterprise: sql`r.scope_enterprise`,
    })} AS pr ON true
    LEFT JOIN LATERAL ${saveFiguresLateral({
      cityCode: sql`r.city_code`,
      projectId: sql`x.project_id`,
      monthStart: sql`r.month_start`,
      previousMonth: sql`r.previous_month`,
    })} AS f ON pr.reports
    LEFT JOIN LATERAL ${returnLateral(sql`r.city_code`, sql`x.project_id`, sql`r.month_start`)} AS rt ON pr.reports
  `.execute(db);
  const facts: SaveFacts[] = requests.map(() => ({
    dueOn: null,
    lockedAt: null,
    monthExists: false,
    settings: null,
    settingsVersion: null,
    projects: new Map(),
  }));
  for (const row of result.rows) {
    const save = facts[row.idx] as SaveFacts;
    const { idx: _i, first_row, due_on, locked_at, month_exists, settings, settings_version, project_id, reports, ...figures } = row;
    if (first_row)
      Object.assign(save, { dueOn: due_on, lockedAt: locked_at, monthExists: month_exists, settings, settingsVersion: settings_version });
    if (project_id !== null && reports) save.projects.set(project_id, figures);
  }
  return facts;
}
export interface VersionRow {
  projectId: number;
  version: number;
  investment: string;
  /** The investment of the version this one replaces (version - 1), as the checks read it. */
  previousInvestment: string | null;
  progressText: string | null;
  problemsText: string | null;
  explanation: string | null;
  reason: string | null;
}

/** One save's write: its month, the lock it was checked against, its versions and its audit record. */
export interface WriteJob {
  cityCode: string;
  monthStart: string;
  dueOn: string;
  createMonth: boolean;
  expectLocked: boolean;
  kind: 'submission' | 'correction';
  by: { userId: number; username: string; at: Date };
  rows: VersionRow[];
  audit: (onlyIf: RawBuilder<unknown>) => RawBuilder<unknown>;
}

/**
 * Several saves' new versions in one statement (one round trip, one commit, no transaction
 * needed): each month's row when it has none yet, the versions, the projects' totals and
 * each save's audit record as CTEs. A save is written only while its month is still locked or unlocked as its checks
 * saw it (`expectLocked`); returns, per save, whether it was written. A version someone else
 * wrote meanwhile (or another save of the statement) fails the whole statement on the unique
 * key: the caller then writes the saves one by one to tell which.
 */
export async function writeVersions(db: Executor, jobs: WriteJob[]): Promise<boolean[]> {
  const column = <T>(pick: (j: WriteJob) => T) => jobs.map(pick);
  const rows = jobs.flatMap((j, idx) => j.rows.map((r) => ({ idx, ...r })));
  const row = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
  const written = (idx: number) => sql`EXISTS (SELECT 1 FROM ok WHERE ok.idx = ${idx}::int)`;
  const audits = jobs.map((j, idx) => sql`, ${sql.raw(`audit_${idx}`)} AS (${j.audit(written(idx))})`);
  const result = await sql<{ idx: number }>`
    WITH job AS (
      SELECT * FROM unnest(${jobs.map((_, i) => i)}::int[], ${column((j) => j.cityCode)}::char(6)[], ${column((j) => j.monthStart)}::date[],
        ${column((j) => j.dueOn)}::date[], ${column((j) => j.createMonth)}::bool[], ${column((j) => j.expectLocked)}::bool[],
        ${column((j) => j.kind)}::text[], ${column((j) => j.by.userId)}::bigint[], ${column((j) => j.by.username)}::text[],
        ${column((j) => j.by.at.toISOString())}::timestamptz[])
        AS j (idx, city_code, month, due_on, create_month, expect_locked, kind, user_id, username, at)
    ), new_month AS (
      INSERT INTO report_month (city_code, month, due_on)
      SELECT DISTINCT ON (city_code, month) city_code, month, due_on FROM job WHERE create_month ORDER BY city_code, month
      ON CONFLICT (city_code, month) DO NOTHING
    ), ok AS (
      SELECT j.idx FROM job j WHERE coalesce(
        (SELECT rm.locked_at IS NOT NULL FROM report_month rm WHERE rm.city_code = j.city_code AND rm.month = j.month),
        false) = j.expect_locked
    ), new_row AS (
      SELECT j.city_code, j.month, j.kind, j.user_id, j.username, j.at, r.*
      FROM unnest(${row((r) => r.idx)}::int[], ${row((r) => r.projectId)}::bigint[], ${row((r) => r.version)}::int[],
        ${row((r) => r.investment)}::numeric[], ${row((r) => r.previousInvestment)}::numeric[], ${row((r) => r.progressText)}::text[],
        ${row((r) => r.problemsText)}::text[], ${row((r) => r.explanation)}::text[], ${row((r) => r.reason)}::text[])
        AS r (idx, project_id, version, investment, previous_investment, progress_text, problems_text, explanation, reason)
      JOIN job j ON j.idx = r.idx
      WHERE r.idx IN (SELECT idx FROM ok)
    ), saved AS (
      INSERT INTO report_version (city_code, project_id, month, version, kind, investment, progress_text, problems_text,
        explanation, reason, submitted_by, submitted_name, submitted_at)
      SELECT city_code, project_id, month, version, kind, investment, progress_text, problems_text,
        explanation, reason, user_id, username, at
      FROM new_row
    ), total AS (
      -- Each new version replaces the one before it in the project's total (the version the
      -- checks read: had another been written since, the unique key fails the statement). In
      -- the projects' order, so two statements at once lock the totals in the same order.
      INSERT INTO report_project_total AS t (city_code, project_id, investment, last_month)
      SELECT n.city_code, n.project_id, sum(n.investment - coalesce(n.previous_investment, 0)), max(n.month)
      FROM new_row n
      GROUP BY n.city_code, n.project_id
      ORDER BY n.city_code, n.project_id
      ON CONFLICT (city_code, project_id) DO UPDATE
        SET investment = t.investment + excluded.investment, last_month = greatest(t.last_month, excluded.last_month)
    )${sql.join(audits, sql``)}
    SELECT idx FROM ok`.execute(db);
  const ok = new Set(result.rows.map((r) => r.idx));
  return jobs.map((_, idx) => ok.has(idx));
}

/**
 * The projects' totals counted again from their versions: for versions written in bulk
 * without writeVersions (the demo's history).
 */
export async function recountProjectTotals(db: Executor, cityCode: string, projectIds: number[]): Promise<void> {
  if (!projectIds.length) return;
  await sql`
    INSERT INTO report_project_total (city_code, project_id, investment, last_month)
    SELECT ${cityCode}, project_id, sum(investment), max(month)
    FROM (
      SELECT DISTINCT ON (project_id, month) project_id, month, investment
      FROM report_version
      WHERE city_code = ${cityCode} AND project_id = ANY(${projectIds}::bigint[])
      ORDER BY project_id, month, version DESC
    ) AS current
    GROUP BY project_id
    ORDER BY project_id
    ON CONFLICT (city_code, project_id) DO UPDATE SET investment = excluded.investment, last_month = excluded.last_month`.execute(db);
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
