import type { AuditExportQuery, AuditListQuery, AuditRecord, AuditResult, AuditVerify, Locale } from '../../../contracts/index.js';
import { translate } from '../../../contracts/index.js';
import type { RawBuilder } from 'kysely';
import type { Db, Executor, Tx } from '../../db/pool.js';
import { sm3Hex } from '../../lib/crypto.js';
import type { RequestContext } from '../../lib/context.js';
import { requireActor, scopeOf } from '../../lib/context.js';
import { type ChainBreak, ChainVerifier, type StoredRecord } from './domain/chain.js';
import * as repo from './repo.js';
import { chainRecordOf, sealCity } from './sealer.js';

export interface AuditEvent {
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
  result?: AuditResult;
  /** Defaults to the actor's city; events without an actor (failed logins) name it. */
  cityCode?: string;
  /** Defaults to the actor; failed logins name the account tried. */
  actorOverride?: { userId: number | null; username: string | null; role: string | null };
}

function recordOf(ctx: RequestContext, event: AuditEvent) {
  const cityCode = event.cityCode ?? ctx.actor?.cityCode;
  if (!cityCode) throw new Error(`audit event ${event.action} has no city`);
  const actor = event.actorOverride ?? {
    userId: ctx.actor?.userId ?? null,
    username: ctx.actor?.username ?? null,
    role: ctx.actor?.role ?? null,
  };
  // The request kicks the sealer for this city once it has answered (after the commit).
  ctx.auditedCities ??= new Set();
  ctx.auditedCities.add(cityCode);
  return {
    city_code: cityCode,
    occurred_at: ctx.now,
    actor_user_id: actor.userId,
    actor_username: actor.username,
    actor_role: actor.role,
    action: event.action,
    target_type: event.targetType ?? null,
    target_id: event.targetId === undefined || event.targetId === null ? null : String(event.targetId),
    before: event.before ?? null,
    after: event.after ?? null,
    request_id: ctx.requestId,
    source_ip: ctx.sourceIp,
    result: event.result ?? 'success',
  };
}

/**
 * Append one record inside the caller's transaction. If this fails, the transaction (and the
 * business write in it) rolls back. The record is written unsealed and takes no lock: the
 * sealer links it into the city's chain after commit (`sealer.ts`, decision 0004).
 */
export async function appendAudit(tx: Tx, ctx: RequestContext, event: AuditEvent): Promise<void> {
  await repo.insertRecord(tx, recordOf(ctx, event));
}

/**
 * The record as an INSERT to run as a CTE of the business statement itself, written only
 * when `onlyIf` (an SQL condition over the statement's other CTEs) holds: a write and its
 * record in one autocommitted statement, so one fails with the other.
 */
export function auditInsert(ctx: RequestContext, event: AuditEvent, onlyIf: RawBuilder<unknown>): RawBuilder<unknown> {
  return repo.recordInsertSql(recordOf(ctx, event), onlyIf);
}

/** An audit record on its own (login failure, permission denial): its own small transaction. */
export async function recordAuditEvent(db: Db, ctx: RequestContext, event: AuditEvent): Promise<void> {
  await db.transaction().execute((tx) => appendAudit(tx, ctx, event));
}

function toRecord(row: repo.AuditRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorUsername: row.actor_username,
    actorRole: row.actor_role,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    sourceIp: row.source_ip,
    result: row.result as AuditResult,
    hash: row.hash,
  };
}

export async function findAuditRecords(db: Executor, ctx: RequestContext, query: AuditListQuery) {
  const scope = scopeOf(requireActor(ctx), 'audit.read');
  const { rows, total } = await repo.findRecords(db, scope.cityCode, query);
  return { items: rows.map(toRecord), total, page: query.page, pageSize: query.pageSize };
}

/** At most this many rows in one export; the UI says so and asks for a narrower filter. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

export async function exportAuditRecords(db: Db, ctx: RequestContext, query: AuditExportQuery): Promise<AuditRecord[]> {
  const scope = scopeOf(requireActor(ctx), 'audit.export');
  const rows = await repo.findRecordsForExport(db, scope.cityCode, query, AUDIT_EXPORT_MAX_ROWS);
  await recordAuditEvent(db, ctx, { action: 'audit.export', targetType: 'audit_log', after: { filter: query, rows: rows.length } });
  return rows.map(toRecord);
}

function toChainRecord(row: repo.SealedAuditRow): StoredRecord {
  return { id: row.id, hash: row.hash, ...chainRecordOf(row, row.seq, row.prev_hash) };
}

/**
 * Seal what is pending (as the sealer would a moment later), then walk the city's chain in
 * batches: the first broken link, or null when intact.
 */
export async function verifyChain(db: Db, cityCode: string): Promise<{ count: number; broken: ChainBreak | null }> {
  await sealCity(db, cityCode);
  const verifier = new ChainVerifier(sm3Hex);
  let afterSeq = 0;
  for (;;) {
    const rows = await repo.recordsAfter(db, cityCode, afterSeq, 2000);
    for (const row of rows) {
      const broken = verifier.push(toChainRecord(row));
      if (broken) return { count: verifier.count, broken };
    }
    if (rows.length < 2000) break;
    afterSeq = rows[rows.length - 1]!.seq;
  }
  return { count: verifier.count, broken: verifier.finish(await repo.chainHead(db, cityCode)) };
}

export function describeVerification(result: { count: number; broken: ChainBreak | null }, locale: Locale): AuditVerify {
  if (!result.broken) {
    return { ok: true, count: result.count, brokenAt: null, message: translate(locale, 'audit.chainIntact', { count: result.count }) };
  }
  return {
    ok: false,
    count: result.count,
    brokenAt: { id: result.broken.id, reason: result.broken.reason },
    message: translate(locale, 'audit.chainBroken', { id: result.broken.id, reason: result.broken.reason }),
  };
}

export async function verifyAuditForActor(db: Db, ctx: RequestContext): Promise<AuditVerify> {
  const scope = scopeOf(requireActor(ctx), 'audit.read');
  const result = await verifyChain(db, scope.cityCode);
  await recordAuditEvent(db, ctx, { action: 'audit.verify', targetType: 'audit_log', after: { ok: !result.broken, count: result.count } });
  return describeVerification(result, ctx.locale);
}

export { chainCities } from './repo.js';
