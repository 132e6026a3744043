/**
 * The distribution curve per unit (DESIGN §2.4): the unit's organisational predikat, its staff's predikat
 * distribution checked against the tenant's curve, calibration and finalisation; and the curve table itself.
 */
import './messages.ts';
import type { z } from 'zod';
import { hasRole, roleCoversUnit } from '../../core/auth.ts';
import type { RequestContext } from '../../core/context.ts';
import { badRequest, conflict, notFound } from '../../core/errors.ts';
import { type Locale, t } from '../../core/i18n.ts';
import { nowIso } from '../../core/time.ts';
import { type DB, transaction } from '../../db/index.ts';
import { audit } from '../audit/service.ts';
import { cityReader, curvePolicy, type UnitResource, unitEvaluationPolicy } from './policy.ts';
import {
  type CurveDeviation,
  type CurveRule,
  type CurveTable,
  checkCurve,
  DEFAULT_CURVE,
  type EvaluationKind,
  emptyCounts,
  PREDIKATS,
  type Predikat,
  type PredikatCounts,
  type Rating,
  ratingOfUnitPredikat,
  UNIT_PREDIKATS,
  type UnitPredikat,
} from './predikat.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';
import { loadEvaluationSettings, lockedError, periodOf, summaryOf } from './service.ts';

const tenantOf = (ctx: RequestContext) => ctx.actor.tenantId;

// ---------------- the curve table ----------------
/** The tenant's curve: its stored rules per organisational predikat, the default for any it has not set. */
export async function loadCurve(
  db: DB,
  tenantId: string,
): Promise<{ table: CurveTable; rows: number; updatedAt: string | null; updatedBy: string | null }> {
  const rows = await repo.curveRows(db, tenantId);
  const table: CurveTable = { ...DEFAULT_CURVE };
  let updatedAt: string | null = null;
  let updatedBy: string | null = null;
  for (const r of rows) {
    if (!(UNIT_PREDIKATS as readonly string[]).includes(r.unit_predikat)) continue;
    try {
      table[r.unit_predikat as UnitPredikat] = JSON.parse(r.rules_json) as CurveRule[];
    } catch {
      /* a damaged row falls back to the default */
    }
    if (!updatedAt || r.updated_at > updatedAt) {
      updatedAt = r.updated_at;
      updatedBy = r.updated_by;
    }
  }
  return { table, rows: rows.length, updatedAt, updatedBy };
}

const predikatNames = (locale: Locale, list: readonly string[]) =>
  list.map((p) => t(locale, `PREDIKAT_${p}`)).join(' + ');

/** A rule in words, e.g. "Sangat Baik paling banyak 70%". */
export function ruleText(locale: Locale, rule: CurveRule): string {
  const names = predikatNames(locale, rule.predikat);
  const v = rule.value ?? 0;
  const id = locale === 'id';
  switch (rule.op) {
    case 'largest':
      return id ? `${names} menjadi kelompok terbesar` : `${names} is the largest group`;
    case 'max_pct':
      return id ? `${names} paling banyak ${v}%` : `${names} at most ${v}%`;
    case 'min_pct':
      return id ? `${names} paling sedikit ${v}%` : `${names} at least ${v}%`;
    case 'max_count':
      return v === 0
        ? id
          ? `tidak ada ${names}`
          : `no ${names}`
        : id
          ? `${names} paling banyak ${v} orang`
          : `${names} at most ${v} people`;
    case 'min_count':
      return id ? `${names} paling sedikit ${v} orang` : `${names} at least ${v} people`;
  }
}

function deviationOut(locale: Locale, d: CurveDeviation) {
  return {
    op: d.rule.op,
    predikat: d.rule.predikat,
    value: d.rule.value ?? null,
    count: d.count,
    total: d.total,
    pct: d.pct,
    message: t(locale, `CURVE_RULE_${d.rule.op}`, {
      predikat: predikatNames(locale, d.rule.predikat),
      value: d.rule.value ?? 0,
      count: d.count,
      total: d.total,
      pct: String(d.pct).replace('.', locale === 'id' ? ',' : '.'),
    }),
  };
}

