import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type Compilable,
  type CompiledQuery,
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
} from 'kysely';
import pg from 'pg';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_skp.ts';
import * as m0003 from './migrations/0003_activities.ts';
import * as m0004 from './migrations/0004_evaluation.ts';
import * as m0005 from './migrations/0005_attendance.ts';
import * as m0006 from './migrations/0006_tpp.ts';
import * as m0007 from './migrations/0007_activity_timed_index.ts';
import type { Database } from './schema.ts';
import { markDeferred, SqliteThreadDialect, ThreadConnection } from './sqlite-thread.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL schema when not the default search path */
  schema?: string;
  close(): Promise<void>;
}

export type DB = Kysely<Database>;

// Counts come back as strings from pg and numbers from SQLite.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface OpenOptions {
  /** PostgreSQL only: run in this schema (tests use one schema per test file). */
  schema?: string;
}

export function openDatabase(url: string, options: OpenOptions = {}): Db {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.PG_POOL_MAX ?? 10),
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', schema: options.schema, close: () => kysely.destroy() };
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const kysely = new Kysely<Database>({ dialect: new SqliteThreadDialect(file, SQLITE_PRAGMAS) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  // in WAL mode NORMAL loses no committed transaction on an application crash, only on a power cut
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  // 64 MB of page cache instead of 2 MB: the indexes a write touches stay in memory at city scale
  'cache_size = -65536',
  'temp_store = MEMORY',
  // a checkpointer thread empties the WAL (sqlite-checkpointer.mjs); the writer steps in only past 64 MB
  'wal_autocheckpoint = 16384',
];

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_skp': m0002,
  '0003_activities': m0003,
  '0004_evaluation': m0004,
  '0005_attendance': m0005,
  '0006_tpp': m0006,
  '0007_activity_timed_index': m0007,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Kysely looks for its bookkeeping tables across all schemas: pin them to ours
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Execute a write whose answer the caller does not read (no RETURNING, no row count). On SQLite inside a
 * transaction it goes to the database thread without waiting for the answer, so several writes cost one
 * round trip; a failure surfaces at the transaction's next awaited statement or at its commit, and the
 * transaction rolls back. Anywhere else it is an ordinary execute.
 */
export async function pipelined(db: DB, query: Compilable | CompiledQuery): Promise<void> {
  const compiled = 'compile' in query ? query.compile() : query;
  markDeferred(compiled);
  await db.executeQuery(compiled);
}

type Rows<Q> = Q extends Compilable<infer O> ? O[] : never[];

/**
 * Run several independent selects and get each one's rows (`null` stands for a read that is not needed and
 * gives no rows). On SQLite they travel to the database thread in one message; elsewhere they run one after
 * the other on the same connection (inside the caller's transaction when given one).
 */
export async function readTogether<const T extends Record<string, Compilable<unknown> | null>>(
  db: DB,
  queries: T,
): Promise<{ [K in keyof T]: Rows<T[K]> }> {
  const keys = Object.keys(queries).filter((k) => queries[k] !== null);
  const compiled = keys.map((k) => (queries[k] as Compilable<unknown>).compile());
  const results = await db.getExecutor().provideConnection(async (connection) => {
    if (connection instanceof ThreadConnection) return connection.executeAll(compiled);
    const out = [];
    for (const query of compiled) out.push(await connection.executeQuery(query));
    return out;
  });
  const rows: Record<string, unknown[]> = {};
  for (const k of Object.keys(queries)) rows[k] = [];
  keys.forEach((k, i) => {
    rows[k] = results[i].rows;
  });
  return rows as { [K in keyof T]: Rows<T[K]> };
}

/** Run `fn` in a transaction; SQLite uses BEGIN IMMEDIATE semantics through the single connection. */
export function transaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
