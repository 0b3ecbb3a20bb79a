import type { CompetitionGroup, CompetitionPeriod, CompetitionResults, CompetitionUnitResult, Locale } from '../../../contracts/index.js';
import { reportDocx } from '../../lib/docx.js';
import { fullPoints } from './domain/score.js';

/**
 * The notice (通报) of a published period: what the units were told, as the Word document the
 * city office circulates — the overall picture, the units commended and warned, every unit's
 * points per group with its bonus/penalty items, and those items with their reasons and evidence.
 */
export interface NoticeFacts {
  schemeTitle: string;
  groups: readonly CompetitionGroup[];
  /** A published period's frozen results. */
  results: CompetitionResults & { published: { at: string } };
  /** The day it was published (YYYY-MM-DD, Shanghai). */
  publishedOn: string;
  adjustments: readonly { unitName: string; points: number; reason: string; evidence: string }[];
}

const QUARTERS_ZH = ['', '第一季度', '第二季度', '第三季度', '第四季度'];
const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const pts = (x: number) => x.toFixed(2);
const signed = (x: number) => (x > 0 ? `+${pts(x)}` : x < 0 ? `−${pts(-x)}` : '0.00');
const quarterOf = (period: CompetitionPeriod) => (period === 'Y' ? 0 : Number(period.slice(1)));

/** The mean of the totals, to the hundredth (totals are exact hundredths). */
function mean(units: readonly CompetitionUnitResult[]): number {
  const cents = units.reduce((s, u) => s + Math.round(u.total * 100), 0);
  return Math.round(cents / units.length) / 100;
}

const TEXT = {
  'zh-CN': {
    period: (year: number, q: number) => (q ? `${year}年${QUARTERS_ZH[q]}` : `${year}年度`),
    title: (period: string) => `关于${period}争先创优考评结果的通报`,
    intro: (scheme: string, asOf: string, n: number, period: string) =>
      `根据《${scheme}》，以平台截至${zhDate(asOf)}的数据为准，对${n}个参评单位${period}的争先创优情况进行了考评。现将考评结果通报如下。`,
    overall: '一、总体情况',
    summary: (avg: number, first: CompetitionUnitResult, last: CompetitionUnitResult, items: number) =>
      `参评单位平均得分${pts(avg)}分。${first.unitName}以${pts(first.total)}分位列第一，${last.unitName}以${pts(last.total)}分位列末位。` +
      (items ? `本期共计加减分事项${items}项。` : '本期无加减分事项。'),
    bands: '二、表扬和警示',
    reward: (names: string[]) => (names.length ? `对排名靠前的${names.join('、')}予以通报表扬。` : '本期无通报表扬单位。'),
    warning: (names: string[]) =>
      names.length
        ? `对排名靠后的${names.join('、')}予以警示，请相关单位对照各项指标查找差距，认真分析原因，切实抓好整改。`
        : '本期无警示单位。',
    results: '三、考评结果',
    /** The results table: rank and unit, a column per group, then these. */
    header: {
      lead: ['排名', '单位'],
      group: (g: CompetitionGroup, full: number) => `${g.nameZh}（${full}分）`,
      tail: ['指标得分', '加减分', '总分', '结果'],
    },
    band: { reward: '表扬', warning: '警示' },
    adjustments: '四、加减分事项',
    adjustmentHeader: ['单位', '分值', '事由', '依据'],
    noAdjustments: '本期无加减分事项。',
    closing: '请各单位对标先进、比学赶超，巩固优势、补齐短板，确保全年目标任务圆满完成。',
    date: zhDate,
  },
  'en-US': {
    period: (year: number, q: number) => (q ? `Q${q} ${year}` : `the year ${year}`),
    title: (period: string) => `Notice on the competition for excellence results of ${period}`,
    intro: (scheme: string, asOf: string, n: number, period: string) =>
      `Under "${scheme}", the ${n} competing units were scored for ${period} on the platform's data as of ${asOf}. The results are as follows.`,
    overall: '1. Overview',
    summary: (avg: number, first: CompetitionUnitResult, last: CompetitionUnitResult, items: number) =>
      `The units scored ${pts(avg)} points on average. ${first.unitName} ranked first with ${pts(first.total)} points, ${last.unitName} last with ${pts(last.total)}. ` +
      (items
        ? `${items} bonus/penalty item${items === 1 ? '' : 's'} counted in the period.`
        : 'No bonus/penalty item counted in the period.'),
    bands: '2. Commended and warned',
    reward: (names: string[]) => (names.length ? `Commended: ${names.join(', ')}.` : 'No unit is commended in the period.'),
    warning: (names: string[]) =>
      names.length
        ? `Warned: ${names.join(', ')}. These units are asked to compare themselves indicator by indicator, find the causes and put them right.`
        : 'No unit is warned in the period.',
    results: '3. Results',
    header: {
      lead: ['Rank', 'Unit'],
      group: (g: CompetitionGroup, full: number) => `${g.nameEn} (${full})`,
      tail: ['Indicators', 'Bonus/penalty', 'Total', 'Outcome'],
    },
    band: { reward: 'Commended', warning: 'Warned' },
    adjustments: '4. Bonus and penalty items',
    adjustmentHeader: ['Unit', 'Points', 'Reason', 'Evidence'],
    noAdjustments: 'No bonus/penalty item in the period.',
    closing: 'Each unit is asked to learn from the leaders, build on its strengths and close its gaps, so that the year’s targets are met.',
    date: (d: string) => d,
  },
} as const;

/** 关于2022年第一季度争先创优考评结果的通报: the document's title, also its file name. */
export function noticeTitle(year: number, period: CompetitionPeriod, locale: Locale): string {
  const t = TEXT[locale];
  return t.title(t.period(year, quarterOf(period)));
}

export async function competitionNoticeDocx(f: NoticeFacts, locale: Locale): Promise<Buffer> {
  const t = TEXT[locale];
  const { results } = f;
  const units = results.units;
  const period = t.period(results.year, quarterOf(results.period));
  const named = (band: 'reward' | 'warning') => units.filter((u) => u.band === band).map((u) => u.unitName);
  return await reportDocx(locale, noticeTitle(results.year, results.period, locale), ({ para, heading, table, closing }) => [
    para(t.intro(f.schemeTitle, results.asOf, units.length, period)),
    heading(t.overall),
    ...(units.length ? [para(t.summary(mean(units), units[0]!, units[units.length - 1]!, f.adjustments.length))] : []),
    heading(t.bands),
    para(t.reward(named('reward'))),
    para(t.warning(named('warning'))),
    heading(t.results),
    table(
      [...t.header.lead, ...f.groups.map((g) => t.header.group(g, fullPoints([g]))), ...t.header.tail],
      units.map((u) => [
        String(u.rank),
        u.unitName,
        ...f.groups.map((g) => pts(u.groups.find((x) => x.key === g.key)?.points ?? 0)),
        pts(u.base),
        signed(u.adjustment),
        pts(u.total),
        u.band ? t.band[u.band] : '',
      ]),
      [0.9, 2.2, ...f.groups.map(() => 1.2), 1.3, 1.3, 1.3, 1.3],
    ),
    heading(t.adjustments),
    ...(f.adjustments.length
      ? [
          table(
            t.adjustmentHeader,
            f.adjustments.map((a) => [a.unitName, signed(a.points), a.reason, a.evidence]),
            [2.5, 1, 4, 3],
          ),
        ]
      : [para(t.noAdjustments)]),
    para(t.closing),
    closing(t.date(f.publishedOn)),
  ]);
}
