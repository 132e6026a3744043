import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { isoDate, nowIso, todayIn } from '../../core/time.ts';
import { transaction } from '../../db/index.ts';
import type { CityGoalTable } from '../../db/schema.ts';
import { audit } from '../audit/service.ts';
import { goalPolicy } from './policy.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';

// ---------- periods ----------
type PeriodRow = NonNullable<Awaited<ReturnType<typeof repo.findPeriod>>>;

const toPeriod = (ctx: RequestContext, p: PeriodRow) => ({
  id: p.id,
  year: p.year,
  startDate: p.start_date,
  endDate: p.end_date,
  status: p.status,
  abilities: { manageGoals: goalPolicy.can(ctx.actor, 'manage', null) },
});

export async function listPeriods(ctx: RequestContext) {
  goalPolicy.authorize(ctx.actor, 'read', null);
  return { items: (await repo.listPeriods(ctx.db, ctx.actor.tenantId)).map((p) => toPeriod(ctx, p)) };
}

export async function createPeriod(ctx: RequestContext, input: z.infer<typeof s.CreatePeriod>) {
  goalPolicy.authorize(ctx.actor, 'createPeriod', null);
  if (await repo.findPeriodByYear(ctx.db, ctx.actor.tenantId, input.year)) {
    throw conflict('DUPLICATE', { field: 'periode', value: input.year });
  }
  const row = {
    tenant_id: ctx.actor.tenantId,
    id: newId(),
    year: input.year,
    start_date: isoDate(input.year, 1, 1),
    end_date: isoDate(input.year, 12, 31),
    status: 'open',
    created_at: nowIso(),
  };
  await transaction(ctx.db, async (trx) => {
    await repo.insertPeriod(trx, row);
    await audit(trx, ctx, { action: 'period.create', entityType: 'period', entityId: row.id, after: row });
  });
  return toPeriod(ctx, row);
}

/** The requested period, or the one of the current year (else the latest). */
export async function resolvePeriod(ctx: RequestContext, periodId?: string): Promise<PeriodRow> {
  if (periodId) {
    const p = await repo.findPeriod(ctx.db, ctx.actor.tenantId, periodId);
    if (!p) throw new AppError(404, 'PERIOD_UNKNOWN');
    return p;
  }
  const year = Number(todayIn(ctx.actor.timeZone).slice(0, 4));
  const all = await repo.listPeriods(ctx.db, ctx.actor.tenantId);
  const p = all.find((x) => x.year === year) ?? all[0];
  if (!p) throw new AppError(404, 'PERIOD_UNKNOWN');
  return p;
}

// ---------- goals ----------
type GoalRow = NonNullable<Awaited<ReturnType<typeof repo.findGoal>>>;

/** For each goal: how many RHKs and distinct employees sit in the cascade below it. */
async function coverageByGoal(ctx: RequestContext, periodId: string) {
  const rows = await repo.goalCoverage(ctx.db, ctx.actor.tenantId, periodId);
  const children = new Map<string, typeof rows>();
  for (const r of rows)
    if (r.parent_rhk_id) children.set(r.parent_rhk_id, [...(children.get(r.parent_rhk_id) ?? []), r]);
  const result = new Map<string, { rhkCount: number; employeeCount: number }>();
  for (const top of rows.filter((r) => r.goal_id)) {
    const acc = result.get(top.goal_id as string) ?? { rhkCount: 0, employeeCount: 0 };
    const employees = new Set<string>();
    const stack = [top];
    let count = 0;
    while (stack.length) {
      const r = stack.pop() as (typeof rows)[number];
      count++;
      employees.add(r.employee_id);
      stack.push(...(children.get(r.id) ?? []));
    }
    result.set(top.goal_id as string, {
      rhkCount: acc.rhkCount + count,
      employeeCount: acc.employeeCount + employees.size,
    });
  }
  return result;
}

async function toGoals(ctx: RequestContext, goals: GoalRow[], periodId: string) {
  const [indicators, coverage] = await Promise.all([
    repo.goalIndicators(
      ctx.db,
      ctx.actor.tenantId,
      goals.map((g) => g.id),
    ),
    coverageByGoal(ctx, periodId),
  ]);
  return goals.map((g) => ({
    id: g.id,
    periodId: g.period_id,
    code: g.code,
    title: g.title,
    description: g.description,
    status: g.status,
    approvedAt: g.approved_at,
    approvedByName: g.approved_by_name,
    indicators: indicators
      .filter((i) => i.goal_id === g.id)
      .map((i) => ({
        id: i.id,
        name: i.name,
        targetValue: i.target_value,
        targetText: i.target_text,
        unit: i.unit,
        direction: i.direction,
      })),
    coverage: coverage.get(g.id) ?? { rhkCount: 0, employeeCount: 0 },
    abilities: {
      update: goalPolicy.can(ctx.actor, 'manage', g),
      approve: goalPolicy.can(ctx.actor, 'approve', g),
      delete: goalPolicy.can(ctx.actor, 'manage', g),
    },
  }));
}

