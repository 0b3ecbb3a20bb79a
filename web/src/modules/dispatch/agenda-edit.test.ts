import { describe, expect, it } from 'vitest';
import { type AgendaItem, AgendaItemInputSchema } from '../../../../src/contracts/index.js';
import {
  addFreeItem,
  countByReason,
  draftFromProposal,
  isRemovable,
  moveItem,
  nextFreeKey,
  removeByReason,
  removeItem,
  toAgendaInputs,
} from './agenda-edit';

const item = (position: number, over: Partial<AgendaItem> = {}): AgendaItem => ({
  position,
  kind: 'project',
  projectId: 10 + position,
  projectName: `项目${position}`,
  problemId: null,
  problemStatus: null,
  title: `项目${position}`,
  reason: 'red',
  detail: '开工节点逾期 46 天',
  carriedFromMeetingId: null,
  ...over,
});

const PROPOSAL: AgendaItem[] = [
  item(0, {
    kind: 'task',
    projectId: null,
    projectName: null,
    problemId: 7,
    title: '上周交办',
    reason: 'carried',
    carriedFromMeetingId: 3,
  }),
  item(1),
  item(2, { reason: 'yellow', detail: '用地节点逾期 10 天' }),
  item(3, { kind: 'problem', problemId: 9, problemStatus: 'assigned', title: '施工许可超期', reason: 'overdue' }),
];
const keys = (rows: { key: string }[]) => rows.map((r) => r.key);

describe(draftFromProposal.name, () => {
  it('keeps the proposed order with a stable key per row', () => {
    const rows = draftFromProposal(PROPOSAL);
    expect(keys(rows)).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(rows[3]).toEqual({
      key: 'p3',
      kind: 'problem',
      projectId: 13,
      projectName: '项目3',
      problemId: 9,
      title: '施工许可超期',
      reason: 'overdue',
      detail: '开工节点逾期 46 天',
      carriedFromMeetingId: null,
    });
  });
});

describe(removeItem.name, () => {
  it('removes a proposed row but never one carried over (the server would add it back)', () => {
    const rows = draftFromProposal(PROPOSAL);
    expect(isRemovable(rows[0]!)).toBe(false);
    expect(keys(removeItem(rows, 'p2'))).toEqual(['p0', 'p1', 'p3']);
    expect(keys(removeItem(rows, 'p0'))).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(keys(removeItem(rows, 'nope'))).toEqual(['p0', 'p1', 'p2', 'p3']);
  });
});

describe(removeByReason.name, () => {
  it('drops every row of a reason but keeps carried ones', () => {
    const rows = draftFromProposal([...PROPOSAL, item(4, { reason: 'yellow' })]);
    expect(keys(removeByReason(rows, 'yellow'))).toEqual(['p0', 'p1', 'p3']);
    expect(keys(removeByReason(rows, 'carried'))).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
  });
});

describe(moveItem.name, () => {
  it('moves a row one place and leaves the ends alone', () => {
    const rows = draftFromProposal(PROPOSAL);
    expect(keys(moveItem(rows, 'p2', -1))).toEqual(['p0', 'p2', 'p1', 'p3']);
    expect(keys(moveItem(rows, 'p2', 1))).toEqual(['p0', 'p1', 'p3', 'p2']);
    expect(keys(moveItem(rows, 'p0', -1))).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(keys(moveItem(rows, 'p3', 1))).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(keys(moveItem(rows, 'x', 1))).toEqual(['p0', 'p1', 'p2', 'p3']);
    // The input is not changed.
    expect(keys(rows)).toEqual(['p0', 'p1', 'p2', 'p3']);
  });
});

describe(addFreeItem.name, () => {
  it('adds a trimmed free item at the end with a fresh key, ignoring blank titles', () => {
    const rows = addFreeItem(draftFromProposal(PROPOSAL), '  一季度开门红工作安排 ', ' 市发改委汇报 ');
    expect(rows).toHaveLength(5);
    expect(rows[4]).toMatchObject({
      kind: 'other',
      reason: 'manual',
      title: '一季度开门红工作安排',
      detail: '市发改委汇报',
      problemId: null,
    });
    const more = addFreeItem(rows, '第二项');
    expect(new Set(keys(more)).size).toBe(6);
    expect(more[5]!.detail).toBeNull();
    expect(addFreeItem(rows, '   ')).toHaveLength(5);
  });

  it('never reuses a key after rows were removed', () => {
    const rows = addFreeItem(addFreeItem([], 'a'), 'b');
    const left = removeItem(rows, rows[0]!.key);
    expect(keys(left)).not.toContain(nextFreeKey(left));
  });
});

describe(toAgendaInputs.name, () => {
  it('gives the request agenda in the edited order, each item valid for the contract', () => {
    const rows = addFreeItem(moveItem(removeItem(draftFromProposal(PROPOSAL), 'p1'), 'p3', -1), '其他事项');
    const inputs = toAgendaInputs(rows);
    expect(inputs.map((i) => [i.reason, i.title])).toEqual([
      ['carried', '上周交办'],
      ['overdue', '施工许可超期'],
      ['yellow', '项目2'],
      ['manual', '其他事项'],
    ]);
    expect(inputs[0]).toEqual({
      kind: 'task',
      projectId: null,
      problemId: 7,
      title: '上周交办',
      reason: 'carried',
      detail: '开工节点逾期 46 天',
      carriedFromMeetingId: 3,
    });
    for (const input of inputs) expect(AgendaItemInputSchema.safeParse(input).success).toBe(true);
  });
});

describe(countByReason.name, () => {
  it('counts rows per reason', () => {
    expect(countByReason(PROPOSAL)).toEqual({ red: 1, yellow: 1, overdue: 1, carried: 1, manual: 0 });
  });
});
