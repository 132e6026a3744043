import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { API_BASE, ApiError, api } from '../../api';
import { formatMonth } from '../../components/activity';
import { ErrorSummary } from '../../components/Form';
import { ConfirmDialog } from '../../components/Modal';
import {
  EmptyState,
  ErrorState,
  Loading,
  LoadMore,
  TableWrap,
  useDebounced,
  usePageTitle,
} from '../../components/ui';
import { formatDateTime, formatNip, formatNumber } from '../../format';
import { useLang } from '../../queries';
import { bpText, rupiah, type TppLineRow, type TppRun, type TppTotals, tppKeys, useTppRun } from './data';
import { TppStatusBadge } from './Explanation';
import { ComputeProgress } from './Runs';
import './tpp.css';

const STEPS = ['draft', 'checked', 'locked'] as const;

function MoneyCells({ t }: { t: TppTotals & { disiplinMax?: number } }) {
  return (
    <>
      <td className="num">{formatNumber(t.employees)}</td>
      <td className="num nowrap">{rupiah(t.base)}</td>
      <td className="num nowrap">{rupiah(t.kinerja)}</td>
      <td className="num nowrap">{rupiah(t.disiplinMax ?? t.disiplin + t.potongan)}</td>
      <td className="num nowrap">{rupiah(t.potongan)}</td>
      <td className="num nowrap">{rupiah(t.bruto)}</td>
      <td className="num nowrap">{rupiah(t.bpjs)}</td>
      <td className="num nowrap">
        <strong>{rupiah(t.netto)}</strong>
      </td>
    </>
  );
}

