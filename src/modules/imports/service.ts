import { unlink } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Actor } from '../../core/auth.ts';
import type { RequestContext } from '../../core/context.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { t } from '../../core/i18n.ts';
import { newId } from '../../core/ids.ts';
import { nowIso, todayIn } from '../../core/time.ts';
import type { DB, Dialect } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import type { ImportErrorTable, ImportJobTable, ImportRowTable } from '../../db/schema.ts';
import {
  attendanceValidator,
  commitAttendance,
  hasColumn,
  loadAttendanceRefs,
} from '../attendance/importer.ts';
import {
  type AuditEvent,
  type AuditOrigin,
  originOf,
  recordAudit,
  recordAuditMany,
} from '../audit/service.ts';
import { COLUMNS, type ImportKind, SAMPLES } from './columns.ts';
import { type RawRow, readRows } from './parse.ts';
import { importPolicy } from './policy.ts';
import * as repo from './repository.ts';
import { makeValidator, type Refs, type RowError } from './validate.ts';

export const MAX_ROWS = 200_000;
const BATCH = 1000;

type JobRow = ImportJobTable;

function toJob(ctx: RequestContext, j: JobRow) {
  const resource = { createdBy: j.created_by };
  return {
    id: j.id,
    kind: j.kind,
    filename: j.filename,
    status: j.status,
    totalRows: j.total_rows,
    processedRows: j.processed_rows,
    errorCount: j.error_count,
    createdAt: j.created_at,
    committedAt: j.committed_at,
    failure: j.failure,
    abilities: {
      commit: importPolicy.can(ctx.actor, 'commit', resource) && j.status === 'ready' && j.error_count === 0,
    },
  };
}

async function loadJob(ctx: RequestContext, id: string) {
  const job = await repo.findJob(ctx.db, ctx.actor.tenantId, id);
  if (!job || !importPolicy.can(ctx.actor, 'read', { createdBy: job.created_by })) throw notFound();
  return job;
}

export const getJob = async (ctx: RequestContext, id: string) => toJob(ctx, await loadJob(ctx, id));

export function formatOf(filename: string): 'csv' | 'xlsx' | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/** Register the upload and start validating it in the background; the caller polls the job. */
export async function startImport(
  ctx: RequestContext,
  input: { kind: ImportKind; filename: string; path: string; replace?: boolean },
  track: (work: Promise<void>) => void,
) {
  importPolicy.authorize(ctx.actor, 'run', null);
  const format = formatOf(input.filename);
  if (!format) {
    await unlink(input.path).catch(() => {});
    throw new AppError(400, 'IMPORT_FILE_TYPE');
  }
  const job: JobRow = {
    tenant_id: ctx.actor.tenantId,
    id: newId(),
    kind: input.kind,
    filename: input.filename.slice(0, 200),
    status: 'parsing',
    total_rows: 0,
    processed_rows: 0,
    error_count: 0,
    created_by: ctx.actor.userId,
    created_at: nowIso(),
    committed_at: null,
    failure: null,
  };
  await transaction(ctx.db, async (trx) => {
    await repo.insertJob(trx, job);
    await recordAudit(trx, ctx.dialect, originOf(ctx), {
      action: 'import.upload',
      entityType: 'import',
      entityId: job.id,
      after: { kind: job.kind, filename: job.filename },
    });
  });
  track(validateFile(ctx.db, ctx.actor, job, input.path, format, { replace: input.replace === true }));
  return toJob(ctx, job);
}

async function loadRefs(db: DB, tenantId: string): Promise<Refs> {
  const [units, positions, nips] = await Promise.all([
    repo.unitRefs(db, tenantId),
    repo.positionRefs(db, tenantId),
    repo.employeeNips(db, tenantId),
  ]);
  return {
    units: new Map(units.map((u) => [u.code, { id: u.id, path: u.path, depth: u.depth, active: u.active }])),
    positions: new Map(
      positions.map((p) => [
        p.code,
        { id: p.id, unitId: p.unit_id, unitPath: p.unit_path, active: p.active, held: p.holder_id !== null },
      ]),
    ),
    nips: new Set(nips.map((n) => n.nip)),
  };
}

