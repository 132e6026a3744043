import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import { freshDatabase } from '../support/db.ts';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
});
afterAll(() => drop());

/** Tables that belong to no tenant: the tenant list itself and Kysely's bookkeeping. */
const GLOBAL = new Set(['tenants', 'kysely_migration', 'kysely_migration_lock']);

interface Key {
  table: string;
  columns: string[];
}

async function keys(): Promise<{ tables: string[]; primary: Key[]; foreign: Key[] }> {
  if (db.dialect === 'sqlite') {
    const tables = (
      await sql<{
        name: string;
      }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db.kysely)
    ).rows.map((r) => r.name);
    const primary: Key[] = [];
    const foreign: Key[] = [];
    for (const table of tables) {
      const cols = (
        await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${table})`.execute(
          db.kysely,
        )
      ).rows;
      primary.push({
        table,
        columns: cols
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
      });
      const fks = (
        await sql<{
          id: number;
          seq: number;
          from: string;
          table: string;
        }>`SELECT id, seq, "from", "table" FROM pragma_foreign_key_list(${table})`.execute(db.kysely)
      ).rows;
      const byId = new Map<number, string[]>();
      for (const fk of fks.sort((a, b) => a.seq - b.seq)) {
        if (fk.table === 'tenants') continue; // tenant_id → tenants.id itself
        byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk.from]);
      }
      for (const columns of byId.values()) foreign.push({ table, columns });
    }
    return { tables, primary, foreign };
  }
  const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db.kysely)).rows[0].s;
  const tables = (
    await sql<{
      table_name: string;
    }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema}`.execute(db.kysely)
  ).rows.map((r) => r.table_name);
  const constraintCols = await sql<{
    table_name: string;
    constraint_name: string;
    constraint_type: string;
    column_name: string;
    ordinal_position: number;
    ref_table: string | null;
  }>`
    SELECT tc.table_name, tc.constraint_name, tc.constraint_type, kcu.column_name, kcu.ordinal_position,
           (SELECT ccu.table_name FROM information_schema.constraint_column_usage ccu
             WHERE ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema LIMIT 1) AS ref_table
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu
        ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
     WHERE tc.table_schema = ${schema} AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')
     ORDER BY tc.constraint_name, kcu.ordinal_position`.execute(db.kysely);
  const grouped = new Map<string, { table: string; type: string; columns: string[]; ref: string | null }>();
  for (const r of constraintCols.rows) {
    const g = grouped.get(r.constraint_name) ?? {
      table: r.table_name,
      type: r.constraint_type,
      columns: [],
      ref: r.ref_table,
    };
    g.columns.push(r.column_name);
    grouped.set(r.constraint_name, g);
  }
  const all = [...grouped.values()];
  return {
    tables,
    primary: all.filter((g) => g.type === 'PRIMARY KEY').map((g) => ({ table: g.table, columns: g.columns })),
    foreign: all
      .filter((g) => g.type === 'FOREIGN KEY' && g.ref !== 'tenants')
      .map((g) => ({ table: g.table, columns: g.columns })),
  };
}

describe('schema is ready to be distributed by tenant (Citus)', () => {
  it('every tenant-owned table has tenant_id first in its primary key and in every foreign key', async () => {
    const { tables, primary, foreign } = await keys();
    const owned = tables.filter((t) => !GLOBAL.has(t));
    expect(owned.length).toBeGreaterThanOrEqual(12);
    for (const table of owned) {
      const pk = primary.find((p) => p.table === table);
      expect(pk?.columns[0], `${table} primary key`).toBe('tenant_id');
    }
    expect(foreign.length).toBeGreaterThan(10);
    for (const fk of foreign)
      expect(fk.columns[0], `${fk.table} foreign key (${fk.columns.join(', ')})`).toBe('tenant_id');
  });
});
