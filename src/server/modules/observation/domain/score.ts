import type { ObservationCriterion } from '../../../../contracts/index.js';
// The boards' standard competition ranking (1, 2, 2, 4), a pure function shared as is.
import { rankWithTies } from '../../boards/domain/rank.js';

/**
 * Scores of an observation tour (现场观摩, PRODUCT §2.6), from the judges' points alone: a
 * judge's total for a site is the weighted mean of the points; a site's score is the mean of
 * its judges' totals, without the highest and the lowest once `trimFrom` or more judges scored
 * it; a unit's score is the mean of its sites' scores. Ranks share places on equal scores as
 * shown (two decimals), as the boards do.
 */
export interface JudgePoints {
  judgeId: number;
  points: Readonly<Record<string, number>>;
}

export interface SiteInput {
  siteId: number;
  unitId: number;
  scores: readonly JudgePoints[];
}

export interface JudgeTotal {
  judgeId: number;
  total: number;
  dropped: 'high' | 'low' | null;
}

export interface SiteScore {
  siteId: number;
  unitId: number;
  judges: JudgeTotal[];
  score: number | null;
  rank: number | null;
}

export interface UnitScore {
  unitId: number;
  score: number;
  siteCount: number;
  rank: number;
}

/** Σ weight × points ÷ Σ weight over the criteria; a criterion without points counts 0. */
export function judgeTotal(criteria: readonly ObservationCriterion[], points: Readonly<Record<string, number>>): number {
  let weighted = 0;
  let weights = 0;
  for (const c of criteria) {
    weighted += c.weight * (points[c.key] ?? 0);
    weights += c.weight;
  }
  return weights === 0 ? 0 : weighted / weights;
}

/**
 * Two decimals as shown and as ranked, half up (as the judge's page computes the total it shows
 * while typing). `toFixed` alone rounds the binary value: 58.525 is stored as 58.52499… and would
 * print 58.52. The nudge (1e-8 of a hundredth) is above the floating-point error of these sums
 * and below the smallest distance from a half that a mean of weighted points can have.
 */
export const shown = (score: number) => (Math.round(score * 100 + 1e-8) / 100).toFixed(2);

/**
 * A site's judges' totals, the dropped ones marked (one highest, one lowest, from `trimFrom`
 * judges; among equal totals the judge listed last is dropped as highest, the one listed first
 * as lowest, so the choice is stable), and the mean of the others.
 */
export function siteScore(
  criteria: readonly ObservationCriterion[],
  scores: readonly JudgePoints[],
  trimFrom: number,
): { judges: JudgeTotal[]; score: number | null } {
  const judges: JudgeTotal[] = scores.map((s) => ({ judgeId: s.judgeId, total: judgeTotal(criteria, s.points), dropped: null }));
  if (!judges.length) return { judges, score: null };
  if (judges.length >= trimFrom) {
    let high = 0;
    let low = 0;
    judges.forEach((j, i) => {
      if (j.total >= judges[high]!.total) high = i;
      if (j.total < judges[low]!.total) low = i;
    });
    judges[high]!.dropped = 'high';
    judges[low]!.dropped = 'low';
  }
  const kept = judges.filter((j) => j.dropped === null);
  return { judges, score: kept.reduce((sum, j) => sum + j.total, 0) / kept.length };
}

/** Every site's score and rank, and every unit's (units with no scored site are not ranked). */
export function tourScores(
  criteria: readonly ObservationCriterion[],
  sites: readonly SiteInput[],
  trimFrom: number,
): { sites: SiteScore[]; units: UnitScore[] } {
  const scored = sites.map((s) => ({ siteId: s.siteId, unitId: s.unitId, ...siteScore(criteria, s.scores, trimFrom) }));
  const siteRanks = new Map(
    rankWithTies(scored.filter((s) => s.score !== null).map((s) => ({ key: s.siteId, value: shown(s.score!) }))).map((r) => [
      r.key,
      r.rank,
    ]),
  );
  const byUnit = new Map<number, number[]>();
  for (const s of scored) {
    if (s.score === null) continue;
    byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s.score]);
  }
  const unitMeans = [...byUnit].map(([unitId, list]) => ({
    unitId,
    score: list.reduce((a, b) => a + b, 0) / list.length,
    siteCount: list.length,
  }));
  const unitRanks = rankWithTies(unitMeans.map((u) => ({ key: u.unitId, value: shown(u.score) })));
  const meanOf = new Map(unitMeans.map((u) => [u.unitId, u]));
  return {
    sites: scored.map((s) => ({ ...s, rank: siteRanks.get(s.siteId) ?? null })),
    units: unitRanks.map((r) => ({
      unitId: r.key,
      score: meanOf.get(r.key)!.score,
      siteCount: meanOf.get(r.key)!.siteCount,
      rank: r.rank,
    })),
  };
}

/** Why a judge's points cannot be taken: a criterion without points, or points for no criterion. */
export function pointsProblems(
  criteria: readonly ObservationCriterion[],
  points: Readonly<Record<string, number>>,
): { key: string; problem: 'missing' | 'unknown' }[] {
  const known = new Set(criteria.map((c) => c.key));
  return [
    ...criteria.filter((c) => points[c.key] === undefined).map((c) => ({ key: c.key, problem: 'missing' as const })),
    ...Object.keys(points)
      .filter((k) => !known.has(k))
      .map((k) => ({ key: k, problem: 'unknown' as const })),
  ];
}

/**
 * A judge stands aside (回避) from the sites of their own jurisdiction: a judge scoped to a
 * unit (a county, a park) does not score a site whose unit is that unit or below it.
 */
export function isRecused(judgeScopePath: string | null, siteUnitPath: string): boolean {
  return judgeScopePath !== null && siteUnitPath.startsWith(judgeScopePath);
}
