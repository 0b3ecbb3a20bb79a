import { reportDocx } from '../../lib/docx.js';
import type { UnitProblemSummary as ProblemSummary } from '../problems/index.js';
import type {
  BoardMetric,
  Boards,
  LetterSummary,
  Locale,
  MonitoringOverview,
  ProjectLight,
  UnitObservation,
} from '../../../contracts/index.js';

/**
 * The quarterly review (季讲评) and annual assessment (年考核) pack of a unit as Word: investment
 * against the plan with its light and forecast, the 红黄榜, the projects in red and why, the commitment
 * letters' fulfilment, the unit's places on the four leaderboards, its problem lists, its
 * scores in the period's closed observation tours and its place in the competition (争先创优).
 */
export interface PackInput {
  unitName: string;
  year: number;
  /** 1–4, or null for the annual pack. */
  quarter: number | null;
  overview: MonitoringOverview;
  reds: ProjectLight[];
  /** The unit's projects on the red list (红榜: ahead of schedule), best first. */
  praised: ProjectLight[];
  letters: LetterSummary[];
  boards: Boards | null;
  unitId: number;
  /** Problems of the unit raised this year (清单管理), as of the pack's date. */
  problems: ProblemSummary;
  /** The unit's scores in the closed observation tours (现场观摩) of the quarter, or of the year. */
  observations: UnitObservation[];
  /** The unit's place in the year's competition (争先创优) for the quarter or the year; null without one. */
  competition: UnitStanding | null;
}

/** What the pack says of a unit's competition result (the competition module measures it, `app.ts` passes it in). */
export interface UnitStanding {
  title: string;
  asOf: string;
  fullPoints: number;
  total: number;
  adjustment: number;
  rank: number;
  ranked: number;
  band: 'reward' | 'warning' | null;
}

const points = (x: number) => x.toFixed(2);
const signed = (x: number) => (x > 0 ? `+${points(x)}` : points(x));

const LIGHT = {
  'zh-CN': { green: '绿灯', yellow: '黄灯', red: '红灯', none: '未亮灯' },
  'en-US': { green: 'green', yellow: 'yellow', red: 'red', none: 'no light' },
} as const;

