import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { sheetRows } from '../../../test/sheets.js';
import { type TestOrg, makeDeal, makeProject, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';

let t: TestApp;
let org: TestOrg;
let operator: Awaited<ReturnType<typeof signedIn>>;
let countyA: Awaited<ReturnType<typeof signedIn>>;
const p = {} as { a: number; b: number; c: number };

const started = { milestones: [{ kind: 'start' as const, plannedOn: '2025-06-01', actualOn: '2025-06-10' }] };
const plan = { annualPlans: [{ year: 2026, plannedInvestment: '12000', monthly: Array(12).fill('1000') }] };

async function submit(
  agent: Awaited<ReturnType<typeof signedIn>>,
  month: string,
  projectId: number,
  investment: string,
  extra: Record<string, unknown> = {},
) {
  const version =
    (await agent.get(`/api/v1/reports/grid?month=${month}`)).json().rows.find((r: { projectId: number }) => r.projectId === projectId)
      ?.version ?? 0;
  const response = await agent.request({
    method: 'PUT',
    url: '/api/v1/reports/grid',
    payload: { month, rows: [{ projectId, investment, baseVersion: version, explanation: '按实际' }], ...extra },
  });
  expect(response.statusCode, response.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  operator = await signedIn(t, 'city_operator');
  countyA = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  const ops = await operatorContext(t);
  // countyA: a major industrial project and a smaller one; countyB: one project.
  p.a = await makeProject(t, ops, org.parkA, {
    name: '甲重大工业项目',
    totalInvestment: '200000',
    category: 'industrial',
    ...started,
    ...plan,
  });
  p.b = await makeProject(t, ops, org.countyA, {
    name: '乙基础设施项目',
    totalInvestment: '30000',
    category: 'infrastructure',
    ...started,
    ...plan,
  });
  p.c = await makeProject(t, ops, org.countyB, {
    name: '丙重大工业项目',
    totalInvestment: '80000',
    category: 'industrial',
    ...started,
    ...plan,
  });
  await makeDeal(t, ops, org.countyA, { contractedAmount: '50000', signedOn: '2026-01-20' });
  await makeDeal(t, ops, org.countyB, { contractedAmount: '90000', signedOn: '2026-01-25' });
  const countyB = await signedIn(t, 'reporting_unit', { unitId: org.countyB });
  await submit(countyA, '2026-01', p.a, '1500');
  await submit(countyA, '2026-01', p.b, '600');
  await submit(countyB, '2026-01', p.c, '2000');
  expect((await countyB.post('/api/v1/funds', { source: 'central_budget', amount: '3000', wonOn: '2026-01-18' })).statusCode).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

type Entry = { unitId: number; value: string; rank: number };
const board = (boards: { boards: { metric: string; total: string; entries: Entry[] }[] }, metric: string) =>
  boards.boards.find((b) => b.metric === metric)!;

describe('leaderboards', () => {
  it('ranks units year to date on four boards, ties sharing a rank', async () => {
    const preview = (await countyA.get('/api/v1/boards?month=2026-01')).json();
    expect(preview).toMatchObject({ month: '2026-01', isPublished: false, annualTask: '36000', honours: null, latestPublished: null });
    const completed = board(preview, 'completed');
    expect(completed).toMatchObject({ total: '4100' });
    expect(completed.entries.slice(0, 2)).toEqual([
      expect.objectContaining({ unitId: org.countyA, value: '2100', rank: 1 }),
      expect.objectContaining({ unitId: org.countyB, value: '2000', rank: 2 }),
    ]);
    // The platform company has nothing: it ranks last with 0, sharing nothing.
    expect(completed.entries.find((e) => e.unitId === org.platform)).toMatchObject({ value: '0', rank: 3 });
    expect(board(preview, 'attracted').entries[0]).toMatchObject({ unitId: org.countyB, value: '90000', rank: 1 });
    expect(board(preview, 'fundsWon').entries[0]).toMatchObject({ unitId: org.countyB, value: '3000' });
    // Both major industrial projects: 200000 in countyA's park, 80000 in countyB.
    expect(board(preview, 'majorProjects').entries.slice(0, 2)).toEqual([
      expect.objectContaining({ unitId: org.countyA, value: '200000', count: 1, rank: 1 }),
      expect.objectContaining({ unitId: org.countyB, value: '80000', count: 1, rank: 2 }),
    ]);
    // Units with nothing tie at 0.
    const zero = board(preview, 'fundsWon').entries.filter((e) => e.value === '0');
    expect(new Set(zero.map((e) => e.rank)).size).toBe(1);
  });

  it('publishes a frozen snapshot with a Word briefing and the boards as Excel; only once, only a finished month', async () => {
    expect((await countyA.post('/api/v1/boards/publications', { month: '2026-01' })).statusCode).toBe(403);
    expect((await operator.post('/api/v1/boards/publications', { month: '2026-03' })).statusCode).toBe(400);
    const published = await operator.post('/api/v1/boards/publications', { month: '2026-01' });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ isPublished: true, publishedBy: operator.username, hasBriefing: true, corrections: [] });
    // Any month's boards, published or not, name the latest publication (the page links to it).
    expect((await countyA.get('/api/v1/boards?month=2026-02')).json()).toMatchObject({ isPublished: false, latestPublished: '2026-01' });
    expect((await operator.post('/api/v1/boards/publications', { month: '2026-01' })).statusCode).toBe(422);
    // The 红黄榜 frozen with it: 1000 due by January's end; 丙 (2000) and 甲 (1500) ahead, 乙 (600) red.
    expect(published.json().honours).toEqual({ red: 2, yellow: 1 });
    const red = (await countyA.get('/api/v1/boards/honours?month=2026-01&list=red')).json();
    expect(red).toMatchObject({ total: 2, page: 1 });
    expect(red.items).toEqual([
      expect.objectContaining({ list: 'red', projectId: p.c, unitId: org.countyB, dueByNow: '1000', ytd: '2000', ratio: 2 }),
      expect.objectContaining({ list: 'red', projectId: p.a, projectName: '甲重大工业项目', ytd: '1500', ratio: 1.5 }),
    ]);
    expect((await countyA.get('/api/v1/boards/honours?month=2026-01&list=red&pageSize=1&page=2')).json().items).toEqual([
      expect.objectContaining({ projectId: p.a }),
    ]);
    expect((await countyA.get('/api/v1/boards/honours?month=2026-01&list=yellow')).json().items).toEqual([
      expect.objectContaining({ list: 'yellow', projectId: p.b, ytd: '600', ratio: 0.6, reasons: ['年度投资完成计划进度的 60%'] }),
    ]);
    // An unpublished month has no frozen lists; a list name is checked.
    expect((await countyA.get('/api/v1/boards/honours?month=2026-02&list=red')).statusCode).toBe(404);
    expect((await countyA.get('/api/v1/boards/honours?month=2026-01&list=green')).statusCode).toBe(400);

    const docx = await countyA.get('/api/v1/boards/publications/2026-01/briefing');
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('衡阳市重大项目建设情况通报（2026年1月）');
    expect(xml).toContain('全市累计完成投资0.41亿元，占年度计划任务3.6亿元的11.4%');
    expect(xml).toContain('完成投资排名前列的是珠晖区、耒阳市');
    expect(xml).toContain('本期无更正');
    expect(xml).toContain('三、红黄榜');
    expect(xml).toContain('截至1月底，2个项目年度累计完成投资达到或超过序时进度，列入红榜；1个项目亮红灯，列入黄榜');
    expect(xml).toContain('乙基础设施项目');
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true);
    const workbook = await countyA.get('/api/v1/boards/publications/2026-01/workbook');
    const rows = await sheetRows(workbook.rawPayload, 2);
    expect(rows[0]).toEqual(['排名', '单位', '金额（万元）', '较上月']);
    expect(rows[1]?.slice(0, 3)).toEqual([1, '珠晖区', 2100]);
    const honours = await sheetRows(workbook.rawPayload, 4);
    expect(honours[0]).toEqual(['榜单', '序号', '项目', '单位', '序时计划（万元）', '累计完成（万元）', '完成率', '原因']);
    expect(honours.slice(1).map((r) => [r[0], r[1], r[2], r[5], r[6]])).toEqual([
      ['红榜（进度领先）', 1, '丙重大工业项目', 2000, '200.0%'],
      ['红榜（进度领先）', 2, '甲重大工业项目', 1500, '150.0%'],
      ['黄榜（进度滞后）', 1, '乙基础设施项目', 600, '60.0%'],
    ]);
  });

  it('a correction after publishing changes nothing published; the next publication notes it; figures open to their versions', async () => {
    t.clock.advanceMinutes(5);
    await operator.post('/api/v1/reports/months/2026-01/lock');
    await submit(countyA, '2026-01', p.b, '800', { correctionReason: '补录' });
    const january = (await countyA.get('/api/v1/boards?month=2026-01')).json();
    expect(board(january, 'completed').entries[0]).toMatchObject({ unitId: org.countyA, value: '2100' });
    // The frozen yellow list keeps 乙 at 600; today's lights for the same day see 800 (yellow light, on neither list).
    expect(january.honours).toEqual({ red: 2, yellow: 1 });
    expect((await countyA.get('/api/v1/boards/honours?month=2026-01&list=yellow')).json().items[0]).toMatchObject({
      projectId: p.b,
      ytd: '600',
    });
    const live = (await operator.get('/api/v1/monitoring/projects?year=2026&asOf=2026-01-31&honour=yellow')).json();
    expect(live.items.map((i: { projectId: number }) => i.projectId)).not.toContain(p.b);
    const sources = (await countyA.get(`/api/v1/boards/sources?month=2026-01&unitId=${org.countyA}&metric=completed`)).json();
    expect(sources).toMatchObject({ value: '2100' });
    expect(sources.rows.map((r: { label: string; amount: string; version: number }) => [r.label, r.amount, r.version]).sort()).toEqual([
      ['乙基础设施项目', '600', 1],
      ['甲重大工业项目', '1500', 1],
    ]);
    expect(sources.rows[0].enteredBy).toBe(countyA.username);
    expect((await countyA.get(`/api/v1/boards/sources?month=2026-01&unitId=${org.countyB}&metric=completed`)).statusCode).toBe(404);

    await submit(countyA, '2026-02', p.a, '1000');
    // The preview reads the year in two halves (January; February) and sums them.
    const preview = (await operator.get('/api/v1/boards?month=2026-02')).json();
    expect(board(preview, 'completed').entries.slice(0, 2)).toEqual([
      expect.objectContaining({ unitId: org.countyA, value: '3300' }),
      expect.objectContaining({ unitId: org.countyB, value: '2000' }),
    ]);
    const february = (await operator.post('/api/v1/boards/publications', { month: '2026-02' })).json();
    expect(february.corrections).toEqual([
      { month: '2026-01', metric: 'completed', unitId: org.countyA, unitName: '珠晖区', before: '2100', after: '2300' },
    ]);
    expect(board(february, 'completed').entries[0]).toMatchObject({
      unitId: org.countyA,
      value: '3300',
      rank: 1,
      previousRank: 1,
      movement: 0,
    });
    const xml = await (await JSZip.loadAsync((await operator.get('/api/v1/boards/publications/2026-02/briefing')).rawPayload))
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('01月珠晖区完成投资由2100万元更正为2300万元');
    // February: 2000 due; 甲 2500 and 丙 2000 on the red list, 乙 800 on the yellow one.
    const listed = async (list: string) =>
      (await operator.get(`/api/v1/boards/honours?month=2026-02&list=${list}`))
        .json()
        .items.map((h: { projectId: number; ytd: string }) => [h.projectId, h.ytd]);
    expect(await listed('red')).toEqual([
      [p.a, '2500'],
      [p.c, '2000'],
    ]);
    expect(await listed('yellow')).toEqual([[p.b, '800']]);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'board.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['board.publish', 'board.download']));
  });
});
