#!/usr/bin/env node
// `npm test`: unit + API tests on SQLite, the same API tests on PostgreSQL, then end-to-end tests in
// Debian's Chromium against the built web app. Ends with one line "N passed, N failed".
// PostgreSQL and Chromium are required under CI (CI=true); on a laptop without them those parts are skipped
// with a warning, so `npm test` still works right after `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const ci = process.env.CI === 'true';
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/app';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const extraArgs = process.argv.slice(2);

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (err) {
    console.warn(`PostgreSQL not reachable at ${pgUrl.replace(/:[^:@/]+@/, ':***@')}: ${err.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const projects = ['sqlite'];
const missing = [];
if (await postgresReachable()) projects.push('postgres');
else missing.push('PostgreSQL');
if (existsSync(chromium)) projects.push('e2e');
else missing.push(`Chromium (${chromium})`);

if (missing.length) {
  const message = `Not available here: ${missing.join(', ')}. See README "Running the tests".`;
  if (ci) {
    console.error(`${message} CI must run every part.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.warn(`WARNING: ${message} Those tests are skipped.`);
}

if (projects.includes('e2e')) {
  const build = spawnSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const out = join(mkdtempSync(join(tmpdir(), 'kinerja-test-')), 'results.json');
const args = [
  'vitest',
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...extraArgs,
];
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: pgUrl } });

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(out, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  // a suite that failed to load has no failed tests but must still count as a failure
  if (run.status !== 0 && failed === 0) failed = Math.max(1, results.numFailedTestSuites ?? 1);
} catch {
  failed = Math.max(failed, 1);
}
console.log(`\nProjects: ${projects.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
