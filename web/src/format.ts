import type { Lang } from './types';

const TZ = 'Asia/Jakarta';
const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'id-ID');

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: Lang, kind: 'date' | 'time' | 'month' | 'year'): Intl.DateTimeFormat {
  const key = `${lang}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: TZ }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ }
          : kind === 'month'
            ? { month: 'short', year: 'numeric', timeZone: TZ }
            : { year: 'numeric', timeZone: TZ };
    f = new Intl.DateTimeFormat(locale(lang), opts);
    cache.set(key, f);
  }
  return f;
}

/** `YYYY-MM-DD` is a calendar date in the tenant's zone: pin it to Jakarta noon so it never shifts a day. */
function parse(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(`${value}T12:00:00+07:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `4 Des 2026` (id) / `4 Dec 2026` (en). */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  // Partial dates from NIP decoding: `YYYY-MM` (TMT) or `YYYY`.
  if (/^\d{4}-\d{2}$/.test(value)) {
    const d = parse(`${value}-15`);
    return d ? dtf(lang, 'month').format(d) : value;
  }
  if (/^\d{4}$/.test(value)) return value;
  const d = parse(value);
  return d ? dtf(lang, 'date').format(d) : value;
}

/** `4 Des 2026 14.05` (id) / `4 Dec 2026 14:05` (en). */
export function formatDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const d = parse(value);
  if (!d) return value;
  return `${dtf(lang, 'date').format(d)} ${dtf(lang, 'time').format(d)}`;
}

const numberFormat = new Intl.NumberFormat('id-ID');
/** Indonesian grouping: 1.234.567,5 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat.format(value);
}

const percentFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
/** `95,5%` (Indonesian decimal comma, one decimal at most). */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${percentFormat.format(value)}%`;
}

/** `1,2 MB` / `340 kB` for upload sizes. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return '—';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${percentFormat.format(bytes / 1000)} kB`;
  return `${percentFormat.format(bytes / 1_000_000)} MB`;
}

/** `198609262015051001` → `19860926 201505 1 001` */
export function formatNip(nip: string | null | undefined): string {
  if (!nip) return '—';
  const digits = nip.replace(/\D/g, '');
  if (digits.length !== 18) return nip;
  return `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;
}

/** Today in Jakarta as `YYYY-MM-DD` (default for date inputs). */
export function todayJakarta(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  return parts;
}
