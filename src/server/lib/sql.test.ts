import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../../test/db.js';
import { COPY_IN_MARK, type Executor } from '../db/pool.js';
import { copyStatement, numericArray } from './sql.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(`CREATE TABLE copy_probe (
    id integer PRIMARY KEY,
    label text,
    amount numeric(16,4) CHECK (amount >= 0),
    monthly numeric(16,4)[],
    on_day date,
    at timestamptz,
    flag boolean,
    doc jsonb
  )`);
});
afterAll(async () => {
  await database?.drop();
});

/** Build and run one COPY, as bulk writers do. */
async function copyIn(db: Executor, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) {
  const statement = copyStatement(table, columns, rows);
  if (statement) await db.executeQuery(statement);
}

const COLUMNS = ['id', 'label', 'amount', 'monthly', 'on_day', 'at', 'flag', 'doc'] as const;
const stored = async () =>
  (await database.pool.query('SELECT id, label, amount, monthly, on_day, at, flag, doc FROM copy_probe ORDER BY id')).rows;

describe(copyStatement.name, () => {
  it('stores every value as given: escapes, \\N as text, empty text, nulls, arrays, dates, jsonb', async () => {
    const at = new Date('2022-03-15T01:02:03.456Z');
    const labels = ['tab\there', 'line\nbreak', 'cr\rlf', 'back\\slash', '\\N', '', '衡阳市𠀀项目', 'end\\'];
    const doc = { quote: 'say "hi"', path: 'C:\\dir\\file', lines: 'a\nb\tc', nested: [1, null, { 汉: true }] };
    await database.db.transaction().execute(async (tx) => {
      await copyIn(
        tx,
        'copy_probe',
        COLUMNS,
        labels.map((label, i) => [i + 1, label, '12345.6789', numericArray(['1', null, '-2.5']), '2022-02-28', at, i % 2 === 0, doc]),
      );
      await copyIn(tx, 'copy_probe', COLUMNS, [[100, null, null, null, null, null, null, null]]);
    });
    const rows = await stored();
    expect(rows.map((r) => r.label)).toEqual([...labels, null]);
    expect(rows[0]).toEqual({
      id: 1,
      label: 'tab\there',
      amount: '12345.6789',
      monthly: ['1', null, '-2.5'],
      on_day: '2022-02-28',
      at,
      flag: true,
      doc,
    });
    expect(rows.at(-1)).toEqual({ id: 100, label: null, amount: null, monthly: null, on_day: null, at: null, flag: null, doc: null });
    await database.pool.query('TRUNCATE copy_probe');
  });

  it('copies thousands of rows in one statement; a failing copy rolls the whole transaction back and the pool goes on', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [i + 1, `行${i}`, String(i), null, null, null, null, null]);
    await database.db.transaction().execute((tx) => copyIn(tx, 'copy_probe', COLUMNS, rows));
    expect((await database.pool.query('SELECT count(*)::int AS n, sum(amount) AS s FROM copy_probe')).rows[0]).toEqual({
      n: 20_000,
      s: String((19_999 * 20_000) / 2),
    });
    await database.pool.query('TRUNCATE copy_probe');

    // The first statement succeeds, the copy breaks a CHECK constraint on its last row.
    const failing = database.db.transaction().execute(async (tx) => {
      await sql`INSERT INTO copy_probe (id, label) VALUES (1, 'kept only if all succeed')`.execute(tx);
      await copyIn(tx, 'copy_probe', COLUMNS, [
        [2, 'fine', '1', null, null, null, null, null],
        [3, 'negative', '-1', null, null, null, null, null],
      ]);
    });
    await expect(failing).rejects.toThrow(/copy_probe_amount_check/);
    expect(await stored()).toEqual([]);
    // A duplicate key in the copy itself, then the same connections serve plain queries.
    await expect(
      database.db.transaction().execute((tx) =>
        copyIn(tx, 'copy_probe', COLUMNS, [
          [5, 'a', null, null, null, null, null, null],
          [5, 'b', null, null, null, null, null, null],
        ]),
      ),
    ).rejects.toThrow(/copy_probe_pkey/);
    for (let i = 0; i < 8; i++) expect((await database.pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(await stored()).toEqual([]);
  });

  it('refuses what it cannot write faithfully, before anything reaches the database', async () => {
    await expect(copyIn(database.db, 'copy_probe; DROP TABLE copy_probe', ['id'], [[1]])).rejects.toThrow(/not a plain SQL identifier/);
    await expect(copyIn(database.db, 'copy_probe', ['id', 'label'], [[1]])).rejects.toThrow(/has 1 values for 2 columns/);
    await expect(copyIn(database.db, 'copy_probe', ['id'], [[Number.NaN]])).rejects.toThrow(/cannot write the number NaN/);
    expect(() => numericArray(['1', '1e5'])).toThrow(/not an exact decimal/);
    expect(() => numericArray(['1,2'])).toThrow(/not an exact decimal/);
    expect(numericArray(null)).toBeNull();
    expect(numericArray([])).toBe('{}');
    // Nothing to copy: no statement at all.
    expect(copyStatement('no_such_table', ['id'], [])).toBeNull();
    expect(await stored()).toEqual([]);
    // A marked statement whose data is not its one text parameter never reaches the server.
    const marked = `${COPY_IN_MARK}COPY copy_probe (id) FROM STDIN`;
    for (let i = 0; i < 6; i++) {
      await expect(database.pool.query(marked, ['1\n', '2\n'])).rejects.toThrow(/takes its data as its one parameter/);
      await expect(database.pool.query(marked, [1])).rejects.toThrow(/takes its data as its one parameter/);
    }
    // Each of those gave its connection back (the pool holds 4); a well-formed one works through pool.query too.
    await database.pool.query(marked, ['7\n']);
    expect(await stored()).toMatchObject([{ id: 7 }]);
  });
});
