import { type Insertable, type Updateable, sql } from 'kysely';
import type { MeetingListQuery } from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import type { DispatchAgendaItemTable, DispatchMeetingTable } from '../../db/schema.js';
import { pageWithTotal, totalCount } from '../../lib/sql.js';

/** Weekly dispatch meetings, their agenda and decisions. Project names by read-only join (decision 0005). */
export async function findMeetings(db: Executor, cityCode: string, q: MeetingListQuery) {
  let base = db.selectFrom('dispatch_meeting as m').where('m.city_code', '=', cityCode);
  if (q.from) base = base.where('m.held_on', '>=', q.from);
  if (q.to) base = base.where('m.held_on', '<=', q.to);
  const rows = await base
    .select([
      'm.id',
      'm.held_on',
      'm.title',
      'm.chair',
      'm.updated_at',
      (eb) =>
        eb
          .selectFrom('dispatch_agenda_item as a')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.city_code', '=', 'm.city_code')
          .whereRef('a.meeting_id', '=', 'm.id')
          .as('agenda_count'),
      (eb) =>
        eb
          .selectFrom('dispatch_decision as d')
          .select(sql<number>`count(d.task_problem_id)::int`.as('n'))
          .whereRef('d.city_code', '=', 'm.city_code')
          .whereRef('d.meeting_id', '=', 'm.id')
          .as('task_count'),
      (eb) =>
        eb
          .selectFrom('dispatch_decision as d')
          .innerJoin('problem as p', (j) => j.onRef('p.city_code', '=', 'd.city_code').onRef('p.id', '=', 'd.task_problem_id'))
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('d.city_code', '=', 'm.city_code')
          .whereRef('d.meeting_id', '=', 'm.id')
          .where('p.status', '!=', 'confirmed')
          .as('open_task_count'),
      totalCount(),
    ])
    .orderBy('m.held_on', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

export async function getMeeting(db: Executor, cityCode: string, id: number, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('dispatch_meeting').selectAll().where('city_code', '=', cityCode).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return await query.executeTakeFirst();
}

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof getMeeting>>>;

export async function meetingOn(db: Executor, cityCode: string, heldOn: string) {
  return await db
    .selectFrom('dispatch_meeting')
    .select('id')
    .where('city_code', '=', cityCode)
    .where('held_on', '=', heldOn)
    .executeTakeFirst();
}

/** The last meeting before a date (whose open items carry over). */
export async function previousMeeting(db: Executor, cityCode: string, before: string) {
  return await db
    .selectFrom('dispatch_meeting')
    .select(['id', 'held_on'])
    .where('city_code', '=', cityCode)
    .where('held_on', '<', before)
    .orderBy('held_on', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function agendaOf(db: Executor, cityCode: string, meetingId: number) {
  return await db
    .selectFrom('dispatch_agenda_item as a')
    .leftJoin('project as pr', (j) => j.onRef('pr.city_code', '=', 'a.city_code').onRef('pr.id', '=', 'a.project_id'))
    .select([
      'a.position',
      'a.kind',
      'a.project_id',
      'pr.name as project_name',
      'a.problem_id',
      'a.title',
      'a.reason',
      'a.detail',
      'a.carried_from_meeting_id',
    ])
    .where('a.city_code', '=', cityCode)
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .execute();
}

export async function decisionsOf(db: Executor, cityCode: string, meetingId: number) {
  return await db
    .selectFrom('dispatch_decision')
    .select(['id', 'position', 'agenda_position', 'text', 'task_problem_id'])
    .where('city_code', '=', cityCode)
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
}

export async function insertMeeting(db: Executor, row: Insertable<DispatchMeetingTable>): Promise<number> {
  return (await db.insertInto('dispatch_meeting').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMeetingVersioned(
  db: Executor,
  cityCode: string,
  id: number,
  version: number,
  patch: Updateable<DispatchMeetingTable>,
) {
  const result = await db
    .updateTable('dispatch_meeting')
    .set({ ...patch, version: sql`version + 1` })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceAgenda(
  db: Executor,
  cityCode: string,
  meetingId: number,
  items: Omit<Insertable<DispatchAgendaItemTable>, 'city_code' | 'meeting_id' | 'position'>[],
) {
  await db.deleteFrom('dispatch_agenda_item').where('city_code', '=', cityCode).where('meeting_id', '=', meetingId).execute();
  if (items.length) {
    await db
      .insertInto('dispatch_agenda_item')
      .values(items.map((item, position) => ({ ...item, city_code: cityCode, meeting_id: meetingId, position })))
      .execute();
  }
}

export async function insertDecision(
  db: Executor,
  row: {
    city_code: string;
    meeting_id: number;
    agenda_position: number | null;
    text: string;
    task_problem_id: number | null;
    created_by: number | null;
    created_at: Date;
  },
): Promise<number> {
  const next = await db
    .selectFrom('dispatch_decision')
    .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('n'))
    .where('city_code', '=', row.city_code)
    .where('meeting_id', '=', row.meeting_id)
    .executeTakeFirstOrThrow();
  return (
    await db
      .insertInto('dispatch_decision')
      .values({ ...row, position: next.n })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Move the decisions of a meeting along with the agenda items they answer (`moves`: old position → new, or null). */
export async function moveDecisionPositions(db: Executor, cityCode: string, meetingId: number, moves: readonly (number | null)[]) {
  const decisions = await decisionsOf(db, cityCode, meetingId);
  for (const d of decisions) {
    if (d.agenda_position === null) continue;
    const next = moves[d.agenda_position] ?? null;
    if (next === d.agenda_position) continue;
    await db
      .updateTable('dispatch_decision')
      .set({ agenda_position: next })
      .where('city_code', '=', cityCode)
      .where('id', '=', d.id)
      .execute();
  }
}
