import type { RequestContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { type Params, t } from '../../core/i18n.ts';
import { newId } from '../../core/ids.ts';
import { nowIso } from '../../core/time.ts';
import type { DB } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit } from '../audit/service.ts';
import * as repo from './repository.ts';

export type NotificationKind =
  | 'SKP_SUBMITTED'
  | 'SKP_APPROVED'
  | 'SKP_RETURNED'
  | 'SKP_REVISED'
  | 'REALISATION_SUBMITTED'
  | 'REALISATION_CONFIRMED'
  | 'REALISATION_REJECTED'
  | 'ACTIVITIES_VERIFIED'
  | 'ACTIVITIES_REJECTED';

/** Queue a message for an employee's inbox, inside the transaction of the step it reports. */
export function notify(
  trx: DB,
  tenantId: string,
  employeeId: string,
  kind: NotificationKind,
  params: Params,
  link: string | null,
) {
  return repo.insertNotification(trx, {
    tenant_id: tenantId,
    id: newId(),
    employee_id: employeeId,
    kind,
    params: JSON.stringify(params),
    link,
    created_at: nowIso(),
    read_at: null,
  });
}

export async function listInbox(ctx: RequestContext, unreadOnly: boolean) {
  const employeeId = ctx.actor.employeeId;
  if (!employeeId) return { items: [], unread: 0 };
  const [rows, unread] = await Promise.all([
    repo.listNotifications(ctx.db, ctx.actor.tenantId, employeeId, unreadOnly, 100),
    repo.countUnread(ctx.db, ctx.actor.tenantId, employeeId),
  ]);
  return {
    items: rows.map((n) => {
      const params = JSON.parse(n.params) as Params;
      return {
        id: n.id,
        kind: n.kind,
        title: t(ctx.locale, `NOTIF_${n.kind}_TITLE`, params),
        body: t(ctx.locale, `NOTIF_${n.kind}_BODY`, params),
        link: n.link,
        createdAt: n.created_at,
        readAt: n.read_at,
      };
    }),
    unread,
  };
}

/** Reading one's own inbox is personal state, but still a mutation: audited like every other. */
export async function markRead(ctx: RequestContext, id: string | null) {
  const employeeId = ctx.actor.employeeId;
  // a user without an employee record (e.g. the mayor) has an empty inbox
  if (!employeeId) {
    if (id) throw notFound();
    return;
  }
  await transaction(ctx.db, async (trx) => {
    const result = await repo.markRead(trx, ctx.actor.tenantId, employeeId, id, nowIso());
    if (id && Number(result.numUpdatedRows) === 0) {
      const exists = await repo.listNotifications(trx, ctx.actor.tenantId, employeeId, false, 1000);
      if (!exists.some((n) => n.id === id)) throw notFound();
    }
    await audit(trx, ctx, {
      action: 'inbox.read',
      entityType: 'notification',
      entityId: id,
      after: { all: id === null },
    });
  });
}
