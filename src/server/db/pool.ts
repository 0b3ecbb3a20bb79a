import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// bigint ids and counts fit in a double; numeric (money) stays a string: exact decimals only.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
});

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the pool or a transaction: repos accept both so services decide the unit of work. */
export type Executor = Kysely<Database>;

export function createDb(url: string, options: { max?: number; onIdleError?: (error: Error) => void } = {}): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // Every session runs in the city's time zone, so date truncation is done in Asia/Shanghai.
    options: '-c timezone=Asia/Shanghai',
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool discards it and opens a new one on the next query.
  pool.on(
    'error',
    options.onIdleError ??
      ((error) => process.stderr.write(`${JSON.stringify({ level: 40, msg: 'idle database connection lost', err: error.message })}\n`)),
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
