import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, ErrorBodySchema } from '../../contracts/index.js';
import { type TestApp, createTestApp } from '../../test/app.js';
import { type TestOrg, seedOrg, signedIn } from '../../test/factories.js';

let t: TestApp;
let org: TestOrg;
let operator: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
  operator = await signedIn(t, 'city_operator');
});
afterAll(async () => {
  await t?.close();
});

const enterpriseCount = async () => (await t.deps.db.selectFrom('org_enterprise').select('id').execute()).length;
const auditCount = async () => (await t.deps.db.selectFrom('audit_log').select('id').execute()).length;

async function write(payload: string | object, headers: Record<string, string> = {}) {
  return await operator.request({
    method: 'POST',
    url: '/api/v1/org/enterprises',
    payload: payload as never,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('bad input → 400 with field details, never 500, nothing written', () => {
  it.each([
    ['malformed JSON', '{"uscc": "9143', 400, 'VALIDATION_FAILED'],
    ['empty body', '', 400, 'VALIDATION_FAILED'],
    ['a JSON array', '[1,2]', 400, 'VALIDATION_FAILED'],
    ['wrong types', { uscc: 12, name: ['x'], unitId: 'park' }, 400, 'VALIDATION_FAILED'],
    ['unknown fields', { uscc: '12430400445600121K', name: '企业', unitId: 1, isAdmin: true }, 400, 'VALIDATION_FAILED'],
    ['a huge body', { uscc: '12430400445600121K', name: 'x'.repeat(1_100_000), unitId: 1 }, 413, 'PAYLOAD_TOO_LARGE'],
  ] as const)('%s', async (_label, payload, status, code) => {
    const [enterprises, audits] = [await enterpriseCount(), await auditCount()];
    const response = await write(payload as never);
    expect(response.statusCode).toBe(status);
    const body = ErrorBodySchema.parse(response.json());
    expect(body.error.code).toBe(code);
    expect(ERROR_STATUS[body.error.code]).toBe(status);
    expect(await enterpriseCount()).toBe(enterprises);
    expect(await auditCount()).toBe(audits);
  });

  it('names every bad field, in the caller’s language', async () => {
    const response = await write({ uscc: '91430400MA4L2B3C1F', name: '', unitId: -1, extra: 1 }, { 'accept-language': 'en-US' });
    expect(response.json().error.details.fields).toEqual([
      { path: 'uscc', message: 'Invalid Unified Social Credit Code (18 characters with a valid check character)' },
      { path: 'name', message: 'Required' },
      { path: 'unitId', message: 'Must be greater than 0' },
      { path: 'extra', message: 'Unknown field(s): extra' },
    ]);
  });

  it('a reference outside the jurisdiction is a field error on that field', async () => {
    const response = await write({ uscc: '12430400445600121K', name: '企业', unitId: 999_999 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toEqual([{ path: 'unitId', message: '所选记录不存在或不在您的管辖范围内' }]);
  });

  it('refuses other content types', async () => {
    const response = await write('uscc=1', { 'content-type': 'text/plain' });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses unknown query parameters and bad ids', async () => {
    const unknown = await operator.get('/api/v1/org/units?sort=name');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].path).toBe('sort');
    expect((await operator.get('/api/v1/org/units?pageSize=100000')).statusCode).toBe(400);
    expect((await operator.get('/api/v1/org/units/abc')).statusCode).toBe(400);
    expect((await operator.get('/api/v1/org/units/99999999999999999999')).statusCode).toBe(400);
  });
});

describe('API conventions', () => {
  it('echoes the request id in a header and in error details', async () => {
    const response = await operator.get('/api/v1/org/units/424242', { 'x-request-id': 'trace-1234567' });
    expect(response.headers['x-request-id']).toBe('trace-1234567');
    expect(response.json().error).toMatchObject({ code: 'NOT_FOUND', details: { requestId: 'trace-1234567' } });
    const generated = await operator.get('/api/v1/org/units', { 'x-request-id': 'bad id with spaces' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API paths with the error body', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(ErrorBodySchema.parse(response.json()).error.code).toBe('NOT_FOUND');
  });

  it('health reports the database', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({ status: 'ok', database: 'ok', version: '0.1.0' });
  });

  it('publishes OpenAPI 3 with every API route and an interactive page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    for (const route of t.app.routeTable.filter((r) => r.url !== '/api/openapi.json')) {
      expect(documented).toContain(`${route.method} ${route.url}`);
    }
    expect(doc.paths['/api/v1/org/enterprises'].post.requestBody.content['application/json'].schema.properties.uscc).toBeDefined();
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('exposes Prometheus metrics by route', async () => {
    await t.app.inject({ method: 'GET', url: '/api/health' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/juli_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/);
    expect(metrics.body).toContain('juli_process_resident_memory_bytes');
  });

  it('sets security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('public meta tells the sign-in page the policy and never lists accounts outside demo mode', async () => {
    const meta = (await t.app.inject({ method: 'GET', url: '/api/v1/meta' })).json();
    expect(meta).toMatchObject({ isDemo: false, demoAccounts: [], cityName: '衡阳市', passwordPolicy: { minLength: 8, minClasses: 3 } });
    expect(org.cityCode).toBe('430400');
  });
});
