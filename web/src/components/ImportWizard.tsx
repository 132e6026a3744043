import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, api, upload } from '../api';
import { useUser } from '../auth';
import { formatDateTime, formatNumber } from '../format';
import { keys, useLang } from '../queries';
import type { ImportError, ImportJob, ImportPreviewRow, ImportStatus, Paged } from '../types';
import { ErrorSummary, errorMessage } from './Form';
import { RowErrorsTable } from './RowErrorsTable';
import { UploadProgress } from './UploadProgress';
import { Badge, type BadgeTone, EmptyState, ErrorState, Loading, LoadMore, TableWrap } from './ui';

const RUNNING: readonly string[] = ['parsing', 'committing'];

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

/** Element ids of the wizard's sections (headings, hints, progress), distinct per page. */
export interface ImportWizardIds {
  upload: string;
  job: string;
  errors: string;
  preview: string;
  commitHint: string;
  progress: string;
}

/** One column of the preview table. */
export interface ImportPreviewColumn {
  key: string;
  header: ReactNode;
  headerClassName?: string;
  cell: (row: ImportPreviewRow) => ReactNode;
}

export interface ImportUploadOptions {
  /** data-testid of the upload form. */
  testId: string;
  formClassName: string;
  /** Rendered at the top of the form (column hint, templates). */
  header?: ReactNode;
  /** Fields before / after the file field, given whether an upload is running. */
  fieldsBefore?: (busy: boolean) => ReactNode;
  fieldsAfter?: (busy: boolean) => ReactNode;
  /** Hint below the file field (and its aria-describedby). */
  fileHint?: string;
  /** Extra form fields sent with the file (undefined values are left out). */
  formData?: Record<string, string | undefined>;
}

export interface ImportJobOptions {
  title: (job: ImportJob) => string;
  /** Also shows the raw status code next to the badge. */
  showStatusCode?: boolean;
  /** Shown instead of the job when it returns something (e.g. a job of another kind). */
  guard?: (job: ImportJob) => ReactNode;
  /** A 404 of the job shows a "not found" state instead of a retryable error. */
  notFoundState?: boolean;
  /** Shows '—' while the number of rows is unknown (else 0). */
  dashUnknownRows?: boolean;
  /** A determinate progress bar when the number of rows is known (else always indeterminate). */
  determinateProgress?: boolean;
  /** Shows the server's failure detail under the failure notice. */
  failureDetail?: boolean;
  /** The "has errors" notice also for a ready job with errors (else only for invalid). */
  errorsNoticeWhenReady?: boolean;
  committedText: (job: ImportJob) => string;
  resultLink: (job: ImportJob) => { to: string; label: string };
  commitHint: (job: ImportJob) => string;
  /** A screen-reader "row" prefix in the row cells of the error table. */
  srRowLabel?: boolean;
  /** A retryable error state when the error list fails. */
  errorsRetry?: boolean;
  /** Keeps the preview after the commit. */
  previewAfterCommit?: boolean;
  /** Shows the preview request's error (else keeps loading). */
  previewError?: boolean;
  previewColumns: (rows: ImportPreviewRow[], job: ImportJob) => ImportPreviewColumn[];
  /** Marks preview rows that have errors. */
  markErrorRows?: boolean;
  previewFooter?: (rows: ImportPreviewRow[]) => ReactNode;
  /** Refreshes the imported data after a commit. */
  onCommitted: (qc: QueryClient) => Promise<unknown>;
  /**
   * The commit may answer while still committing: then the job is polled and the data refreshed once it
   * is committed. Without it the data is refreshed right after the commit request.
   */
  pollCommit?: boolean;
}

/**
 * Upload → progress → preview with row errors → commit, for `POST /imports` of one kind.
 * The page owns the URL state (`jobId`) and the texts that differ per kind.
 */
export function ImportWizard({
  kind,
  title,
  intro,
  jobId,
  onReset,
  onUploaded,
  ids,
  upload: uploadOptions,
  job: jobOptions,
}: {
  kind: string;
  title: string;
  intro: string;
  jobId: string | null;
  /** "New import" and the start of an upload: forget the current job. */
  onReset: () => void;
  onUploaded: (job: ImportJob) => void;
  ids: ImportWizardIds;
  upload: ImportUploadOptions;
  job: ImportJobOptions;
}) {
  const { t } = useTranslation();
  const user = useUser();
  if (!user.abilities['import.run']) {
    return (
      <div className="page">
        <h1>{title}</h1>
        <EmptyState title={t('import.notAllowed')}>{t('import.notAllowedBody')}</EmptyState>
      </div>
    );
  }
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="muted">{intro}</p>
        </div>
        {jobId ? (
          <button type="button" className="btn" onClick={onReset}>
            {t('import.newImport')}
          </button>
        ) : null}
      </header>
      <UploadPanel kind={kind} ids={ids} options={uploadOptions} onStart={onReset} onUploaded={onUploaded} />
      {jobId ? <JobPanel key={jobId} jobId={jobId} ids={ids} options={jobOptions} /> : null}
    </div>
  );
}

