/**
 * Read models for other modules (the performance account, the dashboard): one employee's predikat history,
 * and the predikat distribution of the city, an OPD or one unit. Set-based SQL only (grouped counts over an
 * index), fast for a city of 35,000 employees.
 */
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import {
  type CurveDeviation,
  checkCurve,
  EVALUATION_KINDS,
  type EvaluationKind,
  emptyCounts,
  PREDIKATS,
  type Predikat,
  type PredikatCounts,
  type Rating,
  type UnitPredikat,
} from './predikat.ts';
import { findUnit, findUnitPredikat } from './repository.ts';
import { loadCurve } from './units.ts';

export interface PredikatHistoryItem {
  periodYear: number;
  kind: EvaluationKind;
  hasil: Rating;
  perilaku: Rating;
  predikat: Predikat;
  /** rated | acknowledged | objected | decided | final */
  status: string;
}

/** Every evaluation of one employee, oldest first (q1 … q4, then annual, per year). */
export async function predikatHistory(
  db: DB,
  tenantId: string,
  employeeId: string,
): Promise<PredikatHistoryItem[]> {
  const rows = await db
    .selectFrom('evaluations')
    .select(['period_year', 'kind', 'hasil', 'perilaku', 'predikat', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .execute();
  return rows
    .map((r) => ({
      periodYear: Number(r.period_year),
      kind: r.kind as EvaluationKind,
      hasil: r.hasil as Rating,
      perilaku: r.perilaku as Rating,
      predikat: r.predikat as Predikat,
      status: r.status,
    }))
    .sort(
      (a, b) =>
        a.periodYear - b.periodYear || EVALUATION_KINDS.indexOf(a.kind) - EVALUATION_KINDS.indexOf(b.kind),
    );
}

export interface PredikatDistribution {
  periodYear: number;
  kind: EvaluationKind;
  counts: PredikatCounts;
  total: number;
  /** with `unitId`: the unit's organisational predikat (null while unset) and the curve check */
  unitPredikat?: UnitPredikat | null;
  deviations?: CurveDeviation[];
}

/**
 * Predikat counts of a period: the whole city, an OPD subtree (`opdId`: every evaluation of an SKP held in
 * the subtree), or one unit's curve (`unitId`: the staff of the unit and the leaders of its child units,
 * with the curve check when the unit has its organisational predikat). Every status counts.
 */
export async function predikatDistribution(
  db: DB,
  tenantId: string,
  f: { opdId?: string; unitId?: string; periodYear: number; kind: EvaluationKind },
): Promise<PredikatDistribution> {
  let q = db
    .selectFrom('evaluations as v')
    .select((eb) => ['v.predikat', eb.fn.countAll<number>().as('n')])
    .where('v.tenant_id', '=', tenantId)
    .where('v.period_year', '=', f.periodYear)
    .where('v.kind', '=', f.kind);
  if (f.unitId) q = q.where('v.unit_id', '=', f.unitId);
  else if (f.opdId) {
    const opd = await findUnit(db, tenantId, f.opdId);
    if (!opd) return { periodYear: f.periodYear, kind: f.kind, counts: emptyCounts(), total: 0 };
    q = q
      .innerJoin('skps as s', (j) =>
        j.onRef('s.tenant_id', '=', 'v.tenant_id').onRef('s.id', '=', 'v.skp_id'),
      )
      .innerJoin('units as u', (j) =>
        j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'),
      )
      .where(sql<boolean>`substr(u.path, 1, ${opd.path.length}) = ${opd.path}`);
  }
  const rows = await q.groupBy('v.predikat').execute();
  const counts = emptyCounts();
  for (const r of rows)
    if ((PREDIKATS as readonly string[]).includes(r.predikat)) counts[r.predikat as Predikat] += Number(r.n);
  const total = PREDIKATS.reduce((s, p) => s + counts[p], 0);
  const out: PredikatDistribution = { periodYear: f.periodYear, kind: f.kind, counts, total };
  if (f.unitId) {
    const [predikat, curve] = await Promise.all([
      findUnitPredikat(db, tenantId, f.unitId, f.periodYear, f.kind),
      loadCurve(db, tenantId),
    ]);
    out.unitPredikat = (predikat?.predikat as UnitPredikat | undefined) ?? null;
    out.deviations = out.unitPredikat ? checkCurve(out.unitPredikat, counts, curve.table) : [];
  }
  return out;
}
