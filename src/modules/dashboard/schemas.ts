import { z } from 'zod';
import { PREDIKATS } from '../evaluation/predikat.ts';

const id = z.string().min(1).max(64);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const ratio = z.number().nullable();
const level = z.enum(['city', 'opd', 'unit']);

export const IdParams = z.strictObject({ id });
export const ViewQuery = z.strictObject({ month: month.optional() });
export const SearchQuery = z.strictObject({
  q: z.string().trim().min(2).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const FIGURE_SETS = [
  'all',
  'headline',
  'ranking',
  'histogram',
  'predikat',
  'goals',
  'trend',
  'heatmap',
  'warnings',
  'people',
] as const;
export const ExportQuery = z.strictObject({
  unitId: id.optional(),
  month: month.optional(),
  figure: z.enum(FIGURE_SETS).default('all'),
});
export const StreamQuery = z.strictObject({
  /** only changes that concern this unit's OPD (default: the whole scope of the caller) */
  unitId: id.optional(),
  /** send the opening event and close at once (health checks, the authorization matrix) */
  once: z.enum(['1', 'true']).optional(),
});

const Figures = z.object({
  people: z.number(),
  skpApproved: z.number(),
  skpShare: ratio,
  activitiesToday: z.number(),
  loggingToday: z.number(),
  activitiesMonth: z.number(),
  loggingMonth: z.number(),
  backlogMinutes: z.number(),
  backlogPeople: z.number(),
  approvedMinutes: z.number(),
  effectiveMinutes: z.number(),
  avgWorkload: ratio,
  under: z.number(),
  normal: z.number(),
  over: z.number(),
  inactive: z.number(),
  evaluated: z.number().optional(),
  predikatGoodShare: ratio.optional(),
  tppTotal: z.number().optional(),
  tppPeople: z.number().optional(),
});

const PersonRef = z.object({
  employeeId: z.string(),
  name: z.string(),
  nip: z.string(),
  positionName: z.string().nullable(),
  unitName: z.string(),
});

const Predikat = z.enum(PREDIKATS);

export const DashboardView = z
  .object({
    scope: z.object({
      level,
      unit: z.object({ id: z.string(), name: z.string(), code: z.string(), type: z.string() }),
      breadcrumbs: z.array(z.object({ id: z.string(), name: z.string(), level })),
      childLevel: z.enum(['opd', 'unit']),
    }),
    month: z.string(),
    today: z.string(),
    currentMonth: z.string(),
    asOf: z.string(),
    version: z.number(),
    period: z.object({ id: z.string(), year: z.number() }).nullable(),
    workingDays: z.number(),
    thresholds: z.object({
      under: z.number(),
      over: z.number(),
      inactiveWorkingDays: z.number(),
      backlogMinutes: z.number(),
      goalOnTrack: z.number(),
      goalOffTrack: z.number(),
    }),
    backlogMonths: z.array(z.string()),
    headline: Figures,
    ranking: z.array(
      Figures.extend({ unitId: z.string(), name: z.string(), code: z.string(), direct: z.boolean() }),
    ),
    histogram: z.object({
      buckets: z.array(
        z.object({ label: z.string(), from: z.number(), to: z.number().nullable(), count: z.number() }),
      ),
      measured: z.number(),
      withoutEffectiveTime: z.number(),
      bands: z.object({ under: z.number(), normal: z.number(), over: z.number() }),
    }),
    predikat: z
      .object({
        year: z.number(),
        kind: z.string(),
        evaluated: z.number(),
        counts: z.array(z.object({ predikat: Predikat, count: z.number(), share: ratio })),
        curve: z.array(
          z.object({ predikat: Predikat, minShare: z.number().nullable(), maxShare: z.number().nullable() }),
        ),
      })
      .optional(),
    tpp: z.object({ month: z.string(), status: z.string() }).optional(),
    goals: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        title: z.string(),
        status: z.string(),
        progress: z.number().nullable(),
        progressStatus: z.enum(['on_track', 'at_risk', 'off_track', 'no_data']),
        quarter: z.number().nullable(),
        indicators: z.array(
          z.object({
            name: z.string(),
            targetValue: z.number().nullable(),
            targetText: z.string().nullable(),
            unit: z.string(),
            direction: z.string(),
          }),
        ),
        contributors: z.array(
          z.object({
            employeeId: z.string(),
            name: z.string(),
            nip: z.string(),
            unitName: z.string(),
            rhkText: z.string(),
            capaian: z.number().nullable(),
            quarter: z.number().nullable(),
          }),
        ),
      }),
    ),
    trend: z.array(
      z.object({
        month: z.string(),
        entries: z.number(),
        approvedMinutes: z.number(),
        effectiveMinutes: z.number(),
        ratio,
      }),
    ),
    heatmap: z.object({
      months: z.array(z.string()),
      rows: z.array(
        z.object({
          unitId: z.string(),
          name: z.string(),
          direct: z.boolean(),
          ratios: z.array(ratio),
          entries: z.array(z.number()),
        }),
      ),
    }),
    warnings: z.object({
      inactive: z.object({
        count: z.number(),
        days: z.array(z.string()),
        items: z.array(PersonRef.extend({ lastActive: z.string().nullable() })),
      }),
      overloaded: z.object({
        count: z.number(),
        items: z.array(
          PersonRef.extend({ ratio: z.number(), approvedMinutes: z.number(), effectiveMinutes: z.number() }),
        ),
      }),
      backlog: z.object({
        count: z.number(),
        items: z.array(PersonRef.extend({ pendingMinutes: z.number(), staffWithPending: z.number() })),
      }),
      goalsOffTrack: z.object({
        count: z.number(),
        items: z.array(
          z.object({
            goalId: z.string(),
            code: z.string(),
            title: z.string(),
            progress: z.number().nullable(),
            people: z.array(
              z.object({
                employeeId: z.string(),
                name: z.string(),
                nip: z.string(),
                unitName: z.string(),
                capaian: z.number().nullable(),
              }),
            ),
          }),
        ),
      }),
    }),
    people: z
      .object({
        total: z.number(),
        items: z.array(
          PersonRef.extend({
            ratio,
            band: z.enum(['under', 'normal', 'over']).nullable(),
            approvedMinutes: z.number(),
            effectiveMinutes: z.number(),
            todayEntries: z.number(),
            backlogMinutes: z.number(),
            lastActive: z.string().nullable(),
            inactive: z.boolean(),
            skpStatus: z.string().nullable(),
            skpApproved: z.boolean(),
            predikat: Predikat.nullable().optional(),
            tpp: z.number().nullable().optional(),
          }),
        ),
      })
      .optional(),
    abilities: z.object({ city: z.boolean(), export: z.boolean() }),
  })
  .meta({ id: 'DashboardView' });

export const SearchResult = z
  .object({
    people: z.array(
      z.object({
        employeeId: z.string(),
        name: z.string(),
        nip: z.string(),
        positionName: z.string().nullable(),
        unitId: z.string(),
        unitName: z.string(),
        opdName: z.string(),
      }),
    ),
    peopleTotal: z.number(),
    units: z.array(z.object({ unitId: z.string(), name: z.string(), code: z.string(), level })),
  })
  .meta({ id: 'DashboardSearchResult' });
