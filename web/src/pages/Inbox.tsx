import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { ErrorSummary } from '../components/Form';
import { EmptyState, ErrorState, Loading, usePageTitle } from '../components/ui';
import { formatDateTime } from '../format';
import { keys, useInbox, useLang } from '../queries';
import type { Inbox, InboxItem } from '../types';

/** Only in-app links are followed inside the app; anything else is shown as plain text. */
function internalLink(link: string | null): string | null {
  if (!link) return null;
  if (link.startsWith('/') && !link.startsWith('//')) return link;
  try {
    const u = new URL(link, window.location.origin);
    return u.origin === window.location.origin ? `${u.pathname}${u.search}${u.hash}` : null;
  } catch {
    return null;
  }
}

/** `/kotak-masuk`: notifications, newest first; opening one marks it read. */
export function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.inbox'));
  const lang = useLang();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const inbox = useInbox();

  const markLocal = (id: string | null) =>
    qc.setQueryData<Inbox>(keys.inbox, (prev) => {
      if (!prev) return prev;
      const now = new Date().toISOString();
      const items = prev.items.map((i) =>
        !i.readAt && (id === null || i.id === id) ? { ...i, readAt: now } : i,
      );
      return { items, unread: items.filter((i) => !i.readAt).length };
    });

  const read = useMutation({
    mutationFn: (id: string) => api<void>(`/inbox/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onMutate: (id) => markLocal(id),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.inbox }),
  });
  const readAll = useMutation({
    mutationFn: () => api<void>('/inbox/read-all', { method: 'POST' }),
    onSuccess: () => markLocal(null),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.inbox }),
  });

  const open = (item: InboxItem) => {
    if (!item.readAt) read.mutate(item.id);
    const to = internalLink(item.link);
    if (to) navigate(to);
  };

  const items = [...(inbox.data?.items ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const unread = inbox.data?.unread ?? 0;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('inbox.title')}</h1>
          <p className="muted">{t('inbox.unreadCount', { count: unread })}</p>
        </div>
        {unread > 0 ? (
          <button
            type="button"
            className="btn"
            onClick={() => readAll.mutate()}
            disabled={readAll.isPending}
            data-testid="inbox-read-all"
          >
            {readAll.isPending ? t('common.processing') : t('inbox.readAll')}
          </button>
        ) : null}
      </header>
      <ErrorSummary error={readAll.error ?? read.error} />
      {inbox.isPending ? (
        <Loading rows={6} />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : items.length === 0 ? (
        <div className="panel">
          <EmptyState title={t('inbox.empty')}>{t('inbox.emptyBody')}</EmptyState>
        </div>
      ) : (
        <ul className="inbox-list panel" data-testid="inbox-list">
          {items.map((item) => {
            const to = internalLink(item.link);
            const unreadItem = !item.readAt;
            return (
              <li
                key={item.id}
                className={`inbox-item${unreadItem ? ' is-unread' : ''}`}
                data-testid="inbox-item"
              >
                <button type="button" className="inbox-open" onClick={() => open(item)}>
                  <span className="inbox-title">
                    {unreadItem ? <span className="unread-dot" aria-hidden="true" /> : null}
                    {unreadItem ? <span className="sr-only">{t('inbox.unread')}: </span> : null}
                    {item.title}
                  </span>
                  {item.body ? <span className="inbox-body">{item.body}</span> : null}
                  <span className="inbox-meta">
                    <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, lang)}</time>
                    {to ? <span className="inbox-go">{t('inbox.open')} →</span> : null}
                  </span>
                </button>
                {!to && item.link ? <p className="small muted break inbox-extlink">{item.link}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
