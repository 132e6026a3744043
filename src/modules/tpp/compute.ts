/**
 * The TPP figures of one employee-month, in integer rupiah with explicit rounding (DESIGN §2.5). Pure
 * functions: the run, the employee's explanation and the benchmark all call `computeLine`.
 *
 *   base       = Σ pagu(kelas of each position held) × days held ÷ days in month
 *              + Σ Plt share × pagu(kelas acted in) × days acted ÷ days in month   → rounded once
 *   kinerjaMax = base × w_kinerja                                                  → rounded
 *   disiplinMax = base − kinerjaMax                  (so the two maxima add up to the base exactly)
 *   kinerja    = base × w_kinerja × performance factor                             → rounded
 *   disiplin   = disiplinMax × max(0, 100% − Σ deductions)                         → rounded
 *   potongan   = disiplinMax − disiplin
 *   bruto      = kinerja + disiplin;  BPJS = min(bruto, cap) × rate → rounded;  netto = bruto − BPJS
 *
 * Every rounding is "half up to the whole rupiah" (≥ 0,5 rounds up) on the exact rational value, computed
 * with BigInt so no floating-point error can creep in. Shares are basis points (100% = 10000).
 */

export const FULL = 10_000;

/** Round num/den half up (num, den ≥ 0, den > 0). */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** An exact rational as a decimal string with two places (display of what rounding took off or added). */
export function exactText(num: bigint, den: bigint): string {
  const cents = roundHalfUp(num * 100n, den);
  const whole = cents / 100n;
  const frac = cents % 100n;
  return `${whole}.${frac.toString().padStart(2, '0')}`;
}

export interface WeightSetting {
  kinerjaBp: number;
  disiplinBp: number;
  kinerjaEnabled: boolean;
  disiplinEnabled: boolean;
}

/**
 * The weights actually applied: a disabled component drops out and the enabled ones are scaled back to
 * 100% (60/40 with discipline disabled → 100/0). The result always sums to exactly 10000.
 */
export function effectiveWeights(w: WeightSetting): { kinerjaBp: number; disiplinBp: number } {
  const k = w.kinerjaEnabled ? w.kinerjaBp : 0;
  const d = w.disiplinEnabled ? w.disiplinBp : 0;
  const total = k + d;
  if (total <= 0) {
    // refused by validation; a stored table can never reach here, but never divide by zero
    return w.kinerjaEnabled || !w.disiplinEnabled
      ? { kinerjaBp: FULL, disiplinBp: 0 }
      : { kinerjaBp: 0, disiplinBp: FULL };
  }
  const kinerjaBp = Number(roundHalfUp(BigInt(k) * BigInt(FULL), BigInt(total)));
  return { kinerjaBp, disiplinBp: FULL - kinerjaBp };
}

export interface Rules {
  bpjsBp: number;
  bpjsCap: number | null;
  actingShareBp: number;
}

export interface SegmentIn {
  positionId: string;
  positionName: string;
  kind: string;
  kelas: number;
  unitId: string;
  /** first and last day held in the month (inclusive) */
  from: string;
  to: string;
}

export interface ActingIn {
  positionId: string;
  positionName: string;
  kelas: number;
  from: string;
  to: string;
}

export interface LineIn {
  daysInMonth: number;
  segments: SegmentIn[];
  acting: ActingIn[];
  approvedMinutes: number;
  effectiveMinutes: number;
  shortfallMinutes: number;
  /** Σ deductions in basis points of the discipline component (already capped at 10000 by attendance) */
  deductionBp: number;
}

/** The earlier / later of two ISO dates (string order is date order). */
export const earlier = (a: string, b: string): string => (a <= b ? a : b);
export const later = (a: string, b: string): string => (a >= b ? a : b);

const dayNumber = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;

/** Performance factor: min(approved, effective − shortfall) ÷ effective, in basis points, capped at 100%. */
export function performanceBp(approved: number, effective: number, shortfall: number): number {
  if (effective <= 0) return 0;
  const cap = Math.max(0, effective - Math.max(0, shortfall));
  const counted = Math.max(0, Math.min(approved, cap));
  return Number(roundHalfUp(BigInt(counted) * BigInt(FULL), BigInt(effective)));
}

export interface SegmentOut extends SegmentIn {
  days: number;
  pagu: number;
  /** pagu × days ÷ days in month, exact to the cent (display) */
  amountExact: string;
}

export interface ActingOut extends ActingIn {
  days: number;
  /** days on which the acted-in position was of the same or a higher kelas than the one held */
  eligibleDays: number;
  pagu: number;
  shareBp: number;
  amountExact: string;
}

