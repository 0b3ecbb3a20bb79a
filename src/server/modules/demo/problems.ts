import { DEFAULT_OBSERVATION_CRITERIA, type Role } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { addDecision, createMeeting } from '../dispatch/service.js';
import { createTour, moveTour, scoreSite } from '../observation/service.js';
import { escalateOverdue } from '../problems/index.js';
import {
  assignProblem,
  confirmProblem,
  raiseAppeal,
  raiseProblem,
  rateAppeal,
  reopenItem,
  replyAppeal,
  resolveItem,
  routeAppeal,
  startItem,
} from '../problems/service.js';

/**
 * The demo's problem lists, appeals and weekly dispatch in the last months of 2022 (PRODUCT
 * §2.5): items at every stage (closed and confirmed, reopened once, in progress, overdue and
 * escalated with their supervision notices, waiting to be assigned), two appeals of the demo
 * enterprise (one rated, one being handled) and the year's last dispatch meeting with a task;
 * and the year's on-site observation tours (PRODUCT §2.6): the second quarter's, scored by eight
 * judges and closed, and the fourth quarter's, still being scored. Everything goes through the services with a `now` on its moment, so the events, audit
 * records, deadlines in working days and notifications are the ones a real year leaves.
 */
export interface ProblemsDemoResult {
  problems: number;
  appeals: number;
  escalations: number;
  meetings: number;
  tours: number;
  seconds: number;
}

interface Item {
  /** Who raises it: a demo username. */
  by: string;
  /** The project: the n-th project (by code) of the raiser's unit; or null for a unit-level item. */
  project: number | null;
  unitCode?: string;
  category: string;
  title: string;
  description: string;
  measures: string[];
  raisedOn: string;
  /** Lead unit (exact name or division code) and deadline; omitted: waits for the operator. */
  lead?: { unit: string; person: string; deadline: string; assignedOn: string };
  startedOn?: string;
  resolved?: { on: string; evidence: string };
  reopened?: { on: string; reason: string; resolvedAgain: { on: string; evidence: string } };
  confirmedOn?: string;
}

const NATRES = '衡阳市自然资源和规划局';
const NDRC = '衡阳市发展和改革委员会';
const ECO = '衡阳市生态环境局';

const ITEMS: readonly Item[] = [
  {
    by: 'zhuhui',
    project: 0,
    category: 'land',
    title: '项目二期用地指标未落实',
    description: '二期约 86 亩建设用地指标尚未下达，影响年底前开工。',
    measures: ['申请省级预支用地指标', '同步开展土地组卷报批'],
    raisedOn: '2022-09-05',
    lead: { unit: NATRES, person: '陈静', deadline: '2022-09-30', assignedOn: '2022-09-06' },
    startedOn: '2022-09-08',
    resolved: { on: '2022-09-28', evidence: '省厅已下达预支指标 86 亩，组卷材料已报省审批。' },
    confirmedOn: '2022-10-08',
  },
  {
    by: 'zhuhui',
    project: 1,
    category: 'demolition',
    title: '红线内 3 户房屋征收未完成',
    description: '项目红线内尚有 3 户未签征收协议，施工便道无法贯通。',
    measures: ['街道逐户上门做工作', '依法启动征收决定程序'],
    raisedOn: '2022-08-15',
    lead: { unit: '430405', person: '王强', deadline: '2022-09-23', assignedOn: '2022-08-16' },
    startedOn: '2022-08-17',
    resolved: { on: '2022-09-20', evidence: '2 户已签约腾房。' },
    reopened: {
      on: '2022-09-22',
      reason: '仍有 1 户未签约，施工便道未贯通，退回继续办理。',
      resolvedAgain: { on: '2022-10-20', evidence: '3 户全部签约腾房，施工便道已贯通。' },
    },
    confirmedOn: '2022-10-25',
  },
  {
    by: 'leiyang',
    project: 0,
    category: 'utilities',
    title: '施工临时用电迟迟未接入',
    description: '项目已具备开工条件，10kV 临时用电线路尚未架设。',
    measures: ['供电公司制定接入方案', '市发改委协调线路走廊'],
    raisedOn: '2022-10-10',
    lead: { unit: '430481', person: '赵敏', deadline: '2022-10-31', assignedOn: '2022-10-11' },
    startedOn: '2022-10-12',
  },
  {
    by: 'hitech',
    project: 0,
    category: 'approvals',
    title: '建设工程规划许可办理缓慢',
    description: '总平面图修改意见往返三次，规划许可证迟迟不能核发，施工许可无法并联办理。',
    measures: ['召开联合审查会', '规划许可与施工许可并联办理'],
    raisedOn: '2022-11-21',
    lead: { unit: NATRES, person: '陈静', deadline: '2023-01-06', assignedOn: '2022-11-22' },
    startedOn: '2022-11-23',
  },
  {
    by: 'zhuhui',
    project: 2,
    category: 'environment',
    title: '环评批复尚未取得',
    description: '环评报告书已报送，专家评审意见待修改完善。',
    measures: ['编制单位按专家意见修改', '市生态环境局提前介入指导'],
    raisedOn: '2022-12-12',
    lead: { unit: ECO, person: '环评科', deadline: '2023-01-10', assignedOn: '2022-12-13' },
  },
  {
    by: 'operator',
    project: null,
    unitCode: '430481',
    category: 'funding',
    title: '园区标准厂房建设资金缺口',
    description: '耒阳市园区标准厂房二期资金缺口约 1.2 亿元，专项债额度未落实。',
    measures: ['申报 2023 年专项债券项目'],
    raisedOn: '2022-12-20',
  },
];

