import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, seedOrg, signedIn } from '../../../test/factories.js';
import { multipart, workbook } from '../../../test/sheets.js';
import { demoUscc } from '../demo/index.js';
import { importEnterprise, importUnit } from '../org/index.js';

/**
 * What the web pages need beyond the first end-to-end test: the register filtered by unit
 * (with its parks), park, industry, scale and flag; the list of a year's uploads with their
 * source department, file and time (all for the operator, its own for a department).
 */
let t: TestApp;
let org: TestOrg;
let operator: Awaited<ReturnType<typeof signedIn>>;
let taxDept: Awaited<ReturnType<typeof signedIn>>;
let statsDept: Awaited<ReturnType<typeof signedIn>>;
let taxUnit: number;
let statsUnit: number;
let entC: { id: number; uscc: string };

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  const ctx = t.ctx();
  await t.deps.db.transaction().execute(async (tx) => {
    const dept = (nameZh: string) =>
      importUnit(tx, ctx, '430400', { parentId: org.root, kind: 'department', code: null, nameZh, nameEn: null });
    taxUnit = await dept('市税务局');
    statsUnit = await dept('市统计局');
    const uscc = demoUscc('430400', 'MA4P1Q2R');
    entC = { id: await importEnterprise(tx, ctx, '430400', { uscc, name: '丙企业', unitId: org.countyA }), uscc };
  });
  operator = await signedIn(t, 'city_operator');
  taxDept = await signedIn(t, 'department', { unitId: taxUnit });
  statsDept = await signedIn(t, 'department', { unitId: statsUnit });
});
afterAll(async () => {
  await t?.close();
});

async function usccOf(id: number) {
  return (await t.deps.db.selectFrom('org_enterprise').select('uscc').where('id', '=', id).executeTakeFirstOrThrow()).uscc;
}

async function upload(agent: typeof operator, data: Buffer, filename: string) {
  const { payload, headers } = multipart(filename, data);
  const started = await agent.request({ method: 'POST', url: '/api/v1/evaluation/data/imports', payload, headers });
  expect(started.statusCode, started.body).toBe(202);
  for (let i = 0; i < 600; i++) {
    const job = (await agent.get(`/api/v1/evaluation/data/imports/${started.json().id}`)).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('the evaluation register, filtered', () => {
  it('by unit (a county takes the enterprises of its parks), park, industry, scale and flag', async () => {
    const [a, b] = [await usccOf(org.entA), await usccOf(org.entB)];
    const put = await operator.request({
      method: 'PUT',
      url: '/api/v1/evaluation/register',
      payload: {
        items: [
          { uscc: a, parkId: org.parkA, industryCode: '26', scale: 'above', landOwnedMu: '40' },
          { uscc: b, industryCode: '44', scale: 'above', landOwnedMu: '120', flags: ['utility'] },
          { uscc: entC.uscc, industryCode: '26', scale: 'below', landOwnedMu: '2.5', landLeasedMu: '1' },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const names = async (query: string) =>
      (await operator.get(`/api/v1/evaluation/register?${query}`)).json().items.map((r: { name: string }) => r.name);
    expect(await names(`unitId=${org.countyA}`)).toEqual(['丙企业', '甲企业']);
    expect(await names(`unitId=${org.parkA}`)).toEqual(['甲企业']);
    expect(await names(`parkId=${org.parkA}`)).toEqual(['甲企业']);
    expect(await names('industryCode=26')).toEqual(['丙企业', '甲企业']);
    expect(await names('scale=below')).toEqual(['丙企业']);
    expect(await names('flag=utility')).toEqual(['乙企业']);
    expect(await names('scale=above&industryCode=26')).toEqual(['甲企业']);
    expect(await names('unitId=999999')).toEqual([]);
    expect((await operator.get('/api/v1/evaluation/register?scale=huge')).statusCode).toBe(400);
  });
});

describe('uploads of evaluation data', () => {
  it('list each file with its source department, uploader, time, outcome and the values still in force', async () => {
    const [a, b] = [await usccOf(org.entA), await usccOf(org.entB)];
    const tax = await upload(
      taxDept,
      await workbook(
        ['统一社会信用代码', '年度', '实缴税收（万元）'],
        [
          [a, 2024, 100],
          [b, 2024, 50],
        ],
      ),
      '税务局2024.xlsx',
    );
    expect(tax.status).toBe('succeeded');
    const bad = await upload(taxDept, await workbook(['统一社会信用代码', '年度', '实缴税收（万元）'], [[a, 2024, -1]]), '错误.xlsx');
    expect(bad.status).toBe('failed');
    const stats = await upload(
      statsDept,
      await workbook(
        ['统一社会信用代码', '年度', '工业增加值（万元）', '年平均职工人数（人）'],
        [
          [a, 2024, 300, 20],
          [entC.uscc, 2025, 80, 5],
        ],
      ),
      '统计局.xlsx',
    );
    expect(stats.status).toBe('succeeded');

    const all = (await operator.get('/api/v1/evaluation/data/imports')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((i: { filename: string }) => i.filename)).toEqual(['统计局.xlsx', '错误.xlsx', '税务局2024.xlsx']);
    expect(all.items[0]).toMatchObject({
      status: 'succeeded',
      sourceUnitId: statsUnit,
      sourceUnitName: '市统计局',
      values: 4,
      years: [2024, 2025],
      createdCount: 2,
      errorCount: 0,
    });
    expect(all.items[1]).toMatchObject({
      status: 'failed',
      sourceUnitName: '市税务局',
      values: 0,
      years: [],
      errorCount: 1,
      hasAnnotatedWorkbook: true,
    });
    expect(typeof all.items[2].importedBy).toBe('string');

    const year2025 = (await operator.get('/api/v1/evaluation/data/imports?year=2025')).json();
    expect(year2025.items.map((i: { filename: string }) => i.filename)).toEqual(['统计局.xlsx']);
    // A department follows its own uploads only.
    const own = (await taxDept.get('/api/v1/evaluation/data/imports?pageSize=1')).json();
    expect(own).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(own.items[0].filename).toBe('错误.xlsx');

    // A corrected file replaces the changed value: the first file keeps only what still counts.
    await upload(taxDept, await workbook(['统一社会信用代码', '年度', '实缴税收（万元）'], [[a, 2024, 120]]), '税务局2024更正.xlsx');
    const after = (await operator.get('/api/v1/evaluation/data/imports')).json();
    expect(after.items.find((i: { filename: string }) => i.filename === '税务局2024.xlsx').values).toBe(1);
    expect(after.items[0]).toMatchObject({ filename: '税务局2024更正.xlsx', values: 1, updatedCount: 1 });
  });

  it('are not for roles without the import permission', async () => {
    const leader = await signedIn(t, 'city_leader');
    expect((await leader.get('/api/v1/evaluation/data/imports')).statusCode).toBe(403);
  });
});
