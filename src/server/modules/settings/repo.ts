import { sql } from 'kysely';
import type { Executor } from '../../db/pool.js';

export async function getSettings(db: Executor, cityCode: string) {
  return await db.selectFrom('registry_setting').selectAll().where('city_code', '=', cityCode).executeTakeFirst();
}

export async function upsertSettings(db: Executor, cityCode: string, settings: unknown, version: number, at: Date): Promise<boolean> {
  if (version === 0) {
    const inserted = await db
      .insertInto('registry_setting')
      .values({ city_code: cityCode, settings: JSON.stringify(settings), updated_at: at })
      .onConflict((oc) => oc.column('city_code').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const updated = await db
    .updateTable('registry_setting')
    .set((eb) => ({ settings: JSON.stringify(settings), updated_at: at, version: eb('version', '+', 1) }))
    .where('city_code', '=', cityCode)
    .where('version', '=', version)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export async function findTargets(db: Executor, cityCode: string, year: number) {
  return await db
    .selectFrom('deal_target as t')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 't.city_code').onRef('u.id', '=', 't.unit_id'))
    .select(['t.unit_id', 't.year', 't.amount', 'u.name_zh as unit_name', 'u.path'])
    .where('t.city_code', '=', cityCode)
    .where('t.year', '=', year)
    .orderBy('u.path')
    .execute();
}

/** The latest year before `year` with any target, or null. */
export async function latestTargetYearBefore(db: Executor, cityCode: string, year: number): Promise<number | null> {
  const row = await db
    .selectFrom('deal_target')
    .select((eb) => eb.fn.max('year').as('year'))
    .where('city_code', '=', cityCode)
    .where('year', '<', year)
    .executeTakeFirst();
  return row?.year ?? null;
}

/** Each active unit's target of `fromYear` as its target of `toYear`, where it has none yet: the rows written. */
export async function copyTargets(db: Executor, cityCode: string, fromYear: number, toYear: number) {
  return await db
    .insertInto('deal_target')
    .columns(['city_code', 'unit_id', 'year', 'amount'])
    .expression((eb) =>
      eb
        .selectFrom('deal_target as t')
        .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 't.city_code').onRef('u.id', '=', 't.unit_id'))
        .select(['t.city_code', 't.unit_id', sql<number>`${toYear}::int`.as('year'), 't.amount'])
        .where('t.city_code', '=', cityCode)
        .where('t.year', '=', fromYear)
        .where('u.is_active', '=', true),
    )
    .onConflict((oc) => oc.columns(['city_code', 'unit_id', 'year']).doNothing())
    .returning(['unit_id', 'amount'])
    .execute();
}

export async function getTarget(db: Executor, cityCode: string, unitId: number, year: number) {
  return await db
    .selectFrom('deal_target')
    .select('amount')
    .where('city_code', '=', cityCode)
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function upsertTarget(db: Executor, cityCode: string, unitId: number, year: number, amount: string): Promise<void> {
  await db
    .insertInto('deal_target')
    .values({ city_code: cityCode, unit_id: unitId, year, amount })
    .onConflict((oc) => oc.columns(['city_code', 'unit_id', 'year']).doUpdateSet({ amount }))
    .execute();
}
