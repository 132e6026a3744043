/**
 * Option builders for the dashboard charts, in the app's calm palette: one primary colour, greys, and the
 * status colours only where a bar is a status (on track / at risk / off track, under / normal / over).
 */
import type { ChartOption } from './echarts';

export const COLORS = {
  primary: '#0f4c81',
  primarySoft: '#9dbbd8',
  ok: '#1e7a46',
  warn: '#b7791f',
  danger: '#b42318',
  grey: '#8a96a3',
  line: '#dde2e7',
  text: '#3d4751',
};
export type Tone = 'ok' | 'warn' | 'danger' | 'primary' | 'grey';

const axisText = { color: COLORS.text, fontSize: 11 };
const base = {
  animationDuration: 300,
  textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
  tooltip: { confine: true },
};

/** Vertical bars, one colour per bar (status tones) or the primary colour. */
export function barsOption(o: {
  categories: string[];
  values: number[];
  tones?: Tone[];
  format: (v: number) => string;
  axisName?: string;
}): ChartOption {
  return {
    ...base,
    grid: { left: 44, right: 12, top: 28, bottom: 36, containLabel: true },
    tooltip: { ...base.tooltip, trigger: 'axis', valueFormatter: (v: number) => o.format(Number(v)) },
    xAxis: {
      type: 'category',
      data: o.categories,
      axisLabel: { ...axisText, interval: 0, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      name: o.axisName,
      nameTextStyle: axisText,
      axisLabel: { ...axisText, formatter: (v: number) => o.format(v) },
      splitLine: { lineStyle: { color: COLORS.line } },
    },
    series: [
      {
        type: 'bar',
        data: o.values.map((v, i) => ({ value: v, itemStyle: { color: COLORS[o.tones?.[i] ?? 'primary'] } })),
        barMaxWidth: 48,
        label: {
          show: true,
          position: 'top',
          ...axisText,
          formatter: (p: { value: number }) => o.format(p.value),
        },
      },
    ],
  };
}

/** Shares per category against an expected range (the distribution curve), both in percent. */
export function curveOption(o: {
  categories: string[];
  shares: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
  names: { actual: string; min: string; max: string };
  format: (v: number) => string;
}): ChartOption {
  const marker = (name: string, data: (number | null)[], symbol: string, color: string) => ({
    name,
    type: 'line',
    data,
    symbol,
    symbolSize: 14,
    lineStyle: { opacity: 0 },
    itemStyle: { color },
    connectNulls: false,
  });
  return {
    ...base,
    legend: { bottom: 0, textStyle: axisText },
    grid: { left: 44, right: 12, top: 16, bottom: 56, containLabel: true },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      valueFormatter: (v: number) => (v === null ? '—' : o.format(v)),
    },
    xAxis: {
      type: 'category',
      data: o.categories,
      axisLabel: { ...axisText, interval: 0, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      max: 100,
      axisLabel: { ...axisText, formatter: (v: number) => o.format(v) },
      splitLine: { lineStyle: { color: COLORS.line } },
    },
    series: [
      {
        name: o.names.actual,
        type: 'bar',
        data: o.shares,
        barMaxWidth: 48,
        itemStyle: { color: COLORS.primary },
      },
      marker(o.names.min, o.min, 'triangle', COLORS.grey),
      marker(o.names.max, o.max, 'path://M0,0 L10,0 L5,8 Z', COLORS.text),
    ],
  };
}

/** Horizontal bars of goal progress (percent), coloured by status, with the on-track line. */
export function progressOption(o: {
  names: string[];
  values: (number | null)[];
  tones: Tone[];
  onTrack: number;
  onTrackLabel: string;
  format: (v: number) => string;
}): ChartOption {
  const max = Math.max(120, ...o.values.map((v) => v ?? 0));
  return {
    ...base,
    grid: { left: 8, right: 40, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      valueFormatter: (v: number) => (v === null ? '—' : o.format(v)),
    },
    xAxis: {
      type: 'value',
      max,
      axisLabel: { ...axisText, formatter: (v: number) => o.format(v) },
      splitLine: { lineStyle: { color: COLORS.line } },
    },
    yAxis: {
      type: 'category',
      data: o.names,
      inverse: true,
      axisLabel: { ...axisText, width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: o.values.map((v, i) => ({ value: v, itemStyle: { color: COLORS[o.tones[i]] } })),
        barMaxWidth: 22,
        label: {
          show: true,
          position: 'right',
          ...axisText,
          formatter: (p: { value: number | null }) => (p.value === null ? '—' : o.format(p.value)),
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: COLORS.text, type: 'dashed' },
          label: { formatter: o.onTrackLabel, ...axisText, position: 'end' },
          data: [{ xAxis: o.onTrack }],
        },
      },
    ],
  };
}

