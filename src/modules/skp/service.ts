import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { AppError, badRequest, conflict, type ErrorDetail, notFound } from '../../core/errors.ts';
import { t } from '../../core/i18n.ts';
import { newId } from '../../core/ids.ts';
import { nowIso } from '../../core/time.ts';
import { type DB, transaction } from '../../db/index.ts';
import type { RhkIndicatorTable, RhkTable } from '../../db/schema.ts';
import { activityCitesFile } from '../activities/service.ts';
import { audit } from '../audit/service.ts';
import { notify } from '../inbox/service.ts';
import { formatNip } from '../org/nip.ts';
import * as orgRepo from '../org/repository.ts';
import { directSubordinates, findAtasan } from '../org/service.ts';
import { BEHAVIOURS } from './behaviours.ts';
import { meanCapaian, quarterCapaian } from './capaian.ts';
import { resolvePeriod } from './goals.ts';
import { type SkpResource, skpListPolicy, skpPolicy } from './policy.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';

type SkpRow = repo.SkpRow;
type Atasan = NonNullable<Awaited<ReturnType<typeof findAtasan>>>;

interface Resolved {
  row: SkpRow;
  evaluator: Atasan | null;
  evaluator2: Atasan | null;
  resource: SkpResource;
}

const tenantOf = (ctx: RequestContext) => ctx.actor.tenantId;

/** The evaluator chain of an SKP as it stands today (holder or acting holder above the position). */
async function resolve(ctx: RequestContext, row: SkpRow): Promise<Resolved> {
  const evaluator = await findAtasan(ctx, row.position_id, row.employee_id);
  const evaluator2 = evaluator ? await findAtasan(ctx, evaluator.positionId, evaluator.employeeId) : null;
  return {
    row,
    evaluator,
    evaluator2,
    resource: {
      ownerEmployeeId: row.employee_id,
      unitPath: row.unit_path,
      status: row.status,
      evaluatorEmployeeId: evaluator?.employeeId ?? null,
      evaluator2EmployeeId: evaluator2?.employeeId ?? null,
    },
  };
}

/**
 * Authorise a step: 404 for someone who may not see the SKP, 403 for a reader who may never take this step,
 * 409 for the right person at the wrong moment (e.g. editing an approved SKP without a revision).
 */
function authorizeStep(
  ctx: RequestContext,
  r: Resolved,
  action: Parameters<typeof skpPolicy.can>[1],
  statusThatAllows: string,
) {
  if (skpPolicy.can(ctx.actor, action, r.resource)) return;
  if (skpPolicy.can(ctx.actor, action, { ...r.resource, status: statusThatAllows })) {
    throw conflict('SKP_NOT_EDITABLE', { status: r.row.status });
  }
  skpPolicy.authorize(ctx.actor, action, r.resource, 'read');
}

async function load(ctx: RequestContext, id: string): Promise<Resolved> {
  const row = await repo.findSkp(ctx.db, tenantOf(ctx), id);
  if (!row) throw notFound();
  const r = await resolve(ctx, row);
  skpPolicy.authorize(ctx.actor, 'read', r.resource, 'read');
  return r;
}

/** Mean capaian over indicators, each at its latest confirmed quarter. */
async function progressOf(ctx: RequestContext, skpIds: string[]) {
  const rhks = await repo.rhksOfSkps(ctx.db, tenantOf(ctx), skpIds);
  const indicators = await repo.indicatorsOfRhks(
    ctx.db,
    tenantOf(ctx),
    rhks.map((r) => r.id),
  );
  const realisations = await repo.realisationsOfSkps(ctx.db, tenantOf(ctx), skpIds);
  const rhkSkp = new Map(rhks.map((r) => [r.id, r.skp_id]));
  const latest = new Map<string, number | null>();
  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  for (const r of realisations) {
    if (r.status !== 'confirmed') continue;
    const ind = indicatorById.get(r.indicator_id);
    if (ind) latest.set(ind.id, quarterCapaian(ind, r.value, r.quarter));
  }
  const result = new Map<string, { rhkCount: number; progress: number | null }>();
  for (const id of skpIds) {
    const own = indicators.filter((i) => rhkSkp.get(i.rhk_id) === id);
    result.set(id, {
      rhkCount: rhks.filter((r) => r.skp_id === id).length,
      progress: meanCapaian(own.map((i) => latest.get(i.id) ?? null)),
    });
  }
  return result;
}

