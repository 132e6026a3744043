import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { useUser } from '../auth';
import {
  BarChart,
  formatMonth,
  MonthNav,
  minutesText,
  ratioText,
  UnitPickerDialog,
  useMonthParam,
  useView,
  ViewToggle,
} from '../components/activity';
import { Badge, EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../components/ui';
import { formatNip, formatNumber } from '../format';
import { useCityWorkload, useLang, useUnits, useUnitWorkload } from '../queries';
import type { PersonLoad, Unit, User, WorkloadDistribution } from '../types';

const PEOPLE_SHOWN = 10;

/** Units this user may look at: everything for city-wide roles, the OPD subtree for an admin OPD. */
export function useScopedUnits(user: User) {
  const units = useUnits();
  const cityWide = !!user.abilities['workload.city'];
  const own = user.roles.filter((r) => r.role === 'admin_opd' && r.unitId).map((r) => r.unitId as string);
  const all = units.data ?? [];
  const paths = all.filter((u) => own.includes(u.id)).map((u) => u.path);
  const scoped: Unit[] = cityWide ? all : all.filter((u) => paths.some((p) => u.path.startsWith(p)));
  return { units, scoped, cityWide, ownUnitId: own[0] ?? null };
}

/** `/beban-kerja/kota`: the city, one row per OPD. */
export function CityWorkloadPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.cityWorkload'));
  const [month, setMonth] = useMonthParam();
  const q = useCityWorkload(month);
  return (
    <DistributionPage
      title={t('workload.cityTitle')}
      month={month}
      setMonth={setMonth}
      query={q}
      rowsTitle={t('workload.perOpd')}
      unitColumn={t('workload.opd')}
    />
  );
}

/** `/beban-kerja/unit/:id`: a unit subtree, one row per sub-unit. */
export function UnitWorkloadPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [month, setMonth] = useMonthParam();
  const q = useUnitWorkload(id, month);
  usePageTitle(q.data ? t('workload.unitTitle', { name: q.data.unit.name }) : t('nav.unitWorkload'));
  return (
    <DistributionPage
      title={q.data ? t('workload.unitTitle', { name: q.data.unit.name }) : t('nav.unitWorkload')}
      month={month}
      setMonth={setMonth}
      query={q}
      unitId={id}
      rowsTitle={t('workload.perUnit')}
      unitColumn={t('employees.fields.unit')}
    />
  );
}

