import {
  type Action,
  COMPETITION_PERIODS,
  type CompetitionIndicator,
  type CompetitionPeriod,
  type CompetitionSource,
  type CompetitionSourceKind,
  groupDigits,
  type Locale,
} from '../../../../src/contracts/index.js';
import { translateUi } from '../../i18n';

/**
 * The pure side of the competition pages (争先创优, PRODUCT §2.7): periods, how a value is
 * written for its source, a rule as a readable formula, and where a value's source rows are
 * listed in the platform.
 */

/** Sources whose values are fractions shown as percentages (a rate, a ratio to plan). */
export const PERCENT_SOURCES: readonly CompetitionSourceKind[] = ['investmentRatio', 'fulfilment', 'problemClosure'];

export function isPercentSource(kind: CompetitionSourceKind | undefined): boolean {
  return kind !== undefined && PERCENT_SOURCES.includes(kind);
}

const PERIOD_START: Record<CompetitionPeriod, string> = { Q1: '01-01', Q2: '04-01', Q3: '07-01', Q4: '10-01', Y: '01-01' };

/** The first day of a period of a year (YYYY-MM-DD). */
export function periodStart(year: number, period: CompetitionPeriod): string {
  return `${year}-${PERIOD_START[period]}`;
}

/** Whether a period has begun by `today` (YYYY-MM-DD, the city's date): results exist only from then. */
export function hasStarted(year: number, period: CompetitionPeriod, today: string): boolean {
  return periodStart(year, period) <= today;
}

const PERIOD_END: Record<CompetitionPeriod, string> = { Q1: '03-31', Q2: '06-30', Q3: '09-30', Q4: '12-31', Y: '12-31' };

/** The last day of a period of a year (YYYY-MM-DD). */
export function periodEnd(year: number, period: CompetitionPeriod): string {
  return `${year}-${PERIOD_END[period]}`;
}

/**
 * Whether a period is over by `today` (YYYY-MM-DD, the city's date): its last day is before
 * today. Only then may its results be published (the server refuses earlier).
 */
export function hasEnded(year: number, period: CompetitionPeriod, today: string): boolean {
  return periodEnd(year, period) < today;
}

/**
 * The period a scheme opens on: the year as a whole once the year is over, the running quarter
 * during the year, the first quarter of a year still to come.
 */
export function defaultPeriod(year: number, today: string): CompetitionPeriod {
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear) return 'Y';
  if (year > thisYear) return 'Q1';
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return COMPETITION_PERIODS[quarter - 1] ?? 'Q1';
}

/** A period from the URL, when it is one. */
export function periodFromSearch(value: string | null): CompetitionPeriod | undefined {
  return value !== null && (COMPETITION_PERIODS as readonly string[]).includes(value) ? (value as CompetitionPeriod) : undefined;
}

/** The years a list may be filtered by: from next year back a decade. */
export function yearOptions(thisYear: number): number[] {
  return Array.from({ length: 11 }, (_, i) => thisYear + 1 - i);
}

/** A number with at most `digits` decimals (trailing zeros dropped) and grouped thousands: 28,255.5. */
export function formatNumber(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  const trimmed = digits > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
  return groupDigits(trimmed === '-0' ? '0' : trimmed);
}

/** A number with exactly `digits` decimals and grouped thousands: 84.10. */
export function formatFixed(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return groupDigits(/^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed);
}

/** A fraction as a percentage with one decimal: 0.8734 → 87.3%. */
export function formatPercent(fraction: number): string {
  return `${formatFixed(fraction * 100, 1)}%`;
}

/** A share of the points (0 … cap) as a percentage without needless decimals: 0.5 → 50%. */
export function formatShare(share: number): string {
  return `${formatNumber(share * 100, 1)}%`;
}

/** Points with two decimals: 27.5 → 27.50. */
export function formatPoints(points: number): string {
  return formatFixed(points, 2);
}

/** Bonus or penalty points with their sign: +2.50, −1.00 (ASCII minus). */
export function formatSigned(points: number): string {
  return points > 0 ? `+${formatPoints(points)}` : formatPoints(points);
}

/**
 * An indicator's value as its source measures it: rates and ratios in percent with one decimal,
 * leaderboard figures in 万元, projects on a red or yellow list counted, observation scores with
 * two decimals, entered values as entered.
 */
export function formatValue(source: CompetitionSource, value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (source.kind) {
    case 'investmentRatio':
    case 'fulfilment':
    case 'problemClosure':
      return formatPercent(value);
    case 'board':
      return translateUi(locale, 'money.wan', { value: formatNumber(value, 2) });
    case 'honours':
      return translateUi(locale, 'competition.projectCount', { count: formatNumber(value, 0) });
    case 'observation':
      return formatFixed(value, 2);
    case 'entered':
      return String(value);
  }
}

