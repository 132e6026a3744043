import { primaryRole } from '../../core/auth.ts';
import { canonicalJson } from '../../core/canonical.ts';
import type { RequestContext } from '../../core/context.ts';
import { newId, sha256 } from '../../core/ids.ts';
import { nowIso } from '../../core/time.ts';
import type { DB, Dialect } from '../../db/index.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import { auditPolicy } from './policy.ts';
import {
  type AuditFilter,
  appendEntries,
  chainPages,
  GENESIS_HASH,
  listEntries,
  lockHead,
} from './repository.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did it, when there is no logged-in actor yet (login, failed login). */
export interface AuditOrigin {
  tenantId: string;
  userId: string | null;
  userName: string | null;
  role: string | null;
  requestId: string | null;
  ip: string | null;
}

export function originOf(ctx: RequestContext): AuditOrigin {
  return {
    tenantId: ctx.actor.tenantId,
    userId: ctx.actor.userId,
    userName: ctx.actor.username,
    role: primaryRole(ctx.actor),
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

const hashedFields = (e: Omit<AuditLogTable, 'hash' | 'prev_hash'>) => ({
  seq: e.seq,
  id: e.id,
  at: e.at,
  tenant_id: e.tenant_id,
  actor_user_id: e.actor_user_id,
  actor_name: e.actor_name,
  actor_role: e.actor_role,
  action: e.action,
  entity_type: e.entity_type,
  entity_id: e.entity_id,
  before: e.before_json,
  after: e.after_json,
  request_id: e.request_id,
  ip: e.ip,
});

export const entryHash = (prevHash: string, e: Omit<AuditLogTable, 'hash' | 'prev_hash'>): string =>
  sha256(prevHash + canonicalJson(hashedFields(e)));

/** Append one event to the tenant's hash chain. Call inside the transaction of the change it records. */
export const recordAudit = (
  trx: DB,
  dialect: Dialect,
  origin: AuditOrigin,
  event: AuditEvent,
): Promise<void> => recordAuditMany(trx, dialect, origin, [event]);

export const audit = (trx: DB, ctx: RequestContext, event: AuditEvent): Promise<void> =>
  recordAudit(trx, ctx.dialect, originOf(ctx), event);

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt?: { seq: number; at: string; action: string; reason: 'hash' | 'link' | 'sequence' };
}

export async function verifyChain(db: DB, tenantId: string): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for await (const page of chainPages(db, tenantId)) {
    for (const row of page) {
      const broken = (reason: 'hash' | 'link' | 'sequence'): VerifyResult => ({
        ok: false,
        checked,
        brokenAt: { seq: row.seq, at: row.at, action: row.action, reason },
      });
      if (row.seq !== expectedSeq) return broken('sequence');
      if (row.prev_hash !== prev) return broken('link');
      if (entryHash(prev, row) !== row.hash) return broken('hash');
      prev = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
  const head = await db
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (head && (head.seq !== checked || head.hash !== prev)) {
    // entries were removed from the end of the chain
    return { ok: false, checked, brokenAt: { seq: checked + 1, at: '', action: '', reason: 'sequence' } };
  }
  return { ok: true, checked };
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

export async function listAudit(ctx: RequestContext, filter: AuditFilter) {
  auditPolicy.authorize(ctx.actor, 'read', null);
  const rows = await listEntries(ctx.db, ctx.actor.tenantId, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorUserId: r.actor_user_id,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: parse(r.before_json),
      after: parse(r.after_json),
      requestId: r.request_id,
      ip: r.ip,
      hash: r.hash,
    })),
    nextCursor: rows.length > filter.limit ? String(page[page.length - 1].seq) : null,
  };
}

export async function verifyAudit(ctx: RequestContext): Promise<VerifyResult> {
  auditPolicy.authorize(ctx.actor, 'verify', null);
  return verifyChain(ctx.db, ctx.actor.tenantId);
}

/** Append many events in order with one head lock: bulk imports stay fast and the chain stays intact. */
export async function recordAuditMany(
  trx: DB,
  dialect: Dialect,
  origin: AuditOrigin,
  events: AuditEvent[],
): Promise<void> {
  await recordAuditGroups(trx, dialect, origin.tenantId, [{ origin, events }]);
}

/**
 * Chain the events of several requests of one city under a single lock of the chain head (writes that are
 * committed together, e.g. activity entries gathered into one transaction). `lockedHead` is the head as the
 * caller already read it with `headQuery` in this transaction, if it did.
 */
export async function recordAuditGroups(
  trx: DB,
  dialect: Dialect,
  tenantId: string,
  groups: { origin: AuditOrigin; events: AuditEvent[] }[],
  lockedHead?: { seq: number; hash: string },
): Promise<void> {
  if (!groups.some((g) => g.events.length > 0)) return;
  const head = lockedHead ?? (await lockHead(trx, dialect, tenantId));
  let prev = head.hash;
  let seq = head.seq;
  const rows: AuditLogTable[] = [];
  const at = nowIso();
  for (const { origin, events } of groups) {
    if (origin.tenantId !== tenantId) throw new Error('audit: one chain per city');
    for (const event of events) {
      seq += 1;
      // keys in alphabetical order: canonical JSON of the body is then a plain stringify
      const body = {
        action: event.action,
        actor_name: origin.userName,
        actor_role: origin.role,
        actor_user_id: origin.userId,
        after_json: event.after === undefined ? null : canonicalJson(event.after),
        at,
        before_json: event.before === undefined ? null : canonicalJson(event.before),
        entity_id: event.entityId,
        entity_type: event.entityType,
        id: newId(),
        ip: origin.ip,
        request_id: origin.requestId,
        seq,
        tenant_id: tenantId,
      };
      const hash = entryHash(prev, body);
      rows.push({ ...body, prev_hash: prev, hash });
      prev = hash;
    }
  }
  await appendEntries(trx, tenantId, rows);
}
export { headQuery as auditHeadQuery } from './repository.ts';
