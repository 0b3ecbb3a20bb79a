import { FUNNEL_STAGES, type FunnelRow, type FunnelStage } from '../../../src/contracts/index.js';

/**
 * ECharts options as pure functions of API data: testable without a browser, and the page that
 * draws them is the only one that loads ECharts.
 */
export type FunnelMeasureKind = 'count' | 'amount';
export type FunnelLayerStage = 'signed' | FunnelStage;

export interface FunnelLayer {
  stage: FunnelLayerStage;
  /** Size of the layer: a count, or the amount in 万元 as a number (geometry only; labels use the exact text). */
  value: number;
  /** The exact figure as shown. */
  display: string;
  /** Share of the cohort (1 for the cohort itself); null for an empty cohort. */
  rate: number | null;
}

export interface FunnelChartLabels {
  stage: (stage: FunnelLayerStage) => string;
  count: (count: number) => string;
  amount: (amount: string) => string;
  rate: (rate: number | null) => string;
}

/** Signed (the cohort) → fulfilling → landed → started → in production, by count or by amount. */
export function funnelLayers(
  row: FunnelRow,
  measure: FunnelMeasureKind,
  labels: Pick<FunnelChartLabels, 'count' | 'amount'>,
): FunnelLayer[] {
  const cohort: FunnelLayer =
    measure === 'count'
      ? { stage: 'signed', value: row.cohortCount, display: labels.count(row.cohortCount), rate: row.cohortCount ? 1 : null }
      : { stage: 'signed', value: Number(row.cohortAmount), display: labels.amount(row.cohortAmount), rate: row.cohortCount ? 1 : null };
  return [
    cohort,
    ...FUNNEL_STAGES.map((stage): FunnelLayer => {
      const rate = row.stages[stage];
      return measure === 'count'
        ? { stage, value: rate.reachedCount, display: labels.count(rate.reachedCount), rate: rate.byCount }
        : { stage, value: Number(rate.reachedAmount), display: labels.amount(rate.reachedAmount), rate: rate.byAmount };
    }),
  ];
}

/** Ant Design's blues, darker as the deals go further. */
export const FUNNEL_COLORS: Record<FunnelLayerStage, string> = {
  signed: '#91caff',
  fulfilling: '#69b1ff',
  landed: '#4096ff',
  started: '#1677ff',
  in_production: '#0958d9',
};

export interface FunnelDatum {
  name: string;
  value: number;
  stage: FunnelLayerStage;
  itemStyle: { color: string };
}

/** A type alias, not an interface: ECharts' option type wants an index signature. */
export type FunnelChartOption = {
  tooltip: { trigger: 'item'; formatter: (params: { data?: unknown }) => string };
  series: {
    type: 'funnel';
    sort: 'none';
    left: string;
    width: string;
    top: number;
    bottom: number;
    min: number;
    max: number;
    minSize: string;
    maxSize: string;
    gap: number;
    label: { show: true; position: 'right'; color: string; fontSize: number; formatter: (params: { data?: unknown }) => string };
    labelLine: { show: true; length: number };
    emphasis: { label: { fontSize: number } };
    data: FunnelDatum[];
  }[];
};

/** The total funnel of a cohort; each layer labelled with its figure and its share of the cohort. */
export function buildFunnelOption(row: FunnelRow, measure: FunnelMeasureKind, labels: FunnelChartLabels): FunnelChartOption {
  const layers = funnelLayers(row, measure, labels);
  const byStage = new Map(layers.map((layer) => [layer.stage, layer]));
  const layerOf = (params: { data?: unknown }) => byStage.get((params.data as FunnelDatum | undefined)?.stage ?? 'signed');
  const text = (params: { data?: unknown }) => {
    const layer = layerOf(params);
    return layer ? `${labels.stage(layer.stage)}  ${layer.display}  ${labels.rate(layer.rate)}` : '';
  };
  return {
    tooltip: { trigger: 'item', formatter: text },
    series: [
      {
        type: 'funnel',
        // Stages in their own order: a later stage can never hold more than an earlier one anyway.
        sort: 'none',
        // The labels sit to the right, where even the narrowest layer leaves them room.
        left: '6%',
        width: '58%',
        top: 8,
        bottom: 8,
        min: 0,
        max: Math.max(1, ...layers.map((layer) => layer.value)),
        minSize: '8%',
        maxSize: '100%',
        gap: 2,
        label: { show: true, position: 'right', color: 'rgba(0, 0, 0, 0.88)', fontSize: 13, formatter: text },
        labelLine: { show: true, length: 16 },
        emphasis: { label: { fontSize: 14 } },
        data: layers.map((layer) => ({
          name: labels.stage(layer.stage),
          value: layer.value,
          stage: layer.stage,
          itemStyle: { color: FUNNEL_COLORS[layer.stage] },
        })),
      },
    ],
  };
}
