import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { Unit } from '../types';

export interface UnitIndex {
  byId: Map<string, Unit>;
  children: Map<string | null, Unit[]>;
  roots: Unit[];
}

const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

/** Builds the tree client-side from the flat list of one `GET /org/units`. */
export function indexUnits(units: Unit[]): UnitIndex {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, Unit[]>();
  const roots: Unit[] = [];
  for (const u of units) {
    const parent = u.parentId && byId.has(u.parentId) ? u.parentId : null;
    if (parent === null) roots.push(u);
    const list = children.get(parent);
    if (list) list.push(u);
    else children.set(parent, [u]);
  }
  const sort = (a: Unit, b: Unit) =>
    Number(b.active) - Number(a.active) ||
    collator.compare(a.code, b.code) ||
    collator.compare(a.name, b.name);
  for (const list of children.values()) list.sort(sort);
  roots.sort(sort);
  return { byId, children, roots };
}

export function ancestorIds(index: UnitIndex, id: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let cur = index.byId.get(id);
  while (cur?.parentId && index.byId.has(cur.parentId) && !seen.has(cur.parentId)) {
    seen.add(cur.parentId);
    out.push(cur.parentId);
    cur = index.byId.get(cur.parentId);
  }
  return out;
}

export function descendantIds(index: UnitIndex, id: string): Set<string> {
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop() as string;
    for (const c of index.children.get(cur) ?? []) {
      if (!out.has(c.id)) {
        out.add(c.id);
        stack.push(c.id);
      }
    }
  }
  return out;
}

const MAX_MATCHES = 500;

function highlight(text: string, needle: string): ReactNode {
  if (!needle) return text;
  const i = text.toLowerCase().indexOf(needle);
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <mark>{text.slice(i, i + needle.length)}</mark>
      {text.slice(i + needle.length)}
    </>
  );
}

interface OrgTreeProps {
  index: UnitIndex;
  selectedId: string | null;
  query: string;
  onSelect: (id: string) => void;
  unitHref: (id: string) => string;
}

/**
 * WAI-ARIA tree with roving tabindex: ↑/↓ move, → expands or enters, ← collapses or goes to the parent,
 * Home/End, Enter/Space select. Searching shows the matches with their ancestors expanded.
 */
