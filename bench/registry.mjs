// Registry benchmarks (issue: project registry and deal filing):
//   1. import of a 50k-row project workbook through Juli vs a bare exceljs streaming read
//      of the same file (ratio; goal ≤ 1.5×), and the re-import of the same file (nothing changes);
//      Juli's own reader alone, and where a first import's time goes (read, parse, checks, write);
//   2. project list query latency (p50/p95/p99) at 100k projects, through the HTTP layer
//      (app.inject: routing, session, validation, SQL, serialisation) on PostgreSQL.
// Runs the compiled server modules (dist/) in this process on a fresh embedded PostgreSQL.
//
//   node bench/registry.mjs [--rows 50000] [--projects 100000] [--requests 200]
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT, ensureBuilt, machine, makeWorkDir, parseArgs, printTable, runBench } from './lib.mjs';

const opts = parseArgs({ rows: 50_000, projects: 100_000, requests: 200 });
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
process.stdout.write(`load average at start: ${load()}\n`);
const dist = (p) => import(path.join(ROOT, 'dist', p));

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function bareRead(file) {
  const started = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let rows = 0;
  for await (const sheet of reader) {
    for await (const _row of sheet) rows++;
    break;
  }
  return { ms: performance.now() - started, rows };
}

await runBench('registry', async () => {
  ensureBuilt();
  const { work, dataDir } = makeWorkDir('registry');
  const { startEmbeddedPostgres, withDatabase } = await dist('server/db/embedded.js');
  const { migrate } = await dist('server/db/migrate.js');
  const { createDb } = await dist('server/db/pool.js');
  const { loadConfig } = await dist('server/config.js');
  const { appDeps } = await dist('server/runtime.js');
  const { buildApp } = await dist('server/app.js');
  const org = await dist('server/modules/org/index.js');
  const identity = await dist('server/modules/identity/index.js');
  const sheets = await dist('server/modules/sheets/service.js');
  const { readRows } = await dist('server/modules/sheets/workbook.js');
  const specs = await dist('server/modules/sheets/domain/specs.js');
  const bulk = await dist('server/modules/projects/bulk.js');
  const { scopeOf, requireActor } = await dist('server/lib/context.js');
  const { default: pg } = await import('pg');

  const server = await startEmbeddedPostgres({ dataDir });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE juli');
  await admin.end();
  const url = withDatabase(server.url, 'juli');
  const database = createDb(url, { max: 10 });
  await migrate(database.pool);
  const secret = 'bench-secret-bench-secret-bench-secret-0123';
  const config = loadConfig({ DATABASE_URL: url, JULI_SECRET: secret, JULI_LOG_LEVEL: 'silent' });
  const deps = appDeps(config, database, secret);
  const ctx = () => ({ actor: null, requestId: `bench-${Date.now()}`, sourceIp: null, locale: 'zh-CN', now: new Date() });
  const root = await org.ensureCity(database.db, ctx(), { code: '430400', nameZh: '衡阳市', nameEn: null });
  const units = [];
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < 12; i++)
      units.push(
        await org.importUnit(tx, ctx(), '430400', { parentId: root.id, kind: 'county', code: null, nameZh: `测试县${i}`, nameEn: null }),
      );
  });
  const operator = await identity.createUserInCity(
    deps.identity,
    ctx(),
    '430400',
    { username: 'benchop', displayName: 'bench', role: 'city_operator', password: 'Bench#Pass2026' },
    { mustChangePassword: false },
  );
  const actorCtx = () => ({
    ...ctx(),
    actor: {
      userId: operator.id,
      username: 'benchop',
      role: 'city_operator',
      cityCode: '430400',
      scopeUnitId: root.id,
      scopeUnitPath: root.path,
      scopeEnterpriseId: null,
    },
  });

  // ---------------------------------------------------------------- 1. import vs bare read
  const headers = [
    '项目代码',
    '项目名称*',
    '所属单位*',
    '行业（GB/T 4754）*',
    '项目类别*',
    '项目级别*',
    '建设性质*',
    '总投资（万元）*',
    '计划开工日期',
    '计划竣工日期',
    '开工（实际）',
    '计划年度',
    '年度计划投资（万元）',
  ];
  /**
   * The workbook as Excel writes one (shared strings), in Chinese like a county's sheet; or
   * an ASCII-only one (codes and English labels, units by [id]) that no character decoding
   * can spoil. serial: the first project code's serial, so the two files never collide.
   */
  const writeWorkbook = async (file, { ascii, serial }) => {
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
    const sheet = writer.addWorksheet('数据');
    sheet.addRow(headers).commit();
    for (let i = 0; i < opts.rows; i++) {
      const unit = units[i % units.length];
      sheet
        .addRow([
          `2201-430400-04-01-${String(serial + i).padStart(6, '0')}`,
          ascii ? `bench project ${serial + i}` : `基准测试项目${serial + i}`,
          ascii ? `[${unit}]` : `测试县${i % units.length} [${unit}]`,
          String(13 + (i % 31)),
          ascii ? 'Industrial' : '工业',
          ascii ? 'County key' : '县重点',
          ascii ? 'New' : '新开工',
          10_000 + (i % 997),
          '2022-03-01',
          '2023-12-31',
          i % 3 === 0 ? '2022-03-15' : null,
          2022,
          5000,
        ])
        .commit();
    }
    sheet.commit();
    await writer.commit();
    return { size: (await fs.stat(file)).size, data: await fs.readFile(file) };
  };
  const file = path.join(work, 'projects.xlsx');
  const { size, data } = await writeWorkbook(file, { ascii: false, serial: 0 });

  const bare = [];
  for (let i = 0; i < 3; i++) bare.push(await bareRead(file));
  const bareMs = bare.map((b) => b.ms).sort((a, b) => a - b)[1];
  /** Juli's own reader alone (what the import reads the file with), median of 3. */
  const juliRead = async (bytes) => {
    const started = performance.now();
    let rows = 0;
    for await (const _row of readRows(bytes)) rows++;
    return { ms: performance.now() - started, rows };
  };
  const ownReads = [];
  for (let i = 0; i < 3; i++) ownReads.push(await juliRead(data));
  const ownReadMs = ownReads.map((r) => r.ms).sort((a, b) => a - b)[1];

  const runImport = async (bytes, name) => {
    const started = performance.now();
    const job = await sheets.startImport(database.db, actorCtx(), 'projects', { filename: name, data: bytes });
    await sheets.importsSettled();
    const ms = performance.now() - started;
    const done = await sheets.getImportJob(database.db, actorCtx(), 'projects', job.id);
    if (done.status !== 'succeeded')
      process.stdout.write(
        `import of ${name} ${done.status}: ${done.errorCount} problems, e.g. ${JSON.stringify(done.errors.slice(0, 3))}\n`,
      );
    return { ms, done };
  };
  /** Stored names that are not what the sheet said (U+FFFD where a character was cut in two). */
  const spoiledAsciiNames = async () =>
    Number(
      (await database.pool.query(`SELECT count(*) FROM project WHERE name LIKE 'bench%' AND name !~ '^bench project [0-9]+$'`)).rows[0]
        .count,
    );
  const first = await runImport(data, 'projects.xlsx');
  const again = await runImport(data, 'projects.xlsx');
  const spoiledZh = Number(
    (await database.pool.query(`SELECT count(*) FROM project WHERE name NOT LIKE 'bench project %' AND name !~ '^基准测试项目[0-9]+$'`))
      .rows[0].count,
  );
  // When the Chinese file did not import cleanly, the ASCII-only file gives the timing.
  let ascii = null;
  if (first.done.status !== 'succeeded' || spoiledZh > 0) {
    const asciiFile = path.join(work, 'projects-ascii.xlsx');
    const written = await writeWorkbook(asciiFile, { ascii: true, serial: 500_000 });
    const asciiBare = [];
    for (let i = 0; i < 3; i++) asciiBare.push(await bareRead(asciiFile));
    const asciiBareMs = asciiBare.map((b) => b.ms).sort((a, b) => a - b)[1];
    const asciiFirst = await runImport(written.data, 'projects-ascii.xlsx');
    const asciiAgain = await runImport(written.data, 'projects-ascii.xlsx');
    ascii = { size: written.size, bareMs: asciiBareMs, first: asciiFirst, again: asciiAgain, spoiled: await spoiledAsciiNames() };
  }
  const importRows = [
    ['Chinese workbook: bare exceljs streaming read (median of 3)', `${Math.round(bareMs)} ms`, `${bare[0].rows - 1} rows`, '1.00'],
    [
      "Chinese workbook: Juli's reader alone (median of 3)",
      `${Math.round(ownReadMs)} ms`,
      `${ownReads[0].rows - 1} rows`,
      (ownReadMs / bareMs).toFixed(2),
    ],
    [
      'Chinese workbook: Juli import, first (parse + check + write)',
      `${Math.round(first.ms)} ms`,
      `${first.done.status}: ${first.done.createdCount} created, ${spoiledZh} names stored wrong`,
      (first.ms / bareMs).toFixed(2),
    ],
    [
      'Chinese workbook: Juli import, same file again',
      `${Math.round(again.ms)} ms`,
      `${again.done.status}: ${again.done.unchangedCount} unchanged`,
      (again.ms / bareMs).toFixed(2),
    ],
  ];
  if (ascii)
    importRows.push(
      ['ASCII-only workbook: bare exceljs streaming read (median of 3)', `${Math.round(ascii.bareMs)} ms`, `${opts.rows} rows`, '1.00'],
      [
        'ASCII-only workbook: Juli import, first',
        `${Math.round(ascii.first.ms)} ms`,
        `${ascii.first.done.status}: ${ascii.first.done.createdCount} created, ${ascii.spoiled} names stored wrong`,
        (ascii.first.ms / ascii.bareMs).toFixed(2),
      ],
      [
        'ASCII-only workbook: Juli import, same file again',
        `${Math.round(ascii.again.ms)} ms`,
        `${ascii.again.done.status}: ${ascii.again.done.unchangedCount} unchanged`,
        (ascii.again.ms / ascii.bareMs).toFixed(2),
      ],
    );
  printTable(
    `Import of a ${opts.rows}-row project workbook (${(size / 1024 / 1024).toFixed(1)} MiB, shared strings as Excel writes them)`,
    [['run', 'time', 'result', 'ratio to bare read'], ...importRows],
  );

  // ---------------------------------------------------------------- 1b. where the import's time goes
  // The steps of the import (as runImport runs them) timed one by one on a fresh file of new
  // projects; the write runs in a transaction that is rolled back, so nothing below changes.
  const phaseFile = path.join(work, 'projects-phases.xlsx');
  const phaseData = (await writeWorkbook(phaseFile, { ascii: false, serial: 900_000 })).data;
  const spec = sheets.KIND.projects;
  const phaseCtx = actorCtx();
  const scope = scopeOf(requireActor(phaseCtx), spec.action);
  const phases = {};
  let clock = performance.now();
  const lap = (name) => {
    phases[name] = performance.now() - clock;
    clock = performance.now();
  };
  const sheetRows = [];
  for await (const row of readRows(phaseData)) sheetRows.push(row);
  lap('read');
  const { positions } = specs.matchHeaders(spec.columns, sheetRows[0].cells);
  const parsed = sheetRows.slice(1).map((r) => specs.parseRow(spec.columns, positions, r.row, r.cells, 'zh-CN').parsed);
  lap('parse');
  const resolved = await spec.resolve(
    database.db,
    scope,
    await spec.references(database.db, scope),
    parsed,
    positions,
    'zh-CN',
    '2026-11-30',
  );
  lap('checks');
  const rollback = new Error('rollback');
  await database.db
    .transaction()
    .execute(async (tx) => {
      await spec.write(tx, phaseCtx, scope, resolved.items, async () => {}, { id: 0, filename: 'phases' });
      lap('write');
      throw rollback;
    })
    .catch((error) => {
      if (error !== rollback) throw error;
    });
  const phaseTotal = Object.values(phases).reduce((a, b) => a + b, 0);
  printTable(`Where a first import's time goes (a second Chinese file of ${opts.rows} new projects; its write rolled back)`, [
    ['step', 'time', 'share', 'ratio to bare read'],
    ...Object.entries(phases).map(([name, ms]) => [
      {
        read: "read (Juli's reader)",
        parse: 'parse cells (column parsers)',
        checks: 'checks (references, form rules, matching)',
        write: 'write (one transaction)',
      }[name],
      `${Math.round(ms)} ms`,
      `${Math.round((100 * ms) / phaseTotal)} %`,
      (ms / bareMs).toFixed(2),
    ]),
  ]);
  if (resolved.problems.length) process.stdout.write(`phase file had problems: ${JSON.stringify(resolved.problems.slice(0, 3))}\n`);

  // ---------------------------------------------------------------- 1c. PostgreSQL alone
  // The COPYs a first import runs for the same 50,000 new projects (one per table, all rows),
  // built before the clock starts: what PostgreSQL itself takes to store them, with no reading,
  // checking or building in JavaScript. Rolled back like the step above.
  const floorStatements = bulk.newProjectStatements(
    '430400',
    phaseCtx,
    resolved.items.map(({ record: { ownerUscc: _u, ownerName: _n, ...rest } }, i) => ({
      id: 10_000_000 + i,
      record: { ...rest, ownerEnterpriseId: null },
    })),
  );
  const copyMs = {};
  await database.db
    .transaction()
    .execute(async (tx) => {
      for (const statement of floorStatements) {
        const started = performance.now();
        await tx.executeQuery(statement);
        copyMs[/COPY (\w+)/.exec(statement.sql)[1]] = performance.now() - started;
      }
      throw rollback;
    })
    .catch((error) => {
      if (error !== rollback) throw error;
    });
  const rowsOnly = copyMs.project + copyMs.project_milestone + copyMs.project_annual_plan;
  const withHistory = rowsOnly + copyMs.project_revision;
  printTable(`PostgreSQL alone: the COPYs of those ${opts.rows} new projects, built in advance (rolled back)`, [
    ['statement', 'time', 'ratio to bare read'],
    ...Object.entries(copyMs).map(([table, ms]) => [`COPY ${table}`, `${Math.round(ms)} ms`, (ms / bareMs).toFixed(2)]),
    ['floor: projects, milestones, plans', `${Math.round(rowsOnly)} ms`, (rowsOnly / bareMs).toFixed(2)],
    ['floor with the version-1 revisions (history)', `${Math.round(withHistory)} ms`, (withHistory / bareMs).toFixed(2)],
  ]);

  // ---------------------------------------------------------------- 2. list at 100k projects
  const existing = Number((await database.pool.query('SELECT count(*) FROM project')).rows[0].count);
  const more = Math.max(0, opts.projects - existing);
  await database.pool.query(
    `INSERT INTO project (city_code, code, name, unit_id, industry_code, category, level, kind, total_investment, created_at, updated_at)
     SELECT '430400', NULL, '填充项目' || g, ($1::bigint[])[1 + g % $2], lpad((13 + g % 31)::text, 2, '0'),
            (ARRAY['industrial','infrastructure','social'])[1 + g % 3], (ARRAY['provincial','city','county'])[1 + g % 3],
            (ARRAY['new','continuing','preparatory'])[1 + g % 3], 1000 + g % 50000, now(), now() - (g || ' seconds')::interval
     FROM generate_series(1, $3) g`,
    [units, units.length, more],
  );
  await database.pool.query(
    `INSERT INTO project_milestone (city_code, project_id, kind, planned_on, actual_on)
     SELECT city_code, id, 'start', DATE '2022-03-01', CASE WHEN id % 2 = 0 THEN DATE '2022-03-15' END
     FROM project WHERE name LIKE '填充项目%'`,
  );
  await database.pool.query('VACUUM ANALYZE');
  const app = await buildApp(deps, { logger: false, webDir: null });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'benchop', password: 'Bench#Pass2026' },
  });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const shapes = [
    ['first page, default sort (updated desc)', '/api/v1/projects'],
    ['filter unit + level, sort by investment', `/api/v1/projects?unitId=${units[3]}&level=provincial&sort=-totalInvestment`],
    ['text search (name contains)', `/api/v1/projects?q=${encodeURIComponent('项目4242')}`],
    ['stage filter (under construction)', '/api/v1/projects?stage=under_construction'],
    ['page 200 of 20', '/api/v1/projects?page=200'],
  ];
  const listRows = [];
  for (const [label, url] of shapes) {
    const times = [];
    let status = 0;
    let total = 0;
    for (let i = 0; i < 10; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
    for (let i = 0; i < opts.requests; i++) {
      const t = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      times.push(performance.now() - t);
      status = response.statusCode;
      total = response.json().total;
    }
    times.sort((a, b) => a - b);
    listRows.push([
      label,
      status,
      total,
      +quantile(times, 0.5).toFixed(1),
      +quantile(times, 0.95).toFixed(1),
      +quantile(times, 0.99).toFixed(1),
    ]);
  }
  const count = Number((await database.pool.query('SELECT count(*) FROM project')).rows[0].count);
  printTable(`Project list at ${count} projects (${opts.requests} sequential requests each, in-process HTTP)`, [
    ['query', 'status', 'total', 'p50 ms', 'p95 ms', 'p99 ms'],
    ...listRows,
  ]);

  await app.close();
  await database.db.destroy();
  await server.stop();
  const result = {
    bench: 'registry',
    ok: first.done.status === 'succeeded' && again.done.unchangedCount === opts.rows && spoiledZh === 0 && !resolved.problems.length,
    machine: machine(),
    import: {
      rows: opts.rows,
      status: first.done.status,
      problems: first.done.errorCount,
      firstProblems: first.done.errors.slice(0, 3),
      namesStoredWrong: spoiledZh,
      fileMiB: +(size / 1024 / 1024).toFixed(2),
      bareMs: Math.round(bareMs),
      juliReadMs: Math.round(ownReadMs),
      phasesMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])),
      copyMs: Object.fromEntries(Object.entries(copyMs).map(([k, v]) => [k, Math.round(v)])),
      floorMs: { rowsOnly: Math.round(rowsOnly), withHistory: Math.round(withHistory) },
      firstMs: Math.round(first.ms),
      againMs: Math.round(again.ms),
      ratio: +(first.ms / bareMs).toFixed(2),
      reimportRatio: +(again.ms / bareMs).toFixed(2),
      created: first.done.createdCount,
      unchanged: again.done.unchangedCount,
      ascii: ascii && {
        bareMs: Math.round(ascii.bareMs),
        firstMs: Math.round(ascii.first.ms),
        againMs: Math.round(ascii.again.ms),
        ratio: +(ascii.first.ms / ascii.bareMs).toFixed(2),
        reimportRatio: +(ascii.again.ms / ascii.bareMs).toFixed(2),
        status: ascii.first.done.status,
        created: ascii.first.done.createdCount,
        unchanged: ascii.again.done.unchangedCount,
        namesStoredWrong: ascii.spoiled,
      },
    },
    list: {
      projects: count,
      shapes: listRows.map(([query, , total, p50, p95, p99]) => ({ query, total, p50: +p50, p95: +p95, p99: +p99 })),
    },
  };
  process.stdout.write(`load average at end: ${load()}\n${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
});
