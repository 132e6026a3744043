import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../api';
import { formatTarget, SkpStatusBadge } from '../components/skp';
import { Badge, EmptyState, ErrorState, Loading, useDebounced, usePageTitle } from '../components/ui';
import { formatNumber } from '../format';
import { keys } from '../queries';
import type { CascadeNode, Goal, PathStep } from '../types';
import { GoalIndicatorList, GoalStatusBadge } from './Goals';

interface CascadeIndex {
  byId: Map<string, CascadeNode>;
  parent: Map<string, string | null>;
  /** Distinct people per level (level 1 = RHKs citing the goal directly). */
  levels: { level: number; people: number; rhks: number }[];
  total: number;
  people: number;
}

function indexCascade(roots: CascadeNode[]): CascadeIndex {
  const byId = new Map<string, CascadeNode>();
  const parent = new Map<string, string | null>();
  const perLevel: { people: Set<string>; rhks: number }[] = [];
  const everyone = new Set<string>();
  const stack: { node: CascadeNode; parent: string | null; level: number }[] = roots.map((n) => ({
    node: n,
    parent: null,
    level: 1,
  }));
  while (stack.length) {
    const { node, parent: p, level } = stack.pop() as (typeof stack)[number];
    if (byId.has(node.rhkId)) continue; // defensive: a node listed twice
    byId.set(node.rhkId, node);
    parent.set(node.rhkId, p);
    const slot = perLevel[level - 1] ?? { people: new Set<string>(), rhks: 0 };
    perLevel[level - 1] = slot;
    slot.people.add(node.employee.id);
    slot.rhks += 1;
    everyone.add(node.employee.id);
    for (const c of node.children) stack.push({ node: c, parent: node.rhkId, level: level + 1 });
  }
  return {
    byId,
    parent,
    levels: perLevel.map((l, i) => ({ level: i + 1, people: l.people.size, rhks: l.rhks })),
    total: byId.size,
    people: everyone.size,
  };
}

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

const matchesNode = (n: CascadeNode, needle: string) =>
  [n.employee.name, n.positionName, n.unitName, n.opdName].some((v) => v?.toLowerCase().includes(needle));

