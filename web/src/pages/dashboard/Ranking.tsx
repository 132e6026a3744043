import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ratioText } from '../../components/activity';
import { TableWrap } from '../../components/ui';
import { formatNumber } from '../../format';
import type { DashboardView, RankingRow } from './data';

export type SortKey =
  | 'name'
  | 'people'
  | 'skpShare'
  | 'activitiesToday'
  | 'activitiesMonth'
  | 'backlogMinutes'
  | 'avgWorkload'
  | 'inactive'
  | 'predikatGoodShare'
  | 'tppTotal';
const SORT_KEYS: SortKey[] = [
  'name',
  'people',
  'skpShare',
  'activitiesToday',
  'activitiesMonth',
  'backlogMinutes',
  'avgWorkload',
  'inactive',
  'predikatGoodShare',
  'tppTotal',
];
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export const hoursText = (t: TFunction, minutes: number) =>
  t('dashboard.headline.hours', { n: formatNumber(Math.round(minutes / 60)) });

/** `?urut=<figure>&arah=asc|desc`: the ranking's order, shareable and kept while drilling down. */
export function useSort(): [Sort, (s: Sort) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('urut') as SortKey | null;
  const key: SortKey = raw && SORT_KEYS.includes(raw) ? raw : 'avgWorkload';
  const dir =
    params.get('arah') === 'asc'
      ? 'asc'
      : params.get('arah') === 'desc'
        ? 'desc'
        : key === 'name'
          ? 'asc'
          : 'desc';
  const set = (s: Sort) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('urut', s.key);
        p.set('arah', s.dir);
        return p;
      },
      { replace: true },
    );
  return [{ key, dir }, set];
}

function figureOf(r: RankingRow, key: SortKey): number | string | null {
  if (key === 'name') return r.name;
  const v = r[key];
  return v === undefined ? null : v;
}

export function sortRows(rows: RankingRow[], sort: Sort): RankingRow[] {
  return [...rows].sort((a, b) => {
    const x = figureOf(a, sort.key);
    const y = figureOf(b, sort.key);
    if (x === null && y === null) return a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return (sort.dir === 'asc' ? c : -c) || a.name.localeCompare(b.name);
  });
}

export function Ranking({ d, sort, onSort }: { d: DashboardView; sort: Sort; onSort: (s: Sort) => void }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const child = d.scope.childLevel;
  const ranked = sortRows(
    d.ranking.filter((r) => !r.direct),
    sort,
  );
  const direct = d.ranking.find((r) => r.direct);
  const keep = params.toString();
  const withPredikat = d.headline.evaluated !== undefined;
  const withTpp = d.headline.tppTotal !== undefined;
  const columns: { key: SortKey; label: string }[] = [
    { key: 'people', label: t('dashboard.ranking.people') },
    { key: 'skpShare', label: t('dashboard.ranking.skpShare') },
    { key: 'activitiesToday', label: t('dashboard.ranking.activitiesToday') },
    { key: 'activitiesMonth', label: t('dashboard.ranking.activitiesMonth') },
    { key: 'backlogMinutes', label: t('dashboard.ranking.backlogMinutes') },
    { key: 'avgWorkload', label: t('dashboard.ranking.avgWorkload') },
    { key: 'inactive', label: t('dashboard.ranking.inactive') },
    ...(withPredikat
      ? [{ key: 'predikatGoodShare' as const, label: t('dashboard.ranking.predikatGoodShare') }]
      : []),
    ...(withTpp ? [{ key: 'tppTotal' as const, label: t('dashboard.ranking.tppTotal') }] : []),
  ];
  const header = (key: SortKey, label: string, num = true) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        className={num ? 'num' : undefined}
        aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <button
          type="button"
          className="th-sort"
          onClick={() =>
            onSort({
              key,
              dir: active ? (sort.dir === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc',
            })
          }
          title={t('dashboard.ranking.sortBy', { label })}
          data-testid={`sort-${key}`}
        >
          {label}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      </th>
    );
  };
  const cells = (r: RankingRow) => (
    <>
      <td className="num">{formatNumber(r.people)}</td>
      <td className="num">
        <Meter value={r.skpShare} />
      </td>
      <td className="num">{formatNumber(r.activitiesToday)}</td>
      <td className="num">{formatNumber(r.activitiesMonth)}</td>
      <td className="num nowrap">{hoursText(t, r.backlogMinutes)}</td>
      <td className="num nowrap">
        {ratioText(r.avgWorkload)}
        <span className="cell-sub">
          {formatNumber(r.under)} / {formatNumber(r.normal)} / {formatNumber(r.over)}
        </span>
      </td>
      <td className="num">{formatNumber(r.inactive)}</td>
      {withPredikat ? <td className="num">{ratioText(r.predikatGoodShare ?? null)}</td> : null}
      {withTpp ? <td className="num nowrap">Rp {formatNumber(r.tppTotal ?? 0)}</td> : null}
    </>
  );
  const title = t(`dashboard.ranking.title_${child}`);
  return (
    <section className="panel" aria-labelledby="rank-h" data-testid="ranking">
      <div className="section-head">
        <h2 id="rank-h">
          {title} <span className="count muted">({formatNumber(ranked.length)})</span>
        </h2>
        <p className="muted small">{t('dashboard.ranking.intro')}</p>
      </div>
      {ranked.length === 0 && !direct ? (
        <p className="muted">{t('dashboard.ranking.empty')}</p>
      ) : (
        <TableWrap label={title}>
          <table className="table ranking-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('dashboard.ranking.rank')}
                </th>
                {header('name', t(`dashboard.ranking.name_${child}`), false)}
                {columns.map((c) => header(c.key, c.label))}
              </tr>
            </thead>
            <tbody>
              {ranked.map((r, i) => (
                <tr key={r.unitId} data-testid="ranking-row" data-unit={r.unitId}>
                  <td className="num muted">{i + 1}</td>
                  <th scope="row">
                    <Link
                      className="cell-main"
                      to={`/dasbor/unit/${encodeURIComponent(r.unitId)}${keep ? `?${keep}` : ''}`}
                      data-testid="drill"
                    >
                      {r.name}
                    </Link>
                  </th>
                  {cells(r)}
                </tr>
              ))}
              {direct ? (
                <tr className="row-direct" data-testid="ranking-direct">
                  <td className="num muted">–</td>
                  <th scope="row">
                    <span className="cell-main">{t('dashboard.ranking.direct', { name: direct.name })}</span>
                  </th>
                  {cells(direct)}
                </tr>
              ) : null}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/** A share as a number with a thin bar under it (the bar is decoration; the number says it). */
export function Meter({ value }: { value: number | null }) {
  return (
    <span className="meter-cell">
      {ratioText(value)}
      <span className="meter" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.max(0, (value ?? 0) * 100))}%` }} />
      </span>
    </span>
  );
}
