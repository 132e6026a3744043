import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';

const tags = ['akun kinerja'];

export function accountRoutes(app: App) {
  app.get(
    '/api/v1/accounts/search',
    {
      schema: {
        tags,
        summary:
          'Find people by name or NIP, limited to those whose performance account the caller may open (self, subordinates, admin_opd scope, or the whole city)',
        querystring: s.SearchQuery,
        response: { 200: s.SearchResult },
      },
    },
    (req) => svc.searchPeople(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        summary:
          "One employee's performance account: identity, position, raters, SKP progress, the month's workload and activities, verification backlog, feedback (self, superiors, admin_opd of the OPD, pimpinan, BKPSDM, inspectorate)",
        params: s.IdParams,
        querystring: s.AccountQuery,
        response: { 200: s.Account },
      },
    },
    (req) => svc.getAccount(ctxOf(req), req.params.id, req.query),
  );
}
