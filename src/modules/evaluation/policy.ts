import { type Actor, hasRole, roleCoversUnit } from '../../core/auth.ts';
import { definePolicy } from '../../core/policy.ts';

/** What the rules need to know about one evaluation (or the evaluation of one SKP and kind), resolved by the service. */
export interface EvaluationResource {
  ownerEmployeeId: string;
  /** path of the SKP's unit (org scope of an admin_opd) */
  unitPath: string;
  /** 'none' before the first rating */
  status: string;
  /** the pejabat penilai today: holder or acting holder (Plt./Plh.) of the position above */
  evaluatorEmployeeId: string | null;
  /** the atasan pejabat penilai today: decides objections */
  reviewerEmployeeId: string | null;
  /** the actor leads (or acts for the head of) the unit whose curve the evaluation counts in */
  actorLeadsCurveUnit: boolean;
  /** the unit's evaluations of this period are finalised */
  locked: boolean;
}

const isOwner = (a: Actor, r: EvaluationResource) =>
  a.employeeId !== null && a.employeeId === r.ownerEmployeeId;
const is = (a: Actor, employeeId: string | null) => a.employeeId !== null && a.employeeId === employeeId;
export const cityReader = (a: Actor) => hasRole(a, 'bkpsdm', 'pimpinan', 'inspektorat');

/**
 * Only the pejabat penilai rates, only the employee acknowledges or objects, only the atasan pejabat penilai
 * decides an objection; BKPSDM and the head of the curve unit calibrate. Readers: the three people of the
 * chain, the unit head, city-wide roles and the admin_opd of the unit. Nobody acts on their own evaluation
 * except to acknowledge or object.
 */
export const evaluationPolicy = definePolicy<
  EvaluationResource,
  'read' | 'rate' | 'acknowledge' | 'object' | 'decide' | 'calibrate'
>(
  {
    read: (a, r) =>
      isOwner(a, r) ||
      is(a, r.evaluatorEmployeeId) ||
      is(a, r.reviewerEmployeeId) ||
      r.actorLeadsCurveUnit ||
      cityReader(a) ||
      roleCoversUnit(a, 'admin_opd', r.unitPath),
    rate: (a, r) =>
      is(a, r.evaluatorEmployeeId) &&
      !isOwner(a, r) &&
      !r.locked &&
      (r.status === 'none' || r.status === 'rated'),
    acknowledge: (a, r) => isOwner(a, r) && r.status === 'rated',
    object: (a, r) => isOwner(a, r) && r.status === 'rated',
    decide: (a, r) => is(a, r.reviewerEmployeeId) && !isOwner(a, r) && r.status === 'objected',
    calibrate: (a, r) =>
      (hasRole(a, 'bkpsdm') || r.actorLeadsCurveUnit) &&
      !isOwner(a, r) &&
      !r.locked &&
      ['rated', 'acknowledged', 'decided'].includes(r.status),
  },
  {
    rate: ['read'],
    acknowledge: ['read'],
    object: ['read'],
    decide: ['read'],
    calibrate: ['read'],
  },
);

/** One unit's curve page: BKPSDM for every unit, the unit's head for their own. */
export interface UnitResource {
  unitPath: string;
  actorLeadsUnit: boolean;
  locked: boolean;
}

export const unitEvaluationPolicy = definePolicy<
  UnitResource,
  'read' | 'setPredikat' | 'calibrate' | 'finalise'
>(
  {
    read: (a, r) => r.actorLeadsUnit || cityReader(a) || roleCoversUnit(a, 'admin_opd', r.unitPath),
    setPredikat: (a, r) => hasRole(a, 'bkpsdm') && !r.locked,
    calibrate: (a, r) => (hasRole(a, 'bkpsdm') || r.actorLeadsUnit) && !r.locked,
    finalise: (a, r) => (hasRole(a, 'bkpsdm') || r.actorLeadsUnit) && !r.locked,
  },
  { setPredikat: ['read'], calibrate: ['read'], finalise: ['read'] },
);

/** The curve table: every city user reads it, BKPSDM edits it. */
export const curvePolicy = definePolicy<null, 'read' | 'manage'>(
  {
    read: (a) => a.roles.some((g) => g.role !== 'superadmin'),
    manage: (a) => hasRole(a, 'bkpsdm'),
  },
  { manage: ['read'] },
);
