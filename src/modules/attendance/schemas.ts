import { z } from 'zod';
import { RULE_CODES } from './rules.ts';

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
export const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const LEAVE_KINDS = ['cuti', 'sakit', 'dinas_luar'] as const;
export const HOLIDAY_KINDS = ['libur', 'cuti_bersama'] as const;
export const MAX_LEAVE_DAYS = 90;
export const MAX_SANCTION_MONTHS = 36;

export const IdParams = z.strictObject({ id });
export const DateParams = z.strictObject({ date: isoDate });
export const MonthQuery = z.strictObject({ month: monthText.optional() });
export const UnitMonthQuery = z.strictObject({
  month: monthText.optional(),
  limit: limit(100, 500),
  cursor: z.string().regex(/^\d+$/).optional(),
});

// ---------- calendar ----------
export const CalendarQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const CreateHoliday = z.strictObject({
  date: isoDate,
  kind: z.enum(HOLIDAY_KINDS),
  name: z.string().trim().min(3).max(200),
});
export const UpdateHoliday = z
  .strictObject({
    kind: z.enum(HOLIDAY_KINDS).optional(),
    name: z.string().trim().min(3).max(200).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: 'VALIDATION_FAILED' } });
export const Holiday = z
  .object({ date: z.string(), kind: z.string(), name: z.string() })
  .meta({ id: 'AttendanceHoliday' });

const ScheduleDayInput = z.strictObject({ weekday: z.number().int().min(1).max(7), start: hhmm, end: hhmm });
export const CreateSchedule = z.strictObject({
  name: z.string().trim().min(3).max(120),
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
  days: z.array(ScheduleDayInput).max(7),
});
export const UpdateSchedule = z
  .strictObject({
    name: z.string().trim().min(3).max(120).optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.nullable().optional(),
    days: z.array(ScheduleDayInput).max(7).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: 'VALIDATION_FAILED' } });
export const Schedule = z
  .object({
    id: z.string(),
    name: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    days: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string() })),
    abilities: z.object({ manage: z.boolean() }),
  })
  .meta({ id: 'AttendanceSchedule' });
export const Calendar = z
  .object({
    year: z.number(),
    workWeekdays: z.array(z.number()),
    holidays: z.array(Holiday),
    schedules: z.array(Schedule),
    /** true while the city runs on the built-in default schedule (nothing stored yet) */
    defaultSchedule: z.boolean(),
    abilities: z.object({ manage: z.boolean() }),
  })
  .meta({ id: 'AttendanceCalendar' });

// ---------- deduction table ----------
const Rule = z.strictObject({
  code: z.enum(RULE_CODES),
  minMinutes: z.number().int().min(0).max(1440).nullable(),
  maxMinutes: z.number().int().min(0).max(1440).nullable(),
  basisPoints: z.number().int().min(0).max(10_000),
});
export const PutRules = z.strictObject({ rules: z.array(Rule).min(1).max(20) });
export const Rules = z
  .object({
    rules: z.array(
      z.object({
        code: z.string(),
        minMinutes: z.number().nullable(),
        maxMinutes: z.number().nullable(),
        basisPoints: z.number(),
      }),
    ),
    isDefault: z.boolean(),
    abilities: z.object({ manage: z.boolean() }),
  })
  .meta({ id: 'AttendanceRules' });

// ---------- leave ----------
export const LeaveQuery = z.strictObject({
  employeeId: id.optional(),
  unitId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: limit(100, 500),
  cursor: z.string().max(80).optional(),
});
export const CreateLeave = z.strictObject({
  employeeId: id,
  kind: z.enum(LEAVE_KINDS),
  startDate: isoDate,
  endDate: isoDate,
  note: z.string().trim().max(300).nullable().optional(),
});
export const UpdateLeave = z
  .strictObject({
    kind: z.enum(LEAVE_KINDS).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    note: z.string().trim().max(300).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: 'VALIDATION_FAILED' } });
export const Leave = z
  .object({
    id: z.string(),
    employeeId: z.string(),
    employeeName: z.string(),
    nip: z.string(),
    unitName: z.string().nullable(),
    kind: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    note: z.string().nullable(),
    abilities: z.object({ manage: z.boolean() }),
  })
  .meta({ id: 'AttendanceLeave' });
export const LeaveList = z
  .object({ items: z.array(Leave), nextCursor: z.string().nullable() })
  .meta({ id: 'AttendanceLeaveList' });

