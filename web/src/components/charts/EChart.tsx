import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { type ChartOption, echarts } from './echarts';

export interface EChartHandle {
  /** the chart as a PNG data URL (white background, double resolution) */
  toPng(): string | null;
}

/**
 * One ECharts instance in a sized box. The canvas is an image for assistive technology: `label` describes it
 * and every chart on the dashboard has a table view that says the same in words.
 */
export const EChart = forwardRef<
  EChartHandle,
  { option: ChartOption; label: string; height?: number; testId?: string }
>(function EChart({ option, label, height = 280, testId }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useImperativeHandle(ref, () => ({
    toPng: () =>
      chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) ?? null,
  }));

  return (
    <div ref={box} className="echart" role="img" aria-label={label} style={{ height }} data-testid={testId} />
  );
});
