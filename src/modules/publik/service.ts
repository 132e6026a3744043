/**
 * The public transparency page of a city (DESIGN §2.8): share of ASN with an approved SKP by OPD, average
 * workload by OPD (from the OPD-month rollup) and the progress of the city goals — aggregates only, never a
 * name, NIP or id of a person, and every figure about fewer people than the city's minimum group size
 * (default 10) suppressed, with secondary suppression so that no hidden group can be derived from the total.
 * Computed once per city and language and kept for a few minutes; answers carry an ETag and Cache-Control.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { type Locale, t } from '../../core/i18n.ts';
import { sha256 } from '../../core/ids.ts';
import { nowIso, todayIn } from '../../core/time.ts';
import type { DB } from '../../db/index.ts';
import { addMonths, monthCalendar, monthEnd, monthOf, monthStart } from '../activities/calendar.ts';
import { holidaysBetween } from '../activities/repository.ts';
import { activitySettingsOf } from '../activities/settings.ts';
import { meanCapaian, quarterCapaian } from '../skp/capaian.ts';
import './messages.ts';
import * as repo from './repository.ts';
import type { PublicSummary } from './schemas.ts';
import { suppressedGroups } from './suppress.ts';

/** How long a computed summary is served before it is computed again (also the HTTP max-age). */
export const PUBLIC_TTL_SECONDS = 300;

/** `tenants.settings` → `{"transparency": {"enabled": true, "minGroupSize": 10}}`; bad values fall back. */
const TransparencySettings = z.object({
  enabled: z.boolean().default(true),
  minGroupSize: z.number().int().min(3).max(1000).default(10),
});
type TransparencySettings = z.infer<typeof TransparencySettings>;

export function transparencySettingsOf(settingsJson: string | null | undefined): TransparencySettings {
  let raw: unknown = {};
  try {
    raw = (JSON.parse(settingsJson || '{}') as { transparency?: unknown }).transparency ?? {};
  } catch {
    raw = {};
  }
  const out = TransparencySettings.parse({});
  if (typeof raw !== 'object' || raw === null) return out;
  const shape = TransparencySettings.shape;
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in shape)) continue;
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
  }
  return out;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The OPD of a unit path: its second element (the root stands for itself). */
const opdOf = (path: string) => {
  const ids = path.split('/').filter(Boolean);
  return ids[1] ?? ids[0];
};

