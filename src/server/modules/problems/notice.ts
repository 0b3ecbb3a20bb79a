import type { EscalationLevel, Locale } from '../../../contracts/index.js';

/**
 * The supervision notice (督办函) of one escalation step, as Word. Its facts are frozen in the
 * escalation record when the step is taken, so the document reads the same whenever it is
 * downloaded.
 */
export interface NoticeFacts {
  cityName: string;
  issuer: string;
  noticeNo: string;
  level: EscalationLevel;
  addressedTo: string;
  kind: 'problem' | 'appeal';
  title: string;
  projectName: string | null;
  unitName: string;
  categoryName: string;
  description: string;
  raisedOn: string;
  deadline: string;
  overdueDays: number;
  leadPerson: string | null;
  escalatedOn: string;
  /** Finish and report back by this date (the next step's due date). */
  respondBy: string;
}

const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

const TEXT = {
  'zh-CN': {
    heading: '督办函',
    level: { unit: '单位', department: '市直部门', leader: '市领导' } as Record<EscalationLevel, string>,
    opening: (to: string) => `${to}：`,
    body: (f: NoticeFacts) =>
      `${f.projectName ? `${f.projectName}项目` : f.unitName}的${f.kind === 'appeal' ? '企业诉求' : '问题'}“${f.title}”（${f.categoryName}）于${zhDate(f.raisedOn)}提出，由你单位牵头办理${f.leadPerson ? `（责任人：${f.leadPerson}）` : ''}，完成时限为${zhDate(f.deadline)}。截至${zhDate(f.escalatedOn)}，该事项已超期${f.overdueDays}个工作日，仍未办结。根据限时督办制度，现予${TEXT['zh-CN'].level[f.level]}督办。`,
    demand: (f: NoticeFacts) =>
      `请你单位高度重视，于${zhDate(f.respondBy)}前办结并反馈办理结果；确有困难的，请书面说明原因及下一步措施。逾期未办结的，将按程序升级督办。`,
    described: (text: string) => `附：问题描述——${text}`,
    date: zhDate,
  },
  'en-US': {
    heading: 'Supervision notice',
    level: { unit: 'unit', department: 'city department', leader: 'city leader' } as Record<EscalationLevel, string>,
    opening: (to: string) => `To ${to}:`,
    body: (f: NoticeFacts) =>
      `The ${f.kind === 'appeal' ? 'enterprise appeal' : 'problem'} "${f.title}" (${f.categoryName}) of ${f.projectName ? `the project ${f.projectName}` : f.unitName}, raised on ${f.raisedOn}, is led by your unit${f.leadPerson ? ` (responsible: ${f.leadPerson})` : ''} with the deadline ${f.deadline}. As of ${f.escalatedOn} it is ${f.overdueDays} working days overdue and not resolved. Under the time-limited supervision rules it is now supervised at the ${TEXT['en-US'].level[f.level]} level.`,
    demand: (f: NoticeFacts) =>
      `Please resolve it and report the result by ${f.respondBy}, or explain in writing why this is not possible and what you will do next. Otherwise it will be escalated further.`,
    described: (text: string) => `Annex: description — ${text}`,
    date: (d: string) => d,
  },
} as const;

/** The notice's paragraphs in reading order (the document and tests use the same text). */
export function noticeParagraphs(f: NoticeFacts, locale: Locale): string[] {
  const t = TEXT[locale];
  return [t.opening(f.addressedTo), t.body(f), t.demand(f), t.described(f.description)];
}

export async function noticeDocx(f: NoticeFacts, locale: Locale): Promise<Buffer> {
  const docx = await import('docx');
  const t = TEXT[locale];
  const font = locale === 'zh-CN' ? '仿宋' : 'Calibri';
  const run = (text: string, extra: { bold?: boolean; size?: number; font?: string } = {}) =>
    new docx.TextRun({ text, font: extra.font ?? font, size: extra.size ?? 32, ...(extra.bold ? { bold: true } : {}) });
  const [opening, ...rest] = noticeParagraphs(f, locale);
  const document = new docx.Document({
    creator: 'Juli 聚力',
    title: `${t.heading} ${f.noticeNo}`,
    sections: [
      {
        children: [
          new docx.Paragraph({
            alignment: docx.AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [run(t.heading, { bold: true, size: 44, font: locale === 'zh-CN' ? '方正小标宋简体' : 'Calibri' })],
          }),
          new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, spacing: { after: 360 }, children: [run(f.noticeNo)] }),
          new docx.Paragraph({ spacing: { after: 120 }, children: [run(opening ?? '')] }),
          ...rest.map(
            (text) => new docx.Paragraph({ spacing: { after: 120, line: 560 }, indent: { firstLine: 640 }, children: [run(text)] }),
          ),
          new docx.Paragraph({
            alignment: docx.AlignmentType.RIGHT,
            spacing: { before: 720 },
            children: [run(`${f.cityName}${f.issuer}`)],
          }),
          new docx.Paragraph({ alignment: docx.AlignmentType.RIGHT, children: [run(t.date(f.escalatedOn))] }),
        ],
      },
    ],
  });
  return Buffer.from(await docx.Packer.toBuffer(document));
}
