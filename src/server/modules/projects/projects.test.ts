import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeUser, seedOrg, signedIn } from '../../../test/factories.js';

let t: TestApp;
let org: TestOrg;
let county: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;
let leaderId: number;

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  operator = await signedIn(t, 'city_operator');
  leaderId = (await makeUser(t, 'city_leader', {}, { displayName: '李副市长' })).id;
});
afterAll(async () => {
  await t?.close();
});

const monthly = (total: number) =>
  Array.from({ length: 12 }, (_, i) => String(i < 11 ? Math.floor(total / 12) : total - 11 * Math.floor(total / 12)));

const project = (overrides: Record<string, unknown> = {}) => ({
  code: '2201-430405-04-01-123456',
  name: '珠晖区新材料产业园一期',
  ownerUscc: '91350100M000100Y43',
  ownerName: '福建示例新材料有限公司',
  unitId: org.countyA,
  parkId: org.parkA,
  industryCode: '26',
  industryChain: 'new_materials',
  category: 'industrial',
  level: 'city',
  kind: 'new',
  totalInvestment: '250000',
  plannedStartOn: '2026-03-01',
  plannedEndOn: '2027-12-31',
  latitude: 26.8968,
  longitude: 112.5719,
  liaisonLeaderUserId: leaderId,
  milestones: [
    { kind: 'filing', plannedOn: '2026-01-10', actualOn: '2026-01-12' },
    { kind: 'start', plannedOn: '2026-03-01' },
    { kind: 'production', plannedOn: '2027-12-31' },
  ],
  taskForce: [{ name: '王强', role: '专班组长', phone: '0734-1234567' }],
  annualPlans: [{ year: 2026, plannedInvestment: '120000', monthly: monthly(120000) }],
  ...overrides,
});

describe('projects', () => {
  it('registers a project with owner, milestones, plans and task force; the new owner becomes an enterprise', async () => {
    const response = await county.post('/api/v1/projects', project());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      code: '2201-430405-04-01-123456',
      codeGeneration: 'current',
      ownerName: '福建示例新材料有限公司',
      unitName: '珠晖区',
      parkName: '示例园区',
      liaisonLeaderName: '李副市长',
      stage: 'preparing',
      totalInvestment: '250000',
      latitude: 26.8968,
      version: 1,
      annualPlans: [{ year: 2026, plannedInvestment: '120000' }],
      taskForce: [{ name: '王强', role: '专班组长' }],
    });
    const enterprises = (await county.get('/api/v1/org/enterprises?q=91350100M000100Y43')).json();
    expect(enterprises.items).toHaveLength(1);
  });

  it.each([
    [{ code: '2201-430405-4-01-123456' }, 'code', '项目代码格式应为 2201-430400-04-01-123456（24 位，含连字符）'],
    [{ code: '2201-430405-04-01-123456' }, 'code', '已有使用该项目代码的项目'],
    [{ totalInvestment: '-1' }, 'totalInvestment', '金额应为不小于 0 的数字（万元），最多 4 位小数'],
    [{ plannedEndOn: '2025-01-01' }, 'plannedEndOn', '计划竣工日期不能早于计划开工日期'],
    [{ parkId: org?.countyB ?? 0 }, 'parkId', '所选园区不是园区类单位，或不在项目所属单位之下'],
    [{ liaisonLeaderUserId: 1 }, 'liaisonLeaderUserId', '联系市领导须是市领导账号'],
    [
      { annualPlans: [{ year: 2026, plannedInvestment: '1000', monthly: monthly(999) }] },
      'annualPlans.0.monthly',
      '月度计划合计 999 万元，应等于年度计划投资 1,000 万元',
    ],
    [{ milestones: [{ kind: 'start', actualOn: '2026-12-01' }] }, 'milestones.0.actualOn', '实际完成日期不能晚于今天'],
    [{ ownerUscc: '91430400MA4L2B3C1F' }, 'ownerUscc', '统一社会信用代码无效（应为 18 位且校验位正确）'],
    [{ ownerUscc: '52430482MJ6K8R1TX0', ownerName: null }, 'ownerName', '新业主须填写企业名称'],
    [{ industryChain: 'space_mining' }, 'industryChain', '取值不在允许范围内'],
    [{ latitude: 123 }, 'latitude', '不能大于 90'],
  ])('refuses %o', async (patch, path, message) => {
    // org is set up in beforeAll; resolve placeholders that needed it.
    const fixed = 'parkId' in patch ? { parkId: org.countyB } : patch;
    const before = (await t.deps.db.selectFrom('project').select('id').execute()).length;
    const response = await county.post('/api/v1/projects', project({ code: null, ...fixed, ...(path === 'code' ? patch : {}) }));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.fields).toContainEqual({ path, message });
    expect((await t.deps.db.selectFrom('project').select('id').execute()).length).toBe(before);
  });

  it('edits with optimistic concurrency and keeps a readable history', async () => {
    const created = (await county.post('/api/v1/projects', project({ code: '2201-430405-04-01-222222', name: '历史测试项目' }))).json();
    const started = await county.patch(`/api/v1/projects/${created.id}`, {
      version: created.version,
      totalInvestment: '260000',
      milestones: [
        { kind: 'filing', plannedOn: '2026-01-10', actualOn: '2026-01-12' },
        { kind: 'start', plannedOn: '2026-03-01', actualOn: '2026-03-01' },
        { kind: 'production', plannedOn: '2027-12-31' },
      ],
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ version: 2, stage: 'under_construction', totalInvestment: '260000' });
    const stale = await county.patch(`/api/v1/projects/${created.id}`, { version: created.version, name: '过期' });
    expect(stale.statusCode).toBe(409);
    // An edit that changes nothing is not a new version.
    const same = await county.patch(`/api/v1/projects/${created.id}`, { version: 2, name: '历史测试项目' });
    expect(same.json().version).toBe(2);
    const history = (await county.get(`/api/v1/projects/${created.id}/history`)).json().items;
    expect(history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(history[0].changes.totalInvestment).toEqual({ before: '250000', after: '260000' });
    expect(history[0]).toMatchObject({ actorName: county.username, source: 'form' });
  });

  it('lists with filters, sort and pagination; units see their own, the owner enterprise its own', async () => {
    await operator.post(
      '/api/v1/projects',
      project({
        code: null,
        name: '耒阳物流园',
        unitId: org.countyB,
        parkId: null,
        level: 'county',
        category: 'infrastructure',
        ownerUscc: null,
        totalInvestment: '80000',
      }),
    );
    const all = (await operator.get('/api/v1/projects?sort=-totalInvestment')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((p: { totalInvestment: string }) => Number(p.totalInvestment))).toEqual([260000, 250000, 80000]);
    expect((await operator.get('/api/v1/projects?stage=under_construction')).json().items.map((p: { name: string }) => p.name)).toEqual([
      '历史测试项目',
    ]);
    expect((await operator.get('/api/v1/projects?level=county')).json().total).toBe(1);
    expect((await operator.get(`/api/v1/projects?unitId=${org.countyA}`)).json().total).toBe(2);
    expect((await operator.get(`/api/v1/projects?leaderId=${leaderId}&pageSize=1&page=2`)).json()).toMatchObject({
      total: 3,
      items: [expect.any(Object)],
    });
    expect((await operator.get(`/api/v1/projects?q=${encodeURIComponent('物流')}`)).json().total).toBe(1);
    expect((await county.get('/api/v1/projects')).json().total).toBe(2);
    const owner = (await county.get('/api/v1/org/enterprises?q=91350100M000100Y43')).json().items[0];
    const enterprise = await signedIn(t, 'enterprise', { enterpriseId: owner.id });
    expect((await enterprise.get('/api/v1/projects')).json().total).toBe(2);
    expect((await enterprise.post('/api/v1/projects', project({ code: null }))).statusCode).toBe(403);
    const leaders = (await county.get('/api/v1/projects/leaders')).json().items;
    expect(leaders).toContainEqual({ id: leaderId, displayName: '李副市长' });
  });
});

