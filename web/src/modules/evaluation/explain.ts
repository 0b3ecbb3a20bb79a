import {
  type BenchmarkRule,
  FIELD_INFO,
  type FormulaField,
  type IndicatorResult,
  type Locale,
  type MethodConfig,
} from '../../../../src/contracts/index.js';
import { translateUi, type UiKey, type UiParams } from '../../i18n';

type Translate = (key: UiKey, params?: UiParams) => string;

const isField = (value: string | null): value is FormulaField => value !== null && Object.hasOwn(FIELD_INFO, value);

/** A figure for people: grouped thousands, at most `digits` decimals, no trailing zeros; '—' when absent. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function fieldName(field: string, locale: Locale): string {
  if (!isField(field)) return field;
  return locale === 'en-US' ? FIELD_INFO[field].nameEn : FIELD_INFO[field].nameZh;
}

export function fieldUnit(field: string, locale: Locale): string {
  if (!isField(field)) return '';
  return locale === 'en-US' ? FIELD_INFO[field].unitEn : FIELD_INFO[field].unit;
}

/** "实缴税收（万元）" / "Tax paid (10k yuan)". */
export function fieldWithUnit(field: string, locale: Locale): string {
  return translateUi(locale, 'common.withUnit', { name: fieldName(field, locale), unit: fieldUnit(field, locale) });
}

/** The unit of an indicator's value: the numerator's, or numerator per denominator ("万元/亩"). */
export function indicatorUnit(numerator: string, denominator: string | null, locale: Locale): string {
  const top = fieldUnit(numerator, locale);
  return denominator ? `${top}/${fieldUnit(denominator, locale)}` : top;
}

/** The formula in words: "实缴税收 ÷ 用地面积", or the field alone. */
export function formulaText(numerator: string, denominator: string | null, locale: Locale): string {
  return denominator ? `${fieldName(numerator, locale)} ÷ ${fieldName(denominator, locale)}` : fieldName(numerator, locale);
}

/** How a benchmark is set, in words. */
export function benchmarkRuleText(rule: BenchmarkRule, t: Translate): string {
  switch (rule.kind) {
    case 'fixed':
      return t('evaluation.benchmark.fixed', { value: formatNumber(rule.value, 4) });
    case 'previousAverage':
    case 'currentAverage':
      return t(`evaluation.benchmark.${rule.kind}`, {
        factor: formatNumber(rule.factor, 2),
        scope: t(`evaluation.scope.${rule.scope}`),
        average: t(`evaluation.average.${rule.average}`),
      });
    case 'percentile':
      return t('evaluation.benchmark.percentile', {
        percentile: formatNumber(rule.percentile, 2),
        scope: t(`evaluation.scope.${rule.scope}`),
      });
  }
}

/** The class bands in words: "A 前 30%", or "A ≥ 90 分"; the last band takes the rest. */
export function bandsText(classing: MethodConfig['classing'], t: Translate): string[] {
  if (classing.mode === 'percentile') {
    let previous = 0;
    return classing.bands.map((band, index) => {
      const line =
        index === classing.bands.length - 1
          ? t('evaluation.band.rest', { code: band.code })
          : t('evaluation.band.percent', { code: band.code, from: formatNumber(previous, 2), to: formatNumber(band.upToPercent, 2) });
      previous = band.upToPercent;
      return line;
    });
  }
  return classing.bands.map((band) =>
    band.minScore === null
      ? t('evaluation.band.rest', { code: band.code })
      : t('evaluation.band.score', { code: band.code, score: formatNumber(band.minScore, 2) }),
  );
}

/** One indicator of an enterprise's result, ready for a table row. */
export interface IndicatorLine {
  key: string;
  name: string;
  formula: string;
  unit: string;
  /** The value with its unit, or the reason it is missing. */
  value: string;
  benchmark: string;
  /** value ÷ benchmark as a percentage (how far the enterprise is from the benchmark). */
  ratio: string;
  weight: string;
  points: string;
  /** The most points the indicator can give (cap × weight), or '—' without a cap. */
  maxPoints: string;
  isMissing: boolean;
  /** How the missing value was scored, when it was missing. */
  note: string | null;
}

