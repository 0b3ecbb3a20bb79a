import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseCode, Inspection, InspectionCase, InspectionStats } from '../../../contracts/index.js';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, seedOrg, signedIn } from '../../../test/factories.js';
import { demoUscc } from '../demo/index.js';
import { importEnterprise, importUnit } from '../org/index.js';
import { averageOf } from './service.js';

type Agent = Awaited<ReturnType<typeof signedIn>>;
let t: TestApp;
let org: TestOrg;
let operator: Agent;
let leader: Agent;
let county: Agent;
let inspector: Agent; // 市自然资源和规划局 (org.dept)
let otherInspector: Agent; // 市市场监督管理局
let enterprise: Agent; // 甲企业 (org.entA)
let enterpriseB: Agent;
let market: number;

const P = '/api/v1/inspections';
const inspectors = [
  { name: '张三', certificateNo: 'hn-43040001' },
  { name: '李四', certificateNo: 'HN-43040002' },
];
const registration = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  kind: 'routine',
  purpose: '安全生产日常检查',
  legalBasis: '《中华人民共和国安全生产法》第六十五条',
  inspectors,
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp({ JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  org = await seedOrg(t);
  market = await t.deps.db.transaction().execute((tx) =>
    importUnit(tx, t.ctx(), org.cityCode, {
      parentId: org.root,
      kind: 'department',
      code: null,
      nameZh: '市市场监督管理局',
      nameEn: null,
    }),
  );
  operator = await signedIn(t, 'city_operator');
  leader = await signedIn(t, 'city_leader');
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  inspector = await signedIn(t, 'department', { unitId: org.dept });
  otherInspector = await signedIn(t, 'department', { unitId: market });
  enterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
  enterpriseB = await signedIn(t, 'enterprise', { enterpriseId: org.entB });
});
afterAll(async () => {
  await t?.close();
});

