import { type FormulaField, type MethodConfig, type MethodConfigInput, MethodConfigSchema } from '../../../../contracts/index.js';

/**
 * The three published methods of shared/standards/mu-evaluation-methods.md as ready
 * configurations. Every number the standards file gives is used as given; where it gives
 * none, the value here is a placeholder for the city to set, and says so (`caveats`, and
 * the comments). Policy parameters are never in the sources: all of them are placeholders.
 */
export interface MethodPreset {
  key: string;
  nameZh: string;
  nameEn: string;
  source: string;
  caveats: string[];
  config: MethodConfig;
}

/** Class policies common to the schemes (texts from the standards file; parameters are placeholders). */
type PolicyInput = NonNullable<MethodConfigInput['classes'][number]['policies']>[number];

function policies(variant: 'jiangsu' | 'zhejiang' | 'shandong'): Record<'A' | 'B' | 'C' | 'D', PolicyInput[]> {
  const a = variant === 'shandong' ? '资源要素优先配置' : '用地、用能、信贷等资源要素优先保障';
  return {
    A: [
      {
        kind: 'land' as const,
        textZh: `${a}，新增用地优先安排`,
        textEn: 'Priority in land supply and resource allocation',
        parameters: { priority: 'first' },
      },
      { kind: 'subsidy' as const, textZh: '优先享受技改、奖补等政策', textEn: 'Priority for upgrade subsidies', parameters: {} },
      { kind: 'credit' as const, textZh: '金融机构优先授信', textEn: 'Priority credit', parameters: {} },
    ],
    B: [
      { kind: 'other' as const, textZh: '积极支持，正常享受各类政策', textEn: 'Active support; ordinary policies apply', parameters: {} },
    ],
    C: [
      {
        kind: 'electricity' as const,
        textZh: '执行差别化电价（加价，标准由本市确定）',
        textEn: 'Differentiated electricity price (surcharge set by the city)',
        parameters: { surchargeYuanPerKwh: 0.05, placeholder: true },
      },
      { kind: 'land' as const, textZh: '从严控制新增用地', textEn: 'New land strictly controlled', parameters: {} },
    ],
    D: [
      {
        kind: 'electricity' as const,
        textZh: '执行差别化电价（加价，标准由本市确定）',
        textEn: 'Differentiated electricity price (surcharge set by the city)',
        parameters: { surchargeYuanPerKwh: 0.1, placeholder: true },
      },
      {
        kind: 'water' as const,
        textZh: '执行差别化水价（加价，标准由本市确定）',
        textEn: 'Differentiated water price (surcharge set by the city)',
        parameters: { surchargeYuanPerTon: 0.5, placeholder: true },
      },
      { kind: 'land' as const, textZh: '原则上不安排新增用地', textEn: 'No new industrial land in principle', parameters: {} },
      { kind: 'credit' as const, textZh: '限制新增授信', textEn: 'New credit restricted', parameters: {} },
    ],
  };
}

// ---------------------------------------------------------------- Method 1: Huai'an (Jiangsu, 2024)
const huaianIndicators = [
  {
    key: 'taxPerMu',
    nameZh: '亩均税收',
    nameEn: 'Tax per mu',
    numerator: 'tax',
    denominator: 'landMu',
    direction: 'higher',
    weight: 45,
    // "about twice the previous-year average … across the county's or district's enterprises".
    benchmark: { kind: 'previousAverage', factor: 2, scope: 'county', average: 'pooled' },
    cap: null,
    missing: 'zero',
  },
  {
    key: 'salesPerMu',
    nameZh: '亩均销售收入',
    nameEn: 'Sales revenue per mu',
    numerator: 'salesRevenue',
    denominator: 'landMu',
    direction: 'higher',
    weight: 35,
    benchmark: { kind: 'previousAverage', factor: 2, scope: 'county', average: 'pooled' },
    cap: null,
    missing: 'zero',
  },
  {
    key: 'taxPerEnergy',
    nameZh: '单位能耗税收',
    nameEn: 'Tax per unit of energy',
    numerator: 'tax',
    // The source allows energy "(or electricity)"; total energy use is taken here.
    denominator: 'energyTce',
    direction: 'higher',
    weight: 20,
    benchmark: { kind: 'previousAverage', factor: 2, scope: 'county', average: 'pooled' },
    cap: null,
    // Unverified: the Q&A does not say how a firm without energy data is treated.
    missing: 'zero',
  },
] as const;

