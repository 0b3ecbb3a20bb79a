import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompetitionGroup, CompetitionResults, CompetitionScheme } from '../../../contracts/index.js';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, seedOrg, signedIn } from '../../../test/factories.js';
import { multipart } from '../../../test/sheets.js';

type Agent = Awaited<ReturnType<typeof signedIn>>;
let t: TestApp;
let org: TestOrg;
let operator: Agent;
let leader: Agent;
let county: Agent;
let enterprise: Agent;

const P = '/api/v1/competition/schemes';

/** 100 points: an entered rating (40), the problems closed (30, nobody has problems: full), commitments (30, no letters: nothing). */
const groups: CompetitionGroup[] = [
  {
    key: 'service',
    nameZh: '服务保障',
    nameEn: 'Service',
    indicators: [
      {
        key: 'rating',
        nameZh: '营商环境评价',
        nameEn: 'Rating',
        points: 40,
        source: { kind: 'entered' },
        rule: { kind: 'ratio', target: 100, cap: 1 },
      },
      {
        key: 'closure',
        nameZh: '问题办结率',
        nameEn: 'Problems closed',
        points: 30,
        source: { kind: 'problemClosure' },
        rule: {
          kind: 'thresholds',
          steps: [
            { min: 0.9, share: 1 },
            { min: 0, share: 0.5 },
          ],
        },
      },
    ],
  },
  {
    key: 'letters',
    nameZh: '承诺兑现',
    nameEn: 'Commitments',
    indicators: [
      {
        key: 'fulfilment',
        nameZh: '承诺兑现率',
        nameEn: 'Fulfilment',
        points: 30,
        source: { kind: 'fulfilment', letterKind: 'investment' },
        rule: { kind: 'ratio', target: 1, cap: 1 },
      },
    ],
  },
];

const draft = (overrides: Record<string, unknown> = {}) => ({
  year: 2026,
  title: '2026年度争先创优考评方案',
  groups,
  rewardCount: 1,
  warningCount: 1,
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  operator = await signedIn(t, 'city_operator');
  leader = await signedIn(t, 'city_leader');
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  enterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
});
afterAll(async () => {
  await t?.close();
});

/** The text of a .docx, paragraphs and cells run together. */
async function docxText(data: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(data)).file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

