import { z } from 'zod';

/**
 * Early-warning thresholds of one city, stored in `tenants.settings` under the key `dashboard`
 * (e.g. `{"dashboard": {"inactiveWorkingDays": 5}}`); anything absent falls back to these defaults.
 */
export const DashboardSettings = z.object({
  /** flag people with no activity on any of this many working days up to today */
  inactiveWorkingDays: z.number().int().min(1).max(30).default(3),
  /** flag supervisors whose staff's unverified minutes (verification window still open) reach this */
  backlogMinutes: z.number().int().min(1).default(4800),
  /** goal progress (mean capaian, percent) at or above this is on track */
  goalOnTrack: z.number().min(0).max(200).default(90),
  /** below this a goal is off track; between the two it is at risk */
  goalOffTrack: z.number().min(0).max(200).default(75),
  /** people shown per warning list (the XLSX export has them all) */
  listLimit: z.number().int().min(5).max(500).default(50),
});
export type DashboardSettings = z.infer<typeof DashboardSettings>;

export const DEFAULT_DASHBOARD_SETTINGS: DashboardSettings = DashboardSettings.parse({});

/** Parse a tenant's settings JSON field by field; malformed values fall back to the defaults. */
export function dashboardSettingsOf(settingsJson: string | null | undefined): DashboardSettings {
  let raw: unknown = {};
  try {
    raw = (JSON.parse(settingsJson || '{}') as { dashboard?: unknown }).dashboard ?? {};
  } catch {
    raw = {};
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_DASHBOARD_SETTINGS;
  const result: Record<string, unknown> = { ...DEFAULT_DASHBOARD_SETTINGS };
  const shape = DashboardSettings.shape;
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in shape)) continue;
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) result[key] = parsed.data;
  }
  return result as DashboardSettings;
}
