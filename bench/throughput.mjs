// Requests per second and latency on loopback, with autocannon run from this process:
//   hello   a minimal Fastify 5 hello-world (bench/hello-server.mjs, its own process)
//   juli    Juli's authenticated GET /api/v1/org/units?pageSize=20 as the demo operator
//           (cookie from a login), default log level (info: two JSON log lines per
//           request, written to a file)
//   juli (log warn)  the same with JULI_LOG_LEVEL=warn, to show what request logging costs
//   juli health      GET /api/health on the same (log info) server: public, one database
//           round trip, no session; sits between hello and the units list (--no-health-run)
// Each target gets a warm-up run that is thrown away, then the measured run.
// The machine has 2 cores: autocannon takes most of one, the server (and for Juli the
// embedded PostgreSQL) share the rest, so absolute figures are lower than on a bigger box;
// the ratio Juli/hello is the figure to watch.
//
//   node bench/throughput.mjs [--connections 10] [--duration 10] [--warmup 3] [--no-warn-run] [--no-health-run]
import path from 'node:path';
import autocannon from 'autocannon';
import {
  ROOT,
  cpuSeconds,
  ensureBuilt,
  freePort,
  login,
  machine,
  makeWorkDir,
  mib,
  parseArgs,
  postgresCpuSeconds,
  postgresMemory,
  printTable,
  procStatus,
  request,
  round,
  runBench,
  sleep,
  spawnLogged,
  startJuli,
  stopJuli,
  waitHealthy,
  within,
} from './lib.mjs';

const opts = parseArgs({ connections: 10, duration: 10, warmup: 3, warnRun: true, healthRun: true, pageSize: 20 });
if (process.argv.includes('--no-warn-run')) opts.warnRun = false;
if (process.argv.includes('--no-health-run')) opts.healthRun = false;

async function load(url, headers, duration) {
  return await autocannon({ url, connections: opts.connections, duration, headers });
}

/** Warm up, then measure; also the CPU the server (and postgres) used during the measured run. */
async function measure(label, url, headers, { serverPid, dataDir }) {
  process.stderr.write(`${label}: warm-up ${opts.warmup} s, then ${opts.duration} s with ${opts.connections} connections …\n`);
  if (opts.warmup > 0) await load(url, headers, opts.warmup);
  const cpu0 = cpuSeconds(serverPid);
  const pg0 = dataDir ? postgresCpuSeconds(dataDir) : 0;
  const r = await load(url, headers, opts.duration);
  const serverCpu = cpuSeconds(serverPid) - cpu0;
  const pgCpu = dataDir ? postgresCpuSeconds(dataDir) - pg0 : null;
  const seconds = r.duration || opts.duration;
  return {
    target: label,
    url,
    reqPerSec: round(r.requests.average),
    requests: r.requests.total,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyAvgMs: round(r.latency.average, 2),
    latencyMaxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    serverCpuPct: round((100 * serverCpu) / seconds),
    pgCpuPct: pgCpu === null ? null : round((100 * pgCpu) / seconds),
    serverRssMiB: mib(procStatus(serverPid)?.rssKiB ?? Number.NaN),
    pgRssMiB: dataDir ? mib(postgresMemory(dataDir)?.rssKiB ?? Number.NaN) : null,
  };
}

async function benchHello(work) {
  const port = await freePort();
  const child = spawnLogged(process.execPath, [path.join(ROOT, 'bench', 'hello-server.mjs'), String(port)], {
    logFile: path.join(work, 'hello.log'),
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await request('GET', url, { timeoutMs: 1_000 }).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('the hello server did not start');
    await sleep(20);
  }
  try {
    return await measure('fastify hello', url, {}, { serverPid: child.pid });
  } finally {
    child.kill('SIGTERM');
    if (!(await within(child.exited, 10_000))) child.kill('SIGKILL');
  }
}

async function benchJuli(label, dataDir, logFile, env, { health = false } = {}) {
  const port = await freePort();
  const juli = startJuli({ dataDir, port, logFile, env });
  try {
    await waitHealthy(juli);
    const { cookie } = await login(juli.base);
    const url = `${juli.base}/api/v1/org/units?pageSize=${opts.pageSize}`;
    const headers = { cookie };
    const check = await request('GET', url, { headers });
    if (check.status !== 200 || !Array.isArray(check.body?.items))
      throw new Error(`${url}: HTTP ${check.status} ${JSON.stringify(check.body).slice(0, 300)}`);
    const result = await measure(label, url, headers, { serverPid: juli.child.pid, dataDir });
    result.itemsPerResponse = check.body.items.length;
    result.responseBytes = Buffer.byteLength(JSON.stringify(check.body));
    const results = [result];
    if (health)
      results.push(await measure('juli /api/health (log info)', `${juli.base}/api/health`, {}, { serverPid: juli.child.pid, dataDir }));
    return results;
  } finally {
    await stopJuli(juli);
  }
}

await runBench('throughput', async () => {
  ensureBuilt();
  const { work, dataDir } = makeWorkDir('throughput');
  const logFile = path.join(work, 'juli.log');
  const results = [];
  results.push(await benchHello(work));
  results.push(...(await benchJuli('juli units (log info)', dataDir, logFile, {}, { health: opts.healthRun })));
  if (opts.warnRun) results.push(...(await benchJuli('juli units (log warn)', dataDir, logFile, { JULI_LOG_LEVEL: 'warn' })));

  const hello = results[0];
  for (const r of results) r.ratioToHello = round(r.reqPerSec / hello.reqPerSec, 4);

  printTable(`Throughput on loopback (autocannon, ${opts.connections} connections, ${opts.duration} s after ${opts.warmup} s warm-up)`, [
    ['target', 'req/s', 'p50 ms', 'p99 ms', 'avg ms', 'non-2xx', 'errors', 'server CPU %', 'pg CPU %', 'ratio to hello'],
    ...results.map((r) => [
      r.target,
      r.reqPerSec,
      r.latencyP50Ms,
      r.latencyP99Ms,
      r.latencyAvgMs,
      r.non2xx,
      r.errors + r.timeouts,
      r.serverCpuPct,
      r.pgCpuPct ?? '-',
      r.ratioToHello,
    ]),
  ]);
  const juli = results[1];
  process.stdout.write(`\nJuli/hello ratio (default log level): ${juli.ratioToHello} (${juli.reqPerSec} vs ${hello.reqPerSec} req/s)\n`);
  const problems = results
    .filter((r) => r.non2xx || r.errors || r.timeouts)
    .map((r) => `${r.target}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  if (problems.length) process.stdout.write(`\nproblems:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.stdout.write(
    `\n${JSON.stringify({ bench: 'throughput', ok: problems.length === 0, machine: machine(), options: opts, ratioJuliToHello: juli.ratioToHello, results, problems })}\n`,
  );
  return problems.length ? 1 : 0;
});