function summary(ctx: RequestContext, r: Resolved, stats: { rhkCount: number; progress: number | null }) {
  const { row, evaluator } = r;
  return {
    id: row.id,
    periodId: row.period_id,
    year: row.year,
    status: row.status,
    revision: row.revision,
    returnReason: row.return_reason,
    employee: { id: row.employee_id, name: row.employee_name, nip: row.employee_nip },
    positionName: row.position_name,
    unitName: row.unit_name,
    evaluator: evaluator
      ? {
          id: evaluator.employeeId,
          name: evaluator.name,
          nip: evaluator.nip,
          positionName: evaluator.positionName,
          acting: evaluator.acting,
        }
      : null,
    rhkCount: stats.rhkCount,
    progress: stats.progress,
    updatedAt: row.updated_at,
    abilities: skpPolicy.abilities(ctx.actor, r.resource),
  };
}

async function summaries(ctx: RequestContext, resolved: Resolved[]) {
  const stats = await progressOf(
    ctx,
    resolved.map((r) => r.row.id),
  );
  return resolved.map((r) => summary(ctx, r, stats.get(r.row.id) ?? { rhkCount: 0, progress: null }));
}

// ---------- identity block of the form ----------
interface Person {
  name: string;
  nip: string;
  pangkat: string | null;
  jabatan: string;
  unit: string;
}

async function personOf(ctx: RequestContext, employeeId: string, positionName: string): Promise<Person> {
  const e = await orgRepo.findEmployee(ctx.db, tenantOf(ctx), employeeId);
  return {
    name: e?.name ?? '',
    nip: formatNip(e?.nip ?? ''),
    pangkat: e?.golongan ?? null,
    jabatan: positionName,
    unit: e?.unit_name ?? '',
  };
}

async function liveHeader(ctx: RequestContext, r: Resolved) {
  const acting = (a: Atasan) => (a.acting ? `Plt. ${a.positionName}` : a.positionName);
  return {
    employee: await personOf(ctx, r.row.employee_id, r.row.position_name),
    evaluator: r.evaluator ? await personOf(ctx, r.evaluator.employeeId, acting(r.evaluator)) : null,
    evaluator2: r.evaluator2 ? await personOf(ctx, r.evaluator2.employeeId, acting(r.evaluator2)) : null,
  };
}

// ---------- parent options ----------
type ParentOption =
  | { type: 'rhk'; id: string; text: string; ownerName: string }
  | { type: 'goal'; id: string; code: string; title: string };

/** What the RHKs of this SKP may cite: the atasan's RHKs, or the approved city goals at the top of the tree. */
async function parentOptions(ctx: RequestContext, r: Resolved): Promise<ParentOption[]> {
  if (r.evaluator) {
    const theirs = await repo.findSkpOfEmployee(
      ctx.db,
      tenantOf(ctx),
      r.row.period_id,
      r.evaluator.employeeId,
    );
    if (theirs.length > 0) {
      const rhks = await repo.rhksOfSkps(
        ctx.db,
        tenantOf(ctx),
        theirs.map((x) => x.id),
      );
      const name = r.evaluator.name;
      return rhks.map((x) => ({ type: 'rhk' as const, id: x.id, text: x.text, ownerName: name }));
    }
  }
  const goals = await repo.listGoals(ctx.db, tenantOf(ctx), r.row.period_id);
  return goals
    .filter((g) => g.status === 'approved')
    .map((g) => ({ type: 'goal' as const, id: g.id, code: g.code, title: g.title }));
}

// ---------- read ----------
export async function getSkp(ctx: RequestContext, id: string) {
  const r = await load(ctx, id);
  return detail(ctx, r);
}

