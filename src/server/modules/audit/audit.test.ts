import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, TEST_SECRET, createTestApp } from '../../../test/app.js';
import { type TestOrg, seedOrg, signedIn } from '../../../test/factories.js';
import { packageRoot } from '../../lib/package-root.js';
import { appendAudit, sealAll, verifyChain } from './index.js';

const run = promisify(execFile);
let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrg(t);
});
afterAll(async () => {
  await t?.close();
});

/** `juli audit verify` as an operator runs it: a separate process on the same database. */
async function cliVerify(): Promise<{ code: number; stdout: string }> {
  const root = packageRoot();
  try {
    const { stdout } = await run(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src/cli/main.ts'), 'audit', 'verify'],
      {
        env: { ...process.env, DATABASE_URL: t.database.url, JULI_SECRET: TEST_SECRET, JULI_LOG_LEVEL: 'silent' },
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout + e.stderr };
  }
}

describe('audit trail', () => {
  it('records every write with actor, time, before/after, request id and source IP', async () => {
    const operator = await signedIn(t, 'city_operator');
    const created = await operator.post(
      '/api/v1/org/enterprises',
      { uscc: '12430400445600121K', name: '审计测试企业', unitId: org.parkA },
      { 'x-request-id': 'req-audit-0001' },
    );
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const edited = await operator.patch(`/api/v1/org/enterprises/${id}`, { version: 1, name: '审计测试企业（改）' });
    expect(edited.statusCode).toBe(200);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', 'org_enterprise')
      .where('target_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['org.enterprise.create', 'org.enterprise.update']);
    expect(rows[0]).toMatchObject({
      actor_username: operator.username,
      actor_role: 'city_operator',
      request_id: 'req-audit-0001',
      source_ip: '127.0.0.1',
      result: 'success',
    });
    expect(rows[1]?.before).toMatchObject({ name: '审计测试企业', version: 1 });
    expect(rows[1]?.after).toMatchObject({ name: '审计测试企业（改）', version: 2 });
    expect(rows[0]?.occurred_at.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('the audit admin browses and filters it, and exports a real .xlsx (the export itself is audited)', async () => {
    const auditor = await signedIn(t, 'audit_admin');
    const page = await auditor.get('/api/v1/audit/records?action=org.enterprise&pageSize=5');
    expect(page.statusCode).toBe(200);
    expect(page.json().items.every((r: { action: string }) => r.action.startsWith('org.enterprise'))).toBe(true);
    const denied = await auditor.get('/api/v1/audit/records?result=denied');
    expect(denied.json().items.every((r: { result: string }) => r.result === 'denied')).toBe(true);
    const badFilter = await auditor.get('/api/v1/audit/records?from=yesterday');
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.details.fields[0].path).toBe('from');

    const exported = await auditor.get('/api/v1/audit/records/export?action=org.enterprise');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(5).value).toBe('操作');
    expect(sheet.getRow(2).getCell(5).value).toMatch(/^org\.enterprise\./);
    const exportRecord = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.export').executeTakeFirstOrThrow();
    expect(exportRecord).toMatchObject({ actor_username: auditor.username, after: { rows: sheet.rowCount - 1 } });
  });

  it('`juli audit verify` passes on an intact chain and names the first tampered record', async () => {
    const intact = await cliVerify();
    expect(intact.code, intact.stdout).toBe(0);
    expect(intact.stdout).toMatch(/430400: The audit chain is intact: \d+ records/);

    const victim = await t.deps.db
      .selectFrom('audit_log')
      .select(['id', 'seq'])
      .where('action', '=', 'org.enterprise.update')
      .executeTakeFirstOrThrow();
    // The table refuses changes; an intruder with superuser rights switches the trigger off first.
    await expect(sql`UPDATE audit_log SET actor_username = 'nobody' WHERE id = ${victim.id}`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    );
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(t.deps.db);
    await sql`UPDATE audit_log SET after = '{"name":"篡改"}' WHERE id = ${victim.id}`.execute(t.deps.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(t.deps.db);

    const broken = await cliVerify();
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain(`breaks at record ${victim.id}: hash_mismatch`);
    const report = await verifyChain(t.deps.db, org.cityCode);
    expect(report.broken).toMatchObject({ id: victim.id, seq: victim.seq, reason: 'hash_mismatch' });

    const auditor = await signedIn(t, 'audit_admin');
    const ui = await auditor.get('/api/v1/audit/verify');
    expect(ui.json()).toMatchObject({ ok: false, brokenAt: { id: victim.id, reason: 'hash_mismatch' } });
    // Two runs of the CLI, each a fresh process (a few seconds on 2 busy cores).
  }, 120_000);

  it('a record is written unsealed and sealed once, after commit; nothing else about it ever changes', async () => {
    const fresh = await createTestApp();
    try {
      const freshOrg = await seedOrg(fresh);
      const operator = await signedIn(fresh, 'city_operator');
      // The response kicks the sealer: the record is linked moments later, without a verification.
      const created = await operator.post('/api/v1/org/enterprises', {
        uscc: '12430400445600121K',
        name: '封存测试',
        unitId: freshOrg.parkA,
      });
      expect(created.statusCode).toBe(201);
      const sealedRecord = async () =>
        await fresh.deps.db
          .selectFrom('audit_log')
          .select(['id', 'seq', 'prev_hash', 'hash'])
          .where('action', '=', 'org.enterprise.create')
          .executeTakeFirstOrThrow();
      await expect.poll(async () => (await sealedRecord()).seq, { timeout: 10_000 }).not.toBeNull();
      const record = await sealedRecord();
      expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
      const head = await fresh.deps.db
        .selectFrom('audit_chain_head')
        .selectAll()
        .where('city_code', '=', freshOrg.cityCode)
        .executeTakeFirstOrThrow();
      expect(Number(head.seq)).toBeGreaterThanOrEqual(Number(record.seq));

      // A record written outside a request (a job, the CLI) waits for the sweep or a verification.
      await fresh.deps.db.transaction().execute((tx) =>
        appendAudit(
          tx,
          { actor: null, requestId: 'job-1', sourceIp: null, locale: 'zh-CN', now: fresh.clock.now() },
          {
            action: 'test.job',
            cityCode: freshOrg.cityCode,
          },
        ),
      );
      const pending = await fresh.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'test.job').executeTakeFirstOrThrow();
      expect(pending).toMatchObject({ seq: null, prev_hash: null, hash: null });
      // Unsealed or sealed, its content cannot be changed, and a seal cannot be redone.
      await expect(sql`UPDATE audit_log SET action = 'test.other' WHERE id = ${pending.id}`.execute(fresh.deps.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(
        sql`UPDATE audit_log SET seq = 1, prev_hash = ${'0'.repeat(64)}, hash = ${'1'.repeat(64)} WHERE id = ${record.id}`.execute(
          fresh.deps.db,
        ),
      ).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM audit_log WHERE id = ${pending.id}`.execute(fresh.deps.db)).rejects.toThrow(/append-only/);

      const report = await verifyChain(fresh.deps.db, freshOrg.cityCode);
      expect(report.broken).toBeNull();
      const after = await fresh.deps.db
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .where('id', '=', pending.id)
        .executeTakeFirstOrThrow();
      expect(Number(after.seq)).toBe(report.count);
      expect(await sealAll(fresh.deps.db)).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('when the audit record cannot be written, the business write rolls back', async () => {
    const fresh = await createTestApp();
    try {
      const freshOrg = await seedOrg(fresh);
      const operator = await signedIn(fresh, 'city_operator');
      await sql`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.action = 'org.enterprise.create' THEN RAISE EXCEPTION 'audit storage full'; END IF; RETURN NEW; END $$`.execute(
        fresh.deps.db,
      );
      await sql`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()`.execute(fresh.deps.db);
      const response = await operator.post('/api/v1/org/enterprises', {
        uscc: '12430400445600121K',
        name: '不应保存',
        unitId: freshOrg.parkA,
      });
      expect(response.statusCode).toBe(500);
      expect(response.json().error.code).toBe('INTERNAL');
      expect(response.body).not.toContain('audit storage full');
      const rows = await fresh.deps.db.selectFrom('org_enterprise').select('id').where('name', '=', '不应保存').execute();
      expect(rows).toEqual([]);
      expect((await verifyChain(fresh.deps.db, freshOrg.cityCode)).broken).toBeNull();
    } finally {
      await fresh.close();
    }
  });

  it('concurrent writers keep one unbroken chain', async () => {
    const fresh = await createTestApp();
    try {
      const freshOrg = await seedOrg(fresh);
      const operator = await signedIn(fresh, 'city_operator');
      const bodies = Array.from({ length: 12 }, (_, i) => ({
        uscc: ['91430400MA4L2B3C1E', '12430400445600121K', '52430482MJ6K8R1TX0', '91350100M000100Y43'][i % 4]!,
        name: `并发${i}`,
        unitId: freshOrg.parkA,
      }));
      // Half of them clash on the credit code: failures must not leave holes in the chain either.
      await Promise.all(bodies.map((b) => operator.post('/api/v1/org/enterprises', b)));
      const report = await verifyChain(fresh.deps.db, freshOrg.cityCode);
      expect(report.broken).toBeNull();
      expect(report.count).toBeGreaterThan(12);
    } finally {
      await fresh.close();
    }
  });
});
