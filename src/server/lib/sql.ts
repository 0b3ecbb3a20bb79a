import { type CompiledQuery, sql } from 'kysely';
import { type Executor, PREPARED_MARK } from '../db/pool.js';

/** Escape LIKE/ILIKE wildcards in user text (PostgreSQL's default escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Select this with a page of rows: the total of the whole filtered list, in the same query. */
export const totalCount = () => sql<number>`(count(*) over())::int`.as('total_count');

/**
 * Split the window total off a page of rows. A page past the end has no rows to carry the
 * total; only then is it counted separately.
 */
export async function pageWithTotal<T extends { total_count: number }>(
  rows: T[],
  page: number,
  countAll: () => Promise<number>,
): Promise<{ rows: Omit<T, 'total_count'>[]; total: number }> {
  const total = rows[0]?.total_count ?? (page === 1 ? 0 : await countAll());
  return { rows: rows.map(({ total_count: _t, ...rest }) => rest), total };
}

/**
 * `column = ANY($1::bigint[])`: one parameter however many ids (an `IN` list takes one each and
 * PostgreSQL refuses more than 65,535 parameters in a statement).
 */
export const inIds = (column: string, ids: readonly number[]) => sql<boolean>`${sql.ref(column)} = ANY(${ids}::bigint[])`;

/** Run a built query as a prepared statement of its connection (see `PREPARED_MARK`). */
export async function executePrepared<O>(db: Executor, compiled: CompiledQuery<O>): Promise<O[]> {
  return (await db.executeQuery<O>({ ...compiled, sql: PREPARED_MARK + compiled.sql })).rows;
}
