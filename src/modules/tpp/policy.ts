import { type Actor, hasRole } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

const cityUser = (a: Actor) => a.roles.some((g) => g.role !== 'superadmin');
/** Pay details stay with the employee, BKPSDM and pimpinan (DESIGN §3); the inspectorate reads everything. */
const payReader = (a: Actor) => hasRole(a, 'bkpsdm', 'pimpinan', 'inspektorat');

/**
 * TPP settings: the pagu table and weights are a published regulation (Perwali), readable by every city
 * user; only BKPSDM changes them.
 */
export const tppSettingsPolicy = definePolicy<null, 'read' | 'manage'>(
  {
    read: (a) => cityUser(a),
    manage: (a) => hasRole(a, 'bkpsdm'),
  },
  { manage: ['read'] },
);

/** Monthly runs: BKPSDM computes, checks and locks; pimpinan and inspektorat read the figures. */
export const tppRunPolicy = definePolicy<null, 'read' | 'run'>(
  {
    read: (a) => payReader(a),
    run: (a) => hasRole(a, 'bkpsdm'),
  },
  { run: ['read'] },
);

/**
 * One employee's TPP line: the employee, BKPSDM, pimpinan and inspektorat. The atasan is deliberately not
 * among them: supervising grants verification and evaluation, not a look at a subordinate's pay.
 */
export const tppLinePolicy = definePolicy<{ employeeId: string }, 'read'>({
  read: (a, r) => (a.employeeId !== null && a.employeeId === r.employeeId) || payReader(a),
});
