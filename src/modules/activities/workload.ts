/**
 * Workload (beban kerja) views, served from the rollups, the working calendar and leave only — never from
 * the raw activity log — and the staffing-need analysis (ABK, PermenPANRB 1/2020).
 */
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { hasRole } from '../../core/auth.ts';
import type { RequestContext } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { type Locale, t } from '../../core/i18n.ts';
import { todayIn } from '../../core/time.ts';
import { monthDeductions } from '../attendance/deductions.ts';
import * as orgRepo from '../org/repository.ts';
import { findAtasan } from '../org/service.ts';
import {
  type LeaveSpan,
  monthCalendar,
  monthEnd,
  monthOf,
  monthStart,
  monthsEndingWith,
} from './calendar.ts';
import { unitWorkloadPolicy, workloadPolicy } from './policy.ts';
import * as repo from './repository.ts';
import type { AbkQuery } from './schemas.ts';
import { type ActivitySettings, loadSettings } from './settings.ts';

const tenantOf = (ctx: RequestContext) => ctx.actor.tenantId;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

// ---------------- the gauge ----------------
export function ratioOf(approved: number, effective: number): number | null {
  return effective > 0 ? round(approved / effective, 4) : null;
}
/**
 * nilai aktivitas: approved minutes capped at batas max, as a share of the effective time (≤ 1).
 * batas max = waktu efektif − attendance shortfall (DESIGN §2.3); without attendance data it is the
 * effective time itself.
 */
export function nilaiAktivitas(approved: number, effective: number, shortfall = 0): number | null {
  return effective > 0 ? round(Math.min(approved, batasMax(effective, shortfall)) / effective, 4) : null;
}
export const batasMax = (effective: number, shortfall: number) => Math.max(0, effective - shortfall);
export function bandOf(ratio: number | null, s: ActivitySettings): 'under' | 'normal' | 'over' | null {
  if (ratio === null) return null;
  if (ratio < s.underThreshold) return 'under';
  if (ratio > s.overThreshold) return 'over';
  return 'normal';
}

async function loadEmployee(ctx: RequestContext, id: string) {
  const emp = await orgRepo.findEmployee(ctx.db, tenantOf(ctx), id);
  if (!emp) throw notFound();
  const atasan = emp.position_id ? await findAtasan(ctx, emp.position_id, emp.id) : null;
  workloadPolicy.authorize(ctx.actor, 'read', {
    employeeId: emp.id,
    unitPath: emp.unit_path,
    actorIsAtasan: !!ctx.actor.employeeId && atasan?.employeeId === ctx.actor.employeeId,
  });
  return emp;
}

export async function myWorkload(ctx: RequestContext, month: string | undefined) {
  if (!ctx.actor.employeeId) throw notFound();
  return employeeWorkload(ctx, ctx.actor.employeeId, month);
}

