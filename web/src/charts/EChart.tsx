import { FunnelChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the pages draw (tree-shaken): the funnel, its tooltip, the canvas renderer.
echarts.use([FunnelChart, TooltipComponent, CanvasRenderer]);

/**
 * An ECharts canvas that follows its container's size; `option` comes from a pure builder
 * (funnel-option.ts). Imported only by pages with charts, so ECharts loads with them alone.
 */
export function EChart({
  option,
  height = 360,
  testId,
  onClick,
}: {
  option: echarts.EChartsCoreOption;
  height?: number;
  testId?: string;
  /** A click on a data item (a map region, a point): ECharts' event parameters, `data` holding the datum. */
  onClick?: (params: { data?: unknown; dataIndex?: number; seriesIndex?: number }) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} style={{ width: '100%', height }} data-testid={testId} />;
}
