import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { type FormEvent, Fragment, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { useUser } from '../auth';
import { ErrorSummary } from '../components/Form';
import { EmptyState, ErrorState, Loading, LoadMore, TableWrap, usePageTitle } from '../components/ui';
import { formatDateTime, formatNumber } from '../format';
import { keys, useLang } from '../queries';
import { AUDIT_ENTITY_TYPES, type AuditEntry, type AuditVerify, type Paged } from '../types';

const FILTERS = ['actor', 'entityType', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function entityLink(type: string, id: string | null): string | null {
  if (!id) return null;
  if (type === 'employee') return `/pegawai/${encodeURIComponent(id)}`;
  if (type === 'unit') return `/organisasi?unit=${encodeURIComponent(id)}`;
  if (type === 'import') return `/impor?job=${encodeURIComponent(id)}`;
  return null;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.audit'));
  const lang = useLang();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const uid = useId();
  const applied: Filters = useMemo(
    () => ({
      actor: params.get('actor') ?? '',
      entityType: params.get('entityType') ?? '',
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
    }),
    [params],
  );
  const [draft, setDraft] = useState<Filters>(applied);
  useEffect(() => setDraft(applied), [applied]);
  const [open, setOpen] = useState<Set<number>>(new Set());

  const list = useInfiniteQuery({
    queryKey: keys.audit(applied),
    queryFn: ({ pageParam }) =>
      api<Paged<AuditEntry>>('/audit', { query: { ...applied, limit: 50, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!user.abilities['audit.read'],
  });
  const verify = useMutation({
    mutationFn: () => api<AuditVerify>('/audit/verify', { method: 'POST', body: {} }),
  });

  if (!user.abilities['audit.read']) {
    return (
      <div className="page">
        <h1>{t('audit.title')}</h1>
        <EmptyState title={t('audit.notAllowed')}>{t('audit.notAllowedBody')}</EmptyState>
      </div>
    );
  }

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const k of FILTERS) if (draft[k].trim()) p.set(k, draft[k].trim());
    setParams(p);
    setOpen(new Set());
  };
  const reset = () => {
    setParams(new URLSearchParams());
    setOpen(new Set());
  };
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = FILTERS.some((k) => applied[k]);
  const toggle = (seq: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('audit.title')}</h1>
          <p className="muted">{t('audit.intro')}</p>
        </div>
        <div className="verify-box">
          <button type="button" className="btn" onClick={() => verify.mutate()} disabled={verify.isPending}>
            {verify.isPending ? t('audit.verifying') : t('audit.verify')}
          </button>
        </div>
      </header>

      {verify.data || verify.isError ? (
        <div
          data-testid="audit-verify-result"
          className={`notice ${verify.data?.ok ? 'notice-ok' : 'notice-error'}`}
          role={verify.data?.ok ? 'status' : 'alert'}
          data-ok={verify.data ? String(verify.data.ok) : undefined}
        >
          {verify.isError ? (
            <ErrorSummary error={verify.error} />
          ) : verify.data?.ok ? (
            <p>
              <strong>{t('audit.verifyOk')}</strong>{' '}
              {t('audit.verifyChecked', { count: verify.data.checked, n: formatNumber(verify.data.checked) })}
            </p>
          ) : verify.data ? (
            <p>
              <strong>{t('audit.verifyBroken')}</strong>{' '}
              {t('audit.verifyBrokenAt', {
                seq: verify.data.brokenAt.seq,
                at: formatDateTime(verify.data.brokenAt.at, lang),
                action: verify.data.brokenAt.action,
              })}{' '}
              {t('audit.verifyChecked', { count: verify.data.checked, n: formatNumber(verify.data.checked) })}
            </p>
          ) : null}
        </div>
      ) : null}

      <form className="filters panel" onSubmit={apply} aria-label={t('audit.filters')}>
        <div className="field">
          <label htmlFor={`${uid}-actor`}>{t('audit.actor')}</label>
          <input
            id={`${uid}-actor`}
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            placeholder={t('audit.actorPlaceholder')}
            autoComplete="off"
            autoCapitalize="none"
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-type`}>{t('audit.entityType')}</label>
          <select
            id={`${uid}-type`}
            value={draft.entityType}
            onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}
          >
            <option value="">{t('common.all')}</option>
            {AUDIT_ENTITY_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`audit.entities.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-from`}>{t('audit.from')}</label>
          <input
            id={`${uid}-from`}
            type="date"
            value={draft.from}
            max={draft.to || undefined}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-to`}>{t('audit.to')}</label>
          <input
            id={`${uid}-to`}
            type="date"
            value={draft.to}
            min={draft.from || undefined}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.apply')}
          </button>
          {filtered ? (
            <button type="button" className="btn btn-ghost" onClick={reset}>
              {t('common.reset')}
            </button>
          ) : null}
        </div>
      </form>

      <section className="panel" aria-labelledby="audit-h">
        <h2 id="audit-h" className="sr-only">
          {t('audit.entries')}
        </h2>
        {list.isPending ? (
          <Loading rows={8} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={filtered ? t('audit.noMatch') : t('audit.none')}>
            {filtered ? t('audit.noMatchBody') : t('audit.noneBody')}
          </EmptyState>
        ) : (
          <>
            <TableWrap label={t('audit.entries')}>
              <table className="table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      #
                    </th>
                    <th scope="col">{t('audit.time')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.role')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.entity')}</th>
                    <th scope="col">{t('audit.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => {
                    const isOpen = open.has(a.seq);
                    const link = entityLink(a.entityType, a.entityId);
                    const detailId = `${uid}-d-${a.seq}`;
                    return (
                      <Fragment key={a.seq}>
                        <tr className={isOpen ? 'row-open' : undefined}>
                          <td className="num muted">{a.seq}</td>
                          <td className="nowrap">{formatDateTime(a.at, lang)}</td>
                          <td>{a.actorName ?? <span className="muted">{t('audit.system')}</span>}</td>
                          <td>
                            {a.actorRole ? t(`roles.${a.actorRole}`, { defaultValue: a.actorRole }) : '—'}
                          </td>
                          <td className="mono">{a.action}</td>
                          <td>
                            {t(`audit.entities.${a.entityType}`, { defaultValue: a.entityType })}
                            {a.entityId ? (
                              link ? (
                                <Link className="cell-sub mono" to={link}>
                                  {a.entityId.slice(0, 8)}…
                                </Link>
                              ) : (
                                <span className="cell-sub mono" title={a.entityId}>
                                  {a.entityId.slice(0, 8)}…
                                </span>
                              )
                            ) : null}
                          </td>
                          <td>
                            <button
                              type="button"
                              className="btn btn-small btn-ghost"
                              aria-expanded={isOpen}
                              aria-controls={detailId}
                              onClick={() => toggle(a.seq)}
                            >
                              {isOpen ? t('audit.hide') : t('audit.show')}
                            </button>
                          </td>
                        </tr>
                        {isOpen ? (
                          <tr className="row-detail" id={detailId}>
                            <td colSpan={7}>
                              <div className="diff">
                                <div>
                                  <h3>{t('audit.before')}</h3>
                                  <Json value={a.before} />
                                </div>
                                <div>
                                  <h3>{t('audit.after')}</h3>
                                  <Json value={a.after} />
                                </div>
                              </div>
                              <p className="muted small mono">
                                {a.ip ? `IP ${a.ip} · ` : ''}
                                {a.requestId ? `req ${a.requestId} · ` : ''}hash {a.hash.slice(0, 16)}…
                              </p>
                            </td>
                          </tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
            <LoadMore
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            />
          </>
        )}
      </section>
    </div>
  );
}