interface Appeal {
  category: string;
  title: string;
  description: string;
  raisedOn: string;
  route: { unit: string; on: string };
  acceptedOn: string;
  reply?: { on: string; text: string };
  resolved?: { on: string; evidence: string };
  rating?: { on: string; rating: 'satisfied' | 'basic' | 'unsatisfied'; comment: string };
}

const APPEALS: readonly Appeal[] = [
  {
    category: 'policy',
    title: '2021 年度技改补贴尚未兑现',
    description: '公司 2021 年技术改造项目已通过验收，补贴资金尚未拨付。',
    raisedOn: '2022-10-12',
    route: { unit: '衡阳市工业和信息化局', on: '2022-10-13' },
    acceptedOn: '2022-10-13',
    reply: { on: '2022-10-14', text: '已核实，补贴资金列入 10 月拨付计划。' },
    resolved: { on: '2022-10-26', evidence: '补贴资金 120 万元已拨付到企业账户。' },
    rating: { on: '2022-10-27', rating: 'satisfied', comment: '办理及时，感谢。' },
  },
  {
    category: 'approvals',
    title: '新建仓库规划许可咨询',
    description: '拟在厂区内新建仓库，咨询规划许可的办理条件和时限。',
    raisedOn: '2022-12-19',
    route: { unit: NATRES, on: '2022-12-19' },
    acceptedOn: '2022-12-20',
  },
];

