import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Badge, type BadgeTone } from '../../components/ui';
import { todayJakarta } from '../../format';
import { usePeriods } from '../../queries';
import { KINDS, type Kind, type Predikat, RATINGS, type Rating, type UnitPredikat } from './data';
import './evaluation.css';

const ratingTone: Record<Rating, BadgeTone> = { di_atas: 'ok', sesuai: 'info', di_bawah: 'danger' };
const predikatTone: Record<Predikat, BadgeTone> = {
  sangat_baik: 'ok',
  baik: 'info',
  butuh_perbaikan: 'warn',
  kurang: 'danger',
  sangat_kurang: 'danger',
};

export function RatingBadge({
  rating,
  short = false,
}: {
  rating: Rating | null | undefined;
  short?: boolean;
}) {
  const { t } = useTranslation();
  if (!rating) return <span className="muted">—</span>;
  return (
    <Badge tone={ratingTone[rating]}>{t(`evaluation.${short ? 'ratingShort' : 'rating'}.${rating}`)}</Badge>
  );
}

export function PredikatBadge({
  predikat,
  testId,
}: {
  predikat: Predikat | null | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!predikat) return <span className="muted">—</span>;
  return (
    <span data-testid={testId} data-predikat={predikat}>
      <Badge tone={predikatTone[predikat]}>{t(`evaluation.predikat.${predikat}`)}</Badge>
    </span>
  );
}

export function UnitPredikatBadge({ predikat }: { predikat: UnitPredikat | null | undefined }) {
  const { t } = useTranslation();
  if (!predikat) return <Badge tone="warn">{t('evaluation.curve.noPredikat')}</Badge>;
  const tone: BadgeTone =
    predikat === 'istimewa'
      ? 'ok'
      : predikat === 'baik'
        ? 'info'
        : predikat === 'butuh_perbaikan'
          ? 'warn'
          : 'danger';
  return <Badge tone={tone}>{t(`evaluation.unitPredikat.${predikat}`)}</Badge>;
}

export function EvaluationStatusBadge({ status, testId }: { status: string | null; testId?: string }) {
  const { t } = useTranslation();
  const s = status ?? 'none';
  const tone: BadgeTone =
    s === 'final' || s === 'acknowledged'
      ? 'ok'
      : s === 'objected'
        ? 'warn'
        : s === 'rated' || s === 'decided'
          ? 'info'
          : 'neutral';
  return (
    <span data-testid={testId} data-status={s}>
      <Badge tone={tone}>{t(`evaluation.status.${s}`)}</Badge>
    </span>
  );
}

/** `Triwulan IV 2026` / `Q4 2026`. */
export function usePeriodLabel() {
  const { t } = useTranslation();
  return (kind: Kind, year: number) => `${t(`evaluation.kinds.${kind}`)} ${year}`;
}

function currentQuarter(): Kind {
  const month = Number(todayJakarta().slice(5, 7));
  return `q${Math.ceil(month / 3)}` as Kind;
}

/** `?tahun=2026&jenis=q4` with this quarter as the default; changing them replaces the entry in history. */
export function usePeriodKind() {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('tahun')) || Number(todayJakarta().slice(0, 4));
  const kindParam = params.get('jenis');
  const kind = (KINDS as string[]).includes(kindParam ?? '') ? (kindParam as Kind) : currentQuarter();
  const set = (key: 'tahun' | 'jenis', value: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set(key, value);
        return p;
      },
      { replace: true },
    );
  return {
    year,
    kind,
    setYear: (y: number) => set('tahun', String(y)),
    setKind: (k: Kind) => set('jenis', k),
  };
}

export function PeriodKindPicker({
  year,
  kind,
  onYear,
  onKind,
  withKind = true,
}: {
  year: number;
  kind?: Kind;
  onYear: (y: number) => void;
  onKind?: (k: Kind) => void;
  withKind?: boolean;
}) {
  const { t } = useTranslation();
  const yearId = useId();
  const kindId = useId();
  const periods = usePeriods();
  const years = [...new Set([year, ...(periods.data ?? []).map((p) => p.year)])].sort((a, b) => b - a);
  return (
    <>
      <div className="field">
        <label htmlFor={yearId}>{t('evaluation.year')}</label>
        <select
          id={yearId}
          value={year}
          onChange={(e) => onYear(Number(e.target.value))}
          data-testid="eval-year"
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {withKind && kind && onKind ? (
        <div className="field">
          <label htmlFor={kindId}>{t('evaluation.kindLabel')}</label>
          <select
            id={kindId}
            value={kind}
            onChange={(e) => onKind(e.target.value as Kind)}
            data-testid="eval-kind"
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`evaluation.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </>
  );
}

/** "Plt." marker after an acting evaluator's name. */
export function PersonName({ person }: { person: { name: string; acting: boolean } | null | undefined }) {
  const { t } = useTranslation();
  if (!person) return <span className="muted">—</span>;
  return (
    <span>
      {person.acting ? (
        <abbr className="acting-marker" title={t('positions.actingKind.plt')}>
          {t('positions.actingShort.plt')}
        </abbr>
      ) : null}
      {person.acting ? ' ' : ''}
      {person.name}
    </span>
  );
}

/** A select of the ratings (di atas, sesuai, di bawah ekspektasi). */
export function RatingSelect({
  id,
  value,
  onChange,
  testId,
  invalid,
  describedBy,
}: {
  id: string;
  value: Rating;
  onChange: (r: Rating) => void;
  testId?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value as Rating)}
      data-testid={testId}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
    >
      {RATINGS.map((r) => (
        <option key={r} value={r}>
          {t(`evaluation.rating.${r}`)}
        </option>
      ))}
    </select>
  );
}
