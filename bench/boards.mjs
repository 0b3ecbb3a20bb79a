// P2 boards + fulfilment + lights at scale (issue: reporting rhythm, 规模榜单, 承诺兑现, 红黄绿灯):
// 100k projects × 36 months of monthly reports (2023-01 … 2025-12, 1 % of them corrected by a
// second version), deals, funds won, milestones, annual plans and one signed commitment letter
// per unit, generated in bulk with SQL (not timed) on the embedded PostgreSQL of a real running
// Juli (`node bin/juli.mjs start`). Then, as the city operator over HTTP:
//   1. publish 2025-11 (a frozen snapshot; timed once);
//   2. GET /api/v1/boards?month=2025-11 (published: reads the snapshot) — p50/p95/p99; goal p95 < 50 ms;
//      GET /api/v1/boards?month=2025-12 (unpublished preview, last month published) and
//      ?month=2025-06 (preview, last month not published: two months worked out);
//   3. a full rebuild of the boards' figures from the raw rows, Juli's computeFigures (the SQL of
//      src/server/modules/boards, in this process on the same database) vs DuckDB running the same
//      four aggregations over the same rows (copied in before timing) — goal ≤ 3×; answers compared;
//   4. GET /api/v1/monitoring/overview?year=2025 (lights + forecast), city-wide and for one unit;
//   5. GET /api/v1/commitments?year=2025 (every letter measured as of today).
//
//   node bench/boards.mjs [--projects 100000] [--units 30] [--requests 200] [--preview-requests 10]
//                         [--repeat 3] [--timeout 600] [--cpu-prof-dir DIR] [--skip-monitoring]
import { createWriteStream, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT,
  ensureBuilt,
  freePort,
  login,
  machine,
  makeWorkDir,
  median,
  onCleanup,
  parseArgs,
  printTable,
  request,
  round,
  runBench,
  startJuli,
  stopJuli,
  trackPostmaster,
  waitHealthy,
} from './lib.mjs';

const opts = parseArgs({
  projects: 100_000,
  units: 30,
  requests: 200,
  previewRequests: 10,
  repeat: 3,
  timeout: 600,
  cpuProfDir: '',
  skipMonitoring: false,
});
const dist = (p) => import(path.join(ROOT, 'dist', p));
const CITY = '430400';
const PASSWORD = 'Bench#Pass2026';
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
process.stdout.write(`load average at start: ${load()}\n`);

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : Number.NaN);

/** A money string as integer units of 0.0001 (exact comparison). */
function units4(value) {
  const s = String(value ?? '0');
  const negative = s.startsWith('-');
  const [int, frac = ''] = s.replace('-', '').split('.');
  const n = BigInt(int || '0') * 10_000n + BigInt(`${frac}0000`.slice(0, 4));
  return negative ? -n : n;
}

const RANKED = ['county', 'district', 'park'];

