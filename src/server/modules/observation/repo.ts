import { sql } from 'kysely';
import type { ObservationCriterion, ObservationStatus, TourListQuery } from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import { inIds, pageWithTotal, totalCount } from '../../lib/sql.js';

/** Observation tours, their sites, judges and scores. Project, unit and user names by read-only join (decision 0005). */
export async function findTours(db: Executor, cityCode: string, q: TourListQuery, withDrafts: boolean, only?: readonly number[]) {
  let base = db.selectFrom('observation_tour as t').where('t.city_code', '=', cityCode);
  if (!withDrafts) base = base.where('t.status', '!=', 'draft');
  if (only) base = base.where(inIds('t.id', only));
  if (q.year) base = base.where('t.year', '=', q.year);
  if (q.status) base = base.where('t.status', '=', q.status);
  const count = (table: 'observation_site' | 'observation_judge' | 'observation_score') =>
    sql<number>`(SELECT count(*)::int FROM ${sql.table(table)} x WHERE x.city_code = t.city_code AND x.tour_id = t.id)`;
  const rows = await base
    .select([
      't.id',
      't.title',
      't.year',
      't.quarter',
      't.held_on',
      't.status',
      't.updated_at',
      count('observation_site').as('site_count'),
      count('observation_judge').as('judge_count'),
      count('observation_score').as('scored_count'),
      totalCount(),
    ])
    .orderBy('t.held_on', 'desc')
    .orderBy('t.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

export async function getTour(db: Executor, cityCode: string, id: number, lock: 'update' | 'share' | null = null) {
  let query = db.selectFrom('observation_tour').selectAll().where('city_code', '=', cityCode).where('id', '=', id);
  if (lock === 'update') query = query.forUpdate();
  if (lock === 'share') query = query.forShare();
  return await query.executeTakeFirst();
}
export type TourRow = NonNullable<Awaited<ReturnType<typeof getTour>>>;

/** The sites in route order, with their project's unit (and its path, for recusal). */
export async function sitesOf(db: Executor, cityCode: string, tourIds: readonly number[]) {
  if (!tourIds.length) return [];
  return await db
    .selectFrom('observation_site as s')
    .innerJoin('project as p', (j) => j.onRef('p.city_code', '=', 's.city_code').onRef('p.id', '=', 's.project_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'p.city_code').onRef('u.id', '=', 'p.unit_id'))
    .select([
      's.tour_id',
      's.project_id',
      's.position',
      'p.name as project_name',
      'p.unit_id',
      'u.name_zh as unit_name',
      'u.path as unit_path',
    ])
    .where('s.city_code', '=', cityCode)
    .where('s.tour_id', 'in', tourIds)
    .orderBy('s.tour_id')
    .orderBy('s.position')
    .execute();
}
export type SiteRow = Awaited<ReturnType<typeof sitesOf>>[number];

/** The judges of tours, in the order they were named. */
export async function judgesOf(db: Executor, cityCode: string, tourIds: readonly number[]) {
  if (!tourIds.length) return [];
  return await db
    .selectFrom('observation_judge as j')
    .innerJoin('identity_user as u', 'u.id', 'j.user_id')
    .leftJoin('org_unit as su', (join) => join.onRef('su.city_code', '=', 'u.city_code').onRef('su.id', '=', 'u.scope_unit_id'))
    .select([
      'j.tour_id',
      'j.user_id',
      'u.display_name',
      'u.role',
      'u.scope_unit_id',
      'su.name_zh as scope_unit_name',
      'su.path as scope_unit_path',
    ])
    .where('j.city_code', '=', cityCode)
    .where(inIds('j.tour_id', tourIds))
    .orderBy('j.tour_id')
    .orderBy('j.position')
    .execute();
}
export type JudgeRow = Awaited<ReturnType<typeof judgesOf>>[number];

export async function scoresOf(db: Executor, cityCode: string, tourIds: readonly number[]) {
  if (!tourIds.length) return [];
  return await db
    .selectFrom('observation_score')
    .select(['tour_id', 'project_id', 'user_id', 'points', 'note', 'scored_at'])
    .where('city_code', '=', cityCode)
    .where('tour_id', 'in', tourIds)
    .orderBy('tour_id')
    .orderBy('scored_at')
    .orderBy('user_id')
    .execute();
}
export type ScoreRow = Awaited<ReturnType<typeof scoresOf>>[number];

/** The city's active accounts whose role is among `roles`, with their scope unit. */
export async function usersWithRoles(db: Executor, cityCode: string, roles: readonly string[], ids?: readonly number[]) {
  if (!roles.length || (ids && !ids.length)) return [];
  let query = db
    .selectFrom('identity_user as u')
    .leftJoin('org_unit as su', (join) => join.onRef('su.city_code', '=', 'u.city_code').onRef('su.id', '=', 'u.scope_unit_id'))
    .select(['u.id', 'u.display_name', 'u.role', 'u.scope_unit_id', 'su.name_zh as scope_unit_name'])
    .where('u.city_code', '=', cityCode)
    .where('u.is_active', '=', true)
    .where('u.role', 'in', roles);
  if (ids) query = query.where('u.id', 'in', ids);
  return await query.orderBy('u.role').orderBy('su.path').orderBy('u.id').execute();
}

export async function existingProjectIds(db: Executor, cityCode: string, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('project').select('id').where('city_code', '=', cityCode).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertTour(
  db: Executor,
  row: {
    cityCode: string;
    title: string;
    year: number;
    quarter: number | null;
    heldOn: string;
    criteria: readonly ObservationCriterion[];
    createdBy: number;
    at: Date;
  },
): Promise<number> {
  const inserted = await db
    .insertInto('observation_tour')
    .values({
      city_code: row.cityCode,
      title: row.title,
      year: row.year,
      quarter: row.quarter,
      held_on: row.heldOn,
      criteria: JSON.stringify(row.criteria),
      created_by: row.createdBy,
      created_at: row.at,
      updated_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateTour(
  db: Executor,
  cityCode: string,
  id: number,
  set: {
    title?: string;
    year?: number;
    quarter?: number | null;
    heldOn?: string;
    criteria?: readonly ObservationCriterion[];
    status?: ObservationStatus;
  },
  at: Date,
  stamps: { openedAt?: Date; closedAt?: Date } = {},
): Promise<void> {
  await db
    .updateTable('observation_tour')
    .set({
      ...(set.title !== undefined ? { title: set.title } : {}),
      ...(set.year !== undefined ? { year: set.year } : {}),
      ...(set.quarter !== undefined ? { quarter: set.quarter } : {}),
      ...(set.heldOn !== undefined ? { held_on: set.heldOn } : {}),
      ...(set.criteria !== undefined ? { criteria: JSON.stringify(set.criteria) } : {}),
      ...(set.status !== undefined ? { status: set.status } : {}),
      ...(stamps.openedAt ? { opened_at: stamps.openedAt } : {}),
      ...(stamps.closedAt ? { closed_at: stamps.closedAt } : {}),
      version: sql<number>`version + 1`,
      updated_at: at,
    })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}

/** Replace a draft's sites (route order) or judges (listed order). */
export async function replaceSites(db: Executor, cityCode: string, tourId: number, projectIds: readonly number[]): Promise<void> {
  await db.deleteFrom('observation_site').where('city_code', '=', cityCode).where('tour_id', '=', tourId).execute();
  await db
    .insertInto('observation_site')
    .values(projectIds.map((projectId, position) => ({ city_code: cityCode, tour_id: tourId, project_id: projectId, position })))
    .execute();
}

export async function replaceJudges(db: Executor, cityCode: string, tourId: number, userIds: readonly number[]): Promise<void> {
  await db.deleteFrom('observation_judge').where('city_code', '=', cityCode).where('tour_id', '=', tourId).execute();
  await db
    .insertInto('observation_judge')
    .values(userIds.map((userId, position) => ({ city_code: cityCode, tour_id: tourId, user_id: userId, position })))
    .execute();
}

export async function deleteTour(db: Executor, cityCode: string, id: number): Promise<void> {
  await db.deleteFrom('observation_tour').where('city_code', '=', cityCode).where('id', '=', id).execute();
}

export async function upsertScore(
  db: Executor,
  row: {
    cityCode: string;
    tourId: number;
    projectId: number;
    userId: number;
    points: Record<string, number>;
    note: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('observation_score')
    .values({
      city_code: row.cityCode,
      tour_id: row.tourId,
      project_id: row.projectId,
      user_id: row.userId,
      points: JSON.stringify(row.points),
      note: row.note,
      scored_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(['city_code', 'tour_id', 'project_id', 'user_id']).doUpdateSet({
        points: (eb) => eb.ref('excluded.points'),
        note: (eb) => eb.ref('excluded.note'),
        scored_at: (eb) => eb.ref('excluded.scored_at'),
      }),
    )
    .execute();
}

/** Closed tours of a year (and quarter, when given), oldest first: what the quarterly and annual packs show. */
export async function closedTours(db: Executor, cityCode: string, year: number, quarter: number | null) {
  let query = db
    .selectFrom('observation_tour')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('year', '=', year)
    .where('status', '=', 'closed');
  if (quarter !== null) query = query.where('quarter', '=', quarter);
  return await query.orderBy('held_on').orderBy('id').execute();
}

export async function photosOf(db: Executor, cityCode: string, tourId: number) {
  return await db
    .selectFrom('observation_photo as ph')
    .innerJoin('file_blob as f', (j) => j.onRef('f.city_code', '=', 'ph.city_code').onRef('f.id', '=', 'ph.file_id'))
    .select([
      'ph.id',
      'ph.project_id',
      'ph.file_id',
      'f.filename',
      'ph.taken_at',
      'ph.latitude',
      'ph.longitude',
      'ph.created_by',
      'ph.created_name',
      'ph.created_at',
    ])
    .where('ph.city_code', '=', cityCode)
    .where('ph.tour_id', '=', tourId)
    .orderBy('ph.id')
    .execute();
}
export type PhotoRow = Awaited<ReturnType<typeof photosOf>>[number];

export async function photo(db: Executor, cityCode: string, id: number) {
  return await db.selectFrom('observation_photo').selectAll().where('city_code', '=', cityCode).where('id', '=', id).executeTakeFirst();
}

export async function insertPhoto(
  db: Executor,
  row: {
    city_code: string;
    tour_id: number;
    project_id: number;
    file_id: number;
    taken_at: Date | null;
    latitude: number | null;
    longitude: number | null;
    created_by: number;
    created_name: string;
    created_at: Date;
  },
): Promise<number> {
  return (await db.insertInto('observation_photo').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function countPhotos(db: Executor, cityCode: string, tourId: number, projectId: number): Promise<number> {
  const row = await db
    .selectFrom('observation_photo')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('city_code', '=', cityCode)
    .where('tour_id', '=', tourId)
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deletePhoto(db: Executor, cityCode: string, id: number): Promise<void> {
  await db.deleteFrom('observation_photo').where('city_code', '=', cityCode).where('id', '=', id).execute();
}

/** Tours being scored that a user judges (few at a time: a city runs one a quarter). */
export async function scoringToursJudgedBy(db: Executor, cityCode: string, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('observation_tour as t')
    .innerJoin('observation_judge as j', (join) => join.onRef('j.city_code', '=', 't.city_code').onRef('j.tour_id', '=', 't.id'))
    .select('t.id')
    .where('t.city_code', '=', cityCode)
    .where('t.status', '=', 'scoring')
    .where('j.user_id', '=', userId)
    .execute();
  return rows.map((r) => r.id);
}
