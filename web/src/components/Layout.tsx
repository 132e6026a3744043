import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useActivityQueueSync } from '../activityQueue';
import { useLogout, useUser } from '../auth';
import { formatNumber } from '../format';
import { useInbox, useQueueSummary } from '../queries';
import { LangSwitch } from './LangSwitch';
import { PersonSearch } from './PersonSearch';
import { useMediaQuery } from './ui';

export function Layout() {
  const { t } = useTranslation();
  const user = useUser();
  const logout = useLogout();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  // At phone width the navigation is a menu: its links exist only while it is open.
  const phone = useMediaQuery('(max-width: 640px)');
  const showNav = !phone || navOpen;
  const mainRef = useRef<HTMLElement>(null);
  const menuRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);

  // Close the phone menu after navigating; move focus to the content for screen readers.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change only
  useEffect(() => {
    setNavOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  // Escape closes the phone menu and returns focus to its button.
  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setNavOpen(false);
        menuRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navOpen]);

  const inbox = useInbox();
  const unread = inbox.data?.unread ?? 0;
  // Activities logged offline go out from whatever page is open.
  useActivityQueueSync(user.employeeId ? user.id : null);
  // The verification queue answers an empty list of subordinates for people without staff.
  const queue = useQueueSummary(!!user.employeeId);
  const hasSubordinates = (queue.data?.employees.length ?? 0) > 0;
  const cityReader = !!user.abilities['workload.city'];
  const adminOpdUnit = user.roles.find((r) => r.role === 'admin_opd' && r.unitId)?.unitId ?? null;

  const links = [
    { to: '/', label: t('nav.home'), end: true, show: true },
    {
      to: '/dasbor',
      label: cityReader ? t('nav.dashboard') : t('nav.dashboardOpd'),
      show: cityReader || !!adminOpdUnit,
    },
    { to: '/akun', label: t('nav.account'), end: true, show: !!user.employeeId },
    { to: '/skp', label: t('nav.skp'), end: true, show: !!user.employeeId },
    { to: '/skp/bawahan', label: t('nav.skpApproval'), show: !!user.employeeId },
    { to: '/aktivitas', label: t('nav.activities'), end: true, show: !!user.employeeId },
    { to: '/aktivitas/verifikasi', label: t('nav.verify'), show: hasSubordinates },
    { to: '/beban-kerja', label: t('nav.myWorkload'), end: true, show: !!user.employeeId },
    { to: '/beban-kerja/kota', label: t('nav.cityWorkload'), show: cityReader },
    {
      to: `/beban-kerja/unit/${encodeURIComponent(adminOpdUnit ?? '')}`,
      label: t('nav.unitWorkload'),
      show: !cityReader && !!adminOpdUnit,
    },
    { to: '/abk', label: t('nav.abk'), show: cityReader || !!adminOpdUnit },
    { to: '/penilaian/saya', label: t('nav.myEvaluation'), show: !!user.employeeId },
    { to: '/penilaian', label: t('nav.evaluation'), end: true, show: hasSubordinates },
    { to: '/penilaian/keberatan', label: t('nav.objections'), show: hasSubordinates },
    {
      to: '/penilaian/kurva',
      label: t('nav.curve'),
      show: hasSubordinates || cityReader || !!adminOpdUnit || user.roles.some((r) => r.role === 'bkpsdm'),
    },
    { to: '/kehadiran', label: t('nav.attendance'), end: true, show: !!user.employeeId },
    { to: '/kehadiran/bawahan', label: t('nav.attendanceTeam'), show: hasSubordinates },
    { to: '/kehadiran/unit', label: t('nav.attendanceUnit'), show: cityReader || !!adminOpdUnit },
    {
      to: '/kehadiran/cuti',
      label: t('nav.leave'),
      show: user.roles.some((r) => r.role === 'bkpsdm' || r.role === 'admin_opd'),
    },
    { to: '/kehadiran/impor', label: t('nav.attendanceImport'), show: !!user.abilities['import.run'] },
    { to: '/tpp', label: t('nav.myTpp'), end: true, show: !!user.employeeId },
    {
      to: '/tpp/proses',
      label: t('nav.tppRuns'),
      show: user.roles.some((r) => r.role === 'bkpsdm' || r.role === 'pimpinan' || r.role === 'inspektorat'),
    },
    { to: '/sasaran', label: t('nav.goals'), show: true },
    { to: '/organisasi', label: t('nav.org'), show: true },
    { to: '/pegawai', label: t('nav.employees'), show: true },
    { to: '/impor', label: t('nav.import'), show: !!user.abilities['import.run'] },
    { to: '/audit', label: t('nav.audit'), show: !!user.abilities['audit.read'] },
    { to: '/pengaturan/katalog', label: t('nav.catalog'), show: cityReader || !!adminOpdUnit },
    { to: '/pengaturan/kalender', label: t('nav.workCalendar'), show: cityReader || !!adminOpdUnit },
    { to: '/pengaturan/tpp', label: t('nav.tppSettings'), show: user.roles.some((r) => r.role === 'bkpsdm') },
    { to: '/kotak-masuk', label: t('nav.inbox'), show: true, count: unread },
  ].filter((l) => l.show);

  return (
    <div className={`app${navOpen ? ' nav-open' : ''}`}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          ref={menuRef}
          aria-expanded={navOpen}
          aria-controls="sidenav"
          onClick={() => setNavOpen((o) => !o)}
        >
          <span className="menu-icon" aria-hidden="true" />
          <span className="sr-only">{t('nav.menu')}</span>
        </button>
        {/* the name is hidden at phone width: the label keeps the link named */}
        <NavLink to="/" className="brand" end aria-label="Kinerja">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>Kinerja</span>
        </NavLink>
        <span className="tenant" title={t('nav.city')}>
          {user.tenant.name}
        </span>
        <PersonSearch />
        <div className="topbar-end">
          <Link
            to="/kotak-masuk"
            className="inbox-link"
            title={t('nav.inbox')}
            aria-label={unread > 0 ? t('nav.inboxUnread', { count: unread }) : t('nav.inbox')}
          >
            <span className="bell" aria-hidden="true" />
            {unread > 0 ? (
              <span className="inbox-count" data-testid="inbox-badge" aria-hidden="true">
                {unread > 99 ? '99+' : formatNumber(unread)}
              </span>
            ) : null}
          </Link>
          <span className="user-name" title={user.username}>
            {user.displayName}
          </span>
          <LangSwitch />
          <button
            type="button"
            className="btn btn-ghost btn-small"
            data-testid="logout"
            onClick={() => void logout()}
          >
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <div className="shell">
        <nav id="sidenav" className="sidenav" aria-label={t('nav.main')} hidden={!showNav}>
          {showNav ? (
            <>
              <ul>
                {links.map((l) => (
                  <li key={l.to}>
                    <NavLink to={l.to} end={l.end}>
                      {l.label}
                      {l.count ? (
                        <span className="nav-count">
                          <span className="sr-only">(</span>
                          {t('nav.unreadShort', { count: l.count })}
                          <span className="sr-only">)</span>
                        </span>
                      ) : null}
                    </NavLink>
                  </li>
                ))}
              </ul>
              <div className="sidenav-foot">
                <span className="user-name-mobile">{user.displayName}</span>
              </div>
            </>
          ) : null}
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1} className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
