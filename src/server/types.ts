import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../core/auth.ts';
import type { AppConfig } from '../core/config.ts';
import type { Locale } from '../core/i18n.ts';
import type { Db } from '../db/index.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    appConfig: AppConfig;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** route needs no session */
    public?: boolean;
  }
}