const HUAIAN: MethodConfigInput = {
  landBasis: 'ownedPlusLeased',
  groups: [
    { key: 'aboveScale', nameZh: '规上工业企业', nameEn: 'Above-scale', when: { scale: 'above' }, indicators: [...huaianIndicators] },
    {
      key: 'belowScale3Mu',
      nameZh: '占地 3 亩及以上的规下工业企业',
      nameEn: 'Below-scale, at least 3 mu',
      when: { scale: 'below', landMuAtLeast: 3 },
      indicators: [...huaianIndicators],
    },
  ],
  // Bonus areas are named by the source; their points are not (placeholders). Each county sets its own deductions.
  adjustments: [
    { key: 'workSafety', nameZh: '安全生产', nameEn: 'Work safety', kind: 'bonus', points: 1, maxPoints: 3 },
    { key: 'energySaving', nameZh: '节能降碳', nameEn: 'Energy saving and carbon reduction', kind: 'bonus', points: 1, maxPoints: 3 },
    { key: 'innovation', nameZh: '科技创新', nameEn: 'Science and technology innovation', kind: 'bonus', points: 1, maxPoints: 4 },
    { key: 'countyDeduction', nameZh: '县区扣分项', nameEn: 'County deduction', kind: 'penalty', points: 1, maxPoints: 20 },
  ],
  exemptions: [
    { key: 'utility', nameZh: '水电气供应企业', nameEn: 'Water, power and gas suppliers', kind: 'industry', codes: ['44', '45', '46'] },
    { key: 'utilityFlag', nameZh: '公用事业企业（登记标记）', nameEn: 'Utility (register flag)', kind: 'flag', flag: 'utility' },
    { key: 'startup', nameZh: '投产不满 2 年的新企业', nameEn: 'In production for less than 2 years', kind: 'startup', years: 2 },
    // "further categories set by each county" (the source text is cut off there).
    { key: 'countyExempt', nameZh: '县区认定的其他情形', nameEn: 'Other categories set by the county', kind: 'flag', flag: 'countyExempt' },
  ],
  classing: {
    mode: 'percentile',
    scope: 'county',
    rounding: 'floor',
    bands: [
      { code: 'A', upToPercent: 20 },
      { code: 'B', upToPercent: 60 },
      { code: 'C', upToPercent: 95 },
      { code: 'D', upToPercent: 100 },
    ],
  },
  classes: [
    { code: 'A', nameZh: '优先发展', nameEn: 'Priority development', policies: policies('jiangsu').A },
    { code: 'B', nameZh: '鼓励提升', nameEn: 'Encouraged to improve', policies: policies('jiangsu').B },
    { code: 'C', nameZh: '监管调控', nameEn: 'Regulated', policies: policies('jiangsu').C },
    { code: 'D', nameZh: '落后整治', nameEn: 'Laggard, to be rectified', policies: policies('jiangsu').D },
  ],
  exempt: { code: 'T', nameZh: '不适合评价', nameEn: 'Not suitable for evaluation', managedAs: null },
};

