/**
 * The TPP rules of one city: pagu per kelas jabatan, component weights per position group and the rest
 * (BPJS, Plt share). Stored in tpp_pagu / tpp_weights / tpp_rules; a city that has not set them up yet gets
 * the defaults below (pagu 0, so nobody is paid by accident; generic 60/40 weights; BPJS 1%; Plt 20%).
 */
import type { DB } from '../../db/index.ts';
import { effectiveWeights, type Rules, type WeightSetting } from './compute.ts';
import * as repo from './repository.ts';

export const KELAS = Array.from({ length: 17 }, (_, i) => i + 1);
export const GROUPS = ['default', 'jpt', 'administrator', 'pengawas', 'fungsional', 'pelaksana'] as const;
export type Group = (typeof GROUPS)[number];

export const DEFAULT_WEIGHTS: WeightSetting = {
  kinerjaBp: 6000,
  disiplinBp: 4000,
  kinerjaEnabled: true,
  disiplinEnabled: true,
};
export const DEFAULT_RULES: Rules = { bpjsBp: 100, bpjsCap: null, actingShareBp: 2000 };

export interface TppSettings {
  pagu: Map<number, number>;
  /** stored groups; a position kind without its own row uses 'default' */
  weights: Map<string, WeightSetting>;
  rules: Rules;
  configured: boolean;
}

export async function loadTppSettings(db: DB, tenantId: string): Promise<TppSettings> {
  const [pagu, weights, rules] = await Promise.all([
    repo.paguRows(db, tenantId),
    repo.weightRows(db, tenantId),
    repo.ruleRow(db, tenantId),
  ]);
  const w = new Map<string, WeightSetting>(
    weights.map((r) => [
      r.position_group,
      {
        kinerjaBp: r.kinerja_bp,
        disiplinBp: r.disiplin_bp,
        kinerjaEnabled: r.kinerja_enabled === 1,
        disiplinEnabled: r.disiplin_enabled === 1,
      },
    ]),
  );
  if (!w.has('default')) w.set('default', DEFAULT_WEIGHTS);
  return {
    pagu: new Map(pagu.map((p) => [p.kelas, Number(p.amount)])),
    weights: w,
    rules: rules
      ? {
          bpjsBp: rules.bpjs_bp,
          bpjsCap: rules.bpjs_cap === null ? null : Number(rules.bpjs_cap),
          actingShareBp: rules.acting_share_bp,
        }
      : DEFAULT_RULES,
    configured: pagu.length > 0,
  };
}

/** The weight row that applies to a position kind, and its renormalised shares. */
export function weightsFor(s: TppSettings, kind: string) {
  const group = s.weights.has(kind) ? kind : 'default';
  const setting = s.weights.get(group) ?? DEFAULT_WEIGHTS;
  return { group, setting, effective: effectiveWeights(setting) };
}

/** What a run records as the parameters it used (shown with the run, kept with a locked month). */
export function paramsSnapshot(s: TppSettings) {
  return {
    pagu: [...s.pagu.entries()].sort((a, b) => a[0] - b[0]).map(([kelas, amount]) => ({ kelas, amount })),
    weights: [...s.weights.entries()].map(([group, w]) => ({ group, ...w, effective: effectiveWeights(w) })),
    rules: s.rules,
  };
}
