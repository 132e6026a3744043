import './dashboard.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { useUser } from '../../auth';
import { formatMonth, MonthNav, ratioText, useMonthParam } from '../../components/activity';
import { EmptyState, ErrorState, Loading, usePageTitle } from '../../components/ui';
import { formatDate, formatNumber } from '../../format';
import { useLang } from '../../queries';
import { Charts } from './Charts';
import { DashboardSearch } from './DashboardSearch';
import {
  type DashboardView,
  exportUrl,
  type Figures,
  type LiveState,
  useDashboard,
  useDashboardStream,
  useSecondsSince,
} from './data';
import { GoalsList } from './Goals';
import { PeopleTable } from './People';
import { hoursText, Ranking, type SortKey, useSort } from './Ranking';
import { Warnings } from './Warnings';

/** `/dasbor`: the city for pimpinan, BKPSDM and the inspectorate; an admin_opd lands on their OPD. */
export function CityDashboardPage() {
  const user = useUser();
  const { t } = useTranslation();
  const location = useLocation();
  usePageTitle(t('dashboard.title'));
  if (!user.abilities['workload.city']) {
    const own = user.roles.find((r) => r.role === 'admin_opd' && r.unitId)?.unitId;
    if (own) return <Navigate to={`/dasbor/unit/${encodeURIComponent(own)}${location.search}`} replace />;
    return (
      <div className="page">
        <div className="panel">
          <EmptyState title={t('dashboard.notAllowed')}>{t('dashboard.notAllowedBody')}</EmptyState>
        </div>
      </div>
    );
  }
  return <Dashboard unitId={null} />;
}

/** `/dasbor/unit/:id`: an OPD (its units ranked) or a unit (its sub-units and people). */
export function UnitDashboardPage() {
  const { id = '' } = useParams();
  return <Dashboard key={id} unitId={id} />;
}

function Dashboard({ unitId }: { unitId: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [month, setMonth] = useMonthParam();
  const [params] = useSearchParams();
  const q = useDashboard(unitId, month);
  const live = useDashboardStream(unitId);
  const [sort, setSort] = useSort();
  const d = q.data;
  const title = d
    ? d.scope.level === 'city'
      ? t('dashboard.title')
      : d.scope.unit.name
    : t('dashboard.title');
  usePageTitle(title);
  const keep = params.toString();

  return (
    <div className="page page-wide dashboard" data-testid="dashboard">
      <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
        <ol>
          {(d?.scope.breadcrumbs ?? []).map((b, i, all) => {
            const last = i === all.length - 1;
            const label = b.level === 'city' ? t('dashboard.cityCrumb') : b.name;
            const to = b.level === 'city' ? '/dasbor' : `/dasbor/unit/${encodeURIComponent(b.id)}`;
            const reachable = b.level !== 'city' || d?.abilities.city;
            return (
              <li key={b.id} aria-current={last ? 'page' : undefined}>
                {last || !reachable ? label : <Link to={`${to}${keep ? `?${keep}` : ''}`}>{label}</Link>}
              </li>
            );
          })}
        </ol>
      </nav>
      <header className="page-header dashboard-header">
        <div>
          <h1>{title}</h1>
          <p className="muted">
            {d ? (
              <>
                {t(`dashboard.level.${d.scope.level}`)} ·{' '}
                {t('dashboard.todayIs', { date: formatDate(d.today, lang) })}
              </>
            ) : (
              ' '
            )}
          </p>
          <LiveStatus state={live.state} fetchedAt={q.dataUpdatedAt || null} version={d?.version} />
        </div>
        <div className="actions header-tools dashboard-tools">
          <DashboardSearch />
          <MonthNav month={month} onChange={setMonth} />
        </div>
      </header>

      {q.isPending ? (
        <div className="panel">
          <Loading rows={8} />
        </div>
      ) : q.isError && !d ? (
        q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404) ? (
          <div className="panel">
            <EmptyState title={t('dashboard.notAllowed')}>
              {q.error.status === 404 ? t('dashboard.notFound') : t('dashboard.notAllowedBody')}
            </EmptyState>
          </div>
        ) : (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        )
      ) : d ? (
        <div aria-busy={q.isFetching}>
          <Headline d={d} sort={sort.key} onSort={(key) => setSort({ key, dir: 'desc' })} />
          <Warnings d={d} unitId={unitId} />
          <Ranking d={d} sort={sort} onSort={setSort} />
          <Charts d={d} unitId={unitId} />
          <GoalsList d={d} />
          {d.people ? <PeopleTable d={d} unitId={unitId} /> : null}
          <p className="dashboard-foot">
            <a className="btn" href={exportUrl('all', unitId, d.month)} download data-testid="export-all">
              {t('dashboard.exportAll')}
            </a>
            <span className="muted small">{formatMonth(d.month, lang)}</span>
          </p>
        </div>
      ) : null}
    </div>
  );
}

