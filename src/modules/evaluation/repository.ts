import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type {
  EvaluationFinalisationTable,
  EvaluationTable,
  EvaluationUnitPredikatTable,
} from '../../db/schema.ts';

// ---------------- SKP to evaluate ----------------
/**
 * An SKP with what an evaluation needs: the owner, the position and whether it leads its unit (its parent
 * position sits in another unit, or it has none), the unit and the unit above it, and the period year.
 */
const skpBase = (db: DB, tenantId: string) =>
  db
    .selectFrom('skps as s')
    .innerJoin('periods as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 's.tenant_id').onRef('pr.id', '=', 's.period_id'),
    )
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 's.tenant_id').onRef('e.id', '=', 's.employee_id'),
    )
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.position_id'),
    )
    .leftJoin('positions as pp', (j) =>
      j.onRef('pp.tenant_id', '=', 'p.tenant_id').onRef('pp.id', '=', 'p.parent_position_id'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'),
    )
    .select([
      's.id',
      's.status',
      's.employee_id',
      's.position_id',
      's.unit_id',
      's.period_id',
      'pr.year',
      'e.name as employee_name',
      'e.nip as employee_nip',
      'p.name as position_name',
      'p.parent_position_id',
      'pp.unit_id as parent_unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'u.parent_id as unit_parent_id',
    ])
    .where('s.tenant_id', '=', tenantId);

export const findSkp = (db: DB, tenantId: string, skpId: string) =>
  skpBase(db, tenantId).where('s.id', '=', skpId).executeTakeFirst();
export type SkpRow = NonNullable<Awaited<ReturnType<typeof findSkp>>>;

export const skpsOfEmployees = (db: DB, tenantId: string, year: number, employeeIds: string[]) =>
  employeeIds.length === 0
    ? Promise.resolve([] as SkpRow[])
    : skpBase(db, tenantId)
        .where('pr.year', '=', year)
        .where('s.employee_id', 'in', employeeIds)
        .orderBy('e.name')
        .execute();

/** Does the position lead its unit? (no parent position, or the parent sits in another unit) */
export const leadsUnit = (r: {
  parent_position_id: string | null;
  parent_unit_id: string | null;
  unit_id: string;
}) => r.parent_position_id === null || r.parent_unit_id !== r.unit_id;

/** The unit whose curve an SKP's evaluation counts in: its own, or for a unit leader the unit above. */
export const curveUnitOf = (r: SkpRow): string =>
  leadsUnit(r) ? (r.unit_parent_id ?? r.unit_id) : r.unit_id;

// ---------------- evaluations ----------------
const evaluationRows = (db: DB, tenantId: string) =>
  db
    .selectFrom('evaluations as v')
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'v.tenant_id').onRef('e.id', '=', 'v.employee_id'),
    )
    .innerJoin('skps as s', (j) => j.onRef('s.tenant_id', '=', 'v.tenant_id').onRef('s.id', '=', 'v.skp_id'))
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.position_id'),
    )
    .innerJoin('units as su', (j) =>
      j.onRef('su.tenant_id', '=', 's.tenant_id').onRef('su.id', '=', 's.unit_id'),
    )
    .innerJoin('units as cu', (j) =>
      j.onRef('cu.tenant_id', '=', 'v.tenant_id').onRef('cu.id', '=', 'v.unit_id'),
    )
    .selectAll('v')
    .select([
      'e.name as employee_name',
      'e.nip as employee_nip',
      'p.name as position_name',
      'su.name as skp_unit_name',
      'su.path as skp_unit_path',
      'cu.name as curve_unit_name',
    ])
    .where('v.tenant_id', '=', tenantId);
export type EvaluationRow = Awaited<ReturnType<ReturnType<typeof evaluationRows>['execute']>>[number];

export const findEvaluation = (db: DB, tenantId: string, id: string) =>
  evaluationRows(db, tenantId).where('v.id', '=', id).executeTakeFirst();

export const findEvaluationFor = (db: DB, tenantId: string, skpId: string, kind: string) =>
  evaluationRows(db, tenantId).where('v.skp_id', '=', skpId).where('v.kind', '=', kind).executeTakeFirst();

export const evaluationsOfSkps = (db: DB, tenantId: string, skpIds: string[], kind: string) =>
  skpIds.length === 0
    ? Promise.resolve([] as EvaluationRow[])
    : evaluationRows(db, tenantId).where('v.skp_id', 'in', skpIds).where('v.kind', '=', kind).execute();

export const evaluationsOfEmployee = (db: DB, tenantId: string, employeeId: string, year: number) =>
  evaluationRows(db, tenantId)
    .where('v.employee_id', '=', employeeId)
    .where('v.period_year', '=', year)
    .orderBy('v.rated_at')
    .execute();

export const evaluationsOfReviewer = (db: DB, tenantId: string, employeeId: string, statuses: string[]) =>
  evaluationRows(db, tenantId)
    .where('v.reviewer_employee_id', '=', employeeId)
    .where('v.status', 'in', statuses)
    .orderBy('v.objected_at', 'desc')
    .limit(500)
    .execute();

