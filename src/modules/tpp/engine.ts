/**
 * The month engine: loads one month's facts for the whole city (or a few employees) in a handful of
 * set-based queries, assembles each employee's positions, Plt assignments, effective time, approved minutes
 * and attendance deductions, and computes their line. The run, the employee's estimate and the benchmark's
 * baseline all go through `monthLines`.
 *
 * Conventions (see docs/api-tpp.md):
 *   - position_history and acting_assignments end dates are exclusive: the day of a move belongs to the new
 *     position (`moveEmployee` closes the old row with the new row's start date);
 *   - proration is by calendar days held ÷ calendar days of the month;
 *   - the performance factor is measured over the working days the employee held a position (minus leave
 *     that reduces effective time), capped by effective time − attendance shortfall (DESIGN §2.3);
 *   - the weight group, kelas, position and OPD printed on the line are those held at the end of the month.
 */
import type { DB } from '../../db/index.ts';
import { addDays, datesBetween, isoWeekday, monthEnd, monthStart } from '../activities/calendar.ts';
import { leavesBetween, opdOfPath } from '../activities/repository.ts';
import { type ActivitySettings, loadSettings } from '../activities/settings.ts';
import { type DeductionLine, monthDeductions } from '../attendance/deductions.ts';
import { type ActingIn, computeLine, earlier, type LineOut, later, type SegmentIn } from './compute.ts';
import * as repo from './repository.ts';
import { loadTppSettings, type TppSettings, weightsFor } from './settings.ts';

export interface LineDetail {
  segments: LineOut['segments'];
  acting: LineOut['acting'];
  minutes: {
    approved: number;
    pending: number;
    effective: number;
    shortfall: number;
    /** effective − shortfall: what approved minutes are capped at */
    cap: number;
    workingDays: number;
    leaveDays: number;
    perDay: number;
  };
  attendance: {
    /** the attendance module had facts for this employee-month */
    recorded: boolean;
    daysPresent: number;
    daysAbsent: number;
    totalBp: number;
    lines: DeductionLine[];
  };
  weights: {
    group: string;
    kinerjaBp: number;
    disiplinBp: number;
    kinerjaEnabled: boolean;
    disiplinEnabled: boolean;
  };
  rules: { bpjsBp: number; bpjsCap: number | null; actingShareBp: number };
  kinerjaMax: number;
  exact: LineOut['exact'];
}

export interface ComputedLine {
  employeeId: string;
  name: string;
  nip: string;
  opdId: string;
  opdName: string;
  unitId: string;
  positionId: string;
  positionName: string;
  kind: string;
  kelas: number;
  group: string;
  out: LineOut;
  pendingMinutes: number;
  detail: LineDetail;
}

export interface MonthFacts {
  month: string;
  settings: TppSettings;
  activity: ActivitySettings;
  lines: ComputedLine[];
  /** employees with a history row or a position that had no day in a position this month */
  withoutPosition: string[];
}

const dayIndex = (date: string) => Number(date.slice(8, 10)) - 1;

