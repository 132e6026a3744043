import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { API_BASE, ApiError, withQuery } from '../api';
import { useUser } from '../auth';
import { formatMonth, PjBadge, UnitPickerDialog } from '../components/activity';
import {
  Badge,
  type BadgeTone,
  EmptyState,
  ErrorState,
  Loading,
  TableWrap,
  usePageTitle,
} from '../components/ui';
import { formatNumber, todayJakarta } from '../format';
import { useAbk, useLang, usePeriods } from '../queries';
import type { AbkFigures } from '../types';
import { useScopedUnits } from './UnitWorkload';

const decimals = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fixed2 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : decimals.format(v));
/** `+1,50` / `−0,16` / `0,00` */
const signed = (v: number) =>
  v > 0 ? `+${decimals.format(v)}` : v < 0 ? `−${decimals.format(-v)}` : decimals.format(0);
const selisihTone = (v: number): BadgeTone => (v < 0 ? 'warn' : v > 0 ? 'info' : 'ok');

function Figures({ f }: { f: AbkFigures }) {
  return (
    <>
      <td className="num">{formatNumber(f.bebanKerja)}</td>
      <td className="num">{fixed2(f.kebutuhan)}</td>
      <td className="num">{formatNumber(f.pns)}</td>
      <td className="num">{formatNumber(f.pppk)}</td>
      <td className="num">{formatNumber(f.holders)}</td>
      <td className="num nowrap">{signed(f.selisih)}</td>
      <td className="nowrap" data-testid="abk-selisih">
        <Badge tone={selisihTone(f.selisih)}>{f.selisihLabel}</Badge>
      </td>
      <td className="num">{fixed2(f.ej)}</td>
      <td className="nowrap">
        <PjBadge pj={f.pj} />
      </td>
    </>
  );
}

