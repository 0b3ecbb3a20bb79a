import { toUnits } from '../../../../contracts/money.js';

/**
 * 承诺兑现: each item of a commitment letter is pending, fulfilled, late or missed, from
 * actual data as of a date. Dated items (start, milestone, production) compare the actual
 * date with the deadline; quantity items (annual investment, projects started) compare the
 * actual figure with the committed one and count min(actual ÷ committed, 1).
 */
export type ItemStatus = 'pending' | 'fulfilled' | 'late' | 'missed';

export type ItemMeasure =
  | { type: 'date'; deadline: string; actualOn: string | null }
  | { type: 'amount'; deadline: string; committed: string; actual: string; reachedOn: string | null }
  | { type: 'count'; deadline: string; committed: number; actual: number; reachedOn: string | null };

export interface ItemState {
  status: ItemStatus;
  /** 0–1: what the item contributes to the fulfilment rate once decided. */
  score: number;
  /** Progress towards a quantity (0–1), also while pending. */
  progress: number;
}

export interface FulfilmentRules {
  /** What a late item scores (the product counts only fulfilled items: 0 by default). */
  lateCredit: number;
}

export const DEFAULT_FULFILMENT_RULES: FulfilmentRules = { lateCredit: 0 };

function ratio(actual: bigint, committed: bigint): number {
  if (committed <= 0n) return 1;
  const r = Number((actual * 1_000_000n) / committed) / 1_000_000;
  return Math.max(0, Math.min(1, r));
}

export function itemState(measure: ItemMeasure, asOf: string, rules: FulfilmentRules = DEFAULT_FULFILMENT_RULES): ItemState {
  if (measure.type === 'date') {
    const done = measure.actualOn !== null && measure.actualOn <= asOf ? measure.actualOn : null;
    if (done)
      return done <= measure.deadline
        ? { status: 'fulfilled', score: 1, progress: 1 }
        : { status: 'late', score: rules.lateCredit, progress: 1 };
    return asOf > measure.deadline ? { status: 'missed', score: 0, progress: 0 } : { status: 'pending', score: 0, progress: 0 };
  }
  const [actual, committed] =
    measure.type === 'amount' ? [toUnits(measure.actual), toUnits(measure.committed)] : [BigInt(measure.actual), BigInt(measure.committed)];
  const progress = ratio(actual, committed);
  if (actual >= committed) {
    const reachedOn = measure.reachedOn ?? asOf;
    return reachedOn <= measure.deadline
      ? { status: 'fulfilled', score: 1, progress: 1 }
      : { status: 'late', score: Math.max(rules.lateCredit, 0), progress: 1 };
  }
  // Short of the target: min(actual ÷ committed, 1) counts once the deadline has passed.
  return asOf > measure.deadline ? { status: 'missed', score: progress, progress } : { status: 'pending', score: 0, progress };
}

/**
 * The letter's fulfilment rate: the weighted share of decided items' scores (pending items
 * wait; at year end every item is decided). Null while nothing is decided.
 */
export function fulfilmentRate(items: readonly { weight: number; state: ItemState }[]): number | null {
  let weights = 0;
  let total = 0;
  for (const { weight, state } of items) {
    if (state.status === 'pending' || weight <= 0) continue;
    weights += weight;
    total += weight * state.score;
  }
  return weights === 0 ? null : total / weights;
}

/** Counts by status, for the year-end account (交总账). */
export function statusCounts(states: readonly ItemState[]): Record<ItemStatus, number> {
  const counts: Record<ItemStatus, number> = { pending: 0, fulfilled: 0, late: 0, missed: 0 };
  for (const s of states) counts[s.status]++;
  return counts;
}
