import { unlink } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { AppError, conflict, type ErrorDetail, notFound } from '../../core/errors.ts';
import { type Params, t } from '../../core/i18n.ts';
import { newId } from '../../core/ids.ts';
import { nowIso } from '../../core/time.ts';
import { transaction } from '../../db/index.ts';
import type { ActivityCatalogTable } from '../../db/schema.ts';
import { audit } from '../audit/service.ts';
import { type RawRow, readRows } from '../imports/parse.ts';
import { formatOf } from '../imports/service.ts';
import * as orgRepo from '../org/repository.ts';
import { POSITION_KINDS } from '../org/schemas.ts';
import { catalogPolicy } from './policy.ts';
import * as repo from './repository.ts';
import {
  CATALOG_LIMITS,
  type CatalogQuery,
  type CreateCatalogItem,
  type UpdateCatalogItem,
} from './schemas.ts';
import { isUniqueViolation } from './service.ts';

const tenantOf = (ctx: RequestContext) => ctx.actor.tenantId;

function toItem(ctx: RequestContext, c: ActivityCatalogTable) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    outputUnit: c.output_unit,
    standardMinutes: c.standard_minutes,
    positionKinds: JSON.parse(c.position_kinds) as string[],
    active: c.active === 1,
    abilities: { update: catalogPolicy.can(ctx.actor, 'manage', null) },
  };
}

/** Everyone reads the catalog; an employee sees the active items of their own position kind unless they ask. */
export async function listCatalog(ctx: RequestContext, q: z.infer<typeof CatalogQuery>) {
  catalogPolicy.authorize(ctx.actor, 'read', null);
  const manager = catalogPolicy.can(ctx.actor, 'manage', null);
  let kind: string | undefined = q.kind === 'all' ? undefined : q.kind;
  if (!q.kind && !manager && ctx.actor.employeeId) {
    const me = await orgRepo.findEmployee(ctx.db, tenantOf(ctx), ctx.actor.employeeId);
    kind = me?.position_kind ?? undefined;
  }
  const active = q.active === 'all' ? undefined : q.active ? q.active === 'true' : manager ? undefined : true;
  const rows = await repo.listCatalog(ctx.db, tenantOf(ctx), {
    q: q.q,
    kind,
    active,
    afterCode: q.cursor,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((c) => toItem(ctx, c)),
    nextCursor: rows.length > q.limit ? page[page.length - 1].code : null,
  };
}

async function guardCode<T>(code: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('DUPLICATE', { field: 'code', value: code });
    throw err;
  }
}

export async function createCatalogItem(ctx: RequestContext, input: z.infer<typeof CreateCatalogItem>) {
  catalogPolicy.authorize(ctx.actor, 'manage', null);
  const at = nowIso();
  const row: ActivityCatalogTable = {
    tenant_id: tenantOf(ctx),
    id: newId(),
    code: input.code,
    name: input.name,
    output_unit: input.outputUnit,
    standard_minutes: input.standardMinutes,
    position_kinds: JSON.stringify(sortKinds(input.positionKinds)),
    active: input.active === false ? 0 : 1,
    created_at: at,
    updated_at: at,
  };
  await guardCode(input.code, () =>
    transaction(ctx.db, async (trx) => {
      await repo.insertCatalog(trx, [row]);
      await audit(trx, ctx, {
        action: 'activity_catalog.create',
        entityType: 'activity_catalog',
        entityId: row.id,
        after: row,
      });
    }),
  );
  return toItem(ctx, row);
}

export async function updateCatalogItem(
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof UpdateCatalogItem>,
) {
  const current = await repo.findCatalog(ctx.db, tenantOf(ctx), id);
  if (!current) throw notFound();
  catalogPolicy.authorize(ctx.actor, 'manage', null, 'read');
  const patch: Partial<ActivityCatalogTable> = {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.outputUnit !== undefined && { output_unit: input.outputUnit }),
    ...(input.standardMinutes !== undefined && { standard_minutes: input.standardMinutes }),
    ...(input.positionKinds !== undefined && {
      position_kinds: JSON.stringify(sortKinds(input.positionKinds)),
    }),
    ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
    updated_at: nowIso(),
  };
  await guardCode(input.code ?? current.code, () =>
    transaction(ctx.db, async (trx) => {
      await repo.updateCatalog(trx, tenantOf(ctx), id, patch);
      await audit(trx, ctx, {
        action: 'activity_catalog.update',
        entityType: 'activity_catalog',
        entityId: id,
        before: current,
        after: input,
      });
    }),
  );
  return toItem(ctx, { ...current, ...patch });
}

