import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { formatNumber, formatPercent } from '../format';
import { defaultPeriod, usePeriods } from '../queries';
import type { Period, RealisationStatus, SkpStatus } from '../types';
import { Badge, type BadgeTone } from './ui';

export function skpStatusTone(status: string | null | undefined): BadgeTone {
  switch (status) {
    case 'approved':
      return 'ok';
    case 'submitted':
      return 'info';
    case 'returned':
      return 'danger';
    case 'revision':
      return 'warn';
    default:
      return 'neutral';
  }
}

/** Status of an SKP; a revision number above 0 is shown as "rev. n". */
export function SkpStatusBadge({
  status,
  revision,
  testId,
}: {
  status: SkpStatus | string | null;
  revision?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!status) {
    return (
      <span data-testid={testId}>
        <Badge tone="neutral">{t('skp.status.none')}</Badge>
      </span>
    );
  }
  return (
    <span className="status-line" data-testid={testId} data-status={status}>
      <Badge tone={skpStatusTone(status)}>{t(`skp.status.${status}`, { defaultValue: status })}</Badge>
      {revision && revision > 0 ? (
        <span className="muted small">{t('skp.revisionN', { n: revision })}</span>
      ) : null}
    </span>
  );
}

export function realisationTone(status: RealisationStatus | string): BadgeTone {
  return status === 'confirmed' ? 'ok' : status === 'rejected' ? 'danger' : 'info';
}

/** Green ≥ 90 %, amber 70–90 %, red < 70 % (on track / at risk / off track). */
export function capaianTone(value: number | null | undefined): BadgeTone {
  if (value === null || value === undefined) return 'neutral';
  if (value >= 90) return 'ok';
  if (value >= 70) return 'warn';
  return 'danger';
}

export function CapaianBadge({ value }: { value: number | null | undefined }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <span className="muted">—</span>;
  const tone = capaianTone(value);
  return (
    <span className={`capaian capaian-${tone}`} title={t(`skp.capaianTone.${tone}`)}>
      {formatPercent(value)}
    </span>
  );
}

/** `12 dokumen`, or the described target for qualitative indicators. */
export function formatTarget(
  targetValue: number | null | undefined,
  targetText: string | null | undefined,
  unit: string | null | undefined,
): string {
  if (targetValue !== null && targetValue !== undefined) {
    return `${formatNumber(targetValue)}${unit ? ` ${unit}` : ''}`;
  }
  if (targetText) return unit ? `${targetText} (${unit})` : targetText;
  return '—';
}

/**
 * The period chosen in `?periode=`, defaulting to the current year's. Changing it replaces the
 * parameter so the back button leaves the page instead of walking through periods.
 */
export function usePeriodParam() {
  const periods = usePeriods();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('periode');
  const list = periods.data;
  const period = (wanted ? list?.find((p) => p.id === wanted) : undefined) ?? defaultPeriod(list);
  const setPeriod = (id: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('periode', id);
        return p;
      },
      { replace: true },
    );
  return { periods, period, setPeriod };
}

export function PeriodPicker({
  periods,
  value,
  onChange,
}: {
  periods: Period[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const sorted = [...periods].sort((a, b) => b.year - a.year);
  return (
    <div className="field period-picker">
      <label htmlFor={id}>{t('periods.label')}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid="period">
        {sorted.map((p) => (
          <option key={p.id} value={p.id}>
            {p.status === 'closed' ? t('periods.optionClosed', { year: p.year }) : String(p.year)}
          </option>
        ))}
      </select>
    </div>
  );
}
