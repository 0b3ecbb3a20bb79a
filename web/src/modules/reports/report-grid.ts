import {
  type FieldError,
  formatIssues,
  type Locale,
  MoneySchema,
  type ReportGridRow,
  type ReportStatus,
  SubmitReportsSchema,
  toUnits,
} from '../../../../src/contracts/index.js';

/** The cells a unit types on the grid; every other figure of a row comes from the server. */
export const GRID_FIELDS = ['investment', 'progressText', 'problemsText', 'explanation'] as const;
export type GridField = (typeof GRID_FIELDS)[number];

/** What the user typed in one row, and the version of the row it started from. */
export interface RowEdit {
  investment: string;
  progressText: string;
  problemsText: string;
  explanation: string;
  /** The row's version when editing began: if the server has moved on, the edit is stale. */
  baseVersion: number;
}

export type Edits = ReadonlyMap<number, RowEdit>;

/** The row as the server has it, in the grid's text form ('' for no value). */
export function savedValues(row: ReportGridRow): Omit<RowEdit, 'baseVersion'> {
  return {
    investment: row.investment ?? '',
    progressText: row.progressText ?? '',
    problemsText: row.problemsText ?? '',
    explanation: row.explanation ?? '',
  };
}

/** What a row shows: the user's edit, else the saved values. */
export function rowValues(row: ReportGridRow, edit: RowEdit | undefined): Omit<RowEdit, 'baseVersion'> {
  if (!edit) return savedValues(row);
  const { baseVersion: _, ...values } = edit;
  return values;
}

/** Start or continue editing a row: one cell changes, the rest keeps what was there. */
export function editCell(edits: Edits, row: ReportGridRow, field: GridField, value: string): Map<number, RowEdit> {
  const next = new Map(edits);
  const current = edits.get(row.projectId) ?? { ...savedValues(row), baseVersion: row.version };
  next.set(row.projectId, { ...current, [field]: value });
  return next;
}

function sameAmount(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  if (x === y) return true;
  if (!MoneySchema.safeParse(x).success || !MoneySchema.safeParse(y).success) return false;
  return toUnits(x) === toUnits(y);
}

/**
 * Whether a row has something to send: a value differs from the saved one, or the row was
 * returned and the user touched it (resubmitting the same figures answers the return).
 */
export function isDirty(row: ReportGridRow, edit: RowEdit | undefined): boolean {
  if (!edit) return false;
  if (row.status === 'returned') return true;
  const saved = savedValues(row);
  return (
    !sameAmount(edit.investment, saved.investment) ||
    edit.progressText.trim() !== saved.progressText ||
    edit.problemsText.trim() !== saved.problemsText ||
    edit.explanation.trim() !== saved.explanation
  );
}

/** The rows to send, in grid order. */
export function dirtyRows(rows: readonly ReportGridRow[], edits: Edits): ReportGridRow[] {
  return rows.filter((row) => isDirty(row, edits.get(row.projectId)));
}

/** Rows whose edit began on a version the server has since replaced (someone else saved the row). */
export function staleRows(rows: readonly ReportGridRow[], edits: Edits): ReportGridRow[] {
  return rows.filter((row) => {
    const edit = edits.get(row.projectId);
    return edit !== undefined && edit.baseVersion !== row.version;
  });
}

/** Keep the user's figures of a stale row but base them on the current version, so the next save may replace it. */
export function rebase(edits: Edits, row: ReportGridRow): Map<number, RowEdit> {
  const next = new Map(edits);
  const edit = edits.get(row.projectId);
  if (edit) next.set(row.projectId, { ...edit, baseVersion: row.version });
  return next;
}

export function discard(edits: Edits, projectIds: Iterable<number>): Map<number, RowEdit> {
  const next = new Map(edits);
  for (const id of projectIds) next.delete(id);
  return next;
}

const blankToNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * The PUT body for the dirty rows, and which project each `rows.<i>` of it is, so that the
 * server's per-cell errors find their way back to the grid.
 */
export function buildSubmission(
  month: string,
  rows: readonly ReportGridRow[],
  edits: Edits,
  correctionReason?: string,
): { body: { month: string; rows: Record<string, unknown>[]; correctionReason?: string | null }; order: number[] } {
  const dirty = dirtyRows(rows, edits);
  const order = dirty.map((row) => row.projectId);
  const body = {
    month,
    rows: dirty.map((row) => {
      const edit = edits.get(row.projectId)!;
      return {
        projectId: row.projectId,
        // A blank figure is left out, so the schema calls it required (not "not an amount").
        ...(edit.investment.trim() === '' ? {} : { investment: edit.investment.trim() }),
        progressText: blankToNull(edit.progressText),
        problemsText: blankToNull(edit.problemsText),
        explanation: blankToNull(edit.explanation),
        baseVersion: edit.baseVersion,
      };
    }),
    ...(correctionReason === undefined ? {} : { correctionReason: blankToNull(correctionReason) }),
  };
  return { body, order };
}

