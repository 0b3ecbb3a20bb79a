import type { ItemKind, MilestoneKind } from '../../../../contracts/index.js';
import { AREAS } from './areas.js';
import { type CampaignPlan, type PlannedProject, addDays, minDate } from './campaign.js';
import type { Random } from './random.js';
import { SAFETY_ITEMS } from './texts.js';

/**
 * Commitment letters (承诺兑现制) of 2022: every unit that reports signs a 承诺书 at the start
 * of the year — per key project a start date, the annual investment, a milestone and the
 * production date; the unit's annual investment and number of projects started — with a
 * signed scan; one letter is amended in July. A few units also sign a safety-production
 * responsibility letter (安全生产责任状) whose items are recorded by hand at the year's end.
 * The commitments follow each project's plan, so how they turn out (fulfilled, late, missed)
 * comes from what the reports and milestones say happened. Pure.
 */
export const LETTER_YEAR = 2022;
/** The city's mobilisation meeting, where the heads of the units sign their letters. */
export const SIGNED_ON = '2022-02-10';
/** Units that sign a safety-production responsibility letter too. */
export const SAFETY_UNITS = ['430481', '430482', '430422', '衡阳高新技术产业开发区'] as const;

export interface PlannedItem {
  kind: ItemKind;
  ref: string | null;
  milestoneKind: MilestoneKind | null;
  deadline: string;
  committedAmount: string | null;
  committedCount: number | null;
  weight: number;
  description: string;
}

export type LetterEvent =
  | { type: 'letter'; at: string; key: string; unitKey: string; kind: 'investment' | 'safety'; items: PlannedItem[] }
  | { type: 'scan'; at: string; key: string }
  | { type: 'sign'; at: string; key: string; signedOn: string }
  | { type: 'amend'; at: string; key: string; reason: string; items: PlannedItem[] }
  | { type: 'record'; at: string; key: string; position: number; status: 'fulfilled' | 'missed'; on: string; evidence: string };

const pad = (n: number) => String(n).padStart(2, '0');
const time = (date: string, rng: Random, from = 9, to = 17) => `${date}T${pad(rng.int(from, to))}:${pad(rng.int(0, 59))}:00+08:00`;
const inYear = (date: string | null | undefined) => !!date && date >= `${LETTER_YEAR}-01-01` && date <= `${LETTER_YEAR}-12-31`;
const planned = (p: PlannedProject, kind: MilestoneKind) => p.input.milestones?.find((m) => m.kind === kind)?.plannedOn ?? null;
const plan2022 = (p: PlannedProject) => BigInt(p.input.annualPlans?.find((a) => a.year === LETTER_YEAR)?.plannedInvestment ?? '0');
const MILESTONE_WORDS: Partial<Record<MilestoneKind, string>> = { topping_out: '主体封顶', completion: '建成竣工' };
const floorTo = (x: bigint, step: bigint) => (x / step) * step;
/** '2022-02-23' → '2022年2月23日'. */
const cn = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

function projectItems(rng: Random, p: PlannedProject): PlannedItem[] {
  const items: PlannedItem[] = [];
  const item = (kind: ItemKind, deadline: string, extra: Partial<PlannedItem>, description: string) =>
    items.push({
      kind,
      ref: p.ref,
      milestoneKind: null,
      deadline,
      committedAmount: null,
      committedCount: null,
      weight: 1,
      description,
      ...extra,
    });
  const start = planned(p, 'start');
  if (p.input.kind === 'new' && start && start >= `${LETTER_YEAR}-02-11` && inYear(start)) {
    const deadline = addDays(start, rng.int(5, 20));
    item('project_start', deadline, {}, `${cn(deadline)}前开工建设`);
  }
  const annual = plan2022(p);
  if (annual > 0n) {
    const committed = annual >= 1000n ? floorTo(annual, 100n) : annual;
    item(
      'project_investment',
      `${LETTER_YEAR}-12-31`,
      { committedAmount: committed.toString(), weight: 2 },
      `全年完成投资${committed}万元`,
    );
  }
  for (const kind of ['completion', 'topping_out'] as const) {
    const on = planned(p, kind);
    if (on && on >= `${LETTER_YEAR}-03-01` && inYear(on)) {
      const deadline = addDays(on, rng.int(0, 10));
      item('project_milestone', deadline, { milestoneKind: kind }, `${cn(deadline)}前${MILESTONE_WORDS[kind]}`);
      break;
    }
  }
  const production = planned(p, 'production');
  if (production && production >= `${LETTER_YEAR}-03-01` && inYear(production)) {
    const deadline = addDays(production, rng.int(0, 15));
    item('project_production', deadline, {}, `${cn(deadline)}前建成投产`);
  }
  return items;
}

