/** Calendar helpers. Dates are ISO `YYYY-MM-DD` strings in the tenant's time zone; instants are ISO UTC. */

export const nowIso = (): string => new Date().toISOString();

// building a formatter costs far more than using one
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

// today's date per time zone, kept for the second it was computed in (every logged entry asks)
const todays = new Map<string, { second: number; day: string }>();

export function todayIn(timeZone: string, at?: Date): string {
  if (at) return dayIn(timeZone, at);
  const now = Date.now();
  const second = Math.floor(now / 1000);
  const kept = todays.get(timeZone);
  if (kept?.second === second) return kept.day;
  const day = dayIn(timeZone, new Date(now));
  todays.set(timeZone, { second, day });
  return day;
}

function dayIn(timeZone: string, at: Date): string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, format);
  }
  return format.format(at);
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  // 29 Feb + n years lands on 28 Feb when the target year is not a leap year
  const day = isRealDate(y + years, m, d) ? d : d - 1;
  return isoDate(y + years, m, day);
}

/** Retirement (BUP) falls on the first day of the month after the birthday (PP 11/2017 practice). */
export function retirementDate(birthDate: string, retirementAge: number): string {
  const [y, m] = birthDate.split('-').map(Number);
  const year = y + retirementAge + (m === 12 ? 1 : 0);
  const month = m === 12 ? 1 : m + 1;
  return isoDate(year, month, 1);
}
