/**
 * bench:import — import throughput (rows/s) and peak memory of the CSV import (validate + commit),
 * at Surabaya scale by default. Baseline in the same run: a bare streaming parse of the same file, so the
 * ratio shows what validation, staging and the all-or-nothing commit cost on this machine.
 *
 *   npm run bench:import -- --employees 35000 [--database postgres://…]
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRows } from '../src/modules/imports/parse.ts';
import { generateCity } from './generate.ts';
import { arg, mb, startBenchApp } from './support.ts';

const employees = Number(arg('employees', '35000'));
const work = join(tmpdir(), `kinerja-bench-${Date.now()}`);
const databaseUrl = arg('database', `sqlite:${join(work, 'bench.db')}`);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

process.stderr.write(`generating ${employees} employees…\n`);
const city = await generateCity({ employees, out: join(work, 'csv'), rootCode: 'PEMKOT' });

const bench = await startBenchApp(databaseUrl);
const { app, db, headers } = bench;

async function importFile(kind: string, path: string) {
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const t0 = performance.now();
  const result = await bench.importFile(kind, path);
  return {
    ...result,
    rowsPerSecond: Math.round(result.rows / ((performance.now() - t0) / 1000)),
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
const audit = (await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers })).json();

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
await bench.close();
rmSync(work, { recursive: true, force: true });