async function detail(ctx: RequestContext, r: Resolved) {
  const tenantId = tenantOf(ctx);
  const [rhks, behaviours, events, options, stats] = await Promise.all([
    repo.rhksOfSkps(ctx.db, tenantId, [r.row.id]),
    repo.behavioursOf(ctx.db, tenantId, r.row.id),
    repo.eventsOf(ctx.db, tenantId, r.row.id),
    parentOptions(ctx, r),
    progressOf(ctx, [r.row.id]),
  ]);
  const [indicators, realisations] = await Promise.all([
    repo.indicatorsOfRhks(
      ctx.db,
      tenantId,
      rhks.map((x) => x.id),
    ),
    repo.realisationsOfSkps(ctx.db, tenantId, [r.row.id]),
  ]);
  const evidenceShas = [...new Set(realisations.flatMap((x) => JSON.parse(x.evidence_json) as string[]))];
  const files = new Map((await repo.filesBySha(ctx.db, tenantId, evidenceShas)).map((f) => [f.sha, f]));
  // parents that are not among today's options (e.g. the atasan changed) are still shown by name
  const parentIds = rhks.map((x) => x.parent_rhk_id).filter((x): x is string => !!x);
  const parentRows = await Promise.all(
    parentIds
      .filter((pid) => !options.some((o) => o.id === pid))
      .map((pid) => repo.findRhk(ctx.db, tenantId, pid)),
  );
  const goals = await repo.listGoals(ctx.db, tenantId, r.row.period_id);
  const parentOf = (x: RhkTable): ParentOption | null => {
    if (x.goal_id) {
      const g = goals.find((gg) => gg.id === x.goal_id);
      return g ? { type: 'goal', id: g.id, code: g.code, title: g.title } : null;
    }
    if (!x.parent_rhk_id) return null;
    const opt = options.find((o) => o.id === x.parent_rhk_id);
    if (opt) return opt;
    const row = parentRows.find((p) => p?.id === x.parent_rhk_id);
    return row ? { type: 'rhk', id: row.id, text: row.text, ownerName: row.employee_name } : null;
  };
  const header =
    r.row.header_json && r.row.status !== 'revision'
      ? (JSON.parse(r.row.header_json) as Awaited<ReturnType<typeof liveHeader>>)
      : await liveHeader(ctx, r);
  const confirm = skpPolicy.can(ctx.actor, 'confirmRealisation', r.resource);
  const expectations = new Map(behaviours.map((b) => [b.code, b.expectation]));
  return {
    ...summary(ctx, r, stats.get(r.row.id) ?? { rhkCount: 0, progress: null }),
    header: {
      instansi: `Pemerintah ${ctx.actor.tenantName}`,
      ...header,
      period: { start: r.row.period_start, end: r.row.period_end },
    },
    rhks: rhks.map((x) => ({
      id: x.id,
      kind: x.kind,
      text: x.text,
      parent: parentOf(x),
      perspective: x.perspective,
      indicators: indicators
        .filter((i) => i.rhk_id === x.id)
        .map((i) => ({
          id: i.id,
          aspect: i.aspect,
          name: i.name,
          targetValue: i.target_value,
          targetText: i.target_text,
          unit: i.unit,
          direction: i.direction,
          realisations: realisations
            .filter((rr) => rr.indicator_id === i.id)
            .map((rr) => ({
              id: rr.id,
              quarter: rr.quarter,
              value: rr.value,
              note: rr.note,
              status: rr.status,
              rejectReason: rr.reject_reason,
              capaian: quarterCapaian(i, rr.value, rr.quarter),
              evidence: (JSON.parse(rr.evidence_json) as string[]).map((sha) => {
                const f = files.get(sha);
                return {
                  sha,
                  name: f?.name ?? sha.slice(0, 12),
                  size: f?.size ?? 0,
                  mime: f?.mime ?? '',
                  url: `/api/v1/files/${sha}?skpId=${r.row.id}`,
                };
              }),
              abilities: { confirm: confirm && rr.status === 'submitted' },
            })),
        })),
    })),
    behaviours: BEHAVIOURS.map((b) => ({
      code: b.code,
      label: ctx.locale === 'en' ? b.en : b.id,
      description: b.describe,
      expectation: expectations.get(b.code) ?? '',
    })),
    events: events.map((e) => ({ action: e.action, actorName: e.actor_name, reason: e.reason, at: e.at })),
    parentOptions: options,
  };
}