export async function loadProblemsDemo(db: Db, base: RequestContext, cityCode: string): Promise<ProblemsDemoResult> {
  const started = performance.now();
  const users = await db
    .selectFrom('identity_user as u')
    .leftJoin('org_unit as o', (j) => j.onRef('o.city_code', '=', 'u.city_code').onRef('o.id', '=', 'u.scope_unit_id'))
    .select(['u.id', 'u.username', 'u.role', 'u.scope_unit_id', 'u.scope_enterprise_id', 'o.path'])
    .where('u.city_code', '=', cityCode)
    .execute();
  const units = await db.selectFrom('org_unit').select(['id', 'code', 'name_zh', 'path']).where('city_code', '=', cityCode).execute();
  const unitId = (key: string) => {
    const u = units.find((x) => x.code === key || x.name_zh === key);
    if (!u) throw new Error(`demo problems: no unit ${key}`);
    return u.id;
  };
  const actor = (username: string): Actor => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`demo problems: no user ${username}`);
    return {
      userId: u.id,
      username,
      role: u.role as Role,
      cityCode,
      scopeUnitId: u.scope_unit_id,
      scopeUnitPath: u.path,
      scopeEnterpriseId: u.scope_enterprise_id,
    };
  };
  let seq = 0;
  const at = (username: string, day: string, hour = '10:00'): RequestContext => ({
    ...base,
    actor: actor(username),
    requestId: `${base.requestId}:p${++seq}`,
    now: new Date(`${day}T${hour}:00+08:00`),
  });
  /** The n-th project (by code) of a demo user's unit, started by 2022. */
  const projectOf = async (username: string, n: number) => {
    const path = actor(username).scopeUnitPath!;
    const rows = await db
      .selectFrom('project as p')
      .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'p.city_code').onRef('u.id', '=', 'p.unit_id'))
      .select('p.id')
      .where('p.city_code', '=', cityCode)
      .where('u.path', 'like', `${path}%`)
      .orderBy('p.code')
      .limit(n + 1)
      .execute();
    const row = rows[n];
    if (!row) throw new Error(`demo problems: ${username} has no project ${n}`);
    return row.id;
  };

  let escalations = 0;
  // The ladder runs every morning; the demo runs it on the days it would first have acted.
  const escalate = async (day: string) => {
    escalations += (await escalateOverdue(db, new Date(`${day}T08:00:00+08:00`))).steps;
  };

  const ids: number[] = [];
  for (const item of ITEMS) {
    const raiser = item.by;
    let p = await raiseProblem(db, at(raiser, item.raisedOn, '09:30'), {
      ...(item.project === null ? { unitId: unitId(item.unitCode!) } : { projectId: await projectOf(raiser, item.project) }),
      category: item.category,
      title: item.title,
      description: item.description,
      raisedOn: item.raisedOn,
      measures: item.measures,
    });
    ids.push(p.id);
    if (!item.lead) continue;
    p = await assignProblem(db, at('operator', item.lead.assignedOn), p.id, {
      version: p.version,
      leadUnitId: unitId(item.lead.unit),
      leadPerson: item.lead.person,
      deadline: item.lead.deadline,
    });
    // Handled by the lead unit's demo account (every item that moves on is led by a unit that has one).
    const handler = users.find((u) => u.scope_unit_id === unitId(item.lead!.unit) && u.role !== 'enterprise')?.username;
    if (!item.startedOn || !handler) continue;
    p = await startItem(db, at(handler, item.startedOn), 'problem', p.id, { version: p.version });
    if (!item.resolved) continue;
    p = await resolveItem(db, at(handler, item.resolved.on, '16:00'), 'problem', p.id, {
      version: p.version,
      evidence: item.resolved.evidence,
    });
    if (item.reopened) {
      p = await reopenItem(db, at(raiser, item.reopened.on), 'problem', p.id, { version: p.version, reason: item.reopened.reason });
      p = await resolveItem(db, at(handler, item.reopened.resolvedAgain.on, '16:00'), 'problem', p.id, {
        version: p.version,
        evidence: item.reopened.resolvedAgain.evidence,
      });
    }
    if (item.confirmedOn) p = await confirmProblem(db, at(raiser, item.confirmedOn), p.id, { version: p.version });
  }
  for (const day of ['2022-11-08', '2022-11-15', '2022-12-01']) await escalate(day);

  const enterprise = actor('enterprise');
  const ownProject = await db
    .selectFrom('project')
    .select('id')
    .where('city_code', '=', cityCode)
    .where('owner_enterprise_id', '=', enterprise.scopeEnterpriseId!)
    .orderBy('code')
    .executeTakeFirst();
  for (const appeal of APPEALS) {
    let a = await raiseAppeal(db, at('enterprise', appeal.raisedOn, '09:00'), {
      category: appeal.category,
      title: appeal.title,
      description: appeal.description,
      projectId: ownProject?.id ?? null,
    });
    a = await routeAppeal(db, at('operator', appeal.route.on, '11:00'), a.id, {
      version: a.version,
      leadUnitId: unitId(appeal.route.unit),
    });
    const handler = users.find((u) => u.scope_unit_id === unitId(appeal.route.unit))?.username;
    if (!handler) continue;
    a = await startItem(db, at(handler, appeal.acceptedOn, '14:00'), 'appeal', a.id, { version: a.version });
    if (appeal.reply) a = await replyAppeal(db, at(handler, appeal.reply.on), a.id, { version: a.version, text: appeal.reply.text });
    if (appeal.resolved)
      a = await resolveItem(db, at(handler, appeal.resolved.on), 'appeal', a.id, {
        version: a.version,
        evidence: appeal.resolved.evidence,
      });
    if (appeal.rating)
      a = await rateAppeal(db, at('enterprise', appeal.rating.on), a.id, {
        version: a.version,
        rating: appeal.rating.rating,
        comment: appeal.rating.comment,
      });
  }

  // The year's last weekly dispatch: the proposed agenda (red projects, overdue items), a decision with a task.
  const meetingDay = '2022-12-26';
  const meeting = await createMeeting(db, at('operator', meetingDay, '15:00'), {
    heldOn: meetingDay,
    title: '重大项目建设周调度会',
    chair: '李华',
    attendees: ['市重点办', '市发改委', '市自然资源和规划局', '珠晖区', '耒阳市', '高新区'],
    minutes: '会议听取了各县市区重大项目推进情况汇报，梳理了超期未办结问题，研究了年底冲刺措施。',
  });
  await addDecision(db, at('operator', meetingDay, '16:30'), meeting.id, {
    text: '耒阳市临时用电问题由市发改委牵头协调供电公司，元旦前完成线路架设。',
    task: { category: 'utilities', projectId: await projectOf('leiyang', 0), leadUnitId: unitId(NDRC), deadline: '2022-12-30' },
  });
  await addDecision(db, at('operator', meetingDay, '16:40'), meeting.id, {
    text: '各县市区 1 月 5 日前报送 2022 年 12 月月报，确保全年数据完整。',
  });

  const tours = await loadTours(db, at, projectOf);

  return {
    problems: ids.length + 1,
    appeals: APPEALS.length,
    escalations,
    meetings: 1,
    tours,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/**
 * Points a demo judge gives a site: around the site's level, each judge a little stricter or
 * kinder, each criterion a little different (deterministic, so the demo is the same every time).
 */
function demoPoints(site: number, judge: number, level: number): Record<string, number> {
  return Object.fromEntries(
    DEFAULT_OBSERVATION_CRITERIA.map((c, k) => [
      c.key,
      Math.max(0, Math.min(100, level + ((judge * 7 + site * 3) % 11) - 5 + ((k * 5 + judge + site) % 7) - 3)),
    ]),
  );
}

/** Sites (the n-th projects of three units), judges, and each site's level of points. */
const TOURS = [
  {
    title: '2022年第二季度重大项目现场观摩',
    quarter: 2,
    heldOn: '2022-06-16',
    sites: [
      ['zhuhui', 0, 88],
      ['zhuhui', 1, 79],
      ['leiyang', 0, 84],
      ['leiyang', 1, 72],
      ['hitech', 0, 91],
      ['hitech', 1, 76],
    ],
    judges: ['leader', 'operator', 'natres', 'tax', 'stats', 'miit', 'zhuhui', 'leiyang'],
    /** Judges who have scored (all of them) and whether the tour is closed. */
    scoredBy: 8,
    close: true,
  },
  {
    title: '2022年第四季度重大项目现场观摩',
    quarter: 4,
    heldOn: '2022-12-15',
    sites: [
      ['zhuhui', 2, 83],
      ['leiyang', 2, 86],
      ['hitech', 2, 80],
    ],
    judges: ['operator', 'natres', 'zhuhui', 'leader'],
    // The leader has not scored yet: the tour is still open, for a demo judge to try.
    scoredBy: 3,
    close: false,
  },
] as const;

async function loadTours(
  db: Db,
  at: (username: string, day: string, hour?: string) => RequestContext,
  projectOf: (username: string, n: number) => Promise<number>,
): Promise<number> {
  for (const tour of TOURS) {
    const projectIds = await Promise.all(tour.sites.map(([unit, n]) => projectOf(unit, n)));
    const judgeIds = tour.judges.map((username) => at(username, tour.heldOn).actor!.userId);
    const drafted = await createTour(db, at('operator', tour.heldOn, '08:00'), {
      title: tour.title,
      year: 2022,
      quarter: tour.quarter,
      heldOn: tour.heldOn,
      criteria: [...DEFAULT_OBSERVATION_CRITERIA],
      projectIds,
      judgeUserIds: judgeIds,
    });
    let current = await moveTour(db, at('operator', tour.heldOn, '08:30'), drafted.id, drafted.version, 'scoring');
    for (const [j, username] of tour.judges.slice(0, tour.scoredBy).entries()) {
      const context = at(username, tour.heldOn, `${String(17 + (j % 3)).padStart(2, '0')}:${String(10 * (j % 6)).padStart(2, '0')}`);
      for (const [s, [unit, , level]] of tour.sites.entries()) {
        // A county's judge stands aside from its own sites (回避).
        if (unit === username) continue;
        current = await scoreSite(db, context, drafted.id, projectIds[s]!, { points: demoPoints(s, j, level) });
      }
    }
    if (tour.close) await moveTour(db, at('operator', tour.heldOn, '20:00'), drafted.id, current.version, 'closed');
  }
  return TOURS.length;
}
