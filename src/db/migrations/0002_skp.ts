import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('periods')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('periods_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('periods_year_uq', ['tenant_id', 'year'])
    .execute();

  await db.schema
    .createTable('city_goals')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('city_goals_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('city_goals_code_uq', ['tenant_id', 'period_id', 'code'])
    .addForeignKeyConstraint('city_goals_period_fk', ['tenant_id', 'period_id'], 'periods', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('goal_indicators')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('target_value', 'real')
    .addColumn('target_text', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('goal_indicators_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('goal_indicators_goal_fk', ['tenant_id', 'goal_id'], 'city_goals', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('skps')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('return_reason', 'text')
    .addColumn('header_json', 'text')
    .addColumn('approved_by_employee_id', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('skps_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('skps_owner_uq', ['tenant_id', 'period_id', 'employee_id', 'position_id'])
    .addForeignKeyConstraint('skps_period_fk', ['tenant_id', 'period_id'], 'periods', ['tenant_id', 'id'])
    .addForeignKeyConstraint('skps_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('skps_position_fk', ['tenant_id', 'position_id'], 'positions', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('skps_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('skps_position_ix')
    .on('skps')
    .columns(['tenant_id', 'period_id', 'position_id'])
    .execute();
  await db.schema.createIndex('skps_employee_ix').on('skps').columns(['tenant_id', 'employee_id']).execute();

  await db.schema
    .createTable('rhks')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('skp_id', 'text', (c) => c.notNull())
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('parent_rhk_id', 'text')
    .addColumn('goal_id', 'text')
    .addColumn('perspective', 'text')
    .addPrimaryKeyConstraint('rhks_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('rhks_skp_fk', ['tenant_id', 'skp_id'], 'skps', ['tenant_id', 'id'])
    .addForeignKeyConstraint('rhks_parent_fk', ['tenant_id', 'parent_rhk_id'], 'rhks', ['tenant_id', 'id'])
    .addForeignKeyConstraint('rhks_goal_fk', ['tenant_id', 'goal_id'], 'city_goals', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('rhks_skp_ix').on('rhks').columns(['tenant_id', 'skp_id']).execute();
  await db.schema.createIndex('rhks_parent_ix').on('rhks').columns(['tenant_id', 'parent_rhk_id']).execute();
  await db.schema.createIndex('rhks_goal_ix').on('rhks').columns(['tenant_id', 'goal_id']).execute();

  await db.schema
    .createTable('rhk_indicators')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('rhk_id', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('aspect', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('target_value', 'real')
    .addColumn('target_text', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rhk_indicators_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('rhk_indicators_rhk_fk', ['tenant_id', 'rhk_id'], 'rhks', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('rhk_indicators_rhk_ix')
    .on('rhk_indicators')
    .columns(['tenant_id', 'rhk_id'])
    .execute();

  await db.schema
    .createTable('skp_behaviours')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('skp_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('expectation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('skp_behaviours_pk', ['tenant_id', 'skp_id', 'code'])
    .addForeignKeyConstraint('skp_behaviours_skp_fk', ['tenant_id', 'skp_id'], 'skps', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('skp_events')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('skp_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_employee_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('skp_events_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('skp_events_skp_fk', ['tenant_id', 'skp_id'], 'skps', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('skp_events_skp_ix')
    .on('skp_events')
    .columns(['tenant_id', 'skp_id'])
    .execute();

  await db.schema
    .createTable('files')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('sha', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('files_pk', ['tenant_id', 'sha'])
    .execute();

  await db.schema
    .createTable('realisations')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('skp_id', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull())
    .addColumn('value', 'real')
    .addColumn('note', 'text')
    .addColumn('evidence_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('realisations_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('realisations_uq', ['tenant_id', 'indicator_id', 'quarter'])
    .addForeignKeyConstraint('realisations_skp_fk', ['tenant_id', 'skp_id'], 'skps', ['tenant_id', 'id'])
    .addForeignKeyConstraint('realisations_indicator_fk', ['tenant_id', 'indicator_id'], 'rhk_indicators', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('realisations_skp_ix')
    .on('realisations')
    .columns(['tenant_id', 'skp_id'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addPrimaryKeyConstraint('notifications_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('notifications_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('notifications_employee_ix')
    .on('notifications')
    .columns(['tenant_id', 'employee_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'notifications',
    'realisations',
    'files',
    'skp_events',
    'skp_behaviours',
    'rhk_indicators',
    'rhks',
    'skps',
    'goal_indicators',
    'city_goals',
    'periods',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
