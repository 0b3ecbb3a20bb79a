import type { CompetitionGroup, CompetitionIndicator, CompetitionRule, CompetitionUnitResult } from '../../../../contracts/index.js';

/**
 * The competition's scoring (争先创优, PRODUCT §2.7), pure: each indicator's value becomes a
 * share of its points by its rule, a unit's points are the sum over the indicators, plus its
 * bonus and minus its penalty items (a unit without a value wins what the indicator's `missing`
 * rule says: nothing, the others' mean share, or the full points); units are ranked on the total
 * with ties sharing a rank, the first `rewardCount` places commended and the last `warningCount` warned.
 * Points are worked in hundredths (integers), so sums are exact and ties are real ties.
 */
export interface UnitInput {
  unitId: number;
  unitName: string;
  /** Indicator key → value (null or missing: no value for the period). */
  values: Readonly<Record<string, number | null>>;
  /** The sum of the unit's bonus (+) and penalty (−) items for the period. */
  adjustment: number;
}

/** Standard competition ranking of numbers (1, 2, 2, 4); larger first unless `ascending`. */
export function rankNumbers<K>(entries: readonly { key: K; value: number }[], ascending: boolean): Map<K, number> {
  const sorted = [...entries].sort((a, b) => (ascending ? a.value - b.value : b.value - a.value));
  const out = new Map<K, number>();
  sorted.forEach((e, i) => {
    out.set(e.key, i > 0 && sorted[i - 1]!.value === e.value ? out.get(sorted[i - 1]!.key)! : i + 1);
  });
  return out;
}

const hundredths = (x: number) => Math.round(x * 100 + (x >= 0 ? 1e-8 : -1e-8));

/** The share of the points for a value under a ratio or thresholds rule (rank rules need every unit: `rankShares`). */
export function shareOf(rule: Exclude<CompetitionRule, { kind: 'rank' }>, value: number | null): number {
  if (value === null) return 0;
  if (rule.kind === 'ratio') return Math.min(Math.max(value / rule.target, 0), rule.cap);
  return rule.steps.find((s) => value >= s.min)?.share ?? 0;
}

/**
 * Rank rule: the units with a value ranked (ties share a rank, `desc` = larger is better); the
 * first place wins the full points, the last place `lowest` of them, the places between in even
 * steps. A unit without a value wins nothing and has no rank.
 */
export function rankShares(
  rule: Extract<CompetitionRule, { kind: 'rank' }>,
  values: readonly { unitId: number; value: number | null }[],
): Map<number, { rank: number; share: number }> {
  const present = values.filter((v): v is { unitId: number; value: number } => v.value !== null);
  const ranked = rankNumbers(
    present.map((v) => ({ key: v.unitId, value: v.value })),
    rule.order === 'asc',
  );
  const n = present.length;
  return new Map(
    [...ranked].map(([unitId, rank]) => [unitId, { rank, share: n <= 1 ? 1 : 1 - ((rank - 1) / (n - 1)) * (1 - rule.lowest) }]),
  );
}

export const fullPoints = (groups: readonly CompetitionGroup[]) =>
  hundredths(groups.flatMap((g) => g.indicators).reduce((s, i) => s + i.points, 0)) / 100;

export function scoreUnits(
  groups: readonly CompetitionGroup[],
  units: readonly UnitInput[],
  bands: { rewardCount: number; warningCount: number },
): CompetitionUnitResult[] {
  const indicators: CompetitionIndicator[] = groups.flatMap((g) => g.indicators);
  const ranks = new Map(
    indicators
      .filter((i) => i.rule.kind === 'rank')
      .map((i) => [
        i.key,
        rankShares(
          i.rule as Extract<CompetitionRule, { kind: 'rank' }>,
          units.map((u) => ({ unitId: u.unitId, value: u.values[i.key] ?? null })),
        ),
      ]),
  );
  const shareOfUnit = (i: CompetitionIndicator, u: UnitInput) =>
    i.rule.kind === 'rank' ? (ranks.get(i.key)!.get(u.unitId)?.share ?? 0) : shareOf(i.rule, u.values[i.key] ?? null);
  // The share a unit without a value wins under the indicator's `missing` rule.
  const missingShare = new Map(
    indicators.map((i) => {
      if (i.missing === 'full') return [i.key, 1];
      if (i.missing !== 'average') return [i.key, 0];
      const present = units.filter((u) => (u.values[i.key] ?? null) !== null);
      return [i.key, present.length ? present.reduce((s, u) => s + shareOfUnit(i, u), 0) / present.length : 0];
    }),
  );
  const scored = units.map((u) => {
    const perIndicator = indicators.map((i) => {
      const value = u.values[i.key] ?? null;
      const ranked = i.rule.kind === 'rank' ? ranks.get(i.key)!.get(u.unitId) : undefined;
      const imputed = value === null && (i.missing === 'average' || i.missing === 'full') ? i.missing : undefined;
      const share = value === null ? missingShare.get(i.key)! : shareOfUnit(i, u);
      return {
        key: i.key,
        value,
        rank: ranked?.rank ?? null,
        share,
        cents: hundredths(i.points * share),
        ...(imputed ? { imputed } : {}),
      };
    });
    const cents = new Map(perIndicator.map((x) => [x.key, x.cents]));
    const baseCents = perIndicator.reduce((s, x) => s + x.cents, 0);
    const totalCents = baseCents + hundredths(u.adjustment);
    return {
      unitId: u.unitId,
      unitName: u.unitName,
      indicators: perIndicator.map(({ cents: c, ...x }) => ({ ...x, points: c / 100 })),
      groups: groups.map((g) => ({ key: g.key, points: g.indicators.reduce((s, i) => s + cents.get(i.key)!, 0) / 100 })),
      base: baseCents / 100,
      adjustment: hundredths(u.adjustment) / 100,
      totalCents,
    };
  });
  const byTotal = (ascending: boolean) =>
    rankNumbers(
      scored.map((s) => ({ key: s.unitId, value: s.totalCents })),
      ascending,
    );
  const rank = byTotal(false);
  const fromBottom = byTotal(true);
  return scored
    .map(({ totalCents, ...s }) => {
      const r = rank.get(s.unitId)!;
      const band: CompetitionUnitResult['band'] =
        r <= bands.rewardCount ? 'reward' : fromBottom.get(s.unitId)! <= bands.warningCount ? 'warning' : null;
      return { ...s, total: totalCents / 100, rank: r, band };
    })
    .sort((a, b) => a.rank - b.rank || a.unitId - b.unitId);
}
