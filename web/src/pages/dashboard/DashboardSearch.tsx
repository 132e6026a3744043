import './search.css';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useDebounced } from '../../components/ui';
import { formatNip } from '../../format';
import { useDashboardSearch } from './data';

/**
 * Find any person (by name or NIP) or unit within the dashboard scope: people open their
 * performance account, units their dashboard. The results are plain links, so Tab and Enter work; Escape
 * closes the list.
 */
export function DashboardSearch() {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const debounced = useDebounced(q.trim(), 250);
  const search = useDashboardSearch(debounced, open);
  const box = useRef<HTMLDivElement>(null);
  const location = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: close after navigating
  useEffect(() => {
    setOpen(false);
  }, [location.pathname]);

  // a click outside closes the list; Escape closes it and returns to the input
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !box.current?.contains(document.activeElement)) return;
      setOpen(false);
      box.current.querySelector('input')?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const data = search.data;
  const count = (data?.people.length ?? 0) + (data?.units.length ?? 0);
  const showList = open && debounced.length >= 2;

  return (
    <div ref={box} className="dash-search">
      <label htmlFor={`${id}-q`} className="label-like">
        {t('dashboard.search.label')}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        value={q}
        placeholder={t('dashboard.search.placeholder')}
        autoComplete="off"
        aria-describedby={`${id}-status`}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        data-testid="dashboard-search"
      />
      <span id={`${id}-status`} className="sr-only" aria-live="polite">
        {showList && data ? t('dashboard.search.results', { count }) : ''}
      </span>
      {showList ? (
        <div id={`${id}-list`} className="dash-search-list" data-testid="dashboard-search-results">
          {search.isPending ? (
            <p className="muted small">…</p>
          ) : data && count === 0 ? (
            <p className="muted small">{t('dashboard.search.none')}</p>
          ) : data ? (
            <>
              {data.people.length ? (
                <>
                  <p className="dash-search-head">{t('dashboard.search.people')}</p>
                  <ul>
                    {data.people.map((p) => (
                      <li key={p.employeeId}>
                        <Link
                          to={`/akun/${encodeURIComponent(p.employeeId)}`}
                          data-testid="dashboard-search-person"
                        >
                          <span className="cell-main">{p.name}</span>
                          <span className="cell-sub">
                            {formatNip(p.nip)} · {[p.positionName, p.opdName].filter(Boolean).join(' · ')}
                          </span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                  {data.peopleTotal > data.people.length ? (
                    <p className="muted small">{t('dashboard.search.more', { count: data.peopleTotal })}</p>
                  ) : null}
                </>
              ) : null}
              {data.units.length ? (
                <>
                  <p className="dash-search-head">{t('dashboard.search.units')}</p>
                  <ul>
                    {data.units.map((u) => (
                      <li key={u.unitId}>
                        <Link
                          to={u.level === 'city' ? '/dasbor' : `/dasbor/unit/${encodeURIComponent(u.unitId)}`}
                          data-testid="dashboard-search-unit"
                        >
                          <span className="cell-main">{u.name}</span>
                          <span className="cell-sub">{t(`dashboard.level.${u.level}`)}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
