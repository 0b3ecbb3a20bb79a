import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '../server/db/embedded.js';
import { type Db, createDb } from '../server/db/pool.js';

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  pool: pg.Pool;
  mode: 'embedded' | 'external';
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template; dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject('testDatabase');
  const name = `juli_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${server.template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(server.adminUrl, name);
  // Dropping the database ends idle connections from the server side; that is expected here.
  const { db, pool } = createDb(url, { max: 4, onIdleError: () => {} });
  return {
    name,
    url,
    db,
    pool,
    mode: server.mode,
    async drop() {
      await db.destroy();
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
