import { type Actor, hasRole, roleCoversUnit } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

const cityWide = (a: Actor) => hasRole(a, 'pimpinan', 'bkpsdm', 'inspektorat');

/**
 * The city dashboard: the mayor and sekda (pimpinan), BKPSDM and the inspectorate see the whole city and
 * drill down to any unit; an admin_opd sees the dashboard of their own OPD subtree only. Nobody else.
 */
export const dashboardPolicy = definePolicy<{ unitPath: string } | null, 'readCity' | 'readUnit'>(
  {
    readCity: (a) => cityWide(a),
    readUnit: (a, r) => r !== null && (cityWide(a) || roleCoversUnit(a, 'admin_opd', r.unitPath)),
  },
  { readCity: ['readUnit'] },
);

/** May the actor open any dashboard at all (city or an OPD)? */
export const hasDashboard = (a: Actor): boolean => cityWide(a) || hasRole(a, 'admin_opd');

/** The unit paths an actor's dashboard covers: null = the whole city (an admin_opd grant without a unit too). */
export function dashboardScopes(a: Actor): string[] | null {
  if (cityWide(a)) return null;
  const grants = a.roles.filter((g) => g.role === 'admin_opd');
  if (grants.some((g) => g.unitPath === null)) return null;
  return grants.map((g) => g.unitPath as string);
}