export async function listGoals(ctx: RequestContext, periodId?: string) {
  goalPolicy.authorize(ctx.actor, 'read', null);
  const period = await resolvePeriod(ctx, periodId);
  return {
    items: await toGoals(ctx, await repo.listGoals(ctx.db, ctx.actor.tenantId, period.id), period.id),
  };
}

export async function getGoal(ctx: RequestContext, id: string) {
  goalPolicy.authorize(ctx.actor, 'read', null);
  const goal = await repo.findGoal(ctx.db, ctx.actor.tenantId, id);
  if (!goal) throw notFound();
  return (await toGoals(ctx, [goal], goal.period_id))[0];
}

const indicatorRows = (tenantId: string, goalId: string, input: z.infer<typeof s.CreateGoal>['indicators']) =>
  input.map((i, sort) => ({
    tenant_id: tenantId,
    id: newId(),
    goal_id: goalId,
    sort,
    name: i.name,
    target_value: i.targetValue ?? null,
    target_text: i.targetText ?? null,
    unit: i.unit,
    direction: i.direction,
  }));

export async function createGoal(ctx: RequestContext, input: z.infer<typeof s.CreateGoal>) {
  goalPolicy.authorize(ctx.actor, 'manage', null);
  const period = await resolvePeriod(ctx, input.periodId);
  if (period.status !== 'open') throw conflict('PERIOD_CLOSED', { year: period.year });
  const at = nowIso();
  const row: CityGoalTable = {
    tenant_id: ctx.actor.tenantId,
    id: newId(),
    period_id: period.id,
    code: input.code,
    title: input.title,
    description: input.description ?? null,
    status: 'draft',
    approved_by: null,
    approved_at: null,
    created_at: at,
    updated_at: at,
  };
  const existing = await repo.listGoals(ctx.db, ctx.actor.tenantId, period.id);
  if (existing.some((g) => g.code === input.code))
    throw conflict('DUPLICATE', { field: 'kode', value: input.code });
  await transaction(ctx.db, async (trx) => {
    await repo.insertGoal(trx, row);
    await repo.replaceGoalIndicators(
      trx,
      row.tenant_id,
      row.id,
      indicatorRows(row.tenant_id, row.id, input.indicators),
    );
    await audit(trx, ctx, {
      action: 'goal.create',
      entityType: 'goal',
      entityId: row.id,
      after: { ...row, indicators: input.indicators },
    });
  });
  return getGoal(ctx, row.id);
}

async function draftGoal(ctx: RequestContext, id: string) {
  const goal = await repo.findGoal(ctx.db, ctx.actor.tenantId, id);
  if (!goal) throw notFound();
  if (goal.status !== 'draft' && goalPolicy.can(ctx.actor, 'manage', null))
    throw conflict('GOAL_NOT_EDITABLE');
  goalPolicy.authorize(ctx.actor, 'manage', goal, 'read');
  return goal;
}

export async function updateGoal(ctx: RequestContext, id: string, input: z.infer<typeof s.UpdateGoal>) {
  const goal = await draftGoal(ctx, id);
  if (input.code && input.code !== goal.code) {
    const existing = await repo.listGoals(ctx.db, ctx.actor.tenantId, goal.period_id);
    if (existing.some((g) => g.code === input.code))
      throw conflict('DUPLICATE', { field: 'kode', value: input.code });
  }
  await transaction(ctx.db, async (trx) => {
    await repo.updateGoal(trx, ctx.actor.tenantId, id, {
      ...(input.code !== undefined && { code: input.code }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.description !== undefined && { description: input.description }),
      updated_at: nowIso(),
    });
    if (input.indicators)
      await repo.replaceGoalIndicators(
        trx,
        ctx.actor.tenantId,
        id,
        indicatorRows(ctx.actor.tenantId, id, input.indicators),
      );
    await audit(trx, ctx, {
      action: 'goal.update',
      entityType: 'goal',
      entityId: id,
      before: { code: goal.code, title: goal.title },
      after: input,
    });
  });
  return getGoal(ctx, id);
}

export async function approveGoal(ctx: RequestContext, id: string) {
  const goal = await repo.findGoal(ctx.db, ctx.actor.tenantId, id);
  if (!goal) throw notFound();
  goalPolicy.authorize(ctx.actor, 'approve', goal, 'read');
  await transaction(ctx.db, async (trx) => {
    await repo.updateGoal(trx, ctx.actor.tenantId, id, {
      status: 'approved',
      approved_by: ctx.actor.userId,
      approved_at: nowIso(),
      updated_at: nowIso(),
    });
    await audit(trx, ctx, {
      action: 'goal.approve',
      entityType: 'goal',
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'approved' },
    });
  });
  return getGoal(ctx, id);
}

export async function deleteGoal(ctx: RequestContext, id: string) {
  const goal = await draftGoal(ctx, id);
  const coverage = (await coverageByGoal(ctx, goal.period_id)).get(id);
  if (coverage && coverage.rhkCount > 0)
    throw conflict('GOAL_IN_USE', { code: goal.code, count: coverage.rhkCount });
  await transaction(ctx.db, async (trx) => {
    await repo.deleteGoal(trx, ctx.actor.tenantId, id);
    await audit(trx, ctx, { action: 'goal.delete', entityType: 'goal', entityId: id, before: goal });
  });
}
