import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { useUser } from '../auth';
import { EmployeeStatusBadge } from '../components/badges';
import { Modal } from '../components/Modal';
import {
  EmptyState,
  ErrorState,
  Loading,
  LoadMore,
  SearchSelect,
  TableWrap,
  usePageTitle,
} from '../components/ui';
import { formatNip } from '../format';
import { keys, useUnits } from '../queries';
import type { EmployeeSummary, Paged } from '../types';
import { EmployeeCreateDialog } from './employees/EmployeeDialogs';

const STATUSES = ['active', 'retired', 'moved', 'inactive'] as const;

export function EmployeesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.employees'));
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unit = params.get('unit') ?? '';
  const status = params.get('status') ?? '';
  const [qInput, setQInput] = useState(q);
  const [picking, setPicking] = useState(false);
  const [creating, setCreating] = useState(false);
  const qId = useId();
  const statusId = useId();
  const units = useUnits(!!unit || picking);
  const unitName = unit ? units.data?.find((u) => u.id === unit)?.name : undefined;

  const setParam = (k: string, v: string, replace = false) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (v) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace },
    );

  useEffect(() => setQInput(q), [q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: setParam is stable enough (recreated per render)
  useEffect(() => {
    if (qInput === q) return;
    const h = setTimeout(() => setParam('q', qInput.trim() ? qInput : '', true), 300);
    return () => clearTimeout(h);
  }, [qInput, q]);

  const query = useMemo(() => ({ q: q.trim(), unitId: unit, status }), [q, unit, status]);
  const list = useInfiniteQuery({
    queryKey: keys.employees(query),
    queryFn: ({ pageParam }) =>
      api<Paged<EmployeeSummary>>('/org/employees', { query: { ...query, limit: 50, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!(q || unit || status);

  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>{t('employees.title')}</h1>
        {user.abilities['org.manage'] ? (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            {t('employees.add')}
          </button>
        ) : null}
      </header>

      <search className="filters panel" aria-label={t('employees.filters')}>
        <div className="field grow">
          <label htmlFor={qId}>{t('employees.searchLabel')}</label>
          <input
            id={qId}
            type="search"
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
            placeholder={t('employees.searchPlaceholder')}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor={statusId}>{t('employees.fields.status')}</label>
          <select id={statusId} value={status} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`employeeStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend className="label-like">{t('employees.fields.unit')}</legend>
          <div className="unit-filter">
            {unit ? (
              <span className="chip">
                <span>{unitName ?? (units.isPending ? t('common.loading') : unit)}</span>
                <button
                  type="button"
                  className="chip-x"
                  onClick={() => setParam('unit', '')}
                  aria-label={t('employees.clearUnit')}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </span>
            ) : (
              <span className="muted">{t('employees.allUnits')}</span>
            )}
            <button type="button" className="btn btn-small" onClick={() => setPicking(true)}>
              {t('employees.pickUnit')}
            </button>
          </div>
        </fieldset>
      </search>

      <section className="panel" aria-labelledby="emp-list-h">
        <h2 id="emp-list-h" className="sr-only">
          {t('employees.listTitle')}
        </h2>
        {list.isPending ? (
          <Loading rows={8} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={filtered ? t('employees.noMatch') : t('employees.none')}>
            {filtered ? t('employees.noMatchBody') : t('employees.noneBody')}
          </EmptyState>
        ) : (
          <>
            <TableWrap label={t('employees.listTitle')} testId="employees-table">
              <table className="table table-rowlinks" aria-busy={list.isFetching}>
                <thead>
                  <tr>
                    <th scope="col">{t('employees.fields.name')}</th>
                    <th scope="col">{t('employees.fields.nip')}</th>
                    <th scope="col">{t('employees.fields.asnType')}</th>
                    <th scope="col">{t('employees.fields.position')}</th>
                    <th scope="col">{t('employees.fields.unit')}</th>
                    <th scope="col">{t('employees.fields.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Link className="row-link" to={`/pegawai/${encodeURIComponent(e.id)}`}>
                          {e.name}
                        </Link>
                      </td>
                      <td className="mono nowrap">{formatNip(e.nip)}</td>
                      <td>{e.asnType}</td>
                      <td>{e.positionName ?? <span className="muted">—</span>}</td>
                      <td>{e.unitName ?? <span className="muted">—</span>}</td>
                      <td>
                        <EmployeeStatusBadge status={e.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <p className="muted small">{t('employees.shown', { count: items.length })}</p>
            <LoadMore
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            />
          </>
        )}
      </section>

      {picking ? (
        <UnitPickerDialog
          value={unit}
          onClose={() => setPicking(false)}
          onPick={(id) => {
            setPicking(false);
            setParam('unit', id);
          }}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name, hint: u.code }))}
          loading={units.isPending}
        />
      ) : null}
      {creating ? (
        <EmployeeCreateDialog
          onClose={() => setCreating(false)}
          onCreated={(e) => {
            setCreating(false);
            navigate(`/pegawai/${encodeURIComponent(e.id)}`);
          }}
        />
      ) : null}
    </div>
  );
}

function UnitPickerDialog({
  value,
  options,
  loading,
  onPick,
  onClose,
}: {
  value: string;
  options: { value: string; label: string; hint?: string }[];
  loading: boolean;
  onPick: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState(value);
  return (
    <Modal title={t('employees.pickUnit')} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (v) onPick(v);
        }}
      >
        <SearchSelect
          name="unit"
          label={t('employees.fields.unit')}
          options={options}
          value={v}
          onChange={setV}
          loading={loading}
        />
        <p className="hint">{t('employees.unitSubtreeHint')}</p>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!v}>
            {t('common.apply')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
