import { type KeyboardEvent, type Ref, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { minutesText } from '../../components/activity';
import type { CatalogItem } from '../../types';

const MAX_RESULTS = 30;

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Every word of the query must appear in the name, the code or the output unit. */
export function searchCatalog(items: CatalogItem[], query: string, recent: string[]): CatalogItem[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    const byId = new Map(items.map((c) => [c.id, c]));
    const first = recent.map((id) => byId.get(id)).filter((c): c is CatalogItem => !!c);
    const seen = new Set(first.map((c) => c.id));
    return [...first, ...items.filter((c) => !seen.has(c.id))].slice(0, MAX_RESULTS);
  }
  const scored: { c: CatalogItem; score: number }[] = [];
  for (const c of items) {
    const name = fold(c.name);
    const hay = `${name} ${fold(c.code)} ${fold(c.outputUnit)}`;
    if (!words.every((w) => hay.includes(w))) continue;
    // names starting with the first word first, then recently used ones
    const score = (name.startsWith(words[0]) ? 0 : 2) + (recent.includes(c.id) ? 0 : 1);
    scored.push({ c, score });
  }
  scored.sort((a, b) => a.score - b.score || a.c.name.localeCompare(b.c.name, 'id'));
  return scored.slice(0, MAX_RESULTS).map((s) => s.c);
}

/**
 * The catalog search of the logging form: an editable combobox (WAI-ARIA 1.2) with a list box of matches.
 * Arrow keys move, Enter chooses, Escape closes (then clears); typing after a choice starts a new search.
 */
export function CatalogCombobox({
  items,
  recent,
  selected,
  onSelect,
  loading,
  error,
  inputRef,
}: {
  items: CatalogItem[];
  recent: string[];
  selected: CatalogItem | null;
  onSelect: (item: CatalogItem | null) => void;
  loading: boolean;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const text = selected && !open ? selected.name : query;
  const results = useMemo(
    () => (open ? searchCatalog(items, query, recent) : []),
    [open, items, query, recent],
  );
  const listId = `${uid}-list`;
  const optionId = (i: number) => `${uid}-opt-${i}`;
  const hintId = `${uid}-hint`;
  const errId = `${uid}-err`;

  const choose = (c: CatalogItem) => {
    onSelect(c);
    setQuery('');
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
      } else setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (open) setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && results[active]) {
        e.preventDefault();
        choose(results[active]);
      } else if (open) {
        e.preventDefault();
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (query || selected) {
        e.preventDefault();
        setQuery('');
        onSelect(null);
      }
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  const describedBy = [hintId, error ? errId : ''].filter(Boolean).join(' ');

  return (
    <div className={`field combobox${error ? ' field-invalid' : ''}`} data-field="catalogId">
      <label htmlFor={`${uid}-input`}>
        {t('activity.fields.activity')}
        <span className="req" title={t('common.required')}>
          {' '}
          *
        </span>
      </label>
      <div className="combobox-box">
        <input
          id={`${uid}-input`}
          ref={inputRef}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          enterKeyHint="search"
          placeholder={t('activity.searchPlaceholder')}
          value={text}
          onChange={(e) => {
            setQuery(e.target.value);
            if (selected) onSelect(null);
            setOpen(true);
            setActive(e.target.value.trim() ? 0 : -1);
          }}
          onFocus={(e) => {
            if (selected) e.currentTarget.select();
          }}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          data-testid="activity-search"
        />
        {selected || query ? (
          <button
            type="button"
            className="combobox-clear"
            aria-label={t('activity.clearSearch')}
            onClick={() => {
              setQuery('');
              onSelect(null);
              setOpen(true);
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
        <div
          id={listId}
          role="listbox"
          className="combo-list"
          hidden={!open}
          aria-label={t('activity.matches')}
        >
          {open && results.length === 0 ? (
            <p className="combo-empty">{loading ? t('common.loading') : t('activity.noMatch')}</p>
          ) : null}
          {results.map((c, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard (aria-activedescendant)
            <div
              key={c.id}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={`combo-option${i === active ? ' is-active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => setActive(i)}
              onClick={() => choose(c)}
              data-testid="activity-option"
            >
              <span className="combo-name">{c.name}</span>
              <span className="combo-meta">
                {t('activity.perUnit', { minutes: minutesText(t, c.standardMinutes), unit: c.outputUnit })} ·{' '}
                <span className="mono">{c.code}</span>
                {recent.includes(c.id) && !query ? (
                  <span className="badge badge-neutral badge-xs">{t('activity.recent')}</span>
                ) : null}
              </span>
            </div>
          ))}
        </div>
      </div>
      <p className="hint" id={hintId} aria-live="polite">
        {selected
          ? t('activity.chosen', {
              code: selected.code,
              per: t('activity.perUnit', {
                minutes: minutesText(t, selected.standardMinutes),
                unit: selected.outputUnit,
              }),
            })
          : open && results.length > 0
            ? t('activity.matchCount', { count: results.length })
            : t('activity.searchHint')}
      </p>
      {error ? (
        <p className="field-error" id={errId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
