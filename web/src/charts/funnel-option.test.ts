import { describe, expect, it } from 'vitest';
import type { FunnelRow } from '../../../src/contracts/index.js';
import { buildFunnelOption, type FunnelChartLabels, funnelLayers } from './funnel-option';

const ROW: FunnelRow = {
  unitId: 1,
  unitName: '衡阳市',
  cohortCount: 390,
  cohortAmount: '28606000',
  attractedAmount: '28887200',
  target: '28550000',
  attractionRate: 1.01181,
  stages: {
    fulfilling: { reachedCount: 307, reachedAmount: '24005600', byCount: 0.787, byAmount: 0.839 },
    landed: { reachedCount: 179, reachedAmount: '14065100', byCount: 0.459, byAmount: 0.492 },
    started: { reachedCount: 105, reachedAmount: '8588300', byCount: 0.269, byAmount: 0.3 },
    in_production: { reachedCount: 14, reachedAmount: '1548200.5', byCount: 0.036, byAmount: 0.054 },
  },
  lateFilings: 15,
  unsettledDuplicates: 2,
};

const LABELS: FunnelChartLabels = {
  stage: (stage) => stage.toUpperCase(),
  count: (n) => `${n} deals`,
  amount: (a) => `${a} wan`,
  rate: (r) => (r === null ? '-' : `${Math.round(r * 100)}%`),
};

describe(funnelLayers.name, () => {
  it('counts the cohort and each stage reached', () => {
    expect(funnelLayers(ROW, 'count', LABELS).map((l) => [l.stage, l.value, l.rate])).toEqual([
      ['signed', 390, 1],
      ['fulfilling', 307, 0.787],
      ['landed', 179, 0.459],
      ['started', 105, 0.269],
      ['in_production', 14, 0.036],
    ]);
  });

  it('weighs by amount with the exact amount as the label', () => {
    const layers = funnelLayers(ROW, 'amount', LABELS);
    expect(layers[0]).toEqual({ stage: 'signed', value: 28606000, display: '28606000 wan', rate: 1 });
    expect(layers[4]).toEqual({ stage: 'in_production', value: 1548200.5, display: '1548200.5 wan', rate: 0.054 });
  });

  it('has no rates for an empty cohort', () => {
    const empty = { ...ROW, cohortCount: 0, cohortAmount: '0' };
    expect(funnelLayers(empty, 'count', LABELS)[0]?.rate).toBeNull();
  });
});

describe(buildFunnelOption.name, () => {
  it('draws one funnel in stage order, labelled with figure and share', () => {
    const option = buildFunnelOption(ROW, 'count', LABELS);
    const series = option.series[0]!;
    expect(series.type).toBe('funnel');
    expect(series.sort).toBe('none');
    expect(series.max).toBe(390);
    expect(series.data.map((d) => d.name)).toEqual(['SIGNED', 'FULFILLING', 'LANDED', 'STARTED', 'IN_PRODUCTION']);
    expect(series.label.formatter({ data: series.data[2] })).toBe('LANDED  179 deals  46%');
    expect(option.tooltip.formatter({ data: series.data[0] })).toBe('SIGNED  390 deals  100%');
  });

  it('keeps a usable scale when everything is zero', () => {
    const empty = {
      ...ROW,
      cohortCount: 0,
      cohortAmount: '0',
      stages: Object.fromEntries(
        Object.keys(ROW.stages).map((k) => [k, { reachedCount: 0, reachedAmount: '0', byCount: null, byAmount: null }]),
      ) as FunnelRow['stages'],
    };
    expect(buildFunnelOption(empty, 'amount', LABELS).series[0]!.max).toBe(1);
  });
});
