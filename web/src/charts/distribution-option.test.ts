import { describe, expect, it } from 'vitest';
import { type DistributionData, distributionOption, topRows } from './distribution-option';

const DATA: DistributionData = {
  classes: ['A', 'B', 'C', 'D', 'T'],
  rows: [
    { key: '1', name: '高新区', total: 10, counts: { A: 3, B: 4, C: 2, D: 1 } },
    { key: '2', name: '松木园区', total: 25, counts: { A: 5, B: 10, C: 6, D: 2, T: 2 } },
    { key: '3', name: '白沙园区', total: 4, counts: { B: 2, D: 2 } },
  ],
};

describe(topRows.name, () => {
  it('keeps the largest rows first', () => {
    expect(topRows(DATA.rows, 2).map((r) => r.key)).toEqual(['2', '1']);
  });
});

describe(distributionOption.name, () => {
  it('stacks one series per class over the rows, largest at the top, zeros where a class is absent', () => {
    const option = distributionOption(DATA, { className: (code) => `${code}类` });
    expect(option.yAxis.data).toEqual(['白沙园区', '高新区', '松木园区']);
    expect(option.series.map((s) => s.name)).toEqual(['A类', 'B类', 'C类', 'D类', 'T类']);
    expect(option.series.every((s) => s.stack === 'classes' && s.type === 'bar')).toBe(true);
    expect(option.series[0]!.data).toEqual([0, 3, 5]);
    expect(option.series[4]!.data).toEqual([0, 0, 2]);
    expect(option.series[0]!.itemStyle.color).toBe('#52c41a');
    expect(option.series[4]!.itemStyle.color).toBe('#8c8c8c');
    expect(option.legend.data).toEqual(['A类', 'B类', 'C类', 'D类', 'T类']);
  });

  it('limits the bars to the largest rows', () => {
    expect(distributionOption(DATA, { className: (c) => c }, 1).yAxis.data).toEqual(['松木园区']);
  });
});