/** Position kinds in one canonical order, so equal sets compare equal. */
export const sortKinds = (kinds: readonly string[]) => POSITION_KINDS.filter((k) => kinds.includes(k));

// ---------- spreadsheet exchange ----------
export const CATALOG_COLUMNS = [
  'code',
  'name',
  'output_unit',
  'standard_minutes',
  'position_kinds',
  'active',
] as const;
const REQUIRED = CATALOG_COLUMNS.filter((c) => c !== 'active');
export const MAX_CATALOG_ROWS = 5000;

export async function exportCatalog(ctx: RequestContext): Promise<Buffer> {
  catalogPolicy.authorize(ctx.actor, 'manage', null);
  const rows = await repo.allCatalog(ctx.db, tenantOf(ctx));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Katalog aktivitas');
  sheet.columns = [
    { header: 'code', key: 'code', width: 16 },
    { header: 'name', key: 'name', width: 60 },
    { header: 'output_unit', key: 'output_unit', width: 14 },
    { header: 'standard_minutes', key: 'standard_minutes', width: 16 },
    { header: 'position_kinds', key: 'position_kinds', width: 44 },
    { header: 'active', key: 'active', width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const c of rows) {
    sheet.addRow({
      code: c.code,
      name: c.name,
      output_unit: c.output_unit,
      standard_minutes: c.standard_minutes,
      position_kinds: (JSON.parse(c.position_kinds) as string[]).join(', '),
      active: c.active === 1 ? 'ya' : 'tidak',
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const YES = new Set(['', '1', 'ya', 'y', 'true', 'aktif', 'yes']);
const NO = new Set(['0', 'tidak', 't', 'false', 'nonaktif', 'no']);

interface ParsedItem {
  code: string;
  name: string;
  output_unit: string;
  standard_minutes: number;
  position_kinds: string;
  active: 0 | 1 | null;
}

function parseItem(
  raw: RawRow,
  row: number,
  fail: (row: number, column: string, code: string, params?: Params) => void,
) {
  const text = (col: string) => (raw[col] ?? '').trim();
  let ok = true;
  const bad = (column: string, code: string, params?: Params) => {
    ok = false;
    fail(row, column, code, params);
  };
  for (const col of REQUIRED) if (!text(col)) bad(col, 'IMPORT_REQUIRED');
  const code = text('code');
  if (code && !/^[A-Za-z0-9._-]{1,40}$/.test(code))
    bad('code', 'IMPORT_INVALID_VALUE', { value: code, allowed: 'A–Z, 0–9, . _ -' });
  if (text('name') && (text('name').length < 3 || text('name').length > 200))
    bad('name', 'IMPORT_INVALID_VALUE', { value: text('name').slice(0, 40), allowed: '3–200' });
  const minutesText = text('standard_minutes');
  const minutes = Number(minutesText);
  if (minutesText && (!/^\d+$/.test(minutesText) || minutes < 1 || minutes > CATALOG_LIMITS.minutes))
    bad('standard_minutes', 'IMPORT_NUMBER_RANGE', { min: 1, max: CATALOG_LIMITS.minutes });
  const kindsText = text('position_kinds').toLowerCase();
  const kinds = ['semua', 'all'].includes(kindsText)
    ? [...POSITION_KINDS]
    : kindsText.split(/[\s,;|]+/).filter(Boolean);
  const unknown = kinds.find((k) => !(POSITION_KINDS as readonly string[]).includes(k));
  if (kindsText && unknown)
    bad('position_kinds', 'IMPORT_INVALID_VALUE', {
      value: unknown,
      allowed: [...POSITION_KINDS, 'semua'].join(', '),
    });
  const activeText = text('active').toLowerCase();
  if (!YES.has(activeText) && !NO.has(activeText))
    bad('active', 'IMPORT_INVALID_VALUE', { value: activeText, allowed: 'ya, tidak' });
  if (!ok) return null;
  const item: ParsedItem = {
    code,
    name: text('name'),
    output_unit: text('output_unit').slice(0, 40),
    standard_minutes: minutes,
    position_kinds: JSON.stringify(sortKinds(kinds)),
    active: activeText === '' ? null : YES.has(activeText) ? 1 : 0,
  };
  return item;
}

/**
 * Upsert catalog items by code from a CSV or XLSX file, all or nothing: any row error refuses the whole
 * file with every error listed (row, column, message).
 */
export async function importCatalog(ctx: RequestContext, upload: { filename: string; path: string }) {
  try {
    catalogPolicy.authorize(ctx.actor, 'manage', null);
    const format = formatOf(upload.filename);
    if (!format) throw new AppError(400, 'IMPORT_FILE_TYPE');
    const details: ErrorDetail[] = [];
    const fail = (row: number, column: string, code: string, params: Params = {}) =>
      details.push({ path: `rows.${row}.${column}`, message: t(ctx.locale, code, params) });
    const items: ParsedItem[] = [];
    const firstRow = new Map<string, number>();
    let rowNo = 1;
    for await (const record of readRows(upload.path, format)) {
      if (Array.isArray(record)) {
        const missing = REQUIRED.filter((c) => !record.includes(c));
        if (missing.length) throw new AppError(400, 'IMPORT_HEADER', { columns: missing.join(', ') });
        continue;
      }
      rowNo += 1;
      if (rowNo - 1 > MAX_CATALOG_ROWS)
        throw new AppError(400, 'IMPORT_TOO_MANY_ROWS', { max: MAX_CATALOG_ROWS });
      const item = parseItem(record, rowNo, fail);
      if (!item) continue;
      const first = firstRow.get(item.code);
      if (first !== undefined) {
        fail(rowNo, 'code', 'IMPORT_DUPLICATE_IN_FILE', { value: item.code, row: first });
        continue;
      }
      firstRow.set(item.code, rowNo);
      items.push(item);
    }
    if (rowNo === 1) throw new AppError(400, 'IMPORT_EMPTY');
    if (details.length) throw new AppError(400, 'CATALOG_IMPORT_INVALID', { count: details.length }, details);

    const tenantId = tenantOf(ctx);
    const at = nowIso();
    return await transaction(ctx.db, async (trx) => {
      const existing = new Map((await repo.allCatalog(trx, tenantId)).map((c) => [c.code, c]));
      const created: ActivityCatalogTable[] = [];
      let updated = 0;
      let unchanged = 0;
      for (const item of items) {
        const current = existing.get(item.code);
        if (!current) {
          created.push({
            tenant_id: tenantId,
            id: newId(),
            ...item,
            active: item.active ?? 1,
            created_at: at,
            updated_at: at,
          });
          continue;
        }
        const next = { ...item, active: item.active ?? current.active };
        const was = {
          ...current,
          position_kinds: JSON.stringify(sortKinds(JSON.parse(current.position_kinds) as string[])),
        };
        const same = (Object.keys(next) as (keyof ParsedItem)[]).every((k) => next[k] === was[k]);
        if (same) {
          unchanged += 1;
          continue;
        }
        await repo.updateCatalog(trx, tenantId, current.id, { ...next, updated_at: at });
        updated += 1;
      }
      await repo.insertCatalog(trx, created);
      const result = { created: created.length, updated, unchanged };
      await audit(trx, ctx, {
        action: 'activity_catalog.import',
        entityType: 'activity_catalog',
        entityId: null,
        after: { filename: upload.filename.slice(0, 200), ...result },
      });
      return result;
    });
  } finally {
    await unlink(upload.path).catch(() => {});
  }
}
