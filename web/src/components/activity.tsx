import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { formatNumber, formatPercent, todayJakarta } from '../format';
import type { ActivityStatus, Lang, PjClass, Unit, WorkloadBand } from '../types';
import { Modal } from './Modal';
import { Badge, type BadgeTone, SearchSelect } from './ui';

/** The default daily maximum, shown until the city's own rules have loaded (the server enforces them). */
const DEFAULT_DAILY_MAX_MINUTES = 450;

/** The city's daily maximum of logged minutes. */
export function useDailyMax(): number {
  const rules = useQuery({
    queryKey: ['activity-rules'],
    queryFn: () => api<{ dailyMaxMinutes: number }>('/activity-rules'),
    staleTime: 5 * 60_000,
  });
  return rules.data?.dailyMaxMinutes ?? DEFAULT_DAILY_MAX_MINUTES;
}

/** `1.234 menit` / `1,234 minutes` — numbers always in Indonesian grouping. */
export function minutesText(t: TFunction, n: number | null | undefined): string {
  return t('activity.minutesN', { count: n ?? 0, n: formatNumber(n ?? 0) });
}

/** `0.6833` → `68,3%` */
export function ratioText(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  return formatPercent(Math.round(ratio * 1000) / 10);
}

export function activityStatusTone(status: ActivityStatus | 'queued' | string): BadgeTone {
  switch (status) {
    case 'approved':
      return 'ok';
    case 'rejected':
      return 'danger';
    case 'queued':
      return 'warn';
    default:
      return 'info';
  }
}

export function ActivityStatusBadge({
  status,
  adjusted,
}: {
  status: ActivityStatus | 'queued';
  adjusted?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className="status-line" data-status={status}>
      <Badge tone={activityStatusTone(status)}>{t(`activity.status.${status}`)}</Badge>
      {adjusted ? <span className="muted small">{t('activity.adjusted')}</span> : null}
    </span>
  );
}

export function bandTone(band: WorkloadBand | null | undefined): BadgeTone {
  return band === 'normal' ? 'ok' : band === 'under' ? 'warn' : band === 'over' ? 'danger' : 'neutral';
}

export function BandBadge({ band }: { band: WorkloadBand | null | undefined }) {
  const { t } = useTranslation();
  return <Badge tone={bandTone(band)}>{t(`workload.band.${band ?? 'none'}`)}</Badge>;
}

export function pjTone(pj: PjClass | null | undefined): BadgeTone {
  switch (pj) {
    case 'A':
    case 'B':
      return 'ok';
    case 'C':
      return 'info';
    case 'D':
      return 'warn';
    case 'E':
      return 'danger';
    default:
      return 'neutral';
  }
}

export function PjBadge({ pj }: { pj: PjClass | null | undefined }) {
  const { t } = useTranslation();
  if (!pj) return <span className="muted">—</span>;
  return (
    <Badge tone={pjTone(pj)} title={t(`abk.pjRange.${pj}`)}>
      {pj} · {t(`abk.pj.${pj}`)}
    </Badge>
  );
}

/* ---------- months ---------- */

export function currentMonth(): string {
  return todayJakarta().slice(0, 7);
}

export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** `Nov 2026` (short) or `November 2026` (long). */
export function formatMonth(month: string, lang: Lang, style: 'short' | 'long' = 'long'): string {
  const key = `${lang}:${style}`;
  let f = monthFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      month: style,
      year: 'numeric',
      timeZone: 'UTC',
    });
    monthFormats.set(key, f);
  }
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return f.format(new Date(Date.UTC(y, m - 1, 15)));
}

/** `?bulan=YYYY-MM`, default the current month; changing it replaces the history entry. */
export function useMonthParam(): [string, (m: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('bulan') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? raw : currentMonth();
  const setMonth = (m: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (m && m !== currentMonth()) p.set('bulan', m);
        else p.delete('bulan');
        return p;
      },
      { replace: true },
    );
  return [month, setMonth];
}

/** Previous / month input / next; never past the current month. */
export function MonthNav({ month, onChange }: { month: string; onChange: (m: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const max = currentMonth();
  return (
    <div className="field month-nav">
      <label htmlFor={id}>{t('workload.month')}</label>
      <div className="month-nav-row">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onChange(shiftMonth(month, -1))}
          aria-label={t('workload.prevMonth')}
          data-testid="month-prev"
        >
          <span aria-hidden="true">‹</span>
        </button>
        <input
          id={id}
          type="month"
          value={month}
          max={max}
          onChange={(e) => {
            const v = e.target.value;
            if (!/^\d{4}-\d{2}$/.test(v)) return;
            if (v > max) onChange(max);
            else onChange(v);
          }}
          data-testid="month-input"
        />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onChange(shiftMonth(month, 1))}
          disabled={month >= max}
          aria-label={t('workload.nextMonth')}
          data-testid="month-next"
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
    </div>
  );
}

/* ---------- charts (each has a table view) ---------- */

export type View = 'chart' | 'table';

/** "Grafik | Tabel" switch: charts are for looking, tables for reading. */
export function ViewToggle({
  view,
  onChange,
  label,
}: {
  view: View;
  onChange: (v: View) => void;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form group
    <div className="view-toggle" role="group" aria-label={t('charts.viewOf', { label })}>
      {(['chart', 'table'] as const).map((v) => (
        <button
          key={v}
          type="button"
          className={view === v ? 'is-on' : undefined}
          aria-pressed={view === v}
          onClick={() => onChange(v)}
          data-testid={`view-${v}`}
        >
          {t(`charts.${v}`)}
        </button>
      ))}
    </div>
  );
}

