import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setCsrfToken } from './api';
import type { Lang, OrgStats, Session, Unit, UnitDetail } from './types';

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
