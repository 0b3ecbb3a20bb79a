import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/pool.js';
import type { NotificationOutboxTable, NotificationTable } from '../../db/schema.js';
import { pageWithTotal, totalCount } from '../../lib/sql.js';

/**
 * Inbox, outbox and job runs. Recipients are read from identity_user (ids, e-mail and scope
 * only: decision 0005's read-only display join, extended to the address a message goes to).
 */
export async function insertNotifications(db: Executor, rows: Insertable<NotificationTable>[]): Promise<number[]> {
  if (!rows.length) return [];
  const inserted = await db
    .insertInto('notification')
    .values(rows)
    .onConflict((oc) => oc.columns(['city_code', 'user_id', 'dedupe_key']).doNothing())
    .returning('user_id')
    .execute();
  return inserted.map((r) => r.user_id);
}

export async function insertOutbox(db: Executor, rows: Insertable<NotificationOutboxTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('notification_outbox').values(rows).execute();
}

export async function findInbox(
  db: Executor,
  cityCode: string,
  userId: number,
  q: { page: number; pageSize: number; unreadOnly?: boolean },
) {
  let base = db.selectFrom('notification').where('city_code', '=', cityCode).where('user_id', '=', userId);
  if (q.unreadOnly) base = base.where('read_at', 'is', null);
  const rows = await base
    .select(['id', 'kind', 'message', 'params', 'link', 'read_at', 'created_at', totalCount()])
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

export async function unreadCount(db: Executor, cityCode: string, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('city_code', '=', cityCode)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function unreadCounts(db: Executor, cityCode: string, userIds: number[]): Promise<Map<number, number>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom('notification')
    .select(['user_id', sql<number>`count(*)::int`.as('n')])
    .where('city_code', '=', cityCode)
    .where('user_id', 'in', userIds)
    .where('read_at', 'is', null)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.n]));
}

/** Mark read; `id` null marks all. Returns how many changed. */
export async function markRead(db: Executor, cityCode: string, userId: number, id: number | null, at: Date): Promise<number> {
  let query = db
    .updateTable('notification')
    .set({ read_at: at })
    .where('city_code', '=', cityCode)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== null) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function notificationExists(db: Executor, cityCode: string, userId: number, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('notification')
    .select('id')
    .where('city_code', '=', cityCode)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return !!row;
}

// ---------------------------------------------------------------- recipients

export async function activeUsersOfUnits(db: Executor, cityCode: string, unitIds: number[]): Promise<number[]> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom('identity_user')
    .select('id')
    .where('city_code', '=', cityCode)
    .where('is_active', '=', true)
    .where('role', 'in', ['reporting_unit', 'department'])
    .where('scope_unit_id', 'in', unitIds)
    .execute();
  return rows.map((r) => r.id);
}

export async function activeUsersOfEnterprise(db: Executor, cityCode: string, enterpriseId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('identity_user')
    .select('id')
    .where('city_code', '=', cityCode)
    .where('is_active', '=', true)
    .where('role', '=', 'enterprise')
    .where('scope_enterprise_id', '=', enterpriseId)
    .execute();
  return rows.map((r) => r.id);
}

export async function activeUsersByRole(db: Executor, cityCode: string, roles: string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('identity_user')
    .select('id')
    .where('city_code', '=', cityCode)
    .where('is_active', '=', true)
    .where('role', 'in', roles)
    .execute();
  return rows.map((r) => r.id);
}

export async function activeUsers(db: Executor, cityCode: string, ids: number[]) {
  if (!ids.length) return [];
  return await db
    .selectFrom('identity_user')
    .select(['id', 'email', 'role', 'scope_unit_id', 'scope_enterprise_id'])
    .where('city_code', '=', cityCode)
    .where('is_active', '=', true)
    .where('id', 'in', ids)
    .execute();
}

// ---------------------------------------------------------------- outbox delivery

/**
 * Claim due messages: they are pushed 5 minutes ahead, so another process (or a crash in the
 * middle of sending) does not lose or double them before the outcome is recorded.
 */
export async function claimDue(db: Executor, now: Date, limit: number) {
  const result = await sql<{
    city_code: string;
    id: number;
    channel: string;
    recipient: string | null;
    subject: string;
    body: string;
    link: string | null;
    attempts: number;
    delivered_to: string[];
  }>`
    UPDATE notification_outbox o SET next_attempt_at = ${now}::timestamptz + interval '5 minutes'
    FROM (
      SELECT city_code, id FROM notification_outbox
      WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE o.city_code = due.city_code AND o.id = due.id
    RETURNING o.city_code, o.id, o.channel, o.recipient, o.subject, o.body, o.link, o.attempts, o.delivered_to`.execute(db);
  return result.rows;
}

export async function recordOutcome(
  db: Executor,
  row: { city_code: string; id: number },
  outcome: {
    status: 'pending' | 'sent' | 'failed' | 'skipped';
    attempts: number;
    nextAttemptAt: Date;
    deliveredTo: string[];
    error: string | null;
    sentAt: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      next_attempt_at: outcome.nextAttemptAt,
      delivered_to: outcome.deliveredTo,
      last_error: outcome.error,
      sent_at: outcome.sentAt,
    })
    .where('city_code', '=', row.city_code)
    .where('id', '=', row.id)
    .execute();
}

// ---------------------------------------------------------------- job runs

export async function lastRun(db: Executor, job: string): Promise<Date | null> {
  const row = await db.selectFrom('notification_job_run').select('last_run_at').where('job', '=', job).executeTakeFirst();
  return row?.last_run_at ?? null;
}

/** Take a due run: only one process wins (the row still holds the last run it saw). */
export async function claimRun(db: Executor, job: string, seen: Date | null, now: Date): Promise<boolean> {
  if (seen === null) {
    const inserted = await db
      .insertInto('notification_job_run')
      .values({ job, last_run_at: now })
      .onConflict((oc) => oc.column('job').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const updated = await db
    .updateTable('notification_job_run')
    .set({ last_run_at: now })
    .where('job', '=', job)
    .where('last_run_at', '=', seen)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
