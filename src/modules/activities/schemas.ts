import { z } from 'zod';
import { POSITION_KINDS } from '../org/schemas.ts';
import { ActivitySettings } from './settings.ts';

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
export const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const reason = z.string().trim().min(3).max(500);
const limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const IdParams = z.strictObject({ id });
export const MonthQuery = z.strictObject({ month: monthText.optional() });

// ---------- catalog ----------
const catalogCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/);
export const CATALOG_LIMITS = { minutes: 1440 } as const;
export const CatalogQuery = z.strictObject({
  q: z.string().max(100).optional(),
  /** position kind; default for an employee without catalog rights: their own position's kind */
  kind: z.enum([...POSITION_KINDS, 'all']).optional(),
  /** default: all for BKPSDM, active only for everyone else */
  active: z.enum(['true', 'false', 'all']).optional(),
  limit: limit(200, 1000),
  cursor: z.string().max(60).optional(),
});
export const CreateCatalogItem = z.strictObject({
  code: catalogCode,
  name: z.string().trim().min(3).max(200),
  outputUnit: z.string().trim().min(1).max(40),
  standardMinutes: z.number().int().min(1).max(CATALOG_LIMITS.minutes),
  positionKinds: z.array(z.enum(POSITION_KINDS)).min(1).max(POSITION_KINDS.length),
  active: z.boolean().optional(),
});
export const UpdateCatalogItem = z
  .strictObject({
    code: catalogCode.optional(),
    name: z.string().trim().min(3).max(200).optional(),
    outputUnit: z.string().trim().min(1).max(40).optional(),
    standardMinutes: z.number().int().min(1).max(CATALOG_LIMITS.minutes).optional(),
    positionKinds: z.array(z.enum(POSITION_KINDS)).min(1).max(POSITION_KINDS.length).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: 'VALIDATION_FAILED' } });

export const CatalogItem = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    outputUnit: z.string(),
    standardMinutes: z.number(),
    positionKinds: z.array(z.string()),
    active: z.boolean(),
    abilities: z.object({ update: z.boolean() }),
  })
  .meta({ id: 'ActivityCatalogItem' });
export const CatalogList = z
  .object({ items: z.array(CatalogItem), nextCursor: z.string().nullable() })
  .meta({ id: 'ActivityCatalogList' });
export const CatalogImportResult = z
  .object({ created: z.number(), updated: z.number(), unchanged: z.number() })
  .meta({ id: 'ActivityCatalogImportResult' });

// ---------- activities ----------
/** Quantity and times are range-checked by the rules, so each breach gets its own message. */
export const ActivityInput = z.strictObject({
  date: isoDate,
  catalogId: id,
  quantity: z.number().finite(),
  rhkId: id.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
  evidence: z.array(sha).max(5).default([]),
  startTime: hhmm.nullable().optional(),
  endTime: hhmm.nullable().optional(),
});
export const BatchInput = z.strictObject({
  entries: z
    .array(ActivityInput.extend({ idempotencyKey: z.string().trim().min(1).max(100).optional() }))
    .min(1)
    .max(500),
});
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().trim().min(1).max(100).optional(),
});
export const ActivityQuery = z
  .strictObject({ date: isoDate.optional(), from: isoDate.optional(), to: isoDate.optional() })
  .refine((q) => !q.date || (!q.from && !q.to), { params: { code: 'VALIDATION_FAILED' } })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { params: { code: 'VALIDATION_FAILED' } });
export const QueueQuery = z.strictObject({
  employeeId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'all']).default('pending'),
  limit: limit(200, 1000),
  cursor: z.string().max(200).optional(),
});
export const VerifyInput = z.strictObject({
  decisions: z
    .array(
      z.strictObject({
        id,
        action: z.enum(['approve', 'reject', 'adjust']),
        quantity: z.number().finite().optional(),
        reason: reason.optional(),
      }),
    )
    .min(1)
    .max(500),
});

const PersonRef = z.object({ id: z.string(), name: z.string(), nip: z.string() });
export const Activity = z
  .object({
    id: z.string(),
    date: z.string(),
    employee: PersonRef,
    catalogId: z.string(),
    catalogCode: z.string(),
    catalogName: z.string(),
    outputUnit: z.string(),
    standardMinutes: z.number(),
    quantity: z.number(),
    originalQuantity: z.number().nullable(),
    minutes: z.number(),
    rhkId: z.string().nullable(),
    rhkText: z.string().nullable(),
    note: z.string().nullable(),
    evidence: z.array(z.string()),
    startTime: z.string().nullable(),
    endTime: z.string().nullable(),
    status: z.enum(['pending', 'approved', 'rejected']),
    rejectReason: z.string().nullable(),
    verifiedBy: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    /** last day the atasan may verify it */
    verifyUntil: z.string(),
    createdAt: z.string(),
    abilities: z.object({ delete: z.boolean(), verify: z.boolean() }),
  })
  .meta({ id: 'Activity' });
export const ActivityList = z.object({ items: z.array(Activity) }).meta({ id: 'ActivityList' });
export const BatchResult = z
  .object({
    items: z.array(z.object({ index: z.number(), created: z.boolean(), activity: Activity })),
  })
  .meta({ id: 'ActivityBatchResult' });
export const CopyResult = z
  .object({
    sourceDate: z.string().nullable(),
    created: z.array(Activity),
    skipped: z.array(
      z.object({ sourceId: z.string(), catalogName: z.string(), code: z.string(), reason: z.string() }),
    ),
  })
  .meta({ id: 'ActivityCopyResult' });
