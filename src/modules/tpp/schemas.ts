import { z } from 'zod';
import { GROUPS } from './settings.ts';

const id = z.string().min(1).max(64);
export const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const rupiah = z.number().int().min(0).max(1_000_000_000);
const bp = z.number().int().min(0).max(10_000);

export const IdParams = z.strictObject({ id });
export const MonthQuery = z.strictObject({ month: monthText.optional() });
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() });

// ---------- settings ----------
export const SettingsInput = z.strictObject({
  pagu: z
    .array(z.strictObject({ kelas: z.number().int().min(1).max(17), amount: rupiah }))
    .min(1)
    .max(17),
  weights: z
    .array(
      z.strictObject({
        group: z.enum(GROUPS),
        kinerjaBp: bp,
        disiplinBp: bp,
        kinerjaEnabled: z.boolean(),
        disiplinEnabled: z.boolean(),
      }),
    )
    .min(1)
    .max(GROUPS.length),
  rules: z.strictObject({
    bpjsBp: z.number().int().min(0).max(1_000),
    bpjsCap: rupiah.nullable(),
    actingShareBp: bp,
  }),
});
export type SettingsInput = z.infer<typeof SettingsInput>;

const Weight = z.object({
  group: z.string(),
  kinerjaBp: z.number(),
  disiplinBp: z.number(),
  kinerjaEnabled: z.boolean(),
  disiplinEnabled: z.boolean(),
});
const Rules = z.object({ bpjsBp: z.number(), bpjsCap: z.number().nullable(), actingShareBp: z.number() });

export const Settings = z
  .object({
    configured: z.boolean(),
    pagu: z.array(z.object({ kelas: z.number(), amount: z.number() })),
    weights: z.array(Weight),
    rules: Rules,
    abilities: z.object({ manage: z.boolean() }),
  })
  .meta({ id: 'TppSettings' });

// ---------- runs ----------
export const RunsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(120).default(24),
  /** months before this one (keyset) */
  cursor: monthText.optional(),
});
export type RunsQuery = z.infer<typeof RunsQuery>;
export const CreateRun = z.strictObject({ month: monthText });

const Totals = z.object({
  employees: z.number(),
  base: z.number(),
  kinerja: z.number(),
  disiplin: z.number(),
  potongan: z.number(),
  bruto: z.number(),
  bpjs: z.number(),
  netto: z.number(),
});

const runFields = {
  id: z.string(),
  month: z.string(),
  status: z.enum(['draft', 'checked', 'locked']),
  totals: Totals,
  computedAt: z.string().nullable(),
  computedBy: z.string().nullable(),
  checkedAt: z.string().nullable(),
  checkedBy: z.string().nullable(),
  lockedAt: z.string().nullable(),
  lockedBy: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ compute: z.boolean(), check: z.boolean(), lock: z.boolean(), export: z.boolean() }),
};
export const RunSummary = z.object(runFields).meta({ id: 'TppRunSummary' });
export const RunList = z.object({
  items: z.array(RunSummary),
  nextCursor: z.string().nullable(),
  currentMonth: z.string(),
  abilities: z.object({ create: z.boolean() }),
});
export const Run = z
  .object({
    ...runFields,
    opds: z.array(
      z.object({
        opdId: z.string(),
        opdName: z.string(),
        totals: Totals.extend({ disiplinMax: z.number() }),
      }),
    ),
    reconciliation: z.object({ ok: z.boolean(), fromLines: Totals }),
    params: z.unknown(),
  })
  .meta({ id: 'TppRun' });

export const LinesQuery = z.strictObject({
  opdId: id.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(400).optional(),
});
export type LinesQuery = z.infer<typeof LinesQuery>;
export const Lines = z.object({
  items: z.array(
    z.object({
      employeeId: z.string(),
      name: z.string(),
      nip: z.string(),
      opdId: z.string(),
      opdName: z.string(),
      positionName: z.string(),
      kelas: z.number(),
      days: z.number(),
      base: z.number(),
      actingBase: z.number(),
      performanceBp: z.number(),
      deductionBp: z.number(),
      komponenKinerja: z.number(),
      disiplinMax: z.number(),
      komponenDisiplin: z.number(),
      potongan: z.number(),
      bruto: z.number(),
      bpjs: z.number(),
      netto: z.number(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export const ExportQuery = z.strictObject({ opdId: id.optional() });

// ---------- one employee's line ----------
const Segment = z.object({
  positionId: z.string(),
  positionName: z.string(),
  kind: z.string(),
  kelas: z.number(),
  unitId: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.number(),
  pagu: z.number(),
  amountExact: z.string(),
});
const Acting = z.object({
  positionId: z.string(),
  positionName: z.string(),
  kelas: z.number(),
  from: z.string(),
  to: z.string(),
  days: z.number(),
  eligibleDays: z.number(),
  pagu: z.number(),
  shareBp: z.number(),
  amountExact: z.string(),
});
const DeductionLine = z.object({
  date: z.string(),
  code: z.string(),
  basisPoints: z.number(),
  minutes: z.number().optional(),
  note: z.string().optional(),
});
export const Line = z
  .object({
    month: z.string(),
    status: z.enum(['estimate', 'draft', 'checked', 'locked']),
    runId: z.string().nullable(),
    employee: z.object({ id: z.string(), name: z.string(), nip: z.string() }),
    position: z.object({ id: z.string(), name: z.string(), kelas: z.number(), group: z.string() }),
    opd: z.object({ id: z.string(), name: z.string() }),
    daysInMonth: z.number(),
    days: z.number(),
    segments: z.array(Segment),
    acting: z.array(Acting),
    ownBase: z.number(),
    actingBase: z.number(),
    base: z.number(),
    performance: z.object({
      factorBp: z.number(),
      approved: z.number(),
      pending: z.number(),
      effective: z.number(),
      shortfall: z.number(),
      cap: z.number(),
      workingDays: z.number(),
      leaveDays: z.number(),
      perDay: z.number(),
    }),
    weights: Weight.extend({ effectiveKinerjaBp: z.number(), effectiveDisiplinBp: z.number() }),
    kinerjaMax: z.number(),
    komponenKinerja: z.number(),
    disiplinMax: z.number(),
    deductions: z.object({
      recorded: z.boolean(),
      daysPresent: z.number(),
      daysAbsent: z.number(),
      totalBp: z.number(),
      appliedBp: z.number(),
      lines: z.array(DeductionLine),
    }),
    komponenDisiplin: z.number(),
    potongan: z.number(),
    bruto: z.number(),
    bpjs: z.object({ rateBp: z.number(), cap: z.number().nullable(), amount: z.number() }),
    netto: z.number(),
    rounding: z.object({
      base: z.string(),
      kinerja: z.string(),
      kinerjaMax: z.string(),
      disiplin: z.string(),
      bpjs: z.string(),
    }),
  })
  .meta({ id: 'TppLine' });

const Warning = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warn', 'danger']),
  message: z.string(),
  deadline: z.string().nullable(),
  dates: z.array(z.string()),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export const Explanation = z
  .object({
    month: z.string(),
    today: z.string(),
    closeDeadline: z.string(),
    line: Line.nullable(),
    warnings: z.array(Warning),
    employee: z.object({ id: z.string(), name: z.string(), nip: z.string() }).optional(),
  })
  .meta({ id: 'TppExplanation' });
