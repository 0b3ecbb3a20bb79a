// Runs the benchmarks one after the other (never in parallel: they would measure each
// other), each as its own process, then prints a summary table and one JSON line with
// every benchmark's JSON line in it. Builds the server first when dist/ has no CLI.
//
//   node bench/run-all.mjs [--build] [--only startup,throughput,crash] [--out file.json]
//   npm run bench
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, ensureBuilt, machine, parseArgs, printTable } from './lib.mjs';

const opts = parseArgs({ build: false, only: 'startup,throughput,crash', out: '' });
const names = opts.only
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

function runOne(name) {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bench', `${name}.mjs`)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    // Ctrl-C reaches the child too (same process group); it cleans up after itself.
    child.on('exit', (code, signal) => {
      const line = out
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{"bench"'));
      let result = null;
      try {
        result = line ? JSON.parse(line) : null;
      } catch {}
      resolve({ name, code, signal, seconds: Math.round((performance.now() - t) / 100) / 10, result });
    });
  });
}

// Ctrl-C also reaches the running benchmark (same process group), which cleans up after
// itself; wait for it, then run no further benchmark.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
  });
}

const built = ensureBuilt({ force: opts.build });
const runs = [];
for (const name of names) {
  if (interrupted) break;
  process.stdout.write(`\n=== ${name} ===\n`);
  runs.push(await runOne(name));
}

const figure = (r) => {
  const x = r.result;
  if (!x) return 'no result';
  if (r.name === 'startup' && x.summary) {
    return `cold ${x.summary.coldMs?.median} ms, warm min/median ${x.summary.warmMs?.min}/${x.summary.warmMs?.median} ms, node ${x.summary.nodeRssMiB?.median} MiB, pg RSS ${x.summary.pgRssMiB?.median} MiB (PSS ${x.summary.pgPssMiB?.median})`;
  }
  if (r.name === 'throughput' && x.results) {
    const [hello, juli] = x.results;
    return `hello ${hello.reqPerSec} req/s, Juli ${juli.reqPerSec} req/s (p50 ${juli.latencyP50Ms} / p99 ${juli.latencyP99Ms} ms), ratio ${x.ratioJuliToHello}`;
  }
  if (r.name === 'crash' && x.times) {
    return `recovery ${x.recovery}, shutdown ${x.shutdown}; restart after kill -9: ${x.times.restartMs?.join(', ')} ms`;
  }
  return x.error ?? '';
};

printTable('Summary of bench/run-all.mjs', [
  ['benchmark', 'exit', 'seconds', 'figures'],
  ...runs.map((r) => [r.name, r.signal ?? r.code, r.seconds, figure(r)]),
]);
const ok = !interrupted && runs.every((r) => r.code === 0);
const summary = {
  bench: 'all',
  ok,
  built,
  machine: machine(),
  runs: runs.map((r) => ({ name: r.name, exit: r.signal ?? r.code, seconds: r.seconds, result: r.result })),
};
if (opts.out) writeFileSync(path.resolve(opts.out), `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(`\n${JSON.stringify(summary)}\n`);
process.exitCode = ok ? 0 : 1;
