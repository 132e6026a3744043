/**
 * Attendance: the working calendar (holidays, cuti bersama, schedules), the deduction table, leave and
 * dinas luar, disciplinary sanctions, and the month views of a person, a unit and an atasan's staff.
 * The attendance rows themselves arrive through the import flow (imports module, kind `attendance`).
 */
import './messages.ts';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { badRequest, conflict, notFound } from '../../core/errors.ts';
import { t } from '../../core/i18n.ts';
import { newId } from '../../core/ids.ts';
import { nowIso, todayIn } from '../../core/time.ts';
import { transaction } from '../../db/index.ts';
import type { EmployeeLeaveTable } from '../../db/schema.ts';
import {
  addMonths,
  datesBetween,
  isoWeekday,
  monthEnd,
  monthOf,
  monthStart,
} from '../activities/calendar.ts';
import { loadSettings } from '../activities/settings.ts';
import { audit } from '../audit/service.ts';
import * as orgRepo from '../org/repository.ts';
import { directSubordinates, findAtasan } from '../org/service.ts';
import { type EmployeeDeductions, employedOn, monthContext, monthDeductions } from './deductions.ts';
import { LEAVE_KIND_LABELS, WEEKDAY_LABELS } from './messages.ts';
import { attendancePolicy, calendarPolicy, sanctionPolicy, unitAttendancePolicy } from './policy.ts';
import * as repo from './repository.ts';
import { DEFAULT_RULES, type DeductionRule, judgeDay, ruleProblems } from './rules.ts';
import {
  type DaySchedule,
  DEFAULT_SCHEDULE,
  dayScheduleOn,
  formatTime,
  parseHhmm,
  type Schedule,
} from './schedule.ts';
import * as s from './schemas.ts';

const tenantOf = (ctx: RequestContext) => ctx.actor.tenantId;
const resolveMonth = (ctx: RequestContext, month: string | undefined) =>
  month ?? monthOf(todayIn(ctx.actor.timeZone));

// ======================= calendar =======================
function scheduleView(ctx: RequestContext, sc: Schedule, stored: boolean) {
  return {
    id: sc.id,
    name: sc.name,
    validFrom: sc.validFrom,
    validTo: sc.validTo,
    days: sc.days.flatMap((d, i) =>
      d ? [{ weekday: i + 1, start: formatTime(d.start) as string, end: formatTime(d.end) as string }] : [],
    ),
    abilities: { manage: stored && calendarPolicy.can(ctx.actor, 'manage', null) },
  };
}

export async function getCalendar(ctx: RequestContext, year: number | undefined) {
  calendarPolicy.authorize(ctx.actor, 'read', null);
  const tenantId = tenantOf(ctx);
  const y = year ?? Number(todayIn(ctx.actor.timeZone).slice(0, 4));
  const [holidays, schedules, settings] = await Promise.all([
    repo.calendarBetween(ctx.db, tenantId, `${y}-01-01`, `${y}-12-31`),
    repo.schedules(ctx.db, tenantId),
    loadSettings(ctx.db, tenantId),
  ]);
  return {
    year: y,
    workWeekdays: settings.workWeekdays,
    holidays,
    schedules: schedules.length
      ? schedules.map((sc) => scheduleView(ctx, sc, true))
      : [scheduleView(ctx, DEFAULT_SCHEDULE, false)],
    defaultSchedule: schedules.length === 0,
    abilities: { manage: calendarPolicy.can(ctx.actor, 'manage', null) },
  };
}

export async function createHoliday(ctx: RequestContext, input: z.infer<typeof s.CreateHoliday>) {
  calendarPolicy.authorize(ctx.actor, 'manage', null);
  const tenantId = tenantOf(ctx);
  return transaction(ctx.db, async (trx) => {
    const existing = await repo.findHoliday(trx, tenantId, input.date);
    if (existing) throw conflict('ATTENDANCE_HOLIDAY_EXISTS', { date: input.date, name: existing.name });
    const row = { tenant_id: tenantId, date: input.date, kind: input.kind, name: input.name };
    await trx.insertInto('work_calendar').values(row).execute();
    await audit(trx, ctx, {
      action: 'calendar.holiday.create',
      entityType: 'work_calendar',
      entityId: input.date,
      after: row,
    });
    return { date: row.date, kind: row.kind, name: row.name };
  });
}

export async function updateHoliday(
  ctx: RequestContext,
  date: string,
  input: z.infer<typeof s.UpdateHoliday>,
) {
  calendarPolicy.authorize(ctx.actor, 'manage', null);
  const tenantId = tenantOf(ctx);
  return transaction(ctx.db, async (trx) => {
    const before = await repo.findHoliday(trx, tenantId, date);
    if (!before) throw notFound();
    const after = { ...before, ...input };
    await trx
      .updateTable('work_calendar')
      .set({ kind: after.kind, name: after.name })
      .where('tenant_id', '=', tenantId)
      .where('date', '=', date)
      .execute();
    await audit(trx, ctx, {
      action: 'calendar.holiday.update',
      entityType: 'work_calendar',
      entityId: date,
      before,
      after,
    });
    return after;
  });
}

