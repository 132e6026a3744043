import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { API_BASE, ApiError, api, upload } from '../api';
import { useUser } from '../auth';
import { minutesText } from '../components/activity';
import { ErrorSummary, Field, fieldErrors } from '../components/Form';
import { Modal } from '../components/Modal';
import { RowErrorsTable } from '../components/RowErrorsTable';
import { UploadProgress } from '../components/UploadProgress';
import {
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  LoadMore,
  TableWrap,
  useDebounced,
  usePageTitle,
} from '../components/ui';
import { formatNumber } from '../format';
import { keys } from '../queries';
import { type CatalogItem, POSITION_KINDS, type PositionKind } from '../types';
import { RulesDialog } from './activities/RulesDialog';

const ACTIVE_FILTERS = ['all', 'true', 'false'] as const;

/** `/pengaturan/katalog`: the city's activity catalog. BKPSDM maintains it; everyone else reads. */
export function CatalogPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.catalog'));
  const user = useUser();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('jenis') ?? 'all';
  const activeParam = params.get('aktif') ?? 'all';
  const active = (ACTIVE_FILTERS as readonly string[]).includes(activeParam) ? activeParam : 'all';
  const [qInput, setQInput] = useState(q);
  const dq = useDebounced(qInput.trim(), 300);
  const ids = { q: useId(), kind: useId(), active: useId() };
  const [editing, setEditing] = useState<CatalogItem | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [rules, setRules] = useState(false);
  const [toggleError, setToggleError] = useState<unknown>(null);

  const setParam = (k: string, v: string, dflt = '') =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (v && v !== dflt) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace: true },
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: setParam is recreated per render
  useEffect(() => {
    if (dq !== q) setParam('q', dq);
  }, [dq]);

  const query = useMemo(() => ({ q, kind, active }), [q, kind, active]);
  const list = useInfiniteQuery({
    queryKey: keys.catalog(query),
    queryFn: ({ pageParam }) =>
      api<{ items: CatalogItem[]; nextCursor: string | null }>('/activity-catalog', {
        query: { q: q || undefined, kind, active, limit: 200, cursor: pageParam },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // Server truth per item; with an empty list (new city) fall back to the role that maintains the catalog.
  const canManage = !!user.abilities['catalog.manage'];
  const filtered = !!(q || kind !== 'all' || active !== 'all');

  const toggle = useMutation({
    mutationFn: (c: CatalogItem) =>
      api<CatalogItem>(`/activity-catalog/${encodeURIComponent(c.id)}`, {
        method: 'PATCH',
        body: { active: !c.active },
      }),
    onMutate: () => setToggleError(null),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['catalog'] });
    },
    onError: (e) => setToggleError(e),
  });

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('catalog.title')}</h1>
          <p className="muted">{canManage ? t('catalog.introManage') : t('catalog.introRead')}</p>
        </div>
        {canManage ? (
          <div className="actions">
            <a
              className="btn"
              href={`${API_BASE}/activity-catalog/export.xlsx`}
              download
              data-testid="catalog-export"
            >
              {t('catalog.export')}
            </a>
            <button type="button" className="btn" onClick={() => setRules(true)} data-testid="rules-open">
              {t('rules.open')}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => setImporting(true)}
              data-testid="catalog-import"
            >
              {t('catalog.import')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setEditing('new')}
              data-testid="catalog-add"
            >
              {t('catalog.add')}
            </button>
          </div>
        ) : null}
      </header>

      <search className="filters panel" aria-label={t('catalog.filters')}>
        <div className="field grow">
          <label htmlFor={ids.q}>{t('catalog.search')}</label>
          <input
            id={ids.q}
            type="search"
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
            placeholder={t('catalog.searchPlaceholder')}
            autoComplete="off"
            data-testid="catalog-search"
          />
        </div>
        <div className="field">
          <label htmlFor={ids.kind}>{t('catalog.fields.positionKinds')}</label>
          <select id={ids.kind} value={kind} onChange={(e) => setParam('jenis', e.target.value, 'all')}>
            <option value="all">{t('common.all')}</option>
            {POSITION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`positionKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.active}>{t('catalog.fields.active')}</label>
          <select id={ids.active} value={active} onChange={(e) => setParam('aktif', e.target.value, 'all')}>
            <option value="all">{t('common.all')}</option>
            <option value="true">{t('catalog.activeOnly')}</option>
            <option value="false">{t('catalog.inactiveOnly')}</option>
          </select>
        </div>
      </search>

      <section className="panel" aria-labelledby="cat-h">
        <h2 id="cat-h" className="sr-only">
          {t('catalog.listTitle')}
        </h2>
        {toggleError ? <ErrorSummary error={toggleError} /> : null}
        {list.isPending ? (
          <Loading rows={8} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={filtered ? t('catalog.noMatch') : t('catalog.none')}>
            {filtered
              ? t('catalog.noMatchBody')
              : canManage
                ? t('catalog.noneBodyManage')
                : t('catalog.noneBody')}
          </EmptyState>
        ) : (
          <>
            <TableWrap label={t('catalog.listTitle')} testId="catalog-table">
              <table className="table" aria-busy={list.isFetching}>
                <thead>
                  <tr>
                    <th scope="col">{t('catalog.fields.code')}</th>
                    <th scope="col">{t('catalog.fields.name')}</th>
                    <th scope="col">{t('catalog.fields.outputUnit')}</th>
                    <th scope="col" className="num">
                      {t('catalog.fields.standardMinutes')}
                    </th>
                    <th scope="col">{t('catalog.fields.positionKinds')}</th>
                    <th scope="col">{t('catalog.fields.active')}</th>
                    {canManage ? <th scope="col">{t('common.actions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr
                      key={c.id}
                      className={c.active ? undefined : 'row-inactive'}
                      data-testid="catalog-row"
                    >
                      <td className="mono nowrap">{c.code}</td>
                      <td>
                        <span className="cell-main">{c.name}</span>
                      </td>
                      <td>{c.outputUnit}</td>
                      <td className="num">{formatNumber(c.standardMinutes)}</td>
                      <td>
                        <span className="kind-list">
                          {c.positionKinds.map((k) => (
                            <Badge key={k} tone="neutral">
                              {t(`positionKinds.${k}`, { defaultValue: k })}
                            </Badge>
                          ))}
                        </span>
                      </td>
                      <td>
                        {c.abilities.update ? (
                          <label className="switch">
                            <input
                              type="checkbox"
                              role="switch"
                              aria-checked={c.active}
                              checked={c.active}
                              disabled={toggle.isPending}
                              onChange={() => toggle.mutate(c)}
                              aria-label={t('catalog.activeNamed', { name: c.name })}
                              data-testid="catalog-active"
                            />
                            <span>{c.active ? t('catalog.active') : t('catalog.inactive')}</span>
                          </label>
                        ) : (
                          <Badge tone={c.active ? 'ok' : 'neutral'}>
                            {c.active ? t('catalog.active') : t('catalog.inactive')}
                          </Badge>
                        )}
                      </td>
                      {canManage ? (
                        <td className="cell-actions">
                          {c.abilities.update ? (
                            <button
                              type="button"
                              className="btn btn-small"
                              onClick={() => setEditing(c)}
                              aria-label={t('catalog.editNamed', { name: c.name })}
                              data-testid="catalog-edit"
                            >
                              {t('common.edit')}
                            </button>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <p className="muted small">{t('catalog.shown', { count: items.length })}</p>
            <LoadMore
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            />
          </>
        )}
      </section>

      {editing ? (
        <CatalogItemDialog item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {rules ? <RulesDialog onClose={() => setRules(false)} /> : null}
      {importing ? <CatalogImportDialog onClose={() => setImporting(false)} /> : null}
    </div>
  );
}

function CatalogItemDialog({ item, onClose }: { item: CatalogItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [code, setCode] = useState(item?.code ?? '');
  const [name, setName] = useState(item?.name ?? '');
  const [outputUnit, setOutputUnit] = useState(item?.outputUnit ?? '');
  const [minutes, setMinutes] = useState(item ? String(item.standardMinutes) : '');
  const [kinds, setKinds] = useState<string[]>(item?.positionKinds ?? ['pelaksana']);
  const [active, setActive] = useState(item?.active ?? true);
  const labels = {
    code: t('catalog.fields.code'),
    name: t('catalog.fields.name'),
    outputUnit: t('catalog.fields.outputUnit'),
    standardMinutes: t('catalog.fields.standardMinutes'),
    positionKinds: t('catalog.fields.positionKinds'),
    active: t('catalog.fields.active'),
  };
  const save = useMutation({
    mutationFn: () => {
      const body = {
        code: code.trim(),
        name: name.trim(),
        outputUnit: outputUnit.trim(),
        standardMinutes: minutes.trim() === '' ? Number.NaN : Number(minutes),
        positionKinds: POSITION_KINDS.filter((k) => kinds.includes(k)),
        active,
      };
      // NaN is not JSON: send null so the server names the field
      const json = {
        ...body,
        standardMinutes: Number.isFinite(body.standardMinutes) ? body.standardMinutes : null,
      };
      return item
        ? api<CatalogItem>(`/activity-catalog/${encodeURIComponent(item.id)}`, {
            method: 'PATCH',
            body: json,
          })
        : api<CatalogItem>('/activity-catalog', { method: 'POST', body: json });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['catalog'] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const toggleKind = (k: PositionKind, on: boolean) =>
    setKinds((prev) => (on ? [...prev.filter((x) => x !== k), k] : prev.filter((x) => x !== k)));
  return (
    <Modal
      title={item ? t('catalog.editTitle') : t('catalog.addTitle')}
      onClose={onClose}
      busy={save.isPending}
      size="wide"
    >
      <form className="form" onSubmit={submit} noValidate data-testid="catalog-form">
        <ErrorSummary error={save.error} labels={labels} />
        <div className="form-grid">
          <Field label={labels.code} name="code" error={errs.code} required hint={t('catalog.codeHint')}>
            {(p) => (
              <input {...p} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
            )}
          </Field>
          <Field
            label={labels.outputUnit}
            name="outputUnit"
            error={errs.outputUnit}
            required
            hint={t('catalog.unitHint')}
          >
            {(p) => <input {...p} value={outputUnit} onChange={(e) => setOutputUnit(e.target.value)} />}
          </Field>
          <Field
            label={labels.standardMinutes}
            name="standardMinutes"
            error={errs.standardMinutes}
            required
            hint={minutes && Number(minutes) > 0 ? minutesText(t, Number(minutes)) : t('catalog.minutesHint')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={1440}
                step={1}
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field label={labels.name} name="name" error={errs.name} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset className={`field${errs.positionKinds ? ' field-invalid' : ''}`} data-field="positionKinds">
          <legend>
            {labels.positionKinds}
            <span className="req"> *</span>
          </legend>
          <div className="check-grid">
            {POSITION_KINDS.map((k) => (
              <label key={k} className="check">
                <input
                  type="checkbox"
                  checked={kinds.includes(k)}
                  onChange={(e) => toggleKind(k, e.target.checked)}
                />
                {t(`positionKinds.${k}`)}
              </label>
            ))}
          </div>
          {errs.positionKinds ? <p className="field-error">{errs.positionKinds}</p> : null}
        </fieldset>
        <div className="field-check">
          <label>
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            {t('catalog.activeLabel')}
          </label>
        </div>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={save.isPending}
            data-testid="catalog-save"
          >
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Upload CSV/XLSX (all or nothing): progress, then the counts or every row error. */
function CatalogImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const abortRef = useRef<(() => void) | null>(null);
  useEffect(() => () => abortRef.current?.(), []);

  const busy = !!progress;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setError(null);
    setResult(null);
    setProgress({ loaded: 0, total: file.size });
    const form = new FormData();
    form.append('file', file, file.name);
    const handle = upload<ImportResult>('/activity-catalog/import', form, (loaded, total) =>
      setProgress({ loaded, total }),
    );
    abortRef.current = handle.abort;
    try {
      const r = await handle.promise;
      setResult(r);
      await qc.invalidateQueries({ queryKey: ['catalog'] });
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'ABORTED')) setError(err);
    } finally {
      abortRef.current = null;
      setProgress(null);
    }
  };

  // `rows.<row>.<column>` → a table of row errors; anything else stays in the summary
  const rowErrors =
    error instanceof ApiError
      ? error.details
          .map((d) => {
            const m = /^rows\.(\d+)\.(.+)$/.exec(d.path);
            return m ? { row: Number(m[1]), column: m[2], message: d.message } : null;
          })
          .filter((x): x is { row: number; column: string; message: string } => !!x)
      : [];
  const summaryError =
    error instanceof ApiError && rowErrors.length > 0
      ? new ApiError(error.status, error.code, error.message, [])
      : error;
  const pct = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <Modal title={t('catalog.importTitle')} onClose={onClose} busy={busy} size="wide">
      <form className="form" onSubmit={submit} data-testid="catalog-import-form">
        <p className="hint">
          {t('catalog.importIntro')}{' '}
          <span className="mono">code, name, output_unit, standard_minutes, position_kinds, active</span>
        </p>
        <div className="field">
          <label htmlFor={fileId}>{t('import.file')}</label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
              setResult(null);
            }}
            disabled={busy}
            data-testid="catalog-import-file"
          />
          <p className="hint">{t('catalog.importHint')}</p>
        </div>
        {progress ? <UploadProgress id={`${fileId}-up`} pct={pct} live /> : null}
        <ErrorSummary error={summaryError} />
        {rowErrors.length > 0 ? (
          <RowErrorsTable
            label={t('import.errorsTitle', { count: rowErrors.length })}
            errors={rowErrors}
            testId="catalog-import-errors"
          />
        ) : null}
        {result ? (
          <div className="notice notice-ok" role="status" data-testid="catalog-import-result">
            {t('catalog.importDone', {
              created: formatNumber(result.created),
              updated: formatNumber(result.updated),
              unchanged: formatNumber(result.unchanged),
            })}
          </div>
        ) : null}
        <div className="form-actions">
          {busy ? (
            <button type="button" className="btn" onClick={() => abortRef.current?.()}>
              {t('common.cancel')}
            </button>
          ) : (
            <button type="button" className="btn" onClick={onClose}>
              {result ? t('common.close') : t('common.cancel')}
            </button>
          )}
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!file || busy}
            data-testid="catalog-import-submit"
          >
            {busy ? t('import.uploading') : t('catalog.importSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
