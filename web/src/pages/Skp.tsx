import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../api';
import { useUser } from '../auth';
import { ErrorSummary } from '../components/Form';
import { PeriodPicker, SkpStatusBadge, usePeriodParam } from '../components/skp';
import { EmptyState, ErrorState, Loading, usePageTitle } from '../components/ui';
import { keys, storeSkp, useMySkps, useSkp } from '../queries';
import type { Skp } from '../types';
import { SkpDetail } from './skp/SkpDetail';

/** `/skp?periode=<id>`: the caller's own SKP for a period, or the offer to draft it. */
export function MySkpPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.skp'));
  const user = useUser();
  const qc = useQueryClient();
  const { periods, period, setPeriod } = usePeriodParam();
  const mine = useMySkps(period?.id);
  const [chosen, setChosen] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () => api<Skp>('/skps', { method: 'POST', body: { periodId: period?.id } }),
    onSuccess: async (s) => {
      await storeSkp(qc, s);
      setChosen(s.id);
    },
    onError: (e) => {
      // Somebody (another tab) drafted it already: show that one.
      if (e instanceof ApiError && e.code === 'SKP_DUPLICATE') {
        void qc.invalidateQueries({ queryKey: keys.mySkps(period?.id ?? '') });
      }
    },
  });

  const items = mine.data ?? [];
  const current = items.find((s) => s.id === chosen) ?? items[0];

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('skp.mineTitle')}</h1>
          <p className="muted">{t('skp.mineIntro')}</p>
        </div>
        {periods.data && periods.data.length > 0 ? (
          <PeriodPicker
            periods={periods.data}
            value={period?.id}
            onChange={(id) => {
              setChosen(null);
              create.reset();
              setPeriod(id);
            }}
          />
        ) : null}
      </header>

      {!user.employeeId ? (
        <div className="panel">
          <EmptyState title={t('skp.noEmployee')}>{t('skp.noEmployeeBody')}</EmptyState>
        </div>
      ) : periods.isPending ? (
        <Loading rows={6} />
      ) : periods.isError ? (
        <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
      ) : !period ? (
        <div className="panel">
          <EmptyState title={t('periods.none')}>{t('periods.noneBody')}</EmptyState>
        </div>
      ) : mine.isPending ? (
        <Loading rows={6} />
      ) : mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
      ) : !current ? (
        <section className="panel" data-testid="skp-none">
          <EmptyState title={t('skp.noneYet', { year: period.year })}>
            <p>{t('skp.noneYetBody')}</p>
            <ErrorSummary error={create.error} />
            {period.status === 'closed' ? (
              <p className="muted">{t('periods.closedBody')}</p>
            ) : (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => create.mutate()}
                disabled={create.isPending}
                data-testid="skp-create"
              >
                {create.isPending ? t('common.processing') : t('skp.create')}
              </button>
            )}
          </EmptyState>
        </section>
      ) : (
        <>
          {items.length > 1 ? (
            <nav className="panel skp-switch" aria-label={t('skp.severalPositions')}>
              <p className="muted small">{t('skp.severalPositionsBody')}</p>
              <ul className="pill-list">
                {items.map((s) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      className={`pill${s.id === current.id ? ' is-on' : ''}`}
                      aria-pressed={s.id === current.id}
                      onClick={() => setChosen(s.id)}
                    >
                      {s.positionName ?? s.unitName ?? s.id} <SkpStatusBadge status={s.status} />
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <SkpDetail key={current.id} id={current.id} />
        </>
      )}
    </div>
  );
}

/** `/skp/:id`: any SKP the caller may read (own, subordinate's, city-wide roles). */
export function SkpPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const skp = useSkp(id);
  const own = !!skp.data && skp.data.employee.id === user.employeeId;
  usePageTitle(skp.data ? t('skp.titleOf', { name: skp.data.employee.name }) : t('nav.skp'));
  return (
    <div className="page page-wide">
      <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
        <ol>
          <li>
            {own ? (
              <Link to={`/skp?periode=${encodeURIComponent(skp.data?.periodId ?? '')}`}>{t('nav.skp')}</Link>
            ) : (
              <Link to="/skp/bawahan">{t('nav.skpApproval')}</Link>
            )}
          </li>
          <li aria-current="page">{skp.data?.employee.name ?? t('common.loading')}</li>
        </ol>
      </nav>
      <header className="page-header">
        <div>
          <h1>{skp.data ? t('skp.titleOf', { name: skp.data.employee.name }) : t('nav.skp')}</h1>
          {skp.data ? (
            <p className="muted">
              <Link to={`/pegawai/${encodeURIComponent(skp.data.employee.id)}`}>{t('skp.openProfile')}</Link>
            </p>
          ) : null}
        </div>
      </header>
      <SkpDetail id={id} />
    </div>
  );
}
