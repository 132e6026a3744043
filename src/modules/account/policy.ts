import { type Actor, hasRole, roleCoversUnit } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

/** One person's performance account as the rules see it, resolved by the service. */
export interface AccountResource {
  employeeId: string;
  /** materialised path of the employee's unit (null: no unit) */
  unitPath: string | null;
  /** the actor holds, or acts in (Plt./Plh.), a position above the employee's position */
  actorIsSuperior: boolean;
  /** the actor is the nearest superior (the atasan who verifies and approves) */
  actorIsAtasan: boolean;
}

const isSelf = (a: Actor, r: AccountResource) => a.employeeId !== null && a.employeeId === r.employeeId;

/**
 * Who opens whose performance account: the employee their own, a superior (holder or acting holder of any
 * position above) their subordinates', the admin_opd inside their OPD, pimpinan, BKPSDM and the inspectorate
 * anyone in the city. Pay (TPP) stays with the employee, BKPSDM, pimpinan and the inspectorate (DESIGN §3:
 * the supervisor relation is not a blanket read of pay). Everything else answers 404.
 */
export const accountPolicy = definePolicy<AccountResource, 'read' | 'readPay' | 'verify'>(
  {
    read: (a, r) =>
      isSelf(a, r) ||
      r.actorIsSuperior ||
      hasRole(a, 'bkpsdm', 'pimpinan', 'inspektorat') ||
      (r.unitPath !== null && roleCoversUnit(a, 'admin_opd', r.unitPath)),
    readPay: (a, r) => isSelf(a, r) || hasRole(a, 'bkpsdm', 'pimpinan', 'inspektorat'),
    /** the caller verifies this person's activities (link to the verification queue) */
    verify: (a, r) => r.actorIsAtasan && !isSelf(a, r),
  },
  { readPay: ['read'], verify: ['read'] },
);

/** Whom a caller may find in the person search: the same people whose account they may open. */
export type SearchScope =
  | { kind: 'city' }
  | { kind: 'scoped'; unitPaths: string[]; selfId: string | null; superiorOf: string | null };

export function searchScopeOf(a: Actor): SearchScope {
  if (hasRole(a, 'bkpsdm', 'pimpinan', 'inspektorat')) return { kind: 'city' };
  const unitPaths = a.roles
    .filter((g) => g.role === 'admin_opd')
    .map((g) => g.unitPath)
    .filter((p): p is string => p !== null);
  // an admin_opd grant without a unit covers the whole city
  if (a.roles.some((g) => g.role === 'admin_opd' && g.unitPath === null)) return { kind: 'city' };
  return { kind: 'scoped', unitPaths, selfId: a.employeeId, superiorOf: a.employeeId };
}
