import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activity_catalog')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('output_unit', 'text', (c) => c.notNull())
    .addColumn('standard_minutes', 'integer', (c) => c.notNull())
    .addColumn('position_kinds', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_catalog_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('activity_catalog_code_uq', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('catalog_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('rhk_id', 'text')
    .addColumn('note', 'text')
    .addColumn('evidence_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('original_quantity', 'integer')
    .addColumn('verified_by', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('activities_pk', ['tenant_id', 'id'])
    // The log is the biggest table (≈ 40 million rows a year in a large city): only the employee and the
    // catalog item are enforced. Position and unit record where the employee stood at the time (positions
    // and used units are never deleted), and an RHK may be dropped by a later SKP revision, so rhk_id is a
    // soft reference.
    .addForeignKeyConstraint('activities_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('activities_catalog_fk', ['tenant_id', 'catalog_id'], 'activity_catalog', [
      'tenant_id',
      'id',
    ])
    .execute();
  // Offline replays carry an Idempotency-Key: one entry per (employee, key). Entries without a key are not
  // indexed at all (NULLs never collide anyway, on SQLite and PostgreSQL alike).
  await db.schema
    .createIndex('activities_idempotency_uq')
    .on('activities')
    .columns(['tenant_id', 'employee_id', 'idempotency_key'])
    .unique()
    .where('idempotency_key', 'is not', null)
    .execute();
  await db.schema
    .createIndex('activities_employee_date_ix')
    .on('activities')
    .columns(['tenant_id', 'employee_id', 'date'])
    .execute();
  await db.schema
    .createIndex('activities_status_date_ix')
    .on('activities')
    .columns(['tenant_id', 'status', 'date'])
    .execute();

  await db.schema
    .createTable('work_calendar')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_calendar_pk', ['tenant_id', 'date'])
    .execute();

  await db.schema
    .createTable('employee_leave')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('employee_leave_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('employee_leave_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('employee_leave_employee_ix')
    .on('employee_leave')
    .columns(['tenant_id', 'employee_id', 'start_date'])
    .execute();
  await db.schema
    .createIndex('employee_leave_dates_ix')
    .on('employee_leave')
    .columns(['tenant_id', 'start_date', 'end_date'])
    .execute();

  // Rollups: derived from `activities`, kept in step by every write in the same transaction.
  await db.schema
    .createTable('rollup_person_day')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('minutes_logged', 'integer', (c) => c.notNull())
    .addColumn('minutes_approved', 'integer', (c) => c.notNull())
    .addColumn('minutes_pending', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_person_day_pk', ['tenant_id', 'employee_id', 'date'])
    .execute();

  await db.schema
    .createTable('rollup_person_month')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('minutes_logged', 'integer', (c) => c.notNull())
    .addColumn('minutes_approved', 'integer', (c) => c.notNull())
    .addColumn('minutes_pending', 'integer', (c) => c.notNull())
    .addColumn('minutes_rejected', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_person_month_pk', ['tenant_id', 'employee_id', 'month'])
    .execute();
  await db.schema
    .createIndex('rollup_person_month_month_ix')
    .on('rollup_person_month')
    .columns(['tenant_id', 'month'])
    .execute();

  for (const [table, key] of [
    ['rollup_unit_month', 'unit_id'],
    ['rollup_opd_month', 'opd_id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn(key, 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('entries', 'integer', (c) => c.notNull())
      .addColumn('minutes_approved', 'integer', (c) => c.notNull())
      .addColumn('minutes_pending', 'integer', (c) => c.notNull())
      .addColumn('people', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['tenant_id', key, 'month'])
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'rollup_opd_month',
    'rollup_unit_month',
    'rollup_person_month',
    'rollup_person_day',
    'employee_leave',
    'work_calendar',
    'activities',
    'activity_catalog',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
