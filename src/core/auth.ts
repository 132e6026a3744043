import type { Locale } from './i18n.ts';

export const ROLES = ['pegawai', 'admin_opd', 'bkpsdm', 'pimpinan', 'inspektorat', 'superadmin'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  /** org scope (admin_opd): the unit whose subtree the grant covers; null = whole city */
  unitId: string | null;
  unitPath: string | null;
  unitName: string | null;
}

/** Who is calling, derived only from the session on the server. */
export interface Actor {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  timeZone: string;
  userId: string;
  username: string;
  displayName: string;
  employeeId: string | null;
  roles: RoleGrant[];
  locale: Locale;
  sessionId: string;
  csrfToken: string;
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  actor.roles.some((g) => roles.includes(g.role));

/** True when `unitPath` lies inside one of the actor's grants of `role` (a null grant scope is the whole city). */
export function roleCoversUnit(actor: Actor, role: Role, unitPath: string | null | undefined): boolean {
  return actor.roles.some(
    (g) => g.role === role && (g.unitPath === null || (unitPath != null && unitPath.startsWith(g.unitPath))),
  );
}

/** The role name written to the audit log: the strongest role the actor holds. */
export function primaryRole(actor: Actor): Role {
  const order: Role[] = ['superadmin', 'bkpsdm', 'inspektorat', 'pimpinan', 'admin_opd', 'pegawai'];
  return order.find((r) => hasRole(actor, r)) ?? 'pegawai';
}
