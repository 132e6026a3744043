/**
 * Attendance rows through the import flow (kind `attendance`): NIP, date, check-in, check-out and an
 * optional apel column, one row per employee-day. Validation runs row by row while the file streams; the
 * check against days already stored runs once at the end, per date. Commit writes every row or none.
 */
import './messages.ts';
import { type Actor, hasRole, roleCoversUnit } from '../../core/auth.ts';
import type { Params } from '../../core/i18n.ts';
import { nowIso } from '../../core/time.ts';
import type { DB, Dialect } from '../../db/index.ts';
import type { AttendanceDayTable } from '../../db/schema.ts';
import { type AuditOrigin, recordAudit } from '../audit/service.ts';
import * as repo from './repository.ts';
import { deviates } from './rules.ts';
import { type DaySchedule, dayScheduleOn, formatTime, parseClock, parseDay, parseHhmm } from './schedule.ts';

export interface AttendanceRefs {
  /** NIP → employee */
  employees: Map<string, { id: string; name: string; unitPath: string | null }>;
}

export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  params: Params;
}

/** Header names other attendance exports use for the same columns (after lower-casing, `_` for spaces). */
export const ATTENDANCE_ALIASES: Record<string, string[]> = {
  nip: ['nip_pegawai', 'nomor_induk'],
  date: ['tanggal', 'tgl'],
  check_in: ['jam_masuk', 'masuk', 'checkin', 'scan_masuk'],
  check_out: ['jam_pulang', 'pulang', 'checkout', 'scan_pulang'],
  apel: ['apel_pagi', 'upacara'],
};

const cellOf = (raw: Record<string, string>, column: string) => {
  if (column in raw) return (raw[column] ?? '').trim();
  for (const alias of ATTENDANCE_ALIASES[column] ?? []) if (alias in raw) return (raw[alias] ?? '').trim();
  return '';
};

export const hasColumn = (header: readonly string[], column: string) =>
  header.includes(column) || (ATTENDANCE_ALIASES[column] ?? []).some((a) => header.includes(a));

export async function loadAttendanceRefs(db: DB, tenantId: string): Promise<AttendanceRefs> {
  const rows = await db
    .selectFrom('employees as e')
    .leftJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'))
    .select(['e.id', 'e.nip', 'e.name', 'u.path as unit_path'])
    .where('e.tenant_id', '=', tenantId)
    .execute();
  return { employees: new Map(rows.map((r) => [r.nip, { id: r.id, name: r.name, unitPath: r.unit_path }])) };
}

const YES = ['ya', 'y', 'yes', 'hadir', '1', 'true'];
const NO = ['tidak', 't', 'no', 'n', 'tidak_hadir', 'tidak hadir', 'absen', '0', 'false'];

export function attendanceValidator(
  actor: Actor,
  refs: AttendanceRefs,
  today: string,
  options: { replace: boolean },
) {
  /** employee|date → first row */
  const seen = new Map<string, number>();
  const dates = new Set<string>();
  const inScope = (unitPath: string | null) =>
    hasRole(actor, 'bkpsdm') || (unitPath !== null && roleCoversUnit(actor, 'admin_opd', unitPath));
  return {
    row(rowNo: number, raw: Record<string, string>) {
      const errors: ImportRowError[] = [];
      const add = (column: string, code: string, params: Params = {}) =>
        errors.push({ row: rowNo, column, code, params });
      const nip = cellOf(raw, 'nip').replace(/\s+/g, '');
      const dateText = cellOf(raw, 'date');
      const inText = cellOf(raw, 'check_in');
      const outText = cellOf(raw, 'check_out');
      const apelText = cellOf(raw, 'apel').toLowerCase();
      const employee = nip ? refs.employees.get(nip) : undefined;
      if (!nip) add('nip', 'IMPORT_REQUIRED');
      else if (!employee) add('nip', 'ATT_UNKNOWN_NIP', { value: nip });
      else if (!inScope(employee.unitPath)) add('nip', 'IMPORT_NOT_IN_SCOPE');
      const date = dateText ? parseDay(dateText) : null;
      if (!dateText) add('date', 'IMPORT_REQUIRED');
      else if (!date) add('date', 'ATT_DATE_INVALID', { value: dateText });
      else if (date > today) add('date', 'ATT_DATE_FUTURE', { value: date, today });
      const checkIn = inText ? parseClock(inText) : null;
      const checkOut = outText ? parseClock(outText) : null;
      if (inText && checkIn === null) add('check_in', 'ATT_TIME_INVALID', { value: inText });
      if (outText && checkOut === null) add('check_out', 'ATT_TIME_INVALID', { value: outText });
      if (checkIn !== null && checkOut !== null && checkOut < checkIn)
        add('check_out', 'ATT_CHECKOUT_BEFORE_CHECKIN', {
          checkIn: formatTime(checkIn) as string,
          checkOut: formatTime(checkOut) as string,
        });
      let apel: number | null = null;
      if (apelText) {
        if (YES.includes(apelText)) apel = 1;
        else if (NO.includes(apelText)) apel = 0;
        else add('apel', 'IMPORT_INVALID_VALUE', { value: apelText, allowed: 'ya, tidak' });
      }
      if (employee && date) {
        const key = `${employee.id}|${date}`;
        const first = seen.get(key);
        if (first !== undefined) add('date', 'ATT_DUPLICATE_DAY', { nip, date, row: first });
        else seen.set(key, rowNo);
        dates.add(date);
      }
      return {
        data:
          errors.length || !employee || !date
            ? null
            : {
                employee_id: employee.id,
                nip,
                name: employee.name,
                date,
                check_in: formatTime(checkIn),
                check_out: formatTime(checkOut),
                apel,
                replace: options.replace,
              },
        errors,
      };
    },
    finish: (): ImportRowError[] => [],
    /** Days of the file already stored: an error each, unless the upload asked to replace them. */
    async finishAsync(db: DB, tenantId: string): Promise<ImportRowError[]> {
      if (options.replace) return [];
      const out: ImportRowError[] = [];
      const nipOf = new Map([...refs.employees].map(([n, e]) => [e.id, n]));
      for (const date of [...dates].sort()) {
        const stored = await db
          .selectFrom('attendance_days')
          .select('employee_id')
          .where('tenant_id', '=', tenantId)
          .where('date', '=', date)
          .execute();
        for (const { employee_id } of stored) {
          const row = seen.get(`${employee_id}|${date}`);
          if (row !== undefined)
            out.push({
              row,
              column: 'date',
              code: 'ATT_ALREADY_STORED',
              params: { nip: nipOf.get(employee_id) ?? '', date },
            });
        }
      }
      return out.sort((a, b) => a.row - b.row);
    },
  };
}

