import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  discard,
  enqueue,
  isTransient,
  newIdempotencyKey,
  postActivity,
  type QueuedActivity,
  useActivityQueue,
  useOnline,
  useSendQueued,
  useSyncState,
} from '../activityQueue';
import { ApiError, api, upload } from '../api';
import { useUser } from '../auth';
import { formatMonth, minutesText, ratioText, useDailyMax } from '../components/activity';
import { ErrorSummary, Field, fieldErrors } from '../components/Form';
import { ConfirmDialog } from '../components/Modal';
import { EmptyState, ErrorState, Loading, usePageTitle } from '../components/ui';
import { formatBytes, formatDate, formatNumber, todayJakarta } from '../format';
import {
  defaultPeriod,
  invalidateActivities,
  keys,
  useLang,
  useLoggableCatalog,
  useMyActivities,
  useMySkps,
  useMyWorkload,
  usePeriods,
} from '../queries';
import {
  ACTIVITY_STATUSES,
  type Activity,
  type ActivityInput,
  type CatalogItem,
  type CopyResult,
  type Skp,
  type UploadedFile,
} from '../types';
import { ActivityCard, QueuedCard } from './activities/ActivityCard';
import { CatalogCombobox } from './activities/CatalogCombobox';

/* ---------- small per-user preferences: recently used items, the RHK last used with each ---------- */

interface Prefs {
  recent: string[];
  rhkByCatalog: Record<string, string>;
}
const PREFS = 'kinerja.activityPrefs.';

function readPrefs(userId: string): Prefs {
  try {
    const v = JSON.parse(localStorage.getItem(PREFS + userId) ?? '{}') as Partial<Prefs>;
    return {
      recent: Array.isArray(v.recent) ? v.recent.filter((x) => typeof x === 'string').slice(0, 8) : [],
      rhkByCatalog: v.rhkByCatalog && typeof v.rhkByCatalog === 'object' ? v.rhkByCatalog : {},
    };
  } catch {
    return { recent: [], rhkByCatalog: {} };
  }
}

function rememberUse(userId: string, catalogId: string, rhkId: string | null | undefined): Prefs {
  const p = readPrefs(userId);
  const next: Prefs = {
    recent: [catalogId, ...p.recent.filter((x) => x !== catalogId)].slice(0, 8),
    rhkByCatalog: { ...p.rhkByCatalog },
  };
  if (rhkId) next.rhkByCatalog[catalogId] = rhkId;
  try {
    localStorage.setItem(PREFS + userId, JSON.stringify(next));
  } catch {
    /* ignore */
  }
  return next;
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const countsToward = (a: Activity) => a.status !== 'rejected';

/* ---------- RHK options from the user's own SKP(s) of the date's year ---------- */

interface RhkOption {
  id: string;
  text: string;
  group: string | null;
}

function useRhkOptions(year: number) {
  const periods = usePeriods();
  const period = periods.data?.find((p) => p.year === year) ?? defaultPeriod(periods.data);
  const mine = useMySkps(period?.id);
  const skps = useQueries({
    queries: (mine.data ?? []).map((s) => ({
      queryKey: keys.skp(s.id),
      queryFn: () => api<Skp>(`/skps/${encodeURIComponent(s.id)}`),
      staleTime: 60_000,
    })),
  });
  const several = (mine.data?.length ?? 0) > 1;
  const options: RhkOption[] = skps.flatMap((q) =>
    (q.data?.rhks ?? []).map((r) => ({
      id: r.id,
      text: r.text,
      group: several ? (q.data?.positionName ?? null) : null,
    })),
  );
  const loading = periods.isPending || (!!period && mine.isPending) || skps.some((q) => q.isPending);
  return { options, loading, failed: periods.isError || mine.isError || skps.some((q) => q.isError) };
}

/* ---------- the page ---------- */

/** `/aktivitas`: log today's work in a few taps (phone first), see the day and the month add up. */
export function ActivityLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.activities'));
  const user = useUser();
  if (!user.employeeId) {
    return (
      <div className="page page-narrow">
        <h1>{t('activity.title')}</h1>
        <div className="panel">
          <EmptyState title={t('activity.noEmployee')}>{t('activity.noEmployeeBody')}</EmptyState>
        </div>
      </div>
    );
  }
  return <ActivityLog userId={user.id} />;
}

