import { hasRole } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

/** The audit log is the inspectorate's instrument; BKPSDM reads it too for its own changes. */
export const auditPolicy = definePolicy<null, 'read' | 'verify'>({
  read: (actor) => hasRole(actor, 'inspektorat', 'bkpsdm'),
  verify: (actor) => hasRole(actor, 'inspektorat', 'bkpsdm'),
});
