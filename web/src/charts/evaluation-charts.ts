import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// What the evaluation pages draw (tree-shaken): the class distribution as stacked bars.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
