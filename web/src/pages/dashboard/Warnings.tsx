import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ratioText } from '../../components/activity';
import { Badge } from '../../components/ui';
import { formatDate, formatNip, formatNumber } from '../../format';
import { useLang } from '../../queries';
import { type DashboardView, exportUrl } from './data';

const SHOWN = 5;

/** A person in a warning: a link to their performance account. */
export function PersonLink({
  id,
  name,
  testId = 'person-link',
}: {
  id: string;
  name: string;
  testId?: string;
}) {
  return (
    <Link className="cell-main" to={`/akun/${encodeURIComponent(id)}`} data-testid={testId}>
      {name}
    </Link>
  );
}

function WarningList<T>({
  title,
  hint,
  count,
  items,
  render,
  testId,
  tone,
  xlsx,
}: {
  title: string;
  hint?: string;
  count: number;
  items: T[];
  render: (item: T) => ReactNode;
  testId: string;
  tone: 'warn' | 'danger';
  xlsx: string;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, SHOWN);
  return (
    <section
      className={`warning warning-${count > 0 ? tone : 'none'}`}
      aria-label={title}
      data-testid={testId}
    >
      <h3>
        <Badge tone={count > 0 ? tone : 'ok'}>{formatNumber(count)}</Badge> {title}
      </h3>
      {hint ? <p className="muted small">{hint}</p> : null}
      {count === 0 ? (
        <p className="muted small">{t('dashboard.warnings.none')}</p>
      ) : (
        <ul className="warning-list">{shown.map(render)}</ul>
      )}
      <div className="warning-more">
        {items.length > SHOWN ? (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => setAll((v) => !v)}
            aria-expanded={all}
          >
            {all
              ? t('dashboard.warnings.showFewer')
              : t('dashboard.warnings.showAll', { count: items.length })}
          </button>
        ) : null}
        {count > items.length && all ? (
          <a className="small" href={xlsx} download>
            {t('dashboard.warnings.more', { count: count - items.length })}
          </a>
        ) : null}
      </div>
    </section>
  );
}

export function Warnings({ d, unitId }: { d: DashboardView; unitId: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const w = d.warnings;
  const xlsx = exportUrl('warnings', unitId, d.month);
  const since = w.inactive.days.length ? w.inactive.days[w.inactive.days.length - 1] : d.today;
  return (
    <section className="panel" aria-labelledby="warn-h" data-testid="warnings">
      <div className="section-head">
        <h2 id="warn-h">{t('dashboard.warnings.title')}</h2>
        <a
          className="btn btn-small"
          href={xlsx}
          download
          aria-label={t('dashboard.export.xlsxOf', { label: t('dashboard.warnings.title') })}
        >
          XLSX
        </a>
      </div>
      <div className="warnings-grid">
        <WarningList
          title={t('dashboard.warnings.inactive', { days: d.thresholds.inactiveWorkingDays })}
          hint={t('dashboard.warnings.inactiveHint', { date: formatDate(since, lang) })}
          count={w.inactive.count}
          items={w.inactive.items}
          testId="warn-inactive"
          tone="warn"
          xlsx={xlsx}
          render={(p) => (
            <li key={p.employeeId}>
              <PersonLink id={p.employeeId} name={p.name} />
              <span className="cell-sub">
                {[p.positionName, p.unitName].filter(Boolean).join(' · ')} ·{' '}
                {p.lastActive
                  ? t('dashboard.warnings.lastActive', { date: formatDate(p.lastActive, lang) })
                  : t('dashboard.warnings.never')}
              </span>
            </li>
          )}
        />
        <WarningList
          title={t('dashboard.warnings.overloaded', { over: ratioText(d.thresholds.over) })}
          count={w.overloaded.count}
          items={w.overloaded.items}
          testId="warn-overloaded"
          tone="danger"
          xlsx={xlsx}
          render={(p) => (
            <li key={p.employeeId}>
              <PersonLink id={p.employeeId} name={p.name} />
              <span className="cell-sub">
                <strong>{ratioText(p.ratio)}</strong> · {formatNip(p.nip)} · {p.unitName}
              </span>
            </li>
          )}
        />
        <WarningList
          title={t('dashboard.warnings.backlog')}
          hint={t('dashboard.warnings.backlogHint', {
            hours: formatNumber(Math.round(d.thresholds.backlogMinutes / 60)),
          })}
          count={w.backlog.count}
          items={w.backlog.items}
          testId="warn-backlog"
          tone="warn"
          xlsx={xlsx}
          render={(p) => (
            <li key={p.employeeId}>
              <PersonLink id={p.employeeId} name={p.name} />
              <span className="cell-sub">
                {t('dashboard.warnings.pending', {
                  hours: formatNumber(Math.round(p.pendingMinutes / 60)),
                  count: p.staffWithPending,
                })}{' '}
                · {[p.positionName, p.unitName].filter(Boolean).join(' · ')}
              </span>
            </li>
          )}
        />
        <WarningList
          title={t('dashboard.warnings.goals')}
          hint={t('dashboard.warnings.goalsHint', { off: d.thresholds.goalOffTrack })}
          count={w.goalsOffTrack.count}
          items={w.goalsOffTrack.items}
          testId="warn-goals"
          tone="danger"
          xlsx={xlsx}
          render={(g) => (
            <li key={g.goalId}>
              <span className="cell-main">
                {g.code} · {g.title} ({g.progress === null ? '—' : `${formatNumber(g.progress)}%`})
              </span>
              <span className="cell-sub">
                {g.people.map((p, i) => (
                  <span key={p.employeeId}>
                    {i > 0 ? ', ' : ''}
                    <Link to={`/akun/${encodeURIComponent(p.employeeId)}`}>{p.name}</Link>
                  </span>
                ))}
              </span>
            </li>
          )}
        />
      </div>
    </section>
  );
}