export function useView(initial: View = 'chart'): [View, (v: View) => void] {
  return useState<View>(initial);
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** shown above the bar */
  valueLabel: string;
  /** a marker line (e.g. the effective time of the month) */
  target?: number;
  tone?: BadgeTone;
  /** spoken description of this bar */
  describe: string;
}

/**
 * A small column chart in plain HTML/CSS: scales to the largest value or target, one column per bar.
 * The chart is an image for screen readers (its description lists every bar); the table view says the same.
 */
export function BarChart({ bars, caption, testId }: { bars: Bar[]; caption: string; testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.target ?? 0)));
  const pct = (v: number) => `${Math.min(100, (v / max) * 100)}%`;
  return (
    <figure className="bar-chart" data-testid={testId}>
      <div
        className="bar-plot"
        role="img"
        aria-label={`${caption}: ${bars.map((b) => b.describe).join('; ')}`}
      >
        {bars.map((b) => (
          <div className="bar-col" key={b.key}>
            <span className="bar-value">{b.valueLabel}</span>
            <div className="bar-track">
              {b.target !== undefined && b.target > 0 ? (
                <span className="bar-target" style={{ bottom: pct(b.target) }} />
              ) : null}
              <span className={`bar bar-${b.tone ?? 'info'}`} style={{ height: pct(b.value) }} />
            </div>
            <span className="bar-label">{b.label}</span>
          </div>
        ))}
      </div>
      <figcaption className="hint">{caption}</figcaption>
    </figure>
  );
}

/**
 * Workload gauge: a half circle from 0 to 150 % with the under / normal / over bands of the city and the
 * filled arc up to the person's ratio (uncapped); the number and the band are also written out.
 */
export function WorkloadGauge({
  ratio,
  thresholds,
  band,
  compact = false,
  testId = 'workload-gauge',
  caption,
}: {
  ratio: number | null;
  thresholds: { under: number; over: number };
  band: WorkloadBand | null;
  compact?: boolean;
  testId?: string;
  caption?: ReactNode;
}) {
  const { t } = useTranslation();
  const MAX = 1.5;
  const r = 80;
  const cx = 100;
  const cy = 95;
  const point = (v: number) => {
    const a = Math.PI * (1 - Math.min(MAX, Math.max(0, v)) / MAX);
    return `${(cx + r * Math.cos(a)).toFixed(2)} ${(cy - r * Math.sin(a)).toFixed(2)}`;
  };
  const arc = (from: number, to: number) => `M ${point(from)} A ${r} ${r} 0 0 1 ${point(to)}`;
  const under = Math.min(MAX, thresholds.under);
  const over = Math.min(MAX, thresholds.over);
  const value = ratio ?? 0;
  const text =
    ratio === null
      ? t('workload.gaugeNone')
      : t('workload.gaugeText', {
          ratio: ratioText(ratio),
          band: t(`workload.band.${band ?? 'none'}`),
          under: ratioText(thresholds.under),
          over: ratioText(thresholds.over),
        });
  return (
    <figure
      className={`gauge${compact ? ' gauge-compact' : ''} gauge-${band ?? 'none'}`}
      data-testid={testId}
      data-ratio={ratio ?? ''}
      data-band={band ?? ''}
    >
      <svg viewBox="0 0 200 110" role="img" aria-label={text}>
        <path d={arc(0, under)} className="gauge-band gauge-band-under" />
        <path d={arc(under, over)} className="gauge-band gauge-band-normal" />
        <path d={arc(over, MAX)} className="gauge-band gauge-band-over" />
        {ratio !== null && value > 0 ? <path d={arc(0, value)} className="gauge-fill" /> : null}
        <text x={cx} y={cy - 18} textAnchor="middle" className="gauge-number">
          {ratioText(ratio)}
        </text>
        {!compact ? (
          <>
            <text x={cx - r} y={cy + 13} textAnchor="middle" className="gauge-tick">
              0
            </text>
            <text x={cx + r} y={cy + 13} textAnchor="middle" className="gauge-tick">
              150%
            </text>
          </>
        ) : null}
      </svg>
      <figcaption>
        <BandBadge band={band} />
        {caption ? <span className="gauge-caption">{caption}</span> : null}
        {!compact ? <span className="hint gauge-text">{text}</span> : null}
      </figcaption>
    </figure>
  );
}

/* ---------- unit picker ---------- */

/** Choose a unit from `/org/units` (searchable list box). */
export function UnitPickerDialog({
  units,
  value,
  loading,
  onPick,
  onClose,
  title,
}: {
  units: Unit[];
  value: string;
  loading: boolean;
  onPick: (id: string) => void;
  onClose: () => void;
  title: string;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState(value);
  const options = units.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name, hint: u.code }));
  return (
    <Modal title={title} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (v) onPick(v);
        }}
      >
        <SearchSelect
          name="unit"
          label={t('employees.fields.unit')}
          options={options}
          value={v}
          onChange={setV}
          loading={loading}
        />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!v} data-testid="unit-pick-apply">
            {t('common.apply')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
