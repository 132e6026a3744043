import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type {
  CityGoalTable,
  GoalIndicatorTable,
  PeriodTable,
  RealisationTable,
  RhkIndicatorTable,
  RhkTable,
  SkpEventTable,
  SkpTable,
} from '../../db/schema.ts';

// ---------- periods and goals ----------
export const listPeriods = (db: DB, tenantId: string) =>
  db.selectFrom('periods').selectAll().where('tenant_id', '=', tenantId).orderBy('year', 'desc').execute();

export const findPeriod = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('periods')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findPeriodByYear = (db: DB, tenantId: string, year: number) =>
  db
    .selectFrom('periods')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('year', '=', year)
    .executeTakeFirst();

export const insertPeriod = (db: DB, row: PeriodTable) => db.insertInto('periods').values(row).execute();

export const listGoals = (db: DB, tenantId: string, periodId: string) =>
  db
    .selectFrom('city_goals as g')
    .leftJoin('users as u', (j) =>
      j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.approved_by'),
    )
    .selectAll('g')
    .select('u.display_name as approved_by_name')
    .where('g.tenant_id', '=', tenantId)
    .where('g.period_id', '=', periodId)
    .orderBy('g.code')
    .execute();

export const findGoal = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('city_goals as g')
    .leftJoin('users as u', (j) =>
      j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.approved_by'),
    )
    .selectAll('g')
    .select('u.display_name as approved_by_name')
    .where('g.tenant_id', '=', tenantId)
    .where('g.id', '=', id)
    .executeTakeFirst();

export const goalIndicators = (db: DB, tenantId: string, goalIds: string[]) =>
  goalIds.length === 0
    ? Promise.resolve([] as GoalIndicatorTable[])
    : db
        .selectFrom('goal_indicators')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('goal_id', 'in', goalIds)
        .orderBy('goal_id')
        .orderBy('sort')
        .execute();

export const insertGoal = (db: DB, row: CityGoalTable) => db.insertInto('city_goals').values(row).execute();
export const updateGoal = (db: DB, tenantId: string, id: string, patch: Partial<CityGoalTable>) =>
  db.updateTable('city_goals').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
export const deleteGoal = async (db: DB, tenantId: string, id: string) => {
  await db
    .deleteFrom('goal_indicators')
    .where('tenant_id', '=', tenantId)
    .where('goal_id', '=', id)
    .execute();
  await db.deleteFrom('city_goals').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
};
export const replaceGoalIndicators = async (
  db: DB,
  tenantId: string,
  goalId: string,
  rows: GoalIndicatorTable[],
) => {
  await db
    .deleteFrom('goal_indicators')
    .where('tenant_id', '=', tenantId)
    .where('goal_id', '=', goalId)
    .execute();
  if (rows.length) await db.insertInto('goal_indicators').values(rows).execute();
};

/** RHKs and distinct employees that cite each goal directly or through the cascade below it. */
export async function goalCoverage(db: DB, tenantId: string, periodId: string) {
  const rows = await db
    .selectFrom('rhks as r')
    .innerJoin('skps as s', (j) => j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.skp_id'))
    .select(['r.id', 'r.parent_rhk_id', 'r.goal_id', 's.employee_id'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.period_id', '=', periodId)
    .execute();
  return rows;
}

// ---------- SKP ----------
/** An SKP with who holds it, where, and its period: the one shape every SKP read starts from. */
const skpRows = (db: DB, tenantId: string) =>
  db
    .selectFrom('skps as s')
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 's.tenant_id').onRef('e.id', '=', 's.employee_id'),
    )
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.position_id'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'),
    )
    .innerJoin('periods as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 's.tenant_id').onRef('pr.id', '=', 's.period_id'),
    )
    .selectAll('s')
    .select([
      'e.name as employee_name',
      'e.nip as employee_nip',
      'e.golongan as employee_golongan',
      'p.name as position_name',
      'u.name as unit_name',
      'u.path as unit_path',
      'pr.year',
      'pr.start_date as period_start',
      'pr.end_date as period_end',
    ])
    .where('s.tenant_id', '=', tenantId);