// ---------------------------------------------------------------- Method 2: Zhejiang, Huangyan District (2022 results)
const fixed = (value: number) => ({ kind: 'fixed' as const, value });
const HUANGYAN: MethodConfigInput = {
  landBasis: 'ownedPlusLeased',
  groups: [
    {
      key: 'aboveScale',
      nameZh: '规上工业企业',
      nameEn: 'Above-scale',
      when: { scale: 'above' },
      // Benchmarks and weights as published in the 2023-09-25 scoring note. Units are not stated
      // there; 万元/亩, 万元/吨标煤, 万元/吨 and 万元/人 are the standards file's assumption.
      indicators: [
        {
          key: 'taxPerMu',
          nameZh: '亩均税收',
          nameEn: 'Tax per mu',
          numerator: 'tax',
          denominator: 'landMu',
          direction: 'higher',
          weight: 30,
          benchmark: fixed(24.097),
          cap: null,
          missing: 'zero',
        },
        {
          key: 'vaPerMu',
          nameZh: '亩均增加值',
          nameEn: 'Value added per mu',
          numerator: 'valueAdded',
          denominator: 'landMu',
          direction: 'higher',
          weight: 20,
          benchmark: fixed(136.16),
          cap: null,
          missing: 'zero',
        },
        {
          key: 'vaPerEnergy',
          nameZh: '单位能耗增加值',
          nameEn: 'Value added per unit energy',
          numerator: 'valueAdded',
          denominator: 'energyTce',
          direction: 'higher',
          weight: 20,
          benchmark: fixed(2.694),
          cap: null,
          missing: 'zero',
        },
        // "If a firm has no emission data, it gets the average emissions-indicator score of all above-scale firms."
        {
          key: 'vaPerEmission',
          nameZh: '单位排放增加值',
          nameEn: 'Value added per unit emissions',
          numerator: 'valueAdded',
          denominator: 'pollutantEq',
          direction: 'higher',
          weight: 10,
          benchmark: fixed(4929.81),
          cap: null,
          missing: 'groupAverage',
        },
        {
          key: 'labourProductivity',
          nameZh: '全员劳动生产率',
          nameEn: 'Labour productivity',
          numerator: 'valueAdded',
          denominator: 'employees',
          direction: 'higher',
          weight: 10,
          benchmark: fixed(18.14),
          cap: null,
          missing: 'zero',
        },
        {
          key: 'rdIntensity',
          nameZh: '研发经费支出占主营业务收入比重',
          nameEn: 'R&D intensity',
          numerator: 'rdSpending',
          denominator: 'mainRevenue',
          direction: 'higher',
          weight: 10,
          benchmark: fixed(0.0302),
          cap: null,
          missing: 'zero',
        },
      ],
    },
    {
      key: 'belowScale',
      nameZh: '规下工业企业',
      nameEn: 'Below-scale',
      when: { scale: 'below' },
      indicators: [
        {
          key: 'taxPerMu',
          nameZh: '亩均税收',
          nameEn: 'Tax per mu',
          numerator: 'tax',
          denominator: 'landMu',
          direction: 'higher',
          weight: 50,
          benchmark: fixed(11.5932),
          cap: null,
          missing: 'zero',
        },
        {
          key: 'taxPerElectricity',
          nameZh: '单位电耗税收',
          nameEn: 'Tax per unit of electricity',
          numerator: 'tax',
          denominator: 'electricity',
          direction: 'higher',
          weight: 50,
          benchmark: fixed(0.2352),
          cap: null,
          missing: 'zero',
        },
      ],
    },
  ],
  adjustments: [
    { key: 'bonus', nameZh: '加分项', nameEn: 'Bonus', kind: 'bonus', points: 1, maxPoints: 10 },
    { key: 'penalty', nameZh: '减分项', nameEn: 'Deduction', kind: 'penalty', points: 1, maxPoints: 10 },
  ],
  exemptions: [
    { key: 'utility', nameZh: '水电气供应企业', nameEn: 'Utilities', kind: 'industry', codes: ['44', '45', '46'] },
    { key: 'startup', nameZh: '新投产企业', nameEn: 'Start-ups', kind: 'startup', years: 2 },
    { key: 'underConstruction', nameZh: '项目在建', nameEn: 'Project under construction', kind: 'flag', flag: 'underConstruction' },
  ],
  // The Zhejiang cut-off rule was not found (Jingning's counts show no fixed shares): these
  // thresholds are placeholders. A firm exactly at every benchmark scores 100.
  classing: {
    mode: 'threshold',
    scope: 'city',
    bands: [
      { code: 'A', minScore: 120 },
      { code: 'B', minScore: 80 },
      { code: 'C', minScore: 50 },
      { code: 'D', minScore: null },
    ],
  },
  classes: [
    { code: 'A', nameZh: 'A 类（优先支持）', nameEn: 'A (priority support)', policies: policies('zhejiang').A },
    { code: 'B', nameZh: 'B 类（提升发展）', nameEn: 'B (to improve)', policies: policies('zhejiang').B },
    { code: 'C', nameZh: 'C 类（倒逼转型）', nameEn: 'C (pressed to transform)', policies: policies('zhejiang').C },
    { code: 'D', nameZh: 'D 类（整治提升）', nameEn: 'D (to be rectified)', policies: policies('zhejiang').D },
  ],
  exempt: { code: 'T', nameZh: '不参与评价', nameEn: 'Not evaluated', managedAs: null },
};

