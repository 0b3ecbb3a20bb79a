import type { Locale, Meeting, ProblemStatus } from '../../../contracts/index.js';
import { reportDocx } from '../../lib/docx.js';

/** A weekly dispatch meeting's minutes (会议纪要) and its task list (交办事项清单) as Word documents. */
const TEXT = {
  'zh-CN': {
    minutesTitle: (city: string) => `${city}重大项目周调度会议纪要`,
    tasksTitle: (city: string) => `${city}重大项目周调度交办事项清单`,
    meta: (m: Meeting) => `时间：${zh(m.heldOn)}　主持：${m.chair}`,
    attendees: (names: string[]) => `参会人员：${names.length ? names.join('、') : '—'}`,
    agenda: '一、调度事项',
    minutes: '二、会议纪要',
    decisions: '三、议定事项',
    reason: { red: '红灯', yellow: '黄灯', overdue: '超期问题', carried: '上次遗留', manual: '' } as Record<string, string>,
    task: (t: NonNullable<Meeting['decisions'][number]['task']>) =>
      `（交办：${t.leadUnitName ?? ''}${t.leadPerson ? `，责任人${t.leadPerson}` : ''}，${t.deadline ? `${zh(t.deadline)}前完成` : ''}）`,
    none: '无',
    header: ['序号', '交办事项', '牵头单位', '责任人', '完成时限', '办理状态'],
    status: { raised: '待分派', assigned: '已交办', in_progress: '办理中', resolved: '已办结待确认', confirmed: '已销号' } as Record<
      ProblemStatus,
      string
    >,
    noTasks: '本次会议未交办事项。',
  },
  'en-US': {
    minutesTitle: (city: string) => `${city}: weekly dispatch meeting, minutes`,
    tasksTitle: (city: string) => `${city}: weekly dispatch meeting, tasks handed out`,
    meta: (m: Meeting) => `Date: ${m.heldOn}  Chair: ${m.chair}`,
    attendees: (names: string[]) => `Attendees: ${names.length ? names.join(', ') : '—'}`,
    agenda: '1. Agenda',
    minutes: '2. Minutes',
    decisions: '3. Decisions',
    reason: { red: 'red', yellow: 'yellow', overdue: 'overdue problem', carried: 'carried over', manual: '' } as Record<string, string>,
    task: (t: NonNullable<Meeting['decisions'][number]['task']>) =>
      ` (task: ${t.leadUnitName ?? ''}${t.leadPerson ? `, ${t.leadPerson}` : ''}${t.deadline ? `, due ${t.deadline}` : ''})`,
    none: 'None',
    header: ['No.', 'Task', 'Lead unit', 'Responsible', 'Deadline', 'Status'],
    status: { raised: 'Raised', assigned: 'Assigned', in_progress: 'In progress', resolved: 'Resolved', confirmed: 'Closed' } as Record<
      ProblemStatus,
      string
    >,
    noTasks: 'No tasks were handed out at this meeting.',
  },
} as const;

function zh(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export async function minutesDocx(meeting: Meeting, cityName: string, locale: Locale): Promise<Buffer> {
  const t = TEXT[locale];
  return await reportDocx(locale, t.minutesTitle(cityName), ({ para, line, heading }) => {
    const agenda = meeting.agenda.map((a, i) => {
      const tag = t.reason[a.reason] ? `【${t.reason[a.reason]}】` : '';
      return para(`${i + 1}. ${tag}${a.title}${a.detail ? `：${a.detail}` : ''}`);
    });
    const decisions = meeting.decisions.map((d, i) => para(`${i + 1}. ${d.text}${d.task ? t.task(d.task) : ''}`));
    const minutes = (meeting.minutes ?? '')
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((l) => para(l.trim()));
    return [
      line(t.meta(meeting)),
      line(t.attendees(meeting.attendees)),
      heading(t.agenda),
      ...(agenda.length ? agenda : [para(t.none)]),
      heading(t.minutes),
      ...(minutes.length ? minutes : [para(t.none)]),
      heading(t.decisions),
      ...(decisions.length ? decisions : [para(t.none)]),
    ];
  });
}

export async function tasksDocx(meeting: Meeting, cityName: string, locale: Locale): Promise<Buffer> {
  const t = TEXT[locale];
  const tasks = meeting.decisions.filter((d) => d.task);
  const rows = tasks.map((d, i) => [
    String(i + 1),
    d.text,
    d.task!.leadUnitName ?? '',
    d.task!.leadPerson ?? '',
    d.task!.deadline ?? '',
    t.status[d.task!.status],
  ]);
  return await reportDocx(locale, t.tasksTitle(cityName), ({ line, table }) => [
    line(t.meta(meeting)),
    tasks.length ? table(t.header, rows) : line(t.noTasks),
  ]);
}
