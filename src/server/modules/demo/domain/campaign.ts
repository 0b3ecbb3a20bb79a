import {
  type CreateDeal,
  type CreateProject,
  type DealStage,
  type MilestoneKind,
  daysBetween,
  fromUnits,
  toUnits,
} from '../../../../contracts/index.js';
import { AREAS, type Area, BOUNDS, type ChainKey } from './areas.js';
import { Random, apportion } from './random.js';
import { SEASONAL_SHARES } from './season.js';
import { demoUscc } from './uscc.js';
import {
  BRANDS,
  CATEGORY_TEMPLATES,
  CHAIN_PRODUCTS,
  GIVEN_NAMES,
  INVESTOR_CITIES,
  type Product,
  RESUME_NOTES,
  ROADS,
  STAGE_EVIDENCE,
  STALL_REASONS,
  SURNAMES,
  TERMINATION_REASONS,
} from './vocabulary.js';

/**
 * Hengyang's 2022 campaign for the demo (PRODUCT §4), generated from a seed: the same plan on
 * every run. Pure: no database, no clock. The loader (../campaign.ts) files it through the
 * services. Figures the city published are met exactly:
 * - the 2022 annual planned investment of all projects sums to the annual task, 1,100亿元;
 * - exactly 96 projects have their actual start in Q1 2022 (集中开工), with a total investment
 *   of exactly 502亿元, and no other project started in that quarter.
 */
export const CAMPAIGN_YEAR = 2022;
/** The demo describes the campaign as of the last day of the year. */
export const AS_OF = '2022-12-31';
export const ANNUAL_TASK = '11000000'; // 万元 = 1,100亿元
export const Q1_START_COUNT = 96;
export const Q1_START_TOTAL = '5020000'; // 万元 = 502亿元
export const Q1_FROM = '2022-01-01';
export const Q1_TO = '2022-03-31';
/** Projects of the registry the generator writes (deals that land may add projects of their own). */
export const PROJECT_COUNT = 600;
/** New deals of the year; follow-ups (capital increases, re-signings) and one duplicate filing come on top. */
export const NEW_DEAL_COUNT = 389;
export const FOLLOW_UP_COUNT = 10;
export const DEAL_COUNT = NEW_DEAL_COUNT + FOLLOW_UP_COUNT + 1;
export const DEFAULT_SEED = 'juli-demo-hengyang-2022';

type Category = CreateProject['category'];
type Level = CreateProject['level'];
type Kind = CreateProject['kind'];

/** A project to create: references to units by key (division code or name), resolved by the loader. */
export interface PlannedProject {
  ref: string;
  unitKey: string;
  parkKey: string | null;
  /** The demo city leader liaises with it (联系项目). */
  withLeader: boolean;
  /** Department responsible instead of the unit itself (null: the unit). */
  responsibleKey: string | null;
  /** The deal this project was registered for (it lands on it). */
  dealRef: string | null;
  isQ1Start: boolean;
  input: Omit<CreateProject, 'unitId' | 'parkId' | 'liaisonLeaderUserId' | 'responsibleUnitId'>;
}

export interface PlannedDealEvent {
  toStage: DealStage;
  on: string;
  reason: string | null;
  evidence: string | null;
  /** On landing: the planned project it links to, or null to let the service create one. */
  projectRef?: string | null;
}

export interface PlannedDeal {
  ref: string;
  unitKey: string;
  predecessorRef: string | null;
  /** The civil date it is filed on (the filing context's `now`). */
  filedOn: string;
  chain: ChainKey;
  input: Omit<CreateDeal, 'unitId' | 'predecessorDealId'>;
  events: PlannedDealEvent[];
}

export interface PlannedTarget {
  unitKey: string;
  amount: string;
}

export interface CampaignPlan {
  projects: PlannedProject[];
  deals: PlannedDeal[];
  /** Attraction targets of the year: county-level units, parks, and the city (key '430400'). */
  targets: PlannedTarget[];
}

/** An enterprise that already exists (the demo's named ones): it owns a project of its unit. */
export interface ExistingEnterprise {
  name: string;
  uscc: string;
  /** The area key its projects go to (county code, park name). */
  areaKey: string;
  chain: ChainKey;
}

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);
function dateIn(rng: Random, from: string, to: string): string {
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}
const monthOf = (iso: string) => Number(iso.slice(5, 7));

// ---------------------------------------------------------------------------------------------
// Credit codes and names

/** Characters of the credit-code set (GB 32100): digits and capitals except I, O, S, V, Z. */
export const USCC_BODY_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Bodies of generated codes start with "DM" (demo), so they are unlikely to coincide with the
 * "MA…" codes real registrations received; the remaining six characters are random.
 */
function usccBody(rng: Random): string {
  let body = 'DM';
  for (let i = 0; i < 6; i++) body += USCC_BODY_CHARS.charAt(rng.int(0, USCC_BODY_CHARS.length - 1));
  return body;
}

class Registry {
  readonly names = new Set<string>();
  readonly bodies = new Set<string>();
  readonly codes = new Set<string>();
  /** Credit code of each generated enterprise, by name. */
  readonly enterprises = new Map<string, string>();

  constructor(private readonly rng: Random) {}

