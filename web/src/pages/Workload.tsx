import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { useUser } from '../auth';
import {
  formatMonth,
  MonthNav,
  minutesText,
  ratioText,
  useMonthParam,
  useView,
  ViewToggle,
  WorkloadGauge,
} from '../components/activity';
import { calDayClass, MonthGrid } from '../components/MonthGrid';
import { EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../components/ui';
import { WorkloadHistory } from '../components/WorkloadHistory';
import { formatDate, formatNip, formatNumber, todayJakarta } from '../format';
import { useEmployeeWorkload, useLang, useMyWorkload } from '../queries';
import type { Lang, Workload, WorkloadBand, WorkloadDay } from '../types';

/** ISO weekday of a `YYYY-MM-DD` date: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

function bandOf(ratio: number | null, th: { under: number; over: number }): WorkloadBand | null {
  if (ratio === null) return null;
  return ratio < th.under ? 'under' : ratio > th.over ? 'over' : 'normal';
}

/** Minutes a day is expected to hold: working days without time-reducing leave (dinas luar counts as work). */
function dayTarget(w: Workload, d: WorkloadDay): number {
  const days = w.workingDays - w.leaveDays;
  const perDay = days > 0 ? Math.round(w.effectiveMinutes / days) : 0;
  if (!d.working) return 0;
  if (d.leave && d.leave !== 'dinas_luar') return 0;
  return perDay;
}

/** `/beban-kerja`: the caller's own month. */
export function MyWorkloadPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.myWorkload'));
  const user = useUser();
  const [month, setMonth] = useMonthParam();
  const w = useMyWorkload(month, !!user.employeeId);
  if (!user.employeeId) {
    return (
      <div className="page">
        <h1>{t('workload.mineTitle')}</h1>
        <div className="panel">
          <EmptyState title={t('activity.noEmployee')}>{t('workload.noEmployeeBody')}</EmptyState>
        </div>
      </div>
    );
  }
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('workload.mineTitle')}</h1>
          <p className="muted">{t('workload.mineIntro')}</p>
        </div>
        <MonthNav month={month} onChange={setMonth} />
      </header>
      <WorkloadBody query={w} own />
    </div>
  );
}

/** `/beban-kerja/pegawai/:id`: someone else's month (atasan, admin OPD, BKPSDM, pimpinan, inspektorat). */
export function EmployeeWorkloadPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const [month, setMonth] = useMonthParam();
  const w = useEmployeeWorkload(id, month);
  const name = w.data?.employee.name;
  usePageTitle(name ? t('workload.titleOf', { name }) : t('nav.myWorkload'));
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
        <ol>
          <li>
            <Link to={`/pegawai/${encodeURIComponent(id)}`}>{name ?? t('nav.employees')}</Link>
          </li>
          <li aria-current="page">{t('workload.crumb')}</li>
        </ol>
      </nav>
      <header className="page-header">
        <div>
          <h1>{name ? t('workload.titleOf', { name }) : t('workload.title')}</h1>
          {w.data ? (
            <p className="muted">
              <span className="mono">{formatNip(w.data.employee.nip)}</span>
              {w.data.employee.positionName ? ` · ${w.data.employee.positionName}` : ''}
              {w.data.employee.unitName ? ` · ${w.data.employee.unitName}` : ''}
            </p>
          ) : null}
        </div>
        <MonthNav month={month} onChange={setMonth} />
      </header>
      <WorkloadBody query={w} own={id === user.employeeId} />
    </div>
  );
}

