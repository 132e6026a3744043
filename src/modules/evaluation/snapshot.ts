/**
 * What an evaluation is based on, computed from an SKP's plan and its confirmed realisations: per indicator
 * the latest confirmed realisation up to the evaluated quarter and its capaian, per RHK and overall the mean
 * capaian and the guide. Pure: the service and the demo seed both use it.
 */
import { meanCapaian, quarterCapaian } from '../skp/capaian.ts';
import { type EvaluationKind, type GuideThresholds, hasilGuide, quarterOf, type Rating } from './predikat.ts';

interface RhkIn {
  id: string;
  kind: string;
  text: string;
  sort: number;
}
interface IndicatorIn {
  id: string;
  rhk_id: string;
  aspect: string;
  name: string;
  target_value: number | null;
  target_text: string | null;
  unit: string;
  direction: string;
}
interface RealisationIn {
  indicator_id: string;
  quarter: number;
  value: number | null;
  status: string;
}

export interface IndicatorBasis {
  id: string;
  aspect: string;
  name: string;
  targetValue: number | null;
  targetText: string | null;
  unit: string;
  direction: string;
  /** the quarter of the realisation used (the evaluated one, or the latest confirmed before it) */
  quarter: number | null;
  value: number | null;
  capaian: number | null;
}

export interface RhkBasis {
  rhkId: string;
  kind: string;
  text: string;
  capaian: number | null;
  guide: Rating | null;
  indicators: IndicatorBasis[];
}

export interface Basis {
  rhks: RhkBasis[];
  capaian: number | null;
  guide: Rating | null;
}

export function evaluationBasis(
  kind: EvaluationKind,
  rhks: readonly RhkIn[],
  indicators: readonly IndicatorIn[],
  realisations: readonly RealisationIn[],
  guide: GuideThresholds,
): Basis {
  const q = quarterOf(kind);
  const latest = new Map<string, RealisationIn>();
  for (const r of realisations) {
    if (r.status !== 'confirmed' || r.quarter > q) continue;
    const cur = latest.get(r.indicator_id);
    if (!cur || r.quarter > cur.quarter) latest.set(r.indicator_id, r);
  }
  const all: (number | null)[] = [];
  const out = [...rhks]
    .sort((a, b) => a.sort - b.sort)
    .map((rhk) => {
      const own = indicators
        .filter((i) => i.rhk_id === rhk.id)
        .map((i): IndicatorBasis => {
          const r = latest.get(i.id);
          const capaian = r ? quarterCapaian(i, r.value, r.quarter) : null;
          all.push(capaian);
          return {
            id: i.id,
            aspect: i.aspect,
            name: i.name,
            targetValue: i.target_value,
            targetText: i.target_text,
            unit: i.unit,
            direction: i.direction,
            quarter: r?.quarter ?? null,
            value: r?.value ?? null,
            capaian,
          };
        });
      const capaian = meanCapaian(own.map((i) => i.capaian));
      return {
        rhkId: rhk.id,
        kind: rhk.kind,
        text: rhk.text,
        capaian,
        guide: hasilGuide(capaian, guide),
        indicators: own,
      };
    });
  const capaian = meanCapaian(all);
  return { rhks: out, capaian, guide: hasilGuide(capaian, guide) };
}
