import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Start `juli start` from the build, exactly as a user would, on a fresh data directory. */
export default async function setup(project: TestProject) {
  if (!existsSync('dist/cli/main.js') || !existsSync('dist/web/index.html')) {
    throw new Error('build first: npm run build (npm run test:e2e does it)');
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'juli-e2e-'));
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['bin/juli.mjs', 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      JULI_DATA_DIR: dataDir,
      PORT: String(port),
      JULI_LOG_LEVEL: 'warn',
      // The specs sign in as a dozen people within a minute from one address; the sign-in rate
      // limit itself is tested in src/server/modules/identity (auth.test.ts).
      JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  // A cold start seeds the whole demo: allow for a busy machine.
  const deadline = Date.now() + 600_000;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      await fs.rm(dataDir, { recursive: true, force: true });
      return;
    }
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(null);
      });
    });
    await fs.rm(dataDir, { recursive: true, force: true });
  };
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`juli start exited early:\n${output.join('')}`);
    }
    const ok = await fetch(`${baseUrl}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      // Never leave a server (and its PostgreSQL) behind when start-up fails.
      await stop();
      throw new Error(`juli did not become healthy:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  return stop;
}
