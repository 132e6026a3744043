/**
 * The dashboard model: one in-memory picture of a city per process, built from the rollup tables and the
 * organisation, then kept current by domain events (src/core/events.ts).
 *
 * - Built once per tenant (in keyset chunks that yield to the event loop), rebuilt in the background when it
 *   is older than `ttlMs` (a safety net for changes that publish no event, e.g. reorganisations), and at
 *   once when the tenant's day changes.
 * - An event that names the employee re-reads only that employee's rollup rows (and the unit-month rows of
 *   their unit) by primary key; an event without an employee schedules a full rebuild. Bursts are batched.
 * - Requests read the model and never wait for a refresh: figures carry `asOf`, and listeners (the SSE
 *   stream) hear `changed` after the model has moved, so a refetch sees the new figures.
 *
 * Every figure still comes from the rollups: the model only saves re-reading 35,000 rows per request.
 */
import { type DomainEvent, subscribeAll } from '../../core/events.ts';
import { todayIn } from '../../core/time.ts';
import type { DB } from '../../db/index.ts';
import {
  addDays,
  addMonths,
  isoWeekday,
  type LeaveSpan,
  monthCalendar,
  monthEnd,
  monthOf,
  monthStart,
} from '../activities/calendar.ts';
import { type ActivitySettings, activitySettingsOf } from '../activities/settings.ts';
import type { Predikat } from '../evaluation/predikat.ts';
import { meanCapaian, quarterCapaian } from '../skp/capaian.ts';
import * as repo from './repository.ts';
import { type DashboardSettings, dashboardSettingsOf } from './settings.ts';
import { dashboardSources } from './sources.ts';

export interface UnitNode {
  id: string;
  name: string;
  code: string;
  type: string;
  parentId: string | null;
  path: string;
  depth: number;
  active: boolean;
  /** the OPD the unit belongs to (the second element of its path); null for the city root */
  opdId: string | null;
  children: UnitNode[];
  /** position in the model's unit arrays */
  slot: number;
}

export interface Person {
  /** position in the model's per-person arrays (stable while the model lives) */
  slot: number;
  id: string;
  name: string;
  nip: string;
  unitId: string;
  positionId: string | null;
  positionName: string | null;
  /** holder or acting holder (Plt./Plh.) of the nearest position above */
  atasanId: string | null;
  lastActive: string | null;
  todayEntries: number;
  skpApproved: boolean;
  skpStatus: string | null;
}

export interface Sums {
  entries: number;
  approved: number;
  pending: number;
}

export interface GoalRhk {
  rhkId: string;
  text: string;
  employeeId: string;
  employeeName: string;
  employeeNip: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  skpStatus: string;
  /** mean capaian of the RHK's indicators at their latest confirmed quarter (percent) */
  capaian: number | null;
  quarter: number | null;
}

export interface GoalInfo {
  id: string;
  code: string;
  title: string;
  status: string;
  indicators: {
    name: string;
    targetValue: number | null;
    targetText: string | null;
    unit: string;
    direction: string;
  }[];
  rhks: GoalRhk[];
}

export interface PredikatState {
  year: number;
  kind: string;
  byEmployee: Map<string, Predikat>;
  curve: { predikat: Predikat; minShare: number | null; maxShare: number | null }[];
}

export interface TppState {
  month: string;
  status: string;
  byEmployee: Map<string, number>;
}

export interface MonthInfo {
  month: string;
  workingDays: number;
  /** effective minutes of someone without leave that month */
  base: number;
  /** people whose leave reduces their effective time that month */
  reduced: Map<string, number>;
  /** effective minutes per person slot */
  effective: Int32Array;
}

/** One month of person rollups, as arrays indexed by person slot (no hashing in the per-request pass). */
export class PersonSlice {
  entries: Int32Array;
  approved: Int32Array;
  pending: Int32Array;
  constructor(capacity: number) {
    this.entries = new Int32Array(capacity);
    this.approved = new Int32Array(capacity);
    this.pending = new Int32Array(capacity);
  }
  grow(capacity: number) {
    for (const k of ['entries', 'approved', 'pending'] as const) {
      const next = new Int32Array(capacity);
      next.set(this[k]);
      this[k] = next;
    }
  }
  set(slot: number, s: Sums) {
    this.entries[slot] = s.entries;
    this.approved[slot] = s.approved;
    this.pending[slot] = s.pending;
  }
  clear(slot: number) {
    this.entries[slot] = 0;
    this.approved[slot] = 0;
    this.pending[slot] = 0;
  }
}