function DistributionPage({
  title,
  month,
  setMonth,
  query,
  unitId,
  rowsTitle,
  unitColumn,
}: {
  title: string;
  month: string;
  setMonth: (m: string) => void;
  query: ReturnType<typeof useCityWorkload>;
  unitId?: string;
  rowsTitle: string;
  unitColumn: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const navigate = useNavigate();
  const { units, scoped, cityWide } = useScopedUnits(user);
  const [picking, setPicking] = useState(false);
  const d = query.data;
  const monthQ = month ? `?bulan=${month}` : '';

  return (
    <div className="page page-wide">
      <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
        <ol>
          {cityWide ? (
            <li>
              {unitId ? (
                <Link to={`/beban-kerja/kota${monthQ}`}>{t('workload.city')}</Link>
              ) : (
                t('workload.city')
              )}
            </li>
          ) : null}
          {unitId ? <li aria-current="page">{d?.unit.name ?? t('common.loading')}</li> : null}
        </ol>
      </nav>
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="muted">{t('workload.distIntro')}</p>
        </div>
        <div className="actions header-tools">
          <div className="field">
            <span className="label-like">{t('employees.fields.unit')}</span>
            <button type="button" className="btn" onClick={() => setPicking(true)} data-testid="unit-pick">
              {t('workload.pickUnit')}
            </button>
          </div>
          <MonthNav month={month} onChange={setMonth} />
        </div>
      </header>

      {query.isPending ? (
        <div className="panel">
          <Loading rows={8} />
        </div>
      ) : query.isError ? (
        query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404) ? (
          <div className="panel">
            <EmptyState title={t('workload.notAllowed')}>{t('workload.notAllowedBody')}</EmptyState>
          </div>
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : d ? (
        <div aria-busy={query.isFetching}>
          <Summary d={d} />
          <Histogram d={d} />
          <div className="card-row">
            <PeopleList
              title={t('workload.overloaded', { over: ratioText(d.thresholds.over) })}
              people={d.overloaded}
              testId="overloaded"
              month={d.month}
              empty={t('workload.noneOver')}
            />
            <PeopleList
              title={t('workload.underloaded', { under: ratioText(d.thresholds.under) })}
              people={d.underloaded}
              testId="underloaded"
              month={d.month}
              empty={t('workload.noneUnder')}
            />
          </div>
          <RowsTable d={d} title={rowsTitle} unitColumn={unitColumn} month={month} />
          <p className="hint">{t('workload.monthNote', { month: formatMonth(d.month, lang) })}</p>
        </div>
      ) : null}

      {picking ? (
        <UnitPickerDialog
          title={t('workload.pickUnit')}
          units={scoped}
          value={unitId ?? ''}
          loading={units.isPending}
          onClose={() => setPicking(false)}
          onPick={(id) => {
            setPicking(false);
            navigate(`/beban-kerja/unit/${encodeURIComponent(id)}${monthQ}`);
          }}
        />
      ) : null}
    </div>
  );
}

function Summary({ d }: { d: WorkloadDistribution }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="sum-h">
      <h2 id="sum-h" className="sr-only">
        {t('workload.summary')}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('workload.people')}</dt>
          <dd className="num">{formatNumber(d.people)}</dd>
        </div>
        <div>
          <dt>{t('workload.ratio')}</dt>
          <dd className="num" data-testid="dist-ratio">
            {ratioText(d.ratio)}
          </dd>
        </div>
        <div>
          <dt>{t('workload.band.under')}</dt>
          <dd>
            <Badge tone="warn">{formatNumber(d.bands.under)}</Badge>
          </dd>
        </div>
        <div>
          <dt>{t('workload.band.normal')}</dt>
          <dd>
            <Badge tone="ok">{formatNumber(d.bands.normal)}</Badge>
          </dd>
        </div>
        <div>
          <dt>{t('workload.band.over')}</dt>
          <dd>
            <Badge tone="danger">{formatNumber(d.bands.over)}</Badge>
          </dd>
        </div>
        <div>
          <dt>{t('workload.approved')}</dt>
          <dd className="num">{minutesText(t, d.approvedMinutes)}</dd>
        </div>
        <div>
          <dt>{t('workload.effective')}</dt>
          <dd className="num">{minutesText(t, d.effectiveMinutes)}</dd>
        </div>
        <div>
          <dt>{t('workload.workingDays')}</dt>
          <dd className="num">{formatNumber(d.workingDays)}</dd>
        </div>
      </dl>
      {d.withoutEffectiveTime > 0 ? (
        <p className="hint">{t('workload.withoutEffective', { count: d.withoutEffectiveTime })}</p>
      ) : null}
    </section>
  );
}

function bucketTone(from: number, to: number | null, th: { under: number; over: number }) {
  if ((to ?? Number.POSITIVE_INFINITY) <= th.under) return 'warn' as const;
  if (from >= th.over) return 'danger' as const;
  return 'ok' as const;
}

