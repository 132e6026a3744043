import { notFound } from '../../core/errors.ts';
import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import { registerAccountSection } from '../account/sections.ts';
import './integrations.ts';
import * as account from './account.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';
import { payrollWorkbook, XLSX_TYPE } from './xlsx.ts';

const tags = ['tpp'];

export function tppRoutes(app: App) {
  // the TPP block of the performance account page (shown only to those who may read pay)
  registerAccountSection('tpp', (ctx, subject) => account.accountBlock(ctx, subject));

  app.get(
    '/api/v1/tpp/settings',
    {
      schema: {
        tags,
        summary:
          'TPP rules of the city: pagu per kelas jabatan, component weights per position group, BPJS, Plt share',
        response: { 200: s.Settings },
      },
    },
    (req) => svc.getSettings(ctxOf(req)),
  );
  app.put(
    '/api/v1/tpp/settings',
    {
      schema: {
        tags,
        summary:
          'Replace the TPP rules (BKPSDM): the whole pagu table (kelas 1–17), weights (each group sums to 100%), rules',
        body: s.SettingsInput,
        response: { 200: s.Settings },
      },
    },
    (req) => svc.putSettings(ctxOf(req), req.body),
  );

  app.get(
    '/api/v1/tpp/runs',
    {
      schema: {
        tags,
        summary: 'Monthly TPP runs, newest first (BKPSDM, pimpinan, inspektorat)',
        querystring: s.RunsQuery,
        response: { 200: s.RunList },
      },
    },
    (req) => svc.listRuns(ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/tpp/runs',
    {
      schema: {
        tags,
        summary:
          'Start the run of a month and compute every employee’s TPP (BKPSDM; 201). With the Idempotency-Key of the request that created it: that run (200); otherwise an existing month is 409',
        headers: s.IdempotencyHeaders,
        body: s.CreateRun,
        response: { 200: s.Run, 201: s.Run },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const { created, run } = await svc.createRun(
        ctxOf(req),
        req.body.month,
        typeof key === 'string' && key.trim() ? key.trim() : undefined,
      );
      return reply.status(created ? 201 : 200).send(run);
    },
  );
  app.get(
    '/api/v1/tpp/runs/:id',
    {
      schema: {
        tags,
        summary: 'One run with totals per OPD and the reconciliation of totals with the sum of lines',
        params: s.IdParams,
        response: { 200: s.Run },
      },
    },
    (req) => svc.getRun(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/tpp/runs/:id/compute',
    {
      schema: {
        tags,
        summary: 'Recompute a draft or checked run (back to draft); a locked run is refused (409)',
        params: s.IdParams,
        response: { 200: s.Run },
      },
    },
    (req) => svc.computeRun(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/tpp/runs/:id/check',
    {
      schema: {
        tags,
        summary: 'Mark a draft run as checked (BKPSDM)',
        params: s.IdParams,
        response: { 200: s.Run },
      },
    },
    (req) => svc.checkRun(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/tpp/runs/:id/lock',
    {
      schema: {
        tags,
        summary: 'Lock a checked run of an ended month (BKPSDM); a locked month is never recomputed',
        params: s.IdParams,
        response: { 200: s.Run },
      },
    },
    (req) => svc.lockRun(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/tpp/runs/:id/lines',
    {
      schema: {
        tags,
        summary: 'Lines of a run, by name; filter by OPD or name/NIP',
        params: s.IdParams,
        querystring: s.LinesQuery,
        response: { 200: s.Lines },
      },
    },
    (req) => svc.runLines(ctxOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/tpp/runs/:id/export.xlsx',
    {
      schema: {
        tags,
        summary:
          'The payroll list as XLSX in the usual layout: one OPD (opdId) or every OPD (one sheet each, plus a recap)',
        params: s.IdParams,
        querystring: s.ExportQuery,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const run = await svc.loadRun(ctx, req.params.id);
      const detail = await svc.getRun(ctx, run.id);
      const opds = req.query.opdId ? detail.opds.filter((o) => o.opdId === req.query.opdId) : detail.opds;
      if (req.query.opdId && opds.length === 0) throw notFound();
      await svc.exportAudit(
        ctx,
        run,
        req.query.opdId,
        opds.reduce((n, o) => n + o.totals.employees, 0),
      );
      const tenant = await ctx.db
        .selectFrom('tenants')
        .select('name')
        .where('id', '=', ctx.actor.tenantId)
        .executeTakeFirstOrThrow();
      const slug = (req.query.opdId ? (opds[0]?.opdName ?? 'opd') : 'semua-opd')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60);
      const stream = payrollWorkbook({
        db: ctx.db,
        run,
        cityName: tenant.name,
        opds,
        single: !!req.query.opdId,
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="TPP-${run.month}-${slug}.xlsx"`)
        .send(stream);
    },
  );

  app.get(
    '/api/v1/tpp/me',
    {
      schema: {
        tags,
        summary:
          'My TPP of a month explained line by line (from the run, or a live estimate) and why it may still be cut',
        querystring: s.MonthQuery,
        response: { 200: s.Explanation },
      },
    },
    (req) => account.myTpp(ctxOf(req), req.query.month),
  );
  app.get(
    '/api/v1/tpp/employees/:id',
    {
      schema: {
        tags,
        summary: "One employee's TPP explained (the employee, BKPSDM, pimpinan, inspektorat)",
        params: s.IdParams,
        querystring: s.MonthQuery,
        response: { 200: s.Explanation },
      },
    },
    (req) => account.employeeTpp(ctxOf(req), req.params.id, req.query.month),
  );
}
