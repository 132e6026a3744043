import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { EmployeeTable, PositionTable, UnitTable } from '../../db/schema.ts';

// A `%` or `_` typed by the user only widens their own search, so it is not escaped.
const likeText = (q: string) => `%${q.toLowerCase()}%`;

// ---------- units ----------
export const unitColumns = [
  'u.id',
  'u.code',
  'u.name',
  'u.type',
  'u.parent_id',
  'u.path',
  'u.depth',
  'u.valid_from',
  'u.valid_to',
  'u.active',
] as const;

export function listUnits(
  db: DB,
  tenantId: string,
  f: { parentId?: string; q?: string; includeInactive?: boolean },
) {
  const positionCounts = db
    .selectFrom('positions')
    .select(['unit_id', sql<number>`count(*)`.as('n')])
    .where('tenant_id', '=', tenantId)
    .where('active', '=', 1)
    .groupBy('unit_id')
    .as('pc');
  const employeeCounts = db
    .selectFrom('employees')
    .select(['unit_id', sql<number>`count(*)`.as('n')])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .groupBy('unit_id')
    .as('ec');
  let q = db
    .selectFrom('units as u')
    .leftJoin(positionCounts, 'pc.unit_id', 'u.id')
    .leftJoin(employeeCounts, 'ec.unit_id', 'u.id')
    .select([...unitColumns, 'pc.n as position_count', 'ec.n as employee_count'])
    .where('u.tenant_id', '=', tenantId);
  if (!f.includeInactive) q = q.where('u.active', '=', 1);
  if (f.parentId) q = q.where('u.parent_id', '=', f.parentId);
  if (f.q) {
    const like = likeText(f.q);
    q = q.where((eb) =>
      eb.or([eb(eb.fn('lower', ['u.name']), 'like', like), eb(eb.fn('lower', ['u.code']), 'like', like)]),
    );
  }
  return q.orderBy('u.depth').orderBy('u.code').execute();
}

export const findUnit = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('units as u')
    .select(unitColumns)
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', id)
    .executeTakeFirst();

