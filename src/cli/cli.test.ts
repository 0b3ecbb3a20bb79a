import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, TEST_SECRET, type TestApp, createTestApp } from '../test/app.js';
import { packageRoot } from '../server/lib/package-root.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Run `juli …` as an operator would on a server deployment (DATABASE_URL set), password on stdin. */
async function juli(args: string[], stdin = ''): Promise<{ code: number; out: string }> {
  const root = packageRoot();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: t.database.url, JULI_SECRET: TEST_SECRET, JULI_LOG_LEVEL: 'silent' },
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  child.stdin.end(stdin);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  return { code, out };
}

describe('juli CLI on a server deployment', () => {
  it('creates the first security admin (and the city) with the password from stdin, then resets and unlocks', async () => {
    const weak = await juli(
      [
        'user',
        'create',
        '--username',
        'sec1',
        '--display-name',
        '安全管理员',
        '--role',
        'security_admin',
        '--city',
        '430400',
        '--city-name',
        '衡阳市',
      ],
      'password\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('VALIDATION_FAILED');
    expect(weak.out).toContain('password: This password is too common');

    const created = await juli(
      [
        'user',
        'create',
        '--username',
        'sec1',
        '--display-name',
        '安全管理员',
        '--role',
        'security_admin',
        '--city',
        '430400',
        '--city-name',
        '衡阳市',
      ],
      'Lotus-Pond#2026\n',
    );
    expect(created.code, created.out).toBe(0);
    expect(created.out).toMatch(/created user sec1 \(security_admin, id \d+\)/);
    const first = await new Agent(t.app).post('/api/v1/auth/login', { username: 'sec1', password: 'Lotus-Pond#2026' });
    expect(first.json().status).toBe('totp_enrollment_required');

    for (let i = 0; i < 5; i++) await new Agent(t.app).post('/api/v1/auth/login', { username: 'sec1', password: 'Wrong#Pass2026' });
    expect((await new Agent(t.app).post('/api/v1/auth/login', { username: 'sec1', password: 'Lotus-Pond#2026' })).statusCode).toBe(401);
    expect((await juli(['user', 'unlock', '--username', 'sec1'])).code).toBe(0);
    expect((await new Agent(t.app).post('/api/v1/auth/login', { username: 'sec1', password: 'Lotus-Pond#2026' })).statusCode).toBe(200);

    const reset = await juli(['user', 'reset-password', '--username', 'sec1'], 'River-Bend#2027\n');
    expect(reset.code, reset.out).toBe(0);
    expect((await new Agent(t.app).post('/api/v1/auth/login', { username: 'sec1', password: 'River-Bend#2027' })).statusCode).toBe(200);
    const actions = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('request_id', 'like', 'console-%')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['org.city.create', 'user.create', 'user.unlock', 'user.reset_password']);
    // Each command is a fresh process (about 2 s to start on 2 busy cores).
  }, 120_000);

  it('refuses the demo on a server deployment and explains unknown commands', async () => {
    const demo = await juli(['seed', 'demo']);
    expect(demo.code).toBe(1);
    expect(demo.out).toContain('only ever loaded on the embedded database');
    const unknown = await juli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('unknown command');
  }, 60_000);
});

describe('juli start on the embedded database', () => {
  it('serves, then stops cleanly on SIGTERM: exit code 0, no PostgreSQL left running', async () => {
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const { isAlive } = await import('../server/db/embedded.js');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'juli-cli-start-'));
    const root = packageRoot();
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'start'], {
      cwd: root,
      // Without the demo: this is about the process and its PostgreSQL (the e2e suite starts with the demo).
      env: { ...process.env, DATABASE_URL: '', JULI_DATA_DIR: dataDir, PORT: String(port), JULI_LOG_LEVEL: 'warn', JULI_DEMO: 'false' },
      stdio: 'ignore',
    });
    try {
      let healthy = false;
      // A cold start initialises the embedded cluster (seconds; longer on a busy machine).
      for (let i = 0; i < 1200 && !healthy; i++) {
        healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 250));
      }
      expect(healthy).toBe(true);
      const meta = await (await fetch(`http://127.0.0.1:${port}/api/v1/meta`)).json();
      expect(meta).toMatchObject({ isDemo: false });
      const postmaster = Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(isAlive(postmaster)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 420_000);
});
