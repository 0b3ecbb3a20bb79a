import { type Insertable, type Selectable, type Updateable, sql } from 'kysely';
import type { EnterpriseListQuery, UnitListQuery } from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import type { OrgEnterpriseTable, OrgUnitTable } from '../../db/schema.js';
import type { Scope } from '../../lib/context.js';
import { escapeLike, pageWithTotal, totalCount } from '../../lib/sql.js';

export type UnitRow = Selectable<OrgUnitTable> & { parent_name: string | null; child_count: number };
export type EnterpriseRow = Selectable<OrgEnterpriseTable> & { unit_name: string };

function unitsIn(db: Executor, scope: Scope) {
  let query = db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit as p', (j) => j.onRef('p.city_code', '=', 'u.city_code').onRef('p.id', '=', 'u.parent_id'))
    .where('u.city_code', '=', scope.cityCode);
  if (scope.kind === 'subtree') query = query.where('u.path', 'like', `${escapeLike(scope.path)}%`);
  if (scope.kind === 'enterprise') query = query.where(sql<boolean>`false`);
  return query;
}

const childCount = sql<number>`(SELECT count(*)::int FROM org_unit c WHERE c.city_code = u.city_code AND c.parent_id = u.id)`;

export async function findUnits(db: Executor, scope: Scope, q: UnitListQuery): Promise<{ rows: UnitRow[]; total: number }> {
  let base = unitsIn(db, scope);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    base = base.where((eb) => eb.or([eb('u.name_zh', 'ilike', like), eb('u.name_en', 'ilike', like), eb('u.code', 'like', like)]));
  }
  if (q.kind) base = base.where('u.kind', '=', q.kind);
  if (q.parentId) base = base.where('u.parent_id', '=', q.parentId);
  if (q.isActive !== undefined) base = base.where('u.is_active', '=', q.isActive);
  const rows = await base
    .selectAll('u')
    .select(['p.name_zh as parent_name', childCount.as('child_count'), totalCount()])
    .orderBy('u.path')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

export async function unitTree(db: Executor, scope: Scope) {
  return await unitsIn(db, scope)
    .select(['u.id', 'u.parent_id', 'u.kind', 'u.code', 'u.name_zh', 'u.name_en', 'u.is_active', 'u.path'])
    .orderBy('u.path')
    .execute();
}

/** Every unit's names in a city (active or not: old rows still name disabled units). */
export async function unitNames(db: Executor, cityCode: string) {
  return await db.selectFrom('org_unit').select(['id', 'name_zh', 'name_en']).where('city_code', '=', cityCode).orderBy('id').execute();
}

export async function getUnit(db: Executor, scope: Scope, id: number): Promise<UnitRow | undefined> {
  return await unitsIn(db, scope)
    .selectAll('u')
    .select(['p.name_zh as parent_name', childCount.as('child_count')])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** Inserts a unit and sets its path from the parent's in the same statement pair (the id is generated). */
export async function insertUnit(db: Executor, values: Omit<Insertable<OrgUnitTable>, 'path'>, parentPath: string | null): Promise<number> {
  const row = await db
    .insertInto('org_unit')
    .values({ ...values, path: '/' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('org_unit')
    .set({ path: `${parentPath ?? '/'}${row.id}/` })
    .where('city_code', '=', values.city_code)
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

export async function updateUnitVersioned(
  db: Executor,
  cityCode: string,
  id: number,
  version: number,
  values: Updateable<OrgUnitTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('org_unit')
    .set({ ...values, version: sql`version + 1` })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Rewrite the path prefix of a whole subtree after a move. */
export async function rebaseSubtree(db: Executor, cityCode: string, oldPrefix: string, newPrefix: string): Promise<void> {
  await db
    .updateTable('org_unit')
    .set({ path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
    .where('city_code', '=', cityCode)
    .where('path', 'like', `${escapeLike(oldPrefix)}%`)
    .execute();
}

export async function countActiveChildren(db: Executor, cityCode: string, id: number): Promise<number> {
  const row = await db
    .selectFrom('org_unit')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('city_code', '=', cityCode)
    .where('parent_id', '=', id)
    .where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function findUnitByCode(db: Executor, cityCode: string, code: string) {
  return await db.selectFrom('org_unit').select(['id']).where('city_code', '=', cityCode).where('code', '=', code).executeTakeFirst();
}

export async function cityRoot(db: Executor, cityCode: string) {
  return await db.selectFrom('org_unit').selectAll().where('city_code', '=', cityCode).where('kind', '=', 'city').executeTakeFirst();
}

function enterprisesIn(db: Executor, scope: Scope) {
  let query = db
    .selectFrom('org_enterprise as e')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'e.city_code').onRef('u.id', '=', 'e.unit_id'))
    .where('e.city_code', '=', scope.cityCode);
  if (scope.kind === 'subtree') query = query.where('u.path', 'like', `${escapeLike(scope.path)}%`);
  if (scope.kind === 'enterprise') query = query.where('e.id', '=', scope.enterpriseId);
  return query;
}

export async function findEnterprises(
  db: Executor,
  scope: Scope,
  q: EnterpriseListQuery,
): Promise<{ rows: EnterpriseRow[]; total: number }> {
  let base = enterprisesIn(db, scope);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    base = base.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.uscc', 'like', like.toUpperCase())]));
  }
  if (q.unitId) base = base.where('e.unit_id', '=', q.unitId);
  if (q.isActive !== undefined) base = base.where('e.is_active', '=', q.isActive);
  const rows = await base
    .selectAll('e')
    .select(['u.name_zh as unit_name', totalCount()])
    .orderBy('e.name')
    .orderBy('e.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(rows, q.page, async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
}

export async function lookupEnterprises(db: Executor, scope: Scope, text: string | undefined, limit: number) {
  let query = enterprisesIn(db, scope).where('e.is_active', '=', true);
  if (text) {
    const like = `%${escapeLike(text)}%`;
    query = query.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.uscc', 'like', like.toUpperCase())]));
  }
  return await query.select(['e.id', 'e.uscc', 'e.name']).orderBy('e.name').limit(limit).execute();
}

export async function getEnterprise(db: Executor, scope: Scope, id: number): Promise<EnterpriseRow | undefined> {
  return await enterprisesIn(db, scope).selectAll('e').select('u.name_zh as unit_name').where('e.id', '=', id).executeTakeFirst();
}

export async function insertEnterprise(db: Executor, values: Insertable<OrgEnterpriseTable>): Promise<number> {
  const row = await db.insertInto('org_enterprise').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEnterpriseVersioned(
  db: Executor,
  cityCode: string,
  id: number,
  version: number,
  values: Updateable<OrgEnterpriseTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('org_enterprise')
    .set({ ...values, version: sql`version + 1` })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findEnterpriseByUscc(db: Executor, cityCode: string, uscc: string) {
  return await db.selectFrom('org_enterprise').select('id').where('city_code', '=', cityCode).where('uscc', '=', uscc).executeTakeFirst();
}

export async function getCity(db: Executor, code: string) {
  return await db.selectFrom('city').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertCity(db: Executor, code: string, nameZh: string, nameEn: string | null): Promise<void> {
  await db.insertInto('city').values({ code, name_zh: nameZh, name_en: nameEn }).execute();
}

export async function anyCityCode(db: Executor): Promise<string | undefined> {
  return (await db.selectFrom('city').select('code').orderBy('code').executeTakeFirst())?.code;
}
