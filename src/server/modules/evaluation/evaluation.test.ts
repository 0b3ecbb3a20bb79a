import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, seedOrg, signedIn } from '../../../test/factories.js';
import { multipart, sheetRows, workbook } from '../../../test/sheets.js';
import { demoUscc } from '../demo/index.js';
import { importEnterprise, importUnit } from '../org/index.js';

/**
 * End to end through HTTP: two departments import a year's data (xlsx and CSV), a conflict
 * is resolved, the operator runs, publishes; an enterprise reads its explanation and objects;
 * the objection is accepted, the data corrected, the year re-run and made final; the policy
 * list is exported and read back. The clock reads 2026-03-02 (Shanghai) at the start.
 */
let t: TestApp;
let org: TestOrg;
let operator: Awaited<ReturnType<typeof signedIn>>;
let taxDept: Awaited<ReturnType<typeof signedIn>>;
let statsDept: Awaited<ReturnType<typeof signedIn>>;
let enterpriseA: Awaited<ReturnType<typeof signedIn>>;
let county: Awaited<ReturnType<typeof signedIn>>;
const ent = {} as Record<'A' | 'B' | 'C' | 'D' | 'E', { id: number; uscc: string }>;
let taxUnit: number;

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  const ctx = t.ctx();
  await t.deps.db.transaction().execute(async (tx) => {
    taxUnit = await importUnit(tx, ctx, '430400', { parentId: org.root, kind: 'department', code: null, nameZh: '市税务局', nameEn: null });
    const statsUnit = await importUnit(tx, ctx, '430400', {
      parentId: org.root,
      kind: 'department',
      code: null,
      nameZh: '市统计局',
      nameEn: null,
    });
    const made = [
      ['C', 'MA4P1Q2R', org.parkA],
      ['D', 'MA4P1Q3T', org.countyB],
      ['E', 'MA4P1Q4U', org.countyB],
    ] as const;
    for (const [key, body, unitId] of made) {
      const uscc = demoUscc('430400', body);
      ent[key] = { id: await importEnterprise(tx, ctx, '430400', { uscc, name: `评价企业${key}`, unitId }), uscc };
    }
    taxDept = Object.assign({}, { unit: taxUnit }) as never;
    statsDept = Object.assign({}, { unit: statsUnit }) as never;
  });
  const usccOf = async (id: number) =>
    (await t.deps.db.selectFrom('org_enterprise').select('uscc').where('id', '=', id).executeTakeFirstOrThrow()).uscc;
  ent.A = { id: org.entA, uscc: await usccOf(org.entA) };
  ent.B = { id: org.entB, uscc: await usccOf(org.entB) };
  const statsUnit = (statsDept as unknown as { unit: number }).unit;
  operator = await signedIn(t, 'city_operator');
  taxDept = await signedIn(t, 'department', { unitId: taxUnit });
  statsDept = await signedIn(t, 'department', { unitId: statsUnit });
  enterpriseA = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
});
afterAll(async () => {
  await t?.close();
});

/** Sessions end after 12 hours: after the clock jumps days ahead, everyone signs in again. */
async function moveClock(to: string) {
  t.clock.set(to);
  operator = await signedIn(t, 'city_operator');
  taxDept = await signedIn(t, 'department', { unitId: taxUnit });
  enterpriseA = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
}

