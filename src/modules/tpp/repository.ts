/** Kysely SQL of the TPP module. Set-based: a month's facts for the whole city are a handful of queries. */
import type { DB, Dialect } from '../../db/index.ts';
import type { TppLineTable, TppRunTable } from '../../db/schema.ts';

// ---------------- settings ----------------
export const paguRows = (db: DB, tenantId: string) =>
  db
    .selectFrom('tpp_pagu')
    .select(['kelas', 'amount'])
    .where('tenant_id', '=', tenantId)
    .orderBy('kelas')
    .execute();

export const weightRows = (db: DB, tenantId: string) =>
  db
    .selectFrom('tpp_weights')
    .select(['position_group', 'kinerja_bp', 'disiplin_bp', 'kinerja_enabled', 'disiplin_enabled'])
    .where('tenant_id', '=', tenantId)
    .orderBy('position_group')
    .execute();

export const ruleRow = (db: DB, tenantId: string) =>
  db
    .selectFrom('tpp_rules')
    .select(['bpjs_bp', 'bpjs_cap', 'acting_share_bp'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();

export async function replaceSettings(
  trx: DB,
  tenantId: string,
  at: string,
  s: {
    pagu: { kelas: number; amount: number }[];
    weights: {
      group: string;
      kinerjaBp: number;
      disiplinBp: number;
      kinerjaEnabled: boolean;
      disiplinEnabled: boolean;
    }[];
    rules: { bpjsBp: number; bpjsCap: number | null; actingShareBp: number };
  },
) {
  await trx.deleteFrom('tpp_pagu').where('tenant_id', '=', tenantId).execute();
  await trx
    .insertInto('tpp_pagu')
    .values(s.pagu.map((p) => ({ tenant_id: tenantId, kelas: p.kelas, amount: p.amount, updated_at: at })))
    .execute();
  await trx.deleteFrom('tpp_weights').where('tenant_id', '=', tenantId).execute();
  await trx
    .insertInto('tpp_weights')
    .values(
      s.weights.map((w) => ({
        tenant_id: tenantId,
        position_group: w.group,
        kinerja_bp: w.kinerjaBp,
        disiplin_bp: w.disiplinBp,
        kinerja_enabled: w.kinerjaEnabled ? 1 : 0,
        disiplin_enabled: w.disiplinEnabled ? 1 : 0,
        updated_at: at,
      })),
    )
    .execute();
  await trx.deleteFrom('tpp_rules').where('tenant_id', '=', tenantId).execute();
  await trx
    .insertInto('tpp_rules')
    .values({
      tenant_id: tenantId,
      bpjs_bp: s.rules.bpjsBp,
      bpjs_cap: s.rules.bpjsCap,
      acting_share_bp: s.rules.actingShareBp,
      updated_at: at,
    })
    .execute();
}

// ---------------- the month's facts ----------------
const inIds = <T>(ids: readonly T[] | undefined) => ids !== undefined;

/** Position history rows overlapping the month (end_date is exclusive: the day of a move belongs to the new post). */
export function historyIn(
  db: DB,
  tenantId: string,
  from: string,
  to: string,
  employeeIds?: readonly string[],
) {
  let q = db
    .selectFrom('position_history')
    .select(['employee_id', 'position_id', 'unit_id', 'start_date', 'end_date'])
    .where('tenant_id', '=', tenantId)
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', from)]));
  if (inIds(employeeIds)) q = q.where('employee_id', 'in', employeeIds as string[]);
  return q.execute();
}

/** Plt assignments overlapping the month (Plh stand-ins earn no additional TPP). */
export function actingIn(
  db: DB,
  tenantId: string,
  from: string,
  to: string,
  employeeIds?: readonly string[],
) {
  let q = db
    .selectFrom('acting_assignments')
    .select(['employee_id', 'position_id', 'start_date', 'end_date'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'plt')
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', from)]));
  if (inIds(employeeIds)) q = q.where('employee_id', 'in', employeeIds as string[]);
  return q.execute();
}

export function employeesOf(db: DB, tenantId: string, employeeIds?: readonly string[]) {
  let q = db
    .selectFrom('employees')
    .select(['id', 'name', 'nip', 'position_id', 'status'])
    .where('tenant_id', '=', tenantId);
  if (inIds(employeeIds)) q = q.where('id', 'in', employeeIds as string[]);
  return q.execute();
}

export function positionsOf(db: DB, tenantId: string, ids?: readonly string[]) {
  if (ids && ids.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('positions')
    .select(['id', 'name', 'kind', 'kelas', 'unit_id'])
    .where('tenant_id', '=', tenantId);
  if (ids) q = q.where('id', 'in', ids as string[]);
  return q.execute();
}

export function unitsOf(db: DB, tenantId: string, ids?: readonly string[]) {
  if (ids && ids.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('units').select(['id', 'name', 'path']).where('tenant_id', '=', tenantId);
  if (ids) q = q.where('id', 'in', ids as string[]);
  return q.execute();
}

export function monthRollups(db: DB, tenantId: string, month: string, employeeIds?: readonly string[]) {
  let q = db
    .selectFrom('rollup_person_month')
    .select(['employee_id', 'minutes_approved', 'minutes_pending'])
    .where('tenant_id', '=', tenantId)
    .where('month', '=', month);
  if (inIds(employeeIds)) q = q.where('employee_id', 'in', employeeIds as string[]);
  return q.execute();
}

// ---------------- runs ----------------
export type RunRow = TppRunTable;

export const findRun = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('tpp_runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findRunByMonth = (db: DB, tenantId: string, month: string) =>
  db
    .selectFrom('tpp_runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('month', '=', month)
    .executeTakeFirst();

/** The run row under a row lock (PostgreSQL), so two recomputes or a recompute and a lock serialise. */
export function lockRun(trx: DB, dialect: Dialect, tenantId: string, id: string) {
  let q = trx.selectFrom('tpp_runs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export const listRuns = (db: DB, tenantId: string, limit: number, beforeMonth?: string) => {
  let q = db.selectFrom('tpp_runs').selectAll().where('tenant_id', '=', tenantId);
  if (beforeMonth) q = q.where('month', '<', beforeMonth);
  return q.orderBy('month', 'desc').limit(limit).execute();
};

export const insertRun = (trx: DB, row: TppRunTable) => trx.insertInto('tpp_runs').values(row).execute();

export const updateRun = (trx: DB, tenantId: string, id: string, patch: Partial<TppRunTable>) =>
  trx.updateTable('tpp_runs').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const deleteLines = (trx: DB, tenantId: string, runId: string) =>
  trx.deleteFrom('tpp_lines').where('tenant_id', '=', tenantId).where('run_id', '=', runId).execute();

/** Multi-row inserts sized under both dialects' bound-parameter limits (36 columns × 400 rows). */
export async function insertLines(trx: DB, rows: TppLineTable[]) {
  for (let i = 0; i < rows.length; i += 400) {
    await trx
      .insertInto('tpp_lines')
      .values(rows.slice(i, i + 400))
      .execute();
  }
}

/** Totals per OPD, summed by the database from the stored lines. */
export const opdTotals = (db: DB, tenantId: string, runId: string) =>
  db
    .selectFrom('tpp_lines')
    .select((eb) => [
      'opd_id',
      'opd_name',
      eb.fn.countAll<number>().as('employees'),
      eb.fn.sum<number>('base').as('base'),
      eb.fn.sum<number>('komponen_kinerja').as('kinerja'),
      eb.fn.sum<number>('disiplin_max').as('disiplin_max'),
      eb.fn.sum<number>('komponen_disiplin').as('disiplin'),
      eb.fn.sum<number>('potongan').as('potongan'),
      eb.fn.sum<number>('bruto').as('bruto'),
      eb.fn.sum<number>('bpjs').as('bpjs'),
      eb.fn.sum<number>('netto').as('netto'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('run_id', '=', runId)
    .groupBy(['opd_id', 'opd_name'])
    .orderBy('opd_name')
    .execute();

export interface LineFilter {
  opdId?: string;
  q?: string;
  /** keyset: (name, employee_id) after this pair */
  after?: { name: string; id: string };
  limit: number;
}

export function listLines(db: DB, tenantId: string, runId: string, f: LineFilter) {
  let q = db
    .selectFrom('tpp_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('run_id', '=', runId);
  if (f.opdId) q = q.where('opd_id', '=', f.opdId);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('nip', 'like', `%${f.q}%`)]));
  }
  const after = f.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('name', '>', after.name),
        eb.and([eb('name', '=', after.name), eb('employee_id', '>', after.id)]),
      ]),
    );
  return q.orderBy('name').orderBy('employee_id').limit(f.limit).execute();
}

/** Lines of one OPD (or all), in payroll order: OPD, then kelas descending, then name. */
export function linesForExport(db: DB, tenantId: string, runId: string, opdId?: string) {
  let q = db
    .selectFrom('tpp_lines')
    .select([
      'opd_id',
      'opd_name',
      'name',
      'nip',
      'position_name',
      'kelas',
      'base',
      'komponen_kinerja',
      'disiplin_max',
      'komponen_disiplin',
      'potongan',
      'bruto',
      'bpjs',
      'netto',
      'acting_base',
      'detail_json',
    ])
    .where('tenant_id', '=', tenantId)
    .where('run_id', '=', runId);
  if (opdId) q = q.where('opd_id', '=', opdId);
  return q
    .orderBy('opd_name')
    .orderBy('opd_id')
    .orderBy('kelas', 'desc')
    .orderBy('name')
    .orderBy('employee_id')
    .execute();
}

export const findLine = (db: DB, tenantId: string, runId: string, employeeId: string) =>
  db
    .selectFrom('tpp_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('run_id', '=', runId)
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();

// ---------------- read models for other modules ----------------
/** The run of `month`, or else the latest run before it (the dashboard's "TPP this month"). */
export const runAtOrBefore = (db: DB, tenantId: string, month: string) =>
  db
    .selectFrom('tpp_runs')
    .select(['id', 'month', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('month', '<=', month)
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst();

export const nettoByEmployee = (db: DB, tenantId: string, runId: string) =>
  db
    .selectFrom('tpp_lines')
    .select(['employee_id', 'netto', 'bruto'])
    .where('tenant_id', '=', tenantId)
    .where('run_id', '=', runId)
    .execute();
