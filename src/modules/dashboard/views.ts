/**
 * The figures of one scope (the city, an OPD or a unit) computed from the model in memory. Definitions
 * (docs/api-dashboard.md has them in prose):
 *
 * - "now" figures use today in the city's time zone: activities today, the verification backlog (pending
 *   minutes of months whose verification window is still open), inactivity and the SKP of this year's period;
 * - month figures use the requested month: activities logged, workload (approved ÷ effective minutes, as the
 *   workload pages compute it), its distribution, over-loaded people and TPP;
 * - series (trend, heatmap) count the work where it was done (unit-month rollups) against the effective time of
 *   the people in the scope today.
 *
 * People are the active employees whose unit lies in the scope's subtree.
 */
import { monthsEndingWith } from '../activities/calendar.ts';
import { bandOf, ratioOf } from '../activities/workload.ts';
import { PREDIKATS, type Predikat } from '../evaluation/predikat.ts';
import { meanCapaian } from '../skp/capaian.ts';
import type { GoalInfo, Person, TenantModel, UnitNode } from './model.ts';

const BUCKET_EDGES = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5];
const bucketLabel = (i: number) =>
  i === BUCKET_EDGES.length - 1
    ? `>${BUCKET_EDGES[i] * 100}%`
    : `${BUCKET_EDGES[i] * 100}–${BUCKET_EDGES[i + 1] * 100}%`;
const share = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

export type Level = 'city' | 'opd' | 'unit';
export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

interface Acc {
  people: number;
  skpApproved: number;
  activitiesToday: number;
  loggingToday: number;
  activitiesMonth: number;
  loggingMonth: number;
  backlogMinutes: number;
  backlogPeople: number;
  approvedMinutes: number;
  effectiveMinutes: number;
  under: number;
  normal: number;
  over: number;
  inactive: number;
  evaluated: number;
  good: number;
  tppTotal: number;
  tppPeople: number;
}
const acc = (): Acc => ({
  people: 0,
  skpApproved: 0,
  activitiesToday: 0,
  loggingToday: 0,
  activitiesMonth: 0,
  loggingMonth: 0,
  backlogMinutes: 0,
  backlogPeople: 0,
  approvedMinutes: 0,
  effectiveMinutes: 0,
  under: 0,
  normal: 0,
  over: 0,
  inactive: 0,
  evaluated: 0,
  good: 0,
  tppTotal: 0,
  tppPeople: 0,
});

type Band = 'under' | 'normal' | 'over';

function bump(
  a: Acc,
  p: Person,
  entries: number,
  approved: number,
  effective: number,
  band: Band | null,
  backlog: number,
  idle: boolean,
  grade: Predikat | undefined,
  pay: number | undefined,
) {
  a.people += 1;
  if (p.skpApproved) a.skpApproved += 1;
  a.activitiesToday += p.todayEntries;
  if (p.todayEntries > 0) a.loggingToday += 1;
  a.activitiesMonth += entries;
  if (entries > 0) a.loggingMonth += 1;
  a.backlogMinutes += backlog;
  if (backlog > 0) a.backlogPeople += 1;
  a.approvedMinutes += approved;
  a.effectiveMinutes += effective;
  if (band === 'under') a.under += 1;
  else if (band === 'normal') a.normal += 1;
  else if (band === 'over') a.over += 1;
  if (idle) a.inactive += 1;
  if (grade) {
    a.evaluated += 1;
    if (grade === 'sangat_baik' || grade === 'baik') a.good += 1;
  }
  if (pay !== undefined) {
    a.tppTotal += pay;
    a.tppPeople += 1;
  }
}

/** The histogram bucket of a ratio, as `bucketOf` of the workload pages (checked in views.test.ts). */
export function bucketIndex(ratio: number): number {
  if (ratio > 1.5) return 6;
  if (ratio >= 1.25) return 5;
  if (ratio >= 1) return 4;
  if (ratio >= 0.75) return 3;
  if (ratio >= 0.5) return 2;
  if (ratio >= 0.25) return 1;
  return 0;
}

export function levelOf(model: TenantModel, unit: UnitNode): Level {
  if (unit === model.root) return 'city';
  return unit.depth - model.root.depth === 1 ? 'opd' : 'unit';
}