const TEXT = {
  'zh-CN': {
    title: (unit: string, year: number, q: number | null) =>
      `${unit}${year}年${q ? `第${'一二三四'[q - 1]}季度重大项目建设讲评材料` : '度重大项目建设考核材料'}`,
    asOf: (date: string) => `数据截至${date}。`,
    investment: '一、投资完成情况',
    investmentText: (o: MonitoringOverview, light: string) =>
      `年度计划投资${o.total.plan}万元，截至${o.month}月应完成${o.total.dueByNow}万元，实际完成${o.total.ytd}万元，` +
      `完成进度${o.total.ratio === null ? '—' : `${(o.total.ratio * 100).toFixed(1)}%`}，亮${light}；预计全年完成${o.total.forecast}万元。` +
      `在统计的${o.total.projects}个项目中，绿灯${o.total.counts.green}个、黄灯${o.total.counts.yellow}个、红灯${o.total.counts.red}个；` +
      `列入红榜${o.total.honours.red}个、黄榜${o.total.honours.yellow}个。`,
    praised: (names: string[], total: number) =>
      total === 0 ? '本期无红榜项目。' : `红榜项目：${names.join('、')}${total > names.length ? `等${total}个` : ''}。`,
    reds: '二、红灯项目（黄榜）',
    noReds: '无红灯项目。',
    redHeader: ['项目', '应完成（万元）', '实际完成（万元）', '原因'],
    letters: '三、承诺兑现情况',
    noLetters: '本年度无承诺书。',
    letter: (l: LetterSummary) =>
      `${l.unitName}《${l.title}》共${l.itemCount}项，已兑现${l.counts.fulfilled}项、逾期兑现${l.counts.late}项、未兑现${l.counts.missed}项、进行中${l.counts.pending}项，加权兑现率${l.fulfilmentRate === null ? '—' : `${(l.fulfilmentRate * 100).toFixed(1)}%`}。`,
    boards: '四、规模榜单排名',
    noBoards: '本期无榜单数据。',
    boardHeader: ['榜单', '金额（万元）', '排名', '较上月'],
    metric: { attracted: '引进资金', fundsWon: '争取上级资金', completed: '完成投资', majorProjects: '在建重大工业项目' } as Record<
      BoardMetric,
      string
    >,
    boardsOf: (month: string, published: boolean) => `${month}榜单（${published ? '已发布' : '未发布，预览'}）：`,
    notRanked: '未上榜',
    problems: '五、问题清单办理情况',
    problemText: (p: ProblemSummary) =>
      p.total === 0
        ? '本年度无问题清单事项。'
        : `本年度涉及问题${p.total}个，已办结确认${p.closed}个，办结率${p.closureRate === null ? '—' : `${(p.closureRate * 100).toFixed(1)}%`}；` +
          `在办${p.open}个，其中超期${p.overdue}个${p.medianDaysToClose === null ? '' : `；办结用时中位数${p.medianDaysToClose}天`}。`,
    observations: '六、现场观摩',
    noObservations: '本期无现场观摩评分。',
    observation: (o: UnitObservation) => `${o.heldOn}《${o.title}》：得分${o.score}分，在${o.rankedUnits}个单位中排第${o.rank}名。`,
    competition: '七、争先创优考评',
    noCompetition: '本期无启用的争先创优考评方案。',
    standing: (c: UnitStanding) =>
      `《${c.title}》本期考评（数据截至${c.asOf}）：得分${points(c.total)}分（指标满分${c.fullPoints}分${c.adjustment ? `，加减分${signed(c.adjustment)}` : ''}），` +
      `在${c.ranked}个单位中排第${c.rank}名${c.band === 'reward' ? '，列入表扬' : c.band === 'warning' ? '，列入警示' : ''}。`,
  },
  'en-US': {
    title: (unit: string, year: number, q: number | null) => `${unit}: ${q ? `Q${q} ${year} review` : `${year} annual assessment`}`,
    asOf: (date: string) => `Figures as of ${date}.`,
    investment: '1. Investment',
    investmentText: (o: MonitoringOverview, light: string) =>
      `Annual plan ${o.total.plan}, due by month ${o.month} ${o.total.dueByNow}, done ${o.total.ytd} (10k yuan): ` +
      `${o.total.ratio === null ? '—' : `${(o.total.ratio * 100).toFixed(1)}%`} of the plan due, ${light}; forecast for the year ${o.total.forecast}. ` +
      `Of ${o.total.projects} projects measured: ${o.total.counts.green} green, ${o.total.counts.yellow} yellow, ${o.total.counts.red} red; ` +
      `${o.total.honours.red} on the red list, ${o.total.honours.yellow} on the yellow list.`,
    praised: (names: string[], total: number) =>
      total === 0
        ? 'No project on the red list.'
        : `On the red list: ${names.join(', ')}${total > names.length ? ` and ${total - names.length} more` : ''}.`,
    reds: '2. Projects in red (the yellow list)',
    noReds: 'No project in red.',
    redHeader: ['Project', 'Due (10k yuan)', 'Done (10k yuan)', 'Why'],
    letters: '3. Commitments',
    noLetters: 'No commitment letter this year.',
    letter: (l: LetterSummary) =>
      `${l.unitName} "${l.title}": ${l.itemCount} items, ${l.counts.fulfilled} fulfilled, ${l.counts.late} late, ${l.counts.missed} missed, ${l.counts.pending} pending; weighted rate ${l.fulfilmentRate === null ? '—' : `${(l.fulfilmentRate * 100).toFixed(1)}%`}.`,
    boards: '4. Leaderboards',
    noBoards: 'No boards for the period.',
    boardHeader: ['Board', 'Amount (10k yuan)', 'Rank', 'Since last month'],
    metric: {
      attracted: 'Capital attracted',
      fundsWon: 'Funds won',
      completed: 'Investment completed',
      majorProjects: 'Major industrial projects',
    } as Record<BoardMetric, string>,
    boardsOf: (month: string, published: boolean) => `Boards of ${month} (${published ? 'published' : 'preview, not published'}):`,
    notRanked: 'not ranked',
    problems: '5. Problem lists',
    problemText: (p: ProblemSummary) =>
      p.total === 0
        ? 'No problem-list item this year.'
        : `${p.total} problems this year: ${p.closed} closed and confirmed (${p.closureRate === null ? '—' : `${(p.closureRate * 100).toFixed(1)}%`}), ` +
          `${p.open} open of which ${p.overdue} overdue${p.medianDaysToClose === null ? '' : `; median ${p.medianDaysToClose} days to close`}.`,
    observations: '6. On-site observation',
    noObservations: 'No observation tour scored in the period.',
    observation: (o: UnitObservation) => `${o.heldOn} "${o.title}": scored ${o.score}, ranked ${o.rank} of ${o.rankedUnits} units.`,
    competition: '7. Competition for excellence',
    noCompetition: 'No active competition scheme for the period.',
    standing: (c: UnitStanding) =>
      `"${c.title}", as of ${c.asOf}: ${points(c.total)} points (indicators out of ${c.fullPoints}${c.adjustment ? `, bonus/penalty ${signed(c.adjustment)}` : ''}), ` +
      `ranked ${c.rank} of ${c.ranked} units${c.band === 'reward' ? ', commended' : c.band === 'warning' ? ', warned' : ''}.`,
  },
} as const;

export async function packDocx(input: PackInput, locale: Locale): Promise<Buffer> {
  const t = TEXT[locale];
  const o = input.overview;
  const ranks = input.boards?.boards.map((board) => {
    const entry = board.entries.find((e) => e.unitId === input.unitId);
    const move = entry?.movement ?? null;
    return [
      t.metric[board.metric],
      entry?.value ?? '0',
      entry ? String(entry.rank) : t.notRanked,
      move === null ? '—' : move > 0 ? `↑${move}` : move < 0 ? `↓${-move}` : '—',
    ];
  });
  return await reportDocx(locale, t.title(input.unitName, input.year, input.quarter), ({ para, heading, table }) => [
    para(t.asOf(o.asOf)),
    heading(t.investment),
    para(t.investmentText(o, LIGHT[locale][o.total.light])),
    para(
      t.praised(
        input.praised.map((p) => p.projectName),
        o.total.honours.red,
      ),
    ),
    heading(t.reds),
    ...(input.reds.length
      ? [
          table(
            t.redHeader,
            input.reds.map((r) => [r.projectName, r.dueByNow, r.ytd, r.reasons.map((x) => x.message).join('；')]),
          ),
        ]
      : [para(t.noReds)]),
    heading(t.letters),
    ...(input.letters.length ? input.letters.map((l) => para(t.letter(l))) : [para(t.noLetters)]),
    heading(t.boards),
    ...(input.boards && ranks
      ? [para(t.boardsOf(input.boards.month, input.boards.isPublished)), table(t.boardHeader, ranks)]
      : [para(t.noBoards)]),
    heading(t.problems),
    para(t.problemText(input.problems)),
    heading(t.observations),
    ...(input.observations.length ? input.observations.map((o) => para(t.observation(o))) : [para(t.noObservations)]),
    heading(t.competition),
    para(input.competition ? t.standing(input.competition) : t.noCompetition),
  ]);
}
