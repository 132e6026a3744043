import { type Actor, hasRole, roleCoversUnit } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

const cityReader = (a: Actor) => hasRole(a, 'bkpsdm', 'pimpinan', 'inspektorat');

/** One employee's attendance as the rules see it, resolved by the service. */
export interface AttendanceResource {
  employeeId: string;
  unitPath: string | null;
  /** the actor holds (or acts in) a position above the employee's */
  actorIsAtasan: boolean;
}

/**
 * Attendance of a person: they see their own month, their atasan sees it, the admin_opd of their OPD and
 * the city-wide roles see it. Leave, sick leave and dinas luar are recorded by BKPSDM, or by the admin_opd
 * for employees inside their OPD.
 */
export const attendancePolicy = definePolicy<AttendanceResource, 'read' | 'manageLeave'>(
  {
    read: (a, r) =>
      (a.employeeId !== null && a.employeeId === r.employeeId) ||
      r.actorIsAtasan ||
      cityReader(a) ||
      (r.unitPath !== null && roleCoversUnit(a, 'admin_opd', r.unitPath)),
    manageLeave: (a, r) =>
      hasRole(a, 'bkpsdm') || (r.unitPath !== null && roleCoversUnit(a, 'admin_opd', r.unitPath)),
  },
  { manageLeave: ['read'] },
);

/** Totals of a unit subtree: city-wide roles, and the admin_opd inside their OPD. */
export const unitAttendancePolicy = definePolicy<{ unitPath: string }, 'read'>({
  read: (a, r) => cityReader(a) || roleCoversUnit(a, 'admin_opd', r.unitPath),
});

/** The working calendar, schedules and deduction table: every city user reads them, BKPSDM edits them. */
export const calendarPolicy = definePolicy<null, 'read' | 'manage'>(
  {
    read: (a) => a.roles.some((g) => g.role !== 'superadmin'),
    manage: (a) => hasRole(a, 'bkpsdm'),
  },
  { manage: ['read'] },
);

/**
 * Disciplinary sanctions (hukuman disiplin): BKPSDM records them; the city-wide roles read all, the
 * employee reads their own.
 */
export const sanctionPolicy = definePolicy<{ employeeId: string }, 'read' | 'manage'>(
  {
    read: (a, r) => cityReader(a) || (a.employeeId !== null && a.employeeId === r.employeeId),
    manage: (a) => hasRole(a, 'bkpsdm'),
  },
  { manage: ['read'] },
);