export async function deleteHoliday(ctx: RequestContext, date: string) {
  calendarPolicy.authorize(ctx.actor, 'manage', null);
  const tenantId = tenantOf(ctx);
  await transaction(ctx.db, async (trx) => {
    const before = await repo.findHoliday(trx, tenantId, date);
    if (!before) throw notFound();
    await trx
      .deleteFrom('work_calendar')
      .where('tenant_id', '=', tenantId)
      .where('date', '=', date)
      .execute();
    await audit(trx, ctx, {
      action: 'calendar.holiday.delete',
      entityType: 'work_calendar',
      entityId: date,
      before,
    });
  });
}

function scheduleDays(ctx: RequestContext, input: { weekday: number; start: string; end: string }[]) {
  const days: (DaySchedule | null)[] = [null, null, null, null, null, null, null];
  for (const d of input) {
    const start = parseHhmm(d.start) as number;
    const end = parseHhmm(d.end) as number;
    if (end <= start)
      throw badRequest('ATTENDANCE_SCHEDULE_TIMES', {
        day: WEEKDAY_LABELS[ctx.locale][d.weekday - 1],
        start: d.start,
        end: d.end,
      });
    days[d.weekday - 1] = { start, end };
  }
  if (days.every((d) => d === null)) throw badRequest('ATTENDANCE_SCHEDULE_EMPTY');
  return days;
}

function checkRange(from: string, to: string | null | undefined) {
  if (to && to < from) throw badRequest('ATTENDANCE_SCHEDULE_RANGE', { from, to });
}

async function checkSameStart(
  trx: RequestContext['db'],
  tenantId: string,
  validFrom: string,
  exceptId: string | null,
) {
  const clash = await trx
    .selectFrom('attendance_schedules')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('valid_from', '=', validFrom)
    .executeTakeFirst();
  if (clash && clash.id !== exceptId)
    throw conflict('ATTENDANCE_SCHEDULE_SAME_START', { date: validFrom, name: clash.name });
}

/**
 * After a schedule change: re-derive which stored days deviate (late / early) under the schedules now in
 * force, for every month of the affected range that has attendance rows.
 */
async function rederive(trx: RequestContext['db'], tenantId: string, from: string, to: string | null) {
  const all = await repo.schedules(trx, tenantId);
  for (const month of await repo.monthsWithRows(trx, tenantId, from, to))
    await repo.refreshDeviation(trx, tenantId, month, (d) => dayScheduleOn(d, all));
}
const laterOf = (a: string | null, b: string | null) => (a === null || b === null ? null : a > b ? a : b);