/** One month of unit rollups (where the work was done), indexed by unit slot. */
export class UnitSlice {
  entries: Float64Array;
  approved: Float64Array;
  constructor(units: number) {
    this.entries = new Float64Array(units);
    this.approved = new Float64Array(units);
  }
}

const CHUNK = 2000;
const CORE_MONTHS = 3;
const EXTRA_MONTHS_KEPT = 6;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export const cacheOptions = {
  /** rebuild in the background when the model is older than this */
  ttlMs: 120_000,
  /** wait this long after an event for more of the same burst */
  batchMs: 40,
};

export class TenantModel {
  version = 1;
  /** when the figures last changed (build or event), ms since the epoch */
  updatedAt = Date.now();
  readonly builtAt = Date.now();
  units = new Map<string, UnitNode>();
  unitList: UnitNode[] = [];
  root!: UnitNode;
  people = new Map<string, Person>();
  /** people by slot; null where someone left */
  slots: (Person | null)[] = [];
  capacity = 1024;
  private byUnit: Map<string, Person[]> | null = null;
  /** person-month rollups per month */
  personMonths = new Map<string, PersonSlice>();
  /** unit-month rollups per month (where the work was done) */
  unitMonths = new Map<string, UnitSlice>();
  holidays = new Map<string, string>();
  leaves = new Map<string, LeaveSpan[]>();
  calendarFrom = '';
  calendarTo = '';
  private monthInfos = new Map<string, MonthInfo>();
  private monthUse = new Map<string, number>();
  period: { id: string; year: number } | null = null;
  goals: GoalInfo[] = [];
  predikat: PredikatState | null = null;
  tpp = new Map<string, TppState | null>();

  constructor(
    readonly tenantId: string,
    readonly timeZone: string,
    readonly settings: ActivitySettings,
    readonly dash: DashboardSettings,
    readonly today: string,
  ) {}

  get currentMonth(): string {
    return monthOf(this.today);
  }

  /** Months whose person rollups are always loaded: the current one and the two before (verification). */
  get coreMonths(): string[] {
    return Array.from({ length: CORE_MONTHS }, (_, i) => addMonths(this.currentMonth, -i));
  }

  addPerson(p: Person) {
    p.slot = this.slots.length;
    this.slots.push(p);
    this.people.set(p.id, p);
    if (this.slots.length > this.capacity) {
      while (this.capacity < this.slots.length) this.capacity *= 2;
      for (const slice of this.personMonths.values()) slice.grow(this.capacity);
      this.monthInfos.clear();
    }
    this.byUnit = null;
  }

  removePerson(id: string): boolean {
    const p = this.people.get(id);
    if (!p) return false;
    this.people.delete(id);
    this.slots[p.slot] = null;
    for (const slice of this.personMonths.values()) slice.clear(p.slot);
    this.byUnit = null;
    return true;
  }

  newPersonSlice(): PersonSlice {
    return new PersonSlice(this.capacity);
  }

  peopleOfUnit(unitId: string): Person[] {
    if (!this.byUnit) {
      const map = new Map<string, Person[]>();
      for (const p of this.people.values()) {
        const list = map.get(p.unitId);
        if (list) list.push(p);
        else map.set(p.unitId, [p]);
      }
      this.byUnit = map;
    }
    return this.byUnit.get(this.units.has(unitId) ? unitId : '') ?? [];
  }

  /** All units of a subtree, the unit itself first. */
  subtree(unit: UnitNode): UnitNode[] {
    const out: UnitNode[] = [];
    const stack = [unit];
    while (stack.length) {
      const u = stack.pop() as UnitNode;
      out.push(u);
      for (let i = u.children.length - 1; i >= 0; i--) stack.push(u.children[i]);
    }
    return out;
  }

