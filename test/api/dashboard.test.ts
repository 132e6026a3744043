/**
 * The mayor's city dashboard: figures against an independent computation over the raw tables (GROUP BY on
 * the activity log, see bench/dashboard-naive.ts), drill-down scoping, who may see what, the XLSX export and
 * the live stream (a real HTTP connection on loopback). The clock is Wednesday 2 December 2026, 10:00 WIB.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { naiveDashboard } from '../../bench/dashboard-naive.ts';
import { publish } from '../../src/core/events.ts';
import { dashboardSources, registerDashboardSources } from '../../src/modules/dashboard/sources.ts';
import { streamOptions } from '../../src/modules/dashboard/stream.ts';
import { call, createTestEnv, login, type Session, type TestEnv, unitId } from '../support/app.ts';

const TODAY = '2026-12-02';
const MONTH = '2026-11';
vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
vi.setSystemTime(new Date('2026-12-02T03:00:00.000Z'));

let env: TestEnv;
const s = {} as Record<
  'walikota' | 'sekda' | 'bkpsdm' | 'adminopd' | 'atasan' | 'pegawai' | 'inspektorat' | 'jambi',
  Session
>;
const ids = {} as Record<'opd' | 'bidang' | 'seksi' | 'dinkes' | 'item', string>;
let surabaya: string;

// biome-ignore lint/suspicious/noExplicitAny: the view is checked field by field against the naive figures
type View = any;

async function view(who: Session, path: string): Promise<View> {
  const res = await call(env.app, who, 'GET', path);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const HEADLINE = [
  'people',
  'skpApproved',
  'activitiesToday',
  'activitiesMonth',
  'backlogMinutes',
  'backlogPeople',
  'approvedMinutes',
  'effectiveMinutes',
  'avgWorkload',
  'under',
  'normal',
  'over',
  'inactive',
] as const;

/** Every figure of a view equals the naive computation over the raw log. */
async function expectMatchesNaive(v: View, scope: string | null, month: string) {
  const n = await naiveDashboard(env.db.kysely, surabaya, scope, month, TODAY);
  for (const k of HEADLINE) expect(v.headline[k], `headline.${k}`).toEqual(n.headline[k]);
  expect(v.backlogMonths).toEqual(n.backlogMonths);
  // ranking: each row (a child subtree, or the people directly in the scope's unit)
  const naiveRows = new Map(n.rows.map((r) => [r.unitId, r]));
  for (const r of v.ranking) {
    const nr = naiveRows.get(r.unitId);
    for (const k of HEADLINE)
      expect(r[k], `${r.name}.${k}`).toEqual(nr ? nr[k] : k === 'avgWorkload' ? null : 0);
  }
  for (const nr of n.rows)
    if (nr.people > 0) expect(v.ranking.map((r: View) => r.unitId)).toContain(nr.unitId);
  expect(v.histogram.buckets.map((b: View) => b.count)).toEqual(n.buckets);
  expect(v.trend).toEqual(n.trend);
  for (const row of v.heatmap.rows) expect(row.ratios, row.name).toEqual(n.heatmap.get(row.unitId));
  // warnings: counts and the people named
  expect(v.warnings.inactive.count).toBe(n.inactive.length);
  expect(v.warnings.overloaded.count).toBe(n.overloaded.length);
  if (n.overloaded.length <= 50)
    expect(v.warnings.overloaded.items.map((p: View) => p.employeeId).sort()).toEqual(n.overloaded);
  if (n.inactive.length <= 50)
    expect(v.warnings.inactive.items.map((p: View) => p.employeeId).sort()).toEqual(n.inactive);
  expect(v.warnings.backlog.count).toBe(n.supervisors.length);
  expect(v.warnings.backlog.items.map((b: View) => [b.employeeId, b.pendingMinutes])).toEqual(
    n.supervisors.slice(0, 50),
  );
  const progress = new Map(n.goals.filter((g) => g.rhks > 0).map((g) => [g.id, g.progress]));
  expect(new Map(v.goals.map((g: View) => [g.id, g.progress]))).toEqual(
    scope === null ? new Map(n.goals.map((g) => [g.id, g.progress])) : progress,
  );
  return n;
}

