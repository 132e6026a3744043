/**
 * The dashboard's data: types of `GET /dashboard/…`, the queries, and the live stream that refetches them.
 * Kept free of chart code so that the search box in the app shell can import it without pulling ECharts.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { API_BASE, api, withQuery } from '../../api';

export type Level = 'city' | 'opd' | 'unit';
export type Predikat = 'sangat_baik' | 'baik' | 'butuh_perbaikan' | 'kurang' | 'sangat_kurang';
export const PREDIKATS: Predikat[] = ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'];
export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export interface Figures {
  people: number;
  skpApproved: number;
  skpShare: number | null;
  activitiesToday: number;
  loggingToday: number;
  activitiesMonth: number;
  loggingMonth: number;
  backlogMinutes: number;
  backlogPeople: number;
  approvedMinutes: number;
  effectiveMinutes: number;
  avgWorkload: number | null;
  under: number;
  normal: number;
  over: number;
  inactive: number;
  evaluated?: number;
  predikatGoodShare?: number | null;
  tppTotal?: number;
  tppPeople?: number;
}

export interface RankingRow extends Figures {
  unitId: string;
  name: string;
  code: string;
  direct: boolean;
}

export interface PersonRef {
  employeeId: string;
  name: string;
  nip: string;
  positionName: string | null;
  unitName: string;
}

export interface DashboardPerson extends PersonRef {
  ratio: number | null;
  band: 'under' | 'normal' | 'over' | null;
  approvedMinutes: number;
  effectiveMinutes: number;
  todayEntries: number;
  backlogMinutes: number;
  lastActive: string | null;
  inactive: boolean;
  skpStatus: string | null;
  skpApproved: boolean;
  predikat?: Predikat | null;
  tpp?: number | null;
}

export interface Goal {
  id: string;
  code: string;
  title: string;
  status: string;
  progress: number | null;
  progressStatus: GoalStatus;
  quarter: number | null;
  indicators: {
    name: string;
    targetValue: number | null;
    targetText: string | null;
    unit: string;
    direction: string;
  }[];
  contributors: {
    employeeId: string;
    name: string;
    nip: string;
    unitName: string;
    rhkText: string;
    capaian: number | null;
    quarter: number | null;
  }[];
}

export interface DashboardView {
  scope: {
    level: Level;
    unit: { id: string; name: string; code: string; type: string };
    breadcrumbs: { id: string; name: string; level: Level }[];
    childLevel: 'opd' | 'unit';
  };
  month: string;
  today: string;
  currentMonth: string;
  asOf: string;
  version: number;
  period: { id: string; year: number } | null;
  workingDays: number;
  thresholds: {
    under: number;
    over: number;
    inactiveWorkingDays: number;
    backlogMinutes: number;
    goalOnTrack: number;
    goalOffTrack: number;
  };
  backlogMonths: string[];
  headline: Figures;
  ranking: RankingRow[];
  histogram: {
    buckets: { label: string; from: number; to: number | null; count: number }[];
    measured: number;
    withoutEffectiveTime: number;
    bands: { under: number; normal: number; over: number };
  };
  predikat?: {
    year: number;
    kind: string;
    evaluated: number;
    counts: { predikat: Predikat; count: number; share: number | null }[];
    curve: { predikat: Predikat; minShare: number | null; maxShare: number | null }[];
  };
  tpp?: { month: string; status: string };
  goals: Goal[];
  trend: {
    month: string;
    entries: number;
    approvedMinutes: number;
    effectiveMinutes: number;
    ratio: number | null;
  }[];
  heatmap: {
    months: string[];
    rows: { unitId: string; name: string; direct: boolean; ratios: (number | null)[]; entries: number[] }[];
  };
  warnings: {
    inactive: { count: number; days: string[]; items: (PersonRef & { lastActive: string | null })[] };
    overloaded: {
      count: number;
      items: (PersonRef & { ratio: number; approvedMinutes: number; effectiveMinutes: number })[];
    };
    backlog: { count: number; items: (PersonRef & { pendingMinutes: number; staffWithPending: number })[] };
    goalsOffTrack: {
      count: number;
      items: {
        goalId: string;
        code: string;
        title: string;
        progress: number | null;
        people: { employeeId: string; name: string; nip: string; unitName: string; capaian: number | null }[];
      }[];
    };
  };
  people?: { total: number; items: DashboardPerson[] };
  abilities: { city: boolean; export: boolean };
}

export interface SearchResult {
  people: {
    employeeId: string;
    name: string;
    nip: string;
    positionName: string | null;
    unitId: string;
    unitName: string;
    opdName: string;
  }[];
  peopleTotal: number;
  units: { unitId: string; name: string; code: string; level: Level }[];
}

export const dashboardKeys = {
  all: ['dashboard'] as const,
  view: (unitId: string | null, month: string) => ['dashboard', 'view', unitId ?? 'city', month] as const,
  search: (q: string) => ['dashboard', 'search', q] as const,
};

/** The figures of the city (unitId null) or of a unit, for a month. */
export function useDashboard(unitId: string | null, month: string) {
  return useQuery({
    queryKey: dashboardKeys.view(unitId, month),
    queryFn: ({ signal }) =>
      api<DashboardView>(unitId ? `/dashboard/units/${encodeURIComponent(unitId)}` : '/dashboard/city', {
        query: { month },
        signal,
      }),
    staleTime: 5_000,
    // a safety net besides the live stream: figures never silently older than a minute while open
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useDashboardSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.search(q),
    queryFn: ({ signal }) => api<SearchResult>('/dashboard/search', { query: { q, limit: 8 }, signal }),
    enabled: enabled && q.trim().length >= 2,
    staleTime: 30_000,
  });
}

/** Server link of an XLSX figure set. */
export function exportUrl(figure: string, unitId: string | null, month: string): string {
  return withQuery(`${API_BASE}/dashboard/export.xlsx`, { figure, unitId: unitId ?? undefined, month });
}

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Server-sent events: on `changed` the dashboard queries refetch (the server sends at most one per second).
 * EventSource reconnects by itself; the state says whether figures are live right now.
 */
export function useDashboardStream(unitId: string | null): { state: LiveState; lastChange: number | null } {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const [lastChange, setLastChange] = useState<number | null>(null);
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('offline');
      return;
    }
    const source = new EventSource(
      withQuery(`${API_BASE}/dashboard/stream`, { unitId: unitId ?? undefined }),
    );
    setState('connecting');
    source.addEventListener('ready', () => setState('live'));
    source.addEventListener('changed', () => {
      setLastChange(Date.now());
      void qc.invalidateQueries({ queryKey: ['dashboard', 'view'] });
    });
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    return () => source.close();
  }, [unitId, qc]);
  return { state, lastChange };
}

/** Seconds since a moment, ticking every second (for "updated x seconds ago"). */
export function useSecondsSince(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, []);
  return at === null ? null : Math.max(0, Math.floor((now - at) / 1000));
}