async function validateFile(
  db: DB,
  actor: Actor,
  job: JobRow,
  path: string,
  format: 'csv' | 'xlsx',
  options: { replace: boolean } = { replace: false },
): Promise<void> {
  const tenantId = job.tenant_id;
  let errorSeq = 0;
  let errorCount = 0;
  const toErrorRows = (errors: RowError[]): ImportErrorTable[] =>
    errors.map((e) => ({
      tenant_id: tenantId,
      job_id: job.id,
      seq: ++errorSeq,
      row_no: e.row,
      column_name: e.column,
      code: e.code,
      params: JSON.stringify(e.params),
    }));
  try {
    const kind = job.kind as ImportKind;
    const today = todayIn(actor.timeZone);
    const validator: ReturnType<typeof makeValidator> & {
      finishAsync?: (db: DB, tenantId: string) => Promise<RowError[]>;
    } =
      kind === 'attendance'
        ? attendanceValidator(actor, await loadAttendanceRefs(db, tenantId), today, options)
        : makeValidator(kind, actor, await loadRefs(db, tenantId), today);
    const hasHeader = (header: string[], name: string) =>
      kind === 'attendance' ? hasColumn(header, name) : header.includes(name);
    let rows: ImportRowTable[] = [];
    let errors: ImportErrorTable[] = [];
    let rowNo = 1;
    let total = 0;
    const flush = async () => {
      const r = rows;
      const e = errors;
      rows = [];
      errors = [];
      await transaction(db, async (trx) => {
        await repo.insertRows(trx, r);
        await repo.insertErrors(trx, e);
        await repo.updateJob(trx, tenantId, job.id, { processed_rows: total, error_count: errorCount });
      });
    };
    let headerChecked = false;
    for await (const item of readRows(path, format)) {
      if (Array.isArray(item)) {
        const missing = COLUMNS[kind]
          .filter((c) => c.required && !hasHeader(item, c.name))
          .map((c) => c.name);
        if (missing.length) {
          errorCount += 1;
          errors.push(
            ...toErrorRows([
              {
                row: 1,
                column: missing.join(', '),
                code: 'IMPORT_HEADER',
                params: { columns: missing.join(', ') },
              },
            ]),
          );
          break;
        }
        headerChecked = true;
        continue;
      }
      rowNo += 1;
      total += 1;
      if (total > MAX_ROWS) {
        errorCount += 1;
        errors.push(
          ...toErrorRows([
            { row: rowNo, column: '', code: 'IMPORT_TOO_MANY_ROWS', params: { max: MAX_ROWS } },
          ]),
        );
        break;
      }
      const result = validator.row(rowNo, item as RawRow);
      if (result.errors.length) {
        errorCount += result.errors.length;
        errors.push(...toErrorRows(result.errors));
      } else {
        rows.push({ tenant_id: tenantId, job_id: job.id, row_no: rowNo, data: JSON.stringify(result.data) });
      }
      if (rows.length + errors.length >= BATCH) await flush();
    }
    if (headerChecked) {
      const late = validator.finish();
      errorCount += late.length;
      errors.push(...toErrorRows(late));
      if (total === 0) {
        errorCount += 1;
        errors.push(...toErrorRows([{ row: 2, column: '', code: 'IMPORT_EMPTY', params: {} }]));
      }
    } else if (errorCount === 0) {
      errorCount += 1;
      errors.push(...toErrorRows([{ row: 1, column: '', code: 'IMPORT_EMPTY', params: {} }]));
    }
    await flush();
    if (headerChecked && validator.finishAsync) {
      // checks against stored data (e.g. attendance days already imported): their rows leave the staging
      const stored = await validator.finishAsync(db, tenantId);
      if (stored.length) {
        errorCount += stored.length;
        errors.push(...toErrorRows(stored));
        await repo.deleteStagedRows(
          db,
          tenantId,
          job.id,
          stored.map((e) => e.row),
        );
        await flush();
      }
    }
    await repo.updateJob(db, tenantId, job.id, {
      status: errorCount > 0 ? 'invalid' : 'ready',
      total_rows: total,
      processed_rows: total,
      error_count: errorCount,
    });
  } catch (err) {
    await repo
      .updateJob(db, tenantId, job.id, {
        status: 'failed',
        failure: String((err as Error).message).slice(0, 500),
      })
      .catch(() => {});
  } finally {
    await unlink(path).catch(() => {});
  }
}

export async function listErrors(ctx: RequestContext, id: string, cursor: number, limit: number) {
  await loadJob(ctx, id);
  const rows = await repo.pageErrors(ctx.db, ctx.actor.tenantId, id, cursor, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((e) => ({
      row: e.row_no,
      column: e.column_name,
      code: e.code,
      message: t(ctx.locale, e.code, JSON.parse(e.params)),
    })),
    nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
  };
}