export async function employeeWorkload(ctx: RequestContext, employeeId: string, month: string | undefined) {
  const tenantId = tenantOf(ctx);
  const m = month ?? monthOf(todayIn(ctx.actor.timeZone));
  const history = monthsEndingWith(m, 6);
  const from = monthStart(history[0]);
  const to = monthEnd(m);
  // the figures are read alongside the access check (nothing leaves before it passes): one wait, not two
  const [emp, s, holidays, leaves, months, days, attendance] = await Promise.all([
    loadEmployee(ctx, employeeId),
    loadSettings(ctx.db, tenantId),
    repo.holidaysBetween(ctx.db, tenantId, from, to),
    repo.leavesBetween(ctx.db, tenantId, from, to, [employeeId]),
    repo.personMonths(ctx.db, tenantId, [employeeId], history),
    repo.personDays(ctx.db, tenantId, employeeId, monthStart(m), to),
    monthDeductions(ctx.db, tenantId, m, [employeeId]),
  ]);
  const byMonth = new Map(months.map((r) => [r.month, r]));
  const byDay = new Map(days.map((r) => [r.date, r]));
  const calendar = monthCalendar(m, holidays, leaves, s);
  const current = byMonth.get(m);
  const approved = Number(current?.minutes_approved ?? 0);
  const ratio = ratioOf(approved, calendar.effectiveMinutes);
  // attendance shortfall (late + early minutes + absent days × minutes per day), only with attendance data
  const att = attendance.get(emp.id);
  const shortfall = att ? att.shortfallMinutes : null;
  const absentDays = new Set(att?.lines.filter((l) => l.code === 'TK').map((l) => l.date));
  return {
    month: m,
    employee: {
      id: emp.id,
      name: emp.name,
      nip: emp.nip,
      positionName: emp.position_name,
      unitName: emp.unit_name,
    },
    workingDays: calendar.workingDays,
    leaveDays: calendar.leaveDays,
    effectiveMinutes: calendar.effectiveMinutes,
    approvedMinutes: approved,
    pendingMinutes: Number(current?.minutes_pending ?? 0),
    rejectedMinutes: Number(current?.minutes_rejected ?? 0),
    ratioUncapped: ratio,
    attendanceShortfallMinutes: shortfall,
    batasMaxMinutes: batasMax(calendar.effectiveMinutes, shortfall ?? 0),
    nilaiAktivitas: nilaiAktivitas(approved, calendar.effectiveMinutes, shortfall ?? 0),
    band: bandOf(ratio, s),
    thresholds: { under: s.underThreshold, over: s.overThreshold },
    days: calendar.days.map((d) => {
      const r = byDay.get(d.date);
      return {
        ...d,
        logged: Number(r?.minutes_logged ?? 0),
        approved: Number(r?.minutes_approved ?? 0),
        pending: Number(r?.minutes_pending ?? 0),
        // minutes logged on a working day the attendance data shows no tap and no leave: flagged to the atasan
        noAttendance: absentDays.has(d.date) && Number(r?.minutes_logged ?? 0) > 0,
      };
    }),
    history: history.map((hm) => {
      const effective = monthCalendar(hm, holidays, leaves, s).effectiveMinutes;
      const a = Number(byMonth.get(hm)?.minutes_approved ?? 0);
      return { month: hm, approvedMinutes: a, effectiveMinutes: effective, ratio: ratioOf(a, effective) };
    }),
  };
}

// ---------------- unit and city distribution ----------------
const BUCKETS = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5];
/** Distribution bucket of a ratio: [0, 25%), [25%, 50%) … [125%, 150%], then everything above 150%. */
export function bucketOf(ratio: number): number {
  const last = BUCKETS.length - 1;
  if (ratio > BUCKETS[last]) return last;
  return Math.min(
    BUCKETS.findLastIndex((b) => ratio >= b),
    last - 1,
  );
}
const bucketLabel = (i: number) =>
  i === BUCKETS.length - 1 ? `>${BUCKETS[i] * 100}%` : `${BUCKETS[i] * 100}–${BUCKETS[i + 1] * 100}%`;

interface PersonLoad {
  employeeId: string;
  name: string;
  nip: string;
  positionName: string | null;
  unitName: string;
  unitPath: string;
  entries: number;
  approvedMinutes: number;
  pendingMinutes: number;
  effectiveMinutes: number;
  ratio: number | null;
}

async function peopleLoads(ctx: RequestContext, month: string, unitPath: string | null, s: ActivitySettings) {
  const tenantId = tenantOf(ctx);
  const [people, holidays, leaves] = await Promise.all([
    repo.peopleWithMonth(ctx.db, tenantId, month, unitPath),
    repo.holidaysBetween(ctx.db, tenantId, monthStart(month), monthEnd(month)),
    repo.leavesBetween(ctx.db, tenantId, monthStart(month), monthEnd(month)),
  ]);
  const base = monthCalendar(month, holidays, [], s);
  const leavesOf = new Map<string, LeaveSpan[]>();
  for (const l of leaves) leavesOf.set(l.employee_id, [...(leavesOf.get(l.employee_id) ?? []), l]);
  const loads: PersonLoad[] = people.map((p) => {
    const own = leavesOf.get(p.id);
    const effective = own ? monthCalendar(month, holidays, own, s).effectiveMinutes : base.effectiveMinutes;
    const approved = Number(p.minutes_approved ?? 0);
    return {
      employeeId: p.id,
      name: p.name,
      nip: p.nip,
      positionName: p.position_name,
      unitName: p.unit_name,
      unitPath: p.unit_path,
      entries: Number(p.entries ?? 0),
      approvedMinutes: approved,
      pendingMinutes: Number(p.minutes_pending ?? 0),
      effectiveMinutes: effective,
      ratio: ratioOf(approved, effective),
    };
  });
  return { loads, workingDays: base.workingDays };
}

interface Group {
  unitId: string;
  name: string;
  path: string;
  /** only people directly in this unit, not its subtree */
  exact?: boolean;
}

