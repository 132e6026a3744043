/**
 * In-process, per-tenant domain event bus.
 *
 * Services call `publish()` AFTER their transaction commits (never inside it: a rolled-back write must not
 * announce itself). Listeners (the dashboard's server-sent-event stream, its figure cache) subscribe per
 * tenant and receive only that tenant's events. Delivery is synchronous and best-effort: a listener that
 * throws is logged-and-ignored so that one broken subscriber can never fail the request that published.
 *
 * This bus lives in one Node process. A deployment with several app replicas must fan events out between
 * processes, e.g. with PostgreSQL `LISTEN/NOTIFY` (publish = `NOTIFY kinerja_events, '<json>'`, each
 * replica `LISTEN`s and re-publishes locally); see the README's design notes.
 */

export type DomainEventKind =
  | 'activity.logged'
  | 'activity.verified'
  | 'skp.changed'
  | 'tpp.changed'
  | 'evaluation.changed';

export interface DomainEvent {
  tenantId: string;
  kind: DomainEventKind;
  employeeId?: string;
  unitId?: string;
  opdId?: string;
  /** ISO date (YYYY-MM-DD) the event concerns, e.g. the activity date */
  date?: string;
  /** number of rows concerned (e.g. a batch of 400 entries) */
  count?: number;
}

export type EventListener = (event: DomainEvent) => void;

const listeners = new Map<string, Set<EventListener>>();
const anyListeners = new Set<EventListener>();

/** Deliver `event` to the listeners of its tenant (and to tenant-agnostic listeners). Never throws. */
export function publish(event: DomainEvent): void {
  const set = listeners.get(event.tenantId);
  const targets = [...(set ?? []), ...anyListeners];
  for (const listener of targets) {
    try {
      listener(event);
    } catch (err) {
      // a subscriber's failure is its own problem; the publisher's request already committed
      console.error('event listener failed', err);
    }
  }
}

/** Listen to one tenant's events. Returns the function that unsubscribes (idempotent). */
export function subscribe(tenantId: string, listener: EventListener): () => void {
  let set = listeners.get(tenantId);
  if (!set) {
    set = new Set();
    listeners.set(tenantId, set);
  }
  set.add(listener);
  return () => {
    const current = listeners.get(tenantId);
    if (!current) return;
    current.delete(listener);
    if (current.size === 0) listeners.delete(tenantId);
  };
}

/** Listen to every tenant's events (e.g. a cache keyed by tenant). Returns the unsubscribe function. */
export function subscribeAll(listener: EventListener): () => void {
  anyListeners.add(listener);
  return () => {
    anyListeners.delete(listener);
  };
}

/** Number of listeners for a tenant (diagnostics and tests). */
export function listenerCount(tenantId: string): number {
  return listeners.get(tenantId)?.size ?? 0;
}
