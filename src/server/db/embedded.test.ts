import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../lib/package-root.js';
import { isAlive, startEmbeddedPostgres } from './embedded.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'juli-embedded-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

async function count(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) FROM crash_probe')).rows[0].count);
  } finally {
    await client.end();
  }
}

describe(startEmbeddedPostgres.name, () => {
  it('recovers after its owner was killed with SIGKILL and left the server running', async () => {
    const dataDir = await tempDir();
    const root = packageRoot();
    // `--import tsx` keeps it one process, so SIGKILL hits the owner itself (the tsx CLI would fork).
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/test/fixtures/hold-embedded.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: root,
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`helper exited with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const orphanPid = Number.parseInt((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]!, 10);
    expect(isAlive(orphanPid)).toBe(true);

    const server = await startEmbeddedPostgres({ dataDir });
    try {
      expect(isAlive(orphanPid)).toBe(false);
      expect(await count(server.url)).toBe(1);
    } finally {
      await server.stop();
    }
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'juli.lock'))).toBe(false);
  });

  it('removes a stale postmaster.pid whose process is gone', async () => {
    const dataDir = await tempDir();
    const first = await startEmbeddedPostgres({ dataDir });
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query("CREATE TABLE crash_probe (note text); INSERT INTO crash_probe VALUES ('kept')");
    await client.end();
    await first.stop();
    // A pid file left behind by a crash, pointing at a process that no longer exists.
    await fs.writeFile(path.join(dataDir, 'pg', 'postmaster.pid'), `999999\n${path.join(dataDir, 'pg')}\n0\n5432\n`);
    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await count(second.url)).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('refuses to share its data directory with another live Juli process', async () => {
    const dataDir = await tempDir();
    // Our own parent (the test runner, a node process) plays the other owner.
    await fs.writeFile(path.join(dataDir, 'juli.lock'), String(process.ppid));
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/another Juli process/);
  });
});
