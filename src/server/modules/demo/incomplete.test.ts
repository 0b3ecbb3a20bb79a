import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { appendAudit } from '../audit/index.js';
import { ensureCity } from '../org/index.js';
import { isDemoIncomplete } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe(isDemoIncomplete.name, () => {
  it('is false on an empty database, true for a city the seed did not finish, false once its last record is written', async () => {
    expect(await isDemoIncomplete(t.deps.db)).toBe(false);
    await ensureCity(t.deps.db, t.ctx(), { code: '430400', nameZh: '衡阳市', nameEn: null });
    expect(await isDemoIncomplete(t.deps.db)).toBe(true);
    await t.deps.db
      .transaction()
      .execute((tx) => appendAudit(tx, t.ctx(), { cityCode: '430400', action: 'demo.seed', targetType: 'city', targetId: '430400' }));
    expect(await isDemoIncomplete(t.deps.db)).toBe(false);
  });
});
