import { randomUUID } from 'node:crypto';
import {
  type EscalationLevel,
  type ProblemEventFacts,
  type ProblemKind,
  type ProblemStatus,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { Config } from '../../config.js';
import type { Db, Executor } from '../../db/pool.js';
import type { RequestContext } from '../../lib/context.js';
import { appendAudit } from '../audit/index.js';
import { type JobLog, type ScheduledJob, deliverOutbox, notify, recipients, silentLog } from '../notifications/index.js';
import { getCityNames } from '../org/index.js';
import { dueEscalations, isReminderDue, levelRank } from './domain/deadlines.js';
import { addDays } from './domain/workdays.js';
import { isOpen } from './domain/workflow.js';
import type { NoticeFacts } from './notice.js';
import * as repo from './repo.js';
import { itemLink } from './service.js';
import { problemSettings, workCalendar } from './settings.js';

/**
 * The scheduled work of problem lists (run by the notifications scheduler at the times the
 * configuration gives, with Juli's clock): overdue escalation (限时督办), deadline reminders,
 * the daily digest. Each is idempotent: run twice on a day, it changes nothing the second time.
 */
function systemContext(now: Date, job: string): RequestContext {
  return { actor: null, requestId: `job-${job}-${randomUUID()}`, sourceIp: null, locale: 'zh-CN', now };
}

const LEVEL_ZH: Record<EscalationLevel, string> = { unit: '单位', department: '市直部门', leader: '市领导' };

/**
 * Take every escalation step that is due: for each open item past its deadline, the levels
 * of the ladder it has reached (working days overdue) beyond the one it has. Each step is
 * dated (due and taken), gets a numbered supervision notice, an event, an audit record and
 * notifications (the lead unit; the city operators from the department level; the project's
 * liaison leader, or the city leaders, at the leader level), group robots included.
 */
export async function escalateOverdue(db: Db, now: Date): Promise<{ escalated: number; steps: number }> {
  const today = shanghaiDate(now);
  const ctx = systemContext(now, 'escalation');
  let escalated = 0;
  let steps = 0;
  for (const cityCode of await repo.citiesWithOpenItems(db)) {
    const [settings, calendar, city] = await Promise.all([
      problemSettings(db, cityCode),
      workCalendar(db, cityCode),
      getCityNames(db, cityCode),
    ]);
    const categoryName = (kind: string, key: string) =>
      (kind === 'appeal' ? settings.appealCategories : settings.problemCategories).find((c) => c.key === key)?.nameZh ?? key;
    for (const candidate of await repo.openItemsDueBy(db, cityCode, addDays(today, -1))) {
      if (
        !dueEscalations(calendar, candidate.deadline, candidate.escalation_level as EscalationLevel | null, today, settings.escalation)
          .length
      )
        continue;
      const taken = await db.transaction().execute(async (tx) => {
        const row = await repo.getItem(tx, { kind: 'city', cityCode }, candidate.kind as ProblemKind, candidate.id, { forUpdate: true });
        if (!row || !isOpen(row.status as ProblemStatus) || !row.deadline) return 0;
        const due = dueEscalations(calendar, row.deadline, row.escalation_level as EscalationLevel | null, today, settings.escalation);
        if (!due.length) return 0;
        await repo.lockNoticeNumbers(tx, cityCode);
        const year = Number(today.slice(0, 4));
        let seq = await repo.nextNoticeSeq(tx, cityCode, settings.noticePrefix, year);
        const notices: string[] = [];
        for (const [i, step] of due.entries()) {
          const noticeNo = `${settings.noticePrefix}〔${year}〕${seq++}号`;
          notices.push(noticeNo);
          const next = due[i + 1]?.dueOn ?? nextDue(calendar, row.deadline, step.level, settings.escalation, today);
          const facts: NoticeFacts = {
            cityName: city?.nameZh ?? cityCode,
            issuer: settings.noticeIssuer,
            noticeNo,
            level: step.level,
            addressedTo: row.lead_unit_name ?? row.unit_name,
            kind: row.kind as ProblemKind,
            title: row.title,
            projectName: row.project_name,
            unitName: row.enterprise_name ?? row.unit_name,
            categoryName: categoryName(row.kind, row.category),
            description: row.description,
            raisedOn: row.raised_on,
            deadline: row.deadline,
            overdueDays: step.overdueDays,
            leadPerson: row.lead_person,
            escalatedOn: today,
            respondBy: next,
          };
          await repo.insertEscalation(tx, {
            city_code: cityCode,
            problem_id: row.id,
            level: step.level,
            deadline: row.deadline,
            due_on: step.dueOn,
            escalated_on: today,
            overdue_days: step.overdueDays,
            notice_no: noticeNo,
            addressed_to: facts.addressedTo,
            notice: JSON.stringify(facts),
            recorded_at: now,
          });
          await repo.insertEvent(tx, {
            city_code: cityCode,
            problem_id: row.id,
            command: 'escalate',
            from_status: row.status,
            to_status: row.status,
            occurred_on: today,
            note: `${LEVEL_ZH[step.level]}督办 ${noticeNo}（超期 ${step.overdueDays} 个工作日，应于 ${step.dueOn}）`,
            facts: JSON.stringify({
              kind: 'escalated',
              level: step.level,
              noticeNo,
              overdueDays: step.overdueDays,
              dueOn: step.dueOn,
            } satisfies ProblemEventFacts),
            actor_user_id: null,
            actor_name: null,
            recorded_at: now,
          });
        }
        const top = due[due.length - 1]!;
        await repo.updateItemQuietly(tx, cityCode, row.id, { escalation_level: top.level, updated_at: now });
        await appendAudit(tx, ctx, {
          cityCode,
          action: `${row.kind}.escalate`,
          targetType: row.kind,
          targetId: row.id,
          before: { escalationLevel: row.escalation_level },
          after: { escalationLevel: top.level, steps: due.map((s, i) => ({ ...s, noticeNo: notices[i] })) },
        });
        const users = new Set(await recipients.ofUnits(tx, cityCode, row.lead_unit_id ? [row.lead_unit_id] : []));
        if (levelRank(top.level) >= levelRank('department'))
          for (const id of await recipients.byRoles(tx, cityCode, ['city_operator'])) users.add(id);
        if (top.level === 'leader') {
          const leader = candidate.liaison_leader_user_id;
          for (const id of leader ? [leader] : await recipients.byRoles(tx, cityCode, ['city_leader'])) users.add(id);
        }
        await notify(tx, cityCode, now, {
          kind: 'problem.escalated',
          message: `notify.problem.escalated.${top.level}`,
          params: { title: row.title, days: top.overdueDays, noticeNo: notices[notices.length - 1]! },
          link: itemLink(row.kind as ProblemKind, row.id),
          userIds: [...users],
          group: true,
        });
        return due.length;
      });
      if (taken) {
        escalated++;
        steps += taken;
      }
    }
  }
  return { escalated, steps };
}

/** When the next step would be due (what a notice asks to be done by); 5 working days for the last. */
function nextDue(
  calendar: Awaited<ReturnType<typeof workCalendar>>,
  deadline: string,
  level: EscalationLevel,
  ladder: { unitAfter: number; departmentAfter: number; leaderAfter: number },
  today: string,
): string {
  if (level === 'unit') return calendar.addWorkingDays(deadline, ladder.departmentAfter);
  if (level === 'department') return calendar.addWorkingDays(deadline, ladder.leaderAfter);
  return calendar.addWorkingDays(today, 5);
}

/** Remind the lead (and cooperating) units of deadlines coming up: once per item and deadline. */
export async function remindDeadlines(db: Db, now: Date): Promise<{ reminded: number }> {
  const today = shanghaiDate(now);
  let reminded = 0;
  for (const cityCode of await repo.citiesWithOpenItems(db)) {
    const [settings, calendar] = await Promise.all([problemSettings(db, cityCode), workCalendar(db, cityCode)]);
    const items = (await repo.openItemsDueBy(db, cityCode, addDays(today, 40))).filter((i) =>
      isReminderDue(calendar, i.deadline, today, settings.reminderDays),
    );
    if (!items.length) continue;
    await db.transaction().execute(async (tx) => {
      for (const item of items) {
        const cooperating = (await repo.itemChildren(tx, cityCode, item.id)).cooperating.map((c) => c.unit_id);
        const users = await recipients.ofUnits(tx, cityCode, [...(item.lead_unit_id ? [item.lead_unit_id] : []), ...cooperating]);
        const sent = await notify(tx, cityCode, now, {
          kind: 'problem.reminder',
          message: 'notify.problem.reminder',
          params: { title: item.title, deadline: item.deadline! },
          link: itemLink(item.kind as ProblemKind, item.id),
          userIds: users,
          dedupeKey: `reminder:${item.id}:${item.deadline}`,
        });
        if (sent.length) reminded++;
      }
    });
  }
  return { reminded };
}

/**
 * The daily digest: to every operator, reporting-unit and department user with open items on
 * their desk (operators: the whole city; units: the items their unit or units below lead),
 * how many are open, overdue and due within 3 working days, and their unread notifications.
 */
export async function sendDigests(db: Db, now: Date): Promise<{ digests: number }> {
  const today = shanghaiDate(now);
  let digests = 0;
  for (const cityCode of await repo.allCities(db)) {
    const items = await repo.openItemsWithLead(db, cityCode);
    if (!items.length) continue;
    const calendar = await workCalendar(db, cityCode);
    const soonBy = calendar.addWorkingDays(today, 3);
    const users = await repo.digestUsers(db, cityCode);
    const unread = await recipients.unreadCounts(
      db,
      cityCode,
      users.map((u) => u.id),
    );
    await db.transaction().execute(async (tx) => {
      for (const user of users) {
        const mine =
          user.role === 'city_operator' ? items : items.filter((i) => !!user.scope_path && !!i.lead_path?.startsWith(user.scope_path));
        if (!mine.length) continue;
        const sent = await notify(tx, cityCode, now, {
          kind: 'digest',
          message: 'notify.digest',
          params: {
            open: mine.length,
            overdue: mine.filter((i) => i.deadline && i.deadline < today).length,
            soon: mine.filter((i) => i.deadline && i.deadline >= today && i.deadline <= soonBy).length,
            unread: unread.get(user.id) ?? 0,
          },
          link: '/problems',
          userIds: [user.id],
          dedupeKey: `digest:${today}`,
        });
        digests += sent.length;
      }
    });
  }
  return { digests };
}

/** Overdue open items per project (the monitoring module turns those projects red). */
export async function overdueProblemsByProject(db: Executor, cityCode: string, asOf: string): Promise<Map<number, number>> {
  const rows = await repo.overdueByProject(db, cityCode, asOf);
  return new Map(rows.map((r) => [r.project_id!, r.n]));
}

/** Every scheduled job of Juli, at the times the configuration gives. */
export function scheduledJobs(deps: { db: Db; config: Config }, log: JobLog = silentLog): ScheduledJob[] {
  const { db, config } = deps;
  return [
    { name: 'escalation', pattern: config.scheduler.escalation, run: (now) => escalateOverdue(db, now) },
    { name: 'reminders', pattern: config.scheduler.reminders, run: (now) => remindDeadlines(db, now) },
    { name: 'digest', pattern: config.scheduler.digest, run: (now) => sendDigests(db, now) },
    { name: 'delivery', pattern: config.scheduler.delivery, run: (now) => deliverOutbox({ db, config }, now, log) },
  ];
}
