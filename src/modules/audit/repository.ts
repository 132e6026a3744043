import { bulkInsert } from '../../db/bulk.ts';
import { type DB, type Dialect, pipelined } from '../../db/index.ts';
import type { AuditLogTable } from '../../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The chain head of a city, locked for the transaction. */
export function headQuery(trx: DB, dialect: Dialect, tenantId: string) {
  const query = trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId);
  // SQLite serialises writers already; PostgreSQL needs the row lock so concurrent writers chain in order.
  return dialect === 'postgres' ? query.forUpdate() : query;
}

export async function lockHead(
  trx: DB,
  dialect: Dialect,
  tenantId: string,
): Promise<{ seq: number; hash: string }> {
  const head = await headQuery(trx, dialect, tenantId).executeTakeFirst();
  if (head) return head;
  await trx.insertInto('audit_heads').values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH }).execute();
  if (dialect === 'postgres') {
    return trx
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('tenant_id', '=', tenantId)
      .forUpdate()
      .executeTakeFirstOrThrow();
  }
  return { seq: 0, hash: GENESIS_HASH };
}

/** Insert a run of chained entries and move the tenant's head to the last one. */
export async function appendEntries(trx: DB, tenantId: string, rows: AuditLogTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await pipelined(trx, bulkInsert(trx, 'audit_log', rows.slice(i, i + 500)));
  const last = rows[rows.length - 1];
  await pipelined(
    trx,
    trx.updateTable('audit_heads').set({ seq: last.seq, hash: last.hash }).where('tenant_id', '=', tenantId),
  );
}

export interface AuditFilter {
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  fromAt?: string;
  toAt?: string;
  beforeSeq?: number;
  limit: number;
}

export function listEntries(db: DB, tenantId: string, f: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.fromAt) q = q.where('at', '>=', f.fromAt);
  if (f.toAt) q = q.where('at', '<', f.toAt);
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
  return q.orderBy('seq', 'desc').limit(f.limit).execute();
}

/** Streams the chain in order, a page at a time, so verifying a long log keeps memory flat. */
export async function* chainPages(db: DB, tenantId: string, pageSize = 2000) {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].seq;
  }
}
