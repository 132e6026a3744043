/**
 * Reads of the performance account and the person search. Every query is indexed and bounded: one person's
 * rows (SKP, realisations, the month's activities, rollups) or a walk of the position tree by recursive
 * CTE (both dialects), never a scan of the activity log.
 */
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';

// ---------------- the person ----------------
export const findSubject = (db: DB, tenantId: string, employeeId: string) =>
  db
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
      'e.golongan',
      'e.education',
      'e.status',
      'e.position_id',
      'p.name as position_name',
      'p.kind as position_kind',
      'p.kelas as position_kelas',
      'e.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.id', '=', employeeId)
    .executeTakeFirst();
export type Subject = NonNullable<Awaited<ReturnType<typeof findSubject>>>;

export const unitName = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

export interface ChainRow {
  id: string;
  name: string;
  depth: number;
  holder_id: string | null;
  holder_name: string | null;
  holder_nip: string | null;
  acting_id: string | null;
  acting_name: string | null;
  acting_nip: string | null;
}

/**
 * The position and every position above it (depth 0 = the position itself, at most 12 levels), each with its
 * active holder and active acting holder (Plt./Plh.): one query instead of a walk with one query per level.
 */
export async function positionChain(db: DB, tenantId: string, positionId: string): Promise<ChainRow[]> {
  const result = await sql<ChainRow>`
    WITH RECURSIVE chain(id, parent_id, name, depth) AS (
      SELECT id, parent_position_id, name, 0 FROM positions WHERE tenant_id = ${tenantId} AND id = ${positionId}
      UNION ALL
      SELECT p.id, p.parent_position_id, p.name, c.depth + 1
      FROM chain c CROSS JOIN positions p
      WHERE p.tenant_id = ${tenantId} AND p.id = c.parent_id AND c.depth < 12
    )
    SELECT c.id, c.name, c.depth,
      h.id AS holder_id, h.name AS holder_name, h.nip AS holder_nip,
      ae.id AS acting_id, ae.name AS acting_name, ae.nip AS acting_nip
    FROM chain c
    LEFT JOIN employees h ON h.tenant_id = ${tenantId} AND h.position_id = c.id AND h.status = 'active'
    LEFT JOIN acting_assignments a ON a.tenant_id = ${tenantId} AND a.position_id = c.id AND a.active = 1
    LEFT JOIN employees ae ON ae.tenant_id = ${tenantId} AND ae.id = a.employee_id
    ORDER BY c.depth`.execute(db);
  return result.rows.map((r) => ({ ...r, depth: Number(r.depth) }));
}

