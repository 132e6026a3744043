/**
 * The SQLite thread driver: transactions keep Kysely's semantics, deferred writes never let a failed
 * transaction commit, reads outside transactions see the last commit only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert } from './bulk.ts';
import { type DB, openDatabase, pipelined, readTogether, transaction } from './index.ts';
import { threadStats } from './sqlite-thread.ts';

const dir = mkdtempSync(join(tmpdir(), 'kinerja-thread-'));
const file = openDatabase(`sqlite:${join(dir, 'thread.db')}`);
const memory = openDatabase('sqlite::memory:');

async function schema(db: DB) {
  await sql`create table t (k text primary key, n integer not null check (n >= 0))`.execute(db);
  await sql`create table counter (id integer primary key, n integer not null)`.execute(db);
  await sql`insert into counter (id, n) values (1, 0)`.execute(db);
}

beforeAll(async () => {
  await schema(file.kysely);
  await schema(memory.kysely);
});
afterAll(async () => {
  await file.close();
  await memory.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowsOf = (db: DB) =>
  db
    .selectFrom('t' as never)
    .selectAll()
    .orderBy('k' as never)
    .execute();
const put = (db: DB, k: string, n: number) => bulkInsert(db, 't', [{ k, n }]);

describe.each([
  ['a database file (writer + reader connections)', file],
  ['an in-memory database (one connection)', memory],
])('%s', (_name, db) => {
  const k = db.kysely;

  it('commits deferred writes with the transaction, in order', async () => {
    await sql`delete from t`.execute(k);
    await transaction(k, async (trx) => {
      await pipelined(trx, put(trx, 'a', 1));
      await pipelined(
        trx,
        bulkInsert(trx, 't', [
          { k: 'b', n: 2 },
          { k: 'c', n: 3 },
        ]),
      );
      // an awaited read inside the transaction sees the deferred writes before it
      expect(await rowsOf(trx)).toHaveLength(3);
      await pipelined(trx, put(trx, 'd', 4));
    });
    expect((await rowsOf(k)).map((r) => (r as { k: string }).k)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a failing deferred write fails the commit and leaves nothing behind; the next transaction works', async () => {
    await sql`delete from t`.execute(k);
    await expect(
      transaction(k, async (trx) => {
        await pipelined(trx, put(trx, 'x', 1));
        await pipelined(trx, put(trx, 'x', 2)); // unique violation, nobody awaits its answer
        await pipelined(trx, put(trx, 'y', 3));
      }),
    ).rejects.toThrow(/UNIQUE constraint failed/);
    expect(await rowsOf(k)).toEqual([]);
    await transaction(k, async (trx) => {
      await pipelined(trx, put(trx, 'z', 1));
    });
    expect(await rowsOf(k)).toEqual([{ k: 'z', n: 1 }]);
  });

  it('a failing deferred write surfaces at the next awaited statement', async () => {
    await sql`delete from t`.execute(k);
    let reached = false;
    await expect(
      transaction(k, async (trx) => {
        await pipelined(trx, put(trx, 'neg', -1)); // check constraint
        await rowsOf(trx);
        reached = true;
      }),
    ).rejects.toThrow(/CHECK constraint failed/);
    expect(reached).toBe(false);
    expect(await rowsOf(k)).toEqual([]);
  });

  it('an awaited statement that fails can be caught without failing the transaction', async () => {
    await sql`delete from t`.execute(k);
    await transaction(k, async (trx) => {
      await trx.executeQuery(put(trx, 'p', 1));
      const err = await trx.executeQuery(put(trx, 'p', 2)).catch((e: Error & { code?: string }) => e);
      expect((err as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
      await trx.executeQuery(put(trx, 'q', 2));
    });
    expect(await rowsOf(k)).toHaveLength(2);
  });

  it('concurrent transactions never interleave (read-modify-write stays exact)', async () => {
    await sql`update counter set n = 0`.execute(k);
    await Promise.all(
      Array.from({ length: 25 }, () =>
        transaction(k, async (trx) => {
          const { n } = (await sql<{ n: number }>`select n from counter where id = 1`.execute(trx)).rows[0];
          await pipelined(trx, sql`update counter set n = ${n + 1} where id = 1`.compile(trx));
        }),
      ),
    );
    const { n } = (await sql<{ n: number }>`select n from counter where id = 1`.execute(k)).rows[0];
    expect(n).toBe(25);
  });

  it('reads several queries in one message, null ones giving no rows', async () => {
    await sql`delete from t`.execute(k);
    await k.executeQuery(
      bulkInsert(k, 't', [
        { k: 'a', n: 1 },
        { k: 'b', n: 2 },
      ]),
    );
    const before = threadStats.messages;
    const read = await readTogether(k, {
      all: k.selectFrom('t' as never).select(['k' as never]),
      one: k
        .selectFrom('t' as never)
        .select(['n' as never])
        .where('k' as never, '=', 'b' as never),
      none: null,
    });
    expect(threadStats.messages - before).toBe(1);
    expect(read.all).toHaveLength(2);
    expect(read.one).toEqual([{ n: 2 }]);
    expect(read.none).toEqual([]);
  });

  it('adds to existing rows with an additive upsert', async () => {
    await sql`delete from t`.execute(k);
    const upsert = { conflict: ['k'], add: ['n'], returning: ['k', 'n'] };
    await k.executeQuery(bulkInsert(k, 't', [{ k: 'a', n: 1 }], upsert));
    const res = await k.executeQuery(
      bulkInsert(
        k,
        't',
        [
          { k: 'a', n: 5 },
          { k: 'b', n: 2 },
        ],
        upsert,
      ),
    );
    expect(res.rows).toEqual([
      { k: 'a', n: 6 },
      { k: 'b', n: 2 },
    ]);
  });
});

describe('a database file', () => {
  it('answers reads outside a transaction with the last commit, without waiting for the transaction', async () => {
    const k = file.kysely;
    await sql`delete from t`.execute(k);
    let release!: () => void;
    const holding = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = transaction(k, async (trx) => {
      await trx.executeQuery(put(trx, 'uncommitted', 1));
      await holding;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // the transaction holds the writer; this read does not wait for it and does not see its row
    expect(await rowsOf(k)).toEqual([]);
    release();
    await tx;
    expect(await rowsOf(k)).toEqual([{ k: 'uncommitted', n: 1 }]);
  });
});
