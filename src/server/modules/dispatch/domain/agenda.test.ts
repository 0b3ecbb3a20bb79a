import { describe, expect, it } from 'vitest';
import { type ItemState, type PreviousMeeting, agendaMoves, carryOver, projectLights, proposeAgenda, withCarried } from './agenda.js';

const previous: PreviousMeeting = {
  id: 7,
  heldOn: '2026-03-02',
  agenda: [
    { kind: 'project', projectId: 1, problemId: null, title: '新材料产业园' },
    { kind: 'problem', projectId: 1, problemId: 10, title: '用地指标' },
    { kind: 'problem', projectId: 2, problemId: 11, title: '环评批复' },
    { kind: 'task', projectId: null, problemId: 20, title: '上上次的交办' },
  ],
  decisions: [
    { text: '市资规局两周内下达用地指标', taskProblemId: 21 },
    { text: '已经办结的交办', taskProblemId: 22 },
    { text: '只记录，不交办', taskProblemId: null },
    { text: '同一问题再次交办', taskProblemId: 10 },
  ],
};
const state = (status: ItemState['status'], projectId: number | null = null): ItemState => ({ status, title: 't', projectId });

describe(carryOver.name, () => {
  it('carries tasks and problems that are not confirmed yet, each once, tasks first', () => {
    const states = new Map<number, ItemState>([
      [10, state('in_progress', 1)],
      [11, state('confirmed', 2)],
      [20, state('resolved')],
      [21, state('assigned', 1)],
      [22, state('confirmed')],
    ]);
    const carried = carryOver(previous, states);
    expect(carried.map((c) => [c.problemId, c.kind, c.title])).toEqual([
      [21, 'task', '市资规局两周内下达用地指标'],
      [10, 'task', '同一问题再次交办'],
      [20, 'task', '上上次的交办'],
    ]);
    expect(carried[0]).toMatchObject({
      reason: 'carried',
      carriedFromMeetingId: 7,
      projectId: 1,
      detail: '上次调度会（2026-03-02）遗留，当前状态：已交办',
    });
    // Resolved but not yet confirmed by whoever raised it: still on the agenda.
    expect(carried[2]!.detail).toContain('已办结待确认');
  });

  it('carries nothing without a previous meeting or when everything is settled', () => {
    expect(carryOver(null, new Map())).toEqual([]);
    const settled = new Map([10, 11, 20, 21, 22].map((id) => [id, state('confirmed')] as const));
    expect(carryOver(previous, settled)).toEqual([]);
  });
});

describe(projectLights.name, () => {
  const projects = [
    { id: 1, name: '红灯项目', milestones: [{ kind: 'start' as const, plannedOn: '2026-01-15', actualOn: null }] },
    { id: 2, name: '黄灯项目', milestones: [{ kind: 'land' as const, plannedOn: '2026-02-20', actualOn: null }] },
    { id: 3, name: '按期项目', milestones: [{ kind: 'start' as const, plannedOn: '2026-01-15', actualOn: '2026-01-10' }] },
    { id: 4, name: '问题超期项目', milestones: [] },
  ];

  it('red: a milestone more than 30 days late or an overdue problem; yellow: a milestone late up to 30 days', () => {
    expect(projectLights(projects, new Map([[4, 2]]), '2026-03-02', 30)).toEqual([
      { projectId: 1, name: '红灯项目', light: 'red', detail: '开工节点逾期 46 天' },
      { projectId: 4, name: '问题超期项目', light: 'red', detail: '2 个问题超期未解决' },
      { projectId: 2, name: '黄灯项目', light: 'yellow', detail: '用地节点逾期 10 天' },
    ]);
  });

  it('puts the longest delays first within a colour (the proposal keeps only the worst)', () => {
    const late = (id: number, plannedOn: string) => ({
      id,
      name: `项目${id}`,
      milestones: [{ kind: 'start' as const, plannedOn, actualOn: null }],
    });
    const order = projectLights(
      [late(1, '2026-01-20'), late(2, '2025-11-01'), late(3, '2026-02-25'), late(4, '2025-12-01')],
      new Map(),
      '2026-03-02',
      30,
    );
    expect(order.map((l) => [l.projectId, l.light])).toEqual([
      [2, 'red'],
      [4, 'red'],
      [1, 'red'],
      [3, 'yellow'],
    ]);
  });

  it('proposes carried items, red and yellow projects, then overdue problems not already carried', () => {
    const carried = carryOver(previous, new Map([[21, state('assigned', 1)]]));
    const lights = projectLights(projects, new Map(), '2026-03-09', 30);
    const agenda = proposeAgenda({
      carried,
      lights,
      overdueItems: [
        { id: 21, title: '已在遗留中', projectId: 1, deadline: '2026-03-06', leadUnitName: '市资规局' },
        { id: 30, title: '供水迁改', projectId: null, deadline: '2026-03-04', leadUnitName: '市水务局' },
      ],
      asOf: '2026-03-09',
    });
    expect(agenda.map((a) => [a.reason, a.kind, a.projectId ?? a.problemId])).toEqual([
      ['carried', 'task', 1],
      ['red', 'project', 1],
      ['yellow', 'project', 2],
      ['overdue', 'problem', 30],
    ]);
    expect(agenda[3]!.detail).toBe('市水务局牵头，时限 2026-03-04，已超期 5 天');
  });

  it('keeps carried items on an edited agenda', () => {
    const carried = carryOver(previous, new Map([[21, state('assigned', 1)]]));
    const edited = withCarried(
      [{ kind: 'other', projectId: null, problemId: null, title: '其他事项', reason: 'manual', detail: null, carriedFromMeetingId: null }],
      carried,
    );
    expect(edited.map((a) => a.title)).toEqual(['市资规局两周内下达用地指标', '其他事项']);
    expect(withCarried(carried, carried)).toHaveLength(1);
  });
});

describe(agendaMoves.name, () => {
  const item = (title: string, projectId: number | null = null, problemId: number | null = null) => ({
    kind: (problemId ? 'problem' : projectId ? 'project' : 'other') as 'problem' | 'project' | 'other',
    projectId,
    problemId,
    title,
  });
  const a = item('甲项目', 1);
  const b = item('乙问题', null, 7);
  const c = item('其他事项');

  it('follows each item to its new place, and a removed one to nowhere', () => {
    expect(agendaMoves([a, b, c], [c, a])).toEqual([1, null, 0]);
  });

  it('leaves positions as they were when nothing moved, and pairs twins in order', () => {
    expect(agendaMoves([a, b, c], [a, b, c])).toEqual([0, 1, 2]);
    expect(agendaMoves([c, c], [a, c, c])).toEqual([1, 2]);
  });

  it('tells an item from another with the same title on another project', () => {
    expect(agendaMoves([item('征地', 1)], [item('征地', 2)])).toEqual([null]);
  });
});
