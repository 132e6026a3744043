import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setCsrfToken } from './api';
import type {
  Abk,
  Activity,
  ActivityQueue,
  CatalogItem,
  Inbox,
  Lang,
  OrgStats,
  Period,
  Session,
  Skp,
  SkpSummary,
  SubordinateSkps,
  Unit,
  UnitDetail,
  Workload,
  WorkloadDistribution,
} from './types';

export const keys = {
  me: ['me'] as const,
  tenants: ['tenants'] as const,
  stats: ['stats'] as const,
  units: ['units'] as const,
  unit: (id: string) => ['unit', id] as const,
  positions: (params: Record<string, unknown>) => ['positions', params] as const,
  employees: (params: Record<string, unknown>) => ['employees', params] as const,
  employee: (id: string) => ['employee', id] as const,
  importJob: (id: string) => ['import', id] as const,
  audit: (params: Record<string, unknown>) => ['audit', params] as const,
  periods: ['periods'] as const,
  goals: (periodId: string) => ['goals', periodId] as const,
  cascade: (goalId: string) => ['cascade', goalId] as const,
  coverage: (periodId: string) => ['coverage', periodId] as const,
  mySkps: (periodId: string) => ['skps', 'mine', periodId] as const,
  subordinateSkps: (periodId: string, status: string) => ['skps', 'subordinates', periodId, status] as const,
  skp: (id: string) => ['skp', id] as const,
  rhkPath: (id: string) => ['rhkPath', id] as const,
  inbox: ['inbox'] as const,
  catalog: (params: Record<string, unknown>) => ['catalog', params] as const,
  myActivities: (params: Record<string, unknown>) => ['activities', 'mine', params] as const,
  activityQueue: (params: Record<string, unknown>) => ['activities', 'queue', params] as const,
  myWorkload: (month: string) => ['workload', 'me', month] as const,
  employeeWorkload: (id: string, month: string) => ['workload', 'employee', id, month] as const,
  unitWorkload: (id: string, month: string) => ['workload', 'unit', id, month] as const,
  cityWorkload: (month: string) => ['workload', 'city', month] as const,
  abk: (unitId: string, year: number | undefined) => ['abk', unitId, year ?? 0] as const,
};

/** The session probe: `null` when not logged in (401), never redirects by itself. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const s = await api<Session>('/auth/me', { noAuthRedirect: true });
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

/** `probe: false` only reads the cache (the login page must not cause a 401 in the console). */
export function useSession(probe = true) {
  return useQuery({
    queryKey: keys.me,
    queryFn: fetchSession,
    staleTime: 60_000,
    retry: false,
    enabled: probe,
  });
}

export function useUnits(enabled = true) {
  return useQuery({
    queryKey: keys.units,
    queryFn: () => api<{ items: Unit[] }>('/org/units').then((r) => r.items),
    staleTime: 30_000,
    enabled,
  });
}

