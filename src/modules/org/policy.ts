import { type Actor, hasRole, roleCoversUnit } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

/** Where an org object lives: the materialised path of its unit (null for an employee without a position). */
export interface OrgResource {
  unitPath: string | null;
  employeeId?: string | null;
  /** the actor is the employee's atasan (holds or acts in a position above theirs) */
  actorIsAtasan?: boolean;
}

const isCityUser = (actor: Actor) => actor.roles.some((g) => g.role !== 'superadmin');
const canManage = (actor: Actor, r: OrgResource) =>
  hasRole(actor, 'bkpsdm') || (r.unitPath !== null && roleCoversUnit(actor, 'admin_opd', r.unitPath));

export const orgPolicy = definePolicy<
  OrgResource | null,
  'read' | 'manage' | 'readPersonal' | 'manageSomething'
>(
  {
    // The organisation chart of one's own city is public inside the city: every ASN may browse it.
    read: (actor) => isCityUser(actor),
    manage: (actor, r) => r !== null && canManage(actor, r),
    readPersonal: (actor, r) =>
      r !== null &&
      ((!!r.employeeId && r.employeeId === actor.employeeId) ||
        !!r.actorIsAtasan ||
        hasRole(actor, 'pimpinan', 'inspektorat')),
    /** holds any role that can change the organisation somewhere (menus, import page) */
    manageSomething: (actor) => hasRole(actor, 'bkpsdm', 'admin_opd'),
  },
  { manage: ['read', 'readPersonal'], readPersonal: ['read'] },
);
