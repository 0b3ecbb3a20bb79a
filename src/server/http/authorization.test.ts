import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Action, ROLES, type Role, can } from '../../contracts/index.js';
import { Agent, type TestApp, createTestApp } from '../../test/app.js';
import { PASSWORD, type TestOrg, makeDeal, makeProject, makeUser, operatorContext, seedOrg, signedIn } from '../../test/factories.js';
import { DEFAULT_REGISTRY_SETTINGS } from '../../contracts/index.js';
import { finishedJob, multipart, workbook } from '../../test/sheets.js';
import { jpegWithExifFixture } from '../../test/photos.js';
import { importsSettled } from '../modules/sheets/index.js';
import { demoUscc } from '../modules/demo/index.js';

/**
 * Every API route × every role × in and out of the role's jurisdiction.
 * A route without a fixture here fails the test, so a new route cannot skip the matrix.
 *
 * Expectations:
 * - the matrix denies the action → 403 FORBIDDEN (and the denial is audited);
 * - allowed, in scope → 2xx; out of scope → 404 (a row by id) or 400 on the reference field (a row named in a body);
 * - lists return only rows in scope (0 leaks);
 * - without a session → 401.
 */
let t: TestApp;
let org: TestOrg;
let other: TestOrg;
const agents = {} as Record<Role, Agent & { userId: number }>;
let otherCityUser: number;
let sameCityUser: number;
let ops: Awaited<ReturnType<typeof operatorContext>>;
let otherCityOps: Awaited<ReturnType<typeof operatorContext>>;
const reg = {} as {
  projA: number;
  projB: number;
  projOther: number;
  dealA: number;
  dealB: number;
  dealOther: number;
  dupA: number;
  reportA: number;
  reportB: number;
  reportOther: number;
  fundOther: number;
};

