/**
 * bench:import — import throughput (rows/s) and peak memory of the CSV import (validate + commit),
 * at Surabaya scale by default. Baseline in the same run: a bare streaming parse of the same file, so the
 * ratio shows what validation, staging and the all-or-nothing commit cost on this machine.
 *
 *   npm run bench:import -- --employees 35000 [--database postgres://…]
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/core/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/index.ts';
import { readRows } from '../src/modules/imports/parse.ts';
import { seedDemoIfEmpty } from '../src/seed/demo.ts';
import { buildApp } from '../src/server/app.ts';
import { generateCity } from './generate.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const employees = Number(arg('employees', '35000'));
const work = join(tmpdir(), `kinerja-bench-${Date.now()}`);
const databaseUrl = arg('database', `sqlite:${join(work, 'bench.db')}`);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

process.stderr.write(`generating ${employees} employees…\n`);
const city = await generateCity({ employees, out: join(work, 'csv'), rootCode: 'PEMKOT' });

const db = openDatabase(databaseUrl);
await migrateToLatest(db);
await seedDemoIfEmpty(db);
const app = await buildApp({
  config: loadConfig({ RATE_LIMIT_MAX: '1000000', LOGIN_RATE_LIMIT_MAX: '1000' }),
  db,
});
await app.ready();
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { tenant: 'surabaya', username: 'bkpsdm', password: 'kinerja2026' },
});
const cookie = String(login.headers['set-cookie']).split(';')[0];
const csrf = login.json().csrfToken as string;

async function importFile(kind: string, path: string) {
  const content = readFileSync(path);
  const boundary = '----kinerjabench';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.csv"\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers = {
    cookie,
    'x-csrf-token': csrf,
    'content-type': `multipart/form-data; boundary=${boundary}`,
  };
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const t0 = performance.now();
  const res = await app.inject({ method: 'POST', url: '/api/v1/imports', payload, headers });
  const id = res.json().id as string;
  let job = res.json();
  while (job.status === 'parsing') {
    await new Promise((r) => setTimeout(r, 50));
    job = (await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers })).json();
  }
  const t1 = performance.now();
  if (job.status !== 'ready')
    throw new Error(
      `${kind} import ${job.status}: ${(await app.inject({ method: 'GET', url: `/api/v1/imports/${id}/errors?limit=5`, headers })).body}`,
    );
  const commit = await app.inject({ method: 'POST', url: `/api/v1/imports/${id}/commit`, headers });
  if (commit.statusCode !== 200) throw new Error(commit.body);
  const t2 = performance.now();
  return {
    rows: job.totalRows as number,
    validateMs: Math.round(t1 - t0),
    commitMs: Math.round(t2 - t1),
    rowsPerSecond: Math.round((job.totalRows as number) / ((t2 - t0) / 1000)),
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(peakRss),
  };
}

async function bareParse(path: string) {
  const t0 = performance.now();
  let n = 0;
  for await (const _ of readRows(path, 'csv')) n++;
  const ms = performance.now() - t0;
  return { rows: n - 1, ms: Math.round(ms), rowsPerSecond: Math.round((n - 1) / (ms / 1000)) };
}

const baseline = await bareParse(city.files.employees);
const units = await importFile('units', city.files.units);
const positions = await importFile('positions', city.files.positions);
const employeesResult = await importFile('employees', city.files.employees);
clearInterval(sampler);
const audit = (
  await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: { cookie, 'x-csrf-token': csrf } })
).json();

console.log(
  JSON.stringify(
    {
      benchmark: 'import',
      database: db.dialect,
      scale: { units: city.units, positions: city.positions, employees: city.employees },
      baselineBareParse: baseline,
      units,
      positions,
      employees: employeesResult,
      ratioImportVsBareParse: Number((baseline.rowsPerSecond / employeesResult.rowsPerSecond).toFixed(1)),
      memoryGrowthDuringEmployeeImportMb: employeesResult.peakRssMb - employeesResult.rssBeforeMb,
      auditChainOk: audit.ok,
      auditEntries: audit.checked,
    },
    null,
    2,
  ),
);
await app.close();
await db.close();
rmSync(work, { recursive: true, force: true });
