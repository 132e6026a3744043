import { sql } from 'kysely';
import { bulkInsert, type Upsert } from '../../db/bulk.ts';
import { type DB, type Dialect, pipelined, transaction } from '../../db/index.ts';
import type { ActivityCatalogTable, ActivityTable } from '../../db/schema.ts';

const likeText = (q: string) => `%${q.toLowerCase()}%`;
const inSubtree = (column: string, path: string) =>
  sql<boolean>`substr(${sql.ref(column)}, 1, ${path.length}) = ${path}`;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 300) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

// ---------------- catalog ----------------
export interface CatalogFilter {
  q?: string;
  kind?: string;
  active?: boolean;
  afterCode?: string;
  limit: number;
}

export function listCatalog(db: DB, tenantId: string, f: CatalogFilter) {
  let q = db.selectFrom('activity_catalog').selectAll().where('tenant_id', '=', tenantId);
  if (f.q) {
    const like = likeText(f.q);
    q = q.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb(eb.fn('lower', ['code']), 'like', like)]),
    );
  }
  if (f.kind) q = q.where('position_kinds', 'like', `%"${f.kind}"%`);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.afterCode) q = q.where('code', '>', f.afterCode);
  return q.orderBy('code').limit(f.limit).execute();
}

export const allCatalog = (db: DB, tenantId: string) =>
  db.selectFrom('activity_catalog').selectAll().where('tenant_id', '=', tenantId).orderBy('code').execute();

export const findCatalog = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('activity_catalog')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

export const catalogByIdsQuery = (db: DB, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? null
    : db.selectFrom('activity_catalog').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids);

export const catalogByIds = (db: DB, tenantId: string, ids: string[]) =>
  catalogByIdsQuery(db, tenantId, ids)?.execute() ?? Promise.resolve([]);

export const insertCatalog = (db: DB, rows: ActivityCatalogTable[]) =>
  inChunks(rows, (chunk) => db.insertInto('activity_catalog').values(chunk).execute());

export const updateCatalog = (db: DB, tenantId: string, id: string, patch: Partial<ActivityCatalogTable>) =>
  db
    .updateTable('activity_catalog')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();

// ---------------- activities ----------------
function activityQuery(db: DB, tenantId: string) {
  return db
    .selectFrom('activities as a')
    .innerJoin('activity_catalog as c', (j) =>
      j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.catalog_id'),
    )
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'a.tenant_id').onRef('e.id', '=', 'a.employee_id'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.unit_id'),
    )
    .leftJoin('rhks as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.rhk_id'))
    .leftJoin('employees as v', (j) =>
      j.onRef('v.tenant_id', '=', 'a.tenant_id').onRef('v.id', '=', 'a.verified_by'),
    )
    .selectAll('a')
    .select([
      'c.code as catalog_code',
      'c.name as catalog_name',
      'c.output_unit',
      'c.standard_minutes',
      'e.name as employee_name',
      'e.nip as employee_nip',
      'u.path as unit_path',
      'r.text as rhk_text',
      'v.name as verifier_name',
    ])
    .where('a.tenant_id', '=', tenantId);
}
export type ActivityRow = Awaited<ReturnType<ReturnType<typeof activityQuery>['executeTakeFirstOrThrow']>>;

export const findActivities = (db: DB, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([] as ActivityRow[])
    : activityQuery(db, tenantId).where('a.id', 'in', ids).execute();

export interface ActivityFilter {
  employeeIds: string[];
  from?: string;
  to?: string;
  status?: string;
  after?: { date: string; id: string };
  limit: number;
}

export function listActivities(db: DB, tenantId: string, f: ActivityFilter) {
  if (f.employeeIds.length === 0) return Promise.resolve([] as ActivityRow[]);
  let q = activityQuery(db, tenantId).where('a.employee_id', 'in', f.employeeIds);
  if (f.from) q = q.where('a.date', '>=', f.from);
  if (f.to) q = q.where('a.date', '<=', f.to);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.after) {
    const { date, id } = f.after;
    q = q.where((eb) =>
      eb.or([eb('a.date', '>', date), eb.and([eb('a.date', '=', date), eb('a.id', '>', id)])]),
    );
  }
  return q.orderBy('a.date').orderBy('a.id').limit(f.limit).execute();
}

