import type { CreateProject } from '../../../../contracts/index.js';
import type { Random } from './random.js';

/**
 * The plain Chinese a unit writes into its monthly reports (形象进度, problems, explanations),
 * daily notes, and what the city writes when it returns or corrects a report. Templates take
 * {x} (a percentage), {f} (a floor), {n} (a building number), {k} (kilometres), {p} (people),
 * {q} (machines), {i} (an issue).
 */
type Category = CreateProject['category'];

/** Image progress by phase of construction (five phases from the start to the end). */
const PHASES: Record<'building' | 'infrastructure' | 'ecological' | 'agricultural', readonly (readonly string[])[]> = {
  building: [
    ['场地平整及临时设施完成，桩基施工中', '土方开挖完成{x}%，基础垫层施工中', '完成施工图审查，桩基工程完成{x}%'],
    ['主体基础施工完成{x}%', '{n}号楼主体结构施工至第{f}层', '钢结构构件进场，开始钢结构吊装'],
    ['钢结构吊装完成{x}%', '{n}号楼主体封顶，开始砌体施工', '主体结构施工完成{x}%，屋面工程施工中'],
    ['内部装修及机电安装施工中，完成{x}%', '主要设备陆续进场，已到货{x}%', '配电房、给排水等配套工程施工中'],
    ['设备安装调试，完成{x}%', '室外道路及绿化施工，准备竣工验收', '消防、规划等专项验收办理中'],
  ],
  infrastructure: [
    ['施工便道及临时设施完成，路基清表完成{x}%', '管线迁改施工中，完成{x}%', '桥梁桩基施工，完成{x}%'],
    ['路基土石方完成{x}%', '雨污水管网铺设{k}公里', '桥梁下部结构施工完成{x}%'],
    ['水稳层施工完成{x}%', '桥梁上部结构施工中，完成{x}%', '综合管廊主体施工{k}公里'],
    ['沥青路面摊铺{k}公里', '附属工程（人行道、排水）施工完成{x}%', '路灯及交通标志标线安装中'],
    ['交通工程及绿化收尾，准备交工验收', '全线贯通，附属设施收尾', '竣工资料整理，准备交工验收'],
  ],
  ecological: [
    ['清淤疏浚完成{x}%', '施工围堰及导流完成', '生态修复区场地清理完成{x}%'],
    ['清淤疏浚{x}万立方米', '生态护岸施工{k}公里', '截污管网铺设{k}公里'],
    ['生态护岸完成{x}%', '污水处理设施主体施工中', '湿地公园水系连通工程完成{x}%'],
    ['植被恢复及绿化种植完成{x}%', '监测设施安装中', '景观步道施工{k}公里'],
    ['绿化养护及收尾工程', '水质监测设施调试', '准备竣工验收'],
  ],
  agricultural: [
    ['高标准农田土地平整完成{x}%', '基地场地平整完成', '育苗大棚基础施工中'],
    ['灌溉渠道施工{k}公里', '育苗大棚钢架安装完成{x}%', '田间道路施工{k}公里'],
    ['冷链仓储设施主体施工中', '加工车间主体结构完成{x}%', '示范基地种植{x}%'],
    ['加工设备安装中', '冷库制冷设备进场调试', '配套电力、灌溉设施完成{x}%'],
    ['基地建设基本完成，试运营', '设备调试，准备验收', '配套设施收尾'],
  ],
};

function phasesFor(category: Category) {
  if (category === 'infrastructure') return PHASES.infrastructure;
  if (category === 'ecological') return PHASES.ecological;
  if (category === 'agricultural') return PHASES.agricultural;
  return PHASES.building;
}

function fill(rng: Random, template: string): string {
  return template
    .replace('{x}', String(rng.int(2, 19) * 5))
    .replace('{f}', String(rng.int(2, 18)))
    .replace('{n}', String(rng.int(1, 4)))
    .replace('{k}', (rng.int(5, 120) / 10).toFixed(1))
    .replace('{p}', String(rng.int(3, 40) * 10))
    .replace('{q}', String(rng.int(2, 25)))
    .replace('{i}', rng.pick(ISSUES));
}

/** Image progress at `progress` (0–1) of the construction period. */
export function progressText(rng: Random, category: Category, progress: number): string {
  const phases = phasesFor(category);
  const phase = Math.min(phases.length - 1, Math.max(0, Math.floor(progress * phases.length)));
  return fill(rng, rng.pick(phases[phase]!));
}

export const START_TEXTS = ['项目正式开工建设，施工单位进场', '项目举行开工仪式，开始场地平整', '取得施工许可，正式开工'];
export const COMPLETION_TEXTS = ['项目完成竣工验收', '主体工程完工，通过竣工验收', '完成竣工验收备案'];
export const BEFORE_START_TEXTS = [
  '前期工作：项目用地报批中',
  '前期工作：施工图设计审查中',
  '前期工作：正在办理施工许可',
  '前期工作：施工招标公告已发布',
  '前期工作：征地拆迁扫尾',
];
export const AFTER_COMPLETION_TEXTS = ['项目已竣工，生产线试运行', '项目已竣工投产，产能逐步释放', '项目已竣工验收，办理结算审计'];

