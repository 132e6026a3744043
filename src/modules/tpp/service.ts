/**
 * TPP: settings, the monthly run (draft → checked → locked) and its payroll list. Every mutation is
 * authorised first, validated, written in one transaction with its audit entry, and announced on the event
 * bus after commit.
 */
import type { RequestContext } from '../../core/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../core/errors.ts';
import { publish } from '../../core/events.ts';
import { t } from '../../core/i18n.ts';
import { newId } from '../../core/ids.ts';
import { nowIso, todayIn } from '../../core/time.ts';
import { type DB, type Dialect, transaction } from '../../db/index.ts';
import type { TppLineTable, TppRunTable } from '../../db/schema.ts';
import { monthOf } from '../activities/calendar.ts';
import { type AuditOrigin, audit, originOf, recordAudit } from '../audit/service.ts';
import { addLine, type Totals, zeroTotals } from './compute.ts';
import { type ComputedLine, monthLines } from './engine.ts';
import './messages.ts';
import { tppRunPolicy, tppSettingsPolicy } from './policy.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';
import { GROUPS, KELAS, loadTppSettings, paramsSnapshot } from './settings.ts';

const tenantOf = (ctx: RequestContext) => ctx.actor.tenantId;
export const currentMonthOf = (ctx: RequestContext) => monthOf(todayIn(ctx.actor.timeZone));

// ---------------- settings ----------------
export async function getSettings(ctx: RequestContext) {
  tppSettingsPolicy.authorize(ctx.actor, 'read', null);
  const st = await loadTppSettings(ctx.db, tenantOf(ctx));
  return {
    configured: st.configured,
    pagu: KELAS.map((kelas) => ({ kelas, amount: st.pagu.get(kelas) ?? 0 })),
    weights: GROUPS.filter((g) => st.weights.has(g)).map((group) => {
      const w = st.weights.get(group) as NonNullable<ReturnType<typeof st.weights.get>>;
      return { group, ...w };
    }),
    rules: st.rules,
    abilities: { manage: tppSettingsPolicy.can(ctx.actor, 'manage', null) },
  };
}

function validateSettings(ctx: RequestContext, input: s.SettingsInput) {
  const details: { path: string; message: string }[] = [];
  const seen = new Set<number>();
  input.pagu.forEach((p, i) => {
    if (seen.has(p.kelas))
      details.push({
        path: `pagu.${i}.kelas`,
        message: t(ctx.locale, 'TPP_PAGU_DUPLICATE', { kelas: p.kelas }),
      });
    seen.add(p.kelas);
  });
  const missing = KELAS.filter((k) => !seen.has(k));
  if (missing.length)
    details.push({
      path: 'pagu',
      message: t(ctx.locale, 'TPP_PAGU_INCOMPLETE', { missing: missing.join(', ') }),
    });
  const groups = new Set<string>();
  input.weights.forEach((w, i) => {
    if (groups.has(w.group))
      details.push({
        path: `weights.${i}.group`,
        message: t(ctx.locale, 'TPP_WEIGHTS_DUPLICATE', { group: w.group }),
      });
    groups.add(w.group);
    if (w.kinerjaBp + w.disiplinBp !== 10_000)
      details.push({
        path: `weights.${i}`,
        message: t(ctx.locale, 'TPP_WEIGHTS_SUM', {
          group: w.group,
          sum: new Intl.NumberFormat(ctx.locale === 'en' ? 'en-US' : 'id-ID', {
            maximumFractionDigits: 2,
          }).format((w.kinerjaBp + w.disiplinBp) / 100),
        }),
      });
    const enabled = (w.kinerjaEnabled ? w.kinerjaBp : 0) + (w.disiplinEnabled ? w.disiplinBp : 0);
    if (enabled <= 0)
      details.push({
        path: `weights.${i}`,
        message: t(ctx.locale, 'TPP_WEIGHTS_NONE_ENABLED', { group: w.group }),
      });
  });
  if (!groups.has('default'))
    details.push({ path: 'weights', message: t(ctx.locale, 'TPP_WEIGHTS_DEFAULT') });
  if (details.length) throw badRequest('VALIDATION_FAILED', {}, details);
}

export async function putSettings(ctx: RequestContext, input: s.SettingsInput) {
  tppSettingsPolicy.authorize(ctx.actor, 'manage', null, 'read');
  validateSettings(ctx, input);
  const tenantId = tenantOf(ctx);
  const before = paramsSnapshot(await loadTppSettings(ctx.db, tenantId));
  await transaction(ctx.db, async (trx) => {
    await repo.replaceSettings(trx, tenantId, nowIso(), {
      pagu: [...input.pagu].sort((a, b) => a.kelas - b.kelas),
      weights: input.weights,
      rules: input.rules,
    });
    await audit(trx, ctx, {
      action: 'tpp.settings.update',
      entityType: 'tpp_settings',
      entityId: tenantId,
      before,
      after: { pagu: input.pagu, weights: input.weights, rules: input.rules },
    });
  });
  publish({ tenantId, kind: 'tpp.changed' });
  return getSettings(ctx);
}

