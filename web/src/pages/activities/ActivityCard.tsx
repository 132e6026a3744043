import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuedActivity } from '../../activityQueue';
import { API_BASE } from '../../api';
import { ActivityStatusBadge, minutesText } from '../../components/activity';
import { formatDate, formatNumber } from '../../format';
import { useLang } from '../../queries';
import type { Activity } from '../../types';

/** One logged activity as its owner sees it: what, how much, status, and the atasan's decision. */
export function ActivityCard({
  a,
  actions,
  showDate = false,
}: {
  a: Activity;
  actions?: ReactNode;
  showDate?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const adjusted = a.originalQuantity !== null && a.originalQuantity !== a.quantity;
  return (
    <li className={`activity-item is-${a.status}`} data-testid="activity-item" data-status={a.status}>
      <div className="activity-main">
        <p className="activity-name">{a.catalogName}</p>
        <p className="activity-qty">
          {adjusted ? (
            <>
              <del>
                <span className="sr-only">{t('activity.loggedQuantity')}: </span>
                {formatNumber(a.originalQuantity)}
              </del>{' '}
            </>
          ) : null}
          <strong>{formatNumber(a.quantity)}</strong> {a.outputUnit} ·{' '}
          <span className="activity-minutes">{minutesText(t, a.minutes)}</span>
          {a.startTime && a.endTime ? (
            <span className="muted">
              {' '}
              · {a.startTime}–{a.endTime}
            </span>
          ) : null}
          {showDate ? <span className="muted"> · {formatDate(a.date, lang)}</span> : null}
        </p>
        {a.rhkText ? (
          <p className="activity-rhk small">
            <span className="label-like">{t('activity.fields.rhk')}:</span> {a.rhkText}
          </p>
        ) : null}
        {a.note ? <p className="activity-note small">{a.note}</p> : null}
        {a.evidence.length > 0 ? (
          <p className="small activity-evidence">
            {t('activity.fields.evidence')}:{' '}
            {a.evidence.map((sha, i) => (
              <span key={sha}>
                {i > 0 ? ', ' : ''}
                <a href={`${API_BASE}/files/${sha}`} target="_blank" rel="noopener noreferrer">
                  {t('activity.evidenceN', { n: i + 1 })}
                </a>
              </span>
            ))}
          </p>
        ) : null}
        {a.status === 'rejected' && a.rejectReason ? (
          <p className="activity-reason" data-testid="reject-reason">
            <span className="label-like">{t('activity.rejectReason')}:</span> {a.rejectReason}
          </p>
        ) : null}
        {a.status !== 'pending' && a.verifiedBy ? (
          <p className="muted small">
            {t(adjusted ? 'activity.adjustedBy' : 'activity.decidedBy', { name: a.verifiedBy })}
          </p>
        ) : null}
      </div>
      <div className="activity-side">
        <ActivityStatusBadge status={a.status} adjusted={adjusted} />
        {actions}
      </div>
    </li>
  );
}

/** An entry still waiting on this device. */
export function QueuedCard({ q, actions }: { q: QueuedActivity; actions?: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <li
      className={`activity-item is-queued${q.refused ? ' is-refused' : ''}`}
      data-testid="activity-item"
      data-status="queued"
    >
      <div className="activity-main">
        <p className="activity-name">{q.catalogName}</p>
        <p className="activity-qty">
          <strong>{formatNumber(q.body.quantity)}</strong> {q.outputUnit} ·{' '}
          <span className="activity-minutes">{minutesText(t, q.minutes)}</span>
          {q.body.startTime && q.body.endTime ? (
            <span className="muted">
              {' '}
              · {q.body.startTime}–{q.body.endTime}
            </span>
          ) : null}
          <span className="muted"> · {formatDate(q.body.date, lang)}</span>
        </p>
        {q.rhkText ? (
          <p className="activity-rhk small">
            <span className="label-like">{t('activity.fields.rhk')}:</span> {q.rhkText}
          </p>
        ) : null}
        {q.body.note ? <p className="activity-note small">{q.body.note}</p> : null}
        {q.refused ? (
          <p className="activity-reason" role="alert">
            <span className="label-like">{t('activity.refused')}:</span> {q.refused}
          </p>
        ) : null}
      </div>
      <div className="activity-side">
        <ActivityStatusBadge status="queued" />
        {actions}
      </div>
    </li>
  );
}
