/**
 * Demo attendance: the work schedules (ordinary hours and Ramadan 1447 H hours), the default deduction
 * table, and September–November 2026 check-in/check-out for every active employee — most on time, some late
 * or leaving early, a few taps missing, absences mostly on days without a logged activity, and nothing on
 * leave or dinas luar days (those count as present). The demo `pegawai` has a couple of TL1/PSW1 days in
 * November. One disciplinary sanction per city shows HUKDIS.
 */
import { sql } from 'kysely';
import { newId } from '../core/ids.ts';
import type { DB } from '../db/index.ts';
import type { AttendanceDayTable, EmployeeTable } from '../db/schema.ts';
import { datesBetween, isoWeekday } from '../modules/activities/calendar.ts';
import { storeDays } from '../modules/attendance/importer.ts';
import { refreshMonths, schedules } from '../modules/attendance/repository.ts';
import { DEFAULT_RULES } from '../modules/attendance/rules.ts';
import { type DaySchedule, DEFAULT_DAYS, dayScheduleOn } from '../modules/attendance/schedule.ts';
import { HOLIDAYS_2026, SEED_FROM, SEED_TO } from './activities.ts';

const hm = (h: number, m: number) => h * 60 + m;
/** Ramadan 1447 H (about 18 Feb – 19 Mar 2026): 08:00–15:00, Friday 08:00–15:30. */
const RAMADAN_DAYS: (DaySchedule | null)[] = [
  { start: hm(8, 0), end: hm(15, 0) },
  { start: hm(8, 0), end: hm(15, 0) },
  { start: hm(8, 0), end: hm(15, 0) },
  { start: hm(8, 0), end: hm(15, 0) },
  { start: hm(8, 0), end: hm(15, 30) },
  null,
  null,
];

/** The demo pegawai's November: a couple of TL1 and PSW1 days, everything else on time. */
const DEMO_PEGAWAI_NOVEMBER: Record<string, [number, number]> = {
  '2026-11-05': [hm(7, 44), hm(16, 6)], // TL1, 14 minutes late
  '2026-11-12': [hm(7, 22), hm(15, 41)], // PSW1, 19 minutes early
  '2026-11-19': [hm(7, 53), hm(16, 10)], // TL1, 23 minutes late
  '2026-11-27': [hm(7, 25), hm(16, 18)], // PSW1 on a Friday (ends 16:30), 12 minutes early
};

interface Ctx {
  tenantId: string;
  employees: EmployeeTable[];
  rand: () => number;
  /** false: schedules and deduction table only (tests that do not need three months of attendance) */
  log?: boolean;
  demoPegawaiId?: string | null;
  /** an employee (not a demo login) who gets a disciplinary sanction */
  sanctionedEmployeeId?: string | null;
}

