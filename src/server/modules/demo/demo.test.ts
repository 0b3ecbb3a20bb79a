import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUscc } from '../../../contracts/index.js';
import { Agent, type TestApp, createTestApp } from '../../../test/app.js';
import { verifyChain } from '../audit/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe(seedDemoIfEmpty.name, () => {
  it('loads Hengyang once: 12 county-level units, parks, departments, platform companies, enterprises and one account per role', async () => {
    const result = await seedDemoIfEmpty(t.deps.db, t.deps.identity, t.ctx());
    expect(result).toEqual({ units: 34, enterprises: 6, users: DEMO_ACCOUNTS.length });
    expect(await seedDemoIfEmpty(t.deps.db, t.deps.identity, t.ctx())).toBeNull();

    const units = await t.deps.db.selectFrom('org_unit').select(['kind', 'code', 'name_zh', 'park_level']).execute();
    const counties = units.filter((u) => ['district', 'county', 'county_level_city'].includes(u.kind));
    expect(counties.map((u) => u.code).sort()).toEqual(
      ['430405', '430406', '430407', '430408', '430412', '430421', '430422', '430423', '430424', '430426', '430481', '430482'].sort(),
    );
    const parks = units.filter((u) => u.kind === 'park');
    expect(parks.find((p) => p.name_zh === '衡阳高新技术产业开发区')?.park_level).toBe('national');
    expect(parks.find((p) => p.name_zh === '湖南衡阳松木经济开发区')).toMatchObject({ code: '430473', park_level: 'provincial' });
    expect(units.filter((u) => u.kind === 'department')).toHaveLength(12);
    const enterprises = await t.deps.db.selectFrom('org_enterprise').select('uscc').execute();
    expect(enterprises.every((e) => isValidUscc(e.uscc))).toBe(true);
    expect((await verifyChain(t.deps.db, '430400')).broken).toBeNull();
  });

  it('every demo account signs in with the documented password and sees its own scope', async () => {
    const zhuhui = new Agent(t.app);
    await zhuhui.login('zhuhui', DEMO_PASSWORD);
    const tree = (await zhuhui.get('/api/v1/org/units/tree')).json().items;
    expect(tree.map((n: { nameZh: string }) => n.nameZh)).toEqual(['珠晖区']);
    for (const account of DEMO_ACCOUNTS) {
      const response = await new Agent(t.app).post('/api/v1/auth/login', { username: account.username, password: DEMO_PASSWORD });
      expect(response.statusCode, account.username).toBe(200);
      const expected = ['system_admin', 'security_admin', 'audit_admin'].includes(account.role) ? 'totp_enrollment_required' : 'ok';
      expect(response.json().status, account.username).toBe(expected);
    }
  });
});
