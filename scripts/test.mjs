// `npm test`: the whole Vitest suite on the embedded PostgreSQL server, then one summary
// line that CI reads: "N passed, N failed".
// `--external`: the same suite against the PostgreSQL server in JULI_TEST_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres).
// `--e2e`: the end-to-end suite (vitest.e2e.config.ts) in headless Chromium against the built server.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const external = args.includes('--external');
const e2e = args.includes('--e2e');
const passThrough = args.filter((a) => a !== '--external' && a !== '--e2e');
const env = { ...process.env };
if (external) env.JULI_TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
else delete env.JULI_TEST_DATABASE_URL;

mkdirSync('test-results', { recursive: true });
const report = path.join('test-results', e2e ? 'vitest-e2e.json' : external ? 'vitest-external.json' : 'vitest.json');
rmSync(report, { force: true });
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    ...(e2e ? ['--config', 'vitest.e2e.config.ts'] : []),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...passThrough,
  ],
  { stdio: 'inherit', env },
);

let passed = 0;
let failed = 0;
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  failed = result.numFailedTests;
  // A file that fails to load has no failed test of its own: count it.
  if (failed === 0 && run.status !== 0) failed = Math.max(1, result.numFailedTestSuites ?? 0);
} catch {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