/** "Live · updated 5 seconds ago": ticking text (not announced), and one announcement per new figure set. */
function LiveStatus({
  state,
  fetchedAt,
  version,
}: {
  state: LiveState;
  fetchedAt: number | null;
  version: number | undefined;
}) {
  const { t } = useTranslation();
  const seconds = useSecondsSince(fetchedAt);
  const [announce, setAnnounce] = useState('');
  const first = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (version === undefined) return;
    if (first.current === undefined) {
      first.current = version;
      return;
    }
    if (version !== first.current) setAnnounce(t('dashboard.live.announce'));
  }, [version, t]);
  const ago =
    seconds === null
      ? ''
      : seconds < 5
        ? t('dashboard.live.justNow')
        : seconds < 120
          ? t('dashboard.live.secondsAgo', { count: seconds })
          : t('dashboard.live.minutesAgo', { count: Math.floor(seconds / 60) });
  return (
    <p
      className={`live-status live-${state}`}
      data-testid="live-status"
      data-state={state}
      title={t('dashboard.live.help')}
    >
      <span className="live-dot" aria-hidden="true" />
      <span>{t(`dashboard.live.${state}`)}</span>
      {ago ? (
        <span className="muted" data-testid="updated-ago">
          · {t('dashboard.live.updated', { ago })}
        </span>
      ) : null}
      <span className="sr-only" aria-live="polite">
        {announce}
      </span>
    </p>
  );
}

function Headline({ d, sort, onSort }: { d: DashboardView; sort: SortKey; onSort: (k: SortKey) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const h: Figures = d.headline;
  const tiles: {
    key: SortKey;
    label: string;
    value: string;
    sub: string;
    testId: string;
  }[] = [
    {
      key: 'skpShare',
      label: d.period ? `${t('dashboard.headline.skp')} (${d.period.year})` : t('dashboard.headline.skp'),
      value: formatNumber(h.skpApproved),
      sub: t('dashboard.headline.skpOf', { total: formatNumber(h.people), share: ratioText(h.skpShare) }),
      testId: 'kpi-skp',
    },
    {
      key: 'activitiesToday',
      label: t('dashboard.headline.today'),
      value: formatNumber(h.activitiesToday),
      sub: t('dashboard.headline.todayPeople', { count: h.loggingToday }),
      testId: 'kpi-today',
    },
    {
      key: 'activitiesMonth',
      label: t('dashboard.headline.month', { month: formatMonth(d.month, lang, 'short') }),
      value: formatNumber(h.activitiesMonth),
      sub: t('dashboard.headline.monthPeople', { count: h.loggingMonth }),
      testId: 'kpi-month',
    },
    {
      key: 'backlogMinutes',
      label: t('dashboard.headline.backlog'),
      value: hoursText(t, h.backlogMinutes),
      sub: t('dashboard.headline.backlogPeople', {
        count: h.backlogPeople,
        months: d.backlogMonths.map((m) => formatMonth(m, lang, 'short')).join(', '),
      }),
      testId: 'kpi-backlog',
    },
    {
      key: 'avgWorkload',
      label: t('dashboard.headline.workload'),
      value: ratioText(h.avgWorkload),
      sub: t('dashboard.headline.workloadBands', {
        under: formatNumber(h.under),
        normal: formatNumber(h.normal),
        over: formatNumber(h.over),
      }),
      testId: 'kpi-workload',
    },
  ];
  if (d.predikat && h.evaluated !== undefined)
    tiles.push({
      key: 'predikatGoodShare',
      label: t('dashboard.headline.predikat'),
      value: ratioText(h.predikatGoodShare ?? null),
      sub: t('dashboard.headline.predikatOf', {
        count: formatNumber(h.evaluated),
        kind: d.predikat.kind.toUpperCase(),
        year: d.predikat.year,
      }),
      testId: 'kpi-predikat',
    });
  if (d.tpp && h.tppTotal !== undefined)
    tiles.push({
      key: 'tppTotal',
      label: t('dashboard.headline.tpp', { month: formatMonth(d.tpp.month, lang, 'short') }),
      value: `Rp ${formatNumber(h.tppTotal)}`,
      sub: t('dashboard.headline.tppOf', { count: formatNumber(h.tppPeople ?? 0), status: d.tpp.status }),
      testId: 'kpi-tpp',
    });
  return (
    <section aria-labelledby="kpi-h" className="kpis-section">
      <h2 id="kpi-h" className="sr-only">
        {t('dashboard.headline.title')}
      </h2>
      <ul className="kpis">
        {tiles.map((tile) => (
          <li key={tile.key}>
            <button
              type="button"
              className="kpi"
              aria-pressed={sort === tile.key}
              onClick={() => onSort(tile.key)}
              data-testid={tile.testId}
              title={t('dashboard.headline.rankBy', { label: tile.label })}
            >
              <span className="kpi-label">{tile.label}</span>
              <span className="kpi-value">{tile.value}</span>
              <span className="kpi-sub">{tile.sub}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
