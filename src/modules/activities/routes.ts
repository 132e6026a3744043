import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import * as catalog from './catalog.ts';
import { catalogPolicy } from './policy.ts';
import * as rules from './rules.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';
import * as workload from './workload.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['aktivitas'];
const catalogTags = ['katalog aktivitas'];
const workloadTags = ['beban kerja'];

export function activityRoutes(app: App) {
  // ----- city rules -----
  app.get(
    '/api/v1/activity-rules',
    {
      schema: {
        tags: catalogTags,
        summary: "The city's activity and workload rules (daily maximum, windows, thresholds)",
        response: { 200: s.ActivityRules },
      },
    },
    (req) => rules.getRules(ctxOf(req)),
  );
  app.patch(
    '/api/v1/activity-rules',
    {
      schema: {
        tags: catalogTags,
        summary: 'Change some of the rules (BKPSDM); the others keep their value',
        body: s.ActivityRulesInput,
        response: { 200: s.ActivityRules },
      },
    },
    (req) => rules.updateRules(ctxOf(req), req.body),
  );
  // ----- catalog -----
  app.get(
    '/api/v1/activity-catalog',
    {
      schema: {
        tags: catalogTags,
        summary: 'Activity catalog (an employee sees the active items of their position kind by default)',
        querystring: s.CatalogQuery,
        response: { 200: s.CatalogList },
      },
    },
    (req) => catalog.listCatalog(ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/activity-catalog',
    {
      schema: {
        tags: catalogTags,
        summary: 'Add a catalog item (BKPSDM)',
        body: s.CreateCatalogItem,
        response: { 201: s.CatalogItem },
      },
    },
    async (req, reply) => reply.status(201).send(await catalog.createCatalogItem(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/activity-catalog/:id',
    {
      schema: {
        tags: catalogTags,
        summary: 'Edit or deactivate a catalog item (BKPSDM)',
        params: s.IdParams,
        body: s.UpdateCatalogItem,
        response: { 200: s.CatalogItem },
      },
    },
    (req) => catalog.updateCatalogItem(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/activity-catalog/export.xlsx',
    { schema: { tags: catalogTags, summary: 'The whole catalog as XLSX, in the import format (BKPSDM)' } },
    async (req, reply) => {
      const file = await catalog.exportCatalog(ctxOf(req));
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="katalog-aktivitas.xlsx"')
        .send(file);
    },
  );
  app.post(
    '/api/v1/activity-catalog/import',
    {
      schema: {
        tags: catalogTags,
        summary:
          'Upsert catalog items by code from CSV/XLSX (multipart: file; columns code, name, output_unit, standard_minutes, position_kinds, active), all or nothing',
        consumes: ['multipart/form-data'],
        response: { 200: s.CatalogImportResult },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      catalogPolicy.authorize(ctx.actor, 'manage', null);
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
      let upload: { filename: string; path: string } | undefined;
      for await (const part of req.parts()) {
        if (part.type === 'file' && part.fieldname === 'file' && !upload) {
          const path = join(tmpdir(), `kinerja-catalog-${newId()}`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated) {
            await unlink(path).catch(() => {});
            throw new AppError(413, 'BODY_TOO_LARGE');
          }
          upload = { filename: part.filename, path };
        } else if (part.type === 'file') part.file.resume();
      }
      if (!upload)
        throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'file', message: 'CSV / XLSX' }]);
      return catalog.importCatalog(ctx, upload);
    },
  );

  // ----- own log -----
  app.post(
    '/api/v1/activities',
    {
      schema: {
        tags,
        summary:
          'Log an own activity (201); with an Idempotency-Key already used by the same employee, the first entry (200)',
        headers: s.IdempotencyHeaders,
        body: s.ActivityInput,
        response: { 200: s.Activity, 201: s.Activity },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const { created, activity } = await svc.logActivity(ctxOf(req), {
        ...req.body,
        ...(typeof key === 'string' && key.trim() ? { idempotencyKey: key.trim() } : {}),
      });
      return reply.status(created ? 201 : 200).send(activity);
    },
  );
  app.post(
    '/api/v1/activities/batch',
    {
      schema: {
        tags,
        summary:
          'Log up to 500 own activities at once (offline queue), all or nothing; per-entry idempotency keys',
        body: s.BatchInput,
        response: { 200: s.BatchResult, 201: s.BatchResult },
      },
    },
    async (req, reply) => {
      const { created, items } = await svc.logBatch(ctxOf(req), req.body);
      return reply.status(created ? 201 : 200).send({ items });
    },
  );
  app.get(
    '/api/v1/activities',
    {
      schema: {
        tags,
        summary: 'My activities on a date or in a range (default today)',
        querystring: s.ActivityQuery,
        response: { 200: s.ActivityList },
      },
    },
    (req) => svc.listMine(ctxOf(req), req.query),
  );
  app.delete(
    '/api/v1/activities/:id',
    {
      schema: {
        tags,
        summary: 'Withdraw an own pending activity',
        params: s.IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.deleteActivity(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/activities/copy-yesterday',
    {
      schema: {
        tags,
        summary:
          "Copy the previous working day's untimed, non-rejected activities to today as pending; skipped ones are reported",
        response: { 200: s.CopyResult, 201: s.CopyResult },
      },
    },
    async (req, reply) => {
      const result = await svc.copyYesterday(ctxOf(req));
      return reply.status(result.created.length ? 201 : 200).send(result);
    },
  );

  // ----- verification -----
  app.get(
    '/api/v1/activities/queue',
    {
      schema: {
        tags,
        summary: "Activities of the caller's direct subordinates (as holder or Plt of the position above)",
        querystring: s.QueueQuery,
        response: { 200: s.Queue },
      },
    },
    (req) => svc.queue(ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/activities/verify',
    {
      schema: {
        tags,
        summary: 'Approve, reject (with a reason) or adjust subordinates’ activities, all or nothing',
        body: s.VerifyInput,
        response: { 200: s.VerifyResult },
      },
    },
    (req) => svc.verify(ctxOf(req), req.body),
  );

  // ----- workload -----
  app.get(
    '/api/v1/workload/me',
    {
      schema: {
        tags: workloadTags,
        summary: 'My monthly workload gauge, days and the last six months',
        querystring: s.MonthQuery,
        response: { 200: s.Workload },
      },
    },
    (req) => workload.myWorkload(ctxOf(req), req.query.month),
  );
  app.get(
    '/api/v1/workload/employees/:id',
    {
      schema: {
        tags: workloadTags,
        summary: "One employee's monthly workload (self, atasan, admin_opd, BKPSDM, pimpinan, inspektorat)",
        params: s.IdParams,
        querystring: s.MonthQuery,
        response: { 200: s.Workload },
      },
    },
    (req) => workload.employeeWorkload(ctxOf(req), req.params.id, req.query.month),
  );
  app.get(
    '/api/v1/workload/units/:id',
    {
      schema: {
        tags: workloadTags,
        summary: 'Workload distribution of a unit subtree, over- and under-loaded people, sub-unit rows',
        params: s.IdParams,
        querystring: s.MonthQuery,
        response: { 200: s.WorkloadDistribution },
      },
    },
    (req) => workload.unitWorkload(ctxOf(req), req.params.id, req.query.month),
  );
  app.get(
    '/api/v1/workload/city',
    {
      schema: {
        tags: workloadTags,
        summary: 'Workload distribution of the city with one row per OPD',
        querystring: s.MonthQuery,
        response: { 200: s.WorkloadDistribution },
      },
    },
    (req) => workload.cityWorkload(ctxOf(req), req.query.month),
  );
  app.get(
    '/api/v1/abk',
    {
      schema: {
        tags: workloadTags,
        summary: 'Staffing need (ABK) per jabatan from annualised approved activity minutes',
        querystring: s.AbkQuery,
        response: { 200: s.Abk },
      },
    },
    (req) => workload.abk(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/abk/export.xlsx',
    {
      schema: { tags: workloadTags, summary: 'The ABK as a Form D spreadsheet', querystring: s.AbkQuery },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const file = await workload.abkWorkbook(ctx, req.query);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="ABK-${req.query.year ?? 'tahun-berjalan'}.xlsx"`,
        )
        .send(file);
    },
  );
}