beforeAll(async () => {
  t = await createTestApp({ JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  org = await seedOrg(t);
  other = await seedOrgInOtherCity();
  const scopes: Record<Role, { unitId?: number; enterpriseId?: number }> = {
    city_operator: {},
    city_leader: {},
    reporting_unit: { unitId: org.countyA },
    department: { unitId: org.dept },
    enterprise: { enterpriseId: org.entA },
    system_admin: {},
    security_admin: {},
    audit_admin: {},
  };
  for (const role of ROLES) agents[role] = await signedIn(t, role, scopes[role]);
  sameCityUser = (await makeUser(t, 'city_leader')).id;
  otherCityUser = (await makeUser(t, 'city_leader', {}, {}, other.cityCode)).id;
  ops = await operatorContext(t);
  const otherOps = await operatorContext(t, other.cityCode);
  otherCityOps = otherOps;
  const owner = await t.deps.db.selectFrom('org_enterprise').select('uscc').where('id', '=', org.entA).executeTakeFirstOrThrow();
  reg.projA = await makeProject(t, ops, org.parkA, { ownerUscc: owner.uscc });
  reg.projB = await makeProject(t, ops, org.countyB);
  reg.projOther = await makeProject(t, otherOps, other.countyA);
  reg.dealA = (await makeDeal(t, ops, org.countyA)).id;
  reg.dealB = (await makeDeal(t, ops, org.countyB)).id;
  reg.dealOther = (await makeDeal(t, otherOps, other.countyA)).id;
  reg.dupA = (await makeDeal(t, ops, org.countyA, { investorName: '重复投资方', projectName: '重复项目' })).id;
  await makeDeal(t, ops, org.countyB, { investorName: '重复投资方', projectName: '重复项目' });
  // Projects that report monthly (a plan this year), with a January report each.
  const plan = { annualPlans: [{ year: 2026, plannedInvestment: '1200', monthly: Array(12).fill('100') }] };
  reg.reportA = await makeProject(t, ops, org.countyA, plan);
  reg.reportB = await makeProject(t, ops, org.countyB, plan);
  reg.reportOther = await makeProject(t, otherOps, other.countyA, plan);
  const { submitReports } = await import('../modules/reports/service.js');
  for (const [id, context] of [
    [reg.reportA, ops],
    [reg.reportB, ops],
    [reg.reportOther, otherOps],
  ] as const) {
    await submitReports(t.deps.db, context(), {
      month: '2026-01',
      rows: [{ projectId: id, investment: '100', baseVersion: 0, explanation: '前期费用' }],
    });
  }
  const { recordFund } = await import('../modules/reports/funds.js');
  reg.fundOther = (
    await recordFund(t.deps.db, otherOps(), { unitId: other.countyA, source: 'other', amount: '1', wonOn: '2026-01-10' })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

async function seedOrgInOtherCity(): Promise<TestOrg> {
  // Same shape, another tenant (株洲 430200): everything in it is out of scope for every user of 430400.
  const { ensureCity, importUnit, importEnterprise } = await import('../modules/org/index.js');
  const ctx = t.ctx();
  const root = await ensureCity(t.deps.db, ctx, { code: '430200', nameZh: '株洲市', nameEn: null });
  return await t.deps.db.transaction().execute(async (tx) => {
    const countyA = await importUnit(tx, ctx, '430200', {
      parentId: root.id,
      kind: 'district',
      code: '430202',
      nameZh: '荷塘区',
      nameEn: null,
    });
    const parkA = await importUnit(tx, ctx, '430200', { parentId: countyA, kind: 'park', code: null, nameZh: '株洲园区', nameEn: null });
    const dept = await importUnit(tx, ctx, '430200', {
      parentId: root.id,
      kind: 'department',
      code: null,
      nameZh: '株洲部门',
      nameEn: null,
    });
    const entA = await importEnterprise(tx, ctx, '430200', { uscc: demoUscc('430200', 'MA4T5W2K'), name: '株洲企业', unitId: parkA });
    return { cityCode: '430200', root: root.id, countyA, parkA, townA: parkA, countyB: countyA, dept, platform: dept, entA, entB: entA };
  });
}

async function version(table: 'org_unit' | 'org_enterprise' | 'identity_user' | 'project' | 'deal', id: number): Promise<number> {
  const row = await t.deps.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return row.version;
}

let usccSeq = 0;
function freshUscc(): string {
  usccSeq++;
  return demoUscc('430400', `MA5${String(usccSeq).padStart(5, '0')}`);
}

type Request = { method: string; url: string; payload?: unknown; headers?: Record<string, string> };

interface RoleCases {
  inScope: Request;
  /** Omitted when the role's scope is the whole city and the request names no row. */
  outOfScope?: { request: Request; status: 400 | 404 };
  /** For lists: the ids the role may see. */
  visible?: Set<number>;
}

/**
 * The rows a role may see, worked out here from the tree by plain SQL (rows added by earlier
 * cases count too), and a sample in / out of scope.
 */
async function unitIdsUnder(unitId: number): Promise<Set<number>> {
  const root = await t.deps.db.selectFrom('org_unit').select('path').where('id', '=', unitId).executeTakeFirstOrThrow();
  const rows = await t.deps.db
    .selectFrom('org_unit')
    .select('id')
    .where('city_code', '=', org.cityCode)
    .where('path', 'like', `${root.path}%`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

async function unitSample(role: Role) {
  switch (role) {
    case 'reporting_unit':
      return { inside: org.parkA, outside: org.countyB, visible: await unitIdsUnder(org.countyA) };
    case 'department':
      return { inside: org.dept, outside: org.countyA, visible: await unitIdsUnder(org.dept) };
    default:
      return { inside: org.parkA, outside: other.parkA, visible: await unitIdsUnder(org.root) };
  }
}

async function enterpriseIdsIn(units: Set<number>): Promise<Set<number>> {
  const rows = await t.deps.db.selectFrom('org_enterprise').select(['id', 'unit_id']).where('city_code', '=', org.cityCode).execute();
  return new Set(rows.filter((r) => units.has(r.unit_id)).map((r) => r.id));
}

async function enterpriseSample(role: Role) {
  switch (role) {
    case 'reporting_unit':
      return { inside: org.entA, outside: org.entB, visible: await enterpriseIdsIn(await unitIdsUnder(org.countyA)) };
    case 'enterprise':
      return { inside: org.entA, outside: org.entB, visible: new Set([org.entA]) };
    default:
      return { inside: org.entA, outside: other.entA, visible: await enterpriseIdsIn(await unitIdsUnder(org.root)) };
  }
}

type Fixture = (role: Role) => Promise<RoleCases>;

async function projectSample(role: Role) {
  const rows = await t.deps.db
    .selectFrom('project as p')
    .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'u.path', 'p.owner_enterprise_id'])
    .where('p.city_code', '=', org.cityCode)
    .execute();
  const countyA = await unitIdsUnder(org.countyA);
  const unitOf = new Map((await t.deps.db.selectFrom('project').select(['id', 'unit_id']).execute()).map((r) => [r.id, r.unit_id]));
  switch (role) {
    case 'reporting_unit':
      return {
        inside: reg.projA,
        outside: reg.projB,
        visible: new Set(rows.filter((r) => countyA.has(unitOf.get(r.id)!)).map((r) => r.id)),
      };
    case 'enterprise':
      return {
        inside: reg.projA,
        outside: reg.projB,
        visible: new Set(rows.filter((r) => r.owner_enterprise_id === org.entA).map((r) => r.id)),
      };
    default:
      return { inside: reg.projA, outside: reg.projOther, visible: new Set(rows.map((r) => r.id)) };
  }
}

async function dealSample(role: Role) {
  const rows = await t.deps.db.selectFrom('deal').select(['id', 'unit_id']).where('city_code', '=', org.cityCode).execute();
  if (role === 'reporting_unit') {
    const countyA = await unitIdsUnder(org.countyA);
    return {
      inside: reg.dealA,
      outside: reg.dealB,
      outsideUnit: org.countyB,
      visible: new Set(rows.filter((r) => countyA.has(r.unit_id)).map((r) => r.id)),
    };
  }
  return { inside: reg.dealA, outside: reg.dealOther, outsideUnit: other.countyA, visible: new Set(rows.map((r) => r.id)) };
}

/** A failed import of this agent's own (it has an annotated workbook), and one of the other city. */
async function importJob(role: Role, kind: 'projects' | 'deals' | 'reports'): Promise<{ own: number; other: number }> {
  const { payload, headers } = multipart('bad.xlsx', await workbook(['项目名称*'], [['x']]));
  const agent = agents[role];
  const started = await agent.request({ method: 'POST', url: `/api/v1/${kind}/imports`, payload, headers });
  const own = started.statusCode === 202 ? (await finishedJob(agent, kind as 'deals', started.json().id)).id : 1;
  const { startImport } = await import('../modules/sheets/service.js');
  const otherJob = await startImport(t.deps.db, otherCityOps(), kind, { filename: 'x.xlsx', data: await workbook(['x'], [['y']]) });
  await importsSettled();
  return { own, other: otherJob.id };
}

const upload = async (kind: 'projects' | 'deals' | 'reports'): Promise<Request & { headers: Record<string, string> }> => {
  const { payload, headers } = multipart('ok.xlsx', await workbook(['项目名称*'], [['x']]));
  return { method: 'POST', url: `/api/v1/${kind}/imports`, payload, headers };
};

let photoSeq = 0;
/** A photo of a project's February report, stored as the photos module stores one (any project, reporting or not). */
async function reportPhoto(projectId: number, cityCode = org.cityCode): Promise<number> {
  const { storeFile } = await import('../modules/files/index.js');
  const ctx = cityCode === org.cityCode ? ops() : otherCityOps();
  const file = await storeFile(t.deps.db, ctx, cityCode, {
    purpose: 'report.photo',
    filename: `现场${++photoSeq}.jpg`,
    contentType: 'image/jpeg',
    data: jpegWithExifFixture(),
  });
  const row = await t.deps.db
    .insertInto('report_photo')
    .values({ city_code: cityCode, project_id: projectId, month: '2026-02-01', file_id: file.id, created_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A month published once (the boards' downloads and 红黄榜 lists need a publication). */
async function publishedMonth(month: string): Promise<void> {
  const published = await t.deps.db
    .selectFrom('board_publication')
    .select('month')
    .where('city_code', '=', org.cityCode)
    .where('month', '=', `${month}-01`)
    .executeTakeFirst();
  if (published) return;
  const { publishBoards } = await import('../modules/boards/service.js');
  await publishBoards(
    t.deps.db,
    ops(),
    month,
    async () => [],
    async () => ({ briefing: Buffer.from('docx'), workbook: Buffer.from('xlsx') }),
  );
}

const settingsVersion = async () => (await t.deps.db.selectFrom('registry_setting').select('version').executeTakeFirst())?.version ?? 0;

const FIXTURES: Record<string, Fixture> = {
  'GET /api/v1/org/units': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/org/units?pageSize=200' },
    visible: (await unitSample(role)).visible,
  }),
  'GET /api/v1/org/units/tree': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/org/units/tree' },
    visible: (await unitSample(role)).visible,
  }),
  'GET /api/v1/org/units/:id': async (role) => {
    const s = await unitSample(role);
    return {
      inScope: { method: 'GET', url: `/api/v1/org/units/${s.inside}` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/org/units/${s.outside}` }, status: 404 },
    };
  },
  'POST /api/v1/org/units': async () => ({
    inScope: { method: 'POST', url: '/api/v1/org/units', payload: { parentId: org.countyA, kind: 'township', nameZh: '新镇' } },
    outOfScope: {
      request: { method: 'POST', url: '/api/v1/org/units', payload: { parentId: other.countyA, kind: 'township', nameZh: '越权镇' } },
      status: 400,
    },
  }),
  'PATCH /api/v1/org/units/:id': async () => ({
    inScope: {
      method: 'PATCH',
      url: `/api/v1/org/units/${org.townA}`,
      payload: { version: await version('org_unit', org.townA), nameZh: '示例镇' },
    },
    outOfScope: {
      request: {
        method: 'PATCH',
        url: `/api/v1/org/units/${other.parkA}`,
        payload: { version: await version('org_unit', other.parkA), nameZh: '越权' },
      },
      status: 404,
    },
  }),
  'GET /api/v1/org/enterprises': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/org/enterprises?pageSize=200' },
    visible: (await enterpriseSample(role)).visible,
  }),
  'GET /api/v1/org/enterprises/lookup': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/org/enterprises/lookup' },
    visible: (await enterpriseSample(role)).visible,
  }),
  'GET /api/v1/org/enterprises/:id': async (role) => {
    const s = await enterpriseSample(role);
    return {
      inScope: { method: 'GET', url: `/api/v1/org/enterprises/${s.inside}` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/org/enterprises/${s.outside}` }, status: 404 },
    };
  },
  'POST /api/v1/org/enterprises': async (role) => {
    const outsideUnit = role === 'reporting_unit' ? org.countyB : other.parkA;
    return {
      inScope: { method: 'POST', url: '/api/v1/org/enterprises', payload: { uscc: freshUscc(), name: '新企业', unitId: org.parkA } },
      outOfScope: {
        request: { method: 'POST', url: '/api/v1/org/enterprises', payload: { uscc: freshUscc(), name: '越权企业', unitId: outsideUnit } },
        status: 400,
      },
    };
  },
  'PATCH /api/v1/org/enterprises/:id': async (role) => {
    const s = await enterpriseSample(role);
    return {
      inScope: {
        method: 'PATCH',
        url: `/api/v1/org/enterprises/${s.inside}`,
        payload: { version: await version('org_enterprise', s.inside), name: '甲企业' },
      },
      outOfScope: {
        request: {
          method: 'PATCH',
          url: `/api/v1/org/enterprises/${s.outside}`,
          payload: { version: await version('org_enterprise', s.outside), name: '越权' },
        },
        status: 404,
      },
    };
  },
  'GET /api/v1/admin/users': async () => ({
    inScope: { method: 'GET', url: '/api/v1/admin/users?pageSize=200' },
    visible: new Set(
      (await t.deps.db.selectFrom('identity_user').select('id').where('city_code', '=', org.cityCode).execute()).map((r) => r.id),
    ),
  }),
  'GET /api/v1/admin/users/:id': async () => ({
    inScope: { method: 'GET', url: `/api/v1/admin/users/${sameCityUser}` },
    outOfScope: { request: { method: 'GET', url: `/api/v1/admin/users/${otherCityUser}` }, status: 404 },
  }),
  'POST /api/v1/admin/users': async () => ({
    inScope: {
      method: 'POST',
      url: '/api/v1/admin/users',
      payload: {
        username: `u${Date.now() % 1e8}x${++usccSeq}`,
        displayName: '新用户',
        role: 'reporting_unit',
        scopeUnitId: org.countyB,
        password: PASSWORD,
      },
    },
    outOfScope: {
      request: {
        method: 'POST',
        url: '/api/v1/admin/users',
        payload: {
          username: `v${Date.now() % 1e8}x${++usccSeq}`,
          displayName: '越权',
          role: 'reporting_unit',
          scopeUnitId: other.countyA,
          password: PASSWORD,
        },
      },
      status: 400,
    },
  }),
  'PATCH /api/v1/admin/users/:id': async () => ({
    inScope: {
      method: 'PATCH',
      url: `/api/v1/admin/users/${sameCityUser}`,
      payload: { version: await version('identity_user', sameCityUser), displayName: '改名' },
    },
    outOfScope: {
      request: {
        method: 'PATCH',
        url: `/api/v1/admin/users/${otherCityUser}`,
        payload: { version: await version('identity_user', otherCityUser), displayName: '越权' },
      },
      status: 404,
    },
  }),
  'POST /api/v1/admin/users/:id/reset-password': async () => ({
    inScope: { method: 'POST', url: `/api/v1/admin/users/${sameCityUser}/reset-password`, payload: { password: 'Reset#Pass2026' } },
    outOfScope: {
      request: { method: 'POST', url: `/api/v1/admin/users/${otherCityUser}/reset-password`, payload: { password: 'Reset#Pass2026' } },
      status: 404,
    },
  }),
  'POST /api/v1/admin/users/:id/unlock': async () => ({
    inScope: { method: 'POST', url: `/api/v1/admin/users/${sameCityUser}/unlock` },
    outOfScope: { request: { method: 'POST', url: `/api/v1/admin/users/${otherCityUser}/unlock` }, status: 404 },
  }),
  'POST /api/v1/admin/users/:id/reset-totp': async () => ({
    inScope: { method: 'POST', url: `/api/v1/admin/users/${sameCityUser}/reset-totp` },
    outOfScope: { request: { method: 'POST', url: `/api/v1/admin/users/${otherCityUser}/reset-totp` }, status: 404 },
  }),
  'GET /api/v1/audit/records': async () => ({
    inScope: { method: 'GET', url: '/api/v1/audit/records?pageSize=200' },
    visible: new Set(
      (await t.deps.db.selectFrom('audit_log').select('id').where('city_code', '=', org.cityCode).execute()).map((r) => r.id),
    ),
  }),
  'GET /api/v1/audit/verify': async () => ({ inScope: { method: 'GET', url: '/api/v1/audit/verify' } }),
  'GET /api/v1/audit/records/export': async () => ({ inScope: { method: 'GET', url: '/api/v1/audit/records/export' } }),
  'GET /api/v1/system/info': async () => ({ inScope: { method: 'GET', url: '/api/v1/system/info' } }),
  'PUT /api/v1/settings/registry': async () => ({
    inScope: {
      method: 'PUT',
      url: '/api/v1/settings/registry',
      payload: { ...DEFAULT_REGISTRY_SETTINGS, version: await settingsVersion() },
    },
  }),
  'GET /api/v1/settings/deal-targets': async () => ({ inScope: { method: 'GET', url: '/api/v1/settings/deal-targets?year=2026' } }),
  'POST /api/v1/settings/deal-targets/copy': async () => ({
    inScope: { method: 'POST', url: '/api/v1/settings/deal-targets/copy', payload: { fromYear: 2026, toYear: 2027 } },
  }),
  'PUT /api/v1/settings/deal-targets': async () => ({
    inScope: { method: 'PUT', url: '/api/v1/settings/deal-targets', payload: { unitId: org.countyA, year: 2026, amount: '100000' } },
    outOfScope: {
      request: { method: 'PUT', url: '/api/v1/settings/deal-targets', payload: { unitId: other.countyA, year: 2026, amount: '1' } },
      status: 400,
    },
  }),
  'GET /api/v1/projects': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/projects?pageSize=200' },
    visible: (await projectSample(role)).visible,
  }),
  'GET /api/v1/projects/leaders': async () => ({ inScope: { method: 'GET', url: '/api/v1/projects/leaders' } }),
  // An OC4IDS package (no `items`): jurisdiction is checked in modules/opendata/opendata.test.ts; a unit
  // filter outside the scope finds nothing, and an empty package is a 404 (OC4IDS has none).
  'GET /api/v1/projects/oc4ids': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/projects/oc4ids' },
    outOfScope: {
      request: {
        method: 'GET',
        url: `/api/v1/projects/oc4ids?unitId=${role === 'reporting_unit' || role === 'enterprise' ? org.countyB : other.countyA}`,
      },
      status: 404,
    },
  }),
  'GET /api/v1/projects/:id': async (role) => {
    const s = await projectSample(role);
    return {
      inScope: { method: 'GET', url: `/api/v1/projects/${s.inside}` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/projects/${s.outside}` }, status: 404 },
    };
  },
  'GET /api/v1/projects/:id/history': async (role) => {
    const s = await projectSample(role);
    return {
      inScope: { method: 'GET', url: `/api/v1/projects/${s.inside}/history` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/projects/${s.outside}/history` }, status: 404 },
    };
  },
  'POST /api/v1/projects': async (role) => {
    const body = (unitId: number) => ({
      name: '授权测试项目',
      unitId,
      industryCode: '26',
      category: 'industrial',
      level: 'county',
      kind: 'new',
      totalInvestment: '100',
    });
    return {
      inScope: { method: 'POST', url: '/api/v1/projects', payload: body(org.parkA) },
      outOfScope: {
        request: { method: 'POST', url: '/api/v1/projects', payload: body(role === 'reporting_unit' ? org.countyB : other.countyA) },
        status: 400,
      },
    };
  },
  'PATCH /api/v1/projects/:id': async (role) => {
    const s = await projectSample(role);
    return {
      inScope: {
        method: 'PATCH',
        url: `/api/v1/projects/${s.inside}`,
        payload: { version: await version('project', s.inside), description: `改于 ${Date.now()}` },
      },
      outOfScope: {
        request: {
          method: 'PATCH',
          url: `/api/v1/projects/${s.outside}`,
          payload: { version: await version('project', s.outside), name: '越权' },
        },
        status: 404,
      },
    };
  },
  'GET /api/v1/deals': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/deals?pageSize=200' },
    visible: (await dealSample(role)).visible,
  }),
  'GET /api/v1/deals/funnel': async (role) => {
    const s = await dealSample(role);
    const q = 'cohortFrom=2026-01-01&cohortTo=2026-12-31&asOf=2026-03-02';
    return {
      inScope: { method: 'GET', url: `/api/v1/deals/funnel?${q}` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/deals/funnel?${q}&unitId=${s.outsideUnit}` }, status: 404 },
    };
  },
  'GET /api/v1/deals/:id': async (role) => {
    const s = await dealSample(role);
    return {
      inScope: { method: 'GET', url: `/api/v1/deals/${s.inside}` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/deals/${s.outside}` }, status: 404 },
    };
  },
  'GET /api/v1/deals/:id/history': async (role) => {
    const s = await dealSample(role);
    return {
      inScope: { method: 'GET', url: `/api/v1/deals/${s.inside}/history` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/deals/${s.outside}/history` }, status: 404 },
    };
  },
  'GET /api/v1/deals/:id/duplicates': async (role) => {
    const s = await dealSample(role);
    return {
      inScope: { method: 'GET', url: `/api/v1/deals/${s.inside}/duplicates` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/deals/${s.outside}/duplicates` }, status: 404 },
    };
  },
  'POST /api/v1/deals': async (role) => {
    const s = await dealSample(role);
    const body = (unitId: number) => ({
      unitId,
      projectName: `授权测试${++usccSeq}`,
      investorName: '某投资方',
      contractedAmount: '100',
      industryCode: '26',
      source: 'domestic',
      signedOn: '2026-02-01',
    });
    return {
      inScope: { method: 'POST', url: '/api/v1/deals', payload: body(org.countyA) },
      outOfScope: { request: { method: 'POST', url: '/api/v1/deals', payload: body(s.outsideUnit) }, status: 400 },
    };
  },
  'PATCH /api/v1/deals/:id': async (role) => {
    const s = await dealSample(role);
    return {
      inScope: {
        method: 'PATCH',
        url: `/api/v1/deals/${s.inside}`,
        payload: { version: await version('deal', s.inside), note: `改于 ${++usccSeq}` },
      },
      outOfScope: {
        request: {
          method: 'PATCH',
          url: `/api/v1/deals/${s.outside}`,
          payload: { version: await version('deal', s.outside), note: '越权' },
        },
        status: 404,
      },
    };
  },
  'POST /api/v1/deals/:id/transitions': async (role) => {
    const s = await dealSample(role);
    const fresh = (await makeDeal(t, ops, org.countyA)).id;
    return {
      inScope: {
        method: 'POST',
        url: `/api/v1/deals/${fresh}/transitions`,
        payload: { version: 1, toStage: 'fulfilling', occurredOn: '2026-03-01' },
      },
      outOfScope: {
        request: {
          method: 'POST',
          url: `/api/v1/deals/${s.outside}/transitions`,
          payload: { version: 1, toStage: 'fulfilling', occurredOn: '2026-03-01' },
        },
        status: 404,
      },
    };
  },
  'POST /api/v1/deals/:id/settle-duplicate': async () => ({
    inScope: { method: 'POST', url: `/api/v1/deals/${reg.dupA}/settle-duplicate`, payload: { keepDealId: reg.dupA } },
    outOfScope: {
      request: { method: 'POST', url: `/api/v1/deals/${reg.dealOther}/settle-duplicate`, payload: { keepDealId: reg.dealOther } },
      status: 404,
    },
  }),
  ...Object.fromEntries(
    (['projects', 'deals'] as const).flatMap((kind) => [
      [`GET /api/v1/${kind}/import-template`, async () => ({ inScope: { method: 'GET', url: `/api/v1/${kind}/import-template` } })],
      [`POST /api/v1/${kind}/imports`, async () => ({ inScope: await upload(kind) })],
      [
        `GET /api/v1/${kind}/imports/:id`,
        async (role: Role) => {
          const jobs = await importJob(role, kind);
          return {
            inScope: { method: 'GET', url: `/api/v1/${kind}/imports/${jobs.own}` },
            outOfScope: { request: { method: 'GET', url: `/api/v1/${kind}/imports/${jobs.other}` }, status: 404 as const },
          };
        },
      ],
      [
        `GET /api/v1/${kind}/imports/:id/annotated`,
        async (role: Role) => {
          const jobs = await importJob(role, kind);
          return {
            inScope: { method: 'GET', url: `/api/v1/${kind}/imports/${jobs.own}/annotated` },
            outOfScope: { request: { method: 'GET', url: `/api/v1/${kind}/imports/${jobs.other}/annotated` }, status: 404 as const },
          };
        },
      ],
    ]),
  ),
  'POST /api/v1/deals/:id/contract': async (role) => {
    const s = await dealSample(role);
    const pdf = Buffer.from('%PDF-1.7\n%test contract\n');
    const body = (id: number) => ({ method: 'POST', url: `/api/v1/deals/${id}/contract`, ...multipart('合同.pdf', pdf) });
    return { inScope: body(s.inside), outOfScope: { request: body(s.outside), status: 404 } };
  },
  'GET /api/v1/deals/:id/contract': async (role) => {
    const s = await dealSample(role);
    const { attachContract } = await import('../modules/deals/service.js');
    await attachContract(t.deps.db, ops(), s.inside, { filename: 'c.pdf', data: Buffer.from('%PDF-1.4 a') });
    if (s.outside === reg.dealOther)
      await attachContract(t.deps.db, otherCityOps(), s.outside, { filename: 'c.pdf', data: Buffer.from('%PDF-1.4 b') });
    else await attachContract(t.deps.db, ops(), s.outside, { filename: 'c.pdf', data: Buffer.from('%PDF-1.4 b') });
    return {
      inScope: { method: 'GET', url: `/api/v1/deals/${s.inside}/contract` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/deals/${s.outside}/contract` }, status: 404 },
    };
  },
  'GET /api/v1/reports/grid': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/reports/grid?month=2026-01' },
    outOfScope: {
      request: {
        method: 'GET',
        url: `/api/v1/reports/grid?month=2026-01&unitId=${role === 'reporting_unit' ? org.countyB : other.countyA}`,
      },
      status: 404,
    },
  }),
  'PUT /api/v1/reports/grid': async (role) => {
    const version = async (id: number) =>
      (
        await t.deps.db
          .selectFrom('report_version')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('project_id', '=', id)
          .executeTakeFirst()
      )?.v ?? 0;
    const body = async (id: number) => ({
      month: '2026-01',
      rows: [{ projectId: id, investment: String(100 + (await version(id))), baseVersion: await version(id), explanation: '前期费用' }],
    });
    const outside = role === 'reporting_unit' ? reg.reportB : reg.reportOther;
    return {
      inScope: { method: 'PUT', url: '/api/v1/reports/grid', payload: await body(reg.reportA) },
      outOfScope: { request: { method: 'PUT', url: '/api/v1/reports/grid', payload: await body(outside) }, status: 400 },
    };
  },
  'GET /api/v1/reports/history': async (role) => ({
    // An enterprise reads the reports of its own project (projA), not the county's others.
    inScope: { method: 'GET', url: `/api/v1/reports/history?projectId=${role === 'enterprise' ? reg.projA : reg.reportA}&month=2026-01` },
    outOfScope: {
      request: {
        method: 'GET',
        url: `/api/v1/reports/history?projectId=${role === 'reporting_unit' || role === 'enterprise' ? reg.reportB : reg.reportOther}&month=2026-01`,
      },
      status: 404,
    },
  }),
  'GET /api/v1/reports/missing': async () => ({ inScope: { method: 'GET', url: '/api/v1/reports/missing?month=2026-01' } }),
  'POST /api/v1/reports/returns': async () => ({
    inScope: { method: 'POST', url: '/api/v1/reports/returns', payload: { projectId: reg.reportA, month: '2026-01', reason: '请核实' } },
    outOfScope: {
      request: {
        method: 'POST',
        url: '/api/v1/reports/returns',
        payload: { projectId: reg.reportOther, month: '2026-01', reason: '越权' },
      },
      status: 404,
    },
  }),
  'GET /api/v1/reports/months/:month': async () => ({ inScope: { method: 'GET', url: '/api/v1/reports/months/2026-01' } }),
  'POST /api/v1/reports/months/:month/lock': async () => ({ inScope: { method: 'POST', url: '/api/v1/reports/months/2025-12/lock' } }),
  'GET /api/v1/projects/:id/feedback': async (role) => {
    const s = await projectSample(role);
    return {
      inScope: { method: 'GET', url: `/api/v1/projects/${s.inside}/feedback` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/projects/${s.outside}/feedback` }, status: 404 },
    };
  },
  'POST /api/v1/projects/:id/feedback': async (role) => {
    const s = await projectSample(role);
    const body = { notedOn: '2026-03-01', text: '现场已开工' };
    return {
      inScope: { method: 'POST', url: `/api/v1/projects/${s.inside}/feedback`, payload: body },
      outOfScope: { request: { method: 'POST', url: `/api/v1/projects/${s.outside}/feedback`, payload: body }, status: 404 },
    };
  },
  'GET /api/v1/funds': async () => ({ inScope: { method: 'GET', url: '/api/v1/funds?year=2026' } }),
  'GET /api/v1/funds/export': async () => ({ inScope: { method: 'GET', url: '/api/v1/funds/export?year=2026' } }),
  'POST /api/v1/funds': async (role) => ({
    inScope: {
      method: 'POST',
      url: '/api/v1/funds',
      payload: { unitId: org.countyA, source: 'central_budget', amount: '500', wonOn: '2026-02-01' },
    },
    outOfScope: {
      request: {
        method: 'POST',
        url: '/api/v1/funds',
        payload: { unitId: role === 'reporting_unit' ? org.countyB : other.countyA, source: 'other', amount: '1', wonOn: '2026-02-01' },
      },
      status: 400,
    },
  }),
  'POST /api/v1/funds/:id/corrections': async () => {
    const { recordFund } = await import('../modules/reports/funds.js');
    const fresh = (await recordFund(t.deps.db, ops(), { unitId: org.countyA, source: 'central_budget', amount: '10', wonOn: '2026-02-01' }))
      .id;
    const body = { source: 'central_budget', amount: '12', wonOn: '2026-02-01', reason: '以文件为准' };
    return {
      inScope: { method: 'POST', url: `/api/v1/funds/${fresh}/corrections`, payload: body },
      outOfScope: { request: { method: 'POST', url: `/api/v1/funds/${reg.fundOther}/corrections`, payload: body }, status: 404 },
    };
  },
  'GET /api/v1/boards': async () => ({ inScope: { method: 'GET', url: '/api/v1/boards?month=2026-01' } }),
  'GET /api/v1/boards/honours': async () => {
    // The lists of a published month are the city's published record: every reader sees them.
    // (October 2025: January 2026 is what POST /boards/publications publishes.)
    await publishedMonth('2025-10');
    return { inScope: { method: 'GET', url: '/api/v1/boards/honours?month=2025-10&list=red' } };
  },
  'GET /api/v1/boards/sources': async (role) => ({
    // A unit opens the figures of its own row; the city every row.
    inScope: { method: 'GET', url: `/api/v1/boards/sources?month=2026-01&metric=completed&unitId=${org.countyA}` },
    outOfScope: {
      request: {
        method: 'GET',
        url: `/api/v1/boards/sources?month=2026-01&metric=completed&unitId=${role === 'reporting_unit' ? org.countyB : other.countyA}`,
      },
      status: 404,
    },
  }),
  'POST /api/v1/boards/publications': async () => ({
    inScope: { method: 'POST', url: '/api/v1/boards/publications', payload: { month: '2026-01' } },
  }),
  ...Object.fromEntries(
    (['briefing', 'workbook'] as const).map((which) => [
      `GET /api/v1/boards/publications/:month/${which}`,
      async () => {
        await publishedMonth('2026-01');
        return {
          inScope: { method: 'GET', url: `/api/v1/boards/publications/2026-01/${which}` },
          outOfScope: { request: { method: 'GET', url: `/api/v1/boards/publications/2025-11/${which}` }, status: 404 as const },
        };
      },
    ]),
  ),
  'GET /api/v1/reports/photos': async (role) => ({
    // An enterprise reads the photos of its own project (projA), not the county's others.
    inScope: { method: 'GET', url: `/api/v1/reports/photos?projectId=${role === 'enterprise' ? reg.projA : reg.reportA}&month=2026-02` },
    outOfScope: {
      request: {
        method: 'GET',
        url: `/api/v1/reports/photos?projectId=${role === 'reporting_unit' || role === 'enterprise' ? reg.reportB : reg.reportOther}&month=2026-02`,
      },
      status: 404,
    },
  }),
  'POST /api/v1/reports/photos': async (role) => {
    const body = (projectId: number): Request => ({
      method: 'POST',
      url: `/api/v1/reports/photos?projectId=${projectId}&month=2026-02`,
      ...multipart('现场.jpg', jpegWithExifFixture()),
    });
    return {
      inScope: body(reg.reportA),
      outOfScope: { request: body(role === 'reporting_unit' ? reg.reportB : reg.reportOther), status: 404 },
    };
  },
  'GET /api/v1/reports/photos/:id': async (role) => {
    const inside = await reportPhoto(role === 'enterprise' ? reg.projA : reg.reportA);
    const outside =
      role === 'reporting_unit' || role === 'enterprise'
        ? await reportPhoto(reg.reportB)
        : await reportPhoto(reg.reportOther, other.cityCode);
    return {
      inScope: { method: 'GET', url: `/api/v1/reports/photos/${inside}` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/reports/photos/${outside}` }, status: 404 },
    };
  },
  'DELETE /api/v1/reports/photos/:id': async (role) => {
    const inside = await reportPhoto(reg.reportA);
    const outside = role === 'reporting_unit' ? await reportPhoto(reg.reportB) : await reportPhoto(reg.reportOther, other.cityCode);
    return {
      inScope: { method: 'DELETE', url: `/api/v1/reports/photos/${inside}` },
      outOfScope: { request: { method: 'DELETE', url: `/api/v1/reports/photos/${outside}` }, status: 404 },
    };
  },
  'GET /api/v1/reports/import-template': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/reports/import-template?month=2026-01' },
    outOfScope: {
      request: {
        method: 'GET',
        url: `/api/v1/reports/import-template?month=2026-01&unitId=${role === 'reporting_unit' ? org.countyB : other.countyA}`,
      },
      status: 404,
    },
  }),
  'POST /api/v1/reports/imports': async () => ({ inScope: await upload('reports') }),
  'GET /api/v1/reports/imports/:id': async (role) => {
    const jobs = await importJob(role, 'reports');
    return {
      inScope: { method: 'GET', url: `/api/v1/reports/imports/${jobs.own}` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/reports/imports/${jobs.other}` }, status: 404 },
    };
  },
  'GET /api/v1/reports/imports/:id/annotated': async (role) => {
    const jobs = await importJob(role, 'reports');
    return {
      inScope: { method: 'GET', url: `/api/v1/reports/imports/${jobs.own}/annotated` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/reports/imports/${jobs.other}/annotated` }, status: 404 },
    };
  },
  'GET /api/v1/reports/export': async (role) => ({
    inScope: { method: 'GET', url: '/api/v1/reports/export?month=2026-01' },
    outOfScope: {
      request: {
        method: 'GET',
        url: `/api/v1/reports/export?month=2026-01&unitId=${role === 'reporting_unit' ? org.countyB : other.countyA}`,
      },
      status: 404,
    },
  }),
  'GET /api/v1/projects/export': async () => ({ inScope: { method: 'GET', url: '/api/v1/projects/export' } }),
  'GET /api/v1/deals/export': async () => ({ inScope: { method: 'GET', url: '/api/v1/deals/export' } }),
  ...evaluationFixtures(),
  ...commitmentFixtures(),
  ...Object.fromEntries(
    ['overview', 'projects', 'projects/export', 'warnings', 'pack.docx'].map((what) => [
      `GET /api/v1/monitoring/${what}`,
      async (role: Role) => ({
        inScope: { method: 'GET', url: `/api/v1/monitoring/${what}?year=2026&unitId=${org.countyA}` },
        outOfScope: {
          request: {
            method: 'GET',
            url: `/api/v1/monitoring/${what}?year=2026&unitId=${role === 'reporting_unit' ? org.countyB : other.countyA}`,
          },
          status: 404 as const,
        },
      }),
    ]),
  ),
  'GET /api/v1/monitoring/years': async (role: Role) => ({
    inScope: { method: 'GET', url: `/api/v1/monitoring/years?unitId=${org.countyA}` },
    outOfScope: {
      request: { method: 'GET', url: `/api/v1/monitoring/years?unitId=${role === 'reporting_unit' ? org.countyB : other.countyA}` },
      status: 404 as const,
    },
  }),
  // Boundaries of the city's units: nothing in them is scoped.
  'GET /api/v1/monitoring/map': async () => ({ inScope: { method: 'GET', url: '/api/v1/monitoring/map' } }),
  ...problemFixtures(),
  ...observationFixtures(),
  ...competitionFixtures(),
  ...inspectionFixtures(),
};

/** Routes any signed-in user may call about themselves, with a request that exercises them without side effects on the agent. */
const SELF_ROUTES: Record<string, Request> = {
  'GET /api/v1/auth/session': { method: 'GET', url: '/api/v1/auth/session' },
  // Wrong current password: a 400 proves the route was reached and nothing changed.
  'POST /api/v1/auth/password': {
    method: 'POST',
    url: '/api/v1/auth/password',
    payload: { currentPassword: 'not-it', newPassword: 'Lotus-Pond#2026' },
  },
  'POST /api/v1/auth/totp/confirm': { method: 'POST', url: '/api/v1/auth/totp/confirm', payload: { code: '000000' } },
  'GET /api/v1/settings/registry': { method: 'GET', url: '/api/v1/settings/registry' },
  'GET /api/v1/reference/industries': { method: 'GET', url: '/api/v1/reference/industries' },
  'GET /api/v1/org/units/names': { method: 'GET', url: '/api/v1/org/units/names' },
  'GET /api/v1/problems/settings': { method: 'GET', url: '/api/v1/problems/settings' },
  'GET /api/v1/problems/calendar': { method: 'GET', url: '/api/v1/problems/calendar?year=2026' },
  'GET /api/v1/notifications': { method: 'GET', url: '/api/v1/notifications' },
  'GET /api/v1/notifications/unread-count': { method: 'GET', url: '/api/v1/notifications/unread-count' },
  // Nobody's notification: a 404 proves the route was reached.
  'POST /api/v1/notifications/:id/read': { method: 'POST', url: '/api/v1/notifications/999999/read' },
  'POST /api/v1/notifications/read-all': { method: 'POST', url: '/api/v1/notifications/read-all' },
};
/** Self routes with side effects on the session; exercised in their own tests. */
const SELF_ROUTES_TESTED_ELSEWHERE = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/totp/setup']);
const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'GET /api/v1/meta',
  'GET /api/openapi.json',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/login/totp',
]);

function ids(response: LightMyRequestResponse): number[] {
  const body = response.json() as { items: { id: number }[] };
  return body.items.map((item) => item.id);
}

describe('authorization matrix', () => {
  it('every route is covered by this test', () => {
    const keys = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    const uncovered = keys.filter((k) => !FIXTURES[k] && !SELF_ROUTES[k] && !SELF_ROUTES_TESTED_ELSEWHERE.has(k) && !PUBLIC_ROUTES.has(k));
    expect(uncovered).toEqual([]);
    for (const route of t.app.routeTable) {
      const key = `${route.method} ${route.url}`;
      if (PUBLIC_ROUTES.has(key)) expect(['public', 'pending']).toContain(route.access);
      else if (FIXTURES[key]) expect(route.access).not.toMatch(/^(public|pending|self)$/);
      else expect(route.access).toBe('self');
    }
  });

  it('without a session every non-public route answers 401', async () => {
    for (const route of t.app.routeTable) {
      if (PUBLIC_ROUTES.has(`${route.method} ${route.url}`)) continue;
      const response = await t.app.inject({ method: route.method as 'GET', url: route.url.replace(':id', '1'), payload: {} });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  // One test per role, walking every route of the fixture table.
  for (const role of ROLES) {
    it(`${role}: allowed in scope, 404/400 out of scope, 403 where the matrix denies, no leaks in lists`, async () => {
      const agent = agents[role];
      let leaks = 0;
      for (const route of t.app.routeTable) {
        const key = `${route.method} ${route.url}`;
        const fixture = FIXTURES[key];
        if (!fixture) continue;
        const cases = await fixture(role);
        const label = `${role} ${key}`;
        const response = await agent.request(cases.inScope as never);
        if (!can(role, route.access as Action)) {
          expect(response.statusCode, label).toBe(403);
          expect(response.json().error.code, label).toBe('FORBIDDEN');
          continue;
        }
        expect(response.statusCode, `${label}: ${response.body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
        expect(response.statusCode, `${label}: ${response.body.slice(0, 300)}`).toBeLessThan(300);
        if (cases.visible) {
          const seen = ids(response);
          leaks += seen.filter((id) => !cases.visible!.has(id)).length;
          expect(
            seen.filter((id) => !cases.visible!.has(id)),
            `${label} leaked`,
          ).toEqual([]);
          expect(seen.length, `${label} sees its own rows`).toBeGreaterThan(0);
        }
        if (cases.outOfScope) {
          const outside = await agent.request(cases.outOfScope.request as never);
          expect(outside.statusCode, `${label} out of scope: ${outside.body.slice(0, 300)}`).toBe(cases.outOfScope.status);
        }
      }
      expect(leaks).toBe(0);
    }, 180_000);
  }

  it('self routes are open to every signed-in role and never 403', async () => {
    for (const role of ROLES) {
      for (const [key, request] of Object.entries(SELF_ROUTES)) {
        const response = await agents[role].request(request as never);
        expect(response.statusCode, `${role} ${key}`).not.toBe(401);
        expect(response.statusCode, `${role} ${key}`).not.toBe(403);
      }
    }
  });

  it('denials are audited with the route and the missing permission', async () => {
    const before = await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'permission.denied').execute();
    const response = await agents.city_leader.get('/api/v1/admin/users');
    expect(response.statusCode).toBe(403);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'permission.denied')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(rows[0]).toMatchObject({
      actor_user_id: agents.city_leader.userId,
      target_id: 'GET /api/v1/admin/users',
      result: 'denied',
      after: { permission: 'user.read' },
    });
    expect((await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'permission.denied').execute()).length).toBe(
      before.length + 1,
    );
  });

  it('the three administrators never read business data', async () => {
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
      expect((await agents[role].get('/api/v1/org/enterprises')).statusCode).toBe(403);
    }
    // Only the audit admin reads the trail; only the security admin grants roles.
    for (const role of ROLES.filter((r) => r !== 'audit_admin'))
      expect((await agents[role].get('/api/v1/audit/records')).statusCode).toBe(403);
    for (const role of ROLES.filter((r) => r !== 'security_admin')) {
      expect((await agents[role].patch(`/api/v1/admin/users/${sameCityUser}`, { version: 1, role: 'city_operator' })).statusCode).toBe(403);
    }
  });
});