function breadcrumbs(model: TenantModel, unit: UnitNode) {
  const chain: UnitNode[] = [];
  for (let u: UnitNode | undefined = unit; u; u = u.parentId ? model.units.get(u.parentId) : undefined)
    chain.unshift(u);
  return chain.map((u) => ({ id: u.id, name: u.name, level: levelOf(model, u) }));
}

function goalStatus(progress: number | null, model: TenantModel): GoalStatus {
  if (progress === null) return 'no_data';
  if (progress >= model.dash.goalOnTrack) return 'on_track';
  if (progress >= model.dash.goalOffTrack) return 'at_risk';
  return 'off_track';
}

/** Goals of the scope: every goal for the city; for an OPD or a unit, the goals its OPD's RHKs cite. */
function scopedGoals(model: TenantModel, unit: UnitNode) {
  const opd = unit === model.root ? null : model.units.get(unit.opdId ?? unit.id);
  const within = (path: string) => opd === null || (opd !== undefined && path.startsWith(opd.path));
  return model.goals
    .map((g: GoalInfo) => {
      const rhks = g.rhks.filter((r) => within(r.unitPath));
      const progress = meanCapaian(rhks.map((r) => r.capaian));
      const quarters = rhks.map((r) => r.quarter ?? 0).filter((q) => q > 0);
      return {
        id: g.id,
        code: g.code,
        title: g.title,
        status: g.status,
        progress,
        progressStatus: goalStatus(progress, model),
        quarter: quarters.length ? Math.max(...quarters) : null,
        indicators: g.indicators,
        contributors: rhks.map((r) => ({
          employeeId: r.employeeId,
          name: r.employeeName,
          nip: r.employeeNip,
          unitName: r.unitName,
          rhkText: r.text,
          capaian: r.capaian,
          quarter: r.quarter,
        })),
      };
    })
    .filter((g) => opd === null || g.contributors.length > 0);
}

export interface ViewOptions {
  /** list people (unit level and below); default: for units below OPD level */
  people?: boolean;
  /** longest warning lists; default from the tenant settings */
  listLimit?: number;
  /** longest people list; default 1,000 */
  peopleLimit?: number;
}

