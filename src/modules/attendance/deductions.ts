/**
 * Monthly attendance deductions of a whole city, set-based: the database returns only the gaps (days
 * without a tap) and the rows that can carry a deduction; everything else is counted, not fetched.
 * This is the contract the TPP run reads (DESIGN §2.5).
 */
import { todayIn } from '../../core/time.ts';
import type { DB } from '../../db/index.ts';
import { addMonths, datesBetween, isoWeekday, monthEnd, monthStart } from '../activities/calendar.ts';
import { type ActivitySettings, activitySettingsOf } from '../activities/settings.ts';
import * as repo from './repository.ts';
import { capped, type DayFacts, deviates, judgeDay, type RuleTable, ruleTable } from './rules.ts';
import { type DaySchedule, dayScheduleOn, type Schedule } from './schedule.ts';

export type DeductionCode =
  | 'TL1'
  | 'TL2'
  | 'TL3'
  | 'TL4'
  | 'PSW1'
  | 'PSW2'
  | 'PSW3'
  | 'PSW4'
  | 'TK'
  | 'APEL'
  | 'HUKDIS';

export interface DeductionLine {
  /** YYYY-MM-DD, or first day of month for HUKDIS */
  date: string;
  code: DeductionCode;
  /** 0.5% = 50 */
  basisPoints: number;
  minutes?: number;
  note?: string;
}

export interface EmployeeDeductions {
  employeeId: string;
  /** capped at 10000 */
  totalBasisPoints: number;
  lines: DeductionLine[];
  daysPresent: number;
  daysAbsent: number;
  shortfallMinutes: number;
}

/** Everything about a tenant's month that does not depend on the employee. */
export interface MonthContext {
  month: string;
  today: string;
  settings: ActivitySettings;
  holidays: Map<string, { kind: string; name: string }>;
  schedules: Schedule[];
  rules: RuleTable;
  /** working days of the city: work weekdays that are no holiday or cuti bersama */
  workingDates: string[];
  /** last date with imported attendance in the month (null: none yet) */
  dataUntil: string | null;
  /** working days that are judged: before today and no later than the imported data reaches */
  judgedDates: string[];
  /** scheduled times of each working day (absent when that weekday has no schedule) */
  scheduleOf: Map<string, DaySchedule>;
}

export async function monthContext(db: DB, tenantId: string, month: string): Promise<MonthContext> {
  const from = monthStart(month);
  const to = monthEnd(month);
  const [tenant, calendar, schedules, stored, until] = await Promise.all([
    repo.tenantRow(db, tenantId),
    repo.calendarBetween(db, tenantId, from, to),
    repo.schedules(db, tenantId),
    repo.storedRules(db, tenantId),
    repo.dataUntil(db, tenantId, from, to),
  ]);
  const settings = activitySettingsOf(tenant?.settings);
  const today = todayIn(tenant?.time_zone ?? 'Asia/Jakarta');
  const holidays = new Map(calendar.map((c) => [c.date, { kind: c.kind, name: c.name }]));
  const workingDates = datesBetween(from, to).filter(
    (d) => !holidays.has(d) && settings.workWeekdays.includes(isoWeekday(d)),
  );
  const judgedDates = until ? workingDates.filter((d) => d < today && d <= until) : [];
  const scheduleOf = new Map<string, DaySchedule>();
  for (const d of workingDates) {
    const s = dayScheduleOn(d, schedules);
    if (s) scheduleOf.set(d, s);
  }
  return {
    month,
    today,
    settings,
    holidays,
    schedules,
    rules: ruleTable(stored),
    workingDates,
    dataUntil: until,
    judgedDates,
    scheduleOf,
  };
}

/** `DD:in:out:apel;…` (the deviating days of a month rollup) → day of month → facts. */
export function parseDeviations(text: string): Map<number, DayFacts> {
  const out = new Map<number, DayFacts>();
  const num = (v: string) => (v === '' ? null : Number(v));
  for (const part of text.split(';')) {
    const [day, checkIn, checkOut, apel] = part.split(':');
    out.set(Number(day), { checkIn: num(checkIn), checkOut: num(checkOut), apel: num(apel) });
  }
  return out;
}

const bitCount = (n: number) => {
  let c = 0;
  for (let v = n >>> 0; v; v &= v - 1) c += 1;
  return c;
};

/** The months a sanction of `months` months starting `startMonth` covers include `month`. */
export const sanctionCovers = (startMonth: string, months: number, month: string) =>
  startMonth <= month && month <= addMonths(startMonth, months - 1);

/** Is `date` inside the employment of someone with these dates (TMT, and end of service if any)? */
export const employedOn = (
  date: string,
  edge: { tmt: string; status: string; status_date: string | null } | undefined,
) =>
  !edge ||
  (date >= edge.tmt && !(edge.status !== 'active' && edge.status_date !== null && date >= edge.status_date));