function ActivityLog({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const today = todayJakarta();
  const [params, setParams] = useSearchParams();
  const rawDate = params.get('tanggal') ?? '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(rawDate) && rawDate <= today ? rawDate : today;
  const setDate = (d: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (d && d !== today) p.set('tanggal', d);
        else p.delete('tanggal');
        return p;
      },
      { replace: true },
    );

  const catalog = useLoggableCatalog(userId);
  const day = useMyActivities({ date });
  const month = useMyWorkload(date.slice(0, 7));
  const queue = useActivityQueue(userId);
  const online = useOnline();
  const [announce, setAnnounce] = useState('');
  const [deleting, setDeleting] = useState<Activity | null>(null);
  const [discarding, setDiscarding] = useState<QueuedActivity | null>(null);
  const [copyResult, setCopyResult] = useState<CopyResult | null>(null);

  const items = day.data ?? [];
  const queuedHere = queue.filter((q) => q.body.date === date);
  const dayMinutes = items.filter(countsToward).reduce((s, a) => s + a.minutes, 0);
  const queuedMinutes = queuedHere.filter((q) => !q.refused).reduce((s, q) => s + q.minutes, 0);

  const remove = useMutation({
    mutationFn: (a: Activity) => api<void>(`/activities/${encodeURIComponent(a.id)}`, { method: 'DELETE' }),
    onSuccess: async (_r, a) => {
      await invalidateActivities(qc);
      setDeleting(null);
      setAnnounce(t('activity.deleted', { name: a.catalogName }));
    },
  });

  const copy = useMutation({
    mutationFn: () => api<CopyResult>('/activities/copy-yesterday', { method: 'POST' }),
    onSuccess: async (r) => {
      setCopyResult(r);
      if (r.created.length > 0) {
        setDate(today);
        await invalidateActivities(qc);
      }
    },
  });

  return (
    <div className="page page-narrow activity-page">
      <header className="page-header">
        <div>
          <h1>{t('activity.title')}</h1>
          <p className="muted">{t('activity.intro')}</p>
        </div>
      </header>

      <p className="sr-only" aria-live="polite" role="status">
        {announce}
      </p>

      <Totals
        date={date}
        today={today}
        dayMinutes={dayMinutes}
        queuedMinutes={queuedMinutes}
        dayLoading={day.isPending}
        month={month}
      />

      <OfflineQueue userId={userId} queue={queue} online={online} />

      <LogForm
        userId={userId}
        date={date}
        today={today}
        onDate={setDate}
        catalog={catalog.data ?? []}
        catalogLoading={catalog.isPending}
        catalogError={catalog.isError && !catalog.data ? catalog.error : null}
        onRetryCatalog={() => void catalog.refetch()}
        dayMinutes={dayMinutes + queuedMinutes}
        online={online}
        onDone={(msg) => setAnnounce(msg)}
      />

      <section className="panel" aria-labelledby="day-h">
        <div className="section-head">
          <h2 id="day-h">
            {date === today
              ? t('activity.todayList')
              : t('activity.dayList', { date: formatDate(date, lang) })}{' '}
            <span className="count muted">({formatNumber(items.length + queuedHere.length)})</span>
          </h2>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setCopyResult(null);
              copy.mutate();
            }}
            disabled={copy.isPending || !online}
            title={t('activity.copyHint')}
            data-testid="copy-yesterday"
          >
            {copy.isPending ? t('common.processing') : t('activity.copyYesterday')}
          </button>
        </div>
        {copy.isError ? <ErrorSummary error={copy.error} /> : null}
        {copyResult ? <CopyNotice result={copyResult} onClose={() => setCopyResult(null)} /> : null}
        {day.isPending ? (
          <Loading rows={3} />
        ) : day.isError ? (
          <ErrorState error={day.error} onRetry={() => void day.refetch()} />
        ) : items.length === 0 && queuedHere.length === 0 ? (
          <div data-testid="activity-list">
            <EmptyState title={date === today ? t('activity.noneToday') : t('activity.noneOnDate')}>
              {t('activity.noneBody')}
            </EmptyState>
          </div>
        ) : (
          <ul className="activity-list" data-testid="activity-list" aria-busy={day.isFetching}>
            {queuedHere.map((q) => (
              <QueuedCard
                key={q.key}
                q={q}
                actions={
                  <button
                    type="button"
                    className="btn btn-ghost btn-small btn-danger-text"
                    onClick={() => setDiscarding(q)}
                    aria-label={t('activity.discardNamed', { name: q.catalogName })}
                  >
                    {t('activity.discard')}
                  </button>
                }
              />
            ))}
            {items.map((a) => (
              <ActivityCard
                key={a.id}
                a={a}
                actions={
                  a.abilities.delete ? (
                    <button
                      type="button"
                      className="btn btn-ghost btn-small btn-danger-text"
                      onClick={() => {
                        remove.reset();
                        setDeleting(a);
                      }}
                      aria-label={t('activity.deleteNamed', { name: a.catalogName })}
                      data-testid="activity-delete"
                    >
                      {t('common.delete')}
                    </button>
                  ) : null
                }
              />
            ))}
          </ul>
        )}
      </section>

      <History today={today} />

      {deleting ? (
        <ConfirmDialog
          title={t('activity.deleteTitle')}
          message={t('activity.deleteBody', {
            name: deleting.catalogName,
            minutes: minutesText(t, deleting.minutes),
          })}
          confirmLabel={t('common.delete')}
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(deleting)}
          onClose={() => setDeleting(null)}
        />
      ) : null}
      {discarding ? (
        <ConfirmDialog
          title={t('activity.discardTitle')}
          message={t('activity.discardBody', { name: discarding.catalogName })}
          confirmLabel={t('activity.discard')}
          onConfirm={() => {
            discard(userId, discarding.key);
            setDiscarding(null);
          }}
          onClose={() => setDiscarding(null)}
        />
      ) : null}
    </div>
  );
}

