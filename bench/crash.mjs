// Crash recovery: does a committed write survive a kill -9 of the Juli node process,
// and does the next start recover by itself from the PostgreSQL server it left running?
//   1. start Juli on a fresh data directory (cold start), sign in as the demo operator
//   2. register an enterprise (POST /api/v1/org/enterprises; 201 = committed)
//   3. kill -9 the node process at once (not postgres: its postmaster keeps running)
//   4. start again on the same directory; time from spawn to the first 200 on /api/health
//   5. the enterprise is found (GET /api/v1/org/enterprises?q=<name>); the old session
//      cookie is tried too (sessions live in the database)
//   6. stop Juli (SIGTERM), then `juli audit verify` must exit 0
// Steps 2–5 run --cycles times (default 3, for a min/median of the restart time).
// Prints pass/fail per check and the times; also when the orphaned postmaster was gone
// (watched from outside), which is the part of the restart spent on recovery.
//
//   node bench/crash.mjs [--cycles 3]
import path from 'node:path';
import {
  ensureBuilt,
  freePort,
  hasExited,
  isAlive,
  login,
  machine,
  median,
  makeWorkDir,
  parseArgs,
  postmasterPid,
  printTable,
  randomUscc,
  request,
  round,
  runBench,
  runJuliCli,
  describeExit,
  sleep,
  startJuli,
  stopJuli,
  trackPostmaster,
  waitHealthy,
  within,
} from './lib.mjs';

const opts = parseArgs({ cycles: 3 });

