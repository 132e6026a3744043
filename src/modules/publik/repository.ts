/** Aggregate reads for the public transparency page: group counts, rollups and the SKP cascade. */
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';

export const findTenant = (db: DB, slug: string) =>
  db
    .selectFrom('tenants')
    .select(['id', 'slug', 'name', 'time_zone', 'settings', 'active'])
    .where('slug', '=', slug)
    .executeTakeFirst();

export const units = (db: DB, tenantId: string) =>
  db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'depth', 'active'])
    .where('tenant_id', '=', tenantId)
    .execute();

/** The current period: the one of `year`, else the latest. */
export async function periodFor(db: DB, tenantId: string, year: number) {
  const rows = await db
    .selectFrom('periods')
    .select(['id', 'year'])
    .where('tenant_id', '=', tenantId)
    .orderBy('year', 'desc')
    .execute();
  return rows.find((p) => p.year === year) ?? rows[0];
}

/**
 * Active employees in a post, per unit, and how many of them have an approved SKP for the period for the
 * position they hold now. One grouped query.
 */
export async function postsPerUnit(db: DB, tenantId: string, periodId: string | null) {
  const result = await sql<{ unit_id: string; people: number; approved: number }>`
    SELECT e.unit_id AS unit_id, count(*) AS people,
      coalesce(sum(CASE WHEN s.status IN ('approved', 'final') THEN 1 ELSE 0 END), 0) AS approved
    FROM employees e
    LEFT JOIN skps s ON s.tenant_id = e.tenant_id AND s.period_id = ${periodId ?? ''}
      AND s.employee_id = e.id AND s.position_id = e.position_id
    WHERE e.tenant_id = ${tenantId} AND e.status = 'active' AND e.position_id IS NOT NULL
      AND e.unit_id IS NOT NULL
    GROUP BY e.unit_id`.execute(db);
  return result.rows.map((r) => ({
    unitId: r.unit_id,
    people: Number(r.people),
    approved: Number(r.approved),
  }));
}

/** The latest month before `before` with activity in the OPD rollup (null when none). */
export async function latestRollupMonth(db: DB, tenantId: string, before: string) {
  const row = await db
    .selectFrom('rollup_opd_month')
    .select((eb) => eb.fn.max('month').as('month'))
    .where('tenant_id', '=', tenantId)
    .where('month', '<', before)
    .executeTakeFirst();
  return (row?.month as string | null | undefined) ?? null;
}

export const opdMonth = (db: DB, tenantId: string, month: string) =>
  db
    .selectFrom('rollup_opd_month')
    .select(['opd_id', 'minutes_approved', 'people'])
    .where('tenant_id', '=', tenantId)
    .where('month', '=', month)
    .execute();

export const approvedGoals = (db: DB, tenantId: string, periodId: string) =>
  db
    .selectFrom('city_goals')
    .select(['id', 'code', 'title'])
    .where('tenant_id', '=', tenantId)
    .where('period_id', '=', periodId)
    .where('status', '=', 'approved')
    .orderBy('code')
    .execute();

export const goalIndicators = (db: DB, tenantId: string, goalIds: string[]) =>
  goalIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('goal_indicators')
        .select(['goal_id', 'name', 'target_value', 'target_text', 'unit', 'sort'])
        .where('tenant_id', '=', tenantId)
        .where('goal_id', 'in', goalIds)
        .orderBy('goal_id')
        .orderBy('sort')
        .execute();

/** Every RHK of the period with its parent, the goal it cites and its owner (the cascade, in one read). */
export const periodRhks = (db: DB, tenantId: string, periodId: string) =>
  db
    .selectFrom('rhks as r')
    .innerJoin('skps as s', (j) => j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.skp_id'))
    .select(['r.id', 'r.parent_rhk_id', 'r.goal_id', 's.employee_id'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.period_id', '=', periodId)
    .execute();

/** Confirmed realisations of the period with their indicator (the capaian is computed per latest quarter). */
export const confirmedRealisations = (db: DB, tenantId: string, periodId: string) =>
  db
    .selectFrom('realisations as z')
    .innerJoin('skps as s', (j) => j.onRef('s.tenant_id', '=', 'z.tenant_id').onRef('s.id', '=', 'z.skp_id'))
    .innerJoin('rhk_indicators as i', (j) =>
      j.onRef('i.tenant_id', '=', 'z.tenant_id').onRef('i.id', '=', 'z.indicator_id'),
    )
    .select([
      'z.indicator_id',
      'z.quarter',
      'z.value',
      'i.rhk_id',
      'i.aspect',
      'i.unit',
      'i.target_value',
      'i.direction',
    ])
    .where('z.tenant_id', '=', tenantId)
    .where('s.period_id', '=', periodId)
    .where('z.status', '=', 'confirmed')
    .execute();