export async function createSchedule(ctx: RequestContext, input: z.infer<typeof s.CreateSchedule>) {
  calendarPolicy.authorize(ctx.actor, 'manage', null);
  const tenantId = tenantOf(ctx);
  const days = scheduleDays(ctx, input.days);
  checkRange(input.validFrom, input.validTo);
  return transaction(ctx.db, async (trx) => {
    const at = nowIso();
    const stored = await repo.schedules(trx, tenantId);
    // the first stored schedule: keep the built-in one underneath, so other dates keep their hours
    if (stored.length === 0 && input.validFrom !== DEFAULT_SCHEDULE.validFrom) {
      const base = {
        tenant_id: tenantId,
        id: newId(),
        name: DEFAULT_SCHEDULE.name,
        valid_from: DEFAULT_SCHEDULE.validFrom,
        valid_to: null,
        days: JSON.stringify(DEFAULT_SCHEDULE.days),
        created_at: at,
        updated_at: at,
      };
      await trx.insertInto('attendance_schedules').values(base).execute();
      await audit(trx, ctx, {
        action: 'schedule.create',
        entityType: 'schedule',
        entityId: base.id,
        after: base,
      });
    }
    await checkSameStart(trx, tenantId, input.validFrom, null);
    const row = {
      tenant_id: tenantId,
      id: newId(),
      name: input.name,
      valid_from: input.validFrom,
      valid_to: input.validTo ?? null,
      days: JSON.stringify(days),
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('attendance_schedules').values(row).execute();
    await rederive(trx, tenantId, row.valid_from, row.valid_to);
    await audit(trx, ctx, {
      action: 'schedule.create',
      entityType: 'schedule',
      entityId: row.id,
      after: row,
    });
    return scheduleView(ctx, repo.toSchedule(row), true);
  });
}

export async function updateSchedule(
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof s.UpdateSchedule>,
) {
  calendarPolicy.authorize(ctx.actor, 'manage', null);
  const tenantId = tenantOf(ctx);
  const days = input.days ? scheduleDays(ctx, input.days) : null;
  return transaction(ctx.db, async (trx) => {
    const before = await repo.findSchedule(trx, tenantId, id);
    if (!before) throw notFound();
    const validFrom = input.validFrom ?? before.valid_from;
    const validTo = input.validTo === undefined ? before.valid_to : input.validTo;
    checkRange(validFrom, validTo);
    if (validFrom !== before.valid_from) await checkSameStart(trx, tenantId, validFrom, id);
    const after = {
      ...before,
      name: input.name ?? before.name,
      valid_from: validFrom,
      valid_to: validTo,
      days: days ? JSON.stringify(days) : before.days,
      updated_at: nowIso(),
    };
    await trx
      .updateTable('attendance_schedules')
      .set({
        name: after.name,
        valid_from: after.valid_from,
        valid_to: after.valid_to,
        days: after.days,
        updated_at: after.updated_at,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await rederive(
      trx,
      tenantId,
      [before.valid_from, after.valid_from].sort()[0],
      laterOf(before.valid_to, after.valid_to),
    );
    await audit(trx, ctx, { action: 'schedule.update', entityType: 'schedule', entityId: id, before, after });
    return scheduleView(ctx, repo.toSchedule(after), true);
  });
}

export async function deleteSchedule(ctx: RequestContext, id: string) {
  calendarPolicy.authorize(ctx.actor, 'manage', null);
  const tenantId = tenantOf(ctx);
  await transaction(ctx.db, async (trx) => {
    const before = await repo.findSchedule(trx, tenantId, id);
    if (!before) throw notFound();
    const count = await trx
      .selectFrom('attendance_schedules')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) <= 1) throw conflict('ATTENDANCE_SCHEDULE_LAST');
    await trx
      .deleteFrom('attendance_schedules')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await rederive(trx, tenantId, before.valid_from, before.valid_to);
    await audit(trx, ctx, { action: 'schedule.delete', entityType: 'schedule', entityId: id, before });
  });
}

// ======================= deduction table =======================
export async function getRules(ctx: RequestContext) {
  calendarPolicy.authorize(ctx.actor, 'read', null);
  const stored = await repo.storedRules(ctx.db, tenantOf(ctx));
  const byCode = new Map(stored.map((r) => [r.code, r]));
  return {
    rules: DEFAULT_RULES.map((d) => byCode.get(d.code) ?? d),
    isDefault: stored.length === 0,
    abilities: { manage: calendarPolicy.can(ctx.actor, 'manage', null) },
  };
}

export async function putRules(ctx: RequestContext, input: z.infer<typeof s.PutRules>) {
  calendarPolicy.authorize(ctx.actor, 'manage', null);
  const rules = input.rules as DeductionRule[];
  const problems = ruleProblems(rules);
  if (problems.length) {
    const codeOf: Record<string, string> = {
      missing: 'ATTENDANCE_RULE_MISSING',
      duplicate: 'ATTENDANCE_RULE_DUPLICATE',
      percent: 'ATTENDANCE_RULE_PERCENT',
      start: 'ATTENDANCE_RULE_START',
      end: 'ATTENDANCE_RULE_END',
      open: 'ATTENDANCE_RULE_OPEN',
    };
    throw badRequest(
      'ATTENDANCE_RULES_INVALID',
      {},
      problems.map((p) => ({ path: p.code, message: t(ctx.locale, codeOf[p.problem], { code: p.code }) })),
    );
  }
  const tenantId = tenantOf(ctx);
  await transaction(ctx.db, async (trx) => {
    const before = await repo.storedRules(trx, tenantId);
    await trx.deleteFrom('attendance_deduction_rules').where('tenant_id', '=', tenantId).execute();
    const at = nowIso();
    await trx
      .insertInto('attendance_deduction_rules')
      .values(
        rules.map((r) => ({
          tenant_id: tenantId,
          code: r.code,
          // flat lines (TK, apel) carry no minutes
          min_minutes: r.code === 'TK' || r.code === 'APEL' ? null : r.minMinutes,
          max_minutes: r.code === 'TK' || r.code === 'APEL' ? null : r.maxMinutes,
          basis_points: r.basisPoints,
          updated_at: at,
        })),
      )
      .execute();
    await audit(trx, ctx, {
      action: 'attendance.rules.update',
      entityType: 'attendance_rules',
      entityId: null,
      before: before.length ? before : DEFAULT_RULES,
      after: rules,
    });
  });
  return getRules(ctx);
}

// ======================= people and their scope =======================
async function loadEmployee(ctx: RequestContext, id: string) {
  const emp = await orgRepo.findEmployee(ctx.db, tenantOf(ctx), id);
  if (!emp) throw notFound();
  const atasan = emp.position_id ? await findAtasan(ctx, emp.position_id, emp.id) : null;
  const resource = {
    employeeId: emp.id,
    unitPath: emp.unit_path,
    actorIsAtasan: !!ctx.actor.employeeId && atasan?.employeeId === ctx.actor.employeeId,
  };
  return { emp, resource };
}

// ======================= leave and dinas luar =======================
type LeaveRow = Awaited<ReturnType<typeof repo.leaveList>>[number];
function leaveView(ctx: RequestContext, l: LeaveRow) {
  return {
    id: l.id,
    employeeId: l.employee_id,
    employeeName: l.employee_name,
    nip: l.nip,
    unitName: l.unit_name,
    kind: l.kind,
    startDate: l.start_date,
    endDate: l.end_date,
    note: l.note,
    abilities: {
      manage: attendancePolicy.can(ctx.actor, 'manageLeave', {
        employeeId: l.employee_id,
        unitPath: l.unit_path,
        actorIsAtasan: false,
      }),
    },
  };
}

export async function listLeave(ctx: RequestContext, q: z.infer<typeof s.LeaveQuery>) {
  const tenantId = tenantOf(ctx);
  const f: Parameters<typeof repo.leaveList>[2] = { from: q.from, to: q.to, limit: q.limit + 1 };
  if (q.employeeId) {
    const { resource } = await loadEmployee(ctx, q.employeeId);
    if (!attendancePolicy.can(ctx.actor, 'read', resource)) throw notFound();
    f.employeeIds = [q.employeeId];
  } else if (q.unitId) {
    const unit = await orgRepo.findUnit(ctx.db, tenantId, q.unitId);
    if (!unit) throw notFound();
    unitAttendancePolicy.authorize(ctx.actor, 'read', { unitPath: unit.path });
    f.unitPath = unit.path;
  } else if (!ctx.actor.roles.some((g) => ['bkpsdm', 'pimpinan', 'inspektorat'].includes(g.role))) {
    // default scope: the admin_opd's own OPD, otherwise the caller's own spans
    const grant = ctx.actor.roles.find((g) => g.role === 'admin_opd' && g.unitPath);
    if (grant?.unitPath) f.unitPath = grant.unitPath;
    else if (ctx.actor.employeeId) f.employeeIds = [ctx.actor.employeeId];
    else return { items: [], nextCursor: null };
  }
  if (q.cursor) {
    const [start, id] = q.cursor.split('|');
    if (start && id) f.after = { start, id };
  }
  const rows = await repo.leaveList(ctx.db, tenantId, f);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((l) => leaveView(ctx, l)),
    nextCursor: rows.length > q.limit && last ? `${last.start_date}|${last.id}` : null,
  };
}

