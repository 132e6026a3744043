/**
 * The performance account (akun kinerja) and the person search: who may open whose account, what the
 * account shows (and that it agrees with the SKP and workload endpoints), and the optional sections other
 * modules register. The clock is fixed at Wednesday 2 December 2026, 10:00 WIB.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { threadStats } from '../../src/db/sqlite-thread.ts';
import {
  registerAccountSection,
  restoreAccountSections,
  snapshotAccountSections,
} from '../../src/modules/account/sections.ts';
import {
  call,
  createTestEnv,
  createUser,
  holderOf,
  login,
  type Session,
  type TestEnv,
} from '../support/app.ts';

const TODAY = '2026-12-02';
vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date('2026-12-02T03:00:00.000Z'));

let env: TestEnv;
const s = {} as Record<
  'walikota' | 'sekda' | 'bkpsdm' | 'adminopd' | 'atasan' | 'pegawai' | 'inspektorat' | 'kabid' | 'jambi',
  Session
>;
const people = {} as Record<'pegawai' | 'colleague' | 'atasan' | 'kabid' | 'dinkes' | 'jambi', string>;

const account = (who: Session, id: string, query = 'month=2026-11') =>
  call(env.app, who, 'GET', `/api/v1/accounts/${id}${query ? `?${query}` : ''}`);
const search = (who: Session, q: string, extra = '') =>
  call(env.app, who, 'GET', `/api/v1/accounts/search?q=${encodeURIComponent(q)}${extra}`);

beforeAll(async () => {
  env = await createTestEnv({}, { activityLog: true });
  for (const who of ['walikota', 'sekda', 'bkpsdm', 'adminopd', 'atasan', 'pegawai', 'inspektorat'] as const)
    s[who] = await login(env.app, 'surabaya', who);
  s.jambi = await login(env.app, 'jambi', 'bkpsdm');
  people.pegawai = s.pegawai.employeeId as string;
  people.atasan = s.atasan.employeeId as string;
  people.colleague = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.S2');
  people.kabid = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.KEPALA');
  people.dinkes = await holderOf(env.db, 'surabaya', 'DINKES.B1.S1');
  people.jambi = await holderOf(env.db, 'jambi', 'SETDA.KEPALA');
  await createUser(env.db, 'surabaya', 'kabid.akun', people.kabid);
  s.kabid = await login(env.app, 'surabaya', 'kabid.akun');
});
afterAll(() => env.close());

describe('who may open whose account', () => {
  const cases: [string, keyof typeof s, keyof typeof people, 200 | 404][] = [
    ['the pegawai opens their own', 'pegawai', 'pegawai', 200],
    ['the pegawai cannot open a colleague’s', 'pegawai', 'colleague', 404],
    ['the pegawai cannot open their atasan’s', 'pegawai', 'atasan', 404],
    ['the pegawai cannot open someone in another OPD', 'pegawai', 'dinkes', 404],
    ['the atasan opens a subordinate’s', 'atasan', 'pegawai', 200],
    ['the atasan opens another subordinate’s', 'atasan', 'colleague', 200],
    ['the atasan cannot open their own superior’s', 'atasan', 'kabid', 404],
    ['the atasan cannot open someone in another OPD', 'atasan', 'dinkes', 404],
    ['a superior two levels up opens the staff’s', 'kabid', 'pegawai', 200],
    ['the admin_opd opens someone inside their OPD', 'adminopd', 'pegawai', 200],
    ['the admin_opd cannot open someone outside their OPD', 'adminopd', 'dinkes', 404],
    ['the mayor opens anyone in the city', 'walikota', 'dinkes', 200],
    ['the sekda (pimpinan) opens anyone in the city', 'sekda', 'dinkes', 200],
    ['BKPSDM opens anyone in the city', 'bkpsdm', 'dinkes', 200],
    ['the inspectorate opens anyone in the city', 'inspektorat', 'pegawai', 200],
    ['another city’s BKPSDM gets 404', 'jambi', 'pegawai', 404],
    ['a Surabaya mayor cannot open a Jambi employee', 'walikota', 'jambi', 404],
  ];
  for (const [title, who, whose, status] of cases) {
    it(title, async () => {
      const res = await account(s[who], people[whose]);
      expect(res.statusCode, res.body).toBe(status);
      if (status === 404) {
        expect(res.json().error.code).toBe('NOT_FOUND');
        expect(res.body).not.toContain(people[whose]);
      } else expect(res.json().employee.id).toBe(people[whose]);
    });
  }

  it('an unknown id, an unknown period and a malformed month are refused cleanly', async () => {
    expect((await account(s.bkpsdm, 'tidak-ada')).statusCode).toBe(404);
    const period = await account(s.pegawai, people.pegawai, 'periodId=tidak-ada');
    expect(period.statusCode).toBe(404);
    expect(period.json().error.code).toBe('PERIOD_UNKNOWN');
    expect((await account(s.pegawai, people.pegawai, 'month=2026-13')).statusCode).toBe(400);
    expect((await account(s.pegawai, people.pegawai, 'extra=1')).statusCode).toBe(400);
    expect((await call(env.app, null, 'GET', `/api/v1/accounts/${people.pegawai}`)).statusCode).toBe(401);
  });

  it('pay stays with the employee, BKPSDM, pimpinan and the inspectorate; the atasan may verify', async () => {
    const ability = async (who: keyof typeof s) => (await account(s[who], people.pegawai)).json().abilities;
    expect((await ability('pegawai')).readPay).toBe(true);
    expect((await ability('bkpsdm')).readPay).toBe(true);
    expect((await ability('walikota')).readPay).toBe(true);
    expect((await ability('inspektorat')).readPay).toBe(true);
    expect((await ability('atasan')).readPay).toBe(false);
    expect((await ability('kabid')).readPay).toBe(false);
    expect((await ability('adminopd')).readPay).toBe(false);
    expect((await ability('atasan')).verify).toBe(true);
    expect((await ability('kabid')).verify).toBe(false);
    expect((await ability('pegawai')).verify).toBe(false);
  });
});

describe('what the account shows', () => {
  it('identity, position, OPD and the raters (atasan, atasan penilai) from the position tree', async () => {
    const a = (await account(s.pegawai, people.pegawai)).json();
    expect(a.month).toBe('2026-11');
    expect(a.currentMonth).toBe('2026-12');
    expect(a.employee.nip).toMatch(/^\d{18}$/);
    expect(a.employee.position.name).toBe('Pengelola Wisata Perahu Kalimas');
    expect(a.employee.unit.name).toMatch(/Sungai Kalimas/);
    expect(a.employee.opd.name).toMatch(/Pariwisata/);
    expect(a.atasan.employeeId).toBe(people.atasan);
    expect(a.atasanPenilai.employeeId).toBe(people.kabid);
    const profile = (await call(env.app, s.pegawai, 'GET', `/api/v1/org/employees/${people.pegawai}`)).json();
    expect(a.atasan).toMatchObject({ name: profile.atasan.name, acting: profile.atasan.acting });
    expect(a.atasanPenilai.name).toBe(profile.atasanPenilai.name);
  });

  it('the SKP with every indicator’s quarters and capaian, agreeing with the SKP endpoints', async () => {
    const a = (await account(s.pegawai, people.pegawai)).json();
    const mine = (await call(env.app, s.pegawai, 'GET', '/api/v1/skps/mine')).json().items[0];
    expect(a.period.year).toBe(2026);
    expect(a.skp.id).toBe(mine.id);
    expect(a.skp.status).toBe('approved');
    expect(a.skp.progress).toBe(mine.progress);
    const detail = (await call(env.app, s.pegawai, 'GET', `/api/v1/skps/${mine.id}`)).json();
    expect(a.skp.rhks.map((r: { id: string }) => r.id)).toEqual(detail.rhks.map((r: { id: string }) => r.id));
    const first = detail.rhks[0].indicators[0];
    const ours = a.skp.rhks[0].indicators[0];
    expect(ours.id).toBe(first.id);
    expect(ours.quarters.map((q: { capaian: number }) => q.capaian)).toEqual(
      first.realisations.map((r: { capaian: number }) => r.capaian),
    );
    expect(ours.latestQuarter).toBe(3);
    expect(a.skp.indicatorCount).toBeGreaterThan(0);
    expect(a.abilities.openSkp).toBe(true);
  });

  it('the month’s workload gauge equals the workload page, from the rollups', async () => {
    const a = (await account(s.atasan, people.pegawai)).json();
    const w = (
      await call(env.app, s.atasan, 'GET', `/api/v1/workload/employees/${people.pegawai}?month=2026-11`)
    ).json();
    for (const key of [
      'effectiveMinutes',
      'approvedMinutes',
      'pendingMinutes',
      'ratioUncapped',
      'nilaiAktivitas',
      'band',
      'workingDays',
    ])
      expect(a.workload[key], key).toEqual(w[key]);
    expect(a.workload.approvedMinutes).toBeGreaterThan(0);
    expect(a.workload.history.map((h: { month: string }) => h.month)).toEqual(
      w.history.map((h: { month: string }) => h.month),
    );
    expect(a.abilities.openWorkload).toBe(true);
  });

  it('the activity timeline of the month with statuses, matching the rollup totals', async () => {
    const a = (await account(s.pegawai, people.pegawai)).json();
    const items = a.timeline.items as { date: string; status: string; minutes: number }[];
    expect(items.length).toBeGreaterThan(20);
    expect(items.every((i) => i.date.startsWith('2026-11'))).toBe(true);
    expect([...items].map((i) => i.date)).toEqual(
      [...items]
        .map((i) => i.date)
        .sort()
        .reverse(),
    );
    expect(a.timeline.truncated).toBe(false);
    expect(a.timeline.total).toBe(items.length);
    const sum = (status: string) =>
      items.filter((i) => i.status === status).reduce((n, i) => n + i.minutes, 0);
    expect(sum('approved')).toBe(a.workload.approvedMinutes);
    expect(sum('pending')).toBe(a.workload.pendingMinutes);
    expect(sum('rejected')).toBe(a.workload.rejectedMinutes);
    expect(a.timeline.counts.pending + a.timeline.counts.approved + a.timeline.counts.rejected).toBe(
      items.length,
    );
    // a month without activity is an empty timeline, not an error
    const empty = (await account(s.pegawai, people.pegawai, 'month=2025-01')).json();
    expect(empty.timeline.items).toEqual([]);
    expect(empty.workload.approvedMinutes).toBe(0);
  });

  it('the verification backlog: own pending entries, and the atasan’s queue', async () => {
    const catalog = await call(env.app, s.bkpsdm, 'POST', '/api/v1/activity-catalog', {
      code: 'AKUN-UJI',
      name: 'Kegiatan uji akun kinerja',
      outputUnit: 'kegiatan',
      standardMinutes: 25,
      positionKinds: ['pelaksana'],
    });
    const before = (await account(s.pegawai, people.pegawai, '')).json();
    const queueBefore = (await account(s.atasan, people.atasan, '')).json().verification.queue;
    expect(before.verification.openFrom).toBe('2026-11-01');
    expect(queueBefore.subordinates).toBeGreaterThanOrEqual(3);
    const logged = await call(env.app, s.pegawai, 'POST', '/api/v1/activities', {
      date: TODAY,
      catalogId: catalog.json().id,
      quantity: 2,
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const after = (await account(s.pegawai, people.pegawai, '')).json();
    expect(after.verification.own.entries).toBe(before.verification.own.entries + 1);
    expect(after.verification.own.minutes).toBe(before.verification.own.minutes + 50);
    expect(after.timeline.items[0]).toMatchObject({ date: TODAY, status: 'pending', minutes: 50 });
    const queueAfter = (await account(s.atasan, people.atasan, '')).json().verification.queue;
    expect(queueAfter.entries).toBe(queueBefore.entries + 1);
    // the activities queue agrees on the people it covers
    const q = (
      await call(env.app, s.atasan, 'GET', '/api/v1/activities/queue?status=pending&limit=1')
    ).json();
    expect(queueAfter.subordinates).toBe(q.employees.length);
    // the pegawai has no staff
    expect(after.verification.queue).toBeNull();
  });

  it('feedback from the SKP: steps and a rejected realisation with its reason', async () => {
    const skp = (await call(env.app, s.pegawai, 'GET', '/api/v1/skps/mine')).json().items[0];
    const detail = (await call(env.app, s.pegawai, 'GET', `/api/v1/skps/${skp.id}`)).json();
    const indicator = detail.rhks[0].indicators[0];
    const saved = await call(env.app, s.pegawai, 'PUT', `/api/v1/skps/${skp.id}/realisations`, {
      indicatorId: indicator.id,
      quarter: 4,
      value: 10,
      evidence: [],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const rz = saved
      .json()
      .rhks[0].indicators[0].realisations.find((r: { quarter: number }) => r.quarter === 4);
    const rejected = await call(env.app, s.atasan, 'POST', `/api/v1/realisations/${rz.id}/reject`, {
      reason: 'Lampirkan rekap tiket perahu bulan Oktober–Desember.',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const a = (await account(s.pegawai, people.pegawai)).json();
    expect(a.feedback[0]).toMatchObject({
      source: 'realisation',
      action: 'rejected',
      text: 'Lampirkan rekap tiket perahu bulan Oktober–Desember.',
    });
    expect(a.feedback[0].title).toMatch(/triwulan 4/);
    expect(a.feedback.some((f: { action: string }) => f.action === 'approved')).toBe(true);
    const q4 = a.skp.rhks[0].indicators[0].quarters.find((q: { quarter: number }) => q.quarter === 4);
    expect(q4.status).toBe('rejected');
    // the latest confirmed quarter still counts
    expect(a.skp.rhks[0].indicators[0].latestQuarter).toBe(3);
    const en = await call(env.app, s.pegawai, 'GET', `/api/v1/accounts/${people.pegawai}`, undefined, {
      'accept-language': 'en',
    });
    expect(en.json().feedback[0].title).toMatch(/Quarter 4/);
  });

  it('an employee without a position still has an account (no SKP, no raters)', async () => {
    const moved = await call(env.app, s.bkpsdm, 'POST', '/api/v1/org/employees', {
      nip: '199304152019031007',
      asnType: 'PNS',
      name: 'Pegawai Tanpa Jabatan',
      sex: 'L',
    });
    expect(moved.statusCode, moved.body).toBe(201);
    const a = await account(s.bkpsdm, moved.json().id);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({
      atasan: null,
      atasanPenilai: null,
      skp: null,
      employee: { position: null },
    });
    expect(a.json().verification.queue).toBeNull();
  });
});

describe('cost', () => {
  /** Statements the database executes while `fn` runs (sent to the SQLite thread; pg queries sent). */
  async function countQueries(fn: () => Promise<unknown>): Promise<number> {
    if (env.db.dialect === 'sqlite') {
      const before = threadStats.statements;
      await fn();
      return threadStats.statements - before;
    }
    type Proto = Record<string, (...args: unknown[]) => unknown>;
    const proto = pg.Client.prototype as unknown as Proto;
    const original = proto.query;
    let count = 0;
    proto.query = function (this: unknown, ...args: unknown[]) {
      count += 1;
      return original.apply(this, args);
    };
    try {
      await fn();
      return count;
    } finally {
      proto.query = original;
    }
  }

  // the account's own queries, without the sections other modules register (they answer for their own)
  const registered = snapshotAccountSections();
  beforeAll(() => restoreAccountSections(new Map()));
  afterAll(() => restoreAccountSections(registered));

  it('a bounded number of queries, independent of how much the person has (no N+1)', async () => {
    const rich = async () => {
      const res = await account(s.pegawai, people.pegawai, 'month=2026-11');
      expect(res.json().timeline.items.length).toBeGreaterThan(20);
    };
    const empty = async () => {
      const res = await account(s.pegawai, people.pegawai, 'month=2025-01');
      expect(res.json().timeline.items).toEqual([]);
    };
    await rich(); // the session is now cached
    const manyRows = await countQueries(rich);
    const noRows = await countQueries(empty);
    expect(manyRows).toBe(noRows);
    expect(noRows).toBeGreaterThan(3); // the counter does see the queries
    expect(manyRows).toBeLessThanOrEqual(20);
    // an atasan's account adds only the queue (one query), whatever the size of the team
    await account(s.atasan, people.atasan, 'month=2026-11');
    const withQueue = await countQueries(() => account(s.atasan, people.atasan, 'month=2026-11'));
    expect(withQueue).toBeLessThanOrEqual(manyRows + 1);
  });
});

