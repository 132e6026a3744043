/**
 * Daily activities, verification, rollups and workload. The clock is fixed at Wednesday 2 December 2026,
 * 10:00 WIB, so dates, windows and the calendar are deterministic.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { t } from '../../src/core/i18n.ts';
import { newId } from '../../src/core/ids.ts';
import { previousWorkingDay } from '../../src/modules/activities/calendar.ts';
import { rebuildRollups } from '../../src/modules/activities/repository.ts';
import { DEFAULT_SETTINGS, forgetSettings } from '../../src/modules/activities/settings.ts';
import { abkFigures, bucketOf, pjClass } from '../../src/modules/activities/workload.ts';
import {
  call,
  createTestEnv,
  createUser,
  holderOf,
  login,
  multipart,
  positionId,
  type Session,
  snapshot,
  type TestEnv,
  unitId,
} from '../support/app.ts';

const TODAY = '2026-12-02';
vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date('2026-12-02T03:00:00.000Z'));

let env: TestEnv;
let surabaya: string;
let pegawai: Session;
let atasan: Session;
let bkpsdm: Session;
let adminopd: Session;
let walikota: Session;
let jambi: Session;
let baru: Session;
let baruId: string;
let gauge: Session;
let gaugeId: string;
const items = {} as Record<'t15' | 't90' | 'fungsional' | 'inactive', string>;

type Res = Awaited<ReturnType<typeof call>>;

async function newSubordinate(username: string, nip: string, name: string): Promise<[Session, string]> {
  const unit = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
  const parent = await positionId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.KASI');
  const pos = await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
    code: `DISBUDPORAPAR.B1.SUNGAI.${username.toUpperCase()}`,
    name: 'Pemandu Wisata Sungai',
    kind: 'pelaksana',
    kelas: 6,
    unitId: unit,
    parentPositionId: parent,
  });
  const emp = await call(env.app, bkpsdm, 'POST', '/api/v1/org/employees', {
    nip,
    asnType: 'PNS',
    name,
    sex: 'L',
    positionId: pos.json().id,
  });
  if (emp.statusCode !== 201) throw new Error(emp.body);
  await createUser(env.db, 'surabaya', username, emp.json().id);
  return [await login(env.app, 'surabaya', username), emp.json().id];
}

async function catalogItem(code: string, minutes: number, kinds: string[], active = true): Promise<string> {
  const res = await call(env.app, bkpsdm, 'POST', '/api/v1/activity-catalog', {
    code,
    name: `Kegiatan uji ${code}`,
    outputUnit: 'kegiatan',
    standardMinutes: minutes,
    positionKinds: kinds,
    active,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id;
}

const log = (s: Session, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(
    env.app,
    s,
    'POST',
    '/api/v1/activities',
    { catalogId: items.t15, quantity: 1, date: TODAY, ...body },
    headers,
  );

const count = async (table: 'activities' | 'notifications', employeeId: string) =>
  Number(
    (
      await env.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('employee_id', '=', employeeId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Everything a refused write must leave alone: foundation tables, audit heads, the log and its rollups. */
async function fingerprint() {
  const sums = await sql<{ t: string; n: number }>`
    select 'a' as t, count(*) as n from activities
    union all select 'd', coalesce(sum(minutes_logged), 0) from rollup_person_day
    union all select 'm', coalesce(sum(minutes_pending + minutes_approved), 0) from rollup_person_month
    union all select 'u', coalesce(sum(entries), 0) from rollup_unit_month
    union all select 'o', coalesce(sum(people), 0) from rollup_opd_month
    union all select 'n', count(*) from notifications
    union all select 'c', count(*) from activity_catalog`.execute(env.db.kysely);
  // UNION ALL has no row order of its own (PostgreSQL may run the parts in parallel)
  const figures = sums.rows.map((r) => `${r.t}=${Number(r.n)}`).sort();
  return `${await snapshot(env.db)}|${figures.join(',')}`;
}

async function expectRefused(send: () => Promise<Res>, status: number, code: string, message?: RegExp) {
  const before = await fingerprint();
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  if (message) expect(res.json().error.message).toMatch(message);
  expect(await fingerprint()).toBe(before);
  return res.json().error as { code: string; message: string; details: { path: string; message: string }[] };
}

/** Rollups of one employee (and of the units and OPDs they logged in) equal a direct aggregate of the log. */
async function expectRollupsMatch(employeeId: string) {
  const db = env.db.kysely;
  const acts = await db
    .selectFrom('activities')
    .select(['date', 'minutes', 'status', 'unit_id'])
    .where('employee_id', '=', employeeId)
    .execute();
  const tally = (key: (a: (typeof acts)[number]) => string) => {
    const m = new Map<string, number[]>();
    for (const a of acts) {
      const v = m.get(key(a)) ?? [0, 0, 0, 0, 0];
      v[0] += 1;
      v[1] += a.minutes;
      if (a.status === 'approved') v[2] += a.minutes;
      if (a.status === 'pending') v[3] += a.minutes;
      if (a.status === 'rejected') v[4] += a.minutes;
      m.set(key(a), v);
    }
    return m;
  };
  const days = tally((a) => a.date);
  const dayRows = await db
    .selectFrom('rollup_person_day')
    .selectAll()
    .where('employee_id', '=', employeeId)
    .execute();
  expect(
    Object.fromEntries(
      dayRows.map((r) => [
        r.date,
        [r.entries, r.minutes_logged, r.minutes_approved, r.minutes_pending].map(Number),
      ]),
    ),
  ).toEqual(Object.fromEntries([...days].map(([k, v]) => [k, v.slice(0, 4)])));
  const months = tally((a) => a.date.slice(0, 7));
  const monthRows = await db
    .selectFrom('rollup_person_month')
    .selectAll()
    .where('employee_id', '=', employeeId)
    .execute();
  expect(
    Object.fromEntries(
      monthRows.map((r) => [
        r.month,
        [r.entries, r.minutes_logged, r.minutes_approved, r.minutes_pending, r.minutes_rejected].map(Number),
      ]),
    ),
  ).toEqual(Object.fromEntries(months));
  const direct = async (unitIds: string[], month: string) => {
    const r = await sql<{ n: number; a: number; p: number; people: number }>`
      select count(*) as n,
             coalesce(sum(case when status = 'approved' then minutes else 0 end), 0) as a,
             coalesce(sum(case when status = 'pending' then minutes else 0 end), 0) as p,
             count(distinct employee_id) as people
        from activities
       where tenant_id = ${surabaya} and unit_id in (${sql.join(unitIds)})
         and date >= ${`${month}-01`} and date <= ${`${month}-31`}`.execute(db);
    return [r.rows[0].n, r.rows[0].a, r.rows[0].p, r.rows[0].people].map(Number);
  };
  for (const key of new Set(acts.map((a) => `${a.unit_id}|${a.date.slice(0, 7)}`))) {
    const [unit, month] = key.split('|');
    const row = await db
      .selectFrom('rollup_unit_month')
      .selectAll()
      .where('unit_id', '=', unit)
      .where('month', '=', month)
      .executeTakeFirstOrThrow();
    expect([row.entries, row.minutes_approved, row.minutes_pending, row.people].map(Number)).toEqual(
      await direct([unit], month),
    );
    const path = (
      await db.selectFrom('units').select('path').where('id', '=', unit).executeTakeFirstOrThrow()
    ).path;
    const opd = path.split('/').filter(Boolean)[1];
    const opdUnits = await db
      .selectFrom('units')
      .select('id')
      .where('tenant_id', '=', surabaya)
      .where('path', 'like', `%/${opd}/%`)
      .execute();
    const opdRow = await db
      .selectFrom('rollup_opd_month')
      .selectAll()
      .where('opd_id', '=', opd)
      .where('month', '=', month)
      .executeTakeFirstOrThrow();
    expect(
      [opdRow.entries, opdRow.minutes_approved, opdRow.minutes_pending, opdRow.people].map(Number),
    ).toEqual(
      await direct(
        opdUnits.map((u) => u.id),
        month,
      ),
    );
  }
}

