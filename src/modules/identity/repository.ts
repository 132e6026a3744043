import type { DB } from '../../db/index.ts';

export const findUserForLogin = (db: DB, tenantId: string, username: string) =>
  db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'password_hash', 'active', 'failed_logins', 'locked_until'])
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .executeTakeFirst();

export const recordFailedLogin = (
  db: DB,
  tenantId: string,
  userId: string,
  failures: number,
  lockedUntil: string | null,
) =>
  db
    .updateTable('users')
    .set({ failed_logins: failures, locked_until: lockedUntil })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();

export const recordSuccessfulLogin = (db: DB, tenantId: string, userId: string, at: string) =>
  db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();

export const insertSession = (
  db: DB,
  s: {
    tenant_id: string;
    id: string;
    user_id: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
    ip: string | null;
    user_agent: string | null;
  },
) => db.insertInto('sessions').values(s).execute();

export const deleteSession = (db: DB, tenantId: string, id: string) =>
  db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const deleteExpiredSessions = (db: DB, now: string) =>
  db.deleteFrom('sessions').where('expires_at', '<', now).execute();

export const findSessionActor = (db: DB, tenantId: string, sessionId: string, now: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'),
    )
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.employee_id',
      'u.locale',
      't.id as tenant_id',
      't.slug as tenant_slug',
      't.name as tenant_name',
      't.time_zone',
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', 1)
    .where('t.active', '=', 1)
    .executeTakeFirst();

export const findRoleGrants = (db: DB, tenantId: string, userId: string) =>
  db
    .selectFrom('user_roles as r')
    .leftJoin('units as un', (j) =>
      j.onRef('un.tenant_id', '=', 'r.tenant_id').onRef('un.id', '=', 'r.unit_id'),
    )
    .select(['r.role', 'r.unit_id', 'un.path as unit_path', 'un.name as unit_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.user_id', '=', userId)
    .orderBy('r.role')
    .execute();

export const updateLocale = (db: DB, tenantId: string, userId: string, locale: string) =>
  db
    .updateTable('users')
    .set({ locale })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