export async function mySkps(ctx: RequestContext, periodId?: string) {
  if (!ctx.actor.employeeId) return { items: [] };
  const period = await resolvePeriod(ctx, periodId);
  const rows = await repo.listSkps(ctx.db, tenantOf(ctx), {
    periodId: period.id,
    employeeIds: [ctx.actor.employeeId],
    limit: 20,
  });
  return { items: await summaries(ctx, await Promise.all(rows.map((row) => resolve(ctx, row)))) };
}

export async function subordinateSkps(ctx: RequestContext, q: z.infer<typeof s.SubordinateQuery>) {
  const period = await resolvePeriod(ctx, q.periodId);
  const subs = await directSubordinates(ctx);
  // one read serves both the list (filtered by status) and the "no SKP yet" check (all statuses)
  const all = await repo.listSkps(ctx.db, tenantOf(ctx), {
    periodId: period.id,
    employeeIds: subs.map((x) => x.employeeId),
    limit: 1000,
  });
  const rows = q.status ? all.filter((x) => x.status === q.status) : all;
  const resolved = (await Promise.all(rows.map((row) => resolve(ctx, row)))).filter(
    (r) => r.evaluator?.employeeId === ctx.actor.employeeId,
  );
  const withSkp = new Set(all.map((x) => `${x.employee_id}|${x.position_id}`));
  return {
    items: await summaries(ctx, resolved),
    missing: subs
      .filter((x) => !withSkp.has(`${x.employeeId}|${x.positionId}`))
      .map(({ employeeId, name, nip, positionName }) => ({ employeeId, name, nip, positionName })),
  };
}