function Histogram({ d }: { d: WorkloadDistribution }) {
  const { t } = useTranslation();
  const [view, setView] = useView('chart');
  const measured = d.people - d.withoutEffectiveTime;
  return (
    <section className="panel" aria-labelledby="hist-h" data-testid="workload-histogram">
      <div className="section-head">
        <h2 id="hist-h">{t('workload.distribution')}</h2>
        <ViewToggle view={view} onChange={setView} label={t('workload.distribution')} />
      </div>
      {view === 'chart' ? (
        <BarChart
          caption={t('workload.histCaption')}
          bars={d.buckets.map((b) => ({
            key: b.label,
            label: b.label,
            value: b.count,
            valueLabel: formatNumber(b.count),
            tone: bucketTone(b.from, b.to, d.thresholds),
            describe: t('workload.histBar', { range: b.label, count: b.count }),
          }))}
        />
      ) : (
        <TableWrap label={t('workload.distribution')} testId="histogram-table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('workload.ratioRange')}</th>
                <th scope="col" className="num">
                  {t('workload.people')}
                </th>
                <th scope="col" className="num">
                  {t('workload.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.buckets.map((b) => (
                <tr key={b.label}>
                  <td>{b.label}</td>
                  <td className="num">{formatNumber(b.count)}</td>
                  <td className="num">{measured > 0 ? ratioText(b.count / measured) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function PeopleList({
  title,
  people,
  testId,
  month,
  empty,
}: {
  title: string;
  people: PersonLoad[];
  testId: string;
  month: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? people : people.slice(0, PEOPLE_SHOWN);
  return (
    <section className="panel" aria-label={title} data-testid={testId}>
      <h2>
        {title} <span className="count muted">({formatNumber(people.length)})</span>
      </h2>
      {people.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <TableWrap label={title}>
          <table className="table table-rowlinks table-compact">
            <thead>
              <tr>
                <th scope="col">{t('skp.fields.employee')}</th>
                <th scope="col" className="num">
                  {t('workload.ratio')}
                </th>
                <th scope="col" className="num">
                  {t('workload.approved')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.employeeId}>
                  <td>
                    <Link
                      className="row-link"
                      to={`/beban-kerja/pegawai/${encodeURIComponent(p.employeeId)}?bulan=${month}`}
                    >
                      {p.name}
                    </Link>
                    <span className="nip">{formatNip(p.nip)}</span>
                    <span className="cell-sub">
                      {[p.positionName, p.unitName].filter(Boolean).join(' · ')}
                    </span>
                  </td>
                  <td className="num">{ratioText(p.ratio)}</td>
                  <td className="num nowrap">{formatNumber(p.approvedMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {people.length > PEOPLE_SHOWN ? (
        <div className="load-more">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setAll((v) => !v)}
            aria-expanded={all}
          >
            {all ? t('workload.showFewer') : t('workload.showAll', { count: people.length })}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function RowsTable({
  d,
  title,
  unitColumn,
  month,
}: {
  d: WorkloadDistribution;
  title: string;
  unitColumn: string;
  month: string;
}) {
  const { t } = useTranslation();
  const monthQ = month ? `?bulan=${month}` : '';
  const rows = [...d.rows].sort((a, b) => (a.unitId === d.unit.id ? -1 : b.unitId === d.unit.id ? 1 : 0));
  return (
    <section className="panel" aria-labelledby="rows-h" data-testid="workload-rows">
      <h2 id="rows-h">
        {title} <span className="count muted">({formatNumber(rows.length)})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('workload.noRows')}</p>
      ) : (
        <TableWrap label={title}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{unitColumn}</th>
                <th scope="col" className="num">
                  {t('workload.people')}
                </th>
                <th scope="col" className="num">
                  {t('workload.logging')}
                </th>
                <th scope="col" className="num">
                  {t('workload.approved')}
                </th>
                <th scope="col" className="num">
                  {t('workload.pending')}
                </th>
                <th scope="col" className="num">
                  {t('workload.ratio')}
                </th>
                <th scope="col" className="num">
                  {t('workload.band.under')}
                </th>
                <th scope="col" className="num">
                  {t('workload.band.normal')}
                </th>
                <th scope="col" className="num">
                  {t('workload.band.over')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const self = r.unitId === d.unit.id;
                return (
                  <tr key={r.unitId} data-testid="workload-row">
                    <td>
                      {self ? (
                        <span className="cell-main">
                          {r.name} <span className="muted small">{t('workload.directly')}</span>
                        </span>
                      ) : (
                        <Link
                          className="cell-main"
                          to={`/beban-kerja/unit/${encodeURIComponent(r.unitId)}${monthQ}`}
                        >
                          {r.name}
                        </Link>
                      )}
                    </td>
                    <td className="num">{formatNumber(r.people)}</td>
                    <td className="num">{formatNumber(r.loggingPeople)}</td>
                    <td className="num">{formatNumber(r.approvedMinutes)}</td>
                    <td className="num">{formatNumber(r.pendingMinutes)}</td>
                    <td className="num">{ratioText(r.ratio)}</td>
                    <td className="num">{formatNumber(r.under)}</td>
                    <td className="num">{formatNumber(r.normal)}</td>
                    <td className="num">{formatNumber(r.over)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row">{t('workload.total')}</th>
                <td className="num">{formatNumber(d.people)}</td>
                <td className="num">{formatNumber(rows.reduce((s, r) => s + r.loggingPeople, 0))}</td>
                <td className="num">{formatNumber(d.approvedMinutes)}</td>
                <td className="num">{formatNumber(rows.reduce((s, r) => s + r.pendingMinutes, 0))}</td>
                <td className="num">{ratioText(d.ratio)}</td>
                <td className="num">{formatNumber(d.bands.under)}</td>
                <td className="num">{formatNumber(d.bands.normal)}</td>
                <td className="num">{formatNumber(d.bands.over)}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
