/**
 * The public transparency page (DESIGN §2.8): no login, aggregates only, small groups suppressed (also
 * secondarily, so that no hidden group can be derived from the totals), never a name, NIP or id of a person;
 * ETag / 304, Cache-Control, unknown city 404, the city's own minimum group size.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetPublicSummaries } from '../../src/modules/publik/service.ts';
import { call, createTestEnv, login, type Session, type TestEnv, unitId } from '../support/app.ts';

vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date('2026-12-02T03:00:00.000Z'));

let env: TestEnv;
let bkpsdm: Session;
const TINY = 'Badan Uji Transparansi Kecil';
const TINY_NAMES = ['Zulkarnain Wiratmaja Rahasia', 'Kartika Anindya Rahasia', 'Bambang Sulistyo Rahasia'];
const TINY_NIPS = ['198801152010011301', '199002202014022302', '198507072009031303'];

type Row = { name: string; employees: number | null; suppressed: boolean } & Record<string, unknown>;
const get = (url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'GET', url, headers });
const summary = (city = 'surabaya', headers: Record<string, string> = {}) =>
  get(`/api/v1/public/${city}/summary`, headers);

beforeAll(async () => {
  env = await createTestEnv({}, { activityLog: true });
  bkpsdm = await login(env.app, 'surabaya', 'bkpsdm');
  // a tiny OPD with three employees, made through the API like BKPSDM would
  const root = await unitId(env.db, 'surabaya', 'PEMKOT');
  const unit = await call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
    code: 'BUTK',
    name: TINY,
    type: 'badan',
    parentId: root,
  });
  expect(unit.statusCode, unit.body).toBe(201);
  let head: string | undefined;
  for (const [i, name] of TINY_NAMES.entries()) {
    const position = await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
      code: `BUTK.P${i}`,
      name: i === 0 ? 'Kepala Badan Uji' : 'Analis Uji',
      kind: i === 0 ? 'jpt' : 'fungsional',
      kelas: i === 0 ? 14 : 9,
      unitId: unit.json().id,
      ...(head ? { parentPositionId: head } : {}),
    });
    expect(position.statusCode, position.body).toBe(201);
    head ??= position.json().id;
    const employee = await call(env.app, bkpsdm, 'POST', '/api/v1/org/employees', {
      nip: TINY_NIPS[i],
      asnType: 'PNS',
      name,
      sex: i === 1 ? 'P' : 'L',
      positionId: position.json().id,
    });
    expect(employee.statusCode, employee.body).toBe(201);
  }
  forgetPublicSummaries();
});
afterAll(() => env.close());

describe('public transparency page', () => {
  it('answers without a session, with aggregates per OPD and the tiny OPD suppressed', async () => {
    const res = await summary();
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.city).toEqual({ slug: 'surabaya', name: 'Kota Surabaya' });
    expect(body.minGroupSize).toBe(10);
    expect(body.suppressedLabel).toMatch(/disembunyikan/);
    const tiny = body.skp.byOpd.find((r: Row) => r.name === TINY);
    expect(tiny).toEqual({ name: TINY, employees: null, approved: null, share: null, suppressed: true });
    expect(body.workload.byOpd.find((r: Row) => r.name === TINY)).toEqual({
      name: TINY,
      employees: null,
      averageRatio: null,
      suppressed: true,
    });
    // every visible group has at least the minimum; every suppressed one shows nothing
    for (const table of [body.skp.byOpd, body.workload.byOpd] as Row[][]) {
      expect(table.length).toBeGreaterThan(20);
      for (const r of table) {
        if (r.suppressed) {
          for (const [k, v] of Object.entries(r))
            if (k !== 'name' && k !== 'suppressed') expect(v, k).toBeNull();
        } else expect(r.employees).toBeGreaterThanOrEqual(10);
      }
    }
    // what "total − visible" reveals covers at least the minimum (secondary suppression)
    const visible = (body.skp.byOpd as Row[]).reduce((n, r) => n + (r.employees ?? 0), 0);
    const residual = body.skp.total.employees - visible;
    expect(residual).toBeGreaterThanOrEqual(10);
    expect((body.skp.byOpd as Row[]).filter((r) => r.suppressed).length).toBeGreaterThanOrEqual(2);
    // the figures are the database's
    const [{ n }] = (
      await sql<{ n: number }>`SELECT count(*) AS n FROM employees e JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = 'surabaya' AND e.status = 'active' AND e.position_id IS NOT NULL`.execute(
        env.db.kysely,
      )
    ).rows;
    expect(body.skp.total.employees).toBe(Number(n));
    expect(body.skp.total.share).toBeGreaterThan(90);
    expect(body.workload.month).toBe('2026-11');
    expect(body.workload.total.averageRatio).toBeGreaterThan(0.3);
    expect(body.workload.total.averageRatio).toBeLessThan(1.5);
    expect(body.period).toEqual({ year: 2026 });
  });

  it('never contains a name, NIP or id of a person of the city', async () => {
    const res = await summary();
    const text = res.body;
    const employees = await env.db.kysely
      .selectFrom('employees as e')
      .innerJoin('tenants as t', 't.id', 'e.tenant_id')
      .select(['e.id', 'e.name', 'e.nip'])
      .where('t.slug', '=', 'surabaya')
      .execute();
    const users = await env.db.kysely
      .selectFrom('users as u')
      .innerJoin('tenants as t', 't.id', 'u.tenant_id')
      .select(['u.id', 'u.display_name', 'u.username'])
      .where('t.slug', '=', 'surabaya')
      .execute();
    expect(employees.length).toBeGreaterThan(300);
    for (const e of employees) {
      expect(text).not.toContain(e.nip);
      expect(text).not.toContain(e.id);
      // the name as written (with titles) and the bare name before the first comma
      expect(text).not.toContain(e.name);
      expect(text).not.toContain(e.name.split(',')[0]);
    }
    for (const u of users) {
      expect(text).not.toContain(u.id);
      expect(text).not.toContain(u.display_name.split(',')[0]);
    }
    for (const name of TINY_NAMES) expect(text).not.toContain(name.split(' ')[0]);
    // no id of anything, no run of digits that could be a NIP
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(text).not.toMatch(/\d{15,}/);
    expect(text).not.toContain(bkpsdm.tenantId);
  });

  it('is cacheable: Cache-Control, a stable ETag, 304 on If-None-Match', async () => {
    const first = await summary();
    expect(first.headers['cache-control']).toMatch(/public/);
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(first.headers.vary).toMatch(/Accept-Language/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await summary();
    expect(again.headers.etag).toBe(etag);
    expect(again.json().generatedAt).toBe(first.json().generatedAt);
    const notModified = await summary('surabaya', { 'if-none-match': etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(etag);
    const listed = await summary('surabaya', { 'if-none-match': `"other", ${etag.replace(/^W\//, '')}` });
    expect(listed.statusCode).toBe(304);
    const stale = await summary('surabaya', { 'if-none-match': 'W/"ini-sudah-lama"' });
    expect(stale.statusCode).toBe(200);
    // recomputed with the same figures: the same tag
    forgetPublicSummaries();
    const recomputed = await summary();
    expect(recomputed.headers.etag).toBe(etag);
    // another language is another representation
    const en = await summary('surabaya', { 'accept-language': 'en' });
    expect(en.json().suppressedLabel).toMatch(/hidden/);
    expect(en.headers.etag).not.toBe(etag);
  });

  it('after the time to live, the previous answer is served while the next one is computed', async () => {
    forgetPublicSummaries();
    const first = (await summary()).json().generatedAt;
    vi.setSystemTime(new Date(Date.now() + 301_000));
    try {
      const stale = await summary();
      expect(stale.statusCode).toBe(200);
      expect(stale.json().generatedAt).toBe(first);
      await vi.waitFor(async () => expect((await summary()).json().generatedAt).not.toBe(first));
    } finally {
      vi.setSystemTime(new Date('2026-12-02T03:00:00.000Z'));
    }
  });

  it('is rate-limited like the other public routes', async () => {
    const res = await summary();
    expect(Number(res.headers['x-ratelimit-limit'])).toBeGreaterThan(0);
    expect(res.headers['x-ratelimit-remaining']).toBeDefined();
  });

  it('an unknown city, the platform tenant and a malformed name are 404', async () => {
    for (const city of ['atlantis', 'platform', 'SURABAYA', 'sura%20baya']) {
      const res = await summary(city);
      expect(res.statusCode, city).toBe(404);
      expect(res.json().error.code).toBe('TENANT_UNKNOWN');
    }
  });

  it('each city shows its own figures, with a session or without', async () => {
    const jambi = (await summary('jambi')).json();
    expect(jambi.city.slug).toBe('jambi');
    const withSession = await call(env.app, bkpsdm, 'GET', '/api/v1/public/jambi/summary');
    expect(withSession.statusCode).toBe(200);
    expect(withSession.json().skp.total).toEqual(jambi.skp.total);
  });

  it('goal progress comes from the confirmed results of the cascade, for groups large enough', async () => {
    const body = (await summary()).json();
    expect(body.goals.length).toBeGreaterThan(0);
    for (const g of body.goals) {
      expect(g.code).toMatch(/^SS\d/);
      if (g.suppressed) {
        expect(g.progress).toBeNull();
        expect(g.contributors).toBeNull();
      } else {
        expect(g.contributors).toBeGreaterThanOrEqual(10);
        expect(g.progress).toBeGreaterThan(0);
        expect(g.progress).toBeLessThanOrEqual(120);
      }
    }
    expect(body.goals.some((g: { suppressed: boolean }) => !g.suppressed)).toBe(true);
  });

  it('follows the city’s minimum group size, and a city may switch the page off', async () => {
    const jambiId = (
      await env.db.kysely
        .selectFrom('tenants')
        .select('id')
        .where('slug', '=', 'jambi')
        .executeTakeFirstOrThrow()
    ).id;
    const setSettings = (settings: unknown) =>
      env.db.kysely
        .updateTable('tenants')
        .set({ settings: JSON.stringify(settings) })
        .where('id', '=', jambiId)
        .execute();
    await setSettings({ transparency: { minGroupSize: 1000 } });
    forgetPublicSummaries();
    const strict = (await summary('jambi')).json();
    expect(strict.minGroupSize).toBe(1000);
    expect(strict.skp.total).toMatchObject({ employees: null, share: null, suppressed: true });
    expect(strict.workload.total.averageRatio).toBeNull();
    expect(strict.skp.byOpd.every((r: Row) => r.suppressed)).toBe(true);
    expect(strict.goals.every((g: { suppressed: boolean }) => g.suppressed)).toBe(true);
    // nonsense falls back to the default
    await setSettings({ transparency: { minGroupSize: 1 } });
    forgetPublicSummaries();
    expect((await summary('jambi')).json().minGroupSize).toBe(10);
    await setSettings({ transparency: { enabled: false } });
    expect((await summary('jambi')).statusCode).toBe(404);
    await setSettings({});
    forgetPublicSummaries();
    expect((await summary('jambi')).statusCode).toBe(200);
  });
});