/** `/abk`: staffing need per jabatan (Form D) of a unit subtree, the city or the admin's OPD. */
export function AbkPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.abk'));
  const lang = useLang();
  const user = useUser();
  const yearId = useId();
  const qId = useId();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit') ?? '';
  const yearParam = Number(params.get('tahun') ?? '');
  const year = Number.isInteger(yearParam) && yearParam >= 2000 ? yearParam : undefined;
  const [picking, setPicking] = useState(false);
  const [q, setQ] = useState('');
  const { units, scoped } = useScopedUnits(user);
  const periods = usePeriods();
  const abk = useAbk(unitId, year);
  const d = abk.data;

  const thisYear = Number(todayJakarta().slice(0, 4));
  const years = useMemo(() => {
    const set = new Set<number>([thisYear, ...(periods.data ?? []).map((p) => p.year)]);
    if (year) set.add(year);
    return [...set].sort((a, b) => b - a);
  }, [periods.data, thisYear, year]);

  const setParam = (k: string, v: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (v) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace: true },
    );

  const needle = q.trim().toLowerCase();
  const blocks = useMemo(() => {
    if (!d) return [];
    if (!needle) return d.units;
    return d.units
      .map((u) =>
        u.unitName.toLowerCase().includes(needle)
          ? u
          : { ...u, rows: u.rows.filter((r) => r.jabatan.toLowerCase().includes(needle)) },
      )
      .filter((u) => u.rows.length > 0);
  }, [d, needle]);
  const rowCount = blocks.reduce((s, u) => s + u.rows.length, 0);
  let no = 0;

  const exportHref = withQuery(`${API_BASE}/abk/export.xlsx`, { unitId, year: d?.year ?? year });

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('abk.title')}</h1>
          <p className="muted">{t('abk.intro')}</p>
        </div>
        <a className="btn" href={exportHref} download data-testid="abk-export">
          {t('abk.export')}
        </a>
      </header>

      <search className="filters panel" aria-label={t('abk.filters')}>
        <fieldset className="field grow abk-scope">
          <legend className="label-like">{t('employees.fields.unit')}</legend>
          <div className="unit-filter">
            <span className="chip">
              <span>{d?.unit.name ?? (abk.isPending ? t('common.loading') : '—')}</span>
            </span>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setPicking(true)}
              data-testid="unit-pick"
            >
              {t('workload.pickUnit')}
            </button>
            {unitId ? (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setParam('unit', '')}>
                {t('abk.defaultScope')}
              </button>
            ) : null}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={yearId}>{t('abk.year')}</label>
          <select
            id={yearId}
            value={String(d?.year ?? year ?? thisYear)}
            onChange={(e) => setParam('tahun', e.target.value === String(thisYear) ? '' : e.target.value)}
            data-testid="abk-year"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={qId}>{t('abk.search')}</label>
          <input
            id={qId}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('abk.searchPlaceholder')}
            autoComplete="off"
          />
        </div>
      </search>

      {abk.isPending ? (
        <div className="panel">
          <Loading rows={10} />
        </div>
      ) : abk.isError ? (
        abk.error instanceof ApiError && (abk.error.status === 403 || abk.error.status === 404) ? (
          <div className="panel">
            <EmptyState title={t('abk.notAllowed')}>{t('abk.notAllowedBody')}</EmptyState>
          </div>
        ) : (
          <ErrorState error={abk.error} onRetry={() => void abk.refetch()} />
        )
      ) : d ? (
        <section className="panel" aria-labelledby="abk-h" aria-busy={abk.isFetching}>
          <div className="section-head">
            <h2 id="abk-h">
              {t('abk.formD', { unit: d.unit.name, year: d.year })}{' '}
              <span className="count muted">({formatNumber(rowCount)})</span>
            </h2>
          </div>
          <p className="hint">
            {d.months.length > 0
              ? t('abk.basis', {
                  months: d.months.map((m) => formatMonth(m, lang, 'short')).join(', '),
                  wke: formatNumber(d.wkeMinutes),
                })
              : t('abk.noData', { wke: formatNumber(d.wkeMinutes) })}
          </p>
          {blocks.length === 0 ? (
            <EmptyState title={needle ? t('abk.noMatch') : t('abk.none')} />
          ) : (
            <TableWrap label={t('abk.formD', { unit: d.unit.name, year: d.year })} testId="abk-table">
              <table className="table abk-table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('abk.no')}
                    </th>
                    <th scope="col">{t('abk.jabatan')}</th>
                    <th scope="col" className="num">
                      {t('abk.beban')}
                    </th>
                    <th scope="col" className="num">
                      {t('abk.kebutuhan')}
                    </th>
                    <th scope="col" className="num">
                      {t('abk.pns')}
                    </th>
                    <th scope="col" className="num">
                      {t('abk.pppk')}
                    </th>
                    <th scope="col" className="num">
                      {t('abk.holders')}
                    </th>
                    <th scope="col" className="num">
                      {t('abk.selisih')}
                    </th>
                    <th scope="col">{t('abk.keterangan')}</th>
                    <th scope="col" className="num">
                      <abbr title={t('abk.ejLong')}>EJ</abbr>
                    </th>
                    <th scope="col">
                      <abbr title={t('abk.pjLong')}>PJ</abbr>
                    </th>
                  </tr>
                </thead>
                {blocks.map((u) => (
                  <tbody key={u.unitId}>
                    {d.units.length > 1 ? (
                      <tr className="group-row">
                        <th scope="rowgroup" colSpan={11}>
                          {u.unitName}
                        </th>
                      </tr>
                    ) : null}
                    {u.rows.map((r) => {
                      no += 1;
                      return (
                        <tr key={`${u.unitId}|${r.jabatan}`} data-testid="abk-row">
                          <td className="num">{no}</td>
                          <td>
                            <span className="cell-main">{r.jabatan}</span>
                            <span className="cell-sub">
                              {t(`positionKinds.${r.kind}`, { defaultValue: r.kind })}
                              {r.positions > 1 ? ` · ${t('abk.positions', { count: r.positions })}` : ''}
                            </span>
                          </td>
                          <Figures f={r} />
                        </tr>
                      );
                    })}
                    {d.units.length > 1 && u.rows.length > 1 && !needle ? (
                      <tr className="subtotal-row">
                        <td />
                        <th scope="row">{t('abk.unitTotal', { unit: u.unitName })}</th>
                        <Figures f={u.total} />
                      </tr>
                    ) : null}
                  </tbody>
                ))}
                {!needle ? (
                  <tfoot>
                    <tr className="total-row" data-testid="abk-total">
                      <td />
                      <th scope="row">{t('abk.grandTotal')}</th>
                      <Figures f={d.total} />
                    </tr>
                  </tfoot>
                ) : null}
              </table>
            </TableWrap>
          )}
          <details className="abk-help small">
            <summary>{t('abk.howTitle')}</summary>
            <ul className="plain-list">
              <li>{t('abk.howKebutuhan', { wke: formatNumber(d.wkeMinutes) })}</li>
              <li>{t('abk.howSelisih')}</li>
              <li>{t('abk.howEj')}</li>
              <li>{t('abk.howPj')}</li>
            </ul>
          </details>
        </section>
      ) : null}

      {picking ? (
        <UnitPickerDialog
          title={t('workload.pickUnit')}
          units={scoped}
          value={unitId}
          loading={units.isPending}
          onClose={() => setPicking(false)}
          onPick={(id) => {
            setPicking(false);
            setParam('unit', id);
          }}
        />
      ) : null}
    </div>
  );
}