describe('project facts for a whole city', () => {
  it('take any number of ids (more than the 65,535 parameters a statement may have)', async () => {
    const { projectFacts } = await import('./service.js');
    const created = (await operator.get('/api/v1/projects?pageSize=100')).json().items.map((p: { id: number }) => p.id);
    expect(created.length).toBeGreaterThan(0);
    const ids = [...created, ...Array.from({ length: 70_000 }, (_, i) => 10_000_000 + i)];
    const facts = await projectFacts(t.deps.db, org.cityCode, ids, 2026);
    expect([...facts.keys()].sort()).toEqual([...created].sort());
  });
});

describe('the stage filter', () => {
  it('lists for each stage exactly the projects the list shows in that stage', async () => {
    const ms = (...kinds: string[]) => kinds.map((kind) => ({ kind, plannedOn: '2025-01-01', actualOn: '2025-06-01' }));
    const shapes = {
      阶段测试筹备: [{ kind: 'start', plannedOn: '2026-09-01', actualOn: null }],
      阶段测试在建: ms('land', 'start'),
      阶段测试竣工: ms('start', 'completion'),
      阶段测试投产: ms('start', 'completion', 'production'),
      // Production recorded without a start: the latest milestone reached decides.
      阶段测试只有投产: ms('production'),
    };
    for (const [name, milestones] of Object.entries(shapes)) {
      const created = await operator.post('/api/v1/projects', project({ code: null, name, ownerUscc: null, milestones }));
      expect(created.statusCode, created.body).toBe(201);
    }
    const all = (await operator.get('/api/v1/projects?pageSize=100')).json();
    expect(all.total).toBe(all.items.length);
    const stageOf = new Map(all.items.map((p: { name: string; stage: string }) => [p.name, p.stage]));
    expect(Object.keys(shapes).map((name) => stageOf.get(name))).toEqual([
      'preparing',
      'under_construction',
      'completed',
      'in_production',
      'in_production',
    ]);
    for (const stage of ['preparing', 'under_construction', 'completed', 'in_production']) {
      const filtered = (await operator.get(`/api/v1/projects?stage=${stage}&pageSize=100`)).json();
      const expected = all.items.filter((p: { stage: string }) => p.stage === stage).map((p: { id: number }) => p.id);
      expect(filtered.items.map((p: { id: number }) => p.id).sort()).toEqual(expected.sort());
      expect(filtered.total).toBe(expected.length);
    }
  });
});