function checkLeaveRange(start: string, end: string) {
  if (end < start) throw badRequest('ATTENDANCE_LEAVE_RANGE', { start, end });
  if (datesBetween(start, end).length > s.MAX_LEAVE_DAYS)
    throw badRequest('ATTENDANCE_LEAVE_TOO_LONG', { max: s.MAX_LEAVE_DAYS });
}

async function checkOverlap(
  ctx: RequestContext,
  trx: RequestContext['db'],
  employeeId: string,
  start: string,
  end: string,
  exceptId: string | null,
) {
  const other = await repo.overlappingLeave(trx, tenantOf(ctx), employeeId, start, end, exceptId);
  if (other)
    throw conflict('ATTENDANCE_LEAVE_OVERLAP', {
      start,
      end,
      kind: LEAVE_KIND_LABELS[ctx.locale][other.kind as keyof (typeof LEAVE_KIND_LABELS)['id']] ?? other.kind,
      otherStart: other.start_date,
      otherEnd: other.end_date,
    });
}

async function leaveById(ctx: RequestContext, id: string) {
  const row = await repo.findLeave(ctx.db, tenantOf(ctx), id);
  if (!row) throw notFound();
  return row;
}

async function leaveViewById(ctx: RequestContext, trx: RequestContext['db'], id: string) {
  const row = await trx
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
    .where('l.tenant_id', '=', tenantOf(ctx))
    .where('l.id', '=', id)
    .executeTakeFirstOrThrow();
  return leaveView(ctx, row);
}

