import { z } from 'zod';
import { BEHAVIOUR_CODES } from '../skp/behaviours.ts';
import { EVALUATION_KINDS, PREDIKATS, RATINGS, UNIT_PREDIKATS } from './predikat.ts';

const id = z.string().min(1).max(64);
const Rating = z.enum(RATINGS);
const Kind = z.enum(EVALUATION_KINDS);
/** optional explanation; blank counts as none */
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const reason = z.string().trim().min(3).max(2000);
const year = z.coerce.number().int().min(2020).max(2100);

export const IdParams = z.strictObject({ id });
export const SkpKindParams = z.strictObject({ skpId: id, kind: Kind });

export const RateInput = z.strictObject({
  rhks: z
    .array(
      z.strictObject({
        rhkId: id,
        rating: Rating,
        reason: optionalText(1000),
        feedback: optionalText(2000),
      }),
    )
    .min(1)
    .max(30),
  hasil: Rating,
  hasilReason: optionalText(1000),
  behaviours: z
    .array(
      z.strictObject({
        code: z.enum(BEHAVIOUR_CODES),
        rating: Rating,
        feedback: optionalText(2000),
      }),
    )
    .min(1)
    .max(7),
  perilaku: Rating,
  perilakuReason: optionalText(1000),
  feedback: optionalText(4000),
});

export const ObjectInput = z.strictObject({ reason });
export const DecideInput = z.strictObject({
  decision: z.enum(['upheld', 'changed']),
  hasil: Rating.optional(),
  perilaku: Rating.optional(),
  reason,
});
export const CalibrateInput = z.strictObject({ predikat: z.enum(PREDIKATS), reason });
export const UnitPredikatInput = z.strictObject({
  year,
  kind: Kind,
  predikat: z.enum(UNIT_PREDIKATS),
  reason: optionalText(1000),
});
export const FinaliseInput = z.strictObject({ year, kind: Kind, reason: optionalText(2000) });

const CurveRule = z
  .strictObject({
    op: z.enum(['largest', 'max_pct', 'min_pct', 'max_count', 'min_count']),
    predikat: z.array(z.enum(PREDIKATS)).min(1).max(5),
    value: z.number().int().min(0).max(100_000).optional(),
  })
  .refine((r) => r.op === 'largest' || r.value !== undefined, {
    path: ['value'],
    params: { code: 'CURVE_RULE_VALUE' },
    message: 'value',
  })
  .refine((r) => !(r.op === 'max_pct' || r.op === 'min_pct') || (r.value ?? 0) <= 100, {
    path: ['value'],
    params: { code: 'CURVE_RULE_VALUE' },
    message: 'value',
  })
  .refine((r) => r.op !== 'largest' || r.predikat.length === 1, {
    path: ['predikat'],
    params: { code: 'CURVE_RULE_LARGEST_ONE' },
    message: 'predikat',
  });
const CurveRules = z.array(CurveRule).max(10);
export const CurveInput = z.strictObject({
  rules: z.strictObject({
    istimewa: CurveRules,
    baik: CurveRules,
    butuh_perbaikan: CurveRules,
    kurang: CurveRules,
    sangat_kurang: CurveRules,
  }),
});

export const PeriodQuery = z.strictObject({ year: year.optional(), kind: Kind.optional() });
export const YearQuery = z.strictObject({ year: year.optional() });
export const ObjectionQuery = z.strictObject({ status: z.enum(['pending', 'decided']).default('pending') });
export const UnitsQuery = z.strictObject({
  year: year.optional(),
  kind: Kind.optional(),
  opdId: id.optional(),
});

// ---------------- responses ----------------
const Abilities = z.record(z.string(), z.boolean());
const EmployeeRef = z.object({ id: z.string(), name: z.string(), nip: z.string() });
const PersonRef = z.object({ id: z.string().nullable(), name: z.string(), acting: z.boolean() });
const Nullable = <T extends z.ZodType>(t: T) => t.nullable();

const IndicatorBasis = z.object({
  id: z.string(),
  aspect: z.string(),
  name: z.string(),
  targetValue: z.number().nullable(),
  targetText: z.string().nullable(),
  unit: z.string(),
  direction: z.string(),
  quarter: z.number().nullable(),
  value: z.number().nullable(),
  capaian: z.number().nullable(),
});

export const EvaluationSummary = z
  .object({
    id: z.string(),
    skpId: z.string(),
    periodYear: z.number(),
    kind: z.string(),
    status: z.string(),
    employee: EmployeeRef,
    positionName: z.string(),
    unitName: z.string(),
    curveUnit: z.object({ id: z.string(), name: z.string() }),
    evaluator: PersonRef,
    reviewer: Nullable(PersonRef),
    capaian: z.number().nullable(),
    hasil: z.string(),
    perilaku: z.string(),
    matrixPredikat: z.string(),
    predikat: z.string(),
    calibrated: z.boolean(),
    objectionReason: z.string().nullable(),
    decision: z.string().nullable(),
    ratedAt: z.string(),
    abilities: Abilities,
  })
  .meta({ id: 'EvaluationSummary' });