/** Activities per month (bars, left axis) and the workload ratio (line, right axis, percent). */
export function trendOption(o: {
  months: string[];
  entries: number[];
  ratios: (number | null)[];
  names: { entries: string; ratio: string };
  formatNumber: (v: number) => string;
  formatPercent: (v: number) => string;
}): ChartOption {
  return {
    ...base,
    legend: { bottom: 0, textStyle: axisText },
    grid: { left: 48, right: 48, top: 24, bottom: 56, containLabel: true },
    tooltip: { ...base.tooltip, trigger: 'axis' },
    xAxis: { type: 'category', data: o.months, axisLabel: { ...axisText, hideOverlap: true } },
    yAxis: [
      {
        type: 'value',
        axisLabel: { ...axisText, formatter: (v: number) => o.formatNumber(v) },
        splitLine: { lineStyle: { color: COLORS.line } },
      },
      {
        type: 'value',
        min: 0,
        axisLabel: { ...axisText, formatter: (v: number) => o.formatPercent(v) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: o.names.entries,
        type: 'bar',
        data: o.entries,
        itemStyle: { color: COLORS.primarySoft },
        barMaxWidth: 32,
        tooltip: { valueFormatter: (v: number) => o.formatNumber(Number(v)) },
      },
      {
        name: o.names.ratio,
        type: 'line',
        yAxisIndex: 1,
        data: o.ratios,
        itemStyle: { color: COLORS.primary },
        lineStyle: { width: 2 },
        connectNulls: false,
        tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : o.formatPercent(Number(v))) },
      },
    ],
  };
}

/** Rows × months of the workload ratio (percent), one calm colour scale from light to the primary colour. */
export function heatmapOption(o: {
  rows: string[];
  months: string[];
  values: (number | null)[][];
  format: (v: number) => string;
}): ChartOption {
  // numbers on the cells when they fit; empty months (nothing logged) stay unlabelled
  const data: { value: [number, number, number | '-']; label: { show: boolean } }[] = [];
  o.values.forEach((row, y) => {
    row.forEach((v, x) => {
      data.push({
        value: [x, y, v === null ? '-' : v],
        label: { show: o.rows.length <= 25 && v !== null && v > 0 },
      });
    });
  });
  return {
    ...base,
    grid: { left: 8, right: 12, top: 8, bottom: 64, containLabel: true },
    tooltip: {
      ...base.tooltip,
      formatter: (p: { value: [number, number, number | '-'] }) =>
        `${o.rows[p.value[1]]}<br/>${o.months[p.value[0]]}: ${p.value[2] === '-' ? '—' : o.format(p.value[2])}`,
    },
    xAxis: {
      type: 'category',
      data: o.months,
      splitArea: { show: false },
      axisLabel: { ...axisText, hideOverlap: true },
    },
    yAxis: {
      type: 'category',
      data: o.rows,
      inverse: true,
      axisLabel: { ...axisText, width: 170, overflow: 'truncate' },
    },
    visualMap: {
      min: 0,
      max: 150,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      textStyle: axisText,
      formatter: (v: number) => o.format(v),
      inRange: { color: ['#f4f7fa', '#c4d7ea', '#6f9cc6', COLORS.primary, '#082b4a'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: o.rows.length <= 25,
          fontSize: 10,
          formatter: (p: { value: [number, number, number] }) => `${Math.round(p.value[2])}`,
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      },
    ],
  };
}
