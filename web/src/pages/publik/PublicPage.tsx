import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api';
import { formatMonth, ratioText } from '../../components/activity';
import { LangSwitch } from '../../components/LangSwitch';
import { formatTarget } from '../../components/skp';
import { Badge, EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatDateTime, formatNumber, formatPercent } from '../../format';
import { useLang } from '../../queries';
import { Meter } from '../account/sections';
import '../account/account.css';
import './publik.css';

/** Mirrors `PublicSummary` of GET /api/v1/public/{tenant}/summary. */
interface GroupRow {
  name: string;
  employees: number | null;
  suppressed: boolean;
}
interface PublicSummary {
  city: { slug: string; name: string };
  generatedAt: string;
  minGroupSize: number;
  suppressedLabel: string;
  period: { year: number } | null;
  skp: {
    total: GroupRow & { approved: number | null; share: number | null };
    byOpd: (GroupRow & { approved: number | null; share: number | null })[];
  };
  workload: {
    month: string | null;
    workingDays: number;
    effectiveMinutesPerPerson: number;
    thresholds: { under: number; over: number };
    total: GroupRow & { averageRatio: number | null };
    byOpd: (GroupRow & { averageRatio: number | null })[];
  };
  goals: {
    code: string;
    title: string;
    indicators: { name: string; targetValue: number | null; targetText: string | null; unit: string }[];
    contributors: number | null;
    progress: number | null;
    suppressed: boolean;
  }[];
}

function Hidden({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <span className="suppressed" title={label}>
      {t('publik.suppressedShort')}
      <span className="sr-only"> ({label})</span>
    </span>
  );
}

function PublicShell({ children, cityName }: { children: ReactNode; cityName?: string }) {
  const { t } = useTranslation();
  return (
    <div className="public-page">
      <header className="public-bar">
        <Link to="/publik" className="public-brand">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>Kinerja</span>
        </Link>
        {cityName ? <span className="public-city">{cityName}</span> : null}
        <div className="public-bar-end">
          <LangSwitch />
          <Link className="btn btn-small btn-ghost" to="/masuk">
            {t('publik.signIn')}
          </Link>
        </div>
      </header>
      <main id="main" className="public-main">
        {children}
      </main>
    </div>
  );
}