export async function preview(ctx: RequestContext, id: string, limit: number) {
  await loadJob(ctx, id);
  const rows = await repo.pageRows(ctx.db, ctx.actor.tenantId, id, 0, limit);
  return { items: rows.map((r) => ({ row: r.row_no, data: JSON.parse(r.data) as Record<string, unknown> })) };
}

/** All staged rows in one transaction: either every row lands, or none does. */
export async function commit(ctx: RequestContext, id: string) {
  const job = await loadJob(ctx, id);
  importPolicy.authorize(ctx.actor, 'commit', { createdBy: job.created_by }, 'read');
  if (job.error_count > 0) throw conflict('IMPORT_HAS_ERRORS', { count: job.error_count });
  if (job.status !== 'ready') throw conflict('IMPORT_NOT_READY', { status: job.status });
  const origin = originOf(ctx);
  const today = todayIn(ctx.actor.timeZone);
  let created = 0;
  try {
    await transaction(ctx.db, async (trx) => {
      // claim the job inside the transaction so two commits cannot both run
      const claimed = await trx
        .updateTable('import_jobs')
        .set({ status: 'committing' })
        .where('tenant_id', '=', job.tenant_id)
        .where('id', '=', id)
        .where('status', '=', 'ready')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw conflict('IMPORT_NOT_READY', { status: 'committing' });
      const apply =
        job.kind === 'attendance'
          ? (t: DB, d: Dialect, o: AuditOrigin, j: JobRow) => commitAttendance(t, d, o, j, stagedPages(t, j))
          : job.kind === 'units'
            ? commitUnits
            : job.kind === 'positions'
              ? commitPositions
              : commitEmployees;
      created = await apply(trx, ctx.dialect, origin, job, today);
      await repo.updateJob(trx, job.tenant_id, id, {
        status: 'committed',
        committed_at: nowIso(),
        processed_rows: created,
      });
      await repo.deleteStaging(trx, job.tenant_id, id);
      await recordAudit(trx, ctx.dialect, origin, {
        action: 'import.commit',
        entityType: 'import',
        entityId: id,
        after: { kind: job.kind, rows: created, filename: job.filename },
      });
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    const msg = String((err as Error).message ?? '');
    // a row that became a duplicate between validation and commit (someone else created it)
    if (/UNIQUE constraint failed|duplicate key value/i.test(msg))
      throw conflict('IMPORT_NOT_READY', { status: 'stale' });
    throw err;
  }
  return getJob(ctx, id);
}

async function* stagedPages(trx: DB, job: JobRow) {
  let after = 0;
  for (;;) {
    const page = await repo.pageRows(trx, job.tenant_id, job.id, after, BATCH);
    if (page.length === 0) return;
    yield page.map((r) => JSON.parse(r.data) as Record<string, unknown>);
    after = page[page.length - 1].row_no;
  }
}

async function commitUnits(
  trx: DB,
  dialect: Dialect,
  origin: AuditOrigin,
  job: JobRow,
  today: string,
): Promise<number> {
  const refs = await repo.unitRefs(trx, job.tenant_id);
  const byCode = new Map(refs.map((u) => [u.code, { id: u.id, path: u.path, depth: u.depth }]));
  const pending: Record<string, unknown>[] = [];
  for await (const page of stagedPages(trx, job)) pending.push(...page); // unit files are small (a city has ~4,000 units)
  const at = nowIso();
  let created = 0;
  // parents first: each round inserts the rows whose parent already exists
  while (pending.length) {
    const ready = pending.filter((r) => byCode.has(String(r.parent_code)));
    if (ready.length === 0) throw new Error('unit import has unresolved parents');
    const rows = ready.map((r) => {
      const parent = byCode.get(String(r.parent_code));
      if (!parent) throw new Error('unreachable');
      const id = newId();
      byCode.set(String(r.code), { id, path: `${parent.path}${id}/`, depth: parent.depth + 1 });
      return {
        tenant_id: job.tenant_id,
        id,
        code: String(r.code),
        name: String(r.name),
        type: String(r.type),
        parent_id: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        valid_from: today,
        valid_to: null,
        active: 1 as const,
        created_at: at,
        updated_at: at,
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('units')
        .values(rows.slice(i, i + 500))
        .execute();
    await recordAuditMany(
      trx,
      dialect,
      origin,
      rows.map(
        (row): AuditEvent => ({ action: 'unit.create', entityType: 'unit', entityId: row.id, after: row }),
      ),
    );
    created += rows.length;
    const done = new Set(ready);
    for (let i = pending.length - 1; i >= 0; i--) if (done.has(pending[i])) pending.splice(i, 1);
  }
  return created;
}

async function commitPositions(trx: DB, dialect: Dialect, origin: AuditOrigin, job: JobRow): Promise<number> {
  const existing = await repo.positionRefs(trx, job.tenant_id);
  // codes of existing positions and of rows inserted so far: a parent that came earlier links at once
  const ids = new Map(existing.map((p) => [p.code, p.id]));
  const at = nowIso();
  let created = 0;
  const fileParents: { code: string; parent: string }[] = [];
  // pass 1: insert every position; parents that come later in the file are linked in pass 2
  for await (const page of stagedPages(trx, job)) {
    const rows = page.map((r) => {
      const id = newId();
      ids.set(String(r.code), id);
      const parentCode = r.parent_code ? String(r.parent_code) : null;
      const parentId = parentCode ? (ids.get(parentCode) ?? null) : null;
      if (parentCode && !parentId) fileParents.push({ code: String(r.code), parent: parentCode });
      return {
        tenant_id: job.tenant_id,
        id,
        code: String(r.code),
        name: String(r.name),
        kind: String(r.kind),
        kelas: Number(r.kelas),
        unit_id: String(r.unit_id),
        parent_position_id: parentId,
        is_key: (r.is_key ? 1 : 0) as 0 | 1,
        competencies: '[]',
        active: 1 as const,
        created_at: at,
        updated_at: at,
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('positions')
        .values(rows.slice(i, i + 500))
        .execute();
    await recordAuditMany(
      trx,
      dialect,
      origin,
      rows.map(
        (row): AuditEvent => ({
          action: 'position.create',
          entityType: 'position',
          entityId: row.id,
          after: row,
        }),
      ),
    );
    created += rows.length;
  }
  for (const link of fileParents) {
    await trx
      .updateTable('positions')
      .set({ parent_position_id: ids.get(link.parent) ?? null })
      .where('tenant_id', '=', job.tenant_id)
      .where('id', '=', ids.get(link.code) ?? '')
      .execute();
  }
  return created;
}

async function commitEmployees(
  trx: DB,
  dialect: Dialect,
  origin: AuditOrigin,
  job: JobRow,
  today: string,
): Promise<number> {
  const at = nowIso();
  let created = 0;
  for await (const page of stagedPages(trx, job)) {
    const employees = page.map((r) => ({
      tenant_id: job.tenant_id,
      id: newId(),
      nip: String(r.nip),
      asn_type: String(r.asn_type),
      name: String(r.name),
      sex: String(r.sex),
      birth_date: String(r.birth_date),
      tmt: String(r.tmt),
      golongan: (r.golongan as string | null) ?? null,
      education: (r.education as string | null) ?? null,
      email: (r.email as string | null) ?? null,
      phone: (r.phone as string | null) ?? null,
      position_id: (r.position_id as string | null) ?? null,
      unit_id: (r.unit_id as string | null) ?? null,
      status: 'active',
      status_date: null,
      created_at: at,
      updated_at: at,
    }));
    const history = employees
      .filter((e) => e.position_id && e.unit_id)
      .map((e) => ({
        tenant_id: job.tenant_id,
        id: newId(),
        employee_id: e.id,
        position_id: e.position_id as string,
        unit_id: e.unit_id as string,
        start_date: today,
        end_date: null,
        reason: 'impor',
      }));
    for (let i = 0; i < employees.length; i += 500)
      await trx
        .insertInto('employees')
        .values(employees.slice(i, i + 500))
        .execute();
    for (let i = 0; i < history.length; i += 500)
      await trx
        .insertInto('position_history')
        .values(history.slice(i, i + 500))
        .execute();
    await recordAuditMany(
      trx,
      dialect,
      origin,
      employees.map(
        (row): AuditEvent => ({
          action: 'employee.create',
          entityType: 'employee',
          entityId: row.id,
          after: row,
        }),
      ),
    );
    created += employees.length;
  }
  return created;
}

export function templateCsv(kind: ImportKind): string {
  const quote = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [COLUMNS[kind].map((c) => c.name), ...SAMPLES[kind]].map((cells) =>
    cells.map(quote).join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}

export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind);
  ws.addRow(COLUMNS[kind].map((c) => c.name)).font = { bold: true };
  for (const sample of SAMPLES[kind]) ws.addRow(sample);
  // NIPs are 18 digits: keep them as text so Excel does not turn them into 1.98609E+17
  ws.getColumn(1).numFmt = '@';
  ws.columns.forEach((c) => {
    c.width = 24;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