  peopleIn(unit: UnitNode): Person[] {
    if (unit === this.root) return [...this.people.values()];
    const out: Person[] = [];
    for (const u of this.subtree(unit)) for (const p of this.peopleOfUnit(u.id)) out.push(p);
    return out;
  }

  monthInfo(month: string): MonthInfo {
    let info = this.monthInfos.get(month);
    if (!info) {
      const base = monthCalendar(month, this.holidays, [], this.settings);
      const reduced = new Map<string, number>();
      const from = monthStart(month);
      const to = monthEnd(month);
      for (const [employeeId, spans] of this.leaves) {
        if (!spans.some((l) => l.start_date <= to && l.end_date >= from)) continue;
        const own = monthCalendar(month, this.holidays, spans, this.settings).effectiveMinutes;
        if (own !== base.effectiveMinutes) reduced.set(employeeId, own);
      }
      const effective = new Int32Array(this.capacity).fill(base.effectiveMinutes);
      for (const [employeeId, minutes] of reduced) {
        const p = this.people.get(employeeId);
        if (p) effective[p.slot] = minutes;
      }
      info = { month, workingDays: base.workingDays, base: base.effectiveMinutes, reduced, effective };
      this.monthInfos.set(month, info);
    }
    return info;
  }

  effectiveOf(info: MonthInfo, p: Person): number {
    return info.effective[p.slot];
  }

  isWorkingDay(date: string): boolean {
    return !this.holidays.has(date) && this.settings.workWeekdays.includes(isoWeekday(date));
  }

  /** The last `n` working days before today, newest first (looks back at most 90 days). */
  workingDaysBefore(n: number): string[] {
    const out: string[] = [];
    for (let i = 1; i <= 90 && out.length < n; i++) {
      const d = addDays(this.today, -i);
      if (this.isWorkingDay(d)) out.push(d);
    }
    return out;
  }

  onLeave(employeeId: string, date: string): boolean {
    return (this.leaves.get(employeeId) ?? []).some((l) => l.start_date <= date && date <= l.end_date);
  }

  /** Months whose verification window is still open today (their pending minutes are the backlog). */
  backlogMonths(): string[] {
    return this.coreMonths.filter(
      (m) => addDays(monthEnd(m), this.settings.verifyDaysAfterMonth) >= this.today,
    );
  }

  touchMonth(month: string) {
    this.monthUse.set(month, Date.now());
  }

  /** Forget the least recently used extra months beyond the kept number. */
  evictMonths() {
    const core = new Set(this.coreMonths);
    const extra = [...this.personMonths.keys()].filter((m) => !core.has(m));
    if (extra.length <= EXTRA_MONTHS_KEPT) return;
    extra.sort((a, b) => (this.monthUse.get(a) ?? 0) - (this.monthUse.get(b) ?? 0));
    for (const m of extra.slice(0, extra.length - EXTRA_MONTHS_KEPT)) this.personMonths.delete(m);
  }

  invalidatePeopleIndex() {
    this.byUnit = null;
  }

  invalidateCalendar() {
    this.monthInfos.clear();
  }
}

// ---------------- building ----------------
const toSums = (r: { entries: unknown; minutes_approved: unknown; minutes_pending: unknown }): Sums => ({
  entries: Number(r.entries),
  approved: Number(r.minutes_approved),
  pending: Number(r.minutes_pending),
});

function personOf(r: repo.PersonRow): Person {
  return {
    slot: -1,
    id: r.id,
    name: r.name,
    nip: r.nip,
    unitId: r.unit_id as string,
    positionId: r.position_id,
    positionName: r.position_name,
    atasanId: null,
    lastActive: r.last_active ?? null,
    todayEntries: Number(r.today_entries ?? 0),
    skpApproved: Number(r.skp_approved ?? 0) === 1,
    skpStatus: r.skp_status ?? null,
  };
}