/**
 * Write attendance rows (import, seed): each row's deviation flag under its schedule, `replace` rows
 * overwrite a stored day, the others must be new; then the month rollups of the employees written.
 */
export async function storeDays(
  trx: DB,
  tenantId: string,
  rows: (Omit<AttendanceDayTable, 'deviation'> & { replace?: boolean })[],
  scheduleOf: (date: string) => DaySchedule | null,
  /** false: the caller rebuilds the month rollups itself afterwards (bulk seed) */
  refresh = true,
): Promise<void> {
  for (const replace of [false, true]) {
    const part = rows
      .filter((r) => (r.replace === true) === replace)
      .map(({ replace: _r, ...row }) => ({
        ...row,
        deviation: deviates(
          { checkIn: row.check_in_min, checkOut: row.check_out_min, apel: row.apel },
          scheduleOf(row.date),
        )
          ? 1
          : 0,
      }));
    for (let i = 0; i < part.length; i += 2000) {
      const chunk = part.slice(i, i + 2000);
      if (!replace) await trx.insertInto('attendance_days').values(chunk).execute();
      else
        await trx
          .insertInto('attendance_days')
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'employee_id', 'date']).doUpdateSet((eb) => ({
              check_in_min: eb.ref('excluded.check_in_min'),
              check_out_min: eb.ref('excluded.check_out_min'),
              apel: eb.ref('excluded.apel'),
              deviation: eb.ref('excluded.deviation'),
              source: eb.ref('excluded.source'),
              import_id: eb.ref('excluded.import_id'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
    }
  }
  if (rows.length === 0 || !refresh) return;
  const dates = rows.map((r) => r.date).sort();
  const from = `${dates[0].slice(0, 7)}-01`;
  const to = `${dates[dates.length - 1].slice(0, 7)}-31`;
  const employees = [...new Set(rows.map((r) => r.employee_id))];
  for (let i = 0; i < employees.length; i += 500)
    await repo.refreshMonths(trx, tenantId, from, to, employees.slice(i, i + 500));
}

export async function commitAttendance(
  trx: DB,
  dialect: Dialect,
  origin: AuditOrigin,
  job: { tenant_id: string; id: string; filename: string },
  pages: AsyncIterable<Record<string, unknown>[]>,
): Promise<number> {
  const schedules = await repo.schedules(trx, job.tenant_id);
  const scheduleOf = (date: string) => dayScheduleOn(date, schedules);
  const at = nowIso();
  let total = 0;
  let replace = false;
  let from: string | null = null;
  let to: string | null = null;
  for await (const page of pages) {
    const rows = page.map((r) => ({
      tenant_id: job.tenant_id,
      employee_id: String(r.employee_id),
      date: String(r.date),
      check_in_min: r.check_in ? parseHhmm(String(r.check_in)) : null,
      check_out_min: r.check_out ? parseHhmm(String(r.check_out)) : null,
      apel: r.apel === null || r.apel === undefined ? null : Number(r.apel),
      source: 'import',
      import_id: job.id,
      updated_at: at,
      replace: r.replace === true,
    }));
    await storeDays(trx, job.tenant_id, rows, scheduleOf);
    total += rows.length;
    replace ||= rows.some((r) => r.replace);
    for (const r of rows) {
      if (!from || r.date < from) from = r.date;
      if (!to || r.date > to) to = r.date;
    }
  }
  await recordAudit(trx, dialect, origin, {
    action: 'attendance.import',
    entityType: 'import',
    entityId: job.id,
    after: { rows: total, from, to, replaceStored: replace, filename: job.filename },
  });
  return total;
}
