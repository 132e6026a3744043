import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { API_BASE, ApiError, api } from '../../api';
import { ErrorSummary } from '../../components/Form';
import { ReasonDialog } from '../../components/ReasonDialog';
import { CapaianBadge, formatTarget, realisationTone, SkpStatusBadge } from '../../components/skp';
import { Badge, EmptyState, ErrorState, Loading, TableWrap } from '../../components/ui';
import { formatDate, formatDateTime, formatNip, formatNumber } from '../../format';
import { storeSkp, useLang, useSkp } from '../../queries';
import {
  type Indicator,
  QUARTERS,
  type Quarter,
  type Realisation,
  type Rhk,
  type Skp,
  type SkpEvent,
  type SkpPerson,
} from '../../types';
import { PlanEditor, perspectiveKey } from './PlanEditor';
import { RealisationDialog } from './SkpDialogs';

type Dialog =
  | { kind: 'return' }
  | { kind: 'revise' }
  | { kind: 'realise'; indicator: Indicator; quarter: Quarter; current: Realisation | undefined }
  | { kind: 'reject'; realisation: Realisation; indicator: Indicator }
  | null;

/** The newest event whose action matches. */
function lastEvent(events: SkpEvent[], match: RegExp): SkpEvent | undefined {
  let best: SkpEvent | undefined;
  for (const e of events) {
    if (match.test(e.action) && (!best || e.at >= best.at)) best = e;
  }
  return best;
}

function PersonBlock({ title, person, testId }: { title: string; person: SkpPerson | null; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="skp-person" data-testid={testId}>
      <h3>{title}</h3>
      {person ? (
        <dl className="skp-person-facts">
          <div>
            <dt>{t('skp.person.name')}</dt>
            <dd className="atasan-name">{person.name}</dd>
          </div>
          <div>
            <dt>{t('skp.person.nip')}</dt>
            <dd className="mono nowrap">{formatNip(person.nip)}</dd>
          </div>
          <div>
            <dt>{t('skp.person.pangkat')}</dt>
            <dd>{person.pangkat || '—'}</dd>
          </div>
          <div>
            <dt>{t('skp.person.jabatan')}</dt>
            <dd>{person.jabatan || '—'}</dd>
          </div>
          <div>
            <dt>{t('skp.person.unit')}</dt>
            <dd>{person.unit || '—'}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('skp.person.none')}</p>
      )}
    </div>
  );
}

function ParentLine({ rhk }: { rhk: Rhk }) {
  const { t } = useTranslation();
  const p = rhk.parent;
  if (!p) {
    return rhk.kind === 'utama' ? <p className="rhk-parent muted small">{t('skp.noParentShort')}</p> : null;
  }
  return (
    <p className="rhk-parent small">
      {p.type === 'rhk' ? (
        <>
          <span className="label-like">{t('skp.supports')}:</span> {p.text} — <em>{p.ownerName}</em>
        </>
      ) : (
        <>
          <span className="label-like">{t('skp.cityGoal')}:</span> <span className="mono">{p.code}</span>{' '}
          {p.title}
        </>
      )}{' '}
      <Link to={`/rhk/${encodeURIComponent(rhk.id)}/jalur`} className="nowrap">
        {t('skp.viewPath')}
      </Link>
    </p>
  );
}

/**
 * One SKP as on the official form: header block, status, the RHK table with realisations per quarter,
 * BerAKHLAK expectations and the dated steps. Buttons follow the SKP's `abilities`.
 */