/** Non-rejected entries of one employee on these dates (for the overlap rule and copy-yesterday). */
export const entriesOn = (db: DB, tenantId: string, employeeId: string, dates: string[]) =>
  dates.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('activities')
        .select([
          'id',
          'date',
          'catalog_id',
          'quantity',
          'minutes',
          'rhk_id',
          'note',
          'start_time',
          'end_time',
          'status',
        ])
        .where('tenant_id', '=', tenantId)
        .where('employee_id', '=', employeeId)
        .where('date', 'in', dates)
        .where('status', '!=', 'rejected')
        .orderBy('created_at')
        .orderBy('id')
        .execute();

/** Idempotency keys already used by these employees (a key is unique per employee). */
export const usedIdempotencyKeysQuery = (db: DB, tenantId: string, employeeIds: string[], keys: string[]) =>
  keys.length === 0 || employeeIds.length === 0
    ? null
    : db
        .selectFrom('activities')
        .select(['id', 'employee_id', 'idempotency_key'])
        .where('tenant_id', '=', tenantId)
        .where('employee_id', 'in', employeeIds)
        .where('idempotency_key', 'in', keys);

/** Non-rejected timed entries of these employees on these dates (the overlap rule). */
export const timedEntriesOnQuery = (db: DB, tenantId: string, employeeIds: string[], dates: string[]) =>
  dates.length === 0 || employeeIds.length === 0
    ? null
    : db
        .selectFrom('activities')
        .select(['employee_id', 'date', 'start_time', 'end_time'])
        .where('tenant_id', '=', tenantId)
        .where('employee_id', 'in', employeeIds)
        .where('date', 'in', dates)
        .where('status', '!=', 'rejected')
        .where('start_time', 'is not', null)
        .where('end_time', 'is not', null)
        .$narrowType<{ start_time: string; end_time: string }>();

/** Minutes already counted per employee-day (the daily maximum). */
export const dayUsageQuery = (db: DB, tenantId: string, employeeIds: string[], dates: string[]) =>
  dates.length === 0 || employeeIds.length === 0
    ? null
    : db
        .selectFrom('rollup_person_day')
        .select(['employee_id', 'date', 'minutes_approved', 'minutes_pending'])
        .where('tenant_id', '=', tenantId)
        .where('employee_id', 'in', employeeIds)
        .where('date', 'in', dates);

/** Which of these employees already have entries in these months (their person-month rollup rows). */
export const personMonthsQuery = (db: DB, tenantId: string, employeeIds: string[], months: string[]) =>
  months.length === 0 || employeeIds.length === 0
    ? null
    : db
        .selectFrom('rollup_person_month')
        .select(['employee_id', 'month'])
        .where('tenant_id', '=', tenantId)
        .where('employee_id', 'in', employeeIds)
        .where('month', 'in', months);

/** RHKs among `rhkIds` with the employee whose SKP holds them and the SKP's year. */
export const rhksOfEmployeesQuery = (db: DB, tenantId: string, employeeIds: string[], rhkIds: string[]) =>
  rhkIds.length === 0 || employeeIds.length === 0
    ? null
    : db
        .selectFrom('rhks as r')
        .innerJoin('skps as s', (j) =>
          j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.skp_id'),
        )
        .innerJoin('periods as p', (j) =>
          j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.period_id'),
        )
        .select(['r.id', 'p.year', 'r.text', 's.employee_id'])
        .where('r.tenant_id', '=', tenantId)
        .where('s.employee_id', 'in', employeeIds)
        .where('r.id', 'in', rhkIds);

