/**
 * The performance account (akun kinerja): one person's identity and position, SKP with each indicator's
 * progress, the month's workload gauge and activity timeline, the verification backlog, feedback from the
 * SKP and the optional blocks other modules register (attendance, TPP, predikat, talent). Served from a
 * bounded number of indexed queries and the workload rollups, never from a scan of the activity log.
 */
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { AppError, badRequest, notFound } from '../../core/errors.ts';
import { t } from '../../core/i18n.ts';
import { todayIn } from '../../core/time.ts';
import {
  addDays,
  addMonths,
  monthCalendar,
  monthEnd,
  monthOf,
  monthStart,
  monthsEndingWith,
} from '../activities/calendar.ts';
import { workloadPolicy } from '../activities/policy.ts';
import * as activityRepo from '../activities/repository.ts';
import { loadSettings } from '../activities/settings.ts';
import { bandOf, nilaiAktivitas, ratioOf } from '../activities/workload.ts';
import { meanCapaian, quarterCapaian } from '../skp/capaian.ts';
import { skpPolicy } from '../skp/policy.ts';
import './messages.ts';
import { type AccountResource, accountPolicy, searchScopeOf } from './policy.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';
import { loadSections } from './sections.ts';

const TIMELINE_LIMIT = 150;
const FEEDBACK_LIMIT = 30;
const PENDING_LOOKBACK_MONTHS = 3;

type Ref = z.infer<typeof s.Account>['atasan'];

/** Atasan and atasan penilai from the chain, as the org module resolves them (holder, then Plt./Plh.). */
function ratersOf(chain: repo.ChainRow[], employeeId: string) {
  const superiors = chain
    .filter((c) => c.depth > 0)
    .flatMap((c) => [
      ...(c.holder_id
        ? [{ depth: c.depth, employeeId: c.holder_id, name: c.holder_name, nip: c.holder_nip, acting: false }]
        : []),
      ...(c.acting_id
        ? [{ depth: c.depth, employeeId: c.acting_id, name: c.acting_name, nip: c.acting_nip, acting: true }]
        : []),
    ]);
  const nameOf = new Map(chain.map((c) => [c.depth, c.name]));
  const ref = (x: (typeof superiors)[number] | undefined): Ref =>
    x
      ? {
          employeeId: x.employeeId,
          name: x.name ?? '',
          nip: x.nip ?? '',
          positionName: nameOf.get(x.depth) ?? '',
          acting: x.acting,
        }
      : null;
  const atasan = superiors.find((x) => x.employeeId !== employeeId);
  const penilai = atasan
    ? superiors.find((x) => x.depth > atasan.depth && x.employeeId !== atasan.employeeId)
    : undefined;
  return {
    atasan: ref(atasan),
    atasanPenilai: ref(penilai),
    superiorIds: new Set(superiors.map((x) => x.employeeId)),
  };
}

/** The first date whose entries the atasan may still verify (end of month + the city's window). */
function openFromDate(today: string, verifyDaysAfterMonth: number): string {
  let month = monthOf(today);
  for (let i = 0; i < 4; i++) {
    const previous = addMonths(month, -1);
    if (addDays(monthEnd(previous), verifyDaysAfterMonth) >= today) month = previous;
    else break;
  }
  return monthStart(month);
}

/** Load the person and decide whether the caller may see their account (404 otherwise). */
async function loadSubject(ctx: RequestContext, employeeId: string) {
  const tenantId = ctx.actor.tenantId;
  const subject = await repo.findSubject(ctx.db, tenantId, employeeId);
  if (!subject) throw notFound();
  const chain = subject.position_id ? await repo.positionChain(ctx.db, tenantId, subject.position_id) : [];
  const raters = ratersOf(chain, subject.id);
  const me = ctx.actor.employeeId;
  const resource: AccountResource = {
    employeeId: subject.id,
    unitPath: subject.unit_path,
    actorIsSuperior: me !== null && me !== subject.id && raters.superiorIds.has(me),
    actorIsAtasan: me !== null && raters.atasan?.employeeId === me,
  };
  accountPolicy.authorize(ctx.actor, 'read', resource, 'read');
  return { subject, raters, resource };
}