describe('logout and setup as self routes', () => {
  it('logout works for every role', async () => {
    for (const role of ROLES) {
      const agent = await signedIn(
        t,
        role,
        role === 'reporting_unit'
          ? { unitId: org.countyA }
          : role === 'department'
            ? { unitId: org.dept }
            : role === 'enterprise'
              ? { enterpriseId: org.entA }
              : {},
      );
      expect((await agent.post('/api/v1/auth/logout')).statusCode).toBe(200);
      expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(401);
    }
  });

  it('second-factor setup is refused when one is already active', async () => {
    const response = await agents.system_admin.post('/api/v1/auth/totp/setup');
    expect(response.statusCode).toBe(422);
    const leader = new Agent(t.app);
    const user = await makeUser(t, 'city_leader');
    await leader.login(user.username, PASSWORD);
    expect((await leader.post('/api/v1/auth/totp/setup')).statusCode).toBe(200);
  });
});

// ---------------------------------------------------------------- evaluation (亩均论英雄)

interface EvaluationState {
  methodA: number;
  methodOther: number;
  runA: number;
  runOther: number;
  adjustmentOther: number;
  objectionOther: number;
}
let evaluationState: Promise<EvaluationState> | undefined;
let evaluationYear = 2000;

/** A published 2025 run in each city (Huangyan preset, register = the city's enterprises), made once through the services. */
function evaluationSetup(): Promise<EvaluationState> {
  evaluationState ??= (async () => {
    const ev = await import('../modules/evaluation/service.js');
    const city = async (context: () => ReturnType<typeof ops>, c: TestOrg) => {
      const method = await ev.createMethod(t.deps.db, context(), { name: '授权测试方法', copyOfPreset: 'huangyan' });
      const ents = await t.deps.db.selectFrom('org_enterprise').select(['id', 'uscc']).where('city_code', '=', c.cityCode).execute();
      await ev.putRegister(t.deps.db, context(), {
        items: ents.map((e) => ({
          uscc: e.uscc,
          industryCode: '26',
          scale: 'above' as const,
          landOwnedMu: '10',
          landLeasedMu: '0',
          flags: [],
        })),
      });
      const value = (enterpriseId: number, field: string, v: string, source: number) => ({
        city_code: c.cityCode,
        year: 2025,
        enterprise_id: enterpriseId,
        field,
        value: v,
        source_unit_id: source,
        imported_at: new Date(),
      });
      await t.deps.db
        .insertInto('evaluation_value')
        .values([
          value(c.entA, 'tax', '100', c.dept),
          ...(c.entB === c.entA ? [] : [value(c.entB, 'tax', '10', c.dept)]),
          value(c.entB, 'employees', '5', c.dept),
          value(c.entB, 'employees', '6', c.root),
        ])
        .execute();
      await ev.resolveConflict(t.deps.db, context(), {
        enterpriseId: c.entB,
        year: 2025,
        field: 'employees',
        sourceUnitId: c.dept,
        reason: '以部门数据为准',
      });
      const run = await ev.createRun(t.deps.db, context(), { year: 2025, methodId: method.id });
      await ev.publishRun(t.deps.db, context(), run.id, '2030-12-31');
      return { method: method.id, run: run.id };
    };
    const a = await city(ops, org);
    const b = await city(otherCityOps, other);
    const adjustment = await ev.createAdjustment(t.deps.db, otherCityOps(), {
      year: 2025,
      enterpriseId: other.entA,
      itemKey: 'bonus',
      evidence: '证明',
    });
    const objection = await ev.createObjection(t.deps.db, enterpriseContext(other.cityCode, other.entA), b.run, {
      text: '异议',
      evidence: '证据',
    });
    return {
      methodA: a.method,
      methodOther: b.method,
      runA: a.run,
      runOther: b.run,
      adjustmentOther: adjustment.id,
      objectionOther: objection.id,
    };
  })();
  return evaluationState;
}

