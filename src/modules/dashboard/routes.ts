import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import { exportWorkbook } from './export.ts';
import { forgetModels } from './model.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';
import { closeAllStreams, openStream } from './stream.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['dasbor'];

export function dashboardRoutes(app: App) {
  // open event streams would keep the server from closing; models belong to this app's database
  app.addHook('preClose', async () => closeAllStreams());
  app.addHook('onClose', async () => forgetModels(app.db.kysely));

  app.get(
    '/api/v1/dashboard/city',
    {
      schema: {
        tags,
        summary:
          "The city dashboard: headline figures, ranking of OPDs, charts' data, city goals and early warnings (pimpinan, BKPSDM, inspektorat)",
        querystring: s.ViewQuery,
        response: { 200: s.DashboardView },
      },
    },
    async (req, reply) =>
      // a prepared JSON string (validated against the schema when it was made) passes unserialised
      reply.type('application/json').send((await svc.cityView(ctxOf(req), req.query.month)) as never),
  );
  app.get(
    '/api/v1/dashboard/units/:id',
    {
      schema: {
        tags,
        summary:
          'The dashboard of an OPD or a unit (its sub-units ranked, and its people below OPD level); an admin_opd inside their OPD',
        params: s.IdParams,
        querystring: s.ViewQuery,
        response: { 200: s.DashboardView },
      },
    },
    async (req, reply) =>
      reply
        .type('application/json')
        .send((await svc.unitView(ctxOf(req), req.params.id, req.query.month)) as never),
  );
  app.get(
    '/api/v1/dashboard/search',
    {
      schema: {
        tags,
        summary: 'Find people (by name or NIP) and units within the caller’s dashboard scope',
        querystring: s.SearchQuery,
        response: { 200: s.SearchResult },
      },
    },
    (req) => svc.search(ctxOf(req), req.query.q, req.query.limit),
  );
  app.get(
    '/api/v1/dashboard/export.xlsx',
    {
      schema: {
        tags,
        summary:
          'Figures as XLSX: one figure set (headline, ranking, histogram, predikat, goals, trend, heatmap, warnings, people) or all',
        querystring: s.ExportQuery,
      },
    },
    async (req, reply) => {
      const { file, filename } = await exportWorkbook(ctxOf(req), req.query);
      return reply.type(XLSX).header('content-disposition', `attachment; filename="${filename}"`).send(file);
    },
  );
  app.get(
    '/api/v1/dashboard/stream',
    {
      schema: {
        tags,
        summary:
          'Server-sent events: `changed` (at most once a second) when the figures moved; refetch then. Heartbeat comments every 15 s; at most 3 streams per user',
        querystring: s.StreamQuery,
        produces: ['text/event-stream'],
      },
    },
    (req, reply) => openStream(req, reply, req.query),
  );
}
