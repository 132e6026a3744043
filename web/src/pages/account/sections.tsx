import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  ActivityStatusBadge,
  formatMonth,
  minutesText,
  ratioText,
  WorkloadGauge,
} from '../../components/activity';
import { CapaianBadge, capaianTone, formatTarget, SkpStatusBadge } from '../../components/skp';
import { Badge, EmptyState, TableWrap } from '../../components/ui';
import { WorkloadHistory } from '../../components/WorkloadHistory';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../format';
import { useLang } from '../../queries';
import type { Account, AccountIndicator, AccountPending } from './types';

const rupiah = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : `Rp ${formatNumber(n)}`;

/** A thin horizontal bar for a percentage (0–120 %), coloured like the status it stands for. */
export function Meter({ value, max = 100, tone }: { value: number | null; max?: number; tone?: string }) {
  const width = value === null ? 0 : Math.max(0, Math.min(100, (value / max) * 100));
  return (
    <div className={`meter${tone ? ` meter-${tone}` : ''}`} aria-hidden="true">
      <span style={{ width: `${width}%` }} />
    </div>
  );
}

/* ---------- SKP ---------- */

function QuarterCell({ indicator, q }: { indicator: AccountIndicator; q: number }) {
  const { t } = useTranslation();
  const r = indicator.quarters.find((x) => x.quarter === q);
  if (!r) return <span className="muted">—</span>;
  return (
    <span className="quarter-mini">
      <span>{r.value === null ? '—' : formatNumber(r.value)}</span>
      {r.status === 'confirmed' ? (
        <CapaianBadge value={r.capaian} />
      ) : (
        <span className={r.status === 'rejected' ? 'text-danger' : 'muted'}>
          {t(`account.skp.quarterStatus.${r.status}`, { defaultValue: r.status })}
        </span>
      )}
    </span>
  );
}