function enterpriseContext(cityCode: string, enterpriseId: number) {
  return {
    ...t.ctx(),
    actor: {
      userId: otherCityUser,
      username: 'ent',
      role: 'enterprise' as const,
      cityCode,
      scopeUnitId: null,
      scopeUnitPath: null,
      scopeEnterpriseId: enterpriseId,
    },
  };
}

/** Results of the 430400 run a role may see. */
async function evaluationVisible(role: Role, runId: number): Promise<Set<number>> {
  const rows = await t.deps.db
    .selectFrom('evaluation_result')
    .select(['enterprise_id', 'unit_id'])
    .where('city_code', '=', org.cityCode)
    .where('run_id', '=', runId)
    .execute();
  if (role === 'enterprise') return new Set(rows.filter((r) => r.enterprise_id === org.entA).map((r) => r.enterprise_id));
  if (role === 'reporting_unit') {
    const units = await unitIdsUnder(org.countyA);
    return new Set(rows.filter((r) => units.has(r.unit_id)).map((r) => r.enterprise_id));
  }
  return new Set(rows.map((r) => r.enterprise_id));
}

async function evaluationImportJob(role: Role): Promise<{ own: number; other: number }> {
  const { payload, headers } = multipart('bad.xlsx', await workbook(['统一社会信用代码'], [['x']]));
  const agent = agents[role];
  const started = await agent.request({ method: 'POST', url: '/api/v1/evaluation/data/imports', payload, headers });
  const own = started.statusCode === 202 ? (await finishedJob(agent, 'evaluation/data' as 'deals', started.json().id)).id : 1;
  const { startImport } = await import('../modules/sheets/service.js');
  const otherJob = await startImport(t.deps.db, otherCityOps(), 'evaluation-data', {
    filename: 'x.xlsx',
    data: await workbook(['x'], [['y']]),
  });
  await importsSettled();
  return { own, other: otherJob.id };
}

function evaluationFixtures(): Record<string, Fixture> {
  const E = '/api/v1/evaluation';
  const get = (url: string): Request => ({ method: 'GET', url });
  const ev = () => import('../modules/evaluation/service.js');
  const byRun =
    (suffix: string, method = 'GET', payload?: unknown) =>
    async () => {
      const s = await evaluationSetup();
      const req = (id: number): Request => ({ method, url: `${E}/runs/${id}${suffix}`, ...(payload ? { payload } : {}) });
      return { inScope: req(s.runA), outOfScope: { request: req(s.runOther), status: 404 as const } };
    };
  return {
    [`GET ${E}/method-presets`]: async () => ({ inScope: get(`${E}/method-presets`) }),
    [`GET ${E}/methods`]: async () => {
      await evaluationSetup();
      const rows = await t.deps.db.selectFrom('evaluation_method').select('id').where('city_code', '=', org.cityCode).execute();
      return { inScope: get(`${E}/methods`), visible: new Set(rows.map((r) => r.id)) };
    },
    [`GET ${E}/methods/:id`]: async () => {
      const s = await evaluationSetup();
      return { inScope: get(`${E}/methods/${s.methodA}`), outOfScope: { request: get(`${E}/methods/${s.methodOther}`), status: 404 } };
    },
    [`POST ${E}/methods`]: async () => ({
      inScope: { method: 'POST', url: `${E}/methods`, payload: { name: '新方法', copyOfPreset: 'jining' } },
    }),
    [`PUT ${E}/methods/:id`]: async () => {
      const s = await evaluationSetup();
      const fresh = await (await ev()).createMethod(t.deps.db, ops(), { name: '可改方法', copyOfPreset: 'huaian' });
      return {
        inScope: { method: 'PUT', url: `${E}/methods/${fresh.id}`, payload: { version: 1, name: '改名' } },
        outOfScope: {
          request: { method: 'PUT', url: `${E}/methods/${s.methodOther}`, payload: { version: 1, name: '越权' } },
          status: 404,
        },
      };
    },
    [`GET ${E}/register`]: async () => ({ inScope: get(`${E}/register`) }),
    [`PUT ${E}/register`]: async () => {
      const uscc = async (id: number) =>
        (await t.deps.db.selectFrom('org_enterprise').select('uscc').where('id', '=', id).executeTakeFirstOrThrow()).uscc;
      const body = async (id: number) => ({ items: [{ uscc: await uscc(id), industryCode: '26', scale: 'above', landOwnedMu: '10' }] });
      return {
        inScope: { method: 'PUT', url: `${E}/register`, payload: await body(org.entA) },
        outOfScope: { request: { method: 'PUT', url: `${E}/register`, payload: await body(other.entA) }, status: 400 },
      };
    },
    [`GET ${E}/data`]: async () => ({ inScope: get(`${E}/data?year=2025`) }),
    [`GET ${E}/conflicts`]: async () => ({ inScope: get(`${E}/conflicts?year=2025`) }),
    [`POST ${E}/conflicts/resolve`]: async () => {
      await evaluationSetup();
      const body = (c: TestOrg) => ({ enterpriseId: c.entB, year: 2025, field: 'employees', sourceUnitId: c.dept, reason: '核实' });
      return {
        inScope: { method: 'POST', url: `${E}/conflicts/resolve`, payload: body(org) },
        outOfScope: { request: { method: 'POST', url: `${E}/conflicts/resolve`, payload: body(other) }, status: 404 },
      };
    },
    [`GET ${E}/adjustments`]: async () => ({ inScope: get(`${E}/adjustments?year=2025`) }),
    [`POST ${E}/adjustments`]: async () => {
      await evaluationSetup();
      const body = (enterpriseId: number) => ({ year: 2025, enterpriseId, itemKey: 'bonus', evidence: '获奖证书' });
      return {
        inScope: { method: 'POST', url: `${E}/adjustments`, payload: body(org.entA) },
        outOfScope: { request: { method: 'POST', url: `${E}/adjustments`, payload: body(other.entA) }, status: 400 },
      };
    },
    [`DELETE ${E}/adjustments/:id`]: async () => {
      const s = await evaluationSetup();
      const fresh = await (await ev()).createAdjustment(t.deps.db, ops(), {
        year: 2025,
        enterpriseId: org.entA,
        itemKey: 'bonus',
        evidence: '证明',
      });
      return {
        inScope: { method: 'DELETE', url: `${E}/adjustments/${fresh.id}` },
        outOfScope: { request: { method: 'DELETE', url: `${E}/adjustments/${s.adjustmentOther}` }, status: 404 },
      };
    },
    [`GET ${E}/runs`]: async () => {
      await evaluationSetup();
      const rows = await t.deps.db.selectFrom('evaluation_run').select('id').where('city_code', '=', org.cityCode).execute();
      return { inScope: get(`${E}/runs`), visible: new Set(rows.map((r) => r.id)) };
    },
    [`POST ${E}/runs`]: async () => {
      const s = await evaluationSetup();
      return {
        inScope: { method: 'POST', url: `${E}/runs`, payload: { year: 2024, methodId: s.methodA } },
        outOfScope: { request: { method: 'POST', url: `${E}/runs`, payload: { year: 2024, methodId: s.methodOther } }, status: 400 },
      };
    },
    [`GET ${E}/runs/:id`]: byRun(''),
    [`POST ${E}/runs/:id/publish`]: async () => {
      const s = await evaluationSetup();
      const fresh = await (await ev()).createRun(t.deps.db, ops(), { year: 2023, methodId: s.methodA });
      const req = (id: number): Request => ({
        method: 'POST',
        url: `${E}/runs/${id}/publish`,
        payload: { objectionDeadline: '2030-12-31' },
      });
      return { inScope: req(fresh.id), outOfScope: { request: req(s.runOther), status: 404 } };
    },
    [`POST ${E}/runs/:id/finalize`]: async () => {
      const s = await evaluationSetup();
      const service = await ev();
      const fresh = await service.createRun(t.deps.db, ops(), { year: ++evaluationYear, methodId: s.methodA });
      await service.publishRun(t.deps.db, ops(), fresh.id, '2026-03-02');
      await t.deps.db.updateTable('evaluation_run').set({ objection_deadline: '2026-01-01' }).where('id', '=', fresh.id).execute();
      const req = (id: number): Request => ({ method: 'POST', url: `${E}/runs/${id}/finalize` });
      return { inScope: req(fresh.id), outOfScope: { request: req(s.runOther), status: 404 } };
    },
    [`GET ${E}/runs/:id/results`]: async (role) => {
      const s = await evaluationSetup();
      return { inScope: get(`${E}/runs/${s.runA}/results?pageSize=200`), visible: await evaluationVisible(role, s.runA) };
    },
    [`GET ${E}/runs/:id/results/:enterpriseId`]: async (role) => {
      const s = await evaluationSetup();
      const outside =
        role === 'enterprise' || role === 'reporting_unit' ? `${s.runA}/results/${org.entB}` : `${s.runOther}/results/${other.entA}`;
      return { inScope: get(`${E}/runs/${s.runA}/results/${org.entA}`), outOfScope: { request: get(`${E}/runs/${outside}`), status: 404 } };
    },
    [`GET ${E}/runs/:id/distribution`]: byRun('/distribution?by=park'),
    [`GET ${E}/runs/:id/policy-list`]: byRun('/policy-list?kind=electricity'),
    [`GET ${E}/runs/:id/policy-list/export`]: byRun('/policy-list/export?kind=electricity'),
    [`GET ${E}/moves`]: async () => ({ inScope: get(`${E}/moves?year=2025`) }),
    [`POST ${E}/runs/:id/objections`]: byRun('/objections', 'POST', { text: '数据有误', evidence: '凭证' }),
    [`GET ${E}/objections`]: async () => ({ inScope: get(`${E}/objections`) }),
    [`POST ${E}/objections/:id/resolve`]: async () => {
      const s = await evaluationSetup();
      const fresh = await (await ev()).createObjection(t.deps.db, enterpriseContext(org.cityCode, org.entA), s.runA, {
        text: '异议',
        evidence: '证据',
      });
      const req = (id: number): Request => ({
        method: 'POST',
        url: `${E}/objections/${id}/resolve`,
        payload: { decision: 'reject', reason: '数据无误' },
      });
      return { inScope: req(fresh.id), outOfScope: { request: req(s.objectionOther), status: 404 } };
    },
    [`GET ${E}/data/import-template`]: async () => ({ inScope: get(`${E}/data/import-template`) }),
    [`POST ${E}/data/imports`]: async () => {
      const { payload, headers } = multipart('ok.xlsx', await workbook(['统一社会信用代码'], [['x']]));
      return { inScope: { method: 'POST', url: `${E}/data/imports`, payload, headers } };
    },
    [`GET ${E}/data/imports`]: async () => ({ inScope: get(`${E}/data/imports?pageSize=5`) }),
    [`GET ${E}/data/imports/:id`]: async (role) => {
      const jobs = await evaluationImportJob(role);
      return {
        inScope: get(`${E}/data/imports/${jobs.own}`),
        outOfScope: { request: get(`${E}/data/imports/${jobs.other}`), status: 404 },
      };
    },
    [`GET ${E}/data/imports/:id/annotated`]: async (role) => {
      const jobs = await evaluationImportJob(role);
      return {
        inScope: get(`${E}/data/imports/${jobs.own}/annotated`),
        outOfScope: { request: get(`${E}/data/imports/${jobs.other}/annotated`), status: 404 },
      };
    },
  };
}

