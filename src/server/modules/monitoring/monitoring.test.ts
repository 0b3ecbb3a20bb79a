import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY_SETTINGS } from '../../../contracts/index.js';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeProject, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { createLetter } from '../commitments/service.js';
import { raiseProblem } from '../problems/service.js';
import { submitReports } from '../reports/service.js';

/**
 * Clock: 2026-03-02, so January and February 2026 are the months counted. One project ran
 * all through 2025 with a back-loaded year: the city's profile is learnt from it.
 */
let t: TestApp;
let org: TestOrg;
let leader: Awaited<ReturnType<typeof signedIn>>;
let county: Awaited<ReturnType<typeof signedIn>>;
let countyB: Awaited<ReturnType<typeof signedIn>>;
const p = {} as { onPlan: number; behind: number; farBehind: number; history: number; noStartPlan: number };

const LAST_YEAR = ['50', '50', '100', '100', '100', '100', '100', '100', '100', '100', '100', '0'];

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  leader = await signedIn(t, 'city_leader');
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  countyB = await signedIn(t, 'reporting_unit', { unitId: org.countyB });
  const ops = await operatorContext(t);
  const started = (on = '2025-06-01') => ({ kind: 'start' as const, plannedOn: on, actualOn: on });
  p.onPlan = await makeProject(t, ops, org.countyA, {
    name: '按计划项目',
    totalInvestment: '20000',
    milestones: [started()],
    annualPlans: [{ year: 2026, plannedInvestment: '1200', monthly: Array(12).fill('100') }],
  });
  // No monthly schedule: the plan due is spread by the city's profile.
  p.behind = await makeProject(t, ops, org.parkA, {
    name: '稍慢项目',
    totalInvestment: '20000',
    milestones: [started()],
    annualPlans: [{ year: 2026, plannedInvestment: '1200', monthly: null }],
  });
  p.farBehind = await makeProject(t, ops, org.countyB, {
    name: '滞后项目',
    totalInvestment: '20000',
    milestones: [started(), { kind: 'topping_out', plannedOn: '2026-01-10', actualOn: null }],
    annualPlans: [{ year: 2026, plannedInvestment: '1200', monthly: Array(12).fill('100') }],
  });
  p.history = await makeProject(t, ops, org.countyB, { name: '往年项目', totalInvestment: '50000', milestones: [started('2024-05-01')] });
  p.noStartPlan = await makeProject(t, ops, org.countyA, { name: '待开工项目', totalInvestment: '3000' });
  for (const [i, figure] of LAST_YEAR.entries()) {
    await submitReports(t.deps.db, ops(), {
      month: `2025-${String(i + 1).padStart(2, '0')}`,
      rows: [{ projectId: p.history, investment: figure, baseVersion: 0, explanation: '按进度' }],
    });
  }
  const month = async (m: string, rows: [number, string][]) =>
    await submitReports(t.deps.db, ops(), {
      month: m,
      rows: rows.map(([projectId, investment]) => ({ projectId, investment, baseVersion: 0, explanation: '按进度' })),
    });
  await month('2026-01', [
    [p.onPlan, '100'],
    [p.behind, '50'],
    [p.farBehind, '10'],
  ]);
  await month('2026-02', [
    [p.onPlan, '100'],
    [p.behind, '50'],
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('lights and forecast', () => {
  it('names the recent years with plans or reports under a unit, newest first (the year pages open on)', async () => {
    // 2026: the plans of both counties; 2025: the reports of countyB's project only.
    expect((await leader.get('/api/v1/monitoring/years')).json()).toEqual({ years: [2026, 2025] });
    expect((await leader.get(`/api/v1/monitoring/years?unitId=${org.countyA}`)).json()).toEqual({ years: [2026] });
    expect((await county.get('/api/v1/monitoring/years')).json()).toEqual({ years: [2026] });
    expect((await countyB.get('/api/v1/monitoring/years')).json()).toEqual({ years: [2026, 2025] });
    expect((await county.get(`/api/v1/monitoring/years?unitId=${org.countyB}`)).statusCode).toBe(404);
  });

  it('learns the seasonal profile from the years before and measures the months completed', async () => {
    const o = (await leader.get('/api/v1/monitoring/overview?year=2026')).json();
    expect(o).toMatchObject({ year: 2026, asOf: '2026-03-02', month: 2 });
    expect(o.profile.source).toBe('learnt');
    expect(o.profile.years).toEqual([2025]);
    // 100 of 1000 done by the end of February last year.
    expect(o.profile.shares[1]).toBe(0.1);
    expect(o.profile.shares[11]).toBe(1);
  });

  it('colours projects by year to date against the plan due, and red for an overdue milestone', async () => {
    const page = (await leader.get('/api/v1/monitoring/projects?year=2026')).json();
    const byName = Object.fromEntries(page.items.map((r: { projectName: string }) => [r.projectName, r]));
    expect(byName.按计划项目).toMatchObject({ light: 'green', ytd: '200', dueByNow: '200', ratio: 1, reasons: [] });
    // 1200 × 0.1 = 120 due; 100 done.
    expect(byName.稍慢项目).toMatchObject({ light: 'yellow', ytd: '100', dueByNow: '120', ratio: 0.833333 });
    expect(byName.稍慢项目.reasons[0].message).toBe('年度投资完成计划进度的 83.3%');
    expect(byName.滞后项目).toMatchObject({ light: 'red', ytd: '10', dueByNow: '200' });
    expect(byName.滞后项目.reasons.map((r: { message: string }) => r.message)).toEqual([
      '年度投资完成计划进度的 5%',
      '节点主体封顶已逾期 51 天',
    ]);
    // Worst first; the project without a plan nor figures is not measured.
    expect(page.items.map((r: { light: string }) => r.light)).toEqual(['red', 'yellow', 'green']);
    expect(page.total).toBe(3);
    const reds = (await leader.get('/api/v1/monitoring/projects?year=2026&light=red')).json();
    expect(reds.items.map((r: { projectId: number }) => r.projectId)).toEqual([p.farBehind]);
  });

  it('puts the project on plan on the red list (红榜) and the red-light one on the yellow list (黄榜)', async () => {
    const list = async (honour: string) =>
      (await leader.get(`/api/v1/monitoring/projects?year=2026&honour=${honour}`))
        .json()
        .items.map((r: { projectId: number; honour: string }) => [r.projectId, r.honour]);
    // On plan exactly (ratio 1) reaches the default line of 100%; 83% is on neither list.
    expect(await list('red')).toEqual([[p.onPlan, 'red']]);
    expect(await list('yellow')).toEqual([[p.farBehind, 'yellow']]);
    expect((await leader.get('/api/v1/monitoring/overview?year=2026')).json().total.honours).toEqual({ red: 1, yellow: 1 });
    expect((await leader.get('/api/v1/monitoring/projects?year=2026&honour=blue')).statusCode).toBe(400);
    // The list as a workbook, as filtered: one row per project with its light, list and why.
    const exported = await leader.get('/api/v1/monitoring/projects/export?year=2026&honour=yellow');
    expect(exported.statusCode).toBe(200);
    expect(String(exported.headers['content-disposition'])).toContain(encodeURIComponent('黄榜'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('黄榜');
    expect(sheet.actualRowCount).toBe(2);
    expect([1, 2, 3, 4, 7, 10].map((c) => sheet.getRow(2).getCell(c).text)).toEqual([
      '滞后项目',
      '耒阳市',
      '红灯',
      '黄榜',
      '10',
      '年度投资完成计划进度的 5%；节点主体封顶已逾期 51 天',
    ]);

    // The line is configuration. Settings saved before it existed (no honourRatio) read with the default.
    const { honourRatio: _line, ...olderReporting } = DEFAULT_REGISTRY_SETTINGS.reporting;
    await t.deps.db
      .insertInto('registry_setting')
      .values({
        city_code: org.cityCode,
        settings: JSON.stringify({ ...DEFAULT_REGISTRY_SETTINGS, reporting: olderReporting }),
        updated_at: new Date(),
      })
      .execute();
    const operator = await signedIn(t, 'city_operator');
    const settings = (await operator.get('/api/v1/settings/registry')).json();
    expect(settings.reporting.honourRatio).toBe(1);
    expect(await list('red')).toEqual([[p.onPlan, 'red']]);
    const raised = await operator.request({
      method: 'PUT',
      url: '/api/v1/settings/registry',
      payload: { ...settings, reporting: { ...settings.reporting, honourRatio: 1.2 } },
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(await list('red')).toEqual([]);
    await t.deps.db.deleteFrom('registry_setting').where('city_code', '=', org.cityCode).execute();
  });

  it('turns a project red while a problem of it is open past its deadline, and back when it is not', async () => {
    const ops = await operatorContext(t);
    const lightOf = async (asOf: string) =>
      (await leader.get(`/api/v1/monitoring/projects?year=2026&asOf=${asOf}`))
        .json()
        .items.find((r: { projectId: number }) => r.projectId === p.onPlan);
    const problem = await raiseProblem(t.deps.db, ops(), {
      projectId: p.onPlan,
      category: 'land',
      title: '用地报批滞后',
      description: '用地指标未落实',
      raisedOn: '2026-02-02',
      responsibility: { leadUnitId: org.countyA, deadline: '2026-02-27' },
    });
    // Due on the 27th: on the 27th it is not late yet; on 2 March it is.
    expect((await lightOf('2026-02-27')).reasons.map((r: { key: string }) => r.key)).not.toContain('light.problemOverdue');
    const late = await lightOf('2026-03-02');
    expect(late.light).toBe('red');
    expect(late.reasons.map((r: { message: string }) => r.message)).toContain('1 个问题超期未解决');
    await t.deps.db.updateTable('problem').set({ status: 'confirmed', closed_on: '2026-03-01' }).where('id', '=', problem.id).execute();
    expect((await lightOf('2026-03-02')).light).toBe('green');
  });

  it('sums units and the city; forecasts the year end from the profile; draws the trajectory', async () => {
    const o = (await leader.get('/api/v1/monitoring/overview?year=2026')).json();
    expect(o.total).toMatchObject({
      projects: 3,
      ytd: '310',
      dueByNow: '520',
      plan: '3600',
      counts: { green: 1, yellow: 1, red: 1, none: 0 },
      honours: { red: 1, yellow: 1 },
    });
    // 310 ÷ 520 = 59.6%: red. The forecast: 310 ÷ 0.1.
    expect(o.total.light).toBe('red');
    expect(o.total.forecast).toBe('3100');
    const zhuhui = o.units.find((u: { unitId: number }) => u.unitId === org.countyA);
    expect(zhuhui).toMatchObject({ projects: 2, ytd: '300', dueByNow: '320', light: 'green', hasChildren: true, forecast: '3000' });
    const leiyang = o.units.find((u: { unitId: number }) => u.unitId === org.countyB);
    expect(leiyang).toMatchObject({ projects: 1, ytd: '10', light: 'red' });
    expect(o.trajectory.actualCumulative.slice(0, 3)).toEqual(['160', '310', null]);
    expect(o.trajectory.planCumulative[1]).toBe('520');
    expect(o.trajectory.planCumulative[11]).toBe('3600');
    expect(o.trajectory.forecastCumulative[1]).toBe('310');
    expect(o.trajectory.forecastCumulative[11]).toBe('3100');

    // Looking into 珠晖区: its park becomes a row.
    const inside = (await leader.get(`/api/v1/monitoring/overview?year=2026&unitId=${org.countyA}`)).json();
    expect(inside.scope).toEqual({ unitId: org.countyA, unitName: '珠晖区' });
    expect(inside.units.map((u: { unitName: string; ytd: string }) => [u.unitName, u.ytd])).toEqual([
      ['珠晖区', '200'],
      ['示例园区', '100'],
    ]);
  });

  it('a past year is seen at its end; before any month is over the forecast is the plan', async () => {
    const last = (await leader.get('/api/v1/monitoring/overview?year=2025')).json();
    expect(last).toMatchObject({ asOf: '2025-12-31', month: 12 });
    expect(last.total).toMatchObject({ ytd: '1000', light: 'none' });
    const early = (await leader.get('/api/v1/monitoring/overview?year=2026&asOf=2026-01-20')).json();
    expect(early).toMatchObject({ month: 0 });
    expect(early.total).toMatchObject({ ytd: '0', forecast: '3600', light: 'none' });
    expect(early.trajectory.forecastCumulative.every((v: string | null) => v === null)).toBe(true);
  });

  it('is scoped to the jurisdiction', async () => {
    const own = (await county.get('/api/v1/monitoring/overview?year=2026')).json();
    expect(own.scope).toEqual({ unitId: org.countyA, unitName: '珠晖区' });
    expect(own.total).toMatchObject({ projects: 2, ytd: '300' });
    expect((await county.get(`/api/v1/monitoring/overview?year=2026&unitId=${org.countyB}`)).statusCode).toBe(404);
    const theirs = (await countyB.get('/api/v1/monitoring/projects?year=2026')).json();
    expect(theirs.items.map((r: { projectId: number }) => r.projectId)).toEqual([p.farBehind]);
  });
});

describe('the cockpit map', () => {
  it('serves Hengyang’s 12 county-level units, tied to the units of the tree by division code', async () => {
    const map = (await county.get('/api/v1/monitoring/map')).json();
    expect(map.features).toHaveLength(12);
    const zhuhui = map.features.find((f: { properties: { code: string } }) => f.properties.code === '430405');
    expect(zhuhui.properties).toEqual({ code: '430405', name: '珠晖区', unitId: org.countyA });
    expect(zhuhui.geometry.type).toBe('Polygon');
    // Units the test tree does not have are shown unlinked.
    expect(map.features.find((f: { properties: { code: string } }) => f.properties.code === '430482').properties.unitId).toBeNull();
  });
});

describe('early warnings', () => {
  it('lists pending commitments that the forecast, the plan or the calendar says will be missed', async () => {
    const ops = await operatorContext(t);
    await createLetter(t.deps.db, ops(), {
      unitId: org.countyA,
      year: 2026,
      kind: 'investment',
      title: '2026年承诺书',
      items: [
        // Forecast 2000 (200 ÷ 0.1) short of 2500.
        { kind: 'project_investment', projectId: p.onPlan, deadline: '2026-12-31', committedAmount: '2500', weight: 1 },
        // Forecast 1000 reaches 800: no warning.
        { kind: 'project_investment', projectId: p.behind, deadline: '2026-12-31', committedAmount: '800', weight: 1 },
        { kind: 'project_start', projectId: p.noStartPlan, deadline: '2026-06-30', weight: 1 },
        { kind: 'project_production', projectId: p.onPlan, deadline: '2026-03-20', weight: 1 },
        { kind: 'unit_starts', deadline: '2026-12-31', committedCount: 2, weight: 1 },
      ],
    });
    const w = (await county.get('/api/v1/monitoring/warnings?year=2026')).json();
    expect(w.items.map((i: { kind: string; message: string }) => [i.kind, i.message])).toEqual([
      ['forecastShort', '预计年底完成 2,000 万元，低于承诺的 2,500 万元'],
      ['noPlannedDate', '尚未安排开工计划日期'],
      ['noPlannedDate', '尚未安排投产计划日期'],
      ['startsShort', '已开工 0 个，期限前计划开工 0 个，低于承诺的 2 个'],
    ]);
    expect((await countyB.get('/api/v1/monitoring/warnings?year=2026')).json().items).toEqual([]);
    expect((await leader.get('/api/v1/monitoring/overview?year=2026')).json().warnings).toBe(4);
  });
});

describe('the quarterly review and annual assessment pack', () => {
  it('is a Word document with the unit’s investment, red projects, commitments and ranks', async () => {
    const doc = await county.get(`/api/v1/monitoring/pack.docx?unitId=${org.countyA}&year=2026&quarter=1`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('珠晖区2026年第一季度重大项目建设讲评材料');
    expect(text).toContain('数据截至2026-03-02');
    expect(text).toContain('截至2月应完成320万元，实际完成300万元，完成进度93.8%，亮绿灯');
    expect(text).toContain('列入红榜1个、黄榜0个');
    expect(text).toContain('红榜项目：按计划项目。');
    expect(text).toContain('无红灯项目');
    expect(text).toContain('《2026年承诺书》共5项');
    expect(text).toContain('2026-02榜单（未发布，预览）');
    expect(text).toContain('本年度涉及问题1个，已办结确认1个，办结率100.0%；在办0个，其中超期0个；办结用时中位数27天');
    expect(text).toContain('七、争先创优考评本期无启用的争先创优考评方案。');
    const leiyang = await countyB.get(`/api/v1/monitoring/pack.docx?unitId=${org.countyB}&year=2026`);
    const leiyangText = (await (await JSZip.loadAsync(leiyang.rawPayload)).file('word/document.xml')!.async('string')).replace(
      /<[^>]+>/g,
      '',
    );
    expect(leiyangText).toContain('耒阳市2026年度重大项目建设考核材料');
    expect(leiyangText).toContain('节点主体封顶已逾期 51 天');
    expect(leiyangText).toContain('列入红榜0个、黄榜1个');
    expect(leiyangText).toContain('本期无红榜项目');
    expect(leiyangText).toContain('本年度无问题清单事项');
    expect((await county.get(`/api/v1/monitoring/pack.docx?unitId=${org.countyB}&year=2026`)).statusCode).toBe(404);
  });
});
