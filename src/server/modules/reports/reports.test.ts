import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import type { SubmitReports } from '../../../contracts/index.js';
import type { DomainError } from '../../lib/domain-error.js';
import { type TestOrg, makeProject, makeUser, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { getUnitRef } from '../org/index.js';
import { auditInsert } from '../audit/index.js';
import { projectTotalsOutOfStep } from '../../../test/reports.js';
import { sheetRows } from '../../../test/sheets.js';
import { writeVersions } from './repo.js';
import { submitReports } from './service.js';

let t: TestApp;
let org: TestOrg;
let county: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;
const p = {} as { a: number; b: number; notStarted: number; otherCounty: number };

const monthly = (amount: string) => Array(12).fill(amount);

beforeAll(async () => {
  t = await createTestApp();
  // The clock: 2026-03-02 in Shanghai; January and February are the months reported.
  org = await seedOrg(t);
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  operator = await signedIn(t, 'city_operator');
  const ops = await operatorContext(t);
  const started = { milestones: [{ kind: 'start' as const, plannedOn: '2025-06-01', actualOn: '2025-06-10' }] };
  p.a = await makeProject(t, ops, org.countyA, {
    name: '月报项目甲',
    totalInvestment: '5000',
    ...started,
    annualPlans: [{ year: 2026, plannedInvestment: '1200', monthly: monthly('100') }],
  });
  p.b = await makeProject(t, ops, org.parkA, { name: '月报项目乙', totalInvestment: '100000', ...started });
  p.notStarted = await makeProject(t, ops, org.countyA, {
    name: '未开工项目',
    totalInvestment: '3000',
    annualPlans: [{ year: 2026, plannedInvestment: '600', monthly: null }],
  });
  p.otherCounty = await makeProject(t, ops, org.countyB, { name: '别县项目', totalInvestment: '3000', ...started });
});
afterAll(async () => {
  await t?.close();
});

const row = (projectId: number, investment: string, extra: Record<string, unknown> = {}) => ({
  projectId,
  investment,
  baseVersion: 0,
  ...extra,
});

/** A reporting unit's request context (a real user of the unit), for calling the service directly. */
async function reportingContext(unitId: number) {
  const user = await makeUser(t, 'reporting_unit', { unitId });
  const unit = await getUnitRef(t.deps.db, org.cityCode, unitId);
  return {
    ...t.ctx(),
    actor: {
      userId: user.id,
      username: user.username,
      role: 'reporting_unit' as const,
      cityCode: org.cityCode,
      scopeUnitId: unitId,
      scopeUnitPath: unit?.path ?? '',
      scopeEnterpriseId: null,
    },
  };
}

/** One project's row of a month, saved through the service (the grid's save). */
const saveOne = (
  ctx: Awaited<ReturnType<typeof reportingContext>>,
  month: string,
  projectId: number,
  investment: string,
  extra: Record<string, unknown> = {},
) => submitReports(t.deps.db, ctx, { month, rows: [{ ...row(projectId, investment), ...extra }] } as SubmitReports);

describe('monthly reports', () => {
  it('the grid lists the unit’s reporting projects with derived figures; a unit types one figure per project', async () => {
    const grid = (await county.get('/api/v1/reports/grid?month=2026-01')).json();
    expect(grid).toMatchObject({ month: '2026-01', dueOn: '2026-02-05', isLocked: false, requiredFieldsPerRow: 1 });
    expect(grid.rows.map((r: { projectName: string }) => r.projectName).sort()).toEqual(['月报项目乙', '月报项目甲', '未开工项目'].sort());
    const a = grid.rows.find((r: { projectId: number }) => r.projectId === p.a);
    expect(a).toMatchObject({ status: 'missing', plannedThisMonth: '100', cumulativeBefore: '0', isStarted: true, version: 0 });
    const missing = (await operator.get('/api/v1/reports/missing?month=2026-01')).json();
    expect(missing.units.find((u: { unitId: number }) => u.unitId === org.countyA)).toMatchObject({ expected: 3, missing: 3 });
  });

  it('refuses bad rows cell by cell and saves nothing; warnings need an explanation', async () => {
    const bad = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: {
        month: '2026-01',
        rows: [row(p.a, '6000'), row(p.b, '-5'), row(p.notStarted, '10'), row(p.otherCounty, '1')],
      },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`);
    expect(fields).toEqual(expect.arrayContaining(['rows.1.investment: 金额应为不小于 0 的数字（万元），最多 4 位小数']));
    // The schema refused the negative figure first; the rest is checked once the shapes are right.
    const checked = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: { month: '2026-01', rows: [row(p.a, '6000'), row(p.notStarted, '10'), row(p.otherCounty, '1')] },
    });
    expect(checked.json().error.details.fields).toEqual([
      { path: 'rows.0.investment', message: '累计完成投资将超过项目总投资 5,000 万元' },
      // Far from the month's plan of 100, too.
      { path: 'rows.0.explanation', message: '该数据触发了提示，请填写说明' },
      { path: 'rows.1.explanation', message: '该数据触发了提示，请填写说明' },
      { path: 'rows.2.projectId', message: '所选记录不存在或不在您的管辖范围内' },
    ]);
    expect((await t.deps.db.selectFrom('report_version').select('id').execute()).length).toBe(0);
    const future = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: { month: '2026-04', rows: [row(p.a, '1')] },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0]).toMatchObject({ path: 'month' });
  });

  it('saves the month, missing counts fall, derived figures follow; a stale row is a conflict', async () => {
    const saved = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: {
        month: '2026-01',
        rows: [row(p.a, '100', { progressText: '主体结构施工' }), row(p.b, '2500.5'), row(p.notStarted, '10', { explanation: '前期费用' })],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ month: '2026-01', saved: 3, unchanged: 0, corrections: 0 });
    const missing = (await operator.get('/api/v1/reports/missing?month=2026-01')).json();
    expect(missing.units.find((u: { unitId: number }) => u.unitId === org.countyA)).toMatchObject({
      expected: 3,
      submitted: 3,
      missing: 0,
    });
    const again = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: { month: '2026-01', rows: [row(p.a, '120', { baseVersion: 0 })] },
    });
    expect(again.statusCode).toBe(409);
    const same = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: { month: '2026-01', rows: [row(p.a, '100', { baseVersion: 1, progressText: '主体结构施工' })] },
    });
    expect(same.json()).toMatchObject({ saved: 0, unchanged: 1 });
    const february = (await county.get('/api/v1/reports/grid?month=2026-02')).json();
    expect(february.rows.find((r: { projectId: number }) => r.projectId === p.b)).toMatchObject({
      cumulativeBefore: '2500.5',
      ytdBefore: '2500.5',
      lastMonth: '2500.5',
      status: 'missing',
    });
    // A 4× jump over last month needs an explanation.
    const jump = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: { month: '2026-02', rows: [row(p.b, '10002')] },
    });
    expect(jump.json().error.details.fields).toEqual([{ path: 'rows.0.explanation', message: '该数据触发了提示，请填写说明' }]);
  });

  it('two saves of one row at once: one is saved, the others are conflicts, never a half write', async () => {
    const attempts = await Promise.all(
      ['11', '12', '13', '14'].map((amount) =>
        county.request({
          method: 'PUT',
          url: '/api/v1/reports/grid',
          payload: { month: '2026-02', rows: [row(p.a, amount, { explanation: '并发测试' })] },
        }),
      ),
    );
    expect(attempts.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409]);
    for (const refused of attempts.filter((a) => a.statusCode === 409)) {
      expect(refused.json().error.details.fields).toEqual([{ path: 'rows.0.investment', message: '该行已被他人更新，请刷新后再填' }]);
    }
    const stored = await t.deps.db
      .selectFrom('report_version')
      .select('version')
      .where('project_id', '=', p.a)
      .where('month', '=', '2026-02-01')
      .execute();
    expect(stored).toEqual([{ version: 1 }]);
    const records = await t.deps.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'report.submit')
      .where('target_id', '=', '2026-02')
      .execute();
    expect(records.filter((r) => JSON.stringify(r.after).includes(`"projectId":${p.a}`))).toHaveLength(1);
  });

  it('a write that finds the month locked or unlocked since its checks writes nothing, not even its audit record; the other saves of its statement are written', async () => {
    const ctx = { actor: null, requestId: 'lock-race', sourceIp: null, locale: 'zh-CN' as const, now: t.clock.now() };
    const job = (requestId: string, expectLocked: boolean, projectId: number) => ({
      cityCode: org.cityCode,
      monthStart: '2025-12-01',
      dueOn: '2026-01-05',
      createMonth: false,
      expectLocked,
      kind: 'correction' as const,
      by: { userId: 1, username: 'x', at: t.clock.now() },
      rows: [
        {
          projectId,
          version: 1,
          investment: '5',
          previousInvestment: null,
          progressText: null,
          problemsText: null,
          explanation: null,
          reason: '补录',
        },
      ],
      audit: (onlyIf: RawBuilder<unknown>) =>
        auditInsert({ ...ctx, requestId }, { action: 'report.correct', cityCode: org.cityCode, targetId: requestId }, onlyIf),
    });
    // 2025-12 is not locked: the first save expected it locked, the second did not.
    expect(await writeVersions(t.deps.db, [job('lock-race', true, p.b), job('lock-held', false, p.otherCounty)])).toEqual([false, true]);
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('request_id', '=', 'lock-race').execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('audit_log').select('target_id').where('request_id', '=', 'lock-held').execute()).toEqual([
      { target_id: 'lock-held' },
    ]);
    const versions = await t.deps.db
      .selectFrom('report_version')
      .select('project_id')
      .where('project_id', 'in', [p.b, p.otherCounty])
      .where('month', '=', '2025-12-01')
      .execute();
    expect(versions).toEqual([{ project_id: p.otherCounty }]);
  });

  it('saves that arrive together are checked and written together, each on its own: saved, refused and stale in one batch', async () => {
    const a = await reportingContext(org.countyA);
    const b = await reportingContext(org.countyB);
    // Called in one tick: the first two find a free slot and run alone, the other five wait
    // and go together in one batch (one read, one statement).
    const results = await Promise.allSettled([
      saveOne(b, '2026-01', p.otherCounty, '10'),
      saveOne(a, '2026-01', p.notStarted, '10', { explanation: '前期费用' }),
      saveOne(a, '2026-02', p.notStarted, '10', { explanation: '前期费用' }),
      saveOne(b, '2026-02', p.otherCounty, '20'),
      saveOne(a, '2026-02', p.b, '2600'),
      saveOne(a, '2026-02', p.b, '2700'),
      saveOne(b, '2026-02', p.a, '1'),
    ]);
    const outcome = results.map((r) =>
      r.status === 'fulfilled'
        ? { saved: r.value.saved, unchanged: r.value.unchanged }
        : { code: (r.reason as DomainError).code, fields: (r.reason as DomainError).fields },
    );
    expect(outcome.slice(0, 4)).toEqual([
      { saved: 1, unchanged: 0 },
      { saved: 0, unchanged: 1 },
      { saved: 1, unchanged: 0 },
      { saved: 1, unchanged: 0 },
    ]);
    // The two saves of one row in the batch: the statement fails on the unique key, the saves
    // are then written one by one, so one is saved and the other is told it is stale.
    expect([outcome[4], outcome[5]]).toContainEqual({ saved: 1, unchanged: 0 });
    expect([outcome[4], outcome[5]]).toContainEqual({ code: 'CONFLICT', fields: [{ path: 'rows.0.investment', key: 'report.staleRow' }] });
    // Another county's project is not the caller's to report.
    expect(outcome[6]).toEqual({ code: 'VALIDATION_FAILED', fields: [{ path: 'rows.0.projectId', key: 'validation.referenceNotFound' }] });
    const stored = await t.deps.db
      .selectFrom('report_version')
      .select(['project_id', 'version', 'submitted_by'])
      .where('month', '=', '2026-02-01')
      .where('project_id', 'in', [p.notStarted, p.otherCounty, p.b])
      .orderBy('project_id')
      .execute();
    expect(stored).toEqual(
      [
        { project_id: p.b, version: 1, submitted_by: a.actor.userId },
        { project_id: p.notStarted, version: 1, submitted_by: a.actor.userId },
        { project_id: p.otherCounty, version: 1, submitted_by: b.actor.userId },
      ].sort((x, y) => x.project_id - y.project_id),
    );
    // One audit record per saved save, by its own actor.
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'target_id'])
      .where('action', '=', 'report.submit')
      .where('actor_user_id', 'in', [a.actor.userId, b.actor.userId])
      .orderBy('id')
      .execute();
    expect(audits).toHaveLength(4);
    expect(
      audits
        .filter((r) => r.actor_user_id === b.actor.userId)
        .map((r) => r.target_id)
        .sort(),
    ).toEqual(['2026-01', '2026-02']);
  });

  it('the city returns a report, locks the month; a change after the lock is a correction with a reason, in the history', async () => {
    expect((await county.post('/api/v1/reports/returns', { projectId: p.a, month: '2026-01', reason: '数据有误' })).statusCode).toBe(403);
    expect(
      (await operator.post('/api/v1/reports/returns', { projectId: p.a, month: '2026-01', reason: '本月完成投资与形象进度不符' }))
        .statusCode,
    ).toBe(200);
    const grid = (await county.get('/api/v1/reports/grid?month=2026-01')).json();
    expect(grid.rows.find((r: { projectId: number }) => r.projectId === p.a)).toMatchObject({
      status: 'returned',
      returnReason: '本月完成投资与形象进度不符',
    });
    const resubmitted = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: { month: '2026-01', rows: [row(p.a, '90', { baseVersion: 1 })] },
    });
    expect(resubmitted.json()).toMatchObject({ saved: 1 });

    const locked = await operator.post('/api/v1/reports/months/2026-01/lock');
    expect(locked.json()).toMatchObject({ month: '2026-01', isLocked: true });
    expect((await operator.post('/api/v1/reports/months/2026-01/lock')).statusCode).toBe(422);
    const noReason = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: { month: '2026-01', rows: [row(p.a, '95', { baseVersion: 2 })] },
    });
    expect(noReason.json().error.details.fields).toEqual([{ path: 'correctionReason', message: '该月已锁定，修改须填写更正原因' }]);
    const correction = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: { month: '2026-01', rows: [row(p.a, '95', { baseVersion: 2 })], correctionReason: '补录发票' },
    });
    expect(correction.json()).toMatchObject({ saved: 1, corrections: 1 });
    const history = (await county.get(`/api/v1/reports/history?projectId=${p.a}&month=2026-01`)).json();
    expect(history.versions.map((v: { version: number; kind: string; investment: string }) => [v.version, v.kind, v.investment])).toEqual([
      [3, 'correction', '95'],
      [2, 'submission', '90'],
      [1, 'submission', '100'],
    ]);
    expect(history.versions[0]).toMatchObject({ reason: '补录发票', submittedBy: county.username });
    expect(history.returns[0]).toMatchObject({ reason: '本月完成投资与形象进度不符', returnedBy: operator.username });
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'report.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['report.submit', 'report.return', 'report.lock', 'report.correct']));
  });

  it('a save whose write fails in the database fails alone; the others of its batch are written', async () => {
    const a = await reportingContext(org.countyA);
    const b = await reportingContext(org.countyB);
    // A fault in the database for one project's versions (a trigger of this test's database).
    await sql`CREATE FUNCTION test_refuse_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.project_id = ${sql.lit(p.b)} THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$`.execute(t.deps.db);
    await sql`CREATE TRIGGER test_refuse_version BEFORE INSERT ON report_version FOR EACH ROW EXECUTE FUNCTION test_refuse_version()`.execute(
      t.deps.db,
    );
    try {
      // The first two (unchanged, nothing to write) take the two slots; the next three go together.
      const unchanged = () => saveOne(a, '2026-02', p.notStarted, '10', { explanation: '前期费用' });
      const results = await Promise.allSettled([
        unchanged(),
        unchanged(),
        saveOne(a, '2026-03', p.b, '2600'),
        saveOne(b, '2026-03', p.otherCounty, '10'),
        saveOne(a, '2026-03', p.notStarted, '10', { explanation: '前期费用' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(String((results[2] as PromiseRejectedResult).reason)).toContain('disk on fire');
    } finally {
      await sql`DROP TRIGGER test_refuse_version ON report_version`.execute(t.deps.db);
      await sql`DROP FUNCTION test_refuse_version()`.execute(t.deps.db);
    }
    const march = await t.deps.db
      .selectFrom('report_version')
      .select('project_id')
      .where('month', '=', '2026-03-01')
      .orderBy('project_id')
      .execute();
    expect(march.map((r) => r.project_id)).toEqual([p.notStarted, p.otherCounty].sort((x, y) => x - y));
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'report.submit')
      .where('target_id', '=', '2026-03')
      .execute();
    expect(audits.map((r) => r.actor_user_id).sort()).toEqual([a.actor.userId, b.actor.userId].sort());
  });

  it('every project’s kept total equals its versions’ current figures after the saves, batches and corrections above', async () => {
    expect(await t.deps.db.selectFrom('report_project_total').select('project_id').execute()).not.toHaveLength(0);
    expect(await projectTotalsOutOfStep(t.deps.db)).toEqual([]);
    // What came before a month: from the total when nothing later is reported (February),
    // summed month by month when a later month is (January, February being reported).
    const figuresOf = async (month: string, projectId = p.b) =>
      (await county.get(`/api/v1/reports/grid?month=${month}`)).json().rows.find((r: { projectId: number }) => r.projectId === projectId);
    expect(await figuresOf('2026-02')).toMatchObject({ cumulativeBefore: '2500.5', ytdBefore: '2500.5', version: 1 });
    expect(await figuresOf('2026-01')).toMatchObject({ cumulativeBefore: '0', ytdBefore: '0', investment: '2500.5' });
    // Correcting January counts the later months too: 5,000 in all for 甲, February reported.
    const january = await figuresOf('2026-01', p.a);
    const february = await figuresOf('2026-02', p.a);
    const tooMuch = String(5000 - Number(february.investment) + 1);
    const refused = await county.request({
      method: 'PUT',
      url: '/api/v1/reports/grid',
      payload: {
        month: '2026-01',
        correctionReason: '补录',
        rows: [row(p.a, tooMuch, { baseVersion: january.version, explanation: '补录' })],
      },
    });
    expect(refused.json().error.details.fields).toEqual([{ path: 'rows.0.investment', message: expect.stringContaining('5,000') }]);
  });

  it('daily feedback sits on the project’s timeline; the owner enterprise may add it', async () => {
    const posted = await county.post(`/api/v1/projects/${p.a}/feedback`, { notedOn: '2026-03-01', text: '塔吊进场' });
    expect(posted.statusCode, posted.body).toBe(201);
    expect((await county.post(`/api/v1/projects/${p.otherCounty}/feedback`, { notedOn: '2026-03-01', text: 'x' })).statusCode).toBe(404);
    const list = (await operator.get(`/api/v1/projects/${p.a}/feedback`)).json();
    expect(list.items[0]).toMatchObject({ notedOn: '2026-03-01', text: '塔吊进场', authorName: county.username });
  });
});

describe('funds won (争资)', () => {
  it('records and corrects without overwriting: the correction supersedes the old row', async () => {
    const recorded = await county.post('/api/v1/funds', { source: 'special_bonds', amount: '20000', wonOn: '2026-02-15', projectId: p.a });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ unitId: org.countyA, amount: '20000', source: 'special_bonds', projectName: '月报项目甲' });
    expect(
      (await county.post('/api/v1/funds', { unitId: org.countyB, source: 'other', amount: '1', wonOn: '2026-02-15' })).statusCode,
    ).toBe(400);
    const corrected = await county.post(`/api/v1/funds/${recorded.json().id}/corrections`, {
      source: 'special_bonds',
      amount: '18000',
      wonOn: '2026-02-15',
      reason: '以批复文件为准',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ supersedesId: recorded.json().id, amount: '18000', reason: '以批复文件为准' });
    const twice = await county.post(`/api/v1/funds/${recorded.json().id}/corrections`, {
      source: 'special_bonds',
      amount: '1',
      wonOn: '2026-02-15',
      reason: 'x',
    });
    expect(twice.statusCode).toBe(422);
    const list = (await operator.get('/api/v1/funds?year=2026')).json();
    expect(list.items.map((f: { amount: string }) => f.amount)).toEqual(['18000']);
    expect((await t.deps.db.selectFrom('funds_won').select('id').execute()).length).toBe(2);
  });

  it('exports the filtered list as .xlsx, current rows within the jurisdiction only, and audits it', async () => {
    const other = await operator.post('/api/v1/funds', {
      unitId: org.countyB,
      source: 'central_budget',
      amount: '300.5',
      wonOn: '2026-03-01',
    });
    expect(other.statusCode, other.body).toBe(201);
    const rowsOf = async (agent: typeof county, query: string) => {
      const response = await agent.get(`/api/v1/funds/export?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      return await sheetRows(response.rawPayload);
    };
    const city = await rowsOf(operator, 'year=2026');
    expect(city[0]).toEqual(['争取日期', '单位', '项目', '资金来源', '金额（万元）', '说明', '更正原因', '登记人']);
    expect(city.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[6]])).toEqual([
      ['2026-03-01', '耒阳市', '中央预算内投资', 300.5, undefined],
      ['2026-02-15', '珠晖区', '专项债券', 18000, '以批复文件为准'],
    ]);
    // The county sees its own row only; filters are the list's.
    expect((await rowsOf(county, 'year=2026')).slice(1).map((r) => r[4])).toEqual([18000]);
    expect((await rowsOf(operator, 'year=2026&source=central_budget')).slice(1).map((r) => r[4])).toEqual([300.5]);
    expect((await rowsOf(operator, 'year=2025')).length).toBe(1);
    expect((await operator.get('/api/v1/funds/export?year=abc')).statusCode).toBe(400);
    const audits = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'funds.export').execute();
    // Four exports, each audited; the refused query is not an export.
    expect(audits.length).toBe(4);
  });
});
