import { describe, expect, it } from 'vitest';
import { type CompetitionScheme, DEFAULT_COMPETITION_GROUPS } from '../../../../src/contracts/index.js';
import { ApiError } from '../../api/client';
import {
  fromForm,
  groupPoints,
  newGroupRow,
  newIndicatorRow,
  newSchemeValues,
  nextKey,
  parseAdjustment,
  parseEntry,
  parseScheme,
  parseSchemeUpdate,
  type SchemeFormValues,
  toForm,
  totalPoints,
  treeErrors,
} from './scheme-form';

function fieldsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return Object.fromEntries((error as ApiError).fields.map((f) => [f.path, f.message]));
  }
  throw new Error('no error');
}

/** A deep copy of the default values, to change one thing in. */
function values(): SchemeFormValues {
  return structuredClone(newSchemeValues(2026, ' 2026年度争先创优考评方案 '));
}

const scheme = {
  id: 4,
  year: 2026,
  title: 'T',
  status: 'draft',
  groups: structuredClone(DEFAULT_COMPETITION_GROUPS) as CompetitionScheme['groups'],
  rewardCount: 2,
  warningCount: 1,
  fullPoints: 100,
  publishedPeriods: [],
  periodsToPublish: [],
  version: 7,
  updatedAt: '2026-05-01T00:00:00.000Z',
  activatedAt: null,
} satisfies CompetitionScheme;

describe(toForm.name, () => {
  it('shows shares and the targets and steps of rate sources in percent, every rule kind ready', () => {
    const form = toForm(scheme);
    expect(form).toMatchObject({ year: 2026, title: 'T', rewardCount: 2, warningCount: 1 });
    const [construction, , delivery, observation] = form.groups!;
    // Investment against plan (a rate): target 1 → 100 %.
    expect(construction!.indicators![0]).toMatchObject({
      key: 'investment_ratio',
      points: 25,
      source: { kind: 'investmentRatio' },
      rule: { kind: 'ratio', target: 100, cap: 1 },
    });
    // Ranks: the last place's share 0.2 → 20 %, 0.5 → 50 %.
    expect(construction!.indicators![1]).toMatchObject({
      key: 'red_list',
      source: { kind: 'honours', list: 'red' },
      rule: { kind: 'rank', order: 'desc', lowest: 20 },
    });
    expect(construction!.indicators![2]!.rule).toMatchObject({ kind: 'rank', order: 'desc', lowest: 50 });
    // Problem closure thresholds: 0.95 → 95 %, shares 0.8 → 80 %, no binary noise.
    expect(delivery!.indicators![1]!.rule!.steps).toEqual([
      { min: 95, share: 100 },
      { min: 85, share: 80 },
      { min: 70, share: 60 },
      { min: 0, share: 30 },
    ]);
    // A score is not a rate: its target stays as it is.
    expect(observation!.indicators![0]!.rule).toMatchObject({ kind: 'ratio', target: 100, cap: 1 });
    // Every source keeps a letter kind and a metric ready for a switch of kind.
    expect(construction!.indicators![0]!.source).toEqual({
      kind: 'investmentRatio',
      letterKind: 'investment',
      metric: 'completed',
      list: 'red',
    });
  });
});

describe(fromForm.name, () => {
  it('gives back the contract’s tree exactly: only the chosen kinds’ fields, fractions again', () => {
    expect(parseScheme(toForm(scheme), 'zh-CN')).toEqual({
      year: 2026,
      title: 'T',
      rewardCount: 2,
      warningCount: 1,
      groups: DEFAULT_COMPETITION_GROUPS,
    });
  });

  it('keeps what a unit without a value wins, and leaves out the default (nothing)', () => {
    const form = values();
    const observation = form.groups!.flatMap((g) => g!.indicators!).find((i) => i!.key === 'observation_score')!;
    expect(observation.missing).toBe('average');
    expect(form.groups![0]!.indicators![0]!.missing).toBe('zero');
    form.groups![0]!.indicators![0]!.missing = 'full';
    observation.missing = 'zero';
    const parsed = parseScheme(form, 'zh-CN');
    const indicators = parsed.groups.flatMap((g) => g.indicators);
    expect(indicators[0]!.missing).toBe('full');
    expect('missing' in indicators.find((i) => i.key === 'observation_score')!).toBe(false);
  });

  it('trims the texts and turns a switched rule into the new kind’s fields', () => {
    const form = values();
    form.groups![0]!.nameZh = ' 项目建设 ';
    form.groups![0]!.indicators![0]!.rule = {
      ...form.groups![0]!.indicators![0]!.rule,
      kind: 'thresholds',
      steps: [
        { min: 90, share: 100 },
        { min: 7, share: 25 },
      ],
    };
    form.groups![0]!.indicators![1]!.source = { kind: 'fulfilment', letterKind: 'safety', metric: 'completed' };
    const body = fromForm(form) as { title: string; groups: { nameZh: string; indicators: Record<string, unknown>[] }[] };
    expect(body.title).toBe('2026年度争先创优考评方案');
    expect(body.groups[0]!.nameZh).toBe('项目建设');
    expect(body.groups[0]!.indicators[0]!.rule).toEqual({
      kind: 'thresholds',
      steps: [
        { min: 0.9, share: 1 },
        { min: 0.07, share: 0.25 },
      ],
    });
    expect(body.groups[0]!.indicators[1]!.source).toEqual({ kind: 'fulfilment', letterKind: 'safety' });
  });
});

