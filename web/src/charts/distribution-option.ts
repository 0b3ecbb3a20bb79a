/**
 * The class distribution of an evaluation run (GET /evaluation/runs/:id/distribution) as a
 * horizontal stacked bar chart: one bar per park, industry or unit, one segment per class.
 */
export interface DistributionData {
  classes: readonly string[];
  rows: readonly { key: string; name: string; total: number; counts: Readonly<Record<string, number>> }[];
}

/** Colours of the usual classes (A best … D worst); other codes (exempt, custom) take the neutral ones in turn. */
export const CLASS_COLORS: Readonly<Record<string, string>> = { A: '#52c41a', B: '#1677ff', C: '#faad14', D: '#ff4d4f' };
const NEUTRAL = ['#8c8c8c', '#bfbfbf', '#722ed1', '#13c2c2'];

export function classColorOf(code: string, index: number): string {
  return CLASS_COLORS[code] ?? NEUTRAL[index % NEUTRAL.length]!;
}

/** Rows with the most enterprises first, at most `limit` of them (the chart stays readable). */
export function topRows<R extends { total: number; name: string }>(rows: readonly R[], limit: number): R[] {
  return [...rows].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)).slice(0, limit);
}

export function distributionOption(data: DistributionData, labels: { className: (code: string) => string }, limit = 20) {
  // Largest at the top: ECharts draws a category axis from the bottom up.
  const rows = topRows(data.rows, limit).reverse();
  let neutral = 0;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: data.classes.map((code) => labels.className(code)) },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 180, overflow: 'truncate' } },
    series: data.classes.map((code) => ({
      name: labels.className(code),
      type: 'bar',
      stack: 'classes',
      barMaxWidth: 18,
      itemStyle: { color: CLASS_COLORS[code] ?? NEUTRAL[neutral++ % NEUTRAL.length] },
      data: rows.map((r) => r.counts[code] ?? 0),
    })),
  };
}
