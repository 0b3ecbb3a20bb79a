import type { LightColour, UnitLight } from '../../../src/contracts/index.js';
import { lightColor, NO_DATA_COLOR } from './lights';

/**
 * The cockpit map: the county-level boundaries (GeoJSON from the API, each feature tied to
 * its unit by `unitId`) coloured by the light of the unit's row in the overview.
 */
export interface UnitMapFeature {
  properties: { code: string; name: string; unitId: number | null };
  /** GeoJSON Polygon or MultiPolygon; only its extent is read here (to leave tiny regions unlabelled). */
  geometry?: unknown;
}

/** A region whose extent is below this share of the whole map's gets no label (the urban districts). */
export const SMALL_REGION_SHARE = 0.015;

type Extent = { minX: number; minY: number; maxX: number; maxY: number };

/** The bounding box of a GeoJSON geometry's coordinates, null when it has none. */
export function extentOf(geometry: unknown): Extent | null {
  let extent: Extent | null = null;
  const visit = (node: unknown): void => {
    if (!Array.isArray(node)) return;
    if (node.length >= 2 && typeof node[0] === 'number' && typeof node[1] === 'number') {
      const [x, y] = node as [number, number];
      extent = extent
        ? { minX: Math.min(extent.minX, x), minY: Math.min(extent.minY, y), maxX: Math.max(extent.maxX, x), maxY: Math.max(extent.maxY, y) }
        : { minX: x, minY: y, maxX: x, maxY: y };
      return;
    }
    for (const child of node) visit(child);
  };
  visit((geometry as { coordinates?: unknown } | null | undefined)?.coordinates);
  return extent;
}

const areaOf = (extent: Extent | null) => (extent ? (extent.maxX - extent.minX) * (extent.maxY - extent.minY) : 0);

export interface MapRegion {
  /** Division code: the feature's key in the registered map (series `nameProperty: 'code'`). */
  code: string;
  /** The boundary's own name (Chinese), for when the unit has none in the UI language. */
  featureName: string;
  unitId: number | null;
  /** The overview row of this unit, when the unit is one of the rows. */
  row: UnitLight | null;
  light: LightColour | null;
  /** The unit looked into, drawn highlighted when its children have no boundaries of their own. */
  isScope: boolean;
  /** Too small for its label among its neighbours: named in the tooltip only. */
  isSmall: boolean;
}

export interface UnitMapJoin {
  regions: MapRegion[];
  /** Rows without a boundary (parks, platform companies, the unit's own projects): listed beside the map. */
  unplaced: UnitLight[];
}

/**
 * Join the boundaries with the overview rows by unitId. When none of the rows has a boundary
 * (looking into a county, whose parks and townships have none) the county itself is coloured by
 * the scope's light, so the map still says where one is.
 */
export function joinUnitMap(
  features: readonly UnitMapFeature[],
  rows: readonly UnitLight[],
  scope: { unitId: number | null; light: LightColour } | null = null,
): UnitMapJoin {
  const byUnit = new Map(rows.map((row) => [row.unitId, row]));
  const placed = new Set<number>();
  const extents = features.map((feature) => extentOf(feature.geometry));
  const whole = extents.reduce<Extent | null>(
    (all, e) =>
      !e
        ? all
        : !all
          ? e
          : {
              minX: Math.min(all.minX, e.minX),
              minY: Math.min(all.minY, e.minY),
              maxX: Math.max(all.maxX, e.maxX),
              maxY: Math.max(all.maxY, e.maxY),
            },
    null,
  );
  const wholeArea = areaOf(whole);
  const regions = features.map((feature, index): MapRegion => {
    const { code, name, unitId } = feature.properties;
    const row = unitId === null ? null : (byUnit.get(unitId) ?? null);
    if (row) placed.add(row.unitId);
    const isSmall = wholeArea > 0 && areaOf(extents[index] ?? null) < wholeArea * SMALL_REGION_SHARE;
    return { code, featureName: name, unitId, row, light: row?.light ?? null, isScope: false, isSmall };
  });
  if (placed.size === 0 && scope?.unitId !== null && scope?.unitId !== undefined) {
    for (const region of regions) {
      if (region.unitId === scope.unitId) {
        region.isScope = true;
        region.light = scope.light;
      }
    }
  }
  return { regions, unplaced: rows.filter((row) => !placed.has(row.unitId)) };
}