export const findUnitByCode = (db: DB, tenantId: string, code: string) =>
  db
    .selectFrom('units')
    .select(['id'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();

export const findUnitsByIds = (db: DB, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .execute();

export const insertUnit = (db: DB, row: UnitTable) => db.insertInto('units').values(row).execute();

export const updateUnit = (db: DB, tenantId: string, id: string, patch: Partial<UnitTable>) =>
  db.updateTable('units').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

/** Re-root a subtree: every path under `oldPrefix` moves under `newPrefix`. */
export const moveSubtree = (
  db: DB,
  tenantId: string,
  oldPrefix: string,
  newPrefix: string,
  depthDelta: number,
  at: string,
) =>
  db
    .updateTable('units')
    .set({
      path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
      updated_at: at,
    })
    .where('tenant_id', '=', tenantId)
    .where(sql<boolean>`substr(path, 1, ${oldPrefix.length}) = ${oldPrefix}`)
    .execute();

export const countActiveChildren = async (db: DB, tenantId: string, unitId: string) =>
  Number(
    (
      await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('parent_id', '=', unitId)
        .where('active', '=', 1)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const countChildren = async (db: DB, tenantId: string, unitId: string) =>
  Number(
    (
      await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('parent_id', '=', unitId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const countPositionsInUnit = async (db: DB, tenantId: string, unitId: string, activeOnly: boolean) => {
  let q = db
    .selectFrom('positions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId);
  if (activeOnly) q = q.where('active', '=', 1);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

export const countActiveEmployeesInUnit = async (db: DB, tenantId: string, unitId: string) =>
  Number(
    (
      await db
        .selectFrom('employees')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('unit_id', '=', unitId)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow()
    ).n,
  );

export const countUnitReferences = async (db: DB, tenantId: string, unitId: string) => {
  const [emp, hist, roles] = await Promise.all([
    db
      .selectFrom('employees')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('position_history')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('user_roles')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow(),
  ]);
  return Number(emp.n) + Number(hist.n) + Number(roles.n);
};

export const deleteUnit = (db: DB, tenantId: string, id: string) =>
  db.deleteFrom('units').where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export async function orgStats(db: DB, tenantId: string) {
  const count = (table: 'units' | 'positions' | 'employees') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId);
  const [units, positions, employees, active, held] = await Promise.all([
    count('units').where('active', '=', 1).executeTakeFirstOrThrow(),
    count('positions').where('active', '=', 1).executeTakeFirstOrThrow(),
    count('employees').executeTakeFirstOrThrow(),
    count('employees').where('status', '=', 'active').executeTakeFirstOrThrow(),
    db
      .selectFrom('employees')
      .select((eb) => eb.fn.count('position_id').distinct().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    units: Number(units.n),
    positions: Number(positions.n),
    vacantPositions: Number(positions.n) - Number(held.n),
    employees: Number(employees.n),
    activeEmployees: Number(active.n),
  };
}

// ---------- positions ----------
export interface PositionFilter {
  unitId?: string;
  vacant?: boolean;
  q?: string;
  after?: { kelas: number; code: string };
  limit: number;
  ids?: string[];
}

export function listPositions(db: DB, tenantId: string, f: PositionFilter) {
  let q = db
    .selectFrom('positions as p')
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.unit_id'),
    )
    .leftJoin('positions as pp', (j) =>
      j.onRef('pp.tenant_id', '=', 'p.tenant_id').onRef('pp.id', '=', 'p.parent_position_id'),
    )
    .leftJoin('employees as h', (j) =>
      j
        .onRef('h.tenant_id', '=', 'p.tenant_id')
        .onRef('h.position_id', '=', 'p.id')
        .on('h.status', '=', 'active'),
    )
    .leftJoin('acting_assignments as a', (j) =>
      j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.position_id', '=', 'p.id').on('a.active', '=', 1),
    )
    .leftJoin('employees as ae', (j) =>
      j.onRef('ae.tenant_id', '=', 'a.tenant_id').onRef('ae.id', '=', 'a.employee_id'),
    )
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.kind',
      'p.kelas',
      'p.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'p.parent_position_id',
      'pp.name as parent_position_name',
      'p.is_key',
      'p.active',
      'h.id as holder_id',
      'h.name as holder_name',
      'h.nip as holder_nip',
      'ae.id as acting_id',
      'ae.name as acting_name',
      'ae.nip as acting_nip',
      'a.kind as acting_kind',
    ])
    .where('p.tenant_id', '=', tenantId);
  if (f.ids) q = q.where('p.id', 'in', f.ids);
  if (f.unitId) q = q.where('p.unit_id', '=', f.unitId);
  if (f.vacant === true) q = q.where('h.id', 'is', null).where('p.active', '=', 1);
  if (f.vacant === false) q = q.where('h.id', 'is not', null);
  if (f.q) {
    const like = likeText(f.q);
    q = q.where((eb) =>
      eb.or([eb(eb.fn('lower', ['p.name']), 'like', like), eb(eb.fn('lower', ['p.code']), 'like', like)]),
    );
  }
  if (f.after) {
    const { kelas, code } = f.after;
    q = q.where((eb) =>
      eb.or([eb('p.kelas', '<', kelas), eb.and([eb('p.kelas', '=', kelas), eb('p.code', '>', code)])]),
    );
  }
  return q.orderBy('p.kelas', 'desc').orderBy('p.code').limit(f.limit).execute();
}
export type PositionRow = Awaited<ReturnType<typeof listPositions>>[number];

export const findPositionCore = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('positions as p')
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.unit_id'),
    )
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.kind',
      'p.kelas',
      'p.unit_id',
      'p.parent_position_id',
      'p.is_key',
      'p.active',
      'u.path as unit_path',
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', id)
    .executeTakeFirst();

export const findHolder = (db: DB, tenantId: string, positionId: string) =>
  db
    .selectFrom('employees')
    .select(['id', 'name', 'nip'])
    .where('tenant_id', '=', tenantId)
    .where('position_id', '=', positionId)
    .where('status', '=', 'active')
    .executeTakeFirst();

export const findActing = (db: DB, tenantId: string, positionId: string) =>
  db
    .selectFrom('acting_assignments as a')
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'a.tenant_id').onRef('e.id', '=', 'a.employee_id'),
    )
    .select(['a.id', 'a.kind', 'a.start_date', 'e.id as employee_id', 'e.name', 'e.nip', 'e.position_id'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.position_id', '=', positionId)
    .where('a.active', '=', 1)
    .executeTakeFirst();

export const insertPosition = (db: DB, row: PositionTable) =>
  db.insertInto('positions').values(row).execute();

export const updatePosition = (db: DB, tenantId: string, id: string, patch: Partial<PositionTable>) =>
  db.updateTable('positions').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const findPositionByCode = (db: DB, tenantId: string, code: string) =>
  db
    .selectFrom('positions')
    .select(['id'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();

export const endActing = (db: DB, tenantId: string, positionId: string, endDate: string) =>
  db
    .updateTable('acting_assignments')
    .set({ active: 0, end_date: endDate })
    .where('tenant_id', '=', tenantId)
    .where('position_id', '=', positionId)
    .where('active', '=', 1)
    .execute();

export const insertActing = (
  db: DB,
  row: {
    tenant_id: string;
    id: string;
    position_id: string;
    employee_id: string;
    kind: string;
    start_date: string;
    end_date: string | null;
    active: 0 | 1;
  },
) => db.insertInto('acting_assignments').values(row).execute();

// ---------- employees ----------
export interface EmployeeFilter {
  unitPath?: string;
  q?: string;
  status?: string;
  after?: { name: string; id: string };
  limit: number;
}

export function listEmployees(db: DB, tenantId: string, f: EmployeeFilter) {
  let q = db
    .selectFrom('employees as e')
    .leftJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
    )
    .leftJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'))
    .select([
      'e.id',
      'e.nip',
      'e.name',
      'e.asn_type',
      'e.position_id',
      'p.name as position_name',
      'e.unit_id',
      'u.name as unit_name',
      'e.status',
    ])
    .where('e.tenant_id', '=', tenantId);
  if (f.unitPath) q = q.where(sql<boolean>`substr(u.path, 1, ${f.unitPath.length}) = ${f.unitPath}`);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.q) {
    const digits = f.q.replace(/\s+/g, '');
    q = /^\d{3,18}$/.test(digits)
      ? q.where('e.nip', 'like', `${digits}%`)
      : q.where(sql<boolean>`lower(e.name) like ${likeText(f.q)}`);
  }
  if (f.after) {
    const { name, id } = f.after;
    q = q.where((eb) =>
      eb.or([eb('e.name', '>', name), eb.and([eb('e.name', '=', name), eb('e.id', '>', id)])]),
    );
  }
  return q.orderBy('e.name').orderBy('e.id').limit(f.limit).execute();
}

const employeeWithPlace = (db: DB, tenantId: string) =>
  db
    .selectFrom('employees as e')
    .leftJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
    )
    .leftJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'))
    .selectAll('e')
    .select([
      'p.name as position_name',
      'p.kind as position_kind',
      'p.parent_position_id',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('e.tenant_id', '=', tenantId);

export const findEmployee = (db: DB, tenantId: string, id: string) =>
  employeeWithPlace(db, tenantId).where('e.id', '=', id).executeTakeFirst();

export const findEmployeesQuery = (db: DB, tenantId: string, ids: string[]) =>
  ids.length === 0 ? null : employeeWithPlace(db, tenantId).where('e.id', 'in', ids);

export const findEmployeeByNip = (db: DB, tenantId: string, nip: string) =>
  db
    .selectFrom('employees')
    .select(['id'])
    .where('tenant_id', '=', tenantId)
    .where('nip', '=', nip)
    .executeTakeFirst();

export const insertEmployee = (db: DB, row: EmployeeTable) =>
  db.insertInto('employees').values(row).execute();

export const updateEmployee = (db: DB, tenantId: string, id: string, patch: Partial<EmployeeTable>) =>
  db.updateTable('employees').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const positionHistory = (db: DB, tenantId: string, employeeId: string) =>
  db
    .selectFrom('position_history as h')
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'h.tenant_id').onRef('p.id', '=', 'h.position_id'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'h.tenant_id').onRef('u.id', '=', 'h.unit_id'),
    )
    .select([
      'h.position_id',
      'p.name as position_name',
      'u.name as unit_name',
      'h.start_date',
      'h.end_date',
      'h.reason',
    ])
    .where('h.tenant_id', '=', tenantId)
    .where('h.employee_id', '=', employeeId)
    .orderBy('h.start_date', 'desc')
    .execute();

export const closeOpenHistory = (db: DB, tenantId: string, employeeId: string, endDate: string) =>
  db
    .updateTable('position_history')
    .set({ end_date: endDate })
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .where('end_date', 'is', null)
    .execute();

export const insertHistory = (
  db: DB,
  row: {
    tenant_id: string;
    id: string;
    employee_id: string;
    position_id: string;
    unit_id: string;
    start_date: string;
    end_date: string | null;
    reason: string | null;
  },
) => db.insertInto('position_history').values(row).execute();

/** Is `actorEmployeeId` the holder or acting holder of a position above `positionId`? (at most 12 levels) */
export async function positionChain(db: DB, tenantId: string, positionId: string) {
  const chain: { id: string; parent_position_id: string | null; name: string; kind: string }[] = [];
  let current: string | null = positionId;
  for (let i = 0; current && i < 12; i++) {
    const row = await db
      .selectFrom('positions')
      .select(['id', 'parent_position_id', 'name', 'kind'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', current)
      .executeTakeFirst();
    if (!row) break;
    chain.push(row);
    current = row.parent_position_id;
  }
  return chain;
}
