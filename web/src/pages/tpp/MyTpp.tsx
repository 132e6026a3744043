import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { useUser } from '../../auth';
import { MonthNav, useMonthParam } from '../../components/activity';
import { EmptyState, ErrorState, Loading, usePageTitle } from '../../components/ui';
import { formatNip } from '../../format';
import { useEmployeeTpp, useMyTpp } from './data';
import { Explanation } from './Explanation';

function Body({ query, own }: { query: ReturnType<typeof useMyTpp>; own: boolean }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <div className="panel" aria-busy="true">
        <Loading rows={8} />
      </div>
    );
  }
  if (query.isError) {
    const hidden =
      query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403);
    return hidden ? (
      <div className="panel">
        <EmptyState title={t('tpp.me.notFound')}>{t('tpp.me.notFoundBody')}</EmptyState>
      </div>
    ) : (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  return <Explanation e={query.data} own={own} />;
}

/** `/tpp`: "TPP saya" — the caller's own TPP of a month, explained, with the reasons it may be cut. */
export function MyTppPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.myTpp'));
  const user = useUser();
  const [month, setMonth] = useMonthParam();
  const q = useMyTpp(month, !!user.employeeId);
  if (!user.employeeId) {
    return (
      <div className="page">
        <h1>{t('tpp.me.title')}</h1>
        <div className="panel">
          <EmptyState title={t('tpp.me.noEmployee')}>{t('tpp.me.noEmployeeBody')}</EmptyState>
        </div>
      </div>
    );
  }
  return (
    <div className="page" data-testid="tpp-me">
      <header className="page-header">
        <div>
          <h1>{t('tpp.me.title')}</h1>
          <p className="muted">{t('tpp.me.intro')}</p>
        </div>
        <MonthNav month={month} onChange={setMonth} />
      </header>
      <Body query={q} own />
    </div>
  );
}

/** `/tpp/pegawai/:id`: one employee's TPP (BKPSDM, pimpinan, inspektorat, or the employee). */
export function EmployeeTppPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const [month, setMonth] = useMonthParam();
  const q = useEmployeeTpp(id, month);
  const who = q.data?.employee;
  usePageTitle(who ? t('tpp.me.titleOf', { name: who.name }) : t('tpp.me.title'));
  return (
    <div className="page" data-testid="tpp-employee">
      <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
        <ol>
          <li>
            <Link to={`/tpp/proses?bulan=${month}`}>{t('nav.tppRuns')}</Link>
          </li>
          <li aria-current="page">{who?.name ?? t('tpp.me.title')}</li>
        </ol>
      </nav>
      <header className="page-header">
        <div>
          <h1>{who ? t('tpp.me.titleOf', { name: who.name }) : t('tpp.me.title')}</h1>
          {who ? (
            <p className="muted">
              <span className="mono">{formatNip(who.nip)}</span>
            </p>
          ) : null}
        </div>
        <MonthNav month={month} onChange={setMonth} />
      </header>
      <Body query={q} own={id === user.employeeId} />
    </div>
  );
}