async function setSettings(activities: Record<string, unknown>) {
  await env.db.kysely
    .updateTable('tenants')
    .set({ settings: JSON.stringify({ demo: true, activities }) })
    .where('slug', '=', 'surabaya')
    .execute();
  // written behind the app's back, as another app process would: drop the rules this process keeps
  forgetSettings(env.db.kysely, surabaya);
}

beforeAll(async () => {
  env = await createTestEnv({}, { activityLog: true });
  [pegawai, atasan, bkpsdm, adminopd, walikota, jambi] = await Promise.all([
    login(env.app, 'surabaya', 'pegawai'),
    login(env.app, 'surabaya', 'atasan'),
    login(env.app, 'surabaya', 'bkpsdm'),
    login(env.app, 'surabaya', 'adminopd'),
    login(env.app, 'surabaya', 'walikota'),
    login(env.app, 'jambi', 'bkpsdm'),
  ]);
  surabaya = bkpsdm.tenantId;
  items.t15 = await catalogItem('UJI-15', 15, ['pelaksana', 'pengawas', 'fungsional']);
  items.t90 = await catalogItem('UJI-90', 90, ['pelaksana', 'pengawas']);
  items.fungsional = await catalogItem('UJI-JF', 60, ['fungsional']);
  items.inactive = await catalogItem('UJI-OFF', 30, ['pelaksana'], false);
  [baru, baruId] = await newSubordinate('baru', '199807172024031001', 'Rizki Ramadhan, S.Par.');
  [gauge, gaugeId] = await newSubordinate('gauge', '199603142022031002', 'Fajar Nugroho, S.Par.');
});
afterAll(async () => {
  await env.close();
  vi.useRealTimers();
});

describe('messages', () => {
  it('every activity code has an Indonesian and an English message', () => {
    for (const code of [
      'ACTIVITY_TIME_RANGE',
      'ACTIVITY_FUTURE_DATE',
      'ACTIVITY_BACKDATE_WINDOW',
      'ACTIVITY_QUANTITY_RANGE',
      'ACTIVITY_CATALOG_UNKNOWN',
      'ACTIVITY_CATALOG_INACTIVE',
      'ACTIVITY_CATALOG_KIND',
      'ACTIVITY_ENTRY_TOO_LONG',
      'ACTIVITY_RHK_NOT_OWN',
      'ACTIVITY_OVERLAP',
      'ACTIVITY_DAILY_MAX',
      'ACTIVITY_NO_POSITION',
      'ACTIVITY_BATCH_INVALID',
      'ACTIVITY_RANGE_TOO_LONG',
      'ACTIVITY_NOT_PENDING',
      'ACTIVITY_OWN_ENTRY',
      'ACTIVITY_VERIFY_WINDOW',
      'ACTIVITY_ADJUST_QUANTITY',
      'ACTIVITY_COPY_DUPLICATE',
      'CATALOG_IMPORT_INVALID',
      'NOTIF_ACTIVITIES_VERIFIED_TITLE',
      'NOTIF_ACTIVITIES_REJECTED_BODY',
    ]) {
      expect(t('id', code), code).not.toBe(code);
      expect(t('en', code), code).not.toBe(code);
      expect(t('en', code)).not.toBe(t('id', code));
    }
  });
});

describe('logging an activity', () => {
  it('records minutes = quantity × standard minutes, pending, and moves the rollups in step', async () => {
    const res = await log(baru, { catalogId: items.t90, quantity: 2, note: 'Rombongan SMPN 3 Surabaya' });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      date: TODAY,
      quantity: 2,
      minutes: 180,
      status: 'pending',
      standardMinutes: 90,
    });
    expect(a.abilities).toEqual({ delete: true, verify: false });
    expect(a.verifyUntil).toBe('2027-01-10');
    await expectRollupsMatch(baruId);
    const day = await env.db.kysely
      .selectFrom('rollup_person_day')
      .selectAll()
      .where('employee_id', '=', baruId)
      .where('date', '=', TODAY)
      .executeTakeFirstOrThrow();
    expect(Number(day.minutes_pending)).toBe(180);
    const mine = await call(env.app, baru, 'GET', '/api/v1/activities');
    expect(mine.json().items.map((x: { id: string }) => x.id)).toEqual([a.id]);
  });

  it('refuses a future date', async () => {
    const e = await expectRefused(() => log(baru, { date: '2026-12-03' }), 400, 'ACTIVITY_FUTURE_DATE');
    expect(e.message).toBe(
      'Aktivitas tidak boleh bertanggal di masa depan (2026-12-03; hari ini 2026-12-02).',
    );
    expect(e.details[0].path).toBe('date');
    const en = await log(baru, { date: '2026-12-03' }, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe(
      'An activity cannot be dated in the future (2026-12-03; today is 2026-12-02).',
    );
  });

  it('accepts five days back and refuses six (back-dating window)', async () => {
    expect((await log(baru, { date: '2026-11-27' })).statusCode).toBe(201);
    await expectRefused(
      () => log(baru, { date: '2026-11-26' }),
      400,
      'ACTIVITY_BACKDATE_WINDOW',
      /paling lama 5 hari ke belakang \(paling awal 2026-11-27\)/,
    );
    await expectRollupsMatch(baruId);
  });

  it('follows the city’s own back-dating window', async () => {
    await setSettings({ backdateDays: 1 });
    try {
      await expectRefused(() => log(baru, { date: '2026-11-30' }), 400, 'ACTIVITY_BACKDATE_WINDOW', /1 hari/);
      expect((await log(baru, { date: '2026-12-01' })).statusCode).toBe(201);
    } finally {
      await setSettings({});
    }
  });

  it('refuses a quantity that is not a whole number 1–1000', async () => {
    for (const quantity of [0, -1, 1.5, 1001])
      await expectRefused(() => log(baru, { quantity }), 400, 'ACTIVITY_QUANTITY_RANGE', /1–1000/);
  });

  it('refuses one entry of more than 450 minutes', async () => {
    await expectRefused(
      () => log(baru, { catalogId: items.t90, quantity: 6 }),
      400,
      'ACTIVITY_ENTRY_TOO_LONG',
      /paling banyak 450 menit \(tercatat 540 menit\)/,
    );
  });

  it('refuses more than 450 non-rejected minutes on one day, the new entry included', async () => {
    const date = '2026-11-30';
    for (let i = 0; i < 5; i++)
      expect((await log(baru, { date, catalogId: items.t90 })).statusCode).toBe(201);
    const e = await expectRefused(() => log(baru, { date }), 409, 'ACTIVITY_DAILY_MAX');
    expect(e.message).toBe(
      'Jumlah menit pada 2026-11-30 melebihi batas harian 450 menit (sudah 450 menit, ditambah 15 menit).',
    );
    // a rejected entry no longer counts
    const [first] = (await call(env.app, baru, 'GET', `/api/v1/activities?date=${date}`)).json().items;
    const rejected = await call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
      decisions: [{ id: first.id, action: 'reject', reason: 'Rombongan dibatalkan' }],
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((await log(baru, { date })).statusCode).toBe(201);
    await expectRollupsMatch(baruId);
  });

  it('refuses overlapping timed entries and half-given times', async () => {
    const date = '2026-11-28';
    expect((await log(baru, { date, startTime: '08:00', endTime: '09:00' })).statusCode).toBe(201);
    const e = await expectRefused(
      () => log(baru, { date, startTime: '08:30', endTime: '09:30' }),
      409,
      'ACTIVITY_OVERLAP',
    );
    expect(e.message).toBe('Waktu 08:30–09:30 bertumpang tindih dengan aktivitas lain pada 08:00–09:00.');
    expect((await log(baru, { date, startTime: '09:00', endTime: '10:00' })).statusCode).toBe(201);
    await expectRefused(() => log(baru, { date, startTime: '11:00' }), 400, 'ACTIVITY_TIME_RANGE');
    await expectRefused(
      () => log(baru, { date, startTime: '11:00', endTime: '10:00' }),
      400,
      'ACTIVITY_TIME_RANGE',
    );
  });

  it('needs an active catalog item that applies to the position kind', async () => {
    await expectRefused(
      () => log(baru, { catalogId: items.inactive }),
      409,
      'ACTIVITY_CATALOG_INACTIVE',
      /Kegiatan uji UJI-OFF/,
    );
    await expectRefused(
      () => log(baru, { catalogId: items.fungsional }),
      400,
      'ACTIVITY_CATALOG_KIND',
      /tidak berlaku untuk jenis jabatan pelaksana/,
    );
    await expectRefused(() => log(baru, { catalogId: newId() }), 400, 'ACTIVITY_CATALOG_UNKNOWN');
    const jambiItem = (await call(env.app, jambi, 'GET', '/api/v1/activity-catalog?limit=1')).json().items[0]
      .id;
    await expectRefused(() => log(baru, { catalogId: jambiItem }), 400, 'ACTIVITY_CATALOG_UNKNOWN');
  });

  it('links an RHK of the employee’s own SKP of that year only', async () => {
    const own = (await call(env.app, pegawai, 'GET', '/api/v1/skps/mine')).json().items[0].id;
    const rhk = (await call(env.app, pegawai, 'GET', `/api/v1/skps/${own}`)).json().rhks[0];
    const ok = await log(pegawai, { rhkId: rhk.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().rhkText).toBe(rhk.text);
    const theirs = (await call(env.app, atasan, 'GET', '/api/v1/skps/mine')).json().items[0].id;
    const atasanRhk = (await call(env.app, atasan, 'GET', `/api/v1/skps/${theirs}`)).json().rhks[0].id;
    await expectRefused(() => log(pegawai, { rhkId: atasanRhk }), 400, 'ACTIVITY_RHK_NOT_OWN', /tahun 2026/);
  });

  it('lists own entries by date or range, at most 92 days', async () => {
    const range = await call(env.app, baru, 'GET', '/api/v1/activities?from=2026-11-27&to=2026-12-02');
    expect(range.statusCode).toBe(200);
    expect(range.json().items.every((i: { employee: { id: string } }) => i.employee.id === baruId)).toBe(
      true,
    );
    const dates = range.json().items.map((i: { date: string }) => i.date);
    expect(dates).toEqual([...dates].sort());
    const long = await call(env.app, baru, 'GET', '/api/v1/activities?from=2026-01-01&to=2026-12-02');
    expect(long.json().error.code).toBe('ACTIVITY_RANGE_TOO_LONG');
    expect(
      (await call(env.app, baru, 'GET', '/api/v1/activities?from=2026-12-02&to=2026-12-01')).statusCode,
    ).toBe(400);
    expect((await call(env.app, walikota, 'GET', '/api/v1/activities')).json().items).toEqual([]);
  });

  it('refuses unknown evidence, and a user without a position', async () => {
    await expectRefused(() => log(baru, { evidence: ['a'.repeat(64)] }), 400, 'EVIDENCE_UNKNOWN');
    await expectRefused(() => log(walikota, {}), 403, 'FORBIDDEN');
  });
});

