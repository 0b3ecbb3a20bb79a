import '../../charts/evaluation-charts';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../../charts/EChart';

/** The class distribution chart, in its own chunk so ECharts loads only when the tab is opened. */
export default function DistributionChart({ option, height }: { option: EChartsCoreOption; height: number }) {
  return <EChart option={option} height={height} testId="distribution-chart" />;
}
