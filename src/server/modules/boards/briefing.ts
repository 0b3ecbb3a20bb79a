import { loadExcel } from '../../lib/exceljs.js';
import type { Board, BoardMetric, Boards, HonourEntry, Locale } from '../../../contracts/index.js';
import { moneyRatio } from '../../../contracts/money.js';

/**
 * The monthly briefing (通报) as Word and the boards as Excel, generated on publishing:
 * written summary sentences, the four tables, a chart rendered on the server (ECharts SVG,
 * with a PNG fallback for Word versions without SVG support).
 */
export interface BriefingFacts {
  cityName: string;
  expectedReports: number;
  missingReports: number;
  overdueMilestones: number;
}

const TEXT = {
  'zh-CN': {
    title: (city: string, month: string) => `${city}重大项目建设情况通报（${month.slice(0, 4)}年${Number(month.slice(5))}月）`,
    metric: { attracted: '引进资金', fundsWon: '争取上级资金', completed: '完成投资', majorProjects: '在建重大工业项目' } as Record<
      BoardMetric,
      string
    >,
    rank: '排名',
    unit: '单位',
    value: '金额（万元）',
    count: '项目数',
    move: '较上月',
    up: (n: number) => `↑${n}`,
    down: (n: number) => `↓${n}`,
    same: '—',
    new: '新',
    summaryHeading: '一、总体情况',
    boardsHeading: '二、规模榜单',
    honoursHeading: '三、红黄榜',
    correctionsHeading: '四、数据更正说明',
    honours: (month: string, red: number, yellow: number) =>
      `截至${Number(month.slice(5))}月底，${red}个项目年度累计完成投资达到或超过序时进度，列入红榜；${yellow}个项目亮红灯，列入黄榜，请相关单位限期赶上进度。`,
    honourList: { red: '红榜（进度领先）', yellow: '黄榜（进度滞后）' },
    honourSheet: '红黄榜',
    listColumn: '榜单',
    position: '序号',
    project: '项目',
    dueByNow: '序时计划（万元）',
    ytd: '累计完成（万元）',
    ratio: '完成率',
    reasons: '原因',
    none: '无',
    more: (shown: number, total: number) => `以上为前${shown}个，共${total}个，完整名单见榜单Excel。`,
    chartCaption: '各单位年度累计完成投资（万元）',
    summary: (f: {
      period: string;
      completed: string;
      task: string | null;
      rate: string | null;
      attracted: string;
      funds: string;
      majorCount: number;
      major: string;
    }) =>
      `${f.period}，全市累计完成投资${f.completed}${f.task ? `，占年度计划任务${f.task}的${f.rate}` : ''}；累计引进资金${f.attracted}，争取上级资金${f.funds}；在建重大工业项目${f.majorCount}个，总投资${f.major}。`,
    best: (names: string[]) => `完成投资排名前列的是${names.join('、')}。`,
    worst: (names: string[]) => `排名靠后的是${names.join('、')}，请加快推进。`,
    reporting: (expected: number, missing: number, overdue: number) =>
      `本月应报月报${expected}个项目，${missing > 0 ? `尚有${missing}个未报或被退回` : '已全部报送'}；${overdue > 0 ? `${overdue}个项目节点逾期超过30天，请相关单位限期整改。` : '无逾期超过30天的项目节点。'}`,
    correction: (c: { month: string; unitName: string; metric: string; before: string; after: string }) =>
      `${c.month}月${c.unitName}${c.metric}由${c.before}万元更正为${c.after}万元。`,
    noCorrections: '本期无更正。',
    yi: (v: number) => `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}亿元`,
    period: (month: string) => `1—${Number(month.slice(5))}月`,
  },
  'en-US': {
    title: (city: string, month: string) => `${city}: major projects briefing, ${month}`,
    metric: {
      attracted: 'Investment attracted',
      fundsWon: 'Funds won',
      completed: 'Investment completed',
      majorProjects: 'Major industrial projects under construction',
    } as Record<BoardMetric, string>,
    rank: 'Rank',
    unit: 'Unit',
    value: 'Amount (10k yuan)',
    count: 'Projects',
    move: 'Since last month',
    up: (n: number) => `↑${n}`,
    down: (n: number) => `↓${n}`,
    same: '—',
    new: 'new',
    summaryHeading: '1. Overview',
    boardsHeading: '2. Leaderboards',
    honoursHeading: '3. Red and yellow lists',
    correctionsHeading: '4. Corrections',
    honours: (month: string, red: number, yellow: number) =>
      `At the end of ${month}, ${red} projects had completed at least the investment due by then and are on the red list; ${yellow} projects had a red light and are on the yellow list, and their units are asked to catch up.`,
    honourList: { red: 'Red list (ahead of schedule)', yellow: 'Yellow list (lagging)' },
    honourSheet: 'Red and yellow lists',
    listColumn: 'List',
    position: 'No.',
    project: 'Project',
    dueByNow: 'Due by then (10k yuan)',
    ytd: 'Completed (10k yuan)',
    ratio: 'Share done',
    reasons: 'Reasons',
    none: 'None',
    more: (shown: number, total: number) => `The first ${shown} of ${total}; the Excel boards list them all.`,
    chartCaption: 'Investment completed this year by unit (10k yuan)',
    summary: (f: {
      period: string;
      completed: string;
      task: string | null;
      rate: string | null;
      attracted: string;
      funds: string;
      majorCount: number;
      major: string;
    }) =>
      `In ${f.period} the city completed ${f.completed} of investment${f.task ? ` (${f.rate} of the annual task of ${f.task})` : ''}; it attracted ${f.attracted} and won ${f.funds} from higher government; ${f.majorCount} major industrial projects worth ${f.major} are under construction.`,
    best: (names: string[]) => `Leading in investment completed: ${names.join(', ')}.`,
    worst: (names: string[]) => `Trailing: ${names.join(', ')}; they are asked to speed up.`,
    reporting: (expected: number, missing: number, overdue: number) =>
      `${expected} projects were due to report this month; ${missing > 0 ? `${missing} have not reported or were returned` : 'all have reported'}; ${overdue > 0 ? `${overdue} projects have milestones more than 30 days overdue.` : 'no milestone is more than 30 days overdue.'}`,
    correction: (c: { month: string; unitName: string; metric: string; before: string; after: string }) =>
      `${c.month}: ${c.unitName}, ${c.metric} corrected from ${c.before} to ${c.after} (10k yuan).`,
    noCorrections: 'No corrections in this issue.',
    yi: (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: 2 })} × 100M yuan`,
    period: (month: string) => `January–${month}`,
  },
} as const;

const toYi = (wan: string) => Number(wan) / 10_000;

export function summarySentences(boards: Boards, facts: BriefingFacts, locale: Locale): string[] {
  const t = TEXT[locale];
  const get = (m: BoardMetric) => boards.boards.find((b) => b.metric === m)!;
  const completed = get('completed');
  const rate = boards.annualTask ? moneyRatio(completed.total, boards.annualTask) : null;
  const ranked = [...completed.entries].sort((a, b) => a.rank - b.rank);
  const sentences = [
    t.summary({
      period: t.period(boards.month),
      completed: t.yi(toYi(completed.total)),
      task: boards.annualTask && Number(boards.annualTask) > 0 ? t.yi(toYi(boards.annualTask)) : null,
      rate: rate === null ? null : `${(rate * 100).toFixed(1)}%`,
      attracted: t.yi(toYi(get('attracted').total)),
      funds: t.yi(toYi(get('fundsWon').total)),
      majorCount: get('majorProjects').entries.reduce((n, e) => n + (e.count ?? 0), 0),
      major: t.yi(toYi(get('majorProjects').total)),
    }),
  ];
  if (ranked.length >= 2) {
    sentences.push(t.best(ranked.slice(0, Math.min(3, ranked.length)).map((e) => e.unitName)));
    sentences.push(t.worst(ranked.slice(-Math.min(3, Math.floor(ranked.length / 2))).map((e) => e.unitName)));
  }
  sentences.push(t.reporting(facts.expectedReports, facts.missingReports, facts.overdueMilestones));
  return sentences;
}

/** The completed-investment chart as SVG (ECharts server-side rendering) and PNG (resvg). */
export async function completedChart(board: Board, locale: Locale): Promise<{ svg: Buffer; png: Buffer; width: number; height: number }> {
  const echarts = await import('echarts');
  const width = 800;
  const height = 360;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const entries = [...board.entries].sort((a, b) => a.rank - b.rank);
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif' },
    title: { text: TEXT[locale].chartCaption, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 70, right: 20, top: 40, bottom: 80 },
    xAxis: { type: 'category', data: entries.map((e) => e.unitName), axisLabel: { rotate: 40, fontSize: 10 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: entries.map((e) => Number(e.value)), itemStyle: { color: '#1677ff' }, label: { show: false } }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const { Resvg } = await import('@resvg/resvg-js');
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: width * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
  })
    .render()
    .asPng();
  return { svg: Buffer.from(svg), png: Buffer.from(png), width, height };
}

/** Rows of each 红黄榜 list the Word briefing prints; the Excel boards carry every one. */
const BRIEFING_HONOURS = 50;

const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);

/** The 红黄榜 rows of one list as table cells: number, project, unit, due, done, share, reasons. */
function honourRows(honours: readonly HonourEntry[], list: 'red' | 'yellow'): string[][] {
  return honours
    .filter((h) => h.list === list)
    .map((h, i) => [String(i + 1), h.projectName, h.unitName, h.dueByNow, h.ytd, percent(h.ratio), h.reasons.join('；')]);
}

function movementText(move: number | null, locale: Locale): string {
  const t = TEXT[locale];
  if (move === null) return t.new;
  if (move > 0) return t.up(move);
  if (move < 0) return t.down(-move);
  return t.same;
}

/** `honours`: the 红黄榜 frozen with the publication (its section is left out without it). */
export async function briefingDocx(
  boards: Boards,
  facts: BriefingFacts,
  locale: Locale,
  honours: readonly HonourEntry[] | null = null,
): Promise<Buffer> {
  const docx = await import('docx');
  const t = TEXT[locale];
  const font = locale === 'zh-CN' ? '仿宋' : 'Calibri';
  const heading = (text: string) =>
    new docx.Paragraph({
      heading: docx.HeadingLevel.HEADING_2,
      children: [new docx.TextRun({ text, font: locale === 'zh-CN' ? '黑体' : 'Calibri' })],
    });
  const para = (text: string) =>
    new docx.Paragraph({ spacing: { after: 120 }, indent: { firstLine: 480 }, children: [new docx.TextRun({ text, font, size: 28 })] });
  const cell = (text: string, bold = false) =>
    new docx.TableCell({ children: [new docx.Paragraph({ children: [new docx.TextRun({ text, bold, font, size: 22 })] })] });
  const table = (header: string[], rows: string[][]) =>
    new docx.Table({
      width: { size: 100, type: docx.WidthType.PERCENTAGE },
      rows: [
        new docx.TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
        ...rows.map((r) => new docx.TableRow({ children: r.map((c) => cell(c)) })),
      ],
    });
  const tables = boards.boards.flatMap((board) => {
    const header = [t.rank, t.unit, t.value, ...(board.metric === 'majorProjects' ? [t.count] : []), t.move];
    const rows = [...board.entries]
      .sort((a, b) => a.rank - b.rank)
      .map((e) => [
        String(e.rank),
        e.unitName,
        e.value,
        ...(board.metric === 'majorProjects' ? [String(e.count ?? 0)] : []),
        movementText(e.movement, locale),
      ]);
    return [
      new docx.Paragraph({
        spacing: { before: 240 },
        children: [new docx.TextRun({ text: t.metric[board.metric], bold: true, font, size: 26 })],
      }),
      table(header, rows),
    ];
  });
  const honourSection = honours
    ? [
        heading(t.honoursHeading),
        para(t.honours(boards.month, honours.filter((h) => h.list === 'red').length, honours.filter((h) => h.list === 'yellow').length)),
        ...(['red', 'yellow'] as const).flatMap((list) => {
          const rows = honourRows(honours, list);
          const shown = rows.slice(0, BRIEFING_HONOURS);
          return [
            new docx.Paragraph({
              spacing: { before: 240 },
              children: [new docx.TextRun({ text: t.honourList[list], bold: true, font, size: 26 })],
            }),
            shown.length ? table([t.position, t.project, t.unit, t.dueByNow, t.ytd, t.ratio, t.reasons], shown) : para(t.none),
            ...(rows.length > shown.length ? [para(t.more(shown.length, rows.length))] : []),
          ];
        }),
      ]
    : [];
  const completed = boards.boards.find((b) => b.metric === 'completed')!;
  const chart = await completedChart(completed, locale);
  const document = new docx.Document({
    creator: 'Juli 聚力',
    title: t.title(facts.cityName, boards.month),
    sections: [
      {
        children: [
          new docx.Paragraph({
            alignment: docx.AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [
              new docx.TextRun({
                text: t.title(facts.cityName, boards.month),
                bold: true,
                font: locale === 'zh-CN' ? '方正小标宋简体' : 'Calibri',
                size: 36,
              }),
            ],
          }),
          heading(t.summaryHeading),
          ...summarySentences(boards, facts, locale).map(para),
          new docx.Paragraph({
            alignment: docx.AlignmentType.CENTER,
            children: [
              new docx.ImageRun({
                type: 'svg',
                data: chart.svg,
                transformation: { width: 600, height: 270 },
                fallback: { type: 'png', data: chart.png },
              }),
            ],
          }),
          heading(t.boardsHeading),
          ...tables,
          ...honourSection,
          heading(t.correctionsHeading),
          ...(boards.corrections.length
            ? boards.corrections.map((c) =>
                para(t.correction({ month: c.month, unitName: c.unitName, metric: t.metric[c.metric], before: c.before, after: c.after })),
              )
            : [para(t.noCorrections)]),
        ],
      },
    ],
  });
  return Buffer.from(await docx.Packer.toBuffer(document));
}

export async function boardsWorkbook(boards: Boards, locale: Locale, honours: readonly HonourEntry[] | null = null): Promise<Buffer> {
  const t = TEXT[locale];
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Juli';
  for (const board of boards.boards) {
    const sheet = workbook.addWorksheet(t.metric[board.metric].slice(0, 31));
    const header = [t.rank, t.unit, t.value, ...(board.metric === 'majorProjects' ? [t.count] : []), t.move];
    sheet.addRow(header).font = { bold: true };
    for (const e of [...board.entries].sort((a, b) => a.rank - b.rank)) {
      sheet.addRow([
        e.rank,
        e.unitName,
        Number(e.value),
        ...(board.metric === 'majorProjects' ? [e.count ?? 0] : []),
        movementText(e.movement, locale),
      ]);
    }
    sheet.columns.forEach((c, i) => {
      c.width = [8, 28, 18, 10, 12][i] ?? 12;
    });
  }
  if (honours) {
    const sheet = workbook.addWorksheet(t.honourSheet);
    sheet.addRow([t.listColumn, t.position, t.project, t.unit, t.dueByNow, t.ytd, t.ratio, t.reasons]).font = { bold: true };
    for (const list of ['red', 'yellow'] as const) {
      for (const [position, project, unit, due, ytd, ratio, reasons] of honourRows(honours, list)) {
        sheet.addRow([t.honourList[list], Number(position), project, unit, Number(due), Number(ytd), ratio, reasons]);
      }
    }
    sheet.columns.forEach((c, i) => {
      c.width = [20, 6, 36, 20, 16, 16, 10, 48][i] ?? 12;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