/** All employees of the tenant with attendance facts in that month (set-based; must be fast for 35,000 employees × 22 days). */
export async function monthDeductions(
  db: DB,
  tenantId: string,
  month: string,
  employeeIds?: readonly string[],
): Promise<Map<string, EmployeeDeductions>> {
  const out = new Map<string, EmployeeDeductions>();
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return out;
  if (employeeIds && employeeIds.length === 0) return out;
  const ctx = await monthContext(db, tenantId, month);
  const from = monthStart(month);
  const to = monthEnd(month);
  // long id lists are not sent to the database: read the city and keep the wanted ones
  const only = employeeIds && employeeIds.length <= repo.MAX_IN_LIST ? employeeIds : undefined;
  const wanted = employeeIds ? new Set(employeeIds) : null;
  const leaveUntil = ctx.workingDates.filter((d) => d < ctx.today);

  const [rollups, rowCount, leaves, sanctions, edges] = await Promise.all([
    repo.monthRollups(db, tenantId, month, only),
    repo.countRows(db, tenantId, from, to, only),
    repo.leavesOverlapping(db, tenantId, from, to, only),
    repo.sanctionsFrom(db, tenantId, month, only),
    repo.employmentEdges(db, tenantId, from, to, only),
  ]);
  let covered: { employee_id: string; tap_mask: number; deviations: string }[] = rollups;
  // the rollups must account for every row; rows written around the attendance writer (fixtures, manual
  // SQL) are judged from the rows themselves instead (slower, but never wrong)
  if (rollups.reduce((n, r) => n + bitCount(Number(r.day_mask)), 0) !== rowCount) {
    const rows = await repo.allRows(db, tenantId, from, to, only);
    const byEmployee = new Map<string, { employee_id: string; tap_mask: number; deviations: string }>();
    for (const r of rows) {
      const c = byEmployee.get(r.employee_id) ?? { employee_id: r.employee_id, tap_mask: 0, deviations: '' };
      byEmployee.set(r.employee_id, c);
      const facts = { checkIn: r.check_in_min, checkOut: r.check_out_min, apel: r.apel };
      if (facts.checkIn !== null || facts.checkOut !== null) c.tap_mask |= 1 << (Number(r.date.slice(8)) - 1);
      if (deviates(facts, ctx.scheduleOf.get(r.date) ?? null))
        c.deviations += `${c.deviations ? ';' : ''}${r.date.slice(8)}:${r.check_in_min ?? ''}:${r.check_out_min ?? ''}:${r.apel ?? ''}`;
    }
    covered = [...byEmployee.values()];
  }
  const keep = (id: string) => !wanted || wanted.has(id);
  const edgeOf = new Map(edges.map((e) => [e.id, e]));

  const leaveDays = new Map<string, Set<string>>();
  for (const l of leaves) {
    if (!keep(l.employee_id)) continue;
    const set = leaveDays.get(l.employee_id) ?? new Set<string>();
    for (const d of leaveUntil) if (l.start_date <= d && d <= l.end_date) set.add(d);
    leaveDays.set(l.employee_id, set);
  }

  const entry = (employeeId: string): EmployeeDeductions => {
    let e = out.get(employeeId);
    if (!e) {
      e = { employeeId, totalBasisPoints: 0, lines: [], daysPresent: 0, daysAbsent: 0, shortfallMinutes: 0 };
      out.set(employeeId, e);
    }
    return e;
  };
  const judged = ctx.judgedDates.map((date) => ({
    date,
    bit: 1 << (Number(date.slice(8)) - 1),
    schedule: ctx.scheduleOf.get(date) ?? null,
  }));

  // employees with attendance rows: every judged working day is present, on leave, or TK
  for (const { employee_id: id, tap_mask, deviations } of covered) {
    if (!keep(id)) continue;
    const e = entry(id);
    const taps = Number(tap_mask);
    const edge = edgeOf.get(id);
    const onLeave = leaveDays.get(id);
    const rows = deviations ? parseDeviations(deviations) : null;
    let late = 0;
    let early = 0;
    for (const { date, bit, schedule } of judged) {
      if (edge && !employedOn(date, edge)) continue;
      const leave = onLeave?.has(date) ?? false;
      const tapped = (taps & bit) !== 0;
      const row = tapped ? rows?.get(Number(date.slice(8))) : undefined;
      // on time with both taps: present, nothing to judge (the common case costs no allocation)
      if (tapped && !row && !leave) {
        e.daysPresent += 1;
        continue;
      }
      const facts = tapped ? (row ?? { checkIn: -1, checkOut: 24 * 60, apel: null }) : null;
      const day = judgeDay(date, facts, leave, schedule, ctx.rules);
      if (day.present) e.daysPresent += 1;
      if (day.absent) e.daysAbsent += 1;
      late += day.lateMinutes;
      early += day.earlyMinutes;
      if (day.lines.length) e.lines.push(...day.lines);
    }
    e.shortfallMinutes = late + early + e.daysAbsent * ctx.settings.workingMinutesPerDay;
  }
  // employees without attendance rows but with leave: those days count as present, nothing is judged
  for (const [id, days] of leaveDays) {
    if (out.has(id)) continue;
    const edge = edgeOf.get(id);
    const e = entry(id);
    e.daysPresent = [...days].filter((d) => employedOn(d, edge)).length;
  }
  // disciplinary sanctions: their percentage for each month they cover
  for (const s of sanctions) {
    if (!keep(s.employee_id) || !sanctionCovers(s.start_month, Number(s.months), month)) continue;
    entry(s.employee_id).lines.push({
      date: from,
      code: 'HUKDIS',
      basisPoints: Number(s.basis_points),
      note: s.decree,
    });
  }
  for (const e of out.values()) {
    // day lines come in date order already; a sanction line (first of the month) goes in front
    if (e.lines.length > 1 && e.lines[e.lines.length - 1].code === 'HUKDIS')
      e.lines.sort((a, b) =>
        a.date < b.date ? -1 : a.date > b.date ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
      );
    e.totalBasisPoints = capped(e.lines.reduce((sum, l) => sum + l.basisPoints, 0));
  }
  return out;
}