export const PROBLEMS = [
  '受连续降雨影响，土方施工进度滞后',
  '施工用电增容尚未完成，需供电部门协调',
  '钢材等建材价格上涨，施工单位资金压力较大',
  '部分征拆户诉求未解决，影响施工作业面',
  '受疫情防控影响，外地施工人员返岗延迟',
  '项目资本金到位不足',
  '环评批复尚未取得，部分工程暂缓',
];
export const STOPPAGE_PROBLEMS = ['因资金问题暂停施工', '受疫情防控影响停工', '设计变更待批复，暂停施工'];
export const EPIDEMIC_PROBLEM = '受新冠肺炎疫情影响，春节后复工推迟';

/** Explanations of a figure the checks warn about (PRODUCT §2.2: warnings need a written explanation). */
export const EXPLANATIONS = {
  above: ['设备款集中支付，本月完成投资高于计划', '抢抓晴好天气加快施工进度', '钢材等主要材料集中采购入场'],
  below: ['受降雨天气影响，施工进度放缓', '部分进度款待审计后支付', '设计变更待批复，部分工程暂缓', '施工单位调整，本月进度放缓'],
  springFestival: ['春节前后施工人员返乡，现场作业减少'],
  notStarted: ['项目尚未开工，前期手续办理中', '开工时间推迟，本月未形成投资'],
  finished: ['项目已竣工，本月无新增投资'],
  jump: ['上月施工受限，本月全面复工', '设备到货集中结算'],
  yearEnd: ['年底集中结算工程进度款'],
  epidemic: ['受疫情影响停工，本月投资大幅低于计划'],
};

export const RETURN_REASONS = [
  '形象进度描述过于简单，请补充具体完成工程量',
  '本月完成投资与支付凭证不一致，请核实后重报',
  '未说明与计划偏差较大的原因，请补充',
  '投资数据疑似填入其他项目，请核对',
];
export const RESUBMIT_EXPLANATION = '已按退回意见核实数据并补充形象进度';

export const CORRECTION_REASONS = [
  '审计核减：剔除不应计入的土地出让金',
  '补录漏报的设备购置发票',
  '财务决算后调整当月完成投资',
  '统计部门联审后核减重复计算部分',
  '施工进度款结算审定后更正',
];

const ISSUES = [
  '施工用电增容',
  '临时用地报批',
  '周边群众阻工',
  '砂石材料供应',
  '施工图审查',
  '燃气管线迁改',
  '征拆扫尾',
  '环评批复',
  '排水接驳',
  '施工许可办理',
];

const FEEDBACK_TEMPLATES = [
  '市重点办现场调度，协调解决{i}问题，要求{q}日内办结。',
  '县级专班召开项目推进会，明确{i}事项责任人和完成时限。',
  '项目业主反映{i}问题，已报县级专班协调。',
  '{i}问题已解决，现场恢复正常施工。',
  '现场施工人员约{p}人，大型机械{q}台，施工正常。',
  '市领导调研项目建设情况，要求倒排工期、加快施工进度。',
  '督查组现场检查安全文明施工，提出整改意见{q}条。',
];

export function feedbackText(rng: Random): string {
  return fill(rng, rng.pick(FEEDBACK_TEMPLATES));
}

/** Funds won (争资): the note of a record, by source. */
export const FUND_NOTES = {
  central_budget: ['城镇老旧小区改造', '保障性安居工程配套基础设施', '社会事业补短板', '生态环境保护', '产业转型升级'],
  provincial_funds: ['省预算内基本建设投资', '省制造强省专项资金', '省重点建设项目前期工作经费', '省级园区发展专项资金'],
  policy_finance: ['政策性开发性金融工具资金（项目资本金）'],
  other: ['国家开发银行专项贷款财政贴息', '中央财政农业相关转移支付'],
} as const;

/** 安全生产责任状: the items a unit signs for, with their deadlines and weights. */
export const SAFETY_ITEMS: readonly { description: string; deadline: string; weight: number; evidence: string; missedEvidence: string }[] =
  [
    {
      description: '全年不发生较大及以上生产安全事故',
      deadline: '2022-12-31',
      weight: 3,
      evidence: '经应急管理部门核查，全年未发生较大及以上生产安全事故',
      missedEvidence: '发生一起较大生产安全事故，已按规定调查处理',
    },
    {
      description: '重大事故隐患按期整改销号率100%',
      deadline: '2022-12-31',
      weight: 2,
      evidence: '排查重大事故隐患全部按期整改销号',
      missedEvidence: '3处重大事故隐患逾期未整改销号',
    },
    {
      description: '在建重点项目施工现场安全标准化达标',
      deadline: '2022-10-31',
      weight: 1,
      evidence: '在建重点项目施工现场安全标准化考评全部达标',
      missedEvidence: '2个在建项目安全标准化考评未达标',
    },
    {
      description: '开展安全生产月活动，组织应急演练不少于2次',
      deadline: '2022-06-30',
      weight: 1,
      evidence: '组织安全生产月活动，开展综合应急演练2次',
      missedEvidence: '仅组织应急演练1次',
    },
    {
      description: '企业主要负责人和安全管理人员培训考核全覆盖',
      deadline: '2022-09-30',
      weight: 1,
      evidence: '培训考核企业主要负责人和安全管理人员全覆盖',
      missedEvidence: '培训考核覆盖率未达100%',
    },
  ];