describe('evidence', () => {
  it('the atasan downloads the evidence of an entry; a colleague and another city cannot', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    const { payload, headers } = multipart({}, { name: 'foto-rombongan.pdf', content: pdf });
    const up = await env.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      payload,
      headers: { ...headers, cookie: baru.cookie, 'x-csrf-token': baru.csrf },
    });
    expect(up.statusCode, up.body).toBe(201);
    const sha = up.json().sha;
    const entry = (await log(baru, { catalogId: items.t15, quantity: 1, evidence: [sha] })).json();
    const url = `/api/v1/files/${sha}?activityId=${entry.id}`;
    expect((await call(env.app, atasan, 'GET', url)).statusCode).toBe(200);
    expect((await call(env.app, pegawai, 'GET', url)).statusCode).toBe(404);
    expect((await call(env.app, jambi, 'GET', url)).statusCode).toBe(404);
    expect((await call(env.app, atasan, 'GET', `/api/v1/files/${sha}`)).statusCode).toBe(404);
  });
});

describe('idempotency', () => {
  it('the same key twice gives the first entry back with 200, one row', async () => {
    const before = await count('activities', baruId);
    const first = await log(baru, { note: 'antrean luring 1' }, { 'idempotency-key': 'k-1' });
    const again = await log(baru, { note: 'antrean luring 1' }, { 'idempotency-key': 'k-1' });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().id).toBe(first.json().id);
    expect(await count('activities', baruId)).toBe(before + 1);
    // the key is per employee: another employee may use it too
    expect((await log(gauge, { date: '2026-11-27' }, { 'idempotency-key': 'k-1' })).statusCode).toBe(201);
  });

  it('ten concurrent requests with one key create exactly one entry', async () => {
    const before = await count('activities', baruId);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => log(baru, { date: '2026-11-29' }, { 'idempotency-key': 'burst-7' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await count('activities', baruId)).toBe(before + 1);
    await expectRollupsMatch(baruId);
  });
});

describe('group commit', () => {
  it('requests written together keep their own fate: a refused batch leaves nothing, not even its minutes', async () => {
    const [grup, grupId] = await newSubordinate('grup', '199102152019031005', 'Rudi Hartono, S.Par.');
    const date = '2026-11-30';
    const usage = async () =>
      Number(
        (
          await env.db.kysely
            .selectFrom('rollup_person_day')
            .select('minutes_logged')
            .where('employee_id', '=', grupId)
            .where('date', '=', date)
            .executeTakeFirst()
        )?.minutes_logged ?? 0,
      );
    const gaugeBefore = await count('activities', gaugeId);
    const inspektorat = await login(env.app, 'surabaya', 'inspektorat');
    // sent at once, so that they are written in one transaction
    const [refused, single, other] = await Promise.all([
      call(env.app, grup, 'POST', '/api/v1/activities/batch', {
        entries: [
          { date, catalogId: items.t90, quantity: 4 },
          { date, catalogId: items.inactive, quantity: 1 },
        ],
      }),
      log(grup, { date, catalogId: items.t90, quantity: 4 }),
      log(gauge, { date: '2026-11-27', quantity: 1 }),
    ]);
    expect(refused.statusCode, refused.body).toBe(400);
    // the refused batch's 360 minutes do not count against the daily maximum of the next request
    expect(single.statusCode, single.body).toBe(201);
    expect(other.statusCode, other.body).toBe(201);
    expect(await usage()).toBe(360);
    expect(await count('activities', grupId)).toBe(1);
    expect(await count('activities', gaugeId)).toBe(gaugeBefore + 1);
    await expectRollupsMatch(grupId);
    await expectRollupsMatch(gaugeId);
    const chain = await call(env.app, inspektorat, 'POST', '/api/v1/audit/verify');
    expect(chain.json().ok, chain.body).toBe(true);
  });
});

