import { readFileSync } from 'node:fs';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { type TestOrg, makeProject, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { packageRoot } from '../../lib/package-root.js';

/**
 * The export over HTTP on a real database, validated against the OC4IDS 0.9.5 JSON Schema
 * (draft-04) in reference/oc4ids/ with Ajv: project-package-schema.json refers to
 * project-schema.json by its absolute id, so both are loaded.
 */
// Both are CommonJS with `exports.default`: under NodeNext the default import is the module, whose
// `default` is the class (the plugin); at run time module.exports.default is the same object.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

function oc4idsValidator() {
  const read = (file: string) => JSON.parse(readFileSync(path.join(packageRoot(), 'reference', 'oc4ids', file), 'utf8'));
  // strict: an unknown keyword is an error, except the three OC4IDS annotations (no validation meaning).
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  for (const keyword of ['codelist', 'openCodelist', 'versionId']) ajv.addKeyword(keyword);
  addFormats(ajv);
  ajv.addSchema(read('project-schema.json'));
  return ajv.compile(read('project-package-schema.json'));
}
const validate = oc4idsValidator();

function errorsOf(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

let t: TestApp;
let org: TestOrg;
let operator: Awaited<ReturnType<typeof signedIn>>;
let countyA: Awaited<ReturnType<typeof signedIn>>;
let countyB: Awaited<ReturnType<typeof signedIn>>;
let enterprise: Awaited<ReturnType<typeof signedIn>>;
const ids = {} as { coded: number; uncoded: number; completed: number };

interface Pkg {
  uri: string;
  publishedDate: string;
  version: string;
  publisher: { name: string };
  projects: {
    id: string;
    identifiers?: { id: string; scheme: string }[];
    status: string;
    budget: { amount: { amount: number; currency: string }; budgetBreakdowns?: { budgetBreakdown: { id: string }[] }[] };
    locations?: { geometry: { type: string; coordinates: number[] } }[];
    milestones?: { id: string; status: string; dateMet?: string }[];
    parties: { id: string; roles: string[]; identifier?: { scheme: string; id: string } }[];
    publicAuthority: { id: string; name: string };
  }[];
}

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  const ops = await operatorContext(t);
  operator = await signedIn(t, 'city_operator');
  countyA = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  countyB = await signedIn(t, 'reporting_unit', { unitId: org.countyB });
  enterprise = await signedIn(t, 'enterprise', { enterpriseId: org.entA });
  const owner = await t.deps.db.selectFrom('org_enterprise').select('uscc').where('id', '=', org.entA).executeTakeFirstOrThrow();
  ids.coded = await makeProject(t, ops, org.parkA, {
    code: '2201-430405-04-01-123456',
    name: '珠晖区污水处理厂扩容',
    ownerUscc: owner.uscc,
    industryCode: '46',
    category: 'infrastructure',
    totalInvestment: '250000.1234',
    plannedStartOn: '2026-02-01',
    plannedEndOn: '2027-12-31',
    latitude: 26.8968,
    longitude: 112.5719,
    description: '日处理 10 万吨',
    milestones: [
      { kind: 'filing', plannedOn: '2026-01-10', actualOn: '2026-01-12' },
      { kind: 'land', plannedOn: '2026-01-20' },
      { kind: 'start', plannedOn: '2026-02-01', actualOn: '2026-02-03' },
      { kind: 'production', plannedOn: '2027-12-31' },
    ],
    annualPlans: [
      { year: 2026, plannedInvestment: '120000' },
      { year: 2027, plannedInvestment: '130000' },
    ],
  });
  ids.uncoded = await makeProject(t, ops, org.countyB, { name: '耒阳市机械制造项目', industryCode: 'C', totalInvestment: '0.57' });
  ids.completed = await makeProject(t, ops, org.countyA, {
    code: '2018-430405-53-03-000001',
    name: '珠晖区铁路专用线',
    industryCode: '53',
    milestones: [
      { kind: 'start', actualOn: '2024-03-01' },
      { kind: 'completion', plannedOn: '2025-12-01', actualOn: '2026-01-15' },
    ],
  });
});
afterAll(async () => {
  await t?.close();
});

async function exportAs(agent: typeof operator, query = '') {
  const response = await agent.get(`/api/v1/projects/oc4ids${query}`);
  return { response, body: response.statusCode === 200 ? (JSON.parse(response.body) as Pkg) : null };
}

