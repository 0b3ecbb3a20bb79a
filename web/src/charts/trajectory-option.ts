import type { MonitoringOverview } from '../../../src/contracts/index.js';

/**
 * The trajectory (plan vs actual vs forecast, cumulative by month) as a pure ECharts option.
 * Amounts arrive as exact 万元 strings; the numbers only place the points, every label and
 * tooltip shows the exact string through `labels.money`.
 */
export type Trajectory = MonitoringOverview['trajectory'];
export type TrajectoryLine = 'plan' | 'actual' | 'forecast';

export const TRAJECTORY_LINES: readonly TrajectoryLine[] = ['plan', 'actual', 'forecast'];

export const TRAJECTORY_COLORS: Record<TrajectoryLine, string> = {
  plan: '#8c8c8c',
  actual: '#1677ff',
  forecast: '#fa8c16',
};

export interface TrajectoryLabels {
  line: (line: TrajectoryLine) => string;
  /** 1 → '1月' / 'Jan'. */
  month: (month: number) => string;
  /** An exact amount in 万元 for people. */
  money: (amount: string) => string;
  /** An axis tick (万元, a plain number). */
  axis: (value: number) => string;
}

export interface TrajectoryPoint {
  month: number;
  /** The exact figure of each line at this month; null where the line has no point. */
  exact: Record<TrajectoryLine, string | null>;
}

const toNumber = (value: string | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));

/** One point per month with the exact figures of the three lines (the API gives three arrays of 12). */
export function trajectoryPoints(trajectory: Trajectory): TrajectoryPoint[] {
  return Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    exact: {
      plan: trajectory.planCumulative[i] ?? null,
      actual: trajectory.actualCumulative[i] ?? null,
      forecast: trajectory.forecastCumulative[i] ?? null,
    },
  }));
}

/** The largest figure of the three lines (万元), for an axis whose ticks share one unit. */
export function trajectoryMax(trajectory: Trajectory): number {
  const values = [...trajectory.planCumulative, ...trajectory.actualCumulative, ...trajectory.forecastCumulative];
  return Math.max(0, ...values.map((value) => Number(value ?? 0)));
}

/** Whether there is anything to draw: a plan or an actual figure above zero. */
export function hasTrajectory(trajectory: Trajectory): boolean {
  const positive = (value: string | null | undefined) => value !== null && value !== undefined && Number(value) > 0;
  return trajectory.planCumulative.some(positive) || trajectory.actualCumulative.some(positive);
}

interface LineSeries {
  name: string;
  type: 'line';
  line: TrajectoryLine;
  data: (number | null)[];
  connectNulls: false;
  symbol: string;
  symbolSize: number;
  lineStyle: { color: string; width: number; type: 'solid' | 'dashed' | 'dotted' };
  itemStyle: { color: string };
  areaStyle?: { color: string; opacity: number };
  z: number;
}

/** A type alias, not an interface: ECharts' option type wants an index signature. */
export type TrajectoryChartOption = {
  color: string[];
  tooltip: { trigger: 'axis'; formatter: (params: unknown) => string };
  legend: { top: number; data: string[] };
  grid: { left: number; right: number; top: number; bottom: number; containLabel: true };
  xAxis: { type: 'category'; boundaryGap: false; data: string[] };
  yAxis: { type: 'value'; axisLabel: { formatter: (value: number) => string } };
  series: LineSeries[];
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The tooltip of a month: each line that has a point there, with its exact amount. */
export function trajectoryTooltip(point: TrajectoryPoint, labels: TrajectoryLabels): string {
  const rows = TRAJECTORY_LINES.filter((line) => point.exact[line] !== null).map(
    (line) =>
      `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:${TRAJECTORY_COLORS[line]}"></span>` +
      `${escapeHtml(labels.line(line))}: ${escapeHtml(labels.money(point.exact[line] ?? '0'))}`,
  );
  return [escapeHtml(labels.month(point.month)), ...rows].join('<br/>');
}

export function buildTrajectoryOption(trajectory: Trajectory, labels: TrajectoryLabels): TrajectoryChartOption {
  const points = trajectoryPoints(trajectory);
  const series = (line: TrajectoryLine, style: 'solid' | 'dashed' | 'dotted', z: number): LineSeries => ({
    name: labels.line(line),
    type: 'line',
    line,
    data: points.map((p) => toNumber(p.exact[line])),
    connectNulls: false,
    symbol: 'circle',
    symbolSize: line === 'actual' ? 6 : 4,
    lineStyle: { color: TRAJECTORY_COLORS[line], width: line === 'actual' ? 3 : 2, type: style },
    itemStyle: { color: TRAJECTORY_COLORS[line] },
    ...(line === 'actual' ? { areaStyle: { color: TRAJECTORY_COLORS.actual, opacity: 0.08 } } : {}),
    z,
  });
  return {
    color: TRAJECTORY_LINES.map((line) => TRAJECTORY_COLORS[line]),
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const point = points[first?.dataIndex ?? -1];
        return point ? trajectoryTooltip(point, labels) : '';
      },
    },
    legend: { top: 0, data: TRAJECTORY_LINES.map((line) => labels.line(line)) },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => labels.month(p.month)) },
    yAxis: { type: 'value', axisLabel: { formatter: labels.axis } },
    // The plan underneath, the actual on top, the forecast continuing it from the last month counted.
    series: [series('plan', 'dashed', 1), series('forecast', 'dotted', 2), series('actual', 'solid', 3)],
  };
}
