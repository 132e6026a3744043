import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/modules/audit/service.ts';
import { call, createTestEnv, login, type Session, type TestEnv, unitId } from '../support/app.ts';

let env: TestEnv;
let inspektorat: Session;
let bkpsdm: Session;
beforeAll(async () => {
  env = await createTestEnv();
  [inspektorat, bkpsdm] = await Promise.all([
    login(env.app, 'surabaya', 'inspektorat'),
    login(env.app, 'surabaya', 'bkpsdm'),
  ]);
  const parent = await unitId(env.db, 'surabaya', 'DLH');
  for (const n of [1, 2, 3]) {
    await call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
      code: `DLH.AUD${n}`,
      name: `Bidang Audit ${n}`,
      type: 'bidang',
      parentId: parent,
    });
  }
});
afterAll(() => env.close());

describe('audit log', () => {
  it('lists mutations with actor, before/after, newest first, filtered by entity type and actor', async () => {
    const res = await call(env.app, inspektorat, 'GET', '/api/v1/audit?entityType=unit&actor=bkpsdm&limit=2');
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(items).toHaveLength(2);
    expect(items[0].seq).toBeGreaterThan(items[1].seq);
    expect(items[0].action).toBe('unit.create');
    expect(items[0].actorRole).toBe('bkpsdm');
    expect(items[0].after.code).toBe('DLH.AUD3');
    const next = (
      await call(
        env.app,
        inspektorat,
        'GET',
        `/api/v1/audit?entityType=unit&actor=bkpsdm&limit=2&cursor=${nextCursor}`,
      )
    ).json();
    expect(next.items[0].after.code).toBe('DLH.AUD1');
  });

  it('filters by date range (local dates)', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const inRange = (
      await call(env.app, inspektorat, 'GET', `/api/v1/audit?from=${today}&to=${today}`)
    ).json();
    expect(inRange.items.length).toBeGreaterThan(0);
    const past = (
      await call(env.app, inspektorat, 'GET', '/api/v1/audit?from=2020-01-01&to=2020-12-31')
    ).json();
    expect(past.items).toHaveLength(0);
  });

  it('never shows another city’s entries', async () => {
    const jambi = await login(env.app, 'jambi', 'inspektorat');
    const items = (await call(env.app, jambi, 'GET', '/api/v1/audit?entityType=unit&limit=500')).json().items;
    expect(items.some((i: { after: { code?: string } }) => i.after?.code?.startsWith('DLH.AUD'))).toBe(false);
  });

  it('is refused to a pegawai', async () => {
    const pegawai = await login(env.app, 'surabaya', 'pegawai');
    expect((await call(env.app, pegawai, 'GET', '/api/v1/audit')).statusCode).toBe(403);
    expect((await call(env.app, pegawai, 'POST', '/api/v1/audit/verify')).statusCode).toBe(403);
  });

  it('verifies the chain, and reports the first tampered entry', async () => {
    const ok = (await call(env.app, inspektorat, 'POST', '/api/v1/audit/verify')).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(3);
    const tenant = (
      await env.db.kysely
        .selectFrom('tenants')
        .select('id')
        .where('slug', '=', 'surabaya')
        .executeTakeFirstOrThrow()
    ).id;
    const target = await env.db.kysely
      .selectFrom('audit_log')
      .select('seq')
      .where('tenant_id', '=', tenant)
      .where('action', '=', 'unit.create')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    // the log refuses updates; an attacker with raw database access would first drop the guard
    await expect(
      sql`UPDATE audit_log SET after_json = '{}' WHERE seq = ${target.seq}`.execute(env.db.kysely),
    ).rejects.toThrow(/append-only/);
    if (env.db.dialect === 'sqlite') await sql`DROP TRIGGER audit_log_no_update`.execute(env.db.kysely);
    else await sql`DROP TRIGGER audit_log_no_change ON audit_log`.execute(env.db.kysely);
    await sql`UPDATE audit_log SET after_json = ${'{"code":"FORGED"}'} WHERE tenant_id = ${tenant} AND seq = ${target.seq}`.execute(
      env.db.kysely,
    );
    const broken = (await call(env.app, inspektorat, 'POST', '/api/v1/audit/verify')).json();
    expect(broken.ok).toBe(false);
    expect(broken.brokenAt.seq).toBe(target.seq);
    expect(broken.brokenAt.reason).toBe('hash');
    const jambiTenant = (
      await env.db.kysely
        .selectFrom('tenants')
        .select('id')
        .where('slug', '=', 'jambi')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await verifyChain(env.db.kysely, jambiTenant)).ok).toBe(true);
  });
});
