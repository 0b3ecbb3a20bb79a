import type { CreateDeal, CreateProject, CreateUser, Role, UnitKind } from '../contracts/index.js';
import type { RequestContext } from '../server/lib/context.js';
import { createDeal } from '../server/modules/deals/service.js';
import { createProject } from '../server/modules/projects/service.js';
import { createUserInCity } from '../server/modules/identity/index.js';
import { ensureCity, importEnterprise, importUnit } from '../server/modules/org/index.js';
import { demoUscc } from '../server/modules/demo/index.js';
import type { TestApp } from './app.js';
import { Agent } from './app.js';

export const PASSWORD = 'Test#Pass2026';

/**
 * A small city for tests:
 *   city 430400
 *   ├─ countyA (430405) ─ parkA (park) ─ townA (township)
 *   ├─ countyB (430481)
 *   ├─ dept (department)
 *   └─ platform (platform_company)
 * Enterprises: entA under parkA, entB under countyB.
 */
export interface TestOrg {
  cityCode: string;
  root: number;
  countyA: number;
  parkA: number;
  townA: number;
  countyB: number;
  dept: number;
  platform: number;
  entA: number;
  entB: number;
}

export async function seedOrg(t: TestApp, cityCode = '430400'): Promise<TestOrg> {
  const ctx = t.ctx();
  const root = await ensureCity(t.deps.db, ctx, { code: cityCode, nameZh: '衡阳市', nameEn: 'Hengyang' });
  return await t.deps.db.transaction().execute(async (tx) => {
    const unit = (parentId: number, kind: UnitKind, nameZh: string, code: string | null = null) =>
      importUnit(tx, ctx, cityCode, { parentId, kind, code, nameZh, nameEn: null });
    const countyA = await unit(root.id, 'district', '珠晖区', '430405');
    const parkA = await unit(countyA, 'park', '示例园区');
    const townA = await unit(parkA, 'township', '示例镇');
    const countyB = await unit(root.id, 'county_level_city', '耒阳市', '430481');
    const dept = await unit(root.id, 'department', '市自然资源和规划局');
    const platform = await unit(root.id, 'platform_company', '市城投');
    const entA = await importEnterprise(tx, ctx, cityCode, { uscc: demoUscc('430400', 'MA4L2B3C'), name: '甲企业', unitId: parkA });
    const entB = await importEnterprise(tx, ctx, cityCode, { uscc: demoUscc('430481', 'MA4N3P8E'), name: '乙企业', unitId: countyB });
    return { cityCode, root: root.id, countyA, parkA, townA, countyB, dept, platform, entA, entB };
  });
}

let userSeq = 0;

/** Create a user directly (no admin session needed); returns its username. */
/** One more unit of the test city (e.g. a second department) under `parentId`. */
export async function makeUnit(t: TestApp, parentId: number, kind: UnitKind, nameZh: string, cityCode = '430400'): Promise<number> {
  return await t.deps.db
    .transaction()
    .execute((tx) => importUnit(tx, t.ctx(), cityCode, { parentId, kind, code: null, nameZh, nameEn: null }));
}

export async function makeUser(
  t: TestApp,
  role: Role,
  scope: { unitId?: number; enterpriseId?: number } = {},
  overrides: Partial<CreateUser> = {},
  cityCode = '430400',
): Promise<{ id: number; username: string }> {
  const username = overrides.username ?? `${role.replace(/_/g, '')}${++userSeq}`;
  const user = await createUserInCity(
    t.deps.identity,
    t.ctx(),
    cityCode,
    {
      username,
      displayName: overrides.displayName ?? username,
      role,
      scopeUnitId: scope.unitId ?? null,
      scopeEnterpriseId: scope.enterpriseId ?? null,
      password: overrides.password ?? PASSWORD,
    },
    { mustChangePassword: false },
  );
  return { id: user.id, username };
}

/** A signed-in agent for a new user of this role (TOTP enrolment done for admin roles). */
export async function signedIn(
  t: TestApp,
  role: Role,
  scope: { unitId?: number; enterpriseId?: number } = {},
): Promise<Agent & { userId: number; username: string }> {
  const user = await makeUser(t, role, scope);
  const agent = new Agent(t.app);
  const { response } = await agent.login(user.username, PASSWORD, { clock: t.clock });
  if (response.statusCode !== 200) throw new Error(`login of ${user.username} failed: ${response.body}`);
  return Object.assign(agent, { userId: user.id, username: user.username });
}

/** A request context acting as a (real) city operator of the city: for factories that go through services. */
export async function operatorContext(t: TestApp, cityCode = '430400') {
  const operator = await makeUser(t, 'city_operator', {}, {}, cityCode);
  const root = await ensureCity(t.deps.db, t.ctx(), { code: cityCode, nameZh: cityCode, nameEn: null });
  return () => ({
    ...t.ctx(),
    actor: {
      userId: operator.id,
      username: operator.username,
      role: 'city_operator' as const,
      cityCode,
      scopeUnitId: root.id,
      scopeUnitPath: root.path,
      scopeEnterpriseId: null,
    },
  });
}

let dealSeq = 0;

/** A filed deal (through the service, as the operator would file it for a unit). */
export async function makeDeal(t: TestApp, ctx: () => RequestContext, unitId: number, overrides: Partial<CreateDeal> = {}) {
  dealSeq++;
  return await createDeal(t.deps.db, ctx(), {
    unitId,
    kind: 'new',
    projectName: `测试项目${dealSeq}`,
    investorName: `测试投资方${dealSeq}`,
    contractedAmount: '10000',
    industryCode: '26',
    source: 'domestic',
    signedOn: '2026-02-20',
    ...overrides,
  });
}

/** A registry project (through the service). */
export async function makeProject(t: TestApp, ctx: () => RequestContext, unitId: number, overrides: Partial<CreateProject> = {}) {
  return await createProject(t.deps.db, ctx(), {
    name: `测试重大项目${++dealSeq}`,
    unitId,
    industryCode: 'C',
    category: 'industrial',
    level: 'city',
    kind: 'new',
    totalInvestment: '50000',
    ...overrides,
  });
}