function curveOut(ctx: RequestContext, c: Awaited<ReturnType<typeof loadCurve>>) {
  return {
    rules: Object.fromEntries(
      UNIT_PREDIKATS.map((p) => [
        p,
        c.table[p].map((r) => ({ op: r.op, predikat: r.predikat, value: r.value ?? null })),
      ]),
    ),
    texts: Object.fromEntries(UNIT_PREDIKATS.map((p) => [p, c.table[p].map((r) => ruleText(ctx.locale, r))])),
    isDefault: c.rows === 0,
    updatedAt: c.updatedAt,
    updatedBy: c.updatedBy,
    abilities: curvePolicy.abilities(ctx.actor, null),
  };
}

export async function getCurve(ctx: RequestContext) {
  curvePolicy.authorize(ctx.actor, 'read', null);
  return curveOut(ctx, await loadCurve(ctx.db, tenantOf(ctx)));
}

export async function saveCurve(ctx: RequestContext, input: z.infer<typeof s.CurveInput>) {
  curvePolicy.authorize(ctx.actor, 'manage', null, 'read');
  const before = await loadCurve(ctx.db, tenantOf(ctx));
  const at = nowIso();
  await transaction(ctx.db, async (trx) => {
    await repo.replaceCurve(
      trx,
      tenantOf(ctx),
      UNIT_PREDIKATS.map((p) => ({ unit_predikat: p, rules_json: JSON.stringify(input.rules[p]) })),
      ctx.actor.displayName,
      at,
    );
    await audit(trx, ctx, {
      action: 'evaluation.curve',
      entityType: 'evaluation_curve',
      entityId: null,
      before: before.table,
      after: input.rules,
    });
  });
  return getCurve(ctx);
}

// ---------------- units ----------------
async function unitResource(
  ctx: RequestContext,
  unit: { id: string; path: string },
  year: number,
  kind: string,
) {
  const [leaders, fin] = await Promise.all([
    repo.unitLeaders(ctx.db, tenantOf(ctx), unit.id),
    repo.findFinalisation(ctx.db, tenantOf(ctx), unit.id, year, kind),
  ]);
  const resource: UnitResource = {
    unitPath: unit.path,
    actorLeadsUnit: !!ctx.actor.employeeId && leaders.includes(ctx.actor.employeeId),
    locked: !!fin,
  };
  return { resource, finalisation: fin ?? null };
}

async function loadUnit(ctx: RequestContext, unitId: string, year: number, kind: string) {
  const unit = await repo.findUnit(ctx.db, tenantOf(ctx), unitId);
  if (!unit) throw notFound();
  const { resource, finalisation } = await unitResource(ctx, unit, year, kind);
  unitEvaluationPolicy.authorize(ctx.actor, 'read', resource, 'read');
  return { unit, resource, finalisation };
}

function countsOf(rows: { predikat: string; n: number | string | bigint }[]): PredikatCounts {
  const c = emptyCounts();
  for (const r of rows)
    if ((PREDIKATS as readonly string[]).includes(r.predikat)) c[r.predikat as Predikat] += Number(r.n);
  return c;
}
const totalOf = (c: PredikatCounts) => PREDIKATS.reduce((sum, p) => sum + c[p], 0);

/** A rating the employee left unanswered longer than the window counts as acknowledged (finalisation). */
async function ackCutoff(ctx: RequestContext): Promise<string> {
  const settings = await loadEvaluationSettings(ctx.db, tenantOf(ctx));
  return new Date(Date.now() - settings.acknowledgeDays * 86_400_000).toISOString();
}

const isPending = (status: string, ratedAt: string, cutoff: string) =>
  status === 'objected' || (status === 'rated' && ratedAt > cutoff);

/**
 * The units the actor may look at for a period: every unit with evaluations or a predikat (BKPSDM, the
 * mayor's office, the inspectorate; an admin_opd inside their OPD), or the units they lead. `opdId`
 * narrows to one subtree.
 */
