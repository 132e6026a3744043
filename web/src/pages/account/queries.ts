import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Account, PersonSearchResult } from './types';

export const accountKeys = {
  account: (id: string, month: string) => ['workload', 'account', id, month] as const,
  search: (q: string) => ['people-search', q] as const,
};

/** One person's performance account; `month` as `YYYY-MM`. Lives under the `workload` key so that logging or
 * verifying activities (which invalidates `workload`) refreshes it too. */
export function useAccount(id: string, month: string) {
  return useQuery({
    queryKey: accountKeys.account(id, month),
    queryFn: () => api<Account>(`/accounts/${encodeURIComponent(id)}`, { query: { month } }),
    enabled: !!id,
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === id ? prev : undefined),
    retry: false,
  });
}

export const SEARCH_LIMIT = 8;

/** People the caller may open, by name or NIP (at least two characters). */
export function usePersonSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: accountKeys.search(query),
    queryFn: ({ signal }) =>
      api<PersonSearchResult>('/accounts/search', { query: { q: query, limit: SEARCH_LIMIT }, signal }),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}
