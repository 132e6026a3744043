import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { API_BASE, ApiError, api, upload } from '../api';
import { useUser } from '../auth';
import { ErrorSummary, errorMessage } from '../components/Form';
import {
  Badge,
  type BadgeTone,
  EmptyState,
  ErrorState,
  Loading,
  LoadMore,
  TableWrap,
  usePageTitle,
} from '../components/ui';
import { formatDateTime, formatNumber } from '../format';
import { invalidateOrg, keys, useLang } from '../queries';
import {
  IMPORT_KINDS,
  type ImportError,
  type ImportJob,
  type ImportKind,
  type ImportPreviewRow,
  type ImportStatus,
  type Paged,
} from '../types';

const COLUMNS: Record<ImportKind, string[]> = {
  units: ['code', 'name', 'type', 'parent_code'],
  positions: ['code', 'name', 'kind', 'kelas', 'unit_code', 'parent_code', 'is_key'],
  employees: ['nip', 'asn_type', 'name', 'sex', 'golongan', 'education', 'email', 'phone', 'position_code'],
};

const RUNNING: ImportStatus[] = ['parsing', 'committing'];

function statusTone(s: ImportStatus): BadgeTone {
  switch (s) {
    case 'ready':
      return 'info';
    case 'committed':
      return 'ok';
    case 'invalid':
    case 'failed':
      return 'danger';
    default:
      return 'neutral';
  }
}

function isKind(v: string | null): v is ImportKind {
  return !!v && (IMPORT_KINDS as readonly string[]).includes(v);
}

export function ImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.import'));
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: ImportKind = isKind(kindParam) ? kindParam : 'units';
  const jobId = params.get('job');

  const setParam = (k: string, v: string | null) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (v) p.set(k, v);
      else p.delete(k);
      return p;
    });

  if (!user.abilities['import.run']) {
    return (
      <div className="page">
        <h1>{t('import.title')}</h1>
        <EmptyState title={t('import.notAllowed')}>{t('import.notAllowedBody')}</EmptyState>
      </div>
    );
  }

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('import.title')}</h1>
          <p className="muted">{t('import.intro')}</p>
        </div>
        {jobId ? (
          <button type="button" className="btn" onClick={() => setParam('job', null)}>
            {t('import.newImport')}
          </button>
        ) : null}
      </header>
      <UploadPanel
        kind={kind}
        onKind={(k) => setParam('kind', k)}
        onStart={() => setParam('job', null)}
        onUploaded={(job) =>
          setParams((prev) => {
            const p = new URLSearchParams(prev);
            p.set('kind', job.kind ?? kind);
            p.set('job', job.id);
            return p;
          })
        }
      />
      {jobId ? <JobPanel key={jobId} jobId={jobId} /> : null}
    </div>
  );
}

function UploadPanel({
  kind,
  onKind,
  onStart,
  onUploaded,
}: {
  kind: ImportKind;
  onKind: (k: ImportKind) => void;
  onStart: () => void;
  onUploaded: (job: ImportJob) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fileId = useId();
  const kindId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const abortRef = useRef<(() => void) | null>(null);

  useEffect(() => () => abortRef.current?.(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setError(null);
    setBusy(true);
    setProgress({ loaded: 0, total: file.size });
    onStart();
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    const handle = upload<ImportJob>('/imports', form, (loaded, total) => setProgress({ loaded, total }));
    abortRef.current = handle.abort;
    try {
      const job = await handle.promise;
      qc.setQueryData(keys.importJob(job.id), job);
      onUploaded(job);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'ABORTED')) setError(err);
    } finally {
      abortRef.current = null;
      setBusy(false);
      setProgress(null);
    }
  };

  const pct = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <section className="panel" aria-labelledby="upload-h">
      <h2 id="upload-h">{t('import.uploadTitle')}</h2>
      <form className="form upload-form" onSubmit={submit} data-testid="import-upload">
        <div className="form-grid">
          <div className="field">
            <label htmlFor={kindId}>{t('import.kind')}</label>
            <select
              id={kindId}
              name="kind"
              value={kind}
              onChange={(e) => onKind(e.target.value as ImportKind)}
              disabled={busy}
              aria-describedby={`${kindId}-cols`}
            >
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`import.kinds.${k}`)}
                </option>
              ))}
            </select>
            <p className="hint" id={`${kindId}-cols`}>
              {t('import.columns')}: <span className="mono">{COLUMNS[kind].join(', ')}</span>
            </p>
            <p className="templates">
              {t('import.templates')}:{' '}
              <a href={`${API_BASE}/imports/templates/${kind}.csv`} download>
                {t('import.templateCsv', { kind: t(`import.kinds.${kind}`) })}
              </a>{' '}
              ·{' '}
              <a href={`${API_BASE}/imports/templates/${kind}.xlsx`} download>
                {t('import.templateXlsx', { kind: t(`import.kinds.${kind}`) })}
              </a>
            </p>
          </div>
          <div className="field">
            <label htmlFor={fileId}>{t('import.file')}</label>
            <input
              id={fileId}
              type="file"
              name="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setError(null);
              }}
              disabled={busy}
              aria-describedby={`${fileId}-hint`}
            />
            <p className="hint" id={`${fileId}-hint`}>
              {t('import.fileHint')}
            </p>
          </div>
        </div>
        {progress ? (
          <div className="progress-block">
            <label htmlFor={`${fileId}-up`}>
              {t('import.uploading')} {pct}%
            </label>
            <progress id={`${fileId}-up`} max={100} value={pct}>
              {pct}%
            </progress>
          </div>
        ) : null}
        <ErrorSummary error={error} />
        <div className="form-actions">
          {busy ? (
            <button type="button" className="btn" onClick={() => abortRef.current?.()}>
              {t('common.cancel')}
            </button>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={!file || busy}>
            {busy ? t('import.uploading') : t('import.upload')}
          </button>
        </div>
      </form>
    </section>
  );
}

