import './attendance.css';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api';
import { useUser } from '../../auth';
import { formatMonth, MonthNav, UnitPickerDialog, useMonthParam } from '../../components/activity';
import {
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  LoadMore,
  TableWrap,
  usePageTitle,
} from '../../components/ui';
import { formatDate, formatNip, formatNumber } from '../../format';
import { useLang, useUnits } from '../../queries';
import {
  type AttPerson,
  type AttUnitMonth,
  attKeys,
  bpText,
  codeTone,
  useSubordinatesAttendance,
} from './data';

function PeopleTable({ rows, label, flagged }: { rows: AttPerson[]; label: string; flagged?: boolean }) {
  const { t } = useTranslation();
  const [month] = useMonthParam();
  return (
    <TableWrap label={label} testId="attendance-people">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('attendance.person')}</th>
            <th scope="col" className="num">
              {t('attendance.present')}
            </th>
            <th scope="col" className="num">
              {t('attendance.absentShort')}
            </th>
            <th scope="col" className="num">
              {t('attendance.lateDays')}
            </th>
            <th scope="col" className="num">
              {t('attendance.earlyDays')}
            </th>
            {flagged ? (
              <th scope="col" className="num">
                {t('attendance.flaggedShort')}
              </th>
            ) : null}
            <th scope="col" className="num">
              {t('attendance.deduction')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.employeeId} className={!p.hasData ? 'row-inactive' : undefined}>
              <td>
                <Link to={`/kehadiran/pegawai/${encodeURIComponent(p.employeeId)}?bulan=${month}`}>
                  {p.name}
                </Link>
                <span className="nip"> {formatNip(p.nip)}</span>
                <div className="muted small">
                  {[p.positionName, p.unitName].filter(Boolean).join(' · ')}
                  {!p.hasData ? ` · ${t('attendance.noDataShort')}` : ''}
                </div>
              </td>
              <td className="num">{formatNumber(p.daysPresent)}</td>
              <td className={`num${p.daysAbsent > 0 ? ' text-danger' : ''}`}>{formatNumber(p.daysAbsent)}</td>
              <td className="num">{formatNumber(p.lateDays)}</td>
              <td className="num">{formatNumber(p.earlyDays)}</td>
              {flagged ? (
                <td className="num">
                  {p.activityWithoutAttendanceDays ? (
                    <Badge tone="danger" title={t('attendance.flags.activity_without_attendance')}>
                      {formatNumber(p.activityWithoutAttendanceDays)}
                    </Badge>
                  ) : (
                    '0'
                  )}
                </td>
              ) : null}
              <td className="num">{bpText(p.totalBasisPoints)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** `/kehadiran/bawahan`: the atasan's direct subordinates. */
export function SubordinatesAttendancePage() {
  const { t } = useTranslation();
  usePageTitle(t('attendance.teamTitle'));
  const lang = useLang();
  const [month, setMonth] = useMonthParam();
  const q = useSubordinatesAttendance(month);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('attendance.teamTitle')}</h1>
          <p className="muted">{t('attendance.teamIntro')}</p>
        </div>
        <MonthNav month={month} onChange={setMonth} />
      </header>
      <section className="panel" aria-labelledby="team-h">
        <h2 id="team-h">{formatMonth(month, lang)}</h2>
        {q.isPending ? (
          <Loading rows={4} />
        ) : q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : q.data.items.length === 0 ? (
          <EmptyState title={t('attendance.noTeam')}>{t('attendance.noTeamBody')}</EmptyState>
        ) : (
          <>
            {q.data.dataUntil ? (
              <p className="hint">
                {t('attendance.dataUntil', { until: formatDate(q.data.dataUntil, lang) })}
              </p>
            ) : (
              <div className="notice notice-info">{t('attendance.noDataMonth')}</div>
            )}
            <PeopleTable rows={q.data.items} label={t('attendance.teamTitle')} flagged />
          </>
        )}
      </section>
    </div>
  );
}