export async function createLeave(ctx: RequestContext, input: z.infer<typeof s.CreateLeave>) {
  const { resource } = await loadEmployee(ctx, input.employeeId);
  attendancePolicy.authorize(ctx.actor, 'manageLeave', resource, 'read');
  checkLeaveRange(input.startDate, input.endDate);
  return transaction(ctx.db, async (trx) => {
    await checkOverlap(ctx, trx, input.employeeId, input.startDate, input.endDate, null);
    const row: EmployeeLeaveTable = {
      tenant_id: tenantOf(ctx),
      id: newId(),
      employee_id: input.employeeId,
      start_date: input.startDate,
      end_date: input.endDate,
      kind: input.kind,
      note: input.note ?? null,
    };
    await trx.insertInto('employee_leave').values(row).execute();
    await audit(trx, ctx, { action: 'leave.create', entityType: 'leave', entityId: row.id, after: row });
    return leaveViewById(ctx, trx, row.id);
  });
}

export async function updateLeave(ctx: RequestContext, id: string, input: z.infer<typeof s.UpdateLeave>) {
  const before = await leaveById(ctx, id);
  const { resource } = await loadEmployee(ctx, before.employee_id);
  attendancePolicy.authorize(ctx.actor, 'manageLeave', resource, 'read');
  const after: EmployeeLeaveTable = {
    ...before,
    kind: input.kind ?? before.kind,
    start_date: input.startDate ?? before.start_date,
    end_date: input.endDate ?? before.end_date,
    note: input.note === undefined ? before.note : input.note,
  };
  checkLeaveRange(after.start_date, after.end_date);
  return transaction(ctx.db, async (trx) => {
    await checkOverlap(ctx, trx, after.employee_id, after.start_date, after.end_date, id);
    await trx
      .updateTable('employee_leave')
      .set({ kind: after.kind, start_date: after.start_date, end_date: after.end_date, note: after.note })
      .where('tenant_id', '=', tenantOf(ctx))
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { action: 'leave.update', entityType: 'leave', entityId: id, before, after });
    return leaveViewById(ctx, trx, id);
  });
}

export async function deleteLeave(ctx: RequestContext, id: string) {
  const before = await leaveById(ctx, id);
  const { resource } = await loadEmployee(ctx, before.employee_id);
  attendancePolicy.authorize(ctx.actor, 'manageLeave', resource, 'read');
  await transaction(ctx.db, async (trx) => {
    await trx
      .deleteFrom('employee_leave')
      .where('tenant_id', '=', tenantOf(ctx))
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { action: 'leave.delete', entityType: 'leave', entityId: id, before });
  });
}

// ======================= disciplinary sanctions =======================
type SanctionRow = Awaited<ReturnType<typeof repo.sanctionList>>[number];
function sanctionView(ctx: RequestContext, r: SanctionRow) {
  return {
    id: r.id,
    employeeId: r.employee_id,
    employeeName: r.employee_name,
    nip: r.nip,
    startMonth: r.start_month,
    endMonth: addMonths(r.start_month, Number(r.months) - 1),
    months: Number(r.months),
    basisPoints: Number(r.basis_points),
    decree: r.decree,
    reason: r.reason,
    abilities: { manage: sanctionPolicy.can(ctx.actor, 'manage', { employeeId: r.employee_id }) },
  };
}

export async function listSanctions(ctx: RequestContext, q: z.infer<typeof s.SanctionQuery>) {
  const tenantId = tenantOf(ctx);
  let employeeId = q.employeeId;
  if (employeeId) {
    const emp = await orgRepo.findEmployee(ctx.db, tenantId, employeeId);
    if (!emp) throw notFound();
    if (!sanctionPolicy.can(ctx.actor, 'read', { employeeId })) throw notFound();
  } else if (!sanctionPolicy.can(ctx.actor, 'read', { employeeId: '' })) {
    // not a city-wide reader: only one's own
    if (!ctx.actor.employeeId) return { items: [] };
    employeeId = ctx.actor.employeeId;
  }
  const rows = await repo.sanctionList(ctx.db, tenantId, employeeId);
  return { items: rows.map((r) => sanctionView(ctx, r)) };
}

export async function createSanction(ctx: RequestContext, input: z.infer<typeof s.CreateSanction>) {
  const tenantId = tenantOf(ctx);
  const emp = await orgRepo.findEmployee(ctx.db, tenantId, input.employeeId);
  if (!emp) throw notFound();
  sanctionPolicy.authorize(ctx.actor, 'manage', { employeeId: emp.id }, 'read');
  return transaction(ctx.db, async (trx) => {
    const row = {
      tenant_id: tenantId,
      id: newId(),
      employee_id: emp.id,
      start_month: input.startMonth,
      months: input.months,
      basis_points: input.basisPoints,
      decree: input.decree,
      reason: input.reason ?? null,
      created_by: ctx.actor.userId,
      created_at: nowIso(),
    };
    await trx.insertInto('disciplinary_sanctions').values(row).execute();
    await audit(trx, ctx, {
      action: 'sanction.create',
      entityType: 'sanction',
      entityId: row.id,
      after: row,
    });
    return sanctionView(ctx, { ...row, employee_name: emp.name, nip: emp.nip });
  });
}

