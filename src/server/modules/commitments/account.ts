import type { ItemKind, Letter, Locale } from '../../../contracts/index.js';
import { reportDocx } from '../../lib/docx.js';

/**
 * The year-end account (交总账) of a letter as a Word document: every item with what was
 * committed, what the platform measured and its status, then the weighted fulfilment rate.
 */
const TEXT = {
  'zh-CN': {
    title: (unit: string, year: number, safety: boolean) =>
      `${unit}${year}年度${safety ? '安全生产责任状' : '项目建设承诺'}兑现情况（交总账）`,
    asOf: (date: string, signedOn: string | null) => `统计截至${date}。${signedOn ? `承诺书签署日期：${signedOn}。` : '承诺书尚未签署。'}`,
    rate: (rate: string | null, c: Letter['counts']) =>
      `共${c.pending + c.fulfilled + c.late + c.missed}项承诺，已兑现${c.fulfilled}项，逾期兑现${c.late}项，未兑现${c.missed}项，进行中${c.pending}项；加权兑现率${rate ?? '—'}。`,
    header: ['序号', '承诺事项', '项目', '期限', '承诺值', '实际', '状态', '得分'],
    kind: {
      project_start: '项目开工',
      project_investment: '项目年度投资（万元）',
      project_milestone: '项目节点',
      project_production: '项目投产',
      unit_investment: '单位年度投资（万元）',
      unit_starts: '单位新开工项目数',
      manual: '责任事项',
    } as Record<ItemKind, string>,
    status: { pending: '进行中', fulfilled: '已兑现', late: '逾期兑现', missed: '未兑现' },
    amendments: '变更记录',
    amendment: (at: string, by: string | null, reason: string) => `${at.slice(0, 10)}，${by ?? ''}：${reason}`,
    noAmendments: '无变更。',
  },
  'en-US': {
    title: (unit: string, year: number, safety: boolean) =>
      `${unit}: ${safety ? 'safety responsibility letter' : 'commitments'} ${year}, year-end account`,
    asOf: (date: string, signedOn: string | null) => `As of ${date}. ${signedOn ? `Signed on ${signedOn}.` : 'Not signed yet.'}`,
    rate: (rate: string | null, c: Letter['counts']) =>
      `${c.pending + c.fulfilled + c.late + c.missed} items: ${c.fulfilled} fulfilled, ${c.late} late, ${c.missed} missed, ${c.pending} pending; weighted fulfilment rate ${rate ?? '—'}.`,
    header: ['#', 'Item', 'Project', 'Deadline', 'Committed', 'Actual', 'Status', 'Score'],
    kind: {
      project_start: 'Project start',
      project_investment: 'Project investment this year (10k yuan)',
      project_milestone: 'Project milestone',
      project_production: 'Project production',
      unit_investment: 'Unit investment this year (10k yuan)',
      unit_starts: 'Projects started by the unit',
      manual: 'Responsibility item',
    } as Record<ItemKind, string>,
    status: { pending: 'Pending', fulfilled: 'Fulfilled', late: 'Late', missed: 'Missed' },
    amendments: 'Amendments',
    amendment: (at: string, by: string | null, reason: string) => `${at.slice(0, 10)}, ${by ?? ''}: ${reason}`,
    noAmendments: 'No amendments.',
  },
} as const;

export function percent(rate: number | null): string | null {
  return rate === null ? null : `${(rate * 100).toFixed(1)}%`;
}

export async function accountDocx(letter: Letter, locale: Locale): Promise<Buffer> {
  const t = TEXT[locale];
  const rows = letter.items.map((item, i) => [
    String(i + 1),
    item.description ? `${t.kind[item.kind]}：${item.description}` : t.kind[item.kind],
    item.projectName ?? '',
    item.deadline,
    item.committedAmount ?? (item.committedCount !== null ? String(item.committedCount) : ''),
    item.actual ?? '',
    t.status[item.status],
    item.score.toFixed(2),
  ]);
  return await reportDocx(locale, t.title(letter.unitName, letter.year, letter.kind === 'safety'), ({ para, caption, table }) => [
    para(t.asOf(letter.asOf, letter.signedOn)),
    para(t.rate(percent(letter.fulfilmentRate), letter.counts)),
    table(t.header, rows),
    caption(t.amendments),
    ...(letter.amendments.length ? letter.amendments.map((a) => para(t.amendment(a.at, a.by, a.reason))) : [para(t.noAmendments)]),
  ]);
}