/** `/publik`: the cities that publish a transparency page (everything on the sign-in list). */
export function PublicIndexPage() {
  const { t } = useTranslation();
  usePageTitle(t('publik.indexTitle'));
  const tenants = useQuery({
    queryKey: ['tenants'],
    queryFn: () => api<{ items: { slug: string; name: string }[] }>('/tenants/public').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
  return (
    <PublicShell>
      <h1>{t('publik.indexTitle')}</h1>
      <p className="muted">{t('publik.indexIntro')}</p>
      {tenants.isPending ? (
        <Loading />
      ) : tenants.isError ? (
        <ErrorState error={tenants.error} onRetry={() => void tenants.refetch()} />
      ) : (
        <ul className="link-list public-cities">
          {tenants.data.map((c) => (
            <li key={c.slug}>
              <Link to={`/publik/${encodeURIComponent(c.slug)}`}>{c.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </PublicShell>
  );
}

/** `/publik/:city`: aggregates only, no session needed (DESIGN §2.8). */
export function PublicCityPage() {
  const { city = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuery({
    queryKey: ['public-summary', city, lang],
    queryFn: () =>
      api<PublicSummary>(`/public/${encodeURIComponent(city)}/summary`, { noAuthRedirect: true }),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const s = q.data;
  usePageTitle(s ? t('publik.title', { city: s.city.name }) : t('publik.indexTitle'));

  if (q.isPending) {
    return (
      <PublicShell>
        <Loading rows={6} />
      </PublicShell>
    );
  }
  if (q.isError || !s) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return (
      <PublicShell>
        {notFound ? (
          <EmptyState title={t('publik.notFound')}>
            <p>{t('publik.notFoundBody')}</p>
            <Link to="/publik">{t('publik.indexTitle')}</Link>
          </EmptyState>
        ) : (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        )}
      </PublicShell>
    );
  }

  const wl = s.workload;
  const month = wl.month ? formatMonth(wl.month, lang) : '—';
  const shareTone = (v: number | null) =>
    v === null ? undefined : v >= 90 ? 'ok' : v >= 70 ? 'warn' : 'danger';
  const ratioTone = (v: number | null) =>
    v === null ? undefined : v < wl.thresholds.under ? 'warn' : v > wl.thresholds.over ? 'danger' : 'ok';

  return (
    <PublicShell cityName={s.city.name}>
      <div data-testid="public-page">
        <h1>{t('publik.title', { city: s.city.name })}</h1>
        <p className="muted">{t('publik.intro', { min: s.minGroupSize })}</p>
        <p className="small muted">{t('publik.asOf', { date: formatDateTime(s.generatedAt, lang) })}</p>

        <ul className="stat-grid public-tiles">
          <li className="stat-card">
            <div className="public-tile">
              <span className="stat-label">{t('publik.tiles.asn')}</span>
              <span className="stat-value">
                {s.skp.total.suppressed ? (
                  <Hidden label={s.suppressedLabel} />
                ) : (
                  formatNumber(s.skp.total.employees)
                )}
              </span>
            </div>
          </li>
          <li className="stat-card">
            <div className="public-tile" data-testid="public-skp-share">
              <span className="stat-label">
                {t('publik.tiles.skpShare', { year: s.period?.year ?? '—' })}
              </span>
              <span className="stat-value">
                {s.skp.total.suppressed ? (
                  <Hidden label={s.suppressedLabel} />
                ) : (
                  formatPercent(s.skp.total.share)
                )}
              </span>
            </div>
          </li>
          <li className="stat-card">
            <div className="public-tile">
              <span className="stat-label">{t('publik.tiles.workload', { month })}</span>
              <span className="stat-value">
                {wl.total.suppressed ? (
                  <Hidden label={s.suppressedLabel} />
                ) : (
                  ratioText(wl.total.averageRatio)
                )}
              </span>
            </div>
          </li>
        </ul>

        <section className="panel" aria-labelledby="pub-skp-h">
          <h2 id="pub-skp-h">{t('publik.skp.title')}</h2>
          <p className="hint">{t('publik.skp.caption')}</p>
          <TableWrap label={t('publik.skp.title')} testId="public-skp-table">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('publik.skp.opd')}</th>
                  <th scope="col" className="num">
                    {t('publik.skp.asn')}
                  </th>
                  <th scope="col" className="num">
                    {t('publik.skp.approved')}
                  </th>
                  <th scope="col">{t('publik.skp.share')}</th>
                </tr>
              </thead>
              <tbody>
                {s.skp.byOpd.map((r) => (
                  <tr key={r.name} data-suppressed={r.suppressed}>
                    <th scope="row">{r.name}</th>
                    {r.suppressed ? (
                      <td colSpan={3}>
                        <Hidden label={s.suppressedLabel} />
                      </td>
                    ) : (
                      <>
                        <td className="num">{formatNumber(r.employees)}</td>
                        <td className="num">{formatNumber(r.approved)}</td>
                        <td>
                          <div className="public-bar-cell">
                            <span className="num">{formatPercent(r.share)}</span>
                            <Meter value={r.share} tone={shareTone(r.share)} />
                          </div>
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>

        <section className="panel" aria-labelledby="pub-wl-h">
          <h2 id="pub-wl-h">{t('publik.workload.title', { month })}</h2>
          {!wl.month ? (
            <p className="muted">{t('publik.workload.noData')}</p>
          ) : (
            <>
              <p className="hint">
                {t('publik.workload.caption', {
                  minutes: formatNumber(wl.effectiveMinutesPerPerson),
                  days: wl.workingDays,
                  under: ratioText(wl.thresholds.under),
                  over: ratioText(wl.thresholds.over),
                })}
              </p>
              <TableWrap label={t('publik.workload.title', { month })} testId="public-workload-table">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('publik.skp.opd')}</th>
                      <th scope="col" className="num">
                        {t('publik.skp.asn')}
                      </th>
                      <th scope="col">{t('publik.workload.ratio')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {wl.byOpd.map((r) => (
                      <tr key={r.name} data-suppressed={r.suppressed}>
                        <th scope="row">{r.name}</th>
                        {r.suppressed ? (
                          <td colSpan={2}>
                            <Hidden label={s.suppressedLabel} />
                          </td>
                        ) : (
                          <>
                            <td className="num">{formatNumber(r.employees)}</td>
                            <td>
                              <div className="public-bar-cell">
                                <span className="num">{ratioText(r.averageRatio)}</span>
                                <Meter
                                  value={r.averageRatio === null ? null : r.averageRatio * 100}
                                  max={150}
                                  tone={ratioTone(r.averageRatio)}
                                />
                              </div>
                            </td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </>
          )}
        </section>

        <section className="panel" aria-labelledby="pub-goal-h">
          <h2 id="pub-goal-h">{t('publik.goals.title')}</h2>
          <p className="hint">{t('publik.goals.caption')}</p>
          {s.goals.length === 0 ? (
            <p className="muted">{t('publik.goals.none')}</p>
          ) : (
            <ul className="public-goals">
              {s.goals.map((g) => (
                <li key={g.code} className="public-goal" data-testid="public-goal">
                  <div className="public-goal-head">
                    <Badge tone="info">{g.code}</Badge>
                    <h3>{g.title}</h3>
                  </div>
                  <ul className="plain-list small">
                    {g.indicators.map((i) => (
                      <li key={i.name}>
                        {i.name} —{' '}
                        {t('publik.goals.target', {
                          target: formatTarget(i.targetValue, i.targetText, i.unit),
                        })}
                      </li>
                    ))}
                  </ul>
                  {g.suppressed ? (
                    <p>
                      {t('publik.goals.progress')}: <Hidden label={s.suppressedLabel} />
                    </p>
                  ) : (
                    <>
                      <p className="public-goal-figure">
                        <span>{t('publik.goals.progress')}</span>
                        <strong>{formatPercent(g.progress)}</strong>
                        <span className="muted small">
                          {t('publik.goals.contributors', { count: g.contributors ?? 0 })}
                        </span>
                      </p>
                      <Meter value={g.progress} tone={shareTone(g.progress)} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <p className="hint">{t('publik.footer')}</p>
      </div>
    </PublicShell>
  );
}