beforeAll(async () => {
  env = await createTestEnv({}, { activityLog: true });
  for (const who of ['walikota', 'sekda', 'bkpsdm', 'adminopd', 'atasan', 'pegawai', 'inspektorat'] as const)
    s[who] = await login(env.app, 'surabaya', who);
  s.jambi = await login(env.app, 'jambi', 'bkpsdm');
  surabaya = s.walikota.tenantId;
  ids.opd = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR');
  ids.bidang = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1');
  ids.seksi = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
  ids.dinkes = await unitId(env.db, 'surabaya', 'DINKES');
  const item = await call(env.app, s.bkpsdm, 'POST', '/api/v1/activity-catalog', {
    code: 'DASBOR.UJI',
    name: 'Kegiatan uji dasbor',
    outputUnit: 'kegiatan',
    standardMinutes: 5,
    positionKinds: ['jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional'],
  });
  expect(item.statusCode, item.body).toBe(201);
  ids.item = item.json().id;
}, 120_000);
afterAll(() => env?.close());

describe('figures equal an independent computation over the raw tables', () => {
  for (const [label, code] of [
    ['the city', null],
    ['an OPD', 'DISBUDPORAPAR'],
    ['a unit', 'DISBUDPORAPAR.B1'],
  ] as const) {
    for (const month of [MONTH, '2026-12', '2026-09']) {
      it(`${label}, ${month}`, async () => {
        const scope = code ? await unitId(env.db, 'surabaya', code) : null;
        const v = await view(
          s.walikota,
          scope ? `/api/v1/dashboard/units/${scope}?month=${month}` : `/api/v1/dashboard/city?month=${month}`,
        );
        expect(v.month).toBe(month);
        expect(v.today).toBe(TODAY);
        const n = await expectMatchesNaive(v, scope, month);
        if (month === MONTH && !code) {
          // the demo data is not trivial: the comparison covers real numbers
          expect(n.headline.people).toBeGreaterThan(300);
          expect(n.headline.activitiesMonth).toBeGreaterThan(10_000);
          expect(n.headline.backlogMinutes).toBeGreaterThan(0);
          expect(n.buckets.filter((b) => b > 0).length).toBeGreaterThan(2);
          expect(n.goals.some((g) => g.progress !== null)).toBe(true);
        }
      });
    }
  }

  it('the month defaults to the current one; a future or malformed month is refused', async () => {
    expect((await view(s.walikota, '/api/v1/dashboard/city')).month).toBe('2026-12');
    const future = await call(env.app, s.walikota, 'GET', '/api/v1/dashboard/city?month=2027-01');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('DASHBOARD_MONTH_FUTURE');
    expect((await call(env.app, s.walikota, 'GET', '/api/v1/dashboard/city?month=2026-13')).statusCode).toBe(
      400,
    );
  });
});

describe('drill-down: city → OPD → unit → person', () => {
  it('each level ranks its children, the rows add up, and the breadcrumbs lead back', async () => {
    const city = await view(s.sekda, `/api/v1/dashboard/city?month=${MONTH}`);
    expect(city.scope.level).toBe('city');
    expect(city.scope.childLevel).toBe('opd');
    expect(city.ranking.length).toBeGreaterThan(10);
    const opdRow = city.ranking.find((r: View) => r.unitId === ids.opd);
    expect(opdRow).toBeTruthy();
    const sum = (rows: View[], k: string) => rows.reduce((a, r) => a + r[k], 0);
    for (const k of ['people', 'activitiesMonth', 'approvedMinutes', 'backlogMinutes', 'inactive'])
      expect(sum(city.ranking, k), k).toBe(city.headline[k]);

    const opd = await view(s.sekda, `/api/v1/dashboard/units/${ids.opd}?month=${MONTH}`);
    expect(opd.scope.level).toBe('opd');
    expect(opd.scope.breadcrumbs.map((b: View) => b.level)).toEqual(['city', 'opd']);
    expect(opd.headline.people).toBe(opdRow.people);
    expect(opd.headline.activitiesMonth).toBe(opdRow.activitiesMonth);
    expect(opd.ranking.map((r: View) => r.unitId)).toContain(ids.bidang);
    expect(opd.people).toBeUndefined();

    const unit = await view(s.sekda, `/api/v1/dashboard/units/${ids.bidang}?month=${MONTH}`);
    expect(unit.scope.level).toBe('unit');
    expect(unit.scope.breadcrumbs.map((b: View) => b.id)).toEqual([city.scope.unit.id, ids.opd, ids.bidang]);
    expect(unit.people.total).toBe(unit.headline.people);
    expect(unit.ranking.map((r: View) => r.unitId)).toContain(ids.seksi);
    // the person: the demo pegawai is listed, with their figures, to be opened in /akun/:id
    const me = unit.people.items.find((p: View) => p.employeeId === s.pegawai.employeeId);
    expect(me).toBeTruthy();
    expect(me.skpApproved).toBe(true);
    expect(me.approvedMinutes).toBeGreaterThan(0);
  });

  it('search finds a person by name or NIP anywhere in the scope', async () => {
    const unit = await view(s.bkpsdm, `/api/v1/dashboard/units/${ids.seksi}?month=${MONTH}`);
    const person = unit.people.items[0];
    const byName = await call(
      env.app,
      s.walikota,
      'GET',
      `/api/v1/dashboard/search?q=${encodeURIComponent(person.name.split(' ')[0])}&limit=50`,
    );
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().people.map((p: View) => p.employeeId)).toContain(person.employeeId);
    const byNip = await call(
      env.app,
      s.walikota,
      'GET',
      `/api/v1/dashboard/search?q=${person.nip.slice(0, 14)}`,
    );
    expect(byNip.json().people[0].employeeId).toBe(person.employeeId);
    const units = await call(env.app, s.walikota, 'GET', '/api/v1/dashboard/search?q=kesehatan');
    expect(units.json().units.map((u: View) => u.unitId)).toContain(ids.dinkes);
    expect((await call(env.app, s.walikota, 'GET', '/api/v1/dashboard/search?q=a')).statusCode).toBe(400);
  });
});

