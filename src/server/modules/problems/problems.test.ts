import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/app.js';
import { PASSWORD, type TestOrg, makeProject, makeUnit, operatorContext, seedOrg, signedIn } from '../../../test/factories.js';
import { multipart } from '../../../test/sheets.js';
import { runDueJobs } from '../notifications/index.js';
import { overdueProblemsByProject, scheduledJobs } from './index.js';

let t: TestApp;
let org: TestOrg;
let deptB: number;
let operator: Awaited<ReturnType<typeof signedIn>>;
let county: Awaited<ReturnType<typeof signedIn>>;
let countyB: Awaited<ReturnType<typeof signedIn>>;
let dept: Awaited<ReturnType<typeof signedIn>>;
let otherDept: Awaited<ReturnType<typeof signedIn>>;
let leader: Awaited<ReturnType<typeof signedIn>>;
let projectA: number;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

beforeAll(async () => {
  // Agents sign in again whenever the clock moves (see `at`).
  t = await createTestApp({ JULI_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  org = await seedOrg(t);
  // The manual clock reads Monday 2026-03-02 09:00 in Shanghai.
  deptB = await makeUnit(t, org.root, 'department', '市住房和城乡建设局');
  operator = await signedIn(t, 'city_operator');
  county = await signedIn(t, 'reporting_unit', { unitId: org.countyA });
  countyB = await signedIn(t, 'reporting_unit', { unitId: org.countyB });
  dept = await signedIn(t, 'department', { unitId: org.dept });
  otherDept = await signedIn(t, 'department', { unitId: deptB });
  leader = await signedIn(t, 'city_leader');
  projectA = await makeProject(t, await operatorContext(t), org.parkA, { name: '示例新材料产业园' });
});
afterAll(async () => {
  await t?.close();
});

const raise = (overrides: Record<string, unknown> = {}) => ({
  projectId: projectA,
  category: 'land',
  title: '用地指标未落实',
  description: '项目二期 120 亩用地指标尚未下达，影响开工。',
  measures: ['向省厅申请新增建设用地指标'],
  ...overrides,
});

/** Move the clock; sessions idle longer than 30 minutes end, so everyone signs in again. */
async function at(when: string) {
  t.clock.set(when);
  for (const agent of [operator, county, countyB, dept, otherDept, leader]) await agent.login(agent.username, PASSWORD);
}

async function count(table: 'problem' | 'file_blob' | 'problem_event') {
  return (
    await t.deps.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
}

async function inbox(agent: typeof county) {
  return (await agent.get('/api/v1/notifications?pageSize=50')).json() as {
    items: { kind: string; text: string; link: string }[];
    unread: number;
  };
}

describe('the problem workflow', () => {
  it('raise → assign → in progress → resolved with evidence → confirmed, every step recorded', async () => {
    const raised = await county.post('/api/v1/problems', raise());
    expect(raised.statusCode, raised.body).toBe(201);
    const item = raised.json();
    expect(item).toMatchObject({
      kind: 'problem',
      source: 'direct',
      status: 'raised',
      unitId: org.parkA,
      projectName: '示例新材料产业园',
      raisedOn: '2026-03-02',
      raisedByUnitName: '珠晖区',
      raisedByUnitId: org.countyA,
      measures: [{ text: '向省厅申请新增建设用地指标', isDone: false }],
      allowed: [],
    });
    expect((await inbox(operator)).items[0]).toMatchObject({ kind: 'problem.raised', link: `/problems/${item.id}` });

    const assigned = await operator.post(`/api/v1/problems/${item.id}/assign`, {
      version: item.version,
      leadUnitId: org.dept,
      leadPerson: '王科长',
      cooperatingUnitIds: [org.countyA],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    // Default deadline: the category's 20 working days from today.
    expect(assigned.json()).toMatchObject({
      status: 'assigned',
      leadUnitName: '市自然资源和规划局',
      leadPerson: '王科长',
      cooperatingUnits: [{ id: org.countyA, name: '珠晖区' }],
      deadline: '2026-03-30',
    });
    const notified = await inbox(dept);
    expect(notified.items[0]).toMatchObject({
      kind: 'problem.assigned',
      text: '「用地指标未落实」已交由市自然资源和规划局牵头办理，完成时限 2026-03-30',
    });

    const seen = (await dept.get(`/api/v1/problems/${item.id}`)).json();
    expect(seen.allowed).toEqual(['start']);
    const started = await dept.post(`/api/v1/problems/${item.id}/start`, {
      version: seen.version,
      measures: ['组卷报批', '召开专题协调会'],
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({
      status: 'in_progress',
      acceptedOn: '2026-03-02',
      measures: [{ text: '组卷报批' }, { text: '召开专题协调会' }],
    });

    const upload = multipart('批复.png', PNG);
    const evidence = await dept.request({ method: 'POST', url: `/api/v1/problems/${item.id}/files`, ...upload });
    expect(evidence.statusCode, evidence.body).toBe(200);
    expect(evidence.json().files).toMatchObject([{ kind: 'evidence', filename: '批复.png', contentType: 'image/png' }]);
    const file = await county.get(`/api/v1/problems/${item.id}/files/${evidence.json().files[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);

    await at('2026-03-10T10:00:00+08:00');
    const resolved = await dept.post(`/api/v1/problems/${item.id}/resolve`, {
      version: evidence.json().version,
      evidence: '省厅已下达用地指标批复（附件）',
      measuresDone: [0, 1],
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedOn: '2026-03-10', measures: [{ isDone: true }, { isDone: true }] });
    expect((await inbox(county)).items[0]).toMatchObject({ kind: 'problem.resolved' });

    // Another department that neither leads nor raised it cannot confirm, nor even see it.
    expect((await otherDept.post(`/api/v1/problems/${item.id}/confirm`, { version: resolved.json().version })).statusCode).toBe(403);
    const before = (await county.get(`/api/v1/problems/${item.id}`)).json();
    expect(before.allowed).toEqual(['confirm', 'reopen']);
    const confirmed = await county.post(`/api/v1/problems/${item.id}/confirm`, { version: before.version, note: '已核实' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const closed = confirmed.json();
    expect(closed).toMatchObject({ status: 'confirmed', closedOn: '2026-03-10', allowed: [] });
    expect(closed.events.map((e: { command: string; toStatus: string }) => `${e.command}:${e.toStatus}`)).toEqual([
      'raise:raised',
      'assign:assigned',
      'start:in_progress',
      'resolve:resolved',
      'confirm:confirmed',
    ]);
    expect(closed.events.at(-1)).toMatchObject({ occurredOn: '2026-03-10', note: '已核实', facts: null, actorName: county.username });
    // The assignment's note is the system's: written in Chinese, and kept as data for the reader's language.
    expect(closed.events[1]).toMatchObject({
      note: `市自然资源和规划局（王科长），${closed.deadline}`,
      facts: {
        kind: 'assigned',
        leadUnitId: org.dept,
        leadUnitName: '市自然资源和规划局',
        leadPerson: '王科长',
        deadline: closed.deadline,
      },
    });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', String(item.id))
      .where('target_type', '=', 'problem')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'problem.raise',
        'problem.assign',
        'problem.start',
        'problem.file.upload',
        'problem.resolve',
        'problem.confirm',
      ]),
    );
    await at('2026-03-02T09:00:00+08:00');
  });

  it('is reopened with a reason by whoever raised it, and a stale version is a conflict', async () => {
    const item = (await county.post('/api/v1/problems', raise({ title: '临时用电未接入', category: 'utilities' }))).json();
    const assigned = (
      await operator.post(`/api/v1/problems/${item.id}/assign`, { version: item.version, leadUnitId: org.dept, deadline: '2026-03-20' })
    ).json();
    const started = (await dept.post(`/api/v1/problems/${item.id}/start`, { version: assigned.version })).json();
    const resolved = (await dept.post(`/api/v1/problems/${item.id}/resolve`, { version: started.version, evidence: '已通电' })).json();
    expect((await county.post(`/api/v1/problems/${item.id}/reopen`, { version: resolved.version - 1, reason: 'x' })).statusCode).toBe(409);
    const reopened = await county.post(`/api/v1/problems/${item.id}/reopen`, {
      version: resolved.version,
      reason: '仅临时通电，正式用电未接入',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedOn: null });
    expect((await inbox(dept)).items[0]).toMatchObject({
      kind: 'problem.reopened',
      text: '「临时用电未接入」被退回重办：仅临时通电，正式用电未接入',
    });
    // The lead unit cannot confirm its own work; the workflow refuses what the state does not allow.
    expect((await dept.post(`/api/v1/problems/${item.id}/start`, { version: reopened.json().version })).json().error.code).toBe(
      'BUSINESS_RULE_VIOLATED',
    );
  });
});

describe('jurisdiction', () => {
  it('a department sees only the items it leads or cooperates on; a county only its own', async () => {
    const mine = (await county.post('/api/v1/problems', raise({ title: '环评批复滞后', category: 'environment' }))).json();
    await operator.post(`/api/v1/problems/${mine.id}/assign`, { version: mine.version, leadUnitId: deptB, deadline: '2026-04-30' });
    const deptList = (await dept.get('/api/v1/problems?pageSize=200')).json();
    const otherList = (await otherDept.get('/api/v1/problems?pageSize=200')).json();
    expect(otherList.items.map((i: { id: number }) => i.id)).toEqual([mine.id]);
    expect(deptList.items.map((i: { id: number }) => i.id)).not.toContain(mine.id);
    expect(deptList.items.every((i: { leadUnitId: number }) => i.leadUnitId === org.dept)).toBe(true);
    expect((await dept.get(`/api/v1/problems/${mine.id}`)).statusCode).toBe(404);
    expect((await countyB.get(`/api/v1/problems/${mine.id}`)).statusCode).toBe(404);
    expect((await countyB.get('/api/v1/problems?pageSize=200')).json().total).toBe(0);
    // The department leading it cannot act on an item another unit leads, even by id.
    expect((await dept.post(`/api/v1/problems/${mine.id}/start`, { version: 2 })).statusCode).toBe(404);
    // The city leader reads everything and changes nothing.
    expect((await leader.get(`/api/v1/problems/${mine.id}`)).json().allowed).toEqual([]);
    expect((await leader.post('/api/v1/problems', raise())).statusCode).toBe(403);
  });
});

describe('export', () => {
  /** The sheet as objects keyed by its (Chinese) headers. */
  async function sheetOf(response: { rawPayload: Buffer }) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers: string[] = [];
    sheet.getRow(1).eachCell((cell, at) => {
      headers[at] = cell.text;
    });
    const rows: Record<string, string>[] = [];
    sheet.eachRow((row, at) => {
      if (at === 1) return;
      const out: Record<string, string> = {};
      row.eachCell((cell, col) => {
        out[headers[col]!] = cell.text;
      });
      rows.push(out);
    });
    return { name: sheet.name, rows };
  }

  it('the filtered list as .xlsx: problem, measures and responsibility in one row, within the jurisdiction, audited', async () => {
    const item = (
      await county.post('/api/v1/problems', raise({ title: '导出测试：供水管网接入', measures: ['完成管网设计', '办理掘路许可'] }))
    ).json();
    const assigned = await operator.post(`/api/v1/problems/${item.id}/assign`, {
      version: item.version,
      leadUnitId: org.dept,
      leadPerson: '王五',
      cooperatingUnitIds: [deptB],
      deadline: '2026-04-30',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const response = await operator.get(`/api/v1/problems/export?q=${encodeURIComponent('导出测试')}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(String(response.headers['content-disposition'])).toContain(encodeURIComponent('问题清单'));
    const { name, rows } = await sheetOf(response);
    expect(name).toBe('问题清单');
    expect(rows).toEqual([
      expect.objectContaining({
        编号: String(item.id),
        问题: '导出测试：供水管网接入',
        类别: '用地',
        状态: '已分派',
        提出日期: '2026-03-02',
        措施清单: '1. 完成管网设计\n2. 办理掘路许可',
        牵头单位: '市自然资源和规划局',
        责任人: '王五',
        配合单位: '市住房和城乡建设局',
        完成时限: '2026-04-30',
        是否逾期: '否',
      }),
    ]);

    // The same items as the list, in the list's order, for the same filter.
    const list = (await operator.get('/api/v1/problems?pageSize=200&state=open')).json();
    const all = await sheetOf(await operator.get('/api/v1/problems/export?state=open'));
    expect(all.rows.map((r) => Number(r.编号))).toEqual(list.items.map((i: { id: number }) => i.id));
    // Another county's export holds none of it; a department only what it leads or cooperates on.
    expect((await sheetOf(await countyB.get('/api/v1/problems/export'))).rows.map((r) => r.编号)).not.toContain(String(item.id));
    const other = await sheetOf(await otherDept.get('/api/v1/problems/export'));
    expect(other.rows.map((r) => r.编号)).toContain(String(item.id));
    expect(other.rows.every((r) => r.牵头单位 === '市住房和城乡建设局' || r.配合单位?.includes('市住房和城乡建设局'))).toBe(true);
    // Every export is in the audit trail with its filter.
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'problem.export')
      .orderBy('id')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(audited[0]!.after)).toContain('导出测试');
  });
});

describe('bad input is refused with clear errors and nothing is written', () => {
  it('an unknown category, a subject outside the jurisdiction, a date in the future', async () => {
    const before = await count('problem');
    const response = await county.post('/api/v1/problems', raise({ category: 'weather', raisedOn: '2026-03-09' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toEqual([
      { path: 'category', message: '类别不在配置的清单中' },
      { path: 'raisedOn', message: '提出日期不能晚于今天' },
    ]);
    const neither = await county.post('/api/v1/problems', raise({ projectId: undefined }));
    expect(neither.json().error.details.fields).toEqual([{ path: 'projectId', message: '请选择问题所属的项目或单位（二选一）' }]);
    const outside = await county.post('/api/v1/problems', raise({ projectId: undefined, unitId: org.countyB }));
    expect(outside.json().error.details.fields).toEqual([{ path: 'unitId', message: '所选记录不存在或不在您的管辖范围内' }]);
    // Only the city assigns while raising.
    const selfAssigned = await county.post('/api/v1/problems', raise({ responsibility: { leadUnitId: org.dept } }));
    expect(selfAssigned.json().error.details.fields).toEqual([{ path: 'responsibility', message: '只有市重点办可以在提出时分派责任单位' }]);
    expect(await count('problem')).toBe(before);
  });

  it('a deadline before the day the problem was raised', async () => {
    const item = (
      await county.post('/api/v1/problems', raise({ title: '拆迁补偿争议', category: 'demolition', raisedOn: '2026-02-27' }))
    ).json();
    const events = await count('problem_event');
    const response = await operator.post(`/api/v1/problems/${item.id}/assign`, {
      version: item.version,
      leadUnitId: org.dept,
      cooperatingUnitIds: [org.dept],
      deadline: '2026-02-20',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toEqual([
      { path: 'cooperatingUnitIds.0', message: '配合单位不能包含牵头单位' },
      { path: 'deadline', message: '完成时限不能早于提出日期' },
    ]);
    const raisedAndAssigned = await operator.post(
      '/api/v1/problems',
      raise({ raisedOn: '2026-02-27', responsibility: { leadUnitId: org.dept, deadline: '2026-02-26' } }),
    );
    expect(raisedAndAssigned.json().error.details.fields).toEqual([
      { path: 'responsibility.deadline', message: '完成时限不能早于提出日期' },
    ]);
    expect(await count('problem_event')).toBe(events);
    expect((await county.get(`/api/v1/problems/${item.id}`)).json()).toMatchObject({
      status: 'raised',
      deadline: null,
      version: item.version,
    });
  });

  it('an oversize or wrong-type file', async () => {
    const item = (
      await operator.post(
        '/api/v1/problems',
        raise({ title: '审批材料补正', category: 'approvals', responsibility: { leadUnitId: org.dept } }),
      )
    ).json();
    const files = await count('file_blob');
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const tooLarge = await dept.request({ method: 'POST', url: `/api/v1/problems/${item.id}/files`, ...multipart('大图.png', big) });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '附件不能超过 10 MB' });
    const text = await dept.request({
      method: 'POST',
      url: `/api/v1/problems/${item.id}/files`,
      ...multipart('说明.png', Buffer.from('not an image')),
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.details.fields).toEqual([{ path: 'file', message: '只接受 PDF、JPG 或 PNG 文件' }]);
    expect(await count('file_blob')).toBe(files);
  });
});

describe('time-limited supervision (限时督办)', () => {
  it('escalates an overdue item when the clock passes its deadline: unit, then city department, with notices', async () => {
    const item = (
      await operator.post(
        '/api/v1/problems',
        raise({
          title: '供水管网迁改滞后',
          category: 'utilities',
          responsibility: { leadUnitId: org.dept, leadPerson: '李工', deadline: '2026-03-04' },
        }),
      )
    ).json();
    const jobs = scheduledJobs(t.deps);

    // Wednesday 4 March, the deadline: nothing yet.
    await at('2026-03-04T08:00:00+08:00');
    expect(await runDueJobs(t.deps.db, jobs, t.clock.now())).toContain('escalation');
    expect((await operator.get(`/api/v1/problems/${item.id}`)).json().escalationLevel).toBeNull();
    expect((await overdueProblemsByProject(t.deps.db, org.cityCode, '2026-03-04')).get(projectA)).toBeUndefined();

    // Thursday 5 March at 08:00: one working day overdue, the unit level.
    await at('2026-03-05T08:00:00+08:00');
    expect(await runDueJobs(t.deps.db, jobs, t.clock.now())).toContain('escalation');
    const unitLevel = (await operator.get(`/api/v1/problems/${item.id}`)).json();
    expect(unitLevel).toMatchObject({ escalationLevel: 'unit', isOverdue: true, overdueWorkingDays: 1 });
    expect(unitLevel.escalations).toMatchObject([
      {
        level: 'unit',
        dueOn: '2026-03-05',
        escalatedOn: '2026-03-05',
        overdueDays: 1,
        noticeNo: '督办〔2026〕1号',
        addressedTo: '市自然资源和规划局',
      },
    ]);
    expect(unitLevel.events.at(-1)).toMatchObject({
      command: 'escalate',
      toStatus: 'assigned',
      facts: { kind: 'escalated', level: 'unit', noticeNo: '督办〔2026〕1号', overdueDays: 1, dueOn: '2026-03-05' },
    });
    expect((await inbox(dept)).items.find((n) => n.kind === 'problem.escalated')).toMatchObject({
      text: '「供水管网迁改滞后」已超期 1 个工作日，启动单位督办（督办〔2026〕1号）',
    });
    // The project's light turns red through the monitoring module's call.
    expect((await overdueProblemsByProject(t.deps.db, org.cityCode, '2026-03-05')).get(projectA)).toBeGreaterThanOrEqual(1);
    // Running again the same day changes nothing.
    await runDueJobs(t.deps.db, jobs, new Date(t.clock.now().getTime() + 60_000));
    expect((await operator.get(`/api/v1/problems/${item.id}`)).json().escalations).toHaveLength(1);

    // The supervision notice opens as a Word document.
    const notice = await county.get(`/api/v1/problems/${item.id}/escalations/${unitLevel.escalations[0].id}/notice`);
    expect(notice.statusCode, notice.body).toBe(200);
    const xml = await (await JSZip.loadAsync(notice.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('督办函');
    expect(xml).toContain('督办〔2026〕1号');
    expect(xml).toContain('市自然资源和规划局：');
    expect(xml).toContain('已超期1个工作日');
    expect(xml).toContain('现予单位督办');
    expect(xml).toContain('于2026年3月11日前办结');

    // Wednesday 11 March: five working days overdue, the city department (市重点办) steps in.
    await at('2026-03-11T08:00:00+08:00');
    await runDueJobs(t.deps.db, jobs, t.clock.now());
    const departmentLevel = (await operator.get(`/api/v1/problems/${item.id}`)).json();
    expect(departmentLevel.escalationLevel).toBe('department');
    expect(departmentLevel.escalations.map((e: { level: string; noticeNo: string }) => [e.level, e.noticeNo])).toEqual([
      ['unit', '督办〔2026〕1号'],
      ['department', '督办〔2026〕2号'],
    ]);
    expect((await inbox(operator)).items.find((n) => n.kind === 'problem.escalated')).toMatchObject({
      text: expect.stringContaining('市直部门督办'),
    });
    // Escalated items are a filter of the list.
    expect((await operator.get('/api/v1/problems?escalatedTo=department')).json().items.map((i: { id: number }) => i.id)).toEqual([
      item.id,
    ]);
    await at('2026-03-02T09:00:00+08:00');
  });

  it('reminds the lead unit the working day before a deadline, once', async () => {
    const item = (
      await operator.post(
        '/api/v1/problems',
        raise({ title: '施工许可待办', category: 'approvals', responsibility: { leadUnitId: deptB, deadline: '2026-03-16' } }),
      )
    ).json();
    const jobs = scheduledJobs(t.deps);
    // Friday 13 March 09:00: the deadline (Monday 16th) is the next working day.
    await at('2026-03-13T09:00:00+08:00');
    await runDueJobs(t.deps.db, jobs, t.clock.now());
    await runDueJobs(t.deps.db, jobs, new Date('2026-03-14T09:00:00+08:00'));
    const reminders = (await inbox(otherDept)).items.filter((n) => n.kind === 'problem.reminder');
    expect(reminders).toEqual([
      expect.objectContaining({ text: '「施工许可待办」将于 2026-03-16 到期，请抓紧办理', link: `/problems/${item.id}` }),
    ]);
    // And a daily digest of what is on the department's desk.
    expect((await inbox(otherDept)).items.some((n) => n.kind === 'digest' && /在办 \d+ 项/.test(n.text))).toBe(true);
    await at('2026-03-02T09:00:00+08:00');
  });
});

describe('metrics', () => {
  it('per lead unit and per unit: open, overdue, closed, closure rate, median days; drill-down to the items', async () => {
    const byLead = (await operator.get('/api/v1/problems/metrics?by=lead&asOf=2026-03-20')).json();
    const deptRow = byLead.rows.find((r: { unitId: number }) => r.unitId === org.dept);
    expect(deptRow).toMatchObject({ unitName: '市自然资源和规划局', closed: 1, medianDaysToClose: 8 });
    expect(deptRow.open).toBeGreaterThanOrEqual(2);
    expect(deptRow.overdue).toBeGreaterThanOrEqual(1);
    expect(deptRow.closureRate).toBeCloseTo(deptRow.closed / deptRow.total);
    const drill = (await operator.get(`/api/v1/problems?leadUnitId=${org.dept}&state=closed`)).json();
    expect(drill.total).toBe(deptRow.closed);
    const overdue = (await operator.get(`/api/v1/problems?leadUnitId=${org.dept}&state=overdue&asOf=2026-03-20`)).json();
    expect(overdue.total).toBe(deptRow.overdue);

    const byUnit = (await operator.get('/api/v1/problems/metrics?by=unit&asOf=2026-03-20')).json();
    expect(byUnit.rows.map((r: { unitName: string }) => r.unitName)).toContain('珠晖区');
    expect(byUnit.total.total).toBe(byUnit.rows.reduce((n: number, r: { total: number }) => n + r.total, 0));
    // A department's metrics cover only its own items.
    const mine = (await dept.get('/api/v1/problems/metrics?by=lead&asOf=2026-03-20')).json();
    expect(mine.rows.map((r: { unitId: number }) => r.unitId)).toEqual([org.dept]);
  });
});

describe('settings and the working-day calendar', () => {
  it('shows the shipped calendar and takes a new year from the operator', async () => {
    const year = (await county.get('/api/v1/problems/calendar?year=2026')).json();
    expect(year).toMatchObject({ year: 2026, origin: 'file', coveredYears: [2022, 2023, 2024, 2025, 2026] });
    expect(year.workdays).toContainEqual({ name: '春节', date: '2026-02-14' });
    const body = {
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      workdays: [],
    };
    expect((await county.request({ method: 'PUT', url: '/api/v1/problems/calendar/2027', payload: body })).statusCode).toBe(403);
    const bad = await operator.request({
      method: 'PUT',
      url: '/api/v1/problems/calendar/2027',
      payload: { ...body, workdays: [{ name: '错', date: '2027-01-05' }] },
    });
    expect(bad.json().error.details.fields).toEqual([{ path: 'workdays.0.date', message: '调休上班日 2027-01-05 不是周末' }]);
    const saved = await operator.request({ method: 'PUT', url: '/api/v1/problems/calendar/2027', payload: body });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ origin: 'upload', coveredYears: [2022, 2023, 2024, 2025, 2026, 2027] });
  });

  it('changes a category limit and the escalation ladder (in increasing order)', async () => {
    const settings = (await operator.get('/api/v1/problems/settings')).json();
    expect(settings.version).toBe(0);
    const wrong = await operator.request({
      method: 'PUT',
      url: '/api/v1/problems/settings',
      payload: { ...settings, escalation: { unitAfter: 3, departmentAfter: 2, leaderAfter: 10 } },
    });
    expect(wrong.json().error.details.fields[0]).toMatchObject({ path: 'escalation' });
    const categories = settings.problemCategories.map((c: { key: string }) => (c.key === 'approvals' ? { ...c, limitDays: 5 } : c));
    const saved = await operator.request({
      method: 'PUT',
      url: '/api/v1/problems/settings',
      payload: { ...settings, problemCategories: categories },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const item = (
      await operator.post('/api/v1/problems', raise({ title: '规划许可', category: 'approvals', responsibility: { leadUnitId: org.dept } }))
    ).json();
    // Five working days from Monday 2 March.
    expect(item.deadline).toBe('2026-03-09');
  });
});