// ---------- sanctions ----------
export const SanctionQuery = z.strictObject({ employeeId: id.optional() });
export const CreateSanction = z.strictObject({
  employeeId: id,
  startMonth: monthText,
  months: z.number().int().min(1).max(MAX_SANCTION_MONTHS),
  /** percent of TPP cut, × 100 (5% = 500) */
  basisPoints: z.number().int().min(1).max(10_000),
  decree: z.string().trim().min(3).max(120),
  reason: z.string().trim().max(500).nullable().optional(),
});
export const Sanction = z
  .object({
    id: z.string(),
    employeeId: z.string(),
    employeeName: z.string(),
    nip: z.string(),
    startMonth: z.string(),
    endMonth: z.string(),
    months: z.number(),
    basisPoints: z.number(),
    decree: z.string(),
    reason: z.string().nullable(),
    abilities: z.object({ manage: z.boolean() }),
  })
  .meta({ id: 'DisciplinarySanction' });
export const SanctionList = z.object({ items: z.array(Sanction) }).meta({ id: 'DisciplinarySanctionList' });

// ---------- month views ----------
const Line = z.object({
  date: z.string(),
  code: z.string(),
  basisPoints: z.number(),
  minutes: z.number().optional(),
  note: z.string().optional(),
});
const Counts = z.record(z.string(), z.number());
export const EmployeeMonth = z
  .object({
    month: z.string(),
    employee: z.object({
      id: z.string(),
      name: z.string(),
      nip: z.string(),
      positionName: z.string().nullable(),
      unitName: z.string().nullable(),
    }),
    /** how far the city's imported attendance reaches in this month */
    dataUntil: z.string().nullable(),
    /** the employee has attendance rows this month (otherwise nothing but leave and sanctions is judged) */
    hasData: z.boolean(),
    workingDays: z.number(),
    judgedDays: z.number(),
    summary: z.object({
      daysPresent: z.number(),
      daysAbsent: z.number(),
      daysOnLeave: z.number(),
      lateMinutes: z.number(),
      earlyMinutes: z.number(),
      shortfallMinutes: z.number(),
      totalBasisPoints: z.number(),
      activityWithoutAttendanceDays: z.number(),
    }),
    counts: Counts,
    lines: z.array(Line),
    days: z.array(
      z.object({
        date: z.string(),
        weekday: z.number(),
        working: z.boolean(),
        judged: z.boolean(),
        holiday: z.object({ kind: z.string(), name: z.string() }).nullable(),
        leave: z.object({ kind: z.string(), note: z.string().nullable() }).nullable(),
        schedule: z.object({ start: z.string(), end: z.string() }).nullable(),
        checkIn: z.string().nullable(),
        checkOut: z.string().nullable(),
        apel: z.boolean().nullable(),
        lateMinutes: z.number(),
        earlyMinutes: z.number(),
        codes: z.array(z.string()),
        basisPoints: z.number(),
        activityMinutes: z.number(),
        /** `activity_without_attendance`: minutes logged on a working day without any tap or leave */
        flags: z.array(z.string()),
      }),
    ),
    abilities: z.object({ manageLeave: z.boolean() }),
  })
  .meta({ id: 'AttendanceMonth' });

const PersonRow = z.object({
  employeeId: z.string(),
  name: z.string(),
  nip: z.string(),
  positionName: z.string().nullable(),
  unitName: z.string().nullable(),
  hasData: z.boolean(),
  daysPresent: z.number(),
  daysAbsent: z.number(),
  lateDays: z.number(),
  earlyDays: z.number(),
  lateMinutes: z.number(),
  earlyMinutes: z.number(),
  totalBasisPoints: z.number(),
  activityWithoutAttendanceDays: z.number().nullable(),
});
const Totals = z.object({
  people: z.number(),
  withData: z.number(),
  daysPresent: z.number(),
  daysAbsent: z.number(),
  lateDays: z.number(),
  earlyDays: z.number(),
  counts: Counts,
  averageBasisPoints: z.number().nullable(),
});
export const UnitMonth = z
  .object({
    month: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    dataUntil: z.string().nullable(),
    judgedDays: z.number(),
    totals: Totals,
    units: z.array(
      z
        .object({ unitId: z.string(), name: z.string(), people: z.number() })
        .extend(Totals.omit({ people: true }).shape),
    ),
    items: z.array(PersonRow),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AttendanceUnitMonth' });
export const SubordinatesMonth = z
  .object({
    month: z.string(),
    dataUntil: z.string().nullable(),
    judgedDays: z.number(),
    items: z.array(PersonRow),
  })
  .meta({ id: 'AttendanceSubordinatesMonth' });
