import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeProject, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { multipart, sheetRows } from '../../../test/sheets.js';
import { submitReports } from '../reports/service.js';

let t: TestApp;
let org: TestOrg;
let county: Awaited<ReturnType<typeof signedIn>>;
let countyB: Awaited<ReturnType<typeof signedIn>>;
let leader: Awaited<ReturnType<typeof signedIn>>;
const p = {} as { startedEarly: number; startedLate: number; invested: number; notStarted: number; otherCounty: number };
let letterId: number;

const pdf = Buffer.from('%PDF-1.7\n%signed letter\n%%EOF\n');

beforeAll(async () => {
  // The clock: 2026-03-02 in Shanghai.
  t = await createTestApp();
  org = await seedOrg(t);
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  countyB = await signedIn(t, 'reporting_unit', { unitId: org.countyB });
  leader = await signedIn(t, 'city_leader');
  const ops = await operatorContext(t);
  const start = (actualOn: string | null) => ({ milestones: [{ kind: 'start' as const, plannedOn: '2026-02-15', actualOn }] });
  p.startedEarly = await makeProject(t, ops, org.parkA, { name: '按期开工项目', totalInvestment: '8000', ...start('2026-02-10') });
  p.startedLate = await makeProject(t, ops, org.countyA, { name: '延期开工项目', totalInvestment: '8000', ...start('2026-02-25') });
  p.invested = await makeProject(t, ops, org.countyA, {
    name: '投资项目',
    totalInvestment: '50000',
    ...start('2025-05-01'),
    annualPlans: [{ year: 2026, plannedInvestment: '2400', monthly: Array(12).fill('200') }],
  });
  p.notStarted = await makeProject(t, ops, org.countyA, { name: '未开工项目', totalInvestment: '3000', ...start(null) });
  p.otherCounty = await makeProject(t, ops, org.countyB, { name: '别县项目', totalInvestment: '3000' });
  await submitReports(t.deps.db, ops(), {
    month: '2026-01',
    rows: [{ projectId: p.invested, investment: '300', baseVersion: 0, explanation: '年初集中支付' }],
  });
  await submitReports(t.deps.db, ops(), {
    month: '2026-02',
    rows: [{ projectId: p.invested, investment: '200', baseVersion: 0 }],
  });
});
afterAll(async () => {
  await t?.close();
});

const items = () => [
  { kind: 'project_start', projectId: p.startedEarly, deadline: '2026-02-20' },
  { kind: 'project_start', projectId: p.startedLate, deadline: '2026-02-20' },
  { kind: 'project_start', projectId: p.notStarted, deadline: '2026-02-28' },
  { kind: 'project_investment', projectId: p.invested, deadline: '2026-12-31', committedAmount: '1000', weight: 2 },
  { kind: 'unit_investment', deadline: '2026-12-31', committedAmount: '400' },
  { kind: 'unit_starts', deadline: '2026-06-30', committedCount: 3 },
];

