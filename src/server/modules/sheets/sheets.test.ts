import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeUser, seedOrg, signedIn } from '../../../test/factories.js';
import { finishedJob, multipart, sheetRows, upload, workbook, zip } from '../../../test/sheets.js';
import { inspectXlsx } from './domain/zip-guard.js';

let t: TestApp;
let org: TestOrg;
let county: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  operator = await signedIn(t, 'city_operator');
  await makeUser(t, 'city_leader', {}, { displayName: '赵市长' });
});
afterAll(async () => {
  await t?.close();
});

describe(inspectXlsx.name, () => {
  it('accepts a real workbook and refuses junk, other zips and bombs', async () => {
    expect(inspectXlsx(await workbook(['a'], [[1]]))).toMatchObject({ ok: true });
    expect(inspectXlsx(Buffer.alloc(10 * 1024 * 1024, 7))).toEqual({ ok: false, reason: 'not_zip' });
    expect(inspectXlsx(Buffer.from('%PDF-1.7 not a workbook'))).toEqual({ ok: false, reason: 'not_zip' });
    const docx = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w/>') },
    ]);
    expect(inspectXlsx(docx)).toEqual({ ok: false, reason: 'not_xlsx' });
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(300 * 1024 * 1024), deflate: true },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(inspectXlsx(bomb)).toEqual({ ok: false, reason: 'suspicious_ratio' });
  });
});

