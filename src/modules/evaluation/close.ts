/**
 * Part of the monthly close: fix the predikat of every evaluation of a period that is due, in one set-based
 * UPDATE inside one transaction (35,000 employees in one statement over the period index).
 */
import { PostgresAdapter } from 'kysely';
import { nowIso } from '../../core/time.ts';
import type { DB, Dialect } from '../../db/index.ts';
import { type AuditOrigin, recordAudit } from '../audit/service.ts';
import type { EvaluationKind } from './predikat.ts';
import { loadEvaluationSettings } from './service.ts';

const dialectOf = (db: DB): Dialect =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';

/**
 * Due = acknowledged by the employee, objection decided by the atasan pejabat penilai, or rated and left
 * unanswered longer than the tenant's window (default 14 days, `settings.evaluation.acknowledgeDays`, counted
 * back from `asOf`). Objections still open and evaluations already final are untouched. The run is audited
 * (one entry, by `origin` or the system). Works inside the caller's transaction when given one.
 */
export async function finaliseDue(
  db: DB,
  tenantId: string,
  periodYear: number,
  kind: EvaluationKind,
  opts: { asOf?: Date; origin?: AuditOrigin } = {},
): Promise<{ finalised: number }> {
  const settings = await loadEvaluationSettings(db, tenantId);
  const asOf = opts.asOf ?? new Date();
  const cutoff = new Date(asOf.getTime() - settings.acknowledgeDays * 86_400_000).toISOString();
  const at = nowIso();
  const run = async (trx: DB) => {
    const res = await trx
      .updateTable('evaluations')
      .set({ status: 'final', final_at: at, updated_at: at })
      .where('tenant_id', '=', tenantId)
      .where('period_year', '=', periodYear)
      .where('kind', '=', kind)
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['acknowledged', 'decided']),
          eb.and([eb('status', '=', 'rated'), eb('rated_at', '<=', cutoff)]),
        ]),
      )
      .executeTakeFirst();
    const finalised = Number(res.numUpdatedRows);
    await recordAudit(
      trx,
      dialectOf(db),
      opts.origin ?? {
        tenantId,
        userId: null,
        userName: 'system',
        role: 'system',
        requestId: null,
        ip: null,
      },
      {
        action: 'evaluation.finalise_due',
        entityType: 'evaluation',
        entityId: null,
        after: { periodYear, kind, finalised, cutoff },
      },
    );
    return { finalised };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
