import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeProject, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { finishedJob, multipart, sheetRows } from '../../../test/sheets.js';
import { parseMonth } from './report-sheet.js';

let t: TestApp;
let org: TestOrg;
let county: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;
const p = {} as { a: number; b: number; notStarted: number; otherCounty: number };
const CODE_A = '2201-430405-04-01-000101';

beforeAll(async () => {
  // The clock: 2026-03-02 in Shanghai; January and February can be reported.
  t = await createTestApp();
  org = await seedOrg(t);
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  operator = await signedIn(t, 'city_operator');
  const ops = await operatorContext(t);
  const started = { milestones: [{ kind: 'start' as const, plannedOn: '2025-06-01', actualOn: '2025-06-10' }] };
  const plan = { annualPlans: [{ year: 2026, plannedInvestment: '1200', monthly: Array(12).fill('100') }] };
  p.a = await makeProject(t, ops, org.countyA, { code: CODE_A, name: '表格项目甲', totalInvestment: '5000', ...started, ...plan });
  p.b = await makeProject(t, ops, org.parkA, { name: '表格项目乙', totalInvestment: '100000', ...started });
  p.notStarted = await makeProject(t, ops, org.countyA, {
    name: '表格未开工项目',
    totalInvestment: '3000',
    annualPlans: [{ year: 2026, plannedInvestment: '600', monthly: null }],
  });
  p.otherCounty = await makeProject(t, ops, org.countyB, { name: '别县表格项目', totalInvestment: '3000', ...started, ...plan });
});
afterAll(async () => {
  await t?.close();
});

const HEADERS = [
  '月份*',
  '项目编号',
  '项目代码',
  '项目名称',
  '所属单位',
  '本月计划投资（万元）',
  '截至上月累计完成（万元）',
  '本月完成投资（万元）',
  '形象进度',
  '存在问题',
  '情况说明',
  '更正原因（锁定后修改必填）',
  '版本',
];
const col = (header: string) => HEADERS.indexOf(header) + 1;

