import type { Locale } from './messages.js';

/**
 * Display names of coded values, in both languages: used in spreadsheet templates and
 * exports (and accepted back on import, with the codes themselves).
 */
type Labels = Record<string, { 'zh-CN': string; 'en-US': string }>;

export const CODE_LABELS = {
  projectCategory: {
    industrial: { 'zh-CN': '工业', 'en-US': 'Industrial' },
    infrastructure: { 'zh-CN': '基础设施', 'en-US': 'Infrastructure' },
    social: { 'zh-CN': '社会民生', 'en-US': 'Social' },
    ecological: { 'zh-CN': '生态环保', 'en-US': 'Ecological' },
    agricultural: { 'zh-CN': '农业农村', 'en-US': 'Agricultural' },
    service: { 'zh-CN': '现代服务业', 'en-US': 'Services' },
    other: { 'zh-CN': '其他', 'en-US': 'Other' },
  },
  projectLevel: {
    provincial: { 'zh-CN': '省重点', 'en-US': 'Provincial key' },
    city: { 'zh-CN': '市重点', 'en-US': 'City key' },
    county: { 'zh-CN': '县重点', 'en-US': 'County key' },
  },
  projectKind: {
    new: { 'zh-CN': '新开工', 'en-US': 'New' },
    continuing: { 'zh-CN': '续建', 'en-US': 'Continuing' },
    preparatory: { 'zh-CN': '预备', 'en-US': 'Preparatory' },
  },
  projectStage: {
    preparing: { 'zh-CN': '前期', 'en-US': 'Preparing' },
    under_construction: { 'zh-CN': '在建', 'en-US': 'Under construction' },
    completed: { 'zh-CN': '竣工', 'en-US': 'Completed' },
    in_production: { 'zh-CN': '投产', 'en-US': 'In production' },
  },
  dealKind: {
    new: { 'zh-CN': '新签', 'en-US': 'New' },
    resign: { 'zh-CN': '续签', 'en-US': 'Re-signing' },
    upgrade: { 'zh-CN': '升级', 'en-US': 'Upgrade' },
    capital_increase: { 'zh-CN': '增资', 'en-US': 'Capital increase' },
  },
  dealStage: {
    signed: { 'zh-CN': '签约', 'en-US': 'Signed' },
    fulfilling: { 'zh-CN': '履约', 'en-US': 'Fulfilling' },
    landed: { 'zh-CN': '落地', 'en-US': 'Landed' },
    started: { 'zh-CN': '开工', 'en-US': 'Started' },
    in_production: { 'zh-CN': '投产', 'en-US': 'In production' },
    stalled: { 'zh-CN': '停滞', 'en-US': 'Stalled' },
    terminated: { 'zh-CN': '终止', 'en-US': 'Terminated' },
  },
  reportStatus: {
    missing: { 'zh-CN': '未报', 'en-US': 'Missing' },
    submitted: { 'zh-CN': '已报', 'en-US': 'Submitted' },
    returned: { 'zh-CN': '退回', 'en-US': 'Returned' },
  },
  boolean: {
    true: { 'zh-CN': '是', 'en-US': 'Yes' },
    false: { 'zh-CN': '否', 'en-US': 'No' },
  },
  problemStatus: {
    raised: { 'zh-CN': '待分派', 'en-US': 'Raised' },
    assigned: { 'zh-CN': '已分派', 'en-US': 'Assigned' },
    in_progress: { 'zh-CN': '办理中', 'en-US': 'In progress' },
    resolved: { 'zh-CN': '待确认', 'en-US': 'Resolved' },
    confirmed: { 'zh-CN': '已销号', 'en-US': 'Closed' },
  },
  appealStatus: {
    raised: { 'zh-CN': '待分办', 'en-US': 'Received' },
    assigned: { 'zh-CN': '已分办', 'en-US': 'Routed' },
    in_progress: { 'zh-CN': '办理中', 'en-US': 'In progress' },
    resolved: { 'zh-CN': '待评价', 'en-US': 'Resolved' },
    confirmed: { 'zh-CN': '已办结', 'en-US': 'Closed' },
  },
  escalationLevel: {
    unit: { 'zh-CN': '一级督办（责任单位）', 'en-US': 'Level 1 (responsible unit)' },
    department: { 'zh-CN': '二级督办（市重点办）', 'en-US': 'Level 2 (city office)' },
    leader: { 'zh-CN': '三级督办（市领导）', 'en-US': 'Level 3 (city leader)' },
  },
  appealRating: {
    satisfied: { 'zh-CN': '满意', 'en-US': 'Satisfied' },
    basic: { 'zh-CN': '基本满意', 'en-US': 'Basically satisfied' },
    unsatisfied: { 'zh-CN': '不满意', 'en-US': 'Not satisfied' },
  },
  letterKind: {
    investment: { 'zh-CN': '承诺书', 'en-US': 'Commitment letter' },
    safety: { 'zh-CN': '安全生产责任状', 'en-US': 'Safety responsibility letter' },
  },
  letterStatus: {
    draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
    signed: { 'zh-CN': '已签署', 'en-US': 'Signed' },
  },
  fundSource: {
    central_budget: { 'zh-CN': '中央预算内投资', 'en-US': 'Central budget investment' },
    special_bonds: { 'zh-CN': '专项债券', 'en-US': 'Special bonds' },
    provincial_funds: { 'zh-CN': '省级资金', 'en-US': 'Provincial funds' },
    policy_finance: { 'zh-CN': '政策性金融', 'en-US': 'Policy finance' },
    other: { 'zh-CN': '其他', 'en-US': 'Other' },
  },
} satisfies Record<string, Labels>;

export type LabelSet = keyof typeof CODE_LABELS;

export function codeLabel(set: LabelSet, code: string, locale: Locale): string {
  return (CODE_LABELS[set] as Labels)[code]?.[locale] ?? code;
}

/** The code behind a code or a label in either language (case-insensitive), or null. */
export function codeFromLabel(set: LabelSet, text: string): string | null {
  const wanted = text.trim().toLowerCase();
  for (const [code, names] of Object.entries(CODE_LABELS[set] as Labels)) {
    if (code === wanted || names['zh-CN'] === text.trim() || names['en-US'].toLowerCase() === wanted) return code;
  }
  return null;
}