/** Compute the lines of `month` for the whole city, or for `employeeIds` only. Read-only. */
export async function monthLines(
  db: DB,
  tenantId: string,
  month: string,
  employeeIds?: readonly string[],
): Promise<MonthFacts> {
  const from = monthStart(month);
  const to = monthEnd(month);
  const dates = datesBetween(from, to);
  const daysInMonth = dates.length;
  const [settings, activity, history, acting, employees, rollups, holidays, leaves, deductions] =
    await Promise.all([
      loadTppSettings(db, tenantId),
      loadSettings(db, tenantId),
      repo.historyIn(db, tenantId, from, to, employeeIds),
      repo.actingIn(db, tenantId, from, to, employeeIds),
      repo.employeesOf(db, tenantId, employeeIds),
      repo.monthRollups(db, tenantId, month, employeeIds),
      db
        .selectFrom('work_calendar')
        .select('date')
        .where('tenant_id', '=', tenantId)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .execute(),
      leavesBetween(db, tenantId, from, to, employeeIds ? [...employeeIds] : undefined),
      monthDeductions(db, tenantId, month, employeeIds),
    ]);

  // positions and units: all of the city for a run, only the ones needed for a single employee
  let positionIds: string[] | undefined;
  if (employeeIds) {
    positionIds = [
      ...new Set([
        ...history.map((h) => h.position_id),
        ...acting.map((a) => a.position_id),
        ...employees.map((e) => e.position_id).filter((p): p is string => !!p),
      ]),
    ];
  }
  const positions = await repo.positionsOf(db, tenantId, positionIds);
  const positionById = new Map(positions.map((p) => [p.id, p]));
  let unitIds: string[] | undefined;
  if (employeeIds) {
    const direct = await repo.unitsOf(db, tenantId, [
      ...new Set([...positions.map((p) => p.unit_id), ...history.map((h) => h.unit_id)]),
    ]);
    unitIds = [...new Set([...direct.map((u) => u.id), ...direct.map((u) => opdOfPath(u.path))])];
  }
  const units = await repo.unitsOf(db, tenantId, unitIds);
  const unitById = new Map(units.map((u) => [u.id, u]));

  // the working calendar of the month: a prefix sum of working days
  const holidaySet = new Set(holidays.map((h) => h.date));
  const working = dates.map((d) => !holidaySet.has(d) && activity.workWeekdays.includes(isoWeekday(d)));
  const prefix = [0];
  for (const w of working) prefix.push(prefix[prefix.length - 1] + (w ? 1 : 0));
  const workingBetween = (a: string, b: string) => prefix[dayIndex(b) + 1] - prefix[dayIndex(a)];
  const reducing = new Set<string>(activity.leaveKindsReducingTime);

  const historyOf = new Map<string, typeof history>();
  for (const h of history) {
    const list = historyOf.get(h.employee_id);
    if (list) list.push(h);
    else historyOf.set(h.employee_id, [h]);
  }
  const actingOf = new Map<string, typeof acting>();
  for (const a of acting) {
    const list = actingOf.get(a.employee_id);
    if (list) list.push(a);
    else actingOf.set(a.employee_id, [a]);
  }
  const leavesOf = new Map<string, typeof leaves>();
  for (const l of leaves) {
    if (!reducing.has(l.kind)) continue;
    const list = leavesOf.get(l.employee_id);
    if (list) list.push(l);
    else leavesOf.set(l.employee_id, [l]);
  }
  const rollupOf = new Map(rollups.map((r) => [r.employee_id, r]));
  const paguOf = (kelas: number) => settings.pagu.get(kelas) ?? 0;
  const dayBefore = new Map<string, string>();
  const clip = (start: string, end: string | null) => {
    const a = start > from ? start : from;
    let last = to;
    if (end !== null) {
      last = dayBefore.get(end) ?? addDays(end, -1);
      dayBefore.set(end, last);
    }
    const b = earlier(last, to);
    return a <= b ? { from: a, to: b } : null;
  };

  const weightsOf = new Map<string, ReturnType<typeof weightsFor>>();
  const lines: ComputedLine[] = [];
  const withoutPosition: string[] = [];
  for (const e of employees) {
    // the positions held this month, in order, never overlapping
    const segments: SegmentIn[] = [];
    const rows = historyOf.get(e.id);
    const spans = rows
      ? rows
          .map((h) => ({ h, span: clip(h.start_date, h.end_date) }))
          .filter((x) => x.span !== null)
          .sort((x, y) => ((x.span?.from ?? '') < (y.span?.from ?? '') ? -1 : 1))
      : e.position_id && e.status === 'active'
        ? // no history kept for this employee: the current position, the whole month
          [{ h: { position_id: e.position_id, unit_id: null as string | null }, span: { from, to } }]
        : [];
    let last = '';
    for (const { h, span } of spans) {
      if (!span) continue;
      const p = positionById.get(h.position_id);
      if (!p) continue;
      const start = last && span.from <= last ? addDays(last, 1) : span.from;
      if (start > span.to) continue;
      segments.push({
        positionId: p.id,
        positionName: p.name,
        kind: p.kind,
        kelas: p.kelas,
        unitId: h.unit_id ?? p.unit_id,
        from: start,
        to: span.to,
      });
      last = span.to;
    }
    if (segments.length === 0) {
      if (rows || e.position_id) withoutPosition.push(e.id);
      continue;
    }
    const actingIn: ActingIn[] = [];
    for (const a of actingOf.get(e.id) ?? []) {
      const span = clip(a.start_date, a.end_date);
      const p = positionById.get(a.position_id);
      if (span && p) actingIn.push({ positionId: p.id, positionName: p.name, kelas: p.kelas, ...span });
    }
    // effective time over the working days held, minus working days on leave that reduces time
    let workingDays = 0;
    for (const s of segments) workingDays += workingBetween(s.from, s.to);
    const leaveDays = new Set<number>();
    for (const l of leavesOf.get(e.id) ?? []) {
      for (const s of segments) {
        const a = later(l.start_date, s.from);
        const b = earlier(l.end_date, s.to);
        if (a > b) continue;
        for (let i = dayIndex(a); i <= dayIndex(b); i++) if (working[i]) leaveDays.add(i);
      }
    }
    const perDay = activity.workingMinutesPerDay;
    const effective = Math.max(0, workingDays - leaveDays.size) * perDay;
    const roll = rollupOf.get(e.id);
    const approved = Number(roll?.minutes_approved ?? 0);
    const pending = Number(roll?.minutes_pending ?? 0);
    const ded = deductions.get(e.id);
    const shortfall = ded?.shortfallMinutes ?? 0;
    const lastSegment = segments[segments.length - 1];
    let w = weightsOf.get(lastSegment.kind);
    if (!w) {
      w = weightsFor(settings, lastSegment.kind);
      weightsOf.set(lastSegment.kind, w);
    }
    const out = computeLine(
      {
        daysInMonth,
        segments,
        acting: actingIn,
        approvedMinutes: approved,
        effectiveMinutes: effective,
        shortfallMinutes: shortfall,
        deductionBp: ded?.totalBasisPoints ?? 0,
      },
      paguOf,
      w.effective,
      settings.rules,
    );
    const unit = unitById.get(lastSegment.unitId);
    const opdId = unit ? opdOfPath(unit.path) : lastSegment.unitId;
    lines.push({
      employeeId: e.id,
      name: e.name,
      nip: e.nip,
      opdId,
      opdName: unitById.get(opdId)?.name ?? unit?.name ?? '',
      unitId: lastSegment.unitId,
      positionId: lastSegment.positionId,
      positionName: lastSegment.positionName,
      kind: lastSegment.kind,
      kelas: lastSegment.kelas,
      group: w.group,
      out,
      pendingMinutes: pending,
      detail: {
        segments: out.segments,
        acting: out.acting,
        minutes: {
          approved,
          pending,
          effective,
          shortfall,
          cap: Math.max(0, effective - shortfall),
          workingDays,
          leaveDays: leaveDays.size,
          perDay,
        },
        attendance: {
          recorded: !!ded,
          daysPresent: ded?.daysPresent ?? 0,
          daysAbsent: ded?.daysAbsent ?? 0,
          totalBp: ded?.totalBasisPoints ?? 0,
          lines: ded?.lines ?? [],
        },
        weights: { group: w.group, ...w.setting },
        rules: settings.rules,
        kinerjaMax: out.kinerjaMax,
        exact: out.exact,
      },
    });
  }
  return { month, settings, activity, lines, withoutPosition };
}
