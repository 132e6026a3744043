import './attendance.css';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { API_BASE, ApiError, api, upload } from '../../api';
import { useUser } from '../../auth';
import { ErrorSummary } from '../../components/Form';
import {
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  LoadMore,
  TableWrap,
  usePageTitle,
} from '../../components/ui';
import { formatDateTime, formatNip, formatNumber } from '../../format';
import { keys, useLang } from '../../queries';
import type { ImportError, ImportJob, ImportPreviewRow, Paged } from '../../types';
import { invalidateAttendance } from './data';

const RUNNING = ['parsing', 'committing'];
const PREVIEW_COLUMNS = ['nip', 'name', 'date', 'check_in', 'check_out', 'apel'] as const;

/** `/kehadiran/impor`: upload check-in/check-out per employee-day, see row errors, then commit all at once. */
export function AttendanceImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('attImport.title'));
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  if (!user.abilities['import.run'])
    return (
      <div className="page">
        <h1>{t('attImport.title')}</h1>
        <EmptyState title={t('import.notAllowed')}>{t('import.notAllowedBody')}</EmptyState>
      </div>
    );
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('attImport.title')}</h1>
          <p className="muted">{t('attImport.intro')}</p>
        </div>
        {jobId ? (
          <button type="button" className="btn" onClick={() => setParams({})}>
            {t('import.newImport')}
          </button>
        ) : null}
      </header>
      <UploadPanel onUploaded={(job) => setParams({ job: job.id })} onStart={() => setParams({})} />
      {jobId ? <JobPanel key={jobId} jobId={jobId} /> : null}
    </div>
  );
}

