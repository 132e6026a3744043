import type { RequestContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { getGoal, resolvePeriod } from './goals.ts';
import { goalPolicy } from './policy.ts';
import * as repo from './repository.ts';
import type { CascadeNodeShape } from './schemas.ts';

/**
 * The cascade is read in one query per period and assembled in memory: every RHK knows its parent RHK or the
 * city goal it cites, so walking down from a goal or up from an RHK needs no recursive SQL. Everyone in the city
 * may see it: the point is that each person's results visibly serve the city's goals.
 */
export async function goalCascade(ctx: RequestContext, goalId: string) {
  const goal = await getGoal(ctx, goalId);
  const tenantId = ctx.actor.tenantId;
  const [rhks, indicators, units] = await Promise.all([
    repo.periodRhks(ctx.db, tenantId, goal.periodId),
    repo.periodIndicators(ctx.db, tenantId, goal.periodId),
    repo.unitNames(ctx.db, tenantId),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const byParent = new Map<string, typeof rhks>();
  for (const r of rhks)
    if (r.parent_rhk_id) byParent.set(r.parent_rhk_id, [...(byParent.get(r.parent_rhk_id) ?? []), r]);
  const indicatorsOf = new Map<string, typeof indicators>();
  for (const i of indicators) indicatorsOf.set(i.rhk_id, [...(indicatorsOf.get(i.rhk_id) ?? []), i]);
  const seen = new Set<string>();
  const build = (r: (typeof rhks)[number]): CascadeNodeShape => {
    seen.add(r.id);
    // path "/root/opd/…/": the OPD is the second id
    const opdId = r.unit_path.split('/').filter(Boolean)[1];
    return {
      rhkId: r.id,
      text: r.text,
      employee: { id: r.employee_id, name: r.employee_name, nip: r.employee_nip },
      positionName: r.position_name,
      unitName: r.unit_name,
      opdName: (opdId && unitName.get(opdId)) || r.unit_name,
      skpStatus: r.skp_status,
      indicators: (indicatorsOf.get(r.id) ?? []).map((i) => ({
        name: i.name,
        targetValue: i.target_value,
        targetText: i.target_text,
        unit: i.unit,
      })),
      children: (byParent.get(r.id) ?? []).filter((c) => !seen.has(c.id)).map(build),
    };
  };
  return { goal, nodes: rhks.filter((r) => r.goal_id === goalId).map(build) };
}

export async function rhkPath(ctx: RequestContext, rhkId: string) {
  goalPolicy.authorize(ctx.actor, 'read', null);
  const tenantId = ctx.actor.tenantId;
  type Step =
    | { type: 'rhk'; rhkId: string; text: string; employeeName: string; positionName: string }
    | { type: 'goal'; id: string; code: string; title: string };
  const path: Step[] = [];
  let current = await repo.findRhk(ctx.db, tenantId, rhkId);
  if (!current) throw notFound();
  const visited = new Set<string>();
  while (current && !visited.has(current.id)) {
    visited.add(current.id);
    path.push({
      type: 'rhk',
      rhkId: current.id,
      text: current.text,
      employeeName: current.employee_name,
      positionName: current.position_name,
    });
    if (current.goal_id) {
      const goal = await repo.findGoal(ctx.db, tenantId, current.goal_id);
      if (goal) path.push({ type: 'goal', id: goal.id, code: goal.code, title: goal.title });
      break;
    }
    current = current.parent_rhk_id ? await repo.findRhk(ctx.db, tenantId, current.parent_rhk_id) : undefined;
  }
  return { path };
}

export async function coverage(ctx: RequestContext, periodId?: string) {
  goalPolicy.authorize(ctx.actor, 'read', null);
  const period = await resolvePeriod(ctx, periodId);
  const tenantId = ctx.actor.tenantId;
  const [held, skps, rhks, goals] = await Promise.all([
    repo.heldPositions(ctx.db, tenantId),
    repo.listSkps(ctx.db, tenantId, { periodId: period.id, limit: 1_000_000 }),
    repo.periodRhks(ctx.db, tenantId, period.id),
    repo.listGoals(ctx.db, tenantId, period.id),
  ]);
  const statusOf = new Map(skps.map((s) => [`${s.employee_id}|${s.position_id}`, s.status]));
  const cited = new Set(rhks.map((r) => r.goal_id).filter(Boolean));
  const withoutApproved = held.filter(
    (h) => statusOf.get(`${h.employee_id}|${h.position_id}`) !== 'approved',
  );
  return {
    positionsWithoutApprovedSkp: withoutApproved.map((h) => ({
      positionId: h.position_id,
      positionName: h.position_name,
      unitName: h.unit_name,
      holderName: h.employee_name,
      status: statusOf.get(`${h.employee_id}|${h.position_id}`) ?? null,
    })),
    orphanRhks: rhks
      .filter((r) => !r.parent_rhk_id && !r.goal_id)
      .map((r) => ({ rhkId: r.id, text: r.text, employeeName: r.employee_name })),
    goalsWithoutRhk: goals
      .filter((g) => !cited.has(g.id))
      .map((g) => ({ id: g.id, code: g.code, title: g.title })),
    totals: { heldPositions: held.length, approved: held.length - withoutApproved.length },
  };
}
