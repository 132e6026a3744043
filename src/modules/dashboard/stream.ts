/**
 * Server-sent events for the dashboard: `changed` after the city's figures moved (the client refetches),
 * at most one per second per connection however many activities arrive, a comment line as heartbeat, and a
 * cap on open streams per user. The stream is tenant-scoped by the session, and an OPD-scoped caller only
 * hears about changes in their OPD (when the event says which OPD it concerns).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { ctxOf } from '../../server/context.ts';
import { onDashboardChange } from './model.ts';
import { streamScope } from './service.ts';

export const streamOptions = {
  heartbeatMs: 15_000,
  /** at most one `changed` per connection per this many ms */
  minIntervalMs: 1000,
  maxPerUser: 3,
};

const openByUser = new Map<string, number>();
const closers = new Set<() => void>();

/** End every open stream (the app is shutting down). */
export function closeAllStreams() {
  for (const close of [...closers]) close();
}

export const openStreams = (): number => closers.size;

export async function openStream(
  req: FastifyRequest,
  reply: FastifyReply,
  q: { unitId?: string; once?: string },
): Promise<void> {
  const ctx = ctxOf(req);
  const opds = await streamScope(ctx, q.unitId);
  const { tenantId, userId } = ctx.actor;
  const key = `${tenantId}|${userId}`;
  const once = q.once !== undefined;
  if (!once && (openByUser.get(key) ?? 0) >= streamOptions.maxPerUser)
    throw new AppError(429, 'DASHBOARD_STREAM_LIMIT', { max: streamOptions.maxPerUser });

  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write(`retry: 5000\nevent: ready\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`);
  if (once) {
    raw.end();
    return;
  }

  openByUser.set(key, (openByUser.get(key) ?? 0) + 1);
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const kinds = new Set<string>();
  const send = () => {
    timer = null;
    last = Date.now();
    const data = { at: new Date(last).toISOString(), kinds: [...kinds] };
    kinds.clear();
    raw.write(`event: changed\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const unsubscribe = onDashboardChange(tenantId, (c) => {
    if (opds && c.opdIds && !c.opdIds.some((o) => opds.includes(o))) return;
    for (const k of c.kinds) kinds.add(k);
    if (timer) return;
    const wait = last + streamOptions.minIntervalMs - Date.now();
    if (wait <= 0) send();
    else timer = setTimeout(send, wait);
  });
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), streamOptions.heartbeatMs);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    closers.delete(close);
    unsubscribe();
    clearInterval(heartbeat);
    if (timer) clearTimeout(timer);
    const n = (openByUser.get(key) ?? 1) - 1;
    if (n > 0) openByUser.set(key, n);
    else openByUser.delete(key);
    if (!raw.writableEnded) raw.end();
  };
  closers.add(close);
  req.raw.on('close', close);
  raw.on('close', close);
  raw.on('error', close);
}
