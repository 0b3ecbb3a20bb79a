import { describe, expect, it } from 'vitest';
import type { ReportGridRow } from '../../../../src/contracts/index.js';
import {
  buildSubmission,
  cellKey,
  checkSubmission,
  clearCellError,
  clearRowErrors,
  dirtyRows,
  editCell,
  errorCount,
  filterRows,
  isDirty,
  moveFrom,
  NO_ERRORS,
  placeErrors,
  rebase,
  rowsWithErrors,
  staleRows,
  statusCounts,
} from './report-grid';

function row(projectId: number, overrides: Partial<ReportGridRow> = {}): ReportGridRow {
  return {
    projectId,
    projectCode: `2201-430405-04-01-00000${projectId}`,
    projectName: `项目${projectId}`,
    unitId: 2,
    unitName: '珠晖区',
    totalInvestment: '10000',
    plannedThisMonth: null,
    cumulativeBefore: '0',
    ytdBefore: '0',
    lastMonth: null,
    isStarted: true,
    status: 'missing',
    returnReason: null,
    investment: null,
    progressText: null,
    problemsText: null,
    explanation: null,
    version: 0,
    photoCount: 0,
    ...overrides,
  };
}

const submitted = row(2, { status: 'submitted', investment: '120.5', progressText: '主体施工', version: 3 });
const returned = row(3, { status: 'returned', investment: '80', version: 1, returnReason: '数据偏大' });
const rows = [row(1), submitted, returned];

describe(isDirty.name, () => {
  it('is false without an edit and when the edit repeats the saved figures (120.50 = 120.5)', () => {
    expect(isDirty(submitted, undefined)).toBe(false);
    const edits = editCell(new Map(), submitted, 'investment', '120.50');
    expect(isDirty(submitted, edits.get(2))).toBe(false);
    expect(isDirty(submitted, editCell(edits, submitted, 'progressText', '主体施工 ').get(2))).toBe(false);
  });

  it('is true when a value changes, and for any touched returned row', () => {
    expect(isDirty(submitted, editCell(new Map(), submitted, 'investment', '121').get(2))).toBe(true);
    expect(isDirty(submitted, editCell(new Map(), submitted, 'problemsText', '缺工').get(2))).toBe(true);
    expect(isDirty(returned, editCell(new Map(), returned, 'investment', '80').get(3))).toBe(true);
  });
});

describe(buildSubmission.name, () => {
  it('sends only the dirty rows with their base version, and remembers which project each row is', () => {
    let edits = editCell(new Map(), rows[0]!, 'investment', ' 100 ');
    edits = editCell(edits, submitted, 'investment', '120.5');
    edits = editCell(edits, returned, 'explanation', '设备到货');
    const { body, order } = buildSubmission('2022-06', rows, edits);
    expect(order).toEqual([1, 3]);
    expect(body).toEqual({
      month: '2022-06',
      rows: [
        { projectId: 1, investment: '100', progressText: null, problemsText: null, explanation: null, baseVersion: 0 },
        { projectId: 3, investment: '80', progressText: null, problemsText: null, explanation: '设备到货', baseVersion: 1 },
      ],
    });
    expect(checkSubmission(body, 'zh-CN')).toEqual([]);
  });

  it('adds the correction reason after the lock; a blank figure is reported as required on its cell', () => {
    const edits = editCell(new Map(), rows[0]!, 'progressText', '进场');
    const { body, order } = buildSubmission('2022-06', rows, edits, '  ');
    expect(body.correctionReason).toBeNull();
    const errors = checkSubmission(body, 'zh-CN');
    expect(errors.map((e) => e.path)).toEqual(['rows.0.investment']);
    const placed = placeErrors(errors, order);
    expect([...placed.cells.keys()]).toEqual([cellKey(1, 'investment')]);
  });

  it('refuses a figure that is not an amount, with the path of its cell', () => {
    const edits = editCell(new Map(), rows[0]!, 'investment', '12,5');
    const { body } = buildSubmission('2022-06', rows, edits);
    expect(checkSubmission(body, 'en-US').map((e) => e.path)).toEqual(['rows.0.investment']);
  });
});