describe('GET /api/v1/projects/oc4ids', () => {
  it('downloads a package that validates against the OC4IDS 0.9.5 schema', async () => {
    const { response, body } = await exportAs(operator);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="oc4ids-430400-2026-03-02\.json"/);
    expect(errorsOf(body)).toEqual([]);
    expect(body).toMatchObject({
      uri: 'http://localhost/api/v1/projects/oc4ids',
      publishedDate: '2026-03-02T09:00:00+08:00',
      version: '0.9',
      publisher: { name: '衡阳市' },
    });
    expect(body!.projects.map((p) => p.id).sort()).toEqual([
      '2018-430405-53-03-000001',
      '2201-430405-04-01-123456',
      `juli-430400-${ids.uncoded}`,
    ]);
  });

  it('carries code, status, exact budget, location, milestones and parties of each project', async () => {
    const { body } = await exportAs(operator);
    const coded = body!.projects.find((p) => p.id === '2201-430405-04-01-123456')!;
    expect(coded.identifiers).toEqual([{ id: '2201-430405-04-01-123456', scheme: 'CN-FAIPC' }]);
    expect(coded.status).toBe('implementation');
    expect(coded.budget.amount).toEqual({ amount: 2_500_001_234, currency: 'CNY' });
    // The projects module's bulk read carries the current year's plan only.
    expect(coded.budget.budgetBreakdowns?.[0]?.budgetBreakdown.map((b) => b.id)).toEqual(['2026']);
    expect(coded.locations?.[0]?.geometry).toEqual({ type: 'Point', coordinates: [112.5719, 26.8968] });
    expect(coded.milestones?.map((m) => [m.id, m.status])).toEqual([
      ['filing', 'met'],
      ['land', 'notMet'],
      ['start', 'met'],
      ['production', 'scheduled'],
    ]);
    expect(coded.publicAuthority).toEqual({ id: `juli-430400-unit-${org.parkA}`, name: '示例园区' });
    expect(coded.parties.find((p) => p.roles.includes('funder'))?.identifier?.scheme).toBe('CN-USCC');

    const uncoded = body!.projects.find((p) => p.id === `juli-430400-${ids.uncoded}`)!;
    expect(uncoded).not.toHaveProperty('identifiers');
    expect(uncoded).not.toHaveProperty('locations');
    expect(uncoded).not.toHaveProperty('milestones');
    expect(uncoded.status).toBe('preparation');
    expect(uncoded.budget.amount.amount).toBe(5700);
    expect(body!.projects.find((p) => p.id === '2018-430405-53-03-000001')?.status).toBe('completion');
  });

  it('the validator rejects a missing required field and a code outside a closed codelist', async () => {
    const { body } = await exportAs(operator);
    const broken = (change: (pkg: Pkg & Record<string, unknown>) => void) => {
      const copy = structuredClone(body!) as Pkg & Record<string, unknown>;
      change(copy);
      return errorsOf(copy);
    };
    expect(broken((p) => delete (p as Partial<Pkg>).publisher)).toContain(" must have required property 'publisher'");
    expect(broken((p) => delete (p.projects[0] as Partial<Pkg['projects'][number]>).id)).toContain(
      "/projects/0 must have required property 'id'",
    );
    expect(broken((p) => (p.projects[0]!.status = 'underConstruction'))).toContain(
      '/projects/0/status must be equal to one of the allowed values',
    );
    expect(broken((p) => (p.projects[0]!.budget.amount.currency = 'RMB'))).toContain(
      '/projects/0/budget/amount/currency must be equal to one of the allowed values',
    );
    expect(broken((p) => (p.projects[0]!.budget.amount.amount = '1' as unknown as number))).toContain(
      '/projects/0/budget/amount/amount must be number',
    );
    expect(broken((p) => (p.publishedDate = '2026-03-02 09:00'))).toContain('/publishedDate must match format "date-time"');
    expect(broken((p) => (p.version = '0.9.5'))).not.toEqual([]);
    expect(broken((p) => (p.projects = []))).not.toEqual([]);
    const coded = body!.projects.findIndex((p) => p.milestones);
    expect(broken((p) => (p.projects[coded]!.milestones![0]!.status = 'done'))).toContain(
      `/projects/${coded}/milestones/0/status must be equal to one of the allowed values`,
    );
  });

  it('gives each caller only the projects of its jurisdiction', async () => {
    const a = await exportAs(countyA);
    expect(a.response.statusCode, a.response.body).toBe(200);
    expect(errorsOf(a.body)).toEqual([]);
    expect(a.body!.projects.map((p) => p.id).sort()).toEqual(['2018-430405-53-03-000001', '2201-430405-04-01-123456']);

    const b = await exportAs(countyB);
    expect(b.body!.projects.map((p) => p.id)).toEqual([`juli-430400-${ids.uncoded}`]);

    const owner = await exportAs(enterprise);
    expect(owner.body!.projects.map((p) => p.id)).toEqual(['2201-430405-04-01-123456']);

    // A filter outside the jurisdiction finds nothing, as the list does: OC4IDS has no empty package.
    const outside = await exportAs(countyA, `?unitId=${org.countyB}`);
    expect(outside.response.statusCode).toBe(404);
    expect(outside.response.json().error.code).toBe('NOT_FOUND');
  });

  it('applies the project list filters', async () => {
    const completed = await exportAs(operator, '?stage=completed');
    expect(completed.body!.projects.map((p) => p.id)).toEqual(['2018-430405-53-03-000001']);
    expect(completed.body!.uri).toBe('http://localhost/api/v1/projects/oc4ids?stage=completed');
    const search = await exportAs(operator, `?q=${encodeURIComponent('污水')}`);
    expect(errorsOf(search.body)).toEqual([]);
    expect(search.body!.projects.map((p) => p.id)).toEqual(['2201-430405-04-01-123456']);
    expect((await operator.get('/api/v1/projects/oc4ids?page=2')).statusCode).toBe(400);
  });

  it('is refused to roles that may not read projects', async () => {
    const department = await signedIn(t, 'department', { unitId: org.dept });
    expect((await department.get('/api/v1/projects/oc4ids')).statusCode).toBe(403);
  });

  it('audits every export with its filter and count', async () => {
    await exportAs(countyA, '?kind=new');
    const row = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'opendata.export')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_user_id: countyA.userId,
      target_type: 'project',
      result: 'success',
      after: { format: 'oc4ids', version: '0.9', filter: { kind: 'new' }, count: 2 },
    });
  });
});
