import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { api, setCsrfToken } from './api';
import { ErrorState, Loading } from './components/ui';
import { storeLanguage } from './i18n';
import { keys, useSession } from './queries';
import type { Lang, Session, User } from './types';

const UserContext = createContext<User | null>(null);

export function useUser(): User {
  const u = useContext(UserContext);
  if (!u) throw new Error('useUser outside RequireAuth');
  return u;
}

/** Optional variant for components shown both logged in and out (language switch). */
export function useMaybeUser(): User | null {
  return useContext(UserContext);
}

const NEXT_KEY = 'kinerja.next';

export function rememberNext(path: string): void {
  try {
    if (path && path !== '/masuk') sessionStorage.setItem(NEXT_KEY, path);
  } catch {
    /* ignore */
  }
}

export function clearNext(): void {
  try {
    sessionStorage.removeItem(NEXT_KEY);
  } catch {
    /* ignore */
  }
}

/** Where to go after login: the page that sent the user to /masuk, else home. */
export function peekNext(): string {
  try {
    const v = sessionStorage.getItem(NEXT_KEY);
    if (v?.startsWith('/') && !v.startsWith('//') && !v.startsWith('/masuk')) return v;
  } catch {
    /* ignore */
  }
  return '/';
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, isPending, error, refetch } = useSession();
  const location = useLocation();
  if (isPending) {
    return (
      <div className="page-center">
        <Loading />
      </div>
    );
  }
  if (error) {
    return (
      <div className="page-center">
        <ErrorState error={error} onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!data) {
    rememberNext(location.pathname + location.search);
    return <Navigate to="/masuk" replace />;
  }
  return <UserContext.Provider value={data.user}>{children}</UserContext.Provider>;
}

/**
 * Language switch: persisted in localStorage and, when logged in, saved to the user's profile first
 * (so the server agrees as soon as the page shows the new language).
 */
export function useSwitchLanguage() {
  const qc = useQueryClient();
  const { i18n: inst } = useTranslation();
  return async (lang: Lang) => {
    storeLanguage(lang);
    const session = qc.getQueryData<Session | null>(keys.me);
    if (session) {
      try {
        const res = await api<{ user: User }>('/auth/me', { method: 'PATCH', body: { locale: lang } });
        if (res?.user) {
          const updated: Session = { ...session, user: res.user };
          qc.setQueryData(keys.me, updated);
        }
      } catch {
        /* the local choice still applies */
      }
    }
    await inst.changeLanguage(lang);
    // Server-side messages (errors, import messages) are localised: fetch them again.
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'tenants' });
  };
}

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    try {
      await api<void>('/auth/logout', { method: 'POST', noAuthRedirect: true });
    } catch {
      /* the session is gone either way */
    }
    setCsrfToken(null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'tenants' });
    qc.setQueryData(keys.me, null);
  };
}