export async function listCitySkps(ctx: RequestContext, q: z.infer<typeof s.SkpListQuery>) {
  skpListPolicy.authorize(ctx.actor, 'listCity', null);
  const period = await resolvePeriod(ctx, q.periodId);
  let unitPath: string | undefined;
  if (q.unitId) {
    const unit = await orgRepo.findUnit(ctx.db, tenantOf(ctx), q.unitId);
    if (!unit) throw notFound();
    unitPath = unit.path;
  }
  const rows = await repo.listSkps(ctx.db, tenantOf(ctx), {
    periodId: period.id,
    unitPath,
    status: q.status,
    afterId: q.cursor,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const resolved = (await Promise.all(page.map((row) => resolve(ctx, row)))).filter((r) =>
    skpPolicy.can(ctx.actor, 'read', r.resource),
  );
  return {
    items: await summaries(ctx, resolved),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}

// ---------- lifecycle ----------
async function event(
  trx: DB,
  ctx: RequestContext,
  skpId: string,
  action: string,
  reason: string | null = null,
) {
  await repo.insertEvent(trx, {
    tenant_id: tenantOf(ctx),
    id: newId(),
    skp_id: skpId,
    action,
    actor_employee_id: ctx.actor.employeeId,
    actor_name: ctx.actor.displayName,
    reason,
    at: nowIso(),
  });
}

export async function createSkp(ctx: RequestContext, input: z.infer<typeof s.CreateSkp>) {
  const period = await resolvePeriod(ctx, input.periodId);
  if (period.status !== 'open') throw conflict('PERIOD_CLOSED', { year: period.year });
  const employeeId = input.employeeId ?? ctx.actor.employeeId;
  if (!employeeId) throw new AppError(400, 'SKP_NO_POSITION');
  if (employeeId !== ctx.actor.employeeId) skpListPolicy.authorize(ctx.actor, 'createForOthers', null);
  const employee = await orgRepo.findEmployee(ctx.db, tenantOf(ctx), employeeId);
  if (!employee) throw notFound();
  if (!employee.position_id || !employee.unit_id || employee.status !== 'active')
    throw new AppError(409, 'SKP_NO_POSITION');
  if (await repo.findSkpFor(ctx.db, tenantOf(ctx), period.id, employee.id, employee.position_id)) {
    throw conflict('SKP_DUPLICATE', { year: period.year });
  }
  const at = nowIso();
  const row = {
    tenant_id: tenantOf(ctx),
    id: newId(),
    period_id: period.id,
    employee_id: employee.id,
    position_id: employee.position_id,
    unit_id: employee.unit_id,
    status: 'draft',
    revision: 0,
    return_reason: null,
    header_json: null,
    approved_by_employee_id: null,
    approved_at: null,
    created_at: at,
    updated_at: at,
  };
  try {
    await transaction(ctx.db, async (trx) => {
      await repo.insertSkp(trx, row);
      await event(trx, ctx, row.id, 'created');
      await audit(trx, ctx, { action: 'skp.create', entityType: 'skp', entityId: row.id, after: row });
    });
  } catch (err) {
    if (/UNIQUE constraint failed|duplicate key value/i.test(String((err as Error).message)))
      throw conflict('SKP_DUPLICATE', { year: period.year });
    throw err;
  }
  return getSkp(ctx, row.id);
}

export async function savePlan(ctx: RequestContext, id: string, input: z.infer<typeof s.PlanInput>) {
  const r = await load(ctx, id);
  authorizeStep(ctx, r, 'edit', 'draft');
  const tenantId = tenantOf(ctx);
  const options = await parentOptions(ctx, r);
  const rhkOptions = new Set(options.filter((o) => o.type === 'rhk').map((o) => o.id));
  const goalOptions = new Set(options.filter((o) => o.type === 'goal').map((o) => o.id));
  const details: ErrorDetail[] = [];
  let code = 'VALIDATION_FAILED';
  let params: Record<string, string> = {};
  input.rhks.forEach((x, i) => {
    if (x.parentRhkId && x.goalId)
      details.push({ path: `rhks.${i}.goalId`, message: t(ctx.locale, 'VALIDATION_FAILED') });
    if (x.parentRhkId && !rhkOptions.has(x.parentRhkId)) {
      code = 'RHK_PARENT_NOT_ATASAN';
      params = { atasan: r.evaluator?.name ?? '—' };
      details.push({ path: `rhks.${i}.parentRhkId`, message: t(ctx.locale, code, params) });
    }
    if (x.goalId && !goalOptions.has(x.goalId)) {
      code = rhkOptions.size > 0 || r.evaluator ? 'RHK_GOAL_NOT_ALLOWED' : 'RHK_GOAL_UNKNOWN';
      details.push({ path: `rhks.${i}.goalId`, message: t(ctx.locale, code) });
    }
  });
  if (details.length) throw badRequest(code, params, details);

  const existing = await repo.planIds(ctx.db, tenantId, id);
  const rhkRows: RhkTable[] = [];
  const indicatorRows: RhkIndicatorTable[] = [];
  input.rhks.forEach((x, sort) => {
    const rhkId = x.id && existing.rhkIds.includes(x.id) ? x.id : newId();
    rhkRows.push({
      tenant_id: tenantId,
      id: rhkId,
      skp_id: id,
      period_id: r.row.period_id,
      sort,
      kind: x.kind,
      text: x.text,
      parent_rhk_id: x.parentRhkId ?? null,
      goal_id: x.goalId ?? null,
      perspective: x.perspective ?? null,
    });
    x.indicators.forEach((ind, isort) => {
      indicatorRows.push({
        tenant_id: tenantId,
        id: ind.id && existing.indicatorIds.includes(ind.id) ? ind.id : newId(),
        rhk_id: rhkId,
        sort: isort,
        aspect: ind.aspect,
        name: ind.name,
        target_value: ind.targetValue ?? null,
        target_text: ind.targetText ?? null,
        unit: ind.unit,
        direction: ind.direction,
      });
    });
  });
  const dropped = existing.rhkIds.filter((x) => !rhkRows.some((row) => row.id === x));
  if (dropped.length && (await repo.countChildRhks(ctx.db, tenantId, dropped)) > 0) {
    const rhks = await repo.rhksOfSkps(ctx.db, tenantId, [id]);
    let cited = '';
    for (const d of dropped) if (!cited && (await repo.countChildRhks(ctx.db, tenantId, [d])) > 0) cited = d;
    throw conflict('RHK_HAS_CHILDREN', { text: rhks.find((x) => x.id === cited)?.text ?? '' });
  }
  const before = await repo.rhksOfSkps(ctx.db, tenantId, [id]);
  await transaction(ctx.db, async (trx) => {
    await repo.replacePlan(trx, tenantId, id, rhkRows, indicatorRows);
    await repo.updateSkp(trx, tenantId, id, { updated_at: nowIso() });
    await audit(trx, ctx, {
      action: 'skp.plan',
      entityType: 'skp',
      entityId: id,
      before: before.map((b) => b.text),
      after: input.rhks,
    });
  });
  return getSkp(ctx, id);
}

export async function saveBehaviours(
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof s.BehavioursInput>,
) {
  const r = await load(ctx, id);
  authorizeStep(ctx, r, 'editBehaviours', 'draft');
  const before = await repo.behavioursOf(ctx.db, tenantOf(ctx), id);
  await transaction(ctx.db, async (trx) => {
    await repo.replaceBehaviours(trx, tenantOf(ctx), id, input.behaviours);
    await repo.updateSkp(trx, tenantOf(ctx), id, { updated_at: nowIso() });
    await audit(trx, ctx, {
      action: 'skp.behaviours',
      entityType: 'skp',
      entityId: id,
      before,
      after: input.behaviours,
    });
  });
  return getSkp(ctx, id);
}

function notSubmittable(ctx: RequestContext, code: string, params: Record<string, string> = {}) {
  return new AppError(409, 'SKP_NOT_SUBMITTABLE', { reason: t(ctx.locale, code, params) });
}

export async function submit(ctx: RequestContext, id: string) {
  const r = await load(ctx, id);
  authorizeStep(ctx, r, 'submit', 'draft');
  if (!r.evaluator) throw new AppError(409, 'SKP_NO_EVALUATOR');
  const rhks = await repo.rhksOfSkps(ctx.db, tenantOf(ctx), [id]);
  const indicators = await repo.indicatorsOfRhks(
    ctx.db,
    tenantOf(ctx),
    rhks.map((x) => x.id),
  );
  const utama = rhks.filter((x) => x.kind === 'utama');
  if (utama.length === 0) throw notSubmittable(ctx, 'SKP_NEEDS_RHK');
  const bare = rhks.find((x) => !indicators.some((i) => i.rhk_id === x.id));
  if (bare) throw notSubmittable(ctx, 'SKP_RHK_NEEDS_INDICATOR', { text: bare.text });
  const options = await parentOptions(ctx, r);
  const orphan = utama.find((x) => !x.parent_rhk_id && !x.goal_id);
  if (orphan && options.length > 0) throw notSubmittable(ctx, 'SKP_RHK_NEEDS_PARENT', { text: orphan.text });
  const evaluator = r.evaluator;
  await transaction(ctx.db, async (trx) => {
    await repo.updateSkp(trx, tenantOf(ctx), id, {
      status: 'submitted',
      return_reason: null,
      updated_at: nowIso(),
    });
    await event(trx, ctx, id, 'submitted');
    await notify(
      trx,
      tenantOf(ctx),
      evaluator.employeeId,
      'SKP_SUBMITTED',
      { name: r.row.employee_name, year: r.row.year },
      `/skp/${id}`,
    );
    await audit(trx, ctx, {
      action: 'skp.submit',
      entityType: 'skp',
      entityId: id,
      before: { status: r.row.status },
      after: { status: 'submitted' },
    });
  });
  return getSkp(ctx, id);
}

async function decide(ctx: RequestContext, r: Resolved, action: 'approve' | 'return', reason: string | null) {
  authorizeStep(ctx, r, action, 'submitted');
  const id = r.row.id;
  const at = nowIso();
  if (action === 'approve') {
    const header = await liveHeader(ctx, r);
    await transaction(ctx.db, async (trx) => {
      await repo.updateSkp(trx, tenantOf(ctx), id, {
        status: 'approved',
        approved_at: at,
        approved_by_employee_id: ctx.actor.employeeId,
        header_json: JSON.stringify(header),
        return_reason: null,
        updated_at: at,
      });
      await event(trx, ctx, id, 'approved');
      await notify(
        trx,
        tenantOf(ctx),
        r.row.employee_id,
        'SKP_APPROVED',
        { name: ctx.actor.displayName, year: r.row.year },
        `/skp/${id}`,
      );
      await audit(trx, ctx, {
        action: 'skp.approve',
        entityType: 'skp',
        entityId: id,
        before: { status: r.row.status },
        after: { status: 'approved', revision: r.row.revision },
      });
    });
  } else {
    if (!reason)
      throw badRequest('REASON_REQUIRED', {}, [
        { path: 'reason', message: t(ctx.locale, 'REASON_REQUIRED') },
      ]);
    await transaction(ctx.db, async (trx) => {
      await repo.updateSkp(trx, tenantOf(ctx), id, {
        status: 'returned',
        return_reason: reason,
        updated_at: at,
      });
      await event(trx, ctx, id, 'returned', reason);
      await notify(
        trx,
        tenantOf(ctx),
        r.row.employee_id,
        'SKP_RETURNED',
        { name: ctx.actor.displayName, year: r.row.year, reason },
        `/skp/${id}`,
      );
      await audit(trx, ctx, {
        action: 'skp.return',
        entityType: 'skp',
        entityId: id,
        before: { status: r.row.status },
        after: { status: 'returned', reason },
      });
    });
  }
}

export async function approve(ctx: RequestContext, id: string) {
  await decide(ctx, await load(ctx, id), 'approve', null);
  return getSkp(ctx, id);
}

export async function returnSkp(ctx: RequestContext, id: string, reason: string) {
  await decide(ctx, await load(ctx, id), 'return', reason);
  return getSkp(ctx, id);
}

export async function bulk(ctx: RequestContext, input: z.infer<typeof s.BulkInput>) {
  if (input.action === 'return' && !input.reason) {
    throw badRequest('REASON_REQUIRED', {}, [{ path: 'reason', message: t(ctx.locale, 'REASON_REQUIRED') }]);
  }
  const results: { id: string; ok: boolean; error?: string }[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      await decide(ctx, await load(ctx, id), input.action, input.reason ?? null);
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, error: t(ctx.locale, err.code, err.params) });
    }
  }
  return { results };
}

