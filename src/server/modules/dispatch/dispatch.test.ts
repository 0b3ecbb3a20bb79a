import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { PASSWORD, type TestOrg, makeProject, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';

let t: TestApp;
let org: TestOrg;
let operator: Awaited<ReturnType<typeof signedIn>>;
let leader: Awaited<ReturnType<typeof signedIn>>;
let dept: Awaited<ReturnType<typeof signedIn>>;
let county: Awaited<ReturnType<typeof signedIn>>;
let red: number;
let yellow: number;
let onTrack: number;
let overdueProblem: number;

beforeAll(async () => {
  t = await createTestApp({ JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  org = await seedOrg(t);
  operator = await signedIn(t, 'city_operator');
  leader = await signedIn(t, 'city_leader');
  dept = await signedIn(t, 'department', { unitId: org.dept });
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  const ops = await operatorContext(t);
  red = await makeProject(t, ops, org.parkA, { name: '红灯项目', milestones: [{ kind: 'start', plannedOn: '2026-01-15' }] });
  yellow = await makeProject(t, ops, org.countyB, { name: '黄灯项目', milestones: [{ kind: 'land', plannedOn: '2026-02-20' }] });
  onTrack = await makeProject(t, ops, org.countyA, { name: '按期项目', milestones: [{ kind: 'start', plannedOn: '2026-06-30' }] });
  overdueProblem = (
    await operator.post('/api/v1/problems', {
      projectId: onTrack,
      category: 'approvals',
      title: '施工许可超期',
      description: '施工许可审批超过承诺时限。',
      raisedOn: '2026-02-16',
      responsibility: { leadUnitId: org.dept, deadline: '2026-02-27' },
    })
  ).json().id;
});
afterAll(async () => {
  await t?.close();
});

async function at(when: string) {
  t.clock.set(when);
  for (const agent of [operator, leader, dept, county]) await agent.login(agent.username, PASSWORD);
}

async function docText(agent: typeof operator, url: string): Promise<string> {
  const response = await agent.get(url);
  expect(response.statusCode, url).toBe(200);
  expect(response.headers['content-type']).toContain('wordprocessingml');
  const xml = await (await JSZip.loadAsync(response.rawPayload)).file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

describe('weekly dispatch (周调度)', () => {
  let meeting: { id: number; version: number; agenda: { position: number; projectId: number | null; reason: string }[] };

  it('proposes the agenda from red and yellow projects and overdue problems', async () => {
    const proposal = (await operator.get('/api/v1/dispatch/agenda-proposal?heldOn=2026-03-02')).json();
    expect(proposal.previousMeetingId).toBeNull();
    expect(proposal.items.map((i: { reason: string; title: string }) => [i.reason, i.title])).toEqual([
      ['red', '红灯项目'],
      ['red', '按期项目'],
      ['yellow', '黄灯项目'],
      ['overdue', '施工许可超期'],
    ]);
    expect(proposal.items[0]).toMatchObject({ kind: 'project', projectId: red, projectName: '红灯项目', detail: '开工节点逾期 46 天' });
    expect(proposal.items[1].detail).toBe('1 个问题超期未解决');
    expect(proposal.items[2]).toMatchObject({ projectId: yellow, detail: '用地节点逾期 10 天' });
    expect(proposal.items[3]).toMatchObject({ kind: 'problem', problemId: overdueProblem, problemStatus: 'assigned' });
  });

  it('records a meeting with the proposed agenda, and a decision that hands out a task', async () => {
    const created = await operator.post('/api/v1/dispatch/meetings', {
      heldOn: '2026-03-02',
      chair: '李副市长',
      attendees: ['市发改委', '市自然资源和规划局', '珠晖区'],
    });
    expect(created.statusCode, created.body).toBe(201);
    meeting = created.json();
    expect(meeting.agenda.map((a) => a.reason)).toEqual(['red', 'red', 'yellow', 'overdue']);

    const decided = await operator.post(`/api/v1/dispatch/meetings/${meeting.id}/decisions`, {
      text: '市自然资源和规划局两周内完成红灯项目用地报批',
      agendaPosition: 0,
      task: { category: 'land', leadUnitId: org.dept, leadPerson: '王局长', deadline: '2026-03-13' },
    });
    expect(decided.statusCode, decided.body).toBe(201);
    const decision = decided.json().decisions[0];
    expect(decision).toMatchObject({
      position: 0,
      agendaPosition: 0,
      task: { leadUnitId: org.dept, leadUnitName: '市自然资源和规划局', leadPerson: '王局长', deadline: '2026-03-13', status: 'assigned' },
    });
    // The task lives on as a problem-list item of the project, assigned, visible to its lead department.
    const task = (await dept.get(`/api/v1/problems/${decision.task.problemId}`)).json();
    expect(task).toMatchObject({
      source: 'dispatch',
      status: 'assigned',
      projectId: red,
      raisedOn: '2026-03-02',
      title: '市自然资源和规划局两周内完成红灯项目用地报批',
    });
    expect((await dept.get('/api/v1/notifications')).json().items.some((n: { kind: string }) => n.kind === 'problem.assigned')).toBe(true);
    await operator.post(`/api/v1/dispatch/meetings/${meeting.id}/decisions`, { text: '黄灯项目由耒阳市加快征地进度', agendaPosition: 2 });

    const edited = await operator.patch(`/api/v1/dispatch/meetings/${meeting.id}`, {
      version: decided.json().version + 1,
      minutes: '会议听取了红黄灯项目情况汇报。\n会议要求各单位倒排工期。',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    meeting = edited.json();
  });

  it('refuses a task due before the meeting, an unknown agenda item or category, writing nothing', async () => {
    const before = (await operator.get(`/api/v1/dispatch/meetings/${meeting.id}`)).json();
    const early = await operator.post(`/api/v1/dispatch/meetings/${meeting.id}/decisions`, {
      text: '过期的交办',
      agendaPosition: 9,
      task: { leadUnitId: org.dept, deadline: '2026-02-28' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.fields).toEqual([
      { path: 'agendaPosition', message: '没有这一项议题' },
      { path: 'task.deadline', message: '交办事项的完成时限不能早于会议日期' },
    ]);
    const category = await operator.post(`/api/v1/dispatch/meetings/${meeting.id}/decisions`, {
      text: '类别错误',
      task: { category: 'weather', leadUnitId: org.dept, deadline: '2026-03-20' },
    });
    expect(category.json().error.details.fields).toEqual([{ path: 'task.category', message: '类别不在配置的清单中' }]);
    const after = (await operator.get(`/api/v1/dispatch/meetings/${meeting.id}`)).json();
    expect(after.decisions).toHaveLength(before.decisions.length);
    expect((await operator.post('/api/v1/dispatch/meetings', { heldOn: '2026-03-02', chair: '某' })).json().error.details.fields).toEqual([
      { path: 'heldOn', message: '该日期已有调度会记录' },
    ]);
  });

  it('exports the minutes and the task list as Word documents', async () => {
    const minutes = await docText(operator, `/api/v1/dispatch/meetings/${meeting.id}/minutes`);
    expect(minutes).toContain('衡阳市重大项目周调度会议纪要');
    expect(minutes).toContain('时间：2026年3月2日　主持：李副市长');
    expect(minutes).toContain('参会人员：市发改委、市自然资源和规划局、珠晖区');
    expect(minutes).toContain('【红灯】红灯项目：开工节点逾期 46 天');
    expect(minutes).toContain('会议要求各单位倒排工期。');
    expect(minutes).toContain(
      '1. 市自然资源和规划局两周内完成红灯项目用地报批（交办：市自然资源和规划局，责任人王局长，2026年3月13日前完成）',
    );
    const tasks = await docText(leader, `/api/v1/dispatch/meetings/${meeting.id}/tasks`);
    expect(tasks).toContain('衡阳市重大项目周调度交办事项清单');
    expect(tasks).toContain('市自然资源和规划局两周内完成红灯项目用地报批');
    expect(tasks).toContain('2026-03-13');
    expect(tasks).toContain('已交办');
  });

  it('an edited agenda takes its decisions along; a decision whose item is removed keeps no item', async () => {
    type Item = { kind: string; projectId: number | null; problemId: number | null; title: string; reason: string; detail: string | null };
    type Shown = { version: number; agenda: Item[]; decisions: { text: string; agendaPosition: number | null }[] };
    const current = (await operator.get(`/api/v1/dispatch/meetings/${meeting.id}`)).json() as Shown;
    const input = (items: Item[]) =>
      items.map(({ kind, projectId, problemId, title, reason, detail }) => ({ kind, projectId, problemId, title, reason, detail }));
    const answered = (m: Shown) =>
      m.decisions.map((d) => [d.text, d.agendaPosition === null ? null : (m.agenda[d.agendaPosition]?.title ?? 'missing')]);
    const before = answered(current);
    expect(before.filter(([, title]) => title !== null).length).toBeGreaterThanOrEqual(2);

    const reversed = await operator.patch(`/api/v1/dispatch/meetings/${meeting.id}`, {
      version: current.version,
      agenda: input([...current.agenda].reverse()),
    });
    expect(reversed.statusCode, reversed.body).toBe(200);
    const afterReverse = reversed.json() as Shown;
    expect(afterReverse.agenda.map((a) => a.title)).toEqual([...current.agenda].reverse().map((a) => a.title));
    expect(answered(afterReverse)).toEqual(before);

    const removedTitle = before.at(-1)![1];
    const removed = await operator.patch(`/api/v1/dispatch/meetings/${meeting.id}`, {
      version: afterReverse.version,
      agenda: input(afterReverse.agenda.filter((a) => a.title !== removedTitle)),
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(answered(removed.json())).toEqual(before.map(([text, title]) => [text, title === removedTitle ? null : title]));
    // Back to the agenda as proposed, for the steps that follow.
    const restored = await operator.patch(`/api/v1/dispatch/meetings/${meeting.id}`, {
      version: removed.json().version,
      agenda: input(current.agenda),
    });
    expect(restored.statusCode, restored.body).toBe(200);
    meeting = restored.json();
  });

  it('carries unresolved tasks over to the next meeting automatically, until they are confirmed', async () => {
    const taskId = meeting.agenda.length
      ? (await operator.get(`/api/v1/dispatch/meetings/${meeting.id}`)).json().decisions[0].task.problemId
      : 0;
    await at('2026-03-09T09:00:00+08:00');
    // The operator gives the agenda; the open task is added anyway.
    const next = await operator.post('/api/v1/dispatch/meetings', {
      heldOn: '2026-03-09',
      chair: '李副市长',
      agenda: [{ kind: 'other', title: '一季度开门红工作安排' }],
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ previousMeetingId: meeting.id });
    expect(
      next.json().agenda.map((a: { reason: string; problemId: number | null; title: string }) => [a.reason, a.problemId, a.title]),
    ).toEqual([
      ['carried', taskId, '市自然资源和规划局两周内完成红灯项目用地报批'],
      ['carried', overdueProblem, '施工许可超期'],
      ['manual', null, '一季度开门红工作安排'],
    ]);
    const list = (await leader.get('/api/v1/dispatch/meetings')).json();
    expect(
      list.items.map((m: { heldOn: string; taskCount: number; openTaskCount: number }) => [m.heldOn, m.taskCount, m.openTaskCount]),
    ).toEqual([
      ['2026-03-09', 0, 0],
      ['2026-03-02', 1, 1],
    ]);

    // The department resolves the task, the operator (who raised it at the meeting) confirms it.
    let task = (await dept.get(`/api/v1/problems/${taskId}`)).json();
    task = (await dept.post(`/api/v1/problems/${taskId}/start`, { version: task.version, measures: ['组卷报批'] })).json();
    task = (await dept.post(`/api/v1/problems/${taskId}/resolve`, { version: task.version, evidence: '已报批' })).json();
    expect((await operator.post(`/api/v1/problems/${taskId}/confirm`, { version: task.version })).statusCode).toBe(200);
    await at('2026-03-16T09:00:00+08:00');
    const third = (await operator.get('/api/v1/dispatch/agenda-proposal?heldOn=2026-03-16')).json();
    expect(third.previousMeetingId).toBe(next.json().id);
    expect(third.items.filter((i: { reason: string }) => i.reason === 'carried').map((i: { problemId: number }) => i.problemId)).toEqual([
      overdueProblem,
    ]);
    await at('2026-03-02T09:00:00+08:00');
  });

  it('is read by the city leader, managed by the operator only', async () => {
    expect((await leader.get(`/api/v1/dispatch/meetings/${meeting.id}`)).statusCode).toBe(200);
    expect((await leader.post('/api/v1/dispatch/meetings', { heldOn: '2026-04-01', chair: '某' })).statusCode).toBe(403);
    expect((await dept.get('/api/v1/dispatch/meetings')).statusCode).toBe(403);
    expect((await county.get('/api/v1/dispatch/agenda-proposal?heldOn=2026-03-02')).statusCode).toBe(403);
  });
});
