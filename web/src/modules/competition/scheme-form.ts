import {
  type BoardMetric,
  type CompetitionAdjustmentInput,
  CompetitionAdjustmentInputSchema,
  type CompetitionEntryInput,
  CompetitionEntryInputSchema,
  type CompetitionGroup,
  type CompetitionIndicator,
  type CompetitionMissing,
  type CompetitionPeriod,
  type CompetitionRule,
  type CompetitionSourceKind,
  type CreateCompetitionScheme,
  CreateCompetitionSchemeSchema,
  DEFAULT_COMPETITION_GROUPS,
  type FieldError,
  type HonourListKind,
  type LetterKind,
  type Locale,
  translate,
  type UpdateCompetitionScheme,
  UpdateCompetitionSchemeSchema,
} from '../../../../src/contracts/index.js';
import type { z } from 'zod';
import { ApiError } from '../../api/client';
import { translateUi } from '../../i18n';
import { isBlank } from '../../lib/zod-form';
import { parseRequest } from '../dispatch/meeting-form';
import { isPercentSource } from './competition';

/**
 * The scheme drawer's values and their mapping to the contract. The form mirrors the contract's
 * tree (groups → indicators → source, rule), so a field error's path ("groups.0.indicators.1.
 * rule.target") names the field it belongs to; two things differ for people: shares are typed
 * as percentages (50 for 0.5), and so are the targets and step minimums of rate sources (95 for
 * 0.95). Every rule kind's fields are kept while the kind is switched; only the chosen kind's
 * are sent.
 */

export type RuleKind = CompetitionRule['kind'];
export const RULE_KINDS: readonly RuleKind[] = ['ratio', 'rank', 'thresholds'];

export interface StepRow {
  min?: number | null;
  /** Percent (0–100). */
  share?: number | null;
}

export interface SourceRow {
  kind?: CompetitionSourceKind;
  letterKind?: LetterKind;
  metric?: BoardMetric;
  list?: HonourListKind;
}

export interface RuleRow {
  kind?: RuleKind;
  /** In percent for a rate source. */
  target?: number | null;
  cap?: number | null;
  order?: 'desc' | 'asc';
  /** Percent (0–100). */
  lowest?: number | null;
  steps?: (StepRow | undefined)[];
}

export interface IndicatorRow {
  key?: string;
  nameZh?: string;
  nameEn?: string;
  points?: number | null;
  source?: SourceRow;
  rule?: RuleRow;
  /** What a unit without a value wins (`zero` when the scheme predates the choice). */
  missing?: CompetitionMissing;
}

export interface GroupRow {
  key?: string;
  nameZh?: string;
  nameEn?: string;
  indicators?: (IndicatorRow | undefined)[];
}

export interface SchemeFormValues {
  year?: number | null;
  title?: string;
  rewardCount?: number | null;
  warningCount?: number | null;
  groups?: (GroupRow | undefined)[];
}

/** Decimal shifts without binary noise (0.07 × 100 is 7, not 7.000000000000001). */
function toPercent(fraction: number): number {
  return Number((fraction * 100).toFixed(6));
}

function fromPercent(percent: number): number {
  return Number((percent / 100).toFixed(8));
}

function num(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function percentToFraction(value: number | null | undefined): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : fromPercent(n);
}

/** A rule's fields as the form shows them, every kind's filled (the chosen kind's from the rule). */
export function ruleRowOf(rule: CompetitionRule | undefined, sourceKind: CompetitionSourceKind | undefined): RuleRow {
  const percent = isPercentSource(sourceKind);
  const row: RuleRow = {
    kind: rule?.kind ?? 'ratio',
    target: 100,
    cap: 1,
    order: 'desc',
    lowest: 50,
    steps: [{ share: 100 }],
  };
  if (rule?.kind === 'ratio') {
    row.target = percent ? toPercent(rule.target) : rule.target;
    row.cap = rule.cap;
  } else if (rule?.kind === 'rank') {
    row.order = rule.order;
    row.lowest = toPercent(rule.lowest);
  } else if (rule?.kind === 'thresholds') {
    row.steps = rule.steps.map((step) => ({ min: percent ? toPercent(step.min) : step.min, share: toPercent(step.share) }));
  }
  return row;
}

/** The choices a source kind needs, ready when the kind is switched to it (only the chosen kind's are sent). */
const SOURCE_DEFAULTS: Required<Omit<SourceRow, 'kind'>> = { letterKind: 'investment', metric: 'completed', list: 'red' };

export function indicatorRowOf(indicator: CompetitionIndicator): IndicatorRow {
  return {
    key: indicator.key,
    nameZh: indicator.nameZh,
    nameEn: indicator.nameEn,
    points: indicator.points,
    source: { ...SOURCE_DEFAULTS, ...indicator.source },
    rule: ruleRowOf(indicator.rule, indicator.source.kind),
    missing: indicator.missing ?? 'zero',
  };
}