async function upload(agent: Awaited<ReturnType<typeof signedIn>>, data: Buffer, filename = 'data.xlsx') {
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

const TAX_HEADERS = ['统一社会信用代码', '企业名称', '年度', '实缴税收（万元）', '用电量（万千瓦时）'];
const STATS_HEADERS = [
  '统一社会信用代码',
  '年度',
  '工业增加值（万元）',
  '综合能耗（等价值）（吨标准煤）',
  '主要污染物排放当量（吨）',
  '年平均职工人数（人）',
  '研发经费支出（万元）',
  '主营业务收入（万元）',
];

let methodId: number;
let runId: number;

describe('evaluation end to end', () => {
  it('the operator makes a method from a preset and fills the register; bad entries are refused field by field', async () => {
    const presets = await operator.get('/api/v1/evaluation/method-presets');
    expect(presets.json().items.map((p: { key: string }) => p.key)).toEqual(['huaian', 'huangyan', 'jining']);
    const created = await operator.post('/api/v1/evaluation/methods', { name: '衡阳 2025（黄岩口径）', copyOfPreset: 'huangyan' });
    expect(created.statusCode, created.body).toBe(201);
    methodId = created.json().id;
    expect(created.json()).toMatchObject({ basedOn: 'preset:huangyan', isFrozen: false, version: 1 });

    const entry = (uscc: string, land: string) => ({ uscc, industryCode: '26', scale: 'above', landOwnedMu: land });
    const bad = await operator.request({
      method: 'PUT',
      url: '/api/v1/evaluation/register',
      payload: { items: [entry(demoUscc('430400', 'MA4XXXX1'), '10'), entry(ent.A.uscc, '-3')] },
    });
    expect(bad.statusCode).toBe(400);
    const fields = Object.fromEntries(bad.json().error.details.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(fields['items.1.landOwnedMu']).toBe('不能为负数');
    const unknown = await operator.request({
      method: 'PUT',
      url: '/api/v1/evaluation/register',
      payload: { items: [entry(demoUscc('430400', 'MA4XXXX1'), '10')] },
    });
    expect(unknown.json().error.details.fields).toEqual([{ path: 'items.0.uscc', message: '本市企业库中没有该统一社会信用代码的企业' }]);

    const put = await operator.request({
      method: 'PUT',
      url: '/api/v1/evaluation/register',
      payload: {
        items: (['A', 'B', 'C', 'D', 'E'] as const).map((k) => ({
          ...entry(ent[k].uscc, '10'),
          parkId: k === 'A' || k === 'C' ? org.parkA : null,
        })),
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ created: 5, updated: 0, unchanged: 0 });
    const again = await operator.request({
      method: 'PUT',
      url: '/api/v1/evaluation/register',
      payload: { items: [{ ...entry(ent.A.uscc, '10'), parkId: org.parkA }] },
    });
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('a department’s import is all or nothing with cell-level errors: unknown code, negative value, wrong unit, duplicate row', async () => {
    const file = await workbook(TAX_HEADERS, [
      [demoUscc('430400', 'MA4XXXX1'), '无此企业', 2025, 10, 1],
      [ent.A.uscc, null, 2025, -5, 1],
      [ent.B.uscc, null, 2025, '30 元', 1],
      [ent.C.uscc, null, 2025, 10, 1],
      [ent.C.uscc, null, 2025, 11, 1],
    ]);
    const job = await upload(taxDept, file);
    expect(job.status).toBe('failed');
    expect(job.errors.map((e: { cell: string; message: string }) => `${e.cell} ${e.message}`)).toEqual([
      'A2 本市企业库中没有该统一社会信用代码的企业',
      'D3 不能为负数',
      'D4 单位应为“万元”',
      'A6 与本文件第 5 行重复',
    ]);
    expect((await taxDept.get('/api/v1/evaluation/data?year=2025')).json().total).toBe(0);
  });

  it('two departments import the year (xlsx and CSV); every value keeps its source; a disagreement is flagged and resolved', async () => {
    const taxes = { A: 481.94, B: 250, C: 120.485, D: 24.097, E: 0 };
    const tax = await upload(
      taxDept,
      await workbook(
        TAX_HEADERS,
        (['A', 'B', 'C', 'D', 'E'] as const).map((k) => [ent[k].uscc, null, 2025, taxes[k], 500]),
      ),
      '税务局2025.xlsx',
    );
    expect(tax).toMatchObject({ status: 'succeeded', createdCount: 5 });
    // The statistics bureau sends CSV (GBK, as Excel on Chinese Windows saves it would be; UTF-8 here) and also reports A's tax, differently.
    const row = (k: 'A' | 'B' | 'C' | 'D' | 'E', va: number) => [ent[k].uscc, 2025, va, 505.42, 0.2762, 75.06, 30.2, 1000].join(',');
    const csv = [
      [...STATS_HEADERS, '实缴税收（万元）'].join(','),
      `${row('A', 1361.6)},470`,
      `${row('B', 1361.6)},`,
      `${row('C', 1361.6)},`,
      `${row('D', 400)},`,
      `${row('E', 100)},`,
    ].join('\r\n');
    const stats = await upload(statsDept, Buffer.from(`\uFEFF${csv}\r\n`, 'utf8'), '统计局2025.csv');
    expect(stats, JSON.stringify(stats.errors)).toMatchObject({ status: 'succeeded', createdCount: 5 });

    // A department sees its own values only.
    const own = (await taxDept.get('/api/v1/evaluation/data?year=2025&pageSize=200')).json();
    expect(own.total).toBe(10);
    expect(new Set(own.items.map((v: { sourceUnitId: number }) => v.sourceUnitId))).toEqual(new Set([taxUnit]));
    expect(own.items[0]).toMatchObject({ filename: '税务局2025.xlsx' });
    expect((await operator.get('/api/v1/evaluation/data?year=2025&pageSize=200')).json().total).toBe(10 + 5 * 6 + 1);

    const conflicts = (await operator.get('/api/v1/evaluation/conflicts?year=2025')).json().items;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ enterpriseId: ent.A.id, field: 'tax', chosenSourceUnitId: null });
    expect(conflicts[0].values.map((v: { value: string }) => v.value).sort()).toEqual(['470', '481.94']);

    const refused = await operator.post('/api/v1/evaluation/runs', { year: 2025, methodId });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('还有 1 项数据冲突未处理，请先处理');
    const resolved = await operator.post('/api/v1/evaluation/conflicts/resolve', {
      enterpriseId: ent.A.id,
      year: 2025,
      field: 'tax',
      sourceUnitId: taxUnit,
      reason: '以税务部门征收数据为准',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
  });

  it('runs, publishes; the enterprise sees its own explanation and objects; the city sees distributions and the policy list', async () => {
    const run = await operator.post('/api/v1/evaluation/runs', { year: 2025, methodId });
    expect(run.statusCode, run.body).toBe(201);
    runId = run.json().id;
    expect(run.json()).toMatchObject({ status: 'draft', runNo: 1, counts: { total: 5, classed: 5 } });
    // Not published yet: invisible to everyone but the operator.
    expect((await enterpriseA.get(`/api/v1/evaluation/runs/${runId}`)).statusCode).toBe(404);

    const published = await operator.post(`/api/v1/evaluation/runs/${runId}/publish`, { objectionDeadline: '2026-03-10' });
    expect(published.json()).toMatchObject({ status: 'published', objectionDeadline: '2026-03-10' });
    const frozen = await operator.request({
      method: 'PUT',
      url: `/api/v1/evaluation/methods/${methodId}`,
      payload: { version: 1, name: '改' },
    });
    expect(frozen.statusCode).toBe(422);

    const results = (await operator.get(`/api/v1/evaluation/runs/${runId}/results`)).json();
    const score = (id: number) => results.items.find((r: { enterpriseId: number }) => r.enterpriseId === id);
    // Thresholds of the preset (placeholders): ≥ 120 A, ≥ 80 B, ≥ 50 C.
    for (const r of results.items) expect(r.class).toBe(r.score >= 120 ? 'A' : r.score >= 80 ? 'B' : r.score >= 50 ? 'C' : 'D');
    expect(score(ent.A.id).class).toBe('A');
    expect(score(ent.E.id).class).toBe('D');

    const mine = (await enterpriseA.get(`/api/v1/evaluation/runs/${runId}/results`)).json();
    expect(mine.items.map((r: { enterpriseId: number }) => r.enterpriseId)).toEqual([ent.A.id]);
    expect((await enterpriseA.get(`/api/v1/evaluation/runs/${runId}/results/${ent.B.id}`)).statusCode).toBe(404);
    const explained = (await enterpriseA.get(`/api/v1/evaluation/runs/${runId}/results/${ent.A.id}`)).json();
    expect(explained.indicators.map((i: { key: string }) => i.key)).toEqual([
      'taxPerMu',
      'vaPerMu',
      'vaPerEnergy',
      'vaPerEmission',
      'labourProductivity',
      'rdIntensity',
    ]);
    expect(explained.indicators[0]).toMatchObject({ numeratorValue: 481.94, denominatorValue: 10, benchmark: 24.097, weight: 30 });
    expect(explained.indicators[0].points).toBeCloseTo(60, 6);
    expect(explained.nextClass).toBeNull(); // already A
    const d = (await operator.get(`/api/v1/evaluation/runs/${runId}/results/${ent.D.id}`)).json();
    expect(d.nextClass).toMatchObject({ code: 'C', scoreNeeded: 50 });
    // Holding the others: the tax D would need for C, at its 10 mu.
    const taxNeeded = d.whatIf.find((w: { indicator: string }) => w.indicator === 'taxPerMu');
    expect(taxNeeded.valueNeeded).toBeCloseTo(((d.indicators[0].points + d.nextClass.gap) * 24.097) / 30, 6);
    expect(taxNeeded.numeratorChange).toBeCloseTo(taxNeeded.valueNeeded * 10 - 24.097, 6);
    expect(d.policies.some((p: { kind: string }) => p.kind === 'electricity')).toBe(true);

    // The reporting unit of county A sees A and C (park A), not B, D, E.
    const countyView = (await county.get(`/api/v1/evaluation/runs/${runId}/results`)).json();
    expect(countyView.items.map((r: { enterpriseId: number }) => r.enterpriseId).sort()).toEqual([ent.A.id, ent.C.id].sort());

    const byPark = (await operator.get(`/api/v1/evaluation/runs/${runId}/distribution?by=park`)).json();
    expect(byPark.rows.find((r: { key: string }) => r.key === String(org.parkA)).total).toBe(2);

    const objection = await enterpriseA.post(`/api/v1/evaluation/runs/${runId}/objections`, {
      text: '2025 年税收少计',
      evidence: '完税证明编号 2025-001',
    });
    expect(objection.statusCode, objection.body).toBe(201);
    const objectionE = await operator.get('/api/v1/evaluation/objections');
    expect(objectionE.json().items).toHaveLength(1);
  });

  it('objection → accepted → corrected data → re-run (version 2) → published → final; the policy list exports to .xlsx', async () => {
    expect((await operator.post(`/api/v1/evaluation/runs/${runId}/finalize`)).json().error.message).toBe(
      '异议期尚未结束（截止 2026-03-10）',
    );
    await moveClock('2026-03-11T09:00:00+08:00');
    const late = await enterpriseA.post(`/api/v1/evaluation/runs/${runId}/objections`, { text: '迟到', evidence: '无' });
    expect(late.statusCode).toBe(422);
    expect((await operator.post(`/api/v1/evaluation/runs/${runId}/finalize`)).json().error.message).toBe('还有 1 项异议未处理');
    const [objection] = (await operator.get(`/api/v1/evaluation/objections?runId=${runId}`)).json().items;
    const accepted = await operator.post(`/api/v1/evaluation/objections/${objection.id}/resolve`, {
      decision: 'accept',
      reason: '核实后税收数据有误，已更正',
    });
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    expect((await operator.post(`/api/v1/evaluation/runs/${runId}/finalize`)).json().error.message).toBe(
      '已采纳异议的结果须在更正数据后重新评价（生成新版本）',
    );

    // The tax bureau corrects E's tax; the same file again changes nothing else.
    const corrected = await upload(taxDept, await workbook(TAX_HEADERS, [[ent.E.uscc, null, 2025, 100, 500]]), '税务局2025更正.xlsx');
    expect(corrected).toMatchObject({ status: 'succeeded', updatedCount: 1 });
    const rerun = await operator.post('/api/v1/evaluation/runs', { year: 2025, methodId });
    expect(rerun.json()).toMatchObject({ runNo: 2, status: 'draft' });
    expect((await operator.get(`/api/v1/evaluation/runs/${runId}`)).json().status).toBe('superseded');
    const second = rerun.json().id;
    await operator.post(`/api/v1/evaluation/runs/${second}/publish`, { objectionDeadline: '2026-03-12' });
    await moveClock('2026-03-13T09:00:00+08:00');
    const final = await operator.post(`/api/v1/evaluation/runs/${second}/finalize`);
    expect(final.json()).toMatchObject({ status: 'final' });
    expect((await operator.post('/api/v1/evaluation/runs', { year: 2025, methodId })).statusCode).toBe(422);

    const list = (await operator.get(`/api/v1/evaluation/runs/${second}/policy-list?kind=electricity`)).json();
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) expect(['C', 'D']).toContain(item.class);
    // Each enterprise's unit by id as well as by name (the UI names it in the reader's language).
    const units = new Map<number, string>(
      (await operator.get('/api/v1/org/units/tree')).json().items.map((u: { id: number; nameZh: string }) => [u.id, u.nameZh]),
    );
    for (const item of list.items) expect(units.get(item.unitId)).toBe(item.unitName);
    expect(list.items.every((item: { policyEn: unknown }) => typeof item.policyEn === 'string')).toBe(true);
    const exported = await operator.get(`/api/v1/evaluation/runs/${second}/policy-list/export?kind=electricity`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(exported.rawPayload);
    expect(rows[0]).toEqual(['统一社会信用代码', '企业名称', '所属单位', '等级', '得分', '政策', '参数']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(list.items.map((i: { uscc: string }) => i.uscc).sort());
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'evaluation.policy.export')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ kind: 'electricity', count: list.items.length });

    const moves = (await operator.get('/api/v1/evaluation/moves?year=2025')).json();
    expect(moves).toMatchObject({ runId: second, previousRunId: null });
    expect(Object.values(moves.matrix['-'] as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(5);
  });
});
