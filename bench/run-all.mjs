// Runs the benchmarks one after the other (never in parallel: they would measure each
// other), each as its own process, then prints a summary table and one JSON line with
// every benchmark's JSON line in it. Builds the server first when dist/ has no CLI.
//
//   node bench/run-all.mjs [--build] [--only startup,throughput,crash] [--out file.json]
//   npm run bench              (the default set: startup, throughput, crash — about 2 minutes)
//   node bench/run-all.mjs --only all
//
// Names for --only: startup, throughput, crash (the default set), month-end (P1, ~3 min),
// boards (P2 at 100k projects × 36 months, ~15–30 min), registry (50k import, list at 100k,
// ~10 min), evaluation (1M enterprises, ~5 min); `all` is every one of them.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, ensureBuilt, machine, parseArgs, printTable } from './lib.mjs';

const DEFAULT_SET = ['startup', 'throughput', 'crash'];
const ALL = [...DEFAULT_SET, 'month-end', 'boards', 'registry', 'evaluation'];
const opts = parseArgs({ build: false, only: DEFAULT_SET.join(','), out: '' });
const names = opts.only
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .flatMap((n) => (n === 'all' ? ALL : [n]));
const unknown = names.filter((n) => !ALL.includes(n));
if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')} (known: ${ALL.join(', ')}, all)`);

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
  if (r.name === 'month-end' && x.results) {
    return x.results
      .map((t) =>
        t.skipped
          ? `${t.target}: skipped`
          : `${t.target}: Juli ${t.juli.rowsPerSec} rows/s (p50 ${t.juli.p50Ms} / p99 ${t.juli.p99Ms} ms, ${t.juli.errors} errors), ratio to raw ${t.ratio}`,
      )
      .join('; ');
  }
  if (r.name === 'boards' && x.rebuild) {
    const [published, preview] = x.reads;
    return `published boards p95 ${published.p95Ms} ms, preview p95 ${preview.p95Ms} ms; rebuild ${x.rebuild.juliMs} ms vs DuckDB ${x.rebuild.duckdbMs} ms (${x.rebuild.ratio}×)`;
  }
  if (r.name === 'registry' && x.import) {
    return `import ${x.import.status} ${x.import.ratio}× bare read (${x.import.namesStoredWrong} names stored wrong); list p95 ${x.list.shapes.map((s) => s.p95).join('/')} ms at ${x.list.projects}`;
  }
  if (r.name === 'evaluation' && x.domainVsDuckdb) return `evaluate() ${x.domainVsDuckdb.ratio}× DuckDB`;
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
