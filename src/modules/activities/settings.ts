import { z } from 'zod';
import type { DB } from '../../db/index.ts';

/**
 * The activity and workload rules of one city. Stored in `tenants.settings` under the key `activities`
 * (e.g. `{"activities": {"backdateDays": 7}}`); anything absent falls back to these defaults.
 */
export const ActivitySettings = z.object({
  /** how many calendar days back an entry may be dated */
  backdateDays: z.number().int().min(0).max(60).default(5),
  /** sum of an employee's non-rejected minutes on one day */
  dailyMaxMinutes: z.number().int().min(60).max(1440).default(450),
  /** minutes of one entry (quantity × standard minutes) */
  maxEntryMinutes: z.number().int().min(1).max(1440).default(450),
  maxQuantity: z.number().int().min(1).max(100_000).default(1000),
  /** effective working minutes per working day (waktu efektif) */
  workingMinutesPerDay: z.number().int().min(60).max(720).default(300),
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday) */
  workWeekdays: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
  /** leave kinds that take days out of the effective time; dinas luar counts as work */
  leaveKindsReducingTime: z.array(z.enum(['cuti', 'dinas_luar', 'sakit'])).default(['cuti', 'sakit']),
  /** an atasan may verify an entry until this many days after the end of the entry's month */
  verifyDaysAfterMonth: z.number().int().min(0).max(60).default(10),
  /** workload bands on the uncapped ratio approved ÷ effective */
  underThreshold: z.number().min(0).max(5).default(0.75),
  overThreshold: z.number().min(0).max(5).default(1.25),
  /** ABK: waktu kerja efektif per year (1,250 hours) */
  wkeMinutesPerYear: z.number().int().min(1).default(75_000),
});
export type ActivitySettings = z.infer<typeof ActivitySettings>;

export const DEFAULT_SETTINGS: ActivitySettings = ActivitySettings.parse({});

/** Parse a tenant's settings JSON; a malformed or partial block falls back to the defaults field by field. */
export function activitySettingsOf(settingsJson: string | null | undefined): ActivitySettings {
  let raw: unknown = {};
  try {
    raw = (JSON.parse(settingsJson || '{}') as { activities?: unknown }).activities ?? {};
  } catch {
    raw = {};
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const shape = ActivitySettings.shape;
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in shape)) continue;
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) result[key] = parsed.data;
  }
  return result as ActivitySettings;
}

/**
 * Every logged activity needs the city's rules, and they rarely change: keep them for a short while. This
 * process forgets them as soon as it saves new ones; another app process on the same database sees a change
 * within SETTINGS_TTL_MS.
 */
const SETTINGS_TTL_MS = 2000;
const cached = new WeakMap<DB, Map<string, { settings: ActivitySettings; until: number }>>();

export async function loadSettings(db: DB, tenantId: string): Promise<ActivitySettings> {
  const byTenant = cached.get(db) ?? new Map<string, { settings: ActivitySettings; until: number }>();
  cached.set(db, byTenant);
  const hit = byTenant.get(tenantId);
  if (hit && hit.until > Date.now()) return hit.settings;
  const row = await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  const settings = activitySettingsOf(row?.settings ?? '');
  byTenant.set(tenantId, { settings, until: Date.now() + SETTINGS_TTL_MS });
  return settings;
}

/** Drop the kept rules of a city (after its settings were saved). */
export function forgetSettings(db: DB, tenantId: string): void {
  cached.get(db)?.delete(tenantId);
}
