import { type ReactNode, useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './Form';

export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Kinerja` : 'Kinerja';
  }, [title]);
}

/** Live result of a CSS media query. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function Loading({ label, rows = 0 }: { label?: string; rows?: number }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
      {rows > 0 ? (
        <div className="skeleton-rows" aria-hidden="true">
          {Array.from({ length: rows }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
            <div key={i} className="skeleton" />
          ))}
        </div>
      ) : null}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorMessage(error, t('errors.generic'))}</p>
      {onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}

/** Horizontal scroll container for wide tables (phones); focusable so keyboard users can scroll it. */
export function TableWrap({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable region must be keyboard reachable
    <section className="table-wrap" aria-label={label} tabIndex={0} data-testid={testId}>
      {children}
    </section>
  );
}

export function LoadMore({
  hasMore,
  loading,
  onClick,
}: {
  hasMore: boolean | undefined;
  loading: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <button type="button" className="btn" onClick={onClick} disabled={loading}>
        {loading ? t('common.loading') : t('common.loadMore')}
      </button>
    </div>
  );
}

export type BadgeTone = 'neutral' | 'ok' | 'warn' | 'danger' | 'info';
export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

interface SearchSelectProps {
  label: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  /** Controlled search text for server-side search; omit to filter `options` locally. */
  search?: string;
  onSearch?: (q: string) => void;
  loading?: boolean;
  error?: string;
  required?: boolean;
  placeholder?: string;
  emptyText?: string;
  maxOptions?: number;
  name: string;
}

/**
 * A search box that filters a native list box (<select size>), so keyboard and screen readers
 * work without custom ARIA plumbing.
 */
export function SearchSelect({
  label,
  options,
  value,
  onChange,
  search,
  onSearch,
  loading,
  error,
  required,
  placeholder,
  emptyText,
  maxOptions = 200,
  name,
}: SearchSelectProps) {
  const { t } = useTranslation();
  const uid = useId();
  const [localQ, setLocalQ] = useState('');
  const q = search ?? localQ;
  const filtered = useMemo(() => {
    if (onSearch) return options.slice(0, maxOptions);
    const needle = q.trim().toLowerCase();
    const list = needle
      ? options.filter(
          (o) => o.label.toLowerCase().includes(needle) || o.hint?.toLowerCase().includes(needle),
        )
      : options;
    return list.slice(0, maxOptions);
  }, [options, q, onSearch, maxOptions]);
  const selected = options.find((o) => o.value === value);
  const listId = `${uid}-list`;
  const errId = `${uid}-err`;
  return (
    <fieldset className={`field search-select${error ? ' field-invalid' : ''}`} data-field={name}>
      <legend>
        {label}
        {required ? <span className="req"> *</span> : null}
      </legend>
      <label className="sr-only" htmlFor={`${uid}-q`}>
        {t('common.searchIn', { label })}
      </label>
      <input
        id={`${uid}-q`}
        type="search"
        value={q}
        placeholder={placeholder ?? t('common.typeToSearch')}
        onChange={(e) => (onSearch ? onSearch(e.target.value) : setLocalQ(e.target.value))}
        aria-controls={listId}
        autoComplete="off"
      />
      <label className="sr-only" htmlFor={listId}>
        {label}
      </label>
      <select
        id={listId}
        name={name}
        size={Math.min(7, Math.max(3, filtered.length + (selected && !filtered.includes(selected) ? 1 : 0)))}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errId : undefined}
        required={required}
      >
        {selected && !filtered.includes(selected) ? (
          <option value={selected.value}>
            {selected.hint ? `${selected.label} — ${selected.hint}` : selected.label}
          </option>
        ) : null}
        {filtered.map((o) => (
          <option key={o.value} value={o.value}>
            {o.hint ? `${o.label} — ${o.hint}` : o.label}
          </option>
        ))}
      </select>
      <p className="hint" aria-live="polite">
        {loading
          ? t('common.loading')
          : filtered.length === 0
            ? (emptyText ?? t('common.noMatches'))
            : selected
              ? t('common.selected', { label: selected.label })
              : t('common.nothingSelected')}
      </p>
      {error ? (
        <p className="field-error" id={errId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
