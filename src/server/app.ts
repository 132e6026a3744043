import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import { pickLocale } from '../core/i18n.ts';
import { newId } from '../core/ids.ts';
import { securityHeaders } from '../core/security-headers.ts';
import type { Db } from '../db/index.ts';
import { accountRoutes } from '../modules/account/routes.ts';
import { activityRoutes } from '../modules/activities/routes.ts';
import { attendanceRoutes } from '../modules/attendance/routes.ts';
import { auditRoutes } from '../modules/audit/routes.ts';
import { dashboardRoutes } from '../modules/dashboard/routes.ts';
import { evaluationRoutes } from '../modules/evaluation/routes.ts';
import { identityRoutes } from '../modules/identity/routes.ts';
import { actorFromCookie, SESSION_COOKIE } from '../modules/identity/service.ts';
import { importRoutes } from '../modules/imports/routes.ts';
import { inboxRoutes } from '../modules/inbox/routes.ts';
import { orgRoutes } from '../modules/org/routes.ts';
import { publicRoutes } from '../modules/publik/routes.ts';
import { skpRoutes } from '../modules/skp/routes.ts';
import { tenancyRoutes } from '../modules/tenancy/routes.ts';
import { tppRoutes } from '../modules/tpp/routes.ts';
import { errorHandler, sendError } from './errors.ts';
import type { App } from './types.ts';

const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
const Health = z
  .object({
    status: z.string(),
    version: z.string(),
    database: z.object({ dialect: z.string(), ok: z.boolean() }),
  })
  .meta({ id: 'Health' });
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface BuildOptions {
  config: AppConfig;
  db: Db;
  logger?: boolean;
}

export async function buildApp({ config, db, logger = false }: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: logger ? { level: 'info' } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    genReqId: () => newId(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  app.decorate('appConfig', config);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'id');
  app.setErrorHandler(errorHandler);
  // the API speaks JSON (and multipart for uploads) only
  app.removeContentTypeParser('text/plain');

  const headers = securityHeaders(config.production);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    max: config.rateLimit.max,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => {
      const err = new AppError(429, 'RATE_LIMITED', { seconds: Math.ceil(ctx.ttl / 1000) });
      return Object.assign(err, { statusCode: 429 });
    },
  });
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kinerja API',
        version: config.version,
        description:
          'Individual performance contracts, workload and talent management for Indonesian city governments.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // served fully offline: no web fonts, AI agent or MCP services from third parties
  await app.register(scalar, {
    routePrefix: '/api/docs',
    configuration: {
      url: '/api/openapi.json',
      withDefaultFonts: false,
      agent: { disabled: true },
      mcp: { disabled: true },
    },
  });

  // Locale, then the actor from the session cookie, then CSRF for mutations.
  app.addHook('onRequest', async (req, reply) => {
    req.locale = pickLocale(req.headers['accept-language']);
    if (req.url.startsWith('/api/docs')) {
      // the API reference page runs its own inline bootstrap script
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:",
      );
    }
    if (!req.url.startsWith('/api/v1/')) return;
    const actor = await actorFromCookie(db, req.cookies[SESSION_COOKIE]);
    if (actor) {
      req.actor = actor;
      if (!req.headers['accept-language']) req.locale = actor.locale;
    }
    if (req.routeOptions.config.public) return;
    if (!actor) return sendError(reply, req.locale, new AppError(401, 'UNAUTHENTICATED'));
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== actor.csrfToken) {
      return sendError(reply, req.locale, new AppError(403, 'CSRF_INVALID'));
    }
  });

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database status',
        response: { 200: Health, 503: Health },
      },
    },
    async (_req, reply) => {
      let ok = true;
      try {
        await db.kysely.selectFrom('tenants').select('id').limit(1).execute();
      } catch {
        ok = false;
      }
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'degraded',
        version: config.version,
        database: { dialect: db.dialect, ok },
      });
    },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  tenancyRoutes(app);
  identityRoutes(app);
  orgRoutes(app);
  importRoutes(app);
  auditRoutes(app);
  skpRoutes(app);
  inboxRoutes(app);
  activityRoutes(app);
  dashboardRoutes(app);
  evaluationRoutes(app);
  tppRoutes(app);
  attendanceRoutes(app);
  accountRoutes(app);
  publicRoutes(app);

  const hasWeb = existsSync(webRoot);
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return sendError(reply, req.locale, new AppError(404, 'ROUTE_NOT_FOUND'));
    }
    // single-page app: every other GET is a client-side route
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