export async function listUnits(ctx: RequestContext, q: z.infer<typeof s.UnitsQuery>) {
  const { year, kind } = periodOf(ctx, q);
  const tenantId = tenantOf(ctx);
  let underPath: string | undefined;
  if (q.opdId) {
    const opd = await repo.findUnit(ctx.db, tenantId, q.opdId);
    if (!opd) throw notFound();
    underPath = opd.path;
  }
  const [counts, predikats, fins, curve, led] = await Promise.all([
    repo.unitCounts(ctx.db, tenantId, year, kind, underPath),
    repo.unitPredikats(ctx.db, tenantId, year, kind),
    repo.finalisations(ctx.db, tenantId, year, kind),
    loadCurve(ctx.db, tenantId),
    ctx.actor.employeeId ? repo.unitsLedBy(ctx.db, tenantId, ctx.actor.employeeId) : Promise.resolve([]),
  ]);
  const ids = new Set<string>([...counts.map((c) => c.unit_id), ...predikats.map((p) => p.unit_id), ...led]);
  const units = await repo.unitsByIds(ctx.db, tenantId, [...ids]);
  const visible = units.filter(
    (u) =>
      (!underPath || u.path.startsWith(underPath)) &&
      (cityReader(ctx.actor) || led.includes(u.id) || roleCoversUnit(ctx.actor, 'admin_opd', u.path)),
  );
  const pendingRows = await repo.unitPendingCounts(
    ctx.db,
    tenantId,
    year,
    kind,
    visible.map((u) => u.id),
    await ackCutoff(ctx),
  );
  const pendingOf = new Map(pendingRows.map((r) => [r.unit_id, Number(r.n)]));
  const predikatOf = new Map(predikats.map((p) => [p.unit_id, p]));
  const finOf = new Map(fins.map((f) => [f.unit_id, f.finalised_at]));
  const items = visible
    .map((u) => {
      const c = countsOf(counts.filter((x) => x.unit_id === u.id));
      const p = predikatOf.get(u.id);
      return {
        unit: { id: u.id, code: u.code, name: u.name, depth: Number(u.depth) },
        predikat: p?.predikat ?? null,
        predikatSource: p?.source ?? null,
        counts: c,
        total: totalOf(c),
        pending: pendingOf.get(u.id) ?? 0,
        deviations: p
          ? checkCurve(p.predikat as UnitPredikat, c, curve.table).map((d) => deviationOut(ctx.locale, d))
          : [],
        finalisedAt: finOf.get(u.id) ?? null,
        path: u.path,
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(({ path: _path, ...rest }) => rest);
  return { year, kind, items };
}

export async function getUnit(ctx: RequestContext, unitId: string, q: z.infer<typeof s.PeriodQuery>) {
  const { year, kind } = periodOf(ctx, q);
  const { unit, resource, finalisation } = await loadUnit(ctx, unitId, year, kind);
  return unitDetail(ctx, unit, resource, finalisation, year, kind as EvaluationKind);
}

async function unitDetail(
  ctx: RequestContext,
  unit: NonNullable<Awaited<ReturnType<typeof repo.findUnit>>>,
  resource: UnitResource,
  finalisation: Awaited<ReturnType<typeof repo.findFinalisation>> | null,
  year: number,
  kind: EvaluationKind,
) {
  const tenantId = tenantOf(ctx);
  const [rows, predikat, curve, unevaluated, leaderEval, cutoff] = await Promise.all([
    repo.evaluationsOfUnit(ctx.db, tenantId, unit.id, year, kind),
    repo.findUnitPredikat(ctx.db, tenantId, unit.id, year, kind),
    loadCurve(ctx.db, tenantId),
    repo.unevaluatedInUnit(ctx.db, tenantId, unit.id, year, kind),
    leaderEvaluation(ctx.db, tenantId, unit.id, year, kind),
    ackCutoff(ctx),
  ]);
  const counts = emptyCounts();
  for (const v of rows)
    if ((PREDIKATS as readonly string[]).includes(v.predikat)) counts[v.predikat as Predikat] += 1;
  const deviations = predikat ? checkCurve(predikat.predikat as UnitPredikat, counts, curve.table) : [];
  const canCalibrate = unitEvaluationPolicy.can(ctx.actor, 'calibrate', resource);
  const rules = predikat ? curve.table[predikat.predikat as UnitPredikat] : [];
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, depth: Number(unit.depth) },
    year,
    kind,
    predikat: predikat?.predikat ?? null,
    predikatSource: predikat?.source ?? null,
    predikatDetail: predikat
      ? { reason: predikat.reason, setBy: predikat.set_by, setAt: predikat.set_at }
      : null,
    leader: leaderEval,
    counts,
    total: totalOf(counts),
    pending: rows.filter((v) => isPending(v.status, v.rated_at, cutoff)).length,
    deviations: deviations.map((d) => deviationOut(ctx.locale, d)),
    rules: rules.map((r) => ({
      op: r.op,
      predikat: r.predikat,
      value: r.value ?? null,
      text: ruleText(ctx.locale, r),
    })),
    people: rows.map((v) =>
      summaryOf(v, {
        calibrate:
          canCalibrate &&
          v.employee_id !== ctx.actor.employeeId &&
          ['rated', 'acknowledged', 'decided'].includes(v.status),
      }),
    ),
    unevaluated: unevaluated.map((u) => ({
      skpId: u.skp_id,
      employeeId: u.employee_id,
      name: u.name,
      nip: u.nip,
      positionName: u.position_name,
    })),
    finalisedAt: finalisation?.finalised_at ?? null,
    finalisation: finalisation
      ? { at: finalisation.finalised_at, by: finalisation.finalised_by, reason: finalisation.reason }
      : null,
    abilities: unitEvaluationPolicy.abilities(ctx.actor, resource, ['setPredikat', 'calibrate', 'finalise']),
  };
}

/** The hasil kerja rating of the unit's leader for the period, if they have been evaluated. */
async function leaderEvaluation(db: DB, tenantId: string, unitId: string, year: number, kind: string) {
  const row = await db
    .selectFrom('evaluations as v')
    .innerJoin('skps as s', (j) => j.onRef('s.tenant_id', '=', 'v.tenant_id').onRef('s.id', '=', 'v.skp_id'))
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.position_id'),
    )
    .leftJoin('positions as pp', (j) =>
      j.onRef('pp.tenant_id', '=', 'p.tenant_id').onRef('pp.id', '=', 'p.parent_position_id'),
    )
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'v.tenant_id').onRef('e.id', '=', 'v.employee_id'),
    )
    .select(['e.name', 'v.hasil'])
    .where('v.tenant_id', '=', tenantId)
    .where('s.unit_id', '=', unitId)
    .where('v.period_year', '=', year)
    .where('v.kind', '=', kind)
    .where((eb) => eb.or([eb('pp.id', 'is', null), eb('pp.unit_id', '<>', unitId)]))
    .executeTakeFirst();
  return row ? { name: row.name, hasil: row.hasil } : null;
}