describe('optional sections registered by other modules', () => {
  // start from no registrations (the TPP module may already have registered its block), put them back after
  const registered = snapshotAccountSections();
  beforeAll(() => restoreAccountSections(new Map()));
  afterAll(() => restoreAccountSections(registered));

  it('are absent until a module registers them, then shown; pay only to those who may read pay', async () => {
    const plain = (await account(s.pegawai, people.pegawai)).json();
    for (const key of ['attendance', 'tpp', 'predikat', 'talent']) expect(plain[key]).toBeUndefined();
    const seen: string[] = [];
    registerAccountSection('tpp', async (_ctx, subject) => {
      seen.push(subject.employeeId);
      return {
        month: subject.month,
        status: 'estimate',
        gross: 4_250_000,
        deductions: 42_500,
        net: 4_207_500,
        lines: [{ label: 'Kinerja', amount: 2_550_000 }],
        cutReasons: [],
        link: null,
      };
    });
    registerAccountSection('attendance', async (_ctx, subject) => ({
      month: subject.month,
      summary: [{ code: 'hadir', label: 'Hadir', count: 20 }],
      deductionPercent: 0.5,
      link: null,
    }));
    registerAccountSection('talent', async () => null);
    const own = (await account(s.pegawai, people.pegawai)).json();
    expect(own.tpp).toMatchObject({ gross: 4_250_000, month: '2026-11' });
    expect(own.attendance.summary[0].count).toBe(20);
    expect(own.talent).toBeUndefined();
    const byAtasan = (await account(s.atasan, people.pegawai)).json();
    expect(byAtasan.tpp).toBeUndefined();
    expect(byAtasan.attendance).toBeDefined();
    // the pay loader never even ran for the atasan
    expect(seen).toEqual([people.pegawai]);
    // a loader that fails leaves its block out, the account still answers
    registerAccountSection('talent', async () => {
      throw new Error('talent store unavailable');
    });
    const res = await account(s.pegawai, people.pegawai);
    expect(res.statusCode).toBe(200);
    expect(res.json().talent).toBeUndefined();
    // so does one that answers the wrong shape
    registerAccountSection('talent', async () => ({ box: 12 }) as never);
    const wrong = await account(s.pegawai, people.pegawai);
    expect(wrong.statusCode).toBe(200);
    expect(wrong.json().talent).toBeUndefined();
  });
});

