// Start-up time and memory of `juli start` with the embedded PostgreSQL.
//   cold: a fresh data directory (initdb + migrations + demo seed)
//   warm: the same data directory again (--warm N times; min and median reported)
// Each time is measured from the spawn of the Node process to the first 200 on
// GET /api/health. Memory is read 1 s after that from /proc: VmRSS of the Juli node
// process, and VmRSS summed over the postmaster and its children (the postmaster pid
// comes from <data>/pg/postmaster.pid, its children from the ppid in /proc/*/stat).
// The sum of VmRSS counts shared memory (shared_buffers, the binary) once per
// process, so the PSS sum (shared pages divided among processes) is shown beside it.
//
//   node bench/startup.mjs [--warm 3] [--cold 1] [--settle-ms 1000]
import {
  describeExit,
  ensureBuilt,
  freePort,
  machine,
  makeWorkDir,
  median,
  mib,
  parseArgs,
  postgresMemory,
  printTable,
  procStatus,
  round,
  runBench,
  sleep,
  startJuli,
  stopJuli,
  waitHealthy,
} from './lib.mjs';
import path from 'node:path';

const opts = parseArgs({ warm: 3, cold: 1, settleMs: 1000 });

async function oneStart(kind, dataDir, logFile) {
  const port = await freePort();
  const juli = startJuli({ dataDir, port, logFile });
  const healthyMs = await waitHealthy(juli);
  await sleep(opts.settleMs);
  const node = procStatus(juli.child.pid);
  const pg = postgresMemory(dataDir);
  const stop = await stopJuli(juli);
  return {
    kind,
    healthyMs: round(healthyMs),
    nodeRssMiB: node ? mib(node.rssKiB) : null,
    nodeHwmMiB: node ? mib(node.hwmKiB) : null,
    pgRssMiB: pg ? mib(pg.rssKiB) : null,
    pgPssMiB: pg ? mib(pg.pssKiB) : null,
    pgProcesses: pg?.processes ?? null,
    stopMs: round(stop.stopMs),
    stopExit: stop.code,
    stopSignal: stop.signal,
    stopForced: stop.forced,
    stopExitText: describeExit(stop, logFile),
  };
}

await runBench('startup', async () => {
  ensureBuilt();
  const runs = [];
  let lastDataDir;
  let lastLog;
  for (let i = 0; i < opts.cold; i++) {
    const { work, dataDir } = makeWorkDir('startup');
    lastDataDir = dataDir;
    lastLog = path.join(work, 'juli.log');
    process.stderr.write(`cold start ${i + 1}/${opts.cold} in ${dataDir} …\n`);
    runs.push(await oneStart('cold', dataDir, lastLog));
  }
  for (let i = 0; i < opts.warm; i++) {
    process.stderr.write(`warm start ${i + 1}/${opts.warm} …\n`);
    runs.push(await oneStart('warm', lastDataDir, lastLog));
  }

  printTable('Juli start-up (spawn → first 200 on /api/health; memory 1 s later)', [
    ['run', 'healthy ms', 'node RSS MiB', 'node peak MiB', 'pg RSS sum MiB', 'pg PSS sum MiB', 'pg procs', 'stop ms', 'stop exit'],
    ...runs.map((r, i) => [
      `${r.kind} ${r.kind === 'cold' ? i + 1 : i + 1 - opts.cold}`,
      r.healthyMs,
      r.nodeRssMiB,
      r.nodeHwmMiB,
      r.pgRssMiB,
      r.pgPssMiB,
      r.pgProcesses,
      r.stopMs,
      r.stopSignal ?? r.stopExit,
    ]),
  ]);

  const cold = runs.filter((r) => r.kind === 'cold');
  const warm = runs.filter((r) => r.kind === 'warm');
  const summarize = (xs, key) => (xs.length ? { min: Math.min(...xs.map((r) => r[key])), median: median(xs.map((r) => r[key])) } : null);
  const summary = {
    coldMs: summarize(cold, 'healthyMs'),
    warmMs: summarize(warm, 'healthyMs'),
    nodeRssMiB: summarize(warm.length ? warm : cold, 'nodeRssMiB'),
    pgRssMiB: summarize(warm.length ? warm : cold, 'pgRssMiB'),
    pgPssMiB: summarize(warm.length ? warm : cold, 'pgPssMiB'),
    coldNodePeakMiB: cold[0]?.nodeHwmMiB ?? null,
  };
  printTable('Summary', [
    ['figure', 'min', 'median'],
    ['cold start ms', summary.coldMs?.min, summary.coldMs?.median],
    ['warm start ms', summary.warmMs?.min, summary.warmMs?.median],
    ['node RSS MiB (warm)', summary.nodeRssMiB?.min, summary.nodeRssMiB?.median],
    ['pg RSS sum MiB (warm)', summary.pgRssMiB?.min, summary.pgRssMiB?.median],
    ['pg PSS sum MiB (warm)', summary.pgPssMiB?.min, summary.pgPssMiB?.median],
  ]);

  const problems = runs
    .filter((r) => r.stopExit !== 0 || r.stopForced)
    .map((r) => `${r.kind} start: SIGTERM shutdown ended with ${r.stopExitText}${r.stopForced ? ' (had to be forced)' : ''}`);
  if (problems.length) process.stdout.write(`\nproblems:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.stdout.write(`\n${JSON.stringify({ bench: 'startup', ok: true, machine: machine(), options: opts, summary, runs, problems })}\n`);
  return 0;
});
