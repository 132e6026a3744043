/**
 * The dashboard's figures computed the naive way: GROUP BY over the raw activity log (no rollups, no model),
 * plus the organisation, SKP and calendar tables. It is the baseline of `bench:dashboard` and the independent
 * computation the API tests compare the dashboard against. Definitions follow docs/api-dashboard.md.
 */
import { sql } from 'kysely';
import type { RequestContext } from '../src/core/context.ts';
import type { DB } from '../src/db/index.ts';
import {
  addDays,
  addMonths,
  isoWeekday,
  type LeaveSpan,
  monthCalendar,
  monthEnd,
  monthStart,
  monthsEndingWith,
} from '../src/modules/activities/calendar.ts';
import { activitySettingsOf } from '../src/modules/activities/settings.ts';
import { bandOf, bucketOf, ratioOf } from '../src/modules/activities/workload.ts';
import { dashboardSettingsOf } from '../src/modules/dashboard/settings.ts';
import { findAtasan } from '../src/modules/org/service.ts';
import { meanCapaian, quarterCapaian } from '../src/modules/skp/capaian.ts';

export interface NaiveRow {
  unitId: string;
  direct: boolean;
  people: number;
  skpApproved: number;
  activitiesToday: number;
  activitiesMonth: number;
  backlogMinutes: number;
  backlogPeople: number;
  approvedMinutes: number;
  effectiveMinutes: number;
  avgWorkload: number | null;
  under: number;
  normal: number;
  over: number;
  inactive: number;
}