function eventTitle(ctx: RequestContext, action: string): string {
  const code = `ACCOUNT_EVENT_${action.toUpperCase()}`;
  const known = ['created', 'submitted', 'approved', 'returned', 'revision_opened'];
  return known.includes(action) ? t(ctx.locale, code) : t(ctx.locale, 'ACCOUNT_EVENT_OTHER', { action });
}

async function skpBlock(
  ctx: RequestContext,
  periodId: string | null,
  subject: repo.Subject,
  raters: ReturnType<typeof ratersOf>,
) {
  const tenantId = ctx.actor.tenantId;
  if (!periodId) return { skp: null, feedback: [], openSkp: false };
  const skps = await repo.skpsOf(ctx.db, tenantId, periodId, subject.id);
  const row = skps.find((x) => x.position_id === subject.position_id) ?? skps[0];
  if (!row) return { skp: null, feedback: [], openSkp: false };
  const [plan, realisations, events] = await Promise.all([
    repo.planOf(ctx.db, tenantId, row.id),
    repo.realisationsOf(ctx.db, tenantId, row.id),
    repo.eventsOf(ctx.db, tenantId, row.id),
  ]);
  const byIndicator = new Map<string, typeof realisations>();
  for (const r of realisations)
    byIndicator.set(r.indicator_id, [...(byIndicator.get(r.indicator_id) ?? []), r]);
  const rhks: NonNullable<z.infer<typeof s.Account>['skp']>['rhks'] = [];
  const indicatorNames = new Map<string, string>();
  const latest: (number | null)[] = [];
  for (const p of plan) {
    let rhk = rhks[rhks.length - 1];
    if (!rhk || rhk.id !== p.rhk_id) {
      rhk = { id: p.rhk_id, kind: p.kind, text: p.text, indicators: [] };
      rhks.push(rhk);
    }
    if (!p.indicator_id) continue;
    const indicator = {
      aspect: p.aspect ?? '',
      unit: p.unit ?? '',
      target_value: p.target_value === null ? null : Number(p.target_value),
      direction: p.direction ?? 'higher',
    };
    const quarters = (byIndicator.get(p.indicator_id) ?? []).map((r) => ({
      quarter: Number(r.quarter),
      value: r.value === null ? null : Number(r.value),
      status: r.status,
      capaian: quarterCapaian(indicator, r.value === null ? null : Number(r.value), Number(r.quarter)),
    }));
    const confirmed = quarters.filter((q) => q.status === 'confirmed');
    const last = confirmed[confirmed.length - 1];
    latest.push(last ? last.capaian : null);
    indicatorNames.set(p.indicator_id, p.name ?? '');
    rhk.indicators.push({
      id: p.indicator_id,
      aspect: indicator.aspect,
      name: p.name ?? '',
      targetValue: indicator.target_value,
      targetText: p.target_text,
      unit: indicator.unit,
      direction: indicator.direction,
      quarters,
      capaian: last ? last.capaian : null,
      latestQuarter: last ? last.quarter : null,
    });
  }
  const feedback: z.infer<typeof s.Account>['feedback'] = [
    ...events.map((e) => ({
      source: 'skp' as const,
      action: e.action,
      title: eventTitle(ctx, e.action),
      text: e.reason,
      actorName: e.actor_name,
      at: e.at,
    })),
    ...realisations
      .filter((r) => r.status === 'rejected')
      .map((r) => ({
        source: 'realisation' as const,
        action: 'rejected',
        title: t(ctx.locale, 'ACCOUNT_REALISATION_REJECTED', {
          quarter: Number(r.quarter),
          indicator: indicatorNames.get(r.indicator_id) ?? '',
        }),
        text: r.reject_reason,
        actorName: r.decided_by_name,
        at: r.decided_at ?? r.updated_at,
      })),
  ]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, FEEDBACK_LIMIT);
  const openSkp = skpPolicy.can(ctx.actor, 'read', {
    ownerEmployeeId: subject.id,
    unitPath: row.unit_path,
    status: row.status,
    evaluatorEmployeeId: raters.atasan?.employeeId ?? null,
    evaluator2EmployeeId: raters.atasanPenilai?.employeeId ?? null,
  });
  return {
    skp: {
      id: row.id,
      status: row.status,
      revision: Number(row.revision),
      positionName: row.position_name,
      returnReason: row.return_reason,
      approvedAt: row.approved_at,
      progress: meanCapaian(latest),
      indicatorCount: latest.length,
      measuredCount: latest.filter((x) => x !== null).length,
      rhks,
    },
    feedback,
    openSkp,
  };
}

