import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_REGISTRY_SETTINGS,
  FUNNEL_STAGES,
  IndustryCodeSchema,
  PROJECT_CODE_PATTERN,
  isValidUscc,
} from '../../../contracts/index.js';
import { Agent, type TestApp, createTestApp } from '../../../test/app.js';
import { projectTotalsOutOfStep } from '../../../test/reports.js';
import { upload } from '../../../test/sheets.js';
import type { Db } from '../../db/pool.js';
import { verifyChain } from '../audit/index.js';
import { ANNUAL_TASK, DEAL_COUNT, PROJECT_COUNT, Q1_START_COUNT, Q1_START_TOTAL } from './domain/campaign.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoSeedResult, seedDemoIfEmpty } from './index.js';

// Seeding the whole demo (campaign, three years of reports, evaluation, problems) goes through the services: give it time on a loaded machine (a guard against a hang, not a speed check; bench/startup.mjs measures the seed).
const SEED_TIMEOUT = 600_000;

let t: TestApp;
let exporter: Agent | undefined;
let seeded: DemoSeedResult;
beforeAll(async () => {
  // Every demo account signs in at least once in this file: more than the default rate limit.
  t = await createTestApp({ JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  seeded = (await seedDemoIfEmpty(t.deps.db, t.deps.identity, t.ctx()))!;
}, SEED_TIMEOUT);
afterAll(async () => {
  await t?.close();
});

/** What two runs must agree on: every project's code, amounts, plan and milestones, and every deal's filing and stage. */
async function campaignDigest(db: Db): Promise<string> {
  const projects = await sql<Record<string, unknown>>`
    SELECT p.code, p.name, p.total_investment, p.category, p.level, p.kind, p.industry_code, p.industry_chain,
           p.latitude, p.longitude, u.name_zh AS unit, e.uscc AS owner,
           (SELECT json_agg(json_build_array(a.year, a.planned_investment, a.monthly) ORDER BY a.year)
              FROM project_annual_plan a WHERE a.city_code = p.city_code AND a.project_id = p.id) AS plans,
           (SELECT json_agg(json_build_array(m.kind, m.planned_on, m.actual_on) ORDER BY m.kind)
              FROM project_milestone m WHERE m.city_code = p.city_code AND m.project_id = p.id) AS milestones
      FROM project p JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
      LEFT JOIN org_enterprise e ON e.city_code = p.city_code AND e.id = p.owner_enterprise_id
     ORDER BY p.code NULLS LAST, p.name`.execute(db);
  const deals = await sql<Record<string, unknown>>`
    SELECT d.project_name, d.investor_name, d.investor_uscc, d.contracted_amount, d.counted_amount, d.signed_on, d.filed_on,
           d.is_late_filing, d.stage, d.stage_on, d.duplicate_status, u.name_zh AS unit, p.code AS project_code,
           (SELECT json_agg(json_build_array(s.to_stage, s.occurred_on, s.reason) ORDER BY s.id)
              FROM deal_stage_event s WHERE s.city_code = d.city_code AND s.deal_id = d.id) AS history
      FROM deal d JOIN org_unit u ON u.city_code = d.city_code AND u.id = d.unit_id
      LEFT JOIN project p ON p.city_code = d.city_code AND p.id = d.project_id
     ORDER BY d.id`.execute(db);
  return createHash('sha256')
    .update(JSON.stringify([projects.rows, deals.rows]))
    .digest('hex');
}

describe(seedDemoIfEmpty.name, () => {
  it('loads Hengyang once: 12 county-level units, parks, departments, platform companies, enterprises and one account per role', async () => {
    expect(seeded).toMatchObject({
      units: 34,
      users: DEMO_ACCOUNTS.length,
      campaign: { projects: PROJECT_COUNT, deals: DEAL_COUNT, targets: 20 },
    });
    console.info(`demo seed: ${JSON.stringify(seeded)}`);
    expect(await seedDemoIfEmpty(t.deps.db, t.deps.identity, t.ctx())).toBeNull();

    const units = await t.deps.db.selectFrom('org_unit').select(['kind', 'code', 'name_zh', 'park_level']).execute();
    const counties = units.filter((u) => ['district', 'county', 'county_level_city'].includes(u.kind));
    expect(counties.map((u) => u.code).sort()).toEqual(
      ['430405', '430406', '430407', '430408', '430412', '430421', '430422', '430423', '430424', '430426', '430481', '430482'].sort(),
    );
    const parks = units.filter((u) => u.kind === 'park');
    expect(parks.find((p) => p.name_zh === '衡阳高新技术产业开发区')?.park_level).toBe('national');
    expect(parks.find((p) => p.name_zh === '湖南衡阳松木经济开发区')).toMatchObject({ code: '430473', park_level: 'provincial' });
    expect(units.filter((u) => u.kind === 'department')).toHaveLength(12);
    const enterprises = await t.deps.db.selectFrom('org_enterprise').select('uscc').execute();
    expect(enterprises).toHaveLength(seeded.enterprises);
    expect(enterprises.every((e) => isValidUscc(e.uscc))).toBe(true);
  });

  it('every demo account signs in with the documented password and sees its own scope', async () => {
    const zhuhui = new Agent(t.app);
    await zhuhui.login('zhuhui', DEMO_PASSWORD);
    const tree = (await zhuhui.get('/api/v1/org/units/tree')).json().items;
    expect(tree.map((n: { nameZh: string }) => n.nameZh)).toEqual(['珠晖区']);
    for (const account of DEMO_ACCOUNTS) {
      const response = await new Agent(t.app).post('/api/v1/auth/login', { username: account.username, password: DEMO_PASSWORD });
      expect(response.statusCode, account.username).toBe(200);
      const expected = ['system_admin', 'security_admin', 'audit_admin'].includes(account.role) ? 'totp_enrollment_required' : 'ok';
      expect(response.json().status, account.username).toBe(expected);
    }
  });
});

describe('the 2022 campaign', () => {
  const db = () => t.deps.db;

  it('registers ~600 projects over every county-level unit, park and platform company, the large units carrying more', async () => {
    const rows = await sql<{ unit: string; kind: string; n: number; coded: number }>`
      SELECT u.name_zh AS unit, u.kind, count(*)::int AS n, count(p.code)::int AS coded
        FROM project p JOIN org_unit u ON u.city_code = p.city_code AND u.id = p.unit_id
       GROUP BY u.name_zh, u.kind`.execute(db());
    const byUnit = new Map(rows.rows.map((r) => [r.unit, r]));
    const coded = rows.rows.reduce((a, r) => a + r.coded, 0);
    const total = rows.rows.reduce((a, r) => a + r.n, 0);
    expect(coded).toBe(PROJECT_COUNT);
    // Deals that landed without a registry project got one from the deal service (no code yet).
    expect(total).toBe(PROJECT_COUNT + seeded.campaign.projectsFromDeals);
    expect(seeded.campaign.projectsFromDeals).toBeGreaterThan(5);
    expect(rows.rows.filter((r) => ['district', 'county', 'county_level_city'].includes(r.kind))).toHaveLength(12);
    // Every unit of the registry has a fair share (units with only deal-created projects are parks whose deals landed).
    for (const r of rows.rows.filter((x) => x.coded > 0)) expect(r.coded, r.unit).toBeGreaterThanOrEqual(8);
    expect(rows.rows.filter((x) => x.coded > 0)).toHaveLength(18);
    const n = (unit: string) => byUnit.get(unit)?.n ?? 0;
    for (const big of ['衡阳高新技术产业开发区', '耒阳市', '常宁市', '珠晖区', '蒸湘区'])
      expect(n(big), big).toBeGreaterThan(n('南岳区') * 2);

    const mix = await sql<{ category: string; level: string; kind: string; n: number }>`
      SELECT category, level, kind, count(*)::int AS n FROM project WHERE code IS NOT NULL GROUP BY category, level, kind`.execute(db());
    const count = (f: (r: (typeof mix.rows)[number]) => boolean) => mix.rows.filter(f).reduce((a, r) => a + r.n, 0);
    expect(count((r) => r.category === 'industrial')).toBeGreaterThan(PROJECT_COUNT / 2);
    for (const level of ['provincial', 'city', 'county'])
      expect(
        count((r) => r.level === level),
        level,
      ).toBeGreaterThan(20);
    for (const kind of ['new', 'continuing', 'preparatory'])
      expect(
        count((r) => r.kind === kind),
        kind,
      ).toBeGreaterThan(20);

    const chains = new Set(DEFAULT_REGISTRY_SETTINGS.industryChains.map((c) => c.key));
    const projects = await db()
      .selectFrom('project')
      .select(['code', 'industry_code', 'industry_chain', 'latitude', 'longitude', 'liaison_leader_user_id'])
      .execute();
    for (const p of projects) {
      expect(IndustryCodeSchema.safeParse(p.industry_code).success, p.industry_code).toBe(true);
      if (p.industry_chain) expect(chains.has(p.industry_chain)).toBe(true);
      if (p.code) {
        expect(Number(p.latitude)).toBeGreaterThanOrEqual(26.1);
        expect(Number(p.latitude)).toBeLessThanOrEqual(27.5);
        expect(Number(p.longitude)).toBeGreaterThanOrEqual(111.9);
        expect(Number(p.longitude)).toBeLessThanOrEqual(113.3);
      }
    }
    const leader = await db().selectFrom('identity_user').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow();
    expect(projects.filter((p) => p.liaison_leader_user_id === leader.id).length).toBeGreaterThan(10);
  });

  it('96 projects worth exactly 502亿元 started in Q1 2022 (集中开工), and no other', async () => {
    const q1 = await sql<{ n: number; total: string }>`
      SELECT count(*)::int AS n, coalesce(sum(p.total_investment), 0)::text AS total
        FROM project p JOIN project_milestone m ON m.city_code = p.city_code AND m.project_id = p.id
       WHERE m.kind = 'start' AND m.actual_on BETWEEN '2022-01-01' AND '2022-03-31'`.execute(db());
    expect(q1.rows[0]!.n).toBe(Q1_START_COUNT);
    expect(Number(q1.rows[0]!.total)).toBe(Number(Q1_START_TOTAL));
  });

  it('the 2022 annual plans sum to the annual task of 1,100亿元 exactly, each monthly schedule to its annual amount', async () => {
    const total = await sql<{ total: string; plans: number }>`
      SELECT sum(planned_investment)::text AS total, count(*)::int AS plans FROM project_annual_plan WHERE year = 2022`.execute(db());
    expect(Number(total.rows[0]!.total)).toBe(Number(ANNUAL_TASK));
    expect(total.rows[0]!.plans).toBeGreaterThan(450); // every project but the preparatory ones and a few deals landed late in the year
    const off = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM project_annual_plan
       WHERE monthly IS NULL OR (SELECT sum(x) FROM unnest(monthly) AS x) <> planned_investment`.execute(db());
    expect(off.rows[0]!.n).toBe(0);
  });

  it('every project code and credit code is valid; project codes are unique', async () => {
    const codes = (await db().selectFrom('project').select('code').where('code', 'is not', null).execute()).map((r) => r.code!);
    expect(codes).toHaveLength(PROJECT_COUNT);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(PROJECT_CODE_PATTERN);
    const investors = await db().selectFrom('deal').select('investor_uscc').where('investor_uscc', 'is not', null).execute();
    expect(investors.length).toBeGreaterThan(DEAL_COUNT / 2);
    for (const r of investors) expect(isValidUscc(r.investor_uscc!), r.investor_uscc!).toBe(true);
  });

  it('files ~400 deals of 2022 from the default sources, mostly within 10 days, with follow-ups, a duplicate and stage histories', async () => {
    const deals = await db()
      .selectFrom('deal')
      .select(['kind', 'source', 'signed_on', 'filed_on', 'is_late_filing', 'stage', 'stage_reason', 'duplicate_status', 'project_id'])
      .execute();
    expect(deals).toHaveLength(DEAL_COUNT);
    const sources = new Set(DEFAULT_REGISTRY_SETTINGS.dealSources.map((s) => s.key));
    expect(deals.every((d) => sources.has(d.source) && d.signed_on >= '2022-01-01' && d.signed_on <= '2022-12-31')).toBe(true);
    const late = deals.filter((d) => d.is_late_filing).length;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(DEAL_COUNT * 0.08);
    expect(deals.filter((d) => d.kind === 'capital_increase').length).toBeGreaterThan(0);
    expect(deals.filter((d) => d.kind === 'resign').length).toBeGreaterThan(0);
    expect(deals.filter((d) => d.duplicate_status === 'flagged')).toHaveLength(2);
    for (const stage of ['stalled', 'terminated'])
      expect(
        deals.filter((d) => d.stage === stage).every((d) => !!d.stage_reason),
        stage,
      ).toBe(true);
    const landedOrBeyond = deals.filter((d) => ['landed', 'started', 'in_production'].includes(d.stage));
    expect(landedOrBeyond.length).toBeGreaterThan(100);
    expect(landedOrBeyond.every((d) => d.project_id !== null)).toBe(true);
    const targets = await db().selectFrom('deal_target').select(['unit_id', 'amount']).where('year', '=', 2022).execute();
    expect(targets).toHaveLength(20);
  });

  it('the funnel of 2022 shows plausible rates for the city and every county-level unit', async () => {
    const operator = new Agent(t.app);
    await operator.login('operator', DEMO_PASSWORD);
    const response = await operator.get('/api/v1/deals/funnel?cohortFrom=2022-01-01&cohortTo=2022-12-31&asOf=2022-12-31');
    expect(response.statusCode).toBe(200);
    const funnel = response.json();
    const total = funnel.total;
    expect(total.cohortCount).toBeGreaterThan(350);
    const rates = FUNNEL_STAGES.map((s) => total.stages[s].byCount as number);
    // 履约率 > 落地率 > 开工率 > 投产率 > 0, none trivial.
    expect(rates[0]).toBeGreaterThan(0.6);
    expect(rates[0]).toBeLessThan(1);
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeLessThan(rates[i - 1]!);
    expect(rates.at(-1)).toBeGreaterThan(0.03);
    expect(total.attractionRate).toBeGreaterThan(0.7);
    expect(total.attractionRate).toBeLessThan(1.4);
    expect(total.lateFilings).toBeGreaterThan(0);
    expect(total.unsettledDuplicates).toBeGreaterThan(0);
    // One row per county-level unit and city-level park (their own parks roll up into them), each with its target.
    const filing = funnel.units.filter((u: { cohortCount: number }) => u.cohortCount > 0);
    expect(filing).toHaveLength(15);
    for (const row of filing) {
      expect(row.target, row.unitName).not.toBeNull();
      expect(row.attractionRate, row.unitName).toBeGreaterThan(0.3);
    }
  });

  it('publishes November 2022 with its 红黄榜 frozen: projects ahead of the plan on the red list, lagging ones on the yellow', async () => {
    const lists = await t.deps.db
      .selectFrom('board_honour')
      .select(['list', sql<number>`count(*)::int`.as('n'), sql<number>`min(ratio)`.as('low')])
      .where('month', '=', '2022-11-01')
      .groupBy('list')
      .execute();
    const red = lists.find((l) => l.list === 'red');
    const yellow = lists.find((l) => l.list === 'yellow');
    expect(red?.n).toBeGreaterThan(0);
    expect(yellow?.n).toBeGreaterThan(0);
    expect(red!.low).toBeGreaterThanOrEqual(DEFAULT_REGISTRY_SETTINGS.reporting.honourRatio);
  });

  it('three years of reports leave every project’s kept total equal to its versions’ current figures', async () => {
    expect(await t.deps.db.selectFrom('report_project_total').select('project_id').execute()).not.toHaveLength(0);
    expect(await projectTotalsOutOfStep(t.deps.db)).toEqual([]);
  });

  it('the enterprise account sees the project it owns; the audit chain still verifies', async () => {
    const enterprise = new Agent(t.app);
    await enterprise.login('enterprise', DEMO_PASSWORD);
    const page = (await enterprise.get('/api/v1/projects?pageSize=20')).json();
    expect(page.total).toBeGreaterThanOrEqual(1);
    const chain = await verifyChain(t.deps.db, '430400');
    expect(chain.broken).toBeNull();
    expect(chain.count).toBeGreaterThan(2000);
  });

  it('has problem lists at every stage, escalated overdue items, rated appeals, a dispatch meeting of late 2022 and two observation tours', async () => {
    expect(seeded.problems).toMatchObject({ problems: 7, appeals: 2, meetings: 1, tours: 2 });
    const operator = new Agent(t.app);
    await operator.login('operator', DEMO_PASSWORD);
    const all = (await operator.get('/api/v1/problems?pageSize=50')).json();
    expect(all.total).toBe(7);
    const statuses = new Set(all.items.map((p: { status: string }) => p.status));
    expect([...statuses].sort()).toEqual(['assigned', 'confirmed', 'in_progress', 'raised']);
    // As of the year's end the county's power problem is late and on the ladder, with its notice.
    const late = (await operator.get('/api/v1/problems?state=overdue&asOf=2022-12-31&pageSize=50')).json();
    const power = late.items.find((p: { title: string }) => p.title === '施工临时用电迟迟未接入');
    expect(power.escalationLevel).not.toBeNull();
    expect(seeded.problems.escalations).toBeGreaterThanOrEqual(2);
    const reopened = all.items.find((p: { title: string }) => p.title === '红线内 3 户房屋征收未完成');
    const events = (await operator.get(`/api/v1/problems/${reopened.id}`)).json().events.map((e: { command: string }) => e.command);
    expect(events).toContain('reopen');
    // The department sees only what it leads; the enterprise only its own appeals.
    const natres = new Agent(t.app);
    await natres.login('natres', DEMO_PASSWORD);
    const led = (await natres.get('/api/v1/problems?pageSize=50')).json();
    expect(led.items.map((p: { leadUnitName: string }) => p.leadUnitName)).toEqual(Array(led.total).fill('衡阳市自然资源和规划局'));
    const enterprise = new Agent(t.app);
    await enterprise.login('enterprise', DEMO_PASSWORD);
    const appeals = (await enterprise.get('/api/v1/appeals')).json();
    expect(appeals.items.map((a: { rating: string | null }) => a.rating).sort()).toEqual(['satisfied', null].sort());
    const meetings = (await operator.get('/api/v1/dispatch/meetings')).json();
    expect(meetings.items).toHaveLength(1);
    const meeting = (await operator.get(`/api/v1/dispatch/meetings/${meetings.items[0].id}`)).json();
    expect(meeting.agenda.length).toBeGreaterThan(0);
    expect(meeting.decisions.some((d: { task: unknown }) => d.task)).toBe(true);
    // 现场观摩: the second quarter's tour closed (eight judges, so every site drops its extremes), the fourth's still scored.
    const tours = (await operator.get('/api/v1/observation/tours')).json();
    expect(tours.items.map((x: { status: string; quarter: number }) => [x.quarter, x.status])).toEqual([
      [4, 'scoring'],
      [2, 'closed'],
    ]);
    const results = (await operator.get(`/api/v1/observation/tours/${tours.items[1].id}/results`)).json();
    expect(results.sites).toHaveLength(6);
    for (const site of results.sites) expect(site.judges.filter((j: { dropped: string | null }) => j.dropped).length).toBe(2);
    expect(results.units.length).toBeGreaterThanOrEqual(3);
    expect(results.units[0].rank).toBe(1);
    const open = (await operator.get(`/api/v1/observation/tours/${tours.items[0].id}`)).json();
    expect(open.judges.map((j: { scored: number; toScore: number }) => j.scored < j.toScore)).toEqual([false, false, false, true]);
    // 争先创优: the 2022 scheme scores every competing unit for the year from every source of the platform.
    expect(seeded.competition).toEqual({ schemes: 1, entries: 5 * 18, adjustments: 4 });
    const schemes = (await operator.get('/api/v1/competition/schemes?year=2022')).json();
    expect(schemes.items.map((x: { status: string; fullPoints: number }) => [x.status, x.fullPoints])).toEqual([['active', 100]]);
    // Left for the operator to publish.
    expect(schemes.items[0]).toMatchObject({ publishedPeriods: [], periodsToPublish: ['Q1', 'Q2', 'Q3', 'Q4', 'Y'] });
    const year = (await operator.get(`/api/v1/competition/schemes/${schemes.items[0].id}/results?period=Y`)).json();
    expect(year).toMatchObject({ asOf: '2022-12-31', boardMonth: '2022-12' });
    expect(year.units).toHaveLength(18);
    expect(year.units.filter((u: { band: string | null }) => u.band === 'reward')).toHaveLength(3);
    expect(year.units.filter((u: { band: string | null }) => u.band === 'warning')).toHaveLength(2);
    const key = (k: string) =>
      year.units.map((u: { indicators: { key: string; value: number | null }[] }) => u.indicators.find((i) => i.key === k)!.value);
    // Every unit has the platform's figures; at least one unit scored on each source.
    for (const k of [
      'investment_ratio',
      'red_list',
      'completed_rank',
      'attracted_rank',
      'funds_rank',
      'fulfilment',
      'problem_closure',
      'business_env',
    ])
      expect(
        key(k).every((v: number | null) => v !== null),
        k,
      ).toBe(true);
    for (const k of ['observation_score', 'red_list'])
      expect(
        key(k).some((v: number | null) => v !== null && v > 0),
        k,
      ).toBe(true);
    expect(year.units[0].total).toBeGreaterThan(year.units.at(-1).total);
    // A quarter reads the leaderboards of its last month as they stand today, not as entered by the quarter's end.
    const q3 = (await operator.get(`/api/v1/competition/schemes/${schemes.items[0].id}/results?period=Q3`)).json();
    expect(q3).toMatchObject({ asOf: '2022-09-30', boardMonth: '2022-09' });
    const boards = (await operator.get('/api/v1/boards?month=2022-09')).json();
    const major = boards.boards.find((b: { metric: string }) => b.metric === 'majorProjects');
    for (const entry of major.entries as { unitId: number; value: string }[]) {
      const unit = q3.units.find((u: { unitId: number }) => u.unitId === entry.unitId);
      expect(unit.indicators.find((i: { key: string }) => i.key === 'major_projects_rank').value).toBe(Number(entry.value));
    }
    // A unit no tour visited in the second quarter is not marked down: it gets the visited units' average share.
    const q2 = (await operator.get(`/api/v1/competition/schemes/${schemes.items[0].id}/results?period=Q2`)).json();
    type Score = { key: string; value: number | null; share: number; points: number; imputed?: string };
    const observed = q2.units.map((u: { indicators: Score[] }) => u.indicators.find((i) => i.key === 'observation_score')!) as Score[];
    const visited = observed.filter((i) => i.value !== null);
    const unvisited = observed.filter((i) => i.value === null);
    expect(visited.length).toBeGreaterThan(0);
    expect(unvisited.length).toBeGreaterThan(0);
    const mean = visited.reduce((s, i) => s + i.share, 0) / visited.length;
    for (const i of unvisited) expect(i).toMatchObject({ imputed: 'average', points: Math.round(mean * 10 * 100) / 100 });
    for (const i of visited) expect(i.imputed).toBeUndefined();
  });

  it('protects enterprises with codes: the year’s inspections, the demo enterprise’s ratings, one case closed and one open', async () => {
    expect(seeded.inspections).toEqual({ codes: 60, inspections: 40, cases: 2 });
    const enterprise = new Agent(t.app);
    await enterprise.login('enterprise', DEMO_PASSWORD);
    const own = (await enterprise.get('/api/v1/inspections?year=2022')).json();
    expect(own.total).toBe(4);
    expect(own.items.map((i: { overLimit: boolean; rating: number | null }) => [i.overLimit, i.rating])).toEqual([
      [true, 2],
      [false, null],
      [false, 4],
      [false, 5],
    ]);
    const cases = (await enterprise.get('/api/v1/inspections/cases')).json();
    expect(cases.items.map((c: { kind: string; status: string }) => [c.kind, c.status])).toEqual([
      ['unregistered', 'open'],
      ['over_limit', 'closed'],
    ]);
    // The market regulation inspector scans the demo enterprise's code: one routine visit this year
    // would be the first of the current year (the demo's inspections are of 2022).
    const code = (await enterprise.get('/api/v1/inspections/codes/mine')).json();
    const market = new Agent(t.app);
    await market.login('market', DEMO_PASSWORD);
    const scanned = (await market.get(`/api/v1/inspections/scan/${code.token}`)).json();
    expect(scanned).toMatchObject({ enterpriseName: '衡阳示例新材料有限公司', routineLimitPerYear: 1 });
    const mine = (await market.get('/api/v1/inspections?year=2022&pageSize=100')).json();
    expect(mine.total).toBe(20);
  });

  it.each([
    ['projects', PROJECT_COUNT],
    ['deals', DEAL_COUNT],
  ] as const)(
    'the %s export of the whole demo re-imports with nothing changed',
    async (kind, count) => {
      // One sign-in for both lists: the sign-in rate limit counts every attempt of this file.
      if (!exporter) {
        exporter = new Agent(t.app);
        await exporter.login('operator', DEMO_PASSWORD);
      }
      const operator = exporter;
      const exported = await operator.get(`/api/v1/${kind}/export`);
      expect(exported.statusCode).toBe(200);
      const started = await upload(operator, kind, exported.rawPayload);
      expect(started.statusCode).toBe(202);
      let job = started.json();
      for (let i = 0; job.status === 'running' && i < 1200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await operator.get(`/api/v1/${kind}/imports/${job.id}`)).json();
      }
      expect(job, JSON.stringify(job.errors?.slice(0, 5))).toMatchObject({
        status: 'succeeded',
        errorCount: 0,
        createdCount: 0,
        updatedCount: 0,
      });
      expect(job.unchangedCount).toBe(job.totalRows);
      expect(job.totalRows).toBeGreaterThanOrEqual(count);
    },
    180_000,
  );

  it(
    'is deterministic: a second fresh database gets the same projects, amounts and deals',
    async () => {
      const other = await createTestApp();
      try {
        await seedDemoIfEmpty(other.deps.db, other.deps.identity, other.ctx());
        expect(await campaignDigest(other.deps.db)).toBe(await campaignDigest(t.deps.db));
      } finally {
        await other.close();
      }
    },
    SEED_TIMEOUT,
  );
});
