/**
 * bench:activities — a Surabaya-scale city (35,000 employees × scale) with a year of daily activities
 * (≈ 5 entries per person per working day, ≈ 40 million rows at scale 1), then, against the real server in a
 * child process over loopback HTTP:
 *   - single-entry logging throughput (autocannon; each request is a full rule check + rollups + audit),
 *   - batch logging throughput (entries/s in 400-entry batches),
 *   - one person's workload page latency (p50/p95), with a baseline in the same run: the same month computed
 *     by a naive aggregate over the raw activity log.
 *
 *   npm run bench:activities -- --scale 1 [--months 11] [--keep]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { newId, randomToken, sha256 } from '../src/core/ids.ts';
import { transaction } from '../src/db/index.ts';
import { rebuildRollupsIn } from '../src/modules/activities/repository.ts';
import { generateCity } from './generate.ts';
import { arg, logActivityRequests, percentile, startBenchApp } from './support.ts';

const scale = Number(arg('scale', '1'));
const months = Number(arg('months', '11'));
const employeesWanted = Math.round(35_000 * scale);
const dir = join(process.cwd(), 'bench', 'out', `activities-${scale}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const file = join(dir, 'bench.db');
const log = (msg: string) => process.stderr.write(`[bench:activities] ${msg}\n`);

// ---------- 1. the city, through the real import ----------
log(`generating and importing ${employeesWanted} employees…`);
const city = await generateCity({ employees: employeesWanted, out: join(dir, 'csv'), rootCode: 'PEMKOT' });
const bench = await startBenchApp(`sqlite:${file}`);
for (const kind of ['units', 'positions', 'employees'] as const)
  await bench.importFile(kind, city.files[kind]);
const tenantId = (
  await bench.db.kysely
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', 'surabaya')
    .executeTakeFirstOrThrow()
).id;
await bench.close();

// ---------- 2. a year of activities, written directly (the generator is not what we measure) ----------
const raw = new SQLite(file);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = OFF');
const employees = raw
  .prepare(
    "SELECT e.id, e.position_id, e.unit_id FROM employees e WHERE e.tenant_id = ? AND e.status = 'active' AND e.position_id IS NOT NULL",
  )
  .all(tenantId) as { id: string; position_id: string; unit_id: string }[];
const catalog = raw
  .prepare('SELECT id, standard_minutes FROM activity_catalog WHERE tenant_id = ? AND active = 1')
  .all(tenantId) as { id: string; standard_minutes: number }[];
const holidays = new Set(
  (raw.prepare('SELECT date FROM work_calendar WHERE tenant_id = ?').all(tenantId) as { date: string }[]).map(
    (r) => r.date,
  ),
);
const workingDays: string[] = [];
for (
  let d = new Date(Date.UTC(2026, 0, 1));
  d.getUTCMonth() < months && d.getUTCFullYear() === 2026;
  d = new Date(d.getTime() + 86_400_000)
) {
  const iso = d.toISOString().slice(0, 10);
  if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !holidays.has(iso)) workingDays.push(iso);
}
const insert = raw.prepare(
  "INSERT INTO activities (tenant_id, id, employee_id, position_id, unit_id, date, catalog_id, quantity, minutes, rhk_id, note, evidence_json, start_time, end_time, status, original_quantity, verified_by, verified_at, reject_reason, idempotency_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, '[]', NULL, NULL, ?, NULL, NULL, NULL, NULL, NULL, ?, ?)",
);
let seed = 42;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const genStart = performance.now();
let rows = 0;
const writeEmployees = raw.transaction((batch: typeof employees) => {
  for (const e of batch) {
    for (const day of workingDays) {
      const n = 3 + Math.floor(rnd() * 5);
      for (let k = 0; k < n; k++) {
        const item = catalog[Math.floor(rnd() * catalog.length)];
        const qty = 1 + Math.floor(rnd() * 2);
        const status = rnd() < 0.04 ? 'rejected' : 'approved';
        const at = `${day}T09:00:00.000Z`;
        insert.run(
          tenantId,
          newId(),
          e.id,
          e.position_id,
          e.unit_id,
          day,
          item.id,
          qty,
          Math.min(450, qty * item.standard_minutes),
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
  writeEmployees(employees.slice(i, i + 200));
  if (i % 2000 === 0)
    log(`activities: ${rows.toLocaleString('id-ID')} rows (${i}/${employees.length} employees)`);
}
const generateSeconds = (performance.now() - genStart) / 1000;
log(`activities written: ${rows} rows in ${generateSeconds.toFixed(0)} s; rebuilding rollups…`);
raw.pragma('synchronous = NORMAL');

// sessions for the HTTP benchmarks, written as the login would write them
const benchItem = newId();
raw
  .prepare(
    "INSERT INTO activity_catalog (tenant_id, id, code, name, output_unit, standard_minutes, position_kinds, active, created_at, updated_at) VALUES (?, ?, 'BENCH.1', 'Memeriksa dan membalas surel dinas', 'surel', 1, ?, 1, ?, ?)",
  )
  .run(
    tenantId,
    benchItem,
    JSON.stringify(['jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional']),
    new Date().toISOString(),
    new Date().toISOString(),
  );
interface BenchSession {
  cookie: string;
  csrf: string;
  employeeId: string;
}
const makeSessions = (from: number, count: number, role = 'pegawai'): BenchSession[] =>
  // wraps around on small scales: the sets then share employees, which only lowers the daily capacity
  Array.from({ length: count }, (_, k) => employees[(from + k) % employees.length]).map((e, i) => {
    const userId = newId();
    const token = randomToken();
    const csrf = randomToken();
    raw
      .prepare(
        "INSERT INTO users (tenant_id, id, username, display_name, password_hash, employee_id, locale, active, failed_logins, created_at) VALUES (?, ?, ?, ?, 'x', ?, 'id', 1, 0, ?)",
      )
      .run(tenantId, userId, `bench${from + i}`, `bench${from + i}`, e.id, new Date().toISOString());
    raw
      .prepare('INSERT INTO user_roles (tenant_id, user_id, role, unit_id) VALUES (?, ?, ?, NULL)')
      .run(tenantId, userId, role);
    raw
      .prepare(
        'INSERT INTO sessions (tenant_id, id, user_id, csrf_token, created_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)',
      )
      .run(
        tenantId,
        sha256(token),
        userId,
        csrf,
        new Date().toISOString(),
        new Date(Date.now() + 86_400_000).toISOString(),
      );
    return { cookie: `kinerja_session=${tenantId}.${token}`, csrf, employeeId: e.id };
  });
const single = makeSessions(0, 600);
const batchers = makeSessions(600, 200);
const readers = makeSessions(800, 400);
const [cityReader] = makeSessions(1200, 1, 'bkpsdm');
raw.close();

const rebuild = await startBenchApp(`sqlite:${file}`);
const rollupStart = performance.now();
await transaction(rebuild.db.kysely, (trx) => rebuildRollupsIn(trx, tenantId));
const rollupSeconds = (performance.now() - rollupStart) / 1000;
await rebuild.close();
log(`rollups rebuilt in ${rollupSeconds.toFixed(0)} s; starting the server…`);

// ---------- 3. the real server in its own process ----------
const port = 3990;
const base = `http://127.0.0.1:${port}`;
const profileDir = arg('profile', '');
const server: ChildProcess = spawn(
  process.execPath,
  [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(process.env.XP_NODE ? process.env.XP_NODE.split(' ') : []),
    '--import',
    'tsx',
    'src/main.ts',
  ],
  {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${file}`,
      PORT: String(port),
      RATE_LIMIT_MAX: '100000000',
      FILES_DIR: join(dir, 'files'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
for (let i = 0; i < 120; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

// single-entry logging
const onlySingle = process.argv.includes('--only-single');
// `--connections 32,64` measures each in turn (group commit gathers more requests when more are in flight)
const connectionCounts = arg('connections', '32').split(',').map(Number);
const ingestRuns: { connections: number; result: autocannon.Result }[] = [];
// a warm-up that is not counted: the first requests after start read a cold page cache and a cold SQLite cache
const warmupSeconds = Number(arg('warmup', '5'));
if (warmupSeconds > 0)
  await autocannon({
    url: base,
    connections: connectionCounts[0],
    duration: warmupSeconds,
    requests: logActivityRequests(single, benchItem, today),
  });
for (const connections of connectionCounts) {
  const result = await autocannon({
    url: base,
    connections,
    duration: Number(arg('seconds', '10')),
    requests: logActivityRequests(single, benchItem, today),
  });
  ingestRuns.push({ connections, result });
}
const ingestFigures = ingestRuns.map(({ connections, result }) => ({
  connections,
  requestsPerSecond: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
  non2xx: result.non2xx,
  errors: result.errors,
}));

// batches of 400 entries, one employee per batch (the daily maximum is 450 minutes): first one client
// sending batch after batch, then several clients at once (phones syncing their offline entries together)
async function sendBatches(sessions: BenchSession[], clients: number) {
  const times: number[] = [];
  let entriesSaved = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < sessions.length) {
        const s = sessions[next++];
        const entries = Array.from({ length: 400 }, () => ({
          date: today,
          catalogId: benchItem,
          quantity: 1,
          idempotencyKey: randomToken(12),
        }));
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/activities/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          body: JSON.stringify({ entries }),
        });
        if (res.ok) entriesSaved += entries.length;
        else log(`batch refused: ${res.status} ${(await res.text()).slice(0, 200)}`);
        await res.arrayBuffer().catch(() => undefined);
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    clients,
    entries: entriesSaved,
    entriesPerSecond: Math.round(entriesSaved / seconds),
    batchMs: { p50: percentile(times, 50), p95: percentile(times, 95) },
  };
}
const batchCount = onlySingle ? 0 : Number(arg('batches', '60'));
const batchConcurrency = Number(arg('batchClients', '4'));
const batchSequential = await sendBatches(batchers.slice(0, batchCount), 1);
const batchConcurrent = await sendBatches(batchers.slice(batchCount, batchCount * 2), batchConcurrency);

// one person's workload page vs the same figures from the raw log
const month =
  today.slice(0, 7) > `2026-${String(months).padStart(2, '0')}`
    ? `2026-${String(months).padStart(2, '0')}`
    : today.slice(0, 7);
const pageTimes: number[] = [];
for (let i = 0; i < (onlySingle ? 0 : Number(arg('reads', '2000'))); i++) {
  const s = readers[i % readers.length];
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/workload/me?month=${month}`, { headers: { cookie: s.cookie } });
  await res.arrayBuffer();
  pageTimes.push(performance.now() - t0);
}
// the city page (every OPD, distribution, lists) from the rollups
const cityTimes: number[] = [];
for (let i = 0; i < (onlySingle ? 0 : Number(arg('cityReads', '50'))); i++) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/workload/city?month=${month}`, {
    headers: { cookie: cityReader.cookie },
  });
  if (!res.ok) log(`city page: ${res.status}`);
  await res.arrayBuffer();
  cityTimes.push(performance.now() - t0);
}
cityTimes.sort((a, b) => a - b);
server.kill('SIGTERM');
const naive = new SQLite(file, { readonly: true });
const naiveQuery = naive.prepare(
  "SELECT date, COUNT(*) AS entries, SUM(minutes) AS logged, SUM(CASE WHEN status = 'approved' THEN minutes ELSE 0 END) AS approved FROM activities WHERE tenant_id = ? AND employee_id = ? AND substr(date, 1, 7) = ? GROUP BY date",
);
const naiveCityQuery = naive.prepare(
  "SELECT employee_id, SUM(minutes) FROM activities WHERE tenant_id = ? AND substr(date, 1, 7) = ? AND status = 'approved' GROUP BY employee_id",
);
const naiveTimes: number[] = [];
for (let i = 0; i < (pageTimes.length ? 200 : 0); i++) {
  const t0 = performance.now();
  naiveQuery.all(tenantId, readers[i % readers.length].employeeId, month);
  naiveTimes.push(performance.now() - t0);
}
const cityStart = performance.now();
if (cityTimes.length) naiveCityQuery.all(tenantId, month);
const naiveCityMs = performance.now() - cityStart;
naive.close();

pageTimes.sort((a, b) => a - b);
naiveTimes.sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      benchmark: 'activities',
      database: 'sqlite',
      scale: {
        employees: employees.length,
        workingDays: workingDays.length,
        activityRows: rows,
        generateSeconds: Math.round(generateSeconds),
        rollupRebuildSeconds: Math.round(rollupSeconds),
      },
      singleEntryIngest: ingestFigures,
      batchIngest: batchSequential,
      batchIngestConcurrent: batchConcurrent,
      workloadPage: {
        month,
        requests: pageTimes.length,
        p50Ms: percentile(pageTimes, 50),
        p95Ms: percentile(pageTimes, 95),
        baselineNaivePersonMonth: { p50Ms: percentile(naiveTimes, 50), p95Ms: percentile(naiveTimes, 95) },
      },
      cityWorkloadPage: {
        month,
        requests: cityTimes.length,
        p50Ms: percentile(cityTimes, 50),
        p95Ms: percentile(cityTimes, 95),
        baselineNaiveCityMonthFromRawLogMs: Math.round(naiveCityMs),
        ratioNaiveOverPageP50: Number((naiveCityMs / percentile(cityTimes, 50)).toFixed(0)),
      },
    },
    null,
    2,
  ),
);
if (process.argv.includes('--keep')) log(`database kept at ${file}`);
else rmSync(dir, { recursive: true, force: true });
