import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, can } from '../../../contracts/index.js';
import { Agent, type TestApp, createTestApp, totpCode } from '../../../test/app.js';
import { PASSWORD, type TestOrg, makeUser, seedOrg, signedIn } from '../../../test/factories.js';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp({ JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  org = await seedOrg(t);
});
afterAll(async () => {
  await t?.close();
});

async function auditActions(username: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'result'])
    .where('actor_username', '=', username)
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.action}:${r.result}`);
}

describe('password sign-in', () => {
  it('signs in, returns the session with permissions and rotates the session id', async () => {
    const user = await makeUser(t, 'reporting_unit', { unitId: org.countyA });
    const agent = new Agent(t.app);
    await agent.login(user.username, PASSWORD);
    const first = agent.cookie;
    const session = await agent.get('/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({
      user: { username: user.username, role: 'reporting_unit', scopeUnitId: org.countyA, scopeUnitName: '珠晖区', cityName: '衡阳市' },
    });
    const permissions = session.json().permissions as string[];
    expect(permissions).toEqual(ACTIONS.filter((a) => can('reporting_unit', a)));
    expect(permissions).toContain('deal.manage');
    expect(permissions).not.toContain('user.read');
    const setCookie = (await agent.post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).headers['set-cookie'];
    expect(String(setCookie)).toMatch(/juli_sid=[^;]+;.*HttpOnly/i);
    expect(String(setCookie)).toMatch(/SameSite=Strict/i);
    expect(agent.cookie).not.toBe(first);
    // The session of before the second login is gone: the id changed, the old one was revoked.
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: first } });
    expect(old.statusCode).toBe(401);
  });

  it('gives one unchanged message for unknown user, wrong password, disabled and locked accounts', async () => {
    const user = await makeUser(t, 'city_leader');
    const agent = new Agent(t.app);
    const unknown = await agent.post('/api/v1/auth/login', { username: 'nobody-here', password: PASSWORD });
    const wrong = await agent.post('/api/v1/auth/login', { username: user.username, password: 'Wrong#Pass2026' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    const en = await agent.post('/api/v1/auth/login', { username: 'nobody', password: 'x' }, { 'accept-language': 'en-US' });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('locks the account after 5 failures for 15 minutes, with the same message, and audits it', async () => {
    const user = await makeUser(t, 'city_leader');
    const agent = new Agent(t.app);
    for (let i = 0; i < 5; i++) {
      expect((await agent.post('/api/v1/auth/login', { username: user.username, password: `Wrong#Pass${i}x` })).statusCode).toBe(401);
    }
    const locked = await agent.post('/api/v1/auth/login', { username: user.username, password: PASSWORD });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('INVALID_CREDENTIALS');
    t.clock.advanceMinutes(14);
    expect((await agent.post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).statusCode).toBe(401);
    t.clock.advanceMinutes(1);
    expect((await agent.post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).statusCode).toBe(200);
    const actions = await auditActions(user.username);
    expect(actions.filter((a) => a === 'auth.login:denied')).toHaveLength(7);
    expect(actions).toContain('auth.lockout:denied');
    expect(actions.at(-1)).toBe('auth.login:success');
  });

  it('a disabled user cannot sign in and loses open sessions at once', async () => {
    const security = await signedIn(t, 'security_admin');
    const target = await makeUser(t, 'city_leader');
    const agent = new Agent(t.app);
    await agent.login(target.username, PASSWORD);
    expect((await agent.get('/api/v1/org/units')).statusCode).toBe(200);
    const current = (await security.get(`/api/v1/admin/users/${target.id}`)).json();
    const disabled = await security.patch(`/api/v1/admin/users/${target.id}`, { version: current.version, isActive: false });
    expect(disabled.statusCode).toBe(200);
    expect((await agent.get('/api/v1/org/units')).statusCode).toBe(401);
    const again = await new Agent(t.app).post('/api/v1/auth/login', { username: target.username, password: PASSWORD });
    expect(again.json().error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('session lifetime (controllable clock)', () => {
  it('ends after 30 idle minutes; activity keeps it alive', async () => {
    const user = await makeUser(t, 'city_leader');
    const agent = new Agent(t.app);
    await agent.login(user.username, PASSWORD);
    t.clock.advanceMinutes(29);
    expect((await agent.get('/api/v1/org/units')).statusCode).toBe(200);
    t.clock.advanceMinutes(29);
    expect((await agent.get('/api/v1/org/units')).statusCode).toBe(200);
    t.clock.advanceMinutes(30);
    const expired = await agent.get('/api/v1/org/units');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('ends 12 hours after sign-in however active the user is', async () => {
    const user = await makeUser(t, 'city_leader');
    const agent = new Agent(t.app);
    await agent.login(user.username, PASSWORD);
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      t.clock.advanceMinutes(20);
      expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(200);
    }
    t.clock.advanceMinutes(20);
    expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('honours configured timeouts', async () => {
    const short = await createTestApp({ JULI_SESSION_IDLE_MINUTES: '5' });
    try {
      const user = await makeUser(short, 'city_leader', {}, {}, await seedOrg(short).then((o) => o.cityCode));
      const agent = new Agent(short.app);
      await agent.login(user.username, PASSWORD);
      short.clock.advanceMinutes(5);
      expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('logout revokes the session on the server', async () => {
    const user = await makeUser(t, 'city_leader');
    const agent = new Agent(t.app);
    await agent.login(user.username, PASSWORD);
    const stolen = agent.cookie;
    expect((await agent.post('/api/v1/auth/logout')).statusCode).toBe(200);
    const replay = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: stolen } });
    expect(replay.statusCode).toBe(401);
    expect(await auditActions(user.username)).toContain('auth.logout:success');
  });

  it('requests that arrive together are looked up together, each with its own session (a revoked one refused)', async () => {
    const agents = await Promise.all([
      signedIn(t, 'reporting_unit', { unitId: org.countyA }),
      signedIn(t, 'reporting_unit', { unitId: org.countyB }),
      signedIn(t, 'city_leader'),
    ]);
    const revoked = await signedIn(t, 'city_operator');
    const revokedCookie = revoked.cookie;
    expect((await revoked.post('/api/v1/auth/logout')).statusCode).toBe(200);
    // Fired in one tick: beyond the two lookups that run at once, the rest go in one query.
    const responses = await Promise.all([
      ...[...agents, ...agents, ...agents].map((a) => a.get('/api/v1/auth/session')),
      t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: revokedCookie } }),
    ]);
    const usernames = responses.slice(0, 9).map((r) => (r.json() as { user: { username: string } }).user.username);
    expect(usernames).toEqual([...agents, ...agents, ...agents].map((a) => a.username));
    expect(responses[9]?.statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a write without the session’s token, and nothing is written', async () => {
    const agent = await signedIn(t, 'city_operator');
    const body = { uscc: '91430400MA4L2B3C1E', name: '无令牌企业', unitId: org.countyA };
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org/enterprises',
      payload: body,
      headers: { cookie: agent.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_FAILED');
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org/enterprises',
      payload: body,
      headers: { cookie: agent.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrongToken.statusCode).toBe(403);
    const count = await t.deps.db.selectFrom('org_enterprise').select('id').where('name', '=', '无令牌企业').execute();
    expect(count).toHaveLength(0);
  });
});

describe('second factor (TOTP)', () => {
  it('the three administrators must enrol at first sign-in, then give a code every time', async () => {
    const admin = await makeUser(t, 'audit_admin');
    const agent = new Agent(t.app);
    const first = await agent.post('/api/v1/auth/login', { username: admin.username, password: PASSWORD });
    expect(first.json()).toMatchObject({ status: 'totp_enrollment_required' });
    const { secret, otpauthUrl } = first.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    // Without the second step there is no session.
    expect((await agent.get('/api/v1/audit/records')).statusCode).toBe(401);
    const wrong = await agent.post('/api/v1/auth/login/totp', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_TOTP');
    const ok = await agent.post('/api/v1/auth/login/totp', { code: totpCode(secret, t.clock.now()) });
    expect(ok.statusCode).toBe(200);
    agent.csrf = ok.json().session.csrfToken;
    expect((await agent.get('/api/v1/audit/records')).statusCode).toBe(200);

    // Next sign-in: a code is asked, and the same code cannot be used twice.
    const second = new Agent(t.app);
    expect((await second.post('/api/v1/auth/login', { username: admin.username, password: PASSWORD })).json()).toEqual({
      status: 'totp_required',
    });
    const replay = await second.post('/api/v1/auth/login/totp', { code: totpCode(secret, t.clock.now()) });
    expect(replay.statusCode).toBe(401);
    t.clock.advance(30_000);
    const fresh = await second.post('/api/v1/auth/login/totp', { code: totpCode(secret, t.clock.now()) });
    expect(fresh.statusCode).toBe(200);
  });

  it('a pending challenge expires after 5 minutes', async () => {
    const admin = await makeUser(t, 'system_admin');
    const agent = new Agent(t.app);
    const { secret } = (await agent.post('/api/v1/auth/login', { username: admin.username, password: PASSWORD })).json();
    t.clock.advanceMinutes(6);
    expect((await agent.post('/api/v1/auth/login/totp', { code: totpCode(secret, t.clock.now()) })).statusCode).toBe(401);
  });

  it('can be required for everyone by configuration, and set up voluntarily otherwise', async () => {
    const user = await makeUser(t, 'city_leader');
    const agent = new Agent(t.app);
    await agent.login(user.username, PASSWORD);
    const setup = await agent.post('/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const confirm = await agent.post('/api/v1/auth/totp/confirm', { code: totpCode(setup.json().secret, t.clock.now()) });
    expect(confirm.statusCode).toBe(200);
    t.clock.advance(30_000);
    const next = new Agent(t.app);
    expect((await next.post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).json().status).toBe('totp_required');

    const strict = await createTestApp({ JULI_TOTP_REQUIRED_FOR_ALL: 'true' });
    try {
      await seedOrg(strict);
      const leader = await makeUser(strict, 'city_leader');
      const response = await new Agent(strict.app).post('/api/v1/auth/login', { username: leader.username, password: PASSWORD });
      expect(response.json().status).toBe('totp_enrollment_required');
    } finally {
      await strict.close();
    }
  });
});

describe('password change', () => {
  it('an account with a password set by the administrator must change it before anything else', async () => {
    const security = await signedIn(t, 'security_admin');
    const target = await makeUser(t, 'city_leader');
    const reset = await security.post(`/api/v1/admin/users/${target.id}/reset-password`, { password: 'Reset#Pass2026' });
    expect(reset.statusCode).toBe(200);
    const agent = new Agent(t.app);
    await agent.login(target.username, 'Reset#Pass2026');
    expect((await agent.get('/api/v1/auth/session')).json().mustChangePassword).toBe(true);
    const blocked = await agent.get('/api/v1/org/units');
    expect(blocked.statusCode).toBe(428);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await agent.post('/api/v1/auth/password', { currentPassword: 'Reset#Pass2026', newPassword: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['newPassword', 'newPassword']);
    const wrongCurrent = await agent.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'Lotus-Pond#2026' });
    expect(wrongCurrent.json().error.details.fields[0]).toMatchObject({ path: 'currentPassword', message: '原密码不正确' });
    expect(
      (await agent.post('/api/v1/auth/password', { currentPassword: 'Reset#Pass2026', newPassword: 'Lotus-Pond#2026' })).statusCode,
    ).toBe(200);
    expect((await agent.get('/api/v1/org/units')).statusCode).toBe(200);
  });

  it('a password older than the configured maximum age must be changed', async () => {
    const aged = await createTestApp({ JULI_PASSWORD_MAX_AGE_DAYS: '90' });
    try {
      await seedOrg(aged);
      const user = await makeUser(aged, 'city_leader');
      aged.clock.advance(91 * 86_400_000);
      const agent = new Agent(aged.app);
      await agent.login(user.username, PASSWORD);
      expect((await agent.get('/api/v1/org/units')).statusCode).toBe(428);
    } finally {
      await aged.close();
    }
  });
});

describe('rate limit', () => {
  it('limits sign-in attempts per client', async () => {
    const limited = await createTestApp({ JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } })).statusCode,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const last = await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } });
      expect(last.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('cookies behind a TLS proxy', () => {
  it('are Secure when the proxy says the request came over https', async () => {
    const proxied = await createTestApp({ JULI_TRUST_PROXY: 'true' });
    try {
      await seedOrg(proxied);
      const user = await makeUser(proxied, 'city_leader');
      const response = await proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: user.username, password: PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(response.headers['set-cookie'])).toMatch(/juli_sid=[^;]+;.*Secure/);
      const plain = await proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: user.username, password: PASSWORD },
      });
      expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });
});