function UploadPanel({ onUploaded, onStart }: { onUploaded: (job: ImportJob) => void; onStart: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fileId = useId();
  const replaceId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
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
    form.append('kind', 'attendance');
    if (replace) form.append('replace', 'true');
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
    <section className="panel" aria-labelledby="att-up-h">
      <h2 id="att-up-h">{t('import.uploadTitle')}</h2>
      <form className="form" onSubmit={submit} data-testid="attendance-upload">
        <p className="hint">
          {t('import.columns')}: <span className="mono">nip, date, check_in, check_out, apel</span> —{' '}
          {t('attImport.columnsHint')}
        </p>
        <p className="templates">
          {t('import.templates')}:{' '}
          <a href={`${API_BASE}/imports/templates/attendance.csv`} download>
            CSV
          </a>{' '}
          ·{' '}
          <a href={`${API_BASE}/imports/templates/attendance.xlsx`} download>
            XLSX
          </a>
        </p>
        <div className="form-grid">
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
            />
          </div>
          <div className="field">
            <span className="label-like">{t('attImport.existing')}</span>
            <label htmlFor={replaceId}>
              <input
                id={replaceId}
                type="checkbox"
                checked={replace}
                onChange={(e) => setReplace(e.target.checked)}
                disabled={busy}
                data-testid="attendance-replace"
              />{' '}
              {t('attImport.replace')}
            </label>
            <p className="hint">{t('attImport.replaceHint')}</p>
          </div>
        </div>
        {pct !== null ? (
          <div className="progress-block">
            <label htmlFor={`${fileId}-p`}>
              {t('import.uploading')} {pct}%
            </label>
            <progress id={`${fileId}-p`} max={100} value={pct}>
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
  const preview = useQuery({
    queryKey: [...keys.importJob(jobId), 'preview', status],
    queryFn: () =>
      api<{ items: ImportPreviewRow[] }>(`/imports/${encodeURIComponent(jobId)}/preview`, {
        query: { limit: 20 },
      }),
    enabled: status === 'ready' || status === 'invalid',
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
      await invalidateAttendance(qc);
    },
  });

  if (job.isPending) return <Loading rows={4} />;
  if (job.isError) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;
  if (j.kind !== ('attendance' as string))
    return (
      <EmptyState title={t('import.jobNotFound')}>
        <Link to={`/impor?job=${encodeURIComponent(j.id)}`}>{t('attImport.otherKind')}</Link>
      </EmptyState>
    );
  const total = j.totalRows ?? 0;
  const canCommit = !!j.abilities.commit && j.errorCount === 0 && j.status === 'ready';
  const errorItems = errors.data?.pages.flatMap((p) => p.items) ?? [];
  const rows = preview.data?.items ?? [];
  const tone =
    j.status === 'committed'
      ? 'ok'
      : j.status === 'ready'
        ? 'info'
        : RUNNING.includes(j.status)
          ? 'neutral'
          : 'danger';
  return (
    <div className="import-job">
      <section
        className="panel"
        aria-labelledby="att-job-h"
        data-testid="import-status"
        data-status={j.status}
      >
        <div className="section-head">
          <h2 id="att-job-h">{t('attImport.jobTitle')}</h2>
          <Badge tone={tone}>{t(`import.status.${j.status}`, { defaultValue: j.status })}</Badge>
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
            <dd className="num">{formatNumber(total)}</dd>
          </div>
          <div>
            <dt>{t('import.errorCount')}</dt>
            <dd className={`num${j.errorCount > 0 ? ' text-danger' : ''}`}>{formatNumber(j.errorCount)}</dd>
          </div>
        </dl>
        {RUNNING.includes(j.status) ? (
          <div className="progress-block" aria-live="polite">
            <label htmlFor="att-proc">
              {j.status === 'parsing' ? t('import.processing') : t('import.committing')}{' '}
              {t('import.progressRowsOpen', { done: formatNumber(j.processedRows ?? 0) })}
            </label>
            <progress id="att-proc" />
          </div>
        ) : null}
        {j.status === 'failed' ? (
          <div className="notice notice-error" role="alert">
            {t('import.failed')}
          </div>
        ) : null}
        {j.status === 'invalid' ? (
          <div className="notice notice-error" role="alert">
            {t('import.hasErrors', { count: j.errorCount })}
          </div>
        ) : null}
        {j.status === 'committed' ? (
          <div className="notice notice-ok" role="status" data-testid="import-result">
            <p>
              <strong>{t('import.committed', { rows: formatNumber(total) })}</strong>{' '}
              {j.committedAt ? t('import.committedAt', { at: formatDateTime(j.committedAt, lang) }) : ''}
            </p>
            <Link to="/kehadiran/unit">{t('attImport.openUnit')}</Link>
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
              aria-describedby="att-commit-hint"
            >
              {commit.isPending ? t('common.saving') : t('import.commit')}
            </button>
            <p className="hint" id="att-commit-hint">
              {j.errorCount > 0
                ? t('import.commitBlocked')
                : t('import.commitReady', { rows: formatNumber(total) })}
            </p>
          </div>
        ) : null}
        {commit.isError ? <ErrorSummary error={commit.error} /> : null}
      </section>
      {parsed && j.errorCount > 0 ? (
        <section className="panel panel-danger" aria-labelledby="att-err-h" data-testid="import-errors">
          <h2 id="att-err-h">{t('import.errorsTitle', { count: j.errorCount })}</h2>
          <p className="muted">{t('import.errorsBody')}</p>
          {errors.isPending ? (
            <Loading rows={3} />
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
                      // biome-ignore lint/suspicious/noArrayIndexKey: several errors may share a row and column
                      <tr key={`${e.row}-${e.column}-${i}`}>
                        <td className="num">{e.row}</td>
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
      {status === 'ready' || status === 'invalid' ? (
        <section className="panel" aria-labelledby="att-prev-h" data-testid="import-preview">
          <h2 id="att-prev-h">{t('import.previewTitle')}</h2>
          {preview.isPending ? (
            <Loading rows={3} />
          ) : rows.length === 0 ? (
            <p className="muted">{t('import.previewEmpty')}</p>
          ) : (
            <TableWrap label={t('import.previewTitle')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('import.row')}
                    </th>
                    {PREVIEW_COLUMNS.map((c) => (
                      <th scope="col" key={c}>
                        {t(`attImport.col.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.row}>
                      <td className="num">{r.row}</td>
                      {PREVIEW_COLUMNS.map((c) => {
                        const v = r.data[c];
                        const text =
                          c === 'nip'
                            ? formatNip(String(v ?? ''))
                            : c === 'apel'
                              ? v === null || v === undefined
                                ? ''
                                : v === 1
                                  ? t('attImport.apelYes')
                                  : t('attImport.apelNo')
                              : v === null || v === undefined
                                ? '—'
                                : String(v);
                        return <td key={c}>{text}</td>;
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {rows.some((r) => r.data.replace === true) ? (
            <p className="hint">{t('attImport.willReplace')}</p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