export function SkpDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const skp = useSkp(id);
  const [editing, setEditing] = useState<'plan' | 'behaviours' | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  /** i18n key of the last success message (a key, so a language switch translates it too). */
  const [flash, setFlash] = useState<string | null>(null);

  const action = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown; done?: string }) =>
      api<Skp>(path, { method: 'POST', body }),
    onSuccess: async (s, vars) => {
      await storeSkp(qc, s);
      setDialog(null);
      setFlash(vars.done ?? null);
    },
  });

  if (skp.isPending) return <Loading rows={10} />;
  if (skp.isError) {
    const notFound = skp.error instanceof ApiError && skp.error.status === 404;
    return notFound ? (
      <EmptyState title={t('skp.notFound')}>{t('skp.notFoundBody')}</EmptyState>
    ) : (
      <ErrorState error={skp.error} onRetry={() => void skp.refetch()} />
    );
  }
  const s = skp.data;
  const a = s.abilities;
  const base = `/skps/${encodeURIComponent(s.id)}`;
  const run = (path: string, done: string, body?: unknown) => {
    setFlash(null);
    action.reset();
    action.mutate({ path, body, done });
  };
  const returnEvent = s.status === 'returned' ? lastEvent(s.events, /return/i) : undefined;
  const returned =
    s.status === 'returned'
      ? {
          reason: s.returnReason ?? returnEvent?.reason ?? null,
          actorName: returnEvent?.actorName ?? null,
          at: returnEvent?.at ?? null,
        }
      : undefined;
  const revised = s.status === 'revision' ? lastEvent(s.events, /revis/i) : undefined;
  const rhks = [...s.rhks].sort((x, y) => Number(x.kind !== 'utama') - Number(y.kind !== 'utama'));
  const showRealisation =
    s.status === 'approved' || s.rhks.some((r) => r.indicators.some((i) => i.realisations.length));
  const colCount = showRealisation ? 8 : 4;
  const reasonDialogError = dialog && dialog.kind !== 'realise' ? action.error : null;

  return (
    <article className="skp" data-testid="skp-detail" data-skp-id={s.id}>
      <header className="skp-head">
        <div>
          <p className="skp-title">
            <span className="label-like">{t('skp.formTitle', { year: s.year })}</span>
            <SkpStatusBadge status={s.status} revision={s.revision} testId="skp-status" />
          </p>
          <p className="muted small">
            {[s.positionName, s.unitName].filter(Boolean).join(' · ')}
            {s.updatedAt ? ` · ${t('skp.updatedAt', { at: formatDateTime(s.updatedAt, lang) })}` : ''}
          </p>
        </div>
        {!editing ? (
          <div className="actions skp-actions">
            {a.edit ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setFlash(null);
                  setEditing('plan');
                }}
                data-testid="skp-edit"
              >
                {t('skp.actions.edit')}
              </button>
            ) : a.editBehaviours ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setFlash(null);
                  setEditing('behaviours');
                }}
                data-testid="skp-edit-behaviours"
              >
                {t('skp.actions.editBehaviours')}
              </button>
            ) : null}
            {a.submit ? (
              <button
                type="button"
                className="btn btn-primary"
                disabled={action.isPending}
                onClick={() => run(`${base}/submit`, 'skp.done.submitted')}
                data-testid="skp-submit"
              >
                {t('skp.actions.submit')}
              </button>
            ) : null}
            {a.approve ? (
              <button
                type="button"
                className="btn btn-primary"
                disabled={action.isPending}
                onClick={() => run(`${base}/approve`, 'skp.done.approved')}
                data-testid="skp-approve"
              >
                {t('skp.actions.approve')}
              </button>
            ) : null}
            {a.return ? (
              <button
                type="button"
                className="btn btn-danger-outline"
                disabled={action.isPending}
                onClick={() => {
                  action.reset();
                  setDialog({ kind: 'return' });
                }}
                data-testid="skp-return"
              >
                {t('skp.actions.return')}
              </button>
            ) : null}
            {a.revise ? (
              <button
                type="button"
                className="btn"
                disabled={action.isPending}
                onClick={() => {
                  action.reset();
                  setDialog({ kind: 'revise' });
                }}
                data-testid="skp-revise"
              >
                {t('skp.actions.revise')}
              </button>
            ) : null}
            {a.read !== false ? (
              <a
                className="btn"
                href={`${API_BASE}${base}/pdf`}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="skp-pdf"
              >
                {t('skp.actions.pdf')}
                <span className="sr-only"> ({t('common.newTab')})</span>
              </a>
            ) : null}
          </div>
        ) : null}
      </header>

      {flash ? (
        <div className="notice notice-ok" role="status" data-testid="skp-flash">
          {t(flash)}
        </div>
      ) : null}
      {action.error && !dialog ? <ErrorSummary error={action.error} /> : null}

      {returned ? (
        <div className="notice notice-error return-notice" role="note">
          <p className="label-like">
            {t('skp.returnedBy', {
              name: returned.actorName ?? s.evaluator?.name ?? '—',
              at: formatDateTime(returned.at, lang),
            })}
          </p>
          <p className="return-reason-text" data-testid="return-reason">
            {returned.reason || '—'}
          </p>
          {a.edit ? <p className="small">{t('skp.returnedNext')}</p> : null}
        </div>
      ) : null}
      {revised ? (
        <div className="notice notice-warn" role="note">
          <p className="label-like">{t('skp.revisionOpen', { n: s.revision })}</p>
          {revised.reason ? <p>{revised.reason}</p> : null}
        </div>
      ) : null}
      {s.status === 'submitted' && a.approve ? (
        <div className="notice notice-info" role="note">
          {t('skp.awaitsYou')}
        </div>
      ) : s.status === 'submitted' ? (
        <div className="notice notice-info" role="note">
          {t('skp.awaitsEvaluator', { name: s.evaluator?.name ?? t('skp.evaluator') })}
        </div>
      ) : null}

      <section className="panel skp-form-head" aria-labelledby={`skp-head-${s.id}`}>
        <h2 id={`skp-head-${s.id}`} className="sr-only">
          {t('skp.headerTitle')}
        </h2>
        <p className="skp-period">
          <span className="label-like">{t('skp.periodLabel')}:</span>{' '}
          {formatDate(s.header.period.start, lang)} – {formatDate(s.header.period.end, lang)}
        </p>
        <div className="skp-people">
          <PersonBlock title={t('skp.person.employee')} person={s.header.employee} testId="skp-employee" />
          <PersonBlock title={t('skp.person.evaluator')} person={s.header.evaluator} testId="skp-evaluator" />
          <PersonBlock
            title={t('skp.person.evaluator2')}
            person={s.header.evaluator2}
            testId="skp-evaluator2"
          />
        </div>
        {s.evaluator?.acting ? <p className="hint">{t('skp.actingEvaluator')}</p> : null}
      </section>

      {editing ? (
        <PlanEditor
          skp={s}
          mode={editing}
          onDone={(saved) => {
            const what = editing;
            setEditing(null);
            if (saved) setFlash(what === 'plan' ? 'skp.done.saved' : 'skp.done.behavioursSaved');
          }}
        />
      ) : (
        <>
          <section className="panel" aria-labelledby={`rhk-h-${s.id}`}>
            <div className="section-head">
              <h2 id={`rhk-h-${s.id}`}>
                {t('skp.rhkTitle')} <span className="count muted">({formatNumber(s.rhks.length)})</span>
              </h2>
              {a.realise ? <p className="muted small">{t('skp.realiseHint')}</p> : null}
            </div>
            {s.rhks.length === 0 ? (
              <EmptyState title={t('skp.noRhk')}>
                {a.edit ? t('skp.noRhkEdit') : t('skp.noRhkBody')}
              </EmptyState>
            ) : (
              <TableWrap label={t('skp.rhkTitle')} testId="rhk-table">
                <table className="table rhk-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('skp.fields.aspect')}</th>
                      <th scope="col">{t('skp.fields.indicator')}</th>
                      <th scope="col" className="num">
                        {t('skp.fields.target')}
                      </th>
                      <th scope="col">{t('skp.fields.direction')}</th>
                      {showRealisation
                        ? QUARTERS.map((q) => (
                            <th key={q} scope="col" className="quarter-col">
                              <abbr title={t(`skp.quartersLong.${q}`)}>{t(`skp.quarters.${q}`)}</abbr>
                            </th>
                          ))
                        : null}
                    </tr>
                  </thead>
                  {rhks.map((r, ri) => (
                    <tbody key={r.id} className="rhk-group">
                      <tr className="rhk-row" data-testid="rhk-row" data-rhk-id={r.id}>
                        <th scope="colgroup" colSpan={colCount}>
                          <div className="rhk-cell">
                            <div className="rhk-head">
                              <span className="rhk-no">{ri + 1}.</span>
                              <Badge tone={r.kind === 'utama' ? 'info' : 'neutral'}>
                                {t(`skp.kind.${r.kind}`)}
                              </Badge>
                              {r.perspective ? (
                                <span className="muted small">
                                  {t(perspectiveKey(r.perspective), { defaultValue: r.perspective })}
                                </span>
                              ) : null}
                            </div>
                            <p className="rhk-text">{r.text}</p>
                            <ParentLine rhk={r} />
                          </div>
                        </th>
                      </tr>
                      {r.indicators.length === 0 ? (
                        <tr>
                          <td colSpan={colCount} className="muted small">
                            {t('skp.noIndicators')}
                          </td>
                        </tr>
                      ) : (
                        r.indicators.map((ind) => (
                          <tr key={ind.id} data-testid="indicator-row">
                            <td className="nowrap">
                              {t(`skp.aspect.${ind.aspect}`, { defaultValue: ind.aspect })}
                            </td>
                            <td>{ind.name}</td>
                            <td className="num nowrap">
                              {formatTarget(ind.targetValue, ind.targetText, ind.unit)}
                            </td>
                            <td className="small">{t(`skp.direction.${ind.direction}`)}</td>
                            {showRealisation
                              ? QUARTERS.map((q) => (
                                  <QuarterCell
                                    key={q}
                                    skp={s}
                                    indicator={ind}
                                    quarter={q}
                                    busy={action.isPending}
                                    onRealise={(current) =>
                                      setDialog({ kind: 'realise', indicator: ind, quarter: q, current })
                                    }
                                    onConfirm={(re) =>
                                      run(
                                        `/realisations/${encodeURIComponent(re.id)}/confirm`,
                                        'skp.done.confirmed',
                                      )
                                    }
                                    onReject={(re) => {
                                      action.reset();
                                      setDialog({ kind: 'reject', realisation: re, indicator: ind });
                                    }}
                                  />
                                ))
                              : null}
                          </tr>
                        ))
                      )}
                    </tbody>
                  ))}
                </table>
              </TableWrap>
            )}
          </section>

          <section className="panel" aria-labelledby={`beh-h-${s.id}`}>
            <h2 id={`beh-h-${s.id}`}>{t('skp.behaviours')}</h2>
            <dl className="behaviour-list">
              {s.behaviours.map((b) => (
                <Fragment key={b.code}>
                  <dt title={b.description || undefined}>
                    {b.label || t(`skp.behaviourCodes.${b.code}`, { defaultValue: b.code })}
                  </dt>
                  <dd>
                    {b.expectation?.trim() ? (
                      b.expectation
                    ) : (
                      <span className="muted">{t('skp.noExpectation')}</span>
                    )}
                  </dd>
                </Fragment>
              ))}
            </dl>
            {s.behaviours.length === 0 ? <p className="muted">{t('skp.noExpectation')}</p> : null}
          </section>
        </>
      )}

      <section className="panel" aria-labelledby={`hist-h-${s.id}`}>
        <h2 id={`hist-h-${s.id}`}>{t('skp.history')}</h2>
        {s.events.length === 0 ? (
          <p className="muted">{t('skp.noHistory')}</p>
        ) : (
          <ol className="timeline" data-testid="skp-events">
            {[...s.events]
              .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
              .map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; sorted by time
                <li key={`${e.at}-${i}`}>
                  <time dateTime={e.at} className="timeline-when">
                    {formatDateTime(e.at, lang)}
                  </time>
                  <span className="timeline-what">
                    <strong>{t(`skp.events.${e.action}`, { defaultValue: e.action })}</strong>
                    {e.actorName ? <span className="muted"> — {e.actorName}</span> : null}
                  </span>
                  {e.reason ? <span className="timeline-reason">“{e.reason}”</span> : null}
                </li>
              ))}
          </ol>
        )}
      </section>

      {dialog?.kind === 'return' ? (
        <ReasonDialog
          title={t('skp.returnTitle')}
          intro={t('skp.returnIntro', { name: s.employee.name })}
          label={t('skp.reason')}
          confirmLabel={t('skp.actions.return')}
          danger
          pending={action.isPending}
          error={reasonDialogError}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => run(`${base}/return`, 'skp.done.returned', { reason })}
          testId="return-reason"
        />
      ) : null}
      {dialog?.kind === 'revise' ? (
        <ReasonDialog
          title={t('skp.reviseTitle')}
          intro={t('skp.reviseIntro', { n: s.revision + 1 })}
          label={t('skp.reason')}
          confirmLabel={t('skp.actions.revise')}
          pending={action.isPending}
          error={reasonDialogError}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => run(`${base}/revise`, 'skp.done.revised', { reason })}
          testId="revise-reason"
        />
      ) : null}
      {dialog?.kind === 'reject' ? (
        <ReasonDialog
          title={t('skp.rejectTitle')}
          intro={t('skp.rejectIntro', {
            indicator: dialog.indicator.name,
            quarter: t(`skp.quarters.${dialog.realisation.quarter}`),
          })}
          label={t('skp.reason')}
          confirmLabel={t('skp.actions.reject')}
          danger
          pending={action.isPending}
          error={reasonDialogError}
          onClose={() => setDialog(null)}
          onConfirm={(reason) =>
            run(`/realisations/${encodeURIComponent(dialog.realisation.id)}/reject`, 'skp.done.rejected', {
              reason,
            })
          }
          testId="reject-reason"
        />
      ) : null}
      {dialog?.kind === 'realise' ? (
        <RealisationDialog
          skp={s}
          indicator={dialog.indicator}
          quarter={dialog.quarter}
          current={dialog.current}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </article>
  );
}

