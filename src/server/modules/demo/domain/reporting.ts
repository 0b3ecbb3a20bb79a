import {
  type AnnualPlanInput,
  type CreateProject,
  DEFAULT_REGISTRY_SETTINGS,
  type ReportWarning,
  daysBetween,
  fromUnits,
  toUnits,
} from '../../../../contracts/index.js';
import { checkRow } from '../../reports/domain/checks.js';
import { AREAS } from './areas.js';
import { type CampaignPlan, type PlannedProject, addDays } from './campaign.js';
import { type Random, apportion } from './random.js';
import { SEASONAL_SHARES, epidemicFactor } from './season.js';
import * as T from './texts.js';

/**
 * Three years of monthly reports (月报, 2020-01 … 2022-12) for the campaign's projects, the
 * annual plans of 2020 and 2021 they were measured against, returns, corrections after a
 * month's lock, month locks and daily notes (日反馈). Pure: the loader (../history.ts) writes
 * the events in the order of their `at`.
 *
 * A project reports every month of a year it has a plan for (nothing before its start or
 * after its completion) and every month it is under construction: the same rule as the
 * unit's grid (projects.reportingProjects). Investment falls only in the months from its
 * start to its completion, follows the seasonal pattern (./season.ts) with noise per
 * project and month, and never takes the cumulative figure above the total investment.
 * The 2022 figures follow each project's plan scaled to a performance per unit: most near
 * the plan, one unit far behind (red light), a few somewhat behind (yellow).
 */
export const FIRST_MONTH = '2020-01';
export const LATEST_MONTH = '2022-12';
export const MONTH_COUNT = 36;
/** Months up to this one are locked (each on the 10th of the following month). */
export const LOCKED_THROUGH = '2022-11';
export const HISTORY_YEARS = [2020, 2021] as const;

/** 2022 performance (actual ÷ plan) of the units the demo's story needs; the others are drawn near the plan. */
export const UNIT_PERFORMANCE_2022: Readonly<Record<string, number>> = {
  '430426': 0.62, // 祁东县: far behind, a red light
  '430424': 0.8, // 衡东县: behind, yellow
  湖南衡阳松木经济开发区: 0.78,
  '430412': 0.85, // 南岳区
};

/** Money is generated in tenths of 万元 (1,000 yuan): this many money units (0.0001 万元). */
const TENTH = 1000n;

export interface ReportRow {
  ref: string;
  investment: string;
  progressText: string | null;
  problemsText: string | null;
  explanation: string | null;
}

export type ReportingEvent =
  | { type: 'submit'; at: string; unitKey: string; month: string; rows: (ReportRow & { version: number })[] }
  | { type: 'return'; at: string; unitKey: string; ref: string; month: string; reason: string }
  | { type: 'resubmit'; at: string; unitKey: string; month: string; rows: (ReportRow & { baseVersion: number })[] }
  | { type: 'correct'; at: string; unitKey: string; month: string; reason: string; rows: (ReportRow & { baseVersion: number })[] }
  | { type: 'lock'; at: string; month: string }
  | { type: 'feedback'; at: string; unitKey: string; ref: string; notedOn: string; text: string };

/** What the reports of one project come to once every event has happened. */
export interface ProjectSeries {
  ref: string;
  unitKey: string;
  totalInvestment: string;
  /** Month indexes (0 = 2020-01) on its unit's grid. */
  gridMonths: number[];
  /** Month indexes under construction (investment only falls here), or null when not started by the end of 2022. */
  active: { from: number; to: number } | null;
  /** Every plan of 2020–2022 (2022 from the campaign). */
  plans: AnnualPlanInput[];
  /** The current figure of each month (null: never reported). */
  figures: (string | null)[];
  /** The latest version of each month (0: none). */
  versions: number[];
}

export interface ReportingPlan {
  /** The 2020 and 2021 plans of each project that was under construction then, by project ref. */
  annualPlans: Map<string, AnnualPlanInput[]>;
  events: ReportingEvent[];
  series: ProjectSeries[];
  /** Reports of the latest month that never came (who is missing). */
  missing: { ref: string; month: string }[];
}

// ---------------------------------------------------------------------------------------------
// Months