function WorkloadBody({ query, own }: { query: ReturnType<typeof useMyWorkload>; own: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (query.isPending) {
    return (
      <div aria-busy="true">
        <div className="panel">
          <Loading rows={4} />
        </div>
        <div className="panel">
          <div className="skeleton skeleton-block" aria-hidden="true" />
        </div>
      </div>
    );
  }
  if (query.isError) {
    const notFound =
      query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403);
    return notFound ? (
      <div className="panel">
        <EmptyState title={t('workload.notFound')}>{t('workload.notFoundBody')}</EmptyState>
      </div>
    ) : (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  const w = query.data;
  return (
    <>
      <section className="panel workload-summary" aria-labelledby="wl-h">
        <h2 id="wl-h">{t('workload.monthTitle', { month: formatMonth(w.month, lang) })}</h2>
        <div className="workload-grid">
          <WorkloadGauge
            ratio={w.ratioUncapped}
            thresholds={w.thresholds}
            band={w.band}
            caption={t('workload.gaugeCaption', {
              approved: minutesText(t, w.approvedMinutes),
              effective: minutesText(t, w.effectiveMinutes),
            })}
          />
          <dl className="facts facts-2 workload-facts">
            <div>
              <dt>{t('workload.approved')}</dt>
              <dd className="num">{minutesText(t, w.approvedMinutes)}</dd>
            </div>
            <div>
              <dt>{t('workload.effective')}</dt>
              <dd className="num">{minutesText(t, w.effectiveMinutes)}</dd>
            </div>
            <div>
              <dt>{t('workload.pending')}</dt>
              <dd className="num">{minutesText(t, w.pendingMinutes)}</dd>
            </div>
            <div>
              <dt>{t('workload.rejected')}</dt>
              <dd className="num">{minutesText(t, w.rejectedMinutes)}</dd>
            </div>
            <div>
              <dt>{t('workload.workingDays')}</dt>
              <dd className="num">
                {formatNumber(w.workingDays)}
                {w.leaveDays > 0 ? (
                  <span className="muted small">
                    {' '}
                    {t('workload.minusLeave', { n: formatNumber(w.leaveDays) })}
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>{t('workload.nilai')}</dt>
              <dd className="num" title={t('workload.nilaiHint')}>
                {ratioText(w.nilaiAktivitas)}
              </dd>
            </div>
          </dl>
        </div>
        <p className="hint">
          {t('workload.explain', {
            under: ratioText(w.thresholds.under),
            over: ratioText(w.thresholds.over),
          })}
        </p>
        {own ? (
          <p className="home-card-link">
            <Link className="btn btn-primary" to="/aktivitas">
              {t('home.logActivity')}
            </Link>
          </p>
        ) : null}
      </section>
      <CalendarPanel w={w} lang={lang} />
      <HistoryPanel w={w} lang={lang} />
    </>
  );
}

function dayKind(d: WorkloadDay, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (d.holiday) return t('workload.holiday', { name: d.holiday });
  if (d.leave) return t(`workload.leave.${d.leave}`, { defaultValue: d.leave });
  if (!d.working) return t('workload.weekend');
  return t('workload.workday');
}

function CalendarPanel({ w, lang }: { w: Workload; lang: Lang }) {
  const { t } = useTranslation();
  const [view, setView] = useView('chart');
  const today = todayJakarta();
  const lead = w.days.length > 0 ? isoWeekday(w.days[0].date) - 1 : 0;
  const sum = (f: (d: WorkloadDay) => number) => w.days.reduce((s, d) => s + f(d), 0);
  return (
    <section className="panel" aria-labelledby="cal-h" data-testid="workload-calendar">
      <div className="section-head">
        <h2 id="cal-h">{t('workload.calendar', { month: formatMonth(w.month, lang) })}</h2>
        <ViewToggle view={view} onChange={setView} label={t('workload.calendarShort')} />
      </div>
      {view === 'chart' ? (
        <>
          <MonthGrid
            days={w.days}
            lead={lead}
            caption={t('workload.calendar', { month: formatMonth(w.month, lang) })}
            lang={lang}
            renderDay={(d) => {
              const target = dayTarget(w, d);
              const cls = calDayClass(d, today, target > 0 && d.approved >= target ? 'is-full' : '');
              return (
                <td key={d.date} className={cls} data-date={d.date} title={d.holiday ?? undefined}>
                  <span className="cal-num" aria-hidden="true">
                    {Number(d.date.slice(8))}
                  </span>
                  {d.holiday || d.leave ? (
                    <span className="cal-tag" aria-hidden="true">
                      {d.holiday
                        ? t('workload.holidayShort')
                        : t(`workload.leaveShort.${d.leave}`, { defaultValue: d.leave })}
                    </span>
                  ) : null}
                  {d.approved > 0 ? (
                    <span className="cal-approved" aria-hidden="true">
                      {formatNumber(d.approved)}
                    </span>
                  ) : null}
                  {d.pending > 0 ? (
                    <span className="cal-pending" aria-hidden="true">
                      +{formatNumber(d.pending)}
                    </span>
                  ) : null}
                  {target > 0 ? (
                    <span className="cal-target" aria-hidden="true">
                      /{formatNumber(target)}
                    </span>
                  ) : null}
                  <span className="sr-only">
                    {formatDate(d.date, lang)}: {dayKind(d, t)}.{' '}
                    {t('workload.daySr', {
                      approved: minutesText(t, d.approved),
                      pending: minutesText(t, d.pending),
                      target: minutesText(t, target),
                    })}
                  </span>
                </td>
              );
            }}
          />
          <ul className="cal-legend small" aria-label={t('workload.legend')}>
            <li>
              <span className="cal-swatch is-approved" aria-hidden="true" /> {t('workload.legendApproved')}
            </li>
            <li>
              <span className="cal-swatch is-pending" aria-hidden="true" /> {t('workload.legendPending')}
            </li>
            <li>
              <span className="cal-swatch is-target" aria-hidden="true" /> {t('workload.legendTarget')}
            </li>
            <li>
              <span className="cal-swatch is-holiday" aria-hidden="true" /> {t('workload.legendHoliday')}
            </li>
            <li>
              <span className="cal-swatch is-leave" aria-hidden="true" /> {t('workload.legendLeave')}
            </li>
          </ul>
        </>
      ) : (
        <TableWrap
          label={t('workload.calendar', { month: formatMonth(w.month, lang) })}
          testId="calendar-table"
        >
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('workload.date')}</th>
                <th scope="col">{t('workload.dayKind')}</th>
                <th scope="col" className="num">
                  {t('workload.target')}
                </th>
                <th scope="col" className="num">
                  {t('workload.approved')}
                </th>
                <th scope="col" className="num">
                  {t('workload.pending')}
                </th>
              </tr>
            </thead>
            <tbody>
              {w.days.map((d) => (
                <tr key={d.date} className={!d.working || d.leave ? 'row-inactive' : undefined}>
                  <td className="nowrap">{formatDate(d.date, lang)}</td>
                  <td>{dayKind(d, t)}</td>
                  <td className="num">{formatNumber(dayTarget(w, d))}</td>
                  <td className="num">{formatNumber(d.approved)}</td>
                  <td className="num">{formatNumber(d.pending)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row" colSpan={2}>
                  {t('workload.total')}
                </th>
                <td className="num">{formatNumber(w.effectiveMinutes)}</td>
                <td className="num">{formatNumber(sum((d) => d.approved))}</td>
                <td className="num">{formatNumber(sum((d) => d.pending))}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function HistoryPanel({ w, lang }: { w: Workload; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="hist-h" data-testid="workload-history">
      <WorkloadHistory
        heading={<h2 id="hist-h">{t('workload.history')}</h2>}
        label={t('workload.history')}
        caption={t('workload.historyCaption')}
        months={w.history.map((h) => ({ ...h, band: bandOf(h.ratio, w.thresholds) }))}
        describe={(h) =>
          t('workload.historyBar', {
            month: formatMonth(h.month, lang),
            approved: minutesText(t, h.approvedMinutes),
            effective: minutesText(t, h.effectiveMinutes),
            ratio: ratioText(h.ratio),
          })
        }
        tableTestId="history-table"
      />
    </section>
  );
}
