/**
 * Demo TPP: the pagu table per kelas jabatan, the component weights and rules of each city, a locked
 * October 2026 run and a draft November 2026 run, computed by the real engine from the seeded positions,
 * activity rollups and attendance.
 *
 * Pagu magnitudes follow the published Perwali tables in shape (geometric in kelas): Surabaya from
 * Rp 2.500.000 (kelas 1) to Rp 40.000.000 (kelas 15); Jambi at 60% of Surabaya. Weights: Surabaya 80% kinerja :
 * 20% disiplin, after its e-Performance practice of weighing individual performance 80%; Jambi the generic
 * 60 : 40 of the Kemendagri guidance. BPJS 1% of bruto; Plt 20% of the acted-in position's TPP.
 */
import { newId } from '../core/ids.ts';
import type { DB, Dialect } from '../db/index.ts';
import type { TppRunTable } from '../db/schema.ts';
import { type AuditOrigin, recordAudit } from '../modules/audit/service.ts';
import { computeRunIn } from '../modules/tpp/service.ts';
import { KELAS } from '../modules/tpp/settings.ts';

/** Rp 2.500.000 × (40/2.5)^((kelas − 1)/14), to the nearest `step` rupiah, scaled by `factor`. */
export function demoPagu(factor: number, step: number): { kelas: number; amount: number }[] {
  const ratio = 16 ** (1 / 14);
  return KELAS.map((kelas) => ({
    kelas,
    amount: Math.round((2_500_000 * factor * ratio ** (kelas - 1)) / step) * step,
  }));
}

export async function seedTpp(trx: DB, dialect: Dialect, c: { tenantId: string; slug: string }) {
  const at = '2026-08-20T02:00:00.000Z';
  const surabaya = c.slug !== 'jambi';
  const pagu = surabaya ? demoPagu(1, 50_000) : demoPagu(0.6, 25_000);
  await trx
    .insertInto('tpp_pagu')
    .values(pagu.map((p) => ({ tenant_id: c.tenantId, kelas: p.kelas, amount: p.amount, updated_at: at })))
    .execute();
  await trx
    .insertInto('tpp_weights')
    .values({
      tenant_id: c.tenantId,
      position_group: 'default',
      kinerja_bp: surabaya ? 8000 : 6000,
      disiplin_bp: surabaya ? 2000 : 4000,
      kinerja_enabled: 1,
      disiplin_enabled: 1,
      updated_at: at,
    })
    .execute();
  await trx
    .insertInto('tpp_rules')
    .values({ tenant_id: c.tenantId, bpjs_bp: 100, bpjs_cap: null, acting_share_bp: 2000, updated_at: at })
    .execute();

  const origin: AuditOrigin = {
    tenantId: c.tenantId,
    userId: null,
    userName: 'system',
    role: 'system',
    requestId: null,
    ip: null,
  };
  const by = 'BKPSDM (data demo)';
  const run = (month: string, created: string): TppRunTable => ({
    tenant_id: c.tenantId,
    id: newId(),
    month,
    status: 'draft',
    employees: 0,
    total_base: 0,
    total_kinerja: 0,
    total_disiplin: 0,
    total_potongan: 0,
    total_bruto: 0,
    total_bpjs: 0,
    total_netto: 0,
    params_json: '{}',
    idempotency_key: null,
    computed_at: null,
    computed_by: null,
    checked_at: null,
    checked_by: null,
    locked_at: null,
    locked_by: null,
    created_at: created,
    created_by: by,
    updated_at: created,
  });
  const results: Record<string, number> = {};
  for (const [month, created, lock] of [
    ['2026-10', '2026-11-09T02:00:00.000Z', true],
    ['2026-11', '2026-12-03T02:00:00.000Z', false],
  ] as const) {
    const row = run(month, created);
    await trx.insertInto('tpp_runs').values(row).execute();
    const { totals } = await computeRunIn(trx, dialect, origin, row, by);
    results[month] = totals.netto;
    if (lock) {
      await trx
        .updateTable('tpp_runs')
        .set({
          status: 'locked',
          checked_at: '2026-11-11T03:00:00.000Z',
          checked_by: by,
          locked_at: '2026-11-12T03:00:00.000Z',
          locked_by: by,
          updated_at: '2026-11-12T03:00:00.000Z',
        })
        .where('tenant_id', '=', c.tenantId)
        .where('id', '=', row.id)
        .execute();
      await recordAudit(trx, dialect, origin, {
        action: 'tpp.run.lock',
        entityType: 'tpp_run',
        entityId: row.id,
        after: { month, status: 'locked', totals },
      });
    }
  }
  return results;
}
