import { z } from 'zod';

export const TenantParams = z.strictObject({ tenant: z.string().min(1).max(60) });

/** A figure about a group of people: null when the group is below the minimum size. */
const GroupRow = z.object({
  name: z.string(),
  /** employees in a post (null when suppressed) */
  employees: z.number().nullable(),
  suppressed: z.boolean(),
});

export const PublicSummary = z
  .object({
    city: z.object({ slug: z.string(), name: z.string() }),
    generatedAt: z.string(),
    minGroupSize: z.number(),
    /** label of a suppressed figure, in the request's language ("disembunyikan") */
    suppressedLabel: z.string(),
    period: z.object({ year: z.number() }).nullable(),
    skp: z.object({
      total: GroupRow.extend({ approved: z.number().nullable(), share: z.number().nullable() }),
      byOpd: z.array(GroupRow.extend({ approved: z.number().nullable(), share: z.number().nullable() })),
    }),
    workload: z.object({
      month: z.string().nullable(),
      workingDays: z.number(),
      /** effective minutes of one person in the month (working days × minutes per day) */
      effectiveMinutesPerPerson: z.number(),
      thresholds: z.object({ under: z.number(), over: z.number() }),
      total: GroupRow.extend({ averageRatio: z.number().nullable() }),
      byOpd: z.array(GroupRow.extend({ averageRatio: z.number().nullable() })),
    }),
    goals: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        indicators: z.array(
          z.object({
            name: z.string(),
            targetValue: z.number().nullable(),
            targetText: z.string().nullable(),
            unit: z.string(),
          }),
        ),
        /** employees whose confirmed results count towards the goal (null when suppressed) */
        contributors: z.number().nullable(),
        /** mean capaian (%) of the confirmed indicators in the cascade below the goal */
        progress: z.number().nullable(),
        suppressed: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'PublicSummary' });
export type PublicSummary = z.infer<typeof PublicSummary>;
