import { z } from 'zod';
import { BEHAVIOUR_CODES } from './behaviours.ts';

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(3).max(max);
const reason = z.string().trim().min(3).max(500);

export const IdParams = z.strictObject({ id });

const IndicatorInput = z
  .strictObject({
    id: id.optional(),
    aspect: z.enum(['kuantitas', 'kualitas', 'waktu', 'biaya']),
    name: text(300),
    targetValue: z.number().finite().nonnegative().max(1e15).nullable().optional(),
    targetText: z.string().trim().max(300).nullable().optional(),
    unit: z.string().trim().min(1).max(60),
    direction: z.enum(['higher', 'lower']).default('higher'),
  })
  .refine((i) => (i.targetValue ?? null) !== null || !!i.targetText, {
    path: ['targetValue'],
    params: { code: 'VALIDATION_FAILED' },
    message: 'target',
  });

export const PlanInput = z.strictObject({
  rhks: z
    .array(
      z.strictObject({
        id: id.optional(),
        kind: z.enum(['utama', 'tambahan']),
        text: text(600),
        parentRhkId: id.nullable().optional(),
        goalId: id.nullable().optional(),
        perspective: z.string().trim().max(60).nullable().optional(),
        indicators: z.array(IndicatorInput).max(10),
      }),
    )
    .max(30),
});

export const BehavioursInput = z.strictObject({
  behaviours: z
    .array(z.strictObject({ code: z.enum(BEHAVIOUR_CODES), expectation: z.string().trim().max(1000) }))
    .max(7),
});

export const CreateSkp = z.strictObject({ periodId: id, employeeId: id.optional() });
export const ReasonInput = z.strictObject({ reason });
export const BulkInput = z.strictObject({
  action: z.enum(['approve', 'return']),
  ids: z.array(id).min(1).max(500),
  reason: reason.optional(),
});
export const RealisationInput = z.strictObject({
  indicatorId: id,
  quarter: z.number().int().min(1).max(4),
  value: z.number().finite().nonnegative().max(1e15).nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
  evidence: z
    .array(z.string().regex(/^[0-9a-f]{64}$/))
    .max(10)
    .default([]),
});

export const PeriodQuery = z.strictObject({ periodId: id.optional() });
export const SkpListQuery = z.strictObject({
  periodId: id.optional(),
  unitId: id.optional(),
  status: z.enum(['draft', 'submitted', 'returned', 'approved', 'revision']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: id.optional(),
});
export const SubordinateQuery = z.strictObject({
  periodId: id.optional(),
  status: z.enum(['draft', 'submitted', 'returned', 'approved', 'revision']).optional(),
});

const GoalIndicatorInput = z.strictObject({
  name: text(300),
  targetValue: z.number().finite().nullable().optional(),
  targetText: z.string().trim().max(300).nullable().optional(),
  unit: z.string().trim().min(1).max(60),
  direction: z.enum(['higher', 'lower']).default('higher'),
});
export const CreateGoal = z.strictObject({
  periodId: id,
  code: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .regex(/^[A-Za-z0-9._-]+$/),
  title: text(300),
  description: z.string().trim().max(2000).nullable().optional(),
  indicators: z.array(GoalIndicatorInput).min(1).max(10),
});
export const UpdateGoal = z
  .strictObject({
    code: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .regex(/^[A-Za-z0-9._-]+$/)
      .optional(),
    title: text(300).optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    indicators: z.array(GoalIndicatorInput).min(1).max(10).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: 'VALIDATION_FAILED' } });
export const CreatePeriod = z.strictObject({ year: z.number().int().min(2020).max(2100) });

// ---------- responses ----------
const Person = z.object({
  name: z.string(),
  nip: z.string(),
  pangkat: z.string().nullable(),
  jabatan: z.string(),
  unit: z.string(),
});
const EmployeeRef = z.object({ id: z.string(), name: z.string(), nip: z.string() });
const Evaluator = EmployeeRef.extend({ positionName: z.string(), acting: z.boolean() }).nullable();
const Abilities = z.record(z.string(), z.boolean());

export const SkpSummary = z
  .object({
    id: z.string(),
    periodId: z.string(),
    year: z.number(),
    status: z.string(),
    revision: z.number(),
    returnReason: z.string().nullable(),
    employee: EmployeeRef,
    positionName: z.string(),
    unitName: z.string(),
    evaluator: Evaluator,
    rhkCount: z.number(),
    progress: z.number().nullable(),
    updatedAt: z.string(),
    abilities: Abilities,
  })
  .meta({ id: 'SkpSummary' });