function QuarterCell({
  skp,
  indicator,
  quarter,
  busy,
  onRealise,
  onConfirm,
  onReject,
}: {
  skp: Skp;
  indicator: Indicator;
  quarter: Quarter;
  busy: boolean;
  onRealise: (current: Realisation | undefined) => void;
  onConfirm: (r: Realisation) => void;
  onReject: (r: Realisation) => void;
}) {
  const { t } = useTranslation();
  const list = indicator.realisations.filter((r) => r.quarter === quarter);
  const r = list[list.length - 1];
  const canRealise = !!skp.abilities.realise && r?.status !== 'confirmed';
  const q = t(`skp.quarters.${quarter}`);
  return (
    <td className="quarter-cell" data-quarter={quarter}>
      {r ? (
        <div className="real" data-testid="realisation" data-status={r.status}>
          <span className="real-value">
            {r.value !== null ? formatNumber(r.value) : '—'}
            {r.value !== null && indicator.unit ? (
              <span className="muted small"> {indicator.unit}</span>
            ) : null}
          </span>
          <span className="real-meta">
            <CapaianBadge value={r.capaian} />
            <Badge tone={realisationTone(r.status)}>
              {t(`skp.realStatus.${r.status}`, { defaultValue: r.status })}
            </Badge>
          </span>
          {r.status === 'rejected' && r.rejectReason ? (
            <span className="real-note small text-danger" title={r.rejectReason}>
              {t('skp.rejectedBecause', { reason: r.rejectReason })}
            </span>
          ) : null}
          {r.note ? (
            <span className="real-note small muted" title={r.note}>
              {r.note}
            </span>
          ) : null}
          {r.evidence.length > 0 ? (
            <ul className="real-evidence">
              {r.evidence.map((e) => (
                <li key={e.sha}>
                  <a href={e.url} target="_blank" rel="noopener noreferrer" title={e.name}>
                    {e.name}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <span className="muted">—</span>
      )}
      {canRealise || (r?.abilities.confirm && r.status === 'submitted') ? (
        <div className="real-actions">
          {canRealise ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onRealise(r)}
              disabled={busy}
              aria-label={t(r ? 'skp.actions.realiseEditFor' : 'skp.actions.realiseFor', {
                quarter: q,
                indicator: indicator.name,
              })}
              data-testid="realise"
            >
              {r ? t('skp.actions.realiseEdit') : t('skp.actions.realise')}
            </button>
          ) : null}
          {r?.abilities.confirm && r.status === 'submitted' ? (
            <>
              <button
                type="button"
                className="btn btn-small btn-primary"
                onClick={() => onConfirm(r)}
                disabled={busy}
                aria-label={t('skp.actions.confirmFor', { quarter: q, indicator: indicator.name })}
                data-testid="realisation-confirm"
              >
                {t('skp.actions.confirm')}
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                onClick={() => onReject(r)}
                disabled={busy}
                aria-label={t('skp.actions.rejectFor', { quarter: q, indicator: indicator.name })}
                data-testid="realisation-reject"
              >
                {t('skp.actions.reject')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </td>
  );
}
