import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api';
import { ErrorSummary } from '../../components/Form';
import { ReasonDialog } from '../../components/ReasonDialog';
import { Badge, EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatDateTime, formatNip, formatNumber, formatPercent } from '../../format';
import { useLang } from '../../queries';
import {
  EvaluationStatusBadge,
  PeriodKindPicker,
  PredikatBadge,
  RatingBadge,
  UnitPredikatBadge,
  usePeriodKind,
  usePeriodLabel,
} from './common';
import {
  type Counts,
  type Curve,
  type CurveRule,
  type EvaluationSummary,
  evalKeys,
  PREDIKATS,
  type Predikat,
  refreshEvaluations,
  UNIT_PREDIKATS,
  type UnitEvaluation,
  type UnitPredikat,
  useCurve,
  useEvaluationUnit,
  useEvaluationUnits,
} from './data';

function Distribution({ counts, total }: { counts: Counts; total: number }) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="eval-counts" aria-label={t('evaluation.unit.distribution')}>
        {PREDIKATS.map((p) => (
          <li key={p} data-testid={`count-${p}`}>
            <PredikatBadge predikat={p} />
            <span className="n">{formatNumber(counts[p])}</span>
            <span className="pct">{total > 0 ? formatPercent((counts[p] * 100) / total) : '—'}</span>
          </li>
        ))}
      </ul>
      {total > 0 ? (
        <div className="eval-bar" aria-hidden="true">
          {PREDIKATS.filter((p) => counts[p] > 0).map((p) => (
            <span key={p} className={`p-${p}`} style={{ width: `${(counts[p] * 100) / total}%` }} />
          ))}
        </div>
      ) : null}
    </>
  );
}