await runBench('boards', async () => {
  ensureBuilt();
  const { createDb } = await dist('server/db/pool.js');
  const { loadConfig } = await dist('server/config.js');
  const { appDeps } = await dist('server/runtime.js');
  const org = await dist('server/modules/org/index.js');
  const identity = await dist('server/modules/identity/index.js');
  const boardsService = await dist('server/modules/boards/service.js');
  const { DuckDBInstance } = await import('@duckdb/node-api');

  // ---------------------------------------------------------------- Juli, embedded, no demo
  const { work, dataDir } = makeWorkDir('boards');
  const port = await freePort();
  const pgPort = await freePort();
  const env = { JULI_DEMO: 'false', JULI_EMBEDDED_PG_PORT: String(pgPort), JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '10000' };
  const juli = startJuli({
    dataDir,
    port,
    logFile: path.join(work, 'juli.log'),
    env,
    nodeArgs: opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.cpuProfDir)}`] : [],
  });
  await waitHealthy(juli);
  trackPostmaster(dataDir);
  const pgPassword = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const url = `postgres://postgres:${pgPassword}@127.0.0.1:${pgPort}/juli`;
  const secret = readFileSync(path.join(dataDir, 'secret'), 'utf8').trim();
  const database = createDb(url, { max: 10 });
  onCleanup(async () => await database.db.destroy().catch(() => {}));
  const deps = appDeps(loadConfig({ DATABASE_URL: url, JULI_SECRET: secret, JULI_LOG_LEVEL: 'silent' }), database, secret);
  const ctx = () => ({ actor: null, requestId: `bench-${Date.now()}`, sourceIp: null, locale: 'zh-CN', now: new Date() });
  const q = (text, values) => database.pool.query(text, values);

  // ---------------------------------------------------------------- data (not timed)
  const gen = [];
  const timed = async (label, fn) => {
    const t = performance.now();
    const value = await fn();
    gen.push([label, round((performance.now() - t) / 1000, 1)]);
    process.stdout.write(`  ${label}: ${gen.at(-1)[1]} s\n`);
    return value;
  };
  process.stdout.write('generating data …\n');
  const root = await org.ensureCity(database.db, ctx(), { code: CITY, nameZh: '衡阳市', nameEn: null });
  const unitIds = [];
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < opts.units; i++)
      unitIds.push(
        await org.importUnit(tx, ctx(), CITY, {
          parentId: root.id,
          kind: RANKED[i % RANKED.length],
          code: null,
          nameZh: `基准单位${String(i).padStart(2, '0')}`,
          nameEn: null,
        }),
      );
  });
  await identity.createUserInCity(
    deps.identity,
    ctx(),
    CITY,
    { username: 'bench_op', displayName: '基准市级操作员', role: 'city_operator', scopeUnitId: null, password: PASSWORD },
    { mustChangePassword: false },
  );
  await timed(`projects: ${opts.projects}`, () =>
    q(
      `INSERT INTO project (city_code, name, unit_id, industry_code, category, level, kind, total_investment, created_at, updated_at)
       SELECT $1, '基准项目' || g, ($2::bigint[])[1 + g % cardinality($2::bigint[])], lpad((13 + g % 31)::text, 2, '0'),
              CASE WHEN g % 5 < 2 THEN 'industrial' WHEN g % 5 = 2 THEN 'infrastructure' WHEN g % 5 = 3 THEN 'social' ELSE 'service' END,
              (ARRAY['provincial','city','county'])[1 + g % 3], (ARRAY['new','continuing','preparatory'])[1 + g % 3],
              5000 + (g::bigint * 7919) % 200000, timestamptz '2022-12-01', timestamptz '2022-12-01'
       FROM generate_series(1, $3) g`,
      [CITY, unitIds, opts.projects],
    ),
  );
  await timed('milestones: start (90 %), completion (20 %), production planned', () =>
    q(
      `INSERT INTO project_milestone (city_code, project_id, kind, planned_on, actual_on)
       SELECT city_code, id, 'start', DATE '2020-01-01' + (id * 37 % 1900)::int, DATE '2020-01-01' + (id * 37 % 1900)::int + (id % 60)::int
       FROM project WHERE city_code = $1 AND id % 10 <> 0
       UNION ALL
       SELECT city_code, id, 'start', DATE '2025-03-01' + (id % 400)::int, NULL FROM project WHERE city_code = $1 AND id % 10 = 0
       UNION ALL
       SELECT city_code, id, 'completion', DATE '2020-01-01' + (id * 37 % 1900)::int + 700,
              least(DATE '2020-01-01' + (id * 37 % 1900)::int + 700 + (id % 90)::int, DATE '2026-06-30')
       FROM project WHERE city_code = $1 AND id % 5 = 0 AND id % 10 <> 0
       UNION ALL
       SELECT city_code, id, 'production', DATE '2025-01-01' + (id % 500)::int, NULL FROM project WHERE city_code = $1 AND id % 7 = 0`,
      [CITY],
    ),
  );
  await timed('annual plans: 2023, 2024, 2025 (no monthly schedule)', () =>
    q(
      `INSERT INTO project_annual_plan (city_code, project_id, year, planned_investment, monthly)
       SELECT city_code, id, y, round(total_investment / 4, 2), NULL FROM project, generate_series(2023, 2025) y WHERE city_code = $1`,
      [CITY],
    ),
  );
  // Reports: every project, every month 2023-01 … 2025-12; back-loaded seasons; 1 % corrected later.
  await timed(`monthly reports: ${opts.projects} × 36 (+1 % corrections)`, () =>
    q(
      `INSERT INTO report_version (city_code, project_id, month, version, kind, investment, progress_text, reason, submitted_name, submitted_at)
       SELECT p.city_code, p.id, m.month, 1, 'submission',
              round(p.total_investment / 60 * (0.4 + extract(month FROM m.month) / 10.0) * (0.8 + (p.id * 13 + m.i) % 41 / 100.0), 2),
              '按计划推进', NULL, 'bench', m.month + interval '1 month 3 days'
       FROM project p, (SELECT i, (DATE '2023-01-01' + make_interval(months => i))::date AS month FROM generate_series(0, 35) i) m
       WHERE p.city_code = $1
       UNION ALL
       SELECT p.city_code, p.id, m.month, 2, 'correction',
              round(p.total_investment / 60 * (0.4 + extract(month FROM m.month) / 10.0), 2),
              '更正', '核实后更正', 'bench', m.month + interval '1 month 40 days'
       FROM project p, (SELECT i, (DATE '2023-01-01' + make_interval(months => i))::date AS month FROM generate_series(0, 35) i) m
       WHERE p.city_code = $1 AND (p.id * 31 + m.i) % 100 = 0`,
      [CITY],
    ),
  );
  await timed('deals: 30,000 signed 2023–2025; funds won: 6,000 (1 % superseded)', async () => {
    await q(
      `INSERT INTO deal (city_code, unit_id, kind, project_name, investor_name, contracted_amount, counted_amount, industry_code, source,
                         signed_on, filed_on, filing_delay_days, is_late_filing, stage, stage_on, duplicate_key, three_quantities, created_at, updated_at)
       SELECT $1, ($2::bigint[])[1 + g % cardinality($2::bigint[])], 'new', '基准招商项目' || g, '基准投资方' || g,
              1000 + g % 50000, 1000 + g % 50000, '26', 'other',
              DATE '2023-01-01' + (g % 1095), DATE '2023-01-01' + (g % 1095) + 3, 3, false, 'signed', DATE '2023-01-01' + (g % 1095),
              md5(g::text), '{}'::jsonb, (DATE '2023-01-01' + (g % 1095) + 3)::timestamptz, (DATE '2023-01-01' + (g % 1095) + 3)::timestamptz
       FROM generate_series(1, 30000) g`,
      [CITY, unitIds],
    );
    await q(
      `INSERT INTO funds_won (city_code, unit_id, source, amount, won_on, created_name, created_at)
       SELECT $1, ($2::bigint[])[1 + g % cardinality($2::bigint[])],
              (ARRAY['central_budget','special_bonds','provincial_funds','policy_finance','other'])[1 + g % 5],
              100 + g % 9000, DATE '2023-01-01' + (g % 1095), 'bench', (DATE '2023-01-01' + (g % 1095) + 2)::timestamptz
       FROM generate_series(1, 6000) g`,
      [CITY, unitIds],
    );
    await q(
      `INSERT INTO funds_won (city_code, unit_id, source, amount, won_on, supersedes_id, reason, created_name, created_at)
       SELECT city_code, unit_id, source, amount + 50, won_on, id, '金额更正', 'bench', created_at + interval '20 days'
       FROM funds_won WHERE city_code = $1 AND id % 100 = 0`,
      [CITY],
    );
  });
  await timed('commitment letters 2025: one per unit, 20 project investment + 5 start items + 2 unit items', async () => {
    await q(
      `INSERT INTO commitment_letter (city_code, unit_id, year, kind, title, status, signed_on, created_at, updated_at)
       SELECT $1, u, 2025, 'investment', '2025年度项目建设承诺书', 'signed', DATE '2025-02-01', timestamptz '2025-01-20', timestamptz '2025-02-01'
       FROM unnest($2::bigint[]) u`,
      [CITY, unitIds],
    );
    await q(
      `WITH picked AS (
         SELECT p.id, p.unit_id, p.total_investment, row_number() OVER (PARTITION BY p.unit_id ORDER BY p.id) AS n
         FROM project p JOIN project_milestone ms ON ms.city_code = p.city_code AND ms.project_id = p.id AND ms.kind = 'start'
         WHERE p.city_code = $1)
       INSERT INTO commitment_item (city_code, letter_id, position, kind, project_id, deadline, committed_amount, committed_count, weight)
       SELECT $1, l.id, x.n - 1, CASE WHEN x.n <= 20 THEN 'project_investment' ELSE 'project_start' END, x.id,
              CASE WHEN x.n <= 20 THEN DATE '2025-12-31' ELSE DATE '2025-06-30' END,
              CASE WHEN x.n <= 20 THEN round(x.total_investment / 4, 2) END, NULL::int, 1
       FROM commitment_letter l JOIN picked x ON x.unit_id = l.unit_id AND x.n <= 25
       WHERE l.city_code = $1
       UNION ALL
       SELECT $1, l.id, 25, 'unit_investment', NULL::bigint, DATE '2025-12-31', 500000, NULL::int, 2 FROM commitment_letter l WHERE l.city_code = $1
       UNION ALL
       SELECT $1, l.id, 26, 'unit_starts', NULL::bigint, DATE '2025-12-31', NULL::numeric, 50, 1 FROM commitment_letter l WHERE l.city_code = $1`,
      [CITY],
    );
  });
  await timed('VACUUM ANALYZE', () => q('VACUUM ANALYZE'));
  const counts = (
    await q(
      `SELECT (SELECT count(*) FROM project)::int AS projects, (SELECT count(*) FROM report_version)::int AS reports,
              (SELECT count(*) FROM deal)::int AS deals, (SELECT count(*) FROM funds_won)::int AS funds,
              (SELECT count(*) FROM commitment_item)::int AS items, pg_size_pretty(pg_database_size(current_database())) AS size`,
    )
  ).rows[0];
  printTable('Generated (SQL, not timed below)', [['step', 's'], ...gen]);
  process.stdout.write(
    `${counts.projects} projects, ${counts.reports} report versions, ${counts.deals} deals, ${counts.funds} funds won, ${counts.items} commitment items; database ${counts.size}\n`,
  );

  // ---------------------------------------------------------------- HTTP as the city operator
  const session = await login(juli.base, 'bench_op', PASSWORD);
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const timeoutMs = opts.timeout * 1000;
  const get = async (pathAndQuery) => {
    const t = performance.now();
    let res;
    try {
      res = await request('GET', `${juli.base}${pathAndQuery}`, { headers, timeoutMs });
    } catch (error) {
      res = { status: 0, body: String(error.message) };
    }
    return { ms: performance.now() - t, status: res.status, body: res.body };
  };
  const series = async (label, pathAndQuery, n, warm = 2) => {
    process.stdout.write(`  ${label} …\n`);
    for (let i = 0; i < warm; i++) await get(pathAndQuery);
    const times = [];
    const statuses = new Map();
    let last;
    for (let i = 0; i < n; i++) {
      last = await get(pathAndQuery);
      times.push(last.ms);
      statuses.set(last.status, (statuses.get(last.status) ?? 0) + 1);
    }
    times.sort((a, b) => a - b);
    return {
      label,
      path: pathAndQuery,
      n,
      statuses: Object.fromEntries(statuses),
      p50Ms: round(quantile(times, 0.5), 1),
      p95Ms: round(quantile(times, 0.95), 1),
      p99Ms: round(quantile(times, 0.99), 1),
      maxMs: round(times.at(-1), 1),
      error: last.status === 200 ? null : JSON.stringify(last.body).slice(0, 300),
      body: last.body,
    };
  };

  process.stdout.write('publishing 2025-11 …\n');
  const publishStarted = performance.now();
  const published = await request('POST', `${juli.base}/api/v1/boards/publications`, {
    headers,
    json: { month: '2025-11' },
    timeoutMs,
  }).catch((error) => ({ status: 0, body: String(error.message) }));
  const publishMs = performance.now() - publishStarted;
  process.stdout.write(`  HTTP ${published.status} in ${round(publishMs)} ms\n`);

  const reads = [];
  reads.push(await series('published month (2025-11): frozen snapshot', '/api/v1/boards?month=2025-11', opts.requests, 10));
  reads.push(await series('preview 2025-12 (last month published)', '/api/v1/boards?month=2025-12', opts.previewRequests, 1));
  reads.push(await series('preview 2025-06 (last month not published)', '/api/v1/boards?month=2025-06', opts.previewRequests, 1));
  printTable(`GET /api/v1/boards at ${counts.projects} projects × 36 months (sequential requests, loopback HTTP)`, [
    ['board', 'requests', 'status', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    ...reads.map((r) => [r.label, r.n, JSON.stringify(r.statuses), r.p50Ms, r.p95Ms, r.p99Ms, r.maxMs]),
  ]);

  // ---------------------------------------------------------------- full rebuild: computeFigures vs DuckDB
  process.stdout.write('copying the rows into DuckDB (not timed) …\n');
  const duck = await DuckDBInstance.create(':memory:');
  const conn = await duck.connect();
  const threads = (await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
  // key: a column to page by (keyset pages keep the client's memory small); every page ends on a whole key.
  const tables = {
    report_version: {
      key: 'id',
      columns: 'city_code VARCHAR, project_id BIGINT, month DATE, version INTEGER, investment DECIMAL(16,4), submitted_at TIMESTAMP',
    },
    project: {
      key: 'id',
      columns: 'city_code VARCHAR, id BIGINT, unit_id BIGINT, category VARCHAR, total_investment DECIMAL(16,4), created_at TIMESTAMP',
    },
    org_unit: { key: 'id', columns: 'city_code VARCHAR, id BIGINT, path VARCHAR' },
    project_milestone: { key: 'project_id', columns: 'city_code VARCHAR, project_id BIGINT, kind VARCHAR, actual_on DATE' },
    deal: {
      key: 'id',
      columns:
        'city_code VARCHAR, id BIGINT, unit_id BIGINT, duplicate_status VARCHAR, counted_amount DECIMAL(16,4), signed_on DATE, created_at TIMESTAMP',
    },
    funds_won: {
      key: 'id',
      columns:
        'city_code VARCHAR, id BIGINT, unit_id BIGINT, amount DECIMAL(16,4), won_on DATE, supersedes_id BIGINT, created_at TIMESTAMP',
    },
  };
  /** Timestamps as UTC without a zone (DuckDB TIMESTAMP), so no time-zone extension is needed. */
  const utc = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
  const PAGE = 200_000;
  const copyStarted = performance.now();
  for (const [name, t] of Object.entries(tables)) {
    const file = path.join(work, `${name}.csv`);
    const out = createWriteStream(file);
    const columns = t.columns.split(', ').map((c) => c.split(' ')[0]);
    let after = 0;
    for (;;) {
      const page = await database.pool.query({
        text: `SELECT ${t.key} AS page_key, ${columns.join(', ')} FROM ${name} WHERE ${t.key} > $1 ORDER BY ${t.key} LIMIT ${PAGE}`,
        values: [after],
        rowMode: 'array',
      });
      let rows = page.rows;
      const full = rows.length === PAGE;
      if (full && t.key !== 'id') {
        const lastKey = rows.at(-1)[0];
        rows = rows.filter((r) => r[0] !== lastKey);
      }
      let chunk = '';
      for (const r of rows)
        chunk += `${r
          .slice(1)
          .map((v) => (v === null ? '' : v instanceof Date ? utc(v) : String(v)))
          .join(',')}\n`;
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      if (!full) break;
      after = rows.at(-1)[0];
    }
    await new Promise((resolve) => out.end(resolve));
    await conn.run(`CREATE TABLE ${name} (${t.columns})`);
    const types = t.columns
      .split(', ')
      .map((c) => {
        const [col, ...type] = c.split(' ');
        return `'${col}': '${type.join(' ')}'`;
      })
      .join(', ');
    await conn.run(`INSERT INTO ${name} SELECT * FROM read_csv('${file}', header = false, columns = {${types}}, nullstr = '', quote = '')`);
  }
  const copyS = round((performance.now() - copyStarted) / 1000, 1);
  const duckCounts = Object.fromEntries(
    await Promise.all(
      Object.keys(tables).map(async (name) => [name, Number((await conn.runAndReadAll(`SELECT count(*) FROM ${name}`)).getRows()[0][0])]),
    ),
  );
  process.stdout.write(`  copied in ${copyS} s: ${JSON.stringify(duckCounts)}\n`);

  const month = '2025-12';
  const asOf = new Date();
  const rootRow = root;
  const settingsMin = '10000';
  const iso = utc(asOf);
  const rowUnit = `CASE WHEN u.id = ${rootRow.id} THEN ${rootRow.id}::BIGINT ELSE split_part(substr(u.path, ${rootRow.path.length + 1}), '/', 1)::BIGINT END`;
  const inTree = `u.path LIKE '${rootRow.path}%'`;
  const W = { yearStart: '2025-01-01', monthStart: '2025-12-01', monthEnd: '2025-12-31' };
  const DUCK_SQL = {
    attracted: `SELECT ${rowUnit} AS row_unit, coalesce(sum(d.counted_amount), 0) AS value, NULL::INTEGER AS count
      FROM deal d JOIN org_unit u ON u.city_code = d.city_code AND u.id = d.unit_id
      WHERE d.city_code = '${CITY}' AND ${inTree} AND d.duplicate_status <> 'excluded'
        AND d.signed_on BETWEEN DATE '${W.yearStart}' AND DATE '${W.monthEnd}' AND d.created_at <= TIMESTAMP '${iso}'
      GROUP BY 1`,
    fundsWon: `SELECT ${rowUnit} AS row_unit, coalesce(sum(f.amount), 0) AS value, NULL::INTEGER AS count
      FROM funds_won f JOIN org_unit u ON u.city_code = f.city_code AND u.id = f.unit_id
      WHERE f.city_code = '${CITY}' AND ${inTree} AND f.created_at <= TIMESTAMP '${iso}'
        AND f.won_on BETWEEN DATE '${W.yearStart}' AND DATE '${W.monthEnd}'
        AND NOT EXISTS (SELECT 1 FROM funds_won s WHERE s.city_code = f.city_code AND s.supersedes_id = f.id AND s.created_at <= TIMESTAMP '${iso}')
      GROUP BY 1`,
    completed: `WITH latest AS (
        SELECT DISTINCT ON (v.project_id, v.month) v.project_id, v.investment
        FROM report_version v
        WHERE v.city_code = '${CITY}' AND v.month BETWEEN DATE '${W.yearStart}' AND DATE '${W.monthStart}' AND v.submitted_at <= TIMESTAMP '${iso}'
        ORDER BY v.project_id, v.month, v.version DESC
      )
      SELECT ${rowUnit} AS row_unit, coalesce(sum(l.investment), 0) AS value, NULL::INTEGER AS count
      FROM latest l
      JOIN project p ON p.city_code = '${CITY}' AND p.id = l.project_id
      JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
      WHERE ${inTree}
      GROUP BY 1`,
    majorProjects: `SELECT ${rowUnit} AS row_unit, coalesce(sum(p.total_investment), 0) AS value, count(*)::INTEGER AS count
      FROM project p
      JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
      JOIN project_milestone ms ON ms.city_code = p.city_code AND ms.project_id = p.id AND ms.kind = 'start'
      LEFT JOIN project_milestone mc ON mc.city_code = p.city_code AND mc.project_id = p.id AND mc.kind = 'completion'
      WHERE p.city_code = '${CITY}' AND ${inTree} AND p.category = 'industrial'
        AND p.total_investment >= ${settingsMin}::DECIMAL(16,4)
        AND ms.actual_on <= DATE '${W.monthEnd}' AND (mc.actual_on IS NULL OR mc.actual_on > DATE '${W.monthEnd}')
        AND p.created_at <= TIMESTAMP '${iso}'
      GROUP BY 1`,
  };
  const juliTimes = [];
  const duckTimes = [];
  let juliFigures;
  let duckFigures;
  for (let i = 0; i < opts.repeat; i++) {
    let t = performance.now();
    juliFigures = (await boardsService.computeFigures(database.db, CITY, month, asOf)).figures;
    juliTimes.push(performance.now() - t);
    t = performance.now();
    duckFigures = {};
    for (const [metric, sql] of Object.entries(DUCK_SQL)) {
      const rows = (await conn.runAndReadAll(`SELECT row_unit, value::VARCHAR, count FROM (${sql})`)).getRows();
      duckFigures[metric] = new Map(rows.map(([unit, value, count]) => [Number(unit), { value, count }]));
    }
    duckTimes.push(performance.now() - t);
  }
  let mismatches = 0;
  let compared = 0;
  for (const metric of Object.keys(DUCK_SQL)) {
    const units = new Set([...juliFigures[metric].keys(), ...duckFigures[metric].keys()]);
    for (const unit of units) {
      compared++;
      const a = juliFigures[metric].get(unit);
      const b = duckFigures[metric].get(unit);
      if (!a || !b || units4(a.value) !== units4(b.value) || (a.count ?? null) !== (b.count ?? null)) mismatches++;
    }
  }
  conn.closeSync();
  const juliMs = median(juliTimes);
  const duckMs = median(duckTimes);
  printTable(`Full rebuild of the four boards' figures for ${month} (year to date), median of ${opts.repeat}`, [
    ['engine', 'median ms', 'runs ms', 'ratio to DuckDB'],
    ['DuckDB (in memory, same rows, same four aggregations)', round(duckMs), duckTimes.map((x) => round(x)).join(' / '), 1],
    [
      'Juli computeFigures (boards module SQL on PostgreSQL 17, pool of 10)',
      round(juliMs),
      juliTimes.map((x) => round(x)).join(' / '),
      round(juliMs / duckMs, 2),
    ],
  ]);
  process.stdout.write(
    `  answers compared: ${compared} unit figures, ${mismatches} differ; DuckDB threads ${threads}; rows copied in ${copyS} s (not timed)\n`,
  );

  // ---------------------------------------------------------------- monitoring and commitments
  const others = [];
  if (!opts.skipMonitoring) {
    const unit = unitIds[0];
    const one = async (label, p, n) => {
      process.stdout.write(`  ${label} …\n`);
      const runs = [];
      for (let i = 0; i < n; i++) {
        const r = await get(p);
        runs.push(r);
        if (r.status !== 200 || r.ms > 60_000) break; // one slow or failed answer is the figure
      }
      const ok = runs.filter((r) => r.status === 200);
      const last = runs.at(-1);
      return {
        label,
        path: p,
        n: runs.length,
        statuses: runs.map((r) => r.status).join(','),
        medianMs: ok.length ? round(median(ok.map((r) => r.ms))) : null,
        msEach: runs.map((r) => round(r.ms)).join(' / '),
        error: last.status === 200 ? null : JSON.stringify(last.body).slice(0, 400),
      };
    };
    others.push(await one('commitments list, whole city (2025)', '/api/v1/commitments?year=2025', opts.repeat));
    others.push(await one(`commitments list, one unit (2025)`, `/api/v1/commitments?year=2025&unitId=${unit}`, opts.repeat));
    others.push(await one('monitoring overview, one unit (2025)', `/api/v1/monitoring/overview?year=2025&unitId=${unit}`, opts.repeat));
    others.push(await one('monitoring overview, whole city (2025)', '/api/v1/monitoring/overview?year=2025', opts.repeat));
    printTable(`Lights, forecast and fulfilment at ${counts.projects} projects (sequential requests, timeout ${opts.timeout} s)`, [
      ['request', 'runs', 'status', 'median ms (200s)', 'each ms'],
      ...others.map((o) => [o.label, o.n, o.statuses, o.medianMs ?? '-', o.msEach]),
    ]);
    for (const o of others.filter((x) => x.error)) process.stdout.write(`  ${o.label}: ${o.error}\n`);
  }

  await database.db.destroy();
  const stop = await stopJuli(juli, { timeoutMs: 120_000 });
  process.stdout.write(`Juli stopped: ${stop.code ?? stop.signal}; load average at end: ${load()}\n`);
  const publishedRead = reads[0];
  const ok = published.status === 200 && reads.every((r) => r.error === null) && mismatches === 0;
  const result = {
    bench: 'boards',
    ok,
    machine: machine(),
    options: opts,
    data: { ...counts, generationSeconds: Object.fromEntries(gen) },
    publish: { month: '2025-11', status: published.status, ms: round(publishMs) },
    reads: reads.map(({ body, ...r }) => r),
    goalReadP95Ms: 50,
    readGoalMet: publishedRead.p95Ms < 50,
    rebuild: {
      month,
      juliMs: round(juliMs),
      duckdbMs: round(duckMs),
      ratio: round(juliMs / duckMs, 2),
      goalRatio: 3,
      duckdbThreads: String(threads),
      comparedFigures: compared,
      mismatches,
    },
    others,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return ok ? 0 : 1;
});