function UploadPanel({
  kind,
  ids,
  options,
  onStart,
  onUploaded,
}: {
  kind: string;
  ids: ImportWizardIds;
  options: ImportUploadOptions;
  onStart: () => void;
  onUploaded: (job: ImportJob) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abortRef = useRef<(() => void) | null>(null);
  useEffect(() => () => abortRef.current?.(), []);
  const busy = pct !== null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setError(null);
    setPct(0);
    onStart();
    const form = new FormData();
    form.append('kind', kind);
    for (const [k, v] of Object.entries(options.formData ?? {})) if (v !== undefined) form.append(k, v);
    form.append('file', file, file.name);
    const handle = upload<ImportJob>('/imports', form, (loaded, total) =>
      setPct(total > 0 ? Math.round((loaded / total) * 100) : 0),
    );
    abortRef.current = handle.abort;
    try {
      const job = await handle.promise;
      qc.setQueryData(keys.importJob(job.id), job);
      onUploaded(job);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'ABORTED')) setError(err);
    } finally {
      abortRef.current = null;
      setPct(null);
    }
  };

  return (
    <section className="panel" aria-labelledby={ids.upload}>
      <h2 id={ids.upload}>{t('import.uploadTitle')}</h2>
      <form className={options.formClassName} onSubmit={submit} data-testid={options.testId}>
        {options.header}
        <div className="form-grid">
          {options.fieldsBefore?.(busy)}
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
              aria-describedby={options.fileHint ? `${fileId}-hint` : undefined}
            />
            {options.fileHint ? (
              <p className="hint" id={`${fileId}-hint`}>
                {options.fileHint}
              </p>
            ) : null}
          </div>
          {options.fieldsAfter?.(busy)}
        </div>
        {pct !== null ? <UploadProgress id={`${fileId}-up`} pct={pct} /> : null}
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

function JobPanel({
  jobId,
  ids,
  options: o,
}: {
  jobId: string;
  ids: ImportWizardIds;
  options: ImportJobOptions;
}) {
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
  const previewOk =
    status === 'ready' || status === 'invalid' || (!!o.previewAfterCommit && status === 'committed');

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

  const { onCommitted, pollCommit } = o;
  const commit = useMutation({
    mutationFn: () =>
      api<ImportJob>(`/imports/${encodeURIComponent(jobId)}/commit`, { method: 'POST', body: {} }),
    onSuccess: async (j) => {
      qc.setQueryData(keys.importJob(jobId), j);
      if (!pollCommit || !RUNNING.includes(j.status)) await onCommitted(qc);
      else void qc.invalidateQueries({ queryKey: keys.importJob(jobId), exact: true });
    },
  });

  // When a running commit finishes (polling), refresh the imported data.
  const prevStatus = useRef(status);
  useEffect(() => {
    if (pollCommit && prevStatus.current === 'committing' && status === 'committed') void onCommitted(qc);
    prevStatus.current = status;
  }, [status, qc, pollCommit, onCommitted]);

  if (job.isPending) return <Loading rows={4} />;
  if (job.isError) {
    const notFound = o.notFoundState && job.error instanceof ApiError && job.error.status === 404;
    return notFound ? (
      <EmptyState title={t('import.jobNotFound')}>{t('import.jobNotFoundBody')}</EmptyState>
    ) : (
      <ErrorState error={job.error} onRetry={() => void job.refetch()} />
    );
  }
  const j = job.data;
  const guarded = o.guard?.(j);
  if (guarded) return guarded;
  const total = j.totalRows ?? 0;
  const processed = j.processedRows ?? 0;
  const pct = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  const canCommit = !!j.abilities.commit && j.errorCount === 0 && j.status === 'ready';
  const errorItems = errors.data?.pages.flatMap((p) => p.items) ?? [];
  const previewItems = preview.data?.items ?? [];
  const columns = o.previewColumns(previewItems, j);
  const errorRows = new Set(errorItems.map((e) => e.row));
  const badge = (
    <Badge tone={statusTone(j.status)}>{t(`import.status.${j.status}`, { defaultValue: j.status })}</Badge>
  );
  const link = o.resultLink(j);

  return (
    <div className="import-job">
      <section className="panel" aria-labelledby={ids.job} data-testid="import-status" data-status={j.status}>
        <div className="section-head">
          <h2 id={ids.job}>{o.title(j)}</h2>
          {o.showStatusCode ? (
            <span className="status-line">
              {badge} <code className="status-code">{j.status}</code>
            </span>
          ) : (
            badge
          )}
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
            <dd className="num">{o.dashUnknownRows && j.totalRows === null ? '—' : formatNumber(total)}</dd>
          </div>
          <div>
            <dt>{t('import.errorCount')}</dt>
            <dd className={`num${j.errorCount > 0 ? ' text-danger' : ''}`}>{formatNumber(j.errorCount)}</dd>
          </div>
        </dl>
        {RUNNING.includes(j.status) ? (
          <div className="progress-block" aria-live="polite">
            <label htmlFor={ids.progress}>
              {j.status === 'parsing' ? t('import.processing') : t('import.committing')}{' '}
              {!o.determinateProgress
                ? t('import.progressRowsOpen', { done: formatNumber(processed) })
                : total > 0
                  ? t('import.progressRows', { done: formatNumber(processed), total: formatNumber(total) })
                  : processed > 0
                    ? t('import.progressRowsOpen', { done: formatNumber(processed) })
                    : ''}
            </label>
            {o.determinateProgress && total > 0 ? (
              <progress id={ids.progress} max={total} value={processed}>
                {pct}%
              </progress>
            ) : (
              <progress id={ids.progress} />
            )}
          </div>
        ) : null}
        {j.status === 'failed' ? (
          <div className="notice notice-error" role="alert">
            {o.failureDetail ? (
              <>
                <p>{t('import.failed')}</p>
                {j.failure ? <p className="small">{j.failure}</p> : null}
              </>
            ) : (
              t('import.failed')
            )}
          </div>
        ) : null}
        {j.status === 'invalid' || (o.errorsNoticeWhenReady && j.status === 'ready' && j.errorCount > 0) ? (
          <div className="notice notice-error" role="alert">
            {t('import.hasErrors', { count: j.errorCount })}
          </div>
        ) : null}
        {j.status === 'committed' ? (
          <div className="notice notice-ok" role="status" data-testid="import-result">
            <p>
              <strong>{o.committedText(j)}</strong>{' '}
              {j.committedAt ? t('import.committedAt', { at: formatDateTime(j.committedAt, lang) }) : ''}
            </p>
            <Link to={link.to}>{link.label}</Link>
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
              aria-describedby={ids.commitHint}
            >
              {commit.isPending ? t('common.saving') : t('import.commit')}
            </button>
            <p className="hint" id={ids.commitHint}>
              {o.commitHint(j)}
            </p>
          </div>
        ) : null}
        {commit.isError ? <ErrorSummary error={commit.error} /> : null}
      </section>

      {parsed && j.errorCount > 0 ? (
        <section className="panel panel-danger" aria-labelledby={ids.errors} data-testid="import-errors">
          <h2 id={ids.errors}>{t('import.errorsTitle', { count: j.errorCount })}</h2>
          <p className="muted">{t('import.errorsBody')}</p>
          {errors.isPending ? (
            <Loading rows={3} />
          ) : o.errorsRetry && errors.isError ? (
            <ErrorState error={errors.error} onRetry={() => void errors.refetch()} />
          ) : (
            <>
              <RowErrorsTable
                label={t('import.errorsTitle', { count: j.errorCount })}
                errors={errorItems}
                srRowLabel={o.srRowLabel}
              />
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
        <section className="panel" aria-labelledby={ids.preview} data-testid="import-preview">
          <h2 id={ids.preview}>{t('import.previewTitle')}</h2>
          {preview.isPending ? (
            <Loading rows={3} />
          ) : o.previewError && preview.isError ? (
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
                      <th scope="col" key={c.key} className={c.headerClassName}>
                        {c.header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {previewItems.map((r) => (
                    <tr
                      key={r.row}
                      className={o.markErrorRows && errorRows.has(r.row) ? 'row-error' : undefined}
                    >
                      <td className="num">{r.row}</td>
                      {columns.map((c) => (
                        <td key={c.key}>{c.cell(r)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {o.previewFooter?.(previewItems)}
        </section>
      ) : null}
    </div>
  );
}