describe(placeErrors.name, () => {
  it('puts rows.<i>.<field> on the cell of the i-th submitted project, the rest on the row or the form', () => {
    const placed = placeErrors(
      [
        { path: 'rows.1.investment', message: '累计完成投资将超过项目总投资' },
        { path: 'rows.1.investment', message: '累计完成投资将超过项目总投资' },
        { path: 'rows.0.explanation', message: '请填写说明' },
        { path: 'rows.0.projectId', message: '不存在' },
        { path: 'rows.7.investment', message: 'out of range' },
        { path: 'correctionReason', message: '须填写更正原因' },
      ],
      [5, 9],
    );
    expect(Object.fromEntries(placed.cells)).toEqual({
      '9.investment': ['累计完成投资将超过项目总投资'],
      '5.explanation': ['请填写说明'],
    });
    expect(Object.fromEntries(placed.rows)).toEqual({ 5: ['不存在'] });
    expect(placed.general.map((e) => e.path)).toEqual(['rows.7.investment', 'correctionReason']);
    expect(errorCount(placed)).toBe(5);
  });

  it('clears a cell (and its row errors) when the cell is edited', () => {
    const placed = placeErrors(
      [
        { path: 'rows.0.investment', message: 'a' },
        { path: 'rows.0.explanation', message: 'b' },
        { path: 'rows.0', message: 'c' },
      ],
      [4],
    );
    const after = clearCellError(placed, 4, 'investment');
    expect([...after.cells.keys()]).toEqual(['4.explanation']);
    expect(after.rows.size).toBe(0);
    expect(clearCellError(NO_ERRORS, 4, 'investment')).toBe(NO_ERRORS);
  });
});

describe(staleRows.name, () => {
  it('finds edits based on a version the server has replaced, and rebases them on request', () => {
    const edits = editCell(new Map(), submitted, 'investment', '130');
    const reloaded = [row(1), { ...submitted, version: 4, investment: '125' }, returned];
    expect(staleRows(reloaded, edits).map((r) => r.projectId)).toEqual([2]);
    const rebased = rebase(edits, reloaded[1]!);
    expect(staleRows(reloaded, rebased)).toEqual([]);
    expect(rebased.get(2)?.investment).toBe('130');
    expect(dirtyRows(reloaded, rebased).map((r) => r.projectId)).toEqual([2]);
  });
});

describe(moveFrom.name, () => {
  const order = [10, 20, 30];
  it('goes down on Enter and ↓, up on Shift+Enter and ↑, and stops at the ends', () => {
    expect(moveFrom(order, 10, 'Enter', false)).toBe(20);
    expect(moveFrom(order, 20, 'ArrowDown', false)).toBe(30);
    expect(moveFrom(order, 30, 'Enter', false)).toBeUndefined();
    expect(moveFrom(order, 30, 'Enter', true)).toBe(20);
    expect(moveFrom(order, 20, 'ArrowUp', false)).toBe(10);
    expect(moveFrom(order, 10, 'ArrowUp', false)).toBeUndefined();
    expect(moveFrom(order, 10, 'Tab', false)).toBeUndefined();
    expect(moveFrom(order, 99, 'Enter', false)).toBeUndefined();
  });
});

describe(filterRows.name, () => {
  it('filters by status, edits, errors and a search text', () => {
    const edits = editCell(new Map(), rows[0]!, 'investment', '5');
    const errors = placeErrors([{ path: 'rows.0.investment', message: 'x' }], [3]);
    const ids = (filter: Parameters<typeof filterRows>[1]['filter'], q = '') =>
      filterRows(rows, { filter, q, edits, errors }).map((r) => r.projectId);
    expect(ids('all')).toEqual([1, 2, 3]);
    expect(ids('missing')).toEqual([1]);
    expect(ids('returned')).toEqual([3]);
    expect(ids('edited')).toEqual([1]);
    expect(ids('errors')).toEqual([3]);
    expect(ids('all', '项目2')).toEqual([2]);
    expect(ids('all', '000003')).toEqual([3]);
    expect(rowsWithErrors(rows, errors)).toEqual([3]);
  });

  it('counts the statuses', () => {
    expect(statusCounts(rows)).toEqual({ missing: 1, submitted: 1, returned: 1 });
  });
});

describe(clearRowErrors.name, () => {
  it('drops every cell and row error of one project, leaving the others', () => {
    const placed = placeErrors(
      [
        { path: 'rows.0.investment', message: 'a' },
        { path: 'rows.0.explanation', message: 'b' },
        { path: 'rows.1.investment', message: 'c' },
        { path: 'rows.0', message: 'd' },
      ],
      [4, 40],
    );
    const after = clearRowErrors(placed, 4);
    expect([...after.cells.keys()]).toEqual(['40.investment']);
    expect(after.rows.size).toBe(0);
    expect(clearRowErrors(after, 4)).toBe(after);
  });
});