async function compute(
  db: DB,
  tenant: NonNullable<Awaited<ReturnType<typeof repo.findTenant>>>,
  locale: Locale,
  min: number,
): Promise<Omit<PublicSummary, 'generatedAt'>> {
  const tenantId = tenant.id;
  const activity = activitySettingsOf(tenant.settings);
  const today = todayIn(tenant.time_zone);
  const currentMonth = monthOf(today);
  const period = await repo.periodFor(db, tenantId, Number(today.slice(0, 4)));
  const [unitRows, posts, lastClosed, lastAny] = await Promise.all([
    repo.units(db, tenantId),
    repo.postsPerUnit(db, tenantId, period?.id ?? null),
    repo.latestRollupMonth(db, tenantId, currentMonth),
    repo.latestRollupMonth(db, tenantId, addMonths(currentMonth, 1)),
  ]);
  // the last month that has ended (the current one is still being logged and verified)
  const month = lastClosed ?? lastAny;

  // ---- groups: one per OPD (the units right below the city) ----
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const people = new Map<string, { people: number; approved: number }>();
  for (const p of posts) {
    const unit = unitById.get(p.unitId);
    if (!unit) continue;
    const opd = opdOf(unit.path);
    const g = people.get(opd) ?? { people: 0, approved: 0 };
    g.people += p.people;
    g.approved += p.approved;
    people.set(opd, g);
  }
  const [rollup, holidays] = month
    ? await Promise.all([
        repo.opdMonth(db, tenantId, month),
        holidaysBetween(db, tenantId, monthStart(month), monthEnd(month)),
      ])
    : [[], new Map<string, string>()];
  const minutes = new Map(rollup.map((r) => [r.opd_id, Number(r.minutes_approved)]));
  const groupIds = [
    ...new Set([
      ...unitRows.filter((u) => Number(u.depth) === 1 && u.active === 1).map((u) => u.id),
      ...people.keys(),
    ]),
  ];
  const groups = groupIds
    .map((id) => ({
      name: unitById.get(id)?.name ?? '',
      people: people.get(id)?.people ?? 0,
      approved: people.get(id)?.approved ?? 0,
      minutes: minutes.get(id) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));
  const hidden = suppressedGroups(
    groups.map((g) => g.people),
    min,
  );
  const totalPeople = groups.reduce((a, g) => a + g.people, 0);
  const totalApproved = groups.reduce((a, g) => a + g.approved, 0);
  const totalMinutes = [...minutes.values()].reduce((a, m) => a + m, 0);
  const totalHidden = totalPeople < min;
  const share = (approved: number, n: number) => (n > 0 ? round((approved / n) * 100, 1) : null);

  const calendar = month ? monthCalendar(month, holidays, [], activity) : null;
  const effective = calendar?.effectiveMinutes ?? 0;
  const average = (m: number, n: number) =>
    month && n > 0 && effective > 0 ? round(m / (n * effective), 4) : null;

  // ---- goals: mean capaian of the confirmed indicators in the cascade below each goal ----
  const goals = period ? await goalProgress(db, tenantId, period.id, min) : [];

  return {
    city: { slug: tenant.slug, name: tenant.name },
    minGroupSize: min,
    suppressedLabel: t(locale, 'PUBLIC_SUPPRESSED', { min }),
    period: period ? { year: Number(period.year) } : null,
    skp: {
      total: {
        name: tenant.name,
        employees: totalHidden ? null : totalPeople,
        approved: totalHidden ? null : totalApproved,
        share: totalHidden ? null : share(totalApproved, totalPeople),
        suppressed: totalHidden,
      },
      byOpd: groups.map((g, i) => {
        const off = hidden.has(i);
        return {
          name: g.name,
          employees: off ? null : g.people,
          approved: off ? null : g.approved,
          share: off ? null : share(g.approved, g.people),
          suppressed: off,
        };
      }),
    },
    workload: {
      month,
      workingDays: calendar?.workingDays ?? 0,
      effectiveMinutesPerPerson: effective,
      thresholds: { under: activity.underThreshold, over: activity.overThreshold },
      total: {
        name: tenant.name,
        employees: totalHidden ? null : totalPeople,
        averageRatio: totalHidden ? null : average(totalMinutes, totalPeople),
        suppressed: totalHidden,
      },
      byOpd: groups.map((g, i) => {
        const off = hidden.has(i);
        return {
          name: g.name,
          employees: off ? null : g.people,
          averageRatio: off ? null : average(g.minutes, g.people),
          suppressed: off,
        };
      }),
    },
    goals,
  };
}

async function goalProgress(db: DB, tenantId: string, periodId: string, min: number) {
  const goals = await repo.approvedGoals(db, tenantId, periodId);
  if (goals.length === 0) return [];
  const [indicators, rhks, realisations] = await Promise.all([
    repo.goalIndicators(
      db,
      tenantId,
      goals.map((g) => g.id),
    ),
    repo.periodRhks(db, tenantId, periodId),
    repo.confirmedRealisations(db, tenantId, periodId),
  ]);
  // latest confirmed quarter per indicator → its capaian, gathered per RHK
  const latest = new Map<string, (typeof realisations)[number]>();
  for (const r of realisations) {
    const seen = latest.get(r.indicator_id);
    if (!seen || Number(r.quarter) > Number(seen.quarter)) latest.set(r.indicator_id, r);
  }
  const capaianOf = new Map<string, number[]>();
  for (const r of latest.values()) {
    const c = quarterCapaian(
      {
        aspect: r.aspect,
        unit: r.unit,
        target_value: r.target_value === null ? null : Number(r.target_value),
        direction: r.direction,
      },
      r.value === null ? null : Number(r.value),
      Number(r.quarter),
    );
    if (c === null) continue;
    capaianOf.set(r.rhk_id, [...(capaianOf.get(r.rhk_id) ?? []), c]);
  }
  const children = new Map<string, typeof rhks>();
  for (const r of rhks)
    if (r.parent_rhk_id) children.set(r.parent_rhk_id, [...(children.get(r.parent_rhk_id) ?? []), r]);
  return goals.map((g) => {
    const values: number[] = [];
    const contributors = new Set<string>();
    const seen = new Set<string>();
    const stack = rhks.filter((r) => r.goal_id === g.id);
    while (stack.length) {
      const r = stack.pop() as (typeof rhks)[number];
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const own = capaianOf.get(r.id);
      if (own?.length) {
        values.push(...own);
        contributors.add(r.employee_id);
      }
      stack.push(...(children.get(r.id) ?? []));
    }
    const off = contributors.size < min;
    return {
      code: g.code,
      title: g.title,
      indicators: indicators
        .filter((i) => i.goal_id === g.id)
        .map((i) => ({
          name: i.name,
          targetValue: i.target_value === null ? null : Number(i.target_value),
          targetText: i.target_text,
          unit: i.unit,
        })),
      contributors: off ? null : contributors.size,
      progress: off ? null : meanCapaian(values),
      suppressed: off,
    };
  });
}

// ---------------- cache ----------------
export interface PublicAnswer {
  body: PublicSummary;
  /** weak: the same figures (generatedAt aside) keep the same tag across recomputations */
  etag: string;
}

const cache = new Map<string, { until: number; answer: PublicAnswer }>();
const inflight = new Map<string, Promise<PublicAnswer>>();

/** Drop every cached summary (tests; an operator after correcting data). */
export function forgetPublicSummaries(): void {
  cache.clear();
}

/**
 * The summary of the city `slug` in `locale`; 404 for an unknown, inactive or unpublished city (the
 * platform tenant is never a city). Concurrent requests for the same city share one computation; after the
 * time to live the previous answer is served while the next one is computed in the background.
 */
export async function publicSummary(db: DB, slug: string, locale: Locale): Promise<PublicAnswer> {
  const tenant = /^[a-z0-9][a-z0-9-]*$/.test(slug) ? await repo.findTenant(db, slug) : undefined;
  const settings = transparencySettingsOf(tenant?.settings);
  if (!tenant || tenant.active !== 1 || tenant.slug === 'platform' || !settings.enabled)
    throw new AppError(404, 'TENANT_UNKNOWN');
  const key = `${tenant.id}|${locale}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.answer;
  let running = inflight.get(key);
  if (!running) {
    running = (async () => {
      const content = await compute(db, tenant, locale, settings.minGroupSize);
      const etag = `W/"${sha256(JSON.stringify(content)).slice(0, 32)}"`;
      const answer = { body: { ...content, generatedAt: nowIso() }, etag };
      cache.set(key, { until: Date.now() + PUBLIC_TTL_SECONDS * 1000, answer });
      return answer;
    })().finally(() => inflight.delete(key));
    inflight.set(key, running);
  }
  // an expired answer is still served while the new one is computed (only the very first request waits)
  if (hit) {
    running.catch(() => undefined);
    return hit.answer;
  }
  return running;
}

/** Does an If-None-Match header name this ETag (weak comparison, or `*`)? */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