export async function revise(ctx: RequestContext, id: string, reason: string) {
  const r = await load(ctx, id);
  authorizeStep(ctx, r, 'revise', 'approved');
  await transaction(ctx.db, async (trx) => {
    await repo.updateSkp(trx, tenantOf(ctx), id, {
      status: 'revision',
      revision: r.row.revision + 1,
      updated_at: nowIso(),
    });
    await event(trx, ctx, id, 'revision_opened', reason);
    if (r.evaluator)
      await notify(
        trx,
        tenantOf(ctx),
        r.evaluator.employeeId,
        'SKP_REVISED',
        { name: r.row.employee_name, year: r.row.year, reason },
        `/skp/${id}`,
      );
    await audit(trx, ctx, {
      action: 'skp.revise',
      entityType: 'skp',
      entityId: id,
      before: { status: 'approved', revision: r.row.revision },
      after: { status: 'revision', revision: r.row.revision + 1, reason },
    });
  });
  return getSkp(ctx, id);
}

// ---------- realisation ----------
export async function saveRealisation(
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof s.RealisationInput>,
) {
  const r = await load(ctx, id);
  authorizeStep(ctx, r, 'realise', 'approved');
  const indicator = await repo.findIndicatorOfSkp(ctx.db, tenantOf(ctx), id, input.indicatorId);
  if (!indicator)
    throw badRequest('VALIDATION_FAILED', {}, [{ path: 'indicatorId', message: t(ctx.locale, 'NOT_FOUND') }]);
  const files = await repo.filesBySha(ctx.db, tenantOf(ctx), input.evidence);
  const missing = input.evidence.find((sha) => !files.some((f) => f.sha === sha));
  if (missing)
    throw badRequest('EVIDENCE_UNKNOWN', { sha: missing.slice(0, 12) }, [
      { path: 'evidence', message: t(ctx.locale, 'EVIDENCE_UNKNOWN', { sha: missing.slice(0, 12) }) },
    ]);
  const existing = await repo.findRealisationFor(ctx.db, tenantOf(ctx), input.indicatorId, input.quarter);
  const at = nowIso();
  const values = {
    value: input.value ?? null,
    note: input.note ?? null,
    evidence_json: JSON.stringify(input.evidence),
    status: 'submitted',
    decided_by: null,
    decided_at: null,
    reject_reason: null,
    updated_at: at,
  };
  await transaction(ctx.db, async (trx) => {
    if (existing) await repo.updateRealisation(trx, tenantOf(ctx), existing.id, values);
    else
      await repo.insertRealisation(trx, {
        tenant_id: tenantOf(ctx),
        id: newId(),
        skp_id: id,
        indicator_id: input.indicatorId,
        quarter: input.quarter,
        created_at: at,
        ...values,
      });
    if (r.evaluator) {
      await notify(
        trx,
        tenantOf(ctx),
        r.evaluator.employeeId,
        'REALISATION_SUBMITTED',
        { name: r.row.employee_name, quarter: input.quarter, indicator: indicator.name },
        `/skp/${id}`,
      );
    }
    await audit(trx, ctx, {
      action: 'realisation.submit',
      entityType: 'realisation',
      entityId: existing?.id ?? null,
      before: existing ?? undefined,
      after: { ...input, skpId: id },
    });
  });
  return getSkp(ctx, id);
}

