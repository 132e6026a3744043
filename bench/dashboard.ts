/**
 * bench:dashboard — a Surabaya-scale city (35,000 employees × scale, ≈ 60 OPDs, ≈ 4,000 units) with a year of
 * daily activities (≈ 5 entries per person per working day, ≈ 43 million rows at scale 1; the last week partly
 * unverified, some already logged today), then, against the real server in a child process over loopback:
 *
 *   - the first request of each dashboard (the model built from the rollups, cold),
 *   - p50/p95 of the city, one OPD (the largest) and one unit (its largest bidang), steady state,
 *   - p50/p95 of one person's performance account page (a different person each request),
 *   - the same while employees log activities through the API (autocannon), with an SSE client counting the
 *     `changed` events it receives,
 *   - the same figures computed by a naive GROUP BY over the raw activity log (bench/dashboard-naive.ts), in
 *     the same run, with the ratio, and whether both agree.
 *
 *   npm run bench:dashboard -- --scale 1 [--db postgres] [--database postgres://…] [--reads 300] [--keep]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { newId, randomToken, sha256 } from '../src/core/ids.ts';
import { todayIn } from '../src/core/time.ts';
import { type Db, migrateToLatest, openDatabase, transaction } from '../src/db/index.ts';
import { addDays, isoWeekday } from '../src/modules/activities/calendar.ts';
import { rebuildRollupsIn } from '../src/modules/activities/repository.ts';
import { seedDemoIfEmpty } from '../src/seed/demo.ts';
import { naiveDashboard } from './dashboard-naive.ts';
import { generateCity } from './generate.ts';
import { arg, logActivityRequests, percentile, startBenchApp } from './support.ts';

const scale = Number(arg('scale', '1'));
const usePostgres = arg('db', 'sqlite') === 'postgres';
const reads = Number(arg('reads', '300'));
const liveSeconds = Number(arg('seconds', '10'));
const employeesWanted = Math.round(35_000 * scale);
const dir = join(process.cwd(), 'bench', 'out', `dashboard-${scale}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const log = (msg: string) => process.stderr.write(`[bench:dashboard] ${msg}\n`);

// ---------- the database: a SQLite file, or a fresh schema on PostgreSQL ----------
const pgBase = arg('database', process.env.TEST_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/app');
const schema = `bench_dashboard_${Date.now().toString(36)}`;
let childUrl: string;
let openDb: () => Db;
if (usePostgres) {
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  openDb = () => openDatabase(pgBase, { schema });
  childUrl = `${pgBase}${pgBase.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
} else {
  const file = join(dir, 'bench.db');
  openDb = () => openDatabase(`sqlite:${file}`);
  childUrl = `sqlite:${file}`;
}

// ---------- 1. the city, through the real import ----------
log(`generating and importing ${employeesWanted} employees (${usePostgres ? 'postgres' : 'sqlite'})…`);
const city = await generateCity({ employees: employeesWanted, out: join(dir, 'csv'), rootCode: 'PEMKOT' });
{
  const db = openDb();
  await migrateToLatest(db);
  await seedDemoIfEmpty(db);
  await db.close();
}
const bench = await startBenchApp(childUrl);
for (const kind of ['units', 'positions', 'employees'] as const)
  await bench.importFile(kind, city.files[kind]);
await bench.close();

// ---------- 2. a year of activities up to today, written directly (the generator is not measured) ----------
const db = openDb();
const k = db.kysely;
const tenant = await k
  .selectFrom('tenants')
  .select(['id', 'time_zone'])
  .where('slug', '=', 'surabaya')
  .executeTakeFirstOrThrow();
const tenantId = tenant.id;
const today = todayIn(tenant.time_zone);
const holidays = new Set(
  (await k.selectFrom('work_calendar').select('date').where('tenant_id', '=', tenantId).execute()).map(
    (r) => r.date,
  ),
);
const days: string[] = [];
for (let d = addDays(today, -364); d <= today; d = addDays(d, 1))
  if (isoWeekday(d) <= 5 && !holidays.has(d)) days.push(d);
const recent = addDays(today, -6);
const employees = await k
  .selectFrom('employees')
  .select(['id', 'position_id', 'unit_id'])
  .where('tenant_id', '=', tenantId)
  .where('status', '=', 'active')
  .where('position_id', 'is not', null)
  .orderBy('id')
  .execute();
const catalog = await k
  .selectFrom('activity_catalog')
  .select(['id', 'standard_minutes'])
  .where('tenant_id', '=', tenantId)
  .where('active', '=', 1)
  .orderBy('id')
  .execute();
// the demo's own three months are replaced by the generated year
await k.deleteFrom('activities').where('tenant_id', '=', tenantId).execute();
const genStart = performance.now();
let rows = 0;
if (usePostgres) {
  const catIds = catalog.map((c) => c.id);
  const catMinutes = catalog.map((c) => Number(c.standard_minutes));
  for (let i = 0; i < employees.length; i += 250) {
    const chunk = employees.slice(i, i + 250).map((e) => e.id);
    const res = await sql`
      INSERT INTO activities (tenant_id, id, employee_id, position_id, unit_id, date, catalog_id, quantity, minutes,
        rhk_id, note, evidence_json, start_time, end_time, status, original_quantity, verified_by, verified_at,
        reject_reason, idempotency_key, created_at, updated_at)
      SELECT ${tenantId}, md5(e.id || d.day || g.n)::uuid::text, e.id, e.position_id, e.unit_id, d.day,
        (${catIds}::text[])[q.ci], q.qty, least(450, q.qty * (${catMinutes}::int[])[q.ci]),
        NULL, NULL, '[]', NULL, NULL,
        CASE WHEN d.day = ${today} THEN 'pending'
             WHEN d.day >= ${recent} AND abs(hashtext(d.day || e.id || g.n)) % 100 < 40 THEN 'pending'
             WHEN abs(hashtext(e.id || g.n || d.day)) % 100 < 4 THEN 'rejected'
             ELSE 'approved' END,
        NULL, NULL, NULL, NULL, NULL, d.day || 'T02:00:00.000Z', d.day || 'T02:00:00.000Z'
      FROM employees e
      CROSS JOIN unnest(${days}::text[]) AS d(day)
      CROSS JOIN LATERAL generate_series(1, CASE WHEN d.day = ${today} THEN abs(hashtext(e.id)) % 3
        ELSE 3 + abs(hashtext(e.id || d.day)) % 5 END) AS g(n)
      CROSS JOIN LATERAL (SELECT 1 + abs(hashtext(d.day || g.n || e.id)) % 2 AS qty,
        1 + abs(hashtext(e.id || d.day || g.n)) % ${catIds.length} AS ci) q
      WHERE e.tenant_id = ${tenantId} AND e.id = ANY(${chunk}::text[])`.execute(k);
    rows += Number(res.numAffectedRows ?? 0);
    if (i % 5000 === 0)
      log(`activities: ${rows.toLocaleString('id-ID')} rows (${i}/${employees.length} employees)`);
  }
} else {
  await db.close();
  const raw = new SQLite(childUrl.replace(/^sqlite:/, ''));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const insert = raw.prepare(
    "INSERT INTO activities (tenant_id, id, employee_id, position_id, unit_id, date, catalog_id, quantity, minutes, rhk_id, note, evidence_json, start_time, end_time, status, original_quantity, verified_by, verified_at, reject_reason, idempotency_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, '[]', NULL, NULL, ?, NULL, NULL, NULL, NULL, NULL, ?, ?)",
  );
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const write = raw.transaction((batch: typeof employees) => {
    for (const e of batch) {
      for (const day of days) {
        const n = day === today ? Math.floor(rnd() * 3) : 3 + Math.floor(rnd() * 5);
        for (let j = 0; j < n; j++) {
          const item = catalog[Math.floor(rnd() * catalog.length)];
          const qty = 1 + Math.floor(rnd() * 2);
          const status =
            day === today || (day >= recent && rnd() < 0.4)
              ? 'pending'
              : rnd() < 0.04
                ? 'rejected'
                : 'approved';
          const at = `${day}T02:00:00.000Z`;
          insert.run(
            tenantId,
            newId(),
            e.id,
            e.position_id,
            e.unit_id,
            day,
            item.id,
            qty,
            Math.min(450, qty * Number(item.standard_minutes)),
            status,
            at,
            at,
          );
          rows++;
        }
      }
    }
  });
  for (let i = 0; i < employees.length; i += 200) {
    write(employees.slice(i, i + 200));
    if (i % 2000 === 0)
      log(`activities: ${rows.toLocaleString('id-ID')} rows (${i}/${employees.length} employees)`);
  }
  raw.pragma('synchronous = NORMAL');
  raw.close();
}
const generateSeconds = (performance.now() - genStart) / 1000;
log(`activities written: ${rows} rows in ${generateSeconds.toFixed(0)} s; rebuilding rollups…`);

// sessions for the HTTP benchmarks, written as the login would write them
const db2 = usePostgres ? db : openDb();
const k2 = db2.kysely;
const benchItem = newId();
const at = new Date().toISOString();
await k2
  .insertInto('activity_catalog')
  .values({
    tenant_id: tenantId,
    id: benchItem,
    code: 'BENCH.DASBOR',
    name: 'Memeriksa dan membalas surel dinas',
    output_unit: 'surel',
    standard_minutes: 1,
    position_kinds: JSON.stringify(['jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional']),
    active: 1,
    created_at: at,
    updated_at: at,
  })
  .execute();
interface BenchSession {
  cookie: string;
  csrf: string;
}
async function makeSession(employeeId: string | null, role: string, name: string): Promise<BenchSession> {
  const userId = newId();
  const token = randomToken();
  const csrf = randomToken();
  await k2
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      id: userId,
      username: name,
      display_name: name,
      password_hash: 'x',
      employee_id: employeeId,
      locale: 'id',
      active: 1,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: at,
    })
    .execute();
  await k2
    .insertInto('user_roles')
    .values({ tenant_id: tenantId, user_id: userId, role, unit_id: null })
    .execute();
  await k2
    .insertInto('sessions')
    .values({
      tenant_id: tenantId,
      id: sha256(token),
      user_id: userId,
      csrf_token: csrf,
      created_at: at,
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      ip: null,
      user_agent: null,
    })
    .execute();
  return { cookie: `kinerja_session=${tenantId}.${token}`, csrf };
}
const mayor = await makeSession(null, 'pimpinan', 'bench.walikota');
const loggers: BenchSession[] = [];
for (let i = 0; i < Math.min(400, employees.length); i++)
  loggers.push(await makeSession(employees[(i * 37) % employees.length].id, 'pegawai', `bench.log${i}`));

// the largest OPD and its largest bidang
const units = await k2
  .selectFrom('units')
  .select(['id', 'name', 'path', 'depth', 'parent_id'])
  .where('tenant_id', '=', tenantId)
  .execute();
const headcount = new Map<string, number>();
const pathOf = new Map(units.map((u) => [u.id, u.path]));
for (const e of employees) {
  const ids = (pathOf.get(e.unit_id as string) ?? '').split('/').filter(Boolean);
  for (const id of ids) headcount.set(id, (headcount.get(id) ?? 0) + 1);
}
const rootDepth = Math.min(...units.map((u) => u.depth));
const largest = (list: typeof units) =>
  [...list].sort((a, b) => (headcount.get(b.id) ?? 0) - (headcount.get(a.id) ?? 0))[0];
const opd = largest(units.filter((u) => u.depth === rootDepth + 1));
const unit = largest(units.filter((u) => u.parent_id === opd.id));

const rollupStart = performance.now();
await transaction(k2, (trx) => rebuildRollupsIn(trx, tenantId));
const rollupSeconds = (performance.now() - rollupStart) / 1000;
await db2.close();
log(`rollups rebuilt in ${rollupSeconds.toFixed(0)} s; starting the server…`);

// ---------- 3. the real server in its own process ----------
const port = 3991;
const base = `http://127.0.0.1:${port}`;
const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: {
    ...process.env,
    DATABASE_URL: childUrl,
    PORT: String(port),
    RATE_LIMIT_MAX: '100000000',
    FILES_DIR: join(dir, 'files'),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let i = 0; i < 240; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}

const month = today.slice(0, 7);
const targets = {
  city: `/api/v1/dashboard/city?month=${month}`,
  opd: `/api/v1/dashboard/units/${opd.id}?month=${month}`,
  unit: `/api/v1/dashboard/units/${unit.id}?month=${month}`,
} as const;
type Target = keyof typeof targets;
const get = async (path: string) => {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { cookie: mayor.cookie } });
  const body = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
  return { ms: performance.now() - t0, bytes: body.length, body };
};

const cold: Record<string, number> = {};
for (const t of Object.keys(targets) as Target[]) cold[t] = Math.round((await get(targets[t])).ms);

async function measure(count: number) {
  const out = {} as Record<Target, { p50Ms: number; p95Ms: number; requests: number; bytes: number }>;
  for (const t of Object.keys(targets) as Target[]) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      const r = await get(targets[t]);
      times.push(r.ms);
      bytes = r.bytes;
    }
    times.sort((a, b) => a - b);
    out[t] = { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), requests: count, bytes };
  }
  return out;
}
const steady = await measure(reads);

// one performance account page per request, a different person each time (the same month)
const accountTimes: number[] = [];
for (let i = 0; i < reads; i++) {
  const e = employees[(i * 7919) % employees.length];
  accountTimes.push((await get(`/api/v1/accounts/${e.id}?month=${month}`)).ms);
}
accountTimes.sort((a, b) => a - b);
const account = {
  p50Ms: percentile(accountTimes, 50),
  p95Ms: percentile(accountTimes, 95),
  requests: accountTimes.length,
};

// ---------- 4. live: employees log activities while the dashboard is read and streamed ----------
const abort = new AbortController();
let changedEvents = 0;
const sse = fetch(`${base}/api/v1/dashboard/stream`, {
  headers: { cookie: mayor.cookie },
  signal: abort.signal,
})
  .then(async (res) => {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      changedEvents += decoder.decode(value).split('event: changed').length - 1;
    }
  })
  .catch(() => {});
const ingestRun = autocannon({
  url: base,
  connections: 8,
  duration: liveSeconds,
  requests: logActivityRequests(loggers, benchItem, today),
});
const liveTimes = { city: [] as number[], opd: [] as number[], unit: [] as number[] };
const liveEnd = performance.now() + liveSeconds * 1000 - 500;
while (performance.now() < liveEnd)
  for (const t of Object.keys(targets) as Target[]) liveTimes[t].push((await get(targets[t])).ms);
const ingest = await ingestRun;
await new Promise((r) => setTimeout(r, 2500));
abort.abort();
await sse;
const live = Object.fromEntries(
  (Object.keys(liveTimes) as Target[]).map((t) => {
    const times = liveTimes[t].sort((a, b) => a - b);
    return [t, { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), requests: times.length }];
  }),
) as Record<Target, { p50Ms: number; p95Ms: number; requests: number }>;
// the figures once the burst has settled, to compare with the naive computation
const final = {} as Record<Target, { headline: Record<string, unknown> }>;
for (const t of Object.keys(targets) as Target[]) final[t] = JSON.parse((await get(targets[t])).body);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

// ---------- 5. the same figures, naively from the raw log ----------
const ndb = openDb();
const naive = {} as Record<Target, number>;
let figuresMatch = true;
const compared = [
  'people',
  'skpApproved',
  'activitiesToday',
  'activitiesMonth',
  'backlogMinutes',
  'approvedMinutes',
  'effectiveMinutes',
  'avgWorkload',
  'under',
  'normal',
  'over',
  'inactive',
] as const;
const mismatches: string[] = [];
for (const t of Object.keys(targets) as Target[]) {
  log(`naive ${t}…`);
  const t0 = performance.now();
  const n = await naiveDashboard(
    ndb.kysely,
    tenantId,
    t === 'city' ? null : t === 'opd' ? opd.id : unit.id,
    month,
    today,
  );
  naive[t] = Math.round(performance.now() - t0);
  for (const f of compared)
    if (n.headline[f] !== final[t].headline[f]) {
      figuresMatch = false;
      mismatches.push(`${t}.${f}: dashboard ${final[t].headline[f]} naive ${n.headline[f]}`);
    }
}
await ndb.close();
if (usePostgres) {
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  if (!process.argv.includes('--keep')) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}

const ratio = (t: Target) => Number((naive[t] / Math.max(steady[t].p95Ms, 0.01)).toFixed(0));
const worstP95 = Math.max(...(Object.keys(steady) as Target[]).map((t) => steady[t].p95Ms));
const worstRatio = Math.min(...(Object.keys(steady) as Target[]).map(ratio));
console.log(
  JSON.stringify(
    {
      benchmark: 'dashboard',
      database: usePostgres ? 'postgres' : 'sqlite',
      scale: {
        factor: scale,
        employees: employees.length,
        units: units.length,
        workingDays: days.length,
        activityRows: rows,
        generateSeconds: Math.round(generateSeconds),
        rollupRebuildSeconds: Math.round(rollupSeconds),
      },
      month,
      today,
      scopes: {
        opd: { id: opd.id, people: headcount.get(opd.id) },
        unit: { id: unit.id, people: headcount.get(unit.id) },
      },
      coldFirstRequestMs: cold,
      endpoints: steady,
      account,
      live: {
        seconds: liveSeconds,
        ingestRequestsPerSecond: Math.round(ingest.requests.average),
        ingestNon2xx: ingest.non2xx,
        changedEventsReceived: changedEvents,
        ...live,
      },
      naiveFromRawLogMs: naive,
      ratioNaiveOverDashboardP95: { city: ratio('city'), opd: ratio('opd'), unit: ratio('unit') },
      targets: {
        p95Ms: 50,
        ratio: 100,
        worstP95Ms: worstP95,
        worstRatio,
        accountP95Ms: 20,
        met: worstP95 <= 50 && worstRatio >= 100 && account.p95Ms <= 20,
      },
      figuresMatch,
      ...(mismatches.length ? { mismatches } : {}),
    },
    null,
    2,
  ),
);
if (process.argv.includes('--keep')) log(`data kept (${usePostgres ? `schema ${schema}` : dir})`);
else rmSync(dir, { recursive: true, force: true });
