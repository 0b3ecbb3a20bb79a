import type { BoardEntry } from '../../../../src/contracts/index.js';

export type Movement = { kind: 'up' | 'down'; places: number } | { kind: 'same' } | { kind: 'new' };

/** What the arrow beside a rank says, from the movement the server computed against last month. */
export function movementOf(entry: Pick<BoardEntry, 'movement' | 'previousRank'>): Movement {
  if (entry.previousRank === null || entry.movement === null) return { kind: 'new' };
  if (entry.movement > 0) return { kind: 'up', places: entry.movement };
  if (entry.movement < 0) return { kind: 'down', places: -entry.movement };
  return { kind: 'same' };
}

/** The ranks that more than one unit shares (1, 2, 2, 4: rank 2 is a tie). */
export function tiedRanks(entries: readonly Pick<BoardEntry, 'rank'>[]): Set<number> {
  const seen = new Map<number, number>();
  for (const entry of entries) seen.set(entry.rank, (seen.get(entry.rank) ?? 0) + 1);
  return new Set([...seen].filter(([, count]) => count > 1).map(([rank]) => rank));
}

/** A board where every unit has the same figure (nothing reported yet) ranks nobody in earnest. */
export function isFlat(entries: readonly Pick<BoardEntry, 'value'>[]): boolean {
  return entries.length > 0 && entries.every((entry) => entry.value === entries[0]!.value);
}
