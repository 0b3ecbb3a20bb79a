import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { PASSWORD, type TestOrg, makeProject, makeUnit, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { multipart } from '../../../test/sheets.js';

let t: TestApp;
let org: TestOrg;
let deptB: number;
let operator: Awaited<ReturnType<typeof signedIn>>;
let enterprise: Awaited<ReturnType<typeof signedIn>>;
let otherEnterprise: Awaited<ReturnType<typeof signedIn>>;
let dept: Awaited<ReturnType<typeof signedIn>>;
let otherDept: Awaited<ReturnType<typeof signedIn>>;
let county: Awaited<ReturnType<typeof signedIn>>;
let ownProject: number;
let otherProject: number;

const PDF = Buffer.from('%PDF-1.7\n%诉求材料\n');

beforeAll(async () => {
  t = await createTestApp({ JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  org = await seedOrg(t);
  deptB = await makeUnit(t, org.root, 'department', '市工业和信息化局');
  operator = await signedIn(t, 'city_operator');
  enterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
  otherEnterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entB });
  dept = await signedIn(t, 'department', { unitId: org.dept });
  otherDept = await signedIn(t, 'department', { unitId: deptB });
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  const ops = await operatorContext(t);
  const owner = await t.deps.db.selectFrom('org_enterprise').select('uscc').where('id', '=', org.entA).executeTakeFirstOrThrow();
  ownProject = await makeProject(t, ops, org.parkA, { name: '甲企业扩产项目', ownerUscc: owner.uscc });
  otherProject = await makeProject(t, ops, org.countyB, { name: '乙企业项目' });
});
afterAll(async () => {
  await t?.close();
});

async function at(when: string) {
  t.clock.set(when);
  for (const agent of [operator, enterprise, otherEnterprise, dept, otherDept, county]) await agent.login(agent.username, PASSWORD);
}

const appeal = (overrides: Record<string, unknown> = {}) => ({
  category: 'policy',
  title: '技改补贴未兑现',
  description: '2025 年技改补贴 80 万元已公示，至今未拨付。',
  projectId: ownProject,
  ...overrides,
});

describe('an enterprise appeal', () => {
  it('reaches the department it is routed to, is answered within its limits and rated by the enterprise', async () => {
    const raised = await enterprise.post('/api/v1/appeals', appeal());
    expect(raised.statusCode, raised.body).toBe(201);
    const item = raised.json();
    // Monday 2 March 2026: accept by the next working day, reply within 3, resolve within 15.
    expect(item).toMatchObject({
      kind: 'appeal',
      source: 'enterprise',
      status: 'raised',
      enterpriseName: '甲企业',
      projectName: '甲企业扩产项目',
      unitId: org.parkA,
      acceptDue: '2026-03-03',
      replyDue: '2026-03-05',
      deadline: '2026-03-23',
    });
    const attached = await enterprise.request({
      method: 'POST',
      url: `/api/v1/appeals/${item.id}/files`,
      ...multipart('公示文件.pdf', PDF),
    });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().files).toMatchObject([{ kind: 'attachment', contentType: 'application/pdf' }]);
    const operatorInbox = (await operator.get('/api/v1/notifications')).json();
    expect(operatorInbox.items[0]).toMatchObject({ kind: 'appeal.raised', text: '企业诉求「技改补贴未兑现」（甲企业）待分办' });

    // The department sees nothing until the city routes it.
    expect((await dept.get(`/api/v1/appeals/${item.id}`)).statusCode).toBe(404);
    const routed = await operator.post(`/api/v1/appeals/${item.id}/route`, {
      version: attached.json().version,
      leadUnitId: org.dept,
      leadPerson: '张处长',
    });
    expect(routed.statusCode, routed.body).toBe(200);
    expect(routed.json()).toMatchObject({ status: 'assigned', leadUnitName: '市自然资源和规划局', deadline: '2026-03-23' });
    expect((await enterprise.get('/api/v1/notifications')).json().items[0]).toMatchObject({
      kind: 'appeal.routed',
      text: '诉求「技改补贴未兑现」已转市自然资源和规划局办理',
    });

    const list = (await dept.get('/api/v1/appeals')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([item.id]);
    expect((await otherDept.get('/api/v1/appeals')).json().total).toBe(0);
    expect((await otherDept.get(`/api/v1/appeals/${item.id}`)).statusCode).toBe(404);
    // The enterprise's county sees the appeals of its enterprises too (its jurisdiction).
    expect((await county.get(`/api/v1/appeals/${item.id}`)).statusCode).toBe(200);

    const accepted = await dept.post(`/api/v1/appeals/${item.id}/accept`, { version: routed.json().version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'in_progress', acceptedOn: '2026-03-02' });
    await at('2026-03-04T10:00:00+08:00');
    const replied = await dept.post(`/api/v1/appeals/${item.id}/reply`, {
      version: accepted.json().version,
      text: '已协调财政局，预计 3 月底前拨付。',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json()).toMatchObject({ repliedOn: '2026-03-04', status: 'in_progress' });
    expect((await enterprise.get('/api/v1/notifications')).json().items[0]).toMatchObject({ kind: 'appeal.replied' });
    await at('2026-03-20T10:00:00+08:00');
    const resolved = await dept.post(`/api/v1/appeals/${item.id}/resolve`, {
      version: replied.json().version,
      evidence: '补贴已于 3 月 19 日拨付到账。',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await enterprise.get(`/api/v1/appeals/${item.id}`)).json().allowed).toEqual(['confirm', 'reopen']);

    const rated = await enterprise.post(`/api/v1/appeals/${item.id}/rate`, {
      version: resolved.json().version,
      rating: 'basic',
      comment: '到账较慢',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'confirmed', rating: 'basic', ratingComment: '到账较慢', closedOn: '2026-03-20' });

    const metrics = (await operator.get('/api/v1/appeals/metrics?asOf=2026-03-20')).json();
    expect(metrics.rows).toEqual([
      {
        unitId: org.dept,
        unitName: '市自然资源和规划局',
        total: 1,
        rated: 1,
        satisfied: 0,
        basic: 1,
        unsatisfied: 0,
        satisfactionRate: 1,
        accept: { due: 1, onTime: 1, rate: 1 },
        reply: { due: 1, onTime: 1, rate: 1 },
        resolve: { due: 1, onTime: 1, rate: 1 },
      },
    ]);
    await at('2026-03-02T09:00:00+08:00');
  });

  it('may be reopened once, also after rating, with a reason', async () => {
    const item = (await enterprise.post('/api/v1/appeals', appeal({ title: '用电增容', category: 'utilities', projectId: null }))).json();
    let current = (
      await operator.post(`/api/v1/appeals/${item.id}/route`, { version: item.version, leadUnitId: deptB, isComplex: true })
    ).json();
    // A complex appeal gets 30 working days.
    expect(current.deadline).toBe('2026-04-14');
    current = (await otherDept.post(`/api/v1/appeals/${item.id}/accept`, { version: current.version })).json();
    current = (await otherDept.post(`/api/v1/appeals/${item.id}/resolve`, { version: current.version, evidence: '已增容' })).json();
    current = (await enterprise.post(`/api/v1/appeals/${item.id}/rate`, { version: current.version, rating: 'unsatisfied' })).json();
    const reopened = await enterprise.post(`/api/v1/appeals/${item.id}/reopen`, { version: current.version, reason: '增容后电压仍不稳定' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'in_progress', rating: null, reopenCount: 1 });
    current = (
      await otherDept.post(`/api/v1/appeals/${item.id}/resolve`, { version: reopened.json().version, evidence: '已更换变压器' })
    ).json();
    const again = await enterprise.post(`/api/v1/appeals/${item.id}/reopen`, { version: current.version, reason: '再试一次' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatchObject({ code: 'BUSINESS_RULE_VIOLATED', message: '诉求只能退回重办一次' });
    expect((await enterprise.get(`/api/v1/appeals/${item.id}`)).json().allowed).toEqual(['confirm']);
  });
});

describe('jurisdiction and bad input', () => {
  it('an enterprise sees only its own appeals and only about its own projects', async () => {
    const mine = (await enterprise.post('/api/v1/appeals', appeal({ title: '融资对接', category: 'financing', projectId: null }))).json();
    expect((await otherEnterprise.get(`/api/v1/appeals/${mine.id}`)).statusCode).toBe(404);
    const theirs = (await otherEnterprise.get('/api/v1/appeals?pageSize=200')).json();
    expect(theirs.total).toBe(0);
    const own = (await enterprise.get('/api/v1/appeals?pageSize=200')).json();
    expect(own.items.every((i: { enterpriseId: number }) => i.enterpriseId === org.entA)).toBe(true);
    // The exports hold the same: the enterprise's own appeals, none for the other.
    const exported = async (agent: typeof enterprise) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await agent.get('/api/v1/appeals/export')).rawPayload as unknown as ArrayBuffer);
      return book.worksheets[0]!.getColumn(1).values.slice(2).map(Number);
    };
    expect(await exported(enterprise)).toEqual(own.items.map((i: { id: number }) => i.id));
    expect(await exported(otherEnterprise)).toEqual([]);
    // Not the enterprise's project; nor can an enterprise rate another's appeal or read problem lists.
    const foreign = await enterprise.post('/api/v1/appeals', appeal({ projectId: otherProject }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.fields).toEqual([{ path: 'projectId', message: '只能就本企业的项目提出诉求' }]);
    expect((await otherEnterprise.post(`/api/v1/appeals/${mine.id}/rate`, { version: mine.version, rating: 'satisfied' })).statusCode).toBe(
      404,
    );
    expect((await enterprise.get('/api/v1/problems')).statusCode).toBe(403);
    expect((await operator.post('/api/v1/appeals', appeal())).statusCode).toBe(403);
  });

  it('refuses an unknown category, an oversize attachment and a wrong file type, writing nothing', async () => {
    const count = async (table: 'problem' | 'file_blob') =>
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const [items, files] = [await count('problem'), await count('file_blob')];
    const unknown = await enterprise.post('/api/v1/appeals', appeal({ category: 'taxes' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields).toEqual([{ path: 'category', message: '类别不在配置的清单中' }]);
    const item = (await enterprise.post('/api/v1/appeals', appeal({ title: '附件测试', projectId: null }))).json();
    const big = await enterprise.request({
      method: 'POST',
      url: `/api/v1/appeals/${item.id}/files`,
      ...multipart('扫描件.pdf', Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)])),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toBe('附件不能超过 10 MB');
    const exe = await enterprise.request({
      method: 'POST',
      url: `/api/v1/appeals/${item.id}/files`,
      ...multipart('材料.pdf', Buffer.from('MZ\x90\x00binary')),
    });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.details.fields).toEqual([{ path: 'file', message: '只接受 PDF、JPG 或 PNG 文件' }]);
    const none = await enterprise.request({ method: 'POST', url: `/api/v1/appeals/${item.id}/files`, payload: {} });
    expect(none.statusCode).toBe(400);
    expect(await count('problem')).toBe(items + 1);
    expect(await count('file_blob')).toBe(files);
  });
});
