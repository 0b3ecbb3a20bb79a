import { type EvaluationDataField, FIELD_INFO } from '../../../../contracts/index.js';
import { AREAS, type Area, type ChainKey } from './areas.js';
import { ENTERPRISES } from './named-enterprises.js';
import { Random } from './random.js';
import { demoUscc } from './uscc.js';
import { BRANDS, CHAIN_PRODUCTS, type Product } from './vocabulary.js';

/**
 * The demo's per-mu evaluation (亩均论英雄) as a plan, computed from a seed alone: a register
 * of a few hundred industrial enterprises with their land, the annual data three departments
 * send for 2021 and 2022 (tax bureau: tax and invoiced sales; statistics bureau: the
 * above-scale figures and energy; industry bureau: electricity, and in 2023 a supplement from
 * its energy monitoring), a few disagreements between sources, bonus and penalty entries,
 * and the two evaluation years as they went: 2021 published, objected to, corrected, re-run
 * and made final; 2022 published for public comment with an objection still open.
 *
 * Magnitudes are the demo's own assumptions, chosen to look like a mid-sized inland
 * prefecture (an above-scale firm pays a few 万元 of tax per mu and sells 100–500 万元 per mu),
 * not published figures. Names carry 示例 ("example") and never name a real company.
 */

export const EVALUATION_SEED = 'hengyang-evaluation-2021-2022';

export type DepartmentKey = 'tax' | 'stats' | 'miit';
/** The departments that send data, by the exact names of the demo's units. */
export const EVALUATION_DEPARTMENTS: Record<DepartmentKey, string> = {
  tax: '国家税务总局衡阳市税务局',
  stats: '衡阳市统计局',
  miit: '衡阳市工业和信息化局',
};

/** The preset the demo's method is copied from, and what the city called its copy. */
export const DEMO_METHOD = {
  preset: 'huaian',
  name: '衡阳市工业企业亩均效益综合评价办法（试行）',
  description:
    '以淮安市工业企业资源集约利用综合评价办法（2024 年修订）为蓝本：规上企业和占地 3 亩及以上的规下企业分组评价，亩均税收、亩均销售收入、单位能耗税收三项指标，基准值为上年县（市、区）平均值的 2 倍，按县（市、区）排序分 A/B/C/D 四类；水电气供应企业和投产不满 2 年的企业不参评。（演示数据）',
} as const;

export const GENERATED_ENTERPRISES = 303;
export const EVALUATION_YEARS = [2021, 2022] as const;

export interface PlannedEvalEnterprise {
  /** Stable reference inside the plan ('n1' named, 'g001' generated). */
  ref: string;
  name: string;
  uscc: string;
  /** The owning unit: a county code or a park's exact name (AREAS keys). */
  unitKey: string;
  parkKey: string | null;
  industryCode: string;
  scale: 'above' | 'below';
  landOwnedMu: string;
  landLeasedMu: string;
  productionStartYear: number;
  flags: string[];
  /** One of the demo's named enterprises: already in org. */
  isNamed: boolean;
}

export type DataRow = { ref: string; year: number; values: Partial<Record<EvaluationDataField, string>> };

export type EvaluationStep =
  | { kind: 'register'; at: string }
  | { kind: 'method'; at: string }
  | { kind: 'import'; at: string; department: DepartmentKey; filename: string; fields: EvaluationDataField[]; rows: DataRow[] }
  | {
      kind: 'resolveConflict';
      at: string;
      year: number;
      ref: string;
      field: EvaluationDataField;
      department: DepartmentKey;
      reason: string;
    }
  | { kind: 'adjustment'; at: string; year: number; ref: string; itemKey: string; points: number; evidence: string }
  | { kind: 'run'; at: string; year: number }
  | { kind: 'publish'; at: string; year: number; deadline: string }
  | { kind: 'objection'; at: string; year: number; ref: string; text: string; evidence: string }
  | { kind: 'resolveObjection'; at: string; year: number; ref: string; decision: 'accept' | 'reject'; reason: string }
  | { kind: 'finalize'; at: string; year: number };

export interface EvaluationPlan {
  enterprises: PlannedEvalEnterprise[];
  /** The effective annual data (after every correction) by year and enterprise ref, for tests. */
  data: Map<number, Map<string, Partial<Record<EvaluationDataField, number>>>>;
  steps: EvaluationStep[];
  /** The enterprise whose account objects (the demo's enterprise account). */
  objectorRef: string;
}

// ---------------------------------------------------------------------------------------------
// The register

