import { type Actor, hasRole } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

export interface ImportResource {
  createdBy: string;
}

const canImport = (actor: Actor) => hasRole(actor, 'bkpsdm', 'admin_opd');

/** Row-level org scope (admin_opd inside their subtree) is checked per row by the service. */
export const importPolicy = definePolicy<ImportResource | null, 'run' | 'read' | 'commit'>(
  {
    run: (actor) => canImport(actor),
    read: (actor, job) =>
      canImport(actor) && (job === null || job.createdBy === actor.userId || hasRole(actor, 'bkpsdm')),
    commit: (actor, job) => canImport(actor) && job !== null && job.createdBy === actor.userId,
  },
  { commit: ['read'] },
);
