import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { publish } from '../../core/events.ts';
import { FileStore } from '../../core/files.ts';
import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import { coverage, goalCascade, rhkPath } from './cascade.ts';
import * as goals from './goals.ts';
import { renderSkpPdf, type SkpPrint, type SkpPrintRhk } from './pdf.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';

const tags = ['skp'];
const goalTags = ['sasaran kota'];

/**
 * After a committed step: the dashboard's SKP figures follow. The answer names the SKP's owner when it is
 * one SKP; a bulk answer leaves the owner out and the dashboard re-reads the city.
 */
const changedSkp =
  (req: FastifyRequest) =>
  <T>(result: T): T => {
    const owner = (result as { employee?: { id?: unknown } })?.employee?.id;
    publish({
      tenantId: ctxOf(req).actor.tenantId,
      kind: 'skp.changed',
      ...(typeof owner === 'string' ? { employeeId: owner } : {}),
    });
    return result;
  };

export function skpRoutes(app: App) {
  const store = new FileStore(app.appConfig.filesDir);

  // ----- periods and city goals -----
  app.get(
    '/api/v1/periods',
    {
      schema: {
        tags: goalTags,
        summary: 'Performance periods',
        response: { 200: z.object({ items: z.array(s.Period) }) },
      },
    },
    (req) => goals.listPeriods(ctxOf(req)),
  );
  app.post(
    '/api/v1/periods',
    {
      schema: {
        tags: goalTags,
        summary: 'Open a performance period (year)',
        body: s.CreatePeriod,
        response: { 201: s.Period },
      },
    },
    async (req, reply) => reply.status(201).send(await goals.createPeriod(ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/goals',
    {
      schema: {
        tags: goalTags,
        summary: 'City goals of a period',
        querystring: s.PeriodQuery,
        response: { 200: z.object({ items: z.array(s.Goal) }) },
      },
    },
    (req) => goals.listGoals(ctxOf(req), req.query.periodId),
  );
  app.post(
    '/api/v1/goals',
    {
      schema: {
        tags: goalTags,
        summary: 'Draft a city goal with indicators',
        body: s.CreateGoal,
        response: { 201: s.Goal },
      },
    },
    async (req, reply) => reply.status(201).send(await goals.createGoal(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/goals/:id',
    {
      schema: {
        tags: goalTags,
        summary: 'Edit a draft city goal',
        params: s.IdParams,
        body: s.UpdateGoal,
        response: { 200: s.Goal },
      },
    },
    (req) => goals.updateGoal(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/goals/:id/approve',
    {
      schema: {
        tags: goalTags,
        summary: 'Approve a city goal (pimpinan)',
        params: s.IdParams,
        response: { 200: s.Goal },
      },
    },
    (req) => goals.approveGoal(ctxOf(req), req.params.id),
  );
  app.delete(
    '/api/v1/goals/:id',
    {
      schema: {
        tags: goalTags,
        summary: 'Delete a draft goal nobody cites',
        params: s.IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await goals.deleteGoal(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/goals/:id/cascade',
    {
      schema: {
        tags: goalTags,
        summary: 'Everything below a city goal, down to individual indicators',
        params: s.IdParams,
        response: { 200: s.Cascade },
      },
    },
    (req) => goalCascade(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/rhks/:id/path',
    {
      schema: {
        tags: goalTags,
        summary: 'From an RHK up to the city goal it serves',
        params: s.IdParams,
        response: { 200: s.RhkPath },
      },
    },
    (req) => rhkPath(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/skp-coverage',
    {
      schema: {
        tags: goalTags,
        summary: 'Positions without approved SKP, orphan RHKs, uncovered goals',
        querystring: s.PeriodQuery,
        response: { 200: s.Coverage },
      },
    },
    (req) => coverage(ctxOf(req), req.query.periodId),
  );

  // ----- SKP -----
  app.get(
    '/api/v1/skps/mine',
    {
      schema: {
        tags,
        summary: 'My SKPs in a period',
        querystring: s.PeriodQuery,
        response: { 200: z.object({ items: z.array(s.SkpSummary) }) },
      },
    },
    (req) => svc.mySkps(ctxOf(req), req.query.periodId),
  );
  app.get(
    '/api/v1/skps/subordinates',
    {
      schema: {
        tags,
        summary: 'SKPs I approve, and subordinates without one',
        querystring: s.SubordinateQuery,
        response: { 200: s.SubordinateList },
      },
    },
    (req) => svc.subordinateSkps(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/skps',
    {
      schema: {
        tags,
        summary: 'SKPs of the city or OPD',
        querystring: s.SkpListQuery,
        response: { 200: s.SkpList },
      },
    },
    (req) => svc.listCitySkps(ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/skps',
    {
      schema: {
        tags,
        summary: 'Draft an SKP for the current position',
        body: s.CreateSkp,
        response: { 201: s.Skp },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createSkp(ctxOf(req), req.body)),
  );
  app.post(
    '/api/v1/skps/bulk',
    {
      schema: {
        tags,
        summary: 'Approve or return many SKPs',
        body: s.BulkInput,
        response: {
          200: z.object({
            results: z.array(z.object({ id: z.string(), ok: z.boolean(), error: z.string().optional() })),
          }),
        },
      },
    },
    (req) => svc.bulk(ctxOf(req), req.body).then(changedSkp(req)),
  );
  app.get(
    '/api/v1/skps/:id',
    {
      schema: {
        tags,
        summary: 'One SKP with plan, realisation and history',
        params: s.IdParams,
        response: { 200: s.Skp },
      },
    },
    (req) => svc.getSkp(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/v1/skps/:id/rhks',
    {
      schema: {
        tags,
        summary: 'Replace the plan (RHKs and indicators)',
        params: s.IdParams,
        body: s.PlanInput,
        response: { 200: s.Skp },
      },
    },
    (req) => svc.savePlan(ctxOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/v1/skps/:id/behaviours',
    {
      schema: {
        tags,
        summary: 'BerAKHLAK expectations',
        params: s.IdParams,
        body: s.BehavioursInput,
        response: { 200: s.Skp },
      },
    },
    (req) => svc.saveBehaviours(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/skps/:id/submit',
    { schema: { tags, summary: 'Submit to the atasan', params: s.IdParams, response: { 200: s.Skp } } },
    (req) => svc.submit(ctxOf(req), req.params.id).then(changedSkp(req)),
  );
  app.post(
    '/api/v1/skps/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve (atasan or acting holder)',
        params: s.IdParams,
        response: { 200: s.Skp },
      },
    },
    (req) => svc.approve(ctxOf(req), req.params.id).then(changedSkp(req)),
  );
  app.post(
    '/api/v1/skps/:id/return',
    {
      schema: {
        tags,
        summary: 'Return with a reason',
        params: s.IdParams,
        body: s.ReasonInput,
        response: { 200: s.Skp },
      },
    },
    (req) => svc.returnSkp(ctxOf(req), req.params.id, req.body.reason).then(changedSkp(req)),
  );
  app.post(
    '/api/v1/skps/:id/revise',
    {
      schema: {
        tags,
        summary: 'Open a recorded revision of an approved SKP',
        params: s.IdParams,
        body: s.ReasonInput,
        response: { 200: s.Skp },
      },
    },
    (req) => svc.revise(ctxOf(req), req.params.id, req.body.reason).then(changedSkp(req)),
  );
  app.put(
    '/api/v1/skps/:id/realisations',
    {
      schema: {
        tags,
        summary: 'Record the realisation of an indicator for a quarter',
        params: s.IdParams,
        body: s.RealisationInput,
        response: { 200: s.Skp },
      },
    },
    (req) => svc.saveRealisation(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/realisations/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a realisation (atasan)',
        params: s.IdParams,
        response: { 200: s.Skp },
      },
    },
    (req) => svc.decideRealisation(ctxOf(req), req.params.id, 'confirmed', null).then(changedSkp(req)),
  );
  app.post(
    '/api/v1/realisations/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a realisation with a reason',
        params: s.IdParams,
        body: s.ReasonInput,
        response: { 200: s.Skp },
      },
    },
    (req) =>
      svc.decideRealisation(ctxOf(req), req.params.id, 'rejected', req.body.reason).then(changedSkp(req)),
  );
  app.get(
    '/api/v1/skps/:id/pdf',
    { schema: { tags, summary: 'The SKP form as PDF', params: s.IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const skp = await svc.getSkp(ctx, req.params.id);
      const pdf = await renderSkpPdf(
        {
          instansi: skp.header.instansi,
          timeZone: ctx.actor.timeZone,
          status: skp.status as SkpPrint['status'],
          revision: skp.revision,
          header: skp.header,
          rhks: skp.rhks.map((r) => ({
            kind: r.kind as SkpPrintRhk['kind'],
            text: r.text,
            parent: r.parent,
            perspective: r.perspective,
            indicators: r.indicators.map((i) => ({
              ...i,
              aspect: i.aspect as SkpPrintRhk['indicators'][number]['aspect'],
            })),
          })),
          behaviours: skp.behaviours,
          events: skp.events.map((e) => ({ action: e.action, actorName: e.actorName ?? '', at: e.at })),
        },
        ctx.locale,
      );
      const fileName = `SKP-${skp.year}-${skp.employee.nip}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .send(pdf);
    },
  );

  // ----- evidence files -----
  app.post(
    '/api/v1/files',
    {
      schema: {
        tags,
        summary: 'Upload an evidence file (PDF, image, office; type checked by content)',
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ sha: z.string(), name: z.string(), size: z.number(), mime: z.string() }),
        },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
      const part = await req.file();
      if (!part || part.fieldname !== 'file')
        throw new AppError(400, 'VALIDATION_FAILED', {}, [
          { path: 'file', message: 'PDF / PNG / JPEG / DOCX / XLSX' },
        ]);
      const stored = await store.put(ctx.actor.tenantId, part.file, part.filename);
      if (part.file.truncated) throw new AppError(413, 'FILE_TOO_LARGE', { max: '10 MB' });
      return reply.status(201).send(await svc.registerFile(ctx, stored, part.filename));
    },
  );
  app.get(
    '/api/v1/files/:sha',
    {
      schema: {
        tags,
        summary: 'Download evidence (only for readers of a citing SKP or activity)',
        params: z.strictObject({ sha: z.string().regex(/^[0-9a-f]{64}$/) }),
        querystring: z.strictObject({
          skpId: z.string().max(64).optional(),
          activityId: z.string().max(64).optional(),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const file = await svc.authorizeFile(ctx, req.params.sha, req.query);
      const opened = await store.open(ctx.actor.tenantId, file.sha);
      if (!opened) throw new AppError(404, 'NOT_FOUND');
      return reply
        .type(file.mime)
        .header('content-disposition', `attachment; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`)
        .header('x-content-type-options', 'nosniff')
        .send(opened.stream);
    },
  );
}
