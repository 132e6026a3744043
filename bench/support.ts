/** Shared pieces of the benchmarks: an in-process app on a fresh database, signed in as BKPSDM. */
import { readFileSync } from 'node:fs';
import type autocannon from 'autocannon';
import { loadConfig } from '../src/core/config.ts';
import { randomToken } from '../src/core/ids.ts';
import { type Db, migrateToLatest, openDatabase } from '../src/db/index.ts';
import { seedDemoIfEmpty } from '../src/seed/demo.ts';
import { buildApp } from '../src/server/app.ts';
import type { App } from '../src/server/types.ts';

export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)] * 100) / 100;
}

export interface BenchApp {
  app: App;
  db: Db;
  headers: Record<string, string>;
  importFile(kind: string, path: string): Promise<{ rows: number; validateMs: number; commitMs: number }>;
  close(): Promise<void>;
}

export async function startBenchApp(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchApp> {
  const db = openDatabase(databaseUrl);
  await migrateToLatest(db);
  await seedDemoIfEmpty(db);
  const app = await buildApp({
    config: loadConfig({ RATE_LIMIT_MAX: '100000000', LOGIN_RATE_LIMIT_MAX: '1000', ...env }),
    db,
  });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { tenant: 'surabaya', username: 'bkpsdm', password: 'kinerja2026' },
  });
  const headers = {
    cookie: String(login.headers['set-cookie']).split(';')[0],
    'x-csrf-token': login.json().csrfToken as string,
  };

  async function importFile(kind: string, path: string) {
    const boundary = '----kinerjabench';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.csv"\r\n\r\n`,
      ),
      readFileSync(path),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const h = { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` };
    const t0 = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/imports', payload, headers: h });
    const id = res.json().id as string;
    let job = res.json();
    while (job.status === 'parsing') {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: h })).json();
    }
    const t1 = performance.now();
    if (job.status !== 'ready') {
      const errors = await app.inject({
        method: 'GET',
        url: `/api/v1/imports/${id}/errors?limit=5`,
        headers: h,
      });
      throw new Error(`${kind} import ${job.status}: ${errors.body}`);
    }
    const commit = await app.inject({ method: 'POST', url: `/api/v1/imports/${id}/commit`, headers: h });
    if (commit.statusCode !== 200) throw new Error(commit.body);
    return {
      rows: job.totalRows as number,
      validateMs: Math.round(t1 - t0),
      commitMs: Math.round(performance.now() - t1),
    };
  }

  return {
    app,
    db,
    headers,
    importFile,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** autocannon requests that each log one activity (quantity 1, today) as the next of `sessions`. */
export function logActivityRequests(
  sessions: { cookie: string; csrf: string }[],
  catalogId: string,
  date: string,
): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'POST',
      path: '/api/v1/activities',
      setupRequest: (req) => {
        const s = sessions[next++ % sessions.length];
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            cookie: s.cookie,
            'x-csrf-token': s.csrf,
            'idempotency-key': randomToken(12),
          },
          body: JSON.stringify({ date, catalogId, quantity: 1 }),
        };
      },
    },
  ];
}
