import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../../test/db.js';
import { MIGRATIONS_DIR, migrate } from './migrate.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe(migrate.name, () => {
  it('is a no-op on an up-to-date database (the template is migrated already)', async () => {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql'));
    const result = await migrate(database.pool);
    expect(result).toEqual({ applied: [], alreadyApplied: files.length });
  });

  it('applies a new file once, and stops when an applied file was edited', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'juli-migrations-'));
    try {
      for (const f of await fs.readdir(MIGRATIONS_DIR)) await fs.copyFile(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
      await fs.writeFile(path.join(dir, '9999_probe.sql'), 'CREATE TABLE migration_probe (id int);');
      expect((await migrate(database.pool, dir)).applied).toEqual(['9999_probe.sql']);
      expect((await migrate(database.pool, dir)).applied).toEqual([]);
      await fs.writeFile(path.join(dir, '9999_probe.sql'), 'CREATE TABLE migration_probe (id bigint);');
      await expect(migrate(database.pool, dir)).rejects.toThrow(/9999_probe.sql was changed/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('rolls back a failing migration entirely', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'juli-migrations-'));
    try {
      for (const f of await fs.readdir(MIGRATIONS_DIR)) await fs.copyFile(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
      await fs.writeFile(path.join(dir, '9998_broken.sql'), 'CREATE TABLE half_done (id int); SELECT no_such_function();');
      await expect(migrate(database.pool, dir)).rejects.toThrow(/9998_broken.sql failed/);
      const exists = await database.pool.query("SELECT to_regclass('half_done') AS t");
      expect(exists.rows[0].t).toBeNull();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