export const Queue = z
  .object({
    items: z.array(Activity),
    employees: z.array(
      z.object({
        employeeId: z.string(),
        name: z.string(),
        nip: z.string(),
        positionName: z.string(),
        pendingMinutes: z.number(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ActivityQueue' });
export const VerifyResult = z.object({ items: z.array(Activity) }).meta({ id: 'ActivityVerifyResult' });

// ---------- workload ----------
const Band = z.enum(['under', 'normal', 'over']).nullable();
export const Workload = z
  .object({
    month: z.string(),
    employee: PersonRef.extend({ positionName: z.string().nullable(), unitName: z.string().nullable() }),
    workingDays: z.number(),
    leaveDays: z.number(),
    effectiveMinutes: z.number(),
    approvedMinutes: z.number(),
    pendingMinutes: z.number(),
    rejectedMinutes: z.number(),
    ratioUncapped: z.number().nullable(),
    /** attendance shortfall in minutes (null: no attendance data for the month) */
    attendanceShortfallMinutes: z.number().nullable(),
    /** batas max = effective − attendance shortfall; nilai aktivitas counts approved minutes up to it */
    batasMaxMinutes: z.number(),
    nilaiAktivitas: z.number().nullable(),
    band: Band,
    thresholds: z.object({ under: z.number(), over: z.number() }),
    days: z.array(
      z.object({
        date: z.string(),
        working: z.boolean(),
        holiday: z.string().nullable(),
        leave: z.string().nullable(),
        logged: z.number(),
        approved: z.number(),
        pending: z.number(),
        noAttendance: z.boolean(),
      }),
    ),
    history: z.array(
      z.object({
        month: z.string(),
        approvedMinutes: z.number(),
        effectiveMinutes: z.number(),
        ratio: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'Workload' });

const PersonLoad = z.object({
  employeeId: z.string(),
  name: z.string(),
  nip: z.string(),
  positionName: z.string().nullable(),
  unitName: z.string(),
  approvedMinutes: z.number(),
  effectiveMinutes: z.number(),
  ratio: z.number(),
});
const AggregateRow = z.object({
  unitId: z.string(),
  name: z.string(),
  people: z.number(),
  loggingPeople: z.number(),
  entries: z.number(),
  approvedMinutes: z.number(),
  pendingMinutes: z.number(),
  effectiveMinutes: z.number(),
  ratio: z.number().nullable(),
  under: z.number(),
  normal: z.number(),
  over: z.number(),
});
export const WorkloadDistribution = z
  .object({
    month: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    workingDays: z.number(),
    people: z.number(),
    withoutEffectiveTime: z.number(),
    approvedMinutes: z.number(),
    effectiveMinutes: z.number(),
    ratio: z.number().nullable(),
    thresholds: z.object({ under: z.number(), over: z.number() }),
    buckets: z.array(
      z.object({ label: z.string(), from: z.number(), to: z.number().nullable(), count: z.number() }),
    ),
    bands: z.object({ under: z.number(), normal: z.number(), over: z.number() }),
    overloaded: z.array(PersonLoad),
    underloaded: z.array(PersonLoad),
    rows: z.array(AggregateRow),
  })
  .meta({ id: 'WorkloadDistribution' });

// ---------- ABK ----------
export const AbkQuery = z.strictObject({
  unitId: id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
const AbkFigures = z.object({
  bebanKerja: z.number(),
  kebutuhan: z.number(),
  pns: z.number(),
  pppk: z.number(),
  holders: z.number(),
  selisih: z.number(),
  selisihLabel: z.string(),
  ej: z.number().nullable(),
  pj: z.enum(['A', 'B', 'C', 'D', 'E']).nullable(),
  pjLabel: z.string().nullable(),
});
export const Abk = z
  .object({
    year: z.number(),
    unit: z.object({ id: z.string(), name: z.string() }),
    months: z.array(z.string()),
    wkeMinutes: z.number(),
    units: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        rows: z.array(AbkFigures.extend({ jabatan: z.string(), kind: z.string(), positions: z.number() })),
        total: AbkFigures,
      }),
    ),
    total: AbkFigures,
  })
  .meta({ id: 'Abk' });

// ---------------- city rules ----------------
export const ActivityRules = ActivitySettings.meta({ id: 'ActivityRules' });

const rule = ActivitySettings.shape;
/** Only the rules present change; unknown keys are refused (a typo must not pass silently). */
export const ActivityRulesInput = z
  .object({
    backdateDays: rule.backdateDays.unwrap().optional(),
    dailyMaxMinutes: rule.dailyMaxMinutes.unwrap().optional(),
    maxEntryMinutes: rule.maxEntryMinutes.unwrap().optional(),
    maxQuantity: rule.maxQuantity.unwrap().optional(),
    workingMinutesPerDay: rule.workingMinutesPerDay.unwrap().optional(),
    workWeekdays: rule.workWeekdays
      .unwrap()
      .min(1)
      .refine((days) => new Set(days).size === days.length, { message: 'duplicate weekday' })
      .optional(),
    leaveKindsReducingTime: rule.leaveKindsReducingTime.unwrap().optional(),
    verifyDaysAfterMonth: rule.verifyDaysAfterMonth.unwrap().optional(),
    underThreshold: rule.underThreshold.unwrap().optional(),
    overThreshold: rule.overThreshold.unwrap().optional(),
    wkeMinutesPerYear: rule.wkeMinutesPerYear.unwrap().optional(),
  })
  .strict();
