/**
 * Quarterly and annual evaluation (DESIGN §2.4): the pejabat penilai rates hasil kerja (per RHK and overall)
 * and perilaku (the seven BerAKHLAK values and overall), guided by capaian and by the mean of the values; the
 * employee acknowledges or objects; the atasan pejabat penilai decides the objection.
 */
import './messages.ts';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { badRequest, conflict, type ErrorDetail, notFound } from '../../core/errors.ts';
import { type Params, t } from '../../core/i18n.ts';
import { newId } from '../../core/ids.ts';
import { nowIso, todayIn } from '../../core/time.ts';
import { type DB, transaction } from '../../db/index.ts';
import type { EvaluationTable } from '../../db/schema.ts';
import { monthCalendar, monthEnd, monthStart } from '../activities/calendar.ts';
import * as activityRepo from '../activities/repository.ts';
import { loadSettings as loadActivitySettings } from '../activities/settings.ts';
import { bandOf } from '../activities/workload.ts';
import { audit } from '../audit/service.ts';
import * as inboxRepo from '../inbox/repository.ts';
import { directSubordinates, findAtasan } from '../org/service.ts';
import { BEHAVIOURS } from '../skp/behaviours.ts';
import * as skpRepo from '../skp/repository.ts';
import { type EvaluationResource, evaluationPolicy } from './policy.ts';
import {
  DEFAULT_GUIDE,
  type EvaluationKind,
  type GuideThresholds,
  monthsOf,
  opensOn,
  type Predikat,
  perilakuGuide,
  perilakuMean,
  predikatOf,
  type Rating,
  ratingOfUnitPredikat,
  type UnitPredikat,
  unitPredikatForRating,
} from './predikat.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';
import { type Basis, evaluationBasis, type IndicatorBasis } from './snapshot.ts';

const tenantOf = (ctx: RequestContext) => ctx.actor.tenantId;
type Atasan = NonNullable<Awaited<ReturnType<typeof findAtasan>>>;

// ---------------- settings ----------------
export interface EvaluationSettings {
  guide: GuideThresholds;
  /** a rating the employee leaves unanswered this many days counts as acknowledged at finalisation */
  acknowledgeDays: number;
}
export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = { guide: DEFAULT_GUIDE, acknowledgeDays: 14 };