async function auditActions(targetId: number): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_type', '=', 'competition_scheme')
    .where('target_id', '=', String(targetId))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('competition for excellence (争先创优)', () => {
  let scheme: CompetitionScheme;

  it('refuses a bad indicator system field by field and writes nothing', async () => {
    const twice = structuredClone(groups);
    twice[1]!.indicators[0]!.key = 'rating';
    const dup = await operator.post(P, draft({ groups: twice }));
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details.fields[0]).toMatchObject({ path: 'groups', message: '指标和类别的代码不能重复' });
    const steps = structuredClone(groups);
    steps[0]!.indicators[1]!.rule = {
      kind: 'thresholds',
      steps: [
        { min: 0, share: 0.5 },
        { min: 0.9, share: 1 },
      ],
    };
    const unordered = await operator.post(P, draft({ groups: steps }));
    expect(unordered.statusCode).toBe(400);
    expect(unordered.json().error.details.fields[0].message).toBe('分档须按下限从高到低排列，且下限不能重复');
    const noPoints = structuredClone(groups);
    noPoints[0]!.indicators[0]!.points = 0;
    expect((await operator.post(P, draft({ groups: noPoints }))).statusCode).toBe(400);
    expect((await operator.get(P)).json().items).toEqual([]);
  });

  it('drafts a scheme that only the operator sees and edits it with the version', async () => {
    expect((await county.post(P, draft())).statusCode).toBe(403);
    const created = await operator.post(P, draft({ title: '草稿' }));
    expect(created.statusCode, created.body).toBe(201);
    scheme = created.json();
    expect(scheme).toMatchObject({ status: 'draft', fullPoints: 100, rewardCount: 1, warningCount: 1, periodsToPublish: [] });
    expect((await leader.get(`${P}/${scheme.id}`)).statusCode).toBe(404);
    expect((await county.get(P)).json().items).toEqual([]);
    expect((await operator.post(P, draft())).json().error.details.fields[0]).toMatchObject({
      path: 'year',
      message: '该年度已有考评方案',
    });

    const { year: _y, ...body } = draft();
    const edited = await operator.patch(`${P}/${scheme.id}`, { ...body, version: scheme.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await operator.patch(`${P}/${scheme.id}`, { ...body, title: '旧版本', version: scheme.version })).statusCode).toBe(409);
    scheme = edited.json();
    expect(scheme.title).toBe('2026年度争先创优考评方案');
  });

  it('takes values and adjustments only once active, and then freezes the indicator system', async () => {
    const early = await operator.post(`${P}/${scheme.id}/adjustments`, {
      period: 'Q1',
      unitId: org.countyB,
      points: 5,
      reason: '省级表彰',
      evidence: '湘政办发〔2026〕3号',
    });
    expect(early.json().error.message).toBe('方案启用后才能录入指标值和加减分');
    expect((await operator.post(`${P}/${scheme.id}/activate`, { version: scheme.version - 1 })).statusCode).toBe(409);
    const active = await operator.post(`${P}/${scheme.id}/activate`, { version: scheme.version });
    expect(active.statusCode, active.body).toBe(200);
    scheme = active.json();
    expect(scheme.status).toBe('active');
    const { year: _y, ...body } = draft();
    expect((await operator.patch(`${P}/${scheme.id}`, { ...body, version: scheme.version })).json().error.message).toBe(
      '方案已启用，指标体系不能再修改或删除',
    );
    expect((await operator.request({ method: 'DELETE', url: `${P}/${scheme.id}` })).statusCode).toBe(422);
    expect((await leader.get(P)).json().items.map((s: CompetitionScheme) => s.id)).toEqual([scheme.id]);
  });

  it('enters values with evidence, only for entered indicators and competing units', async () => {
    const put = (body: Record<string, unknown>) =>
      operator.put(`${P}/${scheme.id}/entries`, {
        period: 'Q1',
        indicatorKey: 'rating',
        unitId: org.countyA,
        value: 90,
        evidence: '第三方测评报告',
        ...body,
      });
    expect((await put({ evidence: '' })).json().error.details.fields[0]).toMatchObject({
      path: 'evidence',
      message: '请填写数据来源或佐证材料',
    });
    expect((await put({ indicatorKey: 'closure' })).json().error.details.fields[0].message).toBe('该指标由平台数据计算，不能手工录入');
    expect((await put({ unitId: org.dept })).json().error.details.fields[0].message).toBe('该单位不参加争先创优考评');
    expect(
      (
        await county.put(`${P}/${scheme.id}/entries`, {
          period: 'Q1',
          indicatorKey: 'rating',
          unitId: org.countyA,
          value: 100,
          evidence: '自评',
        })
      ).statusCode,
    ).toBe(403);
    expect((await put({})).statusCode).toBe(200);
    expect((await put({ value: 85 })).statusCode).toBe(200);
    const listed = await put({ unitId: org.countyB, value: 80 });
    expect(listed.json().items.map((e: { unitId: number; value: number }) => [e.unitId, e.value])).toEqual([
      [org.countyA, 85],
      [org.countyB, 80],
    ]);
    // Removing needs no evidence; removing what is not there changes nothing.
    expect((await put({ unitId: org.platform, value: 70 })).statusCode).toBe(200);
    expect((await put({ unitId: org.platform, value: null, evidence: '' })).json().items).toHaveLength(2);
  });

  it('adds and removes bonus and penalty items with reason and evidence', async () => {
    const add = (body: Record<string, unknown>) =>
      operator.post(`${P}/${scheme.id}/adjustments`, {
        period: 'Q1',
        unitId: org.countyB,
        points: 5,
        reason: '获省级表彰',
        evidence: '湘政办发〔2026〕3号',
        ...body,
      });
    expect((await add({ points: 0 })).statusCode).toBe(400);
    expect((await add({ points: 20.5 })).statusCode).toBe(400);
    expect((await add({ points: 1.234 })).json().error.details.fields[0].message).toBe('加减分须为非零数值，最多两位小数');
    expect((await add({ evidence: '' })).statusCode).toBe(400);
    const bonus = await add({});
    expect(bonus.statusCode, bonus.body).toBe(201);
    const wrong = (await add({ unitId: org.countyA, points: -3, reason: '误录' })).json();
    const penalty = await add({ unitId: org.platform, points: -2.5, reason: '安全生产事故', evidence: '市安委办通报' });
    expect(penalty.statusCode).toBe(201);
    expect((await operator.request({ method: 'DELETE', url: `${P}/${scheme.id}/adjustments/${wrong.id}` })).statusCode).toBe(200);
    expect((await operator.request({ method: 'DELETE', url: `${P}/${scheme.id}/adjustments/${wrong.id}` })).statusCode).toBe(404);
    const list = (await leader.get(`${P}/${scheme.id}/adjustments?period=Q1`)).json().items;
    expect(list.map((a: { unitId: number; points: number }) => [a.unitId, a.points])).toEqual([
      [org.countyB, 5],
      [org.platform, -2.5],
    ]);
  });

  it('scores and ranks the units from the platform data, the entries and the adjustments', async () => {
    const response = await county.get(`${P}/${scheme.id}/results?period=Q1`);
    expect(response.statusCode, response.body).toBe(200);
    const results: CompetitionResults = response.json();
    // Test clock 2026-03-02: Q1 runs, read as of today; the leaderboard month is February.
    expect(results).toMatchObject({ year: 2026, period: 'Q1', asOf: '2026-03-02', boardMonth: '2026-02' });
    // countyA 40×0.85 + 30 (no problem raised) + 0 (no letter) = 64; countyB 32 + 30 + 5 = 67; platform 0 + 30 − 2.5 = 27.5.
    expect(results.units.map((u) => [u.unitId, u.base, u.adjustment, u.total, u.rank, u.band])).toEqual([
      [org.countyB, 62, 5, 67, 1, 'reward'],
      [org.countyA, 64, 0, 64, 2, null],
      [org.platform, 30, -2.5, 27.5, 3, 'warning'],
    ]);
    const a = results.units.find((u) => u.unitId === org.countyA)!;
    expect(a.indicators).toEqual([
      { key: 'rating', value: 85, rank: null, share: 0.85, points: 34 },
      { key: 'closure', value: 1, rank: null, share: 1, points: 30 },
      { key: 'fulfilment', value: null, rank: null, share: 0, points: 0 },
    ]);
    expect(a.groups).toEqual([
      { key: 'service', points: 64 },
      { key: 'letters', points: 0 },
    ]);
    // The second quarter has not started on the test clock.
    expect((await county.get(`${P}/${scheme.id}/results?period=Q2`)).json().error.message).toBe('该考评期尚未开始');
    expect((await county.get(`${P}/${scheme.id}/results?period=Q5`)).statusCode).toBe(400);
    expect((await enterprise.get(`${P}/${scheme.id}/results?period=Q1`)).statusCode).toBe(403);
  });

  it('puts the unit’s standing into its quarterly review pack (季讲评材料)', async () => {
    const doc = await county.get(`/api/v1/monitoring/pack.docx?unitId=${org.countyA}&year=2026&quarter=1`);
    expect(doc.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain(
      '七、争先创优考评《2026年度争先创优考评方案》本期考评（数据截至2026-03-02）：得分64.00分（指标满分100分），在3个单位中排第2名。',
    );
    const year = await leader.get(`/api/v1/monitoring/pack.docx?unitId=${org.countyB}&year=2026`, { 'accept-language': 'en-US' });
    const text = (await (await JSZip.loadAsync(year.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    // The year has its own values and items (none here): the three units tie on the problems closed and share the first place.
    expect(text.replaceAll('&quot;', '"')).toContain(
      '"2026年度争先创优考评方案", as of 2026-03-02: 30.00 points (indicators out of 100), ranked 1 of 3 units, commended.',
    );
  });

  it('exports the results as .xlsx in rank order and audits every write', async () => {
    const response = await leader.get(`${P}/${scheme.id}/results/export?period=Q1`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '排名',
      '单位',
      '营商环境评价（40分）',
      '问题办结率（30分）',
      '承诺兑现率（30分）',
      '小计：服务保障',
      '小计：承诺兑现',
      '指标得分',
      '加减分',
      '总分',
      '结果',
      '数据截至',
    ]);
    expect(sheet.getRow(2).values).toEqual([undefined, 1, '耒阳市', 32, 30, 0, 62, 0, 62, 5, 67, '表扬', '2026-03-02']);
    expect(sheet.getRow(4).getCell(11).value).toBe('警示');
    expect(await auditActions(scheme.id)).toEqual([
      'competition.scheme.create',
      'competition.scheme.update',
      'competition.scheme.activate',
      'competition.entry.put',
      'competition.entry.put',
      'competition.entry.put',
      'competition.entry.put',
      'competition.entry.delete',
      'competition.adjustment.add',
      'competition.adjustment.add',
      'competition.adjustment.add',
      'competition.adjustment.delete',
      'competition.export',
    ]);
  });

  it('deletes a draft, with its audit record', async () => {
    const other = (await operator.post(P, draft({ year: 2027, title: '2027年度方案' }))).json() as CompetitionScheme;
    expect((await operator.request({ method: 'DELETE', url: `${P}/${other.id}` })).statusCode).toBe(200);
    expect((await operator.get(`${P}/${other.id}`)).statusCode).toBe(404);
    expect(await auditActions(other.id)).toEqual(['competition.scheme.create', 'competition.scheme.delete']);
  });

  it('keeps an evidence document with a bonus or penalty item: checked by content and size, replaced, gone with the item', async () => {
    const [bonus] = (await operator.get(`${P}/${scheme.id}/adjustments?period=Q1`)).json().items as { id: number; file: unknown }[];
    expect(bonus!.file).toBeNull();
    const url = `${P}/${scheme.id}/adjustments/${bonus!.id}/file`;
    const attach = (agent: Agent, name: string, data: Buffer, at = url) =>
      agent.request({ method: 'POST', url: at, ...multipart(name, data) });
    const pdf = Buffer.from('%PDF-1.7\n%表彰决定\n%%EOF\n');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

    expect((await operator.get(url)).statusCode).toBe(404);
    const text = await attach(operator, '表彰决定.pdf', Buffer.from('不是PDF'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.details.fields[0]).toMatchObject({ path: 'file', message: '只接受 PDF、JPG 或 PNG 文件' });
    const big = await attach(operator, '表彰决定.pdf', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toBe('佐证文件不能超过 10 MB');
    expect((await attach(county, '表彰决定.pdf', pdf)).statusCode).toBe(403);
    expect((await attach(operator, '表彰决定.pdf', pdf, `${P}/${scheme.id}/adjustments/999999/file`)).statusCode).toBe(404);

    const attached = await attach(operator, '表彰决定.pdf', pdf);
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().file).toEqual({ name: '表彰决定.pdf', sizeBytes: pdf.length });
    const listed = (await county.get(`${P}/${scheme.id}/adjustments?period=Q1`)).json().items;
    expect(listed[0].file).toEqual({ name: '表彰决定.pdf', sizeBytes: pdf.length });
    const download = await county.get(url);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await enterprise.get(url)).statusCode).toBe(403);

    const replaced = await attach(operator, '表彰决定（扫描）.png', png);
    expect(replaced.json().file).toEqual({ name: '表彰决定（扫描）.png', sizeBytes: png.length });
    expect((await county.get(url)).rawPayload.equals(png)).toBe(true);
    const evidenceFiles = async () =>
      (await t.deps.db.selectFrom('file_blob').select('id').where('purpose', '=', 'competition.evidence').execute()).length;
    expect(await evidenceFiles()).toBe(1);

    // An item removed takes its document with it.
    const other = (
      await operator.post(`${P}/${scheme.id}/adjustments`, {
        period: 'Q2',
        unitId: org.countyA,
        points: -1,
        reason: '通报',
        evidence: '文件',
      })
    ).json();
    await attach(operator, '通报.pdf', pdf, `${P}/${scheme.id}/adjustments/${other.id}/file`);
    expect(await evidenceFiles()).toBe(2);
    expect((await operator.request({ method: 'DELETE', url: `${P}/${scheme.id}/adjustments/${other.id}` })).statusCode).toBe(200);
    expect(await evidenceFiles()).toBe(1);
    expect((await auditActions(scheme.id)).filter((a) => a === 'competition.adjustment.file')).toHaveLength(3);
  });

  it('keeps the document behind an entered indicator’s values for a period, one per indicator, replaced', async () => {
    const at = (indicatorKey: string, period = 'Q2') => `${P}/${scheme.id}/entries/document?period=${period}&indicatorKey=${indicatorKey}`;
    const attach = (agent: Agent, url: string, name: string, data: Buffer) =>
      agent.request({ method: 'POST', url, ...multipart(name, data) });
    const report = Buffer.from('%PDF-1.7\n%营商环境测评报告\n%%EOF\n');

    expect((await county.get(at('rating'))).statusCode).toBe(404);
    const computed = await attach(operator, at('closure'), '报告.pdf', report);
    expect(computed.statusCode).toBe(400);
    expect(computed.json().error.details.fields[0]).toMatchObject({ path: 'indicatorKey', message: '该指标由平台数据计算，不能手工录入' });
    expect((await attach(operator, at('rating'), '报告.pdf', Buffer.from('文本'))).json().error.details.fields[0].path).toBe('file');
    expect((await attach(county, at('rating'), '报告.pdf', report)).statusCode).toBe(403);
    expect(
      (await operator.request({ method: 'POST', url: `${P}/${scheme.id}/entries/document?period=Q9&indicatorKey=rating` })).statusCode,
    ).toBe(400);

    const attached = await attach(operator, at('rating'), '2026年一季度营商环境测评报告.pdf', report);
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().documents).toEqual([
      expect.objectContaining({
        indicatorKey: 'rating',
        name: '2026年一季度营商环境测评报告.pdf',
        sizeBytes: report.length,
        uploadedBy: operator.username,
      }),
    ]);
    expect((await county.get(`${P}/${scheme.id}/entries?period=Q2`)).json().documents).toHaveLength(1);
    expect((await county.get(`${P}/${scheme.id}/entries?period=Q3`)).json().documents).toEqual([]);
    expect((await county.get(at('rating'))).rawPayload.equals(report)).toBe(true);

    const again = Buffer.from('%PDF-1.7\n%更正版\n%%EOF\n');
    const replaced = await attach(operator, at('rating'), '测评报告（更正）.pdf', again);
    expect(replaced.json().documents.map((d: { name: string }) => d.name)).toEqual(['测评报告（更正）.pdf']);
    expect((await county.get(at('rating'))).rawPayload.equals(again)).toBe(true);
    const files = await t.deps.db.selectFrom('file_blob').select('id').where('purpose', '=', 'competition.evidence').execute();
    expect(files).toHaveLength(2); // the item's document of the test before, and this one: the replaced file went.
    expect((await auditActions(scheme.id)).filter((a) => a === 'competition.entry.document')).toHaveLength(2);

    // Attached in error: removed (the file with it), once; the county may not.
    const remove = (agent: Agent, url: string) => agent.request({ method: 'DELETE', url });
    expect((await remove(county, at('rating'))).statusCode).toBe(403);
    expect((await remove(operator, at('closure'))).statusCode).toBe(400);
    const removed = await remove(operator, at('rating'));
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().documents).toEqual([]);
    expect((await county.get(at('rating'))).statusCode).toBe(404);
    expect(await t.deps.db.selectFrom('file_blob').select('id').where('purpose', '=', 'competition.evidence').execute()).toHaveLength(1);
    expect((await remove(operator, at('rating'))).statusCode).toBe(404);
    expect((await auditActions(scheme.id)).filter((a) => a === 'competition.entry.document.remove')).toHaveLength(1);
    // Attached again for the periods that follow.
    expect((await attach(operator, at('rating'), '测评报告（更正）.pdf', again)).statusCode).toBe(200);
  });

  it('publishes a period once it is over: frozen results, each unit told, the period closed to changes', async () => {
    expect((await operator.post(`${P}/${scheme.id}/publish`, { period: 'Q1' })).json().error.message).toBe('考评期结束后才能发布结果');
    // After the quarter (sessions do not outlive a month of idling: new sign-ins).
    t.clock.set('2026-04-03T09:00:00+08:00');
    const city = await signedIn(t, 'city_operator');
    const zhuhui = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
    expect((await zhuhui.post(`${P}/${scheme.id}/publish`, { period: 'Q1' })).statusCode).toBe(403);
    expect((await city.get(`${P}/${scheme.id}`)).json()).toMatchObject({ publishedPeriods: [], periodsToPublish: ['Q1'] });
    const before = (await city.get(`${P}/${scheme.id}/results?period=Q1`)).json() as CompetitionResults;
    expect(before.published).toBeNull();
    const published = await city.post(`${P}/${scheme.id}/publish`, { period: 'Q1' });
    expect(published.statusCode, published.body).toBe(200);
    const results = published.json() as CompetitionResults;
    expect(results.published).toEqual({ at: '2026-04-03T01:00:00.000Z', by: city.username });
    // Read as of the quarter's last day now that it is over; the units as ranked before.
    expect(results.asOf).toBe('2026-03-31');
    expect(results.units.map((u) => [u.unitId, u.total, u.rank, u.band])).toEqual(
      before.units.map((u) => [u.unitId, u.total, u.rank, u.band]),
    );
    expect((await city.post(`${P}/${scheme.id}/publish`, { period: 'Q1' })).json().error.message).toBe('本期考评结果已经发布');
    expect((await zhuhui.get(P)).json().items[0]).toMatchObject({ publishedPeriods: ['Q1'], periodsToPublish: [] });

    const inbox = (await zhuhui.get('/api/v1/notifications')).json().items as { kind: string; text: string; link: string }[];
    expect(inbox.filter((n) => n.kind === 'competition.published')).toEqual([
      expect.objectContaining({
        text: '《2026年度争先创优考评方案》2026年第1季度考评结果已发布：你单位得分 64.00 分，在 3 个单位中排第 2 名',
        link: `/competition/${scheme.id}?tab=results&period=Q1`,
      }),
    ]);

    // The period is closed: no value, no item, no removal; the published record does not move.
    const closed = '本期考评结果已发布，不能再修改指标值和加减分';
    const entry = { period: 'Q1', indicatorKey: 'rating', unitId: org.countyA, value: 100, evidence: '复核' };
    expect((await city.put(`${P}/${scheme.id}/entries`, entry)).json().error.message).toBe(closed);
    const item = { period: 'Q1', unitId: org.countyA, points: 2, reason: '复核加分', evidence: '文件' };
    expect((await city.post(`${P}/${scheme.id}/adjustments`, item)).json().error.message).toBe(closed);
    const [kept] = (await city.get(`${P}/${scheme.id}/adjustments?period=Q1`)).json().items as { id: number }[];
    expect((await city.request({ method: 'DELETE', url: `${P}/${scheme.id}/adjustments/${kept!.id}` })).json().error.message).toBe(closed);
    const file = {
      method: 'POST' as const,
      url: `${P}/${scheme.id}/adjustments/${kept!.id}/file`,
      ...multipart('补充.pdf', Buffer.from('%PDF-1.7\n')),
    };
    expect((await city.request(file)).json().error.message).toBe(closed);
    const document = {
      method: 'POST' as const,
      url: `${P}/${scheme.id}/entries/document?period=Q1&indicatorKey=rating`,
      ...multipart('报告.pdf', Buffer.from('%PDF-1.7\n')),
    };
    expect((await city.request(document)).json().error.message).toBe(closed);
    expect((await city.request({ method: 'DELETE', url: document.url })).json().error.message).toBe(closed);
    // The second quarter is still open.
    expect((await city.put(`${P}/${scheme.id}/entries`, { ...entry, period: 'Q2' })).statusCode).toBe(200);
    const again = (await zhuhui.get(`${P}/${scheme.id}/results?period=Q1`)).json() as CompetitionResults;
    expect(again).toEqual(results);
    expect((await auditActions(scheme.id)).filter((a) => a === 'competition.publish')).toHaveLength(1);
  });

  it('writes the notice (通报) of a published period as Word, for every reader of the city, and refuses it before publication', async () => {
    const zhuhui = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
    const open = await zhuhui.get(`${P}/${scheme.id}/results/notice?period=Q2`);
    expect(open.statusCode).toBe(422);
    expect(open.json().error.message).toBe('本期考评结果发布后才能下载通报');
    const firm = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
    expect((await firm.get(`${P}/${scheme.id}/results/notice?period=Q1`)).statusCode).toBe(403);

    const results = (await zhuhui.get(`${P}/${scheme.id}/results?period=Q1`)).json() as CompetitionResults;
    const [item] = (await zhuhui.get(`${P}/${scheme.id}/adjustments?period=Q1`)).json().items as { reason: string; evidence: string }[];
    const doc = await zhuhui.get(`${P}/${scheme.id}/results/notice?period=Q1`);
    expect(doc.statusCode, doc.body).toBe(200);
    expect(doc.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(String(doc.headers['content-disposition']))).toContain('关于2026年第一季度争先创优考评结果的通报.docx');
    const text = await docxText(doc.rawPayload);
    expect(text).toContain('关于2026年第一季度争先创优考评结果的通报');
    expect(text).toContain(
      '根据《2026年度争先创优考评方案》，以平台截至2026年3月31日的数据为准，对3个参评单位2026年第一季度的争先创优情况进行了考评',
    );
    const [first, , last] = results.units;
    expect(text).toContain(
      `${first!.unitName}以${first!.total.toFixed(2)}分位列第一，${last!.unitName}以${last!.total.toFixed(2)}分位列末位`,
    );
    const named = (band: string) => results.units.filter((u) => u.band === band).map((u) => u.unitName);
    expect(named('reward')).toHaveLength(1);
    expect(text).toContain(`对排名靠前的${named('reward').join('、')}予以通报表扬`);
    expect(text).toContain(`对排名靠后的${named('warning').join('、')}予以警示`);
    // The table: a row per unit in rank order with the groups, the indicators, the items and the total.
    for (const u of results.units) {
      const groupCells = u.groups.map((g) => g.points.toFixed(2)).join('');
      expect(text).toContain(`${u.rank}${u.unitName}${groupCells}${u.base.toFixed(2)}`);
    }
    expect(text).toContain('服务保障（70分）');
    expect(text).toContain(`${item!.reason}${item!.evidence}`);
    expect(text.endsWith('2026年4月3日')).toBe(true);

    const english = await docxText(
      (await zhuhui.get(`${P}/${scheme.id}/results/notice?period=Q1`, { 'accept-language': 'en-US' })).rawPayload,
    );
    expect(english).toContain('Notice on the competition for excellence results of Q1 2026');
    expect(english).toContain('Service (70)');
    expect(english).toContain(`Commended: ${named('reward').join(', ')}.`);
    expect((await auditActions(scheme.id)).filter((a) => a === 'competition.notice')).toHaveLength(2);
  });
});