export const Evaluation = EvaluationSummary.extend({
  hasilGuide: z.string().nullable(),
  hasilReason: z.string().nullable(),
  perilakuGuide: z.string().nullable(),
  perilakuMean: z.number().nullable(),
  perilakuReason: z.string().nullable(),
  feedback: z.string().nullable(),
  rhks: z.array(
    z.object({
      rhkId: z.string(),
      kind: z.string(),
      text: z.string(),
      capaian: z.number().nullable(),
      guide: z.string().nullable(),
      rating: z.string(),
      reason: z.string().nullable(),
      feedback: z.string().nullable(),
      indicators: z.array(IndicatorBasis),
    }),
  ),
  behaviours: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      expectation: z.string(),
      rating: z.string(),
      feedback: z.string().nullable(),
    }),
  ),
  workload: z.object({ approvedMinutes: z.number(), effectiveMinutes: z.number() }),
  calibration: Nullable(z.object({ reason: z.string(), by: z.string(), at: z.string() })),
  acknowledgedAt: z.string().nullable(),
  objection: Nullable(z.object({ reason: z.string(), at: z.string() })),
  decisionDetail: Nullable(
    z.object({
      decision: z.string(),
      reason: z.string().nullable(),
      at: z.string().nullable(),
      by: z.string(),
    }),
  ),
  finalAt: z.string().nullable(),
}).meta({ id: 'Evaluation' });

const Workload = z.object({
  months: z.array(z.object({ month: z.string(), approvedMinutes: z.number(), effectiveMinutes: z.number() })),
  approvedMinutes: z.number(),
  effectiveMinutes: z.number(),
  ratio: z.number().nullable(),
  band: z.string().nullable(),
});

export const EvaluationForm = z
  .object({
    skp: z.object({
      id: z.string(),
      year: z.number(),
      status: z.string(),
      employee: EmployeeRef,
      positionName: z.string(),
      unitName: z.string(),
      evaluator: Nullable(PersonRef),
      reviewer: Nullable(PersonRef),
    }),
    kind: z.string(),
    year: z.number(),
    open: z.boolean(),
    opensOn: z.string(),
    guideThresholds: z.object({ above: z.number(), below: z.number() }),
    capaian: z.number().nullable(),
    hasilGuide: z.string().nullable(),
    rhks: z.array(
      z.object({
        rhkId: z.string(),
        kind: z.string(),
        text: z.string(),
        capaian: z.number().nullable(),
        guide: z.string().nullable(),
        indicators: z.array(IndicatorBasis),
      }),
    ),
    behaviours: z.array(z.object({ code: z.string(), label: z.string(), expectation: z.string() })),
    workload: Workload,
    curveUnit: z.object({ id: z.string(), name: z.string(), finalised: z.boolean() }),
    ledUnit: Nullable(z.object({ id: z.string(), name: z.string(), predikat: z.string().nullable() })),
    evaluation: Nullable(Evaluation),
    abilities: Abilities,
  })
  .meta({ id: 'EvaluationForm' });

export const SubordinateEvaluations = z
  .object({
    year: z.number(),
    kind: z.string(),
    open: z.boolean(),
    opensOn: z.string(),
    items: z.array(
      z.object({
        skpId: z.string(),
        skpStatus: z.string(),
        employee: EmployeeRef,
        positionName: z.string(),
        unitName: z.string(),
        capaian: z.number().nullable(),
        hasilGuide: z.string().nullable(),
        evaluation: Nullable(EvaluationSummary),
        abilities: Abilities,
      }),
    ),
    withoutSkp: z.array(
      z.object({ employeeId: z.string(), name: z.string(), nip: z.string(), positionName: z.string() }),
    ),
  })
  .meta({ id: 'SubordinateEvaluations' });

export const EvaluationList = z.object({ items: z.array(EvaluationSummary) }).meta({ id: 'EvaluationList' });

const Deviation = z.object({
  op: z.string(),
  predikat: z.array(z.string()),
  value: z.number().nullable(),
  count: z.number(),
  total: z.number(),
  pct: z.number(),
  message: z.string(),
});
const Counts = z.record(z.string(), z.number());

export const UnitEvaluationSummary = z
  .object({
    unit: z.object({ id: z.string(), code: z.string(), name: z.string(), depth: z.number() }),
    predikat: z.string().nullable(),
    predikatSource: z.string().nullable(),
    counts: Counts,
    total: z.number(),
    pending: z.number(),
    deviations: z.array(Deviation),
    finalisedAt: z.string().nullable(),
  })
  .meta({ id: 'UnitEvaluationSummary' });

export const UnitEvaluationList = z
  .object({ year: z.number(), kind: z.string(), items: z.array(UnitEvaluationSummary) })
  .meta({ id: 'UnitEvaluationList' });

export const UnitEvaluation = UnitEvaluationSummary.extend({
  year: z.number(),
  kind: z.string(),
  predikatDetail: Nullable(z.object({ reason: z.string().nullable(), setBy: z.string(), setAt: z.string() })),
  leader: Nullable(z.object({ name: z.string(), hasil: z.string().nullable() })),
  rules: z.array(
    z.object({
      op: z.string(),
      predikat: z.array(z.string()),
      value: z.number().nullable(),
      text: z.string(),
    }),
  ),
  people: z.array(EvaluationSummary),
  unevaluated: z.array(
    z.object({
      skpId: z.string(),
      employeeId: z.string(),
      name: z.string(),
      nip: z.string(),
      positionName: z.string(),
    }),
  ),
  finalisation: Nullable(z.object({ at: z.string(), by: z.string(), reason: z.string().nullable() })),
  abilities: Abilities,
}).meta({ id: 'UnitEvaluation' });

const CurveRuleOut = z.object({
  op: z.string(),
  predikat: z.array(z.string()),
  value: z.number().nullable(),
});
export const Curve = z
  .object({
    rules: z.record(z.string(), z.array(CurveRuleOut)),
    texts: z.record(z.string(), z.array(z.string())),
    isDefault: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    abilities: Abilities,
  })
  .meta({ id: 'EvaluationCurve' });
