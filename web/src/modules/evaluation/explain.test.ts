import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '../../../../src/contracts/index.js';
import { translateUi, type UiKey, type UiParams } from '../../i18n/translate';
import {
  fieldWithUnit,
  bandsText,
  benchmarkRuleText,
  conditionText,
  formatNumber,
  formulaText,
  groupName,
  indicatorLine,
  indicatorUnit,
  whatIfText,
} from './explain';

const zh = (key: UiKey, params?: UiParams) => translateUi('zh-CN', key, params);
const en = (key: UiKey, params?: UiParams) => translateUi('en-US', key, params);

const taxPerMu: IndicatorResult = {
  key: 'taxPerMu',
  nameZh: '亩均税收',
  nameEn: 'Tax per mu',
  numerator: 'tax',
  denominator: 'landMu',
  numeratorValue: 1290,
  denominatorValue: 86,
  value: 15,
  benchmark: 20,
  weight: 40,
  cap: 1.5,
  points: 30,
  missing: null,
  missingRule: null,
};

describe(formatNumber.name, () => {
  it('groups thousands, trims decimals, dashes the absent', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(15)).toBe('15');
    expect(formatNumber(0.12345, 4)).toBe('0.1235');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});

describe('formulas', () => {
  it('names the fields and their units in the UI language', () => {
    expect(formulaText('tax', 'landMu', 'zh-CN')).toBe('实缴税收 ÷ 用地面积');
    expect(formulaText('employees', null, 'en-US')).toBe('Average employees');
    expect(indicatorUnit('tax', 'landMu', 'zh-CN')).toBe('万元/亩');
    expect(indicatorUnit('tax', 'energyTce', 'en-US')).toBe('10k yuan/tce');
    expect(fieldWithUnit('tax', 'zh-CN')).toBe('实缴税收（万元）');
    expect(fieldWithUnit('tax', 'en-US')).toBe('Tax paid (10k yuan)');
  });

  it('describes benchmark rules, group conditions and bands', () => {
    expect(benchmarkRuleText({ kind: 'previousAverage', factor: 2, scope: 'county', average: 'pooled' }, zh)).toBe(
      '上年各县市区平均值（合计比值）× 2',
    );
    expect(benchmarkRuleText({ kind: 'fixed', value: 30 }, en)).toBe('Fixed at 30');
    expect(benchmarkRuleText({ kind: 'percentile', percentile: 90, scope: 'city' }, zh)).toBe('全市第 90 百分位值');
    expect(conditionText({ scale: 'below', landMuAtLeast: 3 }, zh)).toBe('规下 · 用地 ≥ 3 亩');
    expect(conditionText({}, en)).toBe('Every enterprise');
    expect(
      bandsText(
        {
          mode: 'percentile',
          scope: 'county',
          rounding: 'floor',
          bands: [
            { code: 'A', upToPercent: 20 },
            { code: 'B', upToPercent: 70 },
            { code: 'C', upToPercent: 100 },
          ],
        },
        zh,
      ),
    ).toEqual(['A 类：排名前 0%–20%', 'B 类：排名前 20%–70%', 'C 类：其余']);
    expect(
      bandsText(
        {
          mode: 'threshold',
          scope: 'city',
          bands: [
            { code: 'A', minScore: 80 },
            { code: 'B', minScore: null },
          ],
        },
        en,
      ),
    ).toEqual(['Class A: score ≥ 80', 'Class B: the rest']);
  });
});

describe(indicatorLine.name, () => {
  it('shows value, benchmark, share of the benchmark, weight, points and the most points', () => {
    expect(indicatorLine(taxPerMu, 'zh-CN', zh)).toEqual({
      key: 'taxPerMu',
      name: '亩均税收',
      formula: '实缴税收 ÷ 用地面积',
      unit: '万元/亩',
      value: '15 万元/亩',
      benchmark: '20 万元/亩',
      ratio: '75%',
      weight: '40',
      points: '30',
      maxPoints: '60',
      isMissing: false,
      note: null,
    });
  });

  it('says why a value is missing and how it was scored', () => {
    const line = indicatorLine(
      { ...taxPerMu, value: null, points: 0, missing: 'zeroDenominator', missingRule: 'zero', cap: null },
      'en-US',
      en,
    );
    expect(line).toMatchObject({ value: 'Zero denominator', ratio: '—', maxPoints: '—', isMissing: true, note: 'Zero points' });
  });
});

describe(whatIfText.name, () => {
  it('states the value needed and the change of the numerator, or that the indicator cannot do it', () => {
    expect(whatIfText({ indicator: 'taxPerMu', valueNeeded: 18.5, numeratorChange: 301, unit: '万元/亩' }, [taxPerMu], 'zh-CN', zh)).toBe(
      '亩均税收达到 18.5 万元/亩（实缴税收增加 301 万元）',
    );
    expect(whatIfText({ indicator: 'taxPerMu', valueNeeded: null, numeratorChange: null, unit: '' }, [taxPerMu], 'en-US', en)).toBe(
      'Tax per mu alone cannot close the gap (capped)',
    );
  });
});

describe(groupName.name, () => {
  it('names a group from the method, falls back to its key', () => {
    const config = { groups: [{ key: 'aboveScale', nameZh: '规上企业', nameEn: 'Above scale' }] } as unknown as Parameters<
      typeof groupName
    >[0];
    expect(groupName(config, 'aboveScale', 'zh-CN')).toBe('规上企业');
    expect(groupName(config, 'aboveScale', 'en-US')).toBe('Above scale');
    expect(groupName(config, 'other', 'zh-CN')).toBe('other');
    expect(groupName(undefined, null, 'zh-CN')).toBe('—');
  });
});
