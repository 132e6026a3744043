/** What the TPP module lends to the city dashboard: each employee's TPP of the month's run. */
import { registerDashboardSources } from '../dashboard/sources.ts';
import { nettoByEmployee, runAtOrBefore } from './repository.ts';

registerDashboardSources({
  tpp: async (db, tenantId, at) => {
    const run = await runAtOrBefore(db, tenantId, at.month);
    if (!run) return null;
    const lines = await nettoByEmployee(db, tenantId, run.id);
    return {
      month: run.month,
      status: run.status,
      byEmployee: lines.map((l) => ({
        employeeId: l.employee_id,
        netto: Number(l.netto),
        bruto: Number(l.bruto),
      })),
    };
  },
});
