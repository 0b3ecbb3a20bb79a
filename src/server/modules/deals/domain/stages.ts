import { ACTIVE_DEAL_STAGES, type DealStage } from '../../../../contracts/deals.js';

/**
 * The life of a deal (招商项目): signed 签约 → fulfilling 履约 → landed 落地 → started 开工 →
 * in production 投产, plus the side states stalled 停滞 and terminated 终止.
 * Moving forward may skip stages (the skipped ones count as reached); moving back, stalling
 * and terminating need a reason; a terminated deal stays terminated; dates never go back.
 */
export function stageRank(stage: DealStage): number {
  return ACTIVE_DEAL_STAGES.indexOf(stage as (typeof ACTIVE_DEAL_STAGES)[number]);
}

export function isActiveStage(stage: DealStage): boolean {
  return stageRank(stage) >= 0;
}

export interface StageEvent {
  toStage: DealStage;
  occurredOn: string; // ISO date
}

export type TransitionProblem =
  | 'deal.sameStage'
  | 'deal.terminated'
  | 'deal.reasonRequired'
  | 'deal.dateBeforePrevious'
  | 'deal.dateBeforeSigning'
  | 'deal.dateInFuture';

/** The last active stage in a history (what a stalled deal resumes from). */
export function lastActiveStage(history: readonly StageEvent[]): DealStage {
  for (let i = history.length - 1; i >= 0; i--) {
    const stage = history[i]!.toStage;
    if (isActiveStage(stage)) return stage;
  }
  return 'signed';
}

/** What is wrong with moving to `to` on `on` (empty when allowed). Dates are ISO yyyy-mm-dd. */
export function checkTransition(input: {
  history: readonly StageEvent[];
  signedOn: string;
  to: DealStage;
  on: string;
  today: string;
  reason: string | null | undefined;
}): TransitionProblem[] {
  const { history, to, on } = input;
  const current = history.at(-1)?.toStage ?? 'signed';
  const problems: TransitionProblem[] = [];
  if (current === 'terminated') return ['deal.terminated'];
  if (current === to) problems.push('deal.sameStage');
  const hasReason = !!input.reason?.trim();
  const isBackward = isActiveStage(to) && stageRank(to) < stageRank(lastActiveStage(history));
  if ((to === 'stalled' || to === 'terminated' || isBackward) && !hasReason) problems.push('deal.reasonRequired');
  const previousDate = history.at(-1)?.occurredOn ?? input.signedOn;
  if (on < input.signedOn) problems.push('deal.dateBeforeSigning');
  else if (on < previousDate) problems.push('deal.dateBeforePrevious');
  if (on > input.today) problems.push('deal.dateInFuture');
  return problems;
}

/**
 * The stage a deal had reached on `asOf`: the latest active stage recorded on or before that
 * date (a stalled or terminated deal keeps the stage it had reached; a move back with a
 * reason is a correction and lowers it). Null when the deal was not yet signed by then.
 */
export function reachedStage(signedOn: string, history: readonly StageEvent[], asOf: string): DealStage | null {
  if (signedOn > asOf) return null;
  let reached: DealStage = 'signed';
  for (const event of history) {
    if (event.occurredOn > asOf) break;
    if (isActiveStage(event.toStage)) reached = event.toStage;
  }
  return reached;
}
