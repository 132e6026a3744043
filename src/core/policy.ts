import type { Actor } from './auth.ts';
import { forbidden, notFound } from './errors.ts';

export type Rule<R> = (actor: Actor, resource: R) => boolean;

/**
 * A module's abilities as one table of rules, deny by default. `implies` composes abilities:
 * an actor who may `update` may also `read` when `{ update: ['read'] }`. An actor who cannot `read`
 * a resource gets 404 for anything on it, so existence never leaks; otherwise a refused action is 403.
 */
export function definePolicy<R, A extends string>(
  rules: Record<A, Rule<R>>,
  implies: Partial<Record<A, A[]>> = {},
) {
  const grantedBy = new Map<A, A[]>();
  for (const [strong, weaker] of Object.entries(implies) as [A, A[]][]) {
    for (const weak of weaker) grantedBy.set(weak, [...(grantedBy.get(weak) ?? []), strong]);
  }
  const can = (actor: Actor, action: A, resource: R, seen: Set<A> = new Set()): boolean => {
    if (seen.has(action)) return false;
    seen.add(action);
    if (rules[action](actor, resource)) return true;
    return (grantedBy.get(action) ?? []).some((strong) => can(actor, strong, resource, seen));
  };
  const actions = Object.keys(rules) as A[];
  return {
    actions,
    can: (actor: Actor, action: A, resource: R): boolean => can(actor, action, resource),
    abilities(actor: Actor, resource: R, only: readonly A[] = actions): Record<A, boolean> {
      return Object.fromEntries(only.map((a) => [a, can(actor, a, resource)])) as Record<A, boolean>;
    },
    /** Throws 404 when the actor may not see the resource and 403 when they see it but may not act. */
    authorize(actor: Actor, action: A, resource: R, readAction?: A): void {
      if (can(actor, action, resource)) return;
      if (readAction && !can(actor, readAction, resource)) throw notFound();
      throw forbidden();
    },
  };
}
