import { fromUnits, toUnits } from '../../../../contracts/money.js';
import { DEFAULT_PROFILE, type Profile, scaleMoney } from './forecast.js';

/** 红黄绿灯 thresholds (configuration). */
export interface LightThresholds {
  /** Year-to-date ÷ plan due by now at least this: green. */
  green: number;
  /** At least this (and below green): yellow; below: red. */
  yellow: number;
  /** A planned milestone this many days past without an actual date makes the light red. */
  milestoneOverdueDays: number;
}

export const DEFAULT_LIGHT_THRESHOLDS: LightThresholds = { green: 0.9, yellow: 0.7, milestoneOverdueDays: 30 };

export type Light = 'green' | 'yellow' | 'red' | 'none';

/** The plan due by the end of `month`: the monthly schedule's sum, or the annual plan × the seasonal share. */
export function planDueBy(
  plan: { plannedInvestment: string; monthly: readonly string[] | null },
  month: number,
  profile: Profile = DEFAULT_PROFILE,
): string {
  if (month <= 0) return '0';
  if (plan.monthly && plan.monthly.length === 12) {
    return fromUnits(plan.monthly.slice(0, Math.min(month, 12)).reduce((sum, m) => sum + toUnits(m), 0n));
  }
  return scaleMoney(plan.plannedInvestment, profile[Math.min(month, 12) - 1] ?? 1);
}

export interface LightReason {
  key: 'light.behindPlan' | 'light.milestoneOverdue' | 'light.problemOverdue' | 'light.noPlan';
  params?: Record<string, string | number>;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A project's light as of a date: by year-to-date investment against the plan due by now,
 * and red whenever a milestone is more than N days overdue or a problem is past its deadline.
 */
export function projectLight(
  input: {
    ytd: string;
    dueByNow: string | null;
    milestones: readonly { kind: string; plannedOn: string | null; actualOn: string | null }[];
    overdueProblems?: number;
  },
  asOf: string,
  t: LightThresholds = DEFAULT_LIGHT_THRESHOLDS,
): { light: Light; ratio: number | null; reasons: LightReason[] } {
  const reasons: LightReason[] = [];
  const due = input.dueByNow === null ? 0n : toUnits(input.dueByNow);
  const ratio = due > 0n ? Number((toUnits(input.ytd) * 1_000_000n) / due) / 1_000_000 : null;
  let light: Light = ratio === null ? 'none' : ratio >= t.green ? 'green' : ratio >= t.yellow ? 'yellow' : 'red';
  if (ratio !== null && light !== 'green') reasons.push({ key: 'light.behindPlan', params: { percent: Math.round(ratio * 1000) / 10 } });
  if (ratio === null) reasons.push({ key: 'light.noPlan' });
  for (const m of input.milestones) {
    if (m.plannedOn && !m.actualOn && daysBetween(m.plannedOn, asOf) > t.milestoneOverdueDays) {
      light = 'red';
      reasons.push({ key: 'light.milestoneOverdue', params: { milestone: m.kind, days: daysBetween(m.plannedOn, asOf) } });
    }
  }
  if ((input.overdueProblems ?? 0) > 0) {
    light = 'red';
    reasons.push({ key: 'light.problemOverdue', params: { count: input.overdueProblems ?? 0 } });
  }
  return { light, ratio, reasons };
}

export type HonourList = 'red' | 'yellow';

/**
 * 红黄榜 (Hengyang, 2026): a green project at or above `honourRatio` of its plan due is ahead of
 * schedule and goes on the red list (praise); a red-light project (far behind, a milestone long
 * overdue or a problem past its deadline) goes on the yellow list (lagging). Others on neither.
 */
export function honourListOf(project: { light: Light; ratio: number | null }, honourRatio: number): HonourList | null {
  if (project.light === 'green' && project.ratio !== null && project.ratio >= honourRatio) return 'red';
  if (project.light === 'red') return 'yellow';
  return null;
}

/** A unit's or the city's light: the same thresholds on the summed figures. */
export function aggregateLight(
  ytd: string,
  dueByNow: string,
  t: LightThresholds = DEFAULT_LIGHT_THRESHOLDS,
): { light: Light; ratio: number | null } {
  const due = toUnits(dueByNow);
  if (due <= 0n) return { light: 'none', ratio: null };
  const ratio = Number((toUnits(ytd) * 1_000_000n) / due) / 1_000_000;
  return { light: ratio >= t.green ? 'green' : ratio >= t.yellow ? 'yellow' : 'red', ratio };
}
