import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { type Actor, ROLES, type Role } from '../../core/auth.ts';
import type { RequestContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { Locale } from '../../core/i18n.ts';
import { randomToken, sha256 } from '../../core/ids.ts';
import { nowIso } from '../../core/time.ts';
import type { Db } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { catalogPolicy, unitWorkloadPolicy } from '../activities/policy.ts';
import { auditPolicy } from '../audit/policy.ts';
import { audit, recordAudit } from '../audit/service.ts';
import { orgPolicy } from '../org/policy.ts';
import { goalPolicy } from '../skp/policy.ts';
import { findTenantBySlug } from '../tenancy/repository.ts';
import * as repo from './repository.ts';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes)
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const hashPassword = (password: string): Promise<string> => argonHash(password, ARGON);

let dummyHash: Promise<string> | null = null;
/** Verify against a throwaway hash when the user does not exist, so timing does not reveal usernames. */
const burnTime = (password: string) => {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash.then((h) => argonVerify(h, password));
};

export interface LoginInput {
  tenant: string;
  username: string;
  password: string;
}

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
  sessionHours: number;
}

export const SESSION_COOKIE = 'kinerja_session';

export async function login(db: Db, input: LoginInput, meta: LoginMeta, policy: LoginPolicy) {
  const tenant = await findTenantBySlug(db.kysely, input.tenant);
  if (!tenant || tenant.active !== 1) {
    await burnTime(input.password);
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  const origin = { tenantId: tenant.id, requestId: meta.requestId, ip: meta.ip, role: null };
  const user = await repo.findUserForLogin(db.kysely, tenant.id, input.username);
  const now = new Date();
  if (!user || user.active !== 1) {
    await burnTime(input.password);
    await transaction(db.kysely, (trx) =>
      recordAudit(
        trx,
        db.dialect,
        { ...origin, userId: null, userName: input.username },
        {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: null,
          after: { username: input.username, reason: user ? 'inactive' : 'unknown_user' },
        },
      ),
    );
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  const who = { ...origin, userId: user.id, userName: user.username };
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError(423, 'ACCOUNT_LOCKED', {
      until: lockedUntilText(user.locked_until, tenant.time_zone),
    });
  }
  const ok = await argonVerify(user.password_hash, input.password);
  if (!ok) {
    const failures = user.failed_logins + 1;
    const locks = failures >= policy.maxFailures;
    const lockedUntil = locks ? new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString() : null;
    await transaction(db.kysely, async (trx) => {
      await repo.recordFailedLogin(trx, tenant.id, user.id, locks ? 0 : failures, lockedUntil);
      await recordAudit(trx, db.dialect, who, {
        action: locks ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { failures, lockedUntil },
      });
    });
    if (locks)
      throw new AppError(423, 'ACCOUNT_LOCKED', {
        until: lockedUntilText(lockedUntil ?? '', tenant.time_zone),
      });
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const sessionId = sha256(token);
  await transaction(db.kysely, async (trx) => {
    await repo.recordSuccessfulLogin(trx, tenant.id, user.id, now.toISOString());
    await repo.insertSession(trx, {
      tenant_id: tenant.id,
      id: sessionId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + policy.sessionHours * 3_600_000).toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(trx, db.dialect, who, {
      action: 'auth.login',
      entityType: 'session',
      entityId: sessionId.slice(0, 16),
    });
  });
  return { cookie: `${tenant.id}.${token}`, tenantId: tenant.id, sessionId, csrfToken };
}

function lockedUntilText(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/**
 * Resolved sessions, kept for a few seconds per database: every API request needs its actor, and the two
 * queries behind it dominate cheap requests. Logout and locale changes drop the entry at once; other changes
 * to a user's roles reach a running session within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 20_000;
const sessionCaches = new WeakMap<Db, Map<string, { actor: Actor; until: number }>>();
const cacheOf = (db: Db) => {
  let cache = sessionCaches.get(db);
  if (!cache) {
    cache = new Map();
    sessionCaches.set(db, cache);
  }
  return cache;
};
export const forgetSession = (db: Db, tenantId: string, sessionId: string) =>
  cacheOf(db).delete(`${tenantId}:${sessionId}`);

/** Resolve the session cookie to an actor; null when absent, malformed, expired or revoked. */
export async function actorFromCookie(db: Db, cookie: string | undefined): Promise<Actor | null> {
  if (!cookie) return null;
  const dot = cookie.indexOf('.');
  if (dot < 1) return null;
  const tenantId = cookie.slice(0, dot);
  const sessionId = sha256(cookie.slice(dot + 1));
  const cache = cacheOf(db);
  const key = `${tenantId}:${sessionId}`;
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.actor;
  const actor = await loadActor(db, tenantId, sessionId);
  if (actor) {
    if (cache.size >= SESSION_CACHE_MAX) cache.clear();
    cache.set(key, { actor, until: Date.now() + SESSION_CACHE_MS });
  } else cache.delete(key);
  return actor;
}

async function loadActor(db: Db, tenantId: string, sessionId: string): Promise<Actor | null> {
  const row = await repo.findSessionActor(db.kysely, tenantId, sessionId, nowIso());
  if (!row) return null;
  const grants = await repo.findRoleGrants(db.kysely, tenantId, row.user_id);
  return {
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    tenantName: row.tenant_name,
    timeZone: row.time_zone,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    employeeId: row.employee_id,
    locale: row.locale === 'en' ? 'en' : 'id',
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    roles: grants
      .filter((g) => (ROLES as readonly string[]).includes(g.role))
      .map((g) => ({
        role: g.role as Role,
        unitId: g.unit_id,
        unitPath: g.unit_path,
        unitName: g.unit_name,
      })),
  };
}

export async function logout(ctx: RequestContext): Promise<void> {
  await transaction(ctx.db, async (trx) => {
    await repo.deleteSession(trx, ctx.actor.tenantId, ctx.actor.sessionId);
    await audit(trx, ctx, {
      action: 'auth.logout',
      entityType: 'session',
      entityId: ctx.actor.sessionId.slice(0, 16),
    });
  });
}

export function describeMe(actor: Actor) {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    locale: actor.locale,
    tenant: { id: actor.tenantId, slug: actor.tenantSlug, name: actor.tenantName },
    roles: actor.roles.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName })),
    employeeId: actor.employeeId,
    abilities: {
      'org.manage': orgPolicy.can(actor, 'manageSomething', null),
      'import.run': orgPolicy.can(actor, 'manageSomething', null),
      'audit.read': auditPolicy.can(actor, 'read', null),
      'period.create': goalPolicy.can(actor, 'createPeriod', null),
      'catalog.manage': catalogPolicy.can(actor, 'manage', null),
      'workload.city': unitWorkloadPolicy.can(actor, 'readCity', null),
      // an admin_opd reads the workload and ABK of their own OPD
      'workload.units':
        unitWorkloadPolicy.can(actor, 'readCity', null) || actor.roles.some((g) => g.role === 'admin_opd'),
    },
  };
}

export async function setLocale(ctx: RequestContext, locale: Locale) {
  await transaction(ctx.db, async (trx) => {
    await repo.updateLocale(trx, ctx.actor.tenantId, ctx.actor.userId, locale);
    await audit(trx, ctx, {
      action: 'user.update',
      entityType: 'user',
      entityId: ctx.actor.userId,
      before: { locale: ctx.actor.locale },
      after: { locale },
    });
  });
  return describeMe({ ...ctx.actor, locale });
}
