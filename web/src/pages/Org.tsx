import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api';
import { useUser } from '../auth';
import { EmployeeStatusBadge, HolderCell } from '../components/badges';
import { indexUnits, OrgTree, type UnitIndex } from '../components/OrgTree';
import { Badge, EmptyState, ErrorState, Loading, LoadMore, TableWrap, usePageTitle } from '../components/ui';
import { formatDate, formatNip, formatNumber } from '../format';
import { keys, useLang, useUnit, useUnits } from '../queries';
import type { EmployeeSummary, Paged, Position, Unit } from '../types';
import { DeactivatePositionDialog, PositionFormDialog } from './org/PositionDialogs';
import { DeactivateUnitDialog, DeleteUnitDialog, MoveUnitDialog, UnitFormDialog } from './org/UnitDialogs';

function unitHrefFor(params: URLSearchParams, id: string): string {
  const p = new URLSearchParams(params);
  p.set('unit', id);
  return `/organisasi?${p.toString()}`;
}

export function OrgPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.org'));
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit');
  const q = params.get('q') ?? '';
  const [qInput, setQInput] = useState(q);
  const searchId = useId();
  const units = useUnits();
  const index = useMemo(() => (units.data ? indexUnits(units.data) : null), [units.data]);
  const detailRef = useRef<HTMLElement>(null);

  // URL → input (back/forward), input → URL (debounced, replacing the history entry).
  useEffect(() => setQInput(q), [q]);
  useEffect(() => {
    if (qInput === q) return;
    const h = setTimeout(() => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (qInput.trim()) p.set('q', qInput);
          else p.delete('q');
          return p;
        },
        { replace: true },
      );
    }, 250);
    return () => clearTimeout(h);
  }, [qInput, q, setParams]);

  const select = (id: string, scroll = true) => {
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      p.set('unit', id);
      return p;
    });
    if (scroll && window.matchMedia('(max-width: 900px)').matches) {
      requestAnimationFrame(() => detailRef.current?.scrollIntoView({ block: 'start' }));
    }
  };

  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>{t('org.title')}</h1>
      </header>
      <div className="org-layout">
        <aside className="org-tree-pane panel" data-testid="org-tree" aria-label={t('org.treeLabel')}>
          <div className="field">
            <label htmlFor={searchId}>{t('org.searchLabel')}</label>
            <input
              id={searchId}
              type="search"
              value={qInput}
              placeholder={t('org.searchPlaceholder')}
              onChange={(e) => setQInput(e.target.value)}
              autoComplete="off"
            />
          </div>
          {units.isPending ? (
            <Loading rows={8} />
          ) : units.isError ? (
            <ErrorState error={units.error} onRetry={() => void units.refetch()} />
          ) : index && index.roots.length === 0 ? (
            <EmptyState title={t('org.noUnits')}>{t('org.noUnitsBody')}</EmptyState>
          ) : index ? (
            <OrgTree
              index={index}
              selectedId={unitId}
              query={q}
              onSelect={(id) => select(id)}
              unitHref={(id) => unitHrefFor(params, id)}
            />
          ) : null}
        </aside>
        <section className="org-detail-pane" ref={detailRef} data-testid="unit-detail">
          {unitId ? (
            <UnitDetailPanel
              key={unitId}
              unitId={unitId}
              index={index}
              onSelect={(id) => select(id, false)}
            />
          ) : (
            <div className="panel">
              <EmptyState title={t('org.pickUnit')}>{t('org.pickUnitBody')}</EmptyState>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

type Dialog =
  | { kind: 'addChild' }
  | { kind: 'edit' }
  | { kind: 'move' }
  | { kind: 'deactivate' }
  | { kind: 'delete' }
  | { kind: 'addPosition' }
  | { kind: 'editPosition'; position: Position }
  | { kind: 'deactivatePosition'; position: Position };

function UnitDetailPanel({
  unitId,
  index,
  onSelect,
}: {
  unitId: string;
  index: UnitIndex | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const navigate = useNavigate();
  const unit = useUnit(unitId);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  const positions = useInfiniteQuery({
    queryKey: keys.positions({ unitId }),
    queryFn: ({ pageParam }) =>
      api<Paged<Position>>('/org/positions', { query: { unitId, limit: 100, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const employees = useInfiniteQuery({
    queryKey: keys.employees({ unitId }),
    queryFn: ({ pageParam }) =>
      api<Paged<EmployeeSummary>>('/org/employees', { query: { unitId, limit: 50, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  if (unit.isPending) {
    return (
      <div className="panel">
        <Loading rows={6} />
      </div>
    );
  }
  if (unit.isError) {
    const notFound = unit.error instanceof ApiError && unit.error.status === 404;
    return (
      <div className="panel">
        {notFound ? (
          <EmptyState title={t('org.unitNotFound')}>{t('org.unitNotFoundBody')}</EmptyState>
        ) : (
          <ErrorState error={unit.error} onRetry={() => void unit.refetch()} />
        )}
      </div>
    );
  }
  const u = unit.data;
  const parentUnit = u.ancestors.length > 0 ? u.ancestors[u.ancestors.length - 1] : null;
  const canPositions = !!user.abilities['org.manage'] && !!(u.abilities.update || u.abilities.createChild);
  const positionItems = positions.data?.pages.flatMap((p) => p.items) ?? [];
  const employeeItems = employees.data?.pages.flatMap((p) => p.items) ?? [];
  const vacant = positionItems.filter((p) => p.active && !p.holder).length;
  const positionActions = positionItems.some(
    (p) => p.abilities.update || (p.abilities.deactivate && p.active),
  );

  return (
    <div className="unit-detail">
      <div className="panel">
        <nav aria-label={t('org.breadcrumbs')} className="breadcrumbs">
          <ol>
            {u.ancestors.map((a) => (
              <li key={a.id}>
                <Link
                  to={`/organisasi?unit=${encodeURIComponent(a.id)}`}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    onSelect(a.id);
                  }}
                >
                  {a.name}
                </Link>
              </li>
            ))}
            <li aria-current="page">{u.name}</li>
          </ol>
        </nav>
        <div className="detail-head">
          <div>
            <h2 className="detail-title">{u.name}</h2>
            <div className="meta-row">
              <Badge tone="info">{t(`unitTypes.${u.type}`, { defaultValue: u.type })}</Badge>
              {u.active ? (
                <Badge tone="ok">{t('org.active')}</Badge>
              ) : (
                <Badge tone="neutral">{t('org.inactive')}</Badge>
              )}
            </div>
          </div>
          <div className="actions">
            {u.abilities.createChild ? (
              <button
                type="button"
                className="btn btn-primary btn-small"
                onClick={() => setDialog({ kind: 'addChild' })}
              >
                {t('org.addChild')}
              </button>
            ) : null}
            {u.abilities.update ? (
              <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'edit' })}>
                {t('common.edit')}
              </button>
            ) : null}
            {u.abilities.move && index ? (
              <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'move' })}>
                {t('org.move')}
              </button>
            ) : null}
            {u.abilities.deactivate && u.active ? (
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                onClick={() => setDialog({ kind: 'deactivate' })}
              >
                {t('org.deactivate')}
              </button>
            ) : null}
            {u.abilities.delete ? (
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                onClick={() => setDialog({ kind: 'delete' })}
              >
                {t('common.delete')}
              </button>
            ) : null}
          </div>
        </div>
        <dl className="facts">
          <div>
            <dt>{t('org.fields.code')}</dt>
            <dd className="mono">{u.code}</dd>
          </div>
          <div>
            <dt>{t('org.fields.type')}</dt>
            <dd>{t(`unitTypes.${u.type}`, { defaultValue: u.type })}</dd>
          </div>
          <div>
            <dt>{t('org.fields.validFrom')}</dt>
            <dd>{formatDate(u.validFrom, lang)}</dd>
          </div>
          {u.validTo ? (
            <div>
              <dt>{t('org.fields.validTo')}</dt>
              <dd>{formatDate(u.validTo, lang)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('org.positionCount')}</dt>
            <dd className="num">{formatNumber(u.positionCount)}</dd>
          </div>
          <div>
            <dt>{t('org.employeeCount')}</dt>
            <dd className="num">{formatNumber(u.employeeCount)}</dd>
          </div>
        </dl>
      </div>

      <section className="panel" aria-labelledby="pos-h">
        <div className="section-head">
          <h3 id="pos-h">
            {t('positions.title')}{' '}
            {positions.isSuccess ? (
              <span className="muted count">
                {t('positions.summary', { count: positionItems.length, vacant: formatNumber(vacant) })}
              </span>
            ) : null}
          </h3>
          {canPositions && u.active ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setDialog({ kind: 'addPosition' })}
            >
              {t('positions.add')}
            </button>
          ) : null}
        </div>
        {positions.isPending ? (
          <Loading rows={4} />
        ) : positions.isError ? (
          <ErrorState error={positions.error} onRetry={() => void positions.refetch()} />
        ) : positionItems.length === 0 ? (
          <EmptyState title={t('positions.none')}>
            {canPositions ? t('positions.noneBodyManage') : t('positions.noneBody')}
          </EmptyState>
        ) : (
          <>
            <TableWrap label={t('positions.title')}>
              <table className="table" data-testid="positions-table">
                <thead>
                  <tr>
                    <th scope="col">{t('positions.fields.name')}</th>
                    <th scope="col">{t('positions.fields.kind')}</th>
                    <th scope="col" className="num">
                      {t('positions.fields.kelasShort')}
                    </th>
                    <th scope="col">{t('positions.holder')}</th>
                    {positionActions ? (
                      <th scope="col">
                        <span className="sr-only">{t('common.actions')}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {positionItems.map((p) => (
                    <tr key={p.id} className={p.active ? undefined : 'row-inactive'}>
                      <td>
                        <span className="cell-main">
                          {p.name}
                          {p.isKey ? (
                            <span className="key-mark" title={t('positions.fields.isKey')}>
                              <span aria-hidden="true"> ★</span>
                              <span className="sr-only"> ({t('positions.fields.isKey')})</span>
                            </span>
                          ) : null}
                        </span>
                        <span className="cell-sub mono">{p.code}</span>
                        {p.parentPositionName ? (
                          <span className="cell-sub">
                            {t('positions.fields.parent')}: {p.parentPositionName}
                          </span>
                        ) : null}
                        {!p.active ? <Badge tone="neutral">{t('org.inactive')}</Badge> : null}
                      </td>
                      <td>{t(`positionKinds.${p.kind}`, { defaultValue: p.kind })}</td>
                      <td className="num">{p.kelas}</td>
                      <td>
                        <HolderCell position={p} />
                      </td>
                      {positionActions ? (
                        <td className="cell-actions">
                          {p.abilities.update ? (
                            <button
                              type="button"
                              className="btn btn-small btn-ghost"
                              onClick={() => setDialog({ kind: 'editPosition', position: p })}
                              aria-label={t('positions.editNamed', { name: p.name })}
                            >
                              {t('common.edit')}
                            </button>
                          ) : null}
                          {p.abilities.deactivate && p.active ? (
                            <button
                              type="button"
                              className="btn btn-small btn-ghost btn-danger-text"
                              onClick={() => setDialog({ kind: 'deactivatePosition', position: p })}
                              aria-label={t('positions.deactivateNamed', { name: p.name })}
                            >
                              {t('positions.deactivate')}
                            </button>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <LoadMore
              hasMore={positions.hasNextPage}
              loading={positions.isFetchingNextPage}
              onClick={() => void positions.fetchNextPage()}
            />
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="emp-h">
        <div className="section-head">
          <h3 id="emp-h">{t('org.employeesInUnit')}</h3>
          <Link className="btn btn-small btn-ghost" to={`/pegawai?unit=${encodeURIComponent(u.id)}`}>
            {t('org.openInEmployees')}
          </Link>
        </div>
        {employees.isPending ? (
          <Loading rows={4} />
        ) : employees.isError ? (
          <ErrorState error={employees.error} onRetry={() => void employees.refetch()} />
        ) : employeeItems.length === 0 ? (
          <EmptyState title={t('employees.noneInUnit')}>{t('employees.noneInUnitBody')}</EmptyState>
        ) : (
          <>
            <TableWrap label={t('org.employeesInUnit')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('employees.fields.name')}</th>
                    <th scope="col">{t('employees.fields.nip')}</th>
                    <th scope="col">{t('employees.fields.position')}</th>
                    <th scope="col">{t('employees.fields.unit')}</th>
                    <th scope="col">{t('employees.fields.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {employeeItems.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Link to={`/pegawai/${encodeURIComponent(e.id)}`}>{e.name}</Link>
                      </td>
                      <td className="mono nowrap">{formatNip(e.nip)}</td>
                      <td>{e.positionName ?? '—'}</td>
                      <td>{e.unitName ?? '—'}</td>
                      <td>
                        <EmployeeStatusBadge status={e.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <LoadMore
              hasMore={employees.hasNextPage}
              loading={employees.isFetchingNextPage}
              onClick={() => void employees.fetchNextPage()}
            />
          </>
        )}
      </section>

      {dialog?.kind === 'addChild' ? (
        <UnitFormDialog
          mode="create"
          parent={u}
          onClose={close}
          onSaved={(nu: Unit) => {
            close();
            onSelect(nu.id);
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <UnitFormDialog mode="edit" unit={u} onClose={close} onSaved={close} />
      ) : null}
      {dialog?.kind === 'move' && index ? (
        <MoveUnitDialog unit={u} index={index} onClose={close} onMoved={close} />
      ) : null}
      {dialog?.kind === 'deactivate' ? (
        <DeactivateUnitDialog unit={u} onClose={close} onDone={close} />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteUnitDialog
          unit={u}
          onClose={close}
          onDone={() => {
            close();
            navigate(parentUnit ? `/organisasi?unit=${encodeURIComponent(parentUnit.id)}` : '/organisasi', {
              replace: true,
            });
          }}
        />
      ) : null}
      {dialog?.kind === 'addPosition' ? <PositionFormDialog mode="create" unit={u} onClose={close} /> : null}
      {dialog?.kind === 'editPosition' ? (
        <PositionFormDialog mode="edit" unit={u} position={dialog.position} onClose={close} />
      ) : null}
      {dialog?.kind === 'deactivatePosition' ? (
        <DeactivatePositionDialog position={dialog.position} onClose={close} />
      ) : null}
    </div>
  );
}