const pad = (n: number) => String(n).padStart(2, '0');
const indexOf = (iso: string) => (Number(iso.slice(0, 4)) - 2020) * 12 + Number(iso.slice(5, 7)) - 1;
const yearOf = (i: number) => 2020 + Math.floor(i / 12);
const calendarMonth = (i: number) => (((i % 12) + 12) % 12) + 1;
export const monthOfIndex = (i: number) => `${yearOf(i)}-${pad(calendarMonth(i))}`;
const daysIn = (i: number) => new Date(Date.UTC(yearOf(i), calendarMonth(i), 0)).getUTCDate();
const monthEndOf = (i: number) => `${monthOfIndex(i)}-${pad(daysIn(i))}`;
const firstOfNext = (i: number) => `${monthOfIndex(i + 1)}-01`;
const at = (date: string, hour: number, minute: number) => `${date}T${pad(hour)}:${pad(minute)}:00+08:00`;
const dateIn = (rng: Random, from: string, to: string) => addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));

/** Tenths of 万元 as a money string. */
const money = (tenths: bigint) => fromUnits(tenths * TENTH);
const tenthsOf = (x: number) => BigInt(Math.max(0, Math.round(x * 10)));

// ---------------------------------------------------------------------------------------------
// Projects

type Category = CreateProject['category'];

interface Facts {
  p: PlannedProject;
  ref: string;
  unitKey: string;
  category: Category;
  total: bigint; // whole 万元
  start: string | null;
  completion: string | null;
  /** Index of the start month (negative before 2020). */
  startIndex: number | null;
  active: { from: number; to: number } | null;
  duration: number;
  /** The campaign's 2022 plan (a project with a plan is on the grid all year, even when it is zero). */
  plan2022: { annual: bigint; monthly: bigint[] } | null;
}

function factsOf(p: PlannedProject): Facts {
  const actual = (kind: string) => p.input.milestones?.find((m) => m.kind === kind)?.actualOn ?? null;
  const start = actual('start');
  const completion = actual('completion');
  const startIndex = start ? indexOf(start) : null;
  let active: Facts['active'] = null;
  if (start && startIndex !== null && startIndex < MONTH_COUNT) {
    const to = completion ? Math.min(MONTH_COUNT - 1, indexOf(completion)) : MONTH_COUNT - 1;
    const from = Math.max(0, startIndex);
    if (to >= from) active = { from, to };
  }
  const plannedEnd = p.input.plannedEndOn ?? '2023-12-31';
  const duration = Math.max(10, Math.round(daysBetween(start ?? p.input.plannedStartOn ?? '2022-01-01', plannedEnd) / 30.4));
  const plan = p.input.annualPlans?.find((a) => a.year === 2022);
  return {
    p,
    ref: p.ref,
    unitKey: p.unitKey,
    category: p.input.category,
    total: BigInt(p.input.totalInvestment),
    start,
    completion,
    startIndex,
    active,
    duration,
    plan2022: plan ? { annual: BigInt(plan.plannedInvestment), monthly: (plan.monthly ?? []).map((m) => BigInt(m)) } : null,
  };
}

/** The share of a month under construction: the start and completion months count in part. */
function partOfMonth(f: Facts, i: number): number {
  let part = 1;
  if (f.start && f.startIndex === i) part *= Math.max(0.15, (daysIn(i) - Number(f.start.slice(8, 10)) + 1) / daysIn(i));
  if (f.completion && indexOf(f.completion) === i) part *= Math.max(0.2, Number(f.completion.slice(8, 10)) / daysIn(i));
  return part;
}

const seasonal = (i: number) => SEASONAL_SHARES[calendarMonth(i) - 1]! * epidemicFactor(yearOf(i), calendarMonth(i));
const activeIn = (f: Facts, from: number, to: number) => {
  if (!f.active) return [];
  const out: number[] = [];
  for (let i = Math.max(from, f.active.from); i <= Math.min(to, f.active.to); i++) out.push(i);
  return out;
};

