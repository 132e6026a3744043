import './attendance.css';
import type { UseQueryResult } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { useUser } from '../../auth';
import {
  formatMonth,
  MonthNav,
  minutesText,
  useMonthParam,
  useView,
  ViewToggle,
} from '../../components/activity';
import { calDayClass, MonthGrid } from '../../components/MonthGrid';
import { Badge, EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatDate, formatNip, formatNumber, todayJakarta } from '../../format';
import { useLang } from '../../queries';
import type { Lang } from '../../types';
import {
  type AttDay,
  type AttLine,
  type AttMonth,
  bpText,
  codeTone,
  useEmployeeAttendance,
  useMyAttendance,
} from './data';

/** `/kehadiran`: the caller's own month. */
export function MyAttendancePage() {
  const { t } = useTranslation();
  usePageTitle(t('attendance.mineTitle'));
  const user = useUser();
  const [month, setMonth] = useMonthParam();
  const q = useMyAttendance(month, !!user.employeeId);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('attendance.mineTitle')}</h1>
          <p className="muted">{t('attendance.mineIntro')}</p>
        </div>
        <MonthNav month={month} onChange={setMonth} />
      </header>
      {user.employeeId ? (
        <MonthBody query={q} />
      ) : (
        <div className="panel">
          <EmptyState title={t('attendance.noEmployee')} />
        </div>
      )}
    </div>
  );
}

/** `/kehadiran/pegawai/:id`: someone's month (the person, their atasan, admin OPD, city roles). */
export function EmployeeAttendancePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [month, setMonth] = useMonthParam();
  const q = useEmployeeAttendance(id, month);
  const name = q.data?.employee.name;
  usePageTitle(name ? t('attendance.titleOf', { name }) : t('attendance.title'));
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
        <ol>
          <li>
            <Link to={`/pegawai/${encodeURIComponent(id)}`}>{name ?? t('nav.employees')}</Link>
          </li>
          <li aria-current="page">{t('attendance.crumb')}</li>
        </ol>
      </nav>
      <header className="page-header">
        <div>
          <h1>{name ? t('attendance.titleOf', { name }) : t('attendance.title')}</h1>
          {q.data ? (
            <p className="muted">
              <span className="mono">{formatNip(q.data.employee.nip)}</span>
              {q.data.employee.positionName ? ` · ${q.data.employee.positionName}` : ''}
              {q.data.employee.unitName ? ` · ${q.data.employee.unitName}` : ''}
            </p>
          ) : null}
        </div>
        <MonthNav month={month} onChange={setMonth} />
      </header>
      <MonthBody query={q} />
    </div>
  );
}