function CurveTable({ curve }: { curve: Curve }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Record<UnitPredikat, CurveRule[]> | null>(null);
  const save = useMutation({
    mutationFn: (rules: Record<UnitPredikat, CurveRule[]>) =>
      api<Curve>('/evaluation-curve', {
        method: 'PUT',
        body: {
          rules: Object.fromEntries(
            UNIT_PREDIKATS.map((p) => [
              p,
              rules[p].map((r) => (r.value === null ? { op: r.op, predikat: r.predikat } : r)),
            ]),
          ),
        },
      }),
    onSuccess: async (res) => {
      qc.setQueryData(evalKeys.curve, res);
      setEditing(null);
      await refreshEvaluations(qc);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (editing) save.mutate(editing);
  };
  return (
    <section className="panel" aria-labelledby="curve-h" data-testid="curve-table">
      <div className="section-head">
        <h2 id="curve-h">{t('evaluation.curve.table')}</h2>
        {curve.abilities.manage && !editing ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setEditing(structuredClone(curve.rules))}
          >
            {t('evaluation.curve.edit')}
          </button>
        ) : null}
      </div>
      <p className="muted small">
        {curve.isDefault
          ? t('evaluation.curve.isDefault')
          : t('evaluation.curve.updated', {
              by: curve.updatedBy ?? '—',
              at: formatDateTime(curve.updatedAt, lang),
            })}
      </p>
      <form onSubmit={submit} noValidate>
        <div className="eval-curve-grid">
          {UNIT_PREDIKATS.map((p) => (
            <div key={p} className="eval-curve-card">
              <h3>
                <UnitPredikatBadge predikat={p} />
              </h3>
              {editing ? (
                editing[p].map((r, i) => {
                  const inputId = `curve-${p}-${i}`;
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity; their order is fixed
                    <div key={i} className="eval-rule-edit">
                      <label htmlFor={inputId}>{curve.texts[p][i] ?? r.op}</label>
                      {r.value === null ? (
                        <span id={inputId} className="muted small">
                          —
                        </span>
                      ) : (
                        <input
                          id={inputId}
                          type="number"
                          min={0}
                          max={r.op.endsWith('pct') ? 100 : 100000}
                          value={r.value}
                          onChange={(e) =>
                            setEditing((s) =>
                              s
                                ? {
                                    ...s,
                                    [p]: s[p].map((x, j) =>
                                      j === i ? { ...x, value: Number(e.target.value) } : x,
                                    ),
                                  }
                                : s,
                            )
                          }
                        />
                      )}
                    </div>
                  );
                })
              ) : (
                <ul className="eval-rules small">
                  {curve.texts[p].map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
        {editing ? (
          <>
            <ErrorSummary error={save.error} />
            <div className="form-actions">
              <button
                type="button"
                className="btn"
                onClick={() => setEditing(null)}
                disabled={save.isPending}
              >
                {t('common.cancel')}
              </button>
              <button type="submit" className="btn btn-primary" disabled={save.isPending}>
                {save.isPending ? t('common.saving') : t('common.save')}
              </button>
            </div>
          </>
        ) : null}
      </form>
    </section>
  );
}

/** `/penilaian/kurva`: each unit's organisational predikat and staff distribution against the curve. */
export function CurvePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.curve'));
  const lang = useLang();
  const periodLabel = usePeriodLabel();
  const { year, kind, setYear, setKind } = usePeriodKind();
  const units = useEvaluationUnits(year, kind);
  const curve = useCurve();
  const [onlyDeviations, setOnlyDeviations] = useState(false);
  const checkId = useId();
  const items = (units.data?.items ?? []).filter((u) => !onlyDeviations || u.deviations.length > 0);
  const deviating = (units.data?.items ?? []).filter((u) => u.deviations.length > 0).length;
  const query = `tahun=${year}&jenis=${kind}`;
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('evaluation.curve.title')}</h1>
          <p className="muted">{t('evaluation.curve.intro')}</p>
        </div>
      </header>
      <search className="filters panel" aria-label={t('evaluation.filters')}>
        <PeriodKindPicker year={year} kind={kind} onYear={setYear} onKind={setKind} />
        <div className="field field-check">
          <label htmlFor={checkId}>
            <input
              id={checkId}
              type="checkbox"
              checked={onlyDeviations}
              onChange={(e) => setOnlyDeviations(e.target.checked)}
            />
            {t('evaluation.curve.onlyDeviations')}
          </label>
        </div>
      </search>
      {units.isPending ? (
        <Loading rows={8} />
      ) : units.isError ? (
        <ErrorState error={units.error} onRetry={() => void units.refetch()} />
      ) : (units.data?.items.length ?? 0) === 0 ? (
        <div className="panel" data-testid="curve-units">
          <EmptyState title={t('evaluation.curve.empty')}>{t('evaluation.curve.emptyBody')}</EmptyState>
        </div>
      ) : (
        <section className="panel" aria-labelledby="units-h" data-testid="curve-units">
          <div className="section-head">
            <h2 id="units-h">
              {periodLabel(kind, year)}{' '}
              <span className="count muted">
                ({t('evaluation.curve.summary', { units: units.data?.items.length ?? 0, deviating })})
              </span>
            </h2>
          </div>
          <TableWrap label={t('evaluation.curve.units')}>
            <table className="table table-rowlinks">
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.curve.unit')}</th>
                  <th scope="col">{t('evaluation.curve.unitPredikat')}</th>
                  {PREDIKATS.map((p) => (
                    <th key={p} scope="col" className="num" title={t(`evaluation.predikat.${p}`)}>
                      {t(`evaluation.predikatAbbr.${p}`)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('evaluation.curve.total')}
                  </th>
                  <th scope="col">{t('evaluation.curve.deviations')}</th>
                  <th scope="col">{t('evaluation.fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr
                    key={u.unit.id}
                    className={u.deviations.length > 0 ? 'row-deviation' : undefined}
                    data-testid="curve-unit-row"
                  >
                    <td>
                      <Link
                        className="row-link"
                        to={`/penilaian/kurva/${encodeURIComponent(u.unit.id)}?${query}`}
                      >
                        {u.unit.name}
                      </Link>
                      <span className="cell-sub mono">{u.unit.code}</span>
                    </td>
                    <td className="nowrap">
                      <UnitPredikatBadge predikat={u.predikat} />
                      {u.predikatSource ? (
                        <span className="cell-sub">{t(`evaluation.curve.source.${u.predikatSource}`)}</span>
                      ) : null}
                    </td>
                    {PREDIKATS.map((p) => (
                      <td key={p} className="num">
                        {formatNumber(u.counts[p])}
                      </td>
                    ))}
                    <td className="num">{formatNumber(u.total)}</td>
                    <td>
                      {u.deviations.length === 0 ? (
                        u.predikat ? (
                          <Badge tone="ok">{t('evaluation.curve.fits')}</Badge>
                        ) : (
                          <span className="muted">—</span>
                        )
                      ) : (
                        <span className="eval-deviation small">
                          {t('evaluation.curve.deviationCount', { count: u.deviations.length })}:{' '}
                          {u.deviations[0].message}
                        </span>
                      )}
                    </td>
                    <td className="nowrap">
                      {u.finalisedAt ? (
                        <Badge tone="ok">
                          {t('evaluation.curve.finalised', { at: formatDateTime(u.finalisedAt, lang) })}
                        </Badge>
                      ) : u.pending > 0 ? (
                        <Badge tone="warn">{t('evaluation.curve.pending', { count: u.pending })}</Badge>
                      ) : (
                        <Badge tone="neutral">{t('evaluation.curve.open')}</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
      {curve.data ? (
        <CurveTable curve={curve.data} />
      ) : curve.isError ? (
        <ErrorState error={curve.error} />
      ) : null}
    </div>
  );
}

// ---------------- one unit ----------------
function MoveDialog({
  person,
  onClose,
  year,
}: {
  person: EvaluationSummary;
  onClose: () => void;
  year: number;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const selectId = useId();
  const [predikat, setPredikat] = useState<Predikat>(PREDIKATS.find((p) => p !== person.predikat) ?? 'baik');
  const move = useMutation({
    mutationFn: (reason: string) =>
      api(`/evaluations/${encodeURIComponent(person.id)}/calibrate`, {
        method: 'POST',
        body: { predikat, reason },
      }),
    onSuccess: async () => {
      await refreshEvaluations(qc);
      onClose();
    },
  });
  return (
    <ReasonDialog
      title={t('evaluation.unit.moveTitle', { name: person.employee.name })}
      intro={t('evaluation.unit.moveIntro', {
        from: t(`evaluation.predikat.${person.predikat}`),
        matrix: t(`evaluation.predikat.${person.matrixPredikat}`),
        year,
      })}
      introClassName="small"
      label={t('evaluation.unit.moveReason')}
      confirmLabel={t('evaluation.unit.move')}
      pending={move.isPending}
      error={move.error}
      onConfirm={(reason) => move.mutate(reason)}
      onClose={onClose}
      testId="move-reason"
      confirmTestId="move-confirm"
      rows={3}
      nativeRequired={false}
      errorSummary="bottom"
    >
      <div className="field">
        <label htmlFor={selectId}>{t('evaluation.unit.moveTo')}</label>
        <select
          id={selectId}
          value={predikat}
          onChange={(e) => setPredikat(e.target.value as Predikat)}
          data-testid="move-predikat"
        >
          {PREDIKATS.filter((p) => p !== person.predikat).map((p) => (
            <option key={p} value={p}>
              {t(`evaluation.predikat.${p}`)}
            </option>
          ))}
        </select>
      </div>
    </ReasonDialog>
  );
}

function PredikatForm({ unit }: { unit: UnitEvaluation }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const selectId = useId();
  const reasonId = useId();
  const [predikat, setPredikat] = useState<UnitPredikat>(unit.predikat ?? 'baik');
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api<UnitEvaluation>(`/evaluation-units/${encodeURIComponent(unit.unit.id)}/predikat`, {
        method: 'PUT',
        body: { year: unit.year, kind: unit.kind, predikat, reason: reason.trim() || null },
      }),
    onSuccess: async (res) => {
      qc.setQueryData(evalKeys.unit(unit.unit.id, unit.year, unit.kind), res);
      setReason('');
      await refreshEvaluations(qc);
    },
  });
  return (
    <form
      className="form-grid"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <div className="field">
        <label htmlFor={selectId}>{t('evaluation.unit.setPredikat')}</label>
        <select
          id={selectId}
          value={predikat}
          onChange={(e) => setPredikat(e.target.value as UnitPredikat)}
          data-testid="unit-predikat"
        >
          {UNIT_PREDIKATS.map((p) => (
            <option key={p} value={p}>
              {t(`evaluation.unitPredikat.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={reasonId}>{t('evaluation.unit.predikatReason')}</label>
        <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="field" style={{ alignSelf: 'end' }}>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={save.isPending}
          data-testid="unit-predikat-save"
        >
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
      {save.error ? (
        <div style={{ gridColumn: '1 / -1' }}>
          <ErrorSummary error={save.error} />
        </div>
      ) : null}
    </form>
  );
}

function FinaliseDialog({ unit, onClose }: { unit: UnitEvaluation; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const periodLabel = usePeriodLabel();
  const needsReason = unit.deviations.length > 0;
  const finalise = useMutation({
    mutationFn: (reason: string) =>
      api<UnitEvaluation>(`/evaluation-units/${encodeURIComponent(unit.unit.id)}/finalise`, {
        method: 'POST',
        body: { year: unit.year, kind: unit.kind, reason: reason || null },
      }),
    onSuccess: async (res) => {
      qc.setQueryData(evalKeys.unit(unit.unit.id, unit.year, unit.kind), res);
      await refreshEvaluations(qc);
      onClose();
    },
  });
  return (
    <ReasonDialog
      title={t('evaluation.unit.finaliseTitle', { unit: unit.unit.name })}
      intro={t('evaluation.unit.finaliseIntro', {
        period: periodLabel(unit.kind, unit.year),
        count: unit.total,
      })}
      label={t('evaluation.unit.finaliseReason')}
      confirmLabel={t('evaluation.unit.finalise')}
      pending={finalise.isPending}
      error={finalise.error}
      onConfirm={(reason) => finalise.mutate(reason)}
      onClose={onClose}
      testId="finalise-reason"
      confirmTestId="finalise-confirm"
      rows={3}
      reasonRequired={needsReason}
      nativeRequired={false}
      errorSummary="bottom"
      cancelAutofocus
    >
      {needsReason ? (
        <p className="notice notice-warn small">
          {t('evaluation.unit.finaliseDeviations', { count: unit.deviations.length })}
        </p>
      ) : null}
    </ReasonDialog>
  );
}

/** `/penilaian/kurva/:unitId`: one unit's predikat, distribution against its curve, calibration and finalisation. */
export function UnitCurvePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const periodLabel = usePeriodLabel();
  const id = useParams().unitId ?? '';
  const { year, kind, setYear, setKind } = usePeriodKind();
  const query = useEvaluationUnit(id, year, kind);
  const [moving, setMoving] = useState<EvaluationSummary | null>(null);
  const [finalising, setFinalising] = useState(false);
  usePageTitle(query.data?.unit.name ?? t('nav.curve'));
  const back = `/penilaian/kurva?tahun=${year}&jenis=${kind}`;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="page">
        {notFound ? (
          <EmptyState title={t('evaluation.unit.notFound')}>{t('evaluation.unit.notFoundBody')}</EmptyState>
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )}
      </div>
    );
  }
  const u = query.data;
  const broken = new Set((u?.deviations ?? []).map((d) => `${d.op}:${d.predikat.join('+')}`));
  return (
    <div className="page page-wide" data-testid="unit-curve">
      <nav className="breadcrumbs" aria-label={t('evaluation.form.crumbs')}>
        <Link to={back}>{t('evaluation.curve.title')}</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>{u?.unit.name ?? t('common.loading')}</h1>
          <p className="muted">{periodLabel(kind, year)}</p>
        </div>
      </header>
      <search className="filters panel" aria-label={t('evaluation.filters')}>
        <PeriodKindPicker year={year} kind={kind} onYear={setYear} onKind={setKind} />
      </search>
      {!u ? (
        <Loading rows={8} />
      ) : (
        <>
          <section className="panel" aria-labelledby="unit-predikat-h">
            <h2 id="unit-predikat-h">{t('evaluation.curve.unitPredikat')}</h2>
            <p>
              <UnitPredikatBadge predikat={u.predikat} />{' '}
              {u.predikatSource ? (
                <span className="muted small">{t(`evaluation.curve.source.${u.predikatSource}`)}</span>
              ) : null}
            </p>
            {u.predikatDetail ? (
              <p className="muted small">
                {t('evaluation.unit.predikatSet', {
                  by: u.predikatDetail.setBy,
                  at: formatDateTime(u.predikatDetail.setAt, lang),
                })}
                {u.predikatDetail.reason ? ` — ${u.predikatDetail.reason}` : ''}
              </p>
            ) : null}
            {u.leader ? (
              <p className="small">
                {t('evaluation.unit.leader', { name: u.leader.name })} <RatingBadge rating={u.leader.hasil} />
              </p>
            ) : null}
            {u.abilities.setPredikat ? <PredikatForm key={`${u.predikat}`} unit={u} /> : null}
          </section>

          <section className="panel" aria-labelledby="unit-dist-h" data-testid="unit-distribution">
            <h2 id="unit-dist-h">{t('evaluation.unit.distribution')}</h2>
            <Distribution counts={u.counts} total={u.total} />
            {u.predikat ? (
              <>
                <h3 className="eval-subhead">
                  {t('evaluation.unit.rules', { predikat: t(`evaluation.unitPredikat.${u.predikat}`) })}
                </h3>
                <ul className="eval-rules">
                  {u.rules.map((r) => {
                    const isBroken = broken.has(`${r.op}:${r.predikat.join('+')}`);
                    return (
                      <li key={r.text} className={isBroken ? 'is-broken' : undefined}>
                        {isBroken ? <span aria-hidden="true">✗ </span> : <span aria-hidden="true">✓ </span>}
                        {r.text}
                        <span className="sr-only">
                          {' '}
                          ({isBroken ? t('evaluation.unit.broken') : t('evaluation.unit.kept')})
                        </span>
                      </li>
                    );
                  })}
                </ul>
                {u.deviations.length > 0 ? (
                  <div className="notice notice-error" role="status" data-testid="unit-deviations">
                    <p>
                      <strong>{t('evaluation.curve.deviationCount', { count: u.deviations.length })}</strong>
                    </p>
                    <ul>
                      {u.deviations.map((d) => (
                        <li key={d.message}>{d.message}</li>
                      ))}
                    </ul>
                  </div>
                ) : u.total > 0 ? (
                  <p className="notice notice-ok" role="status">
                    {t('evaluation.curve.fits')}
                  </p>
                ) : null}
              </>
            ) : (
              <p className="notice notice-warn">{t('evaluation.unit.noPredikat')}</p>
            )}
          </section>

          <section className="panel" aria-labelledby="unit-people-h">
            <h2 id="unit-people-h">
              {t('evaluation.unit.people')}{' '}
              <span className="count muted">({formatNumber(u.people.length)})</span>
            </h2>
            {u.people.length === 0 ? (
              <p className="muted">{t('evaluation.unit.noPeople')}</p>
            ) : (
              <TableWrap label={t('evaluation.unit.people')} testId="unit-people">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('evaluation.fields.employee')}</th>
                      <th scope="col">{t('evaluation.fields.hasil')}</th>
                      <th scope="col">{t('evaluation.fields.perilaku')}</th>
                      <th scope="col">{t('evaluation.unit.matrix')}</th>
                      <th scope="col">{t('evaluation.fields.predikat')}</th>
                      <th scope="col">{t('evaluation.fields.status')}</th>
                      <th scope="col">
                        <span className="sr-only">{t('common.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {u.people.map((p) => (
                      <tr key={p.id} data-testid="unit-person">
                        <td>
                          <Link to={`/penilaian/${encodeURIComponent(p.id)}`}>{p.employee.name}</Link>
                          <span className="nip">{formatNip(p.employee.nip)}</span>
                          <span className="cell-sub">{p.positionName}</span>
                        </td>
                        <td>
                          <RatingBadge rating={p.hasil} short />
                        </td>
                        <td>
                          <RatingBadge rating={p.perilaku} short />
                        </td>
                        <td>
                          <PredikatBadge predikat={p.matrixPredikat} />
                        </td>
                        <td>
                          <PredikatBadge predikat={p.predikat} />
                          {p.calibrated ? (
                            <span className="cell-sub">{t('evaluation.unit.calibrated')}</span>
                          ) : null}
                        </td>
                        <td className="nowrap">
                          <EvaluationStatusBadge status={p.status} />
                        </td>
                        <td className="nowrap">
                          {p.abilities.calibrate ? (
                            <button
                              type="button"
                              className="btn btn-small"
                              onClick={() => setMoving(p)}
                              aria-label={`${t('evaluation.unit.move')}: ${p.employee.name}`}
                              data-testid="unit-move"
                            >
                              {t('evaluation.unit.move')}
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
            {u.unevaluated.length > 0 ? (
              <>
                <h3 className="eval-subhead">
                  {t('evaluation.unit.unevaluated')}{' '}
                  <span className="count muted">({formatNumber(u.unevaluated.length)})</span>
                </h3>
                <ul className="plain-list">
                  {u.unevaluated.map((x) => (
                    <li key={x.skpId}>
                      {x.name} <span className="muted small">— {x.positionName}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          <section className="panel" aria-labelledby="unit-final-h">
            <h2 id="unit-final-h">{t('evaluation.unit.finaliseTitleShort')}</h2>
            {u.finalisation ? (
              <p className="notice notice-ok" role="status" data-testid="unit-finalised">
                {t('evaluation.unit.finalisedAt', {
                  at: formatDateTime(u.finalisation.at, lang),
                  by: u.finalisation.by,
                })}
                {u.finalisation.reason ? ` — ${u.finalisation.reason}` : ''}
              </p>
            ) : (
              <>
                <p className="small">
                  {u.pending > 0 || u.unevaluated.length > 0
                    ? t('evaluation.unit.notReady', { pending: u.pending, missing: u.unevaluated.length })
                    : t('evaluation.unit.ready')}
                </p>
                {u.abilities.finalise ? (
                  <div className="form-actions">
                    <button
                      type="button"
                      className="btn btn-primary"
                      onClick={() => setFinalising(true)}
                      data-testid="unit-finalise"
                    >
                      {t('evaluation.unit.finalise')}
                    </button>
                  </div>
                ) : null}
              </>
            )}
          </section>
          {moving ? <MoveDialog person={moving} year={year} onClose={() => setMoving(null)} /> : null}
          {finalising ? <FinaliseDialog unit={u} onClose={() => setFinalising(false)} /> : null}
        </>
      )}
    </div>
  );
}
