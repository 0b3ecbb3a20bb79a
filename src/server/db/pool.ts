import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './schema.js';

// bigint ids and counts fit in a double; numeric (money) stays a string: exact decimals only.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
});

// numeric stays an exact decimal string, in canonical form ('120000.5000' → '120000.5');
// numeric[] too (pg would parse its elements as binary floats).
const canonicalDecimal = (value: string) => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, canonicalDecimal);
const NUMERIC_ARRAY_OID = 1231 as Parameters<typeof pg.types.setTypeParser>[0];
pg.types.setTypeParser(NUMERIC_ARRAY_OID, (value: string) =>
  value === '{}'
    ? []
    : value
        .slice(1, -1)
        .split(',')
        .map((v) => (v === 'NULL' ? null : canonicalDecimal(v))),
);
// A civil date stays a 'yyyy-mm-dd' string: no time zone can shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * A statement whose text starts with this runs as a named prepared statement on its
 * connection: parsed once, and planned once when PostgreSQL finds the generic plan as good.
 * Only for small, hot statements with selective parameters (`executePrepared` in lib/sql.ts);
 * the rest are planned for their values each time.
 */
export const PREPARED_MARK = '/*prepared*/ ';

/**
 * A statement whose text starts with this is a `COPY … FROM STDIN`; its one parameter is the
 * data in COPY's text format (`copyStatement` in lib/sql.ts builds both). It runs on the connection of the caller's
 * transaction, like any other statement of it.
 */
export const COPY_IN_MARK = '/*copy-in*/ ';

type QueryFn = (...args: unknown[]) => unknown;

/** Streams the data of a COPY_IN_MARK statement; resolves like a query (Kysely reads command and rowCount). */
async function runCopyIn(client: pg.PoolClient, text: string, data: string) {
  const stream = client.query(copyFrom(text));
  await pipeline(Readable.from([Buffer.from(data)]), stream);
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}

/** The statement marks of this module (PREPARED_MARK, COPY_IN_MARK) on one connection. */
function byMark(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  const names = new Map<string, string>();
  (client as unknown as { query: QueryFn }).query = (first: unknown, ...rest: unknown[]) => {
    if (typeof first === 'string' && first.startsWith(COPY_IN_MARK)) {
      const [values, callback] = rest as [unknown[] | undefined, unknown];
      const done =
        values?.length === 1 && typeof values[0] === 'string'
          ? runCopyIn(client, first, values[0])
          : Promise.reject(new Error('a COPY statement takes its data as its one parameter'));
      if (typeof callback !== 'function') return done;
      // pg's pool.query passes a callback and releases the client in it.
      done.then(
        (result) => callback(null, result),
        (error: unknown) => callback(error),
      );
      return undefined;
    }
    if (typeof first !== 'string' || !first.startsWith(PREPARED_MARK)) return query(first, ...rest);
    let name = names.get(first);
    if (!name) {
      name = `juli_${createHash('sha1').update(first).digest('hex').slice(0, 20)}`;
      names.set(first, name);
    }
    const [values, callback] = rest;
    return query({ name, text: first, values }, callback);
  };
}

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
  // A connection dropped by the server (restart, failover, shutdown) must not crash the
  // process: idle ones are discarded by the pool; one in use fails its query, which the
  // request turns into an error response, and is discarded on release.
  const onError =
    options.onIdleError ??
    ((error: Error) => process.stderr.write(`${JSON.stringify({ level: 40, msg: 'database connection lost', err: error.message })}\n`));
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
    byMark(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