export async function decideRealisation(
  ctx: RequestContext,
  realisationId: string,
  decision: 'confirmed' | 'rejected',
  reason: string | null,
) {
  const rz = await repo.findRealisation(ctx.db, tenantOf(ctx), realisationId);
  if (!rz) throw notFound();
  const r = await load(ctx, rz.skp_id);
  authorizeStep(ctx, r, 'confirmRealisation', 'approved');
  if (rz.status !== 'submitted') throw conflict('REALISATION_NOT_PENDING');
  const indicator = await repo.findIndicatorOfSkp(ctx.db, tenantOf(ctx), rz.skp_id, rz.indicator_id);
  const at = nowIso();
  await transaction(ctx.db, async (trx) => {
    await repo.updateRealisation(trx, tenantOf(ctx), rz.id, {
      status: decision,
      decided_by: ctx.actor.employeeId,
      decided_at: at,
      reject_reason: reason,
      updated_at: at,
    });
    const kind = decision === 'confirmed' ? 'REALISATION_CONFIRMED' : 'REALISATION_REJECTED';
    await notify(
      trx,
      tenantOf(ctx),
      r.row.employee_id,
      kind,
      {
        name: ctx.actor.displayName,
        quarter: rz.quarter,
        indicator: indicator?.name ?? '',
        reason: reason ?? '',
      },
      `/skp/${rz.skp_id}`,
    );
    await audit(trx, ctx, {
      action: `realisation.${decision === 'confirmed' ? 'confirm' : 'reject'}`,
      entityType: 'realisation',
      entityId: rz.id,
      before: { status: rz.status },
      after: { status: decision, reason },
    });
  });
  return getSkp(ctx, rz.skp_id);
}