/** `/sasaran/:id`: a city goal and the tree of RHKs below it, person by person. */
export function CascadePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const searchId = useId();
  const [q, setQ] = useState('');
  const needle = useDebounced(q.trim().toLowerCase(), 200);
  const data = useQuery({
    queryKey: keys.cascade(id),
    queryFn: () => api<{ goal: Goal; nodes: CascadeNode[] }>(`/goals/${encodeURIComponent(id)}/cascade`),
  });
  usePageTitle(data.data ? `${data.data.goal.code} ${data.data.goal.title}` : t('cascade.title'));
  const index = useMemo(() => (data.data ? indexCascade(data.data.nodes) : null), [data.data]);
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  // Default: the first level open (shows level 2).
  const open = expanded ?? new Set(data.data?.nodes.map((n) => n.rhkId) ?? []);

  const search = useMemo(() => {
    if (!index || !needle) return null;
    const matches = new Set<string>();
    const visible = new Set<string>();
    for (const [rid, n] of index.byId) {
      if (!matchesNode(n, needle)) continue;
      matches.add(rid);
      let cur: string | null | undefined = rid;
      while (cur && !visible.has(cur)) {
        visible.add(cur);
        cur = index.parent.get(cur);
      }
    }
    return { matches, visible };
  }, [index, needle]);

  if (data.isPending) {
    return (
      <div className="page page-wide">
        <Loading rows={10} />
      </div>
    );
  }
  if (data.isError) {
    const notFound = data.error instanceof ApiError && data.error.status === 404;
    return (
      <div className="page">
        {notFound ? (
          <EmptyState title={t('cascade.notFound')}>
            <Link to="/sasaran">{t('cascade.back')}</Link>
          </EmptyState>
        ) : (
          <ErrorState error={data.error} onRetry={() => void data.refetch()} />
        )}
      </div>
    );
  }
  const { goal, nodes } = data.data;
  const idx = index as CascadeIndex;

  const toggle = (rid: string) => {
    const next = new Set(open);
    if (next.has(rid)) next.delete(rid);
    else next.add(rid);
    setExpanded(next);
  };
  // While searching, the path to every match is open and cannot be closed.
  const isOpen = (n: CascadeNode) =>
    search ? n.children.some((c) => search.visible.has(c.rhkId)) : open.has(n.rhkId);

  const renderNodes = (list: CascadeNode[], level: number): ReactNode =>
    list
      .filter((n) => !search || search.visible.has(n.rhkId))
      .map((n) => {
        const hasKids = search ? n.children.some((c) => search.visible.has(c.rhkId)) : n.children.length > 0;
        const expandedNow = hasKids && isOpen(n);
        const forced = !!search;
        const isMatch = search?.matches.has(n.rhkId);
        return (
          <li
            key={n.rhkId}
            className={`cascade-node${isMatch ? ' is-match' : ''}`}
            data-testid="cascade-node"
            data-level={level}
            data-rhk-id={n.rhkId}
          >
            <div className="cnode">
              {hasKids ? (
                <button
                  type="button"
                  className="tree-toggle"
                  aria-expanded={expandedNow}
                  aria-label={
                    expandedNow
                      ? t('cascade.collapse', { name: n.employee.name })
                      : t('cascade.expand', { name: n.employee.name, count: n.children.length })
                  }
                  disabled={forced}
                  onClick={() => toggle(n.rhkId)}
                >
                  <span aria-hidden="true" className={`chevron${expandedNow ? ' open' : ''}`} />
                </button>
              ) : (
                <span className="tree-spacer" aria-hidden="true" />
              )}
              <div className="cnode-body">
                <p className="cnode-text">{n.text}</p>
                <p className="cnode-who">
                  <Link to={`/pegawai/${encodeURIComponent(n.employee.id)}`} className="cnode-name">
                    {highlight(n.employee.name, needle)}
                  </Link>
                  {n.positionName ? <span>{highlight(n.positionName, needle)}</span> : null}
                  {n.unitName ? <span className="muted">{highlight(n.unitName, needle)}</span> : null}
                  {n.opdName && n.opdName !== n.unitName ? (
                    <span className="muted">{highlight(n.opdName, needle)}</span>
                  ) : null}
                  <SkpStatusBadge status={n.skpStatus} />
                  {hasKids && !expandedNow ? (
                    <span className="muted small">
                      {t('cascade.childCount', { count: n.children.length })}
                    </span>
                  ) : null}
                </p>
                {n.indicators.length > 0 ? (
                  <ul className="cnode-indicators">
                    {n.indicators.map((i, k) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: indicators carry no id here
                      <li key={k}>
                        {i.name}: <strong>{formatTarget(i.targetValue, i.targetText, i.unit)}</strong>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </div>
            {expandedNow ? <ul className="cascade-children">{renderNodes(n.children, level + 1)}</ul> : null}
          </li>
        );
      });

  return (
    <div className="page page-wide">
      <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
        <ol>
          <li>
            <Link to={`/sasaran?periode=${encodeURIComponent(goal.periodId)}`}>{t('nav.goals')}</Link>
          </li>
          <li aria-current="page">{goal.code}</li>
        </ol>
      </nav>
      <header className="panel goal-header">
        <div className="goal-card-head">
          <span className="goal-code mono">{goal.code}</span>
          <GoalStatusBadge status={goal.status} />
        </div>
        <h1>{goal.title}</h1>
        {goal.description ? <p className="muted">{goal.description}</p> : null}
        <GoalIndicatorList goal={goal} />
        <p className="goal-coverage small">
          <span>{t('goals.rhkCount', { count: goal.coverage.rhkCount })}</span>
          <span>{t('goals.employeeCount', { count: goal.coverage.employeeCount })}</span>
        </p>
      </header>

      <section className="panel" aria-labelledby="cascade-h">
        <div className="section-head">
          <h2 id="cascade-h">{t('cascade.title')}</h2>
          {nodes.length > 0 ? (
            <div className="actions">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setExpanded(new Set(idx.byId.keys()))}
              >
                {t('cascade.expandAll')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setExpanded(new Set())}>
                {t('cascade.collapseAll')}
              </button>
            </div>
          ) : null}
        </div>
        {nodes.length === 0 ? (
          <EmptyState title={t('cascade.empty')}>{t('cascade.emptyBody')}</EmptyState>
        ) : (
          <>
            <ul className="level-counts" aria-label={t('cascade.levelCounts')} data-testid="cascade-levels">
              {idx.levels.map((l) => (
                <li key={l.level}>
                  <span className="muted">{t('cascade.level', { n: l.level })}</span>{' '}
                  <strong>{t('cascade.people', { count: l.people, n: formatNumber(l.people) })}</strong>
                </li>
              ))}
              <li>
                <span className="muted">{t('cascade.total')}</span>{' '}
                <strong>{t('cascade.people', { count: idx.people, n: formatNumber(idx.people) })}</strong>
              </li>
            </ul>
            <div className="field cascade-search">
              <label htmlFor={searchId}>{t('cascade.search')}</label>
              <input
                id={searchId}
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t('cascade.searchPlaceholder')}
                autoComplete="off"
                data-testid="cascade-search"
              />
            </div>
            {search ? (
              <p className="hint" aria-live="polite">
                {search.matches.size === 0
                  ? t('cascade.searchNone')
                  : t('cascade.searchCount', { count: search.matches.size })}
              </p>
            ) : null}
            <ul className="cascade-tree" data-testid="cascade-tree" aria-label={t('cascade.title')}>
              {renderNodes(nodes, 1)}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

/** `/rhk/:id/jalur`: the chain from one RHK up to the city goal it serves. */
export function RhkPathPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('rhkPath.title'));
  const data = useQuery({
    queryKey: keys.rhkPath(id),
    queryFn: () => api<{ path: PathStep[] }>(`/rhks/${encodeURIComponent(id)}/path`),
  });
  const path = data.data?.path ?? [];
  const reachesGoal = path.length > 0 && path[path.length - 1].type === 'goal';
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('rhkPath.title')}</h1>
          <p className="muted">{t('rhkPath.intro')}</p>
        </div>
        <button type="button" className="btn" onClick={() => window.history.back()}>
          {t('rhkPath.back')}
        </button>
      </header>
      {data.isPending ? (
        <Loading rows={5} />
      ) : data.isError ? (
        data.error instanceof ApiError && data.error.status === 404 ? (
          <EmptyState title={t('rhkPath.notFound')} />
        ) : (
          <ErrorState error={data.error} onRetry={() => void data.refetch()} />
        )
      ) : (
        <section className="panel">
          <ol className="rhk-path" data-testid="rhk-path">
            {path.map((step, i) => (
              <li
                key={step.type === 'goal' ? `g-${step.id}` : `r-${step.rhkId}`}
                className={`path-step path-${step.type}${i === 0 ? ' is-start' : ''}`}
              >
                {step.type === 'goal' ? (
                  <>
                    <p className="path-kind">
                      <Badge tone="ok">{t('skp.cityGoal')}</Badge>
                    </p>
                    <p className="path-text">
                      <Link to={`/sasaran/${encodeURIComponent(step.id)}`}>
                        <span className="mono">{step.code}</span> {step.title}
                      </Link>
                    </p>
                  </>
                ) : (
                  <>
                    <p className="path-kind">
                      <Badge tone={i === 0 ? 'info' : 'neutral'}>
                        {i === 0 ? t('rhkPath.thisRhk') : t('rhkPath.supportsRhk')}
                      </Badge>
                    </p>
                    <p className="path-text">{step.text}</p>
                    <p className="muted small">
                      {step.employeeName}
                      {step.positionName ? ` · ${step.positionName}` : ''}
                    </p>
                  </>
                )}
                {i < path.length - 1 ? (
                  <span className="path-arrow" aria-hidden="true">
                    ↓ {t('rhkPath.supports')}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
          {!reachesGoal ? <p className="notice notice-warn">{t('rhkPath.broken')}</p> : null}
        </section>
      )}
    </div>
  );
}
