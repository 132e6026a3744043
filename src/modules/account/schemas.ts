import { z } from 'zod';

const id = z.string().min(1).max(64);
const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const IdParams = z.strictObject({ id });
export const AccountQuery = z.strictObject({
  /** `YYYY-MM`; default the current month (tenant time zone) */
  month: monthText.optional(),
  /** SKP period; default the period of the month's year */
  periodId: id.optional(),
});
export const SearchQuery = z.strictObject({
  /** a name (or part of it) or the first digits of a NIP (at least 3) */
  q: z.string().trim().min(2).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(8),
  cursor: z.string().max(400).optional(),
});

const Ref = z.object({
  employeeId: z.string(),
  name: z.string(),
  nip: z.string(),
  positionName: z.string(),
  acting: z.boolean(),
});

const Quarter = z.object({
  quarter: z.number(),
  value: z.number().nullable(),
  status: z.string(),
  capaian: z.number().nullable(),
});

const Indicator = z.object({
  id: z.string(),
  aspect: z.string(),
  name: z.string(),
  targetValue: z.number().nullable(),
  targetText: z.string().nullable(),
  unit: z.string(),
  direction: z.string(),
  quarters: z.array(Quarter),
  /** capaian of the latest confirmed quarter */
  capaian: z.number().nullable(),
  latestQuarter: z.number().nullable(),
});

const SkpBlock = z.object({
  id: z.string(),
  status: z.string(),
  revision: z.number(),
  positionName: z.string(),
  returnReason: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** mean capaian of the indicators, each at its latest confirmed quarter */
  progress: z.number().nullable(),
  indicatorCount: z.number(),
  measuredCount: z.number(),
  rhks: z.array(
    z.object({ id: z.string(), kind: z.string(), text: z.string(), indicators: z.array(Indicator) }),
  ),
});

const Band = z.enum(['under', 'normal', 'over']).nullable();

const WorkloadBlock = z.object({
  month: z.string(),
  workingDays: z.number(),
  leaveDays: z.number(),
  effectiveMinutes: z.number(),
  approvedMinutes: z.number(),
  pendingMinutes: z.number(),
  rejectedMinutes: z.number(),
  ratioUncapped: z.number().nullable(),
  nilaiAktivitas: z.number().nullable(),
  band: Band,
  thresholds: z.object({ under: z.number(), over: z.number() }),
  history: z.array(
    z.object({
      month: z.string(),
      approvedMinutes: z.number(),
      effectiveMinutes: z.number(),
      ratio: z.number().nullable(),
      band: Band,
    }),
  ),
});

const TimelineBlock = z.object({
  month: z.string(),
  /** entries of the month (from the rollup); `items` holds at most the newest 150 */
  total: z.number(),
  truncated: z.boolean(),
  counts: z.object({ pending: z.number(), approved: z.number(), rejected: z.number() }),
  items: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      catalogName: z.string(),
      outputUnit: z.string(),
      quantity: z.number(),
      originalQuantity: z.number().nullable(),
      minutes: z.number(),
      status: z.string(),
      rejectReason: z.string().nullable(),
      startTime: z.string().nullable(),
      endTime: z.string().nullable(),
    }),
  ),
});

const Pending = z.object({
  /** entries still inside the verification window */
  entries: z.number(),
  minutes: z.number(),
  oldestDate: z.string().nullable(),
  /** pending entries of the three months before the window that it has passed (not counted, per the city's rule) */
  expiredEntries: z.number(),
});

const VerificationBlock = z.object({
  /** first date whose verification window is still open */
  openFrom: z.string(),
  own: Pending,
  /** the person as atasan: direct subordinates and their pending entries (null without staff) */
  queue: Pending.extend({ subordinates: z.number() }).nullable(),
});

const Feedback = z.object({
  source: z.enum(['skp', 'realisation']),
  action: z.string(),
  title: z.string(),
  text: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

// ----- optional blocks: filled by the modules that own the data (see sections.ts) -----
export const AttendanceBlock = z
  .object({
    month: z.string(),
    /** e.g. hadir, dinas luar, cuti, TL1–TL4, PSW1–PSW4, TK: a code, its label and the count of days */
    summary: z.array(z.object({ code: z.string(), label: z.string(), count: z.number() })),
    /** Σ deductions of the discipline component this month, in percent */
    deductionPercent: z.number().nullable(),
    link: z.string().nullable(),
  })
  .meta({ id: 'AccountAttendance' });

export const TppBlock = z
  .object({
    month: z.string(),
    /** estimate | draft | checked | locked */
    status: z.string(),
    gross: z.number().nullable(),
    deductions: z.number().nullable(),
    net: z.number().nullable(),
    lines: z.array(z.object({ label: z.string(), amount: z.number() })),
    /** why the TPP will be cut, shown before the month closes */
    cutReasons: z.array(z.object({ code: z.string(), message: z.string(), deadline: z.string().nullable() })),
    link: z.string().nullable(),
  })
  .meta({ id: 'AccountTpp' });

export const PredikatBlock = z
  .object({
    items: z.array(
      z.object({
        /** "2025", "2026 TW III"… */
        period: z.string(),
        predikat: z.string(),
        hasilKerja: z.string().nullable(),
        perilaku: z.string().nullable(),
        final: z.boolean(),
      }),
    ),
    link: z.string().nullable(),
  })
  .meta({ id: 'AccountPredikat' });

export const TalentBlock = z
  .object({
    box: z.number().int().min(1).max(9),
    kinerja: z.string(),
    potensial: z.string(),
    label: z.string(),
    actions: z.array(z.string()),
    successionPool: z.boolean(),
    assessedAt: z.string().nullable(),
    link: z.string().nullable(),
  })
  .meta({ id: 'AccountTalent' });

export const Account = z
  .object({
    month: z.string(),
    currentMonth: z.string(),
    employee: z.object({
      id: z.string(),
      name: z.string(),
      nip: z.string(),
      asnType: z.string(),
      golongan: z.string().nullable(),
      education: z.string().nullable(),
      status: z.string(),
      position: z
        .object({ id: z.string(), name: z.string(), kind: z.string(), kelas: z.number() })
        .nullable(),
      unit: z.object({ id: z.string(), name: z.string() }).nullable(),
      opd: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
    atasan: Ref.nullable(),
    atasanPenilai: Ref.nullable(),
    period: z.object({ id: z.string(), year: z.number(), status: z.string() }).nullable(),
    skp: SkpBlock.nullable(),
    workload: WorkloadBlock,
    timeline: TimelineBlock,
    verification: VerificationBlock,
    feedback: z.array(Feedback),
    attendance: AttendanceBlock.optional(),
    tpp: TppBlock.optional(),
    predikat: PredikatBlock.optional(),
    talent: TalentBlock.optional(),
    abilities: z.object({
      readPay: z.boolean(),
      verify: z.boolean(),
      openSkp: z.boolean(),
      openWorkload: z.boolean(),
    }),
  })
  .meta({ id: 'PerformanceAccount' });

export const SearchResult = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        nip: z.string(),
        status: z.string(),
        positionName: z.string().nullable(),
        unitName: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'PersonSearchResult' });