// ---------- evidence files ----------
export async function registerFile(
  ctx: RequestContext,
  file: { sha: string; size: number; mime: string },
  name: string,
) {
  const row = {
    tenant_id: tenantOf(ctx),
    sha: file.sha,
    size: file.size,
    mime: file.mime,
    name: name.slice(0, 200),
    created_by: ctx.actor.userId,
    created_at: nowIso(),
  };
  await transaction(ctx.db, async (trx) => {
    await repo.insertFileIfNew(trx, row);
    await audit(trx, ctx, {
      action: 'file.upload',
      entityType: 'file',
      entityId: file.sha,
      after: { name: row.name, size: row.size, mime: row.mime },
    });
  });
  return { sha: row.sha, name: row.name, size: row.size, mime: row.mime };
}

/**
 * A file is served only to its uploader, or to someone who may read an SKP or an activity that cites it as
 * evidence (the atasan verifying, BKPSDM, the inspectorate…). Everything else answers 404.
 */
export async function authorizeFile(
  ctx: RequestContext,
  sha: string,
  cite: { skpId?: string; activityId?: string },
) {
  const [file] = await repo.filesBySha(ctx.db, tenantOf(ctx), [sha]);
  if (!file) throw notFound();
  if (file.created_by === ctx.actor.userId) return file;
  if (cite.activityId) {
    if (await activityCitesFile(ctx, cite.activityId, sha)) return file;
    throw notFound();
  }
  if (!cite.skpId) throw notFound();
  const citing = await repo.skpsCitingFile(ctx.db, tenantOf(ctx), sha);
  if (!citing.some((c) => c.skp_id === cite.skpId)) throw notFound();
  await load(ctx, cite.skpId);
  return file;
}