export async function getAccount(ctx: RequestContext, employeeId: string, q: z.infer<typeof s.AccountQuery>) {
  const tenantId = ctx.actor.tenantId;
  const { subject, raters, resource } = await loadSubject(ctx, employeeId);
  const today = todayIn(ctx.actor.timeZone);
  const currentMonth = monthOf(today);
  const month = q.month ?? currentMonth;
  const history = monthsEndingWith(month, 6);

  const opdId = subject.unit_path?.split('/').filter(Boolean)[1];
  const [settings, period, opd] = await Promise.all([
    loadSettings(ctx.db, tenantId),
    q.periodId
      ? repo.periodById(ctx.db, tenantId, q.periodId)
      : repo.periodForYear(ctx.db, tenantId, Number(month.slice(0, 4))),
    opdId ? repo.unitName(ctx.db, tenantId, opdId) : Promise.resolve(undefined),
  ]);
  if (q.periodId && !period) throw new AppError(404, 'PERIOD_UNKNOWN');
  const openFrom = openFromDate(today, settings.verifyDaysAfterMonth);
  // expired pending entries are reported for the three months before the open window
  const since = monthStart(addMonths(monthOf(openFrom), -PENDING_LOOKBACK_MONTHS));

  const [skp, holidays, leaves, months, activities, own, queue] = await Promise.all([
    skpBlock(ctx, period?.id ?? null, subject, raters),
    activityRepo.holidaysBetween(ctx.db, tenantId, monthStart(history[0]), monthEnd(month)),
    activityRepo.leavesBetween(ctx.db, tenantId, monthStart(history[0]), monthEnd(month), [subject.id]),
    activityRepo.personMonths(ctx.db, tenantId, [subject.id], history),
    repo.monthActivities(ctx.db, tenantId, subject.id, monthStart(month), monthEnd(month), TIMELINE_LIMIT),
    repo.ownPending(ctx.db, tenantId, subject.id, openFrom, since),
    subject.position_id && subject.status === 'active'
      ? repo.queueOf(ctx.db, tenantId, subject.id, openFrom, since)
      : Promise.resolve(null),
  ]);

  // ---- workload gauge (rollups + calendar) ----
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const calendar = monthCalendar(month, holidays, leaves, settings);
  const current = byMonth.get(month);
  const approved = Number(current?.minutes_approved ?? 0);
  const ratio = ratioOf(approved, calendar.effectiveMinutes);
  const workload = {
    month,
    workingDays: calendar.workingDays,
    leaveDays: calendar.leaveDays,
    effectiveMinutes: calendar.effectiveMinutes,
    approvedMinutes: approved,
    pendingMinutes: Number(current?.minutes_pending ?? 0),
    rejectedMinutes: Number(current?.minutes_rejected ?? 0),
    ratioUncapped: ratio,
    nilaiAktivitas: nilaiAktivitas(approved, calendar.effectiveMinutes),
    band: bandOf(ratio, settings),
    thresholds: { under: settings.underThreshold, over: settings.overThreshold },
    history: history.map((hm) => {
      const effective = monthCalendar(hm, holidays, leaves, settings).effectiveMinutes;
      const a = Number(byMonth.get(hm)?.minutes_approved ?? 0);
      const r = ratioOf(a, effective);
      return {
        month: hm,
        approvedMinutes: a,
        effectiveMinutes: effective,
        ratio: r,
        band: bandOf(r, settings),
      };
    }),
  };

  // ---- the month's activities ----
  const counts = { pending: 0, approved: 0, rejected: 0 };
  for (const a of activities) if (a.status in counts) counts[a.status as keyof typeof counts] += 1;
  const total = Math.max(Number(current?.entries ?? 0), activities.length);
  const timeline = {
    month,
    total,
    truncated: total > activities.length,
    counts,
    items: activities.map((a) => ({
      id: a.id,
      date: a.date,
      catalogName: a.catalog_name,
      outputUnit: a.output_unit,
      quantity: Number(a.quantity),
      originalQuantity: a.original_quantity === null ? null : Number(a.original_quantity),
      minutes: Number(a.minutes),
      status: a.status,
      rejectReason: a.reject_reason,
      startTime: a.start_time,
      endTime: a.end_time,
    })),
  };

  const pending = (p: repo.PendingRow) => ({
    entries: p.open_entries,
    minutes: p.open_minutes,
    oldestDate: p.open_oldest,
    expiredEntries: p.entries - p.open_entries,
  });
  const verification = {
    openFrom,
    own: pending(own),
    queue: queue && queue.subordinates > 0 ? { subordinates: queue.subordinates, ...pending(queue) } : null,
  };

  const readPay = accountPolicy.can(ctx.actor, 'readPay', resource);
  const sections = await loadSections(
    ctx,
    {
      tenantId,
      employeeId: subject.id,
      positionId: subject.position_id,
      unitPath: subject.unit_path,
      month,
      periodId: period?.id ?? null,
      year: Number(month.slice(0, 4)),
    },
    readPay,
  );

  return {
    month,
    currentMonth,
    employee: {
      id: subject.id,
      name: subject.name,
      nip: subject.nip,
      asnType: subject.asn_type,
      golongan: subject.golongan,
      education: subject.education,
      status: subject.status,
      position:
        subject.position_id && subject.position_name
          ? {
              id: subject.position_id,
              name: subject.position_name,
              kind: subject.position_kind ?? '',
              kelas: Number(subject.position_kelas ?? 0),
            }
          : null,
      unit: subject.unit_id && subject.unit_name ? { id: subject.unit_id, name: subject.unit_name } : null,
      opd: opd ? { id: opd.id, name: opd.name } : null,
    },
    atasan: raters.atasan,
    atasanPenilai: raters.atasanPenilai,
    period: period ? { id: period.id, year: Number(period.year), status: period.status } : null,
    skp: skp.skp,
    workload,
    timeline,
    verification,
    feedback: skp.feedback,
    ...sections,
    abilities: {
      readPay,
      verify: accountPolicy.can(ctx.actor, 'verify', resource),
      openSkp: skp.openSkp,
      openWorkload: workloadPolicy.can(ctx.actor, 'read', {
        employeeId: subject.id,
        unitPath: subject.unit_path,
        actorIsAtasan: resource.actorIsAtasan,
      }),
    },
  };
}

// ---------------- person search ----------------
const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function decodeCursor(
  ctx: RequestContext,
  cursor: string | undefined,
): { name: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { name: unknown; id: unknown };
    if (typeof v.name === 'string' && typeof v.id === 'string') return { name: v.name, id: v.id };
  } catch {
    // fall through
  }
  throw badRequest('VALIDATION_FAILED', {}, [
    { path: 'cursor', message: t(ctx.locale, 'VALIDATION_FAILED') },
  ]);
}

/** People whose account the caller may open, by name or NIP, in pages ordered by name. */
export async function searchPeople(ctx: RequestContext, q: z.infer<typeof s.SearchQuery>) {
  const scope = searchScopeOf(ctx.actor);
  const rows = await repo.searchPeople(ctx.db, ctx.actor.tenantId, {
    q: q.q,
    after: decodeCursor(ctx, q.cursor),
    limit: q.limit + 1,
    scope: scope.kind === 'city' ? null : scope,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      nip: r.nip,
      status: r.status,
      positionName: r.position_name,
      unitName: r.unit_name,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}
