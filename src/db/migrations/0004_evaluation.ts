import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  // One evaluation per SKP and kind (q1…q4, annual). `unit_id` is the unit whose distribution curve the
  // evaluation counts in: the SKP's unit, or for the leader of a unit the unit above (a leader is part of
  // the staff of the unit their atasan leads).
  await db.schema
    .createTable('evaluations')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('skp_id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period_year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evaluator_employee_id', 'text')
    .addColumn('evaluator_name', 'text', (c) => c.notNull())
    .addColumn('evaluator_acting', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('capaian', 'double precision')
    .addColumn('hasil', 'text', (c) => c.notNull())
    .addColumn('hasil_guide', 'text')
    .addColumn('hasil_reason', 'text')
    .addColumn('perilaku', 'text', (c) => c.notNull())
    .addColumn('perilaku_guide', 'text')
    .addColumn('perilaku_mean', 'double precision')
    .addColumn('perilaku_reason', 'text')
    .addColumn('rhk_json', 'text', (c) => c.notNull())
    .addColumn('behaviours_json', 'text', (c) => c.notNull())
    .addColumn('feedback', 'text')
    .addColumn('approved_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('effective_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matrix_predikat', 'text', (c) => c.notNull())
    .addColumn('predikat', 'text', (c) => c.notNull())
    .addColumn('calibration_reason', 'text')
    .addColumn('calibrated_by', 'text')
    .addColumn('calibrated_at', 'text')
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('objection_reason', 'text')
    .addColumn('objected_at', 'text')
    .addColumn('reviewer_employee_id', 'text')
    .addColumn('reviewer_name', 'text')
    .addColumn('decision', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('final_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluations_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('evaluations_skp_kind_uq', ['tenant_id', 'skp_id', 'kind'])
    .addForeignKeyConstraint('evaluations_skp_fk', ['tenant_id', 'skp_id'], 'skps', ['tenant_id', 'id'])
    .addForeignKeyConstraint('evaluations_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('evaluations_unit_fk', ['tenant_id', 'unit_id'], 'units', ['tenant_id', 'id'])
    .execute();
  // the monthly close and the city distribution: by period and status
  await db.schema
    .createIndex('evaluations_period_ix')
    .on('evaluations')
    .columns(['tenant_id', 'period_year', 'kind', 'status'])
    .execute();
  // the predikat distribution of a period (city, and per curve unit) is read from this index alone
  await db.schema
    .createIndex('evaluations_predikat_ix')
    .on('evaluations')
    .columns(['tenant_id', 'period_year', 'kind', 'predikat', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('evaluations_unit_ix')
    .on('evaluations')
    .columns(['tenant_id', 'unit_id', 'period_year', 'kind'])
    .execute();
  await db.schema
    .createIndex('evaluations_employee_ix')
    .on('evaluations')
    .columns(['tenant_id', 'employee_id', 'period_year'])
    .execute();
  await db.schema
    .createIndex('evaluations_reviewer_ix')
    .on('evaluations')
    .columns(['tenant_id', 'reviewer_employee_id', 'status'])
    .execute();

  // The organisational predikat of a unit per period: set by BKPSDM, or following the hasil kerja rating of
  // the unit's leader (source 'leader').
  await db.schema
    .createTable('evaluation_unit_predikat')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period_year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('predikat', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_unit_predikat_pk', ['tenant_id', 'unit_id', 'period_year', 'kind'])
    .addForeignKeyConstraint('evaluation_unit_predikat_unit_fk', ['tenant_id', 'unit_id'], 'units', [
      'tenant_id',
      'id',
    ])
    .execute();

  // The tenant's distribution curve: the rules per organisational predikat (JSON list of rules).
  await db.schema
    .createTable('evaluation_curves')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('unit_predikat', 'text', (c) => c.notNull())
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_curves_pk', ['tenant_id', 'unit_predikat'])
    .execute();

  // A unit's evaluations of one period, finalised (locked), with the distribution and deviations then.
  await db.schema
    .createTable('evaluation_finalisations')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period_year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_predikat', 'text', (c) => c.notNull())
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('deviations_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('finalised_by', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_finalisations_pk', ['tenant_id', 'unit_id', 'period_year', 'kind'])
    .addForeignKeyConstraint('evaluation_finalisations_unit_fk', ['tenant_id', 'unit_id'], 'units', [
      'tenant_id',
      'id',
    ])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'evaluation_finalisations',
    'evaluation_curves',
    'evaluation_unit_predikat',
    'evaluations',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
