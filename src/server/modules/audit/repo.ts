import { type RawBuilder, sql } from 'kysely';
import type { AuditListQuery } from '../../../contracts/index.js';
import type { Executor, Tx } from '../../db/pool.js';
import { escapeLike } from '../../lib/sql.js';
import { GENESIS_HASH } from './domain/chain.js';

export interface AuditRow {
  city_code: string;
  id: number;
  /** seq, prev_hash and hash are null until the record is sealed. */
  seq: number | null;
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
  prev_hash: string | null;
  hash: string | null;
}

export type SealedAuditRow = AuditRow & { seq: number; prev_hash: string; hash: string };

type NewRecord = Omit<AuditRow, 'id' | 'seq' | 'prev_hash' | 'hash'>;

/** before/after as jsonb text; nothing is SQL NULL (both ways of writing a record agree). */
const jsonText = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** A record as the business transaction writes it: unsealed, no lock taken. */
export async function insertRecord(db: Executor, row: NewRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ ...row, before: jsonText(row.before), after: jsonText(row.after) })
    .execute();
}

/**
 * The same record as an INSERT for the caller's own statement (a CTE), written only when
 * `onlyIf` holds there: a business write and its record in one round trip.
 */
export function recordInsertSql(row: NewRecord, onlyIf: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`INSERT INTO audit_log (city_code, occurred_at, actor_user_id, actor_username, actor_role, action, target_type,
      target_id, before, after, request_id, source_ip, result)
    SELECT ${row.city_code}, ${row.occurred_at}::timestamptz, ${row.actor_user_id}::bigint, ${row.actor_username}::text,
      ${row.actor_role}::text, ${row.action}, ${row.target_type}::text, ${row.target_id}::text, ${jsonText(row.before)}::jsonb,
      ${jsonText(row.after)}::jsonb, ${row.request_id}::text, ${row.source_ip}::text, ${row.result}
    WHERE ${onlyIf}`;
}

/**
 * Locks the city's chain head until the transaction ends: sealers queue here (writers never do).
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

/** Cities with committed records still to seal (read through the small partial index). */
export async function unsealedCities(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('city_code').distinct().where('seq', 'is', null).execute();
  return rows.map((r) => r.city_code);
}

/** The oldest committed unsealed records of a city, in id order. */
export async function unsealedRecords(db: Executor, cityCode: string, limit: number): Promise<AuditRow[]> {
  return (await db
    .selectFrom('audit_log')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('seq', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute()) as AuditRow[];
}

/** Seal records (each gets its seq, prev_hash and hash) and move the head, in one statement. */
export async function sealRecords(
  tx: Tx,
  cityCode: string,
  seals: { id: number; seq: number; prevHash: string; hash: string }[],
): Promise<void> {
  const last = seals.at(-1);
  if (!last) return;
  const result = await sql<{ sealed: number }>`
    WITH sealed AS (
      UPDATE audit_log a SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
      FROM unnest(${seals.map((s) => s.id)}::bigint[], ${seals.map((s) => s.seq)}::bigint[],
                  ${seals.map((s) => s.prevHash)}::text[], ${seals.map((s) => s.hash)}::text[]) AS s (id, seq, prev_hash, hash)
      WHERE a.city_code = ${cityCode} AND a.id = s.id AND a.seq IS NULL
      RETURNING a.id
    ), head AS (
      UPDATE audit_chain_head SET seq = ${last.seq}, hash = ${last.hash} WHERE city_code = ${cityCode}
    )
    SELECT count(*)::int AS sealed FROM sealed`.execute(tx);
  if (result.rows[0]?.sealed !== seals.length)
    throw new Error(`audit seal of ${cityCode}: ${result.rows[0]?.sealed} of ${seals.length} records`);
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
  // The page from the primary key read backwards, the total as its own count: a window total
  // would read and sort every matching record (the trail only grows) before taking the page.
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as AuditRow[], total: total.n };
}

export async function findRecordsForExport(
  db: Executor,
  cityCode: string,
  q: Omit<AuditListQuery, 'page' | 'pageSize'>,
  limit: number,
): Promise<AuditRow[]> {
  return (await filtered(db, cityCode, q).selectAll().orderBy('id', 'desc').limit(limit).execute()) as AuditRow[];
}

/** Sealed records of one city in chain order, after `afterSeq`, `batch` at a time. */
export async function recordsAfter(db: Executor, cityCode: string, afterSeq: number, batch: number): Promise<SealedAuditRow[]> {
  return (await db
    .selectFrom('audit_log')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(batch)
    .execute()) as SealedAuditRow[];
}

export async function chainHead(db: Executor, cityCode: string): Promise<{ seq: number; hash: string } | null> {
  return (await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('city_code', '=', cityCode).executeTakeFirst()) ?? null;
}

export async function chainCities(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('audit_chain_head').select('city_code').orderBy('city_code').execute();
  return rows.map((r) => r.city_code);
}