/** `/kehadiran/unit/:id` (and `/kehadiran/unit` = the city or the admin's OPD): totals and people. */
export function UnitAttendancePage() {
  const { id: param } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const navigate = useNavigate();
  const [month, setMonth] = useMonthParam();
  const [picking, setPicking] = useState(false);
  const units = useUnits();
  const adminUnit = user.roles.find((r) => r.role === 'admin_opd' && r.unitId)?.unitId ?? null;
  const root = units.data?.find((u) => u.parentId === null)?.id ?? null;
  const cityWide = user.roles.some((r) => ['bkpsdm', 'pimpinan', 'inspektorat'].includes(r.role));
  const unitId = param ?? (cityWide ? root : adminUnit) ?? '';
  const q = useInfiniteQuery({
    queryKey: [...attKeys.unit(unitId, month)],
    queryFn: ({ pageParam }) =>
      api<AttUnitMonth>(`/attendance/units/${encodeURIComponent(unitId)}`, {
        query: { month, limit: 100, cursor: pageParam },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!unitId,
  });
  const first = q.data?.pages[0];
  usePageTitle(first ? t('attendance.unitTitleOf', { name: first.unit.name }) : t('attendance.unitTitle'));
  const people = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>
            {first ? t('attendance.unitTitleOf', { name: first.unit.name }) : t('attendance.unitTitle')}
          </h1>
          <p className="muted">{t('attendance.unitIntro')}</p>
        </div>
        <div className="filters">
          <MonthNav month={month} onChange={setMonth} />
          <div className="filter-actions">
            <button type="button" className="btn" onClick={() => setPicking(true)}>
              {t('attendance.pickUnit')}
            </button>
            {user.abilities['import.run'] ? (
              <Link className="btn" to="/kehadiran/impor">
                {t('attendance.importLink')}
              </Link>
            ) : null}
          </div>
        </div>
      </header>
      {picking ? (
        <UnitPickerDialog
          title={t('attendance.pickUnit')}
          units={units.data ?? []}
          loading={units.isPending}
          value={unitId}
          onClose={() => setPicking(false)}
          onPick={(u) => {
            setPicking(false);
            navigate(`/kehadiran/unit/${encodeURIComponent(u)}${month ? `?bulan=${month}` : ''}`);
          }}
        />
      ) : null}
      {!unitId ? (
        units.isPending ? (
          <Loading rows={3} />
        ) : (
          <EmptyState title={t('attendance.noUnit')} />
        )
      ) : q.isPending ? (
        <div className="panel">
          <Loading rows={5} />
        </div>
      ) : q.isError ? (
        q.error instanceof ApiError && [403, 404].includes(q.error.status) ? (
          <div className="panel">
            <EmptyState title={t('attendance.notFound')}>{t('attendance.unitNotAllowed')}</EmptyState>
          </div>
        ) : (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        )
      ) : first ? (
        <>
          <section className="panel" aria-labelledby="unit-sum-h" data-testid="attendance-unit-summary">
            <h2 id="unit-sum-h">{formatMonth(first.month, lang)}</h2>
            {first.dataUntil ? (
              <p className="hint">
                {t('attendance.dataUntil', { until: formatDate(first.dataUntil, lang) })}{' '}
                {t('attendance.judgedDaysUnit', { n: formatNumber(first.judgedDays) })}
              </p>
            ) : (
              <div className="notice notice-info">{t('attendance.noDataMonth')}</div>
            )}
            <dl className="facts">
              <div>
                <dt>{t('attendance.people')}</dt>
                <dd className="num">
                  {formatNumber(first.totals.withData)} / {formatNumber(first.totals.people)}
                </dd>
              </div>
              <div>
                <dt>{t('attendance.absent')}</dt>
                <dd className="num">{formatNumber(first.totals.daysAbsent)}</dd>
              </div>
              <div>
                <dt>{t('attendance.lateDays')}</dt>
                <dd className="num">{formatNumber(first.totals.lateDays)}</dd>
              </div>
              <div>
                <dt>{t('attendance.earlyDays')}</dt>
                <dd className="num">{formatNumber(first.totals.earlyDays)}</dd>
              </div>
              <div>
                <dt>{t('attendance.averageDeduction')}</dt>
                <dd className="num">{bpText(first.totals.averageBasisPoints)}</dd>
              </div>
            </dl>
            <ul className="att-counts" aria-label={t('attendance.classes')}>
              {Object.entries(first.totals.counts)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([code, n]) => (
                  <li key={code}>
                    <Badge tone={codeTone(code)} title={t(`attendance.codes.${code}`)}>
                      {code} × {formatNumber(n)}
                    </Badge>
                  </li>
                ))}
            </ul>
          </section>
          {first.units.length > 1 ? (
            <section className="panel" aria-labelledby="unit-sub-h">
              <h2 id="unit-sub-h">{t('attendance.subUnits')}</h2>
              <TableWrap label={t('attendance.subUnits')} testId="attendance-units">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('attendance.unit')}</th>
                      <th scope="col" className="num">
                        {t('attendance.people')}
                      </th>
                      <th scope="col" className="num">
                        {t('attendance.absentShort')}
                      </th>
                      <th scope="col" className="num">
                        {t('attendance.lateDays')}
                      </th>
                      <th scope="col" className="num">
                        {t('attendance.earlyDays')}
                      </th>
                      <th scope="col" className="num">
                        {t('attendance.averageDeduction')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {first.units.map((u, i) => (
                      <tr key={u.unitId}>
                        <td>
                          {i === 0 ? (
                            <>
                              {u.name} <span className="muted small">({t('attendance.directly')})</span>
                            </>
                          ) : (
                            <Link to={`/kehadiran/unit/${encodeURIComponent(u.unitId)}?bulan=${month}`}>
                              {u.name}
                            </Link>
                          )}
                        </td>
                        <td className="num">{formatNumber(u.people)}</td>
                        <td className="num">{formatNumber(u.daysAbsent)}</td>
                        <td className="num">{formatNumber(u.lateDays)}</td>
                        <td className="num">{formatNumber(u.earlyDays)}</td>
                        <td className="num">{bpText(u.averageBasisPoints)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </section>
          ) : null}
          <section className="panel" aria-labelledby="unit-people-h">
            <h2 id="unit-people-h">
              {t('attendance.peopleTitle', { n: formatNumber(first.totals.people) })}
            </h2>
            {people.length === 0 ? (
              <EmptyState title={t('attendance.noPeople')} />
            ) : (
              <>
                <PeopleTable rows={people} label={t('attendance.peopleTitle', { n: first.totals.people })} />
                <LoadMore
                  hasMore={q.hasNextPage}
                  loading={q.isFetchingNextPage}
                  onClick={() => void q.fetchNextPage()}
                />
              </>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
