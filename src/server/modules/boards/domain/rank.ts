import { toUnits } from '../../../../contracts/money.js';

/**
 * Standard competition ranking ("1, 2, 2, 4"): equal values share a rank and the next rank
 * skips accordingly. Values are exact decimal strings; larger is better unless `ascending`.
 */
export interface Ranked<K> {
  key: K;
  value: string;
  rank: number;
}

export function rankWithTies<K>(entries: readonly { key: K; value: string }[], ascending = false): Ranked<K>[] {
  const sorted = entries
    .map((e) => ({ ...e, units: toUnits(e.value) }))
    .sort((a, b) => (a.units === b.units ? 0 : a.units < b.units === ascending ? -1 : 1));
  const out: Ranked<K>[] = [];
  sorted.forEach((e, i) => {
    const previous = out[i - 1];
    const rank = previous && sorted[i - 1]!.units === e.units ? previous.rank : i + 1;
    out.push({ key: e.key, value: e.value, rank });
  });
  return out;
}

/** Places moved since the previous ranking: positive = up; null when it was not ranked before. */
export function movement(rank: number, previousRank: number | null | undefined): number | null {
  return previousRank === null || previousRank === undefined ? null : previousRank - rank;
}
