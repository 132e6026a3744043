/**
 * What the evaluation module lends to others: the predikat history block of the performance account and
 * the predikat distribution of the city dashboard (against the curve of a unit rated "Baik", the city's usual
 * expectation). Imported once for its side effect by the routes.
 */
import { t } from '../../core/i18n.ts';
import { registerAccountSection } from '../account/sections.ts';
import { registerDashboardSources } from '../dashboard/sources.ts';
import { predikatHistory } from './account.ts';
import { EVALUATION_KINDS, type Predikat } from './predikat.ts';
import { kindsOfYear, predikatOfEmployees } from './repository.ts';
import { loadCurve } from './units.ts';
import './messages.ts';

registerAccountSection('predikat', async (ctx, subject) => {
  const history = await predikatHistory(ctx.db, subject.tenantId, subject.employeeId);
  if (history.length === 0) return null;
  return {
    items: history.reverse().map((h) => ({
      period: t(ctx.locale, `EVALUATION_KIND_${h.kind}`, { year: h.periodYear }),
      predikat: t(ctx.locale, `PREDIKAT_${h.predikat}`),
      hasilKerja: t(ctx.locale, `RATING_${h.hasil}`),
      perilaku: t(ctx.locale, `RATING_${h.perilaku}`),
      final: h.status === 'final',
    })),
    link: ctx.actor.employeeId === subject.employeeId ? '/penilaian/saya' : null,
  };
});

registerDashboardSources({
  predikat: async (db, tenantId, at) => {
    // the latest evaluation of the year that has been done (annual, else the last quarter), else last year's
    for (const year of [at.year, at.year - 1]) {
      const kinds = new Map((await kindsOfYear(db, tenantId, year)).map((k) => [k.kind, Number(k.n)]));
      const kind = [...EVALUATION_KINDS].reverse().find((k) => (kinds.get(k) ?? 0) > 0);
      if (!kind) continue;
      const rows = await predikatOfEmployees(db, tenantId, year, kind);
      const { table } = await loadCurve(db, tenantId);
      const curve = new Map<
        Predikat,
        { predikat: Predikat; minShare: number | null; maxShare: number | null }
      >();
      for (const rule of table.baik ?? []) {
        if (rule.predikat.length !== 1 || rule.value === undefined) continue;
        const p = rule.predikat[0];
        const entry = curve.get(p) ?? { predikat: p, minShare: null, maxShare: null };
        if (rule.op === 'max_pct') entry.maxShare = rule.value;
        if (rule.op === 'min_pct') entry.minShare = rule.value;
        curve.set(p, entry);
      }
      return {
        year,
        kind,
        byEmployee: rows.map((r) => ({ employeeId: r.employee_id, predikat: r.predikat as Predikat })),
        curve: [...curve.values()],
      };
    }
    return null;
  },
});
