import { ACTIVE_DEAL_STAGES, DEAL_STAGES, type DealStage } from '../../../../src/contracts/index.js';

/**
 * What the stage-change dialog allows, by the rules the server applies (deals/domain/stages.ts):
 * any other stage, forward moves may skip stages; stalling, terminating and moving back need a
 * reason; a terminated deal stays terminated; the date lies between the last change and today.
 */
function rank(stage: DealStage): number {
  return (ACTIVE_DEAL_STAGES as readonly string[]).indexOf(stage);
}

/** The last active stage of a history (what a stalled deal resumes from). */
export function lastActiveStage(history: readonly { toStage: DealStage }[]): DealStage {
  for (let i = history.length - 1; i >= 0; i--) {
    const stage = history[i]!.toStage;
    if (rank(stage) >= 0) return stage;
  }
  return 'signed';
}

export interface TransitionRules {
  /** No change is possible (terminated). */
  closed: boolean;
  targets: DealStage[];
  reasonRequired: (to: DealStage | undefined) => boolean;
  /** Landing or beyond without a registry project yet: the dialog offers to link one. */
  asksForProject: (to: DealStage | undefined) => boolean;
  earliest: string;
  latest: string;
}

export function transitionRules(
  deal: { stage: DealStage; signedOn: string; projectId: number | null },
  history: readonly { toStage: DealStage; occurredOn: string }[],
  today: string,
): TransitionRules {
  const lastActive = lastActiveStage(history);
  const previous = history.at(-1)?.occurredOn ?? deal.signedOn;
  return {
    closed: deal.stage === 'terminated',
    targets: deal.stage === 'terminated' ? [] : DEAL_STAGES.filter((stage) => stage !== deal.stage),
    reasonRequired: (to) => to === 'stalled' || to === 'terminated' || (to !== undefined && rank(to) >= 0 && rank(to) < rank(lastActive)),
    asksForProject: (to) => to !== undefined && deal.projectId === null && rank(to) >= rank('landed'),
    earliest: previous.localeCompare(deal.signedOn) > 0 ? previous : deal.signedOn,
    latest: today,
  };
}
