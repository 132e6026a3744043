import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ApiError, api } from './api';
import { invalidateActivities } from './queries';
import type { Activity, ActivityInput } from './types';

/**
 * Offline-tolerant activity logging. Every new entry gets a client-generated idempotency key; an entry
 * whose request fails for lack of network (or a passing server error) waits in localStorage — per user,
 * so a shared phone never sends one person's work as another's — and is sent again with the same key
 * when the browser is back online, every minute while something waits, and on the "send now" button.
 * The server answers a repeated key with the first entry, so a retry never duplicates.
 */

export interface QueuedActivity {
  /** the Idempotency-Key */
  key: string;
  body: ActivityInput;
  queuedAt: string;
  /** what the list shows while the entry waits */
  catalogName: string;
  catalogCode: string;
  outputUnit: string;
  minutes: number;
  rhkText: string | null;
  /** the server refused it (rule broken): kept, with the reason, until the user discards it */
  refused: string | null;
  attempts: number;
}

const PREFIX = 'kinerja.activityQueue.';
const EMPTY: QueuedActivity[] = [];
const listeners = new Set<() => void>();
const snapshots = new Map<string, { raw: string | null; list: QueuedActivity[] }>();

function storageKey(userId: string): string {
  return PREFIX + userId;
}

function parse(raw: string | null): QueuedActivity[] {
  if (!raw) return EMPTY;
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v)
      ? (v as QueuedActivity[]).filter((x) => x && typeof x.key === 'string' && x.body)
      : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** The stored queue; the same array object while the stored text is unchanged (for useSyncExternalStore). */
export function readQueue(userId: string): QueuedActivity[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(storageKey(userId));
  } catch {
    raw = null;
  }
  const cached = snapshots.get(userId);
  if (cached && cached.raw === raw) return cached.list;
  const list = parse(raw);
  snapshots.set(userId, { raw, list });
  return list;
}

function emit(): void {
  for (const l of listeners) l();
}

function writeQueue(userId: string, list: QueuedActivity[]): void {
  try {
    if (list.length === 0) localStorage.removeItem(storageKey(userId));
    else localStorage.setItem(storageKey(userId), JSON.stringify(list));
  } catch {
    /* storage unavailable: nothing more can be done offline */
  }
  emit();
}

function update(userId: string, fn: (list: QueuedActivity[]) => QueuedActivity[]): void {
  writeQueue(userId, fn(readQueue(userId)));
}

export function enqueue(userId: string, item: QueuedActivity): void {
  update(userId, (list) => (list.some((x) => x.key === item.key) ? list : [...list, item]));
}

export function discard(userId: string, key: string): void {
  update(userId, (list) => list.filter((x) => x.key !== key));
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab changed the queue.
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(PREFIX)) onChange();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function useActivityQueue(userId: string): QueuedActivity[] {
  return useSyncExternalStore(
    subscribe,
    () => readQueue(userId),
    () => EMPTY,
  );
}

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function postActivity(body: ActivityInput, key: string): Promise<Activity> {
  return api<Activity>('/activities', { method: 'POST', body, headers: { 'Idempotency-Key': key } });
}

/** No answer, or an answer that says "try later": the entry should wait and be sent again. */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  return e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500;
}

function refusalText(e: unknown): string {
  if (e instanceof ApiError) {
    const detail = e.details.find((d) => d.message)?.message;
    return detail && detail !== e.message ? `${e.message} ${detail}` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

// ---------- sending ----------
interface SyncState {
  running: boolean;
  /** the last attempt stopped for lack of network */
  offline: boolean;
}
let syncState: SyncState = { running: false, offline: false };
const syncListeners = new Set<() => void>();
let inFlight: Promise<FlushResult> | null = null;

function setSync(next: SyncState): void {
  syncState = next;
  for (const l of syncListeners) l();
}

export function useSyncState(): SyncState {
  return useSyncExternalStore(
    (cb) => {
      syncListeners.add(cb);
      return () => syncListeners.delete(cb);
    },
    () => syncState,
    () => syncState,
  );
}

export interface FlushResult {
  sent: number;
  refused: number;
  /** stopped early: no network, server trouble or the session ended */
  stopped: boolean;
}

/**
 * Send the waiting entries one by one, oldest first, each with its own key. Stops at the first transient
 * failure; a refusal (a broken rule) marks that entry and moves on. `includeRefused` also retries refused
 * entries (the button: the user may have freed minutes in the meantime).
 */
export function flushQueue(userId: string, includeRefused = false): Promise<FlushResult> {
  if (inFlight) return inFlight;
  const run = async (): Promise<FlushResult> => {
    const result: FlushResult = { sent: 0, refused: 0, stopped: false };
    setSync({ running: true, offline: false });
    try {
      for (const item of readQueue(userId)) {
        if (item.refused && !includeRefused) continue;
        // the user may have discarded it while an earlier one was sending
        if (!readQueue(userId).some((x) => x.key === item.key)) continue;
        try {
          await postActivity(item.body, item.key);
          discard(userId, item.key);
          result.sent += 1;
        } catch (e) {
          if (isTransient(e) || (e instanceof ApiError && (e.status === 401 || e.status === 403))) {
            update(userId, (list) =>
              list.map((x) => (x.key === item.key ? { ...x, attempts: x.attempts + 1 } : x)),
            );
            result.stopped = true;
            setSync({ running: false, offline: e instanceof ApiError && e.status === 0 });
            return result;
          }
          update(userId, (list) =>
            list.map((x) =>
              x.key === item.key ? { ...x, attempts: x.attempts + 1, refused: refusalText(e) } : x,
            ),
          );
          result.refused += 1;
        }
      }
      setSync({ running: false, offline: false });
      return result;
    } catch (e) {
      setSync({ running: false, offline: false });
      throw e;
    }
  };
  inFlight = run().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

const RETRY_MS = 60_000;

/** The manual "send now"; refreshes the activity views after anything went through. */
export function useSendQueued(userId: string | null) {
  const qc = useQueryClient();
  return useCallback(
    async (includeRefused = false): Promise<FlushResult> => {
      if (!userId) return { sent: 0, refused: 0, stopped: false };
      const r = await flushQueue(userId, includeRefused);
      if (r.sent > 0 || r.refused > 0) await invalidateActivities(qc);
      return r;
    },
    [userId, qc],
  );
}

/**
 * Mounted once in the app shell, so that it works on every page: sends waiting entries on start, when the
 * browser comes back online and every minute while something waits.
 */
export function useActivityQueueSync(userId: string | null): void {
  const sendNow = useSendQueued(userId);
  useEffect(() => {
    if (!userId) return;
    const waiting = () => readQueue(userId).some((x) => !x.refused);
    const tryAll = () => {
      if (waiting() && navigator.onLine !== false) void sendNow().catch(() => {});
    };
    tryAll();
    window.addEventListener('online', tryAll);
    const timer = window.setInterval(tryAll, RETRY_MS);
    return () => {
      window.removeEventListener('online', tryAll);
      window.clearInterval(timer);
    };
  }, [userId, sendNow]);
}

/** Live `navigator.onLine`. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('online', cb);
      window.addEventListener('offline', cb);
      return () => {
        window.removeEventListener('online', cb);
        window.removeEventListener('offline', cb);
      };
    },
    () => navigator.onLine !== false,
    () => true,
  );
}
