import { z } from 'zod';
import type { App } from '../../server/types.ts';
import { listActiveTenants } from './repository.ts';

const TenantList = z
  .object({ items: z.array(z.object({ slug: z.string(), name: z.string() })) })
  .meta({ id: 'TenantList' });

export function tenancyRoutes(app: App) {
  app.get(
    '/api/v1/tenants/public',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Cities that users can sign in to', response: { 200: TenantList } },
    },
    async () => ({ items: await listActiveTenants(app.db.kysely) }),
  );
}
