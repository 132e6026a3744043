/** Work schedules (jam kerja) and the parsing of clock times and dates as attendance systems write them. */
import { isRealDate } from '../../core/time.ts';
import { isoWeekday } from '../activities/calendar.ts';

/** Scheduled start and end of one weekday, in minutes after midnight. */
export interface DaySchedule {
  start: number;
  end: number;
}

export interface Schedule {
  id: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  /** index 0 = Monday … 6 = Sunday; null = no schedule that weekday */
  days: (DaySchedule | null)[];
}

const t = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Mon–Thu 07:30–16:00, Fri 07:30–16:30 (the usual five-day week of a city government). */
export const DEFAULT_DAYS: (DaySchedule | null)[] = [
  { start: t('07:30'), end: t('16:00') },
  { start: t('07:30'), end: t('16:00') },
  { start: t('07:30'), end: t('16:00') },
  { start: t('07:30'), end: t('16:00') },
  { start: t('07:30'), end: t('16:30') },
  null,
  null,
];

export const DEFAULT_SCHEDULE: Schedule = {
  id: 'default',
  name: 'Jam kerja',
  validFrom: '2000-01-01',
  validTo: null,
  days: DEFAULT_DAYS,
};

/**
 * The schedule in force on `date`: of the schedules whose validity covers the date, the one that started
 * last (so a Ramadan schedule overrides the ordinary one for its weeks). With none stored, the default.
 */
export function scheduleOn(date: string, schedules: readonly Schedule[]): Schedule | null {
  if (schedules.length === 0) return DEFAULT_SCHEDULE;
  let best: Schedule | null = null;
  for (const s of schedules) {
    if (s.validFrom > date || (s.validTo !== null && s.validTo < date)) continue;
    if (!best || s.validFrom > best.validFrom) best = s;
  }
  return best;
}

export function dayScheduleOn(date: string, schedules: readonly Schedule[]): DaySchedule | null {
  return scheduleOn(date, schedules)?.days[isoWeekday(date) - 1] ?? null;
}

export const formatTime = (minutes: number | null): string | null =>
  minutes === null
    ? null
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** `HH:MM` (strict, 00:00–23:59) to minutes; null when malformed. */
export function parseHhmm(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * A clock time from an attendance export: `7:31`, `07:31`, `07.31`, `07:31:59` (seconds are dropped: a
 * tap at 07:30:59 is not late), or an Excel time fraction (0.3125 = 07:30). Returns minutes or null.
 */
export function parseClock(text: string): number | null {
  const v = text.trim();
  const m = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$/.exec(v);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    const s = m[3] === undefined ? 0 : Number(m[3]);
    if (h > 23 || min > 59 || s > 59) return null;
    return h * 60 + min;
  }
  if (/^0?\.\d+$/.test(v)) {
    const fraction = Number(v);
    if (fraction >= 0 && fraction < 1) return Math.floor(Math.round(fraction * 86_400) / 60);
  }
  return null;
}

/**
 * A calendar date: `2026-11-02`, `02/11/2026` or `02-11-2026` (day first, as written in Indonesia), or an
 * Excel serial day number (46328 = 2026-11-02). Returns ISO or null when malformed or not a real date.
 */
export function parseDay(text: string): string | null {
  const v = text.trim();
  if (/^\d{5}$/.test(v))
    return new Date(Date.UTC(1899, 11, 30) + Number(v) * 86_400_000).toISOString().slice(0, 10);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const dayFirst = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(v);
  let y: number;
  let mo: number;
  let d: number;
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) [d, mo, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else return null;
  if (!isRealDate(y, mo, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