export async function seedAttendance(trx: DB, c: Ctx) {
  const rand = c.rand;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const at = '2026-08-20T02:00:00.000Z';

  await trx
    .insertInto('attendance_schedules')
    .values([
      {
        tenant_id: c.tenantId,
        id: newId(),
        name: 'Jam kerja reguler (Senin–Kamis 07.30–16.00, Jumat 07.30–16.30)',
        valid_from: '2000-01-01',
        valid_to: null,
        days: JSON.stringify(DEFAULT_DAYS),
        created_at: at,
        updated_at: at,
      },
      {
        tenant_id: c.tenantId,
        id: newId(),
        name: 'Jam kerja bulan Ramadan 1447 H',
        valid_from: '2026-02-18',
        valid_to: '2026-03-19',
        days: JSON.stringify(RAMADAN_DAYS),
        created_at: at,
        updated_at: at,
      },
    ])
    .execute();
  await trx
    .insertInto('attendance_deduction_rules')
    .values(
      DEFAULT_RULES.map((r) => ({
        tenant_id: c.tenantId,
        code: r.code,
        min_minutes: r.minMinutes,
        max_minutes: r.maxMinutes,
        basis_points: r.basisPoints,
        updated_at: at,
      })),
    )
    .execute();
  if (c.sanctionedEmployeeId)
    await trx
      .insertInto('disciplinary_sanctions')
      .values({
        tenant_id: c.tenantId,
        id: newId(),
        employee_id: c.sanctionedEmployeeId,
        start_month: '2026-10',
        months: 3,
        basis_points: 500,
        decree: 'SK Hukuman Disiplin 800.1.6/412/2026',
        reason: 'Hukuman disiplin ringan: teguran tertulis atas ketidakhadiran berulang.',
        created_by: 'system',
        created_at: at,
      })
      .execute();
  if (c.log === false) return { rows: 0 };

  const holidays = new Set(HOLIDAYS_2026.map(([d]) => d));
  const workDays = datesBetween(SEED_FROM, SEED_TO).filter((d) => !holidays.has(d) && isoWeekday(d) <= 5);
  const [leaves, logged] = await Promise.all([
    trx
      .selectFrom('employee_leave')
      .select(['employee_id', 'start_date', 'end_date'])
      .where('tenant_id', '=', c.tenantId)
      .where('end_date', '>=', SEED_FROM)
      .where('start_date', '<=', SEED_TO)
      .execute(),
    trx
      .selectFrom('rollup_person_day')
      .select(['employee_id', 'date'])
      .where('tenant_id', '=', c.tenantId)
      .where('date', '>=', SEED_FROM)
      .where('date', '<=', SEED_TO)
      .where('minutes_logged', '>', 0)
      .execute(),
  ]);
  const loggedDays = new Set(logged.map((l) => `${l.employee_id}|${l.date}`));
  const leaveOf = new Map<string, { start_date: string; end_date: string }[]>();
  for (const l of leaves) leaveOf.set(l.employee_id, [...(leaveOf.get(l.employee_id) ?? []), l]);

  const stored = await schedules(trx, c.tenantId);
  const scheduleOf = (date: string) => dayScheduleOn(date, stored);
  const rows: Omit<AttendanceDayTable, 'deviation'>[] = [];
  let total = 0;
  const flush = async (force = false) => {
    while (rows.length >= 2000 || (force && rows.length)) {
      const chunk = rows.splice(0, 2000);
      total += chunk.length;
      await storeDays(trx, c.tenantId, chunk, scheduleOf, false);
    }
  };
  for (const e of c.employees) {
    if (e.status !== 'active') continue;
    const demo = e.id === c.demoPegawaiId;
    // habits differ: most are punctual, a few are often late or leave early
    const r = rand();
    const lateness = demo ? 0 : r < 0.07 ? 0.3 : r < 0.3 ? 0.08 : 0.02;
    const earliness = demo ? 0 : rand() < 0.08 ? 0.2 : 0.03;
    for (const date of workDays) {
      if (leaveOf.get(e.id)?.some((l) => l.start_date <= date && date <= l.end_date)) continue;
      const weekday = isoWeekday(date);
      const end = (DEFAULT_DAYS[weekday - 1] as DaySchedule).end;
      const hasLog = loggedDays.has(`${e.id}|${date}`);
      let checkIn: number | null = hm(7, 0) + int(0, 29);
      let checkOut: number | null = end + int(0, 40);
      const forced = demo ? DEMO_PEGAWAI_NOVEMBER[date] : undefined;
      if (forced) [checkIn, checkOut] = forced;
      else if (!demo) {
        if (!hasLog) {
          // no activity that day: usually absent as well
          if (rand() < 0.7) continue;
        } else if (rand() < 0.002) continue; // logged work but no attendance: flagged to the atasan
        if (rand() < lateness) {
          const band = rand();
          checkIn = hm(7, 30) + (band < 0.7 ? int(1, 30) : band < 0.9 ? int(31, 60) : int(61, 120));
        }
        if (rand() < earliness) {
          const band = rand();
          checkOut = end - (band < 0.75 ? int(1, 30) : band < 0.95 ? int(31, 60) : int(61, 150));
        }
        const miss = rand();
        if (miss < 0.012) checkOut = null;
        else if (miss < 0.018) checkIn = null;
      }
      rows.push({
        tenant_id: c.tenantId,
        employee_id: e.id,
        date,
        check_in_min: checkIn,
        check_out_min: checkOut,
        // apel pagi every Monday; now and then someone misses it
        apel: weekday === 1 ? (!demo && rand() < 0.03 ? 0 : 1) : null,
        source: 'seed',
        import_id: null,
        updated_at: at,
      });
      await flush();
    }
  }
  await flush(true);
  await refreshMonths(trx, c.tenantId, SEED_FROM, SEED_TO);
  for (const table of ['attendance_days', 'attendance_months'])
    await sql`analyze ${sql.table(table)}`.execute(trx);
  return { rows: total };
}
