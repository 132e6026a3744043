import './messages.ts';
import type { Actor } from '../../core/auth.ts';
import type { RequestContext } from '../../core/context.ts';
import { AppError, forbidden, notFound } from '../../core/errors.ts';
import * as orgRepo from '../org/repository.ts';
import { forceRebuild, modelFor, type TenantModel, type UnitNode } from './model.ts';
import { dashboardPolicy, dashboardScopes, hasDashboard } from './policy.ts';
import { DashboardView } from './schemas.ts';
import { computeView, search as searchModel } from './views.ts';

const views = new WeakMap<TenantModel, Map<string, { version: number; json: string }>>();
const VIEW_CACHE = 64;

async function model(ctx: RequestContext, month?: string): Promise<TenantModel> {
  const m = await modelFor(ctx.db, ctx.actor.tenantId, month);
  if (!m) throw notFound();
  if (month && month > m.currentMonth) throw new AppError(400, 'DASHBOARD_MONTH_FUTURE', { month });
  return m;
}

/**
 * The figures of a unit for a month as JSON, validated against the response schema once and memoised until
 * the model moves (a warm request then only sends a string).
 */
function viewJson(m: TenantModel, unit: UnitNode, month: string, actor: Actor): string {
  let cache = views.get(m);
  if (!cache) {
    cache = new Map();
    views.set(m, cache);
  }
  const can = abilities(actor);
  const key = `${unit.id}|${month}|${can.city}`;
  const hit = cache.get(key);
  if (hit && hit.version === m.version) return hit.json;
  const view = computeView(m, unit, month);
  if (!can.city) withoutPersonalPay(view);
  const json = JSON.stringify(DashboardView.parse({ ...view, abilities: can }));
  cache.delete(key);
  cache.set(key, { version: m.version, json });
  if (cache.size > VIEW_CACHE) cache.delete(cache.keys().next().value as string);
  return json;
}

/**
 * A person's TPP is for the employee, BKPSDM, pimpinan and the inspectorate (DESIGN §3): an admin_opd's OPD
 * dashboard keeps the totals but not the amount of each person.
 */
function withoutPersonalPay(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) withoutPersonalPay(item);
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('employeeId' in o && 'tpp' in o) delete o.tpp;
    for (const v of Object.values(o)) if (v && typeof v === 'object') withoutPersonalPay(v);
  }
}

const abilities = (a: Actor) => ({
  city: dashboardPolicy.can(a, 'readCity', null),
  export: true,
});

/** GET /dashboard/city: the whole city (pimpinan, BKPSDM, inspektorat). */
export async function cityView(ctx: RequestContext, month?: string) {
  dashboardPolicy.authorize(ctx.actor, 'readCity', null);
  const m = await model(ctx, month);
  return viewJson(m, m.root, month ?? m.currentMonth, ctx.actor);
}

/** The unit of the model, or 404; a unit created after the model was built triggers a rebuild. */
async function unitOf(ctx: RequestContext, m: TenantModel, unitId: string, month?: string) {
  let unit = m.units.get(unitId);
  if (!unit) {
    const row = await orgRepo.findUnit(ctx.db, ctx.actor.tenantId, unitId);
    if (!row) throw notFound();
    dashboardPolicy.authorize(ctx.actor, 'readUnit', { unitPath: row.path }, 'readUnit');
    // the unit is newer than the model
    const fresh = await forceRebuild(ctx.db, ctx.actor.tenantId, month);
    unit = fresh?.units.get(unitId);
    if (!fresh || !unit) throw notFound();
    return { m: fresh, unit };
  }
  dashboardPolicy.authorize(ctx.actor, 'readUnit', { unitPath: unit.path }, 'readUnit');
  return { m, unit };
}

/** GET /dashboard/units/{id}: an OPD or a unit (city-wide roles anywhere, an admin_opd inside their OPD). */
export async function unitView(ctx: RequestContext, unitId: string, month?: string) {
  if (!hasDashboard(ctx.actor)) throw notFound();
  const found = await unitOf(ctx, await model(ctx, month), unitId, month);
  return viewJson(found.m, found.unit, month ?? found.m.currentMonth, ctx.actor);
}

/**
 * The view behind an export: every person in the warning lists and the people table, for a unit when given,
 * else the caller's home scope (the city, or their OPD).
 */
export async function fullView(ctx: RequestContext, unitId: string | undefined, month?: string) {
  if (!hasDashboard(ctx.actor)) throw forbidden();
  let target = unitId;
  if (!target && !dashboardPolicy.can(ctx.actor, 'readCity', null)) {
    target = ctx.actor.roles.find((g) => g.role === 'admin_opd' && g.unitId)?.unitId ?? undefined;
    if (!target) throw forbidden();
  }
  const m = await model(ctx, month);
  const found = target ? await unitOf(ctx, m, target, month) : { m, unit: m.root };
  const view = computeView(found.m, found.unit, month ?? found.m.currentMonth, {
    listLimit: Number.MAX_SAFE_INTEGER,
    peopleLimit: Number.MAX_SAFE_INTEGER,
    people: true,
  });
  if (!dashboardPolicy.can(ctx.actor, 'readCity', null)) withoutPersonalPay(view);
  return view;
}

/** GET /dashboard/search: people (by name or NIP) and units within the caller's dashboard scope. */
export async function search(ctx: RequestContext, q: string, limit: number) {
  if (!hasDashboard(ctx.actor)) throw forbidden();
  const m = await model(ctx);
  const paths = dashboardScopes(ctx.actor);
  const scopes = paths === null ? [m.root] : [...m.units.values()].filter((u) => paths.includes(u.path));
  if (scopes.length === 0) throw forbidden();
  return searchModel(m, scopes, q, limit);
}

/** The OPD ids a caller's stream should hear about (null = every change in the city). */
export async function streamScope(ctx: RequestContext, unitId: string | undefined): Promise<string[] | null> {
  if (!hasDashboard(ctx.actor)) throw forbidden();
  const m = await model(ctx);
  if (unitId) {
    const { m: fresh, unit } = await unitOf(ctx, m, unitId);
    return unit === fresh.root ? null : [unit.opdId ?? unit.id];
  }
  if (dashboardPolicy.can(ctx.actor, 'readCity', null)) return null;
  const paths = dashboardScopes(ctx.actor);
  if (paths === null) return null;
  const opds = [...m.units.values()]
    .filter((u) => paths.includes(u.path))
    .map((u) => (u === m.root ? null : (u.opdId ?? u.id)));
  if (opds.includes(null)) return null;
  if (opds.length === 0) throw forbidden();
  return opds as string[];
}
