import fs from 'node:fs/promises';
import path from 'node:path';
import {
  type CommitmentItem,
  type EarlyWarning,
  type LightColour,
  type MilestoneKind,
  type MonitoringOverview,
  type MonitoringQuery,
  type ProjectLight,
  type UnitLight,
  can,
  shanghaiDate,
  translate,
} from '../../../contracts/index.js';
import { fromUnits, groupDigits, toUnits } from '../../../contracts/money.js';
import type { Executor } from '../../db/pool.js';
import { type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { notFound } from '../../lib/domain-error.js';
import { type PackInput, type UnitStanding, packDocx } from './pack.js';
import { profileSamples, yearsWithData } from './repo.js';
import { packageRoot } from '../../lib/package-root.js';
import { getBoards } from '../boards/index.js';
import { lettersOfYear } from '../commitments/index.js';
import { type UnitRef, getCityRoot, getUnitRef, unitsOfCity } from '../org/index.js';
import { unitObservations } from '../observation/index.js';
import { overdueProblemsByProject, problemSummaryUnder } from '../problems/index.js';
import { projectFacts, projectIdsUnder } from '../projects/index.js';
import { monthEnd, monthlyByProject } from '../reports/index.js';
import { registrySettings } from '../settings/index.js';
import { DEFAULT_PROFILE, type Profile, forecastYearEnd, learnProfile, scaleMoney, trajectory } from './domain/forecast.js';
import {
  type HonourList,
  type LightThresholds,
  aggregateLight,
  daysBetween,
  honourListOf,
  planDueBy,
  projectLight,
} from './domain/lights.js';

/** The last month counted as of a date: the months of the year completed by then (a month's last day completes it). */
export function measuredMonth(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  if (y > year) return 12;
  if (y < year) return 0;
  const month = Number(asOf.slice(5, 7));
  return asOf === monthEnd(asOf.slice(0, 7)) ? month : month - 1;
}

/** Without a date, a past year is seen at its end and the current one today. */
export function defaultAsOf(year: number, now: Date): string {
  const today = shanghaiDate(now);
  return Number(today.slice(0, 4)) > year ? `${year}-12-31` : today;
}

const sum = (values: Iterable<string>) => {
  let total = 0n;
  for (const v of values) total += toUnits(v);
  return fromUnits(total);
};

/**
 * The city's seasonal profile, learnt from the three years before: only project-years in
 * which the project was under construction all year (started before, not finished), so a
 * project starting in June does not make the city look back-loaded. The profile weighs each
 * project-year by its total, so the sum of the qualifying project-years' months per year (in
 * SQL: twelve figures a year instead of every project's) gives the same shares.
 */
export async function cityProfile(db: Executor, cityCode: string, year: number): Promise<{ profile: Profile; years: number[] }> {
  const samples = await profileSamples(db, cityCode, year);
  const profile = learnProfile(samples);
  return { profile, years: profile === DEFAULT_PROFILE ? [] : samples.map((s) => s.year) };
}

/** The plan of each month: the monthly schedule, or the annual plan spread by the profile. */
function monthlyPlan(plan: { plannedInvestment: string; monthly: readonly string[] | null }, profile: Profile): string[] {
  if (plan.monthly && plan.monthly.length === 12) return [...plan.monthly];
  return Array.from({ length: 12 }, (_, i) =>
    fromUnits(
      toUnits(scaleMoney(plan.plannedInvestment, profile[i] ?? 1)) -
        (i === 0 ? 0n : toUnits(scaleMoney(plan.plannedInvestment, profile[i - 1] ?? 1))),
    ),
  );
}

interface MeasuredProject {
  id: number;
  name: string;
  unitId: number;
  unitPath: string;
  plan: string;
  planMonthly: string[];
  dueByNow: string;
  actualMonthly: string[];
  ytd: string;
  ratio: number | null;
  light: LightColour;
  honour: HonourList | null;
  forecast: string;
  reasons: { key: string; params?: Record<string, string | number> }[];
}

type Facts = Awaited<ReturnType<typeof projectFacts>>;

interface Measurement {
  year: number;
  asOf: string;
  month: number;
  scope: Scope;
  root: UnitRef;
  units: UnitRef[];
  facts: Facts;
  projects: MeasuredProject[];
  profile: Profile;
  profileYears: number[];
  thresholds: LightThresholds;
  /** The letters of the year under the root, read alongside the rest when asked for (the warnings need them). */
  letters: ReturnType<typeof lettersOfYear> | null;
}

/** The unit looked into: the one asked for (inside the jurisdiction), else the jurisdiction's own. */
async function rootOf(db: Executor, scope: Scope, unitId: number | undefined): Promise<UnitRef> {
  let root: UnitRef | undefined;
  if (unitId) {
    root = await getUnitRef(db, scope.cityCode, unitId);
    if (!root || (scope.kind === 'subtree' && !root.path.startsWith(scope.path))) throw notFound();
  } else root = scope.kind === 'subtree' ? await getUnitRef(db, scope.cityCode, scope.unitId) : await getCityRoot(db, scope.cityCode);
  if (!root) throw notFound();
  return root;
}

/** Everything the lights, the forecast and the warnings need, for the unit looked into. */
async function measure(
  db: Executor,
  ctx: RequestContext,
  query: MonitoringQuery,
  options: { withLetters?: boolean } = {},
): Promise<Measurement> {
  const scope = scopeOf(requireActor(ctx), 'monitor.read');
  if (scope.kind === 'enterprise') throw notFound();
  return await measureIn(db, scope, { ...query, asOf: query.asOf ?? defaultAsOf(query.year, ctx.now) }, options);
}

async function measureIn(
  db: Executor,
  scope: Exclude<Scope, { kind: 'enterprise' }>,
  query: MonitoringQuery & { asOf: string },
  options: { withLetters?: boolean } = {},
): Promise<Measurement> {
  const cityCode = scope.cityCode;
  const root = await rootOf(db, scope, query.unitId);
  const asOf = query.asOf;
  const month = measuredMonth(query.year, asOf);
  const letters = options.withLetters ? lettersOfYear(db, scope, query.year, asOf, root.path) : null;
  // Not awaited until the warnings: a failure before then must not go unhandled.
  letters?.catch(() => undefined);
  const [settings, { profile, years }, units, ids] = await Promise.all([
    registrySettings(db, cityCode),
    cityProfile(db, cityCode, query.year),
    unitsOfCity(db, cityCode),
    projectIdsUnder(db, scope, root.path),
  ]);
  const thresholds: LightThresholds = {
    green: settings.reporting.lightGreen,
    yellow: settings.reporting.lightYellow,
    milestoneOverdueDays: settings.reporting.milestoneOverdueDays,
  };
  const [facts, monthly, overdue] = await Promise.all([
    projectFacts(db, cityCode, ids, query.year),
    month > 0 ? monthlyByProject(db, cityCode, ids, query.year, month) : new Map<number, string[]>(),
    // Problems still open past their deadline on the as-of day (their current state: a problem
    // closed since does not count for an earlier date).
    overdueProblemsByProject(db, cityCode, asOf),
  ]);
  const projects: MeasuredProject[] = [];
  for (const f of facts.values()) {
    const actualMonthly = monthly.get(f.id) ?? Array<string>(12).fill('0');
    const ytd = sum(actualMonthly);
    if (!f.plan && toUnits(ytd) === 0n) continue;
    const dueByNow = f.plan ? planDueBy(f.plan, month, profile) : null;
    const state = projectLight({ ytd, dueByNow, milestones: f.milestones, overdueProblems: overdue.get(f.id) ?? 0 }, asOf, thresholds);
    projects.push({
      id: f.id,
      name: f.name,
      unitId: f.unitId,
      unitPath: f.unitPath,
      plan: f.plan?.plannedInvestment ?? '0',
      planMonthly: f.plan ? monthlyPlan(f.plan, profile) : Array<string>(12).fill('0'),
      dueByNow: dueByNow ?? '0',
      actualMonthly,
      ytd,
      ratio: state.ratio,
      light: state.light,
      honour: honourListOf(state, settings.reporting.honourRatio),
      forecast: month > 0 ? forecastYearEnd(ytd, month, profile) : (f.plan?.plannedInvestment ?? '0'),
      reasons: state.reasons,
    });
  }
  return { year: query.year, asOf, month, scope, root, units, facts, projects, profile, profileYears: years, thresholds, letters };
}

function aggregate(m: Measurement, projects: readonly MeasuredProject[]) {
  const counts = { green: 0, yellow: 0, red: 0, none: 0 };
  const honours = { red: 0, yellow: 0 };
  for (const p of projects) {
    counts[p.light]++;
    if (p.honour) honours[p.honour]++;
  }
  const ytd = sum(projects.map((p) => p.ytd));
  const dueByNow = sum(projects.map((p) => p.dueByNow));
  const plan = sum(projects.map((p) => p.plan));
  const { light, ratio } = aggregateLight(ytd, dueByNow, m.thresholds);
  return {
    projects: projects.length,
    counts,
    honours,
    plan,
    dueByNow,
    ytd,
    ratio,
    light,
    forecast: m.month > 0 ? forecastYearEnd(ytd, m.month, m.profile) : plan,
  };
}

/** A unit's row with how many of its projects are on the red and the yellow list. */
type UnitRow = UnitLight & { honours: { red: number; yellow: number } };

/** The rows of the unit looked into: its children, and the unit itself for projects filed directly under it. */
function unitRows(m: Measurement): UnitRow[] {
  const children = m.units.filter((u) => u.path.startsWith(m.root.path) && u.path.split('/').length === m.root.path.split('/').length + 1);
  const rows: UnitRow[] = [];
  const own = m.projects.filter((p) => p.unitPath === m.root.path);
  if (own.length) rows.push({ unitId: m.root.id, unitName: m.root.nameZh, hasChildren: false, ...aggregate(m, own) });
  for (const child of children) {
    const inside = m.projects.filter((p) => p.unitPath.startsWith(child.path));
    if (!inside.length && child.kind === 'department') continue;
    if (!child.isActive && !inside.length) continue;
    const hasChildren = m.units.some((u) => u.path !== child.path && u.path.startsWith(child.path));
    rows.push({ unitId: child.id, unitName: child.nameZh, hasChildren, ...aggregate(m, inside) });
  }
  return rows;
}

const milestoneName = (ctx: RequestContext, kind: string) => translate(ctx.locale, `milestone.${kind}` as 'milestone.start');

/** Commitments likely to be missed: pending items whose forecast, plan or calendar says so. */
async function warningsOf(db: Executor, ctx: RequestContext, m: Measurement): Promise<EarlyWarning[]> {
  const letters = (await (m.letters ?? lettersOfYear(db, m.scope, m.year, m.asOf, m.root.path))).filter(
    (l) => l.summary.kind === 'investment',
  );
  const byId = new Map(m.projects.map((p) => [p.id, p]));
  const out: EarlyWarning[] = [];
  for (const { summary, items, unitPath } of letters) {
    const warn = (item: CommitmentItem, kind: EarlyWarning['kind'], params: Record<string, string | number>) =>
      out.push({
        letterId: summary.id,
        itemId: item.id,
        unitId: summary.unitId,
        unitName: summary.unitName,
        itemKind: item.kind,
        projectId: item.projectId,
        projectName: item.projectName,
        deadline: item.deadline,
        kind,
        message: translate(ctx.locale, `warning.${kind}`, params),
      });
    for (const item of items) {
      if (item.status !== 'pending') continue;
      if (item.kind === 'project_investment' || item.kind === 'unit_investment') {
        const forecast =
          item.kind === 'project_investment'
            ? (byId.get(item.projectId ?? 0)?.forecast ?? '0')
            : aggregate(
                m,
                m.projects.filter((p) => p.unitPath.startsWith(unitPath)),
              ).forecast;
        if (toUnits(forecast) < toUnits(item.committedAmount ?? '0'))
          warn(item, 'forecastShort', { forecast: groupDigits(forecast), committed: groupDigits(item.committedAmount ?? '0') });
      } else if (item.kind === 'unit_starts') {
        const started = Number(item.actual ?? 0);
        const planned = [...m.facts.values()].filter(
          (f) =>
            f.unitPath.startsWith(unitPath) &&
            f.milestones.some((s) => s.kind === 'start' && !s.actualOn && s.plannedOn !== null && s.plannedOn <= item.deadline),
        ).length;
        if (started + planned < (item.committedCount ?? 1))
          warn(item, 'startsShort', { started, planned, committed: item.committedCount ?? 1 });
      } else if (item.kind !== 'manual') {
        const kind: MilestoneKind =
          item.kind === 'project_start' ? 'start' : item.kind === 'project_production' ? 'production' : (item.milestoneKind ?? 'start');
        const planned = m.facts.get(item.projectId ?? 0)?.milestones.find((s) => s.kind === kind)?.plannedOn ?? null;
        const milestone = milestoneName(ctx, kind);
        if (planned === null) warn(item, 'noPlannedDate', { milestone });
        else if (planned > item.deadline) warn(item, 'plannedAfterDeadline', { milestone, planned });
        else if (daysBetween(m.asOf, item.deadline) <= 30)
          warn(item, 'deadlineSoon', { milestone, days: daysBetween(m.asOf, item.deadline) });
      }
    }
  }
  return out;
}

/**
 * The last six years (this one first, Asia/Shanghai) that have a plan or a report under the
 * unit looked into (default: the user's jurisdiction): pages open on the newest, so the demo
 * (2020–2022) and a new year before its first plans open on a year with figures.
 */
export async function yearsWithFigures(db: Executor, ctx: RequestContext, query: { unitId?: number | undefined }) {
  const scope = scopeOf(requireActor(ctx), 'monitor.read');
  if (scope.kind === 'enterprise') throw notFound();
  const root = await rootOf(db, scope, query.unitId);
  const thisYear = Number(shanghaiDate(ctx.now).slice(0, 4));
  const candidates = Array.from({ length: 6 }, (_, i) => thisYear - i).filter((year) => year >= 2000);
  return { years: await yearsWithData(db, scope.cityCode, root.path, candidates) };
}

/**
 * The year-to-date investment against the plan due of each unit directly under the city and
 * its projects on the red and yellow lists, as of a day, whoever asks (the competition ranks
 * every unit of the city on them).
 */
export async function cityUnitFigures(db: Executor, cityCode: string, year: number, asOf: string): Promise<UnitRow[]> {
  return unitRows(await measureIn(db, { kind: 'city', cityCode }, { year, asOf }));
}

export async function overview(db: Executor, ctx: RequestContext, query: MonitoringQuery): Promise<MonitoringOverview> {
  const m = await measure(db, ctx, query, { withLetters: true });
  const planMonthly = Array.from({ length: 12 }, (_, i) => sum(m.projects.map((p) => p.planMonthly[i]!)));
  const actualMonthly = Array.from({ length: 12 }, (_, i) => sum(m.projects.map((p) => p.actualMonthly[i]!)));
  const total = aggregate(m, m.projects);
  const path = trajectory({ plan: total.plan, planMonthly, actualMonthly, month: m.month, profile: m.profile });
  return {
    year: m.year,
    asOf: m.asOf,
    month: m.month,
    scope: { unitId: query.unitId ?? (m.scope.kind === 'subtree' ? m.root.id : null), unitName: m.root.nameZh },
    total,
    units: unitRows(m),
    trajectory: {
      planCumulative: path.planCumulative,
      actualCumulative: path.actualCumulative,
      forecastCumulative: m.month > 0 ? path.forecastCumulative : path.planCumulative.map(() => null),
    },
    profile: { source: m.profileYears.length ? 'learnt' : 'default', years: m.profileYears, shares: [...m.profile] },
    warnings: (await warningsOf(db, ctx, m)).length,
  };
}

const SEVERITY: Record<LightColour, number> = { red: 0, yellow: 1, green: 2, none: 3 };
type Ranked = Pick<MeasuredProject, 'id' | 'ratio'>;
/** The red list best first, the yellow list (and any worst-first list) furthest behind first. */
const aheadFirst = (a: Ranked, b: Ranked) => (b.ratio ?? 0) - (a.ratio ?? 0) || a.id - b.id;
const behindFirst = (a: Ranked, b: Ranked) => (a.ratio ?? 9) - (b.ratio ?? 9) || a.id - b.id;

export async function projectLights(
  db: Executor,
  ctx: RequestContext,
  query: MonitoringQuery & { light?: LightColour | undefined; honour?: HonourList | undefined; page: number; pageSize: number },
) {
  const m = await measure(db, ctx, query);
  const unitNames = new Map(m.units.map((u) => [u.id, u.nameZh]));
  const rows = m.projects
    .filter((p) => (!query.light || p.light === query.light) && (!query.honour || p.honour === query.honour))
    // Worst first; the red list (praise) best first.
    .sort((a, b) => (query.honour === 'red' ? aheadFirst(a, b) : SEVERITY[a.light] - SEVERITY[b.light] || behindFirst(a, b)));
  const items: ProjectLight[] = rows.slice((query.page - 1) * query.pageSize, query.page * query.pageSize).map((p) => ({
    projectId: p.id,
    projectName: p.name,
    unitId: p.unitId,
    unitName: unitNames.get(p.unitId) ?? '',
    plan: p.plan,
    dueByNow: p.dueByNow,
    ytd: p.ytd,
    ratio: p.ratio,
    light: p.light,
    honour: p.honour,
    forecast: p.forecast,
    reasons: p.reasons.map((r) => ({
      key: r.key,
      message: translate(ctx.locale, r.key as 'light.noPlan', {
        ...r.params,
        ...(r.params?.milestone ? { milestone: milestoneName(ctx, String(r.params.milestone)) } : {}),
      }),
    })),
  }));
  return { items, total: rows.length, page: query.page, pageSize: query.pageSize };
}

/**
 * The 红黄榜 city-wide as the lights stood on a month's last day, for the month's publication
 * to freeze: the red list best first, then the yellow list worst first. Reasons stay keys
 * with parameters (translated when read).
 */
export async function honourListsOfMonth(db: Executor, ctx: RequestContext, month: string) {
  const m = await measure(db, ctx, { year: Number(month.slice(0, 4)), asOf: monthEnd(month) });
  const unitNames = new Map(m.units.map((u) => [u.id, u.nameZh]));
  const on = (list: HonourList) => m.projects.filter((p) => p.honour === list);
  const red = on('red').sort(aheadFirst);
  const yellow = on('yellow').sort(behindFirst);
  return [...red, ...yellow].map((p) => ({
    list: p.honour as HonourList,
    projectId: p.id,
    projectName: p.name,
    unitId: p.unitId,
    unitName: unitNames.get(p.unitId) ?? '',
    dueByNow: p.dueByNow,
    ytd: p.ytd,
    ratio: p.ratio,
    reasons: p.reasons,
  }));
}

export async function earlyWarnings(db: Executor, ctx: RequestContext, query: MonitoringQuery) {
  const m = await measure(db, ctx, query, { withLetters: true });
  return { asOf: m.asOf, items: await warningsOf(db, ctx, m) };
}

type UnitFeature = { type: 'Feature'; properties: { code: string; name: string; unitId?: number | null }; geometry: unknown };
const maps = new Map<string, Promise<{ type: 'FeatureCollection'; features: UnitFeature[] } | null>>();

function mapFile(cityCode: string) {
  let map = maps.get(cityCode);
  if (!map) {
    map = fs
      .readFile(path.join(packageRoot(), 'reference', 'maps', `${cityCode}.geojson`), 'utf8')
      .then((text) => JSON.parse(text) as { type: 'FeatureCollection'; features: UnitFeature[] })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
    maps.set(cityCode, map);
  }
  return map;
}

/** The city's county-level unit boundaries (reference/maps), each tied to its unit by division code. */
export async function unitMap(db: Executor, ctx: RequestContext) {
  const scope = scopeOf(requireActor(ctx), 'monitor.read');
  const map = await mapFile(scope.cityCode);
  if (!map) throw notFound();
  const byCode = new Map((await unitsOfCity(db, scope.cityCode)).filter((u) => u.code).map((u) => [u.code, u.id]));
  return {
    type: map.type,
    features: map.features.map((f) => ({ ...f, properties: { ...f.properties, unitId: byCode.get(f.properties.code) ?? null } })),
  };
}

/** A unit's place in the competition (争先创优) of a quarter or the year: the competition module answers it (`app.ts`). */
export type StandingOf = (
  db: Executor,
  cityCode: string,
  unitId: number,
  year: number,
  quarter: number | null,
  now: Date,
) => Promise<UnitStanding | null>;

/** The quarterly review (quarter 1–4) or annual assessment (no quarter) pack of a unit, as Word. */
export async function unitPack(
  db: Executor,
  ctx: RequestContext,
  query: { unitId: number; year: number; quarter?: number | undefined },
  standingOf: StandingOf,
) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'monitor.read');
  const unit = await getUnitRef(db, scope.cityCode, query.unitId);
  if (!unit || (scope.kind === 'subtree' && !unit.path.startsWith(scope.path))) throw notFound();
  const periodEnd = query.quarter ? monthEnd(`${query.year}-${String(query.quarter * 3).padStart(2, '0')}`) : `${query.year}-12-31`;
  const today = shanghaiDate(ctx.now);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compared as text; Math.min would turn them into NaN
  const asOf = periodEnd < today ? periodEnd : today;
  const base = { year: query.year, asOf, unitId: unit.id };
  const overviewOf = await overview(db, ctx, base);
  const reds = await projectLights(db, ctx, { ...base, light: 'red', page: 1, pageSize: 200 });
  const praised = await projectLights(db, ctx, { ...base, honour: 'red', page: 1, pageSize: 20 });
  const letters = (await lettersOfYear(db, scope, query.year, asOf, unit.path)).map((l) => l.summary);
  const boards =
    overviewOf.month > 0 && can(actor.role, 'board.read')
      ? await getBoards(db, ctx, `${query.year}-${String(overviewOf.month).padStart(2, '0')}`)
      : null;
  const problems = await problemSummaryUnder(db, scope.cityCode, unit, { raisedFrom: `${query.year}-01-01`, asOf });
  const observations = await unitObservations(db, scope.cityCode, unit.id, query.year, query.quarter ?? null);
  const competition = await standingOf(db, scope.cityCode, unit.id, query.year, query.quarter ?? null, ctx.now);
  const input: PackInput = {
    problems,
    observations,
    competition,
    unitName: unit.nameZh,
    unitId: unit.id,
    year: query.year,
    quarter: query.quarter ?? null,
    overview: overviewOf,
    reds: reds.items,
    praised: praised.items,
    letters,
    boards,
  };
  const data = await packDocx(input, ctx.locale);
  const name =
    ctx.locale === 'zh-CN'
      ? `${unit.nameZh}${query.year}年${query.quarter ? `第${query.quarter}季度讲评` : '年度考核'}.docx`
      : `${query.year}${query.quarter ? `-Q${query.quarter}` : ''}-pack-${unit.id}.docx`;
  return { name, data, asOf };
}