/** A rule's parameter (a target, a step's minimum) in the unit of the source's values. */
export function formatRuleNumber(source: CompetitionSource, value: number, locale: Locale): string {
  if (isPercentSource(source.kind)) return `${formatNumber(value * 100, 2)}%`;
  if (source.kind === 'board') return translateUi(locale, 'money.wan', { value: formatNumber(value, 4) });
  return formatNumber(value, 4);
}

/** Where a value comes from, in words: 投资完成进度（红黄绿灯）, 规模榜单：引资 … */
export function describeSource(source: CompetitionSource, locale: Locale): string {
  switch (source.kind) {
    case 'fulfilment':
      return translateUi(locale, 'competition.source.fulfilmentOf', {
        kind: translateUi(locale, `letterKind.${source.letterKind}`),
      });
    case 'board':
      return translateUi(locale, 'competition.source.boardOf', { metric: translateUi(locale, `boardMetric.${source.metric}`) });
    case 'honours':
      return translateUi(locale, 'competition.source.honoursOf', { list: translateUi(locale, `lights.honour-${source.list}`) });
    default:
      return translateUi(locale, `competition.source.${source.kind}`);
  }
}

/**
 * A rule as a formula one can check a score against: "value ÷ target 100%, at most 1×";
 * "ranked highest first: full points to the first, 50% of them to the last"; "≥ 95%: 100%;
 * ≥ 85%: 80%; otherwise 0".
 */
export function describeRule(indicator: Pick<CompetitionIndicator, 'rule' | 'source' | 'missing'>, locale: Locale): string {
  const { rule, source, missing } = indicator;
  const clauses: string[] = [];
  switch (rule.kind) {
    case 'ratio':
      clauses.push(
        translateUi(locale, 'competition.rule.ratio', {
          target: formatRuleNumber(source, rule.target, locale),
          cap: formatNumber(rule.cap, 2),
        }),
      );
      break;
    case 'rank':
      clauses.push(translateUi(locale, `competition.rule.rank.${rule.order}`, { lowest: formatShare(rule.lowest) }));
      break;
    case 'thresholds':
      clauses.push(
        ...rule.steps.map((step) =>
          translateUi(locale, 'competition.rule.step', { min: formatRuleNumber(source, step.min, locale), share: formatShare(step.share) }),
        ),
        translateUi(locale, 'competition.rule.otherwise'),
      );
      break;
  }
  if (missing === 'average' || missing === 'full') clauses.push(translateUi(locale, `competition.rule.missing.${missing}`));
  return clauses.join(translateUi(locale, 'common.clauseSeparator'));
}

/** An indicator's or a group's name in the UI language. */
export function nameOf(item: { nameZh: string; nameEn: string }, locale: Locale): string {
  return locale === 'en-US' ? item.nameEn : item.nameZh;
}

/** What a "source" link needs: the scheme's year and the results' dates. */
export interface SourceContext {
  year: number;
  unitId: number;
  /** The day the data was read as of (YYYY-MM-DD). */
  asOf: string;
  /** The leaderboard month read (YYYY-MM). */
  boardMonth: string;
}

/** The page that lists a value's source rows, and the permission it needs; `entries` for an entered value. */
export type SourceLink = { to: string; action: Action } | 'entries';

function withQuery(path: string, query: Record<string, string | number>): string {
  return `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`;
}

export function sourceLink(source: CompetitionSource, context: SourceContext): SourceLink {
  const { year, unitId, asOf, boardMonth } = context;
  switch (source.kind) {
    case 'investmentRatio':
      return { to: withQuery('/monitoring/lights', { year, unitId, asOf }), action: 'monitor.read' };
    case 'honours':
      return { to: withQuery('/monitoring/lights', { year, unitId, asOf, honour: source.list }), action: 'monitor.read' };
    case 'fulfilment':
      return { to: withQuery('/commitments', { year, kind: source.letterKind, unitId, asOf }), action: 'commitment.read' };
    case 'board':
      return { to: withQuery('/boards', { month: boardMonth }), action: 'board.read' };
    case 'problemClosure':
      return { to: withQuery('/problems', { unitId, raisedFrom: `${year}-01-01`, raisedTo: asOf }), action: 'problem.read' };
    case 'observation':
      return { to: withQuery('/observation', { year }), action: 'observation.read' };
    case 'entered':
      return 'entries';
  }
}

/** The indicators of a scheme in order, each with the group it belongs to. */
export function indicatorsOf<G extends { key: string; indicators: readonly CompetitionIndicator[] }>(
  groups: readonly G[],
): { group: G; indicator: CompetitionIndicator }[] {
  return groups.flatMap((group) => group.indicators.map((indicator) => ({ group, indicator })));
}

/** How many units have a value for an indicator (the n of "rank r of n"). */
export function rankedCount(units: readonly { indicators: readonly { key: string; value: number | null }[] }[], key: string): number {
  return units.filter((unit) => unit.indicators.some((score) => score.key === key && score.value !== null)).length;
}