export interface LineOut {
  days: number;
  segments: SegmentOut[];
  acting: ActingOut[];
  ownBase: number;
  actingBase: number;
  base: number;
  performanceBp: number;
  deductionBp: number;
  kinerjaWeightBp: number;
  disiplinWeightBp: number;
  kinerjaMax: number;
  komponenKinerja: number;
  disiplinMax: number;
  komponenDisiplin: number;
  potongan: number;
  bruto: number;
  bpjs: number;
  netto: number;
  /** the exact values each rounding started from */
  exact: { base: string; kinerja: string; kinerjaMax: string; disiplin: string; bpjs: string };
}

/** The figures of one employee-month. `paguOf` answers the tenant's pagu of a kelas (0 when none). */
export function computeLine(
  input: LineIn,
  paguOf: (kelas: number) => number,
  weights: { kinerjaBp: number; disiplinBp: number },
  rules: Rules,
): LineOut {
  const D = BigInt(input.daysInMonth);
  const F = BigInt(FULL);
  let ownNum = 0n; // over D
  const segments: SegmentOut[] = input.segments.map((s) => {
    const days = daysBetween(s.from, s.to);
    const pagu = paguOf(s.kelas);
    ownNum += BigInt(pagu) * BigInt(days);
    return { ...s, days, pagu, amountExact: exactText(BigInt(pagu) * BigInt(days), D) };
  });
  let actingNum = 0n; // over D × F
  const acting: ActingOut[] = input.acting.map((a) => {
    let eligibleDays = 0;
    for (const s of input.segments) {
      const from = later(a.from, s.from);
      const to = earlier(a.to, s.to);
      if (from <= to && a.kelas >= s.kelas) eligibleDays += daysBetween(from, to);
    }
    const pagu = paguOf(a.kelas);
    const num = BigInt(pagu) * BigInt(rules.actingShareBp) * BigInt(eligibleDays);
    actingNum += num;
    return {
      ...a,
      days: daysBetween(a.from, a.to),
      eligibleDays,
      pagu,
      shareBp: rules.actingShareBp,
      amountExact: exactText(num, D * F),
    };
  });
  const ownBase = roundHalfUp(ownNum, D);
  const baseNum = ownNum * F + actingNum; // over D × F
  const base = roundHalfUp(baseNum, D * F);
  const f = performanceBp(input.approvedMinutes, input.effectiveMinutes, input.shortfallMinutes);
  const deductionBp = Math.min(FULL, Math.max(0, input.deductionBp));
  const wk = BigInt(weights.kinerjaBp);
  const kinerjaMax = roundHalfUp(base * wk, F);
  const disiplinMax = base - kinerjaMax;
  const komponenKinerja = roundHalfUp(base * wk * BigInt(f), F * F);
  const keep = BigInt(FULL - deductionBp);
  const komponenDisiplin = roundHalfUp(disiplinMax * keep, F);
  const bruto = komponenKinerja + komponenDisiplin;
  const bpjsBase = rules.bpjsCap !== null && bruto > BigInt(rules.bpjsCap) ? BigInt(rules.bpjsCap) : bruto;
  const bpjs = roundHalfUp(bpjsBase * BigInt(rules.bpjsBp), F);
  return {
    days: segments.reduce((n, s) => n + s.days, 0),
    segments,
    acting,
    ownBase: Number(ownBase),
    actingBase: Number(base - ownBase),
    base: Number(base),
    performanceBp: f,
    deductionBp,
    kinerjaWeightBp: weights.kinerjaBp,
    disiplinWeightBp: weights.disiplinBp,
    kinerjaMax: Number(kinerjaMax),
    komponenKinerja: Number(komponenKinerja),
    disiplinMax: Number(disiplinMax),
    komponenDisiplin: Number(komponenDisiplin),
    potongan: Number(disiplinMax - komponenDisiplin),
    bruto: Number(bruto),
    bpjs: Number(bpjs),
    netto: Number(bruto - bpjs),
    exact: {
      base: exactText(baseNum, D * F),
      kinerjaMax: exactText(base * wk, F),
      kinerja: exactText(base * wk * BigInt(f), F * F),
      disiplin: exactText(disiplinMax * keep, F),
      bpjs: exactText(bpjsBase * BigInt(rules.bpjsBp), F),
    },
  };
}

export interface Totals {
  employees: number;
  base: number;
  kinerja: number;
  disiplin: number;
  potongan: number;
  bruto: number;
  bpjs: number;
  netto: number;
}

export const zeroTotals = (): Totals => ({
  employees: 0,
  base: 0,
  kinerja: 0,
  disiplin: 0,
  potongan: 0,
  bruto: 0,
  bpjs: 0,
  netto: 0,
});

export function addLine(
  t: Totals,
  l: Pick<LineOut, 'base' | 'komponenKinerja' | 'komponenDisiplin' | 'potongan' | 'bruto' | 'bpjs' | 'netto'>,
) {
  t.employees += 1;
  t.base += l.base;
  t.kinerja += l.komponenKinerja;
  t.disiplin += l.komponenDisiplin;
  t.potongan += l.potongan;
  t.bruto += l.bruto;
  t.bpjs += l.bpjs;
  t.netto += l.netto;
  return t;
}
