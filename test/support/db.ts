import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, migrateToLatest, openDatabase } from '../../src/db/index.ts';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/app';
export const dialectUnderTest = (): 'sqlite' | 'postgres' =>
  process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated database for one test file: a SQLite file in a temporary directory (so the tests run the
 * driver as production does: writer, reader and checkpointer), or a new schema on the real PostgreSQL.
 */
export async function freshDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (dialectUnderTest() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kinerja-test-'));
    const db = openDatabase(`sqlite:${join(dir, 'test.db')}`);
    await migrateToLatest(db);
    return {
      db,
      drop: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = openDatabase(PG_URL, { schema });
  await migrateToLatest(db);
  return {
    db,
    drop: async () => {
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db.kysely);
      await db.close();
    },
  };
}
