import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/core/security-headers.ts';
import { call, createTestEnv, login, snapshot, type TestEnv } from '../support/app.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ LOCKOUT_FAILURES: '3' });
});
afterAll(() => env.close());

describe('login and sessions', () => {
  it('signs in, reports the user with roles and abilities, and signs out', async () => {
    const s = await login(env.app, 'surabaya', 'bkpsdm');
    const me = await call(env.app, s, 'GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.tenant.slug).toBe('surabaya');
    expect(me.json().user.roles.map((r: { role: string }) => r.role)).toContain('bkpsdm');
    expect(me.json().user.abilities['org.manage']).toBe(true);
    const out = await call(env.app, s, 'POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await call(env.app, s, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: 'jambi', username: 'pegawai', password: 'kinerja2026' },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('rejects a wrong password with a localised message and no session', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: 'surabaya', username: 'pegawai', password: 'salah' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(res.json().error.message).toMatch(/kata sandi salah/);
    expect(res.headers['set-cookie']).toBeUndefined();
    const en = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { tenant: 'surabaya', username: 'pegawai', password: 'salah' },
    });
    expect(en.json().error.message).toMatch(/password is wrong/);
  });

  it('does not accept a user of one city at another city', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: 'jambi', username: 'nonexistent', password: 'kinerja2026' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('locks the account after repeated failures, even for the right password, and audits it', async () => {
    const attempt = (password: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: 'jambi', username: 'atasan', password },
      });
    expect((await attempt('x1')).statusCode).toBe(401);
    expect((await attempt('x2')).statusCode).toBe(401);
    const third = await attempt('x3');
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await attempt('kinerja2026');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toMatch(/dikunci sementara/);
    const actions = await env.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'auth.%')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.login_failed', 'auth.locked', 'auth.login']),
    );
  });

  it('refuses mutations without the CSRF token and changes nothing', async () => {
    const s = await login(env.app, 'surabaya', 'bkpsdm');
    const before = await snapshot(env.db);
    const res = await env.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: s.cookie },
      payload: { locale: 'en' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
    const wrong = await env.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: s.cookie, 'x-csrf-token': 'nope' },
      payload: { locale: 'en' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(await snapshot(env.db)).toBe(before);
  });

  it('switches the language and answers errors in it', async () => {
    const s = await login(env.app, 'surabaya', 'pegawai');
    const res = await call(env.app, s, 'PATCH', '/api/v1/auth/me', { locale: 'en' });
    expect(res.json().user.locale).toBe('en');
    const missing = await call(env.app, s, 'GET', '/api/v1/org/employees/does-not-exist');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('Not found.');
  });

  it('treats a forged or foreign cookie as no session', async () => {
    const s = await login(env.app, 'surabaya', 'pegawai');
    const [name, value] = s.cookie.split('=');
    const otherTenant = (
      await env.db.kysely
        .selectFrom('tenants')
        .select('id')
        .where('slug', '=', 'jambi')
        .executeTakeFirstOrThrow()
    ).id;
    const forged = `${name}=${otherTenant}.${value.split('.')[1]}`;
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: forged } });
    expect(res.statusCode).toBe(401);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await env.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('rate limiting', () => {
  it('limits login attempts per client', async () => {
    const limited = await createTestEnv({ LOGIN_RATE_LIMIT_MAX: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { tenant: 'surabaya', username: 'nobody', password: 'x' },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses[4]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('security headers', () => {
  it('sends the same strict headers on API answers, errors and the public pages', async () => {
    const responses = [
      await env.app.inject({ method: 'GET', url: '/api/health' }),
      await env.app.inject({ method: 'GET', url: '/api/v1/auth/me' }),
      await env.app.inject({ method: 'GET', url: '/api/v1/public/surabaya/summary' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 200]);
    for (const res of responses) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      // HSTS only in production (a development install runs on plain http)
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS in production', () => {
    expect(securityHeaders(true)['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(securityHeaders(false)['strict-transport-security']).toBeUndefined();
  });
});
