/**
 * The dashboard's reads. Everything about activities comes from the rollup tables (person-day, person-month,
 * unit-month), never from the activity log; the organisation and SKP tables give the dimensions. People are
 * read in keyset chunks so that building a large city's model never holds the event loop for long.
 */
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';

export const APPROVED_SKP = ['approved', 'final'] as const;

export const tenantRow = (db: DB, tenantId: string) =>
  db
    .selectFrom('tenants')
    .select(['id', 'time_zone', 'settings'])
    .where('id', '=', tenantId)
    .executeTakeFirst();

export const units = (db: DB, tenantId: string) =>
  db
    .selectFrom('units')
    .select(['id', 'name', 'code', 'type', 'parent_id', 'path', 'depth', 'active'])
    .where('tenant_id', '=', tenantId)
    .orderBy('path')
    .execute();

export const positions = (db: DB, tenantId: string) =>
  db
    .selectFrom('positions')
    .select(['id', 'parent_position_id', 'name'])
    .where('tenant_id', '=', tenantId)
    .execute();

export const actingHolders = (db: DB, tenantId: string) =>
  db
    .selectFrom('acting_assignments')
    .select(['position_id', 'employee_id'])
    .where('tenant_id', '=', tenantId)
    .where('active', '=', 1)
    .execute();

export const periodOfYear = (db: DB, tenantId: string, year: number) =>
  db
    .selectFrom('periods')
    .select(['id', 'year'])
    .where('tenant_id', '=', tenantId)
    .where('year', '=', year)
    .executeTakeFirst();

/**
 * Active employees with what the dashboard needs per person: position, the day's entries and the last day
 * with any entry (both from rollup_person_day, by primary key), and the SKP state of the period.
 */
function peopleQuery(db: DB, tenantId: string, today: string, periodId: string | null) {
  const approvedList = sql.join(APPROVED_SKP.map((s) => sql.lit(s)));
  return db
    .selectFrom('employees as e')
    .leftJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
    )
    .leftJoin('rollup_person_day as d', (j) =>
      j.onRef('d.tenant_id', '=', 'e.tenant_id').onRef('d.employee_id', '=', 'e.id').on('d.date', '=', today),
    )
    .select([
      'e.id',
      'e.name',
      'e.nip',
      'e.unit_id',
      'e.position_id',
      'p.name as position_name',
      'd.entries as today_entries',
      sql<
        string | null
      >`(select max(x.date) from rollup_person_day x where x.tenant_id = e.tenant_id and x.employee_id = e.id)`.as(
        'last_active',
      ),
      sql<number | null>`(select max(case when s.status in (${approvedList}) then 1 else 0 end) from skps s
        where s.tenant_id = e.tenant_id and s.employee_id = e.id and s.period_id = ${periodId ?? ''})`.as(
        'skp_approved',
      ),
      sql<string | null>`(select s.status from skps s
        where s.tenant_id = e.tenant_id and s.employee_id = e.id and s.period_id = ${periodId ?? ''}
        order by s.updated_at desc, s.id limit 1)`.as('skp_status'),
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.status', '=', 'active')
    .where('e.unit_id', 'is not', null);
}
export type PersonRow = Awaited<ReturnType<ReturnType<typeof peopleQuery>['execute']>>[number];

export const peopleChunk = (
  db: DB,
  tenantId: string,
  today: string,
  periodId: string | null,
  afterId: string,
  limit: number,
) =>
  peopleQuery(db, tenantId, today, periodId)
    .where('e.id', '>', afterId)
    .orderBy('e.id')
    .limit(limit)
    .execute();

export const peopleByIds = (
  db: DB,
  tenantId: string,
  today: string,
  periodId: string | null,
  ids: string[],
) =>
  ids.length === 0
    ? Promise.resolve([] as PersonRow[])
    : peopleQuery(db, tenantId, today, periodId).where('e.id', 'in', ids).execute();

/** Person-month rollups of these employees in these months. */
export const personMonths = (db: DB, tenantId: string, employeeIds: string[], months: string[]) =>
  employeeIds.length === 0 || months.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('rollup_person_month')
        .select(['employee_id', 'month', 'entries', 'minutes_approved', 'minutes_pending'])
        .where('tenant_id', '=', tenantId)
        .where('employee_id', 'in', employeeIds)
        .where('month', 'in', months)
        .execute();

/** Unit-month rollups of these units (where the work was done) in these months. */
export const unitMonthsOf = (db: DB, tenantId: string, unitIds: string[], months: string[]) =>
  unitIds.length === 0 || months.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('rollup_unit_month')
        .select(['unit_id', 'month', 'entries', 'minutes_approved', 'minutes_pending'])
        .where('tenant_id', '=', tenantId)
        .where('unit_id', 'in', unitIds)
        .where('month', 'in', months)
        .execute();

// ---------------- city goals and the RHKs that cite them ----------------
export const goals = (db: DB, tenantId: string, periodId: string) =>
  db
    .selectFrom('city_goals')
    .select(['id', 'code', 'title', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('period_id', '=', periodId)
    .orderBy('code')
    .execute();

export const goalIndicators = (db: DB, tenantId: string, goalIds: string[]) =>
  goalIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('goal_indicators')
        .select(['id', 'goal_id', 'name', 'target_value', 'target_text', 'unit', 'direction'])
        .where('tenant_id', '=', tenantId)
        .where('goal_id', 'in', goalIds)
        .orderBy('sort')
        .execute();

/** RHKs that cite a city goal directly (the heads of OPD's results), with their owner. */
export const goalRhks = (db: DB, tenantId: string, periodId: string) =>
  db
    .selectFrom('rhks as r')
    .innerJoin('skps as s', (j) => j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.skp_id'))
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 's.tenant_id').onRef('e.id', '=', 's.employee_id'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'),
    )
    .select([
      'r.id',
      'r.text',
      'r.goal_id',
      's.id as skp_id',
      's.status as skp_status',
      's.employee_id',
      'e.name as employee_name',
      'e.nip as employee_nip',
      'u.id as unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('r.tenant_id', '=', tenantId)
    .where('r.period_id', '=', periodId)
    .where('r.goal_id', 'is not', null)
    .orderBy('r.sort')
    .orderBy('r.id')
    .execute();

export const rhkIndicators = (db: DB, tenantId: string, rhkIds: string[]) =>
  rhkIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('rhk_indicators')
        .select(['id', 'rhk_id', 'name', 'aspect', 'unit', 'target_value', 'direction'])
        .where('tenant_id', '=', tenantId)
        .where('rhk_id', 'in', rhkIds)
        .orderBy('sort')
        .execute();

export const confirmedRealisations = (db: DB, tenantId: string, indicatorIds: string[]) =>
  indicatorIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('realisations')
        .select(['indicator_id', 'quarter', 'value'])
        .where('tenant_id', '=', tenantId)
        .where('indicator_id', 'in', indicatorIds)
        .where('status', '=', 'confirmed')
        .execute();

// ---------------- working calendar ----------------
export const holidays = (db: DB, tenantId: string, from: string, to: string) =>
  db
    .selectFrom('work_calendar')
    .select(['date', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();

export const leaves = (db: DB, tenantId: string, from: string, to: string) =>
  db
    .selectFrom('employee_leave')
    .select(['employee_id', 'start_date', 'end_date', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .execute();