/** Holder first, then acting holder, of each position above; never the person themself. */
async function assignAtasan(db: DB, model: TenantModel) {
  const [positions, acting] = await Promise.all([
    repo.positions(db, model.tenantId),
    repo.actingHolders(db, model.tenantId),
  ]);
  const parent = new Map(positions.map((p) => [p.id, p.parent_position_id]));
  const holder = new Map<string, string>();
  for (const p of model.people.values()) if (p.positionId) holder.set(p.positionId, p.id);
  const actingOf = new Map(acting.map((a) => [a.position_id, a.employee_id]));
  for (const p of model.people.values()) {
    p.atasanId = null;
    let up = p.positionId ? (parent.get(p.positionId) ?? null) : null;
    for (let depth = 0; up && depth < 12; depth++) {
      const h = holder.get(up);
      if (h && h !== p.id) {
        p.atasanId = h;
        break;
      }
      const a = actingOf.get(up);
      if (a && a !== p.id) {
        p.atasanId = a;
        break;
      }
      up = parent.get(up) ?? null;
    }
  }
}

async function loadPersonMonths(db: DB, model: TenantModel, months: string[]) {
  const ids = [...model.people.keys()].sort();
  const slices = new Map(months.map((m) => [m, model.newPersonSlice()]));
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await repo.personMonths(db, model.tenantId, ids.slice(i, i + CHUNK), months);
    for (const r of rows) {
      const p = model.people.get(r.employee_id);
      if (p) slices.get(r.month)?.set(p.slot, toSums(r));
    }
    await yieldToLoop();
  }
  for (const [m, slice] of slices) {
    model.personMonths.set(m, slice);
    model.touchMonth(m);
  }
}

async function loadUnitMonths(db: DB, model: TenantModel, from: string, to: string) {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  const slices = new Map(months.map((m) => [m, new UnitSlice(model.unitList.length)]));
  const unitIds = [...model.units.keys()].sort();
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await repo.unitMonthsOf(db, model.tenantId, unitIds.slice(i, i + 500), months);
    for (const r of rows) setUnitSums(model, slices.get(r.month), r);
    await yieldToLoop();
  }
  for (const [m, slice] of slices) model.unitMonths.set(m, slice);
}

function setUnitSums(
  model: TenantModel,
  slice: UnitSlice | undefined,
  r: { unit_id: string; entries: unknown; minutes_approved: unknown },
) {
  const u = model.units.get(r.unit_id);
  if (!slice || !u) return;
  slice.entries[u.slot] = Number(r.entries);
  slice.approved[u.slot] = Number(r.minutes_approved);
}

async function loadCalendar(db: DB, model: TenantModel, from: string, to: string) {
  const [hs, ls] = await Promise.all([
    repo.holidays(db, model.tenantId, from, to),
    repo.leaves(db, model.tenantId, from, to),
  ]);
  model.holidays = new Map(hs.map((h) => [h.date, h.name]));
  const byEmployee = new Map<string, LeaveSpan[]>();
  for (const l of ls) byEmployee.set(l.employee_id, [...(byEmployee.get(l.employee_id) ?? []), l]);
  model.leaves = byEmployee;
  model.calendarFrom = from;
  model.calendarTo = to;
  model.invalidateCalendar();
}

