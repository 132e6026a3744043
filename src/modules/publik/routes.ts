import { z } from 'zod';
import type { App } from '../../server/types.ts';
import { PublicSummary, TenantParams } from './schemas.ts';
import { etagMatches, PUBLIC_TTL_SECONDS, publicSummary } from './service.ts';

export function publicRoutes(app: App) {
  app.get(
    '/api/v1/public/:tenant/summary',
    {
      // no session; rate-limited per client like the other public routes
      config: {
        public: true,
        rateLimit: { max: app.appConfig.rateLimit.max, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['transparansi'],
        summary:
          'Public transparency page of a city (no login): SKP approval and average workload by OPD, city goal progress — aggregates only, groups below the minimum size suppressed; ETag + Cache-Control',
        security: [],
        params: TenantParams,
        response: { 200: PublicSummary, 304: z.null() },
      },
    },
    async (req, reply) => {
      const { body, etag } = await publicSummary(app.db.kysely, req.params.tenant, req.locale);
      reply
        .header(
          'cache-control',
          `public, max-age=${PUBLIC_TTL_SECONDS}, stale-while-revalidate=${PUBLIC_TTL_SECONDS}`,
        )
        .header('etag', etag)
        .header('vary', 'Accept-Language');
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.status(304).send(null);
      return body;
    },
  );
}