function JobPanel({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: keys.importJob(jobId),
    queryFn: () => api<ImportJob>(`/imports/${encodeURIComponent(jobId)}`),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return !s || RUNNING.includes(s) ? 500 : false;
    },
    staleTime: 0,
  });
  const status = job.data?.status;
  const parsed = !!status && !RUNNING.includes(status);
  const previewOk = status === 'ready' || status === 'invalid' || status === 'committed';

  const preview = useQuery({
    queryKey: [...keys.importJob(jobId), 'preview', status],
    queryFn: () =>
      api<{ items: ImportPreviewRow[] }>(`/imports/${encodeURIComponent(jobId)}/preview`, {
        query: { limit: 20 },
      }),
    enabled: previewOk,
  });
  const errors = useInfiniteQuery({
    queryKey: [...keys.importJob(jobId), 'errors', status],
    queryFn: ({ pageParam }) =>
      api<Paged<ImportError>>(`/imports/${encodeURIComponent(jobId)}/errors`, {
        query: { limit: 100, cursor: pageParam },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: parsed && (job.data?.errorCount ?? 0) > 0,
  });

  const commit = useMutation({
    mutationFn: () =>
      api<ImportJob>(`/imports/${encodeURIComponent(jobId)}/commit`, { method: 'POST', body: {} }),
    onSuccess: async (j) => {
      qc.setQueryData(keys.importJob(jobId), j);
      if (!RUNNING.includes(j.status)) await invalidateOrg(qc);
      else void qc.invalidateQueries({ queryKey: keys.importJob(jobId), exact: true });
    },
  });

  // When a running commit finishes (polling), refresh the organisation data.
  const prevStatus = useRef(status);
  useEffect(() => {
    if (prevStatus.current === 'committing' && status === 'committed') void invalidateOrg(qc);
    prevStatus.current = status;
  }, [status, qc]);

  if (job.isPending) return <Loading rows={4} />;
  if (job.isError) {
    const notFound = job.error instanceof ApiError && job.error.status === 404;
    return notFound ? (
      <EmptyState title={t('import.jobNotFound')}>{t('import.jobNotFoundBody')}</EmptyState>
    ) : (
      <ErrorState error={job.error} onRetry={() => void job.refetch()} />
    );
  }
  const j = job.data;
  const total = j.totalRows ?? 0;
  const processed = j.processedRows ?? 0;
  const pct = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  const canCommit = !!j.abilities.commit && j.errorCount === 0 && j.status === 'ready';
  const errorItems = errors.data?.pages.flatMap((p) => p.items) ?? [];
  const previewItems = preview.data?.items ?? [];
  const columns = (() => {
    const out: string[] = [];
    for (const r of previewItems)
      for (const k of Object.keys(r.data ?? {})) if (!out.includes(k)) out.push(k);
    return out.length ? out : (COLUMNS[j.kind] ?? []);
  })();
  const errorRows = new Set(errorItems.map((e) => e.row));
  const target = j.kind === 'employees' ? '/pegawai' : '/organisasi';

  return (
    <div className="import-job">
      <section className="panel" aria-labelledby="job-h" data-testid="import-status" data-status={j.status}>
        <div className="section-head">
          <h2 id="job-h">
            {t('import.jobTitle', { kind: t(`import.kinds.${j.kind}`, { defaultValue: j.kind }) })}
          </h2>
          <span className="status-line">
            <Badge tone={statusTone(j.status)}>
              {t(`import.status.${j.status}`, { defaultValue: j.status })}
            </Badge>{' '}
            <code className="status-code">{j.status}</code>
          </span>
        </div>
        <dl className="facts">
          <div>
            <dt>{t('import.filename')}</dt>
            <dd className="break">{j.filename}</dd>
          </div>
          <div>
            <dt>{t('import.uploadedAt')}</dt>
            <dd>{formatDateTime(j.createdAt, lang)}</dd>
          </div>
          <div>
            <dt>{t('import.rows')}</dt>
            <dd className="num">{j.totalRows === null ? '—' : formatNumber(j.totalRows)}</dd>
          </div>
          <div>
            <dt>{t('import.errorCount')}</dt>
            <dd className={`num${j.errorCount > 0 ? ' text-danger' : ''}`}>{formatNumber(j.errorCount)}</dd>
          </div>
        </dl>
        {RUNNING.includes(j.status) ? (
          <div className="progress-block" aria-live="polite">
            <label htmlFor="proc-progress">
              {j.status === 'parsing' ? t('import.processing') : t('import.committing')}{' '}
              {total > 0
                ? t('import.progressRows', { done: formatNumber(processed), total: formatNumber(total) })
                : processed > 0
                  ? t('import.progressRowsOpen', { done: formatNumber(processed) })
                  : ''}
            </label>
            {total > 0 ? (
              <progress id="proc-progress" max={total} value={processed}>
                {pct}%
              </progress>
            ) : (
              <progress id="proc-progress" />
            )}
          </div>
        ) : null}
        {j.status === 'failed' ? (
          <div className="notice notice-error" role="alert">
            <p>{t('import.failed')}</p>
            {j.failure ? <p className="small">{j.failure}</p> : null}
          </div>
        ) : null}
        {j.status === 'invalid' || (j.status === 'ready' && j.errorCount > 0) ? (
          <div className="notice notice-error" role="alert">
            {t('import.hasErrors', { count: j.errorCount })}
          </div>
        ) : null}
        {j.status === 'committed' ? (
          <div className="notice notice-ok" role="status" data-testid="import-result">
            <p>
              <strong>
                {t('import.committed', { count: j.totalRows ?? 0, rows: formatNumber(j.totalRows ?? 0) })}
              </strong>{' '}
              {j.committedAt ? t('import.committedAt', { at: formatDateTime(j.committedAt, lang) }) : ''}
            </p>
            <Link to={target}>
              {j.kind === 'employees' ? t('import.openEmployees') : t('import.openOrg')}
            </Link>
          </div>
        ) : null}
        {j.status !== 'committed' && parsed ? (
          <div className="commit-bar">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="import-commit"
              disabled={!canCommit || commit.isPending}
              onClick={() => commit.mutate()}
              aria-describedby="commit-hint"
            >
              {commit.isPending ? t('common.saving') : t('import.commit')}
            </button>
            <p className="hint" id="commit-hint">
              {j.errorCount > 0 || j.status === 'invalid'
                ? t('import.commitBlocked')
                : j.status !== 'ready'
                  ? ''
                  : !j.abilities.commit
                    ? t('import.commitNotAllowed')
                    : t('import.commitReady', { rows: formatNumber(j.totalRows ?? 0) })}
            </p>
          </div>
        ) : null}
        {commit.isError ? <ErrorSummary error={commit.error} /> : null}
      </section>

      {parsed && j.errorCount > 0 ? (
        <section className="panel panel-danger" aria-labelledby="err-h" data-testid="import-errors">
          <h2 id="err-h">{t('import.errorsTitle', { count: j.errorCount })}</h2>
          <p className="muted">{t('import.errorsBody')}</p>
          {errors.isPending ? (
            <Loading rows={3} />
          ) : errors.isError ? (
            <ErrorState error={errors.error} onRetry={() => void errors.refetch()} />
          ) : (
            <>
              <TableWrap label={t('import.errorsTitle', { count: j.errorCount })}>
                <table className="table table-errors">
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t('import.row')}
                      </th>
                      <th scope="col">{t('import.column')}</th>
                      <th scope="col">{t('import.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {errorItems.map((e, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: several errors may share row and column
                      <tr key={`${e.row}-${e.column}-${i}`}>
                        <td className="num">
                          <span className="sr-only">{t('import.row')} </span>
                          {e.row}
                        </td>
                        <td className="mono">{e.column ?? '—'}</td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <LoadMore
                hasMore={errors.hasNextPage}
                loading={errors.isFetchingNextPage}
                onClick={() => void errors.fetchNextPage()}
              />
            </>
          )}
        </section>
      ) : null}

      {previewOk ? (
        <section className="panel" aria-labelledby="prev-h" data-testid="import-preview">
          <h2 id="prev-h">{t('import.previewTitle')}</h2>
          {preview.isPending ? (
            <Loading rows={3} />
          ) : preview.isError ? (
            <p className="muted">{errorMessage(preview.error, t('errors.generic'))}</p>
          ) : previewItems.length === 0 ? (
            <p className="muted">{t('import.previewEmpty')}</p>
          ) : (
            <TableWrap label={t('import.previewTitle')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('import.row')}
                    </th>
                    {columns.map((c) => (
                      <th scope="col" key={c} className="mono">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {previewItems.map((r) => (
                    <tr key={r.row} className={errorRows.has(r.row) ? 'row-error' : undefined}>
                      <td className="num">{r.row}</td>
                      {columns.map((c) => (
                        <td key={c}>{formatCell(r.data?.[c])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      ) : null}
    </div>
  );
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