// ---------------------------------------------------------------- Method 3: Shandong, Jining High-tech Zone (2023 data)
const jiningIndicator = (
  key: string,
  nameZh: string,
  nameEn: string,
  numerator: FormulaField,
  denominator: FormulaField,
  weight: number,
) => ({
  key,
  nameZh,
  nameEn,
  numerator,
  denominator,
  direction: 'higher' as const,
  weight,
  // The provincial benchmark rule was not obtained: this year's peer average is a placeholder,
  // with points capped at twice the weight.
  benchmark: { kind: 'currentAverage' as const, factor: 1, scope: 'city' as const, average: 'pooled' as const },
  cap: 2,
  missing: 'zero' as const,
});
const JINING: MethodConfigInput = {
  landBasis: 'ownedPlusLeased',
  groups: [
    {
      key: 'aboveScale',
      nameZh: '规上工业企业',
      nameEn: 'Above-scale',
      when: { scale: 'above' },
      // The five provincial indicators (from a search excerpt: unverified); the provincial
      // weights were not obtained, so they are equal here (placeholder).
      indicators: [
        jiningIndicator('taxPerMu', '亩均税收', 'Tax per unit of land', 'tax', 'landMu', 20),
        jiningIndicator('salesPerEnergy', '单位能耗销售收入', 'Sales revenue per unit energy', 'salesRevenue', 'energyTce', 20),
        jiningIndicator('salesPerEmission', '单位排放销售收入', 'Sales revenue per unit emissions', 'salesRevenue', 'pollutantEq', 20),
        jiningIndicator('rdIntensity', '研发投入强度', 'R&D intensity', 'rdSpending', 'mainRevenue', 20),
        jiningIndicator('labourProductivity', '全员劳动生产率', 'Labour productivity', 'valueAdded', 'employees', 20),
      ],
    },
    {
      key: 'landAtLeast3Mu',
      nameZh: '占地 3 亩及以上企业',
      nameEn: 'At least 3 mu',
      when: { scale: 'below', landMuAtLeast: 3 },
      // This group's indicators are not in the notice: tax per mu alone is a placeholder.
      indicators: [jiningIndicator('taxPerMu', '亩均税收', 'Tax per unit of land', 'tax', 'landMu', 100)],
    },
  ],
  adjustments: [],
  exemptions: [
    {
      key: 'utility',
      nameZh: '电力、热力、燃气及水生产和供应企业',
      nameEn: 'Power, heat, gas and water suppliers',
      kind: 'industry',
      codes: ['44', '45', '46'],
    },
    { key: 'notYet', nameZh: '暂不评价（登记标记）', nameEn: 'Not yet evaluated (register flag)', kind: 'flag', flag: 'notYetEvaluated' },
  ],
  // The ≥ 3 mu group's exact 20/40/35/5 split implies fixed percentile bands.
  classing: {
    mode: 'percentile',
    scope: 'city',
    rounding: 'floor',
    bands: [
      { code: 'A', upToPercent: 20 },
      { code: 'B', upToPercent: 60 },
      { code: 'C', upToPercent: 95 },
      { code: 'D', upToPercent: 100 },
    ],
  },
  classes: [
    { code: 'A', nameZh: '优先发展', nameEn: 'Priority', policies: policies('shandong').A },
    { code: 'B', nameZh: '支持发展', nameEn: 'Supported', policies: policies('shandong').B },
    { code: 'C', nameZh: '提升发展', nameEn: 'To be upgraded', policies: policies('shandong').C },
    { code: 'D', nameZh: '限制发展', nameEn: 'Restricted', policies: policies('shandong').D },
  ],
  exempt: { code: 'T', nameZh: '暂不评价', nameEn: 'Not yet evaluated', managedAs: null },
};

export const METHOD_PRESETS: readonly MethodPreset[] = [
  {
    key: 'huaian',
    nameZh: '淮安市工业企业资源集约利用综合评价（2024）',
    nameEn: "Huai'an resource-intensive use evaluation (2024)",
    source: 'shared/standards/mu-evaluation-methods.md, Method 1',
    caveats: [
      'Bonus and deduction points are placeholders (the source names the bonus areas only).',
      'Tax per unit of energy uses total energy (the source allows electricity instead).',
      'Missing energy data scores zero on that indicator (not stated by the source).',
      'Policy parameters are placeholders for the city to set.',
    ],
    config: MethodConfigSchema.parse(HUAIAN),
  },
  {
    key: 'huangyan',
    nameZh: '浙江亩均论英雄·黄岩区（2022 年度）',
    nameEn: 'Zhejiang per-mu evaluation, Huangyan District (2022)',
    source: 'shared/standards/mu-evaluation-methods.md, Method 2',
    caveats: [
      'Indicator units are not stated in the scoring note (assumed 万元/亩, 万元/吨标煤, 万元/吨, 万元/人).',
      'Class thresholds (A ≥ 120, B ≥ 80, C ≥ 50) are placeholders: the Zhejiang cut-off rule was not found.',
      'The start-up exemption (2 years) and the bonus/deduction items are placeholders.',
      'Policy parameters are placeholders for the city to set.',
    ],
    config: MethodConfigSchema.parse(HUANGYAN),
  },
  {
    key: 'jining',
    nameZh: '山东亩产效益评价·济宁高新区（2023 年度）',
    nameEn: 'Shandong per-mu evaluation, Jining High-tech Zone (2023)',
    source: 'shared/standards/mu-evaluation-methods.md, Method 3',
    caveats: [
      'The five provincial indicators come from an unverified search excerpt.',
      'Weights (equal, 20 each), benchmarks (this year’s average, capped at 2× the weight) and the ≥ 3 mu group’s indicator are placeholders.',
      'Class bands 20/40/35/5 % are inferred from the ≥ 3 mu group’s published counts.',
      'Policy parameters are placeholders for the city to set.',
    ],
    config: MethodConfigSchema.parse(JINING),
  },
];

export function presetByKey(key: string): MethodPreset | undefined {
  return METHOD_PRESETS.find((p) => p.key === key);
}