const Parent = z.union([
  z.object({ type: z.literal('rhk'), id: z.string(), text: z.string(), ownerName: z.string() }),
  z.object({ type: z.literal('goal'), id: z.string(), code: z.string(), title: z.string() }),
]);

export const Skp = SkpSummary.extend({
  header: z.object({
    instansi: z.string(),
    employee: Person,
    evaluator: Person.nullable(),
    evaluator2: Person.nullable(),
    period: z.object({ start: z.string(), end: z.string() }),
  }),
  rhks: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      text: z.string(),
      parent: Parent.nullable(),
      perspective: z.string().nullable(),
      indicators: z.array(
        z.object({
          id: z.string(),
          aspect: z.string(),
          name: z.string(),
          targetValue: z.number().nullable(),
          targetText: z.string().nullable(),
          unit: z.string(),
          direction: z.string(),
          realisations: z.array(
            z.object({
              id: z.string(),
              quarter: z.number(),
              value: z.number().nullable(),
              note: z.string().nullable(),
              status: z.string(),
              rejectReason: z.string().nullable(),
              capaian: z.number().nullable(),
              evidence: z.array(
                z.object({
                  sha: z.string(),
                  name: z.string(),
                  size: z.number(),
                  mime: z.string(),
                  url: z.string(),
                }),
              ),
              abilities: Abilities,
            }),
          ),
        }),
      ),
    }),
  ),
  behaviours: z.array(
    z.object({ code: z.string(), label: z.string(), description: z.string(), expectation: z.string() }),
  ),
  events: z.array(
    z.object({
      action: z.string(),
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
  parentOptions: z.array(Parent),
}).meta({ id: 'Skp' });

export const SkpList = z
  .object({ items: z.array(SkpSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'SkpList' });
export const SubordinateList = z
  .object({
    items: z.array(SkpSummary),
    missing: z.array(
      z.object({ employeeId: z.string(), name: z.string(), nip: z.string(), positionName: z.string() }),
    ),
  })
  .meta({ id: 'SubordinateSkps' });

export const Period = z
  .object({
    id: z.string(),
    year: z.number(),
    startDate: z.string(),
    endDate: z.string(),
    status: z.string(),
    abilities: Abilities,
  })
  .meta({ id: 'Period' });
export const Goal = z
  .object({
    id: z.string(),
    periodId: z.string(),
    code: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    status: z.string(),
    approvedAt: z.string().nullable(),
    approvedByName: z.string().nullable(),
    indicators: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        targetValue: z.number().nullable(),
        targetText: z.string().nullable(),
        unit: z.string(),
        direction: z.string(),
      }),
    ),
    coverage: z.object({ rhkCount: z.number(), employeeCount: z.number() }),
    abilities: Abilities,
  })
  .meta({ id: 'Goal' });

export interface CascadeNodeShape {
  rhkId: string;
  text: string;
  employee: { id: string; name: string; nip: string };
  positionName: string;
  unitName: string;
  opdName: string;
  skpStatus: string;
  indicators: { name: string; targetValue: number | null; targetText: string | null; unit: string }[];
  children: CascadeNodeShape[];
}
const CascadeNode: z.ZodType<CascadeNodeShape> = z.lazy(() =>
  z.object({
    rhkId: z.string(),
    text: z.string(),
    employee: EmployeeRef,
    positionName: z.string(),
    unitName: z.string(),
    opdName: z.string(),
    skpStatus: z.string(),
    indicators: z.array(
      z.object({
        name: z.string(),
        targetValue: z.number().nullable(),
        targetText: z.string().nullable(),
        unit: z.string(),
      }),
    ),
    children: z.array(CascadeNode),
  }),
);
export const Cascade = z.object({ goal: Goal, nodes: z.array(CascadeNode) }).meta({ id: 'Cascade' });
export const RhkPath = z
  .object({
    path: z.array(
      z.union([
        z.object({
          type: z.literal('rhk'),
          rhkId: z.string(),
          text: z.string(),
          employeeName: z.string(),
          positionName: z.string(),
        }),
        z.object({ type: z.literal('goal'), id: z.string(), code: z.string(), title: z.string() }),
      ]),
    ),
  })
  .meta({ id: 'RhkPath' });
export const Coverage = z
  .object({
    positionsWithoutApprovedSkp: z.array(
      z.object({
        positionId: z.string(),
        positionName: z.string(),
        unitName: z.string(),
        holderName: z.string(),
        status: z.string().nullable(),
      }),
    ),
    orphanRhks: z.array(z.object({ rhkId: z.string(), text: z.string(), employeeName: z.string() })),
    goalsWithoutRhk: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
    totals: z.object({ heldPositions: z.number(), approved: z.number() }),
  })
  .meta({ id: 'SkpCoverage' });
