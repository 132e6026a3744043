/** One employee's TPP for a month, explained line by line, and the reasons it may still be cut. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMonth } from '../../components/activity';
import { Badge, type BadgeTone, EmptyState, TableWrap } from '../../components/ui';
import { formatDate, formatNip, formatNumber } from '../../format';
import { useLang } from '../../queries';
import { bpText, exactText, rupiah, type TppExplanation, type TppLine, type TppWarning } from './data';
import './tpp.css';

export const statusTone = (s: string): BadgeTone =>
  s === 'locked' ? 'ok' : s === 'checked' ? 'info' : s === 'draft' ? 'warn' : 'neutral';

export function TppStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge tone={statusTone(status)} title={t(`tpp.statusHint.${status}`, { defaultValue: '' })}>
      <span data-testid="tpp-status" data-status={status}>
        {t(`tpp.status.${status}`, { defaultValue: status })}
      </span>
    </Badge>
  );
}

function Warnings({ e }: { e: TppExplanation }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (e.warnings.length === 0) return null;
  const text = (w: TppWarning) =>
    t(`tpp.warn.${w.code}`, {
      ...w.params,
      month: formatMonth(e.month, lang),
      deadline: w.deadline ? formatDate(w.deadline, lang) : '',
      percent: w.params.percent ?? '',
      minutes: formatNumber(Number(w.params.minutes ?? 0)),
      defaultValue: w.message,
    });
  return (
    <section className="panel" aria-labelledby="tpp-warn-h" data-testid="tpp-warnings">
      <h2 id="tpp-warn-h">{t('tpp.me.warningsTitle')}</h2>
      <p className="muted small">
        {t('tpp.me.warningsIntro', { deadline: formatDate(e.closeDeadline, lang) })}
      </p>
      <ul className="plain-list tpp-warnings">
        {e.warnings.map((w) => (
          <li
            key={w.code}
            className={`notice ${w.severity === 'danger' ? 'notice-error' : w.severity === 'warn' ? 'notice-warn' : 'notice-info'}`}
            data-testid="tpp-warning"
            data-code={w.code}
          >
            <p>
              {text(w)}
              {w.deadline ? (
                <>
                  {' '}
                  <strong className="nowrap">
                    {t('tpp.me.deadline', { date: formatDate(w.deadline, lang) })}
                  </strong>
                </>
              ) : null}
            </p>
            {w.dates.length > 0 ? (
              <details className="small">
                <summary>{t('tpp.me.dates', { count: w.dates.length })}</summary>
                <p>{w.dates.map((d) => formatDate(d, lang)).join(', ')}</p>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Row({
  label,
  how,
  amount,
  strong,
  testId,
}: {
  label: string;
  how?: ReactNode;
  amount: ReactNode;
  strong?: boolean;
  testId?: string;
}) {
  return (
    <tr className={strong ? 'tpp-strong' : undefined} data-testid={testId}>
      <th scope="row">{label}</th>
      <td className="tpp-how">{how}</td>
      <td className="num nowrap">{amount}</td>
    </tr>
  );
}

function Breakdown({ l }: { l: TppLine }) {
  const { t } = useTranslation();
  const lang = useLang();
  const p = l.performance;
  const renormalised = !l.weights.kinerjaEnabled || !l.weights.disiplinEnabled;
  return (
    <section className="panel" aria-labelledby="tpp-explain-h">
      <h2 id="tpp-explain-h">{t('tpp.me.breakdown')}</h2>
      <div className="tpp-explain-wrap">
        <TableWrap label={t('tpp.me.breakdown')} testId="tpp-explain">
          <table className="table tpp-explain">
            <thead>
              <tr>
                <th scope="col">{t('tpp.me.item')}</th>
                <th scope="col">{t('tpp.me.how')}</th>
                <th scope="col" className="num">
                  {t('tpp.me.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {l.segments.map((s) => (
                <Row
                  key={`${s.positionId}-${s.from}`}
                  label={t('tpp.me.position', { name: s.positionName, kelas: s.kelas })}
                  how={t('tpp.me.segmentHow', {
                    from: formatDate(s.from, lang),
                    to: formatDate(s.to, lang),
                    days: s.days,
                    month: l.daysInMonth,
                    pagu: rupiah(s.pagu),
                  })}
                  amount={`Rp ${exactText(s.amountExact)}`}
                  testId="tpp-segment"
                />
              ))}
              {l.acting.map((a) => (
                <Row
                  key={`${a.positionId}-${a.from}`}
                  label={t('tpp.me.acting', { name: a.positionName, kelas: a.kelas })}
                  how={
                    a.eligibleDays > 0
                      ? t('tpp.me.actingHow', {
                          days: a.eligibleDays,
                          month: l.daysInMonth,
                          share: bpText(a.shareBp),
                          pagu: rupiah(a.pagu),
                        })
                      : t('tpp.me.actingLower')
                  }
                  amount={`Rp ${exactText(a.amountExact)}`}
                  testId="tpp-acting"
                />
              ))}
              <Row
                label={t('tpp.me.base')}
                how={t('tpp.me.rounded', { exact: exactText(l.rounding.base) })}
                amount={rupiah(l.base)}
                strong
                testId="tpp-base"
              />
              <Row
                label={t('tpp.me.weights')}
                how={
                  <>
                    {t('tpp.me.weightsHow', {
                      kinerja: bpText(l.weights.effectiveKinerjaBp),
                      disiplin: bpText(l.weights.effectiveDisiplinBp),
                      group: t(`tpp.groups.${l.weights.group}`, { defaultValue: l.weights.group }),
                    })}
                    {renormalised ? (
                      <span className="cell-sub">
                        {t('tpp.me.renormalised', {
                          kinerja: bpText(l.weights.kinerjaBp),
                          disiplin: bpText(l.weights.disiplinBp),
                        })}
                      </span>
                    ) : null}
                  </>
                }
                amount=""
              />
              <Row
                label={t('tpp.me.performance')}
                how={
                  <>
                    {t('tpp.me.performanceHow', {
                      approved: formatNumber(p.approved),
                      effective: formatNumber(p.effective),
                      days: p.workingDays - p.leaveDays,
                      perDay: p.perDay,
                    })}
                    {p.shortfall > 0 ? (
                      <span className="cell-sub">
                        {t('tpp.me.shortfall', {
                          shortfall: formatNumber(p.shortfall),
                          cap: formatNumber(p.cap),
                        })}
                      </span>
                    ) : null}
                    {p.leaveDays > 0 ? (
                      <span className="cell-sub">{t('tpp.me.leave', { count: p.leaveDays })}</span>
                    ) : null}
                    {p.pending > 0 ? (
                      <span className="cell-sub">
                        {t('tpp.me.pending', { minutes: formatNumber(p.pending) })}
                      </span>
                    ) : null}
                  </>
                }
                amount={<span data-testid="tpp-factor">{bpText(p.factorBp)}</span>}
              />
              <Row
                label={t('tpp.me.kinerja')}
                how={t('tpp.me.kinerjaHow', {
                  base: rupiah(l.base),
                  weight: bpText(l.weights.effectiveKinerjaBp),
                  factor: bpText(p.factorBp),
                  exact: exactText(l.rounding.kinerja),
                })}
                amount={rupiah(l.komponenKinerja)}
                testId="tpp-kinerja"
              />
              <Row
                label={t('tpp.me.disiplinMax')}
                how={t('tpp.me.disiplinMaxHow', {
                  base: rupiah(l.base),
                  kinerjaMax: rupiah(l.kinerjaMax),
                })}
                amount={rupiah(l.disiplinMax)}
              />
              {l.deductions.lines.map((d) => (
                <Row
                  key={`${d.date}-${d.code}`}
                  label={`${formatDate(d.date, lang)} · ${d.code}`}
                  how={
                    <>
                      {t(`tpp.codes.${d.code}`, { defaultValue: d.code })}
                      {d.minutes ? ` · ${t('tpp.me.minutes', { n: formatNumber(d.minutes) })}` : ''}
                      {d.note ? <span className="cell-sub">{d.note}</span> : null}
                    </>
                  }
                  amount={`${bpText(d.basisPoints)}`}
                  testId="tpp-deduction"
                />
              ))}
              <Row
                label={t('tpp.me.potongan')}
                how={
                  l.deductions.lines.length === 0
                    ? l.deductions.recorded
                      ? t('tpp.me.noDeductions')
                      : t('tpp.me.noAttendance')
                    : t('tpp.me.potonganHow', {
                        total: bpText(l.deductions.totalBp),
                        applied: bpText(l.deductions.appliedBp),
                        max: rupiah(l.disiplinMax),
                      })
                }
                amount={rupiah(-l.potongan)}
                testId="tpp-potongan"
              />
              <Row
                label={t('tpp.me.disiplin')}
                how={t('tpp.me.rounded', { exact: exactText(l.rounding.disiplin) })}
                amount={rupiah(l.komponenDisiplin)}
              />
              <Row
                label={t('tpp.me.bruto')}
                how={t('tpp.me.brutoHow')}
                amount={rupiah(l.bruto)}
                strong
                testId="tpp-bruto"
              />
              <Row
                label={t('tpp.me.bpjs', { rate: bpText(l.bpjs.rateBp) })}
                how={
                  <>
                    {t('tpp.me.rounded', { exact: exactText(l.rounding.bpjs) })}
                    {l.bpjs.cap !== null ? (
                      <span className="cell-sub">{t('tpp.me.bpjsCap', { cap: rupiah(l.bpjs.cap) })}</span>
                    ) : null}
                  </>
                }
                amount={rupiah(-l.bpjs.amount)}
              />
              <Row
                label={t('tpp.me.netto')}
                how={t('tpp.me.nettoHow')}
                amount={<span data-testid="tpp-netto">{rupiah(l.netto)}</span>}
                strong
              />
            </tbody>
          </table>
        </TableWrap>
      </div>
      <p className="hint">{t('tpp.me.roundingNote')}</p>
    </section>
  );
}

/** The body of "TPP saya" and of the BKPSDM view of one employee. */
export function Explanation({ e, own }: { e: TppExplanation; own: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const l = e.line;
  return (
    <>
      {l ? (
        <section className="panel" aria-labelledby="tpp-sum-h" data-testid="tpp-summary">
          <div className="section-head">
            <h2 id="tpp-sum-h">{t('tpp.me.summary', { month: formatMonth(e.month, lang) })}</h2>
            <TppStatusBadge status={l.status} />
          </div>
          <p className="muted small">{t(`tpp.statusHint.${l.status}`)}</p>
          <dl className="facts">
            <div>
              <dt>{t('tpp.me.positionNow')}</dt>
              <dd>
                {l.position.name}
                <span className="cell-sub">
                  {t('tpp.kelas', { kelas: l.position.kelas })} · {l.opd.name}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('tpp.me.bruto')}</dt>
              <dd className="num">{rupiah(l.bruto)}</dd>
            </div>
            <div>
              <dt>{t('tpp.me.bpjsShort')}</dt>
              <dd className="num">{rupiah(l.bpjs.amount)}</dd>
            </div>
            <div>
              <dt>{t('tpp.me.netto')}</dt>
              <dd className="num tpp-big" data-testid="tpp-netto-summary">
                {rupiah(l.netto)}
              </dd>
            </div>
          </dl>
        </section>
      ) : (
        <div className="panel">
          <EmptyState title={t('tpp.me.noLine')}>
            {own ? t('tpp.me.noLineOwn') : t('tpp.me.noLineOther')}
          </EmptyState>
        </div>
      )}
      <Warnings e={e} />
      {l ? <Breakdown l={l} /> : null}
    </>
  );
}

export function EmployeeHeading({ e }: { e: TppExplanation }) {
  if (!e.employee && !e.line) return null;
  const who = e.employee ?? e.line?.employee;
  if (!who) return null;
  return (
    <p className="muted">
      <span className="mono">{formatNip(who.nip)}</span>
    </p>
  );
}
