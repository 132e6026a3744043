/** Date arithmetic on ISO `YYYY-MM-DD` strings (calendar dates, no time zone), and the working calendar. */
import type { ActivitySettings } from './settings.ts';

const toUtc = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromUtc(toUtc(date) + days * 86_400_000);
export const monthOf = (date: string): string => date.slice(0, 7);
/** ISO weekday: 1 = Monday … 7 = Sunday */
export const isoWeekday = (date: string): number => ((new Date(toUtc(date)).getUTCDay() + 6) % 7) + 1;

export function monthStart(month: string): string {
  return `${month}-01`;
}
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return fromUtc(Date.UTC(y, m, 0));
}
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
/** The `count` months ending with `month`, oldest first. */
export const monthsEndingWith = (month: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => addMonths(month, i - count + 1));

export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const deadlines = new Map<string, string>();

/** Last day on which an atasan may still verify an entry dated `date`. */
export function verifyDeadline(date: string, s: ActivitySettings): string {
  const key = `${monthOf(date)}|${s.verifyDaysAfterMonth}`;
  let deadline = deadlines.get(key);
  if (deadline === undefined) {
    deadline = addDays(monthEnd(monthOf(date)), s.verifyDaysAfterMonth);
    if (deadlines.size >= 1000) deadlines.clear();
    deadlines.set(key, deadline);
  }
  return deadline;
}

export interface LeaveSpan {
  employee_id: string;
  start_date: string;
  end_date: string;
  kind: string;
}

export interface DayInfo {
  date: string;
  /** a working day of the city: a work weekday that is no holiday or cuti bersama */
  working: boolean;
  holiday: string | null;
  leave: string | null;
}

export interface MonthCalendar {
  days: DayInfo[];
  /** city working days of the month */
  workingDays: number;
  /** working days this employee is on leave that reduces effective time */
  leaveDays: number;
  effectiveMinutes: number;
}

/**
 * One employee's month: city working days (work weekdays minus holidays and cuti bersama), minus their
 * working days on leave of a kind that reduces time, × working minutes per day.
 */
export function monthCalendar(
  month: string,
  holidays: ReadonlyMap<string, string>,
  leaves: readonly LeaveSpan[],
  s: ActivitySettings,
): MonthCalendar {
  const days: DayInfo[] = [];
  let workingDays = 0;
  let leaveDays = 0;
  for (const date of datesBetween(monthStart(month), monthEnd(month))) {
    const holiday = holidays.get(date) ?? null;
    const working = holiday === null && s.workWeekdays.includes(isoWeekday(date));
    const leave = leaves.find((l) => l.start_date <= date && date <= l.end_date)?.kind ?? null;
    if (working) workingDays += 1;
    if (working && leave && (s.leaveKindsReducingTime as string[]).includes(leave)) leaveDays += 1;
    days.push({ date, working, holiday, leave });
  }
  return {
    days,
    workingDays,
    leaveDays,
    effectiveMinutes: (workingDays - leaveDays) * s.workingMinutesPerDay,
  };
}

/** The working day before `date` (skipping non-work weekdays and holidays), looking back at most 31 days. */
export function previousWorkingDay(
  date: string,
  holidays: ReadonlyMap<string, string>,
  s: ActivitySettings,
): string | null {
  for (let i = 1; i <= 31; i++) {
    const d = addDays(date, -i);
    if (!holidays.has(d) && s.workWeekdays.includes(isoWeekday(d))) return d;
  }
  return null;
}
