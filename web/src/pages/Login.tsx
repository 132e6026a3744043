import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { ApiError, api, setCsrfToken } from '../api';
import { clearNext, peekNext } from '../auth';
import { errorMessage } from '../components/Form';
import { LangSwitch } from '../components/LangSwitch';
import { usePageTitle } from '../components/ui';
import { keys, useSession } from '../queries';
import type { Session } from '../types';

const TENANT_KEY = 'kinerja.tenant';

function lastTenant(): string {
  try {
    return localStorage.getItem(TENANT_KEY) ?? '';
  } catch {
    return '';
  }
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const qc = useQueryClient();
  const [next] = useState(peekNext);
  const session = useSession(false);
  const uid = useId();
  const tenants = useQuery({
    queryKey: keys.tenants,
    queryFn: () => api<{ items: { slug: string; name: string }[] }>('/tenants/public').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
  const [tenant, setTenant] = useState(lastTenant);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  useEffect(() => {
    const items = tenants.data;
    if (!items?.length) return;
    if (!items.some((x) => x.slug === tenant)) setTenant(items.length === 1 ? items[0].slug : '');
  }, [tenants.data, tenant]);

  const login = useMutation({
    mutationFn: () =>
      api<Session>('/auth/login', {
        method: 'POST',
        body: { tenant, username: username.trim(), password },
        noAuthRedirect: true,
      }),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      try {
        localStorage.setItem(TENANT_KEY, tenant);
      } catch {
        /* ignore */
      }
      clearNext();
      qc.setQueryData(keys.me, s);
    },
  });

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!login.isPending) login.mutate();
  };

  const err = login.error;
  const errText =
    err instanceof ApiError && err.status === 429 && !err.message
      ? t('login.rateLimited')
      : err
        ? errorMessage(err, t('errors.generic'))
        : '';

  return (
    <div className="login-page">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <main className="login-card" id="main">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <div>
            <h1>Kinerja</h1>
            <p className="muted">{t('login.tagline')}</p>
          </div>
        </div>
        <form className="form login-form" data-testid="login-form" onSubmit={onSubmit} noValidate={false}>
          <h2 className="login-title">{t('login.title')}</h2>
          {errText ? (
            <div className="error-summary" role="alert">
              <p className="error-summary-title">{errText}</p>
            </div>
          ) : null}
          {tenants.isError ? (
            <div className="notice notice-error" role="alert">
              {errorMessage(tenants.error, t('login.tenantsFailed'))}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${uid}-tenant`}>{t('login.city')}</label>
            <select
              id={`${uid}-tenant`}
              name="tenant"
              value={tenant}
              onChange={(e) => setTenant(e.target.value)}
              required
              disabled={tenants.isPending}
            >
              <option value="">{tenants.isPending ? t('common.loading') : t('login.chooseCity')}</option>
              {tenants.data?.map((x) => (
                <option key={x.slug} value={x.slug}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${uid}-username`}>{t('login.username')}</label>
            <input
              id={`${uid}-username`}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-password`}>{t('login.password')}</label>
            <input
              id={`${uid}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="login-public">
          <Link
            to={tenant ? `/publik/${encodeURIComponent(tenant)}` : '/publik'}
            data-testid="login-public-link"
          >
            {t('login.publicLink')}
          </Link>
        </p>
      </main>
    </div>
  );
}