describe('batch (offline queue)', () => {
  it('saves up to 500 entries at once and replays by key', async () => {
    const entries = [
      { date: '2026-11-29', catalogId: items.t15, quantity: 2, idempotencyKey: 'b-1' },
      { date: '2026-11-29', catalogId: items.t15, quantity: 1, idempotencyKey: 'b-2' },
      { date: '2026-11-29', catalogId: items.t15, quantity: 3 },
    ];
    const res = await call(env.app, baru, 'POST', '/api/v1/activities/batch', { entries });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((i: { created: boolean }) => i.created)).toEqual([true, true, true]);
    const replay = await call(env.app, baru, 'POST', '/api/v1/activities/batch', {
      entries: entries.slice(0, 2),
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().items.map((i: { activity: { id: string } }) => i.activity.id)).toEqual(
      res
        .json()
        .items.slice(0, 2)
        .map((i: { activity: { id: string } }) => i.activity.id),
    );
    await expectRollupsMatch(baruId);
  });

  it('is all or nothing, with every broken entry named', async () => {
    const e = await expectRefused(
      () =>
        call(env.app, baru, 'POST', '/api/v1/activities/batch', {
          entries: [
            { date: '2026-11-27', catalogId: items.t15, quantity: 1 },
            { date: '2026-12-05', catalogId: items.t15, quantity: 1 },
            { date: '2026-11-27', catalogId: items.inactive, quantity: 1 },
          ],
        }),
      400,
      'ACTIVITY_BATCH_INVALID',
      /^2 aktivitas melanggar aturan/,
    );
    expect(e.details.map((d) => d.path)).toEqual(['entries.1.date', 'entries.2.catalogId']);
    expect(e.details[0].message).toMatch(/masa depan/);
  });

  it('counts earlier entries of the same batch toward the daily maximum', async () => {
    const e = await expectRefused(
      () =>
        call(env.app, gauge, 'POST', '/api/v1/activities/batch', {
          entries: Array.from({ length: 6 }, () => ({
            date: '2026-11-28',
            catalogId: items.t90,
            quantity: 1,
          })),
        }),
      400,
      'ACTIVITY_BATCH_INVALID',
    );
    expect(e.details.map((d) => d.path)).toEqual(['entries.5.quantity']);
    expect((await call(env.app, baru, 'POST', '/api/v1/activities/batch', { entries: [] })).statusCode).toBe(
      400,
    );
    const tooMany = Array.from({ length: 501 }, () => ({ date: TODAY, catalogId: items.t15, quantity: 1 }));
    expect(
      (await call(env.app, baru, 'POST', '/api/v1/activities/batch', { entries: tooMany })).statusCode,
    ).toBe(400);
  });
});

describe('withdrawing and copying', () => {
  it('an employee withdraws their own pending entry; others cannot', async () => {
    const a = (await log(baru, { date: '2026-11-27', quantity: 2 })).json();
    await expectRefused(
      () => call(env.app, pegawai, 'DELETE', `/api/v1/activities/${a.id}`),
      404,
      'NOT_FOUND',
    );
    await expectRefused(
      () => call(env.app, atasan, 'DELETE', `/api/v1/activities/${a.id}`),
      403,
      'FORBIDDEN',
    );
    await expectRefused(() => call(env.app, jambi, 'DELETE', `/api/v1/activities/${a.id}`), 404, 'NOT_FOUND');
    const before = await count('activities', baruId);
    expect((await call(env.app, baru, 'DELETE', `/api/v1/activities/${a.id}`)).statusCode).toBe(204);
    expect(await count('activities', baruId)).toBe(before - 1);
    await expectRollupsMatch(baruId);
    const b = (await log(baru, { date: '2026-11-27' })).json();
    await call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
      decisions: [{ id: b.id, action: 'approve' }],
    });
    await expectRefused(
      () => call(env.app, baru, 'DELETE', `/api/v1/activities/${b.id}`),
      409,
      'ACTIVITY_NOT_PENDING',
    );
  });

  it('copies yesterday’s untimed, non-rejected entries to today and reports what it skipped', async () => {
    const [copier] = await newSubordinate('penyalin', '199511202022031003', 'Bayu Setiawan, S.Par.');
    const yesterday = '2026-12-01';
    const a = (await log(copier, { date: yesterday, catalogId: items.t90, quantity: 3 })).json();
    await log(copier, { date: yesterday, catalogId: items.t15, quantity: 4, note: 'Loket tiket' });
    await log(copier, {
      date: yesterday,
      catalogId: items.t15,
      quantity: 1,
      startTime: '13:00',
      endTime: '13:15',
    });
    const rejected = (await log(copier, { date: yesterday, catalogId: items.t15, quantity: 2 })).json();
    await call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
      decisions: [
        { id: rejected.id, action: 'reject', reason: 'Tercatat ganda' },
        { id: a.id, action: 'approve' },
      ],
    });
    // today already holds 200 minutes: the 270-minute entry would pass the daily maximum
    await log(copier, { catalogId: items.t90, quantity: 2 });
    await log(copier, { catalogId: items.t15, quantity: 1, note: 'Apel' });
    const res = await call(env.app, copier, 'POST', '/api/v1/activities/copy-yesterday');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.sourceDate).toBe(yesterday);
    expect(
      body.created.map((x: { quantity: number; date: string; status: string; note: string }) => [
        x.quantity,
        x.date,
        x.status,
        x.note,
      ]),
    ).toEqual([[4, TODAY, 'pending', 'Loket tiket']]);
    expect(body.skipped).toEqual([
      expect.objectContaining({
        sourceId: a.id,
        code: 'ACTIVITY_DAILY_MAX',
        reason: expect.stringMatching(/batas harian 450/),
      }),
    ]);
    const again = await call(env.app, copier, 'POST', '/api/v1/activities/copy-yesterday');
    expect(again.statusCode).toBe(200);
    expect(
      again
        .json()
        .skipped.map((x: { code: string }) => x.code)
        .sort(),
    ).toEqual(['ACTIVITY_COPY_DUPLICATE', 'ACTIVITY_DAILY_MAX']);
  });

  it('finds the previous working day across weekends and holidays', () => {
    const holidays = new Map([
      ['2026-12-25', 'Natal'],
      ['2026-12-24', 'Cuti bersama'],
    ]);
    expect(previousWorkingDay('2026-12-07', holidays, DEFAULT_SETTINGS)).toBe('2026-12-04');
    expect(previousWorkingDay('2026-12-28', holidays, DEFAULT_SETTINGS)).toBe('2026-12-23');
  });
});

