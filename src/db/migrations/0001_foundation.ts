import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('units_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('units_code_uq', ['tenant_id', 'code'])
    .addForeignKeyConstraint('units_parent_fk', ['tenant_id', 'parent_id'], 'units', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('units_parent_ix').on('units').columns(['tenant_id', 'parent_id']).execute();
  await db.schema.createIndex('units_path_ix').on('units').columns(['tenant_id', 'path']).execute();

  await db.schema
    .createTable('positions')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('kelas', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('parent_position_id', 'text')
    .addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('competencies', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('positions_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('positions_code_uq', ['tenant_id', 'code'])
    .addForeignKeyConstraint('positions_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'id'])
    .addForeignKeyConstraint('positions_parent_fk', ['tenant_id', 'parent_position_id'], 'positions', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('positions_unit_ix')
    .on('positions')
    .columns(['tenant_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('positions_parent_ix')
    .on('positions')
    .columns(['tenant_id', 'parent_position_id'])
    .execute();

  await db.schema
    .createTable('employees')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('nip', 'text', (c) => c.notNull())
    .addColumn('asn_type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('tmt', 'text', (c) => c.notNull())
    .addColumn('golongan', 'text')
    .addColumn('education', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('position_id', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('employees_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('employees_nip_uq', ['tenant_id', 'nip'])
    .addForeignKeyConstraint('employees_position_fk', ['tenant_id', 'position_id'], 'positions', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('employees_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('employees_position_ix')
    .on('employees')
    .columns(['tenant_id', 'position_id'])
    .execute();
  await db.schema
    .createIndex('employees_unit_ix')
    .on('employees')
    .columns(['tenant_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('employees_name_ix').on('employees').columns(['tenant_id', 'name']).execute();

  await db.schema
    .createTable('position_history')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('position_history_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('position_history_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('position_history_position_fk', ['tenant_id', 'position_id'], 'positions', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('position_history_unit_fk', ['tenant_id', 'unit_id'], 'units', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('position_history_employee_ix')
    .on('position_history')
    .columns(['tenant_id', 'employee_id'])
    .execute();

  await db.schema
    .createTable('acting_assignments')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('acting_assignments_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('acting_position_fk', ['tenant_id', 'position_id'], 'positions', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('acting_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('acting_position_ix')
    .on('acting_assignments')
    .columns(['tenant_id', 'position_id'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('users_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('users_username_uq', ['tenant_id', 'username'])
    .addForeignKeyConstraint('users_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addPrimaryKeyConstraint('user_roles_pk', ['tenant_id', 'user_id', 'role'])
    .addForeignKeyConstraint('user_roles_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .addForeignKeyConstraint('user_roles_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addPrimaryKeyConstraint('sessions_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('sessions_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_heads_pk', ['tenant_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['tenant_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_log_entity_ix')
    .on('audit_log')
    .columns(['tenant_id', 'entity_id'])
    .execute();
  await db.schema.createIndex('audit_log_at_ix').on('audit_log').columns(['tenant_id', 'at']).execute();

  await db.schema
    .createTable('import_jobs')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .addColumn('failure', 'text')
    .addPrimaryKeyConstraint('import_jobs_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('import_jobs_user_fk', ['tenant_id', 'created_by'], 'users', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rows_pk', ['tenant_id', 'job_id', 'row_no'])
    .addForeignKeyConstraint('import_rows_job_fk', ['tenant_id', 'job_id'], 'import_jobs', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('import_errors')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_errors_pk', ['tenant_id', 'job_id', 'seq'])
    .addForeignKeyConstraint('import_errors_job_fk', ['tenant_id', 'job_id'], 'import_jobs', [
      'tenant_id',
      'id',
    ])
    .execute();

  // Append-only audit log: the database itself refuses UPDATE and DELETE.
  const dialect = (db.getExecutor().adapter.constructor.name || '').toLowerCase();
  if (dialect.includes('sqlite')) {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(
      db,
    );
  } else {
    await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(
      db,
    );
    await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'import_errors',
    'import_rows',
    'import_jobs',
    'audit_log',
    'audit_heads',
    'sessions',
    'user_roles',
    'users',
    'acting_assignments',
    'position_history',
    'employees',
    'positions',
    'units',
    'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