/** The drawer's values for an existing scheme, or for a new one from the default indicator system. */
export function toForm(scheme: {
  year: number;
  title: string;
  rewardCount: number;
  warningCount: number;
  groups: readonly CompetitionGroup[];
}): SchemeFormValues {
  return {
    year: scheme.year,
    title: scheme.title,
    rewardCount: scheme.rewardCount,
    warningCount: scheme.warningCount,
    groups: scheme.groups.map((group) => ({
      key: group.key,
      nameZh: group.nameZh,
      nameEn: group.nameEn,
      indicators: group.indicators.map(indicatorRowOf),
    })),
  };
}

/** A new scheme: the default indicator system (100 points), three commended and three warned. */
export function newSchemeValues(year: number, title: string): SchemeFormValues {
  return toForm({ year, title, rewardCount: 3, warningCount: 3, groups: DEFAULT_COMPETITION_GROUPS });
}

function sourceRequest(source: SourceRow | undefined): Record<string, unknown> {
  const kind = source?.kind;
  if (kind === undefined) return {};
  if (kind === 'fulfilment') return { kind, letterKind: source?.letterKind };
  if (kind === 'board') return { kind, metric: source?.metric };
  if (kind === 'honours') return { kind, list: source?.list };
  return { kind };
}

function ruleRequest(rule: RuleRow | undefined, sourceKind: CompetitionSourceKind | undefined): Record<string, unknown> {
  const percent = isPercentSource(sourceKind);
  const scaled = (value: number | null | undefined) => (percent ? percentToFraction(value) : num(value));
  switch (rule?.kind) {
    case 'ratio':
      return { kind: 'ratio', target: scaled(rule.target), cap: num(rule.cap) };
    case 'rank':
      return { kind: 'rank', order: rule.order, lowest: percentToFraction(rule.lowest) };
    case 'thresholds':
      return {
        kind: 'thresholds',
        steps: (rule.steps ?? []).map((step) => ({ min: scaled(step?.min), share: percentToFraction(step?.share) })),
      };
    default:
      return {};
  }
}

function indicatorRequest(row: IndicatorRow | undefined): Record<string, unknown> {
  return {
    key: row?.key?.trim() ?? '',
    nameZh: row?.nameZh?.trim() ?? '',
    nameEn: row?.nameEn?.trim() ?? '',
    points: num(row?.points),
    source: sourceRequest(row?.source),
    rule: ruleRequest(row?.rule, row?.source?.kind),
    // `zero` is what an indicator without the choice means: not written, so the tree round-trips.
    ...(row?.missing === 'average' || row?.missing === 'full' ? { missing: row.missing } : {}),
  };
}

/** The request body for POST /competition/schemes (unchecked: parse it with the contract schema). */
export function fromForm(values: SchemeFormValues): Record<string, unknown> {
  return {
    year: num(values.year),
    title: values.title?.trim() ?? '',
    groups: (values.groups ?? []).map((group) => ({
      key: group?.key?.trim() ?? '',
      nameZh: group?.nameZh?.trim() ?? '',
      nameEn: group?.nameEn?.trim() ?? '',
      indicators: (group?.indicators ?? []).map(indicatorRequest),
    })),
    rewardCount: num(values.rewardCount),
    warningCount: num(values.warningCount),
  };
}

const INDICATOR_KIND_PATH = /^(groups\.\d+\.indicators\.\d+\.(?:source|rule))(?:\.kind)?$/;

function at(body: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | null | undefined)?.[part], body);
}

/**
 * What the contract checks on the whole tree, said on the fields concerned: a key used twice
 * (on every row using it), a threshold step not below the one before it (on its minimum).
 */
export function treeErrors(body: Record<string, unknown>, locale: Locale): FieldError[] {
  const groups = Array.isArray(body.groups) ? (body.groups as Record<string, unknown>[]) : [];
  const keys: { key: unknown; path: string }[] = [];
  const out: FieldError[] = [];
  groups.forEach((group, g) => {
    keys.push({ key: group?.key, path: `groups.${g}.key` });
    const indicators = Array.isArray(group?.indicators) ? (group.indicators as Record<string, unknown>[]) : [];
    indicators.forEach((indicator, i) => {
      keys.push({ key: indicator?.key, path: `groups.${g}.indicators.${i}.key` });
      const steps = at(indicator, 'rule.steps');
      if (!Array.isArray(steps)) return;
      steps.forEach((step: { min?: unknown } | undefined, s) => {
        const previous = (steps[s - 1] as { min?: unknown } | undefined)?.min;
        if (s > 0 && typeof step?.min === 'number' && typeof previous === 'number' && !(step.min < previous)) {
          out.push({
            path: `groups.${g}.indicators.${i}.rule.steps.${s}.min`,
            message: translateUi(locale, 'competition.form.stepsOrder'),
          });
        }
      });
    });
  });
  const counts = new Map<unknown, number>();
  for (const { key } of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const { key, path } of keys) {
    if (!isBlank(key) && (counts.get(key) ?? 0) > 1) out.push({ path, message: translateUi(locale, 'competition.form.duplicateKey') });
  }
  return out;
}

/**
 * Check the body with the contract schema, and say the contract's whole-tree complaints on the
 * fields concerned; a source or a rule without its kind (refused at the union) is "required" on
 * the kind's own field.
 */