/* ---------- running totals ---------- */

function Totals({
  date,
  today,
  dayMinutes,
  queuedMinutes,
  dayLoading,
  month,
}: {
  date: string;
  today: string;
  dayMinutes: number;
  queuedMinutes: number;
  dayLoading: boolean;
  month: ReturnType<typeof useMyWorkload>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const dailyMax = useDailyMax();
  const w = month.data;
  const dayPct = Math.min(100, Math.round((dayMinutes / dailyMax) * 100));
  const monthPct =
    w && w.effectiveMinutes > 0 ? Math.min(100, (w.approvedMinutes / w.effectiveMinutes) * 100) : 0;
  return (
    <section className="totals" aria-label={t('activity.totals')}>
      <div className="total-tile" data-testid="today-total" data-minutes={dayMinutes}>
        <p className="total-label">
          {date === today
            ? t('activity.todayTotal')
            : t('activity.dayTotal', { date: formatDate(date, lang) })}
        </p>
        <p className="total-value">
          {dayLoading ? (
            <span className="skeleton skeleton-inline" aria-hidden="true" />
          ) : (
            <>
              <strong>{formatNumber(dayMinutes)}</strong>
              <span className="muted"> / {minutesText(t, dailyMax)}</span>
            </>
          )}
        </p>
        <progress
          max={100}
          value={dayPct}
          className={dayMinutes > dailyMax ? 'is-over' : undefined}
          aria-label={t('activity.todayTotal')}
        >
          {dayPct}%
        </progress>
        {queuedMinutes > 0 ? (
          <p className="hint">{t('activity.plusQueued', { minutes: minutesText(t, queuedMinutes) })}</p>
        ) : (
          <p className="hint">{t('activity.dailyMaxHint', { max: minutesText(t, dailyMax) })}</p>
        )}
      </div>
      <div
        className="total-tile"
        data-testid="month-total"
        data-minutes={w?.approvedMinutes ?? ''}
        data-target={w?.effectiveMinutes ?? ''}
      >
        <p className="total-label">
          {date.slice(0, 7) === today.slice(0, 7)
            ? t('activity.monthTotal')
            : t('activity.monthTotalOf', { month: formatMonth(date.slice(0, 7), lang) })}
        </p>
        {month.isPending ? (
          <p className="total-value">
            <span className="skeleton skeleton-inline" aria-hidden="true" />
          </p>
        ) : month.isError || !w ? (
          <p className="hint">{t('activity.monthUnavailable')}</p>
        ) : (
          <>
            <p className="total-value">
              <strong>{formatNumber(w.approvedMinutes)}</strong>
              <span className="muted"> / {minutesText(t, w.effectiveMinutes)}</span>
            </p>
            <progress max={100} value={monthPct} aria-label={t('activity.monthTotal')}>
              {Math.round(monthPct)}%
            </progress>
            <p className="hint">
              {t('activity.monthHint', {
                ratio: ratioText(w.ratioUncapped),
                pending: minutesText(t, w.pendingMinutes),
              })}{' '}
              <Link to={w.month === today.slice(0, 7) ? '/beban-kerja' : `/beban-kerja?bulan=${w.month}`}>
                {t('activity.openWorkload')}
              </Link>
            </p>
          </>
        )}
      </div>
    </section>
  );
}

/* ---------- offline queue ---------- */

function OfflineQueue({
  userId,
  queue,
  online,
}: {
  userId: string;
  queue: QueuedActivity[];
  online: boolean;
}) {
  const { t } = useTranslation();
  const sendNow = useSendQueued(userId);
  const sync = useSyncState();
  const [result, setResult] = useState<string | null>(null);
  if (queue.length === 0 && online) return null;
  const refused = queue.filter((q) => q.refused).length;
  const waiting = queue.length - refused;
  return (
    <section
      className={`notice ${online ? 'notice-warn' : 'notice-info'} offline-queue`}
      aria-labelledby="queue-h"
      data-testid="offline-queue"
      data-count={queue.length}
    >
      <h2 id="queue-h" className="offline-title">
        {queue.length > 0 ? t('activity.queue.title', { count: queue.length }) : t('activity.queue.offline')}
      </h2>
      {!online ? <p>{t('activity.queue.offlineBody')}</p> : null}
      {online && waiting > 0 ? <p>{t('activity.queue.waiting', { count: waiting })}</p> : null}
      {refused > 0 ? <p className="text-danger">{t('activity.queue.refused', { count: refused })}</p> : null}
      {queue.length > 0 ? (
        <div className="actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={sync.running}
            onClick={async () => {
              setResult(null);
              try {
                const r = await sendNow(true);
                setResult(
                  r.stopped && r.sent === 0
                    ? t('activity.queue.stillOffline')
                    : t('activity.queue.sent', { count: r.sent }),
                );
              } catch {
                setResult(t('errors.generic'));
              }
            }}
            data-testid="offline-retry"
          >
            {sync.running ? t('activity.queue.sending') : t('activity.queue.sendNow')}
          </button>
        </div>
      ) : null}
      {result ? (
        <p className="small" role="status">
          {result}
        </p>
      ) : null}
    </section>
  );
}

/* ---------- copy yesterday ---------- */

function CopyNotice({ result, onClose }: { result: CopyResult; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const created = result.created.length;
  return (
    <div
      className={`notice ${created > 0 ? 'notice-ok' : 'notice-info'} copy-result`}
      role="status"
      data-testid="copy-result"
    >
      <p>
        {!result.sourceDate
          ? t('activity.copyNoSource')
          : created > 0
            ? t('activity.copied', { count: created, date: formatDate(result.sourceDate, lang) })
            : t('activity.copiedNone', { date: formatDate(result.sourceDate, lang) })}
      </p>
      {result.skipped.length > 0 ? (
        <>
          <p className="small">{t('activity.copySkipped', { count: result.skipped.length })}</p>
          <ul className="small plain-list">
            {result.skipped.map((s) => (
              <li key={s.sourceId}>
                <strong>{s.catalogName}</strong>: {s.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
        {t('common.close')}
      </button>
    </div>
  );
}

/* ---------- the form ---------- */

const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 5;

function LogForm({
  userId,
  date,
  today,
  onDate,
  catalog,
  catalogLoading,
  catalogError,
  onRetryCatalog,
  dayMinutes,
  online,
  onDone,
}: {
  userId: string;
  date: string;
  today: string;
  onDate: (d: string) => void;
  catalog: CatalogItem[];
  catalogLoading: boolean;
  catalogError: unknown;
  onRetryCatalog: () => void;
  dayMinutes: number;
  online: boolean;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const dailyMax = useDailyMax();
  const qc = useQueryClient();
  const uid = useId();
  const [prefs, setPrefs] = useState(() => readPrefs(userId));
  const [item, setItem] = useState<CatalogItem | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [rhkId, setRhkId] = useState('');
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<UploadedFile[]>([]);
  const [timesOpen, setTimesOpen] = useState(false);
  const [startTime, setStartTime] = useState('');
  const [endTime, setEndTime] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<{ name: string; loaded: number; total: number } | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ text: string; queued: boolean } | null>(null);
  const abortRef = useRef<(() => void) | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const rhks = useRhkOptions(Number(date.slice(0, 4)));

  useEffect(() => () => abortRef.current?.(), []);

  const qty = Number(quantity);
  const qtyValid = /^\d+$/.test(quantity.trim()) && qty >= 1;
  const preview = item && qtyValid ? qty * item.standardMinutes : 0;
  const overDay = preview > 0 && dayMinutes + preview > dailyMax;
  const rhkText = rhks.options.find((r) => r.id === rhkId)?.text ?? null;

  const reset = () => {
    setItem(null);
    setQuantity('1');
    setNote('');
    setEvidence([]);
    setStartTime('');
    setEndTime('');
    setTimesOpen(false);
    setLocalErrors({});
    if (fileRef.current) fileRef.current.value = '';
  };

  const log = useMutation({
    mutationFn: (v: { body: ActivityInput; key: string }) => postActivity(v.body, v.key),
    onSuccess: async (a) => {
      setPrefs(rememberUse(userId, a.catalogId, a.rhkId));
      const text = t('activity.saved', { name: a.catalogName, minutes: minutesText(t, a.minutes) });
      setSaved({ text, queued: false });
      onDone(text);
      reset();
      await invalidateActivities(qc);
      searchRef.current?.focus();
    },
  });

  const queueIt = (body: ActivityInput, key: string, chosen: CatalogItem) => {
    enqueue(userId, {
      key,
      body,
      queuedAt: new Date().toISOString(),
      catalogName: chosen.name,
      catalogCode: chosen.code,
      outputUnit: chosen.outputUnit,
      minutes: body.quantity * chosen.standardMinutes,
      rhkText,
      refused: null,
      attempts: 0,
    });
    setPrefs(rememberUse(userId, chosen.id, body.rhkId));
    const text = t('activity.queuedSaved', { name: chosen.name });
    setSaved({ text, queued: true });
    onDone(text);
    reset();
    log.reset();
    searchRef.current?.focus();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (log.isPending || progress) return;
    setSaved(null);
    const errs: Record<string, string> = {};
    if (!item) errs.catalogId = t('activity.errors.chooseActivity');
    if (!qtyValid) errs.quantity = t('activity.errors.quantity');
    if ((startTime === '') !== (endTime === ''))
      errs[startTime ? 'endTime' : 'startTime'] = t('activity.errors.bothTimes');
    else if (startTime && endTime && endTime <= startTime) errs.endTime = t('activity.errors.endAfterStart');
    setLocalErrors(errs);
    if (errs.startTime || errs.endTime) setTimesOpen(true);
    if (Object.keys(errs).length > 0 || !item) {
      if (errs.catalogId) searchRef.current?.focus();
      return;
    }
    const body: ActivityInput = {
      date,
      catalogId: item.id,
      quantity: qty,
      rhkId: rhkId || null,
      note: note.trim() || null,
      evidence: evidence.map((f) => f.sha),
      startTime: startTime || null,
      endTime: endTime || null,
    };
    const key = newIdempotencyKey();
    if (!online) {
      queueIt(body, key, item);
      return;
    }
    const chosen = item;
    log.mutate(
      { body, key },
      {
        onError: (err) => {
          if (isTransient(err)) queueIt(body, key, chosen);
        },
      },
    );
  };

  const uploadFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setUploadError(null);
    for (const file of Array.from(files)) {
      if (evidence.length >= MAX_FILES) {
        setUploadError(new Error(t('activity.tooManyFiles', { max: MAX_FILES })));
        break;
      }
      if (file.size > MAX_BYTES) {
        setUploadError(new Error(t('skp.real.tooLarge', { name: file.name })));
        continue;
      }
      setProgress({ name: file.name, loaded: 0, total: file.size });
      const form = new FormData();
      form.append('file', file, file.name);
      const handle = upload<UploadedFile>('/files', form, (loaded, total) =>
        setProgress({ name: file.name, loaded, total }),
      );
      abortRef.current = handle.abort;
      try {
        const f = await handle.promise;
        setEvidence((list) => (list.some((x) => x.sha === f.sha) ? list : [...list, f].slice(0, MAX_FILES)));
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'ABORTED')) setUploadError(err);
        break;
      } finally {
        abortRef.current = null;
        setProgress(null);
      }
    }
    if (fileRef.current) fileRef.current.value = '';
  };

  // a transient failure was queued: do not show it as an error
  const serverError = log.error && !isTransient(log.error) ? log.error : null;
  const server = fieldErrors(serverError);
  const errs = { ...server, ...localErrors };
  const labels = {
    date: t('activity.fields.date'),
    catalogId: t('activity.fields.activity'),
    quantity: t('activity.fields.quantity'),
    rhkId: t('activity.fields.rhk'),
    note: t('activity.fields.note'),
    evidence: t('activity.fields.evidence'),
    startTime: t('activity.fields.startTime'),
    endTime: t('activity.fields.endTime'),
  };
  const timesHaveError = !!(errs.startTime || errs.endTime);
  const pct = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  const busy = log.isPending || !!progress;

  return (
    <section className="panel log-panel" aria-labelledby="log-h">
      <h2 id="log-h">{t('activity.formTitle')}</h2>
      <form className="form activity-form" onSubmit={submit} noValidate data-testid="activity-form">
        <ErrorSummary error={serverError} labels={labels} />
        {saved ? (
          <div
            className={`notice ${saved.queued ? 'notice-warn' : 'notice-ok'}`}
            data-testid="activity-saved"
          >
            {saved.text}
          </div>
        ) : null}
        {catalogError ? <ErrorState error={catalogError} onRetry={onRetryCatalog} /> : null}

        <Field
          label={labels.date}
          name="date"
          error={errs.date}
          hint={date === today ? t('activity.dateHintToday') : t('activity.dateHintPast')}
          className="date-field"
        >
          {(p) => (
            <input
              {...p}
              type="date"
              value={date}
              max={today}
              min={addDays(today, -31)}
              onChange={(e) => {
                if (e.target.value) onDate(e.target.value > today ? today : e.target.value);
              }}
              data-testid="activity-date"
            />
          )}
        </Field>

        <CatalogCombobox
          items={catalog}
          recent={prefs.recent}
          selected={item}
          onSelect={(c) => {
            setItem(c);
            setLocalErrors((x) => ({ ...x, catalogId: '' }));
            if (c) {
              const remembered = prefs.rhkByCatalog[c.id];
              if (remembered && rhks.options.some((r) => r.id === remembered)) setRhkId(remembered);
            }
          }}
          loading={catalogLoading}
          error={errs.catalogId || undefined}
          inputRef={searchRef}
        />

        <div className="qty-row">
          <Field label={labels.quantity} name="quantity" error={errs.quantity} required>
            {(p) => (
              <div className="stepper">
                <button
                  type="button"
                  className="btn stepper-btn"
                  onClick={() => setQuantity(String(Math.max(1, (qtyValid ? qty : 1) - 1)))}
                  disabled={!qtyValid || qty <= 1}
                  aria-label={t('activity.decrease')}
                >
                  <span aria-hidden="true">−</span>
                </button>
                <input
                  {...p}
                  type="text"
                  inputMode="numeric"
                  pattern="[0-9]*"
                  value={quantity}
                  onChange={(e) => setQuantity(e.target.value.replace(/[^\d]/g, '').slice(0, 6))}
                  data-testid="activity-quantity"
                />
                <button
                  type="button"
                  className="btn stepper-btn"
                  onClick={() => setQuantity(String((qtyValid ? qty : 0) + 1))}
                  aria-label={t('activity.increase')}
                >
                  <span aria-hidden="true">+</span>
                </button>
                {item ? <span className="stepper-unit">{item.outputUnit}</span> : null}
              </div>
            )}
          </Field>
          <div
            className="minutes-preview"
            aria-live="polite"
            data-testid="minutes-preview"
            data-minutes={preview}
          >
            <span className="label-like">{t('activity.minutesPreview')}</span>
            <strong>{item && qtyValid ? minutesText(t, preview) : '—'}</strong>
            {item && qtyValid ? (
              <span className="hint">
                {formatNumber(qty)} × {minutesText(t, item.standardMinutes)}
              </span>
            ) : null}
          </div>
        </div>
        {overDay ? (
          <p className="notice notice-warn small" data-testid="over-daily">
            {t('activity.overDaily', {
              max: minutesText(t, dailyMax),
              used: minutesText(t, dayMinutes),
            })}
          </p>
        ) : null}

        <Field
          label={labels.rhkId}
          name="rhkId"
          error={errs.rhkId}
          hint={
            rhks.loading
              ? t('common.loading')
              : rhks.options.length === 0
                ? rhks.failed
                  ? t('activity.rhkUnavailable')
                  : t('activity.rhkNone')
                : t('activity.rhkHint')
          }
        >
          {(p) => (
            <select
              {...p}
              value={rhkId}
              onChange={(e) => setRhkId(e.target.value)}
              data-testid="activity-rhk"
            >
              <option value="">{t('activity.noRhk')}</option>
              {groupRhks(rhks.options).map(([group, list]) =>
                group ? (
                  <optgroup key={group} label={group}>
                    {list.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.text}
                      </option>
                    ))}
                  </optgroup>
                ) : (
                  list.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.text}
                    </option>
                  ))
                ),
              )}
            </select>
          )}
        </Field>

        <Field label={labels.note} name="note" error={errs.note}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="activity-note"
            />
          )}
        </Field>

        <fieldset className="field evidence-field">
          <legend>{labels.evidence}</legend>
          {evidence.length > 0 ? (
            <ul className="evidence-list">
              {evidence.map((f) => (
                <li key={f.sha}>
                  <span>{f.name}</span>
                  <span className="muted small">{formatBytes(f.size)}</span>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small btn-danger-text"
                    onClick={() => setEvidence((list) => list.filter((x) => x.sha !== f.sha))}
                    disabled={busy}
                    aria-label={t('skp.real.removeFile', { name: f.name })}
                  >
                    {t('skp.real.remove')}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <label htmlFor={`${uid}-file`} className="label-like sr-only">
            {t('skp.real.addFile')}
          </label>
          <input
            id={`${uid}-file`}
            ref={fileRef}
            type="file"
            multiple
            accept={ACCEPT}
            disabled={busy || !online || evidence.length >= MAX_FILES}
            aria-describedby={`${uid}-file-hint`}
            onChange={(e) => void uploadFiles(e.target.files)}
            data-testid="activity-evidence"
          />
          <p className="hint" id={`${uid}-file-hint`}>
            {online ? t('activity.evidenceHint', { max: MAX_FILES }) : t('activity.evidenceOffline')}
          </p>
          {progress ? (
            <div className="progress-block" aria-live="polite">
              <label htmlFor={`${uid}-up`}>
                {t('skp.real.uploading', { name: progress.name })} {pct}%
              </label>
              <progress id={`${uid}-up`} max={100} value={pct}>
                {pct}%
              </progress>
              <div>
                <button type="button" className="btn btn-small" onClick={() => abortRef.current?.()}>
                  {t('skp.real.cancelUpload')}
                </button>
              </div>
            </div>
          ) : null}
          {uploadError ? <ErrorSummary error={uploadError} /> : null}
        </fieldset>

        <details
          className="times"
          open={timesOpen || timesHaveError}
          onToggle={(e) => setTimesOpen(e.currentTarget.open)}
        >
          <summary data-testid="activity-times">{t('activity.timesOptional')}</summary>
          <div className="form-grid times-grid">
            <Field label={labels.startTime} name="startTime" error={errs.startTime}>
              {(p) => (
                <input {...p} type="time" value={startTime} onChange={(e) => setStartTime(e.target.value)} />
              )}
            </Field>
            <Field label={labels.endTime} name="endTime" error={errs.endTime}>
              {(p) => (
                <input {...p} type="time" value={endTime} onChange={(e) => setEndTime(e.target.value)} />
              )}
            </Field>
          </div>
          <p className="hint">{t('activity.timesHint')}</p>
        </details>

        <div className="form-actions log-actions">
          <button
            type="submit"
            className="btn btn-primary btn-block"
            disabled={busy}
            data-testid="activity-submit"
          >
            {log.isPending ? t('common.saving') : online ? t('activity.submit') : t('activity.submitOffline')}
          </button>
        </div>
      </form>
    </section>
  );
}

function groupRhks(options: RhkOption[]): [string | null, RhkOption[]][] {
  const groups = new Map<string | null, RhkOption[]>();
  for (const o of options) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
  return [...groups.entries()];
}

/* ---------- history: the last 30 days, with the atasan's decisions ---------- */

function History({ today }: { today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const statusId = useId();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const from = addDays(today, -30);
  const list = useMyActivities({ from, to: today }, open);
  const items = useMemo(
    () =>
      (list.data ?? [])
        .filter((a) => !status || a.status === status)
        .sort((a, b) =>
          a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date),
        ),
    [list.data, status],
  );
  const byDate = useMemo(() => {
    const m = new Map<string, Activity[]>();
    for (const a of items) m.set(a.date, [...(m.get(a.date) ?? []), a]);
    return [...m.entries()];
  }, [items]);
  return (
    <details
      className="panel history"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="activity-history"
    >
      <summary>
        <h2>{t('activity.history')}</h2>
      </summary>
      <div className="filters history-filters">
        <div className="field">
          <label htmlFor={statusId}>{t('activity.fields.status')}</label>
          <select id={statusId} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {ACTIVITY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`activity.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!open ? null : list.isPending ? (
        <Loading rows={4} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : byDate.length === 0 ? (
        <EmptyState title={t('activity.historyNone')} />
      ) : (
        byDate.map(([d, list2]) => (
          <section key={d} className="history-day" aria-label={formatDate(d, lang)}>
            <h3>
              {formatDate(d, lang)}{' '}
              {status ? null : (
                <span className="muted small">
                  {minutesText(
                    t,
                    list2.filter(countsToward).reduce((s, a) => s + a.minutes, 0),
                  )}
                </span>
              )}
            </h3>
            <ul className="activity-list">
              {list2.map((a) => (
                <ActivityCard key={a.id} a={a} />
              ))}
            </ul>
          </section>
        ))
      )}
    </details>
  );
}
