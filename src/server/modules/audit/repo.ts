import { sql } from 'kysely';
import type { AuditListQuery } from '../../../contracts/index.js';
import type { Executor, Tx } from '../../db/pool.js';
import { escapeLike, pageWithTotal, totalCount } from '../../lib/sql.js';
import { GENESIS_HASH } from './domain/chain.js';

export interface AuditRow {
  city_code: string;
  id: number;
  seq: number;
  occurred_at: Date;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  source_ip: string | null;
  result: string;
  prev_hash: string;
  hash: string;
}

/**
 * Locks the city's chain head until the transaction ends; concurrent appenders queue here.
 * One statement once the city has a head (the usual case), the row is created otherwise.
 */
export async function lockHead(tx: Tx, cityCode: string): Promise<{ seq: number; hash: string }> {
  const select = () =>
    tx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('city_code', '=', cityCode).forUpdate().executeTakeFirst();
  const head = await select();
  if (head) return head;
  await tx
    .insertInto('audit_chain_head')
    .values({ city_code: cityCode, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('city_code').doNothing())
    .execute();
  const created = await select();
  if (!created) throw new Error(`audit chain head of ${cityCode} missing after insert`);
  return created;
}

/** The record and the moved head in one statement (one round trip while the head is locked). */
export async function insertRecord(tx: Tx, row: Omit<AuditRow, 'id'>): Promise<number> {
  const moved = await tx
    .with('inserted', (db) =>
      db
        .insertInto('audit_log')
        .values({
          ...row,
          before: row.before === undefined ? null : JSON.stringify(row.before),
          after: row.after === undefined ? null : JSON.stringify(row.after),
        })
        .returning('id'),
    )
    .updateTable('audit_chain_head')
    .set({ seq: row.seq, hash: row.hash })
    .where('city_code', '=', row.city_code)
    .returning((eb) => eb.selectFrom('inserted').select('inserted.id').as('id'))
    .executeTakeFirstOrThrow();
  if (moved.id === null) throw new Error('audit record not inserted');
  return moved.id;
}

function filtered(db: Executor, cityCode: string, q: Omit<AuditListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('audit_log').where('city_code', '=', cityCode);
  if (q.from) query = query.where('occurred_at', '>=', new Date(q.from));
  if (q.to) query = query.where('occurred_at', '<', new Date(q.to));
  if (q.actor) query = query.where('actor_username', 'ilike', `%${escapeLike(q.actor)}%`);
  if (q.action) query = query.where('action', 'like', `${escapeLike(q.action)}%`);
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.requestId) query = query.where('request_id', '=', q.requestId);
  if (q.result) query = query.where('result', '=', q.result);
  return query;
}

export async function findRecords(db: Executor, cityCode: string, q: AuditListQuery): Promise<{ rows: AuditRow[]; total: number }> {
  const base = filtered(db, cityCode, q);
  const rows = await base
    .selectAll()
    .select(totalCount())
    .orderBy('seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const page = await pageWithTotal(
    rows,
    q.page,
    async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n,
  );
  return { rows: page.rows as AuditRow[], total: page.total };
}

export async function findRecordsForExport(
  db: Executor,
  cityCode: string,
  q: Omit<AuditListQuery, 'page' | 'pageSize'>,
  limit: number,
): Promise<AuditRow[]> {
  return (await filtered(db, cityCode, q).selectAll().orderBy('seq', 'desc').limit(limit).execute()) as AuditRow[];
}

/** Records of one city in chain order, after `afterSeq`, `batch` at a time. */
export async function recordsAfter(db: Executor, cityCode: string, afterSeq: number, batch: number): Promise<AuditRow[]> {
  return (await db
    .selectFrom('audit_log')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(batch)
    .execute()) as AuditRow[];
}

export async function chainHead(db: Executor, cityCode: string): Promise<{ seq: number; hash: string } | null> {
  return (await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('city_code', '=', cityCode).executeTakeFirst()) ?? null;
}

export async function chainCities(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('audit_chain_head').select('city_code').orderBy('city_code').execute();
  return rows.map((r) => r.city_code);
}
