import { CompiledQuery, sql } from 'kysely';
import { COPY_IN_MARK, type Executor, PREPARED_MARK } from '../db/pool.js';

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

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value as COPY's text format writes it (NULL as \N; backslash, tab, newline and return escaped). */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY cannot write the number ${value}`);
    text = String(value);
  } else if (typeof value === 'boolean') text = value ? 't' : 'f';
  else if (value instanceof Date) text = value.toISOString();
  else text = JSON.stringify(value); // jsonb
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : text;
}

/** A numeric[] value for copyStatement: an array literal of exact decimals (anything else is refused). */
export function numericArray(values: readonly (string | null)[] | null): string | null {
  if (values === null) return null;
  for (const v of values) if (v !== null && !/^-?\d+(\.\d+)?$/.test(v)) throw new Error(`not an exact decimal for a numeric[]: ${v}`);
  return `{${values.map((v) => v ?? 'NULL').join(',')}}`;
}

/**
 * `COPY … FROM STDIN` of rows, to run in the caller's transaction (see `COPY_IN_MARK`): for
 * sets of thousands of rows, several times faster than an INSERT of the same rows (bench/README,
 * "Registry import"). Values: strings (given verbatim: numeric, date and array literals too),
 * numbers, booleans, dates, null; any other object is written as JSON (a jsonb column).
 * Triggers and constraints apply as for an INSERT. Null when there are no rows. Built apart from
 * running it, so a caller can prepare its next statements while PostgreSQL runs one.
 */
export function copyStatement(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): CompiledQuery | null {
  if (!rows.length) return null;
  const name = (identifier: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`not a plain SQL identifier: ${identifier}`);
    return identifier;
  };
  let data = '';
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`a row for ${table} has ${row.length} values for ${columns.length} columns`);
    data += `${row.map(copyField).join('\t')}\n`;
  }
  return CompiledQuery.raw(`${COPY_IN_MARK}COPY ${name(table)} (${columns.map(name).join(', ')}) FROM STDIN`, [data]);
}