export function indicatorLine(indicator: IndicatorResult, locale: Locale, t: Translate): IndicatorLine {
  const unit = indicatorUnit(indicator.numerator, indicator.denominator, locale);
  const isMissing = indicator.value === null;
  const ratio =
    !isMissing && indicator.benchmark > 0 ? `${formatNumber(((indicator.value as number) / indicator.benchmark) * 100, 1)}%` : '—';
  return {
    key: indicator.key,
    name: locale === 'en-US' ? indicator.nameEn : indicator.nameZh,
    formula: formulaText(indicator.numerator, indicator.denominator, locale),
    unit,
    value: isMissing ? t(`evaluation.missing.${indicator.missing ?? 'missingField'}`) : `${formatNumber(indicator.value, 4)} ${unit}`,
    benchmark: `${formatNumber(indicator.benchmark, 4)} ${unit}`,
    ratio,
    weight: formatNumber(indicator.weight, 2),
    points: formatNumber(indicator.points, 2),
    maxPoints: indicator.cap === null ? '—' : formatNumber(indicator.cap * indicator.weight, 2),
    isMissing,
    note: isMissing && indicator.missingRule ? t(`evaluation.missingRule.${indicator.missingRule}`) : null,
  };
}

/** What it would take on one indicator to reach the next class, in a sentence. */
export function whatIfText(
  item: { indicator: string; valueNeeded: number | null; numeratorChange: number | null; unit: string },
  indicators: readonly IndicatorResult[],
  locale: Locale,
  t: Translate,
): string {
  const indicator = indicators.find((i) => i.key === item.indicator);
  const name = indicator ? (locale === 'en-US' ? indicator.nameEn : indicator.nameZh) : item.indicator;
  if (item.valueNeeded === null) return t('evaluation.whatIf.cannot', { name });
  const unit = indicator ? indicatorUnit(indicator.numerator, indicator.denominator, locale) : item.unit;
  const base = t('evaluation.whatIf.value', { name, value: formatNumber(item.valueNeeded, 4), unit });
  if (item.numeratorChange === null || !indicator) return base;
  const change = item.numeratorChange;
  const field = fieldName(indicator.numerator, locale);
  const amount = `${formatNumber(Math.abs(change), 2)} ${fieldUnit(indicator.numerator, locale)}`;
  return `${base}${t(change >= 0 ? 'evaluation.whatIf.increase' : 'evaluation.whatIf.decrease', { field, amount })}`;
}

/** Which enterprises a group takes, in words ("规上 · 用地 ≥ 3 亩"); every enterprise when there is no condition. */
export function conditionText(
  when: {
    scale?: 'above' | 'below' | undefined;
    landMuAtLeast?: number | undefined;
    landMuBelow?: number | undefined;
    hasLand?: boolean | undefined;
  },
  t: Translate,
): string {
  const parts: string[] = [];
  if (when.scale) parts.push(t(`evaluation.scale.${when.scale}`));
  if (when.landMuAtLeast !== undefined) parts.push(t('evaluation.condition.landAtLeast', { mu: formatNumber(when.landMuAtLeast, 4) }));
  if (when.landMuBelow !== undefined) parts.push(t('evaluation.condition.landBelow', { mu: formatNumber(when.landMuBelow, 4) }));
  if (when.hasLand !== undefined) parts.push(t(when.hasLand ? 'evaluation.condition.hasLand' : 'evaluation.condition.noLand'));
  return parts.length ? parts.join(' · ') : t('evaluation.condition.all');
}

/** A group's name from the method, in the UI language; the key itself when the method does not name it. */
export function groupName(config: Pick<MethodConfig, 'groups'> | undefined, key: string | null, locale: Locale): string {
  if (!key) return '—';
  const group = config?.groups.find((g) => g.key === key);
  if (!group) return key;
  return locale === 'en-US' ? group.nameEn : group.nameZh;
}