export function planLetters(campaign: CampaignPlan, rng: Random): LetterEvent[] {
  const events: LetterEvent[] = [];
  const letters: Extract<LetterEvent, { type: 'letter' }>[] = [];
  for (const area of AREAS.filter((a) => a.projectWeight > 0)) {
    const r = rng.fork(`letter/${area.key}`);
    const own = campaign.projects.filter((p) => p.unitKey === area.key);
    // The key projects: the largest of the year's plan, and a couple of the year's new starts.
    const largest = [...own].sort((a, b) => (plan2022(b) > plan2022(a) ? 1 : plan2022(b) < plan2022(a) ? -1 : 0)).slice(0, 4);
    const starts = r.shuffle(own.filter((p) => !largest.includes(p) && p.input.kind === 'new' && inYear(planned(p, 'start')))).slice(0, 2);
    const items = [...largest, ...starts].flatMap((p) => projectItems(r, p));
    const unitPlan = own.reduce((s, p) => s + plan2022(p), 0n);
    const newStarts = own.filter((p) => p.input.kind === 'new' && inYear(planned(p, 'start'))).length;
    items.push({
      kind: 'unit_investment',
      ref: null,
      milestoneKind: null,
      deadline: `${LETTER_YEAR}-12-31`,
      committedAmount: floorTo(unitPlan, 1000n).toString(),
      committedCount: null,
      weight: 3,
      description: `全年完成重大项目投资${floorTo(unitPlan, 1000n)}万元`,
    });
    if (newStarts > 0)
      items.push({
        kind: 'unit_starts',
        ref: null,
        milestoneKind: null,
        deadline: `${LETTER_YEAR}-12-31`,
        committedAmount: null,
        committedCount: newStarts,
        weight: 2,
        description: `全年新开工重大项目${newStarts}个`,
      });
    const key = `investment/${area.key}`;
    const letter = {
      type: 'letter' as const,
      at: time(`${LETTER_YEAR}-01-${pad(r.int(17, 28))}`, r),
      key,
      unitKey: area.key,
      kind: 'investment' as const,
      items,
    };
    letters.push(letter);
    events.push(
      letter,
      { type: 'scan', at: time(SIGNED_ON, r, 15, 15), key },
      { type: 'sign', at: time(SIGNED_ON, r, 16, 16), key, signedOn: SIGNED_ON },
    );
  }

  // One amendment: a start that slipped, agreed by the city in July, with the year's investment lowered.
  const amendOn = `${LETTER_YEAR}-07-12`;
  const pending = (l: (typeof letters)[number]) => l.items.some((i) => i.kind === 'project_start' && i.deadline > amendOn);
  const amended = letters.find((l) => l.unitKey === '430424' && pending(l)) ?? letters.find(pending);
  if (amended) {
    const slipped = amended.items.find((i) => i.kind === 'project_start' && i.deadline > amendOn)!;
    const items = amended.items.map((i) => {
      if (i === slipped) {
        const deadline = minDate(addDays(i.deadline, 75), `${LETTER_YEAR}-12-31`);
        return { ...i, deadline, description: `${cn(deadline)}前开工建设（调整）` };
      }
      if (i.kind === 'project_investment' && i.ref === slipped.ref) {
        const committed = floorTo((BigInt(i.committedAmount!) * 6n) / 10n, 100n);
        return { ...i, committedAmount: committed.toString(), description: `全年完成投资${committed}万元（调整）` };
      }
      return i;
    });
    events.push({
      type: 'amend',
      at: `${amendOn}T15:30:00+08:00`,
      key: amended.key,
      reason: '受疫情和原材料价格上涨影响，项目开工推迟，经市重点办审核同意，调整开工承诺时间和年度投资承诺',
      items,
    });
  }

  // Safety-production letters, recorded by hand: mostly fulfilled, one late, two missed.
  const r = rng.fork('safety');
  const outcomes: Record<string, Partial<Record<number, { status: 'fulfilled' | 'missed'; on: string }>>> = {
    '430482': { 1: { status: 'missed', on: '2022-12-28' } },
    '430422': { 3: { status: 'fulfilled', on: '2022-07-15' } },
    衡阳高新技术产业开发区: { 2: { status: 'missed', on: '2022-11-05' } },
  };
  for (const unitKey of SAFETY_UNITS) {
    const key = `safety/${unitKey}`;
    const items: PlannedItem[] = SAFETY_ITEMS.map((s) => ({
      kind: 'manual',
      ref: null,
      milestoneKind: null,
      deadline: s.deadline,
      committedAmount: null,
      committedCount: null,
      weight: s.weight,
      description: s.description,
    }));
    const signedOn = `${LETTER_YEAR}-01-${pad(r.int(20, 28))}`;
    events.push(
      { type: 'letter', at: time(`${LETTER_YEAR}-01-${pad(r.int(10, 19))}`, r), key, unitKey, kind: 'safety', items },
      { type: 'scan', at: time(signedOn, r, 10, 10), key },
      { type: 'sign', at: time(signedOn, r, 11, 11), key, signedOn },
    );
    SAFETY_ITEMS.forEach((s, position) => {
      const outcome = outcomes[unitKey]?.[position] ?? { status: 'fulfilled' as const, on: addDays(s.deadline, -r.int(0, 25)) };
      events.push({
        type: 'record',
        at: time(addDays(outcome.on, r.int(1, 6)), r),
        key,
        position,
        status: outcome.status,
        on: outcome.on,
        evidence: outcome.status === 'missed' ? s.missedEvidence : s.evidence,
      });
    });
  }
  return events;
}

