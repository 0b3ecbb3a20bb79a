// Evaluation benchmarks (issue: industrial enterprise evaluation, 亩均论英雄):
//   1. score and class N enterprises (default 1M) with the pure domain function `evaluate`
//      (compiled, in this process) vs DuckDB (@duckdb/node-api, in memory) evaluating the
//      same formula on the same rows: five ratio indicators against this year's pooled
//      average (cap 2 × weight), the score, rank, and percentile classes A 20 / B 60 / C 95 / D.
//      Both results are compared (class counts, scores of every row). Goal: ≤ 2× DuckDB.
//      The columnar core (`evaluateColumns`, all of it but the result objects) is timed too.
//      Then the columnar input path (`evaluateFromColumns`): the same rows as typed columns
//      (built before timing, as DuckDB's table is), scored and classed into columns, timed
//      against DuckDB again, interleaved, once the row objects are gone; its answers are
//      compared with DuckDB's the same way.
//   2. 10k enterprises end to end through the service on a fresh embedded PostgreSQL:
//      register (PUT, 5000 a call), a department's data import (.xlsx through the sheets
//      machinery), the run, publication, one explanation and the policy list.
//
//   node bench/evaluation.mjs [--enterprises 1000000] [--repeat 3] [--service 10000]   (--service 0 skips part 2)
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT, ensureBuilt, machine, makeWorkDir, median, parseArgs, printTable, randomUscc, runBench } from './lib.mjs';

const opts = parseArgs({ enterprises: 1_000_000, repeat: 3, service: 10_000 });
const dist = (p) => import(path.join(ROOT, 'dist', p));

/** mulberry32: the same rows every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDICATORS = [
  ['taxPerMu', 'tax', 'landMu'],
  ['salesPerEnergy', 'salesRevenue', 'energyTce'],
  ['salesPerEmission', 'salesRevenue', 'pollutantEq'],
  ['rdIntensity', 'rdSpending', 'mainRevenue'],
  ['labourProductivity', 'valueAdded', 'employees'],
];

function benchConfig(MethodConfigSchema) {
  return MethodConfigSchema.parse({
    landBasis: 'owned',
    groups: [
      {
        key: 'all',
        nameZh: '全部',
        nameEn: 'All',
        when: {},
        indicators: INDICATORS.map(([key, numerator, denominator]) => ({
          key,
          nameZh: key,
          nameEn: key,
          numerator,
          denominator,
          direction: 'higher',
          weight: 20,
          benchmark: { kind: 'currentAverage', factor: 1, scope: 'city', average: 'pooled' },
          cap: 2,
          missing: 'zero',
        })),
      },
    ],
    classing: {
      mode: 'percentile',
      scope: 'city',
      rounding: 'floor',
      bands: [
        { code: 'A', upToPercent: 20 },
        { code: 'B', upToPercent: 60 },
        { code: 'C', upToPercent: 95 },
        { code: 'D', upToPercent: 100 },
      ],
    },
    classes: ['A', 'B', 'C', 'D'].map((code) => ({ code, nameZh: code, nameEn: code })),
    exempt: { code: 'T', nameZh: 'T', nameEn: 'T', managedAs: null },
  });
}

/** Positive data with a long tail (2 decimals), as departments report it. */
function makeRows(n) {
  const rand = rng(42);
  const v = (scale) => Math.round(rand() * rand() * scale * 100) / 100 + 0.01;
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      id: i + 1,
      countyId: 1 + (i % 12),
      scale: 'above',
      landOwnedMu: v(200),
      landLeasedMu: 0,
      industryCode: '26',
      productionStartYear: 2000,
      flags: [],
      data: {
        tax: v(2000),
        salesRevenue: v(50_000),
        mainRevenue: v(50_000),
        valueAdded: v(10_000),
        energyTce: v(5000),
        pollutantEq: v(20),
        rdSpending: v(1500),
        employees: Math.round(v(1000)) + 1,
      },
    };
  }
  return rows;
}