function distribution(
  month: string,
  unit: { id: string; name: string },
  loads: PersonLoad[],
  workingDays: number,
  groups: Group[],
  s: ActivitySettings,
  rollup?: Map<string, { entries: number; approved: number; pending: number; people: number }>,
) {
  const measured = loads.filter((p) => p.ratio !== null) as (PersonLoad & { ratio: number })[];
  const buckets = BUCKETS.map((from, i) => ({
    label: bucketLabel(i),
    from,
    to: i === BUCKETS.length - 1 ? null : BUCKETS[i + 1],
    count: 0,
  }));
  for (const p of measured) buckets[bucketOf(p.ratio)].count += 1;
  const bands = { under: 0, normal: 0, over: 0 };
  for (const p of measured) bands[bandOf(p.ratio, s) as keyof typeof bands] += 1;
  const view = (p: PersonLoad & { ratio: number }) => ({
    employeeId: p.employeeId,
    name: p.name,
    nip: p.nip,
    positionName: p.positionName,
    unitName: p.unitName,
    approvedMinutes: p.approvedMinutes,
    effectiveMinutes: p.effectiveMinutes,
    ratio: p.ratio,
  });
  const sum = (list: PersonLoad[], f: (p: PersonLoad) => number) => list.reduce((a, p) => a + f(p), 0);
  const approved = sum(loads, (p) => p.approvedMinutes);
  const effective = sum(loads, (p) => p.effectiveMinutes);
  return {
    month,
    unit,
    workingDays,
    people: loads.length,
    withoutEffectiveTime: loads.length - measured.length,
    approvedMinutes: approved,
    effectiveMinutes: effective,
    ratio: ratioOf(approved, effective),
    thresholds: { under: s.underThreshold, over: s.overThreshold },
    buckets,
    bands,
    overloaded: measured
      .filter((p) => p.ratio > s.overThreshold)
      .sort((a, b) => b.ratio - a.ratio)
      .slice(0, 50)
      .map(view),
    underloaded: measured
      .filter((p) => p.ratio < s.underThreshold)
      .sort((a, b) => a.ratio - b.ratio)
      .slice(0, 50)
      .map(view),
    rows: groups
      .map((g) => {
        const members = loads.filter((p) =>
          g.exact ? p.unitPath === g.path : p.unitPath.startsWith(g.path),
        );
        const fromRollup = rollup?.get(g.unitId);
        const groupApproved = fromRollup ? fromRollup.approved : sum(members, (p) => p.approvedMinutes);
        const groupEffective = sum(members, (p) => p.effectiveMinutes);
        const b = { under: 0, normal: 0, over: 0 };
        for (const p of members) {
          const band = bandOf(p.ratio, s);
          if (band) b[band] += 1;
        }
        return {
          unitId: g.unitId,
          name: g.name,
          people: members.length,
          loggingPeople: fromRollup ? fromRollup.people : members.filter((p) => p.entries > 0).length,
          entries: fromRollup ? fromRollup.entries : sum(members, (p) => p.entries),
          approvedMinutes: groupApproved,
          pendingMinutes: fromRollup ? fromRollup.pending : sum(members, (p) => p.pendingMinutes),
          effectiveMinutes: groupEffective,
          ratio: ratioOf(groupApproved, groupEffective),
          ...b,
        };
      })
      .filter((r) => r.people > 0 || r.entries > 0),
  };
}

function resolveMonth(ctx: RequestContext, month: string | undefined) {
  return month ?? monthOf(todayIn(ctx.actor.timeZone));
}

export async function unitWorkload(ctx: RequestContext, unitId: string, month: string | undefined) {
  const tenantId = tenantOf(ctx);
  const unit = await orgRepo.findUnit(ctx.db, tenantId, unitId);
  if (!unit) throw notFound();
  unitWorkloadPolicy.authorize(ctx.actor, 'readUnit', { unitPath: unit.path });
  const s = await loadSettings(ctx.db, tenantId);
  const m = resolveMonth(ctx, month);
  const { loads, workingDays } = await peopleLoads(ctx, m, unit.path, s);
  const children = await repo.childUnits(ctx.db, tenantId, unit.id);
  const groups: Group[] = [
    { unitId: unit.id, name: unit.name, path: unit.path, exact: true },
    ...children.map((c) => ({ unitId: c.id, name: c.name, path: c.path })),
  ];
  return distribution(m, { id: unit.id, name: unit.name }, loads, workingDays, groups, s);
}

