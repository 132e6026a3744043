import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../core/context.ts';
import { unauthenticated } from '../core/errors.ts';

/** The service context of an authenticated request; the tenant and roles come only from the session. */
export function ctxOf(req: FastifyRequest): RequestContext {
  if (!req.actor) throw unauthenticated();
  return {
    db: req.server.db.kysely,
    dialect: req.server.db.dialect,
    actor: req.actor,
    locale: req.locale,
    requestId: req.id,
    ip: req.ip ?? null,
  };
}