describe('who sees what', () => {
  it('pegawai and atasan see no dashboard', async () => {
    for (const who of [s.pegawai, s.atasan]) {
      expect((await call(env.app, who, 'GET', '/api/v1/dashboard/city')).statusCode).toBe(403);
      expect((await call(env.app, who, 'GET', `/api/v1/dashboard/units/${ids.opd}`)).statusCode).toBe(404);
      expect((await call(env.app, who, 'GET', '/api/v1/dashboard/search?q=budi')).statusCode).toBe(403);
      expect((await call(env.app, who, 'GET', '/api/v1/dashboard/export.xlsx')).statusCode).toBe(403);
      expect((await call(env.app, who, 'GET', '/api/v1/dashboard/stream?once=1')).statusCode).toBe(403);
    }
  });

  it('the city roles see every unit', async () => {
    for (const who of [s.walikota, s.sekda, s.bkpsdm, s.inspektorat]) {
      expect((await call(env.app, who, 'GET', '/api/v1/dashboard/city')).statusCode).toBe(200);
      expect((await call(env.app, who, 'GET', `/api/v1/dashboard/units/${ids.dinkes}`)).statusCode).toBe(200);
    }
  });

  it('an admin_opd sees their OPD only, down to its units, and finds only its people', async () => {
    expect((await call(env.app, s.adminopd, 'GET', '/api/v1/dashboard/city')).statusCode).toBe(403);
    const own = await view(s.adminopd, `/api/v1/dashboard/units/${ids.opd}?month=${MONTH}`);
    expect(own.abilities.city).toBe(false);
    await expectMatchesNaive(own, ids.opd, MONTH);
    expect((await call(env.app, s.adminopd, 'GET', `/api/v1/dashboard/units/${ids.seksi}`)).statusCode).toBe(
      200,
    );
    expect((await call(env.app, s.adminopd, 'GET', `/api/v1/dashboard/units/${ids.dinkes}`)).statusCode).toBe(
      404,
    );
    const found = await call(env.app, s.adminopd, 'GET', '/api/v1/dashboard/search?q=an&limit=50');
    expect(found.statusCode).toBe(200);
    const opdName = own.scope.unit.name;
    expect(found.json().people.length).toBeGreaterThan(0);
    for (const p of found.json().people) expect(p.opdName).toBe(opdName);
    // the export without a unit is their OPD
    const xlsx = await env.app.inject({
      method: 'GET',
      url: `/api/v1/dashboard/export.xlsx?figure=headline&month=${MONTH}`,
      headers: { cookie: s.adminopd.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0].getCell('A1').value)).toContain(opdName);
  });

  it('another city: the units of Surabaya do not exist, and its own city shows none of them', async () => {
    expect((await call(env.app, s.jambi, 'GET', `/api/v1/dashboard/units/${ids.opd}`)).statusCode).toBe(404);
    expect(
      (await call(env.app, s.jambi, 'GET', `/api/v1/dashboard/export.xlsx?unitId=${ids.opd}`)).statusCode,
    ).toBe(404);
    expect(
      (await call(env.app, s.jambi, 'GET', `/api/v1/dashboard/stream?once=1&unitId=${ids.opd}`)).statusCode,
    ).toBe(404);
    const own = await call(env.app, s.jambi, 'GET', '/api/v1/dashboard/city');
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(ids.opd);
    expect(own.body).not.toContain(surabaya);
    expect(own.json().scope.unit.name).toMatch(/Jambi/);
    const search = await call(
      env.app,
      s.jambi,
      'GET',
      `/api/v1/dashboard/search?q=${encodeURIComponent('Sungai')}`,
    );
    expect(search.body).not.toContain(ids.seksi);
  });
});