describe('person search', () => {
  type Item = { id: string; name: string; nip: string };
  const ids = (res: Awaited<ReturnType<typeof call>>) => (res.json().items as Item[]).map((i) => i.id);
  const nipOf = async (id: string) =>
    (await call(env.app, s.bkpsdm, 'GET', `/api/v1/org/employees/${id}`)).json().nip as string;
  const nameOf = async (id: string) =>
    (await call(env.app, s.bkpsdm, 'GET', `/api/v1/org/employees/${id}`)).json().name as string;

  it('the mayor finds anyone by NIP prefix or part of the name', async () => {
    const nip = await nipOf(people.dinkes);
    const byNip = await search(s.walikota, nip.slice(0, 14));
    expect(byNip.statusCode, byNip.body).toBe(200);
    expect(ids(byNip)).toContain(people.dinkes);
    expect((byNip.json().items as Item[]).every((i) => i.nip.startsWith(nip.slice(0, 14)))).toBe(true);
    const spaced = await search(s.walikota, `${nip.slice(0, 8)} ${nip.slice(8, 14)}`);
    expect(ids(spaced)).toContain(people.dinkes);
    const name = (await nameOf(people.dinkes)).split(',')[0];
    const byName = await search(s.walikota, name.toUpperCase());
    expect(ids(byName)).toContain(people.dinkes);
  });

  it('results stay within whom the caller may see', async () => {
    const pegawaiName = (await nameOf(people.pegawai)).split(',')[0];
    const colleagueName = (await nameOf(people.colleague)).split(',')[0];
    const dinkesName = (await nameOf(people.dinkes)).split(',')[0];
    // the pegawai finds only themself
    expect(ids(await search(s.pegawai, pegawaiName))).toEqual([people.pegawai]);
    expect(ids(await search(s.pegawai, colleagueName))).not.toContain(people.colleague);
    expect(ids(await search(s.pegawai, await nipOf(people.dinkes)))).toEqual([]);
    // the atasan finds their staff, not other OPDs; the kabid finds staff two levels down
    expect(ids(await search(s.atasan, colleagueName))).toContain(people.colleague);
    expect(ids(await search(s.atasan, dinkesName))).not.toContain(people.dinkes);
    expect(ids(await search(s.kabid, pegawaiName))).toContain(people.pegawai);
    // the admin_opd finds their OPD only
    expect(ids(await search(s.adminopd, colleagueName))).toContain(people.colleague);
    expect(ids(await search(s.adminopd, dinkesName))).not.toContain(people.dinkes);
    // another city finds nothing of Surabaya
    const jambi = await search(s.jambi, await nipOf(people.pegawai));
    expect(jambi.json().items).toEqual([]);
    // everyone found can be opened
    for (const who of ['pegawai', 'atasan', 'adminopd', 'kabid'] as const) {
      for (const id of ids(await search(s[who], 'an', '&limit=50')))
        expect((await account(s[who], id, '')).statusCode, `${who} → ${id}`).toBe(200);
    }
  });

  it('pages with a cursor in name order, without repeats', async () => {
    const first = await search(s.bkpsdm, 'an', '&limit=5');
    expect(first.json().items).toHaveLength(5);
    const cursor = first.json().nextCursor;
    expect(cursor).toBeTruthy();
    const second = await search(s.bkpsdm, 'an', `&limit=5&cursor=${cursor}`);
    const all = [...first.json().items, ...second.json().items] as Item[];
    expect(new Set(all.map((i) => i.id)).size).toBe(10);
    const whole = await search(s.bkpsdm, 'an', '&limit=10');
    expect(ids(whole)).toEqual(all.map((i) => i.id));
    expect((await search(s.bkpsdm, 'an', '&cursor=rusak')).statusCode).toBe(400);
  });

  it('refuses a too-short query and treats LIKE wildcards literally', async () => {
    expect((await search(s.bkpsdm, 'a')).statusCode).toBe(400);
    expect((await search(s.bkpsdm, '%%')).json().items).toEqual([]);
    expect((await search(s.bkpsdm, '__')).json().items).toEqual([]);
  });
});
