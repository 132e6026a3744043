import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Badge, type BadgeTone } from '../../components/ui';
import { formatNip, formatNumber } from '../../format';
import type { DashboardView, GoalStatus } from './data';

export const goalTone = (s: GoalStatus): BadgeTone =>
  s === 'on_track' ? 'ok' : s === 'at_risk' ? 'warn' : s === 'off_track' ? 'danger' : 'neutral';

/** City goals with their indicators, progress (mean capaian of the RHKs citing them) and who contributes. */
export function GoalsList({ d }: { d: DashboardView }) {
  const { t } = useTranslation();
  const city = d.scope.level === 'city';
  const title = city ? t('dashboard.goals.title') : t('dashboard.goals.titleOpd');
  return (
    <section className="panel" aria-labelledby="goals-h" data-testid="goals">
      <h2 id="goals-h">
        {title} <span className="count muted">({formatNumber(d.goals.length)})</span>
      </h2>
      {d.goals.length === 0 ? (
        <p className="muted">{city ? t('dashboard.goals.empty') : t('dashboard.goals.emptyScope')}</p>
      ) : (
        <ul className="goal-list">
          {d.goals.map((g) => (
            <li key={g.id} className="goal" data-testid="goal">
              <div className="goal-head">
                <span className="goal-title">
                  <span className="muted">{g.code}</span> {g.title}
                </span>
                <Badge tone={goalTone(g.progressStatus)}>
                  {t(`dashboard.goals.status.${g.progressStatus}`)}
                </Badge>
              </div>
              <div className="goal-progress">
                <span className={`progress progress-${goalTone(g.progressStatus)}`} aria-hidden="true">
                  <span style={{ width: `${Math.min(100, ((g.progress ?? 0) / 120) * 100)}%` }} />
                </span>
                <span className="num nowrap">
                  {t('dashboard.goals.progress')}:{' '}
                  {g.progress === null ? '—' : `${formatNumber(g.progress)}%`}
                  {g.quarter ? (
                    <span className="muted"> · {t('dashboard.goals.quarter', { q: g.quarter })}</span>
                  ) : null}
                </span>
              </div>
              {g.indicators.length ? (
                <p className="small muted goal-indicators">
                  {t('dashboard.goals.indicators')}:{' '}
                  {g.indicators
                    .map(
                      (i) =>
                        `${i.name} (${t('dashboard.goals.target')} ${
                          i.targetValue === null ? (i.targetText ?? '—') : formatNumber(i.targetValue)
                        } ${i.unit})`,
                    )
                    .join('; ')}
                </p>
              ) : null}
              {g.contributors.length ? (
                <details>
                  <summary>{t('dashboard.goals.contributors', { count: g.contributors.length })}</summary>
                  <ul className="contributors">
                    {g.contributors.map((c) => (
                      <li key={`${c.employeeId}-${c.rhkText}`}>
                        <Link to={`/akun/${encodeURIComponent(c.employeeId)}`}>{c.name}</Link>{' '}
                        <span className="muted small">
                          {formatNip(c.nip)} · {c.unitName} ·{' '}
                          {c.capaian === null ? '—' : `${formatNumber(c.capaian)}%`}
                        </span>
                        <span className="cell-sub">{c.rhkText}</span>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
