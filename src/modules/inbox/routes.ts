import { z } from 'zod';
import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import { listInbox, markRead } from './service.ts';

const tags = ['kotak masuk'];
const Inbox = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        title: z.string(),
        body: z.string(),
        link: z.string().nullable(),
        createdAt: z.string(),
        readAt: z.string().nullable(),
      }),
    ),
    unread: z.number(),
  })
  .meta({ id: 'Inbox' });

export function inboxRoutes(app: App) {
  app.get(
    '/api/v1/inbox',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first',
        querystring: z.strictObject({ unread: z.enum(['true', 'false']).optional() }),
        response: { 200: Inbox },
      },
    },
    (req) => listInbox(ctxOf(req), req.query.unread === 'true'),
  );
  app.post(
    '/api/v1/inbox/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await markRead(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/inbox/read-all',
    { schema: { tags, summary: 'Mark all read', response: { 204: z.null() } } },
    async (req, reply) => {
      await markRead(ctxOf(req), null);
      return reply.status(204).send(null);
    },
  );
}
