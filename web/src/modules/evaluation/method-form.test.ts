import { describe, expect, it } from 'vitest';
import { METHOD_PRESETS } from '../../../../src/server/modules/evaluation/domain/presets.js';
import { translateUi } from '../../i18n/translate';
import {
  checkMethodForm,
  configOf,
  formValuesOf,
  newIndicator,
  parametersText,
  parseParameters,
  pathLabel,
  tabOfPath,
} from './method-form';

describe('the method form', () => {
  it.each(METHOD_PRESETS.map((preset) => [preset.key, preset.config] as const))(
    'gives back the %s preset unchanged when nothing is edited',
    (_key, config) => {
      const checked = checkMethodForm(formValuesOf(config), 'zh-CN');
      expect(checked).toEqual({ ok: true, config });
    },
  );

  it('keeps only the fields of the chosen benchmark, exemption and band kinds', () => {
    const values = formValuesOf(METHOD_PRESETS[0]!.config);
    const indicator = values.groups[0]!.indicators[0]!;
    indicator.benchmark = { kind: 'fixed', value: 120, factor: 2, scope: 'county', average: 'mean', percentile: 50 };
    values.exemptions = [{ key: 'young', nameZh: '新投产', nameEn: 'Young', kind: 'startup', years: 2, flag: 'utility', codes: ['44'] }];
    values.classing = { mode: 'threshold', scope: 'city', rounding: 'nearest', bands: [] };
    values.classing.bands = values.classes.map((c, i) => ({ code: c.code, upToPercent: 50, minScore: 90 - i * 20 }));
    const config = configOf(values) as {
      groups: { indicators: { benchmark: unknown }[] }[];
      exemptions: unknown[];
      classing: { bands: { minScore: number | null }[] };
    };
    expect(config.groups[0]!.indicators[0]!.benchmark).toEqual({ kind: 'fixed', value: 120 });
    expect(config.exemptions).toEqual([{ key: 'young', nameZh: '新投产', nameEn: 'Young', kind: 'startup', years: 2 }]);
    expect(config.classing).not.toHaveProperty('rounding');
    expect(config.classing.bands.at(-1)!.minScore).toBeNull();
    expect(checkMethodForm(values, 'zh-CN').ok).toBe(true);
  });

  it('names every problem by the path of its field, in the UI language', () => {
    const pathsOf = (values: ReturnType<typeof formValuesOf>) => {
      const checked = checkMethodForm(values, 'zh-CN');
      return checked.ok ? [] : checked.problems;
    };
    const base = () => formValuesOf(METHOD_PRESETS[0]!.config);

    const empty = base();
    empty.groups[0]!.indicators[0]!.weight = null as unknown as number;
    empty.adjustments.push({ key: 'extra', nameZh: '', nameEn: 'Extra', kind: 'bonus', points: 1, maxPoints: 1 });
    const problems = pathsOf(empty);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'groups.0.indicators.0.weight', message: '必填' },
        { path: `adjustments.${empty.adjustments.length - 1}.nameZh`, message: expect.any(String) },
      ]),
    );

    // Rules across fields: a "lower is better" indicator needs a cap; keys are unique within a group.
    const uncapped = base();
    uncapped.groups[0]!.indicators.push({ ...newIndicator(9), nameZh: '单位能耗', nameEn: 'Energy', direction: 'lower', cap: null });
    expect(pathsOf(uncapped).map((p) => p.path)).toEqual([`groups.0.indicators.${uncapped.groups[0]!.indicators.length - 1}.cap`]);
    const twice = base();
    twice.groups[0]!.indicators.push({ ...twice.groups[0]!.indicators[0]! });
    expect(pathsOf(twice).map((p) => p.path)).toEqual(['groups.0.indicators']);
  });

  it('reads policy parameters typed as lines, numbers and yes/no typed', () => {
    expect(parseParameters('surchargeYuanPerKwh = 0.1\npriority=first；eligible = true\n\n')).toEqual({
      surchargeYuanPerKwh: 0.1,
      priority: 'first',
      eligible: true,
    });
    expect(parseParameters(parametersText({ a: 1, b: 'x', c: false }))).toEqual({ a: 1, b: 'x', c: false });
    expect(parseParameters(undefined)).toEqual({});
  });

  it('opens the tab that shows a path', () => {
    expect(tabOfPath('groups.1.indicators.0.weight')).toBe('groups');
    expect(tabOfPath('classes.2.policies.0.textZh')).toBe('classing');
    expect(tabOfPath('exempt.managedAs')).toBe('classing');
    expect(tabOfPath('landBasis')).toBe('basic');
  });

  it('names a path the way a clerk reads the form', () => {
    const t = ((key: string, params?: Record<string, string | number>) => translateUi('zh-CN', key as never, params)) as never;
    expect(pathLabel('groups.0.indicators.1.weight', t)).toBe('评价组 1 › 指标 2 › 权重');
    expect(pathLabel('groups.1.indicators.0.benchmark.factor', t)).toBe('评价组 2 › 指标 1 › 倍数');
    expect(pathLabel('classes.2.policies.0.textZh', t)).toBe('等级 3 › 政策 1 › 政策内容');
    expect(pathLabel('groups.0.indicators', t)).toBe('评价组 1 › 指标');
  });
});