export async function naiveDashboard(
  db: DB,
  tenantId: string,
  scopeUnitId: string | null,
  month: string,
  today: string,
) {
  const tenant = await db
    .selectFrom('tenants')
    .select(['settings', 'time_zone'])
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const s = activitySettingsOf(tenant.settings);
  const ds = dashboardSettingsOf(tenant.settings);
  const units = await db
    .selectFrom('units')
    .select(['id', 'parent_id', 'path', 'active', 'depth'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const root = units.filter((u) => u.parent_id === null).sort((a, b) => a.depth - b.depth)[0];
  const scope = scopeUnitId ? units.find((u) => u.id === scopeUnitId) : root;
  if (!scope) throw new Error('unknown unit');
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const employees = (
    await db
      .selectFrom('employees')
      .select(['id', 'unit_id', 'position_id'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'active')
      .where('unit_id', 'is not', null)
      .execute()
  ).filter((e) => (pathOf.get(e.unit_id as string) ?? '').startsWith(scope.path));

  // ----- the raw log, grouped -----
  const monthRows = await db
    .selectFrom('activities')
    .select((eb) => [
      'employee_id',
      'status',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('minutes').as('minutes'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('date', '>=', monthStart(month))
    .where('date', '<=', monthEnd(month))
    .groupBy(['employee_id', 'status'])
    .execute();
  const todayRows = await db
    .selectFrom('activities')
    .select((eb) => ['employee_id', eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('date', '=', today)
    .groupBy('employee_id')
    .execute();
  const lastRows = await db
    .selectFrom('activities')
    .select((eb) => ['employee_id', eb.fn.max('date').as('last')])
    .where('tenant_id', '=', tenantId)
    .groupBy('employee_id')
    .execute();
  const current = today.slice(0, 7);
  const backlogMonths = [0, -1, -2]
    .map((i) => addMonths(current, i))
    .filter((m) => addDays(monthEnd(m), s.verifyDaysAfterMonth) >= today);
  const pendingRows = await db
    .selectFrom('activities')
    .select((eb) => ['employee_id', eb.fn.sum<number>('minutes').as('minutes')])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'pending')
    .where('date', '>=', monthStart(backlogMonths[backlogMonths.length - 1]))
    .where('date', '<=', monthEnd(backlogMonths[0]))
    .groupBy('employee_id')
    .execute();
  const months = monthsEndingWith(month, 12);
  const seriesRows = await db
    .selectFrom('activities')
    .select((eb) => [
      'unit_id',
      sql<string>`substr(date, 1, 7)`.as('month'),
      eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when status = 'approved' then minutes else 0 end)`.as('approved'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('date', '>=', monthStart(months[0]))
    .where('date', '<=', monthEnd(month))
    .groupBy(['unit_id', sql`substr(date, 1, 7)`])
    .execute();

  // ----- calendar, leave, SKP -----
  const from = monthStart(months[0]);
  const to = monthEnd(month > current ? month : current);
  const holidays = new Map(
    (
      await db
        .selectFrom('work_calendar')
        .select(['date', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .execute()
    ).map((h) => [h.date, h.name]),
  );
  const leaves = new Map<string, LeaveSpan[]>();
  for (const l of await db
    .selectFrom('employee_leave')
    .select(['employee_id', 'start_date', 'end_date', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .execute())
    leaves.set(l.employee_id, [...(leaves.get(l.employee_id) ?? []), l]);
  const approvedSkp = new Set(
    (
      await db
        .selectFrom('skps as k')
        .innerJoin('periods as p', (j) =>
          j.onRef('p.tenant_id', '=', 'k.tenant_id').onRef('p.id', '=', 'k.period_id'),
        )
        .select('k.employee_id')
        .where('k.tenant_id', '=', tenantId)
        .where('p.year', '=', Number(today.slice(0, 4)))
        .where('k.status', 'in', ['approved', 'final'])
        .execute()
    ).map((r) => r.employee_id),
  );

  const monthOf = new Map<string, { entries: number; approved: number }>();
  for (const r of monthRows) {
    const x = monthOf.get(r.employee_id) ?? { entries: 0, approved: 0 };
    x.entries += Number(r.n);
    if (r.status === 'approved') x.approved += Number(r.minutes);
    monthOf.set(r.employee_id, x);
  }
  const todayOf = new Map(todayRows.map((r) => [r.employee_id, Number(r.n)]));
  const lastOf = new Map(lastRows.map((r) => [r.employee_id, String(r.last)]));
  const pendingOf = new Map(pendingRows.map((r) => [r.employee_id, Number(r.minutes)]));
  const effective = (m: string, id: string) =>
    monthCalendar(m, holidays, leaves.get(id) ?? [], s).effectiveMinutes;
  const workingDays: string[] = [];
  for (let i = 1; i <= 90 && workingDays.length < ds.inactiveWorkingDays; i++) {
    const d = addDays(today, -i);
    if (!holidays.has(d) && s.workWeekdays.includes(isoWeekday(d))) workingDays.push(d);
  }
  const cutoff = workingDays[workingDays.length - 1];
  const onLeave = (id: string, d: string) =>
    (leaves.get(id) ?? []).some((l) => l.start_date <= d && d <= l.end_date);

  // ----- rows: the scope's children and the people directly in it -----
  const children = units.filter(
    (u) =>
      u.parent_id === scope.id &&
      (Number(u.active) === 1 ||
        employees.some((e) => (pathOf.get(e.unit_id as string) ?? '').startsWith(u.path))),
  );
  const rowOf = (unitPath: string) => {
    const c = children.find((u) => unitPath.startsWith(u.path));
    return c ? c.id : scope.id;
  };
  const rows = new Map<string, NaiveRow>();
  const row = (unitId: string): NaiveRow => {
    let r = rows.get(unitId);
    if (!r) {
      r = {
        unitId,
        direct: unitId === scope.id,
        people: 0,
        skpApproved: 0,
        activitiesToday: 0,
        activitiesMonth: 0,
        backlogMinutes: 0,
        backlogPeople: 0,
        approvedMinutes: 0,
        effectiveMinutes: 0,
        avgWorkload: null,
        under: 0,
        normal: 0,
        over: 0,
        inactive: 0,
      };
      rows.set(unitId, r);
    }
    return r;
  };
  const total = row('__total__');
  total.direct = false;
  const buckets = [0, 0, 0, 0, 0, 0, 0];
  const inactive: string[] = [];
  const overloaded: string[] = [];
  const withBacklog: { id: string; positionId: string | null; minutes: number }[] = [];
  for (const e of employees) {
    const m = monthOf.get(e.id);
    const eff = effective(month, e.id);
    const ratio = ratioOf(m?.approved ?? 0, eff);
    const band = bandOf(ratio, s);
    const backlog = pendingOf.get(e.id) ?? 0;
    const last = lastOf.get(e.id) ?? null;
    const idle =
      workingDays.length > 0 &&
      (last === null || last < cutoff) &&
      !workingDays.some((d) => onLeave(e.id, d));
    for (const r of [total, row(rowOf(pathOf.get(e.unit_id as string) as string))]) {
      r.people += 1;
      if (approvedSkp.has(e.id)) r.skpApproved += 1;
      r.activitiesToday += todayOf.get(e.id) ?? 0;
      r.activitiesMonth += m?.entries ?? 0;
      r.backlogMinutes += backlog;
      if (backlog > 0) r.backlogPeople += 1;
      r.approvedMinutes += m?.approved ?? 0;
      r.effectiveMinutes += eff;
      if (band) r[band] += 1;
      if (idle) r.inactive += 1;
    }
    if (ratio !== null) buckets[bucketOf(ratio)] += 1;
    if (idle) inactive.push(e.id);
    if (ratio !== null && ratio > s.overThreshold) overloaded.push(e.id);
    if (backlog > 0) withBacklog.push({ id: e.id, positionId: e.position_id, minutes: backlog });
  }
  for (const r of rows.values()) r.avgWorkload = ratioOf(r.approvedMinutes, r.effectiveMinutes);

  // ----- series: work where it was done, against today's people -----
  const rowIds = [...children.map((c) => c.id), scope.id];
  const series = new Map(
    rowIds.map((id) => [id, months.map(() => ({ entries: 0, approved: 0, effective: 0 }))]),
  );
  for (const r of seriesRows) {
    const path = pathOf.get(r.unit_id);
    if (!path || !path.startsWith(scope.path)) continue;
    const cell = series.get(rowOf(path))?.[months.indexOf(r.month)];
    if (!cell) continue;
    cell.entries += Number(r.n);
    cell.approved += Number(r.approved);
  }
  for (const e of employees) {
    const cells = series.get(rowOf(pathOf.get(e.unit_id as string) as string));
    months.forEach((m, i) => {
      if (cells) cells[i].effective += effective(m, e.id);
    });
  }
  const trend = months.map((m, i) => {
    let entries = 0;
    let approved = 0;
    let eff = 0;
    for (const cells of series.values()) {
      entries += cells[i].entries;
      approved += cells[i].approved;
      eff += cells[i].effective;
    }
    return {
      month: m,
      entries,
      approvedMinutes: approved,
      effectiveMinutes: eff,
      ratio: ratioOf(approved, eff),
    };
  });
  const heatmap = new Map(
    [...series.entries()].map(([id, cells]) => [id, cells.map((c) => ratioOf(c.approved, c.effective))]),
  );

  // ----- supervisors with a backlog: the atasan from the org service, one person at a time -----
  const ctx = { db, actor: { tenantId } } as unknown as RequestContext;
  const bySupervisor = new Map<string, number>();
  for (const b of withBacklog) {
    const atasan = await findAtasan(ctx, b.positionId, b.id);
    if (atasan) bySupervisor.set(atasan.employeeId, (bySupervisor.get(atasan.employeeId) ?? 0) + b.minutes);
  }
  const supervisors = [...bySupervisor.entries()]
    .filter(([, minutes]) => minutes >= ds.backlogMinutes)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  // ----- goals: the RHKs citing each goal, at their latest confirmed quarter -----
  const goalRows = await db
    .selectFrom('city_goals as g')
    .innerJoin('periods as p', (j) =>
      j.onRef('p.tenant_id', '=', 'g.tenant_id').onRef('p.id', '=', 'g.period_id'),
    )
    .select(['g.id', 'g.code'])
    .where('g.tenant_id', '=', tenantId)
    .where('p.year', '=', Number(today.slice(0, 4)))
    .execute();
  const rhkRows = await db
    .selectFrom('rhks as r')
    .innerJoin('skps as k', (j) => j.onRef('k.tenant_id', '=', 'r.tenant_id').onRef('k.id', '=', 'r.skp_id'))
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'k.tenant_id').onRef('u.id', '=', 'k.unit_id'),
    )
    .innerJoin('rhk_indicators as i', (j) =>
      j.onRef('i.tenant_id', '=', 'r.tenant_id').onRef('i.rhk_id', '=', 'r.id'),
    )
    .leftJoin('realisations as x', (j) =>
      j
        .onRef('x.tenant_id', '=', 'i.tenant_id')
        .onRef('x.indicator_id', '=', 'i.id')
        .on('x.status', '=', 'confirmed'),
    )
    .select([
      'r.id as rhk_id',
      'r.goal_id',
      'u.path',
      'i.id as indicator_id',
      'i.aspect',
      'i.unit',
      'i.target_value',
      'i.direction',
      'x.quarter',
      'x.value',
    ])
    .where('r.tenant_id', '=', tenantId)
    .where('r.goal_id', 'is not', null)
    .execute();
  const opdPath =
    scope.id === root.id
      ? null
      : (units.find((u) => u.depth === root.depth + 1 && scope.path.startsWith(u.path))?.path ?? scope.path);
  const goals = goalRows.map((g) => {
    const perIndicator = new Map<
      string,
      { rhk: string; q: number; value: number | null; ind: (typeof rhkRows)[number] }
    >();
    for (const r of rhkRows) {
      if (r.goal_id !== g.id || (opdPath && !r.path.startsWith(opdPath))) continue;
      const seen = perIndicator.get(r.indicator_id);
      const q = r.quarter === null ? 0 : Number(r.quarter);
      if (!seen || q > seen.q)
        perIndicator.set(r.indicator_id, {
          rhk: r.rhk_id,
          q,
          value: r.value === null ? null : Number(r.value),
          ind: r,
        });
    }
    const byRhk = new Map<string, (number | null)[]>();
    for (const v of perIndicator.values()) {
      const c =
        v.q === 0
          ? null
          : quarterCapaian(
              {
                aspect: v.ind.aspect,
                unit: v.ind.unit,
                target_value: v.ind.target_value === null ? null : Number(v.ind.target_value),
                direction: v.ind.direction,
              },
              v.value,
              v.q,
            );
      byRhk.set(v.rhk, [...(byRhk.get(v.rhk) ?? []), c]);
    }
    return {
      id: g.id,
      code: g.code,
      rhks: byRhk.size,
      progress: meanCapaian([...byRhk.values()].map((cs) => meanCapaian(cs))),
    };
  });

  rows.delete('__total__');
  return {
    headline: total,
    rows: [...rows.values()],
    buckets,
    trend,
    heatmap,
    inactive: inactive.sort(),
    overloaded: overloaded.sort(),
    supervisors,
    goals,
    backlogMonths,
  };
}
