import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DealStage, FUNNEL_STAGES } from '../../../contracts/index.js';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeDeal, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { type FunnelDeal, funnelFigures } from './domain/funnel.js';

let t: TestApp;
let org: TestOrg;
let county: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  // The manual clock reads 2026-03-02 09:00 in Shanghai.
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  operator = await signedIn(t, 'city_operator');
});
afterAll(async () => {
  await t?.close();
});

const filing = (overrides: Record<string, unknown> = {}) => ({
  projectName: '新能源电池材料项目',
  investorName: '湖南示例新能源有限公司',
  contractedAmount: '120000',
  industryCode: '38',
  source: 'domestic',
  signedOn: '2026-02-25',
  registrationDeadline: '2026-04-30',
  startDeadline: '2026-06-30',
  productionDeadline: '2027-06-30',
  capitalSchedule: [{ dueOn: '2026-05-31', amount: '30000' }],
  plannedRdAmount: '6000',
  plannedEnergyTce: '9000',
  plannedAnnualOutput: '200000',
  expectedAnnualTax: '3000',
  landAreaMu: '150',
  ...overrides,
});

describe('filing a deal', () => {
  it('files for the caller’s own unit with the 三量 check, counted amount and filing delay', async () => {
    const response = await county.post('/api/v1/deals', filing());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      unitId: org.countyA,
      unitName: '珠晖区',
      kind: 'new',
      stage: 'signed',
      stageOn: '2026-02-25',
      filedOn: '2026-03-02',
      filingDelayDays: 5,
      isLateFiling: false,
      contractedAmount: '120000',
      countedAmount: '120000',
      duplicateStatus: 'none',
      threeQuantities: { score: 3, max: 3 },
    });
  });

  it('flags a filing more than 10 days after signing (and follows the configured deadline)', async () => {
    const late = (await county.post('/api/v1/deals', filing({ projectName: '迟报项目', signedOn: '2026-02-10' }))).json();
    expect(late).toMatchObject({ filingDelayDays: 20, isLateFiling: true });
    const settings = (await operator.get('/api/v1/settings/registry')).json();
    const changed = await operator.request({
      method: 'PUT',
      url: '/api/v1/settings/registry',
      payload: { ...settings, filingDeadlineDays: 30 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const onTime = (await county.post('/api/v1/deals', filing({ projectName: '放宽后项目', signedOn: '2026-02-10' }))).json();
    expect(onTime.isLateFiling).toBe(false);
  });

  it.each([
    [{ investorUscc: '91430400MA4L2B3C1F' }, 'investorUscc'],
    [{ contractedAmount: '-5' }, 'contractedAmount'],
    [{ contractedAmount: 'abc' }, 'contractedAmount'],
    [{ contractedAmount: 1200 }, 'contractedAmount'],
    [{ signedOn: '2026-02-30' }, 'signedOn'],
    [{ signedOn: '2026-03-05' }, 'signedOn'],
    [{ startDeadline: '2026-01-01' }, 'startDeadline'],
    [{ industryCode: '99' }, 'industryCode'],
    [{ source: 'martian' }, 'source'],
    [{ kind: 'resign' }, 'predecessorDealId'],
  ])('refuses %o (field %s) and writes nothing', async (patch, path) => {
    const before = (await t.deps.db.selectFrom('deal').select('id').execute()).length;
    const response = await county.post('/api/v1/deals', filing({ projectName: `坏数据${path}`, ...patch }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
    expect((await t.deps.db.selectFrom('deal').select('id').execute()).length).toBe(before);
  });

  it('counts only the increase of a capital increase, and a new deal once', async () => {
    const first = (await county.post('/api/v1/deals', filing({ projectName: '增资前项目' }))).json();
    const increase = await county.post(
      '/api/v1/deals',
      filing({ projectName: '增资前项目', kind: 'capital_increase', predecessorDealId: first.id, contractedAmount: '150000' }),
    );
    expect(increase.statusCode, increase.body).toBe(201);
    expect(increase.json()).toMatchObject({ kind: 'capital_increase', countedAmount: '30000', duplicateStatus: 'none' });
  });

  it('flags the same investor + project filed by two units; the operator keeps one and the other stops counting', async () => {
    const other = await signedIn(t, 'reporting_unit', { unitId: org.countyB });
    const a = (await county.post('/api/v1/deals', filing({ projectName: '抢报项目', investorName: '某集团有限公司' }))).json();
    const b = (await other.post('/api/v1/deals', filing({ projectName: '抢报（项目）', investorName: '某集团 有限公司' }))).json();
    expect(b.duplicateStatus).toBe('flagged');
    expect((await county.get(`/api/v1/deals/${a.id}`)).json().duplicateStatus).toBe('flagged');
    const ids = (r: { json: () => { items: { id: number }[] } }) => r.json().items.map((d) => d.id);
    // The operator sees the whole group; a county only the filings in its own jurisdiction.
    expect(ids(await operator.get(`/api/v1/deals/${b.id}/duplicates`))).toEqual([a.id, b.id]);
    expect(ids(await county.get(`/api/v1/deals/${a.id}/duplicates`))).toEqual([a.id]);
    expect((await county.get(`/api/v1/deals/${b.id}/duplicates`)).statusCode).toBe(404);
    expect((await county.post(`/api/v1/deals/${a.id}/settle-duplicate`, { keepDealId: a.id })).statusCode).toBe(403);
    const settled = await operator.post(`/api/v1/deals/${b.id}/settle-duplicate`, { keepDealId: a.id });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ duplicateStatus: 'excluded', duplicateOfDealId: a.id });
    expect((await operator.get(`/api/v1/deals?duplicateStatus=kept`)).json().items.map((d: { id: number }) => d.id)).toContain(a.id);
    const group = (await operator.get(`/api/v1/deals/${a.id}/duplicates`)).json().items;
    expect(group.map((d: { id: number; duplicateStatus: string }) => [d.id, d.duplicateStatus])).toEqual([
      [a.id, 'kept'],
      [b.id, 'excluded'],
    ]);
  });

  it("lists a unit's own filings apart from those of the units under it", async () => {
    const park = await signedIn(t, 'reporting_unit', { unitId: org.parkA });
    const own = (await county.post('/api/v1/deals', filing({ projectName: '区本级项目', investorName: '本级投资有限公司' }))).json();
    const below = (await park.post('/api/v1/deals', filing({ projectName: '园区项目', investorName: '园区投资有限公司' }))).json();
    const list = async (query: string) =>
      (await operator.get(`/api/v1/deals?pageSize=100&${query}`)).json().items.map((d: { id: number }) => d.id) as number[];
    const subtree = await list(`unitId=${org.countyA}`);
    expect(subtree).toEqual(expect.arrayContaining([own.id, below.id]));
    const ownOnly = await list(`unitId=${org.countyA}&unitOnly=true`);
    expect(ownOnly).toContain(own.id);
    expect(ownOnly).not.toContain(below.id);
    expect(await list(`unitId=${org.parkA}&unitOnly=true`)).toContain(below.id);
  });
});

describe('stages', () => {
  it('moves forward, needs a reason back, keeps the history, and landing creates the registry project', async () => {
    const deal = (await county.post('/api/v1/deals', filing({ projectName: '阶段测试项目', investorUscc: '12430400445600121K' }))).json();
    const step = (body: Record<string, unknown>) => county.post(`/api/v1/deals/${deal.id}/transitions`, body);
    let current = deal;
    const fulfil = await step({ version: current.version, toStage: 'fulfilling', occurredOn: '2026-02-27', evidence: '营业执照已办理' });
    expect(fulfil.statusCode, fulfil.body).toBe(200);
    current = fulfil.json();
    const stale = await step({ version: deal.version, toStage: 'landed', occurredOn: '2026-03-01' });
    expect(stale.statusCode).toBe(409);
    const landed = await step({ version: current.version, toStage: 'landed', occurredOn: '2026-03-01' });
    expect(landed.statusCode, landed.body).toBe(200);
    current = landed.json();
    expect(current.projectId).toEqual(expect.any(Number));
    const project = (await county.get(`/api/v1/projects/${current.projectId}`)).json();
    expect(project).toMatchObject({
      name: '阶段测试项目',
      totalInvestment: '120000',
      unitId: org.countyA,
      ownerUscc: '12430400445600121K',
      linkedDeals: [{ id: deal.id }],
    });
    const history = (await county.get(`/api/v1/projects/${current.projectId}/history`)).json();
    expect(history.items[0]).toMatchObject({ version: 1, source: 'deal' });

    const back = await step({ version: current.version, toStage: 'fulfilling', occurredOn: '2026-03-02' });
    expect(back.json().error.details.fields).toEqual([{ path: 'reason', message: '停滞、终止或退回以前的阶段须说明原因' }]);
    const future = await step({ version: current.version, toStage: 'started', occurredOn: '2026-03-03' });
    expect(future.json().error.details.fields[0]).toMatchObject({ path: 'occurredOn', message: '变更日期不能晚于今天' });
    const stalled = await step({ version: current.version, toStage: 'stalled', occurredOn: '2026-03-02', reason: '用地报批未完成' });
    expect(stalled.json()).toMatchObject({ stage: 'stalled', stageReason: '用地报批未完成', projectId: current.projectId });
    const events = (await county.get(`/api/v1/deals/${deal.id}/history`)).json().items;
    expect(events.map((e: { toStage: DealStage }) => e.toStage)).toEqual(['signed', 'fulfilling', 'landed', 'stalled']);
    expect(events[1]).toMatchObject({ fromStage: 'signed', evidence: '营业执照已办理', actorName: county.username });
    const terminate = await step({ version: stalled.json().version, toStage: 'terminated', occurredOn: '2026-03-02', reason: '企业撤资' });
    expect(terminate.statusCode).toBe(200);
    const after = await step({ version: terminate.json().version, toStage: 'started', occurredOn: '2026-03-02', reason: 'x' });
    expect(after.statusCode).toBe(422);
  });
});

describe('contract scan', () => {
  it('accepts a PDF (by its content), refuses other files, and the download is the same bytes and audited', async () => {
    const { multipart } = await import('../../../test/sheets.js');
    const deal = (await county.post('/api/v1/deals', filing({ projectName: '合同扫描件项目' }))).json();
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
    const send = (data: Buffer, name: string) =>
      county.request({ method: 'POST', url: `/api/v1/deals/${deal.id}/contract`, ...multipart(name, data) });
    const refused = await send(Buffer.from('MZ executable pretending'), '合同.pdf');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields).toEqual([{ path: 'file', message: '只接受 PDF、JPG 或 PNG 文件' }]);
    const accepted = await send(pdf, '签约合同.pdf');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ hasContractScan: true, version: deal.version + 1 });
    const download = await operator.get(`/api/v1/deals/${deal.id}/contract`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('签约合同.pdf'));
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', String(deal.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['deal.contract.upload', 'deal.contract.download']));
  });
});

