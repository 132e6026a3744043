import { type Kysely, sql } from 'kysely';

/**
 * The overlap rule reads an employee's timed entries of a day; most entries have no time, so a partial index
 * over the timed ones answers it without walking the whole day.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('activities_timed_ix')
    .on('activities')
    .columns(['tenant_id', 'employee_id', 'date'])
    .where(sql.ref('start_time'), 'is not', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('activities_timed_ix').execute();
}