/** `tenants.settings.evaluation` = `{ guideAbove, guideBelow, acknowledgeDays }`; anything absent or invalid → default. */
export async function loadEvaluationSettings(db: DB, tenantId: string): Promise<EvaluationSettings> {
  const row = await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  let raw: Record<string, unknown> = {};
  try {
    const parsed = (JSON.parse(row?.settings || '{}') as { evaluation?: unknown }).evaluation;
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const num = (v: unknown, min: number, max: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : null;
  const above = num(raw.guideAbove, 1, 1000) ?? DEFAULT_GUIDE.above;
  const below = num(raw.guideBelow, 0, 1000) ?? DEFAULT_GUIDE.below;
  return {
    guide: below < above ? { above, below } : DEFAULT_GUIDE,
    acknowledgeDays: num(raw.acknowledgeDays, 0, 365) ?? DEFAULT_EVALUATION_SETTINGS.acknowledgeDays,
  };
}

// ---------------- labels ----------------
/** Message parameters in both languages: the inbox renders a notification in the reader's language. */
export function periodParams(kind: string, year: number): Params {
  return {
    period: t('id', `EVALUATION_KIND_${kind}`, { year }),
    periodEn: t('en', `EVALUATION_KIND_${kind}`, { year }),
  };
}
const predikatParams = (p: string): Params => ({
  predikat: t('id', `PREDIKAT_${p}`),
  predikatEn: t('en', `PREDIKAT_${p}`),
});

type EvaluationNotification =
  | 'EVALUATION_RATED'
  | 'EVALUATION_ACKNOWLEDGED'
  | 'EVALUATION_OBJECTED'
  | 'EVALUATION_OBJECTION_FILED'
  | 'EVALUATION_DECIDED'
  | 'EVALUATION_CALIBRATED';

/** An inbox message, inside the transaction of the step it reports. */
export function notifyEvaluation(
  trx: DB,
  tenantId: string,
  employeeId: string,
  kind: EvaluationNotification,
  params: Params,
  evaluationId: string,
) {
  return inboxRepo.insertNotification(trx, {
    tenant_id: tenantId,
    id: newId(),
    employee_id: employeeId,
    kind,
    params: JSON.stringify(params),
    link: `/penilaian/${evaluationId}`,
    created_at: nowIso(),
    read_at: null,
  });
}

// ---------------- resolution ----------------
export interface Resolved {
  skp: repo.SkpRow;
  kind: EvaluationKind;
  year: number;
  evaluator: Atasan | null;
  reviewer: Atasan | null;
  curveUnitId: string;
  /** the SKP's position leads the SKP's unit */
  leads: boolean;
  evaluation: repo.EvaluationRow | null;
  locked: boolean;
  resource: EvaluationResource;
}

async function actorLeads(ctx: RequestContext, unitId: string): Promise<boolean> {
  if (!ctx.actor.employeeId) return false;
  return (await repo.unitLeaders(ctx.db, tenantOf(ctx), unitId)).includes(ctx.actor.employeeId);
}

/** The evaluator chain of an SKP as it stands today (holder or acting holder above the position). */
export async function resolve(
  ctx: RequestContext,
  skp: repo.SkpRow,
  kind: EvaluationKind,
  evaluation?: repo.EvaluationRow | null,
): Promise<Resolved> {
  const tenantId = tenantOf(ctx);
  const evaluator = await findAtasan(ctx, skp.position_id, skp.employee_id);
  const reviewer = evaluator ? await findAtasan(ctx, evaluator.positionId, evaluator.employeeId) : null;
  const ev =
    evaluation === undefined
      ? ((await repo.findEvaluationFor(ctx.db, tenantId, skp.id, kind)) ?? null)
      : evaluation;
  const curveUnitId = ev?.unit_id ?? repo.curveUnitOf(skp);
  const [locked, leadsCurve] = await Promise.all([
    repo.findFinalisation(ctx.db, tenantId, curveUnitId, skp.year, kind).then((f) => !!f),
    actorLeads(ctx, curveUnitId),
  ]);
  return {
    skp,
    kind,
    year: skp.year,
    evaluator,
    reviewer,
    curveUnitId,
    leads: repo.leadsUnit(skp),
    evaluation: ev,
    locked,
    resource: {
      ownerEmployeeId: skp.employee_id,
      unitPath: skp.unit_path,
      status: ev?.status ?? 'none',
      evaluatorEmployeeId: evaluator?.employeeId ?? null,
      reviewerEmployeeId: reviewer?.employeeId ?? null,
      actorLeadsCurveUnit: leadsCurve,
      locked,
    },
  };
}

async function loadSkp(ctx: RequestContext, skpId: string, kind: EvaluationKind): Promise<Resolved> {
  const skp = await repo.findSkp(ctx.db, tenantOf(ctx), skpId);
  if (!skp) throw notFound();
  const r = await resolve(ctx, skp, kind);
  evaluationPolicy.authorize(ctx.actor, 'read', r.resource, 'read');
  return r;
}

async function loadEvaluation(ctx: RequestContext, id: string): Promise<Resolved> {
  const ev = await repo.findEvaluation(ctx.db, tenantOf(ctx), id);
  if (!ev) throw notFound();
  const skp = await repo.findSkp(ctx.db, tenantOf(ctx), ev.skp_id);
  if (!skp) throw notFound();
  const r = await resolve(ctx, skp, ev.kind as EvaluationKind, ev);
  evaluationPolicy.authorize(ctx.actor, 'read', r.resource, 'read');
  return r;
}

const periodText = (ctx: RequestContext, kind: string, year: number) =>
  t(ctx.locale, `EVALUATION_KIND_${kind}`, { year });

/**
 * 404 for someone who may not see it, 403 for a reader who may never take this step, 409 for the right
 * person at the wrong moment (already answered, finalised).
 */
async function authorizeStep(
  ctx: RequestContext,
  r: Resolved,
  action: Parameters<typeof evaluationPolicy.can>[1],
  statusThatAllows: string,
) {
  if (evaluationPolicy.can(ctx.actor, action, r.resource)) return;
  if (evaluationPolicy.can(ctx.actor, action, { ...r.resource, status: statusThatAllows, locked: false })) {
    if (r.locked) throw await lockedError(ctx, r.curveUnitId, r.kind, r.year);
    throw conflict(action === 'rate' ? 'EVALUATION_NOT_EDITABLE' : 'EVALUATION_NOT_PENDING', {
      status: r.resource.status,
    });
  }
  evaluationPolicy.authorize(ctx.actor, action, r.resource, 'read');
}

export async function lockedError(ctx: RequestContext, unitId: string, kind: string, year: number) {
  const unit = await repo.findUnit(ctx.db, tenantOf(ctx), unitId);
  return conflict('EVALUATION_UNIT_FINALISED', {
    unit: unit?.name ?? '',
    period: periodText(ctx, kind, year),
  });
}

// ---------------- shapes ----------------
const personRef = (a: Atasan | null) => (a ? { id: a.employeeId, name: a.name, acting: a.acting } : null);

interface StoredRhk {
  rhkId: string;
  kind: string;
  text: string;
  capaian: number | null;
  guide: Rating | null;
  rating: Rating;
  reason: string | null;
  feedback: string | null;
  indicators: IndicatorBasis[];
}
interface StoredBehaviour {
  code: string;
  expectation: string;
  rating: Rating;
  feedback: string | null;
}

export function summaryOf(v: repo.EvaluationRow, abilities: Record<string, boolean>) {
  return {
    id: v.id,
    skpId: v.skp_id,
    periodYear: Number(v.period_year),
    kind: v.kind,
    status: v.status,
    employee: { id: v.employee_id, name: v.employee_name, nip: v.employee_nip },
    positionName: v.position_name,
    unitName: v.skp_unit_name,
    curveUnit: { id: v.unit_id, name: v.curve_unit_name },
    evaluator: { id: v.evaluator_employee_id, name: v.evaluator_name, acting: v.evaluator_acting === 1 },
    reviewer: v.reviewer_name ? { id: v.reviewer_employee_id, name: v.reviewer_name, acting: false } : null,
    capaian: v.capaian === null ? null : Number(v.capaian),
    hasil: v.hasil,
    perilaku: v.perilaku,
    matrixPredikat: v.matrix_predikat,
    predikat: v.predikat,
    calibrated: v.calibrated_at !== null,
    objectionReason: v.objection_reason,
    decision: v.decision,
    ratedAt: v.rated_at,
    abilities,
  };
}

function detailOf(ctx: RequestContext, v: repo.EvaluationRow, abilities: Record<string, boolean>) {
  const rhks = JSON.parse(v.rhk_json) as StoredRhk[];
  const behaviours = JSON.parse(v.behaviours_json) as StoredBehaviour[];
  const label = new Map(BEHAVIOURS.map((b) => [b.code as string, ctx.locale === 'en' ? b.en : b.id]));
  return {
    ...summaryOf(v, abilities),
    hasilGuide: v.hasil_guide,
    hasilReason: v.hasil_reason,
    perilakuGuide: v.perilaku_guide,
    perilakuMean: v.perilaku_mean === null ? null : Number(v.perilaku_mean),
    perilakuReason: v.perilaku_reason,
    feedback: v.feedback,
    rhks,
    behaviours: behaviours.map((b) => ({ ...b, label: label.get(b.code) ?? b.code })),
    workload: { approvedMinutes: Number(v.approved_minutes), effectiveMinutes: Number(v.effective_minutes) },
    calibration:
      v.calibrated_at && v.calibration_reason
        ? { reason: v.calibration_reason, by: v.calibrated_by ?? '', at: v.calibrated_at }
        : null,
    acknowledgedAt: v.acknowledged_at,
    objection: v.objection_reason && v.objected_at ? { reason: v.objection_reason, at: v.objected_at } : null,
    decisionDetail: v.decision
      ? { decision: v.decision, reason: v.decision_reason, at: v.decided_at, by: v.reviewer_name ?? '' }
      : null,
    finalAt: v.final_at,
  };
}

const abilitiesOf = (ctx: RequestContext, r: Resolved) =>
  evaluationPolicy.abilities(ctx.actor, r.resource, ['rate', 'acknowledge', 'object', 'decide', 'calibrate']);

// ---------------- basis: realisation and workload ----------------
async function basisOf(ctx: RequestContext, skpId: string, kind: EvaluationKind, guide: GuideThresholds) {
  const tenantId = tenantOf(ctx);
  const [rhks, realisations] = await Promise.all([
    skpRepo.rhksOfSkps(ctx.db, tenantId, [skpId]),
    skpRepo.realisationsOfSkps(ctx.db, tenantId, [skpId]),
  ]);
  const indicators = await skpRepo.indicatorsOfRhks(
    ctx.db,
    tenantId,
    rhks.map((x) => x.id),
  );
  return evaluationBasis(kind, rhks, indicators, realisations, guide);
}

/**
 * Workload of the evaluated months from the activities rollup (approved minutes) against the effective
 * minutes of the working calendar (holidays, leave); months not begun yet are left out, the current month
 * counts its working days up to today.
 */
export async function periodWorkload(
  ctx: RequestContext,
  employeeId: string,
  year: number,
  kind: EvaluationKind,
) {
  const tenantId = tenantOf(ctx);
  const today = todayIn(ctx.actor.timeZone);
  const months = monthsOf(year, kind).filter((m) => m <= today.slice(0, 7));
  const settings = await loadActivitySettings(ctx.db, tenantId);
  if (months.length === 0)
    return { months: [], approvedMinutes: 0, effectiveMinutes: 0, ratio: null, band: null };
  const from = monthStart(months[0]);
  const to = monthEnd(months[months.length - 1]);
  const [holidays, leaves, rows] = await Promise.all([
    activityRepo.holidaysBetween(ctx.db, tenantId, from, to),
    activityRepo.leavesBetween(ctx.db, tenantId, from, to, [employeeId]),
    repo.approvedMinutesByMonth(ctx.db, tenantId, employeeId, months),
  ]);
  const approvedOf = new Map(rows.map((r) => [r.month, Number(r.minutes_approved)]));
  const reducing = settings.leaveKindsReducingTime as string[];
  const list = months.map((m) => {
    const cal = monthCalendar(m, holidays, leaves, settings);
    const effective =
      m === today.slice(0, 7)
        ? cal.days.filter((d) => d.working && d.date <= today && !(d.leave && reducing.includes(d.leave)))
            .length * settings.workingMinutesPerDay
        : cal.effectiveMinutes;
    return { month: m, approvedMinutes: approvedOf.get(m) ?? 0, effectiveMinutes: effective };
  });
  const approvedMinutes = list.reduce((a, b) => a + b.approvedMinutes, 0);
  const effectiveMinutes = list.reduce((a, b) => a + b.effectiveMinutes, 0);
  const ratio =
    effectiveMinutes > 0 ? Math.round((approvedMinutes / effectiveMinutes) * 10_000) / 10_000 : null;
  return { months: list, approvedMinutes, effectiveMinutes, ratio, band: bandOf(ratio, settings) };
}

function isOpen(ctx: RequestContext, year: number, kind: EvaluationKind) {
  return todayIn(ctx.actor.timeZone) >= opensOn(year, kind);
}

// ---------------- read ----------------
export async function getForm(ctx: RequestContext, skpId: string, kind: EvaluationKind) {
  const r = await loadSkp(ctx, skpId, kind);
  return formOf(ctx, r);
}

async function formOf(ctx: RequestContext, r: Resolved) {
  const tenantId = tenantOf(ctx);
  const settings = await loadEvaluationSettings(ctx.db, tenantId);
  const [basis, behaviours, workload, curveUnit, ledUnit] = await Promise.all([
    basisOf(ctx, r.skp.id, r.kind, settings.guide),
    skpRepo.behavioursOf(ctx.db, tenantId, r.skp.id),
    periodWorkload(ctx, r.skp.employee_id, r.year, r.kind),
    repo.findUnit(ctx.db, tenantId, r.curveUnitId),
    r.leads
      ? repo.findUnitPredikat(ctx.db, tenantId, r.skp.unit_id, r.year, r.kind).then((p) => ({
          id: r.skp.unit_id,
          name: r.skp.unit_name,
          predikat: p?.predikat ?? null,
        }))
      : Promise.resolve(null),
  ]);
  const expectation = new Map(behaviours.map((b) => [b.code, b.expectation]));
  const abilities = abilitiesOf(ctx, r);
  return {
    skp: {
      id: r.skp.id,
      year: r.year,
      status: r.skp.status,
      employee: { id: r.skp.employee_id, name: r.skp.employee_name, nip: r.skp.employee_nip },
      positionName: r.skp.position_name,
      unitName: r.skp.unit_name,
      evaluator: personRef(r.evaluator),
      reviewer: personRef(r.reviewer),
    },
    kind: r.kind,
    year: r.year,
    open: isOpen(ctx, r.year, r.kind),
    opensOn: opensOn(r.year, r.kind),
    guideThresholds: settings.guide,
    capaian: basis.capaian,
    hasilGuide: basis.guide,
    rhks: basis.rhks,
    behaviours: BEHAVIOURS.map((b) => ({
      code: b.code,
      label: ctx.locale === 'en' ? b.en : b.id,
      expectation: expectation.get(b.code) ?? '',
    })),
    workload,
    curveUnit: { id: r.curveUnitId, name: curveUnit?.name ?? '', finalised: r.locked },
    ledUnit,
    evaluation: r.evaluation ? detailOf(ctx, r.evaluation, abilities) : null,
    abilities,
  };
}

export async function getEvaluation(ctx: RequestContext, id: string) {
  const r = await loadEvaluation(ctx, id);
  return detailOf(ctx, r.evaluation as repo.EvaluationRow, abilitiesOf(ctx, r));
}

function currentPeriod(ctx: RequestContext): { year: number; kind: EvaluationKind } {
  const today = todayIn(ctx.actor.timeZone);
  const month = Number(today.slice(5, 7));
  return { year: Number(today.slice(0, 4)), kind: `q${Math.ceil(month / 3)}` as EvaluationKind };
}

export function periodOf(ctx: RequestContext, q: { year?: number; kind?: EvaluationKind }) {
  const cur = currentPeriod(ctx);
  return { year: q.year ?? cur.year, kind: q.kind ?? cur.kind };
}

/** The direct subordinates the actor evaluates (as holder or Plt.), with their SKP of the year and its evaluation. */
export async function subordinates(ctx: RequestContext, q: z.infer<typeof s.PeriodQuery>) {
  const { year, kind } = periodOf(ctx, q);
  const tenantId = tenantOf(ctx);
  const subs = await directSubordinates(ctx);
  const skps = (
    await repo.skpsOfEmployees(
      ctx.db,
      tenantId,
      year,
      subs.map((x) => x.employeeId),
    )
  ).filter((skp) => subs.some((x) => x.employeeId === skp.employee_id && x.positionId === skp.position_id));
  const resolved = (await Promise.all(skps.map((skp) => resolve(ctx, skp, kind, null)))).filter(
    (r) => r.evaluator?.employeeId === ctx.actor.employeeId,
  );
  const evaluations = new Map(
    (
      await repo.evaluationsOfSkps(
        ctx.db,
        tenantId,
        resolved.map((r) => r.skp.id),
        kind,
      )
    ).map((v) => [v.skp_id, v]),
  );
  const settings = await loadEvaluationSettings(ctx.db, tenantId);
  const items = [];
  for (const r0 of resolved) {
    const ev = evaluations.get(r0.skp.id) ?? null;
    const r: Resolved = { ...r0, evaluation: ev, resource: { ...r0.resource, status: ev?.status ?? 'none' } };
    const basis: Basis = await basisOf(ctx, r.skp.id, kind, settings.guide);
    const abilities = abilitiesOf(ctx, r);
    items.push({
      skpId: r.skp.id,
      skpStatus: r.skp.status,
      employee: { id: r.skp.employee_id, name: r.skp.employee_name, nip: r.skp.employee_nip },
      positionName: r.skp.position_name,
      unitName: r.skp.unit_name,
      capaian: basis.capaian,
      hasilGuide: basis.guide,
      evaluation: ev ? summaryOf(ev, abilities) : null,
      abilities: {
        ...abilities,
        rate: abilities.rate && r.skp.status === 'approved' && isOpen(ctx, year, kind),
      },
    });
  }
  const withSkp = new Set(skps.map((x) => x.employee_id));
  return {
    year,
    kind,
    open: isOpen(ctx, year, kind),
    opensOn: opensOn(year, kind),
    items,
    withoutSkp: subs
      .filter((x) => !withSkp.has(x.employeeId))
      .map(({ employeeId, name, nip, positionName }) => ({ employeeId, name, nip, positionName })),
  };
}

/** The actor's own evaluations of a year (every kind). */
export async function mine(ctx: RequestContext, q: z.infer<typeof s.YearQuery>) {
  if (!ctx.actor.employeeId) return { items: [] };
  const year = q.year ?? currentPeriod(ctx).year;
  const rows = await repo.evaluationsOfEmployee(ctx.db, tenantOf(ctx), ctx.actor.employeeId, year);
  const order = ['q1', 'q2', 'q3', 'q4', 'annual'];
  rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return {
    items: rows.map((v) =>
      summaryOf(v, {
        acknowledge: v.status === 'rated',
        object: v.status === 'rated',
      }),
    ),
  };
}

/** Objections addressed to the actor as atasan pejabat penilai: pending, or already decided. */
export async function objections(ctx: RequestContext, q: z.infer<typeof s.ObjectionQuery>) {
  if (!ctx.actor.employeeId) return { items: [] };
  const statuses = q.status === 'pending' ? ['objected'] : ['decided', 'final'];
  const rows = (
    await repo.evaluationsOfReviewer(ctx.db, tenantOf(ctx), ctx.actor.employeeId, statuses)
  ).filter((v) => q.status === 'pending' || v.decision !== null);
  const items = [];
  for (const v of rows) {
    const skp = await repo.findSkp(ctx.db, tenantOf(ctx), v.skp_id);
    if (!skp) continue;
    const r = await resolve(ctx, skp, v.kind as EvaluationKind, v);
    if (!evaluationPolicy.can(ctx.actor, 'read', r.resource)) continue;
    items.push(summaryOf(v, abilitiesOf(ctx, r)));
  }
  return { items };
}

// ---------------- rate ----------------
function reasonOf(text: string | null | undefined): string | null {
  const v = text?.trim();
  return v ? v : null;
}

/** The organisational predikat that follows a unit leader's new hasil kerja rating (null: keep the current one). */
async function followLeader(
  ctx: RequestContext,
  r: Resolved,
  hasil: Rating,
): Promise<{ unitId: string; predikat: UnitPredikat; before: string | null } | null> {
  if (!r.leads) return null;
  const tenantId = tenantOf(ctx);
  const current = await repo.findUnitPredikat(ctx.db, tenantId, r.skp.unit_id, r.year, r.kind);
  // a finer choice in the same class (kurang or sangat kurang for di bawah) stays
  if (current && ratingOfUnitPredikat(current.predikat as UnitPredikat) === hasil) return null;
  if (await repo.findFinalisation(ctx.db, tenantId, r.skp.unit_id, r.year, r.kind))
    throw await lockedError(ctx, r.skp.unit_id, r.kind, r.year);
  return { unitId: r.skp.unit_id, predikat: unitPredikatForRating(hasil), before: current?.predikat ?? null };
}

async function writeLeaderPredikat(
  trx: DB,
  ctx: RequestContext,
  r: Resolved,
  change: { unitId: string; predikat: UnitPredikat; before: string | null } | null,
  at: string,
) {
  if (!change) return;
  await repo.upsertUnitPredikat(trx, {
    tenant_id: tenantOf(ctx),
    unit_id: change.unitId,
    period_year: r.year,
    kind: r.kind,
    predikat: change.predikat,
    source: 'leader',
    reason: null,
    set_by: ctx.actor.displayName,
    set_at: at,
  });
  await audit(trx, ctx, {
    action: 'evaluation.unit_predikat',
    entityType: 'unit',
    entityId: change.unitId,
    before: { predikat: change.before },
    after: { predikat: change.predikat, source: 'leader', year: r.year, kind: r.kind },
  });
}

export async function rate(
  ctx: RequestContext,
  skpId: string,
  kind: EvaluationKind,
  input: z.infer<typeof s.RateInput>,
) {
  const r = await loadSkp(ctx, skpId, kind);
  await authorizeStep(ctx, r, 'rate', 'none');
  if (!isOpen(ctx, r.year, kind))
    throw conflict('EVALUATION_NOT_OPEN', {
      period: periodText(ctx, kind, r.year),
      date: opensOn(r.year, kind),
    });
  if (r.skp.status !== 'approved') throw conflict('EVALUATION_SKP_NOT_APPROVED', { status: r.skp.status });
  const tenantId = tenantOf(ctx);
  const settings = await loadEvaluationSettings(ctx.db, tenantId);
  const basis = await basisOf(ctx, skpId, kind, settings.guide);
  const L = ctx.locale;
  const label = (rating: Rating | null) => (rating ? t(L, `RATING_${rating}`) : '—');

  // -- validation: every RHK and every value rated, nothing foreign, departures explained
  const details: ErrorDetail[] = [];
  let code = '';
  let params: Params = {};
  const fail = (c: string, p: Params, path: string) => {
    if (!code) {
      code = c;
      params = p;
    }
    details.push({ path, message: t(L, c, p) });
  };
  const seen = new Set<string>();
  input.rhks.forEach((x, i) => {
    if (!basis.rhks.some((b) => b.rhkId === x.rhkId)) fail('EVALUATION_RHK_UNKNOWN', {}, `rhks.${i}.rhkId`);
    else if (seen.has(x.rhkId)) fail('EVALUATION_RHK_DUPLICATE', {}, `rhks.${i}.rhkId`);
    seen.add(x.rhkId);
  });
  for (const b of basis.rhks)
    if (!seen.has(b.rhkId)) fail('EVALUATION_RHK_MISSING', { text: b.text }, 'rhks');
  const byCode = new Map<string, (typeof input.behaviours)[number]>();
  input.behaviours.forEach((b, i) => {
    if (byCode.has(b.code)) fail('VALIDATION_FAILED', {}, `behaviours.${i}.code`);
    byCode.set(b.code, b);
  });
  for (const b of BEHAVIOURS)
    if (!byCode.has(b.code))
      fail('EVALUATION_BEHAVIOUR_MISSING', { value: L === 'en' ? b.en : b.id }, 'behaviours');
  if (!code) {
    const depart = (
      what: string,
      rating: Rating,
      guide: Rating | null,
      reason: string | null,
      path: string,
    ) => {
      if (guide && rating !== guide && !reason)
        fail(
          'EVALUATION_REASON_REQUIRED',
          { what: t(L, `EVALUATION_WHAT_${what}`), rating: label(rating), guide: label(guide) },
          path,
        );
    };
    input.rhks.forEach((x, i) => {
      const b = basis.rhks.find((y) => y.rhkId === x.rhkId);
      depart('rhk', x.rating, b?.guide ?? null, reasonOf(x.reason), `rhks.${i}.reason`);
    });
    depart('hasil', input.hasil, basis.guide, reasonOf(input.hasilReason), 'hasilReason');
    const values = BEHAVIOURS.map((b) => (byCode.get(b.code) as { rating: Rating }).rating);
    depart(
      'perilaku',
      input.perilaku,
      perilakuGuide(values),
      reasonOf(input.perilakuReason),
      'perilakuReason',
    );
  }
  if (code) throw badRequest(code, params, details);

  const values = BEHAVIOURS.map((b) => (byCode.get(b.code) as { rating: Rating }).rating);
  const expectations = new Map(
    (await skpRepo.behavioursOf(ctx.db, tenantId, skpId)).map((b) => [b.code, b.expectation]),
  );
  const storedRhks: StoredRhk[] = basis.rhks.map((b) => {
    const x = input.rhks.find((y) => y.rhkId === b.rhkId) as (typeof input.rhks)[number];
    return {
      rhkId: b.rhkId,
      kind: b.kind,
      text: b.text,
      capaian: b.capaian,
      guide: b.guide,
      rating: x.rating,
      reason: reasonOf(x.reason),
      feedback: reasonOf(x.feedback),
      indicators: b.indicators,
    };
  });
  const storedBehaviours: StoredBehaviour[] = BEHAVIOURS.map((b) => {
    const x = byCode.get(b.code) as (typeof input.behaviours)[number];
    return {
      code: b.code,
      expectation: expectations.get(b.code) ?? '',
      rating: x.rating,
      feedback: reasonOf(x.feedback),
    };
  });
  const leader = await followLeader(ctx, r, input.hasil);
  const workload = await periodWorkload(ctx, r.skp.employee_id, r.year, kind);
  const evaluator = r.evaluator as Atasan;
  const at = nowIso();
  const predikat = predikatOf(input.hasil, input.perilaku);
  const fields = {
    status: 'rated',
    evaluator_employee_id: evaluator.employeeId,
    evaluator_name: evaluator.name,
    evaluator_acting: (evaluator.acting ? 1 : 0) as 0 | 1,
    capaian: basis.capaian,
    hasil: input.hasil,
    hasil_guide: basis.guide,
    hasil_reason: reasonOf(input.hasilReason),
    perilaku: input.perilaku,
    perilaku_guide: perilakuGuide(values),
    perilaku_mean: perilakuMean(values),
    perilaku_reason: reasonOf(input.perilakuReason),
    rhk_json: JSON.stringify(storedRhks),
    behaviours_json: JSON.stringify(storedBehaviours),
    feedback: reasonOf(input.feedback),
    approved_minutes: workload.approvedMinutes,
    effective_minutes: workload.effectiveMinutes,
    matrix_predikat: predikat,
    predikat,
    calibration_reason: null,
    calibrated_by: null,
    calibrated_at: null,
    rated_at: at,
    updated_at: at,
  };
  const existing = r.evaluation;
  const id = existing?.id ?? newId();
  try {
    await transaction(ctx.db, async (trx) => {
      if (existing) await repo.updateEvaluation(trx, tenantId, id, fields);
      else {
        const row: EvaluationTable = {
          tenant_id: tenantId,
          id,
          skp_id: skpId,
          employee_id: r.skp.employee_id,
          position_id: r.skp.position_id,
          unit_id: r.curveUnitId,
          period_year: r.year,
          kind,
          ...fields,
          acknowledged_at: null,
          objection_reason: null,
          objected_at: null,
          reviewer_employee_id: null,
          reviewer_name: null,
          decision: null,
          decision_reason: null,
          decided_at: null,
          final_at: null,
          created_at: at,
        };
        await repo.insertEvaluation(trx, row);
      }
      await writeLeaderPredikat(trx, ctx, r, leader, at);
      await notifyEvaluation(
        trx,
        tenantId,
        r.skp.employee_id,
        'EVALUATION_RATED',
        { name: ctx.actor.displayName, ...periodParams(kind, r.year), ...predikatParams(predikat) },
        id,
      );
      await audit(trx, ctx, {
        action: 'evaluation.rate',
        entityType: 'evaluation',
        entityId: id,
        before: existing
          ? { hasil: existing.hasil, perilaku: existing.perilaku, predikat: existing.predikat }
          : undefined,
        after: {
          skpId,
          kind,
          hasil: input.hasil,
          perilaku: input.perilaku,
          predikat,
          rhks: storedRhks.map((x) => ({ rhkId: x.rhkId, rating: x.rating, reason: x.reason })),
          behaviours: storedBehaviours.map((b) => ({ code: b.code, rating: b.rating })),
        },
      });
    });
  } catch (err) {
    if (/UNIQUE constraint failed|duplicate key value/i.test(String((err as Error).message)))
      throw conflict('EVALUATION_NOT_EDITABLE', { status: 'rated' });
    throw err;
  }
  return getForm(ctx, skpId, kind);
}

// ---------------- the employee answers ----------------
export async function acknowledge(ctx: RequestContext, id: string) {
  const r = await loadEvaluation(ctx, id);
  await authorizeStep(ctx, r, 'acknowledge', 'rated');
  const v = r.evaluation as repo.EvaluationRow;
  const at = nowIso();
  await transaction(ctx.db, async (trx) => {
    await repo.updateEvaluation(trx, tenantOf(ctx), id, {
      status: 'acknowledged',
      acknowledged_at: at,
      updated_at: at,
    });
    if (v.evaluator_employee_id)
      await notifyEvaluation(
        trx,
        tenantOf(ctx),
        v.evaluator_employee_id,
        'EVALUATION_ACKNOWLEDGED',
        { name: v.employee_name, ...periodParams(v.kind, r.year) },
        id,
      );
    await audit(trx, ctx, {
      action: 'evaluation.acknowledge',
      entityType: 'evaluation',
      entityId: id,
      before: { status: v.status },
      after: { status: 'acknowledged' },
    });
  });
  return getEvaluation(ctx, id);
}

export async function object(ctx: RequestContext, id: string, reason: string) {
  const r = await loadEvaluation(ctx, id);
  await authorizeStep(ctx, r, 'object', 'rated');
  if (!r.reviewer) throw conflict('EVALUATION_NO_REVIEWER');
  const reviewer = r.reviewer;
  const v = r.evaluation as repo.EvaluationRow;
  const at = nowIso();
  await transaction(ctx.db, async (trx) => {
    await repo.updateEvaluation(trx, tenantOf(ctx), id, {
      status: 'objected',
      objection_reason: reason,
      objected_at: at,
      reviewer_employee_id: reviewer.employeeId,
      reviewer_name: reviewer.name,
      updated_at: at,
    });
    await notifyEvaluation(
      trx,
      tenantOf(ctx),
      reviewer.employeeId,
      'EVALUATION_OBJECTED',
      { name: v.employee_name, evaluator: v.evaluator_name, reason, ...periodParams(v.kind, r.year) },
      id,
    );
    if (v.evaluator_employee_id && v.evaluator_employee_id !== reviewer.employeeId)
      await notifyEvaluation(
        trx,
        tenantOf(ctx),
        v.evaluator_employee_id,
        'EVALUATION_OBJECTION_FILED',
        { name: v.employee_name, reviewer: reviewer.name, ...periodParams(v.kind, r.year) },
        id,
      );
    await audit(trx, ctx, {
      action: 'evaluation.object',
      entityType: 'evaluation',
      entityId: id,
      before: { status: v.status },
      after: { status: 'objected', reason, reviewerEmployeeId: reviewer.employeeId },
    });
  });
  return getEvaluation(ctx, id);
}

// ---------------- the atasan pejabat penilai decides ----------------
export async function decide(ctx: RequestContext, id: string, input: z.infer<typeof s.DecideInput>) {
  const r = await loadEvaluation(ctx, id);
  await authorizeStep(ctx, r, 'decide', 'objected');
  const v = r.evaluation as repo.EvaluationRow;
  let hasil = v.hasil as Rating;
  let perilaku = v.perilaku as Rating;
  let predikat = v.predikat as Predikat;
  if (input.decision === 'changed') {
    if (!input.hasil || !input.perilaku || (input.hasil === v.hasil && input.perilaku === v.perilaku))
      throw badRequest('EVALUATION_DECISION_RATINGS', {}, [
        { path: 'hasil', message: t(ctx.locale, 'EVALUATION_DECISION_RATINGS') },
      ]);
    hasil = input.hasil;
    perilaku = input.perilaku;
    predikat = predikatOf(hasil, perilaku);
  } else if (input.hasil || input.perilaku) {
    throw badRequest('VALIDATION_FAILED', {}, [
      { path: 'decision', message: t(ctx.locale, 'EVALUATION_DECISION_RATINGS') },
    ]);
  }
  const leader = input.decision === 'changed' ? await followLeader(ctx, r, hasil) : null;
  const reviewer = r.reviewer as Atasan;
  const at = nowIso();
  await transaction(ctx.db, async (trx) => {
    await repo.updateEvaluation(trx, tenantOf(ctx), id, {
      status: 'decided',
      decision: input.decision,
      decision_reason: input.reason,
      decided_at: at,
      reviewer_employee_id: reviewer.employeeId,
      reviewer_name: reviewer.name,
      ...(input.decision === 'changed'
        ? {
            hasil,
            perilaku,
            matrix_predikat: predikat,
            predikat,
            calibration_reason: null,
            calibrated_by: null,
            calibrated_at: null,
          }
        : {}),
      updated_at: at,
    });
    await writeLeaderPredikat(trx, ctx, r, leader, at);
    const params = {
      name: ctx.actor.displayName,
      reason: input.reason,
      decision: t('id', `EVALUATION_DECISION_${input.decision}`),
      decisionEn: t('en', `EVALUATION_DECISION_${input.decision}`),
      ...periodParams(v.kind, r.year),
    };
    await notifyEvaluation(trx, tenantOf(ctx), v.employee_id, 'EVALUATION_DECIDED', params, id);
    if (v.evaluator_employee_id)
      await notifyEvaluation(trx, tenantOf(ctx), v.evaluator_employee_id, 'EVALUATION_DECIDED', params, id);
    await audit(trx, ctx, {
      action: 'evaluation.decide',
      entityType: 'evaluation',
      entityId: id,
      before: { status: v.status, hasil: v.hasil, perilaku: v.perilaku, predikat: v.predikat },
      after: { status: 'decided', decision: input.decision, reason: input.reason, hasil, perilaku, predikat },
    });
  });
  return getEvaluation(ctx, id);
}

// ---------------- calibration ----------------
export async function calibrate(ctx: RequestContext, id: string, input: z.infer<typeof s.CalibrateInput>) {
  const r = await loadEvaluation(ctx, id);
  await authorizeStep(ctx, r, 'calibrate', 'acknowledged');
  const v = r.evaluation as repo.EvaluationRow;
  if (input.predikat === v.predikat) throw conflict('EVALUATION_SAME_PREDIKAT');
  const at = nowIso();
  const back = input.predikat === v.matrix_predikat;
  await transaction(ctx.db, async (trx) => {
    await repo.updateEvaluation(trx, tenantOf(ctx), id, {
      predikat: input.predikat,
      // moving someone back to the matrix predikat leaves no calibration standing; the audit log keeps both
      calibration_reason: back ? null : input.reason,
      calibrated_by: back ? null : ctx.actor.displayName,
      calibrated_at: back ? null : at,
      updated_at: at,
    });
    await notifyEvaluation(
      trx,
      tenantOf(ctx),
      v.employee_id,
      'EVALUATION_CALIBRATED',
      { reason: input.reason, ...periodParams(v.kind, r.year), ...predikatParams(input.predikat) },
      id,
    );
    await audit(trx, ctx, {
      action: 'evaluation.calibrate',
      entityType: 'evaluation',
      entityId: id,
      before: { predikat: v.predikat },
      after: { predikat: input.predikat, reason: input.reason, unitId: v.unit_id },
    });
  });
  return getEvaluation(ctx, id);
}
