import { type Actor, hasRole, roleCoversUnit } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

export const EDITABLE = ['draft', 'returned', 'revision'] as const;

/** What the rules need to know about one SKP, resolved by the service. */
export interface SkpResource {
  ownerEmployeeId: string;
  unitPath: string;
  status: string;
  /** the current atasan (holder or acting holder of the position above) */
  evaluatorEmployeeId: string | null;
  /** the atasan's atasan: reads the SKP and decides objections */
  evaluator2EmployeeId: string | null;
}

const isOwner = (a: Actor, r: SkpResource) => a.employeeId !== null && a.employeeId === r.ownerEmployeeId;
const isEvaluator = (a: Actor, r: SkpResource) =>
  a.employeeId !== null && a.employeeId === r.evaluatorEmployeeId;
const editable = (r: SkpResource) => (EDITABLE as readonly string[]).includes(r.status);

/**
 * The supervisor relation grants specific abilities (approve, confirm realisations) and read access to the
 * contract; city-wide roles read everything; an admin_opd reads inside their OPD. Nobody approves their own SKP.
 */
export const skpPolicy = definePolicy<
  SkpResource,
  | 'read'
  | 'edit'
  | 'editBehaviours'
  | 'submit'
  | 'approve'
  | 'return'
  | 'revise'
  | 'realise'
  | 'confirmRealisation'
>(
  {
    read: (a, r) =>
      isOwner(a, r) ||
      isEvaluator(a, r) ||
      (a.employeeId !== null && a.employeeId === r.evaluator2EmployeeId) ||
      hasRole(a, 'bkpsdm', 'pimpinan', 'inspektorat') ||
      roleCoversUnit(a, 'admin_opd', r.unitPath),
    edit: (a, r) => isOwner(a, r) && editable(r),
    editBehaviours: (a, r) =>
      (isOwner(a, r) || isEvaluator(a, r)) && (editable(r) || r.status === 'submitted'),
    submit: (a, r) => isOwner(a, r) && editable(r),
    approve: (a, r) => isEvaluator(a, r) && !isOwner(a, r) && r.status === 'submitted',
    return: (a, r) => isEvaluator(a, r) && !isOwner(a, r) && r.status === 'submitted',
    revise: (a, r) => isOwner(a, r) && r.status === 'approved',
    realise: (a, r) => isOwner(a, r) && r.status === 'approved',
    confirmRealisation: (a, r) => isEvaluator(a, r) && !isOwner(a, r) && r.status === 'approved',
  },
  {
    edit: ['read'],
    editBehaviours: ['read'],
    submit: ['read'],
    approve: ['read'],
    return: ['read'],
    revise: ['read'],
    realise: ['read'],
    confirmRealisation: ['read'],
  },
);

/** City goals: BKPSDM drafts, the mayor (pimpinan) approves, everyone in the city reads. */
export const goalPolicy = definePolicy<
  { status: string } | null,
  'read' | 'manage' | 'approve' | 'createPeriod'
>({
  read: (a) => a.roles.some((g) => g.role !== 'superadmin'),
  manage: (a, g) => hasRole(a, 'bkpsdm') && (g === null || g.status === 'draft'),
  approve: (a, g) => hasRole(a, 'pimpinan') && g !== null && g.status === 'draft',
  createPeriod: (a) => hasRole(a, 'bkpsdm'),
});

/** Lists beyond one's own and one's subordinates' SKPs. */
export const skpListPolicy = definePolicy<null, 'listCity' | 'createForOthers'>({
  listCity: (a) => hasRole(a, 'bkpsdm', 'pimpinan', 'inspektorat', 'admin_opd'),
  createForOthers: (a) => hasRole(a, 'bkpsdm'),
});