export const evaluationsOfUnit = (db: DB, tenantId: string, unitId: string, year: number, kind: string) =>
  evaluationRows(db, tenantId)
    .where('v.unit_id', '=', unitId)
    .where('v.period_year', '=', year)
    .where('v.kind', '=', kind)
    .orderBy('e.name')
    .execute();

export const insertEvaluation = (db: DB, row: EvaluationTable) =>
  db.insertInto('evaluations').values(row).execute();
export const updateEvaluation = (db: DB, tenantId: string, id: string, patch: Partial<EvaluationTable>) =>
  db.updateTable('evaluations').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

// ---------------- workload (activities rollups) ----------------
export const approvedMinutesByMonth = (db: DB, tenantId: string, employeeId: string, months: string[]) =>
  db
    .selectFrom('rollup_person_month')
    .select(['month', 'minutes_approved'])
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .where('month', 'in', months)
    .execute();

// ---------------- units: leaders, predikat, finalisation ----------------
/** Employees who hold, or act for, a position that leads `unitId`. */
export async function unitLeaders(db: DB, tenantId: string, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('positions as p')
    .leftJoin('positions as pp', (j) =>
      j.onRef('pp.tenant_id', '=', 'p.tenant_id').onRef('pp.id', '=', 'p.parent_position_id'),
    )
    .leftJoin('employees as e', (j) =>
      j
        .onRef('e.tenant_id', '=', 'p.tenant_id')
        .onRef('e.position_id', '=', 'p.id')
        .on('e.status', '=', 'active'),
    )
    .leftJoin('acting_assignments as a', (j) =>
      j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.position_id', '=', 'p.id').on('a.active', '=', 1),
    )
    .select(['e.id as holder', 'a.employee_id as acting'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.unit_id', '=', unitId)
    .where('p.active', '=', 1)
    .where((eb) => eb.or([eb('pp.id', 'is', null), eb('pp.unit_id', '<>', unitId)]))
    .execute();
  return [...new Set(rows.flatMap((r) => [r.holder, r.acting]).filter((x): x is string => !!x))];
}

/** Units whose leading position `employeeId` holds or acts for. */
export async function unitsLedBy(db: DB, tenantId: string, employeeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('positions as p')
    .leftJoin('positions as pp', (j) =>
      j.onRef('pp.tenant_id', '=', 'p.tenant_id').onRef('pp.id', '=', 'p.parent_position_id'),
    )
    .leftJoin('employees as e', (j) =>
      j
        .onRef('e.tenant_id', '=', 'p.tenant_id')
        .onRef('e.position_id', '=', 'p.id')
        .on('e.status', '=', 'active'),
    )
    .leftJoin('acting_assignments as a', (j) =>
      j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.position_id', '=', 'p.id').on('a.active', '=', 1),
    )
    .select('p.unit_id')
    .where('p.tenant_id', '=', tenantId)
    .where('p.active', '=', 1)
    .where((eb) => eb.or([eb('e.id', '=', employeeId), eb('a.employee_id', '=', employeeId)]))
    .where((eb) => eb.or([eb('pp.id', 'is', null), eb('pp.unit_id', '<>', eb.ref('p.unit_id'))]))
    .execute();
  return [...new Set(rows.map((r) => r.unit_id))];
}

export const findUnit = (db: DB, tenantId: string, unitId: string) =>
  db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'path', 'parent_id', 'depth'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', unitId)
    .executeTakeFirst();

export const unitsByIds = (db: DB, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('units')
        .select(['id', 'code', 'name', 'path', 'parent_id', 'depth'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .execute();

export const findUnitPredikat = (db: DB, tenantId: string, unitId: string, year: number, kind: string) =>
  db
    .selectFrom('evaluation_unit_predikat')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId)
    .where('period_year', '=', year)
    .where('kind', '=', kind)
    .executeTakeFirst();

export async function upsertUnitPredikat(db: DB, row: EvaluationUnitPredikatTable) {
  await db
    .insertInto('evaluation_unit_predikat')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'unit_id', 'period_year', 'kind']).doUpdateSet({
        predikat: row.predikat,
        source: row.source,
        reason: row.reason,
        set_by: row.set_by,
        set_at: row.set_at,
      }),
    )
    .execute();
}

export const findFinalisation = (db: DB, tenantId: string, unitId: string, year: number, kind: string) =>
  db
    .selectFrom('evaluation_finalisations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId)
    .where('period_year', '=', year)
    .where('kind', '=', kind)
    .executeTakeFirst();

export const insertFinalisation = (db: DB, row: EvaluationFinalisationTable) =>
  db.insertInto('evaluation_finalisations').values(row).execute();

/** Finalise every evaluation of a unit and period that is not final yet; returns how many. */
export async function finaliseUnitEvaluations(
  db: DB,
  tenantId: string,
  unitId: string,
  year: number,
  kind: string,
  at: string,
) {
  const res = await db
    .updateTable('evaluations')
    .set({ status: 'final', final_at: at, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId)
    .where('period_year', '=', year)
    .where('kind', '=', kind)
    .where('status', '<>', 'final')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Approved SKPs of a year that belong in `unitId`'s curve (non-leaders of the unit, leaders of its child
 * units) and have an evaluator in the position tree (heads without a parent position are rated by the
 * mayor outside the application), without an evaluation of `kind` yet.
 */
export async function unevaluatedInUnit(
  db: DB,
  tenantId: string,
  unitId: string,
  year: number,
  kind: string,
) {
  const rows = await db
    .selectFrom('skps as s')
    .innerJoin('periods as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 's.tenant_id').onRef('pr.id', '=', 's.period_id'),
    )
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.position_id'),
    )
    .innerJoin('positions as pp', (j) =>
      j.onRef('pp.tenant_id', '=', 'p.tenant_id').onRef('pp.id', '=', 'p.parent_position_id'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'),
    )
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 's.tenant_id').onRef('e.id', '=', 's.employee_id'),
    )
    .leftJoin('evaluations as v', (j) =>
      j.onRef('v.tenant_id', '=', 's.tenant_id').onRef('v.skp_id', '=', 's.id').on('v.kind', '=', kind),
    )
    .select(['s.id as skp_id', 'e.id as employee_id', 'e.name', 'e.nip', 'p.name as position_name'])
    .where('s.tenant_id', '=', tenantId)
    .where('pr.year', '=', year)
    .where('s.status', '=', 'approved')
    .where('v.id', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('s.unit_id', '=', unitId), eb('pp.unit_id', '=', eb.ref('s.unit_id'))]),
        eb.and([eb('u.parent_id', '=', unitId), eb('pp.unit_id', '<>', eb.ref('s.unit_id'))]),
      ]),
    )
    .orderBy('e.name')
    .execute();
  return rows;
}

