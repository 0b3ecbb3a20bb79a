import { MILESTONE_KINDS, type MilestoneKind } from '../../../../src/contracts/index.js';

export type MilestoneStatus = 'done' | 'doneLate' | 'overdue' | 'planned' | 'unplanned';

export interface MilestoneView {
  kind: MilestoneKind;
  plannedOn: string | null;
  actualOn: string | null;
  status: MilestoneStatus;
  /** Days late: actual after planned, or planned date passed without an actual one. */
  daysLate: number;
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Every milestone kind in construction order with its state on `today`: done (on time or
 * late), overdue (planned date passed, not done — highlighted), planned, or not planned.
 */
export function milestoneViews(
  milestones: readonly { kind: MilestoneKind; plannedOn: string | null; actualOn: string | null }[],
  today: string,
): MilestoneView[] {
  return MILESTONE_KINDS.map((kind) => {
    const m = milestones.find((candidate) => candidate.kind === kind);
    const plannedOn = m?.plannedOn ?? null;
    const actualOn = m?.actualOn ?? null;
    if (actualOn) {
      const late = plannedOn ? days(plannedOn, actualOn) : 0;
      return { kind, plannedOn, actualOn, status: late > 0 ? 'doneLate' : 'done', daysLate: Math.max(0, late) };
    }
    if (plannedOn && plannedOn < today) return { kind, plannedOn, actualOn, status: 'overdue', daysLate: days(plannedOn, today) };
    return { kind, plannedOn, actualOn, status: plannedOn ? 'planned' : 'unplanned', daysLate: 0 };
  });
}
