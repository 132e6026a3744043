import type { Kysely } from 'kysely';

/**
 * TPP (tambahan penghasilan pegawai): the city's pagu per kelas jabatan, the component weights per position
 * group, the other rules (BPJS, Plt share), and the monthly runs with one line per employee. Money is integer
 * rupiah in `bigint` columns (a city's monthly total passes 2^31); shares are basis points (100% = 10000).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tpp_pagu')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('kelas', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tpp_pagu_pk', ['tenant_id', 'kelas'])
    .execute();

  await db.schema
    .createTable('tpp_weights')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    // 'default' or a position kind (jpt, administrator, pengawas, fungsional, pelaksana)
    .addColumn('position_group', 'text', (c) => c.notNull())
    .addColumn('kinerja_bp', 'integer', (c) => c.notNull())
    .addColumn('disiplin_bp', 'integer', (c) => c.notNull())
    .addColumn('kinerja_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('disiplin_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tpp_weights_pk', ['tenant_id', 'position_group'])
    .execute();

  await db.schema
    .createTable('tpp_rules')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('bpjs_bp', 'integer', (c) => c.notNull())
    .addColumn('bpjs_cap', 'bigint')
    .addColumn('acting_share_bp', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tpp_rules_pk', ['tenant_id'])
    .execute();

  await db.schema
    .createTable('tpp_runs')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('employees', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_base', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_kinerja', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_disiplin', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_potongan', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_bruto', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_bpjs', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_netto', 'bigint', (c) => c.notNull().defaultTo(0))
    // the pagu table, weights and rules the figures were computed with
    .addColumn('params_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('idempotency_key', 'text')
    .addColumn('computed_at', 'text')
    .addColumn('computed_by', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('checked_by', 'text')
    .addColumn('locked_at', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tpp_runs_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('tpp_runs_month_uq', ['tenant_id', 'month'])
    .execute();

  await db.schema
    .createTable('tpp_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    // what the payroll list prints, as it was when computed
    .addColumn('opd_id', 'text', (c) => c.notNull())
    .addColumn('opd_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull())
    .addColumn('nip', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position_name', 'text', (c) => c.notNull())
    .addColumn('kelas', 'integer', (c) => c.notNull())
    .addColumn('position_group', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('base', 'bigint', (c) => c.notNull())
    .addColumn('own_base', 'bigint', (c) => c.notNull())
    .addColumn('acting_base', 'bigint', (c) => c.notNull())
    .addColumn('approved_minutes', 'integer', (c) => c.notNull())
    .addColumn('pending_minutes', 'integer', (c) => c.notNull())
    .addColumn('effective_minutes', 'integer', (c) => c.notNull())
    .addColumn('shortfall_minutes', 'integer', (c) => c.notNull())
    .addColumn('performance_bp', 'integer', (c) => c.notNull())
    .addColumn('deduction_bp', 'integer', (c) => c.notNull())
    .addColumn('kinerja_weight_bp', 'integer', (c) => c.notNull())
    .addColumn('disiplin_weight_bp', 'integer', (c) => c.notNull())
    .addColumn('komponen_kinerja', 'bigint', (c) => c.notNull())
    .addColumn('disiplin_max', 'bigint', (c) => c.notNull())
    .addColumn('komponen_disiplin', 'bigint', (c) => c.notNull())
    .addColumn('potongan', 'bigint', (c) => c.notNull())
    .addColumn('bruto', 'bigint', (c) => c.notNull())
    .addColumn('bpjs', 'bigint', (c) => c.notNull())
    .addColumn('netto', 'bigint', (c) => c.notNull())
    // segments, Plt share, deduction lines with dates, exact values before rounding
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tpp_lines_pk', ['tenant_id', 'run_id', 'employee_id'])
    .addForeignKeyConstraint('tpp_lines_run_fk', ['tenant_id', 'run_id'], 'tpp_runs', ['tenant_id', 'id'])
    .addForeignKeyConstraint('tpp_lines_employee_fk', ['tenant_id', 'employee_id'], 'employees', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('tpp_lines_opd_ix')
    .on('tpp_lines')
    .columns(['tenant_id', 'run_id', 'opd_id'])
    .execute();
  await db.schema
    .createIndex('tpp_lines_employee_ix')
    .on('tpp_lines')
    .columns(['tenant_id', 'employee_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['tpp_lines', 'tpp_runs', 'tpp_rules', 'tpp_weights', 'tpp_pagu']) {
    await db.schema.dropTable(t).execute();
  }
}