/** A project's 2022 investment before the unit's performance is applied. */
function raw2022(f: Facts, rng: Random): number {
  const months = activeIn(f, 24, 35);
  if (!months.length) return 0;
  const total = Number(f.total);
  const drift = Math.exp(0.12 * rng.normal());
  if (!f.plan2022 || f.plan2022.annual === 0n) return (total * months.reduce((s, i) => s + partOfMonth(f, i), 0) * drift) / f.duration;
  const plannedWeight = f.plan2022.monthly.reduce((s, m, j) => s + (m > 0n ? SEASONAL_SHARES[j]! : 0), 0) || 1;
  const activeWeight = months.reduce((s, i) => s + SEASONAL_SHARES[i - 24]! * partOfMonth(f, i), 0);
  const noise = rng.chance(0.1) ? rng.real(0.35, 0.7) : rng.chance(0.1) ? rng.real(1.12, 1.35) : drift;
  return Number(f.plan2022.annual) * Math.min(1.15, activeWeight / plannedWeight) * noise;
}

/** Split an amount (tenths) over months by the seasonal weights with noise; now and then a month of stoppage. */
function spread(f: Facts, rng: Random, months: number[], tenths: bigint, stopped: Set<number>): Map<number, bigint> {
  const out = new Map<number, bigint>();
  if (!months.length) return out;
  const weights = months.map((i, k) => {
    const inside = k > 0 && k < months.length - 1;
    if (inside && rng.chance(0.02)) {
      stopped.add(i);
      return 0;
    }
    return seasonal(i) * partOfMonth(f, i) * Math.min(1.8, Math.max(0.5, Math.exp(0.25 * rng.normal())));
  });
  for (const [k, v] of apportion(tenths, weights).entries()) out.set(months[k]!, v);
  return out;
}

/** A plan's twelve monthly amounts (whole 万元) over its months, summing to the annual amount exactly. */
function schedule(rng: Random, annual: bigint, from: number, to: number): string[] {
  const weights = SEASONAL_SHARES.map((s, j) => {
    const m = j + 1;
    if (m < from || m > to) return 0;
    return s * rng.real(0.85, 1.15) * (m === from && from > 1 ? 0.6 : 1);
  });
  return apportion(annual, weights).map(String);
}

// ---------------------------------------------------------------------------------------------
// The plan

interface Draft {
  f: Facts;
  plans: AnnualPlanInput[];
  series: Map<number, bigint>; // tenths
  stopped: Set<number>;
  gridMonths: number[];
}

