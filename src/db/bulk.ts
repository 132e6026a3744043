/**
 * Multi-row inserts and additive upserts for the hot write paths, as SQL text kept per shape.
 *
 * Kysely builds an operation tree for every value of a multi-row insert and compiles it anew each time; for
 * the activity log's group commit (a few hundred values per statement, several statements per group) that
 * was a tenth of the app's CPU. The statements here are plain: the same text for the same table, columns and
 * row count, the values bound as parameters (`?` on SQLite, `$n` on PostgreSQL).
 */
import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { DB } from './index.ts';

const texts = new Map<string, string>();
const MAX_TEXTS = 500;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface Upsert {
  /** the unique key the rows collide on */
  conflict: readonly string[];
  /** columns added to the existing row's value on a collision (`t.c = t.c + excluded.c`) */
  add: readonly string[];
  /** columns of the inserted or updated rows to return */
  returning?: readonly string[];
}

/**
 * `insert into table (columns) values (...), (...)`, optionally `on conflict (...) do update set` adding the
 * `add` columns. Every row must have the same keys (a missing or undefined value is bound as NULL).
 */
export function bulkInsert(db: DB, table: string, rows: readonly object[], upsert?: Upsert): CompiledQuery {
  const columns = Object.keys(rows[0]);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const shape = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows.length}|${upsert?.conflict.join(',') ?? ''}|${upsert?.add.join(',') ?? ''}|${upsert?.returning?.join(',') ?? ''}`;
  let text = texts.get(shape);
  if (!text) {
    text = insertText(table, columns, rows.length, postgres, upsert);
    if (texts.size >= MAX_TEXTS) texts.delete(texts.keys().next().value as string);
    texts.set(shape, text);
  }
  const parameters: unknown[] = new Array(columns.length * rows.length);
  let i = 0;
  for (const row of rows)
    for (const column of columns) {
      const value = (row as Record<string, unknown>)[column];
      parameters[i++] = value === undefined ? null : value;
    }
  return CompiledQuery.raw(text, parameters);
}

function insertText(
  table: string,
  columns: string[],
  rowCount: number,
  postgres: boolean,
  upsert: Upsert | undefined,
): string {
  let n = 0;
  const placeholder = postgres ? () => `$${++n}` : () => '?';
  const tuples: string[] = [];
  for (let r = 0; r < rowCount; r++) tuples.push(`(${columns.map(placeholder).join(', ')})`);
  let text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`;
  if (upsert)
    text += ` on conflict (${upsert.conflict.map(quote).join(', ')}) do update set ${upsert.add
      .map((c) => `${quote(c)} = ${quote(table)}.${quote(c)} + excluded.${quote(c)}`)
      .join(', ')}`;
  if (upsert?.returning) text += ` returning ${upsert.returning.map(quote).join(', ')}`;
  return text;
}
