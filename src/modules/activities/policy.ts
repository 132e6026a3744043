import { type Actor, hasRole, roleCoversUnit } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

/** One activity entry as the rules see it, resolved by the service. */
export interface ActivityResource {
  ownerEmployeeId: string;
  unitPath: string;
  status: string;
  /** the atasan of the entry's position today (holder or acting holder above it) */
  atasanEmployeeId: string | null;
}

const isOwner = (a: Actor, r: { ownerEmployeeId: string }) =>
  a.employeeId !== null && a.employeeId === r.ownerEmployeeId;
const isAtasan = (a: Actor, r: ActivityResource) =>
  a.employeeId !== null && a.employeeId === r.atasanEmployeeId;
const cityReader = (a: Actor) => hasRole(a, 'bkpsdm', 'pimpinan', 'inspektorat');

/**
 * Activities: an employee logs and withdraws their own entries; the atasan (holder or Plt of the position
 * above) verifies them, never their own; city-wide roles and the admin_opd of the unit read them.
 */
export const activityPolicy = definePolicy<ActivityResource, 'read' | 'log' | 'delete' | 'verify'>(
  {
    read: (a, r) =>
      isOwner(a, r) || isAtasan(a, r) || cityReader(a) || roleCoversUnit(a, 'admin_opd', r.unitPath),
    log: (a, r) => isOwner(a, r),
    delete: (a, r) => isOwner(a, r) && r.status === 'pending',
    verify: (a, r) => isAtasan(a, r) && !isOwner(a, r) && r.status === 'pending',
  },
  { log: ['read'], delete: ['read'], verify: ['read'] },
);

/** The activity catalog: every city user reads it, BKPSDM maintains it. */
export const catalogPolicy = definePolicy<null, 'read' | 'manage'>(
  {
    read: (a) => a.roles.some((g) => g.role !== 'superadmin'),
    manage: (a) => hasRole(a, 'bkpsdm'),
  },
  { manage: ['read'] },
);

/** Whose workload one may see: the person, their atasan, the admin_opd of their unit and city-wide roles. */
export interface WorkloadResource {
  employeeId: string;
  unitPath: string | null;
  actorIsAtasan: boolean;
}

export const workloadPolicy = definePolicy<WorkloadResource, 'read'>({
  read: (a, r) =>
    (a.employeeId !== null && a.employeeId === r.employeeId) ||
    r.actorIsAtasan ||
    cityReader(a) ||
    (r.unitPath !== null && roleCoversUnit(a, 'admin_opd', r.unitPath)),
});

/** Aggregates of a unit subtree (workload distribution, ABK) and of the whole city. */
export const unitWorkloadPolicy = definePolicy<{ unitPath: string } | null, 'readUnit' | 'readCity'>(
  {
    readUnit: (a, r) => r !== null && (cityReader(a) || roleCoversUnit(a, 'admin_opd', r.unitPath)),
    readCity: (a) => cityReader(a),
  },
  { readCity: ['readUnit'] },
);