function Lines({ run, opdId, opdName }: { run: TppRun; opdId: string; opdName: string }) {
  const { t } = useTranslation();
  const qId = useId();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 300);
  const params = { opdId, q: dq };
  const lines = useInfiniteQuery({
    queryKey: tppKeys.lines(run.id, { ...params, computedAt: run.computedAt }),
    queryFn: ({ pageParam }) =>
      api<{ items: TppLineRow[]; nextCursor: string | null }>(
        `/tpp/runs/${encodeURIComponent(run.id)}/lines`,
        {
          query: { opdId, q: dq || undefined, limit: 100, cursor: pageParam },
        },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
  const items = lines.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="panel" aria-labelledby="tpp-lines-h" data-testid="tpp-lines">
      <div className="section-head">
        <h2 id="tpp-lines-h">{t('tpp.run.linesTitle', { opd: opdName })}</h2>
      </div>
      <div className="field">
        <label htmlFor={qId}>{t('tpp.run.search')}</label>
        <input id={qId} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </div>
      {lines.isPending ? (
        <Loading rows={5} />
      ) : lines.isError ? (
        <ErrorState error={lines.error} onRetry={() => void lines.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('tpp.run.noLines')} />
      ) : (
        <TableWrap label={t('tpp.run.linesTitle', { opd: opdName })}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('tpp.cols.name')}</th>
                <th scope="col" className="num">
                  {t('tpp.cols.kelas')}
                </th>
                <th scope="col" className="num">
                  {t('tpp.cols.base')}
                </th>
                <th scope="col" className="num">
                  {t('tpp.cols.factor')}
                </th>
                <th scope="col" className="num">
                  {t('tpp.cols.deduction')}
                </th>
                <th scope="col" className="num">
                  {t('tpp.cols.bruto')}
                </th>
                <th scope="col" className="num">
                  {t('tpp.cols.netto')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((l) => (
                <tr key={l.employeeId} data-testid="tpp-line-row">
                  <td>
                    <Link
                      className="cell-main"
                      to={`/tpp/pegawai/${encodeURIComponent(l.employeeId)}?bulan=${run.month}`}
                    >
                      {l.name}
                    </Link>
                    <span className="cell-sub">
                      <span className="mono">{formatNip(l.nip)}</span> · {l.positionName}
                      {l.actingBase > 0 ? ` · ${t('tpp.run.plt')}` : ''}
                    </span>
                  </td>
                  <td className="num">{l.kelas}</td>
                  <td className="num nowrap">{rupiah(l.base)}</td>
                  <td className="num">{bpText(l.performanceBp)}</td>
                  <td className="num">{bpText(l.deductionBp)}</td>
                  <td className="num nowrap">{rupiah(l.bruto)}</td>
                  <td className="num nowrap">{rupiah(l.netto)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <LoadMore
        hasMore={lines.hasNextPage}
        loading={lines.isFetchingNextPage}
        onClick={() => void lines.fetchNextPage()}
      />
    </section>
  );
}

/** `/tpp/proses/:id`: one month's run: totals per OPD, check, lock, payroll lists. */
export function TppRunPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const run = useTppRun(id);
  const r = run.data;
  usePageTitle(r ? t('tpp.run.title', { month: formatMonth(r.month, lang) }) : t('nav.tppRuns'));
  const [params, setParams] = useSearchParams();
  const opdId = params.get('opd') ?? '';
  const [confirmLock, setConfirmLock] = useState(false);
  const step = useMutation({
    mutationFn: (action: 'compute' | 'check' | 'lock') =>
      api<TppRun>(`/tpp/runs/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
    onSuccess: async (data) => {
      qc.setQueryData(tppKeys.run(id), data);
      setConfirmLock(false);
      await qc.invalidateQueries({ queryKey: tppKeys.runs });
      await qc.invalidateQueries({ queryKey: ['tpp', 'lines', id] });
    },
  });

  if (run.isPending)
    return (
      <div className="page page-wide">
        <div className="panel">
          <Loading rows={8} />
        </div>
      </div>
    );
  if (run.isError || !r)
    return (
      <div className="page page-wide">
        {run.error instanceof ApiError && (run.error.status === 404 || run.error.status === 403) ? (
          <div className="panel">
            <EmptyState title={t('tpp.run.notFound')}>
              <Link to="/tpp/proses">{t('nav.tppRuns')}</Link>
            </EmptyState>
          </div>
        ) : (
          <ErrorState error={run.error} onRetry={() => void run.refetch()} />
        )}
      </div>
    );

  const monthText = formatMonth(r.month, lang);
  const selected = r.opds.find((o) => o.opdId === opdId);
  const exportHref = (opd?: string) =>
    `${API_BASE}/tpp/runs/${encodeURIComponent(r.id)}/export.xlsx${opd ? `?opdId=${encodeURIComponent(opd)}` : ''}`;
  const disiplinMaxTotal = r.opds.reduce((n, o) => n + o.totals.disiplinMax, 0);
  const busy = step.isPending;

  return (
    <div className="page page-wide" data-testid="tpp-run">
      <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
        <ol>
          <li>
            <Link to="/tpp/proses">{t('nav.tppRuns')}</Link>
          </li>
          <li aria-current="page">{monthText}</li>
        </ol>
      </nav>
      <header className="page-header">
        <div>
          <h1>{t('tpp.run.title', { month: monthText })}</h1>
          <p className="muted">
            <TppStatusBadge status={r.status} /> {t(`tpp.statusHint.${r.status}`)}
          </p>
        </div>
        <a className="btn" href={exportHref()} download data-testid="tpp-export-all">
          {t('tpp.run.exportAll')}
        </a>
      </header>

      <section className="panel" aria-labelledby="tpp-steps-h">
        <h2 id="tpp-steps-h" className="sr-only">
          {t('tpp.run.steps')}
        </h2>
        <ol className="tpp-steps" aria-label={t('tpp.run.steps')}>
          {STEPS.map((s, i) => {
            const done = STEPS.indexOf(r.status) >= i;
            const when = s === 'draft' ? r.computedAt : s === 'checked' ? r.checkedAt : r.lockedAt;
            const who = s === 'draft' ? r.computedBy : s === 'checked' ? r.checkedBy : r.lockedBy;
            return (
              <li
                key={s}
                className={done ? 'is-done' : undefined}
                aria-current={r.status === s ? 'step' : undefined}
              >
                <span className="tpp-step-name">{t(`tpp.step.${s}`)}</span>
                <span className="cell-sub">
                  {when ? `${formatDateTime(when, lang)} · ${who ?? ''}` : '—'}
                </span>
              </li>
            );
          })}
        </ol>
        <div className="form-actions tpp-actions">
          {r.abilities.compute ? (
            <button
              type="button"
              className="btn"
              onClick={() => step.mutate('compute')}
              disabled={busy}
              data-testid="tpp-recompute"
            >
              {t('tpp.run.recompute')}
            </button>
          ) : null}
          {r.abilities.check ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => step.mutate('check')}
              disabled={busy}
              data-testid="tpp-check"
            >
              {t('tpp.run.check')}
            </button>
          ) : null}
          {r.status === 'checked' ? (
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => setConfirmLock(true)}
              disabled={busy || !r.abilities.lock}
              data-testid="tpp-lock"
              title={r.abilities.lock ? undefined : t('tpp.run.lockNotYet')}
            >
              {t('tpp.run.lock')}
            </button>
          ) : null}
        </div>
        {r.status === 'checked' && !r.abilities.lock && r.abilities.compute ? (
          <p className="hint">{t('tpp.run.lockNotYet')}</p>
        ) : null}
        {r.status === 'locked' ? <p className="notice notice-ok">{t('tpp.run.lockedNote')}</p> : null}
        {busy && step.variables === 'compute' ? (
          <ComputeProgress label={t('tpp.runs.computing', { month: monthText })} />
        ) : null}
        {!confirmLock ? <ErrorSummary error={step.error} /> : null}
      </section>

      <section className="panel" aria-labelledby="tpp-opd-h">
        <div className="section-head">
          <h2 id="tpp-opd-h">{t('tpp.run.perOpd')}</h2>
        </div>
        <p
          className={`notice ${r.reconciliation.ok ? 'notice-ok' : 'notice-error'}`}
          data-testid="tpp-reconciled"
          data-ok={r.reconciliation.ok}
        >
          {r.reconciliation.ok
            ? t('tpp.run.reconciled', { count: r.totals.employees, netto: rupiah(r.totals.netto) })
            : t('tpp.run.notReconciled')}
        </p>
        {r.opds.length === 0 ? (
          <EmptyState title={t('tpp.run.noLines')} />
        ) : (
          <TableWrap label={t('tpp.run.perOpd')} testId="tpp-opd-table">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('tpp.cols.opd')}</th>
                  <th scope="col" className="num">
                    {t('tpp.cols.employees')}
                  </th>
                  <th scope="col" className="num">
                    {t('tpp.cols.pagu')}
                  </th>
                  <th scope="col" className="num">
                    {t('tpp.cols.kinerja')}
                  </th>
                  <th scope="col" className="num">
                    {t('tpp.cols.disiplin')}
                  </th>
                  <th scope="col" className="num">
                    {t('tpp.cols.potongan')}
                  </th>
                  <th scope="col" className="num">
                    {t('tpp.cols.bruto')}
                  </th>
                  <th scope="col" className="num">
                    {t('tpp.cols.bpjs')}
                  </th>
                  <th scope="col" className="num">
                    {t('tpp.cols.netto')}
                  </th>
                  <th scope="col">{t('tpp.cols.xlsx')}</th>
                </tr>
              </thead>
              <tbody>
                {r.opds.map((o) => (
                  <tr
                    key={o.opdId}
                    data-testid="tpp-opd-row"
                    className={o.opdId === opdId ? 'is-selected' : undefined}
                  >
                    <th scope="row">
                      <button
                        type="button"
                        className="btn-link cell-main"
                        aria-pressed={o.opdId === opdId}
                        onClick={() =>
                          setParams(
                            (prev) => {
                              const p = new URLSearchParams(prev);
                              p.set('opd', o.opdId);
                              return p;
                            },
                            { replace: true },
                          )
                        }
                      >
                        {o.opdName}
                      </button>
                    </th>
                    <MoneyCells t={o.totals} />
                    <td>
                      <a
                        className="btn btn-small"
                        href={exportHref(o.opdId)}
                        download
                        data-testid="tpp-export-opd"
                      >
                        XLSX<span className="sr-only"> — {t('tpp.run.exportOpd', { opd: o.opdName })}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="total-row" data-testid="tpp-city-total">
                  <th scope="row">{t('tpp.run.cityTotal')}</th>
                  <MoneyCells t={{ ...r.totals, disiplinMax: disiplinMaxTotal }} />
                  <td />
                </tr>
              </tfoot>
            </table>
          </TableWrap>
        )}
      </section>

      {selected ? <Lines run={r} opdId={selected.opdId} opdName={selected.opdName} /> : null}

      {confirmLock ? (
        <ConfirmDialog
          title={t('tpp.run.lockTitle', { month: monthText })}
          message={t('tpp.run.lockMessage', {
            month: monthText,
            count: formatNumber(r.totals.employees),
            netto: rupiah(r.totals.netto),
          })}
          confirmLabel={t('tpp.run.lockConfirm')}
          onConfirm={() => step.mutate('lock')}
          onClose={() => setConfirmLock(false)}
          pending={busy}
          error={step.error}
        />
      ) : null}
    </div>
  );
}