describe('export', () => {
  it('writes every figure set to its own sheet, with the figures on screen', async () => {
    const v = await view(s.walikota, `/api/v1/dashboard/city?month=${MONTH}`);
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/dashboard/export.xlsx?month=${MONTH}`,
      headers: { cookie: s.walikota.cookie, 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/dasbor-.*-all-2026-11\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Ranking',
      'Workload distribution',
      'Predikat',
      'City goals',
      'Monthly trend',
      'Heatmap',
      'Early warnings',
      'People',
    ]);
    const summary = wb.getWorksheet('Summary') as ExcelJS.Worksheet;
    const people = summary.getColumn(1).values.indexOf('ASN');
    expect(summary.getRow(people).getCell(2).value).toBe(v.headline.people);
    expect((wb.getWorksheet('Ranking') as ExcelJS.Worksheet).rowCount).toBe(v.ranking.length + 1);
    const hist = wb.getWorksheet('Workload distribution') as ExcelJS.Worksheet;
    expect(hist.getColumn(2).values.slice(2)).toEqual(v.histogram.buckets.map((b: View) => b.count));
    // every warned person, not only the ones on screen
    const warned = (wb.getWorksheet('Early warnings') as ExcelJS.Worksheet).rowCount - 1;
    const goalPeople = v.warnings.goalsOffTrack.items.reduce((a: number, g: View) => a + g.people.length, 0);
    expect(warned).toBe(
      v.warnings.inactive.count + v.warnings.overloaded.count + v.warnings.backlog.count + goalPeople,
    );
    const one = await env.app.inject({
      method: 'GET',
      url: `/api/v1/dashboard/export.xlsx?figure=trend&unitId=${ids.opd}`,
      headers: { cookie: s.walikota.cookie },
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(one.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['Tren bulanan']);
    expect(
      (await call(env.app, s.walikota, 'GET', '/api/v1/dashboard/export.xlsx?figure=pie')).statusCode,
    ).toBe(400);
  });
});

// ---------------- live updates over a real HTTP connection ----------------
interface Stream {
  events: { event: string; data: string; at: number }[];
  next(event: string, timeoutMs?: number): Promise<{ event: string; data: string; at: number }>;
  close(): void;
}

async function openStream(base: string, who: Session, query = ''): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/dashboard/stream${query}`, {
    headers: { cookie: who.cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Stream['events'] = [];
  const waiters: (() => void)[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event)
            events.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '', at: performance.now() });
          for (const w of waiters.splice(0)) w();
        }
      }
    } catch {
      /* aborted */
    }
  })();
  let seen = 0;
  return {
    events,
    async next(event, timeoutMs = 5000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const i = events.findIndex((e, k) => k >= seen && e.event === event);
        if (i >= 0) {
          seen = i + 1;
          return events[i];
        }
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`no "${event}" event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    close: () => abort.abort(),
  };
}

describe('live updates (server-sent events)', () => {
  let base = '';
  beforeAll(async () => {
    base = await env.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('an activity logged through the API reaches an open stream, and the figures follow', async () => {
    const before = await view(s.walikota, '/api/v1/dashboard/city');
    const stream = await openStream(base, s.walikota);
    try {
      await stream.next('ready');
      const logged = await call(env.app, s.pegawai, 'POST', '/api/v1/activities', {
        date: TODAY,
        catalogId: ids.item,
        quantity: 2,
      });
      expect(logged.statusCode, logged.body).toBe(201);
      const changed = await stream.next('changed');
      expect(JSON.parse(changed.data).kinds).toContain('activity.logged');
      const after = await view(s.walikota, '/api/v1/dashboard/city');
      expect(after.headline.activitiesToday).toBe(before.headline.activitiesToday + 1);
      expect(after.headline.backlogMinutes).toBe(before.headline.backlogMinutes + 10);
      expect(Date.parse(after.asOf)).toBeGreaterThanOrEqual(Date.parse(before.asOf));
      await expectMatchesNaive(after, null, '2026-12');

      // the atasan verifies it: the backlog shrinks, approved minutes grow
      const verified = await call(env.app, s.atasan, 'POST', '/api/v1/activities/verify', {
        decisions: [{ id: logged.json().id, action: 'approve' }],
      });
      expect(verified.statusCode, verified.body).toBe(200);
      await stream.next('changed');
      const unit = await view(s.walikota, `/api/v1/dashboard/units/${ids.seksi}`);
      await expectMatchesNaive(unit, ids.seksi, '2026-12');
      expect(unit.headline.approvedMinutes).toBeGreaterThanOrEqual(10);
    } finally {
      stream.close();
    }
  });

  it('the model follows events: by employee (re-read by key) and without one (rebuilt)', async () => {
    // the events the activities service publishes after commit, sent here by hand so that this test covers
    // the dashboard's side on its own
    const stream = await openStream(base, s.sekda);
    try {
      await stream.next('ready');
      const before = await view(s.sekda, `/api/v1/dashboard/units/${ids.opd}`);
      const logged = await call(env.app, s.pegawai, 'POST', '/api/v1/activities', {
        date: TODAY,
        catalogId: ids.item,
        quantity: 1,
      });
      expect(logged.statusCode, logged.body).toBe(201);
      publish({
        tenantId: surabaya,
        kind: 'activity.logged',
        employeeId: s.pegawai.employeeId as string,
        unitId: ids.seksi,
        opdId: ids.opd,
        date: TODAY,
        count: 1,
      });
      await stream.next('changed');
      const after = await view(s.sekda, `/api/v1/dashboard/units/${ids.opd}`);
      expect(after.version).toBeGreaterThan(before.version);
      expect(after.headline.activitiesToday).toBeGreaterThan(before.headline.activitiesToday);
      await expectMatchesNaive(after, ids.opd, '2026-12');
      // an event that names nobody: the whole model is rebuilt
      await call(env.app, s.pegawai, 'POST', '/api/v1/activities', {
        date: TODAY,
        catalogId: ids.item,
        quantity: 1,
      });
      publish({ tenantId: surabaya, kind: 'activity.verified' });
      await stream.next('changed', 10_000);
      await expectMatchesNaive(await view(s.sekda, '/api/v1/dashboard/city'), null, '2026-12');
    } finally {
      stream.close();
    }
  });

  it('bursts are coalesced: at most one event per second per connection', async () => {
    const stream = await openStream(base, s.bkpsdm);
    try {
      await stream.next('ready');
      for (let i = 0; i < 6; i++) {
        publish({ tenantId: surabaya, kind: 'tpp.changed' });
        await new Promise((r) => setTimeout(r, 150));
      }
      const first = await stream.next('changed');
      const second = await stream.next('changed', 3000);
      expect(second.at - first.at).toBeGreaterThanOrEqual(streamOptions.minIntervalMs - 50);
      await new Promise((r) => setTimeout(r, 1200));
      expect(stream.events.filter((e) => e.event === 'changed').length).toBe(2);
      // another city's events never reach it
      publish({ tenantId: s.jambi.tenantId, kind: 'tpp.changed' });
      await new Promise((r) => setTimeout(r, 1200));
      expect(stream.events.filter((e) => e.event === 'changed').length).toBe(2);
    } finally {
      stream.close();
    }
  });

  it('an OPD-scoped stream hears its OPD only', async () => {
    const stream = await openStream(base, s.adminopd);
    try {
      await stream.next('ready');
      publish({ tenantId: surabaya, kind: 'skp.changed', opdId: ids.dinkes });
      await new Promise((r) => setTimeout(r, 400));
      publish({ tenantId: surabaya, kind: 'skp.changed', opdId: ids.opd });
      const changed = await stream.next('changed');
      expect(JSON.parse(changed.data).kinds).toEqual(['skp.changed']);
      expect(stream.events.filter((e) => e.event === 'changed').length).toBe(1);
    } finally {
      stream.close();
    }
  });

  it('shows the seeded predikat (latest evaluation of the year) and the TPP run of the month', async () => {
    const city = await view(s.walikota, `/api/v1/dashboard/city?month=${MONTH}`);
    expect(city.predikat).toMatchObject({ year: 2026, kind: 'q3' });
    const evaluated = Number(
      (
        await env.db.kysely
          .selectFrom('evaluations')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', surabaya)
          .where('period_year', '=', 2026)
          .where('kind', '=', 'q3')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(city.predikat.evaluated).toBe(evaluated);
    expect(city.predikat.counts.reduce((a: number, c: View) => a + c.count, 0)).toBe(evaluated);
    const netto = Number(
      (
        await env.db.kysely
          .selectFrom('tpp_lines as l')
          .innerJoin('tpp_runs as r', (j) =>
            j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.id', '=', 'l.run_id'),
          )
          .select((eb) => eb.fn.sum<number>('l.netto').as('n'))
          .where('l.tenant_id', '=', surabaya)
          .where('r.month', '=', MONTH)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(netto).toBeGreaterThan(0);
    expect(city.headline.tppTotal).toBe(netto);
  });

  it('predikat and TPP follow whatever source their modules register, aggregated for every scope', async () => {
    const real = dashboardSources();
    const people = (await view(s.walikota, `/api/v1/dashboard/units/${ids.bidang}?month=${MONTH}`)).people
      .items;
    const grades = ['sangat_baik', 'baik', 'baik', 'butuh_perbaikan'] as const;
    registerDashboardSources({
      predikat: async (_db, tenantId) =>
        tenantId === surabaya
          ? {
              year: 2026,
              kind: 'q3',
              byEmployee: people.map((p: View, i: number) => ({
                employeeId: p.employeeId,
                predikat: grades[i % grades.length],
              })),
              curve: [{ predikat: 'baik', minShare: null, maxShare: 70 }],
            }
          : null,
      tpp: async (_db, tenantId, at) =>
        tenantId === surabaya
          ? {
              month: at.month,
              status: 'draft',
              byEmployee: people.map((p: View, i: number) => ({
                employeeId: p.employeeId,
                netto: 1_000_000 + i,
              })),
            }
          : null,
    });
    try {
      const stream = await openStream(base, s.walikota);
      try {
        await stream.next('ready');
        publish({ tenantId: surabaya, kind: 'evaluation.changed' });
        publish({ tenantId: surabaya, kind: 'tpp.changed' });
        await stream.next('changed');
      } finally {
        stream.close();
      }
      const opd = await view(s.walikota, `/api/v1/dashboard/units/${ids.opd}?month=${MONTH}`);
      expect(opd.predikat.evaluated).toBe(people.length);
      expect(opd.predikat.counts.find((c: View) => c.predikat === 'baik').count).toBe(
        people.filter((_: View, i: number) => grades[i % grades.length] === 'baik').length,
      );
      expect(opd.predikat.curve).toEqual([{ predikat: 'baik', minShare: null, maxShare: 70 }]);
      const good = people.filter((_: View, i: number) => i % grades.length < 3).length;
      expect(opd.headline.predikatGoodShare).toBe(Math.round((good / people.length) * 10_000) / 10_000);
      // a month other than the current one asks the TPP source for that month
      expect(opd.tpp).toEqual({ month: MONTH, status: 'draft' });
      expect(opd.headline.tppTotal).toBe(
        people.reduce((a: number, _: View, i: number) => a + 1_000_000 + i, 0),
      );
      const row = opd.ranking.find((r: View) => r.unitId === ids.bidang);
      expect(row.tppPeople).toBe(people.length);
      const xlsx = await env.app.inject({
        method: 'GET',
        url: `/api/v1/dashboard/export.xlsx?figure=predikat&unitId=${ids.opd}&month=${MONTH}`,
        headers: { cookie: s.walikota.cookie },
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0].name).toBe('Predikat');
      expect(wb.worksheets[0].rowCount).toBe(6);
    } finally {
      registerDashboardSources(real);
      publish({ tenantId: surabaya, kind: 'evaluation.changed' });
      publish({ tenantId: surabaya, kind: 'tpp.changed' });
    }
  });

  it('limits open streams per user, and `once` answers and closes', async () => {
    const open = [];
    for (let i = 0; i < streamOptions.maxPerUser; i++) open.push(await openStream(base, s.inspektorat));
    try {
      const refused = await fetch(`${base}/api/v1/dashboard/stream`, {
        headers: { cookie: s.inspektorat.cookie },
      });
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.code).toBe('DASHBOARD_STREAM_LIMIT');
    } finally {
      for (const st of open) st.close();
    }
    const once = await call(env.app, s.inspektorat, 'GET', '/api/v1/dashboard/stream?once=1');
    expect(once.statusCode).toBe(200);
    expect(once.body).toContain('event: ready');
    // closed streams free their slot
    await new Promise((r) => setTimeout(r, 200));
    const again = await openStream(base, s.inspektorat);
    again.close();
  });
});