export function computeView(model: TenantModel, unit: UnitNode, month: string, options: ViewOptions = {}) {
  const s = model.settings;
  const limit = options.listLimit ?? model.dash.listLimit;
  const level = levelOf(model, unit);
  const info = model.monthInfo(month);
  const pm = model.personMonths.get(month) ?? model.newPersonSlice();
  const backlogMonths = model.backlogMonths();
  const backlogSlices = backlogMonths.flatMap((m) => {
    const slice = model.personMonths.get(m);
    return slice ? [slice.pending] : [];
  });
  const entriesOf = pm.entries;
  const approvedOf = pm.approved;
  const effectiveOf = info.effective;
  const inactiveDays = model.workingDaysBefore(model.dash.inactiveWorkingDays);
  const cutoff = inactiveDays.length ? inactiveDays[inactiveDays.length - 1] : model.today;
  const predikat = model.predikat;
  const tpp = model.tpp.get(month) ?? null;

  // rows: the scope's children (subtrees), and the people placed directly in the scope's own unit
  const childUnits = unit.children.filter(
    (c) => c.active || model.subtree(c).some((u) => model.peopleOfUnit(u.id).length > 0),
  );
  const rowOfUnit = new Map<string, number>();
  const rows = childUnits.map((c, i) => {
    for (const u of model.subtree(c)) rowOfUnit.set(u.id, i);
    return { unit: c, direct: false, acc: acc() };
  });
  const directRow = { unit, direct: true, acc: acc() };
  rowOfUnit.set(unit.id, rows.length);
  rows.push(directRow);

  const total = acc();
  const buckets = BUCKET_EDGES.map(() => 0);
  const predikatCounts = new Map<Predikat, number>(PREDIKATS.map((p) => [p, 0]));
  const inactive: { p: Person }[] = [];
  const overloaded: { p: Person; ratio: number; approved: number; effective: number }[] = [];
  const backlogBySupervisor = new Map<string, { minutes: number; staff: number }>();
  const peopleRows: ReturnType<typeof personRow>[] = [];
  const wantPeople = options.people ?? level === 'unit';
  const people = model.peopleIn(unit);
  const unitName = (id: string) => model.units.get(id)?.name ?? '';

  function personRow(
    p: Person,
    x: { ratio: number | null; approved: number; effective: number; backlog: number; idle: boolean },
  ) {
    return {
      employeeId: p.id,
      name: p.name,
      nip: p.nip,
      positionName: p.positionName,
      unitName: unitName(p.unitId),
      ratio: x.ratio,
      band: bandOf(x.ratio, s),
      approvedMinutes: x.approved,
      effectiveMinutes: x.effective,
      todayEntries: p.todayEntries,
      backlogMinutes: x.backlog,
      lastActive: p.lastActive,
      inactive: x.idle,
      skpStatus: p.skpStatus,
      skpApproved: p.skpApproved,
      ...(predikat ? { predikat: predikat.byEmployee.get(p.id) ?? null } : {}),
      ...(tpp ? { tpp: tpp.byEmployee.get(p.id) ?? null } : {}),
    };
  }

  // one tight pass over the people of the scope (35,000 for a large city): no allocation per person
  const under = s.underThreshold;
  const over = s.overThreshold;
  const directIndex = rows.length - 1;
  const hasDays = inactiveDays.length > 0;
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    const row = rows[rowOfUnit.get(p.unitId) ?? directIndex];
    const slot = p.slot;
    const entries = entriesOf[slot];
    const approved = approvedOf[slot];
    const effective = effectiveOf[slot];
    const ratio = ratioOf(approved, effective);
    const band: Band | null =
      ratio === null ? null : ratio < under ? 'under' : ratio > over ? 'over' : 'normal';
    let backlog = 0;
    for (let k = 0; k < backlogSlices.length; k++) backlog += backlogSlices[k][slot];
    const idle =
      hasDays &&
      (p.lastActive === null || p.lastActive < cutoff) &&
      !(model.leaves.has(p.id) && inactiveDays.some((d) => model.onLeave(p.id, d)));
    const grade = predikat ? predikat.byEmployee.get(p.id) : undefined;
    const pay = tpp ? tpp.byEmployee.get(p.id) : undefined;
    bump(total, p, entries, approved, effective, band, backlog, idle, grade, pay);
    bump(row.acc, p, entries, approved, effective, band, backlog, idle, grade, pay);
    if (ratio !== null) buckets[bucketIndex(ratio)] += 1;
    if (grade) predikatCounts.set(grade, (predikatCounts.get(grade) ?? 0) + 1);
    if (idle) inactive.push({ p });
    if (ratio !== null && ratio > s.overThreshold) overloaded.push({ p, ratio, approved, effective });
    if (backlog > 0 && p.atasanId) {
      const b = backlogBySupervisor.get(p.atasanId) ?? { minutes: 0, staff: 0 };
      b.minutes += backlog;
      b.staff += 1;
      backlogBySupervisor.set(p.atasanId, b);
    }
    if (wantPeople) peopleRows.push(personRow(p, { ratio, approved, effective, backlog, idle }));
  }

  // ----- series: work where it was done, against the effective time of today's people -----
  const months = monthsEndingWith(month, 12);
  const scopeUnits = model.subtree(unit);
  const unitRow = scopeUnits.map((u) => rowOfUnit.get(u.id) ?? rows.length - 1);
  const seriesRows = rows.map(() => months.map(() => ({ entries: 0, approved: 0, effective: 0 })));
  const headcount = rows.map((r) => r.acc.people);
  months.forEach((m, mi) => {
    const slice = model.unitMonths.get(m);
    const mInfo = model.monthInfo(m);
    rows.forEach((_, ri) => {
      seriesRows[ri][mi].effective = headcount[ri] * mInfo.base;
    });
    for (const [employeeId, reduced] of mInfo.reduced) {
      const p = model.people.get(employeeId);
      if (!p) continue;
      const ri = rowOfUnit.get(p.unitId);
      if (ri === undefined) continue;
      seriesRows[ri][mi].effective -= mInfo.base - reduced;
    }
    if (!slice) return;
    for (let k = 0; k < scopeUnits.length; k++) {
      const slot = scopeUnits[k].slot;
      const entries = slice.entries[slot];
      const approved = slice.approved[slot];
      if (entries === 0 && approved === 0) continue;
      const cell = seriesRows[unitRow[k]][mi];
      cell.entries += entries;
      cell.approved += approved;
    }
  });
  const trend = months.map((m, mi) => {
    let entries = 0;
    let approved = 0;
    let effective = 0;
    for (const r of seriesRows) {
      entries += r[mi].entries;
      approved += r[mi].approved;
      effective += r[mi].effective;
    }
    return {
      month: m,
      entries,
      approvedMinutes: approved,
      effectiveMinutes: effective,
      ratio: ratioOf(approved, effective),
    };
  });

  const keep = (r: (typeof rows)[number], i: number) =>
    !r.direct || r.acc.people > 0 || seriesRows[i].some((c) => c.entries > 0);
  const ranking = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r, i }) => keep(r, i))
    .map(({ r }) => ({
      unitId: r.unit.id,
      name: r.unit.name,
      code: r.unit.code,
      direct: r.direct,
      ...figures(r.acc),
    }));

  const supervisors = [...backlogBySupervisor.entries()]
    .filter(([, b]) => b.minutes >= model.dash.backlogMinutes)
    .map(([id, b]) => ({ id, ...b, p: model.people.get(id) }))
    .sort((a, b) => b.minutes - a.minutes || a.id.localeCompare(b.id));
  const goals = scopedGoals(model, unit);
  const offTrack = goals.filter((g) => g.progressStatus === 'off_track');
  const ref = (p: Person) => ({
    employeeId: p.id,
    name: p.name,
    nip: p.nip,
    positionName: p.positionName,
    unitName: unitName(p.unitId),
  });
  inactive.sort(
    (a, b) =>
      (a.p.lastActive ?? '').localeCompare(b.p.lastActive ?? '') ||
      a.p.name.localeCompare(b.p.name) ||
      a.p.id.localeCompare(b.p.id),
  );
  overloaded.sort((a, b) => b.ratio - a.ratio || a.p.id.localeCompare(b.p.id));
  peopleRows.sort((a, b) => a.name.localeCompare(b.name) || a.employeeId.localeCompare(b.employeeId));
  const measured = buckets.reduce((a, b) => a + b, 0);

  return {
    scope: {
      level,
      unit: { id: unit.id, name: unit.name, code: unit.code, type: unit.type },
      breadcrumbs: breadcrumbs(model, unit),
      childLevel: (level === 'city' ? 'opd' : 'unit') as 'opd' | 'unit',
    },
    month,
    today: model.today,
    currentMonth: model.currentMonth,
    asOf: new Date(model.updatedAt).toISOString(),
    version: model.version,
    period: model.period,
    workingDays: info.workingDays,
    thresholds: {
      under: s.underThreshold,
      over: s.overThreshold,
      inactiveWorkingDays: model.dash.inactiveWorkingDays,
      backlogMinutes: model.dash.backlogMinutes,
      goalOnTrack: model.dash.goalOnTrack,
      goalOffTrack: model.dash.goalOffTrack,
    },
    backlogMonths,
    headline: figures(total),
    ranking,
    histogram: {
      buckets: buckets.map((count, i) => ({
        label: bucketLabel(i),
        from: BUCKET_EDGES[i],
        to: i === BUCKET_EDGES.length - 1 ? null : BUCKET_EDGES[i + 1],
        count,
      })),
      measured,
      withoutEffectiveTime: total.people - measured,
      bands: { under: total.under, normal: total.normal, over: total.over },
    },
    ...(predikat
      ? {
          predikat: {
            year: predikat.year,
            kind: predikat.kind,
            evaluated: total.evaluated,
            counts: PREDIKATS.map((p) => ({
              predikat: p,
              count: predikatCounts.get(p) ?? 0,
              share: share(predikatCounts.get(p) ?? 0, total.evaluated),
            })),
            curve: predikat.curve,
          },
        }
      : {}),
    ...(tpp ? { tpp: { month: tpp.month, status: tpp.status } } : {}),
    goals,
    trend,
    heatmap: {
      months,
      rows: rows
        .map((r, i) => ({ r, i }))
        .filter(({ r, i }) => keep(r, i))
        .map(({ r, i }) => ({
          unitId: r.unit.id,
          name: r.unit.name,
          direct: r.direct,
          ratios: seriesRows[i].map((c) => ratioOf(c.approved, c.effective)),
          entries: seriesRows[i].map((c) => c.entries),
        })),
    },
    warnings: {
      inactive: {
        count: inactive.length,
        days: inactiveDays,
        items: inactive.slice(0, limit).map(({ p }) => ({ ...ref(p), lastActive: p.lastActive })),
      },
      overloaded: {
        count: overloaded.length,
        items: overloaded.slice(0, limit).map((o) => ({
          ...ref(o.p),
          ratio: o.ratio,
          approvedMinutes: o.approved,
          effectiveMinutes: o.effective,
        })),
      },
      backlog: {
        count: supervisors.length,
        items: supervisors.slice(0, limit).map((b) => ({
          ...(b.p ? ref(b.p) : { employeeId: b.id, name: '', nip: '', positionName: null, unitName: '' }),
          pendingMinutes: b.minutes,
          staffWithPending: b.staff,
        })),
      },
      goalsOffTrack: {
        count: offTrack.length,
        items: offTrack.map((g) => ({
          goalId: g.id,
          code: g.code,
          title: g.title,
          progress: g.progress,
          people: g.contributors.map((c) => ({
            employeeId: c.employeeId,
            name: c.name,
            nip: c.nip,
            unitName: c.unitName,
            capaian: c.capaian,
          })),
        })),
      },
    },
    ...(wantPeople
      ? { people: { total: peopleRows.length, items: peopleRows.slice(0, options.peopleLimit ?? 1000) } }
      : {}),
  };

  function figures(a: Acc) {
    return {
      people: a.people,
      skpApproved: a.skpApproved,
      skpShare: share(a.skpApproved, a.people),
      activitiesToday: a.activitiesToday,
      loggingToday: a.loggingToday,
      activitiesMonth: a.activitiesMonth,
      loggingMonth: a.loggingMonth,
      backlogMinutes: a.backlogMinutes,
      backlogPeople: a.backlogPeople,
      approvedMinutes: a.approvedMinutes,
      effectiveMinutes: a.effectiveMinutes,
      avgWorkload: ratioOf(a.approvedMinutes, a.effectiveMinutes),
      under: a.under,
      normal: a.normal,
      over: a.over,
      inactive: a.inactive,
      ...(predikat ? { evaluated: a.evaluated, predikatGoodShare: share(a.good, a.evaluated) } : {}),
      ...(tpp ? { tppTotal: a.tppTotal, tppPeople: a.tppPeople } : {}),
    };
  }
}