export async function deleteSanction(ctx: RequestContext, id: string) {
  const tenantId = tenantOf(ctx);
  const before = await repo.findSanction(ctx.db, tenantId, id);
  if (!before) throw notFound();
  sanctionPolicy.authorize(ctx.actor, 'manage', { employeeId: before.employee_id }, 'read');
  await transaction(ctx.db, async (trx) => {
    await trx
      .deleteFrom('disciplinary_sanctions')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { action: 'sanction.delete', entityType: 'sanction', entityId: id, before });
  });
}

// ======================= month views =======================
const LATE = /^TL\d$/;
const EARLY = /^PSW\d$/;

function personFigures(d: EmployeeDeductions | undefined) {
  const lines = d?.lines ?? [];
  const lateDates = new Set(lines.filter((l) => LATE.test(l.code)).map((l) => l.date));
  const earlyDates = new Set(lines.filter((l) => EARLY.test(l.code)).map((l) => l.date));
  const sum = (re: RegExp) => lines.filter((l) => re.test(l.code)).reduce((a, l) => a + (l.minutes ?? 0), 0);
  return {
    daysPresent: d?.daysPresent ?? 0,
    daysAbsent: d?.daysAbsent ?? 0,
    lateDays: lateDates.size,
    earlyDays: earlyDates.size,
    lateMinutes: sum(LATE),
    earlyMinutes: sum(EARLY),
    totalBasisPoints: d?.totalBasisPoints ?? 0,
  };
}

const countCodes = (lines: readonly { code: string }[], into: Record<string, number> = {}) => {
  for (const l of lines) into[l.code] = (into[l.code] ?? 0) + 1;
  return into;
};

export async function myMonth(ctx: RequestContext, month: string | undefined) {
  if (!ctx.actor.employeeId) throw notFound();
  return employeeMonth(ctx, ctx.actor.employeeId, month);
}

export async function employeeMonth(ctx: RequestContext, employeeId: string, month: string | undefined) {
  const { emp, resource } = await loadEmployee(ctx, employeeId);
  if (!attendancePolicy.can(ctx.actor, 'read', resource)) throw notFound();
  const tenantId = tenantOf(ctx);
  const m = resolveMonth(ctx, month);
  const from = monthStart(m);
  const to = monthEnd(m);
  const [mc, rows, leaves, deductions, activity, edges] = await Promise.all([
    monthContext(ctx.db, tenantId, m),
    repo.employeeDays(ctx.db, tenantId, emp.id, from, to),
    repo.leavesOverlapping(ctx.db, tenantId, from, to, [emp.id]),
    monthDeductions(ctx.db, tenantId, m, [emp.id]),
    repo.activityDays(ctx.db, tenantId, [emp.id], from, to),
    Promise.resolve({ tmt: emp.tmt, status: emp.status, status_date: emp.status_date }),
  ]);
  const d = deductions.get(emp.id);
  const hasData = rows.length > 0;
  const rowOf = new Map(rows.map((r) => [r.date, r]));
  const minutesOf = new Map(activity.map((a) => [a.date, Number(a.minutes_logged)]));
  const judged = new Set(mc.judgedDates);
  const working = new Set(mc.workingDates);
  const linesOf = new Map<string, EmployeeDeductions['lines']>();
  for (const l of d?.lines ?? []) {
    if (l.code === 'HUKDIS') continue;
    linesOf.set(l.date, [...(linesOf.get(l.date) ?? []), l]);
  }
  let daysOnLeave = 0;
  let flagged = 0;
  const days = datesBetween(from, to).map((date) => {
    const row = rowOf.get(date);
    const leave = leaves.find((l) => l.start_date <= date && date <= l.end_date) ?? null;
    const isWorking = working.has(date);
    const isJudged = judged.has(date) && hasData && employedOn(date, edges);
    const schedule = isWorking ? (mc.scheduleOf.get(date) ?? null) : null;
    const facts = row ? { checkIn: row.check_in_min, checkOut: row.check_out_min, apel: row.apel } : null;
    const view =
      isWorking && facts && !leave
        ? judgeDay(date, facts, false, schedule, mc.rules)
        : { lateMinutes: 0, earlyMinutes: 0 };
    const lines = isJudged ? (linesOf.get(date) ?? []) : [];
    const activityMinutes = minutesOf.get(date) ?? 0;
    const tapped = !!facts && (facts.checkIn !== null || facts.checkOut !== null);
    const flags: string[] = [];
    if (isWorking && leave && date < mc.today) daysOnLeave += 1;
    if (isJudged && !leave && !tapped && activityMinutes > 0) {
      flags.push('activity_without_attendance');
      flagged += 1;
    }
    return {
      date,
      weekday: isoWeekday(date),
      working: isWorking,
      judged: isJudged,
      holiday: mc.holidays.get(date) ?? null,
      leave: leave ? { kind: leave.kind, note: leave.note } : null,
      schedule: schedule
        ? { start: formatTime(schedule.start) as string, end: formatTime(schedule.end) as string }
        : null,
      checkIn: formatTime(row?.check_in_min ?? null),
      checkOut: formatTime(row?.check_out_min ?? null),
      apel: row?.apel === null || row?.apel === undefined ? null : row.apel === 1,
      lateMinutes: view.lateMinutes,
      earlyMinutes: view.earlyMinutes,
      codes: lines.map((l) => l.code),
      basisPoints: lines.reduce((a, l) => a + l.basisPoints, 0),
      activityMinutes,
      flags,
    };
  });
  const figures = personFigures(d);
  return {
    month: m,
    employee: {
      id: emp.id,
      name: emp.name,
      nip: emp.nip,
      positionName: emp.position_name,
      unitName: emp.unit_name,
    },
    dataUntil: mc.dataUntil,
    hasData,
    workingDays: mc.workingDates.length,
    judgedDays: hasData ? mc.judgedDates.filter((x) => employedOn(x, edges)).length : 0,
    summary: {
      daysPresent: figures.daysPresent,
      daysAbsent: figures.daysAbsent,
      daysOnLeave,
      lateMinutes: figures.lateMinutes,
      earlyMinutes: figures.earlyMinutes,
      shortfallMinutes: d?.shortfallMinutes ?? 0,
      totalBasisPoints: figures.totalBasisPoints,
      activityWithoutAttendanceDays: flagged,
    },
    counts: countCodes(d?.lines ?? []),
    lines: d?.lines ?? [],
    days,
    abilities: { manageLeave: attendancePolicy.can(ctx.actor, 'manageLeave', resource) },
  };
}