await runBench('crash', async () => {
  ensureBuilt();
  const { work, dataDir } = makeWorkDir('crash');
  const logFile = path.join(work, 'juli.log');
  // group 'recovery': the write survives and the next start recovers by itself;
  // group 'shutdown': orderly stop and the audit CLI (exit codes).
  const checks = []; // { group, check, ok, detail }
  let group = 'recovery';
  const check = (name, ok, detail = '') => {
    checks.push({ group, check: name, ok: !!ok, detail: String(detail) });
    return !!ok;
  };
  const times = {
    coldStartMs: null,
    restartMs: [],
    orphanExitedMs: [],
    orphanGoneMs: [],
    killToExitMs: [],
    stopMs: null,
    auditVerifyMs: null,
  };

  process.stderr.write(`cold start in ${dataDir} …\n`);
  let juli = startJuli({ dataDir, port: await freePort(), logFile });
  times.coldStartMs = round(await waitHealthy(juli));
  trackPostmaster(dataDir);

  for (let cycle = 1; cycle <= opts.cycles; cycle++) {
    const tag = opts.cycles > 1 ? ` (cycle ${cycle})` : '';
    const { cookie, csrf } = await login(juli.base);
    const units = await request('GET', `${juli.base}/api/v1/org/units?pageSize=20`, { headers: { cookie } });
    const unit = units.body?.items?.find((u) => u.isActive !== false) ?? units.body?.items?.[0];
    if (!unit)
      throw new Error(`no unit to register the enterprise under: HTTP ${units.status} ${JSON.stringify(units.body).slice(0, 300)}`);
    const uscc = randomUscc('430400');
    const name = `崩溃恢复基准企业${Date.now().toString(36).toUpperCase()}有限公司`;
    const created = await request('POST', `${juli.base}/api/v1/org/enterprises`, {
      headers: { cookie, 'x-csrf-token': csrf },
      json: { uscc, name, unitId: unit.id },
    });
    if (
      !check(
        `enterprise created (201)${tag}`,
        created.status === 201,
        `HTTP ${created.status} ${created.status === 201 ? `id ${created.body?.id}` : JSON.stringify(created.body).slice(0, 300)}`,
      )
    ) {
      break;
    }

    // kill -9 right after the 201: the write must already be durable.
    const oldPostmaster = postmasterPid(dataDir);
    const tKill = performance.now();
    juli.child.kill('SIGKILL');
    const exit = await within(juli.child.exited, 10_000);
    times.killToExitMs.push(round(performance.now() - tKill, 1));
    check(`node process gone after kill -9${tag}`, exit?.signal === 'SIGKILL', JSON.stringify(exit));
    await sleep(200);
    const orphan = postmasterPid(dataDir);
    check(
      `embedded postgres left running by the killed process${tag} (expected)`,
      orphan !== null && orphan === oldPostmaster,
      `postmaster ${orphan ?? 'gone'}`,
    );

    process.stderr.write(`restart after kill -9${tag} …\n`);
    juli = startJuli({ dataDir, port: await freePort(), logFile });
    // Watch the orphan from outside: when it has exited, Juli's recovery has stopped it;
    // it then stays a zombie until init reaps it (Juli's recovery waits for that too).
    let orphanExitedMs = null;
    let orphanGoneMs = null;
    const watch = setInterval(() => {
      const now = round(performance.now() - juli.t0);
      if (orphanExitedMs === null && hasExited(orphan)) orphanExitedMs = now;
      if (orphanGoneMs === null && !isAlive(orphan)) orphanGoneMs = now;
    }, 5);
    let restartMs = null;
    try {
      restartMs = round(await waitHealthy(juli, 90_000));
    } catch (error) {
      clearInterval(watch);
      check(`restart healthy${tag}`, false, error.message.split('\n')[0]);
      break;
    }
    clearInterval(watch);
    times.restartMs.push(restartMs);
    times.orphanExitedMs.push(orphanExitedMs);
    times.orphanGoneMs.push(orphanGoneMs);
    const newPostmaster = trackPostmaster(dataDir);
    check(`restart healthy${tag}`, true, `${restartMs} ms`);
    check(`orphaned postmaster replaced${tag}`, newPostmaster !== null && newPostmaster !== orphan, `old ${orphan}, new ${newPostmaster}`);

    const oldSession = await request('GET', `${juli.base}/api/v1/auth/session`, { headers: { cookie } });
    check(`session from before the crash still valid${tag}`, oldSession.status === 200, `HTTP ${oldSession.status}`);
    const again = await login(juli.base);
    const found = await request('GET', `${juli.base}/api/v1/org/enterprises?q=${encodeURIComponent(name)}`, {
      headers: { cookie: again.cookie },
    });
    const hit = found.body?.items?.find((e) => e.uscc === uscc && e.name === name);
    check(
      `enterprise still there after restart${tag}`,
      found.status === 200 && hit,
      `HTTP ${found.status}, ${found.body?.items?.length ?? 0} match(es)`,
    );
  }

  group = 'shutdown';
  const stop = await stopJuli(juli);
  times.stopMs = round(stop.stopMs);
  check('SIGTERM shutdown exits 0', stop.code === 0 && !stop.forced, describeExit(stop, logFile));

  process.stderr.write('audit verify …\n');
  const verify = runJuliCli(['audit', 'verify'], { dataDir });
  times.auditVerifyMs = round(verify.ms);
  const verifyText = verify.stdout.trim();
  const intact = /intact/i.test(verifyText) && !/broken/i.test(verifyText);
  group = 'recovery';
  check('audit chain reported intact', intact, verifyText.split('\n').join(' | ') || '(no output)');
  group = 'shutdown';
  const stderrLines = verify.stderr.split('\n');
  const stderrFirst = (stderrLines.find((l) => /^error:/.test(l)) ?? stderrLines.find((l) => /error/i.test(l)))?.trim();
  check(
    '`juli audit verify` exits 0',
    verify.code === 0,
    `exit ${verify.code ?? verify.signal}${verify.code !== 0 && stderrFirst ? `: ${stderrFirst}` : ''}`,
  );
  check(
    '`juli audit verify` left no postgres running',
    !verify.leftPostmaster,
    verify.leftPostmaster
      ? `postmaster ${verify.leftPostmaster} still up 10 s after the CLI exited`
      : `postgres gone ${round(verify.postmasterLagMs)} ms after the CLI exited`,
  );

  printTable('Crash recovery (kill -9 of the Juli node process after a committed write)', [
    ['group', 'check', 'result', 'detail'],
    ...checks.map((c) => [c.group, c.check, c.ok ? 'pass' : 'FAIL', c.detail.slice(0, 100)]),
  ]);
  printTable('Times', [
    ['figure', 'ms'],
    ['cold start → healthy', times.coldStartMs],
    ...times.restartMs.map((ms, i) => [`restart after kill -9 → healthy${times.restartMs.length > 1 ? ` #${i + 1}` : ''}`, ms]),
    ...times.restartMs.map((_, i) => [
      `  orphaned postgres exited / reaped (ms after spawn)${times.restartMs.length > 1 ? ` #${i + 1}` : ''}`,
      `${times.orphanExitedMs[i]} / ${times.orphanGoneMs[i]}`,
    ]),
    ['restart → healthy, min', times.restartMs.length ? Math.min(...times.restartMs) : null],
    ['restart → healthy, median', times.restartMs.length ? median(times.restartMs) : null],
    ['stop (SIGTERM → node and postgres gone)', times.stopMs],
    ['juli audit verify (whole command)', times.auditVerifyMs],
  ]);
  const verdict = (g) => (checks.filter((c) => c.group === g).every((c) => c.ok) ? 'PASS' : 'FAIL');
  const recovery = verdict('recovery');
  const shutdown = verdict('shutdown');
  const ok = recovery === 'PASS' && shutdown === 'PASS';
  process.stdout.write(
    `\ncrash recovery (data kept, restart recovers): ${recovery}; orderly shutdown and audit CLI exit codes: ${shutdown}; overall: ${ok ? 'PASS' : 'FAIL'}\n`,
  );
  process.stdout.write(
    `\n${JSON.stringify({ bench: 'crash', ok, recovery, shutdown, machine: machine(), options: opts, times, checks })}\n`,
  );
  return ok ? 0 : 1;
});