export function planReporting(campaign: CampaignPlan, rng: Random): ReportingPlan {
  const facts = campaign.projects.map(factsOf);

  // The 2022 figures: each project's own drift, then its unit's performance against the plan.
  const raw = new Map(facts.map((f) => [f.ref, raw2022(f, rng.fork(`2022/${f.ref}`))]));
  const unitRng = rng.fork('units');
  const performance = new Map<string, number>();
  const yearPerformance = new Map<string, number>();
  for (const area of AREAS) {
    performance.set(area.key, UNIT_PERFORMANCE_2022[area.key] ?? unitRng.real(0.93, 1.08));
    for (const year of HISTORY_YEARS) yearPerformance.set(`${area.key}/${year}`, unitRng.real(0.88, 1.08));
  }
  for (const area of AREAS) {
    const planned = facts.filter((f) => f.unitKey === area.key && f.plan2022);
    const plan = planned.reduce((s, f) => s + Number(f.plan2022!.annual), 0);
    const actual = planned.reduce((s, f) => s + raw.get(f.ref)!, 0);
    if (!plan || !actual) continue;
    const scale = Math.min(1.8, Math.max(0.5, (performance.get(area.key)! * plan) / actual));
    for (const f of planned) raw.set(f.ref, raw.get(f.ref)! * scale);
  }

  const drafts: Draft[] = facts.map((f) => {
    const r = rng.fork(`series/${f.ref}`);
    const total = Number(f.total);
    let a2022 = Math.min(raw.get(f.ref)!, 0.9 * total);
    const before = activeIn(f, 0, 23);
    let pre = 0;
    if (before.length) {
      const target = (total * before.reduce((s, i) => s + partOfMonth(f, i), 0) * r.real(0.8, 1.1)) / f.duration;
      const unreported = f.startIndex !== null && f.startIndex < 0 ? Math.min(0.4 * total, (0.8 * total * -f.startIndex) / f.duration) : 0;
      pre = Math.min(target, Math.max(0.97 * total - a2022 - unreported, 0.05 * total));
      a2022 = Math.min(a2022, 0.97 * total - pre);
    }
    const stopped = new Set<number>();
    const series = new Map([
      ...spread(f, r, before, tenthsOf(pre), stopped),
      ...spread(f, r, activeIn(f, 24, 35), tenthsOf(a2022), stopped),
    ]);
    const plans: AnnualPlanInput[] = [];
    for (const year of HISTORY_YEARS) {
      const months = activeIn(f, (year - 2020) * 12, (year - 2020) * 12 + 11);
      if (!months.length) continue;
      const done = months.reduce((s, i) => s + Number(series.get(i) ?? 0n), 0) / 10;
      const ratio = yearPerformance.get(`${f.unitKey}/${year}`)! * (r.chance(0.08) ? r.real(0.6, 0.8) : r.real(0.88, 1.12));
      const annual = BigInt(Math.max(1, Math.min(Math.round(done / ratio), Math.floor(0.6 * total))));
      const from = f.start && f.start.startsWith(String(year)) ? Number(f.start.slice(5, 7)) : 1;
      const to = f.completion && f.completion.startsWith(String(year)) ? Number(f.completion.slice(5, 7)) : 12;
      plans.push({ year, plannedInvestment: annual.toString(), monthly: schedule(r, annual, from, to) });
    }
    const grid = new Set<number>();
    for (const plan of [...plans, ...(f.plan2022 ? [{ year: 2022 }] : [])])
      for (let m = 0; m < 12; m++) grid.add((plan.year - 2020) * 12 + m);
    if (f.active) for (let i = f.active.from; i <= f.active.to; i++) grid.add(i);
    return { f, plans, series, stopped, gridMonths: [...grid].sort((x, y) => x - y) };
  });

  const events = reportEvents(drafts, rng);
  const byRef = new Map(drafts.map((d) => [d.f.ref, d]));
  const missing: ReportingPlan['missing'] = [];
  const series = simulate(events, byRef, rng.fork('explanations'));
  for (const d of drafts)
    for (const i of d.gridMonths) if (series.get(d.f.ref)!.versions[i] === 0) missing.push({ ref: d.f.ref, month: monthOfIndex(i) });
  return {
    annualPlans: new Map(drafts.filter((d) => d.plans.length).map((d) => [d.f.ref, d.plans])),
    events,
    series: drafts.map((d) => series.get(d.f.ref)!),
    missing,
  };
}

// ---------------------------------------------------------------------------------------------
// Rows, submissions, returns, corrections, locks, notes

function rowOf(d: Draft, i: number, rng: Random): ReportRow {
  const { f } = d;
  const isActive = !!f.active && i >= f.active.from && i <= f.active.to;
  let progressText: string | null = null;
  let problemsText: string | null = null;
  if (isActive) {
    const m = calendarMonth(i);
    if (f.startIndex === i) progressText = rng.pick(T.START_TEXTS);
    else if (f.completion && indexOf(f.completion) === i) progressText = rng.pick(T.COMPLETION_TEXTS);
    else if (rng.chance(m === 6 || m === 12 ? 0.6 : 0.35))
      progressText = T.progressText(rng, f.category, (i - (f.startIndex ?? 0) + 0.5) / f.duration);
    if (d.stopped.has(i)) problemsText = rng.pick(T.STOPPAGE_PROBLEMS);
    else if (i === 1 && rng.chance(0.5)) problemsText = T.EPIDEMIC_PROBLEM;
    else if (rng.chance(0.05)) problemsText = rng.pick(T.PROBLEMS);
  } else if (f.startIndex === null || i < f.startIndex) {
    if (rng.chance(0.3)) progressText = rng.pick(T.BEFORE_START_TEXTS);
  } else if (rng.chance(0.5)) progressText = rng.pick(T.AFTER_COMPLETION_TEXTS);
  return { ref: f.ref, investment: money(d.series.get(i) ?? 0n), progressText, problemsText, explanation: null };
}

