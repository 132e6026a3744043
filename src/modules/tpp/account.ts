/**
 * One employee's TPP, explained line by line: from the month's run when there is one (draft, checked or
 * locked), otherwise a live estimate computed the same way. Plus the reasons it may still be cut before the
 * month closes, each with its deadline.
 */
import type { RequestContext } from '../../core/context.ts';
import { badRequest, notFound } from '../../core/errors.ts';
import { t } from '../../core/i18n.ts';
import { todayIn } from '../../core/time.ts';
import type { DB } from '../../db/index.ts';
import type { TppLineTable } from '../../db/schema.ts';
import { addDays, datesBetween, isoWeekday, monthEnd, monthOf, monthStart } from '../activities/calendar.ts';
import { leavesBetween } from '../activities/repository.ts';
import { loadSettings } from '../activities/settings.ts';
import * as orgRepo from '../org/repository.ts';
import { earlier } from './compute.ts';
import { type ComputedLine, type LineDetail, monthLines } from './engine.ts';
import './messages.ts';
import { tppLinePolicy } from './policy.ts';
import * as repo from './repository.ts';

export type LineStatus = 'estimate' | 'draft' | 'checked' | 'locked';

export interface TppLineView {
  month: string;
  status: LineStatus;
  runId: string | null;
  employee: { id: string; name: string; nip: string };
  position: { id: string; name: string; kelas: number; group: string };
  opd: { id: string; name: string };
  daysInMonth: number;
  days: number;
  segments: LineDetail['segments'];
  acting: LineDetail['acting'];
  ownBase: number;
  actingBase: number;
  base: number;
  performance: LineDetail['minutes'] & { factorBp: number };
  weights: LineDetail['weights'] & { effectiveKinerjaBp: number; effectiveDisiplinBp: number };
  kinerjaMax: number;
  komponenKinerja: number;
  disiplinMax: number;
  deductions: LineDetail['attendance'] & { appliedBp: number };
  komponenDisiplin: number;
  potongan: number;
  bruto: number;
  bpjs: { rateBp: number; cap: number | null; amount: number };
  netto: number;
  rounding: LineDetail['exact'];
}

const daysIn = (month: string) => Number(monthEnd(month).slice(8, 10));

function fromStored(row: TppLineTable, month: string, status: LineStatus, runId: string): TppLineView {
  const d = JSON.parse(row.detail_json) as LineDetail;
  return {
    month,
    status,
    runId,
    employee: { id: row.employee_id, name: row.name, nip: row.nip },
    position: { id: row.position_id, name: row.position_name, kelas: row.kelas, group: row.position_group },
    opd: { id: row.opd_id, name: row.opd_name },
    daysInMonth: daysIn(month),
    days: row.days,
    segments: d.segments,
    acting: d.acting,
    ownBase: Number(row.own_base),
    actingBase: Number(row.acting_base),
    base: Number(row.base),
    performance: { ...d.minutes, factorBp: row.performance_bp },
    weights: {
      ...d.weights,
      effectiveKinerjaBp: row.kinerja_weight_bp,
      effectiveDisiplinBp: row.disiplin_weight_bp,
    },
    kinerjaMax: d.kinerjaMax,
    komponenKinerja: Number(row.komponen_kinerja),
    disiplinMax: Number(row.disiplin_max),
    deductions: { ...d.attendance, appliedBp: row.deduction_bp },
    komponenDisiplin: Number(row.komponen_disiplin),
    potongan: Number(row.potongan),
    bruto: Number(row.bruto),
    bpjs: { rateBp: d.rules.bpjsBp, cap: d.rules.bpjsCap, amount: Number(row.bpjs) },
    netto: Number(row.netto),
    rounding: d.exact,
  };
}

function fromComputed(l: ComputedLine, month: string): TppLineView {
  return {
    month,
    status: 'estimate',
    runId: null,
    employee: { id: l.employeeId, name: l.name, nip: l.nip },
    position: { id: l.positionId, name: l.positionName, kelas: l.kelas, group: l.group },
    opd: { id: l.opdId, name: l.opdName },
    daysInMonth: daysIn(month),
    days: l.out.days,
    segments: l.out.segments,
    acting: l.out.acting,
    ownBase: l.out.ownBase,
    actingBase: l.out.actingBase,
    base: l.out.base,
    performance: { ...l.detail.minutes, factorBp: l.out.performanceBp },
    weights: {
      ...l.detail.weights,
      effectiveKinerjaBp: l.out.kinerjaWeightBp,
      effectiveDisiplinBp: l.out.disiplinWeightBp,
    },
    kinerjaMax: l.out.kinerjaMax,
    komponenKinerja: l.out.komponenKinerja,
    disiplinMax: l.out.disiplinMax,
    deductions: { ...l.detail.attendance, appliedBp: l.out.deductionBp },
    komponenDisiplin: l.out.komponenDisiplin,
    potongan: l.out.potongan,
    bruto: l.out.bruto,
    bpjs: { rateBp: l.detail.rules.bpjsBp, cap: l.detail.rules.bpjsCap, amount: l.out.bpjs },
    netto: l.out.netto,
    rounding: l.out.exact,
  };
}