/** Serialise writes of these employees (PostgreSQL row locks in id order; SQLite has one writer). */
export const lockEmployeesQuery = (trx: DB, dialect: Dialect, tenantId: string, employeeIds: string[]) =>
  dialect !== 'postgres' || employeeIds.length === 0
    ? null
    : trx
        .selectFrom('employees')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', employeeIds)
        .orderBy('id')
        .forNoKeyUpdate();

export async function lockEmployees(trx: DB, dialect: Dialect, tenantId: string, employeeIds: string[]) {
  await lockEmployeesQuery(trx, dialect, tenantId, employeeIds)?.execute();
}

export const insertActivities = (db: DB, rows: ActivityTable[]) =>
  inChunks(rows, (chunk) => pipelined(db, bulkInsert(db, 'activities', chunk)));

/** Remove a pending entry; returns false when it was no longer pending. */
export async function deletePending(db: DB, tenantId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('activities')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Record a decision on a pending entry; returns false when someone decided first. */
export async function decidePending(
  db: DB,
  tenantId: string,
  id: string,
  patch: Partial<ActivityTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('activities')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Serialise one employee's writes (daily maximum, overlaps): PostgreSQL row lock, SQLite has one writer. */
export async function lockEmployee(trx: DB, dialect: Dialect, tenantId: string, employeeId: string) {
  if (dialect !== 'postgres') return;
  await trx
    .selectFrom('employees')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', employeeId)
    .forNoKeyUpdate()
    .execute();
}

// ---------------- rollups ----------------
/** One change to the activity log, as it moves the rollups. */
export interface RollupDelta {
  employeeId: string;
  unitId: string;
  opdId: string;
  date: string;
  entries: number;
  logged: number;
  approved: number;
  pending: number;
  rejected: number;
}

/** The OPD of a unit: the second element of its materialised path (the root stands for itself). */
export function opdOfPath(path: string): string {
  const ids = path.split('/').filter(Boolean);
  return ids[1] ?? ids[0];
}

type Sums = { entries: number; logged: number; approved: number; pending: number; rejected: number };
const DAY_UPSERT: Upsert = {
  conflict: ['tenant_id', 'employee_id', 'date'],
  add: ['entries', 'minutes_logged', 'minutes_approved', 'minutes_pending'],
};
const MONTH_UPSERT: Upsert = {
  conflict: ['tenant_id', 'employee_id', 'month'],
  add: ['entries', 'minutes_logged', 'minutes_approved', 'minutes_pending', 'minutes_rejected'],
};
const ORG_ADDED = ['entries', 'minutes_approved', 'minutes_pending', 'people'];
const zero = (): Sums => ({ entries: 0, logged: 0, approved: 0, pending: 0, rejected: 0 });
const add = (a: Sums, d: Sums) => {
  a.entries += d.entries;
  a.logged += d.logged;
  a.approved += d.approved;
  a.pending += d.pending;
  a.rejected += d.rejected;
};

/**
 * Apply deltas to the four rollups with upserts, in a fixed key order (so concurrent writers never
 * deadlock). Rows whose entry count drops to zero are deleted, which keeps this invariant: an existing
 * person-month row has entries ≥ 1. So an upsert that returns exactly the delta's entry count inserted
 * the row (a new person in the unit and OPD that month), and one that returns zero emptied it.
 * Call inside the transaction of the write.
 */
export async function applyRollupDeltas(
  trx: DB,
  tenantId: string,
  deltas: RollupDelta[],
  /** `employeeId|month` of the person-month rows that exist, when the caller read them in this transaction */
  existingMonths?: Set<string>,
): Promise<void> {
  const days = new Map<string, Sums & { employeeId: string; date: string }>();
  const months = new Map<
    string,
    Sums & { employeeId: string; month: string; unitKey: string; opdKey: string }
  >();
  const units = new Map<string, Sums & { id: string; month: string; people: number }>();
  const opds = new Map<string, Sums & { id: string; month: string; people: number }>();
  for (const d of deltas) {
    const month = d.date.slice(0, 7);
    const dayKey = `${d.employeeId}|${d.date}`;
    const monthKey = `${d.employeeId}|${month}`;
    const unitKey = `${d.unitId}|${month}`;
    const opdKey = `${d.opdId}|${month}`;
    if (!days.has(dayKey)) days.set(dayKey, { ...zero(), employeeId: d.employeeId, date: d.date });
    if (!months.has(monthKey))
      months.set(monthKey, { ...zero(), employeeId: d.employeeId, month, unitKey, opdKey });
    if (!units.has(unitKey)) units.set(unitKey, { ...zero(), id: d.unitId, month, people: 0 });
    if (!opds.has(opdKey)) opds.set(opdKey, { ...zero(), id: d.opdId, month, people: 0 });
    for (const target of [days.get(dayKey), months.get(monthKey), units.get(unitKey), opds.get(opdKey)])
      add(target as Sums, d);
  }
  const sorted = <V>(m: Map<string, V>) =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  const growOnly = deltas.every((d) => d.entries > 0);

  // one statement per chunk of keys; every key appears once per statement (PostgreSQL refuses repeats).
  // When entries are only added no row can drop to zero: nobody needs the answer (`pipelined`).
  const upsert = async <R>(table: string, rows: Record<string, unknown>[], shape: Upsert): Promise<R[]> => {
    if (growOnly && !shape.returning) {
      await pipelined(trx, bulkInsert(trx, table, rows, shape));
      return [];
    }
    return (await trx.executeQuery(bulkInsert(trx, table, rows, shape))).rows as R[];
  };
  const drop = (table: string, where: Record<string, string>) =>
    sql`delete from ${sql.table(table)} where ${sql.join(
      Object.entries(where).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
      sql` and `,
    )}`.execute(trx);

  for (const chunk of chunksOf(sorted(days), 200)) {
    const rows = chunk.map((g) => ({
      tenant_id: tenantId,
      employee_id: g.employeeId,
      date: g.date,
      entries: g.entries,
      minutes_logged: g.logged,
      minutes_approved: g.approved,
      minutes_pending: g.pending,
    }));
    const shape = growOnly ? DAY_UPSERT : { ...DAY_UPSERT, returning: ['employee_id', 'date', 'entries'] };
    const returned = await upsert<{ employee_id: string; date: string; entries: number }>(
      'rollup_person_day',
      rows,
      shape,
    );
    for (const row of returned.filter((r) => Number(r.entries) === 0))
      await drop('rollup_person_day', { tenant_id: tenantId, employee_id: row.employee_id, date: row.date });
  }

  for (const chunk of chunksOf(sorted(months), 200)) {
    const rows = chunk.map((g) => ({
      tenant_id: tenantId,
      employee_id: g.employeeId,
      month: g.month,
      entries: g.entries,
      minutes_logged: g.logged,
      minutes_approved: g.approved,
      minutes_pending: g.pending,
      minutes_rejected: g.rejected,
    }));
    if (growOnly && existingMonths) {
      // the caller knows which rows exist: a new row is a new person in the unit and OPD that month
      for (const g of chunk) {
        if (existingMonths.has(`${g.employeeId}|${g.month}`)) continue;
        existingMonths.add(`${g.employeeId}|${g.month}`);
        (units.get(g.unitKey) as { people: number }).people += 1;
        (opds.get(g.opdKey) as { people: number }).people += 1;
      }
      await upsert('rollup_person_month', rows, MONTH_UPSERT);
      continue;
    }
    const returned = await upsert<{ employee_id: string; month: string; entries: number }>(
      'rollup_person_month',
      rows,
      { ...MONTH_UPSERT, returning: ['employee_id', 'month', 'entries'] },
    );
    for (const row of returned) {
      const g = months.get(`${row.employee_id}|${row.month}`);
      if (!g) continue;
      const entries = Number(row.entries);
      let people = 0;
      if (g.entries !== 0 && entries === g.entries) people = 1;
      else if (entries === 0) people = -1;
      if (entries === 0)
        await drop('rollup_person_month', { tenant_id: tenantId, employee_id: g.employeeId, month: g.month });
      (units.get(g.unitKey) as { people: number }).people += people;
      (opds.get(g.opdKey) as { people: number }).people += people;
    }
  }

  for (const [table, key, groups] of [
    ['rollup_unit_month', 'unit_id', units],
    ['rollup_opd_month', 'opd_id', opds],
  ] as const) {
    for (const chunk of chunksOf(sorted(groups), 200)) {
      const rows = chunk.map((g) => ({
        tenant_id: tenantId,
        [key]: g.id,
        month: g.month,
        entries: g.entries,
        minutes_approved: g.approved,
        minutes_pending: g.pending,
        people: g.people,
      }));
      const shape = { conflict: ['tenant_id', key, 'month'], add: ORG_ADDED };
      const returned = await upsert<{ month: string; entries: number; unit_id?: string; opd_id?: string }>(
        table,
        rows,
        growOnly ? shape : { ...shape, returning: [key, 'month', 'entries'] },
      );
      for (const row of returned.filter((r) => Number(r.entries) === 0))
        await drop(table, {
          tenant_id: tenantId,
          [key]: (row.unit_id ?? row.opd_id) as string,
          month: row.month,
        });
    }
  }
}

function chunksOf<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const ROLLUP_TABLES = [
  'rollup_person_day',
  'rollup_person_month',
  'rollup_unit_month',
  'rollup_opd_month',
] as const;

const sumWhere = (status: string) =>
  sql<number>`coalesce(sum(case when status = ${status} then minutes else 0 end), 0)`;

/**
 * Recompute the tenant's rollups from the activity log. Call inside a transaction (see `rebuildRollups`).
 * People per unit/OPD-month are the distinct employees with an entry there, which is what the incremental
 * path maintains as long as nobody changes unit within a month.
 */
export async function rebuildRollupsIn(trx: DB, tenantId: string) {
  for (const table of ROLLUP_TABLES) await trx.deleteFrom(table).where('tenant_id', '=', tenantId).execute();
  const month = sql<string>`substr(date, 1, 7)`;
  await trx
    .insertInto('rollup_person_day')
    .columns([
      'tenant_id',
      'employee_id',
      'date',
      'entries',
      'minutes_logged',
      'minutes_approved',
      'minutes_pending',
    ])
    .expression(
      trx
        .selectFrom('activities')
        .select((eb) => [
          'tenant_id',
          'employee_id',
          'date',
          eb.fn.countAll<number>().as('entries'),
          eb.fn.sum<number>('minutes').as('minutes_logged'),
          sumWhere('approved').as('minutes_approved'),
          sumWhere('pending').as('minutes_pending'),
        ])
        .where('tenant_id', '=', tenantId)
        .groupBy(['tenant_id', 'employee_id', 'date']),
    )
    .execute();
  await trx
    .insertInto('rollup_person_month')
    .columns([
      'tenant_id',
      'employee_id',
      'month',
      'entries',
      'minutes_logged',
      'minutes_approved',
      'minutes_pending',
      'minutes_rejected',
    ])
    .expression(
      trx
        .selectFrom('activities')
        .select((eb) => [
          'tenant_id',
          'employee_id',
          month.as('month'),
          eb.fn.countAll<number>().as('entries'),
          eb.fn.sum<number>('minutes').as('minutes_logged'),
          sumWhere('approved').as('minutes_approved'),
          sumWhere('pending').as('minutes_pending'),
          sumWhere('rejected').as('minutes_rejected'),
        ])
        .where('tenant_id', '=', tenantId)
        .groupBy(['tenant_id', 'employee_id', month]),
    )
    .execute();
  // unit and OPD months: one row per unit, month and employee, folded here (the OPD comes from the path)
  const perPerson = await trx
    .selectFrom('activities')
    .select((eb) => [
      'unit_id',
      'employee_id',
      month.as('month'),
      eb.fn.countAll<number>().as('entries'),
      sumWhere('approved').as('approved'),
      sumWhere('pending').as('pending'),
    ])
    .where('tenant_id', '=', tenantId)
    .groupBy(['unit_id', 'employee_id', month])
    .execute();
  const paths = new Map(
    (await trx.selectFrom('units').select(['id', 'path']).where('tenant_id', '=', tenantId).execute()).map(
      (u) => [u.id, u.path],
    ),
  );
  const fold = (keyOf: (r: (typeof perPerson)[number]) => string) => {
    const out = new Map<
      string,
      { id: string; month: string; entries: number; approved: number; pending: number; people: Set<string> }
    >();
    for (const r of perPerson) {
      const id = keyOf(r);
      const k = `${id}|${r.month}`;
      const g = out.get(k) ?? {
        id,
        month: r.month,
        entries: 0,
        approved: 0,
        pending: 0,
        people: new Set<string>(),
      };
      g.entries += Number(r.entries);
      g.approved += Number(r.approved);
      g.pending += Number(r.pending);
      g.people.add(r.employee_id);
      out.set(k, g);
    }
    return [...out.values()];
  };
  const unitRows = fold((r) => r.unit_id).map((g) => ({
    tenant_id: tenantId,
    unit_id: g.id,
    month: g.month,
    entries: g.entries,
    minutes_approved: g.approved,
    minutes_pending: g.pending,
    people: g.people.size,
  }));
  const opdRows = fold((r) => opdOfPath(paths.get(r.unit_id) ?? `/${r.unit_id}/`)).map((g) => ({
    tenant_id: tenantId,
    opd_id: g.id,
    month: g.month,
    entries: g.entries,
    minutes_approved: g.approved,
    minutes_pending: g.pending,
    people: g.people.size,
  }));
  await inChunks(unitRows, (chunk) => trx.insertInto('rollup_unit_month').values(chunk).execute());
  await inChunks(opdRows, (chunk) => trx.insertInto('rollup_opd_month').values(chunk).execute());
  const counts: Record<string, number> = {};
  for (const table of ROLLUP_TABLES) {
    const row = await trx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Truncate and recompute one tenant's rollups from `activities`, in one transaction. */
export const rebuildRollups = (db: DB, tenantId: string) =>
  transaction(db, (trx) => rebuildRollupsIn(trx, tenantId));

// ---------------- workload reads (rollups and calendar only) ----------------
export const personDays = (db: DB, tenantId: string, employeeId: string, from: string, to: string) =>
  db
    .selectFrom('rollup_person_day')
    .select(['date', 'entries', 'minutes_logged', 'minutes_approved', 'minutes_pending'])
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();

export const personDay = (db: DB, tenantId: string, employeeId: string, dates: string[]) =>
  dates.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('rollup_person_day')
        .select(['date', 'minutes_approved', 'minutes_pending'])
        .where('tenant_id', '=', tenantId)
        .where('employee_id', '=', employeeId)
        .where('date', 'in', dates)
        .execute();

export const personMonths = (db: DB, tenantId: string, employeeIds: string[], months: string[]) =>
  employeeIds.length === 0 || months.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('rollup_person_month')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('employee_id', 'in', employeeIds)
        .where('month', 'in', months)
        .execute();

export async function holidaysBetween(db: DB, tenantId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('work_calendar')
    .select(['date', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return new Map(rows.map((r) => [r.date, r.name]));
}

export function leavesBetween(db: DB, tenantId: string, from: string, to: string, employeeIds?: string[]) {
  if (employeeIds && employeeIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('employee_leave')
    .select(['employee_id', 'start_date', 'end_date', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from);
  if (employeeIds) q = q.where('employee_id', 'in', employeeIds);
  return q.execute();
}

/** Active employees of a subtree (or the city) with their person-month rollup, if any. */
export function peopleWithMonth(db: DB, tenantId: string, month: string, unitPath: string | null) {
  let q = db
    .selectFrom('employees as e')
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'),
    )
    .leftJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
    )
    .leftJoin('rollup_person_month as m', (j) =>
      j
        .onRef('m.tenant_id', '=', 'e.tenant_id')
        .onRef('m.employee_id', '=', 'e.id')
        .on('m.month', '=', month),
    )
    .select([
      'e.id',
      'e.name',
      'e.nip',
      'p.name as position_name',
      'u.id as unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'm.entries',
      'm.minutes_approved',
      'm.minutes_pending',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.status', '=', 'active');
  if (unitPath) q = q.where(inSubtree('u.path', unitPath));
  return q.orderBy('e.name').orderBy('e.id').execute();
}

export const opdMonths = (db: DB, tenantId: string, month: string) =>
  db
    .selectFrom('rollup_opd_month')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('month', '=', month)
    .execute();

export const childUnits = (db: DB, tenantId: string, parentId: string) =>
  db
    .selectFrom('units')
    .select(['id', 'name', 'code', 'path'])
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', parentId)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();

export const rootUnit = (db: DB, tenantId: string) =>
  db
    .selectFrom('units')
    .select(['id', 'name', 'code', 'path', 'depth', 'parent_id'])
    .where('tenant_id', '=', tenantId)
    .where('parent_id', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();

/** Months of a year with any logged activity in the city (from the OPD rollup). */
export async function monthsWithData(db: DB, tenantId: string, year: number) {
  const rows = await db
    .selectFrom('rollup_opd_month')
    .select('month')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`)
    .orderBy('month')
    .execute();
  return rows.map((r) => r.month);
}

/** Active positions of a subtree with their holder (if any): the rows of an ABK. */
export const positionsWithHolders = (db: DB, tenantId: string, unitPath: string) =>
  db
    .selectFrom('positions as p')
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.unit_id'),
    )
    .leftJoin('employees as e', (j) =>
      j
        .onRef('e.tenant_id', '=', 'p.tenant_id')
        .onRef('e.position_id', '=', 'p.id')
        .on('e.status', '=', 'active'),
    )
    .select([
      'p.id',
      'p.name',
      'p.kind',
      'p.kelas',
      'u.id as unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'e.id as employee_id',
      'e.asn_type',
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.active', '=', 1)
    .where(inSubtree('u.path', unitPath))
    .orderBy('u.path')
    .orderBy('p.kelas', 'desc')
    .orderBy('p.name')
    .execute();

/** Approved minutes per employee over some months, for employees now in a subtree. */
export const approvedByEmployee = (db: DB, tenantId: string, unitPath: string, months: string[]) =>
  months.length === 0
    ? Promise.resolve([] as { employee_id: string; approved: number }[])
    : db
        .selectFrom('rollup_person_month as m')
        .innerJoin('employees as e', (j) =>
          j.onRef('e.tenant_id', '=', 'm.tenant_id').onRef('e.id', '=', 'm.employee_id'),
        )
        .innerJoin('units as u', (j) =>
          j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'),
        )
        .select((eb) => ['m.employee_id', eb.fn.sum<number>('m.minutes_approved').as('approved')])
        .where('m.tenant_id', '=', tenantId)
        .where('m.month', 'in', months)
        .where(inSubtree('u.path', unitPath))
        .groupBy('m.employee_id')
        .execute();

// ---------------- city rules ----------------
export async function tenantSettingsText(db: DB, tenantId: string): Promise<string | null> {
  const row = await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  return row?.settings ?? null;
}

export const saveTenantSettingsText = (db: DB, tenantId: string, text: string) =>
  db.updateTable('tenants').set({ settings: text }).where('id', '=', tenantId).execute();