function reportEvents(drafts: Draft[], rng: Random): ReportingEvent[] {
  const events: ReportingEvent[] = [];
  const textRng = rng.fork('texts');
  // One submission per unit and month: every project of the unit's grid that month.
  const submissions: Extract<ReportingEvent, { type: 'submit' }>[] = [];
  for (const area of AREAS) {
    const own = drafts.filter((d) => d.f.unitKey === area.key);
    if (!own.length) continue;
    const r = rng.fork(`submit/${area.key}`);
    for (let i = 0; i < MONTH_COUNT; i++) {
      const rows = own.filter((d) => d.gridMonths.includes(i)).map((d) => ({ ...rowOf(d, i, textRng), version: 1 }));
      const day = i === MONTH_COUNT - 1 ? r.int(3, 5) : r.chance(0.04) ? r.int(6, 8) : r.int(1, 5);
      if (rows.length)
        submissions.push({
          type: 'submit',
          at: at(addDays(firstOfNext(i), day - 1), r.int(9, 17), r.int(0, 59)),
          unitKey: area.key,
          month: monthOfIndex(i),
          rows,
        });
    }
  }
  const byRef = new Map(drafts.map((d) => [d.f.ref, d]));
  const r = rng.fork('reviews');
  const latest = monthOfIndex(MONTH_COUNT - 1);
  const dayOf = (e: { at: string }) => Number(e.at.slice(8, 10));

  // Who is missing: a few projects of three units never report the latest month.
  const lastMonth = r.shuffle(submissions.filter((s) => s.month === latest && s.rows.length >= 6));
  for (const s of lastMonth.slice(0, 3)) {
    const gone = new Set(
      r
        .shuffle(s.rows.filter((row) => row.investment !== '0'))
        .slice(0, r.int(2, 3))
        .map((row) => row.ref),
    );
    s.rows = s.rows.filter((row) => !gone.has(row.ref));
  }
  // One report of the latest month returned and not yet submitted again.
  const open = lastMonth[3]!;
  const openRow = open.rows.find((row) => row.investment !== '0')!;
  events.push({
    type: 'return',
    at: at(addDays(open.at.slice(0, 10), 1), 15, r.int(0, 59)),
    unitKey: open.unitKey,
    ref: openRow.ref,
    month: latest,
    reason: r.pick(T.RETURN_REASONS),
  });

  // Returned for correction before the lock, submitted again.
  const returned = new Set<string>([`${openRow.ref}/${latest}`]);
  const reviewable = r.shuffle(submissions.filter((s) => s.month >= '2021-01' && s.month <= LOCKED_THROUGH && dayOf(s) <= 5));
  for (const s of reviewable.slice(0, 8)) {
    const row = r.pick(s.rows.filter((x) => x.investment !== '0'));
    const day = s.at.slice(0, 10);
    returned.add(`${row.ref}/${s.month}`);
    events.push({
      type: 'return',
      at: at(addDays(day, 1), 15, r.int(0, 59)),
      unitKey: s.unitKey,
      ref: row.ref,
      month: s.month,
      reason: r.pick(T.RETURN_REASONS),
    });
    const old = toUnits(row.investment) / TENTH;
    const investment = r.chance(0.6) ? old : tenthsOf((Number(old) / 10) * r.real(0.9, 1.05));
    const d = byRef.get(row.ref)!;
    events.push({
      type: 'resubmit',
      at: at(addDays(day, r.int(2, 3)), 10, r.int(0, 59)),
      unitKey: s.unitKey,
      month: s.month,
      rows: [
        {
          ref: row.ref,
          problemsText: row.problemsText,
          investment: money(investment),
          progressText: T.progressText(textRng, d.f.category, (indexOf(`${s.month}-01`) - (d.f.startIndex ?? 0) + 0.5) / d.f.duration),
          explanation: T.RESUBMIT_EXPLANATION,
          baseVersion: 1,
        },
      ],
    });
  }

  // Corrections after the lock, with a reason (versions, never overwrites).
  const lockAt = (i: number) => at(`${monthOfIndex(i + 1)}-10`, 10, 0);
  const correctable = drafts.flatMap((d) =>
    d.gridMonths
      .filter((i) => i >= 12 && i <= 33 && (d.series.get(i) ?? 0n) > 0n && !returned.has(`${d.f.ref}/${monthOfIndex(i)}`))
      .map((i) => ({ d, i })),
  );
  const corrections = r.shuffle(correctable).slice(0, 6);
  // And one of the published month, after its publication: the next publication notes it.
  const november = drafts.find(
    (d) => d.f.unitKey === '衡阳高新技术产业开发区' && (d.series.get(34) ?? 0n) > 0n && !returned.has(`${d.f.ref}/${LOCKED_THROUGH}`),
  );
  if (november) corrections.push({ d: november, i: 34 });
  for (const { d, i } of corrections) {
    const old = d.series.get(i)!;
    const afterPublication = i === 34;
    let investment = tenthsOf((Number(old) / 10) * (afterPublication ? 1.12 : r.real(0.78, 1.18)));
    if (investment === old) investment = old + 10n;
    events.push({
      type: 'correct',
      at: afterPublication ? '2023-01-04T10:30:00+08:00' : at(addDays(lockAt(i).slice(0, 10), r.int(3, 40)), 14, r.int(0, 59)),
      unitKey: d.f.unitKey,
      month: monthOfIndex(i),
      reason: afterPublication ? '补录漏报的设备购置发票' : r.pick(T.CORRECTION_REASONS),
      // The texts stay those of the version it corrects (filled in by the replay).
      rows: [
        {
          ref: d.f.ref,
          investment: money(investment),
          progressText: null,
          problemsText: null,
          explanation: afterPublication ? '设备购置发票次月到账，原月报漏报' : '按审定数据更正',
          baseVersion: 0,
        },
      ],
    });
  }

  for (let i = 0; i < MONTH_COUNT && monthOfIndex(i) <= LOCKED_THROUGH; i++)
    events.push({ type: 'lock', at: lockAt(i), month: monthOfIndex(i) });

  // Daily notes on some projects' timelines.
  const noteRng = rng.fork('feedback');
  const candidates = drafts.filter((d) => d.f.active && d.f.active.to >= 12);
  for (const d of noteRng.shuffle(candidates).slice(0, 50)) {
    const from = [d.f.start ? addDays(d.f.start, -45) : '2021-01-01', '2021-01-01'].sort().at(-1)!;
    const to = [d.f.completion ?? '2022-12-31', '2022-12-31'].sort()[0]!;
    if (from > to) continue;
    for (let n = noteRng.int(1, 3); n > 0; n--) {
      const notedOn = dateIn(noteRng, from, to);
      events.push({
        type: 'feedback',
        at: at(notedOn, noteRng.int(17, 20), noteRng.int(0, 59)),
        unitKey: d.f.unitKey,
        ref: d.f.ref,
        notedOn,
        text: T.feedbackText(noteRng),
      });
    }
  }
  for (const d of drafts.filter((x) => x.f.p.isQ1Start && x.f.start))
    if (noteRng.chance(0.3))
      events.push({
        type: 'feedback',
        at: at(d.f.start!, 16, noteRng.int(0, 59)),
        unitKey: d.f.unitKey,
        ref: d.f.ref,
        notedOn: d.f.start!,
        text: '参加全市2022年一季度重大项目集中开工活动，项目正式开工。',
      });

  const all = [...submissions, ...events];
  return all
    .map((e, seq) => ({ e, seq }))
    .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.seq - b.seq))
    .map((x) => x.e);
}