describe('verification', () => {
  it('the atasan sees the direct subordinates’ entries; a colleague sees none', async () => {
    const q = await call(env.app, atasan, 'GET', `/api/v1/activities/queue?employeeId=${baruId}`);
    expect(q.statusCode).toBe(200);
    const body = q.json();
    expect(body.items.length).toBeGreaterThan(3);
    expect(
      body.items.every(
        (i: { employee: { id: string }; status: string }) =>
          i.employee.id === baruId && i.status === 'pending',
      ),
    ).toBe(true);
    expect(body.items.every((i: { abilities: { verify: boolean } }) => i.abilities.verify)).toBe(true);
    const all = (await call(env.app, atasan, 'GET', '/api/v1/activities/queue?limit=1000')).json();
    const who = new Set(all.items.map((i: { employee: { id: string } }) => i.employee.id));
    expect(who.has(pegawai.employeeId)).toBe(true); // seeded pending entries of the last week
    expect(all.employees.map((e: { employeeId: string }) => e.employeeId)).toEqual(
      expect.arrayContaining([pegawai.employeeId, baruId, gaugeId]),
    );
    const colleague = (await call(env.app, pegawai, 'GET', '/api/v1/activities/queue')).json();
    expect(colleague.items).toEqual([]);
  });

  it('approves, rejects with a reason and adjusts in one batch, moves the rollups and tells the employee', async () => {
    const [a, b, c] = await Promise.all([
      log(baru, { date: '2026-11-27', catalogId: items.t90, quantity: 1 }),
      log(baru, { date: '2026-11-27', catalogId: items.t15, quantity: 2 }),
      log(baru, { date: '2026-11-27', catalogId: items.t15, quantity: 4 }),
    ]).then((r) => r.map((x) => x.json()));
    const inbox = await count('notifications', baruId);
    const res = await call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
      decisions: [
        { id: a.id, action: 'approve' },
        { id: b.id, action: 'reject', reason: 'Bukti dukung belum dilampirkan' },
        { id: c.id, action: 'adjust', quantity: 3 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [ra, rb, rc] = res.json().items;
    expect([ra.status, rb.status, rc.status]).toEqual(['approved', 'rejected', 'approved']);
    expect(rb.rejectReason).toBe('Bukti dukung belum dilampirkan');
    expect([rc.quantity, rc.originalQuantity, rc.minutes]).toEqual([3, 4, 45]);
    expect(ra.verifiedBy).toMatch(/\S/);
    await expectRollupsMatch(baruId);
    expect(await count('notifications', baruId)).toBe(inbox + 1);
    const note = (await call(env.app, baru, 'GET', '/api/v1/inbox')).json().items[0];
    expect(note.title).toBe('Sebagian aktivitas Anda ditolak');
    expect(note.body).toMatch(
      /3 aktivitas: 1 disetujui, 1 disesuaikan, 1 ditolak \(Bukti dukung belum dilampirkan\)/,
    );
    await expectRefused(
      () =>
        call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
          decisions: [{ id: a.id, action: 'approve' }],
        }),
      409,
      'ACTIVITY_NOT_PENDING',
    );
  });

  it('needs a reason to reject and a quantity to adjust, and keeps adjustments inside the rules — all or nothing', async () => {
    const [a, b] = await Promise.all([
      log(baru, { date: '2026-11-27' }),
      log(baru, { date: '2026-11-27', quantity: 2 }),
    ]).then((r) => r.map((x) => x.json()));
    const e = await expectRefused(
      () =>
        call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
          decisions: [
            { id: a.id, action: 'approve' },
            { id: b.id, action: 'reject' },
          ],
        }),
      400,
      'REASON_REQUIRED',
    );
    expect(e.details[0].path).toBe('decisions.1');
    await expectRefused(
      () =>
        call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
          decisions: [{ id: b.id, action: 'adjust' }],
        }),
      400,
      'ACTIVITY_ADJUST_QUANTITY',
    );
    await expectRefused(
      () =>
        call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
          decisions: [{ id: b.id, action: 'adjust', quantity: 31 }],
        }),
      400,
      'ACTIVITY_ENTRY_TOO_LONG',
    );
  });

  it('is refused for one’s own entries, a colleague, another OPD, BKPSDM and another city', async () => {
    const entry = (await log(baru, { date: '2026-11-27' })).json();
    const own = (await log(atasan, {})).json();
    const decide =
      (s: Session, id = entry.id) =>
      () =>
        call(env.app, s, 'POST', '/api/v1/activities/verify', { decisions: [{ id, action: 'approve' }] });
    await expectRefused(decide(atasan, own.id), 403, 'ACTIVITY_OWN_ENTRY');
    await expectRefused(decide(baru), 403, 'ACTIVITY_OWN_ENTRY');
    await expectRefused(decide(pegawai), 404, 'NOT_FOUND');
    const kabidDinkes = await holderOf(env.db, 'surabaya', 'DINKES.B1.KEPALA');
    await createUser(env.db, 'surabaya', 'kabid.dinkes', kabidDinkes);
    await expectRefused(decide(await login(env.app, 'surabaya', 'kabid.dinkes')), 404, 'NOT_FOUND');
    await expectRefused(decide(bkpsdm), 403, 'FORBIDDEN');
    await expectRefused(decide(adminopd), 403, 'FORBIDDEN');
    await expectRefused(decide(jambi), 404, 'NOT_FOUND');
    // the atasan's own atasan (two levels up) does not verify either
    const kabid = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.KEPALA');
    await createUser(env.db, 'surabaya', 'kabid.par', kabid);
    await expectRefused(decide(await login(env.app, 'surabaya', 'kabid.par')), 404, 'NOT_FOUND');
  });

  it('closes 10 days after the end of the entry’s month', async () => {
    const db = env.db.kysely;
    const october = await db
      .selectFrom('activities')
      .select('id')
      .where('employee_id', '=', pegawai.employeeId as string)
      .where('date', '=', '2026-10-30')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('activities')
      .set({
        status: 'pending',
        verified_by: null,
        verified_at: null,
        reject_reason: null,
        original_quantity: null,
      })
      .where('id', '=', october.id)
      .execute();
    await rebuildRollups(db, surabaya);
    const e = await expectRefused(
      () =>
        call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
          decisions: [{ id: october.id, action: 'approve' }],
        }),
      409,
      'ACTIVITY_VERIFY_WINDOW',
    );
    expect(e.message).toMatch(/2026-11-10/);
    const november = (
      await call(
        env.app,
        atasan,
        'GET',
        `/api/v1/activities/queue?employeeId=${pegawai.employeeId}&from=2026-11-01`,
      )
    ).json().items[0];
    expect(november.verifyUntil).toBe('2026-12-10');
    const ok = await call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
      decisions: [{ id: november.id, action: 'approve' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    await expectRollupsMatch(pegawai.employeeId as string);
  });

  it('an acting holder (Plt) verifies the staff of the vacant post', async () => {
    const plt = await holderOf(env.db, 'surabaya', 'DLH.SEKRETARIS');
    await createUser(env.db, 'surabaya', 'plt.dlh', plt);
    const pltSession = await login(env.app, 'surabaya', 'plt.dlh');
    const staffId = await holderOf(env.db, 'surabaya', 'DLH.B1.S2');
    await createUser(env.db, 'surabaya', 'staf.dlh', staffId);
    const staff = await login(env.app, 'surabaya', 'staf.dlh');
    const dlhItem = (await call(env.app, staff, 'GET', '/api/v1/activity-catalog?q=sampah')).json().items[0];
    const entry = await log(staff, { catalogId: dlhItem.id, quantity: 1 });
    expect(entry.statusCode, entry.body).toBe(201);
    const q = (
      await call(env.app, pltSession, 'GET', `/api/v1/activities/queue?employeeId=${staffId}`)
    ).json();
    expect(q.items.map((i: { id: string }) => i.id)).toContain(entry.json().id);
    const res = await call(env.app, pltSession, 'POST', '/api/v1/activities/verify', {
      decisions: [{ id: entry.json().id, action: 'approve' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0].status).toBe('approved');
    await expectRollupsMatch(staffId);
  });
});

describe('rollups', () => {
  it('a rebuild from the log equals the incrementally kept rollups after any sequence of writes', async () => {
    const [worker, workerId] = await newSubordinate('acak', '199709092022031004', 'Dimas Kurniawan, S.Par.');
    const dump = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of [
        'rollup_person_day',
        'rollup_person_month',
        'rollup_unit_month',
        'rollup_opd_month',
      ] as const) {
        const rows = await env.db.kysely
          .selectFrom(table)
          .selectAll()
          .where('tenant_id', '=', surabaya)
          .execute();
        out[table] = rows
          .map((r) =>
            JSON.stringify(
              Object.fromEntries(
                Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)]),
              ),
            ),
          )
          .sort();
      }
      return out;
    };
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('log' as const),
        back: fc.integer({ min: 0, max: 5 }),
        big: fc.boolean(),
        quantity: fc.integer({ min: 1, max: 4 }),
      }),
      fc.record({
        kind: fc.constant('verify' as const),
        pick: fc.nat(),
        action: fc.constantFrom('approve', 'reject', 'adjust'),
        quantity: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    );
    const dates = ['2026-12-02', '2026-12-01', '2026-11-30', '2026-11-29', '2026-11-28', '2026-11-27'];
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        for (const o of ops) {
          const pending = async () =>
            (
              await call(env.app, atasan, 'GET', `/api/v1/activities/queue?employeeId=${workerId}&limit=1000`)
            ).json().items as { id: string }[];
          if (o.kind === 'log') {
            await log(worker, {
              date: dates[o.back],
              catalogId: o.big ? items.t90 : items.t15,
              quantity: o.quantity,
            });
          } else if (o.kind === 'verify') {
            const list = await pending();
            if (!list.length) continue;
            const id = list[o.pick % list.length].id;
            await call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
              decisions: [{ id, action: o.action, quantity: o.quantity, reason: 'Uji acak' }],
            });
          } else {
            const list = await pending();
            if (!list.length) continue;
            await call(env.app, worker, 'DELETE', `/api/v1/activities/${list[o.pick % list.length].id}`);
          }
        }
        const incremental = await dump();
        await rebuildRollups(env.db.kysely, surabaya);
        expect(await dump()).toEqual(incremental);
      }),
      { numRuns: 6 },
    );
    await expectRollupsMatch(workerId);
  });
});

