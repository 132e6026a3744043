import type { DB, Dialect } from '../db/index.ts';
import type { Actor } from './auth.ts';
import type { Locale } from './i18n.ts';

/** What a service needs about the current request. */
export interface RequestContext {
  db: DB;
  dialect: Dialect;
  actor: Actor;
  locale: Locale;
  requestId: string;
  ip: string | null;
}