  /** A name not used yet: one of a few drawn by `make`, else a phase of the last (二期, 三期 …). */
  uniqueOf(make: () => string): string {
    for (let i = 0; i < 5; i++) {
      const name = make();
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
    return this.uniqueName(make());
  }

  /** A name not used yet: the base, or a phase of it (二期, 三期 …). */
  uniqueName(base: string): string {
    if (!this.names.has(base)) {
      this.names.add(base);
      return base;
    }
    const match = /^(.*?)(项目|工程)$/.exec(base);
    const [stem, tail] = match ? [match[1]!, match[2]!] : [base, ''];
    for (const phase of ['二期', '三期', '四期', '五期', '六期']) {
      const name = `${stem}（${phase}）${tail}`;
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
    for (let n = 2; ; n++) {
      const name = `${stem}${n}号${tail}`;
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  /** The credit code of the enterprise of this name (made the first time, registered in `division`). */
  uscc(name: string, division: string): string {
    let code = this.enterprises.get(name);
    if (!code) {
      let body = usccBody(this.rng);
      while (this.bodies.has(body)) body = usccBody(this.rng);
      this.bodies.add(body);
      code = demoUscc(division, body);
      this.enterprises.set(name, code);
    }
    return code;
  }
}

function personName(rng: Random): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

// ---------------------------------------------------------------------------------------------
// Money

/** Round a positive amount in 万元 to a believable precision. */
function roundAmount(x: number): bigint {
  const step = x < 10_000 ? 100 : x < 100_000 ? 500 : 1000;
  return BigInt(Math.max(step, Math.round(x / step) * step));
}

/** Twelve monthly amounts (whole 万元) summing exactly to the annual amount, zero outside the active months, in the seasonal pattern. */
function monthlySchedule(rng: Random, annual: bigint, fromMonth: number, toMonth: number): string[] {
  const weights = SEASONAL_SHARES.map((s, i) => {
    const m = i + 1;
    if (m < fromMonth || m > toMonth) return 0;
    return s * rng.real(0.8, 1.2) * (m === fromMonth && fromMonth > 1 ? 0.6 : 1);
  });
  return apportion(annual, weights).map((v) => v.toString());
}

// ---------------------------------------------------------------------------------------------
// Names of projects

/** Capacity in proportion to the investment (on a log scale between 5,000 and 800,000 万元), give or take. */
function capacity(rng: Random, product: Product, amount: bigint): string | null {
  if (!product.measure) return null;
  const [unit, min, max] = product.measure;
  const position = Math.min(1, Math.max(0, Math.log(Number(amount) / 5000) / Math.log(160) + rng.real(-0.1, 0.1)));
  const raw = min * (max / min) ** position;
  const n = raw >= 100 ? Math.round(raw / 10) * 10 : raw >= 10 ? Math.round(raw) : Math.max(1, Math.round(raw));
  return `${n}${unit}`;
}

function industrialName(rng: Random, place: string, product: Product, kind: Kind, amount: bigint): string {
  const cap = capacity(rng, product, amount);
  const isPower = product.industry === '44';
  if (isPower && cap) return `${place}${cap}${product.name}项目`;
  if (kind === 'continuing' && rng.chance(0.35)) return `${place}${product.name}技改扩能项目`;
  return rng.weighted<string>([
    [cap ? `年产${cap}${product.name}项目` : `${place}${product.name}项目`, 4],
    [`${place}${product.name}产业园项目`, 2],
    [`${product.name}生产基地建设项目`, 1.5],
    [`${place}${product.name}生产线建设项目`, 1.5],
    [`${product.name}智能制造项目`, 1],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Deals

const SOURCES: readonly (readonly [string, number])[] = [
  ['domestic', 55],
  ['listed', 14],
  ['china500', 8],
  ['provincial_soe', 7],
  ['central_soe', 6],
  ['foreign', 6],
  ['fortune500', 4],
];
const AMOUNT_RANGES: Record<string, readonly [number, number]> = {
  domestic: [3000, 80_000],
  listed: [15_000, 300_000],
  china500: [30_000, 400_000],
  provincial_soe: [20_000, 200_000],
  central_soe: [50_000, 600_000],
  foreign: [8000, 150_000],
  fortune500: [80_000, 500_000],
};
const SIGNING_MONTHS = [0.8, 0.6, 1.3, 1.1, 1.2, 1.0, 0.9, 0.8, 1.2, 0.9, 1.1, 0.9];

interface Investor {
  name: string;
  uscc: string | null;
  brand: string;
  source: string;
  /** The trade in its name, or null for a holding company (which may invest in anything). */
  trade: string | null;
}

function makeInvestor(rng: Random, reg: Registry, source: string, trade: string): Investor {
  const brand = rng.pick(BRANDS);
  const [city, division] = rng.pick(INVESTOR_CITIES);
  let name: string;
  let division2: string | null = division;
  switch (source) {
    case 'listed':
      name = `${city}示例${brand}${trade}股份有限公司`;
      break;
    case 'china500':
      name = `示例${brand}控股集团有限公司`;
      division2 = rng.pick(['110108', '440300', '310115', '330100']);
      break;
    case 'central_soe':
      name = `中国示例${brand}${trade}集团有限公司`;
      division2 = '110000';
      break;
    case 'provincial_soe':
      name = `湖南示例${brand}${trade}集团有限公司`;
      division2 = '430000';
      break;
    case 'foreign':
      name = rng.chance(0.5) ? `示例${brand}（香港）${trade}有限公司` : `示例${brand}国际控股有限公司`;
      division2 = null;
      break;
    case 'fortune500':
      if (rng.chance(0.5)) {
        name = `示例${brand}（中国）投资有限公司`;
        division2 = '310115';
      } else {
        name = `示例全球${brand}集团`;
        division2 = null;
      }
      break;
    default:
      name = `${city}示例${brand}${trade}有限公司`;
      if (rng.chance(0.12)) division2 = null; // filed without the code (to be completed)
  }
  const uscc = division2 ? reg.uscc(name, division2) : null;
  return { name, uscc, brand, source, trade: name.includes(trade) ? trade : null };
}

interface DealDraft extends PlannedDeal {
  area: Area;
  product: Product;
  investor: Investor;
  signedOn: string;
  linkProject: boolean;
}

/**
 * The stages a deal went through by AS_OF: fulfilling → landed → started → in production,
 * each a while after the previous one, and sometimes stalled (with a reason, perhaps resumed)
 * or terminated. Deals start no earlier than April: Q1 starts belong to the 96 projects.
 */
function dealProgress(rng: Random, signedOn: string): PlannedDealEvent[] {
  const events: PlannedDealEvent[] = [];
  let last = signedOn;
  let lastActive = 'signed' as DealStage;
  const advance = (toStage: 'fulfilling' | 'landed' | 'started' | 'in_production', chance: number, min: number, max: number): boolean => {
    if (!rng.chance(chance)) return false;
    let on = addDays(last, rng.int(min, max));
    if (toStage === 'started') on = maxDate(on, addDays('2022-04-01', rng.int(0, 20)));
    if (on > AS_OF) return false;
    events.push({ toStage, on, reason: null, evidence: rng.pick(STAGE_EVIDENCE[toStage]) });
    last = on;
    lastActive = toStage;
    return true;
  };
  const terminate = (): boolean => {
    const on = addDays(last, rng.int(30, 120));
    if (on > AS_OF) return false;
    events.push({ toStage: 'terminated', on, reason: rng.pick(TERMINATION_REASONS), evidence: null });
    return true;
  };
  if (!advance('fulfilling', 0.9, 10, 60)) {
    if (rng.chance(0.2)) terminate();
    return events;
  }
  if (rng.chance(0.035) && terminate()) return events;
  if (advance('landed', 0.78, 20, 110) && advance('started', 0.78, 15, 80)) advance('in_production', 0.38, 60, 200);
  if (lastActive !== 'in_production' && rng.chance(0.08)) {
    const on = addDays(last, rng.int(20, 100));
    if (on <= AS_OF) {
      events.push({ toStage: 'stalled', on, reason: rng.pick(STALL_REASONS), evidence: null });
      const resume = addDays(on, rng.int(30, 90));
      if (rng.chance(0.35) && resume <= AS_OF)
        events.push({ toStage: lastActive, on: resume, reason: null, evidence: rng.pick(RESUME_NOTES) });
    }
  }
  return events;
}

function planDeals(rng: Random, reg: Registry): DealDraft[] {
  const areas = AREAS.filter((a) => a.dealWeight > 0);
  const counts = apportion(
    BigInt(NEW_DEAL_COUNT),
    areas.map((a) => a.dealWeight),
  );
  const investors: Investor[] = [];
  const drafts: DealDraft[] = [];
  areas.forEach((area, ai) => {
    for (let i = 0; i < Number(counts[ai]); i++) {
      const chain = rng.weighted(area.chains);
      const product = rng.pick(CHAIN_PRODUCTS[chain]);
      const source = rng.weighted(SOURCES);
      // Some investors come back with another project in another unit.
      const again = investors.filter((inv) => inv.source === source && (inv.trade === null || inv.trade === product.trade));
      const investor = again.length > 1 && rng.chance(0.1) ? rng.pick(again) : makeInvestor(rng, reg, source, product.trade);
      if (!investors.includes(investor)) investors.push(investor);
      const [lo, hi] = AMOUNT_RANGES[source]!;
      const amount = roundAmount(rng.logUniform(lo, hi));
      const month = rng.weighted(SIGNING_MONTHS.map((w, m) => [m + 1, w] as const));
      const lastDay = month === 12 ? 28 : new Date(Date.UTC(2022, month, 0)).getUTCDate();
      const firstDay = month === 1 ? 4 : 1;
      const signedOn = `2022-${String(month).padStart(2, '0')}-${String(rng.int(firstDay, lastDay)).padStart(2, '0')}`;
      const isLate = rng.chance(0.04);
      const delay = isLate ? rng.int(11, 40) : Math.min(10, rng.int(0, 4) + rng.int(0, 6));
      const filedOn = minDate(addDays(signedOn, delay), AS_OF);
      const startDeadline = addDays(signedOn, rng.int(90, 240));
      const productionDeadline = addDays(startDeadline, rng.int(180, 540));
      const instalments = rng.int(2, 4);
      const parts = apportion(
        amount,
        Array.from({ length: instalments }, () => rng.real(0.5, 1.5)),
      );
      let due = addDays(signedOn, rng.int(30, 90));
      const capitalSchedule = parts.map((p) => {
        const instalment = { dueOn: due, amount: p.toString() };
        due = addDays(due, rng.int(90, 180));
        return instalment;
      });
      const industrial = Number(product.industry) <= 44;
      const threeQ = industrial ? threeQuantities(rng, amount, chain) : {};
      const projectName = reg.uniqueOf(() => {
        const place = rng.chance(0.6) ? area.short : '';
        return industrial
          ? industrialName(rng, place, product, 'new', amount)
          : `${place || area.short}${product.name}${rng.pick(['', '建设'])}项目`;
      });
      const events = dealProgress(rng, signedOn);
      const landed = events.some((e) => e.toStage === 'landed');
      const draft: DealDraft = {
        ref: `D${String(drafts.length + 1).padStart(3, '0')}`,
        unitKey: area.key,
        predecessorRef: null,
        filedOn,
        chain,
        area,
        product,
        investor,
        signedOn,
        linkProject: landed && rng.chance(0.82),
        input: {
          kind: 'new',
          projectName,
          investorName: investor.name,
          investorUscc: investor.uscc,
          contractedAmount: amount.toString(),
          industryCode: product.industry,
          source,
          signedOn,
          registrationDeadline: addDays(signedOn, rng.int(30, 90)),
          capitalSchedule,
          startDeadline,
          productionDeadline,
          note: amount >= 300_000n ? '市级重大招商项目' : null,
          ...threeQ,
        },
        events,
      };
      drafts.push(draft);
    }
  });
  return drafts;
}

function threeQuantities(rng: Random, amount: bigint, chain: ChainKey): Partial<CreateDeal> {
  const contracted = Number(amount);
  const landAreaMu = Math.max(20, Math.round(contracted / rng.real(150, 450)));
  const output = Math.round(contracted * rng.real(0.8, 2.5));
  const innovative = ['electronics', 'biomedicine', 'advanced_manufacturing'].includes(chain);
  const emerging = ['new_materials', 'new_energy', 'electronics', 'biomedicine'].includes(chain);
  return {
    isHighTech: innovative && rng.chance(0.35),
    isStrategicEmerging: emerging && rng.chance(0.4),
    plannedRdAmount: rng.chance(0.85) ? String(Math.round(contracted * rng.real(0.01, 0.06))) : null,
    plannedEnergyTce: rng.chance(0.8) ? String(Math.round(output * rng.real(0.03, 0.4))) : null,
    plannedAnnualOutput: String(output),
    expectedAnnualTax: String(Math.round(landAreaMu * rng.real(8, 40))),
    landAreaMu: String(landAreaMu),
  };
}

/** Capital increases and re-signings of earlier deals, and one deal filed twice (a county and its park). */
function planFollowUps(rng: Random, drafts: DealDraft[]): DealDraft[] {
  const candidates = drafts.filter(
    (d) =>
      d.signedOn <= '2022-07-31' && d.events.some((e) => e.toStage === 'fulfilling') && !d.events.some((e) => e.toStage === 'terminated'),
  );
  const chosen = rng.shuffle(candidates).slice(0, FOLLOW_UP_COUNT);
  const out: DealDraft[] = [];
  chosen.forEach((pred, i) => {
    const isIncrease = i < 6;
    const signedOn = minDate(addDays(pred.signedOn, rng.int(90, 200)), '2022-12-20');
    const amount = roundAmount(Number(pred.input.contractedAmount) * (isIncrease ? rng.real(1.2, 2.0) : rng.real(1.0, 1.4)));
    out.push({
      ...pred,
      ref: `D${String(drafts.length + out.length + 1).padStart(3, '0')}`,
      predecessorRef: pred.ref,
      signedOn,
      filedOn: minDate(addDays(signedOn, rng.int(0, 8)), AS_OF),
      linkProject: false,
      input: {
        ...pred.input,
        kind: isIncrease ? 'capital_increase' : 'resign',
        projectName: isIncrease ? pred.input.projectName.replace(/项目$/, '增资扩产项目') : pred.input.projectName,
        contractedAmount: amount.toString(),
        signedOn,
        registrationDeadline: null,
        capitalSchedule: [{ dueOn: addDays(signedOn, 90), amount: amount.toString() }],
        startDeadline: addDays(signedOn, 120),
        productionDeadline: addDays(signedOn, 480),
        note: isIncrease ? '原签约项目增资扩产' : '原合同条款调整后重新签约',
      },
      events: [],
    });
  });
  // The same investor's same project filed by a county park and again by its county: flagged for the operator.
  const parkDeal = drafts.find((d) => d.area.kind === 'county_park' && d.investor.uscc && d.events.length === 0);
  const original = parkDeal ?? drafts.find((d) => d.area.kind === 'county_park' && d.investor.uscc)!;
  out.push({
    ...original,
    ref: `D${String(drafts.length + out.length + 1).padStart(3, '0')}`,
    unitKey: original.area.countyKey!,
    filedOn: minDate(addDays(original.filedOn, rng.int(2, 6)), AS_OF),
    linkProject: false,
    input: { ...original.input, note: '县级重复填报（演示：待市重点办裁定）' },
    events: [],
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Projects

const DEPARTMENT_FOR_PLATFORMS = '衡阳市住房和城乡建设局';
const DEPT_CODES: Record<Category, string> = {
  industrial: '04',
  infrastructure: '05',
  social: '06',
  ecological: '07',
  agricultural: '08',
  service: '09',
  other: '10',
};

interface ProjectDraft {
  ref: string;
  area: Area;
  park: Area | null;
  category: Category;
  level: Level;
  kind: Kind;
  total: bigint;
  chain: ChainKey | null;
  industry: string;
  typeCode: string;
  name: string;
  owner: { name: string; uscc: string };
  deal: DealDraft | null;
  isQ1Start: boolean;
  description: string;
}

function categoryMix(area: Area): (readonly [Category, number])[] {
  if (area.kind === 'platform')
    return [
      ['infrastructure', 7],
      ['social', 2],
      ['ecological', 1],
    ];
  if (area.kind === 'city_park')
    return [
      ['industrial', 8],
      ['infrastructure', 1],
      ['service', 1],
    ];
  if (area.key === '430412')
    return [
      ['service', 4],
      ['industrial', 2],
      ['infrastructure', 2],
      ['social', 1],
      ['ecological', 1],
    ];
  return [
    ['industrial', 52],
    ['infrastructure', 20],
    ['social', 10],
    ['service', 8],
    ['ecological', 5],
    ['agricultural', 5],
  ];
}

/** Some chains build bigger plants than others (a food plant is smaller than a battery plant). */
const CHAIN_SCALE: Record<ChainKey, number> = {
  advanced_manufacturing: 0.9,
  new_materials: 1,
  electronics: 1.2,
  biomedicine: 0.7,
  new_energy: 1.3,
  food: 0.45,
  logistics: 0.7,
  culture_tourism: 0.8,
};

const LEVEL_RANGES: Record<Level, readonly [number, number]> = {
  provincial: [150_000, 1_200_000],
  city: [30_000, 300_000],
  county: [8000, 60_000],
};

function levelFor(rng: Random, area: Area, category: Category): Level {
  if (area.kind === 'platform')
    return rng.weighted<Level>([
      ['city', 8],
      ['provincial', 2],
    ]);
  if (category === 'agricultural')
    return rng.weighted<Level>([
      ['county', 8],
      ['city', 2],
    ]);
  return rng.weighted<Level>([
    ['provincial', 9],
    ['city', 30],
    ['county', 61],
  ]);
}

const LEVEL_ORDER: readonly Level[] = ['provincial', 'city', 'county'];

function levelForAmount(amount: bigint): Level {
  return amount >= 300_000n ? 'provincial' : amount >= 50_000n ? 'city' : 'county';
}

function governmentOwner(area: Area, category: Category): string {
  if (area.kind === 'platform') return area.key;
  if (area.kind === 'city_park') return `${area.short}示例开发建设有限公司`;
  return category === 'infrastructure' ? `${area.short}示例城市建设投资有限公司` : `${area.short}示例城乡发展集团有限公司`;
}

function describeWork(rng: Random, category: Category, name: string): string {
  const area = rng.int(2, 30);
  switch (category) {
    case 'industrial':
      return `建设内容：新建标准厂房、研发楼及配套设施约${area}万平方米，购置生产及检测设备${rng.int(50, 600)}台（套）。`;
    case 'infrastructure':
      return `建设内容：${name.replace(/(项目|工程)$/, '')}，含主体工程及附属配套设施。`;
    case 'social':
      return `建设内容：新建业务用房约${rng.int(1, 8)}万平方米及室外配套工程。`;
    case 'ecological':
      return `建设内容：生态修复与环境治理面积约${rng.int(50, 3000)}亩，配套监测设施。`;
    case 'agricultural':
      return `建设内容：建设示范基地约${rng.int(1000, 20000)}亩及配套加工、仓储设施。`;
    default:
      return `建设内容：新建综合楼及配套设施约${area}万平方米。`;
  }
}

function coordinates(rng: Random, area: Area): { latitude: number; longitude: number } {
  const angle = rng.real(0, 2 * Math.PI);
  const r = Math.sqrt(rng.next()) * area.spread;
  const lat = Math.min(BOUNDS.latMax, Math.max(BOUNDS.latMin, area.lat + r * Math.sin(angle)));
  const lng = Math.min(BOUNDS.lngMax, Math.max(BOUNDS.lngMin, area.lng + r * Math.cos(angle) * 1.1));
  return { latitude: Math.round(lat * 1e6) / 1e6, longitude: Math.round(lng * 1e6) / 1e6 };
}

type Milestones = Partial<Record<MilestoneKind, { plannedOn: string | null; actualOn: string | null }>>;

/**
 * Milestones from the planned start and the actual start (null when not started by AS_OF):
 * filing → land → permits → start → topping-out → completion → production, actual dates only
 * up to AS_OF and never before the previous actual one.
 */
function milestonesAround(
  rng: Random,
  p: { category: Category; plannedStart: string; actualStart: string | null; months: number; filingOn?: string },
): Milestones {
  const hasTopping = ['industrial', 'social', 'service'].includes(p.category);
  const hasProduction = p.category === 'industrial';
  const m: Milestones = {};
  const ps = p.plannedStart;
  const planned: [MilestoneKind, string][] = [
    ['filing', p.filingOn ?? addDays(ps, -rng.int(150, 420))],
    ['land', addDays(ps, -rng.int(40, 140))],
    ['permits', addDays(ps, -rng.int(5, 35))],
    ['start', ps],
  ];
  const completion = addDays(ps, Math.round(p.months * 30.4));
  if (hasTopping) planned.push(['topping_out', addDays(ps, Math.round(p.months * 30.4 * rng.real(0.45, 0.65)))]);
  planned.push(['completion', completion]);
  if (hasProduction) planned.push(['production', addDays(completion, rng.int(20, 75))]);
  // Before the start: actual around the planned date; the start itself as given; after it, shifted by the start's slip.
  const slip = p.actualStart ? daysBetween(ps, p.actualStart) : 0;
  let previous = '';
  let stopped = false;
  for (const [kind, plannedOn] of planned) {
    let actual: string | null = null;
    if (!stopped) {
      if (kind === 'start') actual = p.actualStart;
      else if (kind === 'filing' && p.filingOn) actual = p.filingOn;
      else if (['filing', 'land', 'permits'].includes(kind)) {
        actual = addDays(plannedOn, Math.round(rng.normal() * 12) + (p.actualStart ? 0 : rng.int(0, 40)));
        // Before the start, never after it (the start date is given and must not move).
        if (p.actualStart && actual > p.actualStart) actual = addDays(p.actualStart, -rng.int(1, 10));
      } else {
        actual = addDays(plannedOn, slip + Math.round(rng.normal() * 20) + (rng.chance(0.25) ? rng.int(20, 90) : 0));
      }
      if (actual && previous && actual < previous) actual = previous;
      if (!actual || actual > AS_OF) {
        actual = null;
        stopped = true;
      }
    }
    if (actual) previous = actual;
    m[kind] = { plannedOn, actualOn: actual };
  }
  return m;
}

function monthsFor(total: bigint, rng: Random): number {
  if (total < 20_000n) return rng.int(10, 20);
  if (total < 100_000n) return rng.int(18, 32);
  return rng.int(30, 54);
}

interface ProjectTimeline {
  milestones: Milestones;
  plannedStart: string;
  plannedEnd: string;
  filingOn: string;
  months: number;
}

function timelineOf(rng: Random, d: ProjectDraft, q1Days: Map<string, string>): ProjectTimeline {
  const months = monthsFor(d.total, rng);
  let milestones: Milestones;
  if (d.deal) {
    milestones = dealMilestones(rng, d, months);
  } else if (d.kind === 'continuing') {
    const start = dateIn(rng, '2019-03-01', '2021-11-30');
    // Still under way in 2022: planned to finish between mid-2022 and mid-2024.
    const endMonths = Math.max(months, Math.ceil(daysBetween(start, dateIn(rng, '2022-06-30', '2024-06-30')) / 30.4));
    milestones = milestonesAround(rng, {
      category: d.category,
      plannedStart: addDays(start, -rng.int(0, 40)),
      actualStart: start,
      months: endMonths,
    });
  } else if (d.kind === 'new') {
    if (d.isQ1Start) {
      // Most start on their unit's concentrated start day (集中开工), the others during the quarter.
      const day = q1Days.get(d.area.key)!;
      const actual = rng.chance(0.7) ? day : dateIn(rng, '2022-01-05', Q1_TO);
      milestones = milestonesAround(rng, {
        category: d.category,
        plannedStart: maxDate(Q1_FROM, minDate(Q1_TO, addDays(actual, rng.int(-10, 10)))),
        actualStart: actual,
        months,
      });
    } else {
      const plannedStart = dateIn(rng, '2022-03-01', '2022-11-30');
      let actual: string | null = maxDate(addDays(plannedStart, Math.round(rng.normal() * 15) + rng.int(0, 20)), '2022-04-01');
      if (rng.chance(0.14) || actual > AS_OF) actual = null; // lagging: not started yet
      milestones = milestonesAround(rng, { category: d.category, plannedStart, actualStart: actual, months });
    }
  } else {
    const filingOn = dateIn(rng, '2022-01-10', '2022-10-31');
    const plannedStart = dateIn(rng, '2023-02-01', '2023-10-31');
    milestones = milestonesAround(rng, { category: d.category, plannedStart, actualStart: null, months, filingOn });
    // Preparatory: land and permits come in 2023 at the earliest, except when already done.
    for (const kind of ['land', 'permits'] as const) {
      const ms = milestones[kind];
      if (ms && ms.plannedOn! < filingOn) ms.plannedOn = addDays(filingOn, rng.int(30, 120));
      if (ms?.actualOn && ms.actualOn < filingOn) ms.actualOn = null;
    }
  }
  const plannedStart = milestones.start!.plannedOn!;
  const plannedEnd = milestones.completion!.plannedOn!;
  const filingOn = milestones.filing!.actualOn ?? milestones.filing!.plannedOn!;
  return { milestones, plannedStart, plannedEnd, filingOn, months };
}

/** A project registered for a landed deal follows the deal's dates. */
function dealMilestones(rng: Random, d: ProjectDraft, months: number): Milestones {
  const deal = d.deal!;
  const on = (stage: DealStage) => deal.events.find((e) => e.toStage === stage)?.on ?? null;
  const landed = on('landed')!;
  const started = on('started');
  const produced = on('in_production');
  const filing = minDate(landed, addDays(deal.signedOn, rng.int(10, 40)));
  const plannedStart = deal.input.startDeadline!;
  const plannedProduction = deal.input.productionDeadline!;
  const plannedCompletion = maxDate(addDays(plannedStart, 90), addDays(plannedProduction, -rng.int(20, 60)));
  const m: Milestones = {
    filing: { plannedOn: filing, actualOn: filing },
    land: { plannedOn: addDays(deal.signedOn, rng.int(30, 90)), actualOn: landed },
  };
  const permitsActual = started ? maxDate(landed, addDays(started, -rng.int(3, 20))) : addDays(landed, rng.int(20, 60));
  m.permits = {
    plannedOn: maxDate(filing, addDays(plannedStart, -rng.int(5, 30))),
    actualOn: permitsActual <= AS_OF ? permitsActual : null,
  };
  m.start = { plannedOn: plannedStart, actualOn: started };
  if (d.category === 'industrial' || d.category === 'service') {
    const topping = started && produced ? addDays(started, Math.round(daysBetween(started, produced) * 0.5)) : null;
    m.topping_out = { plannedOn: addDays(plannedStart, Math.round(months * 30.4 * 0.5)), actualOn: topping };
  }
  m.completion = { plannedOn: plannedCompletion, actualOn: produced ? maxDate(started!, addDays(produced, -rng.int(10, 30))) : null };
  if (d.category === 'industrial') m.production = { plannedOn: plannedProduction, actualOn: produced };
  return m;
}

function projectCode(rng: Random, reg: Registry, d: ProjectDraft, filingOn: string): string {
  const region =
    d.area.kind === 'county' && d.level !== 'county' && rng.chance(0.25)
      ? '430400'
      : d.area.kind === 'county'
        ? d.area.regionCode
        : '430400';
  for (;;) {
    const serial = String(rng.int(0, 999_999)).padStart(6, '0');
    let code: string;
    if (filingOn < '2020-11-01') {
      // The older format (项目代码 before the 2020-11 switch): year, division, industry, approval type, serial.
      const industry = /^\d{2}$/.test(d.industry) ? d.industry : '01';
      const approval = d.category === 'industrial' || d.category === 'service' ? '03' : '01';
      code = `${filingOn.slice(0, 4)}-${region}-${industry}-${approval}-${serial}`;
    } else {
      code = `${filingOn.slice(2, 4)}${filingOn.slice(5, 7)}-${region}-${DEPT_CODES[d.category]}-${d.typeCode}-${serial}`;
    }
    if (!reg.codes.has(code)) {
      reg.codes.add(code);
      return code;
    }
  }
}

function planProjects(rng: Random, reg: Registry, deals: DealDraft[], existing: readonly ExistingEnterprise[]): ProjectDraft[] {
  const areas = AREAS.filter((a) => a.projectWeight > 0);
  const quotas = apportion(
    BigInt(PROJECT_COUNT),
    areas.map((a) => a.projectWeight),
  );
  const parksOf = (county: Area) => AREAS.filter((a) => a.kind === 'county_park' && a.countyKey === county.key);
  const drafts: ProjectDraft[] = [];
  const ownerFor = (name: string, division: string) => ({ name, uscc: reg.uscc(name, division) });

  areas.forEach((area, ai) => {
    const quota = Number(quotas[ai]);
    const parks = parksOf(area);
    const areaDrafts: ProjectDraft[] = [];
    // Projects registered for the deals this unit (or its parks) filed and that landed.
    const linked = deals.filter(
      (d) => d.linkProject && (d.area === area || (d.area.kind === 'county_park' && d.area.countyKey === area.key)),
    );
    for (const deal of linked) {
      const category: Category = deal.chain === 'logistics' || deal.chain === 'culture_tourism' ? 'service' : 'industrial';
      const amount = BigInt(deal.input.contractedAmount);
      const localName = `${(deal.area.kind === 'county_park' ? area : deal.area).short}示例${deal.investor.brand}${deal.product.trade}有限公司`;
      areaDrafts.push({
        ref: '',
        area,
        park: deal.area.kind === 'county_park' ? deal.area : null,
        category,
        level: levelForAmount(amount),
        kind: 'new',
        total: amount,
        chain: deal.chain,
        industry: deal.product.industry,
        typeCode: '01',
        name: deal.input.projectName,
        owner: ownerFor(localName, area.regionCode),
        deal,
        isQ1Start: false,
        description: `${describeWork(rng, category, deal.input.projectName)}招商引资项目，投资方：${deal.investor.name}。`,
      });
    }
    const own = existing.filter((e) => e.areaKey === area.key || parks.some((p) => p.key === e.areaKey));
    const others = quota - linked.length;
    if (others < 5) throw new Error(`demo: ${area.short} has too few projects of its own (${others})`);
    for (let i = 0; i < others; i++) {
      const house = own[i];
      const category: Category = house ? 'industrial' : rng.weighted(categoryMix(area));
      let level = levelFor(rng, area, category);
      const kind: Kind = rng.weighted<Kind>([
        ['continuing', 50],
        ['new', 38],
        ['preparatory', 12],
      ]);
      const [lo, hi] = LEVEL_RANGES[level];
      let total = roundAmount(rng.logUniform(lo, hi) * (category === 'agricultural' ? 0.6 : 1));
      const park =
        category === 'industrial' &&
        parks.length &&
        (house ? parks.some((p) => p.key === house.areaKey) : rng.chance(parks[0]!.parkShare ?? 0))
          ? (parks.find((p) => p.key === house?.areaKey) ?? parks[0]!)
          : null;
      let chain: ChainKey | null = null;
      let industry: string;
      let typeCode = '01';
      let name: string;
      let owner: ProjectDraft['owner'];
      const place = park ? park.short : area.kind === 'platform' ? '衡阳' : area.short;
      if (
        category === 'industrial' ||
        (category === 'service' && rng.chance(0.6) && area.chains.some(([c]) => c === 'logistics' || c === 'culture_tourism'))
      ) {
        const isServiceChain = ([c]: readonly [ChainKey, number]) => c === 'logistics' || c === 'culture_tourism';
        const manufacturing = ((park ?? area).chains.length ? (park ?? area).chains : area.chains).filter((e) => !isServiceChain(e));
        chain =
          house?.chain ??
          (category === 'service'
            ? rng.weighted(area.chains.filter(isServiceChain))
            : rng.weighted(manufacturing.length ? manufacturing : [['advanced_manufacturing', 1] as const]));
        const product = rng.pick(CHAIN_PRODUCTS[chain]);
        industry = product.industry;
        total = roundAmount(Number(total) * CHAIN_SCALE[chain]);
        name = reg.uniqueOf(() =>
          category === 'service'
            ? `${place}${product.name}${rng.pick(['', '建设', '提质'])}项目`
            : industrialName(rng, rng.chance(0.65) ? place : '', product, kind, total),
        );
        if (name.includes('技改')) typeCode = '02';
        if (house) owner = { name: house.name, uscc: house.uscc };
        else {
          // Now and then an owner comes back with a second project of the same trade.
          const previous = areaDrafts.filter(
            (x) =>
              x.chain === chain &&
              !x.deal &&
              x.owner.name.endsWith(`${product.trade}有限公司`) &&
              !own.some((e) => e.uscc === x.owner.uscc),
          );
          owner =
            previous.length > 2 && rng.chance(0.12)
              ? rng.pick(previous).owner
              : ownerFor(`${place}示例${rng.pick(BRANDS)}${product.trade}有限公司`, area.regionCode);
        }
      } else {
        const template = rng.pick(CATEGORY_TEMPLATES[category as keyof typeof CATEGORY_TEMPLATES]);
        // A parking garage is not a 50亿元 project: stay under the template's size, and let the level follow.
        total = roundAmount(Math.min(Number(total), template.max * rng.real(0.6, 1)));
        if (LEVEL_ORDER.indexOf(levelForAmount(total)) > LEVEL_ORDER.indexOf(level)) level = levelForAmount(total);
        industry = template.industry;
        typeCode = template.typeCode;
        name = reg.uniqueOf(() => template.pattern.replace('{p}', place).replace('{road}', rng.pick(ROADS)));
        owner =
          category === 'agricultural'
            ? ownerFor(`${area.short}示例${rng.pick(BRANDS)}农业开发有限公司`, area.regionCode)
            : category === 'service'
              ? ownerFor(`${area.short}示例${rng.pick(BRANDS)}实业有限公司`, area.regionCode)
              : ownerFor(governmentOwner(area, category), area.regionCode);
      }
      areaDrafts.push({
        ref: '',
        area,
        park,
        category,
        level,
        kind,
        total,
        chain,
        industry,
        typeCode,
        name,
        owner,
        deal: null,
        isQ1Start: false,
        description: describeWork(rng, category, name),
      });
    }
    drafts.push(...areaDrafts);
  });
  drafts.forEach((d, i) => {
    d.ref = `P${String(i + 1).padStart(3, '0')}`;
  });
  return drafts;
}

/** 96 of the new projects start in Q1; their total investment is scaled to 502亿元 exactly. */
function chooseQ1Starts(rng: Random, drafts: ProjectDraft[]): void {
  const candidates = drafts.filter((d) => d.kind === 'new' && !d.deal);
  if (candidates.length < Q1_START_COUNT) throw new Error(`demo: only ${candidates.length} new projects for the Q1 start`);
  const chosen = rng.shuffle(candidates).slice(0, Q1_START_COUNT);
  const totals = apportion(
    toUnits(Q1_START_TOTAL) / 10_000n,
    chosen.map((d) => Number(d.total)),
  );
  chosen.forEach((d, i) => {
    d.isQ1Start = true;
    d.total = totals[i]!;
  });
}

/** The 2022 annual plans, scaled so they sum to the annual task exactly (never above what a project can take). */
function annualPlans(
  rng: Random,
  drafts: ProjectDraft[],
  timelines: Map<string, ProjectTimeline>,
): Map<string, { annual: bigint; from: number; to: number }> {
  const entries: { d: ProjectDraft; raw: number; cap: number; from: number; to: number }[] = [];
  for (const d of drafts) {
    if (d.kind === 'preparatory') continue;
    const t = timelines.get(d.ref)!;
    const startYear = Number(t.plannedStart.slice(0, 4));
    const endYear = Number(t.plannedEnd.slice(0, 4));
    if (startYear > CAMPAIGN_YEAR || endYear < CAMPAIGN_YEAR) continue;
    const from = startYear < CAMPAIGN_YEAR ? 1 : monthOf(t.plannedStart);
    const to = endYear > CAMPAIGN_YEAR ? 12 : monthOf(t.plannedEnd);
    const active = (to - from + 1) / 12;
    const total = Number(d.total);
    const share = d.kind === 'continuing' ? rng.real(0.25, 0.5) * active : (12 / Math.max(18, t.months)) * active * rng.real(0.9, 1.3);
    entries.push({ d, raw: total * share, cap: total * (d.kind === 'continuing' ? 0.6 : 0.85), from, to });
  }
  let amounts = apportion(
    toUnits(ANNUAL_TASK) / 10_000n,
    entries.map((e) => e.raw),
  );
  // A project never plans more than it can take: cap it and share the rest among the others.
  const capped = new Set<number>();
  for (;;) {
    const over = entries.flatMap((e, i) => (!capped.has(i) && Number(amounts[i]) > e.cap ? [i] : []));
    if (over.length === 0) break;
    for (const i of over) capped.add(i);
    const fixed = [...capped].reduce((sum, i) => sum + BigInt(Math.floor(entries[i]!.cap)), 0n);
    const rest = apportion(
      toUnits(ANNUAL_TASK) / 10_000n - fixed,
      entries.map((e, i) => (capped.has(i) ? 0 : e.raw)),
    );
    amounts = entries.map((e, i) => (capped.has(i) ? BigInt(Math.floor(e.cap)) : rest[i]!));
  }
  return new Map(entries.map((e, i) => [e.d.ref, { annual: amounts[i]!, from: e.from, to: e.to }]));
}

function taskForce(rng: Random, d: ProjectDraft): CreateProject['taskForce'] {
  if (d.level === 'county' && !rng.chance(0.2)) return [];
  const roles = ['专班组长', '副组长', '联络员', '项目单位对接人'];
  return roles.slice(0, rng.int(2, 4)).map((role) => ({ name: personName(rng), role, phone: null }));
}

/**
 * Generate the campaign. `existing` are the enterprises the demo already has: each owns one
 * project of its unit. `seed` changes everything at once; the default is the demo's.
 */
export function planCampaign(existing: readonly ExistingEnterprise[] = [], seed = DEFAULT_SEED): CampaignPlan {
  const root = new Random(seed);
  const reg = new Registry(root.fork('registry'));
  for (const e of existing) {
    reg.bodies.add(e.uscc.slice(8, 16));
    reg.names.add(e.name);
  }
  const newDeals = planDeals(root.fork('deals'), reg);
  const followUps = planFollowUps(root.fork('follow-ups'), newDeals);
  const deals = [...newDeals, ...followUps];

  const rng = root.fork('projects');
  const drafts = planProjects(rng, reg, newDeals, existing);
  chooseQ1Starts(rng.fork('q1'), drafts);
  const q1Days = new Map(AREAS.map((a) => [a.key, dateIn(rng, '2022-02-10', '2022-03-18')]));
  const timelines = new Map(drafts.map((d) => [d.ref, timelineOf(rng.fork(`timeline/${d.ref}`), d, q1Days)]));
  const plans = annualPlans(rng.fork('plans'), drafts, timelines);
  const monthlyRng = rng.fork('monthly');
  const detailRng = rng.fork('details');
  const projectRefOfDeal = new Map(drafts.filter((d) => d.deal).map((d) => [d.deal!.ref, d.ref]));

  const projects: PlannedProject[] = drafts.map((d) => {
    const t = timelines.get(d.ref)!;
    const plan = plans.get(d.ref);
    return {
      ref: d.ref,
      unitKey: d.area.key,
      parkKey: d.park?.key ?? (d.area.kind === 'city_park' ? d.area.key : null),
      withLeader: d.level === 'provincial' ? detailRng.chance(0.6) : d.level === 'city' ? detailRng.chance(0.1) : false,
      responsibleKey: d.area.kind === 'platform' ? DEPARTMENT_FOR_PLATFORMS : null,
      dealRef: d.deal?.ref ?? null,
      isQ1Start: d.isQ1Start,
      input: {
        code: projectCode(detailRng, reg, d, t.filingOn),
        name: d.name,
        ownerUscc: d.owner.uscc,
        ownerName: d.owner.name,
        industryCode: d.industry,
        industryChain: d.chain,
        category: d.category,
        level: d.level,
        kind: d.kind,
        totalInvestment: d.total.toString(),
        plannedStartOn: t.plannedStart,
        plannedEndOn: t.plannedEnd,
        ...coordinates(detailRng, d.park ?? d.area),
        description: d.isQ1Start ? `${d.description}列入2022年一季度集中开工项目。` : d.description,
        milestones: Object.entries(t.milestones).map(([kind, m]) => ({
          kind: kind as MilestoneKind,
          plannedOn: m.plannedOn,
          actualOn: m.actualOn,
        })),
        taskForce: taskForce(detailRng, d),
        annualPlans: plan
          ? [
              {
                year: CAMPAIGN_YEAR,
                plannedInvestment: plan.annual.toString(),
                monthly: monthlySchedule(monthlyRng, plan.annual, plan.from, plan.to),
              },
            ]
          : [],
      },
    };
  });

  const plannedDeals: PlannedDeal[] = deals.map((d) => ({
    ref: d.ref,
    unitKey: d.unitKey,
    predecessorRef: d.predecessorRef,
    filedOn: d.filedOn,
    chain: d.chain,
    input: d.input,
    // The first landing links the project (a deal resuming to 'landed' after a stall has one already).
    events: d.events.map((e, i) =>
      e.toStage === 'landed' && d.events.findIndex((x) => x.toStage === 'landed') === i
        ? { ...e, projectRef: d.linkProject ? (projectRefOfDeal.get(d.ref) ?? null) : null }
        : e,
    ),
  }));

  return { projects, deals: plannedDeals, targets: planTargets(root.fork('targets'), deals) };
}

/**
 * Targets that make the attraction rate (招引率) plausible: each unit's counted amounts over a
 * rate between 75% and 130%, rounded to 1亿元; a county's covers its parks; the city's is the
 * sum of the county-level units' and city-level parks'.
 */
function planTargets(rng: Random, deals: readonly DealDraft[]): PlannedTarget[] {
  const counted = (d: DealDraft) => {
    if (!d.predecessorRef) return BigInt(d.input.contractedAmount);
    const pred = deals.find((p) => p.ref === d.predecessorRef)!;
    const increase = BigInt(d.input.contractedAmount) - BigInt(pred.input.contractedAmount);
    return increase > 0n ? increase : 0n;
  };
  const sumOf = (keys: string[]) => deals.filter((d) => keys.includes(d.unitKey)).reduce((s, d) => s + counted(d), 0n);
  const targets: PlannedTarget[] = [];
  let city = 0n;
  for (const area of AREAS) {
    if (area.kind === 'platform') continue;
    const keys = [area.key, ...AREAS.filter((a) => a.countyKey === area.key).map((a) => a.key)];
    const attracted = Number(sumOf(keys));
    const amount = BigInt(Math.max(1, Math.round(attracted / rng.real(0.75, 1.3) / 10_000))) * 10_000n;
    targets.push({ unitKey: area.key, amount: amount.toString() });
    if (area.kind !== 'county_park') city += amount;
  }
  targets.push({ unitKey: '430400', amount: city.toString() });
  return targets;
}

/** Sum of money strings (exact). */
export function sumAmounts(amounts: Iterable<string>): string {
  let total = 0n;
  for (const a of amounts) total += toUnits(a);
  return fromUnits(total);
}