/**
 * The employee's TPP line for `month` (`YYYY-MM`): the stored line of the month's run, or — when the month
 * has no run yet — an estimate computed from today's data. Null when the employee held no position that
 * month, the month has not started, or a run exists without a line for them.
 */
export async function tppOfMonth(
  db: DB,
  tenantId: string,
  employeeId: string,
  month: string,
): Promise<TppLineView | null> {
  const tenant = await db
    .selectFrom('tenants')
    .select('time_zone')
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (!tenant || month > monthOf(todayIn(tenant.time_zone))) return null;
  const run = await repo.findRunByMonth(db, tenantId, month);
  if (run) {
    const row = await repo.findLine(db, tenantId, run.id, employeeId);
    return row ? fromStored(row, month, run.status as LineStatus, run.id) : null;
  }
  const facts = await monthLines(db, tenantId, month, [employeeId]);
  const line = facts.lines.find((l) => l.employeeId === employeeId);
  return line ? fromComputed(line, month) : null;
}

export interface Warning {
  code: string;
  severity: 'info' | 'warn' | 'danger';
  message: string;
  deadline: string | null;
  dates: string[];
  params: Record<string, string | number>;
}

/**
 * Why the TPP of `month` may still be cut, while the month is open (no locked run): working days without a
 * logged activity (with the back-dating deadline), minutes the atasan has not verified (with the verification
 * deadline), days absent without notice or attendance not received yet (with the month's correction
 * deadline), and deductions already applied.
 */
