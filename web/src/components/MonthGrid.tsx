import type { ReactNode } from 'react';
import type { Lang } from '../types';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function weekdayName(n: number, style: 'short' | 'long', lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    weekday: style,
    timeZone: 'UTC',
  }).format(
    new Date(Date.UTC(2024, 0, n)), // 1 Jan 2024 was a Monday
  );
}

/**
 * A month as a Monday-first calendar table: weekday headers, the days in weeks, empty padding cells
 * before the first and after the last day. `renderDay` returns the day's whole `<td>` (keyed by its date).
 */
export function MonthGrid<D extends { date: string }>({
  days,
  lead,
  caption,
  className = 'cal-table',
  lang,
  renderDay,
}: {
  days: D[];
  /** Padding cells before the first day (its ISO weekday − 1). */
  lead: number;
  caption: string;
  className?: string;
  lang: Lang;
  renderDay: (day: D) => ReactNode;
}) {
  const cells: (D | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (D | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return (
    <table className={className}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((n) => (
            <th key={n} scope="col" abbr={weekdayName(n, 'long', lang)}>
              {weekdayName(n, 'short', lang)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.find((d) => d)?.date}>
            {week.map((d, i) =>
              d ? (
                renderDay(d)
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: empty padding cells
                <td key={`pad-${i}`} className="cal-pad" aria-hidden="true" />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The class of a day cell: `cal-day`, its kind (holiday, leave, working, off), today, then `extra` (empty ones left out). */
export function calDayClass(
  d: { date: string; holiday: unknown; leave: unknown; working: boolean },
  today: string,
  ...extra: string[]
): string {
  return [
    'cal-day',
    d.holiday ? 'is-holiday' : d.leave ? 'is-leave' : d.working ? 'is-working' : 'is-off',
    d.date === today ? 'is-today' : '',
    ...extra,
  ]
    .filter(Boolean)
    .join(' ');
}