// ---------------------------------------------------------------------------------------------
// Replay: the checks at submission, in the order things happened

const RULES = DEFAULT_REGISTRY_SETTINGS.reporting;

function explanationFor(
  rng: Random,
  warnings: readonly ReportWarning[],
  c: { i: number; investment: bigint; planned: bigint; started: boolean; finished: boolean },
): string {
  const m = calendarMonth(c.i);
  if (warnings.includes('farFromPlan')) {
    if (c.investment < c.planned) {
      if (c.investment === 0n && !c.started) return rng.pick(T.EXPLANATIONS.notStarted);
      if (c.investment === 0n && c.finished) return rng.pick(T.EXPLANATIONS.finished);
      if (yearOf(c.i) === 2020 && m <= 3) return rng.pick(T.EXPLANATIONS.epidemic);
      if (m <= 2) return rng.pick([...T.EXPLANATIONS.springFestival, ...T.EXPLANATIONS.below]);
      return rng.pick(T.EXPLANATIONS.below);
    }
    return rng.pick(m === 12 ? T.EXPLANATIONS.yearEnd : T.EXPLANATIONS.above);
  }
  return rng.pick(m === 12 ? T.EXPLANATIONS.yearEnd : T.EXPLANATIONS.jump);
}

/**
 * Replay every event in order as the reports service would see it: each submitted row gets
 * the explanation its warnings need (the service refuses a warned row without one), each
 * change after a submission its base version; a figure that would take the cumulative
 * above the total investment is a bug of the generator.
 */