describe('funnel', () => {
  it('the SQL figures agree with the domain function on generated deals, for every unit row and the total', async () => {
    const fresh = await createTestApp();
    try {
      const o = await seedOrg(fresh);
      const ops = await operatorContext(fresh);
      const units = [o.countyA, o.parkA, o.townA, o.countyB, o.platform];
      let seed = 2022;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const stages = ['fulfilling', 'landed', 'started', 'in_production', 'stalled', 'terminated'] as const;
      const domainDeals = new Map<number, FunnelDeal & { unitId: number }>();
      for (let i = 0; i < 60; i++) {
        const unitId = units[Math.floor(random() * units.length)]!;
        const signedOn = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        const amount = `${Math.floor(random() * 90_000) + 100}.${Math.floor(random() * 100)}`;
        fresh.clock.set('2025-12-31T10:00:00+08:00');
        const deal = await makeDeal(fresh, ops, unitId, {
          contractedAmount: amount,
          signedOn,
          projectName: `生成${i}`,
          investorName: `投资方${i % 50}`,
        });
        const history: { toStage: DealStage; occurredOn: string }[] = [{ toStage: 'signed', occurredOn: signedOn }];
        let version = deal.version;
        let date = signedOn;
        for (let step = 0; step < Math.floor(random() * 4); step++) {
          const next = new Date(Date.parse(`${date}T00:00:00Z`) + (5 + Math.floor(random() * 60)) * 86_400_000).toISOString().slice(0, 10);
          if (next > '2026-03-02') break;
          const to = stages[Math.floor(random() * stages.length)]!;
          fresh.clock.set('2026-03-02T10:00:00+08:00');
          const { transitionDeal } = await import('./service.js');
          try {
            const moved = await transitionDeal(fresh.deps.db, ops(), deal.id, {
              version,
              toStage: to,
              occurredOn: next,
              reason: '生成数据',
            });
            version = moved.version;
            history.push({ toStage: to, occurredOn: next });
            date = next;
          } catch {
            break; // e.g. the same stage twice, or after termination: the domain refuses it too
          }
        }
        domainDeals.set(deal.id, {
          unitId,
          kind: 'new',
          signedOn,
          contractedAmount: amount,
          countedAmount: amount,
          duplicateStatus: deal.duplicateStatus,
          isLateFiling: deal.isLateFiling,
          history,
        });
      }
      const { funnel } = await import('./service.js');
      for (const window of [
        { cohortFrom: '2025-01-01', cohortTo: '2025-12-31', asOf: '2025-12-31' },
        { cohortFrom: '2025-04-01', cohortTo: '2025-09-30', asOf: '2026-02-15' },
        { cohortFrom: '2025-01-01', cohortTo: '2025-06-30', asOf: '2025-06-30' },
      ]) {
        const result = await funnel(fresh.deps.db, ops(), window);
        const all = [...domainDeals.values()];
        const expectTotal = funnelFigures(all, window, null);
        expect(result.total.cohortCount).toBe(expectTotal.cohortCount);
        expect(result.total.cohortAmount).toBe(expectTotal.cohortAmount);
        expect(result.total.attractedAmount).toBe(expectTotal.attractedAmount);
        for (const stage of FUNNEL_STAGES)
          expect(result.total.stages[stage], `${stage} ${JSON.stringify(window)}`).toEqual(expectTotal.stages[stage]);
        // countyA's row covers its park and township.
        const countyRow = result.units.find((u) => u.unitId === o.countyA)!;
        const countyDeals = all.filter((d) => [o.countyA, o.parkA, o.townA].includes(d.unitId));
        const expectCounty = funnelFigures(countyDeals, window, null);
        expect(countyRow.cohortCount).toBe(expectCounty.cohortCount);
        for (const stage of FUNNEL_STAGES) expect(countyRow.stages[stage]).toEqual(expectCounty.stages[stage]);
        expect(result.units.map((u) => u.unitId).sort()).toEqual([o.countyA, o.countyB, o.platform].sort());
      }
    } finally {
      await fresh.close();
    }
  });

  it('the attraction rate uses the unit’s target; a drill-down lists the deals behind a figure', async () => {
    expect(
      (
        await operator.request({
          method: 'PUT',
          url: '/api/v1/settings/deal-targets',
          payload: { unitId: org.countyA, year: 2026, amount: '1000000' },
        })
      ).statusCode,
    ).toBe(200);
    const query = 'cohortFrom=2026-01-01&cohortTo=2026-12-31&asOf=2026-03-02';
    const result = (await operator.get(`/api/v1/deals/funnel?${query}`)).json();
    const row = result.units.find((u: { unitId: number }) => u.unitId === org.countyA);
    expect(row.target).toBe('1000000');
    expect(row.attractionRate).toBeCloseTo(Number(row.attractedAmount) / 1_000_000, 6);
    const drill = (
      await operator.get(
        `/api/v1/deals?unitId=${org.countyA}&signedFrom=2026-01-01&signedTo=2026-12-31&reached=landed&asOf=2026-03-02&pageSize=200`,
      )
    ).json();
    expect(drill.total).toBe(row.stages.landed.reachedCount);
    // The county sees only its own funnel.
    const own = (await county.get(`/api/v1/deals/funnel?${query}`)).json();
    expect(own.total.unitId).toBe(org.countyA);
    // Its own filings are a row of their own (本级), then its park.
    expect(own.units.map((u: { unitId: number; unitName: string }) => [u.unitId, u.unitName])).toEqual([
      [org.countyA, '珠晖区（本级）'],
      [org.parkA, '示例园区'],
    ]);
  });

  it('a new year starts from the last year’s targets: units without one get it, set ones are kept, each write audited', async () => {
    const put = async (unitId: number, year: number, amount: string) =>
      expect(
        (await operator.request({ method: 'PUT', url: '/api/v1/settings/deal-targets', payload: { unitId, year, amount } })).statusCode,
      ).toBe(200);
    await put(org.countyA, 2030, '500');
    await put(org.countyB, 2030, '700');
    await put(org.countyA, 2031, '999');
    const copy = (fromYear: number, toYear: number) =>
      operator.request({ method: 'POST', url: '/api/v1/settings/deal-targets/copy', payload: { fromYear, toYear } });
    expect((await operator.get('/api/v1/settings/deal-targets?year=2031')).json().previousYear).toBe(2030);
    expect((await operator.get('/api/v1/settings/deal-targets?year=2030')).json().previousYear).toBe(2026);

    const first = await copy(2030, 2031);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ copied: 1, year: 2031 });
    const targets = (await operator.get('/api/v1/settings/deal-targets?year=2031')).json();
    expect(targets.items.map((i: { unitId: number; amount: string }) => [i.unitId, i.amount]).sort()).toEqual(
      [
        [org.countyA, '999'],
        [org.countyB, '700'],
      ].sort(),
    );
    // Again: nothing left to copy.
    expect((await copy(2030, 2031)).json()).toEqual({ copied: 0, year: 2031 });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'settings.deal_target.set')
      .where('target_id', '=', `${org.countyB}/2031`)
      .execute();
    expect(audit).toEqual([{ before: null, after: { amount: '700', copiedFrom: 2030 } }]);

    const same = await copy(2031, 2031);
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details.fields).toEqual([{ path: 'fromYear', message: '复制来源年度不能与目标年度相同' }]);
    // A county may not set the city's targets.
    expect(
      (await county.request({ method: 'POST', url: '/api/v1/settings/deal-targets/copy', payload: { fromYear: 2030, toYear: 2032 } }))
        .statusCode,
    ).toBe(403);
  });
});
