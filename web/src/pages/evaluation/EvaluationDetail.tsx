import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api';
import { useUser } from '../../auth';
import { ErrorSummary } from '../../components/Form';
import { ReasonDialog } from '../../components/ReasonDialog';
import { CapaianBadge } from '../../components/skp';
import { EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatDateTime, formatNip, formatNumber, formatPercent } from '../../format';
import { useLang } from '../../queries';
import {
  EvaluationStatusBadge,
  PersonName,
  PredikatBadge,
  RatingBadge,
  RatingSelect,
  usePeriodLabel,
} from './common';
import {
  type Evaluation,
  evalKeys,
  previewPredikat,
  type Rating,
  refreshEvaluations,
  useEvaluation,
} from './data';

function DecideDialog({ ev, onClose }: { ev: Evaluation; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [decision, setDecision] = useState<'upheld' | 'changed'>('upheld');
  const [hasil, setHasil] = useState<Rating>(ev.hasil);
  const [perilaku, setPerilaku] = useState<Rating>(ev.perilaku);
  const hasilId = useId();
  const perilakuId = useId();
  const decide = useMutation({
    mutationFn: (reason: string) =>
      api<Evaluation>(`/evaluations/${encodeURIComponent(ev.id)}/decide`, {
        method: 'POST',
        body: decision === 'changed' ? { decision, hasil, perilaku, reason } : { decision, reason },
      }),
    onSuccess: async (res) => {
      qc.setQueryData(evalKeys.one(ev.id), res);
      await refreshEvaluations(qc);
      onClose();
    },
  });
  return (
    <ReasonDialog
      title={t('evaluation.detail.decideTitle', { name: ev.employee.name })}
      intro={t('evaluation.detail.decideIntro')}
      introClassName="small"
      label={t('evaluation.detail.decisionReason')}
      confirmLabel={t('evaluation.detail.decide')}
      pending={decide.isPending}
      error={decide.error}
      onConfirm={(reason) => decide.mutate(reason)}
      onClose={onClose}
      testId="decide-reason"
      confirmTestId="decide-confirm"
      nativeRequired={false}
      errorSummary="bottom"
    >
      <fieldset className="field">
        <legend>{t('evaluation.detail.decision')}</legend>
        {(['upheld', 'changed'] as const).map((d) => (
          <label key={d} className="field-check">
            <input
              type="radio"
              name="decision"
              value={d}
              checked={decision === d}
              onChange={() => setDecision(d)}
              data-testid={`decision-${d}`}
            />{' '}
            {t(`evaluation.detail.${d}`)}
          </label>
        ))}
      </fieldset>
      {decision === 'changed' ? (
        <div className="form-grid">
          <div className="field">
            <label htmlFor={hasilId}>{t('evaluation.detail.newHasil')}</label>
            <RatingSelect id={hasilId} value={hasil} onChange={setHasil} testId="decide-hasil" />
          </div>
          <div className="field">
            <label htmlFor={perilakuId}>{t('evaluation.detail.newPerilaku')}</label>
            <RatingSelect id={perilakuId} value={perilaku} onChange={setPerilaku} testId="decide-perilaku" />
          </div>
          <p className="small">
            {t('evaluation.form.preview')}: <PredikatBadge predikat={previewPredikat(hasil, perilaku)} />
          </p>
        </div>
      ) : null}
    </ReasonDialog>
  );
}

/** `/penilaian/:id`: one evaluation — result and feedback; the employee acknowledges or objects, the atasan pejabat penilai decides. */
export function EvaluationDetailPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const qc = useQueryClient();
  const id = useParams().id ?? '';
  const query = useEvaluation(id);
  const periodLabel = usePeriodLabel();
  const [dialog, setDialog] = useState<'object' | 'decide' | null>(null);
  usePageTitle(t('evaluation.detail.pageTitle'));

  const step = useMutation({
    mutationFn: (vars: { path: 'acknowledge' | 'object'; body?: unknown }) =>
      api<Evaluation>(`/evaluations/${encodeURIComponent(id)}/${vars.path}`, {
        method: 'POST',
        body: vars.body,
      }),
    onSuccess: async (res) => {
      qc.setQueryData(evalKeys.one(id), res);
      await refreshEvaluations(qc);
      setDialog(null);
    },
  });

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
          <EmptyState title={t('evaluation.detail.notFound')}>
            {t('evaluation.detail.notFoundBody')}
          </EmptyState>
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )}
      </div>
    );
  }
  const ev = query.data;
  const a = ev.abilities;
  const own = ev.employee.id === user.employeeId;
  const period = periodLabel(ev.kind, ev.periodYear);

  return (
    <div className="page page-wide" data-testid="eval-detail">
      <nav className="breadcrumbs" aria-label={t('evaluation.form.crumbs')}>
        {own ? (
          <Link to={`/penilaian/saya?tahun=${ev.periodYear}`}>{t('evaluation.mine.title')}</Link>
        ) : ev.status === 'objected' || ev.decision ? (
          <Link to="/penilaian/keberatan">{t('evaluation.objections.title')}</Link>
        ) : (
          <Link to={`/penilaian?tahun=${ev.periodYear}&jenis=${ev.kind}`}>
            {t('evaluation.subordinates.title')}
          </Link>
        )}
      </nav>
      <header className="page-header">
        <div className="eval-head">
          <h1>{t('evaluation.form.title', { period })}</h1>
          <p>
            <strong>{ev.employee.name}</strong> <span className="nip">{formatNip(ev.employee.nip)}</span>
          </p>
          <p className="muted small">
            {ev.positionName} · {ev.unitName}
          </p>
        </div>
        <div className="actions">
          <EvaluationStatusBadge status={ev.status} testId="eval-status" />
        </div>
      </header>

      <section className="panel" aria-labelledby="eval-result-h">
        <h2 id="eval-result-h">{t('evaluation.detail.result')}</h2>
        <dl className="facts facts-2">
          <div>
            <dt>{t('evaluation.fields.predikat')}</dt>
            <dd>
              <PredikatBadge predikat={ev.predikat} testId="eval-predikat" />
              {ev.calibrated ? (
                <span className="muted small">
                  {' '}
                  (
                  {t('evaluation.detail.matrixWas', {
                    predikat: t(`evaluation.predikat.${ev.matrixPredikat}`),
                  })}
                  )
                </span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('evaluation.fields.hasil')}</dt>
            <dd>
              <RatingBadge rating={ev.hasil} />
            </dd>
          </div>
          <div>
            <dt>{t('evaluation.fields.perilaku')}</dt>
            <dd>
              <RatingBadge rating={ev.perilaku} />
            </dd>
          </div>
          <div>
            <dt>{t('evaluation.fields.capaian')}</dt>
            <dd>
              <CapaianBadge value={ev.capaian} />
            </dd>
          </div>
          <div>
            <dt>{t('evaluation.fields.evaluator')}</dt>
            <dd>
              <PersonName person={ev.evaluator} />
            </dd>
          </div>
          <div>
            <dt>{t('evaluation.fields.ratedAt')}</dt>
            <dd>{formatDateTime(ev.ratedAt, lang)}</dd>
          </div>
          <div>
            <dt>{t('evaluation.form.workload')}</dt>
            <dd>
              {formatNumber(ev.workload.approvedMinutes)} / {formatNumber(ev.workload.effectiveMinutes)}{' '}
              {t('evaluation.detail.minutes')}
              {ev.workload.effectiveMinutes > 0
                ? ` (${formatPercent((ev.workload.approvedMinutes / ev.workload.effectiveMinutes) * 100)})`
                : ''}
            </dd>
          </div>
        </dl>
        {ev.hasilReason ? (
          <p className="eval-quote small">
            <strong>{t('evaluation.detail.hasilReason')}:</strong> {ev.hasilReason}
          </p>
        ) : null}
        {ev.perilakuReason ? (
          <p className="eval-quote small">
            <strong>{t('evaluation.detail.perilakuReason')}:</strong> {ev.perilakuReason}
          </p>
        ) : null}
        {ev.feedback ? (
          <>
            <h3 className="eval-subhead">{t('evaluation.form.generalFeedback')}</h3>
            <p className="eval-quote" data-testid="eval-feedback-text">
              {ev.feedback}
            </p>
          </>
        ) : null}
        {ev.calibration ? (
          <p className="notice notice-info small" role="note">
            {t('evaluation.detail.calibrated', {
              by: ev.calibration.by,
              at: formatDateTime(ev.calibration.at, lang),
              reason: ev.calibration.reason,
            })}
          </p>
        ) : null}
        {ev.objection ? (
          <div className="notice notice-warn small" role="note" data-testid="eval-objection">
            <p>
              <strong>{t('evaluation.detail.objection')}</strong> ({formatDateTime(ev.objection.at, lang)}):{' '}
              {ev.objection.reason}
            </p>
            <p>
              {t('evaluation.detail.objectionTo')}: <PersonName person={ev.reviewer} />
            </p>
          </div>
        ) : null}
        {ev.decisionDetail ? (
          <div className="notice notice-info small" role="note" data-testid="eval-decision">
            <p>
              <strong>{t(`evaluation.detail.decisionDone.${ev.decisionDetail.decision}`)}</strong> —{' '}
              {ev.decisionDetail.by}
              {ev.decisionDetail.at ? ` (${formatDateTime(ev.decisionDetail.at, lang)})` : ''}
            </p>
            {ev.decisionDetail.reason ? <p>{ev.decisionDetail.reason}</p> : null}
          </div>
        ) : null}
        {ev.acknowledgedAt ? (
          <p className="muted small">
            {t('evaluation.detail.acknowledgedAt', { at: formatDateTime(ev.acknowledgedAt, lang) })}
          </p>
        ) : null}
        {step.error && !dialog ? <ErrorSummary error={step.error} /> : null}
        {a.acknowledge || a.object || a.decide ? (
          <div className="form-actions">
            {a.object ? (
              <button
                type="button"
                className="btn btn-danger-outline"
                onClick={() => {
                  step.reset();
                  setDialog('object');
                }}
                data-testid="eval-object"
              >
                {t('evaluation.detail.object')}
              </button>
            ) : null}
            {a.acknowledge ? (
              <button
                type="button"
                className="btn btn-primary"
                disabled={step.isPending}
                onClick={() => step.mutate({ path: 'acknowledge' })}
                data-testid="eval-acknowledge"
              >
                {t('evaluation.detail.acknowledge')}
              </button>
            ) : null}
            {a.decide ? (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => setDialog('decide')}
                data-testid="eval-decide"
              >
                {t('evaluation.detail.decide')}
              </button>
            ) : null}
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="eval-rhks-h">
        <h2 id="eval-rhks-h">{t('evaluation.form.hasilTitle')}</h2>
        <TableWrap label={t('evaluation.form.hasilTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">RHK</th>
                <th scope="col" className="num">
                  {t('evaluation.fields.capaian')}
                </th>
                <th scope="col">{t('evaluation.fields.guide')}</th>
                <th scope="col">{t('evaluation.form.rhkRating')}</th>
                <th scope="col">{t('evaluation.form.feedback')}</th>
              </tr>
            </thead>
            <tbody>
              {ev.rhks.map((r) => (
                <tr key={r.rhkId}>
                  <td>
                    {r.text}
                    {r.reason ? <span className="cell-sub">{r.reason}</span> : null}
                  </td>
                  <td className="num">
                    <CapaianBadge value={r.capaian} />
                  </td>
                  <td>
                    <RatingBadge rating={r.guide} short />
                  </td>
                  <td>
                    <RatingBadge rating={r.rating} short />
                  </td>
                  <td className="small">{r.feedback ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section className="panel" aria-labelledby="eval-values-h">
        <h2 id="eval-values-h">{t('evaluation.form.perilakuTitle')}</h2>
        <TableWrap label={t('evaluation.form.perilakuTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('evaluation.detail.value')}</th>
                <th scope="col">{t('evaluation.form.valueRatingShort')}</th>
                <th scope="col">{t('evaluation.form.feedback')}</th>
              </tr>
            </thead>
            <tbody>
              {ev.behaviours.map((b) => (
                <tr key={b.code}>
                  <td>
                    {b.label}
                    {b.expectation ? <span className="cell-sub">{b.expectation}</span> : null}
                  </td>
                  <td>
                    <RatingBadge rating={b.rating} short />
                  </td>
                  <td className="small">{b.feedback ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p className="muted small">
          {t('evaluation.form.perilakuMean', {
            mean: ev.perilakuMean === null ? '—' : ev.perilakuMean.toFixed(2).replace('.', ','),
          })}
        </p>
      </section>

      {dialog === 'object' ? (
        <ReasonDialog
          title={t('evaluation.detail.objectTitle')}
          intro={t('evaluation.detail.objectIntro')}
          label={t('evaluation.detail.objectReason')}
          confirmLabel={t('evaluation.detail.object')}
          pending={step.isPending}
          error={step.error}
          danger
          onClose={() => setDialog(null)}
          onConfirm={(reason) => step.mutate({ path: 'object', body: { reason } })}
          testId="object-reason"
        />
      ) : null}
      {dialog === 'decide' ? <DecideDialog ev={ev} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