export async function loadGoals(db: DB, model: TenantModel) {
  if (!model.period) {
    model.goals = [];
    return;
  }
  const tenantId = model.tenantId;
  const [goals, rhks] = await Promise.all([
    repo.goals(db, tenantId, model.period.id),
    repo.goalRhks(db, tenantId, model.period.id),
  ]);
  const [indicators, rhkInds] = await Promise.all([
    repo.goalIndicators(
      db,
      tenantId,
      goals.map((g) => g.id),
    ),
    repo.rhkIndicators(
      db,
      tenantId,
      rhks.map((r) => r.id),
    ),
  ]);
  const realisations = await repo.confirmedRealisations(
    db,
    tenantId,
    rhkInds.map((i) => i.id),
  );
  const latest = new Map<string, { quarter: number; value: number | null }>();
  for (const r of realisations) {
    const seen = latest.get(r.indicator_id);
    if (!seen || r.quarter > seen.quarter) latest.set(r.indicator_id, { quarter: r.quarter, value: r.value });
  }
  const indsOf = new Map<string, typeof rhkInds>();
  for (const i of rhkInds) indsOf.set(i.rhk_id, [...(indsOf.get(i.rhk_id) ?? []), i]);
  model.goals = goals.map((g) => ({
    id: g.id,
    code: g.code,
    title: g.title,
    status: g.status,
    indicators: indicators
      .filter((i) => i.goal_id === g.id)
      .map((i) => ({
        name: i.name,
        targetValue: i.target_value === null ? null : Number(i.target_value),
        targetText: i.target_text,
        unit: i.unit,
        direction: i.direction,
      })),
    rhks: rhks
      .filter((r) => r.goal_id === g.id)
      .map((r) => {
        const own = indsOf.get(r.id) ?? [];
        const values = own.map((i) => {
          const l = latest.get(i.id);
          if (!l) return null;
          return quarterCapaian(
            { ...i, target_value: i.target_value === null ? null : Number(i.target_value) },
            l.value === null ? null : Number(l.value),
            l.quarter,
          );
        });
        const quarters = own.map((i) => latest.get(i.id)?.quarter ?? 0).filter((q) => q > 0);
        return {
          rhkId: r.id,
          text: r.text,
          employeeId: r.employee_id,
          employeeName: r.employee_name,
          employeeNip: r.employee_nip,
          unitId: r.unit_id,
          unitName: r.unit_name,
          unitPath: r.unit_path,
          skpStatus: r.skp_status,
          capaian: meanCapaian(values),
          quarter: quarters.length ? Math.max(...quarters) : null,
        };
      }),
  }));
}

async function loadPredikat(db: DB, model: TenantModel) {
  const source = dashboardSources().predikat;
  if (!source) {
    model.predikat = null;
    return;
  }
  const data = await source(db, model.tenantId, {
    year: Number(model.today.slice(0, 4)),
    today: model.today,
  });
  model.predikat = data
    ? {
        year: data.year,
        kind: data.kind,
        byEmployee: new Map([...data.byEmployee].map((x) => [x.employeeId, x.predikat])),
        curve: (data.curve ?? []).map((c) => ({
          predikat: c.predikat,
          minShare: c.minShare ?? null,
          maxShare: c.maxShare ?? null,
        })),
      }
    : null;
}

async function loadTpp(db: DB, model: TenantModel, month: string) {
  const source = dashboardSources().tpp;
  if (!source) {
    model.tpp.set(month, null);
    return;
  }
  const data = await source(db, model.tenantId, { month, today: model.today });
  model.tpp.set(
    month,
    data
      ? {
          month: data.month,
          status: data.status,
          byEmployee: new Map([...data.byEmployee].map((x) => [x.employeeId, Number(x.netto)])),
        }
      : null,
  );
}

export async function buildModel(db: DB, tenantId: string): Promise<TenantModel | null> {
  const tenant = await repo.tenantRow(db, tenantId);
  if (!tenant) return null;
  const today = todayIn(tenant.time_zone);
  const model = new TenantModel(
    tenantId,
    tenant.time_zone,
    activitySettingsOf(tenant.settings),
    dashboardSettingsOf(tenant.settings),
    today,
  );
  const period = await repo.periodOfYear(db, tenantId, Number(today.slice(0, 4)));
  model.period = period ? { id: period.id, year: Number(period.year) } : null;

  const unitRows = await repo.units(db, tenantId);
  for (const u of unitRows) {
    const ids = u.path.split('/').filter(Boolean);
    model.units.set(u.id, {
      id: u.id,
      name: u.name,
      code: u.code,
      type: u.type,
      parentId: u.parent_id,
      path: u.path,
      depth: Number(u.depth),
      active: Number(u.active) === 1,
      opdId: ids.length >= 2 ? ids[1] : null,
      children: [],
      slot: model.unitList.length,
    });
    model.unitList.push(model.units.get(u.id) as UnitNode);
  }
  let root: UnitNode | undefined;
  for (const u of model.units.values()) {
    const parent = u.parentId ? model.units.get(u.parentId) : undefined;
    if (parent) parent.children.push(u);
    else if (!root || u.depth < root.depth) root = u;
  }
  if (!root) return null;
  model.root = root;
  for (const u of model.units.values()) u.children.sort((a, b) => a.code.localeCompare(b.code));

  let after = '';
  for (;;) {
    const rows = await repo.peopleChunk(db, tenantId, today, model.period?.id ?? null, after, CHUNK);
    for (const r of rows) if (model.units.has(r.unit_id as string)) model.addPerson(personOf(r));
    if (rows.length < CHUNK) break;
    after = rows[rows.length - 1].id;
    await yieldToLoop();
  }
  await assignAtasan(db, model);
  const current = model.currentMonth;
  await loadPersonMonths(db, model, model.coreMonths);
  await loadUnitMonths(db, model, addMonths(current, -11), current);
  await loadCalendar(db, model, monthStart(addMonths(current, -11)), monthEnd(current));
  await loadGoals(db, model);
  await loadPredikat(db, model);
  await loadTpp(db, model, current);
  return model;
}

