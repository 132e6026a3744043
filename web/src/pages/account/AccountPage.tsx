import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { useUser } from '../../auth';
import { currentMonth, MonthNav, useMonthParam } from '../../components/activity';
import { EmployeeStatusBadge } from '../../components/badges';
import { Badge, EmptyState, ErrorState, Loading, usePageTitle } from '../../components/ui';
import { formatNip, formatNumber } from '../../format';
import './account.css';
import { useAccount } from './queries';
import {
  AttendancePanel,
  FeedbackPanel,
  PredikatPanel,
  SkpPanel,
  TalentPanel,
  TimelinePanel,
  TppPanel,
  VerificationPanel,
  WorkloadPanel,
} from './sections';
import type { Account, AccountRef } from './types';

/** `/akun`: the caller's own performance account. */
export function MyAccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  usePageTitle(t('account.mineTitle'));
  if (!user.employeeId) {
    return (
      <div className="page">
        <h1>{t('account.mineTitle')}</h1>
        <div className="panel">
          <EmptyState title={t('account.noEmployee')}>{t('account.noEmployeeBody')}</EmptyState>
        </div>
      </div>
    );
  }
  return <AccountView id={user.employeeId} own />;
}

/** `/akun/:employeeId`: someone's account (the server decides whether the caller may see it). */
export function EmployeeAccountPage() {
  const { employeeId = '' } = useParams();
  const user = useUser();
  return <AccountView id={employeeId} own={employeeId === user.employeeId} />;
}

function Rater({ label, person }: { label: string; person: AccountRef | null }) {
  const { t } = useTranslation();
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {person ? (
          <>
            <Link to={`/pegawai/${encodeURIComponent(person.employeeId)}`}>{person.name}</Link>
            {person.acting ? (
              <>
                {' '}
                <abbr className="acting-marker" title={t('positions.actingKind.plt')}>
                  {t('account.identity.acting')}
                </abbr>
              </>
            ) : null}
            <div className="mono small">{formatNip(person.nip)}</div>
            <div className="muted small">{person.positionName}</div>
          </>
        ) : (
          <span className="muted">{t('account.identity.none')}</span>
        )}
      </dd>
    </div>
  );
}

function IdentityPanel({ a }: { a: Account }) {
  const { t } = useTranslation();
  const e = a.employee;
  return (
    <section className="panel" aria-labelledby="acc-id-h" data-testid="account-identity">
      <h2 id="acc-id-h">{t('account.identity.title')}</h2>
      <dl className="facts facts-2">
        <div>
          <dt>{t('account.identity.position')}</dt>
          <dd>{e.position?.name ?? <span className="muted">{t('account.identity.noPosition')}</span>}</dd>
        </div>
        <div>
          <dt>{t('account.identity.kelas')}</dt>
          <dd>{e.position ? formatNumber(e.position.kelas) : '—'}</dd>
        </div>
        <div>
          <dt>{t('account.identity.unit')}</dt>
          <dd>
            {e.unit ? (
              <Link to={`/organisasi?unit=${encodeURIComponent(e.unit.id)}`}>{e.unit.name}</Link>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>{t('account.identity.opd')}</dt>
          <dd>{e.opd?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('account.identity.asnType')}</dt>
          <dd>{e.asnType}</dd>
        </div>
        <div>
          <dt>{t('account.identity.golongan')}</dt>
          <dd>{e.golongan ?? '—'}</dd>
        </div>
        <Rater label={t('account.identity.atasan')} person={a.atasan} />
        <Rater label={t('account.identity.atasanPenilai')} person={a.atasanPenilai} />
      </dl>
    </section>
  );
}

function AccountView({ id, own }: { id: string; own: boolean }) {
  const { t } = useTranslation();
  const [month, setMonth] = useMonthParam();
  const q = useAccount(id, month);
  const a = q.data;
  const title = own
    ? t('account.mineTitle')
    : a
      ? t('account.titleOf', { name: a.employee.name })
      : t('account.title');
  usePageTitle(title);

  if (q.isPending) {
    return (
      <div className="page" aria-busy="true">
        <h1>{title}</h1>
        <div className="panel">
          <Loading rows={6} />
        </div>
      </div>
    );
  }
  if (q.isError || !a) {
    const notFound = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 403);
    return (
      <div className="page">
        <h1>{t('account.title')}</h1>
        <div className="panel">
          {notFound ? (
            <EmptyState title={t('account.notFound')}>
              <p>{t('account.notFoundBody')}</p>
            </EmptyState>
          ) : (
            <ErrorState error={q.error} onRetry={() => void q.refetch()} />
          )}
        </div>
      </div>
    );
  }

  const e = a.employee;
  const bulan = month !== currentMonth() ? `?bulan=${encodeURIComponent(month)}` : '';
  const workloadLink = own
    ? `/beban-kerja${bulan}`
    : a.abilities.openWorkload
      ? `/beban-kerja/pegawai/${encodeURIComponent(e.id)}${bulan}`
      : null;

  return (
    <div className="page" data-testid="account-page" data-employee={e.id}>
      {!own ? (
        <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
          <ol>
            <li>
              <Link to="/pegawai">{t('nav.employees')}</Link>
            </li>
            <li>
              <Link to={`/pegawai/${encodeURIComponent(e.id)}`}>{e.name}</Link>
            </li>
            <li aria-current="page">{t('account.crumb')}</li>
          </ol>
        </nav>
      ) : null}
      <header className="account-head">
        <div>
          <h1>{own ? t('account.mineTitle') : e.name}</h1>
          <p className="account-sub">
            {own ? <strong>{e.name}</strong> : null}
            <span className="mono">NIP {formatNip(e.nip)}</span>
            <Badge tone="info">{e.asnType}</Badge>
            {e.status !== 'active' ? <EmployeeStatusBadge status={e.status} /> : null}
          </p>
          <p className="account-sub">
            {[e.position?.name, e.unit?.name].filter(Boolean).join(' · ') || t('account.identity.noPosition')}
          </p>
        </div>
        <MonthNav month={month} onChange={setMonth} />
      </header>
      <ul className="account-links">
        <li>
          <Link className="btn btn-small" to={`/pegawai/${encodeURIComponent(e.id)}`}>
            {t('account.links.profile')}
          </Link>
        </li>
        {a.skp && a.abilities.openSkp ? (
          <li>
            <Link className="btn btn-small" to={`/skp/${encodeURIComponent(a.skp.id)}`}>
              {t('account.links.skp')}
            </Link>
          </li>
        ) : null}
        {workloadLink ? (
          <li>
            <Link className="btn btn-small" to={workloadLink}>
              {t('account.links.workload')}
            </Link>
          </li>
        ) : null}
        {a.abilities.verify ? (
          <li>
            <Link className="btn btn-small" to="/aktivitas/verifikasi">
              {t('account.links.verify')}
            </Link>
          </li>
        ) : null}
        {own ? (
          <li>
            <Link className="btn btn-small btn-primary" to="/aktivitas">
              {t('account.links.activities')}
            </Link>
          </li>
        ) : null}
      </ul>
      <div className="account-grid" aria-busy={q.isFetching}>
        <IdentityPanel a={a} />
        <WorkloadPanel a={a} />
        <SkpPanel a={a} own={own} />
        <VerificationPanel a={a} own={own} />
        <AttendancePanel a={a} />
        <TppPanel a={a} />
        <PredikatPanel a={a} />
        <TalentPanel a={a} />
        <FeedbackPanel a={a} />
        <TimelinePanel a={a} workloadLink={workloadLink} />
      </div>
    </div>
  );
}
