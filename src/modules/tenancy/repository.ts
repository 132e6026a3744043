import type { DB } from '../../db/index.ts';

export const findTenantBySlug = (db: DB, slug: string) =>
  db
    .selectFrom('tenants')
    .select(['id', 'slug', 'name', 'time_zone', 'active'])
    .where('slug', '=', slug)
    .executeTakeFirst();

export const findTenantById = (db: DB, id: string) =>
  db
    .selectFrom('tenants')
    .select(['id', 'slug', 'name', 'time_zone', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();

export const listActiveTenants = (db: DB) =>
  db
    .selectFrom('tenants')
    .select(['slug', 'name'])
    .where('active', '=', 1)
    .where('slug', '!=', 'platform')
    .orderBy('name')
    .execute();