/** Industrial enterprises per area (the evaluation covers the parks and the counties' own). */
const AREA_COUNTS: Record<string, number> = {
  衡阳高新技术产业开发区: 40,
  湖南衡阳松木经济开发区: 34,
  衡阳综合保税区: 10,
  衡阳白沙洲工业园区: 16,
  西渡高新技术产业开发区: 14,
  衡山高新技术产业开发区: 12,
  衡东经济开发区: 14,
  '430405': 14,
  '430406': 6,
  '430407': 6,
  '430408': 8,
  '430412': 4,
  '430421': 12,
  '430422': 20,
  '430423': 6,
  '430424': 8,
  '430426': 20,
  '430481': 30,
  '430482': 26,
};

const INDUSTRIAL_CHAINS: readonly ChainKey[] = [
  'advanced_manufacturing',
  'new_materials',
  'electronics',
  'biomedicine',
  'new_energy',
  'food',
];
/** Energy- and emission-heavy divisions: chemicals, non-metallic minerals, steel, non-ferrous metals. */
const HEAVY = new Set(['25', '26', '30', '31', '32']);

/** Characters of the credit-code set (GB 32100), for generated code bodies. */
const BODY_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const areaOf = (key: string): Area => {
  const area = AREAS.find((a) => a.key === key);
  if (!area) throw new Error(`demo evaluation: no area ${key}`);
  return area;
};

function productsOf(area: Area): readonly (readonly [Product, number])[] {
  const chains = area.chains.filter(([c]) => INDUSTRIAL_CHAINS.includes(c));
  const usable = chains.length
    ? chains
    : ([
        ['food', 1],
        ['advanced_manufacturing', 1],
      ] as const);
  return usable.flatMap(([chain, weight]) =>
    CHAIN_PRODUCTS[chain].filter((p) => !['44', '45', '46'].includes(p.industry)).map((p) => [p, weight] as const),
  );
}

/** Named enterprises: [name, scale, industry, land owned, leased, start year] (their unit comes from ENTERPRISES). */
const NAMED_PROFILES: Record<string, { scale: 'above' | 'below'; industry: string; owned: number; leased: number; start: number }> = {
  衡阳示例新材料有限公司: { scale: 'above', industry: '32', owned: 86, leased: 0, start: 2012 },
  衡阳示例智能装备有限公司: { scale: 'above', industry: '34', owned: 52, leased: 8, start: 2015 },
  耒阳示例能源科技有限公司: { scale: 'above', industry: '38', owned: 120, leased: 0, start: 2017 },
  常宁示例有色金属有限公司: { scale: 'above', industry: '32', owned: 210, leased: 0, start: 2006 },
  衡东示例食品有限公司: { scale: 'below', industry: '13', owned: 18, leased: 0, start: 2016 },
  松木示例化工有限公司: { scale: 'above', industry: '26', owned: 145, leased: 12, start: 2010 },
};

/** The enterprise account's enterprise: it objects to its result in both years. */
export const OBJECTOR_NAME = '衡阳示例新材料有限公司';

const mu = (x: number) => (Math.round(x * 100) / 100).toFixed(2);