describe('project template and import', () => {
  it('the template has the headers, drop-downs and instructions', async () => {
    const response = await county.get('/api/v1/projects/import-template');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await sheetRows(response.rawPayload);
    expect(rows[0]?.slice(0, 5)).toEqual(['项目代码', '项目名称*', '业主统一社会信用代码', '业主名称', '所属单位*']);
    const lists = await sheetRows(response.rawPayload, 1);
    expect(lists.flat()).toContain('珠晖区 [2]'.replace('2', String(org.countyA)));
    expect(lists.flat()).not.toContain(`耒阳市 [${org.countyB}]`); // not the county's own
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const validations = (
      book.worksheets[0] as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }
    ).dataValidations.model;
    const unitList = Object.entries(validations).find(([address]) => address.startsWith('E2'));
    expect(unitList?.[1]).toMatchObject({ type: 'list' });
  });

  const headers = [
    '项目代码',
    '项目名称*',
    '业主统一社会信用代码',
    '业主名称',
    '所属单位*',
    '行业（GB/T 4754）*',
    '项目类别*',
    '项目级别*',
    '建设性质*',
    '总投资（万元）*',
    '计划开工日期',
    '计划竣工日期',
    '开工（实际）',
    '计划年度',
    '年度计划投资（万元）',
  ];
  const good = () => [
    [
      '2201-430405-04-01-000001',
      '导入项目甲',
      '91350100M000100Y43',
      '福建示例材料有限公司',
      `珠晖区 [${org.countyA}]`,
      '26 化学原料和化学制品制造业',
      '工业',
      '市重点',
      '新开工',
      120000,
      new Date(Date.UTC(2026, 0, 15)),
      '2027-12-31',
      '2026-02-01',
      2026,
      60000,
    ],
    [null, '导入项目乙', null, null, '珠晖区', 'E', '基础设施', '县重点', '续建', '8000.5', '2026/3/1', null, null, null, null],
  ];

  it('reports every bad row with its cell and reason, offers an annotated workbook, and writes nothing', async () => {
    const bad = await workbook(headers, [
      ...good(),
      [
        '2201-430405-4-01-000003',
        '坏行一',
        '91430400MA4L2B3C1F',
        null,
        `耒阳市 [${org.countyB}]`,
        '99',
        '航天',
        '市重点',
        '新开工',
        -5,
        '2026-02-30',
        null,
        null,
        null,
        null,
      ],
      [
        '2201-430405-04-01-000001',
        '导入项目甲',
        null,
        null,
        `珠晖区 [${org.countyA}]`,
        '26',
        '工业',
        '市重点',
        '新开工',
        'abc',
        '2026-03-01',
        '2026-01-01',
        '2026-12-01',
        2026,
        null,
      ],
      // Every cell parses, but: another county's unit, a code already on row 2, dates out of order, a plan year without amount.
      [
        '2201-430405-04-01-000001',
        '越权行',
        null,
        null,
        `耒阳市 [${org.countyB}]`,
        '26',
        '工业',
        '市重点',
        '新开工',
        1,
        '2026-03-01',
        '2026-01-01',
        null,
        2026,
        null,
      ],
    ]);
    const before = (await t.deps.db.selectFrom('project').select('id').execute()).length;
    const started = await upload(county, 'projects', bad);
    expect(started.statusCode, started.body).toBe(202);
    const job = await finishedJob(county, 'projects', started.json().id);
    expect(job.status).toBe('failed');
    const cells = job.errors.map((e: { cell: string; message: string }) => `${e.cell} ${e.message}`);
    expect(cells).toEqual(
      expect.arrayContaining([
        'A4 项目代码格式应为 2201-430400-04-01-123456（24 位，含连字符）',
        'C4 统一社会信用代码无效（应为 18 位且校验位正确）',
        'F4 行业代码应为 GB/T 4754 门类字母（A–T）或两位大类代码（01–97）',
        'G4 取值不在允许范围内',
        'J4 金额应为不小于 0 的数字（万元），最多 4 位小数',
        'K4 日期格式应为 YYYY-MM-DD 且真实存在',
        'J5 金额应为不小于 0 的数字（万元），最多 4 位小数',
      ]),
    );
    expect(cells).toEqual(
      expect.arrayContaining([
        'E6 所选记录不存在或不在您的管辖范围内',
        'A6 与本文件第 2 行重复',
        'L6 计划竣工日期不能早于计划开工日期',
        'O6 填写计划年度时须同时填写年度计划投资',
      ]),
    );
    expect((await t.deps.db.selectFrom('project').select('id').execute()).length).toBe(before);
    const annotated = await county.get(`/api/v1/projects/imports/${job.id}/annotated`);
    expect(annotated.statusCode).toBe(200);
    const marked = await sheetRows(annotated.rawPayload);
    expect(marked[0]?.at(-1)).toBe('错误');
    expect(String(marked[3]?.at(-1))).toContain('A4 项目代码');
  });

  it('imports all rows, then importing the same file again changes nothing; export re-imports unchanged', async () => {
    const file = await workbook(headers, good());
    const first = await finishedJob(county, 'projects', (await upload(county, 'projects', file)).json().id);
    expect(first).toMatchObject({ status: 'succeeded', totalRows: 2, createdCount: 2, updatedCount: 0, unchangedCount: 0 });
    const list = (await county.get('/api/v1/projects?q=导入项目')).json();
    expect(list.items.map((p: { name: string }) => p.name).sort()).toEqual(['导入项目乙', '导入项目甲']);
    const a = list.items.find((p: { name: string }) => p.name === '导入项目甲');
    expect(a).toMatchObject({
      code: '2201-430405-04-01-000001',
      totalInvestment: '120000',
      ownerName: '福建示例材料有限公司',
      stage: 'under_construction',
      plannedStartOn: '2026-01-15',
      version: 1,
    });
    const detail = (await county.get(`/api/v1/projects/${a.id}`)).json();
    expect(detail.annualPlans).toEqual([{ year: 2026, plannedInvestment: '60000', monthly: null }]);
    expect((await county.get(`/api/v1/projects/${a.id}/history`)).json().items[0]).toMatchObject({ version: 1, source: 'import' });

    const again = await finishedJob(county, 'projects', (await upload(county, 'projects', file)).json().id);
    expect(again).toMatchObject({ status: 'succeeded', createdCount: 0, updatedCount: 0, unchangedCount: 2 });
    expect((await county.get(`/api/v1/projects/${a.id}`)).json().version).toBe(1);

    const exported = await county.get('/api/v1/projects/export?q=导入项目&planYear=2026');
    expect(exported.statusCode).toBe(200);
    const rows = await sheetRows(exported.rawPayload);
    expect(rows).toHaveLength(3);
    const reimport = await finishedJob(county, 'projects', (await upload(county, 'projects', exported.rawPayload)).json().id);
    expect(reimport).toMatchObject({ status: 'succeeded', createdCount: 0, updatedCount: 0, unchangedCount: 2 });

    const changed = await workbook(headers, [good()[0]!.map((v, i) => (i === 9 ? 130000 : v))]);
    const update = await finishedJob(county, 'projects', (await upload(county, 'projects', changed)).json().id);
    expect(update).toMatchObject({ updatedCount: 1 });
    const history = (await county.get(`/api/v1/projects/${a.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ version: 2, source: 'import', changes: { totalInvestment: { before: '120000', after: '130000' } } });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', 'in', ['project.import', 'project.export'])
      .execute();
    expect(audit.filter((r) => r.action === 'project.import')).toHaveLength(5);
    expect(audit.filter((r) => r.action === 'project.export')).toHaveLength(1);
  });

  it('writes plans, milestones, coordinates and new owners in sets; an update empties a milestone; the audit record names all it created', async () => {
    const wide = [...headers, '经度', '纬度', '竣工（计划）', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月计划（万元）`)];
    const months = [5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000.25];
    const row = (n: number, uscc: string, extra: unknown[]) => [
      `2201-430405-04-01-00010${n}`,
      `成组项目${n}`,
      uscc,
      `成组业主${n}有限公司`,
      `珠晖区 [${org.countyA}]`,
      '26',
      '工业',
      '市重点',
      '新开工',
      90000,
      '2026-01-10',
      '2027-06-30',
      n === 1 ? '2026-02-01' : null,
      2026,
      60000.25,
      ...extra,
    ];
    const file = await workbook(wide, [
      row(1, '91430405MA4T8K2P7N', [112.6123456, 26.9, '2027-06-30', ...months]),
      row(2, '91430405MA4T8K2P7N', [null, null, null, ...months]),
    ]);
    const first = await finishedJob(county, 'projects', (await upload(county, 'projects', file)).json().id);
    expect(first, JSON.stringify(first.errors)).toMatchObject({ status: 'succeeded', createdCount: 2 });
    const list = (await county.get('/api/v1/projects?q=成组项目')).json().items as { id: number; name: string }[];
    const one = list.find((p) => p.name === '成组项目1')!;
    const detail = (await county.get(`/api/v1/projects/${one.id}`)).json();
    expect(detail).toMatchObject({ longitude: 112.612346, latitude: 26.9, ownerName: '成组业主1有限公司', stage: 'under_construction' });
    expect(detail.annualPlans).toEqual([{ year: 2026, plannedInvestment: '60000.25', monthly: months.map((m) => String(m)) }]);
    expect(detail.milestones).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'start', actualOn: '2026-02-01' }),
        expect.objectContaining({ kind: 'completion', plannedOn: '2027-06-30' }),
      ]),
    );
    const two = (await county.get(`/api/v1/projects/${list.find((p) => p.name === '成组项目2')!.id}`)).json();
    expect(two.milestones).toEqual([]); // no date in the sheet: no empty milestone rows
    const enterprises = await t.deps.db
      .selectFrom('org_enterprise')
      .select(['id', 'name'])
      .where('uscc', '=', '91430405MA4T8K2P7N')
      .execute();
    expect(enterprises).toHaveLength(1); // two rows name the same new owner: registered once, under the first row's name
    expect(enterprises[0]!.name).toBe('成组业主1有限公司');
    const history = (await county.get(`/api/v1/projects/${one.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ version: 1, source: 'import', changes: { name: { before: null, after: '成组项目1' } } });

    const again = await finishedJob(county, 'projects', (await upload(county, 'projects', file)).json().id);
    expect(again).toMatchObject({ status: 'succeeded', createdCount: 0, updatedCount: 0, unchangedCount: 2 });

    const emptied = await workbook(wide, [row(1, '91430405MA4T8K2P7N', [112.6123456, 26.9, null, 4999, ...months.slice(1, 11), 5001.25])]);
    const update = await finishedJob(county, 'projects', (await upload(county, 'projects', emptied)).json().id);
    expect(update, JSON.stringify(update.errors)).toMatchObject({ status: 'succeeded', updatedCount: 1 });
    const after = (await county.get(`/api/v1/projects/${one.id}`)).json();
    expect(after.version).toBe(2);
    expect(after.milestones.map((m: { kind: string }) => m.kind)).toEqual(['start']);
    expect(after.annualPlans[0].monthly[11]).toBe('5001.25');
    const changes = (await county.get(`/api/v1/projects/${one.id}/history`)).json().items[0].changes;
    expect(Object.keys(changes).sort()).toEqual(['milestones', 'plan2026']);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'after'])
      .where('action', 'in', ['project.import', 'org.enterprise.create'])
      .orderBy('id')
      .execute();
    const imports = audit.filter((a) => a.action === 'project.import').slice(-3);
    expect(imports[0]!.after).toMatchObject({
      created: 2,
      createdIds: list.map((p) => p.id).sort((a, b) => a - b),
      createdEnterpriseIds: [enterprises[0]!.id],
    });
    expect(imports[1]!.after).toMatchObject({ created: 0, unchanged: 2, createdIds: [], updatedIds: [] });
    expect(imports[2]!.after).toMatchObject({ updated: 1, updatedIds: [one.id] });
    expect(audit.filter((a) => a.action === 'org.enterprise.create' && a.target_id === String(enterprises[0]!.id))).toEqual([]);
  });

  it.each([
    ['10 MB of junk', Buffer.alloc(10 * 1024 * 1024, 65), 'sheet.notXlsx'],
    ['a PDF renamed .xlsx', Buffer.from('%PDF-1.4\n%…\n'), 'sheet.notXlsx'],
  ])('refuses %s before storing anything', async (_label, data) => {
    const before = (await t.deps.db.selectFrom('file_blob').select('id').execute()).length;
    const response = await upload(county, 'projects', data);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toEqual([{ path: 'file', message: '文件不是 Excel 工作簿（.xlsx），请使用下载的模板' }]);
    expect((await t.deps.db.selectFrom('file_blob').select('id').execute()).length).toBe(before);
  });

  it('refuses a zip bomb and a file over the size limit', async () => {
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200 * 1024 * 1024), deflate: true },
    ]);
    const refused = await upload(county, 'projects', bomb);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0].message).toBe('文件解压后过大或结构异常，已拒绝');
    const huge = await upload(county, 'projects', Buffer.alloc(21 * 1024 * 1024, 1));
    expect(huge.statusCode).toBe(413);
    const none = await county.request({ method: 'POST', url: '/api/v1/projects/imports', payload: {} });
    expect(none.statusCode).toBe(400);
  });

  it('a workbook that passes the upload guard but cannot be read fails its job, keeping the reader’s words', async () => {
    const broken = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      {
        name: 'xl/workbook.xml',
        data: Buffer.from('<workbook xmlns:r="r"><sheets><sheet name="项目" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: Buffer.from(
          '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
      },
    ]);
    const accepted = await upload(county, 'projects', broken);
    expect(accepted.statusCode, accepted.body).toBe(202);
    const job = await finishedJob(county, 'projects', accepted.json().id);
    expect(job.status).toBe('failed');
    expect(job.errors[0].message).toBe('文件不是 Excel 工作簿（.xlsx），请使用下载的模板');
    const stored = await t.deps.db.selectFrom('import_job').select('errors').where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(stored.errors).toMatchObject([{ key: 'sheet.notXlsx', params: { detail: 'missing xl/worksheets/sheet1.xml' } }]);
  });

  it('names missing required columns', async () => {
    const job = await finishedJob(county, 'projects', (await upload(county, 'projects', await workbook(['项目名称'], [['x']]))).json().id);
    expect(job.status).toBe('failed');
    expect(job.errors[0].message).toContain('缺少必填列：所属单位');
  });
});

describe('deal import and export', () => {
  const headers = [
    '备案单位*',
    '项目名称*',
    '投资方名称*',
    '合同投资额（万元）*',
    '行业（GB/T 4754）*',
    '项目来源*',
    '签约日期*',
    '签约类型',
    '高新技术企业',
  ];
  it('files deals from a workbook once, and the export re-imports unchanged', async () => {
    const file = await workbook(headers, [
      [`珠晖区 [${org.countyA}]`, '表格招商项目一', '甲投资集团', 50000, '38', '国内企业', '2026-02-20', '新签', '是'],
      [`珠晖区 [${org.countyA}]`, '表格招商项目二', '乙投资集团', '30000.25', 'C', '上市公司', '2026-01-05', null, '否'],
    ]);
    const first = await finishedJob(county, 'deals', (await upload(county, 'deals', file)).json().id);
    expect(first, JSON.stringify(first.errors)).toMatchObject({ status: 'succeeded', createdCount: 2 });
    const deals = (await county.get('/api/v1/deals?q=表格招商')).json().items;
    expect(deals.map((d: { contractedAmount: string; isLateFiling: boolean }) => [d.contractedAmount, d.isLateFiling]).sort()).toEqual([
      ['30000.25', true],
      ['50000', false],
    ]);
    const again = await finishedJob(county, 'deals', (await upload(county, 'deals', file)).json().id);
    expect(again).toMatchObject({ status: 'succeeded', createdCount: 0, unchangedCount: 2 });
    const exported = await county.get('/api/v1/deals/export?q=表格招商');
    expect(exported.statusCode).toBe(200);
    const rows = await sheetRows(exported.rawPayload);
    expect(rows[0]).toContain('计入引资额（万元）');
    const reimport = await finishedJob(county, 'deals', (await upload(county, 'deals', exported.rawPayload)).json().id);
    expect(reimport, JSON.stringify(reimport.errors)).toMatchObject({ status: 'succeeded', createdCount: 0, unchangedCount: 2 });
  });

  it('a job is only its uploader’s (and the operator’s)', async () => {
    const started = (await upload(county, 'deals', await workbook(headers, [['x', 'y', 'z', 1, '38', '国内企业', '2026-01-01']]))).json();
    await finishedJob(county, 'deals', started.id);
    const other = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
    expect((await other.get(`/api/v1/deals/imports/${started.id}`)).statusCode).toBe(404);
    expect((await operator.get(`/api/v1/deals/imports/${started.id}`)).statusCode).toBe(200);
    const { payload, headers: h } = multipart('x.xlsx', Buffer.from('x'));
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/deals/imports',
      payload,
      headers: { ...h, cookie: other.cookie, 'x-csrf-token': 'wrong' },
    });
    expect(forged.statusCode).toBe(403);
  });
});