export async function setUnitPredikat(
  ctx: RequestContext,
  unitId: string,
  input: z.infer<typeof s.UnitPredikatInput>,
) {
  const { unit, resource } = await loadUnit(ctx, unitId, input.year, input.kind);
  if (!unitEvaluationPolicy.can(ctx.actor, 'setPredikat', resource)) {
    if (resource.locked && hasRole(ctx.actor, 'bkpsdm'))
      throw await lockedError(ctx, unit.id, input.kind, input.year);
    unitEvaluationPolicy.authorize(ctx.actor, 'setPredikat', resource, 'read');
  }
  const tenantId = tenantOf(ctx);
  const leader = await leaderEvaluation(ctx.db, tenantId, unit.id, input.year, input.kind);
  if (leader && ratingOfUnitPredikat(input.predikat) !== leader.hasil) {
    const allowed = UNIT_PREDIKATS.filter((p) => ratingOfUnitPredikat(p) === (leader.hasil as Rating))
      .map((p) => `"${t(ctx.locale, `UNIT_PREDIKAT_${p}`)}"`)
      .join(ctx.locale === 'en' ? ' or ' : ' atau ');
    throw conflict('UNIT_PREDIKAT_LEADER_MISMATCH', {
      rating: t(ctx.locale, `RATING_${leader.hasil}`),
      allowed,
    });
  }
  const before = await repo.findUnitPredikat(ctx.db, tenantId, unit.id, input.year, input.kind);
  const at = nowIso();
  const reason = input.reason?.trim() || null;
  await transaction(ctx.db, async (trx) => {
    await repo.upsertUnitPredikat(trx, {
      tenant_id: tenantId,
      unit_id: unit.id,
      period_year: input.year,
      kind: input.kind,
      predikat: input.predikat,
      source: 'bkpsdm',
      reason,
      set_by: ctx.actor.displayName,
      set_at: at,
    });
    await audit(trx, ctx, {
      action: 'evaluation.unit_predikat',
      entityType: 'unit',
      entityId: unit.id,
      before: before ? { predikat: before.predikat, source: before.source } : undefined,
      after: { predikat: input.predikat, source: 'bkpsdm', reason, year: input.year, kind: input.kind },
    });
  });
  return getUnit(ctx, unit.id, { year: input.year, kind: input.kind });
}