export type DashboardViewData = ReturnType<typeof computeView>;

/** People and units of the scope whose name (or NIP, or unit code) matches. */
export function search(model: TenantModel, scopes: UnitNode[], q: string, limit: number) {
  const needle = q.trim().toLowerCase();
  const digits = needle.replace(/\s+/g, '');
  const byNip = /^\d{3,18}$/.test(digits);
  const inScope = (path: string) => scopes.some((u) => path.startsWith(u.path));
  const people: Person[] = [];
  for (const p of model.people.values()) {
    const unit = model.units.get(p.unitId);
    if (!unit || !inScope(unit.path)) continue;
    if (byNip ? p.nip.startsWith(digits) : p.name.toLowerCase().includes(needle)) people.push(p);
  }
  people.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const units = byNip
    ? []
    : [...model.units.values()]
        .filter(
          (u) =>
            u.active &&
            inScope(u.path) &&
            (u.name.toLowerCase().includes(needle) || u.code.toLowerCase().includes(needle)),
        )
        .sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name))
        .slice(0, limit);
  const opdName = (unitId: string) => {
    const u = model.units.get(unitId);
    const opd = u?.opdId ? model.units.get(u.opdId) : undefined;
    return opd?.name ?? u?.name ?? '';
  };
  return {
    people: people.slice(0, limit).map((p) => ({
      employeeId: p.id,
      name: p.name,
      nip: p.nip,
      positionName: p.positionName,
      unitId: p.unitId,
      unitName: model.units.get(p.unitId)?.name ?? '',
      opdName: opdName(p.unitId),
    })),
    peopleTotal: people.length,
    units: units.map((u) => ({ unitId: u.id, name: u.name, code: u.code, level: levelOf(model, u) })),
  };
}
