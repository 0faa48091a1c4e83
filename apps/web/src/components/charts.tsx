/**
 * Bar charts drawn by ECharts (echarts 6.1), importing only the parts used (bar series, grid, tooltip, legend, SVG
 * renderer). This module is loaded lazily (`React.lazy`) by the pages that show a chart, so ECharts is never in the
 * initial JavaScript. The chart itself is hidden from assistive technology; every page shows the same numbers in a
 * table next to it (see {@link ChartTable}), which is what screen readers and keyboard users read.
 */
import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([EBar, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface BarSeries {
  name: string;
  /** One value per category. */
  data: number[];
  color: string;
}

export interface BarChartProps {
  /** Category labels (x axis; y axis when `horizontal`). */
  categories: string[];
  series: BarSeries[];
  /** Stack the series on one bar per category. */
  stacked?: boolean;
  horizontal?: boolean;
  /** Pixel height of the drawing. */
  height?: number;
}

/** A bar chart; width follows its container (resizes with the window). */
export default function BarChart({
  categories,
  series,
  stacked = true,
  horizontal = false,
  height = 240,
}: BarChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = init(el, undefined, { renderer: 'svg' });
    const category = {
      type: 'category' as const,
      data: categories,
      axisLabel: { color: '#333', fontSize: 11, hideOverlap: true },
    };
    const value = { type: 'value' as const, minInterval: 1, axisLabel: { color: '#333' } };
    chart.setOption({
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: '#222' }, itemWidth: 14, itemHeight: 10 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: series.map((s) => ({
        type: 'bar' as const,
        name: s.name,
        data: s.data,
        stack: stacked ? 'all' : undefined,
        itemStyle: { color: s.color },
        barMaxWidth: 28,
        emphasis: { focus: 'series' as const },
      })),
    });
    const resize = () => chart.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [categories, series, stacked, horizontal]);
  // Decorative for assistive technology: the table next to it carries the numbers.
  return <div ref={ref} className="chart" style={{ height }} aria-hidden="true" />;
}
