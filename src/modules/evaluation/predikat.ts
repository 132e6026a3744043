/**
 * The pure rules of the evaluation (DESIGN §2.4, PermenPANRB 6/2022): the guide from capaian and from the
 * seven BerAKHLAK values, the predikat matrix, the organisational predikat of a unit, and the distribution
 * curve check. No database here: the service, the seed, the monthly close and the tests share these.
 */

export const RATINGS = ['di_atas', 'sesuai', 'di_bawah'] as const;
export type Rating = (typeof RATINGS)[number];

/** Employee predikat, best first. "Kurang/Misconduct" of the matrix is `kurang`. */
export const PREDIKATS = ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] as const;
export type Predikat = (typeof PREDIKATS)[number];

/** Organisational predikat of a unit, best first. */
export const UNIT_PREDIKATS = ['istimewa', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] as const;
export type UnitPredikat = (typeof UNIT_PREDIKATS)[number];

export const EVALUATION_KINDS = ['q1', 'q2', 'q3', 'q4', 'annual'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/**
 * Predikat from the two ratings (rows hasil kerja, columns perilaku):
 *
 * | hasil \ perilaku | di atas         | sesuai          | di bawah      |
 * |------------------|-----------------|-----------------|---------------|
 * | di atas          | sangat_baik     | baik            | kurang        |
 * | sesuai           | baik            | baik            | kurang        |
 * | di bawah         | butuh_perbaikan | butuh_perbaikan | sangat_kurang |
 */
const MATRIX: Record<Rating, Record<Rating, Predikat>> = {
  di_atas: { di_atas: 'sangat_baik', sesuai: 'baik', di_bawah: 'kurang' },
  sesuai: { di_atas: 'baik', sesuai: 'baik', di_bawah: 'kurang' },
  di_bawah: { di_atas: 'butuh_perbaikan', sesuai: 'butuh_perbaikan', di_bawah: 'sangat_kurang' },
};

export function predikatOf(hasil: Rating, perilaku: Rating): Predikat {
  return MATRIX[hasil][perilaku];
}

export interface GuideThresholds {
  /** capaian at or above this (percent) suggests di atas ekspektasi */
  above: number;
  /** capaian below this (percent) suggests di bawah ekspektasi */
  below: number;
}
export const DEFAULT_GUIDE: GuideThresholds = { above: 110, below: 90 };

/** Hasil kerja guide from capaian (percent): ≥ 110 di atas, 90–110 sesuai, < 90 di bawah. Null without capaian. */
export function hasilGuide(capaianPct: number | null, t: GuideThresholds = DEFAULT_GUIDE): Rating | null {
  if (capaianPct === null || !Number.isFinite(capaianPct)) return null;
  if (capaianPct >= t.above) return 'di_atas';
  if (capaianPct < t.below) return 'di_bawah';
  return 'sesuai';
}

export const RATING_SCORE: Record<Rating, number> = { di_bawah: 1, sesuai: 2, di_atas: 3 };

/** Mean of the value ratings (1 = di bawah, 2 = sesuai, 3 = di atas), or null when there are none. */
export function perilakuMean(values: readonly Rating[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + RATING_SCORE[v], 0) / values.length;
}

/**
 * Perilaku guide from the ratings of the seven values: mean < 1.5 di bawah, 1.5–2.5 sesuai, > 2.5 di atas.
 * Null when no value is rated.
 */
export function perilakuGuide(values: readonly Rating[]): Rating | null {
  if (values.length === 0) return null;
  // compare sums, not a rounded mean: exact at the 1.5 and 2.5 boundaries
  const sum = values.reduce((s, v) => s + RATING_SCORE[v], 0);
  const n = values.length;
  if (2 * sum < 3 * n) return 'di_bawah';
  if (2 * sum > 5 * n) return 'di_atas';
  return 'sesuai';
}

/** The unit's organisational predikat that follows its leader's hasil kerja rating. */
export function unitPredikatForRating(hasil: Rating): UnitPredikat {
  return hasil === 'di_atas' ? 'istimewa' : hasil === 'sesuai' ? 'baik' : 'butuh_perbaikan';
}

/** The hasil kerja rating class of an organisational predikat (istimewa → di atas, baik → sesuai, else di bawah). */
export function ratingOfUnitPredikat(p: UnitPredikat): Rating {
  return p === 'istimewa' ? 'di_atas' : p === 'baik' ? 'sesuai' : 'di_bawah';
}

// ---------------- distribution curve ----------------

/**
 * One rule on a unit's staff distribution. Percentages compare exactly (count × 100 against pct × total), so
 * "at most 70%" passes at exactly 70% and "at least 60%" passes at exactly 60%.
 * - `largest`: the (single) predikat has at least as many people as every other predikat
 * - `max_pct` / `min_pct`: the share of the listed predikat together
 * - `max_count` / `min_count`: the number of people with the listed predikat together
 */
export interface CurveRule {
  op: 'largest' | 'max_pct' | 'min_pct' | 'max_count' | 'min_count';
  predikat: Predikat[];
  value?: number;
}
export type CurveTable = Record<UnitPredikat, CurveRule[]>;

/** DESIGN §2.4 default curve (tenant-configurable). */
export const DEFAULT_CURVE: CurveTable = {
  istimewa: [
    { op: 'largest', predikat: ['sangat_baik'] },
    { op: 'max_pct', predikat: ['sangat_baik'], value: 70 },
  ],
  baik: [
    { op: 'largest', predikat: ['baik'] },
    { op: 'max_pct', predikat: ['baik'], value: 70 },
    { op: 'min_count', predikat: ['butuh_perbaikan', 'kurang'], value: 1 },
  ],
  butuh_perbaikan: [
    { op: 'max_pct', predikat: ['sangat_baik'], value: 10 },
    { op: 'min_pct', predikat: ['butuh_perbaikan'], value: 60 },
  ],
  kurang: [
    { op: 'max_pct', predikat: ['sangat_baik'], value: 10 },
    { op: 'min_pct', predikat: ['butuh_perbaikan'], value: 10 },
    { op: 'min_pct', predikat: ['kurang'], value: 60 },
  ],
  sangat_kurang: [
    { op: 'max_count', predikat: ['sangat_baik'], value: 0 },
    { op: 'min_pct', predikat: ['butuh_perbaikan', 'kurang'], value: 10 },
    { op: 'min_pct', predikat: ['sangat_kurang'], value: 60 },
  ],
};

export type PredikatCounts = Record<Predikat, number>;

export const emptyCounts = (): PredikatCounts => ({
  sangat_baik: 0,
  baik: 0,
  butuh_perbaikan: 0,
  kurang: 0,
  sangat_kurang: 0,
});

export interface CurveDeviation {
  rule: CurveRule;
  /** people with the rule's predikat together */
  count: number;
  total: number;
  /** their share in percent, one decimal */
  pct: number;
}

/**
 * The rules of `unitPredikat`'s curve that the distribution breaks (empty = it fits). A unit with nobody
 * rated breaks nothing: there is no distribution to check yet.
 */
export function checkCurve(
  unitPredikat: UnitPredikat,
  counts: Partial<PredikatCounts>,
  curveTable: CurveTable = DEFAULT_CURVE,
): CurveDeviation[] {
  const c = { ...emptyCounts(), ...counts };
  const total = PREDIKATS.reduce((s, p) => s + (c[p] ?? 0), 0);
  if (total === 0) return [];
  const deviations: CurveDeviation[] = [];
  for (const rule of curveTable[unitPredikat] ?? []) {
    const count = rule.predikat.reduce((s, p) => s + (c[p] ?? 0), 0);
    const value = rule.value ?? 0;
    let ok: boolean;
    switch (rule.op) {
      case 'largest':
        ok = PREDIKATS.every((p) => rule.predikat.includes(p) || c[p] <= count);
        break;
      case 'max_pct':
        ok = count * 100 <= value * total;
        break;
      case 'min_pct':
        ok = count * 100 >= value * total;
        break;
      case 'max_count':
        ok = count <= value;
        break;
      case 'min_count':
        ok = count >= value;
        break;
    }
    if (!ok) deviations.push({ rule, count, total, pct: Math.round((count * 1000) / total) / 10 });
  }
  return deviations;
}

// ---------------- periods ----------------

/** Months (YYYY-MM) an evaluation covers: the quarter's three, or the whole year. */
export function monthsOf(year: number, kind: EvaluationKind): string[] {
  const [from, to] = kind === 'annual' ? [1, 12] : [(Number(kind[1]) - 1) * 3 + 1, Number(kind[1]) * 3];
  return Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);
}

/**
 * The first day on which an evaluation may be given: a quarter from its own first day (the atasan rates the
 * quarter as it stands, with the realisation confirmed so far), the annual evaluation from 1 December.
 */
export function opensOn(year: number, kind: EvaluationKind): string {
  if (kind === 'annual') return `${year}-12-01`;
  const month = (Number(kind[1]) - 1) * 3 + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** The quarter whose realisation an evaluation reads (the annual one reads the fourth, cumulative). */
export const quarterOf = (kind: EvaluationKind): number => (kind === 'annual' ? 4 : Number(kind[1]));