// ---------------- curve ----------------
export const curveRows = (db: DB, tenantId: string) =>
  db
    .selectFrom('evaluation_curves')
    .select(['unit_predikat', 'rules_json', 'updated_by', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .execute();

export async function replaceCurve(
  db: DB,
  tenantId: string,
  rows: { unit_predikat: string; rules_json: string }[],
  by: string,
  at: string,
) {
  await db.deleteFrom('evaluation_curves').where('tenant_id', '=', tenantId).execute();
  await db
    .insertInto('evaluation_curves')
    .values(rows.map((r) => ({ tenant_id: tenantId, ...r, updated_by: by, updated_at: at })))
    .execute();
}

// ---------------- distributions (set-based) ----------------
/** Evaluations per curve unit and predikat for a period, optionally inside a unit subtree (by curve unit path). */
export function unitCounts(db: DB, tenantId: string, year: number, kind: string, underPath?: string) {
  let q = db
    .selectFrom('evaluations as v')
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'v.tenant_id').onRef('u.id', '=', 'v.unit_id'),
    )
    .select((eb) => ['v.unit_id', 'v.predikat', eb.fn.countAll<number>().as('n')])
    .where('v.tenant_id', '=', tenantId)
    .where('v.period_year', '=', year)
    .where('v.kind', '=', kind);
  if (underPath) q = q.where(sql<boolean>`substr(u.path, 1, ${underPath.length}) = ${underPath}`);
  return q.groupBy(['v.unit_id', 'v.predikat']).execute();
}

/** Per unit: evaluations still awaiting the employee (rated after `cutoff`) or an objection decision. */
export function unitPendingCounts(
  db: DB,
  tenantId: string,
  year: number,
  kind: string,
  unitIds: string[],
  cutoff: string,
) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('evaluations')
    .select((eb) => ['unit_id', eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('period_year', '=', year)
    .where('kind', '=', kind)
    .where('unit_id', 'in', unitIds)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'objected'),
        eb.and([eb('status', '=', 'rated'), eb('rated_at', '>', cutoff)]),
      ]),
    )
    .groupBy('unit_id')
    .execute();
}

export const unitPredikats = (db: DB, tenantId: string, year: number, kind: string) =>
  db
    .selectFrom('evaluation_unit_predikat')
    .select(['unit_id', 'predikat', 'source'])
    .where('tenant_id', '=', tenantId)
    .where('period_year', '=', year)
    .where('kind', '=', kind)
    .execute();

export const finalisations = (db: DB, tenantId: string, year: number, kind: string) =>
  db
    .selectFrom('evaluation_finalisations')
    .select(['unit_id', 'finalised_at'])
    .where('tenant_id', '=', tenantId)
    .where('period_year', '=', year)
    .where('kind', '=', kind)
    .execute();

// ---------------- read models for other modules ----------------
/** The evaluation kinds of a year that have any evaluation, with their counts. */
export const kindsOfYear = (db: DB, tenantId: string, year: number) =>
  db
    .selectFrom('evaluations')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('period_year', '=', year)
    .groupBy('kind')
    .execute();

export const predikatOfEmployees = (db: DB, tenantId: string, year: number, kind: string) =>
  db
    .selectFrom('evaluations')
    .select(['employee_id', 'predikat'])
    .where('tenant_id', '=', tenantId)
    .where('period_year', '=', year)
    .where('kind', '=', kind)
    .execute();
