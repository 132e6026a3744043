import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/core/config.ts';
import { newId } from '../../src/core/ids.ts';
import type { Db } from '../../src/db/index.ts';
import type { Database } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/modules/identity/service.ts';
import { JAMBI, SURABAYA } from '../../src/seed/data.ts';
import { DEMO_PASSWORD, seedCity } from '../../src/seed/demo.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/types.ts';
import { freshDatabase } from './db.ts';

export interface TestEnv {
  app: App;
  db: Db;
  close: () => Promise<void>;
}

let cachedHash: Promise<string> | null = null;

/**
 * App + fresh database with both demo cities (Surabaya and Jambi) seeded. The three months of demo activity
 * log (≈ 167,000 rows) are seeded only for the files that need them, to keep each file's setup short.
 */
export async function createTestEnv(
  env: Record<string, string> = {},
  options: { activityLog?: boolean } = {},
): Promise<TestEnv> {
  const { db, drop } = await freshDatabase();
  cachedHash ??= hashPassword(DEMO_PASSWORD);
  const hash = await cachedHash;
  const seedOptions = { activityLog: options.activityLog ?? false };
  await seedCity(db, SURABAYA, 3578, hash, seedOptions);
  await seedCity(db, JAMBI, 1571, hash, seedOptions);
  const filesDir = mkdtempSync(join(tmpdir(), 'kinerja-files-'));
  const config = loadConfig({
    RATE_LIMIT_MAX: '100000',
    LOGIN_RATE_LIMIT_MAX: '100000',
    FILES_DIR: filesDir,
    ...env,
  });
  const app = await buildApp({ config, db });
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  employeeId: string | null;
  tenantId: string;
}

export async function login(
  app: App,
  tenant: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { tenant, username, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`login ${tenant}/${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : String(setCookie)).split(';')[0];
  const body = res.json();
  return {
    cookie,
    csrf: body.csrfToken,
    userId: body.user.id,
    employeeId: body.user.employeeId,
    tenantId: body.user.tenant.id,
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** An authenticated request with the session cookie and CSRF header. */
export function call(
  app: App,
  s: Session | null,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    payload: payload as never,
    headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
  });
}

const TABLES: (keyof Database)[] = [
  'tenants',
  'users',
  'user_roles',
  'units',
  'positions',
  'employees',
  'position_history',
  'acting_assignments',
  'audit_log',
  'import_jobs',
  'import_rows',
  'import_errors',
];

/** A fingerprint of every table's row count and the audit heads: equal before and after = nothing written. */
export async function snapshot(db: Db): Promise<string> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) {
    const row = await db.kysely
      .selectFrom(t)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(row.n);
  }
  const heads = await db.kysely.selectFrom('audit_heads').selectAll().orderBy('tenant_id').execute();
  const updated = await db.kysely
    .selectFrom('units')
    .select((eb) => eb.fn.max('updated_at').as('m'))
    .executeTakeFirstOrThrow();
  const empUpdated = await db.kysely
    .selectFrom('employees')
    .select((eb) => eb.fn.max('updated_at').as('m'))
    .executeTakeFirstOrThrow();
  const posUpdated = await db.kysely
    .selectFrom('positions')
    .select((eb) => eb.fn.max('updated_at').as('m'))
    .executeTakeFirstOrThrow();
  return JSON.stringify({ counts, heads, u: updated.m, e: empUpdated.m, p: posUpdated.m });
}

/** Look up ids of seeded objects by their code. */
export async function unitId(db: Db, tenantSlug: string, code: string): Promise<string> {
  const row = await db.kysely
    .selectFrom('units as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select('u.id')
    .where('t.slug', '=', tenantSlug)
    .where('u.code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function positionId(db: Db, tenantSlug: string, code: string): Promise<string> {
  const row = await db.kysely
    .selectFrom('positions as p')
    .innerJoin('tenants as t', 't.id', 'p.tenant_id')
    .select('p.id')
    .where('t.slug', '=', tenantSlug)
    .where('p.code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function holderOf(db: Db, tenantSlug: string, positionCode: string): Promise<string> {
  const row = await db.kysely
    .selectFrom('employees as e')
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
    )
    .innerJoin('tenants as t', 't.id', 'e.tenant_id')
    .select('e.id')
    .where('t.slug', '=', tenantSlug)
    .where('p.code', '=', positionCode)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Poll an import job until validation has finished. */
export async function waitForImport(
  app: App,
  s: Session,
  id: string,
): Promise<{ status: string; errorCount: number; totalRows: number }> {
  for (let i = 0; i < 600; i++) {
    const res = await call(app, s, 'GET', `/api/v1/imports/${id}`);
    const job = res.json();
    if (!['parsing', 'committing'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

export function multipart(
  fields: Record<string, string>,
  file: { name: string; content: Buffer | string; type?: string },
) {
  const boundary = `----kinerja${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Factory: a login for an employee (what BKPSDM's user administration will do). */
export async function createUser(
  db: Db,
  tenantSlug: string,
  username: string,
  employeeId: string | null,
  roles: string[] = ['pegawai'],
) {
  const tenant = await db.kysely
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', tenantSlug)
    .executeTakeFirstOrThrow();
  cachedHash ??= hashPassword(DEMO_PASSWORD);
  const id = newId();
  await db.kysely
    .insertInto('users')
    .values({
      tenant_id: tenant.id,
      id,
      username,
      display_name: username,
      password_hash: await cachedHash,
      employee_id: employeeId,
      locale: 'id',
      active: 1,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  for (const role of roles)
    await db.kysely
      .insertInto('user_roles')
      .values({ tenant_id: tenant.id, user_id: id, role, unit_id: null })
      .execute();
  return id;
}
