import {
  type AdjustmentItem,
  type BenchmarkRule,
  type Classing,
  type ExemptionRule,
  type FieldError,
  formatIssues,
  type Locale,
  type MethodConfig,
  MethodConfigSchema,
} from '../../../../src/contracts/index.js';

/**
 * The method editor's form values: the configuration as the contract has it, except where a
 * form needs one shape for several variants (a benchmark rule, an exemption rule and a class
 * band hold the fields of every kind; the form shows those of the chosen kind) and a policy's
 * parameters, which are typed as `name = value` lines. `configOf` turns the values back into
 * what the schema checks, so the schema's error paths are the form's field names.
 */
type Indicator = MethodConfig['groups'][number]['indicators'][number];

export interface BenchmarkValues {
  kind: BenchmarkRule['kind'];
  value?: number | null;
  factor?: number | null;
  scope?: 'city' | 'county';
  average?: 'pooled' | 'mean';
  percentile?: number | null;
}

export interface IndicatorValues extends Omit<Indicator, 'benchmark' | 'cap'> {
  benchmark: BenchmarkValues;
  cap?: number | null;
}

export interface ExemptionValues {
  key: string;
  nameZh: string;
  nameEn: string;
  kind: ExemptionRule['kind'];
  flag?: string;
  years?: number | null;
  codes?: string[];
}

export interface BandValues {
  code: string;
  upToPercent?: number | null;
  minScore?: number | null;
}

export interface PolicyValues {
  kind: MethodConfig['classes'][number]['policies'][number]['kind'];
  textZh: string;
  textEn?: string;
  /** `name = value` per line (numbers and true/false are typed as such). */
  parameters?: string;
}

export interface MethodFormConfig {
  landBasis: MethodConfig['landBasis'];
  groups: (Omit<MethodConfig['groups'][number], 'indicators'> & { indicators: IndicatorValues[] })[];
  adjustments: AdjustmentItem[];
  exemptions: ExemptionValues[];
  classing: { mode: Classing['mode']; scope: Classing['scope']; rounding?: 'floor' | 'nearest'; bands: BandValues[] };
  classes: (Omit<MethodConfig['classes'][number], 'policies'> & { policies: PolicyValues[] })[];
  exempt: MethodConfig['exempt'];
}

/** Parameters as the lines the form shows. */
export function parametersText(parameters: Readonly<Record<string, number | string | boolean>>): string {
  return Object.entries(parameters)
    .map(([name, value]) => `${name} = ${value}`)
    .join('\n');
}

