import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type {
  AttendanceDayTable,
  AttendanceScheduleTable,
  DisciplinarySanctionTable,
  EmployeeLeaveTable,
} from '../../db/schema.ts';
import type { DeductionRule, RuleCode } from './rules.ts';
import type { DaySchedule, Schedule } from './schedule.ts';

/** IN lists longer than this are not sent as parameters: the query reads the tenant and filters after. */
export const MAX_IN_LIST = 500;

export const tenantRow = (db: DB, tenantId: string) =>
  db.selectFrom('tenants').select(['time_zone', 'settings']).where('id', '=', tenantId).executeTakeFirst();

// ---------------- calendar ----------------
export const calendarBetween = (db: DB, tenantId: string, from: string, to: string) =>
  db
    .selectFrom('work_calendar')
    .select(['date', 'kind', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();

export const findHoliday = (db: DB, tenantId: string, date: string) =>
  db
    .selectFrom('work_calendar')
    .select(['date', 'kind', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('date', '=', date)
    .executeTakeFirst();

// ---------------- schedules ----------------
export const toSchedule = (r: AttendanceScheduleTable): Schedule => ({
  id: r.id,
  name: r.name,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  days: JSON.parse(r.days) as (DaySchedule | null)[],
});

export async function schedules(db: DB, tenantId: string): Promise<Schedule[]> {
  const rows = await db
    .selectFrom('attendance_schedules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('valid_from')
    .execute();
  return rows.map(toSchedule);
}

export const findSchedule = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('attendance_schedules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

// ---------------- deduction table ----------------
export async function storedRules(db: DB, tenantId: string): Promise<DeductionRule[]> {
  const rows = await db
    .selectFrom('attendance_deduction_rules')
    .select(['code', 'min_minutes', 'max_minutes', 'basis_points'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return rows.map((r) => ({
    code: r.code as RuleCode,
    minMinutes: r.min_minutes === null ? null : Number(r.min_minutes),
    maxMinutes: r.max_minutes === null ? null : Number(r.max_minutes),
    basisPoints: Number(r.basis_points),
  }));
}

// ---------------- attendance days ----------------
export type DayRow = Pick<
  AttendanceDayTable,
  'employee_id' | 'date' | 'check_in_min' | 'check_out_min' | 'apel'
>;

/** Last date of the month that has any attendance row in the city (how far the imported data reaches). */
export async function dataUntil(db: DB, tenantId: string, from: string, to: string): Promise<string | null> {
  const row = await db
    .selectFrom('attendance_days')
    .select((eb) => eb.fn.max('date').as('d'))
    .where('tenant_id', '=', tenantId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .executeTakeFirst();
  return (row?.d as string | null | undefined) ?? null;
}

/** The month rollup of the employees with attendance rows (one row each: which days have a row / a tap). */
export function monthRollups(db: DB, tenantId: string, month: string, employeeIds?: readonly string[]) {
  let q = db
    .selectFrom('attendance_months')
    .select(['employee_id', 'day_mask', 'tap_mask', 'deviations'])
    .where('tenant_id', '=', tenantId)
    .where('month', '=', month);
  if (employeeIds) q = q.where('employee_id', 'in', employeeIds);
  return q.execute();
}

/** Which of these employees have at least one attendance row in the range. */
export const employeesWithRows = (
  db: DB,
  tenantId: string,
  from: string,
  to: string,
  ids: readonly string[],
) =>
  db
    .selectFrom('attendance_days')
    .select('employee_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('employee_id', 'in', ids)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();

/** Number of attendance rows of the range (to check the month rollups against). */
export async function countRows(
  db: DB,
  tenantId: string,
  from: string,
  to: string,
  employeeIds?: readonly string[],
): Promise<number> {
  let q = db
    .selectFrom('attendance_days')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('date', '>=', from)
    .where('date', '<=', to);
  if (employeeIds) q = q.where('employee_id', 'in', employeeIds);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Every row of the range (slow path, only when rows were written around the attendance writer). */
export function allRows(db: DB, tenantId: string, from: string, to: string, employeeIds?: readonly string[]) {
  let q = db
    .selectFrom('attendance_days')
    .select(['employee_id', 'date', 'check_in_min', 'check_out_min', 'apel'])
    .where('tenant_id', '=', tenantId)
    .where('date', '>=', from)
    .where('date', '<=', to);
  if (employeeIds) q = q.where('employee_id', 'in', employeeIds);
  return q.execute();
}

const dayOfMonth = sql<number>`cast(substr(date, 9, 2) as integer) - 1`;

/**
 * Rebuild the month rollups of the range from the rows, set-based (optionally for some employees only).
 * Called in the transaction of every write to attendance_days.
 */
export async function refreshMonths(
  db: DB,
  tenantId: string,
  from: string,
  to: string,
  employeeIds?: readonly string[],
) {
  const only = employeeIds
    ? sql`and employee_id in (${sql.join(employeeIds.map((id) => sql`${id}`))})`
    : sql``;
  await sql`
    insert into attendance_months (tenant_id, employee_id, month, day_mask, tap_mask, deviations, last_date)
    select tenant_id, employee_id, substr(date, 1, 7), sum(1 << ${dayOfMonth}),
      sum(case when check_in_min is not null or check_out_min is not null then 1 << ${dayOfMonth} else 0 end),
      coalesce(string_agg(case when deviation = 1 then substr(date, 9, 2) || ':' ||
        coalesce(cast(check_in_min as text), '') || ':' || coalesce(cast(check_out_min as text), '') || ':' ||
        coalesce(cast(apel as text), '') end, ';'), ''),
      max(date)
    from attendance_days
    where tenant_id = ${tenantId} and date >= ${from} and date <= ${to} ${only}
    group by tenant_id, employee_id, substr(date, 1, 7)
    on conflict (tenant_id, employee_id, month) do update set day_mask = excluded.day_mask,
      tap_mask = excluded.tap_mask, deviations = excluded.deviations, last_date = excluded.last_date`.execute(
    db,
  );
}

/**
 * Re-derive the deviation flag of every row of one month under the schedules now in force (after a
 * schedule change), set-based: the scheduled start and end of each date are inlined as CASE lists; then
 * the month's rollups.
 */
export async function refreshDeviation(
  db: DB,
  tenantId: string,
  month: string,
  scheduleOf: (date: string) => DaySchedule | null,
) {
  const from = `${month}-01`;
  const to = `${month}-31`;
  const dates: [string, DaySchedule][] = [];
  for (let d = 1; d <= 31; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    const s = scheduleOf(date);
    if (s) dates.push([date, s]);
  }
  const when = (pick: (s: DaySchedule) => number) =>
    sql.join(
      dates.map(([d, s]) => sql`when ${d} then ${sql.lit(pick(s))}`),
      sql` `,
    );
  const timed = dates.length
    ? sql`or check_in_min > case date ${when((s) => s.start)} end
          or check_out_min < case date ${when((s) => s.end)} end`
    : sql``;
  const derived = sql`case
      when check_in_min is null or check_out_min is null or apel = 0 ${timed} then 1 else 0 end`;
  // only the rows whose flag changes are written
  await sql`
    update attendance_days set deviation = ${derived}
    where tenant_id = ${tenantId} and date >= ${from} and date <= ${to} and deviation <> ${derived}`.execute(
    db,
  );
  // the rollups carry the deviating days: rebuild the month's
  await refreshMonths(db, tenantId, from, to);
}

/** Months of the range that have any attendance row. */
export async function monthsWithRows(db: DB, tenantId: string, from: string, to: string | null) {
  let q = db
    .selectFrom('attendance_months')
    .select('month')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('month', '>=', from.slice(0, 7));
  if (to) q = q.where('month', '<=', to.slice(0, 7));
  return (await q.orderBy('month').execute()).map((r) => r.month);
}

export const employeeDays = (db: DB, tenantId: string, employeeId: string, from: string, to: string) =>
  db
    .selectFrom('attendance_days')
    .select(['employee_id', 'date', 'check_in_min', 'check_out_min', 'apel', 'source'])
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();

/** Employees whose employment starts or ends inside the month (days outside it are not judged). */
export function employmentEdges(
  db: DB,
  tenantId: string,
  from: string,
  to: string,
  employeeIds?: readonly string[],
) {
  let q = db
    .selectFrom('employees')
    .select(['id', 'tmt', 'status', 'status_date'])
    .where('tenant_id', '=', tenantId);
  // one person's month (the account page) must not read the whole city
  if (employeeIds) q = q.where('id', 'in', [...employeeIds]);
  return q
    .where((eb) =>
      eb.or([
        eb('tmt', '>', from),
        eb.and([
          eb('status', '!=', 'active'),
          eb('status_date', 'is not', null),
          eb('status_date', '<=', to),
        ]),
      ]),
    )
    .execute();
}

// ---------------- leave ----------------
export function leavesOverlapping(
  db: DB,
  tenantId: string,
  from: string,
  to: string,
  employeeIds?: readonly string[],
): Promise<EmployeeLeaveTable[]> {
  let q = db
    .selectFrom('employee_leave')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from);
  if (employeeIds) q = q.where('employee_id', 'in', employeeIds);
  return q.orderBy('start_date').execute();
}

export const findLeave = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('employee_leave')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Spans of the employee that overlap [from, to], other than `exceptId`. */
export const overlappingLeave = (
  db: DB,
  tenantId: string,
  employeeId: string,
  from: string,
  to: string,
  exceptId: string | null,
) => {
  let q = db
    .selectFrom('employee_leave')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
};

// ---------------- sanctions ----------------
export function sanctionsFrom(
  db: DB,
  tenantId: string,
  upToMonth: string,
  employeeIds?: readonly string[],
): Promise<DisciplinarySanctionTable[]> {
  let q = db
    .selectFrom('disciplinary_sanctions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('start_month', '<=', upToMonth);
  if (employeeIds) q = q.where('employee_id', 'in', employeeIds);
  return q.orderBy('start_month').execute();
}

export const findSanction = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('disciplinary_sanctions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

// ---------------- people ----------------
/** Active employees of a unit subtree with their position and unit names. */
export const employeesInSubtree = (db: DB, tenantId: string, unitPath: string) =>
  db
    .selectFrom('employees as e')
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'),
    )
    .leftJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
    )
    .select([
      'e.id',
      'e.name',
      'e.nip',
      'p.name as position_name',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.status', '=', 'active')
    .where('u.path', 'like', `${unitPath}%`)
    .orderBy('e.name')
    .orderBy('e.id')
    .execute();

export const employeesByIds = (db: DB, tenantId: string, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('employees as e')
        .leftJoin('units as u', (j) =>
          j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'),
        )
        .leftJoin('positions as p', (j) =>
          j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
        )
        .select([
          'e.id',
          'e.name',
          'e.nip',
          'p.name as position_name',
          'u.name as unit_name',
          'u.path as unit_path',
        ])
        .where('e.tenant_id', '=', tenantId)
        .where('e.id', 'in', [...ids])
        .execute();

/** Days with logged activity minutes (from the person-day rollup) of some employees in a range. */
export const activityDays = (
  db: DB,
  tenantId: string,
  employeeIds: readonly string[],
  from: string,
  to: string,
) =>
  employeeIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('rollup_person_day')
        .select(['employee_id', 'date', 'minutes_logged'])
        .where('tenant_id', '=', tenantId)
        .where('employee_id', 'in', [...employeeIds])
        .where('date', '>=', from)
        .where('date', '<=', to)
        .where('minutes_logged', '>', 0)
        .execute();

/** Leave spans with the employee's name and unit, for lists. */
export function leaveList(
  db: DB,
  tenantId: string,
  f: {
    employeeIds?: string[];
    unitPath?: string;
    from?: string;
    to?: string;
    after?: { start: string; id: string };
    limit: number;
  },
) {
  let q = db
    .selectFrom('employee_leave as l')
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'l.tenant_id').onRef('e.id', '=', 'l.employee_id'),
    )
    .leftJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'))
    .select([
      'l.id',
      'l.employee_id',
      'l.kind',
      'l.start_date',
      'l.end_date',
      'l.note',
      'e.name as employee_name',
      'e.nip',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('l.tenant_id', '=', tenantId);
  if (f.employeeIds) q = q.where('l.employee_id', 'in', f.employeeIds);
  if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
  if (f.from) q = q.where('l.end_date', '>=', f.from);
  if (f.to) q = q.where('l.start_date', '<=', f.to);
  if (f.after) {
    const a = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('l.start_date', '<', a.start),
        eb.and([eb('l.start_date', '=', a.start), eb('l.id', '<', a.id)]),
      ]),
    );
  }
  return q.orderBy('l.start_date', 'desc').orderBy('l.id', 'desc').limit(f.limit).execute();
}

export const sanctionList = (db: DB, tenantId: string, employeeId?: string) => {
  let q = db
    .selectFrom('disciplinary_sanctions as s')
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 's.tenant_id').onRef('e.id', '=', 's.employee_id'),
    )
    .selectAll('s')
    .select(['e.name as employee_name', 'e.nip'])
    .where('s.tenant_id', '=', tenantId);
  if (employeeId) q = q.where('s.employee_id', '=', employeeId);
  return q.orderBy('s.start_month', 'desc').orderBy('s.id').limit(500).execute();
};
