import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type EmbeddedServer, startEmbeddedPostgres, withDatabase } from '../server/db/embedded.js';
import { migrate } from '../server/db/migrate.js';

export interface TestDatabaseServer {
  mode: 'embedded' | 'external';
  /** Connection URL of the maintenance database on the server (creates and drops test databases). */
  adminUrl: string;
  /** A migrated database that every test file clones. */
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseServer;
  }
}

/** Start (or reach) the PostgreSQL server of this run and prepare the migrated template. */
export default async function setup(project: TestProject) {
  const externalUrl = process.env.JULI_TEST_DATABASE_URL;
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let adminUrl: string;
  if (externalUrl) {
    adminUrl = externalUrl;
  } else {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'juli-test-'));
    embedded = await startEmbeddedPostgres({ dataDir });
    adminUrl = embedded.url;
  }
  const template = `juli_template_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 1 });
  await migrate(pool);
  await pool.end();
  project.provide('testDatabase', { mode: externalUrl ? 'external' : 'embedded', adminUrl, template });

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };
}