export function SkpPanel({ a, own }: { a: Account; own: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const skp = a.skp;
  const title = a.period ? t('account.skp.title', { year: a.period.year }) : t('account.skp.titleNoPeriod');
  return (
    <section className="panel account-wide" aria-labelledby="acc-skp-h" data-testid="account-skp">
      <div className="section-head">
        <h2 id="acc-skp-h">{title}</h2>
        {skp ? (
          <SkpStatusBadge status={skp.status} revision={skp.revision} testId="account-skp-status" />
        ) : null}
      </div>
      {!a.period ? (
        <EmptyState title={t('account.skp.noPeriod')} />
      ) : !skp ? (
        <EmptyState title={t('account.skp.none')}>
          <p>{t('account.skp.noneBody')}</p>
          {own ? (
            <Link className="btn" to="/skp">
              {t('home.makeSkp')}
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <>
          {skp.status === 'returned' && skp.returnReason ? (
            <div className="notice notice-warn">
              {t('account.skp.returned', { reason: skp.returnReason })}
            </div>
          ) : null}
          <div
            className="account-figure"
            data-testid="account-skp-progress"
            data-progress={skp.progress ?? ''}
          >
            <span>{t('account.skp.progress')}</span>
            <strong>{skp.progress === null ? '—' : formatPercent(skp.progress)}</strong>
            {skp.approvedAt ? (
              <span className="muted small">
                {t('account.skp.approvedAt', { date: formatDate(skp.approvedAt, lang) })}
              </span>
            ) : null}
          </div>
          <Meter value={skp.progress} tone={capaianTone(skp.progress)} />
          <p className="hint">
            {t('account.skp.progressHint', { measured: skp.measuredCount, count: skp.indicatorCount })}
          </p>
          {skp.rhks.map((rhk, i) => (
            <div className="rhk-block" key={rhk.id}>
              <h3>
                <span className="muted">{i + 1}.</span>
                <span>
                  {rhk.text}{' '}
                  <Badge tone={rhk.kind === 'utama' ? 'info' : 'neutral'}>
                    {t(`account.skp.${rhk.kind}`, { defaultValue: rhk.kind })}
                  </Badge>
                </span>
              </h3>
              <TableWrap label={rhk.text}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('account.skp.indicator')}</th>
                      <th scope="col">{t('account.skp.target')}</th>
                      {[1, 2, 3, 4].map((q) => (
                        <th scope="col" key={q} className="nowrap">
                          {t('account.skp.quarterShort', { q })}
                        </th>
                      ))}
                      <th scope="col">{t('account.skp.latest')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rhk.indicators.map((ind) => (
                      <tr key={ind.id} data-testid="account-indicator">
                        <td>
                          {ind.name}
                          <div className="muted small">
                            {t(`skp.aspect.${ind.aspect}`, { defaultValue: ind.aspect })}
                          </div>
                        </td>
                        <td>{formatTarget(ind.targetValue, ind.targetText, ind.unit)}</td>
                        {[1, 2, 3, 4].map((q) => (
                          <td key={q}>
                            <QuarterCell indicator={ind} q={q} />
                          </td>
                        ))}
                        <td>
                          {ind.capaian === null ? (
                            <span className="muted">{t('account.skp.noRealisation')}</span>
                          ) : (
                            <div className="quarter-mini">
                              <CapaianBadge value={ind.capaian} />
                              <Meter value={ind.capaian} tone={capaianTone(ind.capaian)} />
                            </div>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/* ---------- workload ---------- */

export function WorkloadPanel({ a }: { a: Account }) {
  const { t } = useTranslation();
  const lang = useLang();
  const w = a.workload;
  return (
    <section className="panel" aria-labelledby="acc-wl-h" data-testid="account-workload">
      <h2 id="acc-wl-h">{t('account.workload.title', { month: formatMonth(w.month, lang) })}</h2>
      <div className="account-gauge-row">
        <WorkloadGauge ratio={w.ratioUncapped} thresholds={w.thresholds} band={w.band} compact />
        <dl className="facts">
          <div>
            <dt>{t('account.workload.approved')}</dt>
            <dd className="num">{minutesText(t, w.approvedMinutes)}</dd>
          </div>
          <div>
            <dt>{t('account.workload.pending')}</dt>
            <dd className="num">{minutesText(t, w.pendingMinutes)}</dd>
          </div>
          <div>
            <dt>{t('account.workload.effective')}</dt>
            <dd className="num">
              {minutesText(t, w.effectiveMinutes)}{' '}
              <span className="muted small">
                ({t('account.workload.workingDays', { days: w.workingDays - w.leaveDays })})
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('account.workload.nilai')}</dt>
            <dd className="num">{ratioText(w.nilaiAktivitas)}</dd>
          </div>
        </dl>
      </div>
      <WorkloadHistory
        heading={<h3>{t('account.workload.history')}</h3>}
        label={t('account.workload.history')}
        caption={t('account.workload.historyCaption')}
        months={w.history}
        describe={(h) =>
          t('account.workload.historyBar', {
            month: formatMonth(h.month, lang),
            ratio: ratioText(h.ratio),
          })
        }
      />
    </section>
  );
}

/* ---------- verification backlog ---------- */

function PendingText({ p }: { p: AccountPending }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <span className="num">
        {t('account.verification.entries', { count: p.entries, minutes: minutesText(t, p.minutes) })}
      </span>
      {p.oldestDate ? (
        <span className="muted small">
          {' '}
          · {t('account.verification.oldest', { date: formatDate(p.oldestDate, lang) })}
        </span>
      ) : null}
      {p.expiredEntries > 0 ? (
        <span className="small text-danger" style={{ display: 'block' }}>
          {t('account.verification.expired', { count: p.expiredEntries })}
        </span>
      ) : null}
    </>
  );
}

export function VerificationPanel({ a, own }: { a: Account; own: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const v = a.verification;
  return (
    <section className="panel" aria-labelledby="acc-ver-h" data-testid="account-verification">
      <h2 id="acc-ver-h">{t('account.verification.title')}</h2>
      <dl className="pending-figures">
        <div data-testid="account-own-pending" data-entries={v.own.entries}>
          <dt>{t('account.verification.own')}</dt>
          <dd>
            {v.own.entries === 0 && v.own.expiredEntries === 0 ? (
              <span className="muted">{t('account.verification.ownNone')}</span>
            ) : (
              <PendingText p={v.own} />
            )}
          </dd>
        </div>
        {v.queue ? (
          <div data-testid="account-queue" data-entries={v.queue.entries}>
            <dt>{t('account.verification.queue')}</dt>
            <dd>
              <span className="muted small">
                {t('account.verification.subordinates', { count: v.queue.subordinates })}
              </span>
              <br />
              {v.queue.entries === 0 && v.queue.expiredEntries === 0 ? (
                <span className="muted">{t('account.verification.queueNone')}</span>
              ) : (
                <PendingText p={v.queue} />
              )}
              {own && v.queue.entries > 0 ? (
                <p className="home-card-link">
                  <Link className="btn btn-small" to="/aktivitas/verifikasi">
                    {t('account.links.verify')}
                  </Link>
                </p>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="hint">{t('account.verification.window', { date: formatDate(v.openFrom, lang) })}</p>
    </section>
  );
}

/* ---------- activity timeline ---------- */

const DAYS_SHOWN = 5;

export function TimelinePanel({ a, workloadLink }: { a: Account; workloadLink: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [all, setAll] = useState(false);
  const tl = a.timeline;
  const days: { date: string; items: Account['timeline']['items'] }[] = [];
  for (const item of tl.items) {
    const last = days[days.length - 1];
    if (last && last.date === item.date) last.items.push(item);
    else days.push({ date: item.date, items: [item] });
  }
  const shown = all ? days : days.slice(0, DAYS_SHOWN);
  return (
    <section className="panel account-wide" aria-labelledby="acc-tl-h" data-testid="account-timeline">
      <div className="section-head">
        <h2 id="acc-tl-h">{t('account.timeline.title', { month: formatMonth(tl.month, lang) })}</h2>
        {tl.items.length > 0 ? (
          <span className="muted small">{t('account.timeline.counts', tl.counts)}</span>
        ) : null}
      </div>
      {tl.items.length === 0 ? (
        <EmptyState title={t('account.timeline.empty')} />
      ) : (
        <>
          <ul className="activity-days">
            {shown.map((d) => (
              <li key={d.date}>
                <h3>
                  <span>{formatDate(d.date, lang)}</span>
                  <span className="muted small">
                    {t('account.timeline.dayTotal', {
                      minutes: minutesText(
                        t,
                        d.items.filter((i) => i.status !== 'rejected').reduce((n, i) => n + i.minutes, 0),
                      ),
                    })}
                  </span>
                </h3>
                <ul className="activity-rows">
                  {d.items.map((item) => (
                    <li key={item.id} data-testid="account-activity" data-status={item.status}>
                      <div>
                        <span>{item.catalogName}</span>
                        <div className="activity-when">
                          {t('account.timeline.qty', {
                            qty: formatNumber(item.quantity),
                            unit: item.outputUnit,
                          })}
                          {item.originalQuantity !== null
                            ? ` (${t('account.timeline.adjustedFrom', { qty: formatNumber(item.originalQuantity) })})`
                            : ''}
                          {item.startTime && item.endTime ? ` · ${item.startTime}–${item.endTime}` : ''}
                        </div>
                        {item.rejectReason ? (
                          <div className="small text-danger">{item.rejectReason}</div>
                        ) : null}
                      </div>
                      <div className="num">
                        {minutesText(t, item.minutes)}
                        <div>
                          <ActivityStatusBadge status={item.status} />
                        </div>
                      </div>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {days.length > DAYS_SHOWN ? (
            <div className="load-more">
              <button type="button" className="btn" onClick={() => setAll((v) => !v)} aria-expanded={all}>
                {all ? t('common.close') : `${t('account.more')} (${days.length - DAYS_SHOWN})`}
              </button>
            </div>
          ) : null}
          {tl.truncated ? (
            <p className="hint">
              {t('account.timeline.truncated', { shown: tl.items.length, total: tl.total })}{' '}
              {workloadLink ? <Link to={workloadLink}>{t('account.links.workload')}</Link> : null}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/* ---------- feedback ---------- */

export function FeedbackPanel({ a }: { a: Account }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="panel" aria-labelledby="acc-fb-h" data-testid="account-feedback">
      <h2 id="acc-fb-h">{t('account.feedback.title')}</h2>
      {a.feedback.length === 0 ? (
        <p className="muted">{t('account.feedback.empty')}</p>
      ) : (
        <ul className="feedback-list">
          {a.feedback.map((f) => (
            <li key={`${f.source}-${f.at}-${f.action}-${f.title}`} className={`feedback-${f.action}`}>
              <strong>{f.title}</strong>
              <div className="muted small">
                {formatDateTime(f.at, lang)}
                {f.actorName ? ` · ${t('account.feedback.by', { name: f.actorName })}` : ''}
              </div>
              {f.text ? <p>{f.text}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/* ---------- optional blocks (attendance, TPP, predikat, talent) ---------- */

export function AttendancePanel({ a }: { a: Account }) {
  const { t } = useTranslation();
  const lang = useLang();
  const at = a.attendance;
  return (
    <section className="panel" aria-labelledby="acc-att-h" data-testid="account-attendance">
      <h2 id="acc-att-h">
        {t('account.attendance.title', { month: formatMonth(at?.month ?? a.month, lang) })}
      </h2>
      {!at ? (
        <EmptyState title={t('account.attendance.empty')}>{t('account.attendance.emptyBody')}</EmptyState>
      ) : (
        <>
          <ul className="status-counts">
            {at.summary.map((s) => (
              <li key={s.code}>
                <Badge tone="neutral">{s.label}</Badge>
                <strong>{formatNumber(s.count)}</strong>
              </li>
            ))}
          </ul>
          {at.deductionPercent !== null ? (
            <p>{t('account.attendance.deduction', { percent: formatPercent(at.deductionPercent) })}</p>
          ) : null}
          {at.link ? <Link to={at.link}>{t('account.more')}</Link> : null}
        </>
      )}
    </section>
  );
}

export function TppPanel({ a }: { a: Account }) {
  const { t } = useTranslation();
  const lang = useLang();
  const tpp = a.tpp;
  return (
    <section className="panel" aria-labelledby="acc-tpp-h" data-testid="account-tpp">
      <h2 id="acc-tpp-h">{t('account.tpp.title', { month: formatMonth(tpp?.month ?? a.month, lang) })}</h2>
      {!a.abilities.readPay ? (
        <p className="muted">{t('account.tpp.hidden')}</p>
      ) : !tpp ? (
        <EmptyState title={t('account.tpp.empty')}>{t('account.tpp.emptyBody')}</EmptyState>
      ) : (
        <>
          <p>
            <Badge tone={tpp.status === 'locked' ? 'ok' : 'info'}>
              {t(`account.tpp.status.${tpp.status}`, { defaultValue: tpp.status })}
            </Badge>
          </p>
          <TableWrap label={t('account.tpp.title', { month: formatMonth(tpp.month, lang) })}>
            <table className="table">
              <tbody>
                {tpp.lines.map((l) => (
                  <tr key={l.label}>
                    <th scope="row">{l.label}</th>
                    <td className="money">{rupiah(l.amount)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('account.tpp.gross')}</th>
                  <td className="money">{rupiah(tpp.gross)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('account.tpp.deductions')}</th>
                  <td className="money">{rupiah(tpp.deductions)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('account.tpp.net')}</th>
                  <td className="money">
                    <strong>{rupiah(tpp.net)}</strong>
                  </td>
                </tr>
              </tbody>
            </table>
          </TableWrap>
          {tpp.cutReasons.length > 0 ? (
            <>
              <h3>{t('account.tpp.cutReasons')}</h3>
              <ul>
                {tpp.cutReasons.map((c) => (
                  <li key={c.code}>
                    {c.message}
                    {c.deadline ? (
                      <span className="muted small">
                        {' '}
                        ({t('account.tpp.deadline', { date: formatDate(c.deadline, lang) })})
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {tpp.link ? <Link to={tpp.link}>{t('account.more')}</Link> : null}
        </>
      )}
    </section>
  );
}

export function PredikatPanel({ a }: { a: Account }) {
  const { t } = useTranslation();
  const p = a.predikat;
  return (
    <section className="panel" aria-labelledby="acc-pred-h" data-testid="account-predikat">
      <h2 id="acc-pred-h">{t('account.predikat.title')}</h2>
      {!p || p.items.length === 0 ? (
        <EmptyState title={t('account.predikat.empty')}>{t('account.predikat.emptyBody')}</EmptyState>
      ) : (
        <>
          <TableWrap label={t('account.predikat.title')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('account.predikat.period')}</th>
                  <th scope="col">{t('account.predikat.predikat')}</th>
                  <th scope="col">{t('account.predikat.hasil')}</th>
                  <th scope="col">{t('account.predikat.perilaku')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((i) => (
                  <tr key={i.period}>
                    <td>{i.period}</td>
                    <td>
                      <strong>{i.predikat}</strong>
                      {!i.final ? (
                        <span className="muted small"> ({t('account.predikat.provisional')})</span>
                      ) : null}
                    </td>
                    <td>{i.hasilKerja ?? '—'}</td>
                    <td>{i.perilaku ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {p.link ? <Link to={p.link}>{t('account.more')}</Link> : null}
        </>
      )}
    </section>
  );
}

/** The nine boxes as in PermenPANRB 3/2020 practice: rows kinerja (top = di atas), columns potensial. */
const BOXES = [
  [4, 7, 9],
  [2, 5, 8],
  [1, 3, 6],
];

export function TalentPanel({ a }: { a: Account }) {
  const { t } = useTranslation();
  const lang = useLang();
  const tal = a.talent;
  return (
    <section className="panel" aria-labelledby="acc-tal-h" data-testid="account-talent">
      <h2 id="acc-tal-h">{t('account.talent.title')}</h2>
      {!tal ? (
        <EmptyState title={t('account.talent.empty')}>{t('account.talent.emptyBody')}</EmptyState>
      ) : (
        <div className="account-gauge-row">
          <div
            className="talent-box"
            role="img"
            aria-label={`${t('account.talent.box', { box: tal.box })}: ${tal.label}`}
          >
            {BOXES.flat().map((b) => (
              <span key={b} className={b === tal.box ? 'is-here' : undefined}>
                {b}
              </span>
            ))}
          </div>
          <div>
            <p>
              <strong>{t('account.talent.box', { box: tal.box })}</strong> — {tal.label}
            </p>
            <p className="muted small">
              {t('account.talent.axes', { kinerja: tal.kinerja, potensial: tal.potensial })}
            </p>
            {tal.successionPool ? <Badge tone="ok">{t('account.talent.pool')}</Badge> : null}
            {tal.actions.length > 0 ? (
              <>
                <h3>{t('account.talent.actions')}</h3>
                <ul>
                  {tal.actions.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {tal.assessedAt ? <p className="muted small">{formatDate(tal.assessedAt, lang)}</p> : null}
            {tal.link ? <Link to={tal.link}>{t('account.more')}</Link> : null}
          </div>
        </div>
      )}
    </section>
  );
}
