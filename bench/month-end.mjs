// P1 month-end storm (issue: reporting rhythm, 月报): N concurrent authenticated clients,
// each a reporting unit's session (role reporting_unit, scoped to its own county) saving its
// unit's monthly grid over HTTP (PUT /api/v1/reports/grid) against a real running Juli
// (`node bin/juli.mjs start`, the compiled server), versus the raw driver insert rate into
// the same table (report_version) on the same database: `pg`, the same row shape (the
// columns Juli writes, one multi-row INSERT per grid save), the same concurrency.
// Goal: Juli ≥ 40 % of raw (rows/s), no errors. Runs on the embedded PostgreSQL and on an
// external one (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; skipped with
// a message when none answers).
//
//   node bench/month-end.mjs [--clients 32] [--rows 25] [--duration 15] [--warmup 3]
//                            [--targets embedded,external] [--external-url postgres://…] [--cpu-prof-dir DIR]
//
// Each client owns a unit with --rows projects (started, no monthly plan) and saves its whole
// grid for one month per request: months 2019-01 … 2026-10 in turn, baseVersion 0 on the
// first pass over the months, then the version it last saved (a re-save with changed figures).
// Every 10th row jumps above 3× last month's figure and carries an explanation (the jump
// check's rule). The raw reference runs before and after Juli (its rows of the first run
// are deleted and the table vacuumed before Juli runs); Juli's ratio is against their mean.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  cpuSeconds,
  ensureBuilt,
  freePort,
  login,
  machine,
  makeWorkDir,
  onCleanup,
  parseArgs,
  postgresCpuSeconds,
  printTable,
  round,
  runBench,
  startJuli,
  stopJuli,
  trackPostmaster,
  waitHealthy,
} from './lib.mjs';

const opts = parseArgs({
  clients: 32,
  rows: 25,
  duration: 15,
  warmup: 3,
  targets: 'embedded,external',
  externalUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  cpuProfDir: '',
});
const dist = (p) => import(path.join(ROOT, 'dist', p));
const CITY = '430400';
const PASSWORD = 'Bench#Pass2026';
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const loadAtStart = (await import('node:os')).loadavg();
process.stdout.write(`load average at start: ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}\n`);

/** Months 2019-01 … 2026-10: all before today's month (2026-11-30), so none is a future month. */
const MONTHS = [];
for (let y = 2019; y <= 2026; y++) for (let m = 1; m <= 12; m++) if (y < 2026 || m <= 10) MONTHS.push(`${y}-${String(m).padStart(2, '0')}`);

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : Number.NaN);

/** The figure of a row: 100 + pass (万元), every 10th project ×5 (a jump that needs an explanation) in odd months. */
function rowFor(projectId, index, monthIndex, pass, baseVersion) {
  const jump = index % 10 === 0 && monthIndex % 2 === 1;
  const investment = String((100 + pass) * (jump ? 5 : 1));
  return {
    projectId,
    investment,
    progressText: `形象进度 ${monthIndex}`,
    problemsText: null,
    explanation: jump ? '设备集中到货，本月投资较上月大幅增加' : null,
    baseVersion,
  };
}

// ---------------------------------------------------------------- HTTP with keep-alive

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

function put(url, headers, body) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method: 'PUT',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, accept: 'application/json', ...headers },
        timeout: 60_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode, body: json ?? text });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout after 60 s')));
    req.on('error', reject);
    req.end(payload);
  });
}

// ---------------------------------------------------------------- load phases

/**
 * Run `clients` loops of `step(client)` for warmup + duration seconds; a request counts when
 * it started after the warm-up and ended before the deadline. Returns the measured figures.
 */
async function drive(clients, step, { warmupS, durationS, cpu }) {
  const t0 = performance.now();
  const measureFrom = t0 + warmupS * 1000;
  const deadline = measureFrom + durationS * 1000;
  const latencies = [];
  let rows = 0;
  let errors = 0;
  const errorSamples = [];
  let cpuStart = null;
  const cpuTimer = setTimeout(() => {
    cpuStart = cpu();
  }, warmupS * 1000);
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const started = performance.now();
        let outcome;
        try {
          outcome = await step(client);
        } catch (error) {
          outcome = { ok: false, error: String(error?.message ?? error) };
        }
        const ended = performance.now();
        if (started < measureFrom || ended > deadline) continue;
        latencies.push(ended - started);
        if (outcome.ok) rows += outcome.rows;
        else {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(outcome.error);
        }
      }
    }),
  );
  clearTimeout(cpuTimer);
  const cpuEnd = cpu();
  latencies.sort((a, b) => a - b);
  const cpuPercent = (key) => (cpuStart ? round(((cpuEnd[key] - cpuStart[key]) / durationS) * 100) : null);
  return {
    requests: latencies.length,
    rowsPerSec: round(rows / durationS),
    requestsPerSec: round(latencies.length / durationS, 1),
    p50Ms: round(quantile(latencies, 0.5), 1),
    p99Ms: round(quantile(latencies, 0.99), 1),
    maxMs: round(latencies.at(-1) ?? Number.NaN, 1),
    errors,
    errorSamples,
    serverCpuPercent: cpuPercent('server'),
    pgCpuPercent: cpuPercent('pg'),
  };
}