export function OrgTree({ index, selectedId, query, onSelect, unitHref }: OrgTreeProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const needle = query.trim().toLowerCase();
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    const s = new Set(index.roots.map((r) => r.id));
    if (selectedId) for (const a of ancestorIds(index, selectedId)) s.add(a);
    return s;
  });
  const [focusId, setFocusId] = useState<string | null>(selectedId);
  const treeRef = useRef<HTMLUListElement>(null);

  // Keep the selected unit visible when it changes from outside (URL, breadcrumbs, new unit)
  // and when a search is cleared.
  useEffect(() => {
    if (!selectedId || !index.byId.has(selectedId) || needle) return;
    const anc = ancestorIds(index, selectedId);
    setExpanded((prev) => {
      if (anc.every((a) => prev.has(a))) return prev;
      const next = new Set(prev);
      for (const a of anc) next.add(a);
      return next;
    });
    setFocusId(selectedId);
  }, [selectedId, index, needle]);

  // Search: matches plus their ancestors; ancestors shown expanded.
  const search = useMemo(() => {
    if (!needle) return null;
    const matches: string[] = [];
    for (const u of index.byId.values()) {
      if (u.name.toLowerCase().includes(needle) || u.code.toLowerCase().includes(needle)) {
        matches.push(u.id);
        if (matches.length >= MAX_MATCHES) break;
      }
    }
    const visible = new Set<string>(matches);
    const open = new Set<string>();
    for (const m of matches) {
      for (const a of ancestorIds(index, m)) {
        visible.add(a);
        open.add(a);
      }
    }
    return { matches: new Set(matches), visible, open, truncated: matches.length >= MAX_MATCHES };
  }, [needle, index]);

  // While searching, ancestors of matches are forced open and show only the way to the matches;
  // a match itself (and anything below it) expands normally, showing all its children.
  const forcedOpen = (id: string) => !!search?.open.has(id);
  const isOpen = (id: string) => forcedOpen(id) || expanded.has(id);
  const kids = (id: string | null): Unit[] => {
    const list = id === null ? index.roots : (index.children.get(id) ?? []);
    return search && (id === null || forcedOpen(id)) ? list.filter((u) => search.visible.has(u.id)) : list;
  };

  // Flattened visible items, for keyboard navigation.
  const flat: string[] = [];
  const walk = (list: Unit[]) => {
    for (const u of list) {
      flat.push(u.id);
      if (isOpen(u.id)) walk(kids(u.id));
    }
  };
  walk(kids(null));
  const tabStop =
    focusId && flat.includes(focusId)
      ? focusId
      : selectedId && flat.includes(selectedId)
        ? selectedId
        : flat[0];

  const focusItem = (id: string | undefined) => {
    if (!id) return;
    setFocusId(id);
    const el = treeRef.current?.querySelector<HTMLElement>(`[data-unit-id="${CSS.escape(id)}"]`);
    el?.focus();
  };

  const toggle = (id: string) => {
    if (forcedOpen(id)) return;
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const target = e.target as HTMLElement;
    const id = target.closest<HTMLElement>('[data-unit-id]')?.dataset.unitId;
    if (!id) return;
    const i = flat.indexOf(id);
    const hasKids = kids(id).length > 0;
    switch (e.key) {
      case 'ArrowDown':
        focusItem(flat[i + 1]);
        break;
      case 'ArrowUp':
        focusItem(flat[i - 1]);
        break;
      case 'Home':
        focusItem(flat[0]);
        break;
      case 'End':
        focusItem(flat[flat.length - 1]);
        break;
      case 'ArrowRight':
        if (hasKids && !isOpen(id)) toggle(id);
        else if (hasKids) focusItem(kids(id)[0]?.id);
        break;
      case 'ArrowLeft': {
        if (hasKids && isOpen(id) && !forcedOpen(id)) toggle(id);
        else {
          const parent = index.byId.get(id)?.parentId;
          if (parent && flat.includes(parent)) focusItem(parent);
        }
        break;
      }
      case 'Enter':
      case ' ':
        onSelect(id);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const renderItems = (list: Unit[], level: number): ReactNode =>
    list.map((u, pos) => {
      const children = kids(u.id);
      const hasKids = children.length > 0;
      const open = hasKids && isOpen(u.id);
      const selected = u.id === selectedId;
      const labelId = `tree-label-${u.id}`;
      const isMatch = search?.matches.has(u.id);
      return (
        <li
          key={u.id}
          role="treeitem"
          aria-level={level}
          aria-setsize={list.length}
          aria-posinset={pos + 1}
          aria-expanded={hasKids ? open : undefined}
          aria-selected={selected}
          aria-labelledby={labelId}
          tabIndex={u.id === tabStop ? 0 : -1}
          data-unit-id={u.id}
          className={`tree-item${selected ? ' is-selected' : ''}${u.active ? '' : ' is-inactive'}${isMatch ? ' is-match' : ''}`}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocusId(u.id);
          }}
        >
          <div className="tree-row" style={{ paddingInlineStart: `${(level - 1) * 1.1 + 0.25}rem` }}>
            {hasKids ? (
              <button
                type="button"
                className="tree-toggle"
                tabIndex={-1}
                aria-expanded={open}
                aria-label={open ? t('org.collapse', { name: u.name }) : t('org.expand', { name: u.name })}
                disabled={forcedOpen(u.id)}
                onClick={(e) => {
                  e.stopPropagation();
                  toggle(u.id);
                  setFocusId(u.id);
                }}
              >
                <span aria-hidden="true" className={`chevron${open ? ' open' : ''}`} />
              </button>
            ) : (
              <span className="tree-spacer" aria-hidden="true" />
            )}
            <Link
              to={unitHref(u.id)}
              tabIndex={-1}
              className="tree-label"
              id={labelId}
              state={location.state}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                focusItem(u.id);
                onSelect(u.id);
              }}
            >
              <span className="tree-name">{highlight(u.name, needle)}</span>
              <span className="tree-code">{highlight(u.code, needle)}</span>
              {!u.active ? <span className="badge badge-neutral badge-xs">{t('org.inactive')}</span> : null}
            </Link>
          </div>
          {open ? (
            // biome-ignore lint/a11y/useSemanticElements: WAI-ARIA tree pattern: nested group of treeitems
            <ul role="group" className="tree-group">
              {renderItems(children, level + 1)}
            </ul>
          ) : null}
        </li>
      );
    });

  const top = kids(null);
  return (
    <div className="tree-wrap">
      {search ? (
        <p className="hint" aria-live="polite">
          {search.matches.size === 0
            ? t('org.searchNone')
            : search.truncated
              ? t('org.searchTruncated', { count: search.matches.size })
              : t('org.searchCount', { count: search.matches.size })}
        </p>
      ) : null}
      {top.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA tree pattern on a list
        <ul role="tree" aria-label={t('org.treeLabel')} className="tree" ref={treeRef} onKeyDown={onKeyDown}>
          {renderItems(top, 1)}
        </ul>
      ) : null}
    </div>
  );
}