function MonthBody({ query }: { query: UseQueryResult<AttMonth> }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (query.isPending)
    return (
      <div className="panel" aria-busy="true">
        <Loading rows={5} />
      </div>
    );
  if (query.isError) {
    const hidden = query.error instanceof ApiError && [403, 404].includes(query.error.status);
    return hidden ? (
      <div className="panel">
        <EmptyState title={t('attendance.notFound')}>{t('attendance.notFoundBody')}</EmptyState>
      </div>
    ) : (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  const m = query.data;
  const s = m.summary;
  return (
    <>
      <section className="panel" aria-labelledby="att-sum-h" data-testid="attendance-summary">
        <div className="section-head">
          <h2 id="att-sum-h">{t('attendance.monthTitle', { month: formatMonth(m.month, lang) })}</h2>
          {m.abilities.manageLeave ? (
            <Link
              className="btn btn-small"
              to={`/kehadiran/cuti?pegawai=${encodeURIComponent(m.employee.id)}`}
            >
              {t('attendance.recordLeave')}
            </Link>
          ) : null}
        </div>
        {!m.hasData ? (
          <div className="notice notice-info" role="status">
            {m.dataUntil
              ? t('attendance.noDataPerson', { until: formatDate(m.dataUntil, lang) })
              : t('attendance.noDataMonth')}
          </div>
        ) : (
          <p className="hint">
            {t('attendance.judgedUntil', {
              days: formatNumber(m.judgedDays),
              working: formatNumber(m.workingDays),
              until: formatDate(m.dataUntil, lang),
            })}
          </p>
        )}
        <dl className="facts">
          <div>
            <dt>{t('attendance.present')}</dt>
            <dd className="num">{formatNumber(s.daysPresent)}</dd>
          </div>
          <div>
            <dt>{t('attendance.absent')}</dt>
            <dd className={`num${s.daysAbsent > 0 ? ' text-danger' : ''}`}>{formatNumber(s.daysAbsent)}</dd>
          </div>
          <div>
            <dt>{t('attendance.onLeave')}</dt>
            <dd className="num">{formatNumber(s.daysOnLeave)}</dd>
          </div>
          <div>
            <dt>{t('attendance.late')}</dt>
            <dd className="num">{minutesText(t, s.lateMinutes)}</dd>
          </div>
          <div>
            <dt>{t('attendance.early')}</dt>
            <dd className="num">{minutesText(t, s.earlyMinutes)}</dd>
          </div>
          <div>
            <dt>{t('attendance.shortfall')}</dt>
            <dd className="num" title={t('attendance.shortfallHint')}>
              {minutesText(t, s.shortfallMinutes)}
            </dd>
          </div>
          <div>
            <dt>{t('attendance.deduction')}</dt>
            <dd
              className={`num${s.totalBasisPoints > 0 ? ' text-danger' : ''}`}
              data-testid="attendance-total"
            >
              {bpText(s.totalBasisPoints)}
            </dd>
          </div>
          {s.activityWithoutAttendanceDays > 0 ? (
            <div>
              <dt>{t('attendance.flagged')}</dt>
              <dd className="num text-danger">{formatNumber(s.activityWithoutAttendanceDays)}</dd>
            </div>
          ) : null}
        </dl>
        {Object.keys(m.counts).length ? (
          <ul className="att-counts" aria-label={t('attendance.classes')}>
            {Object.entries(m.counts)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([code, n]) => (
                <li key={code}>
                  <Badge tone={codeTone(code)} title={t(`attendance.codes.${code}`)}>
                    {code} × {formatNumber(n)}
                  </Badge>
                </li>
              ))}
          </ul>
        ) : null}
      </section>
      <DaysPanel m={m} lang={lang} />
      <LinesPanel m={m} lang={lang} />
    </>
  );
}

function dayKind(d: AttDay, t: TFunction): string {
  if (d.holiday) return `${t(`attendance.holidayKind.${d.holiday.kind}`)}: ${d.holiday.name}`;
  if (d.leave) return t(`attendance.leaveKind.${d.leave.kind}`, { defaultValue: d.leave.kind });
  if (!d.working) return t('attendance.offDay');
  return t('attendance.workDay');
}

function DaysPanel({ m, lang }: { m: AttMonth; lang: Lang }) {
  const { t } = useTranslation();
  const [view, setView] = useView('chart');
  const today = todayJakarta();
  const lead = m.days.length ? m.days[0].weekday - 1 : 0;
  const title = t('attendance.calendar', { month: formatMonth(m.month, lang) });
  return (
    <section className="panel" aria-labelledby="att-cal-h" data-testid="attendance-calendar">
      <div className="section-head">
        <h2 id="att-cal-h">{title}</h2>
        <ViewToggle view={view} onChange={setView} label={t('attendance.calendarShort')} />
      </div>
      {view === 'chart' ? (
        <>
          <MonthGrid
            days={m.days}
            lead={lead}
            caption={title}
            className="cal-table att-cal"
            lang={lang}
            renderDay={(d) => {
              const absent = d.codes.includes('TK');
              const cls = calDayClass(
                d,
                today,
                absent ? 'att-absent' : d.codes.length ? 'att-deducted' : '',
                d.flags.length ? 'att-flagged' : '',
              );
              return (
                <td key={d.date} className={cls} data-date={d.date} data-codes={d.codes.join(' ')}>
                  <span className="cal-num" aria-hidden="true">
                    {Number(d.date.slice(8))}
                    {d.flags.length ? <span className="att-flag"> !</span> : null}
                  </span>
                  {d.holiday || d.leave ? (
                    <span className="cal-tag" aria-hidden="true">
                      {d.holiday
                        ? t(`attendance.holidayShort.${d.holiday.kind}`)
                        : t(`attendance.leaveShort.${d.leave?.kind}`, { defaultValue: d.leave?.kind })}
                    </span>
                  ) : null}
                  {d.checkIn || d.checkOut ? (
                    <span className="att-times" aria-hidden="true">
                      {d.checkIn ?? '--:--'}–{d.checkOut ?? '--:--'}
                    </span>
                  ) : null}
                  {d.codes.length ? (
                    <span className="att-codes" aria-hidden="true">
                      {d.codes.join(' ')}
                    </span>
                  ) : null}
                  <span className="sr-only">
                    {formatDate(d.date, lang)}: {dayKind(d, t)}.{' '}
                    {d.checkIn || d.checkOut
                      ? t('attendance.daySr', { in: d.checkIn ?? '—', out: d.checkOut ?? '—' })
                      : ''}{' '}
                    {d.codes.map((c) => t(`attendance.codes.${c}`)).join('; ')}
                    {d.flags.length ? ` ${t('attendance.flags.activity_without_attendance')}` : ''}
                  </span>
                </td>
              );
            }}
          />
          <ul className="cal-legend small" aria-label={t('attendance.legend')}>
            <li>
              <span className="cal-swatch att-swatch-deducted" aria-hidden="true" />{' '}
              {t('attendance.legendDeducted')}
            </li>
            <li>
              <span className="cal-swatch att-swatch-absent" aria-hidden="true" />{' '}
              {t('attendance.legendAbsent')}
            </li>
            <li>
              <span className="cal-swatch is-holiday" aria-hidden="true" /> {t('attendance.legendHoliday')}
            </li>
            <li>
              <span className="cal-swatch is-leave" aria-hidden="true" /> {t('attendance.legendLeave')}
            </li>
            <li>
              <span className="att-flag" aria-hidden="true">
                !
              </span>{' '}
              {t('attendance.legendFlag')}
            </li>
          </ul>
        </>
      ) : (
        <TableWrap label={title} testId="attendance-days-table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('attendance.date')}</th>
                <th scope="col">{t('attendance.dayKind')}</th>
                <th scope="col">{t('attendance.schedule')}</th>
                <th scope="col">{t('attendance.checkIn')}</th>
                <th scope="col">{t('attendance.checkOut')}</th>
                <th scope="col">{t('attendance.classes')}</th>
                <th scope="col" className="num">
                  {t('attendance.deduction')}
                </th>
                <th scope="col" className="num">
                  {t('attendance.activity')}
                </th>
              </tr>
            </thead>
            <tbody>
              {m.days.map((d) => (
                <tr key={d.date} className={!d.working || d.leave ? 'row-inactive' : undefined}>
                  <td className="nowrap">{formatDate(d.date, lang)}</td>
                  <td>
                    {dayKind(d, t)}
                    {d.flags.map((f) => (
                      <span key={f}>
                        {' '}
                        <Badge tone="danger">{t(`attendance.flags.${f}`)}</Badge>
                      </span>
                    ))}
                  </td>
                  <td className="nowrap">{d.schedule ? `${d.schedule.start}–${d.schedule.end}` : '—'}</td>
                  <td className="nowrap">
                    {d.checkIn ?? '—'}
                    {d.lateMinutes > 0 ? <span className="muted small"> (+{d.lateMinutes})</span> : null}
                  </td>
                  <td className="nowrap">
                    {d.checkOut ?? '—'}
                    {d.earlyMinutes > 0 ? <span className="muted small"> (−{d.earlyMinutes})</span> : null}
                  </td>
                  <td>
                    {d.codes.map((c) => (
                      <span key={c}>
                        <Badge tone={codeTone(c)} title={t(`attendance.codes.${c}`)}>
                          {c}
                        </Badge>{' '}
                      </span>
                    ))}
                  </td>
                  <td className="num">{d.basisPoints ? bpText(d.basisPoints) : ''}</td>
                  <td className="num">{d.activityMinutes ? formatNumber(d.activityMinutes) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function lineText(l: AttLine, t: TFunction): string {
  if (l.note === 'no_check_in') return t('attendance.noCheckIn');
  if (l.note === 'no_check_out') return t('attendance.noCheckOut');
  if (l.minutes !== undefined) return t('attendance.minutesOff', { n: formatNumber(l.minutes) });
  if (l.code === 'HUKDIS' && l.note) return l.note;
  return '';
}

function LinesPanel({ m, lang }: { m: AttMonth; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="att-lines-h" data-testid="attendance-lines">
      <h2 id="att-lines-h">{t('attendance.linesTitle')}</h2>
      {m.lines.length === 0 ? (
        <p className="muted">{m.hasData ? t('attendance.noLines') : t('attendance.noLinesNoData')}</p>
      ) : (
        <TableWrap label={t('attendance.linesTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('attendance.date')}</th>
                <th scope="col">{t('attendance.class')}</th>
                <th scope="col">{t('attendance.explain')}</th>
                <th scope="col" className="num">
                  {t('attendance.deduction')}
                </th>
              </tr>
            </thead>
            <tbody>
              {m.lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a day may carry two lines of one code only once
                <tr key={`${l.date}-${l.code}-${i}`}>
                  <td className="nowrap">
                    {l.code === 'HUKDIS' ? formatMonth(m.month, lang) : formatDate(l.date, lang)}
                  </td>
                  <td>
                    <Badge tone={codeTone(l.code)}>{l.code}</Badge> {t(`attendance.codes.${l.code}`)}
                  </td>
                  <td>{lineText(l, t)}</td>
                  <td className="num">{bpText(l.basisPoints)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row" colSpan={3}>
                  {t('attendance.totalCapped')}
                </th>
                <td className="num">{bpText(m.summary.totalBasisPoints)}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