async function count(table: 'inspection' | 'inspection_case' | 'enterprise_code'): Promise<number> {
  const row = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function audited(action: string): Promise<{ target_id: string | null; after: unknown }[]> {
  return await t.deps.db.selectFrom('audit_log').select(['target_id', 'after']).where('action', '=', action).orderBy('id').execute();
}

describe('enterprise codes and inspections (扫码入企)', () => {
  let code: EnterpriseCode;
  let first: Inspection;

  it('issues a code to an enterprise of the city, and a new one that voids the old', async () => {
    const none = await enterprise.get(`${P}/codes/mine`);
    expect(none.json()).toMatchObject({ enterpriseId: org.entA, token: null, issueCount: 0 });
    const issued = await operator.post(`${P}/codes`, { enterpriseId: org.entA });
    expect(issued.statusCode).toBe(201);
    const old = issued.json() as EnterpriseCode;
    expect(old.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(old.issueCount).toBe(1);
    const again = await operator.post(`${P}/codes`, { enterpriseId: org.entA });
    code = again.json();
    expect(code.issueCount).toBe(2);
    expect(code.token).not.toBe(old.token);
    expect((await inspector.get(`${P}/scan/${old.token}`)).json().error.message).toBe('企业码无效或已作废，请企业出示新码');
    expect((await enterprise.get(`${P}/codes/mine`)).json().token).toBe(code.token);
    // The token never goes into the audit trail.
    const records = await audited('inspection.code.reissue');
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records[0]!.after)).not.toContain(code.token!);
    expect(await audited('inspection.code.issue')).toHaveLength(1);

    const unknown = await operator.post(`${P}/codes`, { enterpriseId: 999_999 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].path).toBe('enterpriseId');
    // A closed enterprise (inactive) gets no code.
    const closed = await t.deps.db
      .transaction()
      .execute((tx) =>
        importEnterprise(tx, t.ctx(), org.cityCode, { uscc: demoUscc('430400', 'MA4Q7R8T'), name: '已注销企业', unitId: org.parkA }),
      );
    await t.deps.db.updateTable('org_enterprise').set({ is_active: false }).where('id', '=', closed).execute();
    expect((await operator.post(`${P}/codes`, { enterpriseId: closed })).statusCode).toBe(400);
    const list = await operator.get(`${P}/codes?issued=true`);
    expect(list.json().items.map((c: EnterpriseCode) => c.enterpriseId)).toEqual([org.entA]);
    const search = await operator.get(`${P}/codes?q=${encodeURIComponent('乙')}`);
    expect(search.json().items.map((c: EnterpriseCode) => c.enterpriseId)).toEqual([org.entB]);
  });

  it('issues codes to a page of enterprises at once: those holding one keep it, all or nothing', async () => {
    const batch = (enterpriseIds: number[]) => operator.post(`${P}/codes/batch`, { enterpriseIds });
    const outside = await batch([org.entB, 999_999]);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.fields[0].path).toBe('enterpriseIds.1');
    expect((await enterpriseB.get(`${P}/codes/mine`)).json().token).toBeNull();
    expect((await batch([org.entB, org.entB])).json().error.details.fields[0].message).toBe('同一企业不能重复选择');
    expect((await inspector.post(`${P}/codes/batch`, { enterpriseIds: [org.entB] })).statusCode).toBe(403);
    const done = await batch([org.entA, org.entB]);
    expect(done.json()).toEqual({ issued: 1, kept: 1 });
    // entA keeps the code it holds; entB got its first.
    expect((await enterprise.get(`${P}/codes/mine`)).json()).toMatchObject({ token: code.token, issueCount: 2 });
    expect((await enterpriseB.get(`${P}/codes/mine`)).json()).toMatchObject({ issueCount: 1 });
    const records = await audited('inspection.code.issue');
    expect(records.at(-1)!.after).toEqual({ enterpriseIds: [org.entB], kept: 1 });
  });

  it('shows the inspector whose code it is and how often the department came this year', async () => {
    const scanned = await inspector.get(`${P}/scan/${code.token}`);
    expect(scanned.statusCode).toBe(200);
    expect(scanned.json()).toMatchObject({
      enterpriseId: org.entA,
      enterpriseName: '甲企业',
      departmentId: org.dept,
      year: 2026,
      routineThisYear: 0,
      routineLimitPerYear: 1,
    });
    expect((await inspector.get(`${P}/scan/not-a-token`)).statusCode).toBe(400);
    expect((await operator.get(`${P}/scan/${code.token}`)).statusCode).toBe(403);
  });

  it('refuses a bad registration field by field and writes nothing', async () => {
    const before = await count('inspection');
    const bad = await inspector.post(
      P,
      registration(code.token!, { purpose: '  ', inspectors: [{ name: '张三', certificateNo: '执法证' }] }),
    );
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().error.details.fields as { path: string; message: string }[]).map((f) => [f.path, f.message]);
    expect(fields).toContainEqual(['inspectors', '执法人员不得少于两人']);
    expect(fields).toContainEqual(['inspectors.0.certificateNo', '执法证号为 4–30 位字母、数字或连字符']);
    expect(fields.map((f) => f[0])).toContain('purpose');
    const twice = await inspector.post(P, registration(code.token!, { inspectors: [inspectors[0], { ...inspectors[0], name: '王五' }] }));
    expect(twice.json().error.details.fields[0]).toMatchObject({ path: 'inspectors', message: '同一执法证号不能重复填写' });
    const kind = await inspector.post(P, registration(code.token!, { kind: 'surprise' }));
    expect(kind.statusCode).toBe(400);
    expect(await count('inspection')).toBe(before);
  });

  it('registers within the limit, tells the enterprise and audits the registration', async () => {
    const created = await inspector.post(P, registration(code.token!));
    expect(created.statusCode).toBe(201);
    first = created.json();
    expect(first).toMatchObject({ enterpriseId: org.entA, departmentId: org.dept, kind: 'routine', overLimit: false, rating: null });
    // Certificate numbers are kept as printed on the card, upper case.
    expect(first.inspectors.map((i) => i.certificateNo)).toEqual(['HN-43040001', 'HN-43040002']);
    const [record] = await audited('inspection.register');
    expect(record).toMatchObject({ target_id: String(first.id), after: { overLimit: false, routineBefore: 0, limit: 1, caseId: null } });
    const inbox = await enterprise.get('/api/v1/notifications');
    expect(inbox.json().items[0].text).toContain('市自然资源和规划局于 2026-03-02 扫码登记了一次涉企检查（安全生产日常检查）');
  });

  it('records a routine inspection over the limit and opens a supervision case with it; other kinds never count', async () => {
    const random = await inspector.post(P, registration(code.token!, { kind: 'random', purpose: '双随机抽查' }));
    expect(random.json().overLimit).toBe(false);
    // Another department has its own count.
    expect((await otherInspector.post(P, registration(code.token!))).json().overLimit).toBe(false);
    const cases = await count('inspection_case');
    const over = await inspector.post(P, registration(code.token!, { purpose: '消防日常检查' }));
    expect(over.statusCode).toBe(201);
    expect(over.json().overLimit).toBe(true);
    expect(await count('inspection_case')).toBe(cases + 1);
    const list = (await operator.get(`${P}/cases?status=open`)).json().items as InspectionCase[];
    expect(list[0]).toMatchObject({ kind: 'over_limit', inspectionId: over.json().id, departmentId: org.dept, status: 'open' });
    const operatorInbox = await operator.get('/api/v1/notifications');
    expect(operatorInbox.json().items[0].text).toBe('市自然资源和规划局对甲企业的日常检查超过本年度 1 次的上限，已生成督办案件');
    expect((await inspector.get(`${P}/scan/${code.token}`)).json().routineThisYear).toBe(2);
  });

  it('scopes the list: a department its own, an enterprise its own, the city all, a county nothing', async () => {
    const ids = async (agent: Agent, query = '') =>
      ((await agent.get(`${P}${query}`)).json().items as Inspection[]).map((i) => i.departmentId);
    expect(new Set(await ids(inspector))).toEqual(new Set([org.dept]));
    expect(new Set(await ids(otherInspector))).toEqual(new Set([market]));
    expect(await ids(operator)).toHaveLength(4);
    expect(await ids(leader)).toHaveLength(4);
    expect(await ids(enterprise)).toHaveLength(4);
    expect(await ids(enterpriseB)).toEqual([]);
    expect((await county.get(P)).statusCode).toBe(403);
    expect(await ids(operator, '?overLimit=true')).toEqual([org.dept]);
    expect(await ids(operator, `?kind=random&departmentId=${org.dept}`)).toEqual([org.dept]);
    expect(await ids(operator, '?year=2025')).toEqual([]);
    const otherCases = (await otherInspector.get(`${P}/cases`)).json();
    expect(otherCases.total).toBe(0);
  });

  it('lets the enterprise rate an inspection of it once, and no other', async () => {
    const rated = await enterprise.post(`${P}/${first.id}/rating`, { rating: 4, comment: '检查规范，出示了执法证' });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 4, ratingComment: '检查规范，出示了执法证' });
    const twice = await enterprise.post(`${P}/${first.id}/rating`, { rating: 1 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('这次检查已经评价过了');
    expect((await enterpriseB.post(`${P}/${first.id}/rating`, { rating: 1 })).statusCode).toBe(404);
    expect((await enterprise.post(`${P}/${first.id}/rating`, { rating: 6 })).statusCode).toBe(400);
    expect((await operator.post(`${P}/${first.id}/rating`, { rating: 5 })).statusCode).toBe(403);
    expect(await audited('inspection.rate')).toHaveLength(1);
    expect((await enterprise.get(`${P}?rated=false`)).json().total).toBe(3);
  });

  it('takes an enterprise’s report of an unregistered inspection as a case, closed by the operator with a finding', async () => {
    const future = await enterprise.post(`${P}/cases`, { departmentId: market, occurredOn: '2026-03-03', description: '未出示执法证' });
    expect(future.json().error.details.fields[0]).toMatchObject({ path: 'occurredOn', message: '检查日期不能晚于今天' });
    const notDept = await enterprise.post(`${P}/cases`, { departmentId: org.countyA, occurredOn: '2026-03-01', description: '未扫码' });
    expect(notDept.json().error.details.fields[0]).toMatchObject({ path: 'departmentId', message: '请选择本市的执法部门' });
    const reported = await enterprise.post(`${P}/cases`, {
      departmentId: market,
      occurredOn: '2026-03-01',
      description: '两名执法人员未扫码直接进入车间检查',
    });
    expect(reported.statusCode).toBe(201);
    const kase = reported.json() as InspectionCase;
    expect(kase).toMatchObject({ kind: 'unregistered', status: 'open', inspectionId: null, departmentId: market });
    expect((await operator.get('/api/v1/notifications')).json().items[0].text).toBe(
      '甲企业反映市市场监督管理局于 2026-03-01 未扫码入企检查，已生成督办案件',
    );
    // The department concerned sees the case about it; the other department does not.
    expect((await otherInspector.get(`${P}/cases`)).json().items.map((c: InspectionCase) => c.id)).toEqual([kase.id]);
    expect((await inspector.get(`${P}/cases`)).json().items.map((c: InspectionCase) => c.kind)).toEqual(['over_limit']);
    expect((await enterpriseB.get(`${P}/cases`)).json().total).toBe(0);
    expect(
      (await otherInspector.post(`${P}/cases/${kase.id}/close`, { version: 1, finding: 'unfounded', conclusion: '-' })).statusCode,
    ).toBe(403);

    const stale = await operator.post(`${P}/cases/${kase.id}/close`, { version: 2, finding: 'substantiated', conclusion: '已责令整改' });
    expect(stale.statusCode).toBe(409);
    const closed = await operator.post(`${P}/cases/${kase.id}/close`, {
      version: 1,
      finding: 'substantiated',
      conclusion: '情况属实，已约谈市市场监督管理局并责令整改',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', finding: 'substantiated', version: 2 });
    const again = await operator.post(`${P}/cases/${kase.id}/close`, { version: 2, finding: 'unfounded', conclusion: '重复' });
    expect(again.json().error.message).toBe('该督办案件已办结');
    expect((await enterprise.get('/api/v1/notifications')).json().items[0].text).toBe(
      '您反映的涉企检查问题（市市场监督管理局，2026-03-01）已办结：情况属实，已督促整改',
    );
    expect((await audited('inspection.case.close')).map((r) => r.target_id)).toEqual([String(kase.id)]);
  });

  it('gives the city the figures per department, every department listed', async () => {
    const stats = (await leader.get(`${P}/stats?year=2026`)).json() as InspectionStats;
    const byId = new Map(stats.rows.map((r) => [r.departmentId, r]));
    expect(byId.get(org.dept)).toMatchObject({
      total: 3,
      byKind: { routine: 2, random: 1, complaint: 0, emergency: 0 },
      enterprises: 1,
      overLimit: 1,
      cases: 1,
      openCases: 1,
      unregistered: 0,
      rated: 1,
      averageRating: '4.00',
    });
    expect(byId.get(market)).toMatchObject({ total: 1, overLimit: 0, cases: 1, openCases: 0, unregistered: 1, averageRating: null });
    expect(stats.routineLimitPerYear).toBe(1);
    const empty = (await operator.get(`${P}/stats?year=2025`)).json() as InspectionStats;
    expect(empty.rows.every((r) => r.total === 0 && r.cases === 0)).toBe(true);
    expect(empty.rows.map((r) => r.departmentId).sort()).toEqual([org.dept, market].sort());
    // Every department sees the figures of all (the justice bureau among them), not the others' cases.
    expect((await inspector.get(`${P}/stats?year=2026`)).json()).toEqual(stats);
    expect((await county.get(`${P}/stats?year=2026`)).statusCode).toBe(403);
    expect((await enterprise.get(`${P}/stats?year=2026`)).statusCode).toBe(403);
  });

  it('changes the limit with optimistic concurrency, audited, and counts against the new limit', async () => {
    expect((await inspector.get(`${P}/settings`)).json()).toEqual({ routineLimitPerYear: 1, version: 0 });
    const saved = await operator.put(`${P}/settings`, { routineLimitPerYear: 3, version: 0 });
    expect(saved.json()).toEqual({ routineLimitPerYear: 3, version: 1 });
    expect((await operator.put(`${P}/settings`, { routineLimitPerYear: 2, version: 0 })).statusCode).toBe(409);
    expect((await operator.put(`${P}/settings`, { routineLimitPerYear: 13, version: 1 })).statusCode).toBe(400);
    expect((await inspector.put(`${P}/settings`, { routineLimitPerYear: 9, version: 1 })).statusCode).toBe(403);
    expect((await audited('inspection.settings.update'))[0]!.after).toEqual({ routineLimitPerYear: 3 });
    // Two routine inspections so far; the third is within a limit of three.
    expect((await inspector.post(P, registration(code.token!))).json().overLimit).toBe(false);
    expect((await inspector.post(P, registration(code.token!))).json().overLimit).toBe(true);
  });

  it('exports the filtered list as a real workbook, in the reader’s scope', async () => {
    const response = await enterprise.get(`${P}/export?overLimit=true`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('企业');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(3).value).toBe('市自然资源和规划局');
    expect(sheet.getRow(2).getCell(7).value).toBe('张三（HN-43040001）；李四（HN-43040002）');
    expect(sheet.getRow(2).getCell(9).value).toBe('是');
    expect(await audited('inspection.export')).toHaveLength(1);
    const none = await enterpriseB.get(`${P}/export`);
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load(none.rawPayload as unknown as ArrayBuffer);
    expect(empty.worksheets[0]!.rowCount).toBe(1);
  });
});

describe('averageOf', () => {
  it('rounds half up to two decimals in integers', () => {
    expect(averageOf(4, 1)).toBe('4.00');
    expect(averageOf(10, 3)).toBe('3.33');
    expect(averageOf(11, 3)).toBe('3.67');
    expect(averageOf(9, 8)).toBe('1.13'); // 1.125 → 1.13
    expect(averageOf(5, 8)).toBe('0.63'); // 0.625 → 0.63
  });
});