describe(parseScheme.name, () => {
  it('reports empty fields as required on the fields of the tree, the kinds too', () => {
    const form = values();
    form.title = '';
    form.rewardCount = null;
    form.groups![1]!.nameEn = '';
    form.groups![0]!.indicators![2]!.points = null;
    form.groups![0]!.indicators![0]!.source = {};
    form.groups![0]!.indicators![1]!.rule = {};
    form.groups![2]!.indicators![0]!.source = { kind: 'fulfilment' };
    expect(fieldsOf(() => parseScheme(form, 'zh-CN'))).toEqual({
      title: '必填',
      rewardCount: '必填',
      'groups.1.nameEn': '必填',
      'groups.0.indicators.2.points': '必填',
      'groups.0.indicators.0.source.kind': '必填',
      'groups.0.indicators.1.rule.kind': '必填',
      'groups.2.indicators.0.source.letterKind': '必填',
    });
    expect(fieldsOf(() => parseScheme({ ...values(), title: ' ' }, 'en-US')).title).toMatch(/required/i);
  });

  it('says a key used twice on every row using it, and steps out of order on the step', () => {
    const form = values();
    form.groups![1]!.indicators![0]!.key = 'completed_rank';
    form.groups![2]!.indicators![1]!.rule!.steps = [
      { min: 95, share: 100 },
      { min: 95, share: 80 },
    ];
    const fields = fieldsOf(() => parseScheme(form, 'zh-CN'));
    expect(fields).toEqual({
      'groups.0.indicators.2.key': '编号重复',
      'groups.1.indicators.0.key': '编号重复',
      'groups.2.indicators.1.rule.steps.1.min': '各档下限须从高到低排列且互不相同',
    });
  });

  it('refuses a key the contract does not allow and no groups at all', () => {
    const form = values();
    form.groups![0]!.key = 'Bad key';
    expect(fieldsOf(() => parseScheme(form, 'zh-CN'))).toHaveProperty(['groups.0.key']);
    expect(fieldsOf(() => parseScheme({ ...values(), groups: [] }, 'zh-CN'))).toHaveProperty(['groups']);
  });
});

describe(treeErrors.name, () => {
  it('finds nothing wrong with the default system', () => {
    expect(treeErrors(fromForm(values()), 'zh-CN')).toEqual([]);
  });
});

describe(parseSchemeUpdate.name, () => {
  it('sends everything but the year, with the version opened', () => {
    const update = parseSchemeUpdate(toForm(scheme), 7, 'en-US');
    expect(update).toMatchObject({ version: 7, title: 'T', rewardCount: 2, warningCount: 1 });
    expect(update).not.toHaveProperty('year');
    expect(update.groups).toEqual(DEFAULT_COMPETITION_GROUPS);
  });
});

describe(totalPoints.name, () => {
  it('adds the points typed so far, per group and in all', () => {
    const form = values();
    expect(totalPoints(form.groups)).toBe(100);
    expect(groupPoints(form.groups![0])).toBe(50);
    form.groups![0]!.indicators![0]!.points = null;
    form.groups![1]!.indicators![0]!.points = 10.25;
    expect(totalPoints(form.groups)).toBe(75.25);
    expect(totalPoints([undefined, { indicators: [undefined, {}] }])).toBe(0);
    expect(totalPoints(undefined)).toBe(0);
  });
});

describe(nextKey.name, () => {
  it('takes the first gN or iN no group or indicator uses', () => {
    expect(nextKey('g', undefined)).toBe('g1');
    expect(nextKey('i', [{ key: 'i1', indicators: [{ key: 'i2' }, { key: 'i4' }] }])).toBe('i3');
    expect(nextKey('i', [], ['i1'])).toBe('i2');
  });

  it('starts a new group with one new indicator, keys distinct', () => {
    const group = newGroupRow([{ key: 'g1', indicators: [{ key: 'i1' }] }]);
    expect(group).toMatchObject({ key: 'g2', indicators: [{ key: 'i2', source: { kind: 'entered' }, rule: { kind: 'ratio' } }] });
    expect(newIndicatorRow('x').points).toBeNull();
  });
});

describe(parseEntry.name, () => {
  const target = { period: 'Q2' as const, indicatorKey: 'business_env', unitId: 3 };

  it('sends a value with its trimmed evidence, which is required', () => {
    expect(parseEntry(target, { value: 92.5, evidence: ' 营商环境评价报告 ' }, 'zh-CN')).toEqual({
      ...target,
      value: 92.5,
      evidence: '营商环境评价报告',
    });
    expect(fieldsOf(() => parseEntry(target, { value: 92.5, evidence: ' ' }, 'zh-CN'))).toEqual({ evidence: '必填' });
    expect(fieldsOf(() => parseEntry(target, { value: null, evidence: 'x' }, 'zh-CN'))).toEqual({ value: '必填' });
  });

  it('clears with a null value, evidence or not', () => {
    expect(parseEntry(target, { value: 1, evidence: '' }, 'zh-CN', true)).toEqual({ ...target, value: null, evidence: '' });
  });
});

describe(parseAdjustment.name, () => {
  it('sends a signed amount with its reason and evidence', () => {
    expect(parseAdjustment('Y', { unitId: 5, points: -1.5, reason: ' 通报批评 ', evidence: ' 文号 ' }, 'zh-CN')).toEqual({
      period: 'Y',
      unitId: 5,
      points: -1.5,
      reason: '通报批评',
      evidence: '文号',
    });
  });

  it('refuses no unit, zero, more than the limit or three decimals', () => {
    expect(fieldsOf(() => parseAdjustment('Q1', { points: 1, reason: 'r', evidence: 'e' }, 'zh-CN'))).toEqual({ unitId: '必填' });
    for (const points of [0, 20.5, -21, 1.005]) {
      expect(
        fieldsOf(() => parseAdjustment('Q1', { unitId: 1, points, reason: 'r', evidence: 'e' }, 'zh-CN')),
        String(points),
      ).toHaveProperty('points');
    }
  });
});
