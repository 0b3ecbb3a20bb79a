import type { AnnualPlanInput, MessageKey, MilestoneKind, ProjectStage } from '../../../../contracts/index.js';
import { fromUnits, groupDigits, toUnits } from '../../../../contracts/money.js';

export interface FieldProblem {
  path: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

interface MilestoneDates {
  kind: MilestoneKind;
  plannedOn?: string | null;
  actualOn?: string | null;
}

/** The stage of a project follows from its actual milestone dates. */
export function projectStage(milestones: readonly MilestoneDates[], asOf?: string): ProjectStage {
  const done = (kind: MilestoneKind) => milestones.some((m) => m.kind === kind && m.actualOn && (!asOf || m.actualOn <= asOf));
  if (done('production')) return 'in_production';
  if (done('completion')) return 'completed';
  if (done('start')) return 'under_construction';
  return 'preparing';
}

/** Checks of a project's own data that need no database: dates, milestones, annual plans. */
export function checkProjectData(
  input: {
    plannedStartOn?: string | null;
    plannedEndOn?: string | null;
    milestones?: readonly MilestoneDates[];
    annualPlans?: readonly AnnualPlanInput[];
  },
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.plannedStartOn && input.plannedEndOn && input.plannedEndOn < input.plannedStartOn) {
    problems.push({ path: 'plannedEndOn', key: 'project.datesOrder' });
  }
  const seenKinds = new Set<string>();
  (input.milestones ?? []).forEach((m, i) => {
    if (seenKinds.has(m.kind)) problems.push({ path: `milestones.${i}.kind`, key: 'project.duplicateMilestone' });
    seenKinds.add(m.kind);
    if (m.actualOn && m.actualOn > today) problems.push({ path: `milestones.${i}.actualOn`, key: 'project.actualInFuture' });
  });
  const seenYears = new Set<number>();
  (input.annualPlans ?? []).forEach((plan, i) => {
    if (seenYears.has(plan.year)) problems.push({ path: `annualPlans.${i}.year`, key: 'project.duplicateYear' });
    seenYears.add(plan.year);
    if (plan.monthly) {
      const sum = plan.monthly.reduce((acc, m) => acc + toUnits(m), 0n);
      if (sum !== toUnits(plan.plannedInvestment)) {
        problems.push({
          path: `annualPlans.${i}.monthly`,
          key: 'project.monthlySum',
          params: { sum: groupDigits(fromUnits(sum)), planned: groupDigits(plan.plannedInvestment) },
        });
      }
    }
  });
  return problems;
}

/** Field-by-field differences between two snapshots (for the project's history tab). */
export function diffSnapshots(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const key of keys) {
    const b = before?.[key] ?? null;
    const a = after[key] ?? null;
    if (!sameJson(b, a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

/** JSON.stringify(a) === JSON.stringify(b), without serialising the plain values (most fields of an import). */
function sameJson(a: unknown, b: unknown): boolean {
  const plain = (v: unknown) => v === null || (typeof v !== 'object' && (typeof v !== 'number' || Number.isFinite(v)));
  if (plain(a) && plain(b)) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}