let parkSeq = 0;
/** A new park under a unit: every letter gets its own unit (one letter per unit, year and kind). */
async function freshPark(parentId: number, cityCode = org.cityCode): Promise<number> {
  const { importUnit } = await import('../modules/org/index.js');
  return await t.deps.db
    .transaction()
    .execute((tx) =>
      importUnit(tx, t.ctx(), cityCode, { parentId, kind: 'park', code: null, nameZh: `承诺园区${++parkSeq}`, nameEn: null }),
    );
}

/** A fresh letter of 2026 for a new park under `parentId`, optionally scanned, signed or with a manual item. */
async function freshLetter(
  parentId: number,
  cityOps: () => ReturnType<typeof ops>,
  stage: 'draft' | 'scanned' | 'signed' | 'manual' = 'draft',
) {
  const c = await import('../modules/commitments/service.js');
  const unitId = await freshPark(parentId, cityOps().actor!.cityCode);
  const items = stage === 'manual' ? [{ kind: 'manual' as const, deadline: '2026-12-31', weight: 1, description: '安全生产' }] : [];
  let letter = await c.createLetter(t.deps.db, cityOps(), {
    unitId,
    year: 2026,
    kind: stage === 'manual' ? 'safety' : 'investment',
    title: '承诺书',
    items,
  });
  if (stage === 'scanned' || stage === 'signed')
    letter = await c.attachScan(t.deps.db, cityOps(), letter.id, { filename: '承诺书.pdf', data: Buffer.from('%PDF-1.7\n%scan\n') });
  if (stage === 'signed') letter = await c.signLetter(t.deps.db, cityOps(), letter.id, { version: letter.version, signedOn: '2026-02-01' });
  return letter;
}

function commitmentFixtures(): Record<string, Fixture> {
  const C = '/api/v1/commitments';
  /** One letter in the role's jurisdiction and one outside it, at the same stage. */
  const pair = async (role: Role, stage: Parameters<typeof freshLetter>[2] = 'draft') => ({
    inside: await freshLetter(org.countyA, ops, stage),
    outside: role === 'reporting_unit' ? await freshLetter(org.countyB, ops, stage) : await freshLetter(other.countyA, otherCityOps, stage),
  });
  const byLetter =
    (
      method: string,
      suffix: string,
      stage: Parameters<typeof freshLetter>[2],
      payload: (letter: { version: number; items: { id: number }[] }) => unknown,
    ) =>
    async (role: Role) => {
      const { inside, outside } = await pair(role, stage);
      const req = (letter: typeof inside): Request => ({
        method,
        url: `${C}/${letter.id}${suffix.replace(':itemId', String(letter.items[0]?.id ?? 0))}`,
        payload: payload(letter),
      });
      return { inScope: req(inside), outOfScope: { request: req(outside), status: 404 as const } };
    };
  const read =
    (suffix: string, stage: Parameters<typeof freshLetter>[2] = 'draft') =>
    async (role: Role) => {
      const { inside, outside } = await pair(role, stage);
      return {
        inScope: { method: 'GET', url: `${C}/${inside.id}${suffix}` },
        outOfScope: { request: { method: 'GET', url: `${C}/${outside.id}${suffix}` }, status: 404 as const },
      };
    };
  return {
    [`GET ${C}`]: async (role) => {
      await pair(role);
      const letters = await t.deps.db
        .selectFrom('commitment_letter')
        .select(['id', 'unit_id', 'year'])
        .where('city_code', '=', org.cityCode)
        .execute();
      const units = role === 'reporting_unit' ? await unitIdsUnder(org.countyA) : await unitIdsUnder(org.root);
      return {
        inScope: { method: 'GET', url: `${C}?year=2026` },
        visible: new Set(letters.filter((l) => units.has(l.unit_id)).map((l) => l.id)),
      };
    },
    // What it holds is checked in commitments.test.ts (the rows of the list, scoped).
    [`GET ${C}/export`]: async () => ({ inScope: { method: 'GET', url: `${C}/export?year=2026` } }),
    [`POST ${C}`]: async (role) => {
      const body = (unitId: number) => ({ unitId, year: 2026, title: '承诺书', items: [] });
      const outside = role === 'reporting_unit' ? await freshPark(org.countyB) : await freshPark(other.countyA, other.cityCode);
      return {
        inScope: { method: 'POST', url: C, payload: body(await freshPark(org.countyA)) },
        outOfScope: { request: { method: 'POST', url: C, payload: body(outside) }, status: 400 },
      };
    },
    [`GET ${C}/:id`]: read(''),
    [`GET ${C}/:id/scan`]: read('/scan', 'scanned'),
    [`GET ${C}/:id/account.docx`]: read('/account.docx'),
    [`PUT ${C}/:id/items`]: byLetter('PUT', '/items', 'draft', (l) => ({ version: l.version, items: [] })),
    [`POST ${C}/:id/sign`]: byLetter('POST', '/sign', 'scanned', (l) => ({ version: l.version, signedOn: '2026-02-01' })),
    [`POST ${C}/:id/amendments`]: byLetter('POST', '/amendments', 'signed', (l) => ({ version: l.version, reason: '调整', items: [] })),
    [`POST ${C}/:id/items/:itemId/record`]: byLetter('POST', '/items/:itemId/record', 'manual', () => ({
      status: 'fulfilled',
      on: '2026-02-01',
      evidence: '台账',
    })),
    [`POST ${C}/:id/scan`]: async (role) => {
      const { inside, outside } = await pair(role);
      const req = (id: number): Request => ({
        method: 'POST',
        url: `${C}/${id}/scan`,
        ...multipart('承诺书.pdf', Buffer.from('%PDF-1.7\n%scan\n')),
      });
      return { inScope: req(inside.id), outOfScope: { request: req(outside.id), status: 404 } };
    },
  };
}

// ---------------------------------------------------------------- problem lists, appeals, weekly dispatch

interface ProblemFixtureState {
  probA: number;
  probB: number;
  probOther: number;
  appealA: number;
  appealB: number;
  appealOther: number;
  files: Record<'probA' | 'probB' | 'probOther' | 'appealA' | 'appealB' | 'appealOther', number>;
  notices: Record<'probA' | 'probB' | 'probOther' | 'appealA' | 'appealB' | 'appealOther', number>;
  meetingA: number;
  meetingOther: number;
}
let problemState: Promise<ProblemFixtureState> | undefined;
let problemSeq = 0;
let meetingDay = 0;

type Ctx = import('../lib/context.js').RequestContext;

/** A reporting-unit user of countyA acting through the services (it raises problems of its unit). */
async function countyContext(): Promise<() => Ctx> {
  const unit = await t.deps.db.selectFrom('org_unit').select('path').where('id', '=', org.countyA).executeTakeFirstOrThrow();
  return () => ({
    ...t.ctx(),
    actor: {
      userId: agents.reporting_unit.userId,
      username: 'county',
      role: 'reporting_unit' as const,
      cityCode: org.cityCode,
      scopeUnitId: org.countyA,
      scopeUnitPath: unit.path,
      scopeEnterpriseId: null,
    },
  });
}

const problemService = () => import('../modules/problems/service.js');

/** A problem raised by `raiser` about a unit, assigned by the city to `lead`, taken to `status`. */
async function problemAt(
  status: 'raised' | 'assigned' | 'in_progress' | 'resolved',
  o: { raiser: () => Ctx; city: () => Ctx; unitId: number; lead: number },
): Promise<number> {
  const ps = await problemService();
  let item = await ps.raiseProblem(t.deps.db, o.raiser(), {
    unitId: o.unitId,
    category: 'other',
    title: `授权测试问题${++problemSeq}`,
    description: '授权测试',
  });
  if (status === 'raised') return item.id;
  item = await ps.assignProblem(t.deps.db, o.city(), item.id, { version: item.version, leadUnitId: o.lead });
  if (status === 'assigned') return item.id;
  item = await ps.startItem(t.deps.db, o.city(), 'problem', item.id, { version: item.version, measures: ['措施'] });
  if (status === 'in_progress') return item.id;
  return (await ps.resolveItem(t.deps.db, o.city(), 'problem', item.id, { version: item.version, evidence: '已办结' })).id;
}

/** An appeal of an enterprise, routed by the city to `lead`, taken to `status`. */
async function appealAt(
  status: 'raised' | 'assigned' | 'in_progress' | 'resolved',
  o: { enterprise: () => Ctx; city: () => Ctx; lead: number },
): Promise<number> {
  const ps = await problemService();
  let item = await ps.raiseAppeal(t.deps.db, o.enterprise(), {
    category: 'policy',
    title: `授权测试诉求${++problemSeq}`,
    description: '授权测试',
  });
  if (status === 'raised') return item.id;
  item = await ps.routeAppeal(t.deps.db, o.city(), item.id, { version: item.version, leadUnitId: o.lead });
  if (status === 'assigned') return item.id;
  item = await ps.startItem(t.deps.db, o.city(), 'appeal', item.id, { version: item.version });
  if (status === 'in_progress') return item.id;
  return (await ps.resolveItem(t.deps.db, o.city(), 'appeal', item.id, { version: item.version, evidence: '已办结' })).id;
}