export async function tppWarnings(
  db: DB,
  tenantId: string,
  employeeId: string,
  month: string,
  line: TppLineView | null,
  today: string,
  locale: 'id' | 'en',
): Promise<{ warnings: Warning[]; closeDeadline: string }> {
  const activity = await loadSettings(db, tenantId);
  const closeDeadline = addDays(monthEnd(month), activity.verifyDaysAfterMonth);
  const warnings: Warning[] = [];
  const push = (
    code: string,
    severity: Warning['severity'],
    deadline: string | null,
    dates: string[],
    params: Record<string, string | number>,
  ) => warnings.push({ code, severity, message: t(locale, code, params), deadline, dates, params });
  if (line?.status === 'locked' || month > monthOf(today)) return { warnings, closeDeadline };
  if (!line) {
    push('TPP_WARN_NO_POSITION', 'danger', null, [], { month });
    return { warnings, closeDeadline };
  }
  // working days held so far (before today), not on leave, without any logged minutes
  const from = monthStart(month);
  const to = monthEnd(month);
  const lastDay = earlier(addDays(today, -1), to);
  const [holidays, leaves, days] = await Promise.all([
    db
      .selectFrom('work_calendar')
      .select('date')
      .where('tenant_id', '=', tenantId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute(),
    leavesBetween(db, tenantId, from, to, [employeeId]),
    db
      .selectFrom('rollup_person_day')
      .select(['date', 'minutes_logged'])
      .where('tenant_id', '=', tenantId)
      .where('employee_id', '=', employeeId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute(),
  ]);
  const holidaySet = new Set(holidays.map((h) => h.date));
  const logged = new Set(days.filter((d) => Number(d.minutes_logged) > 0).map((d) => d.date));
  const onLeave = (d: string) =>
    leaves.some(
      (l) =>
        l.start_date <= d &&
        d <= l.end_date &&
        (activity.leaveKindsReducingTime as string[]).includes(l.kind),
    );
  const missing: string[] = [];
  if (lastDay >= from) {
    for (const s of line.segments) {
      for (const d of datesBetween(s.from, earlier(s.to, lastDay))) {
        if (holidaySet.has(d) || !activity.workWeekdays.includes(isoWeekday(d))) continue;
        if (!onLeave(d) && !logged.has(d)) missing.push(d);
      }
    }
  }
  if (missing.length) {
    const open = missing.filter((d) => addDays(d, activity.backdateDays) >= today);
    if (open.length)
      push('TPP_WARN_NO_ACTIVITY', 'warn', addDays(open[0], activity.backdateDays), missing, {
        count: missing.length,
        open: open.length,
        deadline: addDays(open[0], activity.backdateDays),
      });
    else push('TPP_WARN_NO_ACTIVITY_CLOSED', 'danger', null, missing, { count: missing.length });
  }
  const pending = line.performance.pending;
  if (pending > 0)
    push('TPP_WARN_PENDING', 'warn', closeDeadline, [], { minutes: pending, deadline: closeDeadline });
  const tk = line.deductions.lines.filter((l) => l.code === 'TK').map((l) => l.date);
  if (tk.length)
    push('TPP_WARN_ABSENT', 'danger', closeDeadline, tk, { count: tk.length, deadline: closeDeadline });
  if (!line.deductions.recorded && lastDay >= from)
    push('TPP_WARN_ATTENDANCE_MISSING', 'warn', closeDeadline, [], { month, deadline: closeDeadline });
  if (line.deductions.appliedBp > 0)
    push('TPP_WARN_DEDUCTIONS', 'info', closeDeadline, [], {
      percent: new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'id-ID', {
        maximumFractionDigits: 2,
      }).format(line.deductions.appliedBp / 100),
      count: line.deductions.lines.length,
    });
  return { warnings, closeDeadline };
}

/** The account page of one employee's month: the line (or why there is none) and the open warnings. */
async function explain(ctx: RequestContext, employeeId: string, month: string | undefined) {
  const today = todayIn(ctx.actor.timeZone);
  const m = month ?? monthOf(today);
  if (m > monthOf(today)) throw badRequest('TPP_MONTH_FUTURE', { month: m });
  const line = await tppOfMonth(ctx.db, ctx.actor.tenantId, employeeId, m);
  const { warnings, closeDeadline } = await tppWarnings(
    ctx.db,
    ctx.actor.tenantId,
    employeeId,
    m,
    line,
    today,
    ctx.locale,
  );
  return { month: m, today, closeDeadline, line, warnings };
}

export async function myTpp(ctx: RequestContext, month: string | undefined) {
  if (!ctx.actor.employeeId) throw notFound();
  return explain(ctx, ctx.actor.employeeId, month);
}

export async function employeeTpp(ctx: RequestContext, employeeId: string, month: string | undefined) {
  const emp = await orgRepo.findEmployee(ctx.db, ctx.actor.tenantId, employeeId);
  if (!emp) throw notFound();
  tppLinePolicy.authorize(ctx.actor, 'read', { employeeId: emp.id }, 'read');
  const result = await explain(ctx, emp.id, month);
  return { ...result, employee: { id: emp.id, name: emp.name, nip: emp.nip } };
}

const BLOCK_LABELS = {
  id: {
    base: 'Basis TPP',
    kinerja: 'Komponen kinerja',
    disiplin: 'Komponen disiplin',
    potongan: 'Potongan disiplin',
  },
  en: {
    base: 'TPP base',
    kinerja: 'Performance component',
    disiplin: 'Discipline component',
    potongan: 'Discipline deductions',
  },
} as const;

/**
 * The TPP block of the performance account (src/modules/account): the month's line in four figures, BPJS as
 * the deduction from gross, and the reasons it may still be cut. Null when there is nothing to show.
 */
export async function accountBlock(
  ctx: RequestContext,
  subject: { tenantId: string; employeeId: string; month: string },
) {
  const today = todayIn(ctx.actor.timeZone);
  if (subject.month > monthOf(today)) return null;
  const line = await tppOfMonth(ctx.db, subject.tenantId, subject.employeeId, subject.month);
  const { warnings } = await tppWarnings(
    ctx.db,
    subject.tenantId,
    subject.employeeId,
    subject.month,
    line,
    today,
    ctx.locale,
  );
  const link =
    subject.employeeId === ctx.actor.employeeId
      ? `/tpp?bulan=${subject.month}`
      : `/tpp/pegawai/${subject.employeeId}?bulan=${subject.month}`;
  const cutReasons = warnings.map((w) => ({ code: w.code, message: w.message, deadline: w.deadline }));
  if (!line) {
    if (cutReasons.length === 0) return null;
    return {
      month: subject.month,
      status: 'estimate',
      gross: null,
      deductions: null,
      net: null,
      lines: [],
      cutReasons,
      link,
    };
  }
  const L = BLOCK_LABELS[ctx.locale];
  return {
    month: subject.month,
    status: line.status,
    gross: line.bruto,
    deductions: line.bpjs.amount,
    net: line.netto,
    lines: [
      { label: L.base, amount: line.base },
      { label: L.kinerja, amount: line.komponenKinerja },
      { label: L.disiplin, amount: line.disiplinMax },
      { label: L.potongan, amount: -line.potongan },
    ],
    cutReasons,
    link,
  };
}