function parseTree<S extends z.ZodType>(schema: S, body: Record<string, unknown>, locale: Locale): z.output<S> {
  const own = treeErrors(body, locale);
  let fields: FieldError[] = [];
  try {
    const parsed = parseRequest(schema, body, locale);
    if (own.length === 0) return parsed;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    fields = error.fields.map((field) => {
      const match = INDICATOR_KIND_PATH.exec(field.path);
      return match && isBlank((at(body, match[1]!) as { kind?: unknown } | undefined)?.kind)
        ? { path: `${match[1]}.kind`, message: translate(locale, 'validation.required') }
        : field;
    });
  }
  // The contract's own words for these (on the list or the steps as a whole) give way to ours.
  const explained = (path: string) =>
    (path === 'groups' && own.some((f) => f.path.endsWith('.key'))) ||
    (/\.rule\.steps$/.test(path) && own.some((f) => f.path.startsWith(`${path}.`)));
  throw new ApiError(400, 'VALIDATION_FAILED', translate(locale, 'error.VALIDATION_FAILED'), [
    ...fields.filter((field) => !explained(field.path)),
    ...own,
  ]);
}

export function parseScheme(values: SchemeFormValues, locale: Locale): CreateCompetitionScheme {
  return parseTree(CreateCompetitionSchemeSchema, fromForm(values), locale);
}

/** A draft's edit replaces its title, indicator system and bands (not its year), against the version opened. */
export function parseSchemeUpdate(values: SchemeFormValues, version: number, locale: Locale): UpdateCompetitionScheme {
  const { year: _year, ...own } = fromForm(values);
  return parseTree(UpdateCompetitionSchemeSchema, { ...own, version }, locale);
}

/** The points of the indicators typed so far (rows without points count nothing). */
export function groupPoints(group: GroupRow | undefined): number {
  const sum = (group?.indicators ?? []).reduce((total, row) => total + (num(row?.points) ?? 0), 0);
  return Number(sum.toFixed(4));
}

/** The full score of the scheme being edited: every group's points. */
export function totalPoints(groups: readonly (GroupRow | undefined)[] | undefined): number {
  return Number((groups ?? []).reduce((total, group) => total + groupPoints(group), 0).toFixed(4));
}

function takenKeys(groups: readonly (GroupRow | undefined)[] | undefined): Set<string | undefined> {
  return new Set((groups ?? []).flatMap((group) => [group?.key, ...(group?.indicators ?? []).map((row) => row?.key)]));
}

/** A key for a new group or indicator (g1, g2 … or i1, i2 …): the first no group or indicator uses yet. */
export function nextKey(
  prefix: 'g' | 'i',
  groups: readonly (GroupRow | undefined)[] | undefined,
  alsoTaken: readonly string[] = [],
): string {
  const taken = takenKeys(groups);
  for (const key of alsoTaken) taken.add(key);
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** A new indicator row: entered with evidence, scored as a ratio to its target. */
export function newIndicatorRow(key: string): IndicatorRow {
  return {
    key,
    nameZh: '',
    nameEn: '',
    points: null,
    source: { kind: 'entered', ...SOURCE_DEFAULTS },
    rule: ruleRowOf(undefined, 'entered'),
    missing: 'zero',
  };
}

/** A new group with one new indicator (a group needs at least one). */
export function newGroupRow(groups: readonly (GroupRow | undefined)[] | undefined): GroupRow {
  const key = nextKey('g', groups);
  return { key, nameZh: '', nameEn: '', indicators: [newIndicatorRow(nextKey('i', groups, [key]))] };
}

// ---- Entered values and bonus/penalty items ----

export interface EntryFormValues {
  value?: number | null;
  evidence?: string;
}

/**
 * PUT /competition/schemes/:id/entries: a unit's value of an entered indicator with its evidence
 * (required with a value), or `null` to clear it.
 */
export function parseEntry(
  target: { period: CompetitionPeriod; indicatorKey: string; unitId: number },
  values: EntryFormValues,
  locale: Locale,
  clear = false,
): CompetitionEntryInput {
  const body = {
    ...target,
    value: clear ? null : num(values.value),
    evidence: values.evidence?.trim() ?? '',
  };
  const parsed = parseRequest(CompetitionEntryInputSchema, body, locale);
  if (!clear && parsed.evidence === '') {
    throw new ApiError(400, 'VALIDATION_FAILED', translate(locale, 'error.VALIDATION_FAILED'), [
      { path: 'evidence', message: translate(locale, 'validation.required') },
    ]);
  }
  return parsed;
}

export interface AdjustmentFormValues {
  unitId?: number;
  points?: number | null;
  reason?: string;
  evidence?: string;
}

/** POST /competition/schemes/:id/adjustments: a bonus (+) or penalty (−) for a unit in a period. */
export function parseAdjustment(period: CompetitionPeriod, values: AdjustmentFormValues, locale: Locale): CompetitionAdjustmentInput {
  return parseRequest(
    CompetitionAdjustmentInputSchema,
    {
      period,
      unitId: values.unitId,
      points: num(values.points),
      reason: values.reason?.trim() ?? '',
      evidence: values.evidence?.trim() ?? '',
    },
    locale,
  );
}
