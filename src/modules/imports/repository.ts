import type { DB } from '../../db/index.ts';
import type { ImportErrorTable, ImportJobTable, ImportRowTable } from '../../db/schema.ts';

export const insertJob = (db: DB, row: ImportJobTable) => db.insertInto('import_jobs').values(row).execute();

export const findJob = (db: DB, tenantId: string, id: string) =>
  db
    .selectFrom('import_jobs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

export const updateJob = (db: DB, tenantId: string, id: string, patch: Partial<ImportJobTable>) =>
  db.updateTable('import_jobs').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export async function insertRows(db: DB, rows: ImportRowTable[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('import_rows')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function insertErrors(db: DB, rows: ImportErrorTable[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('import_errors')
      .values(rows.slice(i, i + 500))
      .execute();
}

export const pageRows = (db: DB, tenantId: string, jobId: string, afterRow: number, limit: number) =>
  db
    .selectFrom('import_rows')
    .select(['row_no', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('job_id', '=', jobId)
    .where('row_no', '>', afterRow)
    .orderBy('row_no')
    .limit(limit)
    .execute();

export const pageErrors = (db: DB, tenantId: string, jobId: string, afterSeq: number, limit: number) =>
  db
    .selectFrom('import_errors')
    .select(['seq', 'row_no', 'column_name', 'code', 'params'])
    .where('tenant_id', '=', tenantId)
    .where('job_id', '=', jobId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();

export async function deleteStagedRows(db: DB, tenantId: string, jobId: string, rowNos: number[]) {
  for (let i = 0; i < rowNos.length; i += 500)
    await db
      .deleteFrom('import_rows')
      .where('tenant_id', '=', tenantId)
      .where('job_id', '=', jobId)
      .where('row_no', 'in', rowNos.slice(i, i + 500))
      .execute();
}

export const deleteStaging = async (db: DB, tenantId: string, jobId: string) => {
  await db.deleteFrom('import_rows').where('tenant_id', '=', tenantId).where('job_id', '=', jobId).execute();
};

/** Reference data the validator needs, loaded once per import (codes and NIPs, not whole rows). */
export const unitRefs = (db: DB, tenantId: string) =>
  db
    .selectFrom('units')
    .select(['id', 'code', 'path', 'depth', 'active'])
    .where('tenant_id', '=', tenantId)
    .execute();

export const positionRefs = (db: DB, tenantId: string) =>
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
    .select(['p.id', 'p.code', 'p.unit_id', 'p.active', 'u.path as unit_path', 'e.id as holder_id'])
    .where('p.tenant_id', '=', tenantId)
    .execute();

export const employeeNips = (db: DB, tenantId: string) =>
  db.selectFrom('employees').select(['nip']).where('tenant_id', '=', tenantId).execute();
