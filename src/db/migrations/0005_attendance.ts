import type { Kysely } from 'kysely';

/**
 * Attendance (DESIGN §2.5): one row per employee-day from the city's attendance system, the tenant's work
 * schedules and deduction table, and disciplinary sanctions (hukuman disiplin). Holidays, cuti bersama and
 * leave live in `work_calendar` and `employee_leave` (0003).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance_days')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    // minutes after midnight (local time of the tenant); null = no tap recorded
    .addColumn('check_in_min', 'integer')
    .addColumn('check_out_min', 'integer')
    // morning ceremony: 1 attended, 0 missed, null = no ceremony that day / not recorded
    .addColumn('apel', 'integer')
    // 1 when the day can carry a deduction under the schedule in force (a tap missing, apel missed, late
    // or early); kept in step by every write and by schedule changes, so the month's deductions read only
    // these rows
    .addColumn('deviation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_days_pk', ['tenant_id', 'employee_id', 'date'])
    .addForeignKeyConstraint('attendance_days_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('attendance_days_date_ix')
    .on('attendance_days')
    .columns(['tenant_id', 'date'])
    .execute();

  // Rollup per employee-month, maintained with every write: bit d−1 of day_mask is set when day d has a
  // row, of tap_mask when it has a check-in or check-out; `deviations` lists the deviating days as
  // `DD:in:out:apel;…`. A city month (35,000 × 22 rows) is judged from these 35,000 rows alone.
  await db.schema
    .createTable('attendance_months')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('day_mask', 'integer', (c) => c.notNull())
    .addColumn('tap_mask', 'integer', (c) => c.notNull())
    .addColumn('deviations', 'text', (c) => c.notNull())
    .addColumn('last_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_months_pk', ['tenant_id', 'employee_id', 'month'])
    .addForeignKeyConstraint('attendance_months_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('attendance_months_month_ix')
    .on('attendance_months')
    .columns(['tenant_id', 'month'])
    .execute();

  await db.schema
    .createTable('attendance_schedules')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    // JSON: 7 entries, ISO weekday 1 (Monday) … 7 (Sunday): {"start": minutes, "end": minutes} or null
    .addColumn('days', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_schedules_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('attendance_schedules_from_uq', ['tenant_id', 'valid_from'])
    .execute();

  await db.schema
    .createTable('attendance_deduction_rules')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('min_minutes', 'integer')
    .addColumn('max_minutes', 'integer')
    .addColumn('basis_points', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_deduction_rules_pk', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('disciplinary_sanctions')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('start_month', 'text', (c) => c.notNull())
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('basis_points', 'integer', (c) => c.notNull())
    .addColumn('decree', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('disciplinary_sanctions_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint(
      'disciplinary_sanctions_employee_fk',
      ['tenant_id', 'employee_id'],
      'employees',
      ['tenant_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('disciplinary_sanctions_employee_ix')
    .on('disciplinary_sanctions')
    .columns(['tenant_id', 'employee_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'disciplinary_sanctions',
    'attendance_deduction_rules',
    'attendance_schedules',
    'attendance_months',
    'attendance_days',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