// ---------------- SKP ----------------
export const periodById = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('periods')
    .select(['id', 'year', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

/** The period of `year`, else the latest one before it, else the earliest. */
export async function periodForYear(db: DB, tenantId: string, year: number) {
  const rows = await db
    .selectFrom('periods')
    .select(['id', 'year', 'status'])
    .where('tenant_id', '=', tenantId)
    .orderBy('year', 'desc')
    .execute();
  return rows.find((p) => p.year === year) ?? rows.find((p) => p.year < year) ?? rows[rows.length - 1];
}

export const skpsOf = (db: DB, tenantId: string, periodId: string, employeeId: string) =>
  db
    .selectFrom('skps as s')
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.position_id'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'),
    )
    .select([
      's.id',
      's.status',
      's.revision',
      's.position_id',
      'p.name as position_name',
      'u.path as unit_path',
      's.return_reason',
      's.approved_at',
      's.created_at',
      's.updated_at',
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.period_id', '=', periodId)
    .where('s.employee_id', '=', employeeId)
    .orderBy('s.created_at', 'desc')
    .execute();

/** RHKs and their indicators in one read (an RHK without indicators comes back once, with null columns). */
export const planOf = (db: DB, tenantId: string, skpId: string) =>
  db
    .selectFrom('rhks as r')
    .leftJoin('rhk_indicators as i', (j) =>
      j.onRef('i.tenant_id', '=', 'r.tenant_id').onRef('i.rhk_id', '=', 'r.id'),
    )
    .select([
      'r.id as rhk_id',
      'r.kind',
      'r.text',
      'r.sort as rhk_sort',
      'i.id as indicator_id',
      'i.sort as indicator_sort',
      'i.aspect',
      'i.name',
      'i.target_value',
      'i.target_text',
      'i.unit',
      'i.direction',
    ])
    .where('r.tenant_id', '=', tenantId)
    .where('r.skp_id', '=', skpId)
    .orderBy('r.sort')
    .orderBy('i.sort')
    .execute();

export const realisationsOf = (db: DB, tenantId: string, skpId: string) =>
  db
    .selectFrom('realisations as r')
    .leftJoin('employees as d', (j) =>
      j.onRef('d.tenant_id', '=', 'r.tenant_id').onRef('d.id', '=', 'r.decided_by'),
    )
    .select([
      'r.id',
      'r.indicator_id',
      'r.quarter',
      'r.value',
      'r.status',
      'r.reject_reason',
      'r.decided_at',
      'r.updated_at',
      'd.name as decided_by_name',
    ])
    .where('r.tenant_id', '=', tenantId)
    .where('r.skp_id', '=', skpId)
    .orderBy('r.quarter')
    .execute();

export const eventsOf = (db: DB, tenantId: string, skpId: string) =>
  db
    .selectFrom('skp_events')
    .select(['id', 'action', 'actor_name', 'reason', 'at'])
    .where('tenant_id', '=', tenantId)
    .where('skp_id', '=', skpId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();

// ---------------- activities ----------------
/** The month's entries of one person, newest first (index: tenant, employee, date). */
export const monthActivities = (
  db: DB,
  tenantId: string,
  employeeId: string,
  from: string,
  to: string,
  limit: number,
) =>
  db
    .selectFrom('activities as a')
    .innerJoin('activity_catalog as c', (j) =>
      j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.catalog_id'),
    )
    .select([
      'a.id',
      'a.date',
      'c.name as catalog_name',
      'c.output_unit',
      'a.quantity',
      'a.original_quantity',
      'a.minutes',
      'a.status',
      'a.reject_reason',
      'a.start_time',
      'a.end_time',
      'a.created_at',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.employee_id', '=', employeeId)
    .where('a.date', '>=', from)
    .where('a.date', '<=', to)
    .orderBy('a.date', 'desc')
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();

export interface PendingRow {
  entries: number;
  minutes: number;
  oldest: string | null;
  open_entries: number;
  open_minutes: number;
  open_oldest: string | null;
}

/**
 * Pending entries among the rows scanned: the status is tested inside the aggregates, never in the WHERE
 * clause, so that the only usable index is (tenant, employee, date) — a status index would make the planner
 * walk every pending entry of the city.
 */
const pendingColumns = (openFrom: string) => sql`
  coalesce(sum(CASE WHEN a.status = 'pending' THEN 1 ELSE 0 END), 0) AS entries,
  coalesce(sum(CASE WHEN a.status = 'pending' THEN a.minutes ELSE 0 END), 0) AS minutes,
  min(CASE WHEN a.status = 'pending' THEN a.date END) AS oldest,
  coalesce(sum(CASE WHEN a.status = 'pending' AND a.date >= ${openFrom} THEN 1 ELSE 0 END), 0) AS open_entries,
  coalesce(sum(CASE WHEN a.status = 'pending' AND a.date >= ${openFrom} THEN a.minutes ELSE 0 END), 0)
    AS open_minutes,
  min(CASE WHEN a.status = 'pending' AND a.date >= ${openFrom} THEN a.date END) AS open_oldest`;

const toPending = (r: PendingRow | undefined): PendingRow => ({
  entries: Number(r?.entries ?? 0),
  minutes: Number(r?.minutes ?? 0),
  oldest: r?.oldest ?? null,
  open_entries: Number(r?.open_entries ?? 0),
  open_minutes: Number(r?.open_minutes ?? 0),
  open_oldest: r?.open_oldest ?? null,
});

/**
 * One person's entries still waiting for the atasan, dated `since` or later; `openFrom` = the first date whose
 * verification window is still open (older pending entries no longer count).
 */
export async function ownPending(
  db: DB,
  tenantId: string,
  employeeId: string,
  openFrom: string,
  since: string,
) {
  const result = await sql<PendingRow>`
    SELECT ${pendingColumns(openFrom)}
    FROM activities a
    WHERE a.tenant_id = ${tenantId} AND a.employee_id = ${employeeId} AND a.date >= ${since}`.execute(db);
  return toPending(result.rows[0]);
}

/**
 * The verification queue of `employeeId` as atasan: their direct subordinates — holders of the positions
 * right below the positions they hold or act in, walking past vacant posts without an acting holder (the
 * rule of the verification queue) — and those people's pending entries. One query.
 */
export async function queueOf(db: DB, tenantId: string, employeeId: string, openFrom: string, since: string) {
  const result = await sql<PendingRow & { subordinates: number }>`
    WITH RECURSIVE mine(id) AS (
      SELECT position_id FROM employees
      WHERE tenant_id = ${tenantId} AND id = ${employeeId} AND status = 'active' AND position_id IS NOT NULL
      UNION
      SELECT position_id FROM acting_assignments
      WHERE tenant_id = ${tenantId} AND employee_id = ${employeeId} AND active = 1
    ),
    walk(id, depth) AS (
      SELECT p.id, 1 FROM positions p
      WHERE p.tenant_id = ${tenantId} AND p.active = 1 AND p.parent_position_id IN (SELECT id FROM mine)
      UNION ALL
      SELECT p.id, w.depth + 1 FROM walk w CROSS JOIN positions p
      WHERE p.tenant_id = ${tenantId} AND p.parent_position_id = w.id AND p.active = 1 AND w.depth < 6
        AND NOT EXISTS (SELECT 1 FROM employees h
          WHERE h.tenant_id = ${tenantId} AND h.position_id = w.id AND h.status = 'active')
        AND NOT EXISTS (SELECT 1 FROM acting_assignments x
          WHERE x.tenant_id = ${tenantId} AND x.position_id = w.id AND x.active = 1)
    ),
    subs(id) AS (
      SELECT DISTINCT e.id FROM employees e
      WHERE e.tenant_id = ${tenantId} AND e.position_id IN (SELECT id FROM walk) AND e.status = 'active'
        AND e.id <> ${employeeId}
    )
    SELECT (SELECT count(*) FROM subs) AS subordinates, ${pendingColumns(openFrom)}
    FROM subs s CROSS JOIN activities a
    WHERE a.tenant_id = ${tenantId} AND a.employee_id = s.id AND a.date >= ${since}`.execute(db);
  const row = result.rows[0];
  return { subordinates: Number(row?.subordinates ?? 0), ...toPending(row) };
}

// ---------------- person search ----------------
export interface SearchRow {
  id: string;
  name: string;
  nip: string;
  status: string;
  position_name: string | null;
  unit_name: string | null;
}

export interface SearchFilter {
  q: string;
  after?: { name: string; id: string };
  limit: number;
  /** null: the whole city */
  scope: null | { unitPaths: string[]; selfId: string | null; superiorOf: string | null };
}

/**
 * People of the city by name (contains, case-insensitive) or NIP (prefix, as digits), ordered by name, limited
 * to the caller's scope: themself, the subtrees of their admin_opd grants, and everyone below the positions
 * they hold or act in (recursive CTE over the position tree).
 */
export async function searchPeople(db: DB, tenantId: string, f: SearchFilter): Promise<SearchRow[]> {
  const digits = f.q.replace(/\s+/g, '');
  const byNip = /^\d{3,18}$/.test(digits);
  const match = byNip
    ? sql`e.nip LIKE ${`${digits}%`}`
    : sql`lower(e.name) LIKE ${`%${f.q
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`;
  const after = f.after
    ? sql`AND (e.name > ${f.after.name} OR (e.name = ${f.after.name} AND e.id > ${f.after.id}))`
    : sql``;
  let cte = sql``;
  let scope = sql``;
  if (f.scope) {
    const parts = [sql`e.id = ${f.scope.selfId ?? ''}`];
    for (const path of f.scope.unitPaths) parts.push(sql`substr(u.path, 1, ${path.length}) = ${path}`);
    if (f.scope.superiorOf) {
      cte = sql`WITH RECURSIVE mine(id) AS (
          SELECT position_id FROM employees
          WHERE tenant_id = ${tenantId} AND id = ${f.scope.superiorOf} AND status = 'active'
            AND position_id IS NOT NULL
          UNION
          SELECT position_id FROM acting_assignments
          WHERE tenant_id = ${tenantId} AND employee_id = ${f.scope.superiorOf} AND active = 1
        ),
        below(id, depth) AS (
          SELECT p.id, 1 FROM positions p
          WHERE p.tenant_id = ${tenantId} AND p.parent_position_id IN (SELECT id FROM mine)
          UNION ALL
          SELECT p.id, b.depth + 1 FROM below b CROSS JOIN positions p
          WHERE p.tenant_id = ${tenantId} AND p.parent_position_id = b.id AND b.depth < 12
        )`;
      parts.push(sql`e.position_id IN (SELECT id FROM below)`);
    }
    scope = sql`AND (${sql.join(parts, sql` OR `)})`;
  }
  const result = await sql<SearchRow>`
    ${cte}
    SELECT e.id, e.name, e.nip, e.status, p.name AS position_name, u.name AS unit_name
    FROM employees e
    LEFT JOIN positions p ON p.tenant_id = e.tenant_id AND p.id = e.position_id
    LEFT JOIN units u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id
    WHERE e.tenant_id = ${tenantId} AND ${match} ${scope} ${after}
    ORDER BY e.name, e.id
    LIMIT ${f.limit}`.execute(db);
  return result.rows;
}
