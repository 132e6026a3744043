import { z } from 'zod';
import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import { listAudit, verifyAudit } from './service.ts';

const AuditEntry = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorUserId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

const AuditQuery = z.strictObject({
  actor: z.string().max(100).optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(60).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d+$/).optional(),
});

const VerifyResult = z
  .object({
    ok: z.boolean(),
    checked: z.number(),
    brokenAt: z
      .object({ seq: z.number(), at: z.string(), action: z.string(), reason: z.string() })
      .optional(),
  })
  .meta({ id: 'AuditVerifyResult' });

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function auditRoutes(app: App) {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log of the city, newest first',
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => {
      const q = req.query;
      return listAudit(ctxOf(req), {
        actor: q.actor,
        entityType: q.entityType,
        entityId: q.entityId,
        action: q.action,
        // dates are local (WIB); entries are stored in UTC, so shift by 7 hours
        fromAt: q.from ? new Date(Date.parse(`${q.from}T00:00:00+07:00`)).toISOString() : undefined,
        toAt: q.to ? new Date(Date.parse(`${nextDay(q.to)}T00:00:00+07:00`)).toISOString() : undefined,
        beforeSeq: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit,
      });
    },
  );
  app.post(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain; reports the first broken entry',
        response: { 200: VerifyResult },
      },
    },
    (req) => verifyAudit(ctxOf(req)),
  );
}