// ---------------- runs ----------------
const totalsOf = (r: TppRunTable): Totals => ({
  employees: Number(r.employees),
  base: Number(r.total_base),
  kinerja: Number(r.total_kinerja),
  disiplin: Number(r.total_disiplin),
  potongan: Number(r.total_potongan),
  bruto: Number(r.total_bruto),
  bpjs: Number(r.total_bpjs),
  netto: Number(r.total_netto),
});

function runView(ctx: RequestContext, r: TppRunTable) {
  const run = tppRunPolicy.can(ctx.actor, 'run', null);
  const ended = r.month < currentMonthOf(ctx);
  return {
    id: r.id,
    month: r.month,
    status: r.status as 'draft' | 'checked' | 'locked',
    totals: totalsOf(r),
    computedAt: r.computed_at,
    computedBy: r.computed_by,
    checkedAt: r.checked_at,
    checkedBy: r.checked_by,
    lockedAt: r.locked_at,
    lockedBy: r.locked_by,
    createdAt: r.created_at,
    abilities: {
      compute: run && r.status !== 'locked',
      check: run && r.status === 'draft',
      lock: run && r.status === 'checked' && ended,
      export: tppRunPolicy.can(ctx.actor, 'read', null),
    },
  };
}

export async function listRuns(ctx: RequestContext, q: s.RunsQuery) {
  tppRunPolicy.authorize(ctx.actor, 'read', null);
  const rows = await repo.listRuns(ctx.db, tenantOf(ctx), q.limit + 1, q.cursor);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => runView(ctx, r)),
    nextCursor: rows.length > q.limit ? page[page.length - 1].month : null,
    currentMonth: currentMonthOf(ctx),
    abilities: { create: tppRunPolicy.can(ctx.actor, 'run', null) },
  };
}

/** A line as stored: the engine's figures with the snapshot of who and where. */
export function lineRow(tenantId: string, runId: string, l: ComputedLine): TppLineTable {
  return {
    tenant_id: tenantId,
    run_id: runId,
    employee_id: l.employeeId,
    opd_id: l.opdId,
    opd_name: l.opdName,
    unit_id: l.unitId,
    position_id: l.positionId,
    nip: l.nip,
    name: l.name,
    position_name: l.positionName,
    kelas: l.kelas,
    position_group: l.group,
    days: l.out.days,
    base: l.out.base,
    own_base: l.out.ownBase,
    acting_base: l.out.actingBase,
    approved_minutes: l.detail.minutes.approved,
    pending_minutes: l.pendingMinutes,
    effective_minutes: l.detail.minutes.effective,
    shortfall_minutes: l.detail.minutes.shortfall,
    performance_bp: l.out.performanceBp,
    deduction_bp: l.out.deductionBp,
    kinerja_weight_bp: l.out.kinerjaWeightBp,
    disiplin_weight_bp: l.out.disiplinWeightBp,
    komponen_kinerja: l.out.komponenKinerja,
    disiplin_max: l.out.disiplinMax,
    komponen_disiplin: l.out.komponenDisiplin,
    potongan: l.out.potongan,
    bruto: l.out.bruto,
    bpjs: l.out.bpjs,
    netto: l.out.netto,
    detail_json: JSON.stringify(l.detail),
  };
}

export interface ComputeResult {
  totals: Totals;
  withoutPosition: number;
}

/**
 * (Re)compute a run that is not locked, inside the caller's transaction: replace its lines, store the
 * totals (the sum of the lines) and the parameters used, and return the run to draft. The caller checked the
 * status under the row lock.
 */
export async function computeRunIn(
  trx: DB,
  dialect: Dialect,
  origin: AuditOrigin,
  run: TppRunTable,
  by: string,
): Promise<ComputeResult> {
  const facts = await monthLines(trx, run.tenant_id, run.month);
  const rows = facts.lines.map((l) => lineRow(run.tenant_id, run.id, l));
  const totals = zeroTotals();
  for (const l of facts.lines) addLine(totals, l.out);
  await repo.deleteLines(trx, run.tenant_id, run.id);
  await repo.insertLines(trx, rows);
  const at = nowIso();
  await repo.updateRun(trx, run.tenant_id, run.id, {
    status: 'draft',
    employees: totals.employees,
    total_base: totals.base,
    total_kinerja: totals.kinerja,
    total_disiplin: totals.disiplin,
    total_potongan: totals.potongan,
    total_bruto: totals.bruto,
    total_bpjs: totals.bpjs,
    total_netto: totals.netto,
    params_json: JSON.stringify(paramsSnapshot(facts.settings)),
    computed_at: at,
    computed_by: by,
    checked_at: null,
    checked_by: null,
    updated_at: at,
  });
  await recordAudit(trx, dialect, origin, {
    action: 'tpp.run.compute',
    entityType: 'tpp_run',
    entityId: run.id,
    before: { status: run.status, totals: totalsOf(run) },
    after: { month: run.month, status: 'draft', totals, withoutPosition: facts.withoutPosition.length },
  });
  return { totals, withoutPosition: facts.withoutPosition.length };
}