/** The text of a letter as printed for signing (the scan), given the unit's and the projects' names. */
export function letterLines(
  letter: { kind: 'investment' | 'safety'; items: readonly PlannedItem[] },
  unitName: string,
  projectName: (ref: string) => string,
): { title: string; lines: string[]; signer: string } {
  if (letter.kind === 'safety')
    return {
      title: `${unitName}${LETTER_YEAR}年度安全生产目标管理责任状`,
      lines: [
        `为落实安全生产责任制，${unitName}向市人民政府承诺，${LETTER_YEAR}年度完成以下安全生产目标：`,
        ...letter.items.map((i, k) => `${k + 1}. ${i.description}（${cn(i.deadline)}前）`),
        '未完成上述目标的，按照安全生产考核办法予以通报并扣减考核分值。',
      ],
      signer: `${unitName}主要负责人`,
    };
  const lines = [
    `为全面完成${LETTER_YEAR}年「聚力中心化攻坚年」重大项目建设任务，${unitName}郑重承诺：`,
    ...letter.items.filter((i) => !i.ref).map((i, k) => `${['一', '二', '三'][k]}、${i.description}；`),
    '重点项目承诺事项：',
    ...letter.items.filter((i) => i.ref).map((i, k) => `${k + 1}. ${projectName(i.ref!)}：${i.description}`),
    '如未兑现上述承诺，接受市委、市政府通报，并按考核办法扣减年度考核分值。',
  ];
  return { title: `${unitName}${LETTER_YEAR}年重大项目建设承诺书`, lines, signer: `${unitName}主要负责人` };
}