interface Person {
  id: string;
  name: string;
  nip: string;
  position_name: string | null;
  unit_name: string | null;
}

function personRow(p: Person, d: EmployeeDeductions | undefined, hasData: boolean, flagged: number | null) {
  return {
    employeeId: p.id,
    name: p.name,
    nip: p.nip,
    positionName: p.position_name,
    unitName: p.unit_name,
    hasData,
    ...personFigures(d),
    activityWithoutAttendanceDays: flagged,
  };
}

function totalsOf(rows: ReturnType<typeof personRow>[], deductions: Map<string, EmployeeDeductions>) {
  const withData = rows.filter((r) => r.hasData);
  const counts: Record<string, number> = {};
  for (const r of rows) countCodes(deductions.get(r.employeeId)?.lines ?? [], counts);
  const sum = (f: (r: ReturnType<typeof personRow>) => number) => rows.reduce((a, r) => a + f(r), 0);
  return {
    people: rows.length,
    withData: withData.length,
    daysPresent: sum((r) => r.daysPresent),
    daysAbsent: sum((r) => r.daysAbsent),
    lateDays: sum((r) => r.lateDays),
    earlyDays: sum((r) => r.earlyDays),
    counts,
    averageBasisPoints: withData.length
      ? Math.round(withData.reduce((a, r) => a + r.totalBasisPoints, 0) / withData.length)
      : null,
  };
}

/** Which employees have any attendance row in the month (the others are not judged). */
async function withRows(ctx: RequestContext, month: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  // a few people: straight from the rows; a whole city: from the month rollups
  const rows =
    ids.length <= repo.MAX_IN_LIST
      ? await repo.employeesWithRows(ctx.db, tenantOf(ctx), monthStart(month), monthEnd(month), ids)
      : await repo.monthRollups(ctx.db, tenantOf(ctx), month);
  return new Set(rows.map((r) => r.employee_id));
}

