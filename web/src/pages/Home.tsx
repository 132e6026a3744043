import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useActivityQueue } from '../activityQueue';
import { api } from '../api';
import { useUser } from '../auth';
import { minutesText, useDailyMax, WorkloadGauge } from '../components/activity';
import { errorMessage } from '../components/Form';
import { CapaianBadge, SkpStatusBadge, skpStatusTone } from '../components/skp';
import { Badge, usePageTitle } from '../components/ui';
import { formatNumber, todayJakarta } from '../format';
import {
  defaultPeriod,
  keys,
  useMyActivities,
  useMySkps,
  useMyWorkload,
  usePeriods,
  useQueueSummary,
  useStats,
  useSubordinateSkps,
} from '../queries';
import { type ActivityQueue, SKP_STATUSES } from '../types';

/** Roles whose scope is the whole city when no unit is given. */
const CITY_WIDE = ['bkpsdm', 'pimpinan', 'inspektorat', 'superadmin'];

function greetingKey(): string {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Jakarta' }).format(
      new Date(),
    ),
  );
  if (hour < 11) return 'home.greeting.morning';
  if (hour < 15) return 'home.greeting.day';
  if (hour < 18) return 'home.greeting.afternoon';
  return 'home.greeting.evening';
}

export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  usePageTitle(t('nav.home'));
  const stats = useStats();

  const figures = [
    { key: 'units', label: t('home.stats.units'), value: stats.data?.units, to: '/organisasi' },
    { key: 'positions', label: t('home.stats.positions'), value: stats.data?.positions, to: '/organisasi' },
    {
      key: 'vacantPositions',
      label: t('home.stats.vacantPositions'),
      value: stats.data?.vacantPositions,
      to: '/organisasi',
    },
    { key: 'employees', label: t('home.stats.employees'), value: stats.data?.employees, to: '/pegawai' },
    {
      key: 'activeEmployees',
      label: t('home.stats.activeEmployees'),
      value: stats.data?.activeEmployees,
      to: '/pegawai',
    },
  ];

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>
            {t(greetingKey())}, {user.displayName}
          </h1>
          <p className="muted">{t('home.subtitle', { city: user.tenant.name })}</p>
        </div>
      </header>

      {/* leaders start from the city (or OPD) dashboard */}
      {user.abilities['workload.city'] || user.roles.some((r) => r.role === 'admin_opd' && r.unitId) ? (
        <section className="panel home-dashboard" aria-labelledby="home-dash-h" data-testid="home-dashboard">
          <h2 id="home-dash-h">
            {user.abilities['workload.city'] ? t('homeDashboard.cityTitle') : t('homeDashboard.opdTitle')}
          </h2>
          <p className="muted">{t('homeDashboard.body')}</p>
          <Link className="btn btn-primary" to="/dasbor">
            {t('homeDashboard.open')}
          </Link>
        </section>
      ) : null}

      {/* an employee's own day and contract come first; city figures below */}
      {user.employeeId ? <ActivityCards userId={user.id} /> : null}
      {user.employeeId ? <SkpCards /> : null}

      <section className="panel" aria-labelledby="roles-h">
        <h2 id="roles-h">{t('home.yourRoles')}</h2>
        {user.roles.length === 0 ? (
          <p className="muted">{t('home.noRoles')}</p>
        ) : (
          <ul className="role-list">
            {user.roles.map((r) => (
              <li key={`${r.role}:${r.unitId ?? ''}`}>
                <span className="badge badge-info">{t(`roles.${r.role}`, { defaultValue: r.role })}</span>
                {r.unitName ? (
                  <span className="muted">{r.unitName}</span>
                ) : CITY_WIDE.includes(r.role) ? (
                  <span className="muted">{t('home.wholeCity')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="stats-h">
        <h2 id="stats-h" className="section-title">
          {t('home.figures')}
        </h2>
        {stats.isError ? (
          <div className="notice notice-error" role="alert">
            {errorMessage(stats.error, t('home.statsFailed'))}
          </div>
        ) : null}
        <ul className="stat-grid" aria-busy={stats.isPending}>
          {figures.map((f) => (
            <li key={f.key} className="stat-card" data-testid={`stat-${f.key}`}>
              <Link to={f.to}>
                <span className="stat-label">{f.label}</span>
                <span className="stat-value">
                  {stats.isPending ? <span className="skeleton skeleton-inline" aria-hidden="true" /> : null}
                  {stats.isPending ? (
                    <span className="sr-only">{t('common.loading')}</span>
                  ) : (
                    formatNumber(f.value)
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <div className="card-row">
        {user.employeeId ? (
          <section className="panel" aria-labelledby="me-h">
            <h2 id="me-h">{t('home.myProfile')}</h2>
            <p className="muted">{t('home.myProfileBody')}</p>
            <Link className="btn btn-primary" to={`/pegawai/${encodeURIComponent(user.employeeId)}`}>
              {t('home.openMyProfile')}
            </Link>
            <Link className="btn" to="/akun" data-testid="home-account">
              {t('home.openMyAccount')}
            </Link>
          </section>
        ) : null}
        <section className="panel" aria-labelledby="quick-h">
          <h2 id="quick-h">{t('home.quickLinks')}</h2>
          <ul className="link-list">
            <li>
              <Link to="/organisasi">{t('home.links.org')}</Link>
            </li>
            <li>
              <Link to="/pegawai">{t('home.links.employees')}</Link>
            </li>
            {user.abilities['import.run'] ? (
              <li>
                <Link to="/impor">{t('home.links.import')}</Link>
              </li>
            ) : null}
            {user.abilities['audit.read'] ? (
              <li>
                <Link to="/audit">{t('home.links.audit')}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      </div>
    </div>
  );
}

/** "SKP saya" and, for atasan, the subordinates' SKPs by status (current period). */
function SkpCards() {
  const { t } = useTranslation();
  const periods = usePeriods();
  const period = defaultPeriod(periods.data);
  const mine = useMySkps(period?.id);
  const subs = useSubordinateSkps(period?.id);
  const own = mine.data?.[0];
  const subItems = subs.data?.items ?? [];
  const missing = subs.data?.missing ?? [];
  const hasSubordinates = subItems.length > 0 || missing.length > 0;
  if (!period) return null;
  const q = `?periode=${encodeURIComponent(period.id)}`;
  const counts = SKP_STATUSES.map((s) => ({
    status: s,
    n: subItems.filter((i) => i.status === s).length,
  })).filter((c) => c.n > 0);
  return (
    <div className="card-row">
      <section className="panel" aria-labelledby="myskp-h" data-testid="home-my-skp">
        <h2 id="myskp-h">{t('home.mySkp', { year: period.year })}</h2>
        {mine.isPending ? (
          <p className="muted">{t('common.loading')}</p>
        ) : mine.isError ? (
          <p className="muted">{errorMessage(mine.error, t('errors.generic'))}</p>
        ) : own ? (
          <>
            <dl className="facts facts-2">
              <div>
                <dt>{t('skp.fields.status')}</dt>
                <dd>
                  <SkpStatusBadge status={own.status} revision={own.revision} />
                </dd>
              </div>
              <div>
                <dt>{t('skp.fields.progress')}</dt>
                <dd>
                  <CapaianBadge value={own.progress} />
                </dd>
              </div>
            </dl>
            <p className="home-card-link">
              <Link className="btn btn-primary" to={`/skp${q}`}>
                {t('home.openMySkp')}
              </Link>
            </p>
          </>
        ) : (
          <>
            <p className="muted">{t('home.noSkpYet')}</p>
            <Link className="btn btn-primary" to={`/skp${q}`}>
              {t('home.makeSkp')}
            </Link>
          </>
        )}
      </section>
      {hasSubordinates ? (
        <section className="panel" aria-labelledby="subskp-h" data-testid="home-subordinate-skps">
          <h2 id="subskp-h">{t('home.subordinateSkps')}</h2>
          <ul className="status-counts">
            {counts.map((c) => (
              <li key={c.status}>
                <Badge tone={skpStatusTone(c.status)}>{t(`skp.status.${c.status}`)}</Badge>
                <strong>{formatNumber(c.n)}</strong>
              </li>
            ))}
            {missing.length > 0 ? (
              <li>
                <Badge tone="neutral">{t('skp.status.none')}</Badge>
                <strong>{formatNumber(missing.length)}</strong>
              </li>
            ) : null}
          </ul>
          {subItems.some((i) => i.status === 'submitted') ? (
            <p className="small">
              {t('home.awaitingYou', { count: subItems.filter((i) => i.status === 'submitted').length })}
            </p>
          ) : null}
          <Link className="btn" to={`/skp/bawahan${q}`}>
            {t('home.openApproval')}
          </Link>
        </section>
      ) : null}
    </div>
  );
}

/** "Hari ini" (today's minutes, the month gauge) and, for an atasan, the entries waiting for verification. */
function ActivityCards({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const dailyMax = useDailyMax();
  const today = todayJakarta();
  const day = useMyActivities({ date: today });
  const month = useMyWorkload(today.slice(0, 7));
  const queued = useActivityQueue(userId).filter((q) => q.body.date === today && !q.refused);
  const summary = useQueueSummary(true);
  const hasSubordinates = (summary.data?.employees.length ?? 0) > 0;
  // the count needs the pending entries themselves (direct subordinates only, so the list stays short)
  const pending = useQuery({
    queryKey: keys.activityQueue({ status: 'pending', count: true }),
    queryFn: () => api<ActivityQueue>('/activities/queue', { query: { status: 'pending', limit: 1000 } }),
    enabled: hasSubordinates,
    staleTime: 60_000,
  });
  const minutes = (day.data ?? []).filter((a) => a.status !== 'rejected').reduce((s, a) => s + a.minutes, 0);
  const queuedMinutes = queued.reduce((s, q) => s + q.minutes, 0);
  const w = month.data;
  const pendingCount = pending.data?.items.length ?? 0;
  return (
    <div className="card-row">
      <section className="panel today-card" aria-labelledby="today-h" data-testid="home-today">
        <h2 id="today-h">{t('home.today')}</h2>
        <div className="today-grid">
          <dl className="facts">
            <div>
              <dt>{t('home.todayMinutes')}</dt>
              <dd className="num" data-testid="home-today-minutes" data-minutes={minutes}>
                {day.isPending ? (
                  <span className="skeleton skeleton-inline" aria-hidden="true" />
                ) : (
                  <>
                    {formatNumber(minutes)} <span className="muted small">/ {minutesText(t, dailyMax)}</span>
                  </>
                )}
              </dd>
            </div>
            {queuedMinutes > 0 ? (
              <div>
                <dt>{t('activity.status.queued')}</dt>
                <dd className="num">{minutesText(t, queuedMinutes)}</dd>
              </div>
            ) : null}
          </dl>
          {w ? (
            <Link to="/beban-kerja" className="gauge-link" aria-label={t('home.openWorkload')}>
              <WorkloadGauge
                ratio={w.ratioUncapped}
                thresholds={w.thresholds}
                band={w.band}
                compact
                testId="home-gauge"
                caption={t('home.monthGauge')}
              />
            </Link>
          ) : null}
        </div>
        <p className="home-card-link">
          <Link className="btn btn-primary" to="/aktivitas" data-testid="home-log">
            {t('home.logActivity')}
          </Link>
        </p>
      </section>
      {hasSubordinates ? (
        <section className="panel" aria-labelledby="verify-h" data-testid="home-verify">
          <h2 id="verify-h">
            {t('home.awaitingVerification')}:{' '}
            <span data-testid="home-verify-count">
              {pending.isPending
                ? '…'
                : `${formatNumber(pendingCount)}${pending.data?.nextCursor ? '+' : ''}`}
            </span>
          </h2>
          <p className="muted">
            {pendingCount > 0
              ? t('home.verifyBody', {
                  minutes: minutesText(
                    t,
                    (pending.data?.items ?? []).reduce((s, a) => s + a.minutes, 0),
                  ),
                  people: new Set((pending.data?.items ?? []).map((a) => a.employee.id)).size,
                })
              : t('home.verifyNone')}
          </p>
          <Link className="btn" to="/aktivitas/verifikasi">
            {t('home.openVerification')}
          </Link>
        </section>
      ) : null}
    </div>
  );
}