function simulate(events: ReportingEvent[], drafts: Map<string, Draft>, rng: Random): Map<string, ProjectSeries> {
  const state = new Map(
    [...drafts.values()].map((d) => [
      d.f.ref,
      {
        figures: Array<bigint | null>(MONTH_COUNT).fill(null),
        versions: Array<number>(MONTH_COUNT).fill(0),
        texts: Array<{ progressText: string | null; problemsText: string | null }>(MONTH_COUNT),
      },
    ]),
  );
  const planned = (d: Draft, i: number): bigint | null => {
    const year = yearOf(i);
    if (year === 2022) return d.f.plan2022 ? (d.f.plan2022.monthly[i - 24] ?? 0n) : null;
    const plan = d.plans.find((p) => p.year === year);
    return plan ? BigInt(plan.monthly![i % 12]!) : null;
  };
  const check = (d: Draft, i: number, row: ReportRow) => {
    const s = state.get(d.f.ref)!;
    const otherMonths = s.figures.reduce<bigint>((sum, v, j) => (j === i ? sum : sum + (v ?? 0n)), 0n);
    const plan = planned(d, i);
    const started = !!d.f.start && d.f.start <= monthEndOf(i);
    const facts = {
      investment: row.investment,
      totalInvestment: d.f.total.toString(),
      reportedOtherMonths: fromUnits(otherMonths),
      lastMonth: i > 0 && s.versions[i - 1]! > 0 ? fromUnits(s.figures[i - 1]!) : null,
      plannedThisMonth: plan === null ? null : plan.toString(),
      isStarted: started,
      explanation: row.explanation,
    };
    let result = checkRow(facts, RULES);
    if (result.warnings.length && !row.explanation) {
      row.explanation = explanationFor(rng, result.warnings, {
        i,
        investment: toUnits(row.investment),
        planned: toUnits(plan?.toString() ?? '0'),
        started,
        finished: !!d.f.completion && d.f.completion < `${monthOfIndex(i)}-01`,
      });
      result = checkRow({ ...facts, explanation: row.explanation }, RULES);
    }
    if (result.errors.length) throw new Error(`demo reports: ${d.f.ref} ${monthOfIndex(i)} ${JSON.stringify(result.errors)}`);
  };
  for (const e of events) {
    if (e.type === 'submit' || e.type === 'resubmit' || e.type === 'correct') {
      const i = indexOf(`${e.month}-01`);
      for (const row of e.rows) {
        const d = drafts.get(row.ref)!;
        const s = state.get(row.ref)!;
        if (e.type === 'submit' && s.versions[i] !== 0) throw new Error(`demo reports: ${row.ref} ${e.month} submitted twice`);
        if (e.type !== 'submit') (row as { baseVersion: number }).baseVersion = s.versions[i]!;
        if (e.type === 'correct') Object.assign(row, s.texts[i]);
        check(d, i, row);
        s.figures[i] = toUnits(row.investment);
        s.versions[i]! += 1;
        s.texts[i] = { progressText: row.progressText, problemsText: row.problemsText };
      }
    } else if (e.type === 'return' && state.get(e.ref)!.versions[indexOf(`${e.month}-01`)] === 0)
      throw new Error(`demo reports: ${e.ref} ${e.month} returned before it was submitted`);
  }
  const out = new Map<string, ProjectSeries>();
  for (const d of drafts.values()) {
    const s = state.get(d.f.ref)!;
    const cumulative = s.figures.reduce<bigint>((sum, v) => sum + (v ?? 0n), 0n);
    if (cumulative > toUnits(d.f.total.toString())) throw new Error(`demo reports: ${d.f.ref} above its total investment`);
    out.set(d.f.ref, {
      ref: d.f.ref,
      unitKey: d.f.unitKey,
      totalInvestment: d.f.total.toString(),
      gridMonths: d.gridMonths,
      active: d.f.active,
      plans: [...d.plans, ...(d.f.p.input.annualPlans ?? [])],
      figures: s.figures.map((v) => (v === null ? null : fromUnits(v))),
      versions: s.versions,
    });
  }
  return out;
}
