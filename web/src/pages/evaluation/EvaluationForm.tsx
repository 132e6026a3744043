import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api';
import { formatMonth } from '../../components/activity';
import { ErrorSummary, errorsByPath } from '../../components/Form';
import { CapaianBadge, formatTarget } from '../../components/skp';
import { EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatDate, formatNip, formatNumber, formatPercent } from '../../format';
import { useLang } from '../../queries';
import {
  EvaluationStatusBadge,
  PersonName,
  PredikatBadge,
  RatingBadge,
  RatingSelect,
  UnitPredikatBadge,
  usePeriodLabel,
} from './common';
import {
  type EvaluationForm,
  evalKeys,
  KINDS,
  type Kind,
  previewPerilaku,
  previewPredikat,
  RATINGS,
  type Rating,
  refreshEvaluations,
  useEvaluationForm,
} from './data';

interface RhkState {
  rating: Rating;
  reason: string;
  feedback: string;
}
interface ValueState {
  rating: Rating;
  feedback: string;
}

/** A reason box that appears only while the rating departs from the guide. */
function DepartureReason({
  guide,
  rating,
  value,
  onChange,
  error,
  testId,
}: {
  guide: Rating | null;
  rating: Rating;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  if (!guide || guide === rating) return null;
  return (
    <div className={`field eval-depart${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {t('evaluation.form.reason')}
        <span className="req" title={t('common.required')}>
          {' '}
          *
        </span>
      </label>
      <textarea
        id={id}
        rows={2}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('evaluation.form.reasonHint', { guide: t(`evaluation.rating.${guide}`) })}
      </p>
      {error ? (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Matrix({ hasil, perilaku }: { hasil: Rating; perilaku: Rating }) {
  const { t } = useTranslation();
  return (
    <table className="eval-matrix">
      <caption className="sr-only">{t('evaluation.form.matrix')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('evaluation.form.matrixCorner')}</th>
          {RATINGS.map((p) => (
            <th key={p} scope="col">
              {t(`evaluation.ratingShort.${p}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {RATINGS.map((h) => (
          <tr key={h}>
            <th scope="row">{t(`evaluation.ratingShort.${h}`)}</th>
            {RATINGS.map((p) => (
              <td key={p} className={h === hasil && p === perilaku ? 'is-on' : undefined}>
                {t(`evaluation.predikatShort.${previewPredikat(h, p)}`)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `/penilaian/skp/:skpId/:kind`: the pejabat penilai's form, or a read-only view for everyone else. */
export function EvaluationFormPage() {
  const { t } = useTranslation();
  const params = useParams();
  const skpId = params.skpId ?? '';
  const kind = (KINDS as string[]).includes(params.kind ?? '') ? (params.kind as Kind) : 'q4';
  const query = useEvaluationForm(skpId, kind);
  usePageTitle(t('evaluation.form.pageTitle'));
  if (query.isPending)
    return (
      <div className="page">
        <Loading rows={10} />
      </div>
    );
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="page">
        {notFound ? (
          <EmptyState title={t('evaluation.form.notFound')}>{t('evaluation.form.notFoundBody')}</EmptyState>
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )}
      </div>
    );
  }
  // remount the editor when another SKP or period is opened, so its state starts from the server's
  return <FormBody key={`${skpId}:${kind}`} form={query.data} />;
}

function FormBody({ form }: { form: EvaluationForm }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const periodLabel = usePeriodLabel();
  const ev = form.evaluation;
  const canRate = !!form.abilities.rate && form.open && form.skp.status === 'approved';
  const hasilId = useId();
  const perilakuId = useId();
  const feedbackId = useId();

  const [rhks, setRhks] = useState<Record<string, RhkState>>(() =>
    Object.fromEntries(
      form.rhks.map((r) => {
        const prior = ev?.rhks.find((x) => x.rhkId === r.rhkId);
        return [
          r.rhkId,
          {
            rating: prior?.rating ?? r.guide ?? 'sesuai',
            reason: prior?.reason ?? '',
            feedback: prior?.feedback ?? '',
          },
        ];
      }),
    ),
  );
  const [hasil, setHasil] = useState<Rating>(ev?.hasil ?? form.hasilGuide ?? 'sesuai');
  const [hasilReason, setHasilReason] = useState(ev?.hasilReason ?? '');
  const [values, setValues] = useState<Record<string, ValueState>>(() =>
    Object.fromEntries(
      form.behaviours.map((b) => {
        const prior = ev?.behaviours.find((x) => x.code === b.code);
        return [b.code, { rating: prior?.rating ?? 'sesuai', feedback: prior?.feedback ?? '' }];
      }),
    ),
  );
  const [perilakuChoice, setPerilakuChoice] = useState<Rating | null>(ev?.perilaku ?? null);
  const [perilakuReason, setPerilakuReason] = useState(ev?.perilakuReason ?? '');
  const [feedback, setFeedback] = useState(ev?.feedback ?? '');
  const [saved, setSaved] = useState(false);

  const perilakuPreview = useMemo(
    () => previewPerilaku(form.behaviours.map((b) => values[b.code]?.rating ?? 'sesuai')),
    [values, form.behaviours],
  );
  // until the evaluator picks an overall perilaku rating, it follows the mean of the values
  const perilaku: Rating = perilakuChoice ?? perilakuPreview.guide ?? 'sesuai';
  const predikat = previewPredikat(hasil, perilaku);

  const save = useMutation({
    mutationFn: () =>
      api<EvaluationForm>(`/evaluations/skp/${encodeURIComponent(form.skp.id)}/${form.kind}`, {
        method: 'PUT',
        body: {
          rhks: form.rhks.map((r) => ({
            rhkId: r.rhkId,
            rating: rhks[r.rhkId].rating,
            reason: rhks[r.rhkId].reason.trim() || null,
            feedback: rhks[r.rhkId].feedback.trim() || null,
          })),
          hasil,
          hasilReason: hasilReason.trim() || null,
          behaviours: form.behaviours.map((b) => ({
            code: b.code,
            rating: values[b.code].rating,
            feedback: values[b.code].feedback.trim() || null,
          })),
          perilaku,
          perilakuReason: perilakuReason.trim() || null,
          feedback: feedback.trim() || null,
        },
      }),
    onSuccess: async (res) => {
      qc.setQueryData(evalKeys.form(form.skp.id, form.kind), res);
      setSaved(true);
      await refreshEvaluations(qc);
    },
  });
  const errs = errorsByPath(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  const back = `/penilaian?tahun=${form.year}&jenis=${form.kind}`;
  const period = periodLabel(form.kind, form.year);

  return (
    <div className="page page-wide" data-testid="eval-form">
      <nav className="breadcrumbs" aria-label={t('evaluation.form.crumbs')}>
        <Link to={back}>{t('evaluation.subordinates.title')}</Link>
      </nav>
      <header className="page-header">
        <div className="eval-head">
          <h1>{t('evaluation.form.title', { period })}</h1>
          <p>
            <strong>{form.skp.employee.name}</strong>{' '}
            <span className="nip">{formatNip(form.skp.employee.nip)}</span>
          </p>
          <p className="muted small">
            {form.skp.positionName} · {form.skp.unitName}
          </p>
          <p className="small">
            <span className="label-like">{t('evaluation.fields.evaluator')}:</span>{' '}
            <PersonName person={form.skp.evaluator} />
            {form.skp.reviewer ? (
              <>
                {' · '}
                <span className="label-like">{t('evaluation.fields.reviewer')}:</span>{' '}
                <PersonName person={form.skp.reviewer} />
              </>
            ) : null}
          </p>
        </div>
        <div className="actions">
          {ev ? <EvaluationStatusBadge status={ev.status} testId="eval-status" /> : null}
          {ev ? (
            <Link className="btn btn-small" to={`/penilaian/${encodeURIComponent(ev.id)}`}>
              {t('evaluation.form.openDetail')}
            </Link>
          ) : null}
        </div>
      </header>

      {!form.open ? (
        <p className="notice notice-info" role="status">
          {t('evaluation.subordinates.notOpen', { period, date: formatDate(form.opensOn, lang) })}
        </p>
      ) : null}
      {form.curveUnit.finalised ? (
        <p className="notice notice-info" role="status">
          {t('evaluation.form.locked', { unit: form.curveUnit.name })}
        </p>
      ) : null}
      {ev && !canRate ? (
        <p className="notice notice-info" role="status">
          {t('evaluation.form.readOnly')}
        </p>
      ) : null}
      {!ev && !canRate && form.open ? (
        <p className="notice notice-info" role="status">
          {t('evaluation.form.notEvaluator')}
        </p>
      ) : null}
      {form.ledUnit ? (
        <p className="notice notice-info" role="note">
          {t('evaluation.form.ledUnit', { unit: form.ledUnit.name })}{' '}
          <UnitPredikatBadge predikat={form.ledUnit.predikat} />
        </p>
      ) : null}

      <form onSubmit={submit} noValidate aria-describedby="eval-guide-note">
        <section className="panel" aria-labelledby="eval-hasil-h">
          <div className="section-head">
            <h2 id="eval-hasil-h">{t('evaluation.form.hasilTitle')}</h2>
          </div>
          <p className="muted small" id="eval-guide-note">
            {t('evaluation.form.guideNote', {
              above: formatNumber(form.guideThresholds.above),
              below: formatNumber(form.guideThresholds.below),
            })}
          </p>
          {form.rhks.map((r, i) => {
            const st = rhks[r.rhkId];
            const selectId = `rhk-${r.rhkId}`;
            return (
              <fieldset key={r.rhkId} className="eval-rhk" data-testid="eval-rhk">
                <legend>
                  {t('evaluation.form.rhkN', { n: i + 1 })} · {r.text}
                </legend>
                <TableWrap label={t('evaluation.form.indicators')}>
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t('evaluation.form.indicator')}</th>
                        <th scope="col" className="num">
                          {t('evaluation.form.target')}
                        </th>
                        <th scope="col" className="num">
                          {t('evaluation.form.realisation')}
                        </th>
                        <th scope="col" className="num">
                          {t('evaluation.fields.capaian')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.indicators.map((ind) => (
                        <tr key={ind.id}>
                          <td>
                            <span className="cell-main">{ind.name}</span>
                            <span className="cell-sub">
                              {t(`skp.aspect.${ind.aspect}`, { defaultValue: ind.aspect })}
                            </span>
                          </td>
                          <td className="num nowrap">
                            {formatTarget(ind.targetValue, ind.targetText, ind.unit)}
                          </td>
                          <td className="num nowrap">
                            {ind.quarter === null ? (
                              <span className="muted">{t('evaluation.form.noRealisation')}</span>
                            ) : (
                              <>
                                {formatNumber(ind.value)}
                                <span className="cell-sub">
                                  {t('evaluation.form.quarterOf', { q: ind.quarter })}
                                </span>
                              </>
                            )}
                          </td>
                          <td className="num">
                            <CapaianBadge value={ind.capaian} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
                <p className="eval-guide">
                  {t('evaluation.form.rhkCapaian')}: <CapaianBadge value={r.capaian} /> ·{' '}
                  {t('evaluation.fields.guide')}:{' '}
                  {r.guide ? <RatingBadge rating={r.guide} /> : <span>{t('evaluation.form.noGuide')}</span>}
                </p>
                <div className="eval-rating-row">
                  <div className="field">
                    <label htmlFor={selectId}>{t('evaluation.form.rhkRating')}</label>
                    {canRate ? (
                      <RatingSelect
                        id={selectId}
                        value={st.rating}
                        onChange={(rating) =>
                          setRhks((s) => ({ ...s, [r.rhkId]: { ...s[r.rhkId], rating } }))
                        }
                        testId="rhk-rating"
                      />
                    ) : (
                      <span id={selectId}>
                        <RatingBadge rating={st.rating} />
                      </span>
                    )}
                  </div>
                  <div className="field">
                    <label htmlFor={`${selectId}-fb`}>{t('evaluation.form.feedback')}</label>
                    <input
                      id={`${selectId}-fb`}
                      value={st.feedback}
                      readOnly={!canRate}
                      onChange={(e) =>
                        setRhks((s) => ({ ...s, [r.rhkId]: { ...s[r.rhkId], feedback: e.target.value } }))
                      }
                    />
                  </div>
                </div>
                {canRate ? (
                  <DepartureReason
                    guide={r.guide}
                    rating={st.rating}
                    value={st.reason}
                    onChange={(reason) => setRhks((s) => ({ ...s, [r.rhkId]: { ...s[r.rhkId], reason } }))}
                    error={errs[`rhks.${i}.reason`]}
                    testId="rhk-reason"
                  />
                ) : st.reason ? (
                  <p className="eval-quote small">{st.reason}</p>
                ) : null}
              </fieldset>
            );
          })}
          <div className="eval-rhk">
            <p className="eval-rhk-title">{t('evaluation.form.hasilOverall')}</p>
            <p className="eval-guide">
              {t('evaluation.form.capaianOverall')}: <CapaianBadge value={form.capaian} /> ·{' '}
              {t('evaluation.fields.guide')}:{' '}
              {form.hasilGuide ? <RatingBadge rating={form.hasilGuide} /> : t('evaluation.form.noGuide')}
            </p>
            <div className="eval-rating-row">
              <div className="field">
                <label htmlFor={hasilId}>{t('evaluation.fields.hasil')}</label>
                {canRate ? (
                  <RatingSelect id={hasilId} value={hasil} onChange={setHasil} testId="hasil-rating" />
                ) : (
                  <span id={hasilId}>
                    <RatingBadge rating={hasil} />
                  </span>
                )}
              </div>
            </div>
            {canRate ? (
              <DepartureReason
                guide={form.hasilGuide}
                rating={hasil}
                value={hasilReason}
                onChange={setHasilReason}
                error={errs.hasilReason}
                testId="hasil-reason"
              />
            ) : hasilReason ? (
              <p className="eval-quote small">{hasilReason}</p>
            ) : null}
          </div>
        </section>

        <section className="panel" aria-labelledby="eval-load-h">
          <h2 id="eval-load-h">{t('evaluation.form.workload')}</h2>
          {form.workload.months.length === 0 ? (
            <p className="muted">{t('evaluation.form.workloadNone')}</p>
          ) : (
            <TableWrap label={t('evaluation.form.workload')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('evaluation.form.month')}</th>
                    <th scope="col" className="num">
                      {t('evaluation.form.approvedMinutes')}
                    </th>
                    <th scope="col" className="num">
                      {t('evaluation.form.effectiveMinutes')}
                    </th>
                    <th scope="col" className="num">
                      {t('evaluation.form.ratio')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {form.workload.months.map((m) => (
                    <tr key={m.month}>
                      <td>{formatMonth(m.month, lang)}</td>
                      <td className="num">{formatNumber(m.approvedMinutes)}</td>
                      <td className="num">{formatNumber(m.effectiveMinutes)}</td>
                      <td className="num">
                        {m.effectiveMinutes > 0
                          ? formatPercent((m.approvedMinutes / m.effectiveMinutes) * 100)
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('evaluation.form.total')}</th>
                    <td className="num">{formatNumber(form.workload.approvedMinutes)}</td>
                    <td className="num">{formatNumber(form.workload.effectiveMinutes)}</td>
                    <td className="num" data-testid="eval-workload-ratio">
                      {form.workload.ratio === null ? '—' : formatPercent(form.workload.ratio * 100)}
                      {form.workload.band ? (
                        <span className="cell-sub">{t(`workload.band.${form.workload.band}`)}</span>
                      ) : null}
                    </td>
                  </tr>
                </tfoot>
              </table>
            </TableWrap>
          )}
        </section>

        <section className="panel" aria-labelledby="eval-perilaku-h">
          <h2 id="eval-perilaku-h">{t('evaluation.form.perilakuTitle')}</h2>
          <div className="eval-values">
            {form.behaviours.map((b) => {
              const st = values[b.code];
              const id = `value-${b.code}`;
              return (
                <div key={b.code} className="eval-value" data-testid="eval-value">
                  <div>
                    <p className="eval-value-name" id={`${id}-name`}>
                      {b.label}
                    </p>
                    {b.expectation ? <p className="eval-value-expect">{b.expectation}</p> : null}
                  </div>
                  <div className="field">
                    <label htmlFor={id} className="sr-only">
                      {t('evaluation.form.valueRating', { value: b.label })}
                    </label>
                    {canRate ? (
                      <RatingSelect
                        id={id}
                        value={st.rating}
                        onChange={(rating) =>
                          setValues((s) => ({ ...s, [b.code]: { ...s[b.code], rating } }))
                        }
                        testId={`value-rating-${b.code}`}
                      />
                    ) : (
                      <span id={id}>
                        <RatingBadge rating={st.rating} />
                      </span>
                    )}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-fb`} className="sr-only">
                      {t('evaluation.form.valueFeedback', { value: b.label })}
                    </label>
                    <input
                      id={`${id}-fb`}
                      placeholder={t('evaluation.form.feedback')}
                      value={st.feedback}
                      readOnly={!canRate}
                      onChange={(e) =>
                        setValues((s) => ({ ...s, [b.code]: { ...s[b.code], feedback: e.target.value } }))
                      }
                    />
                  </div>
                </div>
              );
            })}
          </div>
          <div className="eval-rhk">
            <p className="eval-guide" data-testid="perilaku-guide">
              {t('evaluation.form.perilakuMean', {
                mean: perilakuPreview.mean === null ? '—' : perilakuPreview.mean.toFixed(2).replace('.', ','),
              })}{' '}
              · {t('evaluation.fields.guide')}: <RatingBadge rating={perilakuPreview.guide} />
            </p>
            <div className="eval-rating-row">
              <div className="field">
                <label htmlFor={perilakuId}>{t('evaluation.fields.perilaku')}</label>
                {canRate ? (
                  <RatingSelect
                    id={perilakuId}
                    value={perilaku}
                    onChange={setPerilakuChoice}
                    testId="perilaku-rating"
                  />
                ) : (
                  <span id={perilakuId}>
                    <RatingBadge rating={perilaku} />
                  </span>
                )}
              </div>
            </div>
            {canRate ? (
              <DepartureReason
                guide={perilakuPreview.guide}
                rating={perilaku}
                value={perilakuReason}
                onChange={setPerilakuReason}
                error={errs.perilakuReason}
                testId="perilaku-reason"
              />
            ) : perilakuReason ? (
              <p className="eval-quote small">{perilakuReason}</p>
            ) : null}
          </div>
        </section>

        <section className="panel" aria-labelledby="eval-fb-h">
          <h2 id="eval-fb-h">{t('evaluation.form.generalFeedback')}</h2>
          <div className="field">
            <label htmlFor={feedbackId}>{t('evaluation.form.generalFeedbackLabel')}</label>
            <textarea
              id={feedbackId}
              rows={4}
              value={feedback}
              readOnly={!canRate}
              onChange={(e) => setFeedback(e.target.value)}
              data-testid="eval-feedback"
            />
          </div>
          <details className="small">
            <summary>{t('evaluation.form.matrix')}</summary>
            <Matrix hasil={hasil} perilaku={perilaku} />
          </details>
          <ErrorSummary
            error={save.error}
            describe={(path) =>
              path.startsWith('rhks')
                ? t('evaluation.form.rhkN', { n: Number(path.split('.')[1] ?? 0) + 1 })
                : path === 'hasilReason'
                  ? t('evaluation.fields.hasil')
                  : path === 'perilakuReason'
                    ? t('evaluation.fields.perilaku')
                    : path
            }
          />
          {saved ? (
            <p className="notice notice-ok" role="status" data-testid="eval-saved">
              {t('evaluation.form.saved')}
            </p>
          ) : null}
        </section>
        <div className="eval-preview" aria-live="polite">
          <div className="eval-preview-main">
            <span className="label-like">{t('evaluation.form.preview')}</span>
            <PredikatBadge predikat={predikat} testId="eval-preview" />
            <span className="muted small">
              {t('evaluation.form.previewOf', {
                hasil: t(`evaluation.ratingShort.${hasil}`),
                perilaku: t(`evaluation.ratingShort.${perilaku}`),
              })}
            </span>
          </div>
          {canRate ? (
            <button
              type="submit"
              className="btn btn-primary"
              disabled={save.isPending}
              data-testid="eval-submit"
            >
              {save.isPending ? t('common.saving') : t('evaluation.form.submit')}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
