import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BandBadge, ratioText } from '../../components/activity';
import { Badge, TableWrap } from '../../components/ui';
import { formatDate, formatNip, formatNumber } from '../../format';
import { useLang } from '../../queries';
import { type DashboardView, exportUrl } from './data';
import { hoursText } from './Ranking';
import { PersonLink } from './Warnings';

const SHOWN = 200;

/** The people of a unit (and its sub-units): the last step of the drill-down, into /akun/:id. */
export function PeopleTable({ d, unitId }: { d: DashboardView; unitId: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const [filter, setFilter] = useState('');
  const people = d.people;
  const items = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = people?.items ?? [];
    if (!needle) return all;
    return all.filter(
      (p) => p.name.toLowerCase().includes(needle) || p.nip.startsWith(needle.replace(/\s+/g, '')),
    );
  }, [people, filter]);
  if (!people) return null;
  const shown = items.slice(0, SHOWN);
  const title = t('dashboard.people.title');
  const withPredikat = d.predikat !== undefined;
  const withTpp = d.tpp !== undefined;
  return (
    <section className="panel" aria-labelledby="people-h" data-testid="people">
      <div className="section-head">
        <h2 id="people-h">
          {title} <span className="count muted">({formatNumber(people.total)})</span>
        </h2>
        <div className="actions">
          <label className="sr-only" htmlFor={`${id}-f`}>
            {t('dashboard.people.filter')}
          </label>
          <input
            id={`${id}-f`}
            type="search"
            value={filter}
            placeholder={t('dashboard.people.filter')}
            onChange={(e) => setFilter(e.target.value)}
          />
          <a
            className="btn btn-small"
            href={exportUrl('people', unitId, d.month)}
            download
            aria-label={t('dashboard.export.xlsxOf', { label: title })}
          >
            XLSX
          </a>
        </div>
      </div>
      <p className="muted small">{t('dashboard.people.intro')}</p>
      {items.length === 0 ? (
        <p className="muted">{t('dashboard.people.empty')}</p>
      ) : (
        <TableWrap label={title}>
          <table className="table people-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.people.name')}</th>
                <th scope="col" className="num">
                  {t('dashboard.people.workload')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.people.today')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.people.backlog')}
                </th>
                <th scope="col">{t('dashboard.people.lastActive')}</th>
                <th scope="col">{t('dashboard.people.skp')}</th>
                {withPredikat ? <th scope="col">{t('dashboard.people.predikat')}</th> : null}
                {withTpp ? (
                  <th scope="col" className="num">
                    {t('dashboard.people.tpp')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.employeeId} data-testid="person-row">
                  <th scope="row">
                    <PersonLink id={p.employeeId} name={p.name} testId="drill-person" />
                    <span className="nip">{formatNip(p.nip)}</span>
                    <span className="cell-sub">
                      {[p.positionName, p.unitName].filter(Boolean).join(' · ')}
                    </span>
                  </th>
                  <td className="num nowrap">
                    {ratioText(p.ratio)} <BandBadge band={p.band} />
                  </td>
                  <td className="num">{formatNumber(p.todayEntries)}</td>
                  <td className="num nowrap">{hoursText(t, p.backlogMinutes)}</td>
                  <td className="nowrap">
                    {p.lastActive ? formatDate(p.lastActive, lang) : '—'}
                    {p.inactive ? (
                      <>
                        {' '}
                        <Badge tone="warn">{t('dashboard.ranking.inactive')}</Badge>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Badge tone={p.skpApproved ? 'ok' : 'neutral'}>
                      {t(`dashboard.skpStatus.${p.skpStatus ?? 'none'}`, {
                        defaultValue: p.skpStatus ?? '—',
                      })}
                    </Badge>
                  </td>
                  {withPredikat ? <td>{p.predikat ? t(`dashboard.predikat.${p.predikat}`) : '—'}</td> : null}
                  {withTpp ? (
                    <td className="num nowrap">
                      {p.tpp === null || p.tpp === undefined ? '—' : `Rp ${formatNumber(p.tpp)}`}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {items.length > shown.length || people.total > people.items.length ? (
        <p className="hint">{t('dashboard.people.shown', { shown: shown.length, total: people.total })}</p>
      ) : null}
    </section>
  );
}