export async function cityWorkload(ctx: RequestContext, month: string | undefined) {
  unitWorkloadPolicy.authorize(ctx.actor, 'readCity', null);
  const tenantId = tenantOf(ctx);
  const root = await repo.rootUnit(ctx.db, tenantId);
  if (!root) throw notFound();
  const s = await loadSettings(ctx.db, tenantId);
  const m = resolveMonth(ctx, month);
  const [{ loads, workingDays }, opds, rollup] = await Promise.all([
    peopleLoads(ctx, m, null, s),
    repo.childUnits(ctx.db, tenantId, root.id),
    repo.opdMonths(ctx.db, tenantId, m),
  ]);
  const byOpd = new Map(
    rollup.map((r) => [
      r.opd_id,
      {
        entries: Number(r.entries),
        approved: Number(r.minutes_approved),
        pending: Number(r.minutes_pending),
        people: Number(r.people),
      },
    ]),
  );
  const groups: Group[] = [
    { unitId: root.id, name: root.name, path: root.path, exact: true },
    ...opds.map((o) => ({ unitId: o.id, name: o.name, path: o.path })),
  ];
  return distribution(m, { id: root.id, name: root.name }, loads, workingDays, groups, s, byOpd);
}

// ---------------- ABK ----------------
export type PjClass = 'A' | 'B' | 'C' | 'D' | 'E';
export const PJ_LABELS: Record<PjClass, string> = {
  A: 'Sangat Baik',
  B: 'Baik',
  C: 'Cukup',
  D: 'Sedang',
  E: 'Kurang',
};

/** Prestasi kerja jabatan from efisiensi jabatan (rounded to 2 decimals): A > 1,00 … E < 0,50. */
export function pjClass(ej: number): PjClass {
  if (ej > 1) return 'A';
  if (ej >= 0.9) return 'B';
  if (ej >= 0.7) return 'C';
  if (ej >= 0.5) return 'D';
  return 'E';
}

/** One Form D line: kebutuhan = beban ÷ WKE; selisih = holders − kebutuhan; EJ = beban ÷ (holders × WKE). */
export function abkFigures(beban: number, pns: number, pppk: number, wke: number, locale: Locale) {
  const holders = pns + pppk;
  const kebutuhan = round(beban / wke, 2);
  const selisih = round(holders - kebutuhan, 2);
  const ej = holders > 0 ? round(beban / (holders * wke), 2) : null;
  const pj = ej === null ? null : pjClass(ej);
  const n = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: 2 }).format(
    Math.abs(selisih),
  );
  return {
    bebanKerja: Math.round(beban),
    kebutuhan,
    pns,
    pppk,
    holders,
    selisih,
    selisihLabel: t(locale, selisih < 0 ? 'ABK_SHORT' : selisih > 0 ? 'ABK_EXCESS' : 'ABK_BALANCED', { n }),
    ej,
    pj,
    pjLabel: pj ? PJ_LABELS[pj] : null,
  };
}

/**
 * The months whose approved minutes are annualised: months of the year that have logged activity in the
 * city and have ended (the current month too, when nothing else has data yet).
 */
function countedMonths(withData: string[], year: number, currentMonth: string) {
  const closed = withData.filter((m) => m < currentMonth || Number(currentMonth.slice(0, 4)) > year);
  return closed.length ? closed : withData.filter((m) => m <= currentMonth);
}

async function abkScope(ctx: RequestContext, unitId: string | undefined) {
  const tenantId = tenantOf(ctx);
  if (unitId) {
    const unit = await orgRepo.findUnit(ctx.db, tenantId, unitId);
    if (!unit) throw notFound();
    unitWorkloadPolicy.authorize(ctx.actor, 'readUnit', { unitPath: unit.path });
    return unit;
  }
  if (unitWorkloadPolicy.can(ctx.actor, 'readCity', null)) {
    const root = await repo.rootUnit(ctx.db, tenantId);
    if (!root) throw notFound();
    return root;
  }
  const own = ctx.actor.roles.find((g) => g.role === 'admin_opd' && g.unitId);
  if (!own?.unitId || !hasRole(ctx.actor, 'admin_opd')) throw forbidden();
  const unit = await orgRepo.findUnit(ctx.db, tenantId, own.unitId);
  if (!unit) throw notFound();
  return unit;
}

