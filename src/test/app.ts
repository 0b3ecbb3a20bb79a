import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { buildApp } from '../server/app.js';
import { type Config, loadConfig } from '../server/config.js';
import { ManualClock } from '../server/lib/clock.js';
import type { RequestContext } from '../server/lib/context.js';
import { appDeps } from '../server/runtime.js';
import type { AppDeps } from '../server/deps.js';
import { type TestDatabase, createTestDatabase } from './db.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  /** A system context at the clock's current time (for factories). */
  ctx(): RequestContext;
  close(): Promise<void>;
}

/**
 * A real app on a fresh database of the test server, with a manual clock.
 * `env` overrides configuration variables (e.g. JULI_LOCKOUT_THRESHOLD).
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, JULI_SECRET: TEST_SECRET, JULI_LOG_LEVEL: 'silent', ...env });
  const clock = new ManualClock('2026-03-02T09:00:00+08:00');
  const deps = appDeps(config, database, TEST_SECRET, clock);
  const app = await buildApp(deps, { logger: process.env.JULI_TEST_LOG ? { level: 'error' } : false, webDir: null });
  await app.ready();
  let requestSeq = 0;
  return {
    app,
    deps,
    database,
    clock,
    config,
    ctx: () => ({ actor: null, requestId: `test-${++requestSeq}`, sourceIp: null, locale: 'zh-CN', now: clock.now() }),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A signed-in browser: keeps the session cookie and sends the CSRF token on writes. */
export class Agent {
  cookie = '';
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = this.csrf;
    const response = await this.app.inject({ ...options, headers });
    this.absorbCookies(response);
    return response;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }
  post(url: string, payload: unknown = {}, headers: Record<string, string> = {}) {
    return this.request({ method: 'POST', url, payload: payload as object, headers });
  }
  put(url: string, payload: unknown, headers: Record<string, string> = {}) {
    return this.request({ method: 'PUT', url, payload: payload as object, headers });
  }
  patch(url: string, payload: unknown, headers: Record<string, string> = {}) {
    return this.request({ method: 'PATCH', url, payload: payload as object, headers });
  }

  private absorbCookies(response: LightMyRequestResponse): void {
    const jar = new Map(
      this.cookie
        .split('; ')
        .filter(Boolean)
        .map((c) => c.split('=') as [string, string]),
    );
    for (const c of response.cookies) {
      if (!c.value || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Sign in with password (and the second factor when asked, given the secret or enrolling). */
  async login(
    username: string,
    password: string,
    totp?: { secret?: string; clock: ManualClock },
  ): Promise<{ secret?: string; response: LightMyRequestResponse }> {
    const response = await this.post('/api/v1/auth/login', { username, password });
    if (response.statusCode !== 200) return { response };
    const body = response.json() as { status: string; secret?: string; session?: { csrfToken: string } };
    if (body.status === 'ok') {
      this.csrf = body.session!.csrfToken;
      return { response };
    }
    if (!totp) return { response };
    const secret = body.secret ?? totp.secret;
    if (!secret) throw new Error('second factor asked but no secret known');
    const second = await this.post('/api/v1/auth/login/totp', { code: totpCode(secret, totp.clock.now()) });
    if (second.statusCode === 200) this.csrf = (second.json() as { session: { csrfToken: string } }).session.csrfToken;
    return { secret, response: second };
  }
}

export function totpCode(secret: string, at: Date): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at.getTime(),
  });
}
