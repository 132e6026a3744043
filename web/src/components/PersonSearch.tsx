import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatNip } from '../format';
import { usePersonSearch } from '../pages/account/queries';
import type { PersonHit } from '../pages/account/types';
import '../pages/account/account.css';
import { useDebounced, useMediaQuery } from './ui';

/** Is the keyboard focus in a place where "/" is text (an input, a text area, an editable element)? */
function typingIn(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * "Cari pegawai" in the top bar: an editable combobox (WAI-ARIA 1.2) over GET /accounts/search, which only
 * answers people whose performance account the caller may open. "/" focuses it from anywhere; arrow keys move
 * through the matches; Enter opens the highlighted (or first) person's account; Escape closes, then clears.
 * At phone width it is a button that opens a full-width search row under the top bar.
 */
export function PersonSearch() {
  const { t } = useTranslation();
  const uid = useId();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 640px)');
  const [expanded, setExpanded] = useState(false);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [enterPending, setEnterPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const query = useDebounced(text.trim(), 200);
  const search = usePersonSearch(query);
  const ready = query.length >= 2 && query === text.trim();
  const results: PersonHit[] = ready && !search.isPlaceholderData ? (search.data?.items ?? []) : [];
  const listId = `${uid}-list`;
  const optionId = (i: number) => `${uid}-opt-${i}`;
  const showPanel = !phone || expanded;

  const close = (restoreFocus: boolean) => {
    setOpen(false);
    setActive(-1);
    setEnterPending(false);
    if (phone) {
      setExpanded(false);
      if (restoreFocus) toggleRef.current?.focus();
    }
  };

  const choose = (hit: PersonHit) => {
    setText('');
    close(false);
    inputRef.current?.blur();
    navigate(`/akun/${encodeURIComponent(hit.id)}`);
  };

  // "/" from anywhere (outside text fields and dialogs) focuses the search
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      setExpanded(true);
      requestAnimationFrame(() => inputRef.current?.focus());
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // the phone row takes the focus when it opens
  useEffect(() => {
    if (phone && expanded) inputRef.current?.focus();
  }, [phone, expanded]);

  // Enter pressed before the answer arrived: open the first match once it is there
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the answer only
  useEffect(() => {
    if (!enterPending || !ready || search.isFetching || search.isPlaceholderData) return;
    setEnterPending(false);
    if (results[0]) choose(results[0]);
  }, [enterPending, ready, search.isFetching, search.isPlaceholderData, search.data]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = results[Math.max(active, 0)];
      if (hit && ready && !search.isFetching) choose(hit);
      else if (text.trim().length >= 2) setEnterPending(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open && text) {
        setOpen(false);
        setActive(-1);
      } else if (text) setText('');
      else close(true);
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  const status =
    text.trim().length < 2
      ? t('personSearch.tooShort')
      : search.isError
        ? t('personSearch.failed')
        : !ready || search.isFetching
          ? t('common.loading')
          : results.length === 0
            ? t('personSearch.none')
            : t('personSearch.count', { count: results.length });
  const listOpen = open && text.trim().length >= 2;

  return (
    <div className={`person-search${phone ? ' person-search-phone' : ''}`} data-testid="person-search">
      {phone ? (
        <button
          type="button"
          ref={toggleRef}
          className="person-search-toggle"
          aria-expanded={expanded}
          aria-controls={`${uid}-panel`}
          onClick={() => (expanded ? close(false) : setExpanded(true))}
          data-testid="person-search-toggle"
        >
          <span className="search-icon" aria-hidden="true" />
          <span className="sr-only">{expanded ? t('personSearch.close') : t('personSearch.open')}</span>
        </button>
      ) : null}
      {showPanel ? (
        <div className="person-search-panel" id={`${uid}-panel`}>
          <label htmlFor={`${uid}-input`} className="sr-only">
            {t('personSearch.label')}
          </label>
          <div className="person-search-box">
            <span className="search-icon search-icon-inline" aria-hidden="true" />
            <input
              id={`${uid}-input`}
              ref={inputRef}
              type="text"
              role="combobox"
              aria-expanded={listOpen}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={
                listOpen && active >= 0 && results[active] ? optionId(active) : undefined
              }
              aria-describedby={`${uid}-status`}
              aria-keyshortcuts="/"
              title={phone ? undefined : t('personSearch.shortcut')}
              autoComplete="off"
              spellCheck={false}
              enterKeyHint="search"
              placeholder={t('personSearch.placeholder')}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setOpen(true);
                setActive(-1);
              }}
              onFocus={() => setOpen(true)}
              onBlur={() => {
                setOpen(false);
                setActive(-1);
              }}
              onKeyDown={onKeyDown}
              data-testid="person-search-input"
            />
            {!phone && !text ? (
              <span className="person-search-kbd" aria-hidden="true">
                /
              </span>
            ) : null}
          </div>
          <div
            id={listId}
            role="listbox"
            className="combo-list person-search-list"
            hidden={!listOpen}
            aria-label={t('personSearch.results')}
          >
            {listOpen && results.length === 0 ? <p className="combo-empty">{status}</p> : null}
            {listOpen
              ? results.map((hit, i) => (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard (aria-activedescendant)
                  <div
                    key={hit.id}
                    id={optionId(i)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={i === active}
                    className={`combo-option${i === active ? ' is-active' : ''}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => setActive(i)}
                    onClick={() => choose(hit)}
                    data-testid="person-search-option"
                  >
                    <span className="combo-name">
                      {hit.name}
                      {hit.status !== 'active' ? (
                        <span className="badge badge-neutral badge-xs">
                          {t(`employeeStatus.${hit.status}`, { defaultValue: hit.status })}
                        </span>
                      ) : null}
                    </span>
                    <span className="combo-meta">
                      <span className="mono">{formatNip(hit.nip)}</span>
                      {hit.positionName ? <span>· {hit.positionName}</span> : null}
                      {hit.unitName ? <span>· {hit.unitName}</span> : null}
                    </span>
                  </div>
                ))
              : null}
            {listOpen && results.length > 0 && search.data?.nextCursor ? (
              <p className="combo-empty">{t('personSearch.more')}</p>
            ) : null}
          </div>
          <p id={`${uid}-status`} className="sr-only" aria-live="polite">
            {listOpen ? status : ''}
          </p>
        </div>
      ) : null}
    </div>
  );
}
