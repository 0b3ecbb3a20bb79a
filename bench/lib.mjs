// Shared helpers for the benchmarks in bench/: starting and stopping Juli on a data
// directory of our own, finding its embedded PostgreSQL, HTTP calls, and printing.
// Every child process and temp directory made here is registered and removed again,
// also when a benchmark fails or is interrupted (Ctrl-C).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const JULI_BIN = path.join(ROOT, 'bin', 'juli.mjs');
export const DEMO_PASSWORD = 'Juli#Hy2022';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export { sleep };

/** The promise's value, or null after ms (the timer is cleared, so it keeps nothing alive). */
export async function within(promise, ms) {
  let timer;
  try {
    return await Promise.race([promise, new Promise((r) => (timer = setTimeout(() => r(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- cleanup registry

const children = new Set(); // ChildProcess
const tempDirs = new Set(); // absolute paths of work directories (each may hold a data/ dir)
const postmasters = new Set(); // { pid, pgDir }
const cleanups = []; // async functions run first by cleanupAll (e.g. drop a database on an external server)

/** Register an async clean-up step (run once, after our Juli processes are stopped and before their PostgreSQL is; errors are printed, not thrown). */
export function onCleanup(fn) {
  cleanups.push(fn);
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The postmaster pid from <dataDir>/pg/postmaster.pid, if that process runs on this cluster. */
export function postmasterPid(dataDir) {
  const pgDir = path.join(dataDir, 'pg');
  let first;
  try {
    first = readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  } catch {
    return null;
  }
  const pid = Number.parseInt(first ?? '', 10);
  return pid > 0 && isAlive(pid) && cmdline(pid).includes(pgDir) ? pid : null;
}

/** Remember a postmaster so that cleanup stops it if it is still running at the end. */
export function trackPostmaster(dataDir) {
  const pid = postmasterPid(dataDir);
  if (pid) postmasters.add({ pid, pgDir: path.join(dataDir, 'pg') });
  return pid;
}

/** The state letter of a process from /proc/<pid>/status (R, S, D, Z …), or null when it is gone. */
export function procState(pid) {
  try {
    return /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** True once the process has exited: gone, or a zombie that its parent (or init) has not reaped yet. */
export function hasExited(pid) {
  return !isAlive(pid) || procState(pid) === 'Z';
}

async function waitGone(pid, ms) {
  const deadline = Date.now() + ms;
  while (!hasExited(pid) && Date.now() < deadline) await sleep(25);
  return hasExited(pid);
}

/** Stop a postmaster of ours: fast shutdown, then immediate, then kill. */
export async function stopPostmaster(pid, pgDir) {
  for (const [signal, ms] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ]) {
    if (!isAlive(pid) || !cmdline(pid).includes(pgDir)) return true;
    try {
      process.kill(pid, signal);
    } catch {
      return true;
    }
    if (await waitGone(pid, ms)) return true;
  }
  return !isAlive(pid);
}

/** Stop everything still running and remove every temp directory (async, thorough). */
export async function cleanupAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const gone = await within(child.exited, 15_000);
      if (!gone) child.kill('SIGKILL');
    }
    children.delete(child);
  }
  // After the servers we started are stopped, before their PostgreSQL is.
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (error) {
      process.stderr.write(`cleanup: ${error?.message ?? error}\n`);
    }
  }
  for (const pm of postmasters) {
    await stopPostmaster(pm.pid, pm.pgDir);
    postmasters.delete(pm);
  }
  for (const dir of tempDirs) {
    // A postmaster we did not see (started after the last trackPostmaster) may still run.
    const dataDir = path.join(dir, 'data');
    const pid = postmasterPid(dataDir);
    if (pid) await stopPostmaster(pid, path.join(dataDir, 'pg'));
    rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  }
}

/** Last resort on process exit: no waiting possible, so kill hard and remove what we can. */
function cleanupSync() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {}
    }
  }
  for (const dir of tempDirs) {
    const pid = postmasterPid(path.join(dir, 'data'));
    if (pid) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {}
    }
  }
  for (const pm of postmasters) {
    if (isAlive(pm.pid) && cmdline(pm.pid).includes(pm.pgDir)) {
      try {
        process.kill(pm.pid, 'SIGQUIT');
      } catch {}
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

let handlersInstalled = false;
function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', cleanupSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: cleaning up …\n`);
      cleanupAll().finally(() => process.exit(130));
    });
  }
}

/**
 * Run a benchmark body; always clean up; print the error and set exit code 1 on failure.
 * The body returns the exit code it wants (0 when every check passed).
 */
export async function runBench(name, body) {
  installHandlers();
  let code = 1;
  try {
    code = await body();
  } catch (error) {
    process.stderr.write(`${name}: ${error?.stack ?? error}\n`);
    process.stdout.write(`${JSON.stringify({ bench: name, ok: false, error: String(error?.message ?? error) })}\n`);
    code = 1;
  } finally {
    await cleanupAll();
  }
  process.exitCode = code;
}

/**
 * A fresh work directory (0755 so that the postgres OS user can traverse to its cluster):
 * { work, dataDir: <work>/data (not created: Juli makes it) }. Removed by cleanup.
 */
export function makeWorkDir(prefix) {
  const base = process.env.BENCH_TMPDIR || os.tmpdir();
  const work = mkdtempSync(path.join(base, `juli-bench-${prefix}-`));
  chmodSync(work, 0o755);
  tempDirs.add(work);
  return { work, dataDir: path.join(work, 'data') };
}

/** The environment for a Juli process on dataDir: embedded mode, nothing inherited that would change it. */
function juliEnv(dataDir, extra = {}) {
  const env = { ...process.env };
  for (const key of ['DATABASE_URL', 'PORT', 'HOST', 'JULI_DATA_DIR', 'JULI_DEMO', 'JULI_EMBEDDED_PG_PORT']) delete env[key];
  return { ...env, JULI_DATA_DIR: dataDir, ...extra };
}

// ---------------------------------------------------------------- build

/** Build the server when dist/ has no CLI yet (or when forced). */
export function ensureBuilt({ force = false } = {}) {
  if (!force && existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) return false;
  process.stderr.write('building the server (npm run build:server) …\n');
  const result = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm run build:server failed (exit ${result.status})`);
  return true;
}

// ---------------------------------------------------------------- processes

export async function freePort() {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Spawn a process with stdout+stderr appended to logFile; registered for cleanup. */
export function spawnLogged(command, args, { env = process.env, logFile, cwd = ROOT } = {}) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  children.add(child);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.exited.then(() => children.delete(child));
  return child;
}

/**
 * Start `juli start` on dataDir (nodeArgs before the script, e.g. --cpu-prof), its output appended to logFile. Returns
 * { child, port, base, t0, … } where t0 is the high-resolution time (ms) just before the spawn.
 */
export function startJuli({ dataDir, port, logFile, env = {}, nodeArgs = [] }) {
  const childEnv = juliEnv(dataDir, { PORT: String(port), ...env });
  const t0 = performance.now();
  const child = spawnLogged(process.execPath, [...nodeArgs, JULI_BIN, 'start'], { env: childEnv, logFile });
  return { child, port, dataDir, logFile, t0, base: `http://127.0.0.1:${port}` };
}

/** Poll GET /api/health until a 200; returns ms since juli.t0. Fails when the process exits first. */
export async function waitHealthy(juli, timeoutMs = 120_000) {
  let exited = null;
  juli.child.exited.then((e) => {
    exited = e;
  });
  const deadline = juli.t0 + timeoutMs;
  while (performance.now() < deadline) {
    if (exited)
      throw new Error(`Juli exited before it was healthy (${JSON.stringify(exited)}); log: ${juli.logFile}\n${tail(juli.logFile)}`);
    try {
      const res = await request('GET', `${juli.base}/api/health`, { timeoutMs: 2_000 });
      if (res.status === 200) return performance.now() - juli.t0;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`Juli not healthy after ${timeoutMs} ms; log: ${juli.logFile}\n${tail(juli.logFile)}`);
}

/** The first error line the log shows after its last "shutting down" line (why a stop failed). */
export function shutdownError(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const after = text.slice(Math.max(0, text.lastIndexOf('shutting down')));
  const line = after.split('\n').find((l) => /^\s*(\w*Error|error)[: ]/.test(l));
  return line?.trim() ?? null;
}

/** "exit 143 (= 128 + SIGTERM): <first error line>" — how a stopped server ended, for reports. */
export function describeExit({ code, signal }, logFile) {
  if (signal) return `killed by ${signal}`;
  let text = `exit ${code}`;
  if (code > 128) {
    const name = Object.entries(os.constants.signals).find(([, n]) => n === code - 128)?.[0];
    if (name) text += ` (= 128 + ${name})`;
  }
  const error = code === 0 ? null : shutdownError(logFile);
  return error ? `${text}: ${error}` : text;
}

export function tail(file, lines = 15) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Stop Juli with SIGTERM and wait for it and for its postmaster to be gone.
 * Returns { code, signal, stopMs, pgStopped, forced }.
 */
export async function stopJuli(juli, { timeoutMs = 30_000 } = {}) {
  const pm = postmasterPid(juli.dataDir);
  if (pm) postmasters.add({ pid: pm, pgDir: path.join(juli.dataDir, 'pg') });
  const t = performance.now();
  let forced = false;
  if (juli.child.exitCode === null && juli.child.signalCode === null) juli.child.kill('SIGTERM');
  let result = await within(juli.child.exited, timeoutMs);
  if (!result) {
    forced = true;
    juli.child.kill('SIGKILL');
    result = await juli.child.exited;
  }
  // The node process may be gone before its postmaster has finished shutting down.
  let pgStopped = true;
  if (pm) {
    pgStopped = await waitGone(pm, 15_000);
    if (!pgStopped) {
      forced = true;
      await stopPostmaster(pm, path.join(juli.dataDir, 'pg'));
    }
  }
  return { code: result.code, signal: result.signal, stopMs: performance.now() - t, pgStopped, forced };
}

/** Run the juli CLI to completion (e.g. `audit verify`) on dataDir. */
export function runJuliCli(args, { dataDir, timeoutMs = 120_000 }) {
  const t = performance.now();
  const result = spawnSync(process.execPath, [JULI_BIN, ...args], {
    cwd: ROOT,
    env: juliEnv(dataDir),
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  const ms = performance.now() - t;
  // A CLI that died during its shutdown may leave its postmaster still shutting down:
  // give it 10 s to go; one still there after that was left running (cleanup stops it).
  let pm = postmasterPid(dataDir);
  const lagStart = performance.now();
  while (pm && performance.now() - lagStart < 10_000) {
    spawnSync('sleep', ['0.05']);
    pm = postmasterPid(dataDir);
  }
  if (pm) postmasters.add({ pid: pm, pgDir: path.join(dataDir, 'pg') });
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    ms,
    postmasterLagMs: performance.now() - lagStart,
    leftPostmaster: pm,
  };
}

// ---------------------------------------------------------------- /proc

/** { VmRSS, VmHWM } of a process in KiB (null when it is gone). */
export function procStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
    return { rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
  } catch {
    return null;
  }
}

/** Proportional set size (KiB): shared pages divided among the processes that map them. */
export function procPss(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

/** Direct children of pid, from /proc/<n>/stat (field 4 is the ppid). */
export function childPids(pid) {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm (field 2) may contain spaces and parentheses: parse after the last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[1]) === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const CLK_TCK = 100; // getconf CLK_TCK on Linux x86_64

/** User+system CPU seconds a process has used so far (0 when it is gone). */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state): utime is field 14, stime field 15.
    return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** CPU seconds of the postmaster of dataDir and its current children. */
export function postgresCpuSeconds(dataDir) {
  const pm = postmasterPid(dataDir);
  if (!pm) return 0;
  return [pm, ...childPids(pm)].reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

/** Memory of the embedded PostgreSQL of dataDir: the postmaster and all its children. */
export function postgresMemory(dataDir) {
  const pm = postmasterPid(dataDir);
  if (!pm) return null;
  const pids = [pm, ...childPids(pm)];
  let rssKiB = 0;
  let pssKiB = 0;
  for (const pid of pids) {
    rssKiB += procStatus(pid)?.rssKiB ?? 0;
    pssKiB += procPss(pid) || 0;
  }
  return { postmaster: pm, processes: pids.length, rssKiB, pssKiB };
}

// ---------------------------------------------------------------- HTTP

const agent = new http.Agent({ keepAlive: false });

/** A small HTTP client: { status, headers, body (parsed JSON when possible) }. */
export function request(method, url, { headers = {}, json, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body = text;
          try {
            body = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode, headers: res.headers, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${url}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Sign in; returns { cookie: 'juli_sid=…', csrf }. */
export async function login(base, username = 'operator', password = DEMO_PASSWORD) {
  const res = await request('POST', `${base}/api/v1/auth/login`, { json: { username, password } });
  if (res.status !== 200) throw new Error(`login as ${username}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = [res.headers['set-cookie'] ?? []].flat();
  const sid = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('juli_sid='));
  if (!sid) throw new Error(`login as ${username}: no juli_sid cookie (${JSON.stringify(setCookie)})`);
  const session = await request('GET', `${base}/api/v1/auth/session`, { headers: { cookie: sid } });
  if (session.status !== 200) throw new Error(`session: HTTP ${session.status} ${JSON.stringify(session.body)}`);
  const csrf = findKey(session.body, 'csrfToken');
  if (!csrf) throw new Error(`session: no csrfToken in ${JSON.stringify(session.body)}`);
  return { cookie: sid, csrf };
}

function findKey(value, key) {
  if (!value || typeof value !== 'object') return undefined;
  if (key in value) return value[key];
  for (const v of Object.values(value)) {
    const found = findKey(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------- credit codes

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 32100 check character of a 17-character prefix (as src/contracts/uscc.ts). */
export function usccCheckCharacter(prefix17) {
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    sum += USCC_CHARSET.indexOf(prefix17.charAt(i)) * w;
    w = (w * 3) % 31;
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** A random valid enterprise credit code in division (as demoUscc in the demo seed). */
export function randomUscc(division = '430400') {
  let body = 'MA';
  for (let i = 0; i < 6; i++) body += USCC_CHARSET.charAt(Math.floor(Math.random() * USCC_CHARSET.length));
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body.charAt(i);
    sum += (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * GB11714_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  const prefix = `91${division}${body}${c === 10 ? 'X' : c === 11 ? '0' : String(c)}`;
  return prefix + usccCheckCharacter(prefix);
}

// ---------------------------------------------------------------- output

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round = (x, digits = 0) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
export const mib = (kib) => round(kib / 1024, 1);

/** Print rows (arrays of cells, first row the header) as an aligned text table. */
export function printTable(title, rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  // Columns of numbers are right-aligned, text columns left-aligned.
  const numeric = rows[0].map((_, i) => i > 0 && rows.slice(1).every((r) => r[i] == null || r[i] === '-' || typeof r[i] === 'number'));
  const line = (r) =>
    r
      .map((c, i) => (numeric[i] ? String(c ?? '').padStart(widths[i]) : String(c ?? '').padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  process.stdout.write(`\n${title}\n${line(rows[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows.slice(1)) process.stdout.write(`${line(r)}\n`);
}

const loadAtStart = os.loadavg()[0];

/**
 * Facts about this machine, for the JSON line. The load averages tell whether something
 * else was running (the one at the end includes this benchmark's own load).
 */
export function machine() {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadavg1mAtStart: round(loadAtStart, 2),
    loadavg1mAtEnd: round(os.loadavg()[0], 2),
    date: new Date().toISOString(),
  };
}

export function parseArgs(defaults) {
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    const key = m[1].replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!(key in out)) throw new Error(`unknown option --${m[1]} (known: ${Object.keys(defaults).join(', ')})`);
    const raw = m[2] ?? (typeof out[key] === 'boolean' ? 'true' : argv[++i]);
    out[key] = typeof out[key] === 'number' ? Number(raw) : typeof out[key] === 'boolean' ? raw !== 'false' : raw;
  }
  return out;
}
