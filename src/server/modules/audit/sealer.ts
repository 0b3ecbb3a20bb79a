import type { Db } from '../../db/pool.js';
import { sm3Hex } from '../../lib/crypto.js';
import { type ChainRecord, recordHash } from './domain/chain.js';
import * as repo from './repo.js';

/** Records linked per sealing transaction. */
const SEAL_BATCH = 1000;

/** The record's content as the chain hashes it, read back from the database as stored. */
export function chainRecordOf(row: repo.AuditRow, seq: number, prevHash: string): ChainRecord {
  return {
    cityCode: row.city_code,
    seq,
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
    result: row.result,
    prevHash,
  };
}

/**
 * Link a city's committed unsealed records into its chain, oldest id first: each gets the
 * next seq, the previous hash and its own SM3 hash. Sealers of a city queue on its head row;
 * the business writes that made the records never wait for it. Returns how many were sealed.
 */
export async function sealCity(db: Db, cityCode: string): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction().execute(async (tx) => {
      const head = await repo.lockHead(tx, cityCode);
      const rows = await repo.unsealedRecords(tx, cityCode, SEAL_BATCH);
      let { seq, hash } = head;
      const seals = rows.map((row) => {
        seq += 1;
        const prevHash = hash;
        hash = recordHash(chainRecordOf(row, seq, prevHash), sm3Hex);
        return { id: row.id, seq, prevHash, hash };
      });
      await repo.sealRecords(tx, cityCode, seals);
      return rows.length;
    });
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

/** Seal every city's pending records (at start, before a verification, at the end of a CLI command). */
export async function sealAll(db: Db): Promise<number> {
  let total = 0;
  for (const city of await repo.unsealedCities(db)) total += await sealCity(db, city);
  return total;
}

interface SealerLog {
  error(object: object, message: string): void;
}

/**
 * The process's sealer: a response whose request appended records kicks it for their city
 * (after the commit, so they are visible); one run per city at a time, and kicks during a run
 * make it go round once more, so a storm of writes is sealed in a few batches. A sweep
 * every `sweepMs` catches records written outside a request (jobs, imports, another process).
 */
export class AuditSealer {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: SealerLog,
  ) {}

  kick(cityCode: string): void {
    if (this.stopped) return;
    if (this.running.has(cityCode)) {
      this.again.add(cityCode);
      return;
    }
    const run = (async () => {
      do {
        this.again.delete(cityCode);
        await sealCity(this.db, cityCode);
      } while (this.again.has(cityCode) && !this.stopped);
    })()
      .catch((error: unknown) => this.log.error({ err: error, cityCode }, 'audit records not sealed yet; the sweep retries'))
      .finally(() => this.running.delete(cityCode));
    this.running.set(cityCode, run);
  }

  startSweep(sweepMs: number): void {
    this.timer = setInterval(() => void this.sweep(), sweepMs);
    this.timer.unref();
  }

  private async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      for (const city of await repo.unsealedCities(this.db)) this.kick(city);
    } catch (error) {
      this.log.error({ err: error }, 'audit sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  /** Stop kicking and sweeping, let runs in flight finish, and seal what is left. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.running.values());
    await sealAll(this.db).catch((error: unknown) => this.log.error({ err: error }, 'audit records left unsealed at stop'));
  }
}