/** `name = value` lines back to parameters; a line without "=" keeps its text as the name with an empty value. */
export function parseParameters(text: string | undefined): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  // Lines end at a line break or a semicolon, ASCII or full-width (U+FF1B); "=" may be full-width (U+FF1D).
  for (const line of (text ?? '').split(/\r?\n|\uff1b|;/)) {
    if (!line.trim()) continue;
    const at = line.search(/[=\uff1d]/);
    const name = (at < 0 ? line : line.slice(0, at)).trim();
    const raw = at < 0 ? '' : line.slice(at + 1).trim();
    out[name] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

export function formValuesOf(config: MethodConfig): MethodFormConfig {
  return {
    landBasis: config.landBasis,
    groups: config.groups.map((group) => ({
      ...group,
      when: { ...group.when },
      indicators: group.indicators.map((indicator) => ({ ...indicator, benchmark: { ...indicator.benchmark } })),
    })),
    adjustments: config.adjustments.map((item) => ({ ...item })),
    exemptions: config.exemptions.map((rule) => ({ ...rule }) as ExemptionValues),
    classing: {
      mode: config.classing.mode,
      scope: config.classing.scope,
      rounding: config.classing.mode === 'percentile' ? config.classing.rounding : 'floor',
      bands: config.classing.bands.map((band) => ({ ...band })),
    },
    classes: config.classes.map((info) => ({
      ...info,
      policies: info.policies.map((p) => ({ kind: p.kind, textZh: p.textZh, textEn: p.textEn, parameters: parametersText(p.parameters) })),
    })),
    exempt: { ...config.exempt },
  };
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
/** The value, or nothing when blank (so the schema says "required" or uses its default). */
const given = <T>(value: T | null | undefined): T | undefined => (blank(value) ? undefined : (value as T));

function benchmarkOf(b: BenchmarkValues | undefined): unknown {
  switch (b?.kind) {
    case 'fixed':
      return { kind: 'fixed', value: given(b.value) };
    case 'previousAverage':
    case 'currentAverage':
      return { kind: b.kind, factor: given(b.factor), scope: b.scope ?? 'city', average: b.average ?? 'pooled' };
    case 'percentile':
      return { kind: 'percentile', percentile: given(b.percentile), scope: b.scope ?? 'city' };
    default:
      return { kind: undefined };
  }
}

function exemptionOf(e: ExemptionValues): unknown {
  const base = { key: e.key, nameZh: e.nameZh, nameEn: e.nameEn, kind: e.kind };
  if (e.kind === 'flag') return { ...base, flag: given(e.flag) };
  if (e.kind === 'startup') return { ...base, years: given(e.years) };
  return { ...base, codes: e.codes ?? [] };
}

/** The form's values as the configuration the schema checks (unchecked). */
export function configOf(values: MethodFormConfig): unknown {
  const percentile = values.classing?.mode === 'percentile';
  return {
    landBasis: values.landBasis,
    groups: (values.groups ?? []).map((group) => ({
      key: group.key,
      nameZh: group.nameZh,
      nameEn: group.nameEn,
      when: Object.fromEntries(Object.entries(group.when ?? {}).filter(([, v]) => !blank(v))),
      indicators: (group.indicators ?? []).map((i) => ({
        key: i.key,
        nameZh: i.nameZh,
        nameEn: i.nameEn,
        numerator: i.numerator,
        denominator: i.denominator ?? null,
        direction: i.direction,
        weight: given(i.weight),
        benchmark: benchmarkOf(i.benchmark),
        cap: given(i.cap) ?? null,
        missing: i.missing ?? 'zero',
      })),
    })),
    adjustments: (values.adjustments ?? []).map((a) => ({ ...a, points: given(a.points), maxPoints: given(a.maxPoints) })),
    exemptions: (values.exemptions ?? []).map(exemptionOf),
    classing: {
      mode: values.classing?.mode,
      scope: values.classing?.scope,
      ...(percentile ? { rounding: values.classing.rounding ?? 'floor' } : {}),
      bands: (values.classing?.bands ?? []).map((band, i, all) =>
        percentile
          ? { code: band.code, upToPercent: given(band.upToPercent) }
          : { code: band.code, minScore: i === all.length - 1 ? null : given(band.minScore) },
      ),
    },
    classes: (values.classes ?? []).map((info) => ({
      code: info.code,
      nameZh: info.nameZh,
      nameEn: info.nameEn,
      policies: (info.policies ?? []).map((p) => ({
        kind: p.kind,
        textZh: p.textZh,
        textEn: p.textEn ?? '',
        parameters: parseParameters(p.parameters),
      })),
    })),
    exempt: { ...values.exempt, managedAs: values.exempt?.managedAs ?? null },
  };
}

/** Check the form with the contract schema: the configuration, or the problems with their paths (as the form's names). */
export function checkMethodForm(
  values: MethodFormConfig,
  locale: Locale,
): { ok: true; config: MethodConfig } | { ok: false; problems: FieldError[] } {
  const result = MethodConfigSchema.safeParse(configOf(values));
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: formatIssues(result.error.issues, locale) };
}

/** What a list of the configuration calls its n-th entry, and the labels of the fields (message keys). */
const ENTRY_LABELS: Record<string, string> = {
  groups: 'evaluation.form.groupN',
  indicators: 'evaluation.form.indicatorN',
  adjustments: 'evaluation.form.itemN',
  exemptions: 'evaluation.form.exemptionN',
  bands: 'evaluation.form.bandN',
  classes: 'evaluation.form.classN',
  policies: 'evaluation.form.policyN',
};
const FIELD_LABELS: Record<string, string> = {
  key: 'evaluation.form.key',
  nameZh: 'evaluation.form.nameZh',
  nameEn: 'evaluation.form.nameEn',
  numerator: 'evaluation.form.numerator',
  denominator: 'evaluation.form.denominator',
  direction: 'evaluation.method.direction',
  weight: 'evaluation.weight',
  benchmark: 'evaluation.form.benchmarkKind',
  value: 'evaluation.form.value',
  factor: 'evaluation.form.factor',
  percentile: 'evaluation.form.percentile',
  cap: 'evaluation.method.cap',
  points: 'evaluation.form.points',
  maxPoints: 'evaluation.form.maxPoints',
  years: 'evaluation.form.years',
  codes: 'evaluation.form.codes',
  flag: 'evaluation.form.flag',
  upToPercent: 'evaluation.form.upToPercent',
  minScore: 'evaluation.form.minScore',
  code: 'evaluation.class',
  textZh: 'evaluation.form.policyText',
  classing: 'evaluation.method.classing',
  exempt: 'evaluation.method.exempt',
  managedAs: 'evaluation.form.managedAs',
  landBasis: 'evaluation.method.landBasis',
};

/**
 * A configuration path as a clerk reads it: "groups.0.indicators.1.weight" → "评价组 1 › 指标 2 › 权重".
 * Parts without a label (e.g. "when", "benchmark" before its field) are left out; unknown ones kept.
 */
export function pathLabel(path: string, t: (key: never, params?: Record<string, string | number>) => string): string {
  const say = t as (key: string, params?: Record<string, string | number>) => string;
  const parts = path.split('.');
  const out: string[] = [];
  parts.forEach((part, i) => {
    if (/^\d+$/.test(part)) return;
    const next = parts[i + 1];
    if (ENTRY_LABELS[part] && next !== undefined && /^\d+$/.test(next)) out.push(say(ENTRY_LABELS[part], { n: Number(next) + 1 }));
    else if (FIELD_LABELS[part] && !(part === 'benchmark' && next !== undefined && next !== 'kind')) out.push(say(FIELD_LABELS[part]));
    else if (ENTRY_LABELS[part]) out.push(say(ENTRY_LABELS[part], { n: '' }).trim());
    else if (part !== 'when' && part !== 'kind' && part !== 'benchmark') out.push(part);
  });
  return out.join(' › ');
}

export type MethodTab = 'basic' | 'groups' | 'adjustments' | 'exemptions' | 'classing';

/** The editor tab that shows a configuration path ("groups.0.indicators.1.weight" → groups). */
export function tabOfPath(path: string): MethodTab {
  const head = path.split('.')[0];
  if (head === 'groups' || head === 'adjustments' || head === 'exemptions') return head;
  if (head === 'classing' || head === 'classes' || head === 'exempt') return 'classing';
  return 'basic';
}

/** An empty indicator of the kind most methods use (a ratio against 2 × last year's average, capped at the weight). */
export function newIndicator(n: number): IndicatorValues {
  return {
    key: `indicator${n}`,
    nameZh: '',
    nameEn: '',
    numerator: 'tax',
    denominator: 'landMu',
    direction: 'higher',
    weight: 10,
    benchmark: { kind: 'previousAverage', factor: 2, scope: 'city', average: 'pooled' },
    cap: 1,
    missing: 'zero',
  };
}
