import { MILESTONE_KINDS, type MilestoneKind, type Project } from '../../../../src/contracts/index.js';
import { blankToNull, blankToUndefined, isBlank } from '../../lib/zod-form';

export interface MilestoneRow {
  kind: MilestoneKind;
  plannedOn?: string | null;
  actualOn?: string | null;
}
export interface AnnualPlanRow {
  year?: number | null;
  plannedInvestment?: string | null;
  /** Twelve months, January first; all blank means "no monthly schedule". */
  monthly?: (string | null | undefined)[] | null;
}
export interface TaskForceRow {
  name?: string | null;
  role?: string | null;
  phone?: string | null;
}

/** The project form: one row per milestone kind (always all seven), list rows for plans and the task force. */
export interface ProjectFormValues {
  code?: string | null;
  name?: string | null;
  ownerUscc?: string | null;
  ownerName?: string | null;
  unitId?: number | null;
  parkId?: number | null;
  industryCode?: string | null;
  industryChain?: string | null;
  category?: Project['category'] | null;
  level?: Project['level'] | null;
  kind?: Project['kind'] | null;
  totalInvestment?: string | null;
  plannedStartOn?: string | null;
  plannedEndOn?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  liaisonLeaderUserId?: number | null;
  responsibleUnitId?: number | null;
  description?: string | null;
  milestones: MilestoneRow[];
  annualPlans: AnnualPlanRow[];
  taskForce: TaskForceRow[];
}

export const EMPTY_MONTHS: null[] = Array.from({ length: 12 }, () => null);

export function formValuesOf(project: Project | null, defaults: { unitId?: number } = {}): ProjectFormValues {
  const milestones = MILESTONE_KINDS.map((kind) => {
    const stored = project?.milestones.find((m) => m.kind === kind);
    return { kind, plannedOn: stored?.plannedOn ?? null, actualOn: stored?.actualOn ?? null };
  });
  if (!project) return { unitId: defaults.unitId ?? null, milestones, annualPlans: [], taskForce: [] };
  return {
    code: project.code,
    name: project.name,
    ownerUscc: project.ownerUscc,
    ownerName: project.ownerName,
    unitId: project.unitId,
    parkId: project.parkId,
    industryCode: project.industryCode,
    industryChain: project.industryChain,
    category: project.category,
    level: project.level,
    kind: project.kind,
    totalInvestment: project.totalInvestment,
    plannedStartOn: project.plannedStartOn,
    plannedEndOn: project.plannedEndOn,
    latitude: project.latitude,
    longitude: project.longitude,
    liaisonLeaderUserId: project.liaisonLeaderUserId,
    responsibleUnitId: project.responsibleUnitId,
    description: project.description,
    milestones,
    annualPlans: project.annualPlans.map((plan) => ({ ...plan, monthly: plan.monthly ?? [...EMPTY_MONTHS] })),
    taskForce: project.taskForce.map((member) => ({ ...member })),
  };
}

function text(value: string | null | undefined): string | undefined {
  return isBlank(value) ? undefined : (value as string).trim();
}

/**
 * The API payload of the form (CreateProjectSchema's shape; the schema checks it). Milestone
 * rows without dates are left out: `milestoneRows[i]` is the form row of submitted milestone i,
 * so an error about `milestones.i` can be shown on its row.
 */
export function payloadOf(values: ProjectFormValues): { payload: Record<string, unknown>; milestoneRows: number[] } {
  const milestoneRows: number[] = [];
  const milestones = values.milestones.flatMap((row, index) => {
    if (isBlank(row.plannedOn) && isBlank(row.actualOn)) return [];
    milestoneRows.push(index);
    // Rows are one per kind, in MILESTONE_KINDS order.
    return [{ kind: row.kind ?? MILESTONE_KINDS[index], plannedOn: blankToNull(row.plannedOn), actualOn: blankToNull(row.actualOn) }];
  });
  const annualPlans = values.annualPlans.map((plan) => {
    const months = plan.monthly ?? [];
    const hasMonths = months.some((month) => !isBlank(month));
    return {
      year: blankToUndefined(plan.year),
      plannedInvestment: text(plan.plannedInvestment),
      // Months left blank in a schedule are months without investment.
      monthly: hasMonths ? Array.from({ length: 12 }, (_, i) => text(months[i]) ?? '0') : null,
    };
  });
  const ownerUscc = text(values.ownerUscc)?.toUpperCase() ?? null;
  const payload: Record<string, unknown> = {
    code: text(values.code)?.toUpperCase() ?? null,
    name: text(values.name),
    ownerUscc,
    ownerName: ownerUscc ? (text(values.ownerName) ?? null) : null,
    unitId: blankToUndefined(values.unitId),
    parkId: blankToNull(values.parkId),
    industryCode: text(values.industryCode),
    industryChain: blankToNull(values.industryChain),
    category: blankToUndefined(values.category),
    level: blankToUndefined(values.level),
    kind: blankToUndefined(values.kind),
    totalInvestment: text(values.totalInvestment),
    plannedStartOn: blankToNull(values.plannedStartOn),
    plannedEndOn: blankToNull(values.plannedEndOn),
    latitude: blankToNull(values.latitude),
    longitude: blankToNull(values.longitude),
    liaisonLeaderUserId: blankToNull(values.liaisonLeaderUserId),
    responsibleUnitId: blankToNull(values.responsibleUnitId),
    description: text(values.description) ?? null,
    milestones,
    annualPlans,
    taskForce: values.taskForce.map((member) => ({
      name: text(member.name),
      role: text(member.role),
      phone: text(member.phone) ?? null,
    })),
  };
  return { payload, milestoneRows };
}

/** A stored value and a payload value in one comparable form (null and absent alike, milestones by kind). */
function comparable(key: string, value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (key === 'milestones' && Array.isArray(value)) {
    return JSON.stringify(
      [...value]
        .map((m: MilestoneRow) => ({ kind: m.kind, plannedOn: m.plannedOn ?? null, actualOn: m.actualOn ?? null }))
        .sort((a, b) => a.kind.localeCompare(b.kind)),
    );
  }
  if (key === 'annualPlans' && Array.isArray(value)) {
    return JSON.stringify(
      value.map((p: AnnualPlanRow) => ({ year: p.year, plannedInvestment: p.plannedInvestment, monthly: p.monthly ?? null })),
    );
  }
  if (key === 'taskForce' && Array.isArray(value)) {
    return JSON.stringify(value.map((m: TaskForceRow) => ({ name: m.name, role: m.role, phone: m.phone ?? null })));
  }
  return JSON.stringify(value);
}

/**
 * What an edit changes: only the fields that differ from the stored project (an unchanged
 * form sends nothing). The owner's name goes along with a new owner credit code only.
 */
export function changesOf(project: Project, payload: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const stored = project as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'ownerName') continue;
    if (comparable(key, stored[key]) !== comparable(key, value)) changes[key] = value;
  }
  if ('ownerUscc' in changes) changes.ownerName = payload.ownerName ?? null;
  return changes;
}