function assertMonthStarted(ctx: RequestContext, month: string) {
  if (month > currentMonthOf(ctx)) throw badRequest('TPP_MONTH_FUTURE', { month });
}

export async function createRun(ctx: RequestContext, month: string, idempotencyKey?: string) {
  tppRunPolicy.authorize(ctx.actor, 'run', null);
  assertMonthStarted(ctx, month);
  const tenantId = tenantOf(ctx);
  const existing = await repo.findRunByMonth(ctx.db, tenantId, month);
  if (existing) {
    if (idempotencyKey && existing.idempotency_key === idempotencyKey)
      return { created: false, run: await getRun(ctx, existing.id) };
    throw conflict('TPP_RUN_EXISTS', { month });
  }
  const at = nowIso();
  const row: TppRunTable = {
    tenant_id: tenantId,
    id: newId(),
    month,
    status: 'draft',
    employees: 0,
    total_base: 0,
    total_kinerja: 0,
    total_disiplin: 0,
    total_potongan: 0,
    total_bruto: 0,
    total_bpjs: 0,
    total_netto: 0,
    params_json: '{}',
    idempotency_key: idempotencyKey ?? null,
    computed_at: null,
    computed_by: null,
    checked_at: null,
    checked_by: null,
    locked_at: null,
    locked_by: null,
    created_at: at,
    created_by: ctx.actor.displayName,
    updated_at: at,
  };
  try {
    await transaction(ctx.db, async (trx) => {
      await repo.insertRun(trx, row);
      await audit(trx, ctx, {
        action: 'tpp.run.create',
        entityType: 'tpp_run',
        entityId: row.id,
        after: { month },
      });
      await computeRunIn(trx, ctx.dialect, originOf(ctx), row, ctx.actor.displayName);
    });
  } catch (err) {
    // two BKPSDM users starting the same month at once: the unique (tenant, month) key decides
    if (/UNIQUE constraint failed|duplicate key value/i.test(String((err as Error)?.message)))
      throw conflict('TPP_RUN_EXISTS', { month });
    throw err;
  }
  publish({ tenantId, kind: 'tpp.changed' });
  return { created: true, run: await getRun(ctx, row.id) };
}

async function stepRun(
  ctx: RequestContext,
  id: string,
  step: (trx: DB, run: TppRunTable) => Promise<void>,
): Promise<void> {
  tppRunPolicy.authorize(ctx.actor, 'run', null, 'read');
  const tenantId = tenantOf(ctx);
  if (!(await repo.findRun(ctx.db, tenantId, id))) throw notFound();
  await transaction(ctx.db, async (trx) => {
    const run = await repo.lockRun(trx, ctx.dialect, tenantId, id);
    if (!run) throw notFound();
    if (run.status === 'locked') throw conflict('TPP_RUN_LOCKED', { month: run.month });
    await step(trx, run);
  });
  publish({ tenantId, kind: 'tpp.changed' });
}

export async function computeRun(ctx: RequestContext, id: string) {
  await stepRun(ctx, id, async (trx, run) => {
    await computeRunIn(trx, ctx.dialect, originOf(ctx), run, ctx.actor.displayName);
  });
  return getRun(ctx, id);
}

const statusText = (ctx: RequestContext, status: string) =>
  ({
    id: { draft: 'draf', checked: 'diperiksa', locked: 'dikunci' },
    en: { draft: 'draft', checked: 'checked', locked: 'locked' },
  })[ctx.locale][status as 'draft'] ?? status;

export async function checkRun(ctx: RequestContext, id: string) {
  await stepRun(ctx, id, async (trx, run) => {
    if (run.status !== 'draft')
      throw conflict('TPP_RUN_STATUS', {
        month: run.month,
        status: statusText(ctx, run.status),
        expected: statusText(ctx, 'draft'),
      });
    const at = nowIso();
    await repo.updateRun(trx, run.tenant_id, run.id, {
      status: 'checked',
      checked_at: at,
      checked_by: ctx.actor.displayName,
      updated_at: at,
    });
    await audit(trx, ctx, {
      action: 'tpp.run.check',
      entityType: 'tpp_run',
      entityId: run.id,
      before: { status: run.status },
      after: { status: 'checked', month: run.month, totals: totalsOf(run) },
    });
  });
  return getRun(ctx, id);
}

