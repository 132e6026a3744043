import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../api';
import { currentMonth, formatMonth } from '../../components/activity';
import { ErrorSummary } from '../../components/Form';
import { EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatDateTime, formatNumber } from '../../format';
import { useLang } from '../../queries';
import { rupiah, type TppRun, tppKeys, useTppRuns } from './data';
import { TppStatusBadge } from './Explanation';
import './tpp.css';

/** An indeterminate progress bar with the seconds elapsed, while a whole-city computation runs. */
export function ComputeProgress({ label }: { label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const h = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(h);
  }, []);
  return (
    <div className="progress-block" aria-live="polite" data-testid="tpp-progress">
      <label htmlFor={id}>{label}</label>
      <progress id={id} />
      <span className="hint">{t('tpp.runs.elapsed', { seconds })}</span>
    </div>
  );
}

/** `/tpp/proses`: the monthly TPP runs; BKPSDM starts a month here. */
export function TppRunsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.tppRuns'));
  const lang = useLang();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const runs = useTppRuns();
  const monthId = useId();
  const [month, setMonth] = useState(() => {
    // default: the previous month, the one usually closed now
    const [y, m] = currentMonth().split('-').map(Number);
    const d = new Date(Date.UTC(y, m - 2, 1));
    return d.toISOString().slice(0, 7);
  });
  const existing = runs.data?.items.find((r) => r.month === month);
  const create = useMutation({
    mutationFn: () =>
      api<TppRun>('/tpp/runs', {
        method: 'POST',
        body: { month },
        headers: { 'Idempotency-Key': `tpp-${month}-${Date.now()}` },
      }),
    onSuccess: async (run) => {
      qc.setQueryData(tppKeys.run(run.id), run);
      await qc.invalidateQueries({ queryKey: tppKeys.runs });
      navigate(`/tpp/proses/${encodeURIComponent(run.id)}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (existing) navigate(`/tpp/proses/${encodeURIComponent(existing.id)}`);
    else create.mutate();
  };
  return (
    <div className="page page-wide" data-testid="tpp-runs">
      <header className="page-header">
        <div>
          <h1>{t('tpp.runs.title')}</h1>
          <p className="muted">{t('tpp.runs.intro')}</p>
        </div>
        <Link className="btn" to="/pengaturan/tpp">
          {t('tpp.runs.settingsLink')}
        </Link>
      </header>

      {runs.data?.abilities.create ? (
        <section className="panel" aria-labelledby="tpp-new-h">
          <h2 id="tpp-new-h">{t('tpp.runs.newTitle')}</h2>
          <form className="tpp-new" onSubmit={submit}>
            <div className="field">
              <label htmlFor={monthId}>{t('tpp.runs.month')}</label>
              <input
                id={monthId}
                type="month"
                value={month}
                max={runs.data.currentMonth}
                required
                onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && setMonth(e.target.value)}
                data-testid="tpp-month"
                disabled={create.isPending}
              />
            </div>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={create.isPending}
              data-testid="tpp-create"
            >
              {existing ? t('tpp.runs.open', { month: formatMonth(month, lang) }) : t('tpp.runs.compute')}
            </button>
          </form>
          <p className="hint">{existing ? t('tpp.runs.existsHint') : t('tpp.runs.computeHint')}</p>
          {create.isPending ? (
            <ComputeProgress label={t('tpp.runs.computing', { month: formatMonth(month, lang) })} />
          ) : null}
          <ErrorSummary error={create.error} />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="tpp-list-h">
        <h2 id="tpp-list-h">{t('tpp.runs.listTitle')}</h2>
        {runs.isPending ? (
          <Loading rows={4} />
        ) : runs.isError ? (
          runs.error instanceof ApiError && (runs.error.status === 403 || runs.error.status === 404) ? (
            <EmptyState title={t('tpp.runs.notAllowed')}>{t('tpp.runs.notAllowedBody')}</EmptyState>
          ) : (
            <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
          )
        ) : runs.data.items.length === 0 ? (
          <EmptyState title={t('tpp.runs.none')}>{t('tpp.runs.noneBody')}</EmptyState>
        ) : (
          <TableWrap label={t('tpp.runs.listTitle')} testId="tpp-run-list">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('tpp.runs.month')}</th>
                  <th scope="col">{t('tpp.runs.status')}</th>
                  <th scope="col" className="num">
                    {t('tpp.cols.employees')}
                  </th>
                  <th scope="col" className="num">
                    {t('tpp.cols.bruto')}
                  </th>
                  <th scope="col" className="num">
                    {t('tpp.cols.netto')}
                  </th>
                  <th scope="col">{t('tpp.runs.computedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.items.map((r) => (
                  <tr key={r.id} data-testid="tpp-run-row" data-month={r.month}>
                    <td>
                      <Link className="cell-main nowrap" to={`/tpp/proses/${encodeURIComponent(r.id)}`}>
                        {formatMonth(r.month, lang)}
                      </Link>
                    </td>
                    <td className="nowrap">
                      <TppStatusBadge status={r.status} />
                    </td>
                    <td className="num">{formatNumber(r.totals.employees)}</td>
                    <td className="num nowrap">{rupiah(r.totals.bruto)}</td>
                    <td className="num nowrap">{rupiah(r.totals.netto)}</td>
                    <td className="small nowrap">
                      {formatDateTime(r.computedAt, lang)}
                      {r.computedBy ? <span className="cell-sub">{r.computedBy}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}