export function useUnit(id: string | null) {
  return useQuery({
    queryKey: keys.unit(id ?? ''),
    queryFn: () => api<UnitDetail>(`/org/units/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

export function useStats() {
  return useQuery({ queryKey: keys.stats, queryFn: () => api<OrgStats>('/org/stats'), retry: false });
}

/** Everything the organisation screens show may have changed after an org mutation. */
export function invalidateOrg(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: ['units'] }),
    qc.invalidateQueries({ queryKey: ['unit'] }),
    qc.invalidateQueries({ queryKey: ['positions'] }),
    qc.invalidateQueries({ queryKey: ['employees'] }),
    qc.invalidateQueries({ queryKey: ['employee'] }),
    qc.invalidateQueries({ queryKey: keys.stats }),
  ]);
}

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language?.startsWith('en') ? 'en' : 'id';
}

export function useInvalidateOrg() {
  const qc = useQueryClient();
  return () => invalidateOrg(qc);
}

/* ---------- SKP ---------- */

export function usePeriods() {
  return useQuery({
    queryKey: keys.periods,
    queryFn: () => api<{ items: Period[] }>('/periods').then((r) => r.items),
    staleTime: 60_000,
  });
}

/** The period of the current year (Jakarta), else the newest open one, else the newest. */
export function defaultPeriod(periods: Period[] | undefined): Period | undefined {
  if (!periods || periods.length === 0) return undefined;
  const year = Number(
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'Asia/Jakarta' }).format(new Date()),
  );
  const sorted = [...periods].sort((a, b) => b.year - a.year);
  return sorted.find((p) => p.year === year) ?? sorted.find((p) => p.status === 'open') ?? sorted[0];
}

export function useMySkps(periodId: string | undefined) {
  return useQuery({
    queryKey: keys.mySkps(periodId ?? ''),
    queryFn: () => api<{ items: SkpSummary[] }>('/skps/mine', { query: { periodId } }).then((r) => r.items),
    enabled: !!periodId,
  });
}

export function useSubordinateSkps(periodId: string | undefined, status = '', enabled = true) {
  return useQuery({
    queryKey: keys.subordinateSkps(periodId ?? '', status),
    queryFn: () => api<SubordinateSkps>('/skps/subordinates', { query: { periodId, status } }),
    enabled: !!periodId && enabled,
  });
}

export function useSkp(id: string) {
  return useQuery({
    queryKey: keys.skp(id),
    queryFn: () => api<Skp>(`/skps/${encodeURIComponent(id)}`),
    enabled: !!id,
  });
}

/** After any SKP mutation: keep the answer (it is the new SKP) and refresh the lists that summarise it. */
export function storeSkp(qc: QueryClient, skp: Skp): Promise<unknown> {
  qc.setQueryData(keys.skp(skp.id), skp);
  return Promise.all([
    qc.invalidateQueries({ queryKey: ['skps'] }),
    qc.invalidateQueries({ queryKey: ['goals'] }),
    qc.invalidateQueries({ queryKey: ['cascade'] }),
    qc.invalidateQueries({ queryKey: ['coverage'] }),
    qc.invalidateQueries({ queryKey: ['rhkPath'] }),
    qc.invalidateQueries({ queryKey: keys.inbox }),
  ]);
}

export const INBOX_POLL_MS = 60_000;

export function useInbox() {
  return useQuery({
    queryKey: keys.inbox,
    queryFn: () => api<Inbox>('/inbox'),
    refetchInterval: INBOX_POLL_MS,
    refetchIntervalInBackground: false,
    retry: false,
  });
}

/* ---------- Daily activities and workload ---------- */

/** Own activities on one date, or in a range (`from`/`to`, at most 92 days). */
export function useMyActivities(params: { date?: string; from?: string; to?: string }, enabled = true) {
  return useQuery({
    queryKey: keys.myActivities(params),
    queryFn: () => api<{ items: Activity[] }>('/activities', { query: params }).then((r) => r.items),
    enabled,
  });
}

/** `month` as `YYYY-MM`; empty means the current month (server side). */
export function useMyWorkload(month: string, enabled = true) {
  return useQuery({
    queryKey: keys.myWorkload(month),
    queryFn: () => api<Workload>('/workload/me', { query: { month } }),
    enabled,
    retry: false,
  });
}

export function useEmployeeWorkload(id: string, month: string) {
  return useQuery({
    queryKey: keys.employeeWorkload(id, month),
    queryFn: () => api<Workload>(`/workload/employees/${encodeURIComponent(id)}`, { query: { month } }),
    enabled: !!id,
  });
}

export function useUnitWorkload(id: string, month: string) {
  return useQuery({
    queryKey: keys.unitWorkload(id, month),
    queryFn: () =>
      api<WorkloadDistribution>(`/workload/units/${encodeURIComponent(id)}`, { query: { month } }),
    enabled: !!id,
    placeholderData: (prev) => prev,
  });
}

export function useCityWorkload(month: string) {
  return useQuery({
    queryKey: keys.cityWorkload(month),
    queryFn: () => api<WorkloadDistribution>('/workload/city', { query: { month } }),
    placeholderData: (prev) => prev,
  });
}

export function useAbk(unitId: string, year: number | undefined) {
  return useQuery({
    queryKey: keys.abk(unitId, year),
    queryFn: () => api<Abk>('/abk', { query: { unitId, year } }),
    placeholderData: (prev) => prev,
  });
}

/**
 * One cheap look at the caller's verification queue (first pending entry plus the list of direct
 * subordinates): decides whether the "Verifikasi aktivitas" menu item shows.
 */
export function useQueueSummary(enabled: boolean) {
  return useQuery({
    queryKey: keys.activityQueue({ summary: true }),
    queryFn: () => api<ActivityQueue>('/activities/queue', { query: { status: 'pending', limit: 1 } }),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
}

const CATALOG_CACHE = 'kinerja.catalog.';

interface CatalogSnapshot {
  at: number;
  items: CatalogItem[];
}

function readCatalogSnapshot(userId: string): CatalogSnapshot | undefined {
  try {
    const raw = localStorage.getItem(CATALOG_CACHE + userId);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as CatalogSnapshot;
    return Array.isArray(v?.items) && typeof v.at === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The catalog items this employee may log (active, their position kind), loaded whole once. A copy is kept
 * in localStorage so the logging form still works when the network drops and the page is reopened.
 */
export function useLoggableCatalog(userId: string) {
  return useQuery({
    queryKey: keys.catalog({ loggable: true, userId }),
    queryFn: async () => {
      const items = await api<{ items: CatalogItem[] }>('/activity-catalog', { query: { limit: 1000 } }).then(
        (r) => r.items,
      );
      try {
        localStorage.setItem(CATALOG_CACHE + userId, JSON.stringify({ at: Date.now(), items }));
      } catch {
        /* storage full or unavailable: the in-memory copy still works */
      }
      return items;
    },
    initialData: () => readCatalogSnapshot(userId)?.items,
    initialDataUpdatedAt: () => readCatalogSnapshot(userId)?.at,
    staleTime: 5 * 60_000,
  });
}

/** After logging, deleting, copying or verifying: the lists, the totals and the gauges may have changed. */
export function invalidateActivities(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: ['activities'] }),
    qc.invalidateQueries({ queryKey: ['workload'] }),
    qc.invalidateQueries({ queryKey: ['abk'] }),
    qc.invalidateQueries({ queryKey: keys.inbox }),
  ]);
}
