import { describe, expect, it } from 'vitest';
import { adjustmentItemsOf, checkMethodConfig, parseMethodConfig } from './method-config';

const VALID = {
  groups: [
    {
      key: 'all',
      nameZh: '全部企业',
      nameEn: 'All',
      when: {},
      indicators: [
        {
          key: 'taxPerMu',
          nameZh: '亩均税收',
          nameEn: 'Tax per mu',
          numerator: 'tax',
          denominator: 'landMu',
          direction: 'higher',
          weight: 100,
          benchmark: { kind: 'fixed', value: 20 },
        },
      ],
    },
  ],
  classing: {
    mode: 'percentile',
    scope: 'city',
    bands: [
      { code: 'A', upToPercent: 50 },
      { code: 'B', upToPercent: 100 },
    ],
  },
  classes: [
    { code: 'A', nameZh: '优先发展类', nameEn: 'A' },
    { code: 'B', nameZh: '其他', nameEn: 'B' },
  ],
  exempt: { code: 'T', nameZh: '不定等级', nameEn: 'Exempt', managedAs: null },
};

describe(parseMethodConfig.name, () => {
  it('reads JSON or reports why not', () => {
    expect(parseMethodConfig('{"a":1}')).toEqual({ kind: 'ok', value: { a: 1 } });
    expect(parseMethodConfig('{a:').kind).toBe('json');
  });
});

describe(checkMethodConfig.name, () => {
  it('accepts a valid configuration with the schema defaults filled in', () => {
    const checked = checkMethodConfig(JSON.stringify(VALID), 'zh-CN', (m) => m);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.config.landBasis).toBe('ownedPlusLeased');
  });

  it('lists every problem with its path, in Chinese', () => {
    const broken = structuredClone(VALID) as typeof VALID & { groups: { indicators: Record<string, unknown>[] }[] };
    broken.groups[0]!.indicators[0]!.direction = 'lower';
    broken.classing.bands[1]!.code = 'X';
    const checked = checkMethodConfig(JSON.stringify(broken), 'zh-CN', (m) => m);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.problems.some((p) => p.includes('groups.0.indicators.0.cap') && p.includes('得分上限'))).toBe(true);
      expect(checked.problems.some((p) => p.includes('classing.bands.1.code') && p.includes('等级'))).toBe(true);
    }
  });

  it('words a JSON error through the caller', () => {
    expect(checkMethodConfig('not json', 'zh-CN', () => 'bad')).toEqual({ ok: false, problems: ['bad'] });
  });
});

describe(adjustmentItemsOf.name, () => {
  it('lists the bonus and penalty items of all methods, each key once as its first method names it', () => {
    const item = (key: string, nameZh: string, kind: 'bonus' | 'penalty' = 'bonus') => ({
      key,
      nameZh,
      nameEn: key,
      kind,
      points: 1,
      maxPoints: 3,
    });
    const methods = [
      { config: { adjustments: [item('workSafety', '安全生产'), item('countyDeduction', '县区扣分项', 'penalty')] } },
      { config: { adjustments: [] } },
      { config: { adjustments: [item('workSafety', '安全生产（另一办法）'), item('bonus', '加分项')] } },
    ];
    expect(adjustmentItemsOf(methods).map((i) => [i.key, i.nameZh])).toEqual([
      ['workSafety', '安全生产'],
      ['countyDeduction', '县区扣分项'],
      ['bonus', '加分项'],
    ]);
    expect(adjustmentItemsOf([])).toEqual([]);
  });
});
