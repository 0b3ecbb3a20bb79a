import type { Locale, Meeting, ProblemStatus } from '../../../contracts/index.js';

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

async function build(title: string, locale: Locale, body: unknown[]): Promise<Buffer> {
  const docx = await import('docx');
  const document = new docx.Document({
    creator: 'Juli 聚力',
    title,
    sections: [
      {
        children: [
          new docx.Paragraph({
            alignment: docx.AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new docx.TextRun({ text: title, bold: true, size: 36, font: locale === 'zh-CN' ? '方正小标宋简体' : 'Calibri' })],
          }),
          ...(body as InstanceType<typeof docx.Paragraph>[]),
        ],
      },
    ],
  });
  return Buffer.from(await docx.Packer.toBuffer(document));
}

export async function minutesDocx(meeting: Meeting, cityName: string, locale: Locale): Promise<Buffer> {
  const docx = await import('docx');
  const t = TEXT[locale];
  const font = locale === 'zh-CN' ? '仿宋' : 'Calibri';
  const para = (text: string, indent = true) =>
    new docx.Paragraph({
      spacing: { after: 120 },
      ...(indent ? { indent: { firstLine: 560 } } : {}),
      children: [new docx.TextRun({ text, font, size: 28 })],
    });
  const heading = (text: string) =>
    new docx.Paragraph({
      spacing: { before: 240, after: 120 },
      children: [new docx.TextRun({ text, font: locale === 'zh-CN' ? '黑体' : 'Calibri', size: 30 })],
    });
  const agenda = meeting.agenda.map((a, i) => {
    const tag = t.reason[a.reason] ? `【${t.reason[a.reason]}】` : '';
    return para(`${i + 1}. ${tag}${a.title}${a.detail ? `：${a.detail}` : ''}`);
  });
  const decisions = meeting.decisions.map((d, i) => para(`${i + 1}. ${d.text}${d.task ? t.task(d.task) : ''}`));
  return await build(t.minutesTitle(cityName), locale, [
    para(t.meta(meeting), false),
    para(t.attendees(meeting.attendees), false),
    heading(t.agenda),
    ...(agenda.length ? agenda : [para(t.none)]),
    heading(t.minutes),
    ...(meeting.minutes
      ? meeting.minutes
          .split(/\r?\n/)
          .filter((l) => l.trim())
          .map((l) => para(l.trim()))
      : [para(t.none)]),
    heading(t.decisions),
    ...(decisions.length ? decisions : [para(t.none)]),
  ]);
}

export async function tasksDocx(meeting: Meeting, cityName: string, locale: Locale): Promise<Buffer> {
  const docx = await import('docx');
  const t = TEXT[locale];
  const font = locale === 'zh-CN' ? '仿宋' : 'Calibri';
  const cell = (text: string, bold = false) =>
    new docx.TableCell({ children: [new docx.Paragraph({ children: [new docx.TextRun({ text, bold, font, size: 22 })] })] });
  const tasks = meeting.decisions.filter((d) => d.task);
  const rows = tasks.map((d, i) => [
    String(i + 1),
    d.text,
    d.task!.leadUnitName ?? '',
    d.task!.leadPerson ?? '',
    d.task!.deadline ?? '',
    t.status[d.task!.status],
  ]);
  const meta = new docx.Paragraph({ spacing: { after: 200 }, children: [new docx.TextRun({ text: t.meta(meeting), font, size: 28 })] });
  const content = tasks.length
    ? new docx.Table({
        width: { size: 100, type: docx.WidthType.PERCENTAGE },
        rows: [
          new docx.TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, true)) }),
          ...rows.map((r) => new docx.TableRow({ children: r.map((c) => cell(c)) })),
        ],
      })
    : new docx.Paragraph({ children: [new docx.TextRun({ text: t.noTasks, font, size: 28 })] });
  return await build(t.tasksTitle(cityName), locale, [meta, content]);
}