/** The same check the server makes on the shape of the body, with the server's paths and messages. */
export function checkSubmission(body: unknown, locale: Locale): FieldError[] {
  const result = SubmitReportsSchema.safeParse(body);
  return result.success ? [] : formatIssues(result.error.issues, locale);
}

/** Where an error goes: a cell (`${projectId}.${field}`), a whole row, or the form (month, reason, the batch). */
export interface PlacedErrors {
  cells: Map<string, string[]>;
  rows: Map<number, string[]>;
  general: FieldError[];
}

export const cellKey = (projectId: number, field: GridField) => `${projectId}.${field}`;

/** Put `rows.<i>.<field>` errors on the cell of the i-th submitted project; anything else stays general. */
export function placeErrors(fields: readonly FieldError[], order: readonly number[]): PlacedErrors {
  const placed: PlacedErrors = { cells: new Map(), rows: new Map(), general: [] };
  const add = <K>(map: Map<K, string[]>, key: K, message: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(message)) list.push(message);
    map.set(key, list);
  };
  for (const field of fields) {
    const match = /^rows\.(\d+)(?:\.(\w+))?/.exec(field.path);
    const projectId = match ? order[Number(match[1])] : undefined;
    if (!match || projectId === undefined) {
      placed.general.push(field);
      continue;
    }
    const name = match[2];
    if (name && (GRID_FIELDS as readonly string[]).includes(name)) add(placed.cells, cellKey(projectId, name as GridField), field.message);
    else add(placed.rows, projectId, field.message);
  }
  return placed;
}

/** An edited cell loses its error; the row's own errors go with any edit of the row. */
export function clearCellError(placed: PlacedErrors, projectId: number, field: GridField): PlacedErrors {
  const key = cellKey(projectId, field);
  if (!placed.cells.has(key) && !placed.rows.has(projectId)) return placed;
  const cells = new Map(placed.cells);
  cells.delete(key);
  const rows = new Map(placed.rows);
  rows.delete(projectId);
  return { ...placed, cells, rows };
}

/** Every error of a row gone (the row was discarded, or its conflict settled). */
export function clearRowErrors(placed: PlacedErrors, projectId: number): PlacedErrors {
  const cells = new Map([...placed.cells].filter(([key]) => !key.startsWith(`${projectId}.`)));
  const rows = new Map(placed.rows);
  rows.delete(projectId);
  return cells.size === placed.cells.size && rows.size === placed.rows.size ? placed : { ...placed, cells, rows };
}

export const NO_ERRORS: PlacedErrors = { cells: new Map(), rows: new Map(), general: [] };

export function errorCount(placed: PlacedErrors): number {
  return placed.cells.size + placed.rows.size + placed.general.length;
}

/** The projects with an error, in the order of `rows`. */
export function rowsWithErrors(rows: readonly ReportGridRow[], placed: PlacedErrors): number[] {
  const ids = new Set<number>(placed.rows.keys());
  for (const key of placed.cells.keys()) ids.add(Number(key.split('.')[0]));
  return rows.filter((row) => ids.has(row.projectId)).map((row) => row.projectId);
}

/** Keyboard moves between the investment cells: Enter or ↓ goes down, Shift+Enter or ↑ goes up. */
export function moveFrom(order: readonly number[], projectId: number, key: string, shiftKey: boolean): number | undefined {
  const index = order.indexOf(projectId);
  if (index < 0) return undefined;
  const down = (key === 'Enter' && !shiftKey) || key === 'ArrowDown';
  const up = (key === 'Enter' && shiftKey) || key === 'ArrowUp';
  if (down) return order[index + 1];
  if (up) return index > 0 ? order[index - 1] : undefined;
  return undefined;
}

export type GridFilter = 'all' | ReportStatus | 'edited' | 'errors';

/** The rows a filter and a search text keep (name or project code). */
export function filterRows(
  rows: readonly ReportGridRow[],
  options: { filter: GridFilter; q: string; edits: Edits; errors: PlacedErrors },
): ReportGridRow[] {
  const q = options.q.trim().toLowerCase();
  const withErrors = options.filter === 'errors' ? new Set(rowsWithErrors(rows, options.errors)) : null;
  return rows.filter((row) => {
    if (q && !row.projectName.toLowerCase().includes(q) && !(row.projectCode ?? '').toLowerCase().includes(q)) return false;
    switch (options.filter) {
      case 'all':
        return true;
      case 'edited':
        return isDirty(row, options.edits.get(row.projectId));
      case 'errors':
        return withErrors!.has(row.projectId);
      default:
        return row.status === options.filter;
    }
  });
}

/** How many rows are in each status (the grid's own rows, as the server reported them). */
export function statusCounts(rows: readonly ReportGridRow[]): Record<ReportStatus, number> {
  const counts: Record<ReportStatus, number> = { missing: 0, submitted: 0, returned: 0 };
  for (const row of rows) counts[row.status]++;
  return counts;
}
