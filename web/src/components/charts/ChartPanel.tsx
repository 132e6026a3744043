import { type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartHandle } from './EChart';
import type { ChartOption } from './echarts';

/**
 * A chart with its table view, a PNG of the chart (drawn in the browser) and the XLSX of the figures (from the
 * server, so the web bundle carries no spreadsheet writer).
 */
export function ChartPanel({
  title,
  description,
  option,
  table,
  xlsxHref,
  pngName,
  height,
  testId,
  children,
}: {
  title: string;
  /** what the chart shows, for people who cannot see it */
  description: string;
  option: ChartOption;
  table: ReactNode;
  xlsxHref: string;
  pngName: string;
  height?: number;
  testId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const chart = useRef<EChartHandle>(null);
  const headingId = useId();
  const savePng = () => {
    const url = chart.current?.toPng();
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${pngName}.png`;
    a.click();
  };
  return (
    <section className="panel chart-panel" aria-labelledby={headingId} data-testid={testId}>
      <div className="section-head">
        <h2 id={headingId}>{title}</h2>
        <div className="chart-tools">
          {/* biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form group */}
          <div className="view-toggle" role="group" aria-label={t('charts.viewOf', { label: title })}>
            {(['chart', 'table'] as const).map((v) => (
              <button
                key={v}
                type="button"
                className={view === v ? 'is-on' : undefined}
                aria-pressed={view === v}
                onClick={() => setView(v)}
                data-testid={`view-${v}`}
              >
                {t(`charts.${v}`)}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="btn btn-small"
            onClick={savePng}
            disabled={view !== 'chart'}
            data-testid="export-png"
            aria-label={t('dashboard.export.pngOf', { label: title })}
          >
            PNG
          </button>
          <a
            className="btn btn-small"
            href={xlsxHref}
            download
            data-testid="export-xlsx"
            aria-label={t('dashboard.export.xlsxOf', { label: title })}
          >
            XLSX
          </a>
        </div>
      </div>
      {view === 'chart' ? (
        <EChart ref={chart} option={option} label={description} height={height} testId="echart" />
      ) : (
        table
      )}
      {children}
    </section>
  );
}