/** Make sure a month (and the 12 months of series ending with it) is loaded. */
export async function ensureMonth(db: DB, model: TenantModel, month: string) {
  model.touchMonth(month);
  if (!model.personMonths.has(month)) {
    await loadPersonMonths(db, model, [month]);
    model.evictMonths();
  }
  const first = addMonths(month, -11);
  const missing: string[] = [];
  for (let m = first; m <= month; m = addMonths(m, 1)) if (!model.unitMonths.has(m)) missing.push(m);
  if (missing.length) await loadUnitMonths(db, model, missing[0], missing[missing.length - 1]);
  const from = monthStart(first);
  const to = monthEnd(month > model.currentMonth ? month : model.currentMonth);
  if (from < model.calendarFrom || to > model.calendarTo)
    await loadCalendar(db, model, [from, model.calendarFrom].sort()[0], to);
  if (!model.tpp.has(month)) await loadTpp(db, model, month);
}

// ---------------- the holders: one model per database and tenant ----------------
export interface ChangeNotice {
  tenantId: string;
  /** OPDs whose figures moved; null when unknown (any OPD) */
  opdIds: string[] | null;
  kinds: string[];
  at: number;
}
type ChangeListener = (c: ChangeNotice) => void;
const changeListeners = new Map<string, Set<ChangeListener>>();

/** Hear when a tenant's dashboard figures have changed (after the model moved). Returns unsubscribe. */
export function onDashboardChange(tenantId: string, listener: ChangeListener): () => void {
  let set = changeListeners.get(tenantId);
  if (!set) {
    set = new Set();
    changeListeners.set(tenantId, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) changeListeners.delete(tenantId);
  };
}

function notify(c: ChangeNotice) {
  for (const l of [...(changeListeners.get(c.tenantId) ?? [])]) {
    try {
      l(c);
    } catch (err) {
      console.error('dashboard change listener failed', err);
    }
  }
}

interface Pending {
  employees: Set<string>;
  units: Set<string>;
  months: Set<string> | null;
  opds: Set<string> | null;
  kinds: Set<string>;
  full: boolean;
  goals: boolean;
  predikat: boolean;
  tpp: boolean;
}
const emptyPending = (): Pending => ({
  employees: new Set(),
  units: new Set(),
  months: new Set(),
  opds: new Set(),
  kinds: new Set(),
  full: false,
  goals: false,
  predikat: false,
  tpp: false,
});

class ModelHolder {
  model: TenantModel | null = null;
  private building: Promise<TenantModel | null> | null = null;
  private again = false;
  private pending = emptyPending();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private monthLoads = new Map<string, Promise<void>>();

  constructor(
    readonly db: DB,
    readonly tenantId: string,
  ) {}

  async get(): Promise<TenantModel | null> {
    const m = this.model;
    if (!m) return this.rebuild();
    if (todayIn(m.timeZone) !== m.today) return this.rebuild();
    if (Date.now() - m.builtAt > cacheOptions.ttlMs) this.rebuild().catch((e) => console.error(e));
    return m;
  }

