import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { verifyChain } from '../audit/index.js';
import { createUserInCity } from '../identity/index.js';
import { ensureCity, importEnterprise, importUnit } from '../org/index.js';
import { AREAS } from './domain/areas.js';
import { EVALUATION_DEPARTMENTS, GENERATED_ENTERPRISES, OBJECTOR_NAME } from './domain/evaluation-data.js';
import { ENTERPRISES } from './domain/named-enterprises.js';
import { demoUscc } from './domain/uscc.js';
import { EVALUATION_DEMO_ACCOUNTS, type EvaluationDemoResult, loadEvaluationDemo } from './evaluation.js';

/**
 * The demo's evaluation loaded through the services on the units, departments, named
 * enterprises and accounts the demo's first part creates (made here directly, so this test
 * does not wait for the whole campaign), then read back through the API as the pages do.
 */
const CITY = '430400';
let t: TestApp;
let loaded: EvaluationDemoResult;
let operator: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  const ctx = t.ctx();
  const root = await ensureCity(t.deps.db, ctx, { code: CITY, nameZh: '衡阳市', nameEn: 'Hengyang' });
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  let enterpriseId = 0;
  await t.deps.db.transaction().execute(async (tx) => {
    const unit = async (parentId: number, kind: 'district' | 'park' | 'department', code: string | null, nameZh: string) => {
      const id = await importUnit(tx, ctx, CITY, { parentId, kind, code, nameZh, nameEn: null });
      if (code) byCode.set(code, id);
      byName.set(nameZh, id);
      return id;
    };
    for (const a of AREAS.filter((x) => x.kind === 'county')) await unit(root.id, 'district', a.key, `${a.short}区`);
    for (const a of AREAS.filter((x) => x.kind === 'city_park' || x.kind === 'county_park'))
      await unit(a.countyKey ? byCode.get(a.countyKey)! : root.id, 'park', null, a.key);
    for (const name of Object.values(EVALUATION_DEPARTMENTS)) await unit(root.id, 'department', null, name);
    for (const [name, division, body, owner] of ENTERPRISES) {
      const id = await importEnterprise(tx, ctx, CITY, {
        uscc: demoUscc(division, body),
        name,
        unitId: owner.unitCode ? byCode.get(owner.unitCode)! : byName.get(owner.unitName!)!,
      });
      if (name === OBJECTOR_NAME) enterpriseId = id;
    }
  });
  const accounts = [
    { username: 'operator', role: 'city_operator' as const, scopeUnitId: null, scopeEnterpriseId: null },
    { username: 'enterprise', role: 'enterprise' as const, scopeUnitId: null, scopeEnterpriseId: enterpriseId },
    ...EVALUATION_DEMO_ACCOUNTS.map((a) => ({
      username: a.username,
      role: a.role,
      scopeUnitId: byName.get(a.scope!.unitName!)!,
      scopeEnterpriseId: null,
    })),
  ];
  for (const a of accounts)
    await createUserInCity(
      t.deps.identity,
      ctx,
      CITY,
      { ...a, displayName: a.username, password: 'Juli#Hy2022' },
      { mustChangePassword: false, isDemo: true },
    );
  const started = performance.now();
  loaded = await loadEvaluationDemo(t.deps.db, ctx, { cityCode: CITY, unitByCode: byCode, unitByName: byName });
  console.info(`demo evaluation: ${JSON.stringify(loaded)} in ${Math.round(performance.now() - started)} ms`);
  operator = await signedIn(t, 'city_operator');
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe(loadEvaluationDemo.name, () => {
  it('registers a few hundred enterprises and loads eight department files, two runs of 2021 and one of 2022', () => {
    expect(loaded).toMatchObject({
      register: GENERATED_ENTERPRISES + ENTERPRISES.length,
      enterprisesCreated: GENERATED_ENTERPRISES,
      imports: 8,
      runs: 3,
      objections: 2,
    });
  });

  it('leaves 2021 final (the corrected re-run) and 2022 in public comment with an open objection', async () => {
    const runs = (await operator.get('/api/v1/evaluation/runs')).json().items;
    const view = runs.map((r: { year: number; runNo: number; status: string }) => `${r.year}#${r.runNo} ${r.status}`).sort();
    expect(view).toEqual(['2021#1 superseded', '2021#2 final', '2022#1 published']);
    const run2022 = runs.find((r: { year: number }) => r.year === 2022);
    expect(run2022.objectionDeadline).toBe('2023-04-14');
    expect(run2022.counts.classed).toBeGreaterThan(200);
    expect(run2022.counts.exempt).toBeGreaterThanOrEqual(5);
    expect(run2022.counts.notCovered).toBeGreaterThan(3);
    expect(Object.keys(run2022.classCounts).sort()).toEqual(['A', 'B', 'C', 'D', 'T']);

    const objections = (await operator.get('/api/v1/evaluation/objections')).json().items;
    expect(
      objections.map((o: { year: number; status: string; enterpriseName: string }) => `${o.year} ${o.status} ${o.enterpriseName}`).sort(),
    ).toEqual([`2021 accepted ${OBJECTOR_NAME}`, `2022 pending ${OBJECTOR_NAME}`]);
    // The enterprise account sees its own result of both years.
    const enterprise = await signedInAs('enterprise');
    const mine = (await enterprise.get(`/api/v1/evaluation/runs/${run2022.id}/results`)).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ name: OBJECTOR_NAME, status: 'classed' });
    const explained = (await enterprise.get(`/api/v1/evaluation/runs/${run2022.id}/results/${mine.items[0].enterpriseId}`)).json();
    expect(explained.previousClass).not.toBeNull();
    expect(explained.indicators.map((i: { key: string }) => i.key)).toEqual(['taxPerMu', 'salesPerMu', 'taxPerEnergy']);
  });

  it('keeps the sources: the operator sees every upload, resolved conflicts of both years and two new ones from the late 2022 supplement', async () => {
    const uploads = (await operator.get('/api/v1/evaluation/data/imports?pageSize=20')).json();
    expect(uploads.total).toBe(8);
    expect(new Set(uploads.items.map((u: { sourceUnitName: string }) => u.sourceUnitName))).toEqual(
      new Set(Object.values(EVALUATION_DEPARTMENTS)),
    );
    const open = (await operator.get('/api/v1/evaluation/conflicts?year=2022&isResolved=false')).json().items;
    expect(open).toHaveLength(2);
    expect(open.every((c: { field: string }) => c.field === 'energyTce')).toBe(true);
    expect(open.map((c: { enterpriseName: string }) => c.enterpriseName)).toContain(OBJECTOR_NAME);
    expect((await operator.get('/api/v1/evaluation/conflicts?year=2022&isResolved=true')).json().items).toHaveLength(4);
    expect((await operator.get('/api/v1/evaluation/conflicts?year=2021')).json().items).toHaveLength(3);
    // A department sees its own uploads.
    const tax = await signedInAs('tax');
    expect((await tax.get('/api/v1/evaluation/data/imports')).json().total).toBe(3);
  });

  it('shows distributions, class moves and a policy list with rows', async () => {
    const runs = (await operator.get('/api/v1/evaluation/runs?year=2022')).json().items;
    const id = runs[0].id;
    const byPark = (await operator.get(`/api/v1/evaluation/runs/${id}/distribution?by=park`)).json();
    expect(byPark.rows.length).toBeGreaterThan(5);
    const moves = (await operator.get('/api/v1/evaluation/moves?year=2022')).json();
    expect(moves.up + moves.down).toBeGreaterThan(10);
    expect(moves.same).toBeGreaterThan(moves.up);
    const surcharge = (await operator.get(`/api/v1/evaluation/runs/${id}/policy-list?kind=electricity`)).json();
    expect(surcharge.items.length).toBeGreaterThan(50);
  });

  it('writes an intact audit trail naming the people who acted', async () => {
    expect((await verifyChain(t.deps.db, CITY)).broken).toBeNull();
    const actors = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_username', 'action'])
      .where('action', 'like', 'evaluation.%')
      .execute();
    const who = (action: string) => new Set(actors.filter((a) => a.action === action).map((a) => a.actor_username));
    expect(who('evaluation.run.create')).toEqual(new Set(['operator']));
    expect(who('evaluation.objection.create')).toEqual(new Set(['enterprise']));
    expect(who('evaluation.data.import')).toEqual(new Set(['tax', 'stats', 'miit']));
  });
});

async function signedInAs(username: string) {
  const { Agent } = await import('../../../test/app.js');
  const agent = new Agent(t.app);
  const { response } = await agent.login(username, 'Juli#Hy2022');
  if (response.statusCode !== 200) throw new Error(response.body);
  return agent;
}
