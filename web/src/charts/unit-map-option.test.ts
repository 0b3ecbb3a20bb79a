import { describe, expect, it } from 'vitest';
import type { UnitLight } from '../../../src/contracts/index.js';
import { NO_DATA_COLOR } from './lights';
import { buildUnitMapOption, extentOf, joinUnitMap, type UnitMapFeature, type UnitMapLabels, unitIdOfMapClick } from './unit-map-option';

const feature = (code: string, name: string, unitId: number | null): UnitMapFeature => ({ properties: { code, name, unitId } });

const FEATURES = [
  feature('430405', '珠晖区', 11),
  feature('430406', '雁峰区', 12),
  feature('430421', '衡阳县', 13),
  feature('430499', '未知', null),
];

const row = (unitId: number, light: UnitLight['light'], overrides: Partial<UnitLight> = {}): UnitLight => ({
  unitId,
  unitName: `unit ${unitId}`,
  hasChildren: false,
  projects: 3,
  counts: { green: 1, yellow: 1, red: 1, none: 0 },
  plan: '1000',
  dueByNow: '800',
  ytd: '600.5',
  ratio: 0.75,
  light,
  forecast: '900',
  ...overrides,
});

const LABELS: UnitMapLabels = {
  name: (region) => region.row?.unitName ?? region.featureName,
  tooltip: (region) => `${region.code} ${region.light ?? '-'}`,
};

describe(joinUnitMap.name, () => {
  it('colours each boundary by the row of its unit and lists the rows without one beside the map', () => {
    const park = row(40, 'green');
    const join = joinUnitMap(FEATURES, [row(11, 'red'), row(12, 'green'), park]);
    expect(join.regions.map((r) => [r.code, r.unitId, r.light])).toEqual([
      ['430405', 11, 'red'],
      ['430406', 12, 'green'],
      ['430421', 13, null],
      ['430499', null, null],
    ]);
    expect(join.unplaced).toEqual([park]);
    expect(join.regions.every((r) => !r.isScope)).toBe(true);
  });

  it('highlights the county looked into when none of its rows has a boundary', () => {
    const join = joinUnitMap(FEATURES, [row(201, 'green'), row(202, 'red')], { unitId: 13, light: 'yellow' });
    const county = join.regions.find((r) => r.unitId === 13)!;
    expect(county.isScope).toBe(true);
    expect(county.light).toBe('yellow');
    expect(county.row).toBeNull();
    expect(join.regions.filter((r) => r.light !== null)).toHaveLength(1);
    expect(join.unplaced.map((r) => r.unitId)).toEqual([201, 202]);
  });

  it('does not highlight the scope when rows are on the map (the city itself)', () => {
    const join = joinUnitMap(FEATURES, [row(11, 'red')], { unitId: null, light: 'green' });
    expect(join.regions.some((r) => r.isScope)).toBe(false);
  });
});

describe(buildUnitMapOption.name, () => {
  const join = joinUnitMap(FEATURES, [row(11, 'red'), row(12, 'green', { ytd: '12345.6789' })]);
  const option = buildUnitMapOption('juli-units', join, LABELS);
  const series = option.series[0]!;

  it('draws the registered map keyed by division code', () => {
    expect(series.type).toBe('map');
    expect(series.map).toBe('juli-units');
    expect(series.nameProperty).toBe('code');
    expect(series.data.map((d) => d.name)).toEqual(['430405', '430406', '430421', '430499']);
  });

  it('fills regions with their light colour and the rest with the no-data grey', () => {
    expect(series.data[0]?.itemStyle.areaColor).toBe('#ff4d4fcc');
    expect(series.data[1]?.itemStyle.areaColor).toBe('#52c41acc');
    expect(series.data[2]?.itemStyle.areaColor).toBe(NO_DATA_COLOR);
    expect(series.data[1]?.value).toBe(12345.6789);
    expect(series.data[2]?.value).toBeNull();
  });

  it('labels and explains regions through the labels given', () => {
    expect(series.label.formatter({ data: series.data[0] })).toBe('unit 11');
    expect(series.label.formatter({ data: series.data[3] })).toBe('未知');
    expect(option.tooltip.formatter({ data: series.data[1] })).toBe('430406 green');
    expect(option.tooltip.formatter({})).toBe('');
  });

  it('turns a click into the unit behind the region', () => {
    expect(unitIdOfMapClick({ data: series.data[0] })).toBe(11);
    expect(unitIdOfMapClick({ data: series.data[3] })).toBeNull();
    expect(unitIdOfMapClick(null)).toBeNull();
  });
});

describe(extentOf.name, () => {
  it('bounds polygons and multipolygons, and nothing without coordinates', () => {
    expect(
      extentOf({
        type: 'Polygon',
        coordinates: [
          [
            [112, 26],
            [113, 26],
            [113, 27.5],
            [112, 26],
          ],
        ],
      }),
    ).toEqual({
      minX: 112,
      minY: 26,
      maxX: 113,
      maxY: 27.5,
    });
    expect(
      extentOf({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [1, 1],
              [2, 2],
              [1, 2],
              [1, 1],
            ],
          ],
          [
            [
              [5, -1],
              [6, 0],
              [5, 0],
              [5, -1],
            ],
          ],
        ],
      }),
    ).toEqual({ minX: 1, minY: -1, maxX: 6, maxY: 2 });
    expect(extentOf(null)).toBeNull();
    expect(extentOf({ type: 'Polygon' })).toBeNull();
  });
});

describe('small regions', () => {
  const square = (x: number, y: number, size: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  });
  const big = { ...feature('1', 'big', 1), geometry: square(0, 0, 10) };
  const tiny = { ...feature('2', 'tiny', 2), geometry: square(4, 4, 1) };

  it('are left unlabelled (named in the tooltip), unless they are the unit looked into', () => {
    const join = joinUnitMap([big, tiny], [row(1, 'green'), row(2, 'red')]);
    expect(join.regions.map((r) => r.isSmall)).toEqual([false, true]);
    const data = buildUnitMapOption('m', join, LABELS).series[0]!.data;
    expect(data.map((d) => d.label.show)).toEqual([true, false]);
    const scoped = joinUnitMap([big, tiny], [row(20, 'red')], { unitId: 2, light: 'red' });
    expect(buildUnitMapOption('m', scoped, LABELS).series[0]!.data[1]?.label.show).toBe(true);
  });
});
