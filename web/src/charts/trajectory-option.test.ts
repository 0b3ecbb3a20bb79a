import { describe, expect, it } from 'vitest';
import {
  buildTrajectoryOption,
  hasTrajectory,
  type Trajectory,
  type TrajectoryLabels,
  trajectoryMax,
  trajectoryPoints,
  trajectoryTooltip,
} from './trajectory-option';

const months = (values: (string | null)[]) => values;

/** Measured to the end of September: actual for 1–9, forecast from 9 on. */
const TRAJECTORY: Trajectory = {
  planCumulative: months(['50', '110', '200', '300', '400', '520', '630', '740', '850', '950', '1050', '1100.5']) as string[],
  actualCumulative: months(['40', '90', '170', '260', '350', '450', '540', '630', '720', null, null, null]),
  forecastCumulative: months([null, null, null, null, null, null, null, null, '720', '810', '900', '960.25']),
};

const LABELS: TrajectoryLabels = {
  line: (line) => line.toUpperCase(),
  month: (m) => `M${m}`,
  money: (amount) => `${amount} wan`,
  axis: (value) => `${value}`,
};

describe(trajectoryPoints.name, () => {
  it('zips the three cumulative arrays into twelve months of exact figures', () => {
    const points = trajectoryPoints(TRAJECTORY);
    expect(points).toHaveLength(12);
    expect(points[0]).toEqual({ month: 1, exact: { plan: '50', actual: '40', forecast: null } });
    expect(points[8]).toEqual({ month: 9, exact: { plan: '850', actual: '720', forecast: '720' } });
    expect(points[11]).toEqual({ month: 12, exact: { plan: '1100.5', actual: null, forecast: '960.25' } });
  });

  it('fills short arrays with gaps rather than inventing figures', () => {
    const points = trajectoryPoints({ planCumulative: ['1'], actualCumulative: [], forecastCumulative: [] });
    expect(points[5]?.exact).toEqual({ plan: null, actual: null, forecast: null });
  });
});

describe(hasTrajectory.name, () => {
  it('is false for a year without a plan or a figure', () => {
    const zero = Array<string>(12).fill('0');
    expect(hasTrajectory({ planCumulative: zero, actualCumulative: Array(12).fill(null), forecastCumulative: Array(12).fill(null) })).toBe(
      false,
    );
    expect(hasTrajectory(TRAJECTORY)).toBe(true);
  });
});

describe(trajectoryMax.name, () => {
  it('is the largest figure of any line (the forecast may pass the plan), zero for none', () => {
    expect(trajectoryMax(TRAJECTORY)).toBe(1100.5);
    expect(trajectoryMax({ ...TRAJECTORY, forecastCumulative: [...TRAJECTORY.forecastCumulative.slice(0, 11), '20000'] })).toBe(20000);
    expect(trajectoryMax({ planCumulative: [], actualCumulative: [null], forecastCumulative: [] })).toBe(0);
  });
});

describe(buildTrajectoryOption.name, () => {
  const option = buildTrajectoryOption(TRAJECTORY, LABELS);

  it('draws plan, forecast and actual as three lines over twelve months', () => {
    expect(option.xAxis.data).toEqual(Array.from({ length: 12 }, (_, i) => `M${i + 1}`));
    expect(option.series.map((s) => s.line)).toEqual(['plan', 'forecast', 'actual']);
    expect(option.legend.data).toEqual(['PLAN', 'ACTUAL', 'FORECAST']);
  });

  it('keeps gaps where a line has no point, and places points by number', () => {
    const actual = option.series.find((s) => s.line === 'actual')!;
    expect(actual.data.slice(8)).toEqual([720, null, null, null]);
    expect(actual.connectNulls).toBe(false);
    const forecast = option.series.find((s) => s.line === 'forecast')!;
    expect(forecast.data.slice(7)).toEqual([null, 720, 810, 900, 960.25]);
    expect(option.series.find((s) => s.line === 'plan')!.lineStyle.type).toBe('dashed');
  });

  it('shows the exact amounts of the hovered month in the tooltip', () => {
    const text = option.tooltip.formatter([{ dataIndex: 11 }]);
    expect(text).toBe(trajectoryTooltip(trajectoryPoints(TRAJECTORY)[11]!, LABELS));
    expect(text).toContain('M12');
    expect(text).toContain('PLAN: 1100.5 wan');
    expect(text).toContain('FORECAST: 960.25 wan');
    expect(text).not.toContain('ACTUAL');
    expect(option.tooltip.formatter([])).toBe('');
  });

  it('escapes labels in the tooltip HTML', () => {
    const point = trajectoryPoints(TRAJECTORY)[0]!;
    expect(trajectoryTooltip(point, { ...LABELS, month: () => '<b>1</b>' })).toContain('&lt;b&gt;1&lt;/b&gt;');
  });
});