export async function lockRun(ctx: RequestContext, id: string) {
  await stepRun(ctx, id, async (trx, run) => {
    if (run.status !== 'checked')
      throw conflict('TPP_RUN_STATUS', {
        month: run.month,
        status: statusText(ctx, run.status),
        expected: statusText(ctx, 'checked'),
      });
    if (run.month >= currentMonthOf(ctx)) throw conflict('TPP_MONTH_NOT_ENDED', { month: run.month });
    const at = nowIso();
    await repo.updateRun(trx, run.tenant_id, run.id, {
      status: 'locked',
      locked_at: at,
      locked_by: ctx.actor.displayName,
      updated_at: at,
    });
    await audit(trx, ctx, {
      action: 'tpp.run.lock',
      entityType: 'tpp_run',
      entityId: run.id,
      before: { status: run.status },
      after: { status: 'locked', month: run.month, totals: totalsOf(run) },
    });
  });
  return getRun(ctx, id);
}

async function loadRun(ctx: RequestContext, id: string) {
  tppRunPolicy.authorize(ctx.actor, 'read', null);
  const run = await repo.findRun(ctx.db, tenantOf(ctx), id);
  if (!run) throw notFound();
  return run;
}

/** The run with its totals per OPD (summed by the database from the lines) and the reconciliation. */
export async function getRun(ctx: RequestContext, id: string) {
  const run = await loadRun(ctx, id);
  const opds = await repo.opdTotals(ctx.db, run.tenant_id, run.id);
  const fromLines = zeroTotals();
  const rows = opds.map((o) => {
    const totals: Totals & { disiplinMax: number } = {
      employees: Number(o.employees),
      base: Number(o.base ?? 0),
      kinerja: Number(o.kinerja ?? 0),
      disiplinMax: Number(o.disiplin_max ?? 0),
      disiplin: Number(o.disiplin ?? 0),
      potongan: Number(o.potongan ?? 0),
      bruto: Number(o.bruto ?? 0),
      bpjs: Number(o.bpjs ?? 0),
      netto: Number(o.netto ?? 0),
    };
    for (const k of [
      'employees',
      'base',
      'kinerja',
      'disiplin',
      'potongan',
      'bruto',
      'bpjs',
      'netto',
    ] as const)
      fromLines[k] += totals[k];
    return { opdId: o.opd_id, opdName: o.opd_name, totals };
  });
  const stored = totalsOf(run);
  const reconciled = (Object.keys(stored) as (keyof Totals)[]).every((k) => stored[k] === fromLines[k]);
  return {
    ...runView(ctx, run),
    opds: rows,
    reconciliation: { ok: reconciled, fromLines },
    params: JSON.parse(run.params_json) as unknown,
  };
}

const CURSOR_SEP = '\u0000';
export async function runLines(ctx: RequestContext, id: string, q: s.LinesQuery) {
  const run = await loadRun(ctx, id);
  let after: { name: string; id: string } | undefined;
  if (q.cursor) {
    const decoded = Buffer.from(q.cursor, 'base64url').toString('utf8').split(CURSOR_SEP);
    if (decoded.length !== 2)
      throw new AppError(400, 'VALIDATION_FAILED', {}, [
        { path: 'cursor', message: t(ctx.locale, 'VALIDATION_FAILED') },
      ]);
    after = { name: decoded[0], id: decoded[1] };
  }
  const rows = await repo.listLines(ctx.db, run.tenant_id, run.id, {
    opdId: q.opdId,
    q: q.q?.trim() || undefined,
    after,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      employeeId: r.employee_id,
      name: r.name,
      nip: r.nip,
      opdId: r.opd_id,
      opdName: r.opd_name,
      positionName: r.position_name,
      kelas: r.kelas,
      days: r.days,
      base: Number(r.base),
      actingBase: Number(r.acting_base),
      performanceBp: r.performance_bp,
      deductionBp: r.deduction_bp,
      komponenKinerja: Number(r.komponen_kinerja),
      disiplinMax: Number(r.disiplin_max),
      komponenDisiplin: Number(r.komponen_disiplin),
      potongan: Number(r.potongan),
      bruto: Number(r.bruto),
      bpjs: Number(r.bpjs),
      netto: Number(r.netto),
    })),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(`${last.name}${CURSOR_SEP}${last.employee_id}`).toString('base64url')
        : null,
  };
}

export async function exportAudit(
  ctx: RequestContext,
  run: TppRunTable,
  opdId: string | undefined,
  rows: number,
) {
  await transaction(ctx.db, (trx) =>
    audit(trx, ctx, {
      action: 'tpp.run.export',
      entityType: 'tpp_run',
      entityId: run.id,
      after: { month: run.month, opdId: opdId ?? null, rows },
    }),
  );
}

export { loadRun };