/**
 * Finalise (lock) a unit's evaluations of a period. Everyone in the unit's curve must be rated and every
 * rating answered (acknowledged, objection decided, or left unanswered past the window); the unit needs its
 * organisational predikat; a distribution that departs from the curve needs a reason.
 */
export async function finaliseUnit(
  ctx: RequestContext,
  unitId: string,
  input: z.infer<typeof s.FinaliseInput>,
) {
  const { year, kind } = input;
  const { unit, resource } = await loadUnit(ctx, unitId, year, kind);
  if (!unitEvaluationPolicy.can(ctx.actor, 'finalise', resource)) {
    if (resource.locked && unitEvaluationPolicy.can(ctx.actor, 'finalise', { ...resource, locked: false }))
      throw await lockedError(ctx, unit.id, kind, year);
    unitEvaluationPolicy.authorize(ctx.actor, 'finalise', resource, 'read');
  }
  const tenantId = tenantOf(ctx);
  const period = t(ctx.locale, `EVALUATION_KIND_${kind}`, { year });
  const predikat = await repo.findUnitPredikat(ctx.db, tenantId, unit.id, year, kind);
  if (!predikat) throw conflict('EVALUATION_UNIT_NO_PREDIKAT', { unit: unit.name, period });
  const [rows, unevaluated, curve, cutoff] = await Promise.all([
    repo.evaluationsOfUnit(ctx.db, tenantId, unit.id, year, kind),
    repo.unevaluatedInUnit(ctx.db, tenantId, unit.id, year, kind),
    loadCurve(ctx.db, tenantId),
    ackCutoff(ctx),
  ]);
  const pending = rows.filter((v) => isPending(v.status, v.rated_at, cutoff)).length;
  if (pending > 0 || unevaluated.length > 0)
    throw conflict('EVALUATION_UNIT_NOT_READY', { pending, missing: unevaluated.length });
  const counts = emptyCounts();
  for (const v of rows)
    if ((PREDIKATS as readonly string[]).includes(v.predikat)) counts[v.predikat as Predikat] += 1;
  const deviations = checkCurve(predikat.predikat as UnitPredikat, counts, curve.table);
  const reason = input.reason?.trim() || null;
  if (deviations.length > 0 && !reason)
    throw badRequest('EVALUATION_DEVIATION_REASON', { count: deviations.length }, [
      {
        path: 'reason',
        message: t(ctx.locale, 'EVALUATION_DEVIATION_REASON', { count: deviations.length }),
      },
    ]);
  const at = nowIso();
  await transaction(ctx.db, async (trx) => {
    const finalised = await repo.finaliseUnitEvaluations(trx, tenantId, unit.id, year, kind, at);
    await repo.insertFinalisation(trx, {
      tenant_id: tenantId,
      unit_id: unit.id,
      period_year: year,
      kind,
      unit_predikat: predikat.predikat,
      counts_json: JSON.stringify(counts),
      deviations_json: JSON.stringify(deviations),
      reason,
      finalised_by: ctx.actor.displayName,
      finalised_at: at,
    });
    await audit(trx, ctx, {
      action: 'evaluation.finalise',
      entityType: 'unit',
      entityId: unit.id,
      after: {
        year,
        kind,
        unitPredikat: predikat.predikat,
        counts,
        deviations: deviations.length,
        reason,
        finalised,
      },
    });
  });
  return getUnit(ctx, unit.id, { year, kind });
}
