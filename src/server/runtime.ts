import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { DEFAULT_LOCALE } from '../contracts/index.js';
import { buildApp, type BuildOptions } from './app.js';
import type { Config } from './config.js';
import { type EmbeddedServer, startEmbeddedPostgres, withDatabase } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { type Db, createDb } from './db/pool.js';
import type { AppDeps } from './deps.js';
import { type Clock, systemClock } from './lib/clock.js';
import type { RequestContext } from './lib/context.js';
import { FieldCipher } from './lib/crypto.js';
import type { IdentityDeps } from './modules/identity/index.js';

/** The embedded server keeps Juli's data in this database (the `postgres` one stays empty). */
export const EMBEDDED_DATABASE = 'juli';

export interface Database {
  db: Db;
  pool: pg.Pool;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

/** Open the database of this configuration: start the embedded server when there is no DATABASE_URL. */
export async function openDatabase(config: Config, log: (message: string) => void = () => {}): Promise<Database> {
  let url = config.db.url;
  let embedded: EmbeddedServer | null = null;
  if (config.db.mode === 'embedded') {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.db.embeddedPort, log });
    const admin = new pg.Client({ connectionString: embedded.url });
    try {
      await admin.connect();
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    } catch (error) {
      await embedded.stop();
      throw error;
    } finally {
      await admin.end().catch(() => {});
    }
    url = withDatabase(embedded.url, EMBEDDED_DATABASE);
  }
  if (!url) throw new Error('no database URL');
  const { db, pool } = createDb(url);
  return {
    db,
    pool,
    embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

/**
 * Drop and recreate Juli's database on the embedded server (demo mode only: a first start
 * that died half-way through the demo seed starts again from nothing).
 */
async function recreateEmbeddedDatabase(database: Database): Promise<Database> {
  if (!database.embedded) throw new Error('only the embedded database is ever recreated');
  await database.db.destroy();
  const admin = new pg.Client({ connectionString: database.embedded.url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${EMBEDDED_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end().catch(() => {});
  }
  const { db, pool } = createDb(withDatabase(database.embedded.url, EMBEDDED_DATABASE));
  const embedded = database.embedded;
  return {
    db,
    pool,
    embedded,
    async close() {
      await db.destroy();
      await embedded.stop();
    },
  };
}

/** The deployment secret: from JULI_SECRET, or (embedded mode only) generated once into the data directory. */
export async function resolveSecret(config: Config): Promise<string> {
  if (config.secret) return config.secret;
  if (config.db.mode !== 'embedded') throw new Error('JULI_SECRET is required with DATABASE_URL');
  const file = path.join(config.dataDir, 'secret');
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  await fs.mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function identityDeps(config: Config, db: Db, cipher: FieldCipher): IdentityDeps {
  return {
    db,
    cipher,
    policy: {
      idleMinutes: config.auth.idleMinutes,
      absoluteHours: config.auth.absoluteHours,
      passwordPolicy: config.auth.passwordPolicy,
      lockoutThreshold: config.auth.lockoutThreshold,
      lockoutMinutes: config.auth.lockoutMinutes,
      totpRequiredForAll: config.auth.totpRequiredForAll,
    },
  };
}

export function appDeps(config: Config, database: Pick<Database, 'db' | 'pool'>, secret: string, clock: Clock = systemClock): AppDeps {
  const cipher = new FieldCipher(secret);
  return {
    config,
    db: database.db,
    pool: database.pool,
    clock,
    cipher,
    identity: identityDeps(config, database.db, cipher),
    startedAt: clock.now(),
  };
}

/** The context of work done by the system itself (start-up seed, CLI): no actor, a fresh request id. */
export function systemContext(clock: Clock = systemClock, source = 'console'): RequestContext {
  return { actor: null, requestId: `${source}-${randomUUID()}`, sourceIp: null, locale: DEFAULT_LOCALE, now: clock.now() };
}

export interface Running {
  app: FastifyInstance;
  database: Database;
  url: string;
  close(): Promise<void>;
}

/** How often the sealer looks for audit records written outside a request (jobs, imports, the CLI). */
const AUDIT_SWEEP_MS = 1000;

/** `juli start`: database, migrations, demo seed (demo mode only), HTTP. */
export async function startJuli(config: Config, options: BuildOptions & { clock?: Clock } = {}): Promise<Running> {
  const clock = options.clock ?? systemClock;
  let database = await openDatabase(config);
  try {
    await migrate(database.pool);
    if (config.isDemo && database.embedded) {
      const { isDemoIncomplete } = await import('./modules/demo/index.js');
      if (await isDemoIncomplete(database.db)) {
        process.stderr.write('the demo seed of an earlier start did not finish: starting again on an empty database\n');
        database = await recreateEmbeddedDatabase(database);
        await migrate(database.pool);
      }
    }
    const deps = appDeps(config, database, await resolveSecret(config), clock);
    const app = await buildApp(deps, options);
    if (config.isDemo) {
      const { seedDemoIfEmpty } = await import('./modules/demo/index.js');
      const seeded = await seedDemoIfEmpty(database.db, deps.identity, systemContext(clock, 'demo-seed'));
      if (seeded) app.log.info(seeded, 'demo data created (演示数据)');
    }
    const { purgeDeadSessions } = await import('./modules/identity/index.js');
    await purgeDeadSessions(database.db, clock.now());
    const { failInterruptedImports } = await import('./modules/sheets/index.js');
    const interrupted = await failInterruptedImports(database.db);
    if (interrupted) app.log.warn({ interrupted }, 'imports interrupted by the last stop were marked failed');
    // Records a stopped or killed run left unsealed are linked before anyone reads the trail.
    const { sealAll } = await import('./modules/audit/index.js');
    await sealAll(database.db);
    app.auditSealer.startSweep(AUDIT_SWEEP_MS);
    const url = await app.listen({ port: config.http.port, host: config.http.host });
    // Reminders, escalation, digests and outbound delivery, by this process's clock.
    const { scheduledJobs } = await import('./modules/problems/index.js');
    const { startScheduler } = await import('./modules/notifications/index.js');
    const scheduler = config.scheduler.enabled ? startScheduler(deps.db, clock, scheduledJobs(deps, app.log), app.log) : null;
    let closing: Promise<void> | undefined;
    return {
      app,
      database,
      url,
      close: () => {
        closing ??= (async () => {
          // A job in flight finishes before the database goes.
          await scheduler?.stop();
          await app.close();
          // An import still writing finishes (or rolls back) before the database goes.
          const { importsSettled } = await import('./modules/sheets/index.js');
          await importsSettled();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    // A failed start (a migration, the demo seed) must end the process: a connection still
    // checked out would hold the pool's end forever, so the embedded server stops regardless.
    await Promise.race([database.db.destroy(), sleep(10_000)]).catch(() => {});
    await database.embedded?.stop().catch(() => {});
    throw error;
  }
}