export interface UnitMapLabels {
  /** The unit's name in the UI language. */
  name: (region: MapRegion) => string;
  /** The tooltip body (HTML-safe text, lines joined by <br/>). */
  tooltip: (region: MapRegion) => string;
}

export interface UnitMapDatum {
  name: string;
  code: string;
  unitId: number | null;
  light: LightColour | null;
  value: number | null;
  label: { show: boolean };
  itemStyle: { areaColor: string; borderColor: string; borderWidth: number };
  emphasis: { itemStyle: { areaColor: string; borderColor: string; borderWidth: number } };
}

/** A type alias, not an interface: ECharts' option type wants an index signature. */
export type UnitMapChartOption = {
  tooltip: { trigger: 'item'; formatter: (params: { data?: unknown }) => string };
  series: {
    type: 'map';
    map: string;
    nameProperty: 'code';
    roam: false;
    selectedMode: false;
    layoutCenter: [string, string];
    layoutSize: string;
    label: { show: true; fontSize: number; color: string; formatter: (params: { data?: unknown }) => string };
    labelLayout: { hideOverlap: true };
    emphasis: { label: { show: true; fontWeight: 'bold' } };
    itemStyle: { areaColor: string; borderColor: string; borderWidth: number };
    data: UnitMapDatum[];
  }[];
};

/** Light colours at a strength that keeps the black labels readable. */
const FILL_ALPHA = 'cc';

export function regionFill(region: MapRegion): string {
  if (region.light === null) return NO_DATA_COLOR;
  return `${lightColor(region.light)}${FILL_ALPHA}`;
}

export function buildUnitMapOption(mapName: string, join: UnitMapJoin, labels: UnitMapLabels): UnitMapChartOption {
  const byCode = new Map(join.regions.map((region) => [region.code, region]));
  const regionOf = (params: { data?: unknown }) => byCode.get((params.data as UnitMapDatum | undefined)?.code ?? '');
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const region = regionOf(params);
        return region ? labels.tooltip(region) : '';
      },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        nameProperty: 'code',
        roam: false,
        selectedMode: false,
        layoutCenter: ['50%', '50%'],
        layoutSize: '95%',
        label: {
          show: true,
          fontSize: 11,
          color: 'rgba(0, 0, 0, 0.85)',
          formatter: (params) => {
            const region = regionOf(params);
            return region ? labels.name(region) : '';
          },
        },
        // The small urban districts crowd each other: a label that would overlap another is left to the tooltip.
        labelLayout: { hideOverlap: true },
        emphasis: { label: { show: true, fontWeight: 'bold' } },
        itemStyle: { areaColor: NO_DATA_COLOR, borderColor: '#ffffff', borderWidth: 1 },
        data: join.regions.map((region) => {
          const fill = regionFill(region);
          const border = region.isScope ? '#1677ff' : '#ffffff';
          return {
            name: region.code,
            code: region.code,
            unitId: region.unitId,
            light: region.light,
            value: region.row ? Number(region.row.ytd) : null,
            label: { show: !region.isSmall || region.isScope },
            itemStyle: { areaColor: fill, borderColor: border, borderWidth: region.isScope ? 2 : 1 },
            // Hovering outlines the region instead of repainting it: the colour is the message.
            emphasis: { itemStyle: { areaColor: fill, borderColor: '#262626', borderWidth: 2 } },
          };
        }),
      },
    ],
  };
}

/** The unit a click on the map means (null for a region without a unit). */
export function unitIdOfMapClick(params: { data?: unknown } | null | undefined): number | null {
  const datum = params?.data as Partial<UnitMapDatum> | undefined;
  return typeof datum?.unitId === 'number' ? datum.unitId : null;
}
