import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { ErrorSummary } from '../components/Form';
import { ReasonDialog } from '../components/ReasonDialog';
import { CapaianBadge, PeriodPicker, SkpStatusBadge, usePeriodParam } from '../components/skp';
import { Badge, EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../components/ui';
import { formatDateTime, formatNip, formatNumber } from '../format';
import { useLang, useSubordinateSkps } from '../queries';
import { SKP_STATUSES, type SkpSummary } from '../types';

interface BulkResult {
  id: string;
  ok: boolean;
  error?: string | { code?: string; message?: string };
}

function resultMessage(r: BulkResult): string {
  if (!r.error) return '';
  return typeof r.error === 'string' ? r.error : (r.error.message ?? r.error.code ?? '');
}

const selectable = (s: SkpSummary) => !!(s.abilities.approve || s.abilities.return);

/** `/skp/bawahan`: the SKPs this person must approve, with bulk approve/return, and who has none yet. */
export function SubordinateSkpsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.skpApproval'));
  const lang = useLang();
  const qc = useQueryClient();
  const statusId = useId();
  const { periods, period, setPeriod } = usePeriodParam();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const list = useSubordinateSkps(period?.id, status);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<Map<string, BulkResult>>(new Map());
  const [returning, setReturning] = useState(false);

  const items = list.data?.items ?? [];
  const missing = list.data?.missing ?? [];
  const selectableIds = useMemo(() => items.filter(selectable).map((s) => s.id), [items]);
  const chosen = selectableIds.filter((id) => selected.has(id));
  const allChosen = selectableIds.length > 0 && chosen.length === selectableIds.length;

  const bulk = useMutation({
    mutationFn: (vars: { action: 'approve' | 'return'; reason?: string }) =>
      api<{ results: BulkResult[] }>('/skps/bulk', {
        method: 'POST',
        body: { action: vars.action, ids: chosen, reason: vars.reason },
      }),
    onSuccess: async (res) => {
      // Refresh first, so the statuses and the per-row results appear together.
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['skps'] }),
        qc.invalidateQueries({ queryKey: ['skp'] }),
        qc.invalidateQueries({ queryKey: ['inbox'] }),
      ]);
      setResults(new Map(res.results.map((r) => [r.id, r])));
      setSelected((prev) => {
        const next = new Set(prev);
        for (const r of res.results) if (r.ok) next.delete(r.id);
        return next;
      });
      setReturning(false);
    },
  });

  const okCount = [...results.values()].filter((r) => r.ok).length;
  const failCount = results.size - okCount;

  const setStatus = (v: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (v) p.set('status', v);
        else p.delete('status');
        return p;
      },
      { replace: true },
    );

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('skp.approvalTitle')}</h1>
          <p className="muted">{t('skp.approvalIntro')}</p>
        </div>
      </header>

      <search className="filters panel" aria-label={t('skp.filters')}>
        {periods.data && periods.data.length > 0 ? (
          <PeriodPicker
            periods={periods.data}
            value={period?.id}
            onChange={(id) => {
              setSelected(new Set());
              setResults(new Map());
              setPeriod(id);
            }}
          />
        ) : null}
        <div className="field">
          <label htmlFor={statusId}>{t('skp.fields.status')}</label>
          <select
            id={statusId}
            value={status}
            onChange={(e) => {
              setSelected(new Set());
              setStatus(e.target.value);
            }}
            data-testid="status-filter"
          >
            <option value="">{t('common.all')}</option>
            {SKP_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`skp.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </search>

      {periods.isPending || (period && list.isPending) ? (
        <Loading rows={8} />
      ) : periods.isError ? (
        <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
      ) : !period ? (
        <div className="panel">
          <EmptyState title={t('periods.none')}>{t('periods.noneBody')}</EmptyState>
        </div>
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 && missing.length === 0 && !status ? (
        <div className="panel" data-testid="subordinate-skps">
          <EmptyState title={t('skp.noSubordinates')}>{t('skp.noSubordinatesBody')}</EmptyState>
        </div>
      ) : (
        <>
          <section className="panel" aria-labelledby="sub-h" data-testid="subordinate-skps">
            <div className="section-head">
              <h2 id="sub-h">
                {t('skp.subordinateList')} <span className="count muted">({formatNumber(items.length)})</span>
              </h2>
              <div className="bulk-bar" role="toolbar" aria-label={t('skp.bulkActions')}>
                <span className="muted small" aria-live="polite">
                  {t('skp.selectedCount', { count: chosen.length })}
                </span>
                <button
                  type="button"
                  className="btn btn-primary btn-small"
                  disabled={chosen.length === 0 || bulk.isPending}
                  onClick={() => {
                    setResults(new Map());
                    bulk.mutate({ action: 'approve' });
                  }}
                  data-testid="bulk-approve"
                >
                  {t('skp.bulkApprove')}
                </button>
                <button
                  type="button"
                  className="btn btn-danger-outline btn-small"
                  disabled={chosen.length === 0 || bulk.isPending}
                  onClick={() => {
                    bulk.reset();
                    setResults(new Map());
                    setReturning(true);
                  }}
                  data-testid="bulk-return"
                >
                  {t('skp.bulkReturn')}
                </button>
              </div>
            </div>
            {!returning && bulk.error ? <ErrorSummary error={bulk.error} /> : null}
            {results.size > 0 ? (
              <div
                className={`notice ${failCount ? 'notice-warn' : 'notice-ok'}`}
                role="status"
                data-testid="bulk-result"
              >
                {t('skp.bulkDone', { ok: okCount, failed: failCount })}
              </div>
            ) : null}
            {items.length === 0 ? (
              <EmptyState title={status ? t('skp.noneWithStatus') : t('skp.noneSubmitted')}>
                {status ? t('skp.noneWithStatusBody') : t('skp.noneSubmittedBody')}
              </EmptyState>
            ) : (
              <TableWrap label={t('skp.subordinateList')} testId="subordinate-table">
                <table className="table table-rowlinks" aria-busy={list.isFetching}>
                  <thead>
                    <tr>
                      <th scope="col" className="check-col">
                        <input
                          type="checkbox"
                          aria-label={t('skp.selectAll')}
                          checked={allChosen}
                          ref={(el) => {
                            if (el) el.indeterminate = chosen.length > 0 && !allChosen;
                          }}
                          disabled={selectableIds.length === 0}
                          onChange={(e) => setSelected(e.target.checked ? new Set(selectableIds) : new Set())}
                        />
                      </th>
                      <th scope="col">{t('skp.fields.employee')}</th>
                      <th scope="col">{t('employees.fields.position')}</th>
                      <th scope="col">{t('skp.fields.status')}</th>
                      <th scope="col" className="num">
                        {t('skp.fields.rhkCount')}
                      </th>
                      <th scope="col" className="num">
                        {t('skp.fields.progress')}
                      </th>
                      <th scope="col">{t('skp.fields.updatedAt')}</th>
                      {results.size > 0 ? <th scope="col">{t('skp.fields.result')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((s) => {
                      const res = results.get(s.id);
                      return (
                        <tr
                          key={s.id}
                          data-testid="subordinate-row"
                          className={res && !res.ok ? 'row-error' : undefined}
                        >
                          <td className="check-col">
                            {selectable(s) ? (
                              <input
                                type="checkbox"
                                checked={selected.has(s.id)}
                                onChange={(e) => toggle(s.id, e.target.checked)}
                                aria-label={t('skp.selectOne', { name: s.employee.name })}
                              />
                            ) : null}
                          </td>
                          <td>
                            <Link className="row-link" to={`/skp/${encodeURIComponent(s.id)}`}>
                              {s.employee.name}
                            </Link>
                            <span className="nip">{formatNip(s.employee.nip)}</span>
                          </td>
                          <td>
                            <span className="cell-main">{s.positionName ?? '—'}</span>
                            {s.unitName ? <span className="cell-sub">{s.unitName}</span> : null}
                          </td>
                          <td className="nowrap">
                            <SkpStatusBadge status={s.status} revision={s.revision} />
                          </td>
                          <td className="num">{formatNumber(s.rhkCount)}</td>
                          <td className="num">
                            <CapaianBadge value={s.progress} />
                          </td>
                          <td className="nowrap small">{formatDateTime(s.updatedAt, lang)}</td>
                          {results.size > 0 ? (
                            <td>
                              {res ? (
                                res.ok ? (
                                  <Badge tone="ok">{t('skp.resultOk')}</Badge>
                                ) : (
                                  <span className="text-danger small">
                                    {resultMessage(res) || t('errors.generic')}
                                  </span>
                                )
                              ) : null}
                            </td>
                          ) : null}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>

          <section className="panel" aria-labelledby="missing-h">
            <h2 id="missing-h">
              {t('skp.missingTitle')} <span className="count muted">({formatNumber(missing.length)})</span>
            </h2>
            {missing.length === 0 ? (
              <p className="muted">{t('skp.missingNone')}</p>
            ) : (
              <TableWrap label={t('skp.missingTitle')} testId="missing-skps">
                <table className="table table-rowlinks">
                  <thead>
                    <tr>
                      <th scope="col">{t('skp.fields.employee')}</th>
                      <th scope="col">{t('employees.fields.nip')}</th>
                      <th scope="col">{t('employees.fields.position')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {missing.map((m) => (
                      <tr key={m.employeeId}>
                        <td>
                          <Link className="row-link" to={`/pegawai/${encodeURIComponent(m.employeeId)}`}>
                            {m.name}
                          </Link>
                        </td>
                        <td className="mono nowrap">{formatNip(m.nip)}</td>
                        <td>{m.positionName ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
        </>
      )}

      {returning ? (
        <ReasonDialog
          title={t('skp.bulkReturnTitle', { count: chosen.length })}
          intro={t('skp.bulkReturnIntro')}
          label={t('skp.reason')}
          confirmLabel={t('skp.bulkReturn')}
          danger
          pending={bulk.isPending}
          error={bulk.error}
          onClose={() => setReturning(false)}
          onConfirm={(reason) => bulk.mutate({ action: 'return', reason })}
          testId="return-reason"
        />
      ) : null}
    </div>
  );
}