async function problemVersion(id: number): Promise<number> {
  return (await t.deps.db.selectFrom('problem').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}

/** A supervision step written straight into the table (the scheduler's output), for the notice download. */
async function noticeFor(cityCode: string, problemId: number): Promise<number> {
  const facts = {
    cityName: '测试市',
    issuer: '重点项目建设领导小组办公室',
    noticeNo: `督办〔2026〕${++problemSeq}号`,
    level: 'unit',
    addressedTo: '某单位',
    kind: 'problem',
    title: '授权测试',
    projectName: null,
    unitName: '某单位',
    categoryName: '其他',
    description: '授权测试',
    raisedOn: '2026-01-05',
    deadline: '2026-01-10',
    overdueDays: 3,
    leadPerson: null,
    escalatedOn: '2026-01-15',
    respondBy: '2026-01-20',
  };
  const row = await t.deps.db
    .insertInto('problem_escalation')
    .values({
      city_code: cityCode,
      problem_id: problemId,
      level: 'unit',
      deadline: '2026-01-10',
      due_on: '2026-01-13',
      escalated_on: '2026-01-15',
      overdue_days: 3,
      notice_no: facts.noticeNo,
      addressed_to: facts.addressedTo,
      notice: JSON.stringify(facts),
      recorded_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Once: in this city a problem of parkA led by the department (probA), one of countyB led by
 * the platform company (probB), an appeal of entA routed to the department (appealA), one of
 * entB routed to the platform (appealB), and the same kinds in the other city; files and
 * notices on each; a dispatch meeting in each city.
 */
function problemSetup(): Promise<ProblemFixtureState> {
  problemState ??= (async () => {
    const ps = await problemService();
    const county = await countyContext();
    const probA = await problemAt('assigned', { raiser: county, city: ops, unitId: org.parkA, lead: org.dept });
    const probB = await problemAt('assigned', { raiser: ops, city: ops, unitId: org.countyB, lead: org.platform });
    const probOther = await problemAt('assigned', { raiser: otherCityOps, city: otherCityOps, unitId: other.countyA, lead: other.dept });
    const appealA = await appealAt('assigned', { enterprise: () => enterpriseContext(org.cityCode, org.entA), city: ops, lead: org.dept });
    const appealB = await appealAt('assigned', {
      enterprise: () => enterpriseContext(org.cityCode, org.entB),
      city: ops,
      lead: org.platform,
    });
    const appealOther = await appealAt('assigned', {
      enterprise: () => enterpriseContext(other.cityCode, other.entA),
      city: otherCityOps,
      lead: other.dept,
    });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const file = async (ctx: () => Ctx, kind: 'problem' | 'appeal', id: number) =>
      (await ps.addFile(t.deps.db, ctx(), kind, id, { filename: 'f.png', data: png })).files[0]!.id;
    const files = {
      probA: await file(ops, 'problem', probA),
      probB: await file(ops, 'problem', probB),
      probOther: await file(otherCityOps, 'problem', probOther),
      appealA: await file(() => enterpriseContext(org.cityCode, org.entA), 'appeal', appealA),
      appealB: await file(() => enterpriseContext(org.cityCode, org.entB), 'appeal', appealB),
      appealOther: await file(() => enterpriseContext(other.cityCode, other.entA), 'appeal', appealOther),
    };
    const notices = {
      probA: await noticeFor(org.cityCode, probA),
      probB: await noticeFor(org.cityCode, probB),
      probOther: await noticeFor(other.cityCode, probOther),
      appealA: await noticeFor(org.cityCode, appealA),
      appealB: await noticeFor(org.cityCode, appealB),
      appealOther: await noticeFor(other.cityCode, appealOther),
    };
    const ds = await import('../modules/dispatch/service.js');
    const meetingA = (await ds.createMeeting(t.deps.db, ops(), { heldOn: '2026-01-05', chair: '市长', attendees: [], agenda: [] })).id;
    const meetingOther = (
      await ds.createMeeting(t.deps.db, otherCityOps(), { heldOn: '2026-01-05', chair: '市长', attendees: [], agenda: [] })
    ).id;
    return { probA, probB, probOther, appealA, appealB, appealOther, files, notices, meetingA, meetingOther };
  })();
  return problemState;
}

/** Items of this city a role may list, by the rule the repo applies (unit, lead or cooperating unit in the subtree; an enterprise's own appeals). */
async function problemVisible(role: Role, kind: 'problem' | 'appeal'): Promise<Set<number>> {
  const rows = await t.deps.db
    .selectFrom('problem as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'p.city_code').onRef('u.id', '=', 'p.unit_id'))
    .leftJoin('org_unit as lu', (j) => j.onRef('lu.city_code', '=', 'p.city_code').onRef('lu.id', '=', 'p.lead_unit_id'))
    .select(['p.id', 'u.path as unit_path', 'lu.path as lead_path', 'p.enterprise_id'])
    .where('p.city_code', '=', org.cityCode)
    .where('p.kind', '=', kind)
    .execute();
  const cooperating = await t.deps.db
    .selectFrom('problem_cooperating_unit as c')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'c.city_code').onRef('u.id', '=', 'c.unit_id'))
    .select(['c.problem_id', 'u.path'])
    .where('c.city_code', '=', org.cityCode)
    .execute();
  const pathOf = async (id: number) =>
    (await t.deps.db.selectFrom('org_unit').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
  if (role === 'enterprise') return new Set(rows.filter((r) => r.enterprise_id === org.entA).map((r) => r.id));
  if (role === 'reporting_unit' || role === 'department') {
    const path = await pathOf(role === 'reporting_unit' ? org.countyA : org.dept);
    return new Set(
      rows
        .filter(
          (r) =>
            r.unit_path.startsWith(path) ||
            !!r.lead_path?.startsWith(path) ||
            cooperating.some((c) => c.problem_id === r.id && c.path.startsWith(path)),
        )
        .map((r) => r.id),
    );
  }
  return new Set(rows.map((r) => r.id));
}

function problemFixtures(): Record<string, Fixture> {
  const get = (url: string): Request => ({ method: 'GET', url });
  const post = (url: string, payload?: unknown): Request => ({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
  /** The unit a handling role leads as (the operator acts for the department). */
  const leadOf = (role: Role) => (role === 'reporting_unit' ? org.countyA : org.dept);
  const unitOf = (role: Role) => (role === 'reporting_unit' ? org.countyA : org.parkA);
  /** Out of scope for a handler: the other city's item for the city, countyB's led by the platform for units. */
  const outside = async (role: Role, kind: 'problem' | 'appeal') => {
    const s = await problemSetup();
    const city = role === 'city_operator' || role === 'city_leader';
    return kind === 'problem' ? (city ? s.probOther : s.probB) : city ? s.appealOther : s.appealB;
  };
  const handled =
    (kind: 'problem' | 'appeal', status: 'assigned' | 'in_progress', suffix: string, body: (version: number) => unknown): Fixture =>
    async (role) => {
      await problemSetup();
      const fresh =
        kind === 'problem'
          ? await problemAt(status, { raiser: ops, city: ops, unitId: unitOf(role), lead: leadOf(role) })
          : await appealAt(status, { enterprise: () => enterpriseContext(org.cityCode, org.entA), city: ops, lead: leadOf(role) });
      const base = kind === 'problem' ? '/api/v1/problems' : '/api/v1/appeals';
      const out = await outside(role, kind);
      return {
        inScope: post(`${base}/${fresh}/${suffix}`, body(await problemVersion(fresh))),
        outOfScope: { request: post(`${base}/${out}/${suffix}`, body(await problemVersion(out))), status: 404 },
      };
    };
  /** A resolved item raised by the role itself (its unit, or its enterprise). */
  const raised =
    (kind: 'problem' | 'appeal', suffix: string, body: (version: number) => unknown): Fixture =>
    async (role) => {
      const s = await problemSetup();
      const fresh =
        kind === 'problem'
          ? await problemAt('resolved', {
              raiser: role === 'reporting_unit' ? await countyContext() : ops,
              city: ops,
              unitId: unitOf(role),
              lead: org.dept,
            })
          : await appealAt('resolved', { enterprise: () => enterpriseContext(org.cityCode, org.entA), city: ops, lead: org.dept });
      const base = kind === 'problem' ? '/api/v1/problems' : '/api/v1/appeals';
      const out = kind === 'problem' ? (role === 'reporting_unit' ? s.probB : s.probOther) : s.appealB;
      return {
        inScope: post(`${base}/${fresh}/${suffix}`, body(await problemVersion(fresh))),
        outOfScope: { request: post(`${base}/${out}/${suffix}`, body(await problemVersion(out))), status: 404 },
      };
    };
  /** A read of one item of the kind: inside (A), outside (B for units and the enterprise, the other city's for the city). */
  const byItem =
    (kind: 'problem' | 'appeal', suffix: (s: ProblemFixtureState, which: 'A' | 'B' | 'Other') => string): Fixture =>
    async (role) => {
      const s = await problemSetup();
      const base = kind === 'problem' ? '/api/v1/problems' : '/api/v1/appeals';
      const city = role === 'city_operator' || role === 'city_leader';
      return {
        inScope: get(`${base}/${suffix(s, 'A')}`),
        outOfScope: { request: get(`${base}/${suffix(s, city ? 'Other' : 'B')}`), status: 404 },
      };
    };
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
  const upload = (url: string): Request => ({ method: 'POST', url, ...multipart('证据.png', png) });
  const settingsVersion = async () =>
    (await t.deps.db.selectFrom('problem_setting').select('version').where('city_code', '=', org.cityCode).executeTakeFirst())?.version ??
    0;
  const meetingVersion = async (id: number) =>
    (await t.deps.db.selectFrom('dispatch_meeting').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const byMeeting =
    (suffix: string, method = 'GET', payload?: (id: number) => Promise<unknown>): Fixture =>
    async () => {
      const s = await problemSetup();
      const req = async (id: number): Promise<Request> => ({
        method,
        url: `/api/v1/dispatch/meetings/${id}${suffix}`,
        ...(payload ? { payload: await payload(id) } : {}),
      });
      return { inScope: await req(s.meetingA), outOfScope: { request: await req(s.meetingOther), status: 404 } };
    };
  return {
    'PUT /api/v1/problems/settings': async () => {
      const { DEFAULT_PROBLEM_SETTINGS } = await import('../../contracts/index.js');
      return {
        inScope: {
          method: 'PUT',
          url: '/api/v1/problems/settings',
          payload: { ...DEFAULT_PROBLEM_SETTINGS, version: await settingsVersion() },
        },
      };
    },
    'PUT /api/v1/problems/calendar/:year': async () => ({
      inScope: {
        method: 'PUT',
        url: '/api/v1/problems/calendar/2030',
        payload: { source: '授权测试', holidays: [{ name: '元旦', from: '2030-01-01', to: '2030-01-01' }], workdays: [] },
      },
    }),
    'GET /api/v1/problems': async (role) => {
      await problemSetup();
      return { inScope: get('/api/v1/problems?pageSize=200'), visible: await problemVisible(role, 'problem') };
    },
    'GET /api/v1/appeals': async (role) => {
      await problemSetup();
      return { inScope: get('/api/v1/appeals?pageSize=200'), visible: await problemVisible(role, 'appeal') };
    },
    // Which rows an export holds is checked in problems.test.ts (the workbook is read there).
    'GET /api/v1/problems/export': async () => ({ inScope: get('/api/v1/problems/export') }),
    'GET /api/v1/appeals/export': async () => ({ inScope: get('/api/v1/appeals/export') }),
    'GET /api/v1/problems/:id': byItem('problem', (s, w) => String(s[`prob${w}`])),
    'GET /api/v1/appeals/:id': byItem('appeal', (s, w) => String(s[`appeal${w}`])),
    'GET /api/v1/problems/:id/files/:fileId': byItem('problem', (s, w) => `${s[`prob${w}`]}/files/${s.files[`prob${w}`]}`),
    'GET /api/v1/appeals/:id/files/:fileId': byItem('appeal', (s, w) => `${s[`appeal${w}`]}/files/${s.files[`appeal${w}`]}`),
    'GET /api/v1/problems/:id/escalations/:escalationId/notice': byItem(
      'problem',
      (s, w) => `${s[`prob${w}`]}/escalations/${s.notices[`prob${w}`]}/notice`,
    ),
    'GET /api/v1/appeals/:id/escalations/:escalationId/notice': byItem(
      'appeal',
      (s, w) => `${s[`appeal${w}`]}/escalations/${s.notices[`appeal${w}`]}/notice`,
    ),
    'GET /api/v1/problems/metrics': async () => ({ inScope: get('/api/v1/problems/metrics?by=unit') }),
    'GET /api/v1/appeals/metrics': async () => ({ inScope: get('/api/v1/appeals/metrics') }),
    'POST /api/v1/problems': async (role) => {
      const body = (unitId: number) => ({ unitId, category: 'other', title: '授权测试新问题', description: '授权测试' });
      return {
        inScope: post('/api/v1/problems', body(org.parkA)),
        outOfScope: { request: post('/api/v1/problems', body(role === 'reporting_unit' ? org.countyB : other.countyA)), status: 400 },
      };
    },
    'POST /api/v1/problems/:id/assign': async () => {
      const s = await problemSetup();
      const fresh = await problemAt('raised', { raiser: ops, city: ops, unitId: org.parkA, lead: org.dept });
      return {
        inScope: post(`/api/v1/problems/${fresh}/assign`, { version: await problemVersion(fresh), leadUnitId: org.dept }),
        outOfScope: {
          request: post(`/api/v1/problems/${s.probOther}/assign`, { version: await problemVersion(s.probOther), leadUnitId: org.dept }),
          status: 404,
        },
      };
    },
    'POST /api/v1/problems/:id/start': handled('problem', 'assigned', 'start', (version) => ({ version, measures: ['措施'] })),
    'POST /api/v1/problems/:id/resolve': handled('problem', 'in_progress', 'resolve', (version) => ({ version, evidence: '已办结' })),
    'POST /api/v1/problems/:id/files': async (role) => {
      await problemSetup();
      const fresh = await problemAt('assigned', { raiser: ops, city: ops, unitId: unitOf(role), lead: leadOf(role) });
      return {
        inScope: upload(`/api/v1/problems/${fresh}/files`),
        outOfScope: { request: upload(`/api/v1/problems/${await outside(role, 'problem')}/files`), status: 404 },
      };
    },
    'POST /api/v1/problems/:id/confirm': raised('problem', 'confirm', (version) => ({ version })),
    'POST /api/v1/problems/:id/reopen': raised('problem', 'reopen', (version) => ({ version, reason: '授权测试' })),
    'POST /api/v1/appeals': async () => ({
      inScope: post('/api/v1/appeals', { category: 'policy', title: '授权测试诉求', description: '授权测试' }),
      outOfScope: {
        request: post('/api/v1/appeals', { category: 'policy', title: '别人的项目', description: 'x', projectId: reg.projB }),
        status: 400,
      },
    }),
    'POST /api/v1/appeals/:id/route': async () => {
      const s = await problemSetup();
      const fresh = await appealAt('raised', { enterprise: () => enterpriseContext(org.cityCode, org.entA), city: ops, lead: org.dept });
      return {
        inScope: post(`/api/v1/appeals/${fresh}/route`, { version: await problemVersion(fresh), leadUnitId: org.dept }),
        outOfScope: {
          request: post(`/api/v1/appeals/${s.appealOther}/route`, { version: await problemVersion(s.appealOther), leadUnitId: org.dept }),
          status: 404,
        },
      };
    },
    'POST /api/v1/appeals/:id/accept': handled('appeal', 'assigned', 'accept', (version) => ({ version })),
    'POST /api/v1/appeals/:id/reply': handled('appeal', 'in_progress', 'reply', (version) => ({ version, text: '已答复' })),
    'POST /api/v1/appeals/:id/resolve': handled('appeal', 'in_progress', 'resolve', (version) => ({ version, evidence: '已办结' })),
    'POST /api/v1/appeals/:id/rate': raised('appeal', 'rate', (version) => ({ version, rating: 'satisfied' })),
    'POST /api/v1/appeals/:id/reopen': raised('appeal', 'reopen', (version) => ({ version, reason: '授权测试' })),
    'POST /api/v1/appeals/:id/files': async () => {
      const s = await problemSetup();
      const fresh = await appealAt('raised', { enterprise: () => enterpriseContext(org.cityCode, org.entA), city: ops, lead: org.dept });
      return {
        inScope: upload(`/api/v1/appeals/${fresh}/files`),
        outOfScope: { request: upload(`/api/v1/appeals/${s.appealB}/files`), status: 404 },
      };
    },
    'GET /api/v1/dispatch/meetings': async () => {
      await problemSetup();
      const rows = await t.deps.db.selectFrom('dispatch_meeting').select('id').where('city_code', '=', org.cityCode).execute();
      return { inScope: get('/api/v1/dispatch/meetings?pageSize=200'), visible: new Set(rows.map((r) => r.id)) };
    },
    'GET /api/v1/dispatch/agenda-proposal': async () => ({ inScope: get('/api/v1/dispatch/agenda-proposal?heldOn=2026-03-02') }),
    'POST /api/v1/dispatch/meetings': async () => ({
      inScope: post('/api/v1/dispatch/meetings', {
        heldOn: `2025-0${1 + Math.floor(meetingDay / 28)}-${String(1 + (meetingDay++ % 28)).padStart(2, '0')}`,
        chair: '市长',
        agenda: [],
      }),
    }),
    'GET /api/v1/dispatch/meetings/:id': byMeeting(''),
    'PATCH /api/v1/dispatch/meetings/:id': byMeeting('', 'PATCH', async (id) => ({ version: await meetingVersion(id), minutes: '纪要' })),
    'POST /api/v1/dispatch/meetings/:id/decisions': byMeeting('/decisions', 'POST', async () => ({ text: '议定事项' })),
    'GET /api/v1/dispatch/meetings/:id/minutes': byMeeting('/minutes'),
    'GET /api/v1/dispatch/meetings/:id/tasks': byMeeting('/tasks'),
  };
}

// ---------------------------------------------------------------- observation tours (现场观摩)

/**
 * Tours made through the service as the city's operator: a draft, one being scored, one closed
 * (scored by the operator), on countyB's project with the signed-in role's account as a judge
 * where the role may judge; the same in the other city for the out-of-scope requests.
 */
function observationFixtures(): Record<string, Fixture> {
  type Status = 'draft' | 'scoring' | 'closed';
  const points = { scale: 80, progress: 70, technology: 90, land: 60 };
  const tour = async (status: Status, role: Role | null, city: 'this' | 'other' = 'this'): Promise<number> => {
    const svc = await import('../modules/observation/service.js');
    const { DEFAULT_OBSERVATION_CRITERIA, can: allowed } = await import('../../contracts/index.js');
    const context = city === 'this' ? ops : otherCityOps;
    const operatorId = context().actor!.userId;
    const judges = [operatorId, ...(city === 'this' && role && allowed(role, 'observation.score') ? [agents[role].userId] : [])];
    const created = await svc.createTour(t.deps.db, context(), {
      title: `观摩 ${status}`,
      year: 2026,
      quarter: 1,
      heldOn: '2026-03-10',
      criteria: [...DEFAULT_OBSERVATION_CRITERIA],
      projectIds: [city === 'this' ? reg.projB : reg.projOther],
      judgeUserIds: [...new Set(judges)],
    });
    if (status === 'draft') return created.id;
    let current = await svc.moveTour(t.deps.db, context(), created.id, created.version, 'scoring');
    if (status === 'scoring') return current.id;
    current = await svc.scoreSite(t.deps.db, context(), created.id, city === 'this' ? reg.projB : reg.projOther, { points });
    return (await svc.moveTour(t.deps.db, context(), created.id, current.version, 'closed')).id;
  };
  const version = async (id: number) =>
    (await t.deps.db.selectFrom('observation_tour').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const tourPhoto = async (role: Role | null, city: 'this' | 'other') => {
    const svc = await import('../modules/observation/service.js');
    const id = await tour('scoring', role, city);
    const added = await svc.addPhoto(t.deps.db, (city === 'this' ? ops : otherCityOps)(), id, city === 'this' ? reg.projB : reg.projOther, {
      filename: 'a.jpg',
      data: jpegWithExifFixture(),
    });
    return added.sites[0]!.photos[0]!.id;
  };
  const P = '/api/v1/observation/tours';
  const byTour =
    (status: Status, request: (id: number) => Promise<Request>): Fixture =>
    async (role) => ({
      inScope: await request(await tour(status, role)),
      outOfScope: { request: await request(await tour(status, null, 'other')), status: 404 },
    });
  const get = (suffix: string) => async (id: number) => ({ method: 'GET', url: `${P}/${id}${suffix}` });
  return {
    'GET /api/v1/observation/tours': async (role) => {
      await tour('closed', role);
      const rows = await t.deps.db.selectFrom('observation_tour').select(['id', 'status']).where('city_code', '=', org.cityCode).execute();
      const manager = can(role, 'observation.manage');
      return {
        inScope: { method: 'GET', url: `${P}?pageSize=200` },
        visible: new Set(rows.filter((r) => manager || r.status !== 'draft').map((r) => r.id)),
      };
    },
    'GET /api/v1/observation/judge-candidates': async () => ({ inScope: { method: 'GET', url: '/api/v1/observation/judge-candidates' } }),
    'POST /api/v1/observation/tours': async () => {
      const body = (projectId: number) => ({
        title: '二季度观摩',
        year: 2026,
        quarter: 2,
        heldOn: '2026-05-20',
        criteria: [{ key: 'progress', nameZh: '建设进度', nameEn: 'Progress', weight: 1 }],
        projectIds: [projectId],
        judgeUserIds: [sameCityUser],
      });
      return {
        inScope: { method: 'POST', url: P, payload: body(reg.projB) },
        outOfScope: { request: { method: 'POST', url: P, payload: body(reg.projOther) }, status: 400 },
      };
    },
    'GET /api/v1/observation/tours/:id': byTour('scoring', get('')),
    'PATCH /api/v1/observation/tours/:id': byTour('draft', async (id) => ({
      method: 'PATCH',
      url: `${P}/${id}`,
      payload: { version: await version(id), title: '改名' },
    })),
    'DELETE /api/v1/observation/tours/:id': byTour('draft', async (id) => ({ method: 'DELETE', url: `${P}/${id}` })),
    'POST /api/v1/observation/tours/:id/open': byTour('draft', async (id) => ({
      method: 'POST',
      url: `${P}/${id}/open`,
      payload: { version: await version(id) },
    })),
    // A tour being scored that has a score (`tour('scoring')` has none), in each city.
    'POST /api/v1/observation/tours/:id/close': async (role) => {
      const scored = async (city: 'this' | 'other'): Promise<Request> => {
        const id = await tour('scoring', role, city);
        const svc = await import('../modules/observation/service.js');
        await svc.scoreSite(t.deps.db, (city === 'this' ? ops : otherCityOps)(), id, city === 'this' ? reg.projB : reg.projOther, {
          points,
        });
        return { method: 'POST', url: `${P}/${id}/close`, payload: { version: await version(id) } };
      };
      return { inScope: await scored('this'), outOfScope: { request: await scored('other'), status: 404 } };
    },
    'PUT /api/v1/observation/tours/:id/sites/:projectId/score': async (role) => {
      const inside = await tour('scoring', role);
      const outside = await tour('scoring', null, 'other');
      return {
        inScope: { method: 'PUT', url: `${P}/${inside}/sites/${reg.projB}/score`, payload: { points } },
        outOfScope: { request: { method: 'PUT', url: `${P}/${outside}/sites/${reg.projOther}/score`, payload: { points } }, status: 404 },
      };
    },
    'POST /api/v1/observation/tours/:id/sites/:projectId/photos': async (role) => {
      const inside = await tour('scoring', role);
      const outside = await tour('scoring', null, 'other');
      const photoUpload = (id: number, projectId: number): Request => ({
        method: 'POST',
        url: `${P}/${id}/sites/${projectId}/photos`,
        ...multipart('现场.jpg', jpegWithExifFixture()),
      });
      return { inScope: photoUpload(inside, reg.projB), outOfScope: { request: photoUpload(outside, reg.projOther), status: 404 } };
    },
    // A photo the operator added to a tour being scored, in each city: every reader may download it,
    // the operator (who may remove any) and the judges who added their own may remove one.
    'GET /api/v1/observation/photos/:id': async (role) => ({
      inScope: { method: 'GET', url: `/api/v1/observation/photos/${await tourPhoto(role, 'this')}` },
      outOfScope: { request: { method: 'GET', url: `/api/v1/observation/photos/${await tourPhoto(null, 'other')}` }, status: 404 },
    }),
    'DELETE /api/v1/observation/photos/:id': async (role) => {
      const own = async (city: 'this' | 'other') => {
        const id = await tour('scoring', role, city);
        const svc = await import('../modules/observation/service.js');
        const judge = city === 'this' && role && can(role, 'observation.score') && role !== 'city_operator';
        // The role's own photo where it judges (added as that user), else the operator's.
        const context = judge
          ? () => ({ ...ops(), actor: { ...ops().actor!, userId: agents[role].userId, role } })
          : city === 'this'
            ? ops
            : otherCityOps;
        const added = await svc.addPhoto(t.deps.db, context(), id, city === 'this' ? reg.projB : reg.projOther, {
          filename: 'a.jpg',
          data: jpegWithExifFixture(),
        });
        return added.sites[0]!.photos[0]!.id;
      };
      return {
        inScope: { method: 'DELETE', url: `/api/v1/observation/photos/${await own('this')}` },
        outOfScope: { request: { method: 'DELETE', url: `/api/v1/observation/photos/${await own('other')}` }, status: 404 },
      };
    },
    'GET /api/v1/observation/tours/:id/results': byTour('closed', get('/results')),
    'GET /api/v1/observation/tours/:id/export': byTour('closed', get('/export')),
  };
}

// ---------------------------------------------------------------- competition (争先创优)

/**
 * Schemes made through the service by each city's operator: one active scheme of 2026 (the
 * default indicator system, so every source is read) per city for the reads, entries and
 * adjustments; a fresh draft of a later year for each edit, activation and deletion.
 */
function competitionFixtures(): Record<string, Fixture> {
  const years = { this: 2030, other: 2030 };
  const pastYears = { this: 2001, other: 2001 };
  const active: Partial<Record<'this' | 'other', Promise<number>>> = {};
  const create = async (city: 'this' | 'other', year: number) => {
    const svc = await import('../modules/competition/service.js');
    const { DEFAULT_COMPETITION_GROUPS } = await import('../../contracts/index.js');
    return await svc.createScheme(t.deps.db, (city === 'this' ? ops : otherCityOps)(), {
      year,
      title: `${year}年度争先创优`,
      groups: [...DEFAULT_COMPETITION_GROUPS],
      rewardCount: 1,
      warningCount: 1,
    });
  };
  const draft = async (city: 'this' | 'other') => await create(city, years[city]++);
  const activeScheme = (city: 'this' | 'other') => {
    active[city] ??= (async () => {
      const svc = await import('../modules/competition/service.js');
      const created = await create(city, 2026);
      return (await svc.activateScheme(t.deps.db, (city === 'this' ? ops : otherCityOps)(), created.id, created.version)).id;
    })();
    return active[city]!;
  };
  const adjustment = async (city: 'this' | 'other') => {
    const svc = await import('../modules/competition/service.js');
    const id = await activeScheme(city);
    const added = await svc.addAdjustment(t.deps.db, (city === 'this' ? ops : otherCityOps)(), id, {
      period: 'Q1',
      unitId: city === 'this' ? org.countyB : other.countyB,
      points: 1,
      reason: '表彰',
      evidence: '文件',
    });
    return { id, adjustmentId: added.id };
  };
  const past = async (city: 'this' | 'other') => {
    const svc = await import('../modules/competition/service.js');
    const created = await create(city, pastYears[city]++);
    return (await svc.activateScheme(t.deps.db, (city === 'this' ? ops : otherCityOps)(), created.id, created.version)).id;
  };
  const published: Partial<Record<'this' | 'other', Promise<number>>> = {};
  const publishedScheme = (city: 'this' | 'other') => {
    published[city] ??= (async () => {
      const svc = await import('../modules/competition/service.js');
      const id = await past(city);
      await svc.publishResults(t.deps.db, (city === 'this' ? ops : otherCityOps)(), id, 'Q4');
      return id;
    })();
    return published[city]!;
  };
  const P = '/api/v1/competition/schemes';
  const onActive =
    (request: (id: number, city: 'this' | 'other') => Request): Fixture =>
    async () => ({
      inScope: request(await activeScheme('this'), 'this'),
      outOfScope: { request: request(await activeScheme('other'), 'other'), status: 404 },
    });
  const onDraft =
    (request: (scheme: { id: number; version: number; groups: unknown }) => Request): Fixture =>
    async () => ({
      inScope: request(await draft('this')),
      outOfScope: { request: request(await draft('other')), status: 404 },
    });
  const entry = (unitId: number) => ({ period: 'Q1', indicatorKey: 'business_env', unitId, value: 90, evidence: '测评报告' });
  const adjustmentBody = (unitId: number) => ({ period: 'Q1', unitId, points: -1, reason: '通报批评', evidence: '市政府通报' });
  /** A fresh active scheme with the document of its entered indicator for Q1. */
  const schemeWithDocument = async (city: 'this' | 'other') => {
    const svc = await import('../modules/competition/service.js');
    const id = await activeScheme(city);
    await svc.attachEntryDocument(
      t.deps.db,
      (city === 'this' ? ops : otherCityOps)(),
      id,
      { period: 'Q1', indicatorKey: 'business_env' },
      {
        filename: '测评报告.pdf',
        data: Buffer.from('%PDF-1.7\n%%EOF\n'),
      },
    );
    return id;
  };
  return {
    'GET /api/v1/competition/schemes': async (role) => {
      await activeScheme('this');
      await draft('this');
      const rows = await t.deps.db
        .selectFrom('competition_scheme')
        .select(['id', 'status'])
        .where('city_code', '=', org.cityCode)
        .execute();
      const manager = can(role, 'competition.manage');
      return {
        inScope: { method: 'GET', url: P },
        visible: new Set(rows.filter((r) => manager || r.status !== 'draft').map((r) => r.id)),
      };
    },
    'POST /api/v1/competition/schemes': async () => {
      const { DEFAULT_COMPETITION_GROUPS } = await import('../../contracts/index.js');
      return {
        inScope: {
          method: 'POST',
          url: P,
          payload: { year: years.this++, title: '方案', groups: DEFAULT_COMPETITION_GROUPS, rewardCount: 2, warningCount: 2 },
        },
      };
    },
    'GET /api/v1/competition/schemes/:id': onActive((id) => ({ method: 'GET', url: `${P}/${id}` })),
    'PATCH /api/v1/competition/schemes/:id': onDraft(({ id, version, groups }) => ({
      method: 'PATCH',
      url: `${P}/${id}`,
      payload: { version, title: '改名', groups, rewardCount: 1, warningCount: 1 },
    })),
    'DELETE /api/v1/competition/schemes/:id': onDraft(({ id }) => ({ method: 'DELETE', url: `${P}/${id}` })),
    'POST /api/v1/competition/schemes/:id/activate': onDraft(({ id, version }) => ({
      method: 'POST',
      url: `${P}/${id}/activate`,
      payload: { version },
    })),
    'GET /api/v1/competition/schemes/:id/results': onActive((id) => ({ method: 'GET', url: `${P}/${id}/results?period=Q1` })),
    'GET /api/v1/competition/schemes/:id/results/export': onActive((id) => ({
      method: 'GET',
      url: `${P}/${id}/results/export?period=Y`,
    })),
    'GET /api/v1/competition/schemes/:id/results/notice': async () => ({
      inScope: { method: 'GET', url: `${P}/${await publishedScheme('this')}/results/notice?period=Q4` },
      outOfScope: { request: { method: 'GET', url: `${P}/${await publishedScheme('other')}/results/notice?period=Q4` }, status: 404 },
    }),
    'GET /api/v1/competition/schemes/:id/entries': onActive((id) => ({ method: 'GET', url: `${P}/${id}/entries?period=Q1` })),
    'PUT /api/v1/competition/schemes/:id/entries': onActive((id, city) => ({
      method: 'PUT',
      url: `${P}/${id}/entries`,
      payload: entry(city === 'this' ? org.countyA : other.countyA),
    })),
    'GET /api/v1/competition/schemes/:id/adjustments': onActive((id) => ({ method: 'GET', url: `${P}/${id}/adjustments?period=Q1` })),
    'POST /api/v1/competition/schemes/:id/adjustments': onActive((id, city) => ({
      method: 'POST',
      url: `${P}/${id}/adjustments`,
      payload: adjustmentBody(city === 'this' ? org.countyA : other.countyA),
    })),
    // A fresh active scheme of a past year (its periods are over) in each city for each call.
    'POST /api/v1/competition/schemes/:id/publish': async () => {
      return {
        inScope: { method: 'POST', url: `${P}/${await past('this')}/publish`, payload: { period: 'Q4' } },
        outOfScope: { request: { method: 'POST', url: `${P}/${await past('other')}/publish`, payload: { period: 'Q4' } }, status: 404 },
      };
    },
    'POST /api/v1/competition/schemes/:id/entries/document': onActive((id) => ({
      method: 'POST',
      url: `${P}/${id}/entries/document?period=Q1&indicatorKey=business_env`,
      ...multipart('测评报告.pdf', Buffer.from('%PDF-1.7\n%%EOF\n')),
    })),
    'GET /api/v1/competition/schemes/:id/entries/document': async () => {
      const withDocument = async (city: 'this' | 'other') =>
        ({ method: 'GET', url: `${P}/${await schemeWithDocument(city)}/entries/document?period=Q1&indicatorKey=business_env` }) as const;
      return { inScope: await withDocument('this'), outOfScope: { request: await withDocument('other'), status: 404 } };
    },
    'DELETE /api/v1/competition/schemes/:id/entries/document': async () => {
      const remove = async (city: 'this' | 'other') =>
        ({ method: 'DELETE', url: `${P}/${await schemeWithDocument(city)}/entries/document?period=Q1&indicatorKey=business_env` }) as const;
      return { inScope: await remove('this'), outOfScope: { request: await remove('other'), status: 404 } };
    },
    'POST /api/v1/competition/schemes/:id/adjustments/:adjustmentId/file': async () => {
      const file = (at: { id: number; adjustmentId: number }) => ({
        method: 'POST',
        url: `${P}/${at.id}/adjustments/${at.adjustmentId}/file`,
        ...multipart('表彰决定.pdf', Buffer.from('%PDF-1.7\n%%EOF\n')),
      });
      return { inScope: file(await adjustment('this')), outOfScope: { request: file(await adjustment('other')), status: 404 } };
    },
    'GET /api/v1/competition/schemes/:id/adjustments/:adjustmentId/file': async () => {
      const svc = await import('../modules/competition/service.js');
      const withFile = async (city: 'this' | 'other') => {
        const at = await adjustment(city);
        await svc.attachAdjustmentFile(t.deps.db, (city === 'this' ? ops : otherCityOps)(), at.id, at.adjustmentId, {
          filename: '表彰决定.pdf',
          data: Buffer.from('%PDF-1.7\n%%EOF\n'),
        });
        return { method: 'GET', url: `${P}/${at.id}/adjustments/${at.adjustmentId}/file` };
      };
      return { inScope: await withFile('this'), outOfScope: { request: await withFile('other'), status: 404 } };
    },
    'DELETE /api/v1/competition/schemes/:id/adjustments/:adjustmentId': async () => {
      const mine = await adjustment('this');
      const theirs = await adjustment('other');
      return {
        inScope: { method: 'DELETE', url: `${P}/${mine.id}/adjustments/${mine.adjustmentId}` },
        outOfScope: { request: { method: 'DELETE', url: `${P}/${theirs.id}/adjustments/${theirs.adjustmentId}` }, status: 404 },
      };
    },
  };
}

// ---------------------------------------------------------------- enterprise code protection (扫码入企)

/**
 * Codes issued to 甲企业 (entA) and to the other city's enterprise; inspections registered
 * through the service by the department (org.dept) of entA and entB, two routine ones of entA
 * (the second over the limit: a case), a case entB reported about the department; the same
 * shape in the other city. Made once, on first use.
 */
function inspectionFixtures(): Record<string, Fixture> {
  let made: Promise<{ token: string; otherToken: string; entBInspection: number; otherInspection: number; otherCase: number }> | null =
    null;
  const context =
    (cityCode: string, userId: number, role: Role, unit: { id: number; path: string } | null, enterpriseId: number | null) => () => ({
      ...t.ctx(),
      actor: {
        userId,
        username: `u${userId}`,
        role,
        cityCode,
        scopeUnitId: unit?.id ?? null,
        scopeUnitPath: unit?.path ?? null,
        scopeEnterpriseId: enterpriseId,
      },
    });
  const unitRef = async (cityCode: string, id: number) =>
    await t.deps.db
      .selectFrom('org_unit')
      .select(['id', 'path'])
      .where('city_code', '=', cityCode)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const inspection = (token: string) => ({
    token,
    kind: 'routine' as const,
    purpose: '日常检查',
    legalBasis: '《安全生产法》',
    inspectors: [
      { name: '张三', certificateNo: 'HN-0001' },
      { name: '李四', certificateNo: 'HN-0002' },
    ],
  });
  const setup = () =>
    (made ??= (async () => {
      const svc = await import('../modules/inspections/service.js');
      const token = (await svc.issueCode(t.deps.db, ops(), org.entA)).token!;
      const tokenB = (await svc.issueCode(t.deps.db, ops(), org.entB)).token!;
      const otherToken = (await svc.issueCode(t.deps.db, otherCityOps(), other.entA)).token!;
      const dept = context(org.cityCode, agents.department.userId, 'department', await unitRef(org.cityCode, org.dept), null);
      await svc.registerInspection(t.deps.db, dept(), inspection(token));
      await svc.registerInspection(t.deps.db, dept(), inspection(token));
      const entBInspection = (await svc.registerInspection(t.deps.db, dept(), inspection(tokenB))).id;
      const entB = await makeUser(t, 'enterprise', { enterpriseId: org.entB });
      await svc.reportUnregistered(t.deps.db, context(org.cityCode, entB.id, 'enterprise', null, org.entB)(), {
        departmentId: org.dept,
        occurredOn: '2026-03-01',
        description: '未扫码入企',
      });
      const otherUser = await makeUser(t, 'department', { unitId: other.dept }, {}, other.cityCode);
      const otherDept = context(other.cityCode, otherUser.id, 'department', await unitRef(other.cityCode, other.dept), null);
      await svc.registerInspection(t.deps.db, otherDept(), inspection(otherToken));
      const otherInspection = (await svc.registerInspection(t.deps.db, otherDept(), inspection(otherToken))).id;
      const otherCase = (
        await t.deps.db.selectFrom('inspection_case').select('id').where('city_code', '=', other.cityCode).executeTakeFirstOrThrow()
      ).id;
      return { token, otherToken, entBInspection, otherInspection, otherCase };
    })());
  const visibleOf = async (table: 'inspection' | 'inspection_case', role: Role) => {
    const rows = await t.deps.db
      .selectFrom(table)
      .select(['id', 'department_id', 'enterprise_id'])
      .where('city_code', '=', org.cityCode)
      .execute();
    if (role === 'department') {
      const units = await unitIdsUnder(org.dept);
      return new Set(rows.filter((r) => units.has(r.department_id)).map((r) => r.id));
    }
    if (role === 'enterprise') return new Set(rows.filter((r) => r.enterprise_id === org.entA).map((r) => r.id));
    return new Set(rows.map((r) => r.id));
  };
  const P = '/api/v1/inspections';
  return {
    'GET /api/v1/inspections/settings': async () => ({ inScope: { method: 'GET', url: `${P}/settings` } }),
    'PUT /api/v1/inspections/settings': async () => {
      const row = await t.deps.db
        .selectFrom('inspection_settings')
        .select('version')
        .where('city_code', '=', org.cityCode)
        .executeTakeFirst();
      return { inScope: { method: 'PUT', url: `${P}/settings`, payload: { routineLimitPerYear: 1, version: row?.version ?? 0 } } };
    },
    'GET /api/v1/inspections/departments': async () => ({ inScope: { method: 'GET', url: `${P}/departments` } }),
    'GET /api/v1/inspections/codes': async () => {
      await setup();
      return { inScope: { method: 'GET', url: `${P}/codes?issued=true` } };
    },
    'POST /api/v1/inspections/codes': async () => ({
      inScope: { method: 'POST', url: `${P}/codes`, payload: { enterpriseId: org.entB } },
      outOfScope: { request: { method: 'POST', url: `${P}/codes`, payload: { enterpriseId: other.entA } }, status: 400 },
    }),
    'POST /api/v1/inspections/codes/batch': async () => ({
      inScope: { method: 'POST', url: `${P}/codes/batch`, payload: { enterpriseIds: [org.entA, org.entB] } },
      outOfScope: { request: { method: 'POST', url: `${P}/codes/batch`, payload: { enterpriseIds: [other.entA] } }, status: 400 },
    }),
    'GET /api/v1/inspections/codes/mine': async () => ({ inScope: { method: 'GET', url: `${P}/codes/mine` } }),
    'GET /api/v1/inspections/scan/:token': async () => {
      const { token, otherToken } = await setup();
      return {
        inScope: { method: 'GET', url: `${P}/scan/${token}` },
        outOfScope: { request: { method: 'GET', url: `${P}/scan/${otherToken}` }, status: 404 },
      };
    },
    'POST /api/v1/inspections': async () => {
      const { token, otherToken } = await setup();
      return {
        inScope: { method: 'POST', url: P, payload: inspection(token) },
        outOfScope: { request: { method: 'POST', url: P, payload: inspection(otherToken) }, status: 404 },
      };
    },
    'GET /api/v1/inspections': async (role) => {
      await setup();
      return { inScope: { method: 'GET', url: `${P}?pageSize=200` }, visible: await visibleOf('inspection', role) };
    },
    'GET /api/v1/inspections/export': async () => {
      await setup();
      return { inScope: { method: 'GET', url: `${P}/export?kind=routine` } };
    },
    'POST /api/v1/inspections/:id/rating': async (role) => {
      const { token, entBInspection } = await setup();
      const svc = await import('../modules/inspections/service.js');
      // A fresh inspection of entA for the enterprise to rate; any role but the enterprise is refused first.
      const dept = context(org.cityCode, agents.department.userId, 'department', await unitRef(org.cityCode, org.dept), null);
      const id = role === 'enterprise' ? (await svc.registerInspection(t.deps.db, dept(), inspection(token))).id : entBInspection;
      return {
        inScope: { method: 'POST', url: `${P}/${id}/rating`, payload: { rating: 5 } },
        outOfScope: { request: { method: 'POST', url: `${P}/${entBInspection}/rating`, payload: { rating: 1 } }, status: 404 },
      };
    },
    'GET /api/v1/inspections/cases': async (role) => {
      await setup();
      return { inScope: { method: 'GET', url: `${P}/cases?pageSize=200` }, visible: await visibleOf('inspection_case', role) };
    },
    'POST /api/v1/inspections/cases': async () => ({
      inScope: { method: 'POST', url: `${P}/cases`, payload: { departmentId: org.dept, occurredOn: '2026-03-01', description: '未扫码' } },
      outOfScope: {
        request: {
          method: 'POST',
          url: `${P}/cases`,
          payload: { departmentId: other.dept, occurredOn: '2026-03-01', description: '未扫码' },
        },
        status: 400,
      },
    }),
    'POST /api/v1/inspections/cases/:id/close': async (role) => {
      const { otherCase } = await setup();
      const svc = await import('../modules/inspections/service.js');
      const entA = await makeUser(t, 'enterprise', { enterpriseId: org.entA });
      const kase =
        role === 'city_operator'
          ? await svc.reportUnregistered(t.deps.db, context(org.cityCode, entA.id, 'enterprise', null, org.entA)(), {
              departmentId: org.dept,
              occurredOn: '2026-03-01',
              description: '未扫码',
            })
          : { id: otherCase, version: 1 };
      const body = { version: kase.version, finding: 'unfounded', conclusion: '经核查不属实' };
      return {
        inScope: { method: 'POST', url: `${P}/cases/${kase.id}/close`, payload: body },
        outOfScope: { request: { method: 'POST', url: `${P}/cases/${otherCase}/close`, payload: { ...body, version: 1 } }, status: 404 },
      };
    },
    'GET /api/v1/inspections/stats': async () => ({ inScope: { method: 'GET', url: `${P}/stats?year=2026` } }),
  };
}