export const findSkp = (db: DB, tenantId: string, id: string) =>
  skpRows(db, tenantId).where('s.id', '=', id).executeTakeFirst();
export type SkpRow = NonNullable<Awaited<ReturnType<typeof findSkp>>>;

export function listSkps(
  db: DB,
  tenantId: string,
  f: {
    periodId?: string;
    employeeIds?: string[];
    unitPath?: string;
    status?: string;
    afterId?: string;
    limit: number;
  },
) {
  let q = skpRows(db, tenantId);
  if (f.periodId) q = q.where('s.period_id', '=', f.periodId);
  if (f.employeeIds)
    q = f.employeeIds.length ? q.where('s.employee_id', 'in', f.employeeIds) : q.where(sql<boolean>`1 = 0`);
  if (f.unitPath) q = q.where(sql<boolean>`substr(u.path, 1, ${f.unitPath.length}) = ${f.unitPath}`);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.afterId) q = q.where('s.id', '>', f.afterId);
  return q.orderBy('s.id').limit(f.limit).execute();
}

export const findSkpFor = (
  db: DB,
  tenantId: string,
  periodId: string,
  employeeId: string,
  positionId: string,
) =>
  db
    .selectFrom('skps')
    .select(['id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('period_id', '=', periodId)
    .where('employee_id', '=', employeeId)
    .where('position_id', '=', positionId)
    .executeTakeFirst();

/** The atasan's SKP for the period (the one for the position they hold or act in). */
export const findSkpOfEmployee = (db: DB, tenantId: string, periodId: string, employeeId: string) =>
  db
    .selectFrom('skps')
    .select(['id', 'status', 'position_id'])
    .where('tenant_id', '=', tenantId)
    .where('period_id', '=', periodId)
    .where('employee_id', '=', employeeId)
    .orderBy('created_at', 'desc')
    .execute();

export const insertSkp = (db: DB, row: SkpTable) => db.insertInto('skps').values(row).execute();
export const updateSkp = (db: DB, tenantId: string, id: string, patch: Partial<SkpTable>) =>
  db.updateTable('skps').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const rhksOfSkps = (db: DB, tenantId: string, skpIds: string[]) =>
  skpIds.length === 0
    ? Promise.resolve([] as RhkTable[])
    : db
        .selectFrom('rhks')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('skp_id', 'in', skpIds)
        .orderBy('sort')
        .execute();

export const indicatorsOfRhks = (db: DB, tenantId: string, rhkIds: string[]) =>
  rhkIds.length === 0
    ? Promise.resolve([] as RhkIndicatorTable[])
    : db
        .selectFrom('rhk_indicators')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('rhk_id', 'in', rhkIds)
        .orderBy('sort')
        .execute();

export const realisationsOfSkps = (db: DB, tenantId: string, skpIds: string[]) =>
  skpIds.length === 0
    ? Promise.resolve([] as RealisationTable[])
    : db
        .selectFrom('realisations')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('skp_id', 'in', skpIds)
        .orderBy('quarter')
        .execute();

export const behavioursOf = (db: DB, tenantId: string, skpId: string) =>
  db
    .selectFrom('skp_behaviours')
    .select(['code', 'expectation'])
    .where('tenant_id', '=', tenantId)
    .where('skp_id', '=', skpId)
    .execute();

export const eventsOf = (db: DB, tenantId: string, skpId: string) =>
  db
    .selectFrom('skp_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('skp_id', '=', skpId)
    .orderBy('at')
    .orderBy('id')
    .execute();

export const insertEvent = (db: DB, row: SkpEventTable) => db.insertInto('skp_events').values(row).execute();

export const planIds = async (db: DB, tenantId: string, skpId: string) => {
  const rhkIds = (
    await db
      .selectFrom('rhks')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('skp_id', '=', skpId)
      .execute()
  ).map((r) => r.id);
  const indicatorIds = rhkIds.length
    ? (
        await db
          .selectFrom('rhk_indicators')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('rhk_id', 'in', rhkIds)
          .execute()
      ).map((r) => r.id)
    : [];
  return { rhkIds, indicatorIds };
};

/**
 * Replace the plan of an SKP. Rows whose ids already belong to this SKP are updated in place, so realisations
 * recorded against an indicator survive a revision; dropped indicators take their realisations with them.
 */
export async function replacePlan(
  db: DB,
  tenantId: string,
  skpId: string,
  rhks: RhkTable[],
  indicators: RhkIndicatorTable[],
) {
  const old = await planIds(db, tenantId, skpId);
  const keepRhk = new Set(rhks.map((r) => r.id).filter((id) => old.rhkIds.includes(id)));
  const keepIndicator = new Set(indicators.map((i) => i.id).filter((id) => old.indicatorIds.includes(id)));
  for (const r of rhks) {
    if (keepRhk.has(r.id)) {
      await db
        .updateTable('rhks')
        .set({
          sort: r.sort,
          kind: r.kind,
          text: r.text,
          parent_rhk_id: r.parent_rhk_id,
          goal_id: r.goal_id,
          perspective: r.perspective,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', r.id)
        .execute();
    } else await db.insertInto('rhks').values(r).execute();
  }
  for (const i of indicators) {
    if (keepIndicator.has(i.id)) {
      await db
        .updateTable('rhk_indicators')
        .set({
          rhk_id: i.rhk_id,
          sort: i.sort,
          aspect: i.aspect,
          name: i.name,
          target_value: i.target_value,
          target_text: i.target_text,
          unit: i.unit,
          direction: i.direction,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', i.id)
        .execute();
    } else await db.insertInto('rhk_indicators').values(i).execute();
  }
  const droppedIndicators = old.indicatorIds.filter((id) => !keepIndicator.has(id));
  if (droppedIndicators.length) {
    await db
      .deleteFrom('realisations')
      .where('tenant_id', '=', tenantId)
      .where('indicator_id', 'in', droppedIndicators)
      .execute();
    await db
      .deleteFrom('rhk_indicators')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', droppedIndicators)
      .execute();
  }
  const droppedRhks = old.rhkIds.filter((id) => !keepRhk.has(id));
  if (droppedRhks.length)
    await db.deleteFrom('rhks').where('tenant_id', '=', tenantId).where('id', 'in', droppedRhks).execute();
}

export const countChildRhks = async (db: DB, tenantId: string, rhkIds: string[]) =>
  rhkIds.length === 0
    ? 0
    : Number(
        (
          await db
            .selectFrom('rhks')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('tenant_id', '=', tenantId)
            .where('parent_rhk_id', 'in', rhkIds)
            .executeTakeFirstOrThrow()
        ).n,
      );

export const replaceBehaviours = async (
  db: DB,
  tenantId: string,
  skpId: string,
  rows: { code: string; expectation: string }[],
) => {
  await db
    .deleteFrom('skp_behaviours')
    .where('tenant_id', '=', tenantId)
    .where('skp_id', '=', skpId)
    .execute();
  if (rows.length)
    await db
      .insertInto('skp_behaviours')
      .values(rows.map((r) => ({ tenant_id: tenantId, skp_id: skpId, ...r })))
      .execute();
};

export const findRhk = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('rhks as r')
    .innerJoin('skps as s', (j) => j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.skp_id'))
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 's.tenant_id').onRef('e.id', '=', 's.employee_id'),
    )
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.position_id'),
    )
    .select([
      'r.id',
      'r.text',
      'r.parent_rhk_id',
      'r.goal_id',
      'r.skp_id',
      's.employee_id',
      's.period_id',
      'e.name as employee_name',
      'p.name as position_name',
    ])
    .where('r.tenant_id', '=', tenantId)
    .where('r.id', '=', id)
    .executeTakeFirst();

/** Every RHK of a period with who owns it: the cascade is assembled in memory from this one read. */
export const periodRhks = (db: DB, tenantId: string, periodId: string) =>
  db
    .selectFrom('rhks as r')
    .innerJoin('skps as s', (j) => j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.skp_id'))
    .innerJoin('employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 's.tenant_id').onRef('e.id', '=', 's.employee_id'),
    )
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.position_id'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'),
    )
    .select([
      'r.id',
      'r.text',
      'r.kind',
      'r.parent_rhk_id',
      'r.goal_id',
      'r.sort',
      's.id as skp_id',
      's.status as skp_status',
      's.employee_id',
      'e.name as employee_name',
      'e.nip as employee_nip',
      'p.name as position_name',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('r.tenant_id', '=', tenantId)
    .where('r.period_id', '=', periodId)
    .orderBy('r.sort')
    .execute();

export const periodIndicators = (db: DB, tenantId: string, periodId: string) =>
  db
    .selectFrom('rhk_indicators as i')
    .innerJoin('rhks as r', (j) => j.onRef('r.tenant_id', '=', 'i.tenant_id').onRef('r.id', '=', 'i.rhk_id'))
    .select(['i.rhk_id', 'i.name', 'i.target_value', 'i.target_text', 'i.unit'])
    .where('i.tenant_id', '=', tenantId)
    .where('r.period_id', '=', periodId)
    .orderBy('i.sort')
    .execute();

export const heldPositions = (db: DB, tenantId: string) =>
  db
    .selectFrom('employees as e')
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
    )
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'),
    )
    .select([
      'p.id as position_id',
      'p.name as position_name',
      'u.name as unit_name',
      'e.id as employee_id',
      'e.name as employee_name',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.status', '=', 'active')
    .execute();

export const unitNames = (db: DB, tenantId: string) =>
  db.selectFrom('units').select(['id', 'name']).where('tenant_id', '=', tenantId).execute();

// ---------- realisations and files ----------
export const findIndicatorOfSkp = (db: DB, tenantId: string, skpId: string, indicatorId: string) =>
  db
    .selectFrom('rhk_indicators as i')
    .innerJoin('rhks as r', (j) => j.onRef('r.tenant_id', '=', 'i.tenant_id').onRef('r.id', '=', 'i.rhk_id'))
    .select(['i.id', 'i.name', 'i.target_value', 'i.direction'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.id', '=', indicatorId)
    .where('r.skp_id', '=', skpId)
    .executeTakeFirst();

export const findRealisation = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('realisations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findRealisationFor = (db: DB, tenantId: string, indicatorId: string, quarter: number) =>
  db
    .selectFrom('realisations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('indicator_id', '=', indicatorId)
    .where('quarter', '=', quarter)
    .executeTakeFirst();

export const insertRealisation = (db: DB, row: RealisationTable) =>
  db.insertInto('realisations').values(row).execute();
export const updateRealisation = (db: DB, tenantId: string, id: string, patch: Partial<RealisationTable>) =>
  db.updateTable('realisations').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const filesByShaQuery = (db: DB, tenantId: string, shas: string[]) =>
  shas.length === 0
    ? null
    : db.selectFrom('files').selectAll().where('tenant_id', '=', tenantId).where('sha', 'in', shas);

export const filesBySha = (db: DB, tenantId: string, shas: string[]) =>
  filesByShaQuery(db, tenantId, shas)?.execute() ?? Promise.resolve([]);

export const insertFileIfNew = async (
  db: DB,
  row: {
    tenant_id: string;
    sha: string;
    size: number;
    mime: string;
    name: string;
    created_by: string;
    created_at: string;
  },
) => {
  const existing = await db
    .selectFrom('files')
    .select('sha')
    .where('tenant_id', '=', row.tenant_id)
    .where('sha', '=', row.sha)
    .executeTakeFirst();
  if (!existing) await db.insertInto('files').values(row).execute();
};

/** SKPs whose realisations carry this file as evidence (to authorise a download). */
export const skpsCitingFile = (db: DB, tenantId: string, sha: string) =>
  db
    .selectFrom('realisations')
    .select('skp_id')
    .where('tenant_id', '=', tenantId)
    .where('evidence_json', 'like', `%${sha}%`)
    .execute();