export async function abk(ctx: RequestContext, q: z.infer<typeof AbkQuery>) {
  const unit = await abkScope(ctx, q.unitId);
  const tenantId = tenantOf(ctx);
  const s = await loadSettings(ctx.db, tenantId);
  const currentMonth = monthOf(todayIn(ctx.actor.timeZone));
  const year = q.year ?? Number(currentMonth.slice(0, 4));
  const months = countedMonths(await repo.monthsWithData(ctx.db, tenantId, year), year, currentMonth);
  const [positions, approved] = await Promise.all([
    repo.positionsWithHolders(ctx.db, tenantId, unit.path),
    repo.approvedByEmployee(ctx.db, tenantId, unit.path, months),
  ]);
  const minutesOf = new Map(approved.map((a) => [a.employee_id, Number(a.approved)]));
  const annualise = (minutes: number) => (months.length ? (minutes * 12) / months.length : 0);
  interface Line {
    unitId: string;
    unitName: string;
    jabatan: string;
    kind: string;
    positions: number;
    pns: number;
    pppk: number;
    minutes: number;
  }
  const lines = new Map<string, Line>();
  for (const p of positions) {
    const key = `${p.unit_id}|${p.name}`;
    const line = lines.get(key) ?? {
      unitId: p.unit_id,
      unitName: p.unit_name,
      jabatan: p.name,
      kind: p.kind,
      positions: 0,
      pns: 0,
      pppk: 0,
      minutes: 0,
    };
    line.positions += 1;
    if (p.employee_id) {
      if (p.asn_type === 'PPPK') line.pppk += 1;
      else line.pns += 1;
      line.minutes += minutesOf.get(p.employee_id) ?? 0;
    }
    lines.set(key, line);
  }
  const units = new Map<string, { unitId: string; unitName: string; lines: Line[] }>();
  for (const line of lines.values()) {
    const u = units.get(line.unitId) ?? { unitId: line.unitId, unitName: line.unitName, lines: [] };
    u.lines.push(line);
    units.set(line.unitId, u);
  }
  const figures = (list: Line[]) =>
    abkFigures(
      annualise(list.reduce((a, l) => a + l.minutes, 0)),
      list.reduce((a, l) => a + l.pns, 0),
      list.reduce((a, l) => a + l.pppk, 0),
      s.wkeMinutesPerYear,
      ctx.locale,
    );
  return {
    year,
    unit: { id: unit.id, name: unit.name },
    months,
    wkeMinutes: s.wkeMinutesPerYear,
    units: [...units.values()].map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      rows: u.lines.map((l) => ({
        jabatan: l.jabatan,
        kind: l.kind,
        positions: l.positions,
        ...figures([l]),
      })),
      total: figures(u.lines),
    })),
    total: figures([...lines.values()]),
  };
}

/** The ABK as the usual "Form D" spreadsheet: one block per unit with its total, then the grand total. */
export async function abkWorkbook(ctx: RequestContext, q: z.infer<typeof AbkQuery>): Promise<Buffer> {
  const data = await abk(ctx, q);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Form D');
  sheet.addRow(['FORMULIR D — REKAPITULASI ANALISIS BEBAN KERJA JABATAN']).font = { bold: true, size: 13 };
  sheet.addRow([`Unit kerja: ${data.unit.name}`]);
  sheet.addRow([
    `Tahun ${data.year}; volume dari aktivitas yang disetujui (${data.months.join(', ') || '-'}), disetahunkan; WKE ${data.wkeMinutes.toLocaleString('id-ID')} menit/tahun`,
  ]);
  sheet.addRow([]);
  const header = sheet.addRow([
    'No',
    'Jabatan',
    'Beban Kerja (menit/tahun)',
    'Kebutuhan Pegawai',
    'ASN (PNS)',
    'PPPK',
    'Jumlah',
    '+/−',
    'Keterangan',
    'EJ',
    'PJ',
  ]);
  header.font = { bold: true };
  sheet.columns = [8, 52, 16, 12, 10, 8, 8, 8, 16, 8, 16].map((width) => ({ width }));
  const line = (no: number | string, label: string, f: ReturnType<typeof abkFigures>) =>
    sheet.addRow([
      no,
      label,
      f.bebanKerja,
      f.kebutuhan,
      f.pns,
      f.pppk,
      f.holders,
      f.selisih,
      f.selisihLabel,
      f.ej,
      f.pj ? `${f.pj} (${f.pjLabel})` : '-',
    ]);
  let no = 0;
  for (const u of data.units) {
    sheet.addRow(['', u.unitName]).font = { bold: true };
    for (const r of u.rows) line(++no, r.jabatan, r);
    line('', `Jumlah ${u.unitName}`, u.total).font = { italic: true };
  }
  line('', 'JUMLAH SELURUHNYA', data.total).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