describe('workload', () => {
  it('November 2026 has 21 working days; a city holiday takes one away', async () => {
    const mine = (await call(env.app, pegawai, 'GET', '/api/v1/workload/me?month=2026-11')).json();
    expect(mine.workingDays).toBe(21);
    expect(mine.effectiveMinutes).toBe((21 - mine.leaveDays) * 300);
    expect(mine.days).toHaveLength(30);
    expect(mine.days.filter((d: { working: boolean }) => d.working)).toHaveLength(21);
    const sum = mine.days.reduce((a: number, d: { approved: number }) => a + d.approved, 0);
    expect(mine.approvedMinutes).toBe(sum);
    const jambiPegawai = await login(env.app, 'jambi', 'pegawai');
    await env.db.kysely
      .insertInto('work_calendar')
      .values({
        tenant_id: jambiPegawai.tenantId,
        date: '2026-11-10',
        kind: 'libur',
        name: 'Libur daerah (uji)',
      })
      .execute();
    const j = (await call(env.app, jambiPegawai, 'GET', '/api/v1/workload/me?month=2026-11')).json();
    expect(j.workingDays).toBe(20);
    expect(j.days.find((d: { date: string }) => d.date === '2026-11-10')).toMatchObject({
      working: false,
      holiday: 'Libur daerah (uji)',
    });
  });

  it('December 2026: 21 working days, leave takes days off, the gauge and its band follow', async () => {
    for (const date of ['2026-12-01', '2026-12-02']) {
      const res = await call(env.app, gauge, 'POST', '/api/v1/activities/batch', {
        entries: Array.from({ length: 5 }, () => ({ date, catalogId: items.t90, quantity: 1 })),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const queue = (
      await call(env.app, atasan, 'GET', `/api/v1/activities/queue?employeeId=${gaugeId}&from=2026-12-01`)
    ).json();
    const verified = await call(env.app, atasan, 'POST', '/api/v1/activities/verify', {
      decisions: queue.items.map((i: { id: string }) => ({ id: i.id, action: 'approve' })),
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const leave = (start: string, end: string, kind: string) =>
      env.db.kysely
        .insertInto('employee_leave')
        .values({
          tenant_id: surabaya,
          id: newId(),
          employee_id: gaugeId,
          start_date: start,
          end_date: end,
          kind,
          note: null,
        })
        .execute();
    await leave('2026-12-14', '2026-12-16', 'cuti');
    await leave('2026-12-28', '2026-12-29', 'dinas_luar');
    const w = (
      await call(env.app, atasan, 'GET', `/api/v1/workload/employees/${gaugeId}?month=2026-12`)
    ).json();
    expect(w).toMatchObject({
      month: '2026-12',
      workingDays: 21,
      leaveDays: 3,
      effectiveMinutes: 5400,
      approvedMinutes: 900,
      pendingMinutes: 0,
      ratioUncapped: 0.1667,
      nilaiAktivitas: 0.1667,
      band: 'under',
    });
    const day = (date: string) => w.days.find((d: { date: string }) => d.date === date);
    expect(day('2026-12-24')).toMatchObject({
      working: false,
      holiday: 'Cuti bersama Kelahiran Yesus Kristus',
    });
    expect(day('2026-12-25')).toMatchObject({ working: false, holiday: 'Kelahiran Yesus Kristus (Natal)' });
    expect(day('2026-12-15')).toMatchObject({ working: true, leave: 'cuti' });
    expect(day('2026-12-28')).toMatchObject({ working: true, leave: 'dinas_luar' });
    expect(day('2026-12-01')).toMatchObject({ logged: 450, approved: 450, pending: 0 });
    expect(w.history.map((h: { month: string }) => h.month)).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(w.history[5]).toEqual({
      month: '2026-12',
      approvedMinutes: 900,
      effectiveMinutes: 5400,
      ratio: 0.1667,
    });

    // a city with 60 effective minutes a day, and more leave: over-loaded, nilai capped at 100%
    await leave('2026-12-03', '2026-12-11', 'cuti');
    await setSettings({ workingMinutesPerDay: 60 });
    try {
      const over = (await call(env.app, gauge, 'GET', '/api/v1/workload/me?month=2026-12')).json();
      expect(over).toMatchObject({
        leaveDays: 10,
        effectiveMinutes: 660,
        ratioUncapped: 1.3636,
        nilaiAktivitas: 1,
        band: 'over',
      });
    } finally {
      await setSettings({});
    }
  });

  it('is seen by the person, their atasan, the admin_opd, BKPSDM, pimpinan and inspektorat only', async () => {
    const url = `/api/v1/workload/employees/${gaugeId}?month=2026-12`;
    for (const s of [
      gauge,
      atasan,
      adminopd,
      bkpsdm,
      walikota,
      await login(env.app, 'surabaya', 'inspektorat'),
    ])
      expect((await call(env.app, s, 'GET', url)).statusCode).toBe(200);
    expect((await call(env.app, pegawai, 'GET', url)).statusCode).toBe(403);
    expect((await call(env.app, baru, 'GET', url)).statusCode).toBe(403);
    expect((await call(env.app, jambi, 'GET', url)).statusCode).toBe(404);
    expect((await call(env.app, walikota, 'GET', '/api/v1/workload/me')).statusCode).toBe(404);
    expect((await call(env.app, gauge, 'GET', '/api/v1/workload/me?month=2026-13')).statusCode).toBe(400);
  });

  it('a unit’s distribution and lists come from the rollups and add up', async () => {
    const opd = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR');
    const res = await call(env.app, adminopd, 'GET', `/api/v1/workload/units/${opd}?month=2026-10`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const people = await env.db.kysely
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unit_id')
      .select(['e.id'])
      .where('e.status', '=', 'active')
      .where('u.path', 'like', `%/${opd}/%`)
      .execute();
    expect(d.people).toBe(people.length);
    expect(d.buckets.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(
      d.people - d.withoutEffectiveTime,
    );
    expect(d.bands.under + d.bands.normal + d.bands.over).toBe(d.people - d.withoutEffectiveTime);
    expect(d.overloaded.every((p: { ratio: number }) => p.ratio > 1.25)).toBe(true);
    expect(d.underloaded.every((p: { ratio: number }) => p.ratio < 0.75)).toBe(true);
    const approved = await sql<{ n: number }>`
      select coalesce(sum(a.minutes), 0) as n from activities a
        join employees e on e.tenant_id = a.tenant_id and e.id = a.employee_id
        join units u on u.tenant_id = e.tenant_id and u.id = e.unit_id
       where a.status = 'approved' and substr(a.date, 1, 7) = '2026-10' and u.path like ${`%/${opd}/%`}`.execute(
      env.db.kysely,
    );
    expect(d.approvedMinutes).toBe(Number(approved.rows[0].n));
    expect(d.rows.reduce((a: number, r: { people: number }) => a + r.people, 0)).toBe(d.people);
    expect(d.ratio).toBeCloseTo(d.approvedMinutes / d.effectiveMinutes, 3);
    expect((await call(env.app, pegawai, 'GET', `/api/v1/workload/units/${opd}`)).statusCode).toBe(403);
    const dinkes = await unitId(env.db, 'surabaya', 'DINKES');
    expect((await call(env.app, adminopd, 'GET', `/api/v1/workload/units/${dinkes}`)).statusCode).toBe(403);
    expect((await call(env.app, jambi, 'GET', `/api/v1/workload/units/${opd}`)).statusCode).toBe(404);
  });

  it('puts ratios into 25-point buckets, everything above 150% in the last', () => {
    expect([0, 0.2499, 0.25, 0.74, 0.75, 1, 1.25, 1.4999, 1.5, 1.5001, 7].map(bucketOf)).toEqual([
      0, 0, 1, 2, 3, 4, 5, 5, 5, 6, 6,
    ]);
  });

  it('the city view has one row per OPD from the OPD rollup', async () => {
    const res = await call(env.app, walikota, 'GET', '/api/v1/workload/city?month=2026-10');
    expect(res.statusCode).toBe(200);
    const c = res.json();
    const opdRows = await env.db.kysely
      .selectFrom('rollup_opd_month')
      .selectAll()
      .where('tenant_id', '=', surabaya)
      .where('month', '=', '2026-10')
      .execute();
    expect(c.rows.reduce((a: number, r: { entries: number }) => a + r.entries, 0)).toBe(
      opdRows.reduce((a, r) => a + Number(r.entries), 0),
    );
    expect(c.rows.length).toBeGreaterThan(15);
    expect(c.bands.under).toBeGreaterThan(0);
    expect(c.bands.over).toBeGreaterThan(0);
    expect((await call(env.app, adminopd, 'GET', '/api/v1/workload/city')).statusCode).toBe(403);
  });
});

describe('ABK (staffing need)', () => {
  it('classes prestasi kerja jabatan at the boundaries', () => {
    expect([1.01, 1, 0.9, 0.89, 0.7, 0.69, 0.5, 0.49, 0].map(pjClass)).toEqual([
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
      'E',
      'E',
    ]);
    // 66,744 minutes ÷ 75,000 = 0.88992 → EJ 0.89 → C
    expect(abkFigures(66_744, 1, 0, 75_000, 'id')).toMatchObject({
      kebutuhan: 0.89,
      ej: 0.89,
      pj: 'C',
      selisih: 0.11,
      selisihLabel: 'lebih 0,11',
    });
    expect(abkFigures(75_756, 1, 0, 75_000, 'en')).toMatchObject({
      ej: 1.01,
      pj: 'A',
      selisihLabel: 'short by 0.01',
    });
    expect(abkFigures(0, 0, 0, 75_000, 'id')).toMatchObject({ ej: null, pj: null, selisihLabel: 'sesuai' });
  });

  it('annualises approved minutes per jabatan and totals a unit, in Form D', async () => {
    const bidang = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1');
    const unit = (
      await call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
        code: 'DISBUDPORAPAR.B1.ABK',
        name: 'Seksi Uji ABK',
        type: 'seksi',
        parentId: bidang,
      })
    ).json();
    const position = async (code: string, name: string, kind: string) =>
      (
        await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
          code,
          name,
          kind,
          kelas: 7,
          unitId: unit.id,
        })
      ).json().id;
    const employee = async (positionId: string, nip: string, asnType: string) =>
      (
        await call(env.app, bkpsdm, 'POST', '/api/v1/org/employees', {
          nip,
          asnType,
          name: 'Pegawai ABK',
          sex: 'L',
          positionId,
        })
      ).json();
    const g1 = await employee(
      await position('ABK.G1', 'Pemandu Wisata Uji', 'pelaksana'),
      '199101012015031001',
      'PNS',
    );
    const g2 = await employee(
      await position('ABK.G2', 'Pemandu Wisata Uji', 'pelaksana'),
      '199502022023011001',
      'PPPK',
    );
    const an = await employee(
      await position('ABK.AN', 'Analis Pariwisata Uji', 'fungsional'),
      '198803032012031002',
      'PNS',
    );
    await position('ABK.KOSONG', 'Pengelola Data Uji', 'pelaksana');
    const item = (
      await env.db.kysely
        .selectFrom('activity_catalog')
        .select('id')
        .where('tenant_id', '=', surabaya)
        .executeTakeFirstOrThrow()
    ).id;
    const row = (e: { id: string; positionId: string }, minutes: number) => ({
      tenant_id: surabaya,
      id: newId(),
      employee_id: e.id,
      position_id: e.positionId,
      unit_id: unit.id,
      date: '2025-03-10',
      catalog_id: item,
      quantity: 1,
      minutes,
      rhk_id: null,
      note: null,
      evidence_json: '[]',
      start_time: null,
      end_time: null,
      status: 'approved',
      original_quantity: null,
      verified_by: null,
      verified_at: null,
      reject_reason: null,
      idempotency_key: null,
      created_at: '2025-03-10T09:00:00.000Z',
      updated_at: '2025-03-10T09:00:00.000Z',
    });
    await env.db.kysely
      .insertInto('activities')
      .values([row(g1, 3125), row(g2, 3125), row(an, 6313)])
      .execute();
    await rebuildRollups(env.db.kysely, surabaya);

    const res = await call(env.app, bkpsdm, 'GET', `/api/v1/abk?unitId=${unit.id}&year=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const abk = res.json();
    expect(abk.months).toEqual(['2025-03']);
    const rows = Object.fromEntries(abk.units[0].rows.map((r: { jabatan: string }) => [r.jabatan, r]));
    expect(rows['Pemandu Wisata Uji']).toMatchObject({
      positions: 2,
      bebanKerja: 75_000,
      kebutuhan: 1,
      pns: 1,
      pppk: 1,
      holders: 2,
      selisih: 1,
      selisihLabel: 'lebih 1',
      ej: 0.5,
      pj: 'D',
    });
    expect(rows['Analis Pariwisata Uji']).toMatchObject({
      bebanKerja: 75_756,
      kebutuhan: 1.01,
      selisih: -0.01,
      ej: 1.01,
      pj: 'A',
    });
    expect(rows['Pengelola Data Uji']).toMatchObject({ holders: 0, kebutuhan: 0, ej: null, pj: null });
    expect(abk.total).toMatchObject({
      bebanKerja: 150_756,
      kebutuhan: 2.01,
      holders: 3,
      selisih: 0.99,
      ej: 0.67,
      pj: 'D',
    });

    const file = await call(env.app, bkpsdm, 'GET', `/api/v1/abk/export.xlsx?unitId=${unit.id}&year=2025`);
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Form D');
    const texts: string[] = [];
    sheet?.eachRow((r) => texts.push((r.values as unknown[]).slice(1).join('|')));
    expect(texts.some((x) => x.startsWith('No|Jabatan|Beban Kerja'))).toBe(true);
    expect(texts.some((x) => x.includes('Pemandu Wisata Uji|75000|1|1|1|2|1|lebih 1|0.5|D (Sedang)'))).toBe(
      true,
    );
  });

  it('an admin_opd gets their own OPD by default; a pegawai none', async () => {
    const own = await call(env.app, adminopd, 'GET', '/api/v1/abk');
    expect(own.statusCode).toBe(200);
    expect(own.json().unit.name).toMatch(/Pariwisata/);
    expect(own.json().months).toEqual(['2026-09', '2026-10', '2026-11']);
    const dinkes = await unitId(env.db, 'surabaya', 'DINKES');
    expect((await call(env.app, adminopd, 'GET', `/api/v1/abk?unitId=${dinkes}`)).statusCode).toBe(403);
    expect((await call(env.app, pegawai, 'GET', '/api/v1/abk')).statusCode).toBe(403);
    expect((await call(env.app, jambi, 'GET', `/api/v1/abk?unitId=${dinkes}`)).statusCode).toBe(404);
  });
});

describe('catalog', () => {
  it('an employee sees the active items of their own position kind by default', async () => {
    const res = (await call(env.app, pegawai, 'GET', '/api/v1/activity-catalog?limit=1000')).json();
    expect(res.items.length).toBeGreaterThan(50);
    expect(
      res.items.every(
        (i: { positionKinds: string[]; active: boolean }) =>
          i.positionKinds.includes('pelaksana') && i.active,
      ),
    ).toBe(true);
    const fungsional = (
      await call(env.app, pegawai, 'GET', '/api/v1/activity-catalog?kind=fungsional&q=kegiatan%20uji')
    ).json();
    expect(fungsional.items.map((i: { code: string }) => i.code)).toEqual(['UJI-15', 'UJI-JF']);
    const everything = (await call(env.app, bkpsdm, 'GET', '/api/v1/activity-catalog?limit=1000')).json();
    expect(everything.items.length).toBeGreaterThanOrEqual(150);
    expect(everything.items.some((i: { active: boolean }) => !i.active)).toBe(true);
    const page = (await call(env.app, bkpsdm, 'GET', '/api/v1/activity-catalog?limit=2')).json();
    const next = (
      await call(env.app, bkpsdm, 'GET', `/api/v1/activity-catalog?limit=2&cursor=${page.nextCursor}`)
    ).json();
    expect(next.items[0].code > page.items[1].code).toBe(true);
  });

  it('BKPSDM adds, edits and deactivates items; others may not; codes are unique', async () => {
    const body = {
      code: 'UJI-NEW',
      name: 'Memandu rombongan wisata perahu malam',
      outputUnit: 'rombongan',
      standardMinutes: 90,
      positionKinds: ['pelaksana'],
    };
    expect((await call(env.app, pegawai, 'POST', '/api/v1/activity-catalog', body)).statusCode).toBe(403);
    expect((await call(env.app, adminopd, 'POST', '/api/v1/activity-catalog', body)).statusCode).toBe(403);
    const created = await call(env.app, bkpsdm, 'POST', '/api/v1/activity-catalog', body);
    expect(created.statusCode).toBe(201);
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', '/api/v1/activity-catalog', body),
      409,
      'DUPLICATE',
    );
    const id = created.json().id;
    const off = await call(env.app, bkpsdm, 'PATCH', `/api/v1/activity-catalog/${id}`, {
      active: false,
      standardMinutes: 75,
    });
    expect(off.json()).toMatchObject({ active: false, standardMinutes: 75 });
    expect(
      (await call(env.app, pegawai, 'PATCH', `/api/v1/activity-catalog/${id}`, { active: true })).statusCode,
    ).toBe(403);
    expect(
      (await call(env.app, jambi, 'PATCH', `/api/v1/activity-catalog/${id}`, { active: true })).statusCode,
    ).toBe(404);
  });

  const upload = (s: Session, name: string, content: string | Buffer) => {
    const { payload, headers } = multipart({}, { name, content });
    return env.app.inject({
      method: 'POST',
      url: '/api/v1/activity-catalog/import',
      payload,
      headers: { ...headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  };

  it('imports a file all or nothing, listing every row error', async () => {
    const bad = [
      'code,name,output_unit,standard_minutes,position_kinds,active',
      'IMP-1,Memeriksa tiket perahu,tiket,5,pelaksana,ya',
      'IMP-2,,berkas,10,pelaksana,ya',
      'IMP-3,Menyusun laporan,laporan,abc,pelaksana,ya',
      'IMP-4,Memandu tamu,rombongan,60,pegawai,ya',
      'IMP-1,Memeriksa tiket perahu,tiket,5,pelaksana,mungkin',
    ].join('\n');
    const before = await fingerprint();
    const res = await upload(bkpsdm, 'katalog.csv', bad);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('CATALOG_IMPORT_INVALID');
    expect(error.details.map((d: { path: string }) => d.path)).toEqual([
      'rows.3.name',
      'rows.4.standard_minutes',
      'rows.5.position_kinds',
      'rows.6.active',
    ]);
    expect(error.details[2].message).toMatch(/"pegawai" tidak valid/);
    expect(await fingerprint()).toBe(before);
    const header = await upload(bkpsdm, 'katalog.csv', 'code,name\nX,Y\n');
    expect(header.json().error.code).toBe('IMPORT_HEADER');
    expect((await upload(bkpsdm, 'katalog.txt', 'x')).json().error.code).toBe('IMPORT_FILE_TYPE');
    expect((await upload(pegawai, 'katalog.csv', bad)).statusCode).toBe(403);
  });

  it('upserts by code from CSV and round-trips its own XLSX export', async () => {
    const csv = [
      'code;name;output_unit;standard_minutes;position_kinds;active',
      'IMP-10;Memeriksa tiket perahu wisata;tiket;5;pelaksana;ya',
      'UJI-15;Kegiatan uji UJI-15 (diubah);kegiatan;20;"pelaksana, pengawas, fungsional";',
      'UJI-90;Kegiatan uji UJI-90;kegiatan;90;pelaksana pengawas;ya',
    ].join('\n');
    const res = await upload(bkpsdm, 'katalog.csv', csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 1, updated: 1, unchanged: 1 });
    const changed = (await call(env.app, bkpsdm, 'GET', '/api/v1/activity-catalog?q=UJI-15')).json().items[0];
    expect(changed).toMatchObject({
      standardMinutes: 20,
      active: true,
      name: 'Kegiatan uji UJI-15 (diubah)',
    });
    // entries keep the minutes they were logged with
    const old = (await call(env.app, baru, 'GET', `/api/v1/activities?date=${TODAY}`))
      .json()
      .items.find(
        (i: { catalogCode: string; quantity: number }) => i.catalogCode === 'UJI-15' && i.quantity === 1,
      );
    expect(old.minutes).toBe(15);

    const file = await call(env.app, bkpsdm, 'GET', '/api/v1/activity-catalog/export.xlsx');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/spreadsheetml/);
    expect((await call(env.app, pegawai, 'GET', '/api/v1/activity-catalog/export.xlsx')).statusCode).toBe(
      403,
    );
    const again = await upload(bkpsdm, 'katalog.xlsx', file.rawPayload);
    expect(again.statusCode, again.body).toBe(200);
    const total = (await call(env.app, bkpsdm, 'GET', '/api/v1/activity-catalog?limit=1000')).json().items
      .length;
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: total });
  });
});

describe('city rules', () => {
  const rulesOf = async (s: Session) => (await call(env.app, s, 'GET', '/api/v1/activity-rules')).json();

  it('every member of the city reads them; BKPSDM changes some and the others keep their value', async () => {
    expect(await rulesOf(pegawai)).toMatchObject({ dailyMaxMinutes: 450, backdateDays: 5 });
    const res = await call(env.app, bkpsdm, 'PATCH', '/api/v1/activity-rules', { backdateDays: 7 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ backdateDays: 7, dailyMaxMinutes: 450, verifyDaysAfterMonth: 10 });
    expect(await rulesOf(pegawai)).toMatchObject({ backdateDays: 7 });
    // the rest of the city's settings document is kept, and the other city is untouched
    const row = await env.db.kysely
      .selectFrom('tenants')
      .select('settings')
      .where('id', '=', surabaya)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.settings as string)).toMatchObject({ demo: true, activities: { backdateDays: 7 } });
    expect(await rulesOf(jambi)).toMatchObject({ backdateDays: 5 });
    // and the rule applies at once: six days back is now inside the window
    expect((await log(gauge, { date: '2026-11-26' })).statusCode).toBe(201);
    const audited = await env.db.kysely
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('tenant_id', '=', surabaya)
      .where('action', '=', 'activity_rules.update')
      .execute();
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0].before_json as string).backdateDays).toBe(5);
    await call(env.app, bkpsdm, 'PATCH', '/api/v1/activity-rules', { backdateDays: 5 });
  });

  it('refuses other roles, unknown keys, out-of-range values and contradictions, changing nothing', async () => {
    const before = await fingerprint();
    for (const [who, body, status] of [
      [atasan, { backdateDays: 9 }, 403],
      [adminopd, { backdateDays: 9 }, 403],
      [bkpsdm, { backdateDay: 9 }, 400],
      [bkpsdm, { dailyMaxMinutes: 30 }, 400],
      [bkpsdm, { workWeekdays: [1, 1, 2] }, 400],
      [bkpsdm, { underThreshold: 2 }, 400],
      [bkpsdm, { maxEntryMinutes: 600 }, 400],
    ] as const) {
      const res = await call(env.app, who, 'PATCH', '/api/v1/activity-rules', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
    }
    const contradiction = await call(env.app, bkpsdm, 'PATCH', '/api/v1/activity-rules', {
      underThreshold: 1.3,
    });
    expect(contradiction.json().error.code).toBe('ACTIVITY_RULES_THRESHOLDS');
    expect(contradiction.json().error.message).toMatch(/lebih kecil/);
    expect(await fingerprint()).toBe(before);
    expect(await rulesOf(pegawai)).toMatchObject({ backdateDays: 5, underThreshold: 0.75 });
  });
});