/** The downloaded template with cells typed in, as a unit fills it in Excel. */
async function fill(template: Buffer, edits: Record<number, Record<string, unknown>>, extraRows: unknown[][] = []): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const edit = edits[Number(row.getCell(2).value)];
    if (edit) for (const [header, value] of Object.entries(edit)) row.getCell(col(header)).value = value as ExcelJS.CellValue;
  });
  for (const values of extraRows) sheet.addRow(values);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function template(agent: typeof county, month: string): Promise<Buffer> {
  const response = await agent.get(`/api/v1/reports/import-template?month=${month}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.rawPayload;
}

async function importFile(agent: typeof county, data: Buffer) {
  const started = await agent.request({ method: 'POST', url: '/api/v1/reports/imports', ...multipart('月报.xlsx', data) });
  expect(started.statusCode, started.body).toBe(202);
  return await finishedJob(agent, 'reports' as 'deals', started.json().id);
}

const versions = async () => (await t.deps.db.selectFrom('report_version').select('id').execute()).length;

describe(parseMonth.name, () => {
  it('reads the ways a month is written, and a date cell', () => {
    expect(parseMonth('2026-01')).toEqual({ ok: true, value: '2026-01' });
    expect(parseMonth('2026/3')).toEqual({ ok: true, value: '2026-03' });
    expect(parseMonth('2026年2月')).toEqual({ ok: true, value: '2026-02' });
    expect(parseMonth(new Date(Date.UTC(2026, 0, 1)))).toEqual({ ok: true, value: '2026-01' });
    expect(parseMonth('2026-13')).toMatchObject({ ok: false, key: 'report.sheetMonth' });
    expect(parseMonth(202601)).toMatchObject({ ok: false, key: 'report.sheetMonth' });
  });
});

describe('a month of reports from Excel', () => {
  it('the template lists the unit’s reporting projects of the month, prefilled', async () => {
    const response = await county.get('/api/v1/reports/import-template?month=2026-01');
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('月报-2026-01.xlsx'));
    const rows = await sheetRows(response.rawPayload);
    expect(rows[0]).toEqual(HEADERS);
    const byId = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect([...byId.keys()].sort()).toEqual([p.a, p.b, p.notStarted].sort());
    expect(byId.get(p.a)).toEqual([
      '2026-01',
      p.a,
      CODE_A,
      '表格项目甲',
      '珠晖区',
      100,
      0,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      0,
    ]);
    const help = await sheetRows(response.rawPayload, 2);
    expect(String(help[0]?.[0])).toContain('月报导入模板');
    expect((await county.get('/api/v1/reports/import-template')).statusCode).toBe(400);
    expect((await county.get(`/api/v1/reports/import-template?month=2026-01&unitId=${org.countyB}`)).statusCode).toBe(404);
  });

  it('reports every bad cell with its reason, offers an annotated workbook, and saves nothing', async () => {
    const before = await versions();
    const base = await template(county, '2026-01');
    const bad = await fill(
      base,
      {
        [p.a]: { '本月完成投资（万元）': 6000 }, // cumulative above the total of 5000, and far from the plan of 100
        [p.b]: { '本月完成投资（万元）': -5 },
        [p.notStarted]: { '本月完成投资（万元）': 10 }, // not started: needs an explanation
      },
      [
        ['2026-01', p.otherCounty, null, null, null, null, null, 1], // another county's project
        ['2026-02', null, CODE_A, null, null, null, null, 1], // another month
        ['2026-01', p.a, '2201-430405-04-01-999999', null, null, null, null, 1], // number and code disagree
        ['2026-01', null, null, null, null, null, null, null, '只写了进度'], // text without the figure
      ],
    );
    const job = await importFile(county, bad);
    expect(job.status).toBe('failed');
    expect(job.errors.map((e: { cell: string; message: string }) => `${e.cell} ${e.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^H\d+ 累计完成投资将超过项目总投资 5,000 万元$/),
        expect.stringMatching(/^H\d+ 金额应为不小于 0 的数字（万元），最多 4 位小数$/),
        expect.stringMatching(/^K\d+ 该数据触发了提示，请填写说明$/),
        'B5 所选记录不存在或不在您的管辖范围内',
        'A6 一个文件只能填报同一个月份（本文件为 2026-01）',
        'C7 项目编号与项目代码不一致，请使用下载的模板',
        'H8 必填',
      ]),
    );
    expect(job.errors.every((e: { header: string }) => e.header !== '')).toBe(true);
    expect(await versions()).toBe(before);

    const annotated = await county.get(`/api/v1/reports/imports/${job.id}/annotated`);
    expect(annotated.statusCode).toBe(200);
    const rows = await sheetRows(annotated.rawPayload);
    expect(rows[0]?.at(-1)).toBe('错误');
    expect(String(rows[6]?.at(-1))).toContain('项目编号与项目代码不一致');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(annotated.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0]!.getCell('C7').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  });

  it('imports a good month all at once through the grid’s checks; the same file again changes nothing', async () => {
    const filled = await fill(await template(county, '2026-01'), {
      [p.a]: { '本月完成投资（万元）': 100, 形象进度: '主体结构施工' },
      [p.b]: { '本月完成投资（万元）': '2500.5', 存在问题: '用地报批' },
      // p.notStarted left blank: not reported now, nothing of it changes.
    });
    const job = await importFile(county, filled);
    expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'succeeded', createdCount: 2, updatedCount: 0, unchangedCount: 0 });
    const grid = (await county.get('/api/v1/reports/grid?month=2026-01')).json();
    const row = (id: number) => grid.rows.find((r: { projectId: number }) => r.projectId === id);
    expect(row(p.a)).toMatchObject({ status: 'submitted', investment: '100', progressText: '主体结构施工', version: 1 });
    expect(row(p.b)).toMatchObject({ status: 'submitted', investment: '2500.5', problemsText: '用地报批' });
    expect(row(p.notStarted)).toMatchObject({ status: 'missing' });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', 'like', 'report.%')
      .orderBy('id')
      .execute();
    expect(audit.find((a) => a.action === 'report.submit')?.after).toMatchObject({ importJobId: job.id });
    expect(audit.filter((a) => a.action === 'report.import').at(-1)?.after).toMatchObject({ created: 2, createdIds: [p.a, p.b] });

    const before = await versions();
    const again = await importFile(county, filled);
    expect(again).toMatchObject({ status: 'succeeded', createdCount: 0, updatedCount: 0, unchangedCount: 2 });
    expect(await versions()).toBe(before);
  });

  it('a row changed since the template was downloaded is stale; a fresh template updates it as a new version', async () => {
    const old = await template(county, '2026-02');
    expect(
      (
        await county.request({
          method: 'PUT',
          url: '/api/v1/reports/grid',
          payload: { month: '2026-02', rows: [{ projectId: p.a, investment: '100', baseVersion: 0 }] },
        })
      ).statusCode,
    ).toBe(200);
    const stale = await importFile(county, await fill(old, { [p.a]: { '本月完成投资（万元）': 110 } }));
    expect(stale.status).toBe('failed');
    expect(stale.errors).toEqual([expect.objectContaining({ message: '该行已被他人更新，请刷新后再填', header: '本月完成投资（万元）' })]);
    const fresh = await importFile(county, await fill(await template(county, '2026-02'), { [p.a]: { '本月完成投资（万元）': 110 } }));
    expect(fresh).toMatchObject({ status: 'succeeded', updatedCount: 1 });
  });

  it('exports the month’s grid; the export re-imports and changes nothing', async () => {
    const response = await operator.get(`/api/v1/reports/export?month=2026-01&unitId=${org.countyA}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(response.rawPayload);
    expect(rows[0]?.slice(0, HEADERS.length)).toEqual(HEADERS.map((h) => h.replace('*', '')));
    expect(rows[0]?.slice(HEADERS.length)).toEqual(['状态', '退回原因', '项目总投资（万元）', '本年此前累计（万元）', '照片数']);
    const a = rows.find((r) => r[1] === p.a)!;
    expect(a.slice(0, 9)).toEqual(['2026-01', p.a, CODE_A, '表格项目甲', '珠晖区', 100, 0, 100, '主体结构施工']);
    expect(a[12]).toBe(1);
    expect(a[13]).toBe('已报');
    expect(rows.find((r) => r[1] === p.notStarted)?.[13]).toBe('未报');
    const again = await importFile(county, response.rawPayload);
    expect(again).toMatchObject({ status: 'succeeded', unchangedCount: 2, createdCount: 0, updatedCount: 0 });
    const exported = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'report.export').execute();
    expect(exported.length).toBe(1);
  });

  it('after the lock a changed row needs its own correction reason and becomes a correction version', async () => {
    expect((await operator.post('/api/v1/reports/months/2026-01/lock')).statusCode).toBe(200);
    const base = await template(county, '2026-01');
    const noReason = await importFile(county, await fill(base, { [p.a]: { '本月完成投资（万元）': 95 } }));
    expect(noReason.status).toBe('failed');
    expect(noReason.errors).toEqual([
      expect.objectContaining({ header: '更正原因（锁定后修改必填）', message: '该月已锁定，修改须填写更正原因' }),
    ]);
    const corrected = await importFile(
      county,
      await fill(base, { [p.a]: { '本月完成投资（万元）': 95, '更正原因（锁定后修改必填）': '补录发票' } }),
    );
    expect(corrected).toMatchObject({ status: 'succeeded', updatedCount: 1, unchangedCount: 1 });
    const history = (await county.get(`/api/v1/reports/history?projectId=${p.a}&month=2026-01`)).json();
    expect(history.versions[0]).toMatchObject({ version: 2, kind: 'correction', investment: '95', reason: '补录发票' });
  });

  it('refuses what is not a workbook before anything is stored; the enterprise may not import', async () => {
    const files = (await t.deps.db.selectFrom('file_blob').select('id').execute()).length;
    const pdf = await county.request({
      method: 'POST',
      url: '/api/v1/reports/imports',
      ...multipart('月报.xlsx', Buffer.from('%PDF-1.7 not a workbook')),
    });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.details.fields).toEqual([{ path: 'file', message: '文件不是 Excel 工作簿（.xlsx），请使用下载的模板' }]);
    expect((await t.deps.db.selectFrom('file_blob').select('id').execute()).length).toBe(files);
    const enterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
    expect((await enterprise.get('/api/v1/reports/import-template?month=2026-01')).statusCode).toBe(403);
  });
});
