import { sql } from 'kysely';
import type { Role, UserListQuery } from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import type { IdentitySessionTable, IdentityUserTable } from '../../db/schema.js';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { escapeLike, executePrepared, pageWithTotal, totalCount } from '../../lib/sql.js';

export type UserRow = Selectable<IdentityUserTable>;

export interface UserWithScope extends UserRow {
  scope_unit_name: string | null;
  scope_unit_path: string | null;
  scope_enterprise_name: string | null;
  scope_unit_name_en: string | null;
  city_name: string;
  city_name_en: string | null;
}

function usersWithScope(db: Executor) {
  return db
    .selectFrom('identity_user as u')
    .innerJoin('city as c', 'c.code', 'u.city_code')
    .leftJoin('org_unit as su', (j) => j.onRef('su.city_code', '=', 'u.city_code').onRef('su.id', '=', 'u.scope_unit_id'))
    .leftJoin('org_enterprise as se', (j) => j.onRef('se.city_code', '=', 'u.city_code').onRef('se.id', '=', 'u.scope_enterprise_id'))
    .selectAll('u')
    .select([
      'su.name_zh as scope_unit_name',
      'su.name_en as scope_unit_name_en',
      'su.path as scope_unit_path',
      'se.name as scope_enterprise_name',
      'c.name_zh as city_name',
      'c.name_en as city_name_en',
    ]);
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserWithScope | undefined> {
  return await usersWithScope(db).where(sql`lower(u.username)`, '=', username.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Executor, id: number): Promise<UserWithScope | undefined> {
  return await usersWithScope(db).where('u.id', '=', id).executeTakeFirst();
}

export async function findUserInCity(db: Executor, cityCode: string, id: number): Promise<UserWithScope | undefined> {
  return await usersWithScope(db).where('u.id', '=', id).where('u.city_code', '=', cityCode).executeTakeFirst();
}

export async function findUsers(db: Executor, cityCode: string, q: UserListQuery) {
  let base = usersWithScope(db).where('u.city_code', '=', cityCode);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    base = base.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (q.role) base = base.where('u.role', '=', q.role);
  if (q.isActive !== undefined) base = base.where('u.is_active', '=', q.isActive);
  const rows = await base
    .select(totalCount())
    .orderBy('u.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return await pageWithTotal(
    rows,
    q.page,
    async () => (await base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n,
  );
}

export async function insertUser(db: Executor, values: Insertable<IdentityUserTable>): Promise<number> {
  const row = await db.insertInto('identity_user').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Versioned update: returns false when the version is stale (or the row is gone). */
export async function updateUserVersioned(
  db: Executor,
  id: number,
  version: number,
  values: Updateable<IdentityUserTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('identity_user')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Unversioned update for the login path (counters, timestamps), which must not clash with admin edits. */
export async function updateUserState(db: Executor, id: number, values: Updateable<IdentityUserTable>): Promise<void> {
  await db.updateTable('identity_user').set(values).where('id', '=', id).execute();
}

export async function countActiveWithRole(db: Executor, cityCode: string, role: Role): Promise<number> {
  const row = await db
    .selectFrom('identity_user')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('city_code', '=', cityCode)
    .where('role', '=', role)
    .where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertSession(db: Executor, values: Insertable<IdentitySessionTable>): Promise<void> {
  await db.insertInto('identity_session').values(values).execute();
}

export async function findSession(db: Executor, tokenHash: string) {
  return await db.selectFrom('identity_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The session behind a token together with its user and scope: one round trip per request. */
/** The sessions of these token digests with their users (those that exist, in no order). */
export async function findSessionsWithUsers(db: Executor, tokenHashes: string[]) {
  // Every authenticated request runs this: prepared, it is not planned again each time.
  const query = usersWithScope(db)
    .innerJoin('identity_session as s', 's.user_id', 'u.id')
    .select([
      's.token_hash',
      's.state',
      's.csrf_token',
      's.created_at as session_created_at',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
    ])
    .where('s.token_hash', '=', sql<string>`ANY(${tokenHashes}::text[])`);
  return await executePrepared(db, query.compile());
}

export async function touchSession(db: Executor, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('identity_session').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeSession(db: Executor, tokenHash: string, at: Date): Promise<void> {
  await db
    .updateTable('identity_session')
    .set({ revoked_at: at })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revoke every open session of a user, except `keepTokenHash` when given. */
export async function revokeUserSessions(db: Executor, userId: number, at: Date, keepTokenHash?: string): Promise<number> {
  let query = db.updateTable('identity_session').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepTokenHash) query = query.where('token_hash', '!=', keepTokenHash);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Housekeeping: sessions past their absolute expiry, or revoked, older than a day. */
export async function deleteDeadSessions(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('identity_session')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findActiveByRole(db: Executor, cityCode: string, role: Role) {
  return await db
    .selectFrom('identity_user')
    .select(['id', 'display_name'])
    .where('city_code', '=', cityCode)
    .where('role', '=', role)
    .where('is_active', '=', true)
    .orderBy('display_name')
    .execute();
}