const SQL = `
CREATE OR REPLACE TABLE result AS
WITH b AS (
  SELECT sum(tax) / sum(land) AS b1, sum(sales) / sum(energy) AS b2, sum(sales) / sum(pollutant) AS b3,
         sum(rd) / sum(main) AS b4, sum(va) / sum(employees) AS b5
  FROM t
), s AS (
  SELECT t.id,
         round(least(20 * (tax / land) / b1, 40) + least(20 * (sales / energy) / b2, 40) + least(20 * (sales / pollutant) / b3, 40)
             + least(20 * (rd / main) / b4, 40) + least(20 * (va / employees) / b5, 40), 4) AS score
  FROM t, b
), r AS (
  SELECT id, score, rank() OVER (ORDER BY score DESC) AS rk, count(*) OVER () AS n FROM s
)
SELECT id, score, rk,
       CASE WHEN rk <= floor(n * 0.20 + 1e-9) THEN 'A' WHEN rk <= floor(n * 0.60 + 1e-9) THEN 'B'
            WHEN rk <= floor(n * 0.95 + 1e-9) THEN 'C' ELSE 'D' END AS class
FROM r`;

await runBench('evaluation', async () => {
  ensureBuilt();
  const { MethodConfigSchema } = await dist('contracts/index.js');
  const { evaluate, evaluateColumns, evaluateFromColumns, enterpriseColumns, fieldsOf } = await dist(
    'server/modules/evaluation/domain/evaluate.js',
  );
  const { DuckDBInstance } = await import('@duckdb/node-api');

  // ---------------------------------------------------------------- 1. domain vs DuckDB
  const n = opts.enterprises;
  const config = benchConfig(MethodConfigSchema);
  let t0 = performance.now();
  let rows = makeRows(n);
  const genMs = performance.now() - t0;

  const duck = await DuckDBInstance.create(':memory:');
  const conn = await duck.connect();
  const threads = (await conn.runAndReadAll("SELECT current_setting('threads') AS t")).getRows()[0][0];
  await conn.run(
    'CREATE TABLE t (id INTEGER, land DOUBLE, tax DOUBLE, sales DOUBLE, main DOUBLE, va DOUBLE, energy DOUBLE, pollutant DOUBLE, rd DOUBLE, employees DOUBLE)',
  );
  t0 = performance.now();
  const appender = await conn.createAppender('t');
  for (const r of rows) {
    const d = r.data;
    appender.appendInteger(r.id);
    appender.appendDouble(r.landOwnedMu);
    appender.appendDouble(d.tax);
    appender.appendDouble(d.salesRevenue);
    appender.appendDouble(d.mainRevenue);
    appender.appendDouble(d.valueAdded);
    appender.appendDouble(d.energyTce);
    appender.appendDouble(d.pollutantEq);
    appender.appendDouble(d.rdSpending);
    appender.appendDouble(d.employees);
    appender.endRow();
  }
  appender.closeSync();
  const loadMs = performance.now() - t0;

  const jsTimes = [];
  const coreTimes = [];
  const duckTimes = [];
  let outcome;
  for (let i = 0; i < opts.repeat; i++) {
    t0 = performance.now();
    outcome = evaluate({ year: 2025, config, enterprises: rows });
    jsTimes.push(performance.now() - t0);
    // The columnar core alone (everything but building the result objects), when there is one.
    if (evaluateColumns) {
      t0 = performance.now();
      evaluateColumns({ year: 2025, config, enterprises: rows });
      coreTimes.push(performance.now() - t0);
    }
    t0 = performance.now();
    await conn.run(SQL);
    duckTimes.push(performance.now() - t0);
  }
  // Same answers? Class counts, and every score to 4 decimals (ids are 1 … n, row i has id i + 1).
  const agreement = async (classOf, scoreOf) => {
    const duckClasses = Object.fromEntries(
      (await conn.runAndReadAll('SELECT class, count(*)::INTEGER FROM result GROUP BY class ORDER BY class')).getRows(),
    );
    const jsClasses = {};
    for (let i = 0; i < n; i++) jsClasses[classOf(i)] = (jsClasses[classOf(i)] ?? 0) + 1;
    const duckScores = (await conn.runAndReadAll('SELECT id, score FROM result ORDER BY id')).getRows();
    let scoreMismatches = duckScores.length === n ? 0 : n;
    for (let i = 0; i < duckScores.length; i++) if (Math.abs(duckScores[i][1] - scoreOf(i)) > 1e-4 + 1e-9) scoreMismatches++;
    const sameClasses = JSON.stringify(duckClasses) === JSON.stringify(Object.fromEntries(Object.entries(jsClasses).sort()));
    return { jsClasses, duckClasses, scoreMismatches, sameClasses };
  };
  const { jsClasses, duckClasses, scoreMismatches, sameClasses } = await agreement(
    (i) => outcome.results[i].class,
    (i) => outcome.results[i].score,
  );

  // The columnar input path: the same rows as columns (built before timing, as DuckDB's table is),
  // timed once the row objects and the last result objects are gone (a caller holding columns
  // has neither), against DuckDB again, interleaved.
  t0 = performance.now();
  const columns = enterpriseColumns(rows, fieldsOf(config));
  const columnsMs = performance.now() - t0;
  rows = null;
  outcome = null;
  const columnarTimes = [];
  const columnarDuckTimes = [];
  let columnar;
  for (let i = 0; i < opts.repeat; i++) {
    columnar = null;
    t0 = performance.now();
    columnar = evaluateFromColumns({ year: 2025, config, enterprises: columns });
    columnarTimes.push(performance.now() - t0);
    t0 = performance.now();
    await conn.run(SQL);
    columnarDuckTimes.push(performance.now() - t0);
  }
  const bandCodes = config.classing.bands.map((b) => b.code);
  const columnarCheck = await agreement(
    (i) => (columnar.status[i] === 0 ? bandCodes[columnar.classOf[i]] : null),
    (i) => (columnar.status[i] === 0 ? columnar.scores[i] : null),
  );
  const columnarMs = median(columnarTimes);
  const columnarDuckMs = median(columnarDuckTimes);
  const jsMs = median(jsTimes);
  const coreMs = coreTimes.length ? median(coreTimes) : null;
  const duckMs = median(duckTimes);
  printTable(
    `Score and class ${n.toLocaleString('en-US')} enterprises (5 indicators, pooled current average, percentile classes; median of ${opts.repeat})`,
    [
      ['engine', 'median ms', 'runs ms', 'ratio to DuckDB'],
      ['DuckDB (in memory, same rows, CREATE TABLE result AS …)', Math.round(duckMs), duckTimes.map((x) => Math.round(x)).join(' / '), 1],
      [
        'Juli evaluate() (compiled domain function)',
        Math.round(jsMs),
        jsTimes.map((x) => Math.round(x)).join(' / '),
        +(jsMs / duckMs).toFixed(2),
      ],
      ...(coreMs === null
        ? []
        : [
            [
              '  of which: evaluateColumns() (the columnar core, no result objects)',
              Math.round(coreMs),
              coreTimes.map((x) => Math.round(x)).join(' / '),
              +(coreMs / duckMs).toFixed(2),
            ],
          ]),
      [
        'DuckDB again, interleaved with the next line',
        Math.round(columnarDuckMs),
        columnarDuckTimes.map((x) => Math.round(x)).join(' / '),
        1,
      ],
      [
        'Juli evaluateFromColumns() (columns in, columns out; no row objects alive)',
        Math.round(columnarMs),
        columnarTimes.map((x) => Math.round(x)).join(' / '),
        +(columnarMs / columnarDuckMs).toFixed(2),
      ],
    ],
  );
  printTable('Agreement', [
    ['check', 'value'],
    ['class counts (Juli)', JSON.stringify(jsClasses)],
    ['class counts (DuckDB)', JSON.stringify(duckClasses)],
    ['scores differing by more than 0.0001', scoreMismatches],
    ['class counts (Juli, columnar input)', JSON.stringify(columnarCheck.jsClasses)],
    ['class counts (DuckDB, again)', JSON.stringify(columnarCheck.duckClasses)],
    ['scores differing by more than 0.0001 (columnar input)', columnarCheck.scoreMismatches],
    ['rows generated in (ms, not timed above)', Math.round(genMs)],
    ['rows appended to DuckDB in (ms, not timed above)', Math.round(loadMs)],
    ['rows turned into columns in (ms, not timed above)', Math.round(columnsMs)],
    ['DuckDB threads', String(threads)],
  ]);
  conn.closeSync();
  const domainVsDuckdb = {
    enterprises: n,
    jsMs: Math.round(jsMs),
    duckdbMs: Math.round(duckMs),
    ratio: +(jsMs / duckMs).toFixed(2),
    coreMs: coreMs === null ? null : Math.round(coreMs),
    coreRatio: coreMs === null ? null : +(coreMs / duckMs).toFixed(2),
    columnarMs: Math.round(columnarMs),
    columnarDuckdbMs: Math.round(columnarDuckMs),
    columnarRatio: +(columnarMs / columnarDuckMs).toFixed(2),
    duckdbThreads: String(threads),
    sameClasses,
    scoreMismatches,
    columnarSameClasses: columnarCheck.sameClasses,
    columnarScoreMismatches: columnarCheck.scoreMismatches,
  };
  const domainOk = sameClasses && scoreMismatches === 0 && columnarCheck.sameClasses && columnarCheck.scoreMismatches === 0;
  if (opts.service <= 0) {
    const ok = domainOk;
    process.stdout.write(`${JSON.stringify({ bench: 'evaluation', ok, machine: machine(), domainVsDuckdb, service: null })}\n`);
    return ok ? 0 : 1;
  }

  // ---------------------------------------------------------------- 2. 10k through the service
  const { work, dataDir } = makeWorkDir('evaluation');
  const { startEmbeddedPostgres, withDatabase } = await dist('server/db/embedded.js');
  const { migrate } = await dist('server/db/migrate.js');
  const { createDb } = await dist('server/db/pool.js');
  const org = await dist('server/modules/org/index.js');
  const identity = await dist('server/modules/identity/index.js');
  const { loadConfig } = await dist('server/config.js');
  const { appDeps } = await dist('server/runtime.js');
  const evaluation = await dist('server/modules/evaluation/service.js');
  const sheets = await dist('server/modules/sheets/service.js');
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
  const deps = appDeps(loadConfig({ DATABASE_URL: url, JULI_SECRET: secret, JULI_LOG_LEVEL: 'silent' }), database, secret);
  const ctx = () => ({ actor: null, requestId: `bench-${Date.now()}`, sourceIp: null, locale: 'zh-CN', now: new Date() });
  const root = await org.ensureCity(database.db, ctx(), { code: '430400', nameZh: '衡阳市', nameEn: null });
  const counties = [];
  let dept;
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < 12; i++)
      counties.push(
        await org.importUnit(tx, ctx(), '430400', { parentId: root.id, kind: 'county', code: null, nameZh: `测试县${i}`, nameEn: null }),
      );
    dept = await org.importUnit(tx, ctx(), '430400', {
      parentId: root.id,
      kind: 'department',
      code: null,
      nameZh: '市税务局',
      nameEn: null,
    });
  });
  const m = opts.service;
  const usccs = new Set();
  while (usccs.size < m) usccs.add(randomUscc('430400'));
  const codes = [...usccs];
  await database.pool.query(
    `INSERT INTO org_enterprise (city_code, uscc, name, unit_id, created_at, updated_at)
     SELECT '430400', u, '基准企业' || i, ($2::bigint[])[1 + i % 12], now(), now() FROM unnest($1::text[]) WITH ORDINALITY AS x(u, i)`,
    [codes, counties],
  );
  const user = async (username, role, scopeUnitId = null) =>
    await identity.createUserInCity(
      deps.identity,
      ctx(),
      '430400',
      { username, displayName: username, role, scopeUnitId, password: 'Bench#Pass2026' },
      { mustChangePassword: false },
    );
  const operator = await user('benchop', 'city_operator');
  const taxUser = await user('benchtax', 'department', dept);
  const deptPath = (await org.getUnitRef(database.db, '430400', dept)).path;
  const as = (u, role, scopeUnitId) => () => ({
    ...ctx(),
    actor: {
      userId: u.id,
      username: u.username,
      role,
      cityCode: '430400',
      scopeUnitId,
      scopeUnitPath: scopeUnitId ? deptPath : null,
      scopeEnterpriseId: null,
    },
  });
  const op = as(operator, 'city_operator', null);
  const tax = as(taxUser, 'department', dept);
  const rand = rng(7);
  const steps = [];
  const step = async (label, fn) => {
    const t = performance.now();
    const value = await fn();
    steps.push([label, Math.round(performance.now() - t)]);
    return value;
  };
  await step(`register: ${m} entries (PUT, 5000 a call)`, async () => {
    for (let i = 0; i < m; i += 5000) {
      await evaluation.putRegister(database.db, op(), {
        items: codes.slice(i, i + 5000).map((uscc, k) => ({
          uscc,
          industryCode: '26',
          scale: (i + k) % 4 === 0 ? 'below' : 'above',
          landOwnedMu: String(Math.round(rand() * 20_000) / 100 + 1),
          landLeasedMu: '0',
          flags: (i + k) % 97 === 0 ? ['utility'] : [],
        })),
      });
    }
  });
  const file = path.join(work, 'data.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = writer.addWorksheet('数据');
  sheet
    .addRow([
      '统一社会信用代码',
      '年度',
      '实缴税收（万元）',
      '用电量（万千瓦时）',
      '工业增加值（万元）',
      '综合能耗（等价值）（吨标准煤）',
      '主要污染物排放当量（吨）',
      '年平均职工人数（人）',
      '研发经费支出（万元）',
      '主营业务收入（万元）',
    ])
    .commit();
  const val = (scale) => Math.round(rand() * rand() * scale * 100) / 100;
  for (const uscc of codes)
    sheet
      .addRow([
        uscc,
        2025,
        val(2000),
        val(500),
        val(10_000),
        val(5000),
        rand() < 0.05 ? null : val(20),
        Math.round(val(1000)) + 1,
        val(1500),
        val(50_000),
      ])
      .commit();
  sheet.commit();
  await writer.commit();
  const { readFile } = await import('node:fs/promises');
  const data = await readFile(file);
  const job = await step(`department import: ${m} rows × 8 fields (.xlsx, all or nothing)`, async () => {
    const started = await sheets.startImport(database.db, tax(), 'evaluation-data', { filename: 'data.xlsx', data });
    await sheets.importsSettled();
    return await sheets.getImportJob(database.db, tax(), 'evaluation-data', started.id);
  });
  const method = await evaluation.createMethod(database.db, op(), { name: '黄岩口径', copyOfPreset: 'huangyan' });
  const run = await step(`run: evaluate ${m} enterprises (Huangyan preset) and store the results`, () =>
    evaluation.createRun(database.db, op(), { year: 2025, methodId: method.id }),
  );
  await step('publish (公示)', () => evaluation.publishRun(database.db, op(), run.id, '2099-12-31'));
  const someone = (
    await database.pool.query('SELECT enterprise_id FROM evaluation_result WHERE run_id = $1 AND class = $2 LIMIT 1', [run.id, 'C'])
  ).rows[0];
  await step('one explanation (with what-if)', () => evaluation.explainResult(database.db, op(), run.id, someone?.enterprise_id ?? 1));
  const list = await step('electricity policy list', () => evaluation.policyList(database.db, op(), run.id, 'electricity'));
  await step('distribution by unit', () => evaluation.distribution(database.db, op(), run.id, 'unit'));
  printTable(`${m.toLocaleString('en-US')} enterprises end to end through the service (embedded PostgreSQL 17)`, [
    ['step', 'ms'],
    ...steps,
  ]);
  await database.db.destroy();
  await server.stop();

  const ok = domainOk && job.status === 'succeeded' && run.counts.total === m;
  const result = {
    bench: 'evaluation',
    ok,
    machine: machine(),
    domainVsDuckdb,
    service: {
      enterprises: m,
      steps: Object.fromEntries(steps),
      importStatus: job.status,
      runCounts: run.counts,
      policyListItems: list.items.length,
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return ok ? 0 : 1;
});
