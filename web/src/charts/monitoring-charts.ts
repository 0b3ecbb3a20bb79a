import { LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// What the cockpit and the lights pages draw (tree-shaken): the unit map and the trajectory lines.
echarts.use([MapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The name the unit boundaries are registered under (one city per deployment). */
export const UNIT_MAP_NAME = 'juli-units';

/** Register the boundaries from GET /monitoring/map before a map series refers to them. */
export function registerUnitMap(geoJson: unknown): string {
  // ECharts types the GeoJSON loosely; the API checked its shape (UnitMapSchema).
  echarts.registerMap(UNIT_MAP_NAME, geoJson as Parameters<typeof echarts.registerMap>[1]);
  return UNIT_MAP_NAME;
}
