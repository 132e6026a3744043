import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import { IMPORT_KINDS, type ImportKind } from './columns.ts';
import { importPolicy } from './policy.ts';
import * as svc from './service.ts';

const tags = ['impor'];
const ImportJob = z
  .object({
    id: z.string(),
    kind: z.string(),
    filename: z.string(),
    status: z.string(),
    totalRows: z.number(),
    processedRows: z.number(),
    errorCount: z.number(),
    createdAt: z.string(),
    committedAt: z.string().nullable(),
    failure: z.string().nullable(),
    abilities: z.object({ commit: z.boolean() }),
  })
  .meta({ id: 'ImportJob' });
const IdParams = z.strictObject({ id: z.string().min(1).max(64) });

/** Background validations still running, so the server can finish them before closing the database. */
const running = new Set<Promise<void>>();
export const drainImports = () => Promise.allSettled([...running]);

export function importRoutes(app: App) {
  app.addHook('onClose', async () => {
    await drainImports();
  });

  app.get(
    '/api/v1/imports/templates/:file',
    {
      schema: {
        tags,
        summary: 'Sample file with the header row (units|positions|employees|attendance).(csv|xlsx)',
        params: z.strictObject({
          file: z.string().regex(/^(units|positions|employees|attendance)\.(csv|xlsx)$/),
        }),
      },
    },
    async (req, reply) => {
      importPolicy.authorize(ctxOf(req).actor, 'run', null);
      const [kind, ext] = req.params.file.split('.') as [ImportKind, 'csv' | 'xlsx'];
      reply.header('content-disposition', `attachment; filename="kinerja-${kind}.${ext}"`);
      if (ext === 'csv') return reply.type('text/csv; charset=utf-8').send(svc.templateCsv(kind));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await svc.templateXlsx(kind));
    },
  );

  app.post(
    '/api/v1/imports',
    {
      schema: {
        tags,
        summary:
          'Upload a CSV or XLSX file (multipart: kind, file; for kind attendance optionally replace=true to overwrite stored employee-days); validation runs in the background',
        consumes: ['multipart/form-data'],
        response: { 202: ImportJob },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      importPolicy.authorize(ctx.actor, 'run', null);
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
      let kind: string | undefined;
      let replace = false;
      let upload: { filename: string; path: string } | undefined;
      for await (const part of req.parts()) {
        if (part.type === 'field' && part.fieldname === 'kind') kind = String(part.value);
        else if (part.type === 'field' && part.fieldname === 'replace')
          replace = ['true', '1', 'ya'].includes(String(part.value).toLowerCase());
        else if (part.type === 'file' && part.fieldname === 'file' && !upload) {
          const path = join(tmpdir(), `kinerja-import-${newId()}`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated) throw new AppError(413, 'BODY_TOO_LARGE');
          upload = { filename: part.filename, path };
        } else if (part.type === 'file') {
          part.file.resume();
        }
      }
      const parsedKind = z.enum(IMPORT_KINDS).safeParse(kind);
      if (!parsedKind.success || !upload) {
        const details = [
          ...(!parsedKind.success ? [{ path: 'kind', message: `${IMPORT_KINDS.join(' | ')}` }] : []),
          ...(!upload ? [{ path: 'file', message: 'CSV / XLSX' }] : []),
        ];
        throw new AppError(400, 'VALIDATION_FAILED', {}, details);
      }
      const job = await svc.startImport(ctx, { kind: parsedKind.data, ...upload, replace }, (work) => {
        running.add(work);
        work.finally(() => running.delete(work));
      });
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      schema: { tags, summary: 'Import status and progress', params: IdParams, response: { 200: ImportJob } },
    },
    (req) => svc.getJob(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/imports/:id/errors',
    {
      schema: {
        tags,
        summary: 'Row-level errors in the caller’s language',
        params: IdParams,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          cursor: z.string().regex(/^\d+$/).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ row: z.number(), column: z.string(), code: z.string(), message: z.string() }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    (req) => svc.listErrors(ctxOf(req), req.params.id, Number(req.query.cursor ?? 0), req.query.limit),
  );
  app.get(
    '/api/v1/imports/:id/preview',
    {
      schema: {
        tags,
        summary: 'First valid rows as they will be saved',
        params: IdParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
        response: {
          200: z.object({
            items: z.array(z.object({ row: z.number(), data: z.record(z.string(), z.unknown()) })),
          }),
        },
      },
    },
    (req) => svc.preview(ctxOf(req), req.params.id, req.query.limit),
  );
  app.post(
    '/api/v1/imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Save every row, all or nothing',
        params: IdParams,
        response: { 200: ImportJob },
      },
    },
    (req) => svc.commit(ctxOf(req), req.params.id),
  );
}