const COLUMNS = [
  'city_code',
  'project_id',
  'month',
  'version',
  'kind',
  'investment',
  'progress_text',
  'problems_text',
  'explanation',
  'reason',
  'submitted_by',
  'submitted_name',
  'submitted_at',
];

/** The raw reference: each client inserts its unit's rows, one multi-row INSERT per "grid", on its own connection. */
async function rawPhase(pg, url, units, { versionBase, cpu }) {
  const pool = new pg.Pool({ connectionString: url, max: units.length });
  pool.on('error', () => {});
  onCleanup(async () => await pool.end().catch(() => {}));
  const sqlText = (n) =>
    `INSERT INTO report_version (${COLUMNS.join(', ')}) VALUES ${Array.from(
      { length: n },
      (_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`,
    ).join(', ')}`;
  const clients = units.map((u) => ({ ...u, counter: 0 }));
  // Open the connections before the clock runs (Juli's pool is warm too).
  await Promise.all(clients.map(() => pool.query('SELECT 1')));
  const result = await drive(
    clients,
    async (c) => {
      const k = c.counter++;
      const month = `${MONTHS[k % MONTHS.length]}-01`;
      const version = versionBase + Math.floor(k / MONTHS.length) + 1;
      const values = [];
      c.projectIds.forEach((projectId, i) => {
        const row = rowFor(projectId, i, k % MONTHS.length, version, 0);
        values.push(
          CITY,
          projectId,
          month,
          version,
          'submission',
          row.investment,
          row.progressText,
          row.problemsText,
          row.explanation,
          null,
          c.userId,
          c.username,
          new Date(),
        );
      });
      await pool.query(sqlText(c.projectIds.length), values);
      return { ok: true, rows: c.projectIds.length };
    },
    { warmupS: opts.warmup, durationS: opts.duration, cpu },
  );
  await pool.end();
  return result;
}

/** Juli: each client PUTs its unit's whole grid for the next month (baseVersion as the grid would send it). */
async function juliPhase(base, units, { cpu }) {
  const clients = units.map((u) => ({ ...u, counter: 0, versions: new Map() }));
  return await drive(
    clients,
    async (c) => {
      const k = c.counter++;
      const monthIndex = k % MONTHS.length;
      const month = MONTHS[monthIndex];
      const pass = Math.floor(k / MONTHS.length);
      const baseVersion = c.versions.get(month) ?? 0;
      const body = { month, rows: c.projectIds.map((id, i) => rowFor(id, i, monthIndex, pass, baseVersion)) };
      const res = await put(`${base}/api/v1/reports/grid`, { cookie: c.cookie, 'x-csrf-token': c.csrf }, body);
      if (res.status !== 200) return { ok: false, error: `HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}` };
      if (res.body.saved !== c.projectIds.length)
        return { ok: false, error: `saved ${res.body.saved} of ${c.projectIds.length} (${JSON.stringify(res.body)})` };
      c.versions.set(month, baseVersion + 1);
      return { ok: true, rows: res.body.saved };
    },
    { warmupS: opts.warmup, durationS: opts.duration, cpu },
  );
}

// ---------------------------------------------------------------- one target (embedded or external)

async function runTarget(target, modules, pg) {
  const { work, dataDir } = makeWorkDir(`month-end-${target}`);
  const port = await freePort();
  const env = { JULI_DEMO: 'false', JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '10000' };
  let dbUrl;
  if (target === 'embedded') {
    env.JULI_EMBEDDED_PG_PORT = String(await freePort());
  } else {
    const admin = new pg.Client({ connectionString: opts.externalUrl, connectionTimeoutMillis: 5000 });
    try {
      await admin.connect();
    } catch (error) {
      return { skipped: `no external PostgreSQL answered at ${opts.externalUrl.replace(/:[^:@/]*@/, ':***@')}: ${error.message}` };
    }
    const version = (await admin.query('SHOW server_version')).rows[0].server_version;
    const name = `juli_bench_${process.pid}_${Date.now().toString(36)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    onCleanup(async () => {
      const c = new pg.Client({ connectionString: opts.externalUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    const u = new URL(opts.externalUrl);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    env.DATABASE_URL = dbUrl;
    env.JULI_SECRET = SECRET;
    process.stdout.write(`external PostgreSQL ${version}, database ${name}\n`);
  }
  const juli = startJuli({
    dataDir,
    port,
    logFile: path.join(work, 'juli.log'),
    env,
    nodeArgs: opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.cpuProfDir, target)}`] : [],
  });
  const startMs = await waitHealthy(juli);
  trackPostmaster(dataDir);
  let secret = SECRET;
  if (target === 'embedded') {
    const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
    dbUrl = `postgres://postgres:${password}@127.0.0.1:${env.JULI_EMBEDDED_PG_PORT}/juli`;
    secret = readFileSync(path.join(dataDir, 'secret'), 'utf8').trim();
  }
  const pgVersion = await (async () => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const v = (await c.query('SHOW server_version')).rows[0].server_version;
    await c.end();
    return v;
  })();

  // ---- setup (not timed): city, one county per client with its projects, one reporting_unit user each
  const { createDb } = modules.pool;
  const database = createDb(dbUrl, { max: 4 });
  onCleanup(async () => await database.db.destroy().catch(() => {}));
  const config = modules.config.loadConfig({ DATABASE_URL: dbUrl, JULI_SECRET: secret, JULI_LOG_LEVEL: 'silent' });
  const deps = modules.runtime.appDeps(config, database, secret);
  const ctx = () => ({ actor: null, requestId: `bench-${Date.now()}`, sourceIp: null, locale: 'zh-CN', now: new Date() });
  const { org, identity } = modules;
  const root = await org.ensureCity(database.db, ctx(), { code: CITY, nameZh: '衡阳市', nameEn: null });
  const unitIds = [];
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < opts.clients; i++)
      unitIds.push(
        await org.importUnit(tx, ctx(), CITY, { parentId: root.id, kind: 'county', code: null, nameZh: `基准县${i}`, nameEn: null }),
      );
  });
  const units = [];
  for (const [i, unitId] of unitIds.entries()) {
    const username = `bench_unit_${i}`;
    const user = await identity.createUserInCity(
      deps.identity,
      ctx(),
      CITY,
      { username, displayName: `基准县${i}填报员`, role: 'reporting_unit', scopeUnitId: unitId, password: PASSWORD },
      { mustChangePassword: false },
    );
    units.push({ unitId, userId: user.id, username });
  }
  // Projects: started in 2019 (so every month 2019-01 … reports), no monthly plan, a large total.
  const projects = await database.pool.query(
    `INSERT INTO project (city_code, name, unit_id, industry_code, category, level, kind, total_investment, created_at, updated_at)
     SELECT $1, '基准项目' || u.i || '-' || g, u.id, '26', 'industrial', 'county', 'continuing', 100000000, now(), now()
     FROM unnest($2::bigint[]) WITH ORDINALITY AS u(id, i), generate_series(1, $3) g
     RETURNING id, unit_id`,
    [CITY, unitIds, opts.rows],
  );
  await database.pool.query(
    `INSERT INTO project_milestone (city_code, project_id, kind, planned_on, actual_on)
     SELECT $1, id, 'start', DATE '2019-01-01', DATE '2019-01-01' FROM unnest($2::bigint[]) AS id`,
    [CITY, projects.rows.map((r) => r.id)],
  );
  await database.pool.query('ANALYZE');
  for (const u of units) u.projectIds = projects.rows.filter((r) => Number(r.unit_id) === u.unitId).map((r) => Number(r.id));
  for (const u of units) Object.assign(u, await login(`http://127.0.0.1:${port}`, u.username, PASSWORD));

  const serverPid = juli.child.pid;
  const cpu = () => ({ server: cpuSeconds(serverPid), pg: target === 'embedded' ? postgresCpuSeconds(dataDir) : 0 });

  process.stdout.write(`[${target}] raw reference (before) …\n`);
  const rawBefore = await rawPhase(pg, dbUrl, units, { versionBase: 100_000, cpu });
  await database.pool.query('DELETE FROM report_version WHERE version > 1000');
  await database.pool.query('VACUUM ANALYZE report_version');
  process.stdout.write(`[${target}] Juli PUT /api/v1/reports/grid …\n`);
  // What Juli's database sessions wait on during the storm: pg_stat_activity every 100 ms.
  const waits = new Map();
  let samples = 0;
  let sampling = false;
  const sampler = setInterval(async () => {
    if (sampling) return;
    sampling = true;
    try {
      const r = await database.pool.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'running (no wait)') AS w, count(*)::int AS n
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' GROUP BY 1`,
      );
      samples++;
      for (const { w, n } of r.rows) waits.set(w, (waits.get(w) ?? 0) + n);
    } catch {}
    sampling = false;
  }, 100);
  const juliRun = await juliPhase(juli.base, units, { cpu });
  clearInterval(sampler);
  const waitTotal = [...waits.values()].reduce((a, b) => a + b, 0);
  juliRun.pgActivity = {
    samples,
    meanActiveSessions: round(waitTotal / Math.max(1, samples), 2),
    top: [...waits.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([w, n]) => ({ state: w, share: round(n / waitTotal, 3) })),
  };
  // Every saved row is there, once (the responses' "saved" against the table).
  const stored = Number((await database.pool.query('SELECT count(*) FROM report_version WHERE version < 1000')).rows[0].count);
  const audit = Number((await database.pool.query(`SELECT count(*) FROM audit_log WHERE action = 'report.submit'`)).rows[0].count);
  process.stdout.write(`[${target}] raw reference (after) …\n`);
  const rawAfter = await rawPhase(pg, dbUrl, units, { versionBase: 200_000, cpu });
  const rawMean = (rawBefore.rowsPerSec + rawAfter.rowsPerSec) / 2;
  await database.db.destroy();
  const stop = await stopJuli(juli);
  return {
    target,
    postgres: pgVersion,
    startMs: round(startMs),
    projects: projects.rowCount,
    rawBefore,
    juli: juliRun,
    rawAfter,
    ratio: round(juliRun.rowsPerSec / rawMean, 3),
    storedVersions: stored,
    auditRecords: audit,
    stopExit: stop.code ?? stop.signal,
  };
}