function planRegister(rng: Random, takenNames: ReadonlySet<string>): PlannedEvalEnterprise[] {
  const out: PlannedEvalEnterprise[] = [];
  const names = new Set(takenNames);
  const bodies = new Set<string>();
  const body = () => {
    for (;;) {
      let b = 'MJ';
      for (let i = 0; i < 6; i++) b += BODY_CHARS.charAt(rng.int(0, BODY_CHARS.length - 1));
      if (!bodies.has(b)) {
        bodies.add(b);
        return b;
      }
    }
  };
  /** A name not taken yet, drawn from its own stream: a name taken elsewhere in the demo changes nothing else. */
  const uniqueName = (make: (r: Random) => string, ref: string) => {
    const r = rng.fork(`name/${ref}`);
    for (let i = 0; i < 20; i++) {
      const name = make(r);
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
    throw new Error('demo evaluation: no free enterprise name');
  };

  ENTERPRISES.forEach(([name, division, b, owner], i) => {
    const profile = NAMED_PROFILES[name]!;
    const unitKey = owner.unitCode ?? owner.unitName!;
    const area = areaOf(unitKey);
    out.push({
      ref: `n${i + 1}`,
      name,
      uscc: demoUscc(division, b),
      unitKey,
      parkKey: area.kind === 'county' ? null : unitKey,
      industryCode: profile.industry,
      scale: profile.scale,
      landOwnedMu: mu(profile.owned),
      landLeasedMu: mu(profile.leased),
      productionStartYear: profile.start,
      flags: [],
      isNamed: true,
    });
    names.add(name);
  });

  let n = 0;
  const add = (area: Area, product: { industry: string; trade: string }, forced?: Partial<PlannedEvalEnterprise>) => {
    n++;
    const scale: 'above' | 'below' = forced?.scale ?? (rng.chance(0.62) ? 'above' : 'below');
    // Above-scale firms hold tens to hundreds of mu; below-scale ones a few, some under 3 mu (not covered).
    const owned = scale === 'above' ? rng.logUniform(18, 320) : rng.chance(0.16) ? rng.real(0.8, 2.9) : rng.logUniform(3, 38);
    const leased = rng.chance(0.15) ? rng.logUniform(1, scale === 'above' ? 30 : 6) : 0;
    const start = rng.chance(0.06) ? rng.pick([2021, 2021, 2022]) : rng.int(1998, 2019);
    const ref = `g${String(n).padStart(3, '0')}`;
    const name = uniqueName((r) => `${area.short}示例${r.pick(BRANDS)}${product.trade}有限公司`, ref);
    out.push({
      ref,
      name,
      uscc: demoUscc(area.regionCode, body()),
      unitKey: area.key,
      parkKey: area.kind === 'county' ? null : area.key,
      industryCode: product.industry,
      scale,
      landOwnedMu: mu(owned),
      landLeasedMu: mu(leased),
      productionStartYear: start,
      flags: [],
      isNamed: false,
      ...forced,
    });
  };

  // Utilities (exempt by industry): a heat and power plant, a gas company, a water company.
  add(areaOf('湖南衡阳松木经济开发区'), { industry: '44', trade: '热电' }, { scale: 'above' });
  add(areaOf('430422'), { industry: '45', trade: '燃气' }, { scale: 'above' });
  add(areaOf('430481'), { industry: '46', trade: '水务' }, { scale: 'above' });
  const utilities = n;
  for (const [key, count] of Object.entries(AREA_COUNTS)) {
    const area = areaOf(key);
    const products = productsOf(area);
    for (let i = 0; i < count; i++) add(area, rng.weighted(products));
  }
  if (n !== GENERATED_ENTERPRISES) throw new Error(`demo evaluation: ${n} enterprises planned`);
  // A few the counties set aside (县区认定的其他情形), two with a project still under construction.
  const generated = out.filter((e) => !e.isNamed).slice(utilities);
  for (const e of rng.shuffle(generated).slice(0, 2)) e.flags = ['countyExempt'];
  for (const e of rng.shuffle(generated.filter((x) => x.flags.length === 0)).slice(0, 2)) e.flags = ['underConstruction'];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Annual data

interface Profile {
  /** Persistent quality: better firms pay more tax and sell more per mu. */
  quality: number;
  /** Persistent growth of 2022 over 2021. */
  trend: number;
  salesPerMu: number;
  taxRate: number;
  energyPerSales: number;
  electricShare: number;
  vaShare: number;
  mainShare: number;
  rdShare: number;
  salesPerEmployee: number;
  /** Energy data missing (a below-scale firm with no metering yet). */
  noEnergy: boolean;
}

const money = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
const tce = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

function profileOf(rng: Random, e: PlannedEvalEnterprise): Profile {
  const quality = rng.normal();
  const heavy = HEAVY.has(e.industryCode);
  const above = e.scale === 'above';
  return {
    quality,
    trend: rng.normal() * 0.08,
    salesPerMu: (above ? rng.logUniform(70, 520) : rng.logUniform(15, 160)) * Math.exp(0.35 * quality),
    taxRate: (above ? rng.logUniform(0.018, 0.065) : rng.logUniform(0.012, 0.045)) * Math.exp(0.2 * quality),
    energyPerSales: rng.logUniform(0.015, 0.18) * (heavy ? 3.2 : 1),
    electricShare: rng.real(0.35, 0.85),
    vaShare: rng.real(0.17, 0.33),
    mainShare: rng.real(0.93, 1),
    rdShare: rng.chance(0.2) ? rng.real(0.001, 0.004) : rng.logUniform(0.006, 0.055),
    salesPerEmployee: rng.logUniform(55, 260),
    noEnergy: !above && rng.chance(0.1),
  };
}

type Figures = Record<EvaluationDataField, number>;

function figuresOf(rng: Random, e: PlannedEvalEnterprise, p: Profile, year: number): Figures | null {
  if (year < e.productionStartYear) return null;
  const land = Number(e.landOwnedMu) + Number(e.landLeasedMu);
  const growth = year === 2021 ? 1 : Math.exp(0.04 + p.trend + rng.normal() * 0.06);
  // A first year in production runs at part of its capacity.
  const ramp = year === e.productionStartYear ? rng.real(0.25, 0.6) : 1;
  let sales = land * p.salesPerMu * growth * ramp;
  // Above scale means at least 2000 万元 of main business revenue; below scale stays under it.
  if (e.scale === 'above') sales = Math.max(sales, rng.real(2100, 2600));
  else sales = Math.min(sales, rng.real(1500, 1950));
  const tax = sales * p.taxRate * Math.exp(rng.normal() * 0.05);
  const energy = sales * p.energyPerSales * Math.exp(rng.normal() * 0.04);
  return {
    salesRevenue: sales,
    tax,
    mainRevenue: sales * p.mainShare,
    valueAdded: sales * p.vaShare,
    energyTce: energy,
    // Electricity in 10⁴ kWh: its share of the energy, at the equivalent value of about 3 tce per 10⁴ kWh.
    electricity: (energy * p.electricShare) / 3,
    pollutantEq: 0,
    rdSpending: sales * p.mainShare * p.rdShare,
    employees: Math.max(12, Math.round(sales / p.salesPerEmployee)),
  };
}

// ---------------------------------------------------------------------------------------------
// The plan

const ADJUSTMENT_TEXTS = {
  innovation: ['2021 年认定为国家级专精特新“小巨人”企业', '通过高新技术企业认定（证书编号 GR2021430000XX，演示）', '省级企业技术中心认定'],
  workSafety: ['安全生产标准化二级达标企业', '年度安全生产工作考核优秀'],
  energySaving: ['入选省级绿色工厂名单', '完成能效诊断并实施节能技改，年节能 1200 吨标准煤'],
  countyDeduction: ['年内受到生态环境行政处罚一次（衡环罚〔2022〕XX 号，演示）', '发生一般生产安全事故一起'],
} as const;

export function planEvaluation(takenNames: ReadonlySet<string> = new Set(), seed = EVALUATION_SEED): EvaluationPlan {
  const rng = new Random(seed);
  const enterprises = planRegister(rng.fork('register'), takenNames);
  const profiles = new Map(enterprises.map((e) => [e.ref, profileOf(rng.fork(`profile/${e.ref}`), e)]));
  const objector = enterprises.find((e) => e.name === OBJECTOR_NAME)!;
  const figures = new Map<number, Map<string, Figures>>();
  for (const year of EVALUATION_YEARS) {
    const byRef = new Map<string, Figures>();
    for (const e of enterprises) {
      const f = figuresOf(rng.fork(`figures/${year}/${e.ref}`), e, profiles.get(e.ref)!, year);
      if (f) byRef.set(e.ref, f);
    }
    figures.set(year, byRef);
  }
  // The objector is a solid mid-table firm whose class turns on the corrections.
  for (const year of EVALUATION_YEARS) {
    const f = figures.get(year)!.get(objector.ref)!;
    const land = Number(objector.landOwnedMu) + Number(objector.landLeasedMu);
    f.salesRevenue = land * (year === 2021 ? 248.6 : 263.9);
    f.mainRevenue = f.salesRevenue * 0.97;
    f.tax = f.salesRevenue * (year === 2021 ? 0.0286 : 0.0301);
    f.valueAdded = f.salesRevenue * 0.24;
    f.energyTce = f.salesRevenue * (year === 2021 ? 0.118 : 0.112);
    f.electricity = (f.energyTce * 0.6) / 3;
    f.rdSpending = f.mainRevenue * 0.038;
    f.employees = Math.round(f.salesRevenue / 150);
  }

  const steps: EvaluationStep[] = [];
  const data = new Map<number, Map<string, Partial<Record<EvaluationDataField, number>>>>();
  const numbers = (values: Partial<Record<EvaluationDataField, string>>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)])) as Partial<Record<EvaluationDataField, number>>;
  const record = (rows: DataRow[]) => {
    for (const r of rows) {
      const byRef = data.get(r.year) ?? new Map();
      data.set(r.year, byRef);
      byRef.set(r.ref, { ...byRef.get(r.ref), ...numbers(r.values) });
    }
  };

  steps.push({ kind: 'register', at: '2022-02-28T09:30:00+08:00' }, { kind: 'method', at: '2022-03-02T10:00:00+08:00' });

  const above = (e: PlannedEvalEnterprise) => e.scale === 'above';
  const yearSteps = (year: 2021 | 2022) => {
    const y = rng.fork(`year/${year}`);
    const next = year + 1;
    const of = figures.get(year)!;
    const present = enterprises.filter((e) => of.has(e.ref));
    const taxRows: DataRow[] = present.map((e) => ({
      ref: e.ref,
      year,
      values: { tax: money(of.get(e.ref)!.tax), salesRevenue: money(of.get(e.ref)!.salesRevenue) },
    }));
    // The statistics bureau also reports above-scale sales: equal to the tax bureau's except a few.
    const candidates = y.shuffle(present.filter((e) => above(e) && e.ref !== objector.ref));
    const conflicting = candidates.slice(0, year === 2021 ? 3 : 4);
    const statsRows: DataRow[] = present.map((e) => {
      const f = of.get(e.ref)!;
      const p = profiles.get(e.ref)!;
      if (!above(e)) return { ref: e.ref, year, values: p.noEnergy ? {} : { energyTce: tce(f.energyTce) } };
      const off = conflicting.includes(e) ? 1 + y.pick([-1, 1]) * y.real(0.03, 0.09) : 1;
      return {
        ref: e.ref,
        year,
        values: {
          salesRevenue: money(f.salesRevenue * off),
          mainRevenue: money(f.mainRevenue),
          valueAdded: money(f.valueAdded),
          energyTce: tce(f.energyTce),
          rdSpending: money(f.rdSpending),
          employees: String(f.employees),
        },
      };
    });
    const statsWithValues = statsRows.filter((r) => Object.keys(r.values).length > 0);
    const miitRows: DataRow[] = present
      .filter((e) => !profiles.get(e.ref)!.noEnergy)
      .map((e) => ({ ref: e.ref, year, values: { electricity: money(of.get(e.ref)!.electricity) } }));
    const day = (md: string, hm = '10:00') => `${next}-${md}T${hm}:00+08:00`;

    // 2021: the tax bureau first reported the objector's tax without a December payment.
    const objectorTax = of.get(objector.ref)!.tax;
    const taxFirst =
      year === 2021
        ? taxRows.map((r) => (r.ref === objector.ref ? { ...r, values: { ...r.values, tax: money(objectorTax - 76.5) } } : r))
        : taxRows;
    steps.push({
      kind: 'import',
      at: day('03-09', '09:40'),
      department: 'tax',
      filename: `国家税务总局衡阳市税务局-${year}年度亩均评价数据.csv`,
      fields: ['tax', 'salesRevenue'],
      rows: taxFirst,
    });
    steps.push({
      kind: 'import',
      at: day('03-14', '15:20'),
      department: 'stats',
      filename: `衡阳市统计局-${year}年度工业企业主要指标.csv`,
      fields: ['salesRevenue', 'mainRevenue', 'valueAdded', 'energyTce', 'rdSpending', 'employees'],
      rows: statsWithValues,
    });
    steps.push({
      kind: 'import',
      at: day('03-16', '11:05'),
      department: 'miit',
      filename: `衡阳市工业和信息化局-${year}年度工业企业用电量.csv`,
      fields: ['electricity'],
      rows: miitRows,
    });
    record(taxFirst);
    record(statsWithValues);
    record(miitRows);
    conflicting.forEach((e, i) => {
      const byTax = i % 3 !== 2;
      steps.push({
        kind: 'resolveConflict',
        at: day('03-20', `1${i}:30`),
        year,
        ref: e.ref,
        field: 'salesRevenue',
        department: byTax ? 'tax' : 'stats',
        reason: byTax
          ? '经与税务、统计部门核对，以税务部门开票销售收入为准'
          : '税务数据含该企业代开的关联方发票，经核实以统计部门联网直报数据为准',
      });
      if (!byTax) record([{ ref: e.ref, year, values: { salesRevenue: statsRows.find((r) => r.ref === e.ref)!.values.salesRevenue! } }]);
    });

    // Bonus and penalty entries with their evidence.
    const pool = y.shuffle(present.filter((e) => e.flags.length === 0 && e.ref !== objector.ref && e.productionStartYear <= year - 2));
    const entries: [string, number][] = [
      ['innovation', 2],
      ['innovation', 1],
      ['innovation', 1],
      ['workSafety', 1],
      ['workSafety', 1],
      ['energySaving', 2],
      ['energySaving', 1],
      ['countyDeduction', 3],
      ['countyDeduction', 2],
    ];
    entries.forEach(([itemKey, points], i) => {
      const texts = ADJUSTMENT_TEXTS[itemKey as keyof typeof ADJUSTMENT_TEXTS];
      steps.push({
        kind: 'adjustment',
        at: day('03-23', `${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '40' : '10'}`),
        year,
        ref: pool[i]!.ref,
        itemKey,
        points,
        evidence: texts[i % texts.length]!,
      });
    });
    if (year === 2021)
      steps.push({
        kind: 'adjustment',
        at: day('03-23', '16:00'),
        year,
        ref: objector.ref,
        itemKey: 'innovation',
        points: 1,
        evidence: '省级企业技术中心认定',
      });

    steps.push({ kind: 'run', at: day('03-29', '10:00'), year });
    steps.push({ kind: 'publish', at: day('03-31', '09:00'), year, deadline: `${next}-04-14` });
    if (year === 2021) {
      steps.push({
        kind: 'objection',
        at: day('04-08', '14:20'),
        year,
        ref: objector.ref,
        text: '我公司 2021 年 12 月入库的增值税 76.5 万元未计入实缴税收，亩均税收被低估，请予核实更正。',
        evidence: '税收完税证明（电子）编号 343046221200001XXX（演示）；2021 年 12 月增值税纳税申报表',
      });
      steps.push({
        kind: 'resolveObjection',
        at: day('04-15', '10:30'),
        year,
        ref: objector.ref,
        decision: 'accept',
        reason: '经市税务局核实，该企业 2021 年 12 月入库增值税 76.5 万元漏计，予以采纳；已由税务局重新报送数据并重新评价。',
      });
      const corrected: DataRow[] = [{ ref: objector.ref, year, values: { tax: money(objectorTax) } }];
      steps.push({
        kind: 'import',
        at: day('04-18', '09:15'),
        department: 'tax',
        filename: `国家税务总局衡阳市税务局-${year}年度亩均评价数据（更正）.csv`,
        fields: ['tax'],
        rows: corrected,
      });
      record(corrected);
      steps.push({ kind: 'run', at: day('04-19', '10:00'), year });
      steps.push({ kind: 'publish', at: day('04-20', '09:00'), year, deadline: `${next}-04-27` });
      steps.push({ kind: 'finalize', at: day('05-06', '10:00'), year });
    } else {
      steps.push({
        kind: 'objection',
        at: day('04-11', '16:05'),
        year,
        ref: objector.ref,
        text: '统计部门报送的 2022 年综合能耗包含已于 2021 年剥离的子公司的用能，单位能耗税收被低估。工信部门重点用能单位在线监测数据可以印证，请予更正。',
        evidence: '《2022 年度能源审计报告》（演示）第 3 页；子公司股权转让及工商变更登记通知书',
      });
      // The industry bureau's energy monitoring, sent after publication: two figures differ from the statistics bureau's.
      const monitored = [
        objector,
        ...y.shuffle(present.filter((e) => above(e) && HEAVY.has(e.industryCode) && e.ref !== objector.ref)).slice(0, 2),
      ];
      const supplement: DataRow[] = monitored.map((e, i) => {
        const energy = of.get(e.ref)!.energyTce;
        return { ref: e.ref, year, values: { energyTce: tce(i === 2 ? energy : energy * (i === 0 ? 0.86 : 1.04)) } };
      });
      steps.push({
        kind: 'import',
        at: day('04-13', '17:30'),
        department: 'miit',
        filename: `衡阳市工业和信息化局-${year}年度重点用能单位能耗在线监测数据.csv`,
        fields: ['energyTce'],
        rows: supplement,
      });
    }
  };
  yearSteps(2021);
  yearSteps(2022);
  return { enterprises, data, steps, objectorRef: objector.ref };
}

/** The CSV a department uploads: the template's headers (credit code, name, year, its fields), UTF-8 with a BOM. */
export function departmentCsv(
  step: Extract<EvaluationStep, { kind: 'import' }>,
  enterprises: ReadonlyMap<string, PlannedEvalEnterprise>,
): Buffer {
  const header = ['统一社会信用代码', '企业名称', '年度', ...step.fields.map((f) => `${FIELD_INFO[f].nameZh}（${FIELD_INFO[f].unit}）`)];
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [header.map(quote).join(',')];
  for (const row of step.rows) {
    const e = enterprises.get(row.ref)!;
    lines.push([e.uscc, e.name, String(row.year), ...step.fields.map((f) => row.values[f] ?? '')].map(quote).join(','));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
