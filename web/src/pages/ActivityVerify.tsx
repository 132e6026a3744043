import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api';
import { ActivityStatusBadge, minutesText } from '../components/activity';
import { ErrorSummary, errorsByPath, Field, fieldErrors } from '../components/Form';
import { Modal } from '../components/Modal';
import { ReasonDialog } from '../components/ReasonDialog';
import {
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  LoadMore,
  TableWrap,
  useMediaQuery,
  usePageTitle,
} from '../components/ui';
import { formatDate, formatNip, formatNumber } from '../format';
import { invalidateActivities, keys, useLang } from '../queries';
import type { Activity, ActivityQueue } from '../types';

type Decision = { id: string; action: 'approve' | 'reject' | 'adjust'; quantity?: number; reason?: string };
const STATUSES = ['pending', 'approved', 'rejected', 'all'] as const;
type QueueStatus = (typeof STATUSES)[number];

/**
 * In a dialog about one decision, a rule error arrives as `decisions.0` with the same text as the message:
 * keep only the field details (`decisions.0.reason` → the reason field).
 */
function dialogError(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = error.details.filter((d) => !/^decisions\.\d+$/.test(d.path));
  return new ApiError(error.status, error.code, error.message, details);
}

/** `/aktivitas/verifikasi`: the atasan approves, rejects (with a reason) or adjusts subordinates' entries. */
export function ActivityVerifyPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.verify'));
  const lang = useLang();
  const qc = useQueryClient();
  const ids = { person: useId(), from: useId(), to: useId(), status: useId() };
  const phone = useMediaQuery('(max-width: 640px)');
  const selectAllId = useId();
  const [params, setParams] = useSearchParams();
  const employeeId = params.get('pegawai') ?? '';
  const from = params.get('dari') ?? '';
  const to = params.get('sampai') ?? '';
  const rawStatus = params.get('status') ?? 'pending';
  const status: QueueStatus = (STATUSES as readonly string[]).includes(rawStatus)
    ? (rawStatus as QueueStatus)
    : 'pending';
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<Activity[] | null>(null);
  const [adjusting, setAdjusting] = useState<Activity | null>(null);
  const [done, setDone] = useState<{ approved: number; rejected: number; adjusted: number } | null>(null);
  const [failed, setFailed] = useState<{ decisions: Decision[]; error: unknown } | null>(null);

  const setParam = (k: string, v: string) => {
    setSelected(new Set());
    setDone(null);
    setFailed(null);
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (v && !(k === 'status' && v === 'pending')) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace: true },
    );
  };

  const query = useMemo(() => ({ employeeId, from, to, status }), [employeeId, from, to, status]);
  const list = useInfiniteQuery({
    queryKey: keys.activityQueue(query),
    queryFn: ({ pageParam }) =>
      api<ActivityQueue>('/activities/queue', { query: { ...query, limit: 100, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const employees = list.data?.pages[0]?.employees ?? [];
  const verifiable = items.filter((a) => a.abilities.verify);
  const chosen = verifiable.filter((a) => selected.has(a.id));
  const allChosen = verifiable.length > 0 && chosen.length === verifiable.length;
  const chosenMinutes = chosen.reduce((s, a) => s + a.minutes, 0);

  const verify = useMutation({
    mutationFn: (decisions: Decision[]) =>
      api<{ items: Activity[] }>('/activities/verify', { method: 'POST', body: { decisions } }),
    onMutate: () => {
      setDone(null);
      setFailed(null);
    },
    onSuccess: async (_r, decisions) => {
      await invalidateActivities(qc);
      setDone({
        approved: decisions.filter((d) => d.action === 'approve').length,
        rejected: decisions.filter((d) => d.action === 'reject').length,
        adjusted: decisions.filter((d) => d.action === 'adjust').length,
      });
      setSelected((prev) => {
        const next = new Set(prev);
        for (const d of decisions) next.delete(d.id);
        return next;
      });
      setRejecting(null);
      setAdjusting(null);
    },
    onError: (error, decisions) => setFailed({ decisions, error }),
  });

  // "decisions.3" → the row of the fourth decision sent (all or nothing: nothing was saved)
  const rowErrors = useMemo(() => {
    const out = new Map<string, string>();
    if (!failed) return out;
    for (const [path, message] of Object.entries(errorsByPath(failed.error))) {
      const m = /^decisions\.(\d+)/.exec(path);
      const d = m ? failed.decisions[Number(m[1])] : undefined;
      if (d && !out.has(d.id)) out.set(d.id, message);
    }
    return out;
  }, [failed]);

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const rowActions = (a: Activity) => (
    <div className="verify-actions">
      <button
        type="button"
        className="btn btn-small"
        disabled={verify.isPending}
        onClick={() => verify.mutate([{ id: a.id, action: 'approve' }])}
        aria-label={t('verify.approveNamed', {
          activity: a.catalogName,
          name: a.employee.name,
        })}
        data-testid="verify-approve"
      >
        {t('verify.approve')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={verify.isPending}
        onClick={() => {
          verify.reset();
          setFailed(null);
          setAdjusting(a);
        }}
        aria-label={t('verify.adjustNamed', {
          activity: a.catalogName,
          name: a.employee.name,
        })}
        data-testid="verify-adjust"
      >
        {t('verify.adjust')}
      </button>
      <button
        type="button"
        className="btn btn-small btn-danger-outline"
        disabled={verify.isPending}
        onClick={() => {
          verify.reset();
          setFailed(null);
          setRejecting([a]);
        }}
        aria-label={t('verify.rejectNamed', {
          activity: a.catalogName,
          name: a.employee.name,
        })}
        data-testid="verify-reject"
      >
        {t('verify.reject')}
      </button>
    </div>
  );

  const selectAllBox = (
    <input
      id={selectAllId}
      type="checkbox"
      aria-label={t('verify.selectAll')}
      checked={allChosen}
      ref={(el) => {
        if (el) el.indeterminate = chosen.length > 0 && !allChosen;
      }}
      disabled={verifiable.length === 0}
      onChange={(e) => setSelected(e.target.checked ? new Set(verifiable.map((a) => a.id)) : new Set())}
      data-testid="verify-select-all"
    />
  );

  const noSubordinates = !list.isPending && !list.isError && employees.length === 0 && !employeeId;

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('verify.title')}</h1>
          <p className="muted">{t('verify.intro')}</p>
        </div>
      </header>

      {noSubordinates ? (
        <div className="panel" data-testid="verify-queue">
          <EmptyState title={t('verify.noSubordinates')}>{t('verify.noSubordinatesBody')}</EmptyState>
        </div>
      ) : (
        <>
          <search className="filters panel" aria-label={t('verify.filters')}>
            <div className="field grow">
              <label htmlFor={ids.person}>{t('verify.person')}</label>
              <select
                id={ids.person}
                value={employeeId}
                onChange={(e) => setParam('pegawai', e.target.value)}
                data-testid="verify-person"
              >
                <option value="">{t('verify.allPeople')}</option>
                {employees.map((e) => (
                  <option key={e.employeeId} value={e.employeeId}>
                    {e.pendingMinutes > 0
                      ? t('verify.personOption', { name: e.name, minutes: minutesText(t, e.pendingMinutes) })
                      : e.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field-date">
              <label htmlFor={ids.from}>{t('verify.from')}</label>
              <input
                id={ids.from}
                type="date"
                value={from}
                max={to || undefined}
                onChange={(e) => setParam('dari', e.target.value)}
              />
            </div>
            <div className="field field-date">
              <label htmlFor={ids.to}>{t('verify.to')}</label>
              <input
                id={ids.to}
                type="date"
                value={to}
                min={from || undefined}
                onChange={(e) => setParam('sampai', e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.status}>{t('activity.fields.status')}</label>
              <select
                id={ids.status}
                value={status}
                onChange={(e) => setParam('status', e.target.value)}
                data-testid="verify-status"
              >
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s === 'all' ? t('common.all') : t(`activity.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </search>

          <section className="panel" aria-labelledby="vq-h" data-testid="verify-queue">
            <div className="section-head">
              <h2 id="vq-h">
                {t('verify.listTitle')}{' '}
                <span className="count muted">
                  ({formatNumber(items.length)}
                  {list.hasNextPage ? '+' : ''})
                </span>
              </h2>
              <div className="bulk-bar" role="toolbar" aria-label={t('verify.bulkActions')}>
                <span className="muted small" aria-live="polite">
                  {t('verify.selectedCount', {
                    count: chosen.length,
                    minutes: minutesText(t, chosenMinutes),
                  })}
                </span>
                <button
                  type="button"
                  className="btn btn-primary btn-small"
                  disabled={chosen.length === 0 || verify.isPending}
                  onClick={() => verify.mutate(chosen.map((a) => ({ id: a.id, action: 'approve' })))}
                  data-testid="verify-approve-selected"
                >
                  {verify.isPending && !rejecting && !adjusting
                    ? t('common.processing')
                    : t('verify.approveSelected')}
                </button>
                <button
                  type="button"
                  className="btn btn-danger-outline btn-small"
                  disabled={chosen.length === 0 || verify.isPending}
                  onClick={() => {
                    verify.reset();
                    setRejecting(chosen);
                  }}
                  data-testid="verify-reject-selected"
                >
                  {t('verify.rejectSelected')}
                </button>
              </div>
            </div>
            {done ? (
              <div className="notice notice-ok" role="status" data-testid="verify-result">
                {t('verify.done', done)}
              </div>
            ) : null}
            {failed && !rejecting && !adjusting ? (
              <ErrorSummary
                error={failed.error}
                describe={(path) => {
                  const m = /^decisions\.(\d+)/.exec(path);
                  const a = m ? items.find((x) => x.id === failed.decisions[Number(m[1])]?.id) : undefined;
                  return a ? `${a.employee.name}, ${a.catalogName} (${formatDate(a.date, lang)})` : '';
                }}
              />
            ) : null}
            {list.isPending ? (
              <Loading rows={8} />
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : items.length === 0 ? (
              <EmptyState title={status === 'pending' ? t('verify.nonePending') : t('verify.noneMatch')}>
                {status === 'pending' ? t('verify.nonePendingBody') : t('verify.noneMatchBody')}
              </EmptyState>
            ) : (
              <>
                {phone ? (
                  <>
                    <label className="check-all" htmlFor={selectAllId}>
                      {selectAllBox}
                      <span aria-hidden="true">{t('verify.selectAllShort')}</span>
                    </label>
                    <ul className="verify-cards" data-testid="verify-table" aria-busy={list.isFetching}>
                      {items.map((a) => {
                        const err = rowErrors.get(a.id);
                        const adjusted = a.originalQuantity !== null && a.originalQuantity !== a.quantity;
                        return (
                          <li
                            key={a.id}
                            className={`verify-card is-${a.status}${err ? ' row-error' : ''}`}
                            data-testid="verify-row"
                            data-status={a.status}
                          >
                            <div className="verify-card-head">
                              {a.abilities.verify ? (
                                <input
                                  type="checkbox"
                                  checked={selected.has(a.id)}
                                  onChange={(e) => toggle(a.id, e.target.checked)}
                                  aria-label={t('verify.selectOne', {
                                    name: a.employee.name,
                                    activity: a.catalogName,
                                    date: formatDate(a.date, lang),
                                  })}
                                  data-testid="verify-check"
                                />
                              ) : null}
                              <div className="verify-card-who">
                                <Link
                                  to={`/beban-kerja/pegawai/${encodeURIComponent(a.employee.id)}?bulan=${a.date.slice(0, 7)}`}
                                >
                                  {a.employee.name}
                                </Link>
                                <span className="cell-sub">
                                  {formatDate(a.date, lang)}
                                  {a.startTime && a.endTime ? ` · ${a.startTime}–${a.endTime}` : ''}
                                </span>
                              </div>
                              <ActivityStatusBadge status={a.status} adjusted={adjusted} />
                            </div>
                            <p className="activity-name">{a.catalogName}</p>
                            <p className="activity-qty">
                              {adjusted ? (
                                <del className="muted">
                                  <span className="sr-only">{t('activity.loggedQuantity')}: </span>
                                  {formatNumber(a.originalQuantity)}
                                </del>
                              ) : null}{' '}
                              <strong>{formatNumber(a.quantity)}</strong> {a.outputUnit} ×{' '}
                              {formatNumber(a.standardMinutes)} = <strong>{minutesText(t, a.minutes)}</strong>
                            </p>
                            <p className="cell-sub">
                              {a.rhkText ? `${t('activity.fields.rhk')}: ${a.rhkText}` : t('verify.noRhk')}
                            </p>
                            {a.note ? <p className="cell-sub cell-note">“{a.note}”</p> : null}
                            {a.evidence.length > 0 ? (
                              <p className="cell-sub">
                                <EvidenceLinks activityId={a.id} shas={a.evidence} />
                              </p>
                            ) : null}
                            {a.status === 'rejected' && a.rejectReason ? (
                              <p className="activity-reason">
                                {t('activity.rejectReason')}: {a.rejectReason}
                              </p>
                            ) : null}
                            {err ? <p className="text-danger small">{err}</p> : null}
                            {a.abilities.verify ? (
                              rowActions(a)
                            ) : a.status === 'pending' ? (
                              <p className="cell-sub">{t('verify.windowClosed')}</p>
                            ) : a.verifiedBy ? (
                              <p className="cell-sub">{t('activity.decidedBy', { name: a.verifiedBy })}</p>
                            ) : null}
                          </li>
                        );
                      })}
                    </ul>
                  </>
                ) : (
                  <TableWrap label={t('verify.listTitle')} testId="verify-table">
                    <table className="table verify-table" aria-busy={list.isFetching}>
                      <thead>
                        <tr>
                          <th scope="col" className="check-col">
                            {selectAllBox}
                          </th>
                          <th scope="col">{t('verify.personDate')}</th>
                          <th scope="col">{t('activity.fields.activity')}</th>
                          <th scope="col" className="num">
                            {t('activity.fields.quantity')}
                          </th>
                          <th scope="col" className="num">
                            {t('activity.fields.minutes')}
                          </th>
                          <th scope="col">{t('activity.fields.status')}</th>
                          <th scope="col">{t('common.actions')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {items.map((a) => {
                          const err = rowErrors.get(a.id);
                          const adjusted = a.originalQuantity !== null && a.originalQuantity !== a.quantity;
                          return (
                            <tr
                              key={a.id}
                              data-testid="verify-row"
                              data-status={a.status}
                              className={err ? 'row-error' : undefined}
                            >
                              <td className="check-col">
                                {a.abilities.verify ? (
                                  <input
                                    type="checkbox"
                                    checked={selected.has(a.id)}
                                    onChange={(e) => toggle(a.id, e.target.checked)}
                                    aria-label={t('verify.selectOne', {
                                      name: a.employee.name,
                                      activity: a.catalogName,
                                      date: formatDate(a.date, lang),
                                    })}
                                    data-testid="verify-check"
                                  />
                                ) : null}
                              </td>
                              <td>
                                <Link
                                  className="cell-main"
                                  to={`/beban-kerja/pegawai/${encodeURIComponent(a.employee.id)}?bulan=${a.date.slice(0, 7)}`}
                                >
                                  {a.employee.name}
                                </Link>
                                <span className="nip">{formatNip(a.employee.nip)}</span>
                                <span className="cell-sub nowrap">
                                  {formatDate(a.date, lang)}
                                  {a.startTime && a.endTime ? ` · ${a.startTime}–${a.endTime}` : ''}
                                </span>
                              </td>
                              <td className="activity-cell">
                                <span className="cell-main">{a.catalogName}</span>
                                {a.rhkText ? (
                                  <span className="cell-sub">
                                    {t('activity.fields.rhk')}: {a.rhkText}
                                  </span>
                                ) : (
                                  <span className="cell-sub">{t('verify.noRhk')}</span>
                                )}
                                {a.note ? <span className="cell-sub cell-note">“{a.note}”</span> : null}
                                {a.evidence.length > 0 ? (
                                  <span className="cell-sub">
                                    <EvidenceLinks activityId={a.id} shas={a.evidence} />
                                  </span>
                                ) : null}
                                {a.status === 'rejected' && a.rejectReason ? (
                                  <span className="cell-sub text-danger">
                                    {t('activity.rejectReason')}: {a.rejectReason}
                                  </span>
                                ) : null}
                                {err ? <span className="cell-sub text-danger">{err}</span> : null}
                              </td>
                              <td className="num nowrap">
                                {adjusted ? (
                                  <del className="muted">
                                    <span className="sr-only">{t('activity.loggedQuantity')}: </span>
                                    {formatNumber(a.originalQuantity)}
                                  </del>
                                ) : null}{' '}
                                {formatNumber(a.quantity)} <span className="muted small">{a.outputUnit}</span>
                                <span className="cell-sub">× {formatNumber(a.standardMinutes)}</span>
                              </td>
                              <td className="num">{formatNumber(a.minutes)}</td>
                              <td className="nowrap">
                                <ActivityStatusBadge status={a.status} adjusted={adjusted} />
                                {a.status === 'pending' && !a.abilities.verify ? (
                                  <span className="cell-sub">{t('verify.windowClosed')}</span>
                                ) : a.status === 'pending' ? (
                                  <span className="cell-sub">
                                    {t('verify.until', { date: formatDate(a.verifyUntil, lang) })}
                                  </span>
                                ) : null}
                              </td>
                              <td className="cell-actions">
                                {a.abilities.verify ? (
                                  rowActions(a)
                                ) : a.verifiedBy ? (
                                  <span className="muted small">{a.verifiedBy}</span>
                                ) : null}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </TableWrap>
                )}
                <LoadMore
                  hasMore={list.hasNextPage}
                  loading={list.isFetchingNextPage}
                  onClick={() => void list.fetchNextPage()}
                />
              </>
            )}
          </section>

          {employees.length > 0 ? (
            <section className="panel" aria-labelledby="subs-h">
              <h2 id="subs-h">{t('verify.subordinates')}</h2>
              <ul className="people-list">
                {employees.map((e) => (
                  <li key={e.employeeId}>
                    <span>
                      <Link to={`/beban-kerja/pegawai/${encodeURIComponent(e.employeeId)}`}>{e.name}</Link>
                      <span className="cell-sub">{e.positionName}</span>
                    </span>
                    {e.pendingMinutes > 0 ? (
                      <Badge tone="info">
                        {t('verify.pendingMinutes', { minutes: minutesText(t, e.pendingMinutes) })}
                      </Badge>
                    ) : (
                      <Badge tone="ok">{t('verify.nothingPending')}</Badge>
                    )}
                  </li>
                ))}
              </ul>
              <p className="hint">{t('verify.subordinatesHint')}</p>
            </section>
          ) : null}
        </>
      )}

      {rejecting ? (
        <ReasonDialog
          title={
            rejecting.length === 1
              ? t('verify.rejectTitle', { activity: rejecting[0].catalogName })
              : t('verify.rejectManyTitle', { count: rejecting.length })
          }
          intro={
            rejecting.length === 1
              ? t('verify.rejectIntro', {
                  name: rejecting[0].employee.name,
                  date: formatDate(rejecting[0].date, lang),
                  minutes: minutesText(t, rejecting[0].minutes),
                })
              : t('verify.rejectManyIntro')
          }
          label={t('verify.reason')}
          confirmLabel={t('verify.reject')}
          danger
          pending={verify.isPending}
          error={dialogError(verify.error)}
          onClose={() => setRejecting(null)}
          onConfirm={(reason) =>
            verify.mutate(rejecting.map((a) => ({ id: a.id, action: 'reject', reason })))
          }
          testId="reason-input"
        />
      ) : null}
      {adjusting ? (
        <AdjustDialog
          activity={adjusting}
          pending={verify.isPending}
          error={dialogError(verify.error)}
          onClose={() => setAdjusting(null)}
          onConfirm={(quantity, reason) =>
            verify.mutate([{ id: adjusting.id, action: 'adjust', quantity, ...(reason ? { reason } : {}) }])
          }
        />
      ) : null}
    </div>
  );
}

/** New quantity (then approved), with the minutes it will count. */
function AdjustDialog({
  activity,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  activity: Activity;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (quantity: number, reason: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [quantity, setQuantity] = useState(String(activity.quantity));
  const [reason, setReason] = useState('');
  const qtyRef = useRef<HTMLInputElement>(null);
  // The dialog focuses its first control (the "−" button); the quantity is what one came to change.
  useEffect(() => {
    const h = requestAnimationFrame(() => qtyRef.current?.select());
    return () => cancelAnimationFrame(h);
  }, []);
  const [invalid, setInvalid] = useState(false);
  const errs = fieldErrors(error);
  const q = Number(quantity);
  const valid = /^\d+$/.test(quantity) && q >= 1;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) {
      setInvalid(true);
      return;
    }
    onConfirm(q, reason.trim());
  };
  return (
    <Modal
      title={t('verify.adjustTitle', { activity: activity.catalogName })}
      onClose={onClose}
      busy={pending}
    >
      <form className="form" onSubmit={submit} noValidate>
        <p>
          {t('verify.adjustIntro', {
            name: activity.employee.name,
            date: formatDate(activity.date, lang),
            quantity: formatNumber(activity.quantity),
            unit: activity.outputUnit,
            minutes: minutesText(t, activity.minutes),
          })}
        </p>
        <ErrorSummary
          error={error}
          labels={{ quantity: t('verify.newQuantity'), reason: t('verify.adjustNote') }}
        />
        <div className="qty-row">
          <Field
            label={t('verify.newQuantity')}
            name="quantity"
            required
            error={invalid && !valid ? t('activity.errors.quantity') : errs.quantity}
          >
            {(p) => (
              <div className="stepper">
                <button
                  type="button"
                  className="btn stepper-btn"
                  onClick={() => setQuantity(String(Math.max(1, (valid ? q : 1) - 1)))}
                  disabled={!valid || q <= 1}
                  aria-label={t('activity.decrease')}
                >
                  <span aria-hidden="true">−</span>
                </button>
                <input
                  {...p}
                  type="text"
                  inputMode="numeric"
                  pattern="[0-9]*"
                  ref={qtyRef}
                  value={quantity}
                  onChange={(e) => setQuantity(e.target.value.replace(/[^\d]/g, '').slice(0, 6))}
                  data-testid="adjust-quantity"
                />
                <button
                  type="button"
                  className="btn stepper-btn"
                  onClick={() => setQuantity(String((valid ? q : 0) + 1))}
                  aria-label={t('activity.increase')}
                >
                  <span aria-hidden="true">+</span>
                </button>
                <span className="stepper-unit">{activity.outputUnit}</span>
              </div>
            )}
          </Field>
          <div className="minutes-preview" aria-live="polite">
            <span className="label-like">{t('activity.minutesPreview')}</span>
            <strong>{valid ? minutesText(t, q * activity.standardMinutes) : '—'}</strong>
          </div>
        </div>
        <Field
          label={t('verify.adjustNote')}
          name="reason"
          error={errs.reason}
          hint={t('verify.adjustNoteHint')}
        >
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="adjust-confirm">
            {pending ? t('common.processing') : t('verify.adjustConfirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Evidence of an entry, downloadable by whoever may read the entry (its atasan among them). */
function EvidenceLinks({ activityId, shas }: { activityId: string; shas: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {t('verify.evidenceCount', { count: shas.length })}:{' '}
      {shas.map((sha, i) => (
        <a
          key={sha}
          href={`/api/v1/files/${sha}?activityId=${encodeURIComponent(activityId)}`}
          target="_blank"
          rel="noreferrer"
        >
          {i > 0 ? ', ' : ''}
          {t('verify.evidenceN', { n: i + 1 })}
        </a>
      ))}
    </>
  );
}