describe('commitment letters', () => {
  it('a unit drafts its letter; items about another unit’s projects are refused field by field', async () => {
    const bad = await county.post('/api/v1/commitments', {
      year: 2026,
      title: '2026年项目建设承诺书',
      items: [
        { kind: 'project_start', projectId: p.otherCounty, deadline: '2026-06-30' },
        { kind: 'unit_investment', projectId: p.invested, deadline: '2026-12-31' },
        { kind: 'project_start', projectId: p.notStarted, deadline: '2028-01-01' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([
      { path: 'items.0.projectId', message: '所选记录不存在或不在您的管辖范围内' },
      { path: 'items.1.projectId', message: '单位总量类承诺不能指定项目' },
      { path: 'items.1.committedAmount', message: '必填' },
      { path: 'items.2.deadline', message: '承诺期限须在承诺年度或次年内' },
    ]);
    expect((await county.get('/api/v1/commitments?year=2026')).json().items).toEqual([]);

    const created = await county.post('/api/v1/commitments', { year: 2026, title: '2026年项目建设承诺书', items: items() });
    expect(created.statusCode).toBe(201);
    letterId = created.json().id;
    expect(created.json()).toMatchObject({ unitId: org.countyA, status: 'draft', hasScan: false, itemCount: 6 });
    const again = await county.post('/api/v1/commitments', { year: 2026, title: '重复', items: [] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该单位本年度已有同类承诺书');
  });

  it('measures every item from the platform’s data as of a date', async () => {
    const letter = (await county.get(`/api/v1/commitments/${letterId}?asOf=2026-03-02`)).json();
    const byKind = letter.items.map((i: { kind: string; status: string; progress: number; actual: string | null }) => [
      i.kind,
      i.status,
      i.progress,
      i.actual,
    ]);
    expect(byKind).toEqual([
      ['project_start', 'fulfilled', 1, '2026-02-10'],
      ['project_start', 'late', 1, '2026-02-25'],
      ['project_start', 'missed', 0, null],
      // 300 + 200 of 1000: half way, the deadline still ahead.
      ['project_investment', 'pending', 0.5, '500'],
      // The unit's total (its parks included) reached 400 in February.
      ['unit_investment', 'fulfilled', 1, '500'],
      // Two of three starts this year (the 2025 start does not count).
      ['unit_starts', 'pending', 0.666666, '2'],
    ]);
    expect(letter.counts).toEqual({ pending: 2, fulfilled: 2, late: 1, missed: 1 });
    // Decided items only: (1 + 0 + 0 + 1) ÷ 4.
    expect(letter.fulfilmentRate).toBe(0.5);

    // Earlier, before any deadline: all pending, nothing decided.
    const early = (await county.get(`/api/v1/commitments/${letterId}?asOf=2026-01-31`)).json();
    expect(early.items.map((i: { status: string }) => i.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(early.fulfilmentRate).toBeNull();

    // At year end the investment item short of its target counts min(actual ÷ committed, 1).
    const yearEnd = (await county.get(`/api/v1/commitments/${letterId}?asOf=2027-01-31`)).json();
    expect(yearEnd.items[3]).toMatchObject({ status: 'missed', score: 0.5 });
    expect(yearEnd.items[5]).toMatchObject({ status: 'missed', score: 0.666666 });
    expect(yearEnd.fulfilmentRate).toBeCloseTo((1 + 0 + 0 + 2 * 0.5 + 1 + 0.666666) / 7, 6);
  });

  it('signing needs the scan; a signed letter changes only through a recorded amendment', async () => {
    let letter = (await county.get(`/api/v1/commitments/${letterId}`)).json();
    const noScan = await county.post(`/api/v1/commitments/${letterId}/sign`, { version: letter.version, signedOn: '2026-02-28' });
    expect(noScan.json().error.message).toBe('请先上传签字盖章的承诺书扫描件');

    const notPdf = await county.request({
      method: 'POST',
      url: `/api/v1/commitments/${letterId}/scan`,
      ...multipart('承诺书.pdf', Buffer.from('hello')),
    });
    expect(notPdf.statusCode).toBe(400);
    const scanned = await county.request({ method: 'POST', url: `/api/v1/commitments/${letterId}/scan`, ...multipart('承诺书.pdf', pdf) });
    expect(scanned.json()).toMatchObject({ hasScan: true });
    const download = await leader.get(`/api/v1/commitments/${letterId}/scan`);
    expect(download.rawPayload.equals(pdf)).toBe(true);

    const future = await county.post(`/api/v1/commitments/${letterId}/sign`, { version: scanned.json().version, signedOn: '2026-03-03' });
    expect(future.statusCode).toBe(400);
    const signed = await county.post(`/api/v1/commitments/${letterId}/sign`, { version: scanned.json().version, signedOn: '2026-02-28' });
    expect(signed.json()).toMatchObject({ status: 'signed', signedOn: '2026-02-28' });
    letter = signed.json();

    const edit = await county.put(`/api/v1/commitments/${letterId}/items`, { version: letter.version, items: items().slice(0, 2) });
    expect(edit.json().error.message).toBe('承诺书已签署，不能直接修改，请通过变更记录调整');
    const rescan = await county.request({ method: 'POST', url: `/api/v1/commitments/${letterId}/scan`, ...multipart('新.pdf', pdf) });
    expect(rescan.statusCode).toBe(422);

    const stale = await county.post(`/api/v1/commitments/${letterId}/amendments`, {
      version: letter.version - 1,
      reason: '调整',
      items: items(),
    });
    expect(stale.statusCode).toBe(409);
    const changed = items().map((i) => (i.kind === 'unit_starts' ? { ...i, committedCount: 2 } : i));
    const amended = await county.post(`/api/v1/commitments/${letterId}/amendments`, {
      version: letter.version,
      reason: '市指挥部同意将开工数调整为2个',
      items: changed,
    });
    expect(amended.statusCode).toBe(200);
    const after = amended.json();
    expect(after.items[5]).toMatchObject({ committedCount: 2, status: 'fulfilled' });
    expect(after.amendments).toHaveLength(1);
    expect(after.amendments[0]).toMatchObject({ reason: '市指挥部同意将开工数调整为2个' });
    expect(after.amendments[0].before[5]).toMatchObject({ committedCount: 3 });
    expect(after.amendments[0].after[5]).toMatchObject({ committedCount: 2 });

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'commitment_letter')
      .where('target_id', '=', String(letterId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['commitment.create', 'commitment.scan', 'commitment.sign', 'commitment.amend']);
  });

  it('is scoped: another county sees nothing and cannot reach the letter; the city reads all', async () => {
    expect((await countyB.get('/api/v1/commitments?year=2026')).json().items).toEqual([]);
    expect((await countyB.get(`/api/v1/commitments/${letterId}`)).statusCode).toBe(404);
    expect((await countyB.get(`/api/v1/commitments/${letterId}/scan`)).statusCode).toBe(404);
    const all = (await leader.get('/api/v1/commitments?year=2026')).json().items;
    expect(all.map((l: { id: number }) => l.id)).toEqual([letterId]);
    expect((await leader.post('/api/v1/commitments', { year: 2026, title: 'x', items: [] })).statusCode).toBe(403);
  });

  it('exports the year’s letters as the list shows them, within the jurisdiction, audited', async () => {
    const asOf = '2026-06-30';
    const listed = (await leader.get(`/api/v1/commitments?year=2026&asOf=${asOf}`)).json().items;
    const response = await leader.get(`/api/v1/commitments/export?year=2026&asOf=${asOf}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(response.rawPayload);
    expect(rows[0]).toEqual([
      '单位',
      '类型',
      '标题',
      '状态',
      '签署日期',
      '事项数',
      '兑现率（%）',
      '进行中',
      '已兑现',
      '逾期兑现',
      '未兑现',
      '测算日期',
    ]);
    expect(rows.slice(1).map((r) => [r[2], r[5], r[11]])).toEqual(
      listed.map((l: { title: string; itemCount: number }) => [l.title, l.itemCount, asOf]),
    );
    const first = listed[0] as { fulfilmentRate: number | null; counts: { fulfilled: number } };
    expect(rows[1]![6]).toBe(first.fulfilmentRate === null ? undefined : Math.round(first.fulfilmentRate * 1000) / 10);
    expect(rows[1]![8]).toBe(first.counts.fulfilled);
    // Another county's export holds no row of this one.
    expect((await sheetRows((await countyB.get('/api/v1/commitments/export?year=2026')).rawPayload)).length).toBe(1);
    const audits = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'commitment.export').execute();
    expect(audits.length).toBe(2);
  });

  it('a safety responsibility letter records its items by hand, with evidence', async () => {
    const created = await county.post('/api/v1/commitments', {
      year: 2026,
      kind: 'safety',
      title: '2026年安全生产责任状',
      items: [
        { kind: 'manual', deadline: '2026-12-31', description: '全年不发生较大及以上生产安全事故' },
        { kind: 'manual', deadline: '2026-02-28', description: '春节前完成重点企业隐患排查' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const letter = created.json();
    const [yearLong, checkup] = letter.items;
    expect(letter.items.map((i: { status: string }) => i.status)).toEqual(['pending', 'missed']);
    const recorded = await county.post(`/api/v1/commitments/${letter.id}/items/${checkup.id}/record`, {
      status: 'fulfilled',
      on: '2026-02-12',
      evidence: '排查台账及整改通知书（2026-02-12）',
    });
    expect(recorded.json().items[1]).toMatchObject({ status: 'fulfilled', evidence: '排查台账及整改通知书（2026-02-12）' });
    const missed = await county.post(`/api/v1/commitments/${letter.id}/items/${yearLong.id}/record`, {
      status: 'missed',
      on: '2026-03-01',
      evidence: '3月1日发生较大事故',
    });
    expect(missed.json().items[0]).toMatchObject({ status: 'missed' });
    expect(missed.json().fulfilmentRate).toBe(0.5);
    const measured = (await county.get(`/api/v1/commitments/${letterId}`)).json().items[0];
    const refused = await county.post(`/api/v1/commitments/${letterId}/items/${measured.id}/record`, {
      status: 'fulfilled',
      on: '2026-03-01',
      evidence: 'x',
    });
    expect(refused.json().error.message).toBe('该承诺事项由平台数据自动核定，不能手工登记');
  });

  it('the year-end account (交总账) is a Word document with every item and the rate', async () => {
    const doc = await county.get(`/api/v1/commitments/${letterId}/account.docx?asOf=2027-01-31`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('珠晖区2026年度项目建设承诺兑现情况（交总账）');
    expect(text).toContain('统计截至2027-01-31');
    expect(text).toContain('延期开工项目');
    expect(text).toContain('市指挥部同意将开工数调整为2个');
    expect(text).toMatch(/加权兑现率\d+\.\d%/);
  });
});