  async withMonth(month: string): Promise<TenantModel | null> {
    const m = await this.get();
    if (!m) return null;
    const ready =
      m.personMonths.has(month) &&
      m.unitMonths.has(month) &&
      m.unitMonths.has(addMonths(month, -11)) &&
      m.tpp.has(month);
    if (ready) {
      m.touchMonth(month);
      return m;
    }
    const key = `${m.builtAt}|${month}`;
    let load = this.monthLoads.get(key);
    if (!load) {
      load = ensureMonth(this.db, m, month).finally(() => this.monthLoads.delete(key));
      this.monthLoads.set(key, load);
    }
    await load;
    return m;
  }

  rebuild(): Promise<TenantModel | null> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    const previous = this.model;
    this.building = buildModel(this.db, this.tenantId)
      .then(async (m) => {
        if (m && previous) {
          // keep the extra months someone was looking at
          for (const month of previous.personMonths.keys())
            if (!m.personMonths.has(month) && month <= m.currentMonth) await ensureMonth(this.db, m, month);
          m.version = previous.version + 1;
        }
        this.model = m;
        return m;
      })
      .finally(() => {
        this.building = null;
        if (this.again) {
          this.again = false;
          this.rebuild()
            .then(() => this.announce(null, ['rebuild']))
            .catch((e) => console.error(e));
        }
      });
    return this.building;
  }

  /** A build that starts after this call (not one already under way). */
  async freshBuild(): Promise<TenantModel | null> {
    if (this.building) await this.building.catch(() => null);
    if (this.building) await this.building.catch(() => null);
    return this.rebuild();
  }

  enqueue(e: DomainEvent) {
    const p = this.pending;
    p.kinds.add(e.kind);
    if (e.opdId && p.opds) p.opds.add(e.opdId);
    else p.opds = null;
    if (e.kind === 'evaluation.changed') p.predikat = true;
    else if (e.kind === 'tpp.changed') p.tpp = true;
    else {
      if (e.kind === 'skp.changed') p.goals = true;
      if (e.employeeId) p.employees.add(e.employeeId);
      else p.full = true;
      if (e.unitId) p.units.add(e.unitId);
      if (e.date && p.months) p.months.add(e.date.slice(0, 7));
      else p.months = null;
    }
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), cacheOptions.batchMs);
  }

  private async flush() {
    this.timer = null;
    if (this.flushing) {
      await this.flushing;
      if (!this.timer) this.timer = setTimeout(() => void this.flush(), 0);
      return;
    }
    const p = this.pending;
    this.pending = emptyPending();
    this.flushing = this.apply(p)
      .catch((err) => {
        console.error('dashboard update failed; rebuilding', err);
        this.model = null;
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  private async apply(p: Pending) {
    if (this.building) await this.building;
    let m = this.model;
    if (!m) {
      this.announce(p.opds, [...p.kinds]);
      return;
    }
    if (p.full) {
      this.again = false;
      m = await this.rebuild();
      if (this.building) m = await this.building;
      this.announce(null, [...p.kinds]);
      return;
    }
    const db = this.db;
    const ids = [...p.employees];
    const units = new Set(p.units);
    let orgChanged = false;
    let unknownUnit = false;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await repo.peopleByIds(db, m.tenantId, m.today, m.period?.id ?? null, chunk);
      const found = new Set(rows.map((r) => r.id));
      for (const r of rows) {
        if (!m.units.has(r.unit_id as string)) {
          // a unit newer than the model: only a rebuild knows where it sits
          unknownUnit = true;
          continue;
        }
        const before = m.people.get(r.id);
        const next = personOf(r);
        if (before) {
          if (before.unitId !== next.unitId || before.positionId !== next.positionId) orgChanged = true;
          if (before.unitId !== next.unitId) units.add(before.unitId);
          Object.assign(before, { ...next, slot: before.slot, atasanId: before.atasanId });
        } else {
          m.addPerson(next);
          orgChanged = true;
        }
        units.add(next.unitId);
      }
      for (const id of chunk) if (!found.has(id) && m.removePerson(id)) orgChanged = true;
      const months = [...m.personMonths.keys()];
      const sums = await repo.personMonths(db, m.tenantId, chunk, months);
      for (const month of months) {
        const slice = m.personMonths.get(month) as PersonSlice;
        for (const id of chunk) {
          const p = m.people.get(id);
          if (p) slice.clear(p.slot);
        }
      }
      for (const r of sums) {
        const p = m.people.get(r.employee_id);
        if (p) m.personMonths.get(r.month)?.set(p.slot, toSums(r));
      }
    }
    if (unknownUnit) {
      await this.freshBuild();
      this.announce(null, [...p.kinds]);
      return;
    }
    if (orgChanged) {
      m.invalidatePeopleIndex();
      await assignAtasan(db, m);
    }
    if (units.size) {
      const loaded = [...m.unitMonths.keys()];
      const months = p.months ? loaded.filter((x) => p.months?.has(x)) : loaded;
      const rows = await repo.unitMonthsOf(db, m.tenantId, [...units], months);
      for (const month of months) {
        const slice = m.unitMonths.get(month) as UnitSlice;
        for (const id of units) {
          const u = m.units.get(id);
          if (u) {
            slice.entries[u.slot] = 0;
            slice.approved[u.slot] = 0;
          }
        }
      }
      for (const r of rows) setUnitSums(m, m.unitMonths.get(r.month), r);
    }
    if (p.goals) await loadGoals(db, m);
    if (p.predikat) await loadPredikat(db, m);
    if (p.tpp) for (const month of [...m.tpp.keys()]) await loadTpp(db, m, month);
    m.version += 1;
    m.updatedAt = Date.now();
    const opds = p.opds;
    if (opds) {
      for (const id of ids) {
        const person = m.people.get(id);
        const opd = person ? m.units.get(person.unitId)?.opdId : null;
        if (opd) opds.add(opd);
      }
      for (const u of units) {
        const opd = m.units.get(u)?.opdId;
        if (opd) opds.add(opd);
      }
    }
    this.announce(opds, [...p.kinds]);
  }

  announce(opds: Set<string> | null, kinds: string[]) {
    notify({ tenantId: this.tenantId, opdIds: opds ? [...opds] : null, kinds, at: Date.now() });
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

const holders = new Map<DB, Map<string, ModelHolder>>();
const holdersByTenant = new Map<string, Set<ModelHolder>>();

function holderFor(db: DB, tenantId: string): ModelHolder {
  let perDb = holders.get(db);
  if (!perDb) {
    perDb = new Map();
    holders.set(db, perDb);
  }
  let h = perDb.get(tenantId);
  if (!h) {
    h = new ModelHolder(db, tenantId);
    perDb.set(tenantId, h);
    let set = holdersByTenant.get(tenantId);
    if (!set) {
      set = new Set();
      holdersByTenant.set(tenantId, set);
    }
    set.add(h);
  }
  return h;
}

/** The tenant's model with `month` loaded (the current month when omitted). */
export async function modelFor(db: DB, tenantId: string, month?: string): Promise<TenantModel | null> {
  const h = holderFor(db, tenantId);
  if (!month) return h.get();
  return h.withMonth(month);
}

/** Rebuild now (a unit or person newer than the model was asked for), then load `month`. */
export async function forceRebuild(db: DB, tenantId: string, month?: string): Promise<TenantModel | null> {
  const h = holderFor(db, tenantId);
  await h.freshBuild();
  return month ? h.withMonth(month) : h.get();
}

/** Drop the models of a database (the app closes it). */
export function forgetModels(db: DB) {
  const perDb = holders.get(db);
  if (!perDb) return;
  for (const h of perDb.values()) {
    h.dispose();
    holdersByTenant.get(h.tenantId)?.delete(h);
    if (holdersByTenant.get(h.tenantId)?.size === 0) holdersByTenant.delete(h.tenantId);
  }
  holders.delete(db);
}

subscribeAll((e) => {
  const hs = holdersByTenant.get(e.tenantId);
  if (!hs || hs.size === 0) {
    notify({ tenantId: e.tenantId, opdIds: e.opdId ? [e.opdId] : null, kinds: [e.kind], at: Date.now() });
    return;
  }
  for (const h of hs) h.enqueue(e);
});
