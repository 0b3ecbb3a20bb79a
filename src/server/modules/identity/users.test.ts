import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, type TestApp, createTestApp } from '../../../test/app.js';
import { PASSWORD, type TestOrg, makeUser, seedOrg, signedIn } from '../../../test/factories.js';

let t: TestApp;
let org: TestOrg;
let security: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  security = await signedIn(t, 'security_admin');
});
afterAll(async () => {
  await t?.close();
});

const create = (body: Record<string, unknown>) =>
  security.post('/api/v1/admin/users', { displayName: '新用户', password: 'Lotus-Pond#2026', ...body });

describe('user administration by the security admin', () => {
  it('creates users whose scope fits their role', async () => {
    const county = await create({ username: 'county.user', role: 'reporting_unit', scopeUnitId: org.parkA });
    expect(county.statusCode).toBe(201);
    expect(county.json()).toMatchObject({ role: 'reporting_unit', scopeUnitName: '示例园区', mustChangePassword: true, isActive: true });
    const leader = await create({ username: 'leader.two', role: 'city_leader' });
    expect(leader.json()).toMatchObject({ scopeUnitId: org.root });
    const company = await create({ username: 'ent.user', role: 'enterprise', scopeEnterpriseId: org.entA });
    expect(company.json()).toMatchObject({ scopeEnterpriseName: '甲企业', scopeUnitId: null });
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ username: 'a.b', role: 'reporting_unit' }, 'scopeUnitId', '该角色必须指定管辖单位'],
    [{ username: 'a.c', role: 'reporting_unit', scopeUnitId: 999 }, 'scopeUnitId', '所选记录不存在或不在您的管辖范围内'],
    [{ username: 'a.d', role: 'department', scopeUnitId: 'x' }, 'scopeUnitId', '格式不正确'],
    [{ username: 'a.e', role: 'enterprise' }, 'scopeEnterpriseId', '企业角色必须指定所属企业'],
    [{ username: 'a.f', role: 'city_leader', scopeEnterpriseId: 1 }, 'scopeEnterpriseId', '该角色不能指定所属企业'],
    [{ username: '1bad', role: 'city_leader' }, 'username', '用户名为 3–32 位字母、数字、下划线、点或连字符，以字母开头'],
    [
      { username: 'weak.pw', role: 'city_leader', password: 'abc12345' },
      'password',
      '密码须包含大写字母、小写字母、数字、符号中的至少 3 类',
    ],
  ])('refuses %o on %s', async (body, path, message) => {
    const response = await create(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toContainEqual({ path, message });
  });

  it('department users need a department, reporting units a county-level unit or park', async () => {
    const response = await create({ username: 'dept.wrong', role: 'department', scopeUnitId: org.countyA });
    expect(response.json().error.details.fields).toEqual([{ path: 'scopeUnitId', message: '所选单位的类型与角色不符' }]);
  });

  it('refuses a taken username, case-insensitively', async () => {
    await makeUser(t, 'city_leader', {}, { username: 'Taken.Name' });
    const response = await create({ username: 'taken.name', role: 'city_leader' });
    expect(response.json().error.details.fields).toEqual([{ path: 'username', message: '用户名已存在' }]);
  });

  it('granting another role ends the user’s sessions and asks for a new second factor when needed', async () => {
    const user = await makeUser(t, 'city_leader');
    const agent = new Agent(t.app);
    await agent.login(user.username, PASSWORD);
    const current = (await security.get(`/api/v1/admin/users/${user.id}`)).json();
    const granted = await security.patch(`/api/v1/admin/users/${user.id}`, { version: current.version, role: 'audit_admin' });
    expect(granted.statusCode).toBe(200);
    expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(401);
    const relogin = await new Agent(t.app).post('/api/v1/auth/login', { username: user.username, password: PASSWORD });
    expect(relogin.json().status).toBe('totp_enrollment_required');
    const record = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.grant')
      .where('target_id', '=', String(user.id))
      .executeTakeFirstOrThrow();
    expect(record.before).toMatchObject({ role: 'city_leader' });
    expect(record.after).toMatchObject({ role: 'audit_admin' });
    expect(JSON.stringify(record.after)).not.toMatch(/password_?hash|totp_?secret|\$argon2/i);
  });

  it('never disables or demotes itself or the last security admin', async () => {
    const me = (await security.get(`/api/v1/admin/users/${security.userId}`)).json();
    const self = await security.patch(`/api/v1/admin/users/${security.userId}`, { version: me.version, isActive: false });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.message).toBe('不能修改自己的角色或停用自己');
    const other = await signedIn(t, 'security_admin');
    const disabled = await other.patch(`/api/v1/admin/users/${security.userId}`, { version: me.version, isActive: false });
    expect(disabled.statusCode).toBe(200);
    const meAgain = (await other.get(`/api/v1/admin/users/${other.userId}`)).json();
    const last = await security.patch(`/api/v1/admin/users/${other.userId}`, { version: meAgain.version, isActive: false });
    // The disabled admin's own session is gone already.
    expect(last.statusCode).toBe(401);
    security = other;
  });

  it('unlocks a locked account and resets the second factor', async () => {
    const user = await makeUser(t, 'city_leader');
    for (let i = 0; i < 5; i++) await new Agent(t.app).post('/api/v1/auth/login', { username: user.username, password: 'Wrong#Pass2026' });
    const locked = (await security.get(`/api/v1/admin/users?q=${user.username}`)).json().items[0];
    expect(locked).toMatchObject({ isLocked: true });
    const unlocked = await security.post(`/api/v1/admin/users/${user.id}/unlock`);
    expect(unlocked.json()).toMatchObject({ isLocked: false, lockedUntil: null });
    expect((await new Agent(t.app).post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).statusCode).toBe(200);
    const reset = await security.post(`/api/v1/admin/users/${user.id}/reset-totp`);
    expect(reset.json().totpEnabled).toBe(false);
  });

  it('lists and filters users of the city', async () => {
    const list = (await security.get('/api/v1/admin/users?role=reporting_unit')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((u: { role: string }) => u.role === 'reporting_unit')).toBe(true);
    const inactive = (await security.get('/api/v1/admin/users?isActive=false')).json();
    expect(inactive.items.every((u: { isActive: boolean }) => !u.isActive)).toBe(true);
    expect((await security.get('/api/v1/admin/users?isActive=maybe')).statusCode).toBe(400);
  });
});
