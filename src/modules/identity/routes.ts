import { z } from 'zod';
import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import {
  actorFromCookie,
  describeMe,
  forgetSession,
  login,
  logout,
  SESSION_COOKIE,
  setLocale,
} from './service.ts';

const Me = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    locale: z.string(),
    tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    roles: z.array(
      z.object({ role: z.string(), unitId: z.string().nullable(), unitName: z.string().nullable() }),
    ),
    employeeId: z.string().nullable(),
    abilities: z.record(z.string(), z.boolean()),
  })
  .meta({ id: 'Me' });
const Session = z.object({ user: Me, csrfToken: z.string() }).meta({ id: 'Session' });
const LoginBody = z.strictObject({
  tenant: z.string().trim().min(1).max(60),
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export function identityRoutes(app: App) {
  const cfg = app.appConfig;
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: { max: cfg.rateLimit.loginMax, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        body: LoginBody,
        response: { 200: Session },
      },
    },
    async (req, reply) => {
      const result = await login(
        app.db,
        req.body,
        { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: req.id },
        {
          maxFailures: cfg.lockout.maxFailures,
          lockMinutes: cfg.lockout.minutes,
          sessionHours: cfg.sessionHours,
        },
      );
      const secure = cfg.cookieSecure === 'auto' ? req.protocol === 'https' : cfg.cookieSecure;
      reply.setCookie(SESSION_COOKIE, result.cookie, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        maxAge: cfg.sessionHours * 3600,
      });
      const actor = await actorFromCookie(app.db, result.cookie);
      if (!actor) throw new Error('session vanished right after login');
      return { user: describeMe(actor), csrfToken: result.csrfToken };
    },
  );
  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await logout(ctx);
      forgetSession(app.db, ctx.actor.tenantId, ctx.actor.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Session } } },
    (req) => {
      const ctx = ctxOf(req);
      return { user: describeMe(ctx.actor), csrfToken: ctx.actor.csrfToken };
    },
  );
  app.patch(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change the interface language',
        body: z.strictObject({ locale: z.enum(['id', 'en']) }),
        response: { 200: Session },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const user = await setLocale(ctx, req.body.locale);
      forgetSession(app.db, ctx.actor.tenantId, ctx.actor.sessionId);
      return { user, csrfToken: ctx.actor.csrfToken };
    },
  );
}