await runBench('month-end', async () => {
  ensureBuilt();
  const { default: pg } = await import('pg');
  const modules = {
    pool: await dist('server/db/pool.js'),
    config: await dist('server/config.js'),
    runtime: await dist('server/runtime.js'),
    org: await dist('server/modules/org/index.js'),
    identity: await dist('server/modules/identity/index.js'),
  };
  const results = [];
  for (const target of opts.targets.split(',').map((s) => s.trim())) {
    process.stdout.write(`\n--- ${target} ---\n`);
    results.push({ target, ...(await runTarget(target, modules, pg)) });
  }
  const ran = results.filter((r) => !r.skipped);
  const rows = [['target', 'phase', 'rows/s', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'server CPU %', 'pg CPU %', 'ratio to raw']];
  for (const r of ran) {
    const rawMean = (r.rawBefore.rowsPerSec + r.rawAfter.rowsPerSec) / 2;
    for (const [phase, x] of [
      ['raw pg INSERT (before)', r.rawBefore],
      ['Juli PUT /api/v1/reports/grid', r.juli],
      ['raw pg INSERT (after)', r.rawAfter],
    ])
      rows.push([
        `${r.target} (PG ${r.postgres})`,
        phase,
        x.rowsPerSec,
        x.requestsPerSec,
        x.p50Ms,
        x.p99Ms,
        x.maxMs,
        x.errors,
        phase.startsWith('Juli') ? x.serverCpuPercent : '-',
        r.target === 'embedded' ? x.pgCpuPercent : '-',
        round(x.rowsPerSec / rawMean, 3),
      ]);
  }
  printTable(
    `Month-end storm: ${opts.clients} clients × ${opts.rows} rows per grid save, ${opts.duration} s after ${opts.warmup} s warm-up (ratio to the mean of the two raw runs)`,
    rows,
  );
  for (const r of results.filter((x) => x.skipped)) process.stdout.write(`\n${r.target}: SKIPPED — ${r.skipped}\n`);
  for (const r of ran) {
    for (const s of r.juli.errorSamples) process.stdout.write(`[${r.target}] error: ${s}\n`);
    process.stdout.write(
      `[${r.target}] Juli's non-idle database sessions during the storm (pg_stat_activity, ${r.juli.pgActivity.samples} samples): mean ${r.juli.pgActivity.meanActiveSessions}; ${r.juli.pgActivity.top.map((t) => `${t.state} ${Math.round(t.share * 100)} %`).join(', ')}\n`,
    );
    process.stdout.write(
      `[${r.target}] ${r.projects} projects; ${r.storedVersions} report versions stored by Juli, ${r.auditRecords} report.submit audit records; Juli stopped with ${r.stopExit}\n`,
    );
  }
  const loadAtEnd = (await import('node:os')).loadavg();
  process.stdout.write(`load average at end: ${loadAtEnd.map((x) => x.toFixed(2)).join(' ')}\n`);
  const ok = ran.length > 0 && ran.every((r) => r.juli.errors === 0 && r.rawBefore.errors === 0 && r.rawAfter.errors === 0);
  const result = {
    bench: 'month-end',
    ok,
    machine: machine(),
    options: { ...opts, externalUrl: opts.externalUrl.replace(/:[^:@/]*@/, ':***@') },
    goals: { ratioAtLeast: 0.4, errors: 0 },
    results: results.map((r) => (r.skipped ? { target: r.target, skipped: r.skipped } : r)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return ok ? 0 : 1;
});
