/**
 * Capaian (achievement) of an indicator in percent, after DESIGN §2.4: realisation ÷ target for
 * higher-is-better, target ÷ realisation for lower-is-better, capped (default 120%). Null when it cannot be
 * computed (qualitative target, no realisation, zero target).
 */
export function capaian(
  target: number | null,
  realisation: number | null,
  direction: 'higher' | 'lower' | string,
  cap = 120,
): number | null {
  if (target === null || realisation === null || target <= 0) return null;
  if (direction === 'lower') {
    if (realisation <= 0) return cap;
    return round1(Math.min(cap, (target / realisation) * 100));
  }
  return round1(Math.min(cap, Math.max(0, (realisation / target) * 100)));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Mean capaian of the indicators that have one; null when none has. */
export function meanCapaian(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  return round1(present.reduce((a, b) => a + b, 0) / present.length);
}

/** Units whose target is a level to hold (a rate, an index, a duration), not a volume that accumulates. */
const LEVEL_UNITS = /^(persen|%|indeks|index|nilai|skor|bulan|hari|jam|menit|kali\/bulan)$/i;

/**
 * Capaian of a quarter's realisation. Volumes (kuantitas in documents, visitors, rupiah…) are reported
 * cumulatively, so quarter q is measured against q/4 of the annual target; levels are measured against the
 * target itself.
 */
export function quarterCapaian(
  indicator: { aspect: string; unit: string; target_value: number | null; direction: string },
  value: number | null,
  quarter: number,
  cap = 120,
): number | null {
  const cumulative =
    indicator.aspect === 'kuantitas' &&
    indicator.direction === 'higher' &&
    !LEVEL_UNITS.test(indicator.unit.trim());
  const target =
    indicator.target_value === null
      ? null
      : cumulative
        ? (indicator.target_value * quarter) / 4
        : indicator.target_value;
  return capaian(target, value, indicator.direction, cap);
}
