import { FUNNEL_STAGES, type DealKind, type DealStage, type DuplicateStatus, type FunnelStage } from '../../../../contracts/deals.js';
import { fromUnits, moneyRatio, toUnits } from '../../../../contracts/money.js';
import { type StageEvent, reachedStage, stageRank } from './stages.js';

/** What the funnel needs of a deal. */
export interface FunnelDeal {
  kind: DealKind;
  signedOn: string;
  contractedAmount: string;
  countedAmount: string;
  duplicateStatus: DuplicateStatus;
  isLateFiling: boolean;
  /** Stage events in the order they happened (the filing's own `signed` event included or not). */
  history: readonly StageEvent[];
}

export interface FunnelWindow {
  cohortFrom: string;
  cohortTo: string;
  asOf: string;
}

export interface StageRate {
  reachedCount: number;
  reachedAmount: string;
  byCount: number | null;
  byAmount: number | null;
}

export interface FunnelFigures {
  cohortCount: number;
  cohortAmount: string;
  attractedAmount: string;
  target: string | null;
  attractionRate: number | null;
  stages: Record<FunnelStage, StageRate>;
  lateFilings: number;
  unsettledDuplicates: number;
}

/**
 * The cohort: new deals (follow-ups only add to amounts attracted) signed between
 * cohortFrom and cohortTo and known by asOf, except those the city excluded as duplicates.
 */
export function isInCohort(deal: FunnelDeal, window: FunnelWindow): boolean {
  return (
    deal.kind === 'new' &&
    deal.duplicateStatus !== 'excluded' &&
    deal.signedOn >= window.cohortFrom &&
    deal.signedOn <= window.cohortTo &&
    deal.signedOn <= window.asOf
  );
}

/**
 * Funnel figures of a group of deals (PRODUCT §2.1):
 * - 招引率 = counted amounts signed from 1 January of the as-of year up to asOf ÷ target;
 * - 履约率, 落地率, 开工率, 投产率 = share of the cohort that had reached the stage by asOf,
 *   by count and weighted by contracted amount.
 */
export function funnelFigures(deals: readonly FunnelDeal[], window: FunnelWindow, target: string | null): FunnelFigures {
  const yearStart = `${window.asOf.slice(0, 4)}-01-01`;
  let cohortCount = 0;
  let cohortUnits = 0n;
  let attractedUnits = 0n;
  let lateFilings = 0;
  let unsettledDuplicates = 0;
  const reachedCount = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<FunnelStage, number>;
  const reachedUnits = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0n])) as Record<FunnelStage, bigint>;

  for (const deal of deals) {
    if (deal.duplicateStatus !== 'excluded' && deal.signedOn >= yearStart && deal.signedOn <= window.asOf) {
      attractedUnits += toUnits(deal.countedAmount);
    }
    if (!isInCohort(deal, window)) continue;
    cohortCount++;
    const amount = toUnits(deal.contractedAmount);
    cohortUnits += amount;
    if (deal.isLateFiling) lateFilings++;
    if (deal.duplicateStatus === 'flagged') unsettledDuplicates++;
    const reached = reachedStage(deal.signedOn, deal.history, window.asOf) as DealStage;
    for (const stage of FUNNEL_STAGES) {
      if (stageRank(reached) >= stageRank(stage)) {
        reachedCount[stage]++;
        reachedUnits[stage] += amount;
      }
    }
  }

  const cohortAmount = fromUnits(cohortUnits);
  const attractedAmount = fromUnits(attractedUnits);
  const stages = Object.fromEntries(
    FUNNEL_STAGES.map((stage) => {
      const amount = fromUnits(reachedUnits[stage]);
      return [
        stage,
        {
          reachedCount: reachedCount[stage],
          reachedAmount: amount,
          byCount: cohortCount === 0 ? null : reachedCount[stage] / cohortCount,
          byAmount: moneyRatio(amount, cohortAmount),
        },
      ];
    }),
  ) as Record<FunnelStage, StageRate>;
  return {
    cohortCount,
    cohortAmount,
    attractedAmount,
    target,
    attractionRate: target === null ? null : moneyRatio(attractedAmount, target),
    stages,
    lateFilings,
    unsettledDuplicates,
  };
}
