import type { DB } from '../../db/index.ts';
import type { NotificationTable } from '../../db/schema.ts';

export const insertNotification = (db: DB, row: NotificationTable) =>
  db.insertInto('notifications').values(row).execute();

export const listNotifications = (
  db: DB,
  tenantId: string,
  employeeId: string,
  unreadOnly: boolean,
  limit: number,
) => {
  let q = db
    .selectFrom('notifications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
};

export const countUnread = async (db: DB, tenantId: string, employeeId: string) =>
  Number(
    (
      await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('employee_id', '=', employeeId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const markRead = (db: DB, tenantId: string, employeeId: string, id: string | null, at: string) => {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('tenant_id', '=', tenantId)
    .where('employee_id', '=', employeeId)
    .where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  return q.executeTakeFirst();
};
