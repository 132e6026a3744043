import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../auth';
import { errorMessage } from '../components/Form';
import { usePageTitle } from '../components/ui';
import { formatNumber } from '../format';
import { useStats } from '../queries';

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