export async function unitMonth(ctx: RequestContext, unitId: string, q: z.infer<typeof s.UnitMonthQuery>) {
  const tenantId = tenantOf(ctx);
  const unit = await orgRepo.findUnit(ctx.db, tenantId, unitId);
  if (!unit) throw notFound();
  unitAttendancePolicy.authorize(ctx.actor, 'read', { unitPath: unit.path });
  const m = resolveMonth(ctx, q.month);
  const people = await repo.employeesInSubtree(ctx.db, tenantId, unit.path);
  const ids = people.map((p) => p.id);
  const [mc, deductions, covered, children] = await Promise.all([
    monthContext(ctx.db, tenantId, m),
    monthDeductions(ctx.db, tenantId, m, ids),
    withRows(ctx, m, ids),
    ctx.db
      .selectFrom('units')
      .select(['id', 'name', 'path'])
      .where('tenant_id', '=', tenantId)
      .where('parent_id', '=', unit.id)
      .where('active', '=', 1)
      .orderBy('code')
      .execute(),
  ]);
  const rows = people.map((p) => personRow(p, deductions.get(p.id), covered.has(p.id), null));
  const offset = Number(q.cursor ?? 0);
  const page = rows.slice(offset, offset + q.limit);
  const groups = [
    { unitId: unit.id, name: unit.name, path: unit.path, exact: true },
    ...children.map((c) => ({ unitId: c.id, name: c.name, path: c.path, exact: false })),
  ];
  return {
    month: m,
    unit: { id: unit.id, name: unit.name },
    dataUntil: mc.dataUntil,
    judgedDays: mc.judgedDates.length,
    totals: totalsOf(rows, deductions),
    units: groups
      .map((g) => {
        const members = rows.filter((_, i) =>
          g.exact ? people[i].unit_path === g.path : people[i].unit_path.startsWith(g.path),
        );
        const totals = totalsOf(members, deductions);
        return { unitId: g.unitId, name: g.name, ...totals };
      })
      .filter((g) => g.people > 0),
    items: page,
    nextCursor: offset + q.limit < rows.length ? String(offset + q.limit) : null,
  };
}

export async function subordinatesMonth(ctx: RequestContext, month: string | undefined) {
  const tenantId = tenantOf(ctx);
  const m = resolveMonth(ctx, month);
  const subs = await directSubordinates(ctx);
  const ids = subs.map((x) => x.employeeId);
  const [mc, deductions, covered, people, activity] = await Promise.all([
    monthContext(ctx.db, tenantId, m),
    monthDeductions(ctx.db, tenantId, m, ids),
    withRows(ctx, m, ids),
    repo.employeesByIds(ctx.db, tenantId, ids),
    repo.activityDays(ctx.db, tenantId, ids, monthStart(m), monthEnd(m)),
  ]);
  const logged = new Set(activity.map((a) => `${a.employee_id}|${a.date}`));
  const items = people
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => {
      const d = deductions.get(p.id);
      const flagged = covered.has(p.id)
        ? (d?.lines ?? []).filter((l) => l.code === 'TK' && logged.has(`${p.id}|${l.date}`)).length
        : null;
      return personRow(p, d, covered.has(p.id), flagged);
    });
  return { month: m, dataUntil: mc.dataUntil, judgedDays: mc.judgedDates.length, items };
}

// ======================= performance account block =======================
const ACCOUNT_LABELS = {
  id: { HADIR: 'Hadir', CUTI: 'Cuti / sakit', DINAS_LUAR: 'Dinas luar', TK: 'Tanpa keterangan' },
  en: { HADIR: 'Present', CUTI: 'Leave / sick', DINAS_LUAR: 'Official travel', TK: 'Absent without notice' },
} as const;

/** The month's attendance of an (already authorised) account subject, or null without any fact. */
export async function accountAttendance(
  ctx: RequestContext,
  subject: { tenantId: string; employeeId: string; month: string },
) {
  const [deductions, leaves] = await Promise.all([
    monthDeductions(ctx.db, subject.tenantId, subject.month, [subject.employeeId]),
    repo.leavesOverlapping(ctx.db, subject.tenantId, monthStart(subject.month), monthEnd(subject.month), [
      subject.employeeId,
    ]),
  ]);
  const d = deductions.get(subject.employeeId);
  if (!d) return null;
  const labels = ACCOUNT_LABELS[ctx.locale];
  const mc = await monthContext(ctx.db, subject.tenantId, subject.month);
  const leaveDays = (kinds: string[]) =>
    mc.workingDates.filter(
      (date) =>
        date < mc.today &&
        leaves.some((l) => kinds.includes(l.kind) && l.start_date <= date && date <= l.end_date),
    ).length;
  const counts = countCodes(d.lines.filter((l) => l.code !== 'HUKDIS'));
  const summary = [
    { code: 'HADIR', label: labels.HADIR, count: d.daysPresent },
    { code: 'CUTI', label: labels.CUTI, count: leaveDays(['cuti', 'sakit']) },
    { code: 'DINAS_LUAR', label: labels.DINAS_LUAR, count: leaveDays(['dinas_luar']) },
    ...Object.entries(counts)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, count]) => ({ code, label: code === 'TK' ? labels.TK : code, count })),
  ].filter((x) => x.count > 0 || x.code === 'HADIR');
  const own = ctx.actor.employeeId === subject.employeeId;
  return {
    month: subject.month,
    summary,
    deductionPercent: d.totalBasisPoints / 100,
    link: own
      ? `/kehadiran?bulan=${subject.month}`
      : `/kehadiran/pegawai/${encodeURIComponent(subject.employeeId)}?bulan=${subject.month}`,
  };
}
