/**
 * Attendance: working calendar, schedules, deduction table, leave and dinas luar, sanctions, the
 * attendance import (preview, row errors, all or nothing, replace), the derived TL/PSW/TK classes, the
 * month views and their policy, and the attendance shortfall in the workload. The clock is fixed at
 * Wednesday 2 December 2026; August 2026 has no seeded attendance, so the tests import their own.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { monthDeductions } from '../../src/modules/attendance/deductions.ts';
import { refreshMonths } from '../../src/modules/attendance/repository.ts';
import { DEFAULT_RULES } from '../../src/modules/attendance/rules.ts';
import {
  call,
  createTestEnv,
  holderOf,
  login,
  multipart,
  type Session,
  snapshot,
  type TestEnv,
  unitId,
  waitForImport,
} from '../support/app.ts';

vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date('2026-12-02T03:00:00.000Z'));

let env: TestEnv;
let bkpsdm: Session;
let adminopd: Session;
let atasan: Session;
let pegawai: Session;
let walikota: Session;
let jambi: Session;
let surabayaId: string;
/** active employees outside the admin_opd's tourism agency, by NIP order */
let staff: { id: string; nip: string; name: string }[];
let pegawaiId: string;
let colleagueId: string;

type Res = Awaited<ReturnType<typeof call>>;
const json = (r: Res) => r.json();

/** Every table a refused attendance write must leave alone, on top of the shared snapshot. */
async function fingerprint() {
  const sums = await sql<{ t: string; n: number }>`
    select 'a' as t, count(*) as n from attendance_days
    union all select 'ai', coalesce(sum(check_in_min), 0) from attendance_days
    union all select 'l', count(*) from employee_leave
    union all select 'c', count(*) from work_calendar
    union all select 's', count(*) from attendance_schedules
    union all select 'r', coalesce(sum(basis_points), 0) from attendance_deduction_rules
    union all select 'h', count(*) from disciplinary_sanctions`.execute(env.db.kysely);
  const figures = sums.rows.map((r) => `${r.t}=${Number(r.n)}`).sort();
  return `${await snapshot(env.db)}|${figures.join(',')}`;
}

async function upload(
  s: Session,
  content: string | Buffer,
  name = 'absensi.csv',
  fields: Record<string, string> = {},
) {
  const { payload, headers } = multipart({ kind: 'attendance', ...fields }, { name, content });
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    payload,
    headers: { ...headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  return { id, ...(await waitForImport(env.app, s, id)) };
}
const errorsOf = async (s: Session, id: string, lang = 'id') =>
  json(await call(env.app, s, 'GET', `/api/v1/imports/${id}/errors`, undefined, { 'accept-language': lang }))
    .items as { row: number; column: string; code: string; message: string }[];
const commit = (s: Session, id: string) => call(env.app, s, 'POST', `/api/v1/imports/${id}/commit`);
const month = (s: Session, employeeId: string, m: string) =>
  call(env.app, s, 'GET', `/api/v1/attendance/employees/${employeeId}?month=${m}`);
const dayOf = (view: { days: { date: string }[] }, date: string) =>
  view.days.find((d) => d.date === date) as unknown as Record<string, unknown> & {
    codes: string[];
    flags: string[];
  };

beforeAll(async () => {
  env = await createTestEnv({}, { activityLog: true });
  bkpsdm = await login(env.app, 'surabaya', 'bkpsdm');
  adminopd = await login(env.app, 'surabaya', 'adminopd');
  atasan = await login(env.app, 'surabaya', 'atasan');
  pegawai = await login(env.app, 'surabaya', 'pegawai');
  walikota = await login(env.app, 'surabaya', 'walikota');
  jambi = await login(env.app, 'jambi', 'bkpsdm');
  surabayaId = bkpsdm.tenantId;
  const tourism = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR');
  const unit = await env.db.kysely
    .selectFrom('units')
    .select('path')
    .where('id', '=', tourism)
    .executeTakeFirstOrThrow();
  staff = await env.db.kysely
    .selectFrom('employees as e')
    .innerJoin('units as u', (j) =>
      j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.unit_id'),
    )
    .select(['e.id', 'e.nip', 'e.name'])
    .where('e.tenant_id', '=', surabayaId)
    .where('e.status', '=', 'active')
    .where('u.path', 'not like', `${unit.path}%`)
    .orderBy('e.nip')
    .limit(30)
    .execute();
  pegawaiId = pegawai.employeeId as string;
  colleagueId = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.S2');
});
afterAll(() => env.close());

// ------------------------------------------------------------------------------------------------
describe('working calendar, schedules and the deduction table', () => {
  it('shows the 2026 national holidays and cuti bersama, work weekdays and the seeded schedules', async () => {
    const cal = json(await call(env.app, pegawai, 'GET', '/api/v1/attendance/calendar?year=2026'));
    expect(cal.holidays).toHaveLength(25);
    expect(cal.holidays.filter((h: { kind: string }) => h.kind === 'cuti_bersama')).toHaveLength(8);
    expect(cal.holidays).toContainEqual({
      date: '2026-08-17',
      kind: 'libur',
      name: 'Proklamasi Kemerdekaan RI',
    });
    expect(cal.workWeekdays).toEqual([1, 2, 3, 4, 5]);
    expect(cal.schedules.map((s: { validFrom: string }) => s.validFrom)).toEqual([
      '2000-01-01',
      '2026-02-18',
    ]);
    expect(cal.schedules[0].days).toContainEqual({ weekday: 5, start: '07:30', end: '16:30' });
    expect(cal.abilities.manage).toBe(false);
    expect(json(await call(env.app, bkpsdm, 'GET', '/api/v1/attendance/calendar')).abilities.manage).toBe(
      true,
    );
  });

  it('BKPSDM adds, renames and removes a cuti bersama; duplicates and other roles are refused', async () => {
    const add = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/holidays', {
      date: '2026-08-14',
      kind: 'cuti_bersama',
      name: 'Cuti bersama uji',
    });
    expect(add.statusCode, add.body).toBe(201);
    const before = await fingerprint();
    const dup = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/holidays', {
      date: '2026-08-17',
      kind: 'libur',
      name: 'Lagi',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe(
      'Tanggal 2026-08-17 sudah ada di kalender kerja (Proklamasi Kemerdekaan RI).',
    );
    const refused = await call(env.app, adminopd, 'POST', '/api/v1/attendance/holidays', {
      date: '2026-08-13',
      kind: 'libur',
      name: 'Tidak boleh',
    });
    expect(refused.statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
    const renamed = await call(env.app, bkpsdm, 'PATCH', '/api/v1/attendance/holidays/2026-08-14', {
      name: 'Cuti bersama HUT RI (uji)',
    });
    expect(renamed.json()).toEqual({
      date: '2026-08-14',
      kind: 'cuti_bersama',
      name: 'Cuti bersama HUT RI (uji)',
    });
    expect((await call(env.app, jambi, 'DELETE', '/api/v1/attendance/holidays/2026-08-14')).statusCode).toBe(
      404,
    );
  });

  it('refuses bad schedules with a localised message and nothing written', async () => {
    const before = await fingerprint();
    const times = await call(
      env.app,
      bkpsdm,
      'POST',
      '/api/v1/attendance/schedules',
      { name: 'Salah', validFrom: '2026-09-01', days: [{ weekday: 1, start: '16:00', end: '07:30' }] },
      { 'accept-language': 'en' },
    );
    expect(times.statusCode).toBe(400);
    expect(times.json().error.message).toBe('The end of Monday (07:30) must be after its start (16:00).');
    const same = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/schedules', {
      name: 'Ramadan lagi',
      validFrom: '2026-02-18',
      days: [{ weekday: 1, start: '08:00', end: '15:00' }],
    });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.code).toBe('ATTENDANCE_SCHEDULE_SAME_START');
    const range = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/schedules', {
      name: 'Mundur',
      validFrom: '2026-09-10',
      validTo: '2026-09-01',
      days: [{ weekday: 1, start: '08:00', end: '15:00' }],
    });
    expect(range.statusCode).toBe(400);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a deduction table with gaps and keeps the stored one', async () => {
    const before = await fingerprint();
    const rules = DEFAULT_RULES.map((r) => (r.code === 'TL2' ? { ...r, minMinutes: 35 } : r));
    const res = await call(env.app, bkpsdm, 'PUT', '/api/v1/attendance/rules', { rules });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ATTENDANCE_RULES_INVALID');
    expect(res.json().error.details).toEqual([
      {
        path: 'TL2',
        message:
          'TL2 harus mulai tepat satu menit setelah batas pita sebelumnya (pita pertama mulai 1 menit).',
      },
    ]);
    expect(
      (await call(env.app, pegawai, 'PUT', '/api/v1/attendance/rules', { rules: DEFAULT_RULES })).statusCode,
    ).toBe(403);
    expect(await fingerprint()).toBe(before);
    const read = json(await call(env.app, pegawai, 'GET', '/api/v1/attendance/rules'));
    expect(read.rules).toEqual(DEFAULT_RULES);
    expect(read.abilities.manage).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------------
describe('attendance import and the derived classes', () => {
  // employee index → [check-in, check-out] on Tuesday 4 August 2026 (schedule 07:30–16:00)
  const TUESDAY: [string, string, string[], number][] = [
    ['07:30', '16:00', [], 0],
    ['07:31', '16:00', ['TL1'], 50],
    ['08:00', '16:00', ['TL1'], 50],
    ['08:01', '16:00', ['TL2'], 100],
    ['08:30', '16:00', ['TL2'], 100],
    ['08:31', '16:00', ['TL3'], 150],
    ['09:00', '16:00', ['TL3'], 150],
    ['09:01', '16:00', ['TL4'], 200],
    ['', '16:00', ['TL4'], 200],
    ['07:30', '', ['PSW4'], 200],
    ['07:30', '15:59', ['PSW1'], 50],
    ['07:30', '15:30', ['PSW1'], 50],
    ['07:30', '15:29', ['PSW2'], 100],
    ['07:30', '15:00', ['PSW2'], 100],
    ['07:30', '14:59', ['PSW3'], 150],
    ['07:30', '14:30', ['PSW3'], 150],
    ['07:30', '14:29', ['PSW4'], 200],
  ];

  it('previews a semicolon CSV and commits it all; each class lands at its band boundary', async () => {
    const lines = [
      'NIP;Tanggal;Jam Masuk;Jam Pulang',
      ...TUESDAY.map(([i, o], k) => `${staff[k].nip};04/08/2026;${i};${o}`),
      `${staff[0].nip};2026-08-07;07:30;16:00`, // Friday ends 16:30: PSW1 30
      `${staff[0].nip};2026-08-18;07.25;16.05`,
      `${staff[17].nip};2026-08-04;07:00;16:00`,
    ];
    const job = await upload(bkpsdm, `${lines.join('\n')}\n`);
    expect(job).toMatchObject({ status: 'ready', errorCount: 0, totalRows: TUESDAY.length + 3 });
    const preview = json(await call(env.app, bkpsdm, 'GET', `/api/v1/imports/${job.id}/preview?limit=2`));
    expect(preview.items[0]).toEqual({
      row: 2,
      data: expect.objectContaining({
        nip: staff[0].nip,
        date: '2026-08-04',
        check_in: '07:30',
        check_out: '16:00',
      }),
    });
    expect(await fingerprint()).toBe(await fingerprint());
    const before = Number(
      (
        await env.db.kysely
          .selectFrom('attendance_days')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const res = await commit(bkpsdm, job.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('committed');
    const after = Number(
      (
        await env.db.kysely
          .selectFrom('attendance_days')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after - before).toBe(TUESDAY.length + 3);

    for (const [k, [, , codes, bp]] of TUESDAY.entries()) {
      const view = json(await month(bkpsdm, staff[k].id, '2026-08'));
      const d = dayOf(view, '2026-08-04');
      expect({ k, codes: d.codes, bp: d.basisPoints }).toEqual({ k, codes, bp });
    }
    const first = json(await month(bkpsdm, staff[1].id, '2026-08'));
    expect(dayOf(first, '2026-08-04')).toMatchObject({
      checkIn: '07:31',
      lateMinutes: 1,
      schedule: { start: '07:30', end: '16:00' },
    });
    const noIn = json(await month(bkpsdm, staff[8].id, '2026-08'));
    expect(noIn.lines.find((l: { date: string }) => l.date === '2026-08-04')).toEqual({
      date: '2026-08-04',
      code: 'TL4',
      basisPoints: 200,
      note: 'no_check_in',
    });
  });

  it('judges only working days up to the imported data: TK per day, holidays and cuti bersama excluded', async () => {
    const view = json(await month(bkpsdm, staff[0].id, '2026-08'));
    expect(view.dataUntil).toBe('2026-08-18');
    expect(view.hasData).toBe(true);
    // Friday 7 August: the Friday schedule ends at 16:30
    expect(dayOf(view, '2026-08-07')).toMatchObject({ codes: ['PSW1'], earlyMinutes: 30 });
    expect(dayOf(view, '2026-08-17')).toMatchObject({
      working: false,
      codes: [],
      holiday: { kind: 'libur' },
    });
    expect(dayOf(view, '2026-08-14')).toMatchObject({
      working: false,
      codes: [],
      holiday: { kind: 'cuti_bersama' },
    });
    expect(dayOf(view, '2026-08-08')).toMatchObject({ working: false, codes: [] }); // Saturday
    expect(dayOf(view, '2026-08-19')).toMatchObject({ working: true, judged: false, codes: [] }); // after the data
    const tk = view.lines
      .filter((l: { code: string }) => l.code === 'TK')
      .map((l: { date: string }) => l.date);
    expect(tk).toEqual([
      '2026-08-03',
      '2026-08-05',
      '2026-08-06',
      '2026-08-10',
      '2026-08-11',
      '2026-08-12',
      '2026-08-13',
    ]);
    expect(view.lines.find((l: { code: string }) => l.code === 'TK').basisPoints).toBe(400);
    expect(view.summary).toMatchObject({
      daysPresent: 3,
      daysAbsent: 7,
      earlyMinutes: 30,
      shortfallMinutes: 30 + 7 * 300,
      totalBasisPoints: 7 * 400 + 50,
    });
    expect(view.counts).toEqual({ TK: 7, PSW1: 1 });
  });

  it('uses the Ramadan schedule in its weeks and skips the seeded cuti bersama of Idul Fitri', async () => {
    const job = await upload(
      bkpsdm,
      `nip,date,check_in,check_out\n${staff[0].nip},2026-03-02,07:55,15:00\n${staff[0].nip},2026-03-25,07:35,16:00\n`,
    );
    expect((await commit(bkpsdm, job.id)).statusCode).toBe(200);
    const view = json(await month(bkpsdm, staff[0].id, '2026-03'));
    expect(dayOf(view, '2026-03-02')).toMatchObject({
      codes: [],
      schedule: { start: '08:00', end: '15:00' },
    });
    expect(dayOf(view, '2026-03-25')).toMatchObject({ codes: ['TL1'], lateMinutes: 5 });
    const tk = view.lines
      .filter((l: { code: string }) => l.code === 'TK')
      .map((l: { date: string }) => l.date);
    for (const off of ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24']) {
      expect(tk).not.toContain(off);
      expect(dayOf(view, off).working).toBe(false);
    }
    expect(tk).toHaveLength(11); // 13 working days from 2 to 25 March, two of them with taps
  });

  it('reports bad rows in the caller’s language, refuses the commit and writes nothing', async () => {
    const [a, b, c, d, e] = staff;
    const file = [
      'nip,date,check_in,check_out',
      '199912312020121999,2026-08-20,07:30,16:00',
      `${a.nip},2026-08-20,07:30,16:00`,
      `${a.nip},20/08/2026,07:35,16:00`,
      `${b.nip},2026-08-20,16:00,07:30`,
      `${c.nip},2026-08-20,7.5,16:00`,
      `${d.nip},2026-12-05,07:30,16:00`,
      `${e.nip},2026-13-01,07:30,16:00`,
      `${staff[5].nip},2026-08-04,07:30,16:00`,
    ].join('\n');
    const job = await upload(bkpsdm, file);
    expect(job.status).toBe('invalid');
    const id = await errorsOf(bkpsdm, job.id);
    expect(id.map((x) => `${x.row}:${x.column}:${x.code}`)).toEqual([
      '2:nip:ATT_UNKNOWN_NIP',
      '4:date:ATT_DUPLICATE_DAY',
      '5:check_out:ATT_CHECKOUT_BEFORE_CHECKIN',
      '6:check_in:ATT_TIME_INVALID',
      '7:date:ATT_DATE_FUTURE',
      '8:date:ATT_DATE_INVALID',
      '9:date:ATT_ALREADY_STORED',
    ]);
    expect(id[0].message).toBe('NIP "199912312020121999" tidak terdaftar di kota ini.');
    expect(id[1].message).toBe(
      `NIP ${a.nip} tanggal 2026-08-20 muncul lebih dari sekali di berkas (pertama di baris 3).`,
    );
    expect(id[2].message).toBe('jam pulang 07:30 lebih awal dari jam masuk 16:00.');
    expect(id[4].message).toBe('tanggal 2026-12-05 berada di masa depan (hari ini 2026-12-02).');
    const en = await errorsOf(bkpsdm, job.id, 'en');
    expect(en[0].message).toBe('NIP "199912312020121999" is not registered in this city.');
    expect(en[3].message).toBe('time "7.5" is not valid; use HH:MM, e.g. 07:30.');
    expect(en[6].message).toMatch(/already stored; upload again with "replace stored days"/);
    // rows with errors never reach the staging area the commit reads
    const preview = json(await call(env.app, bkpsdm, 'GET', `/api/v1/imports/${job.id}/preview`));
    expect(preview.items.map((r: { row: number }) => r.row)).toEqual([3]);
    const before = await fingerprint();
    const res = await commit(bkpsdm, job.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      'Impor masih memiliki 7 kesalahan. Perbaiki berkas lalu unggah ulang.',
    );
    expect(await fingerprint()).toBe(before);
  });

  it('a file without the required columns is one header error', async () => {
    const job = await upload(bkpsdm, 'nip,tanggal,masuk\n1,2,3\n');
    expect(job.status).toBe('invalid');
    expect((await errorsOf(bkpsdm, job.id)).map((x) => x.message)).toEqual([
      'Kolom wajib tidak ada di baris judul: check_out.',
    ]);
  });

  it('replaces stored days only when asked, and reads XLSX with Excel dates and times', async () => {
    const stored = await env.db.kysely
      .selectFrom('attendance_days')
      .select(['check_in_min'])
      .where('tenant_id', '=', surabayaId)
      .where('employee_id', '=', staff[5].id)
      .where('date', '=', '2026-08-04')
      .executeTakeFirstOrThrow();
    expect(stored.check_in_min).toBe(8 * 60 + 31);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Absensi');
    ws.addRow(['nip', 'date', 'check_in', 'check_out', 'apel']);
    const row = ws.addRow([
      staff[5].nip,
      new Date(Date.UTC(2026, 7, 4)),
      (9 * 60 + 45) / 1440,
      16 / 24,
      'tidak',
    ]);
    row.getCell(2).numFmt = 'dd/mm/yyyy';
    row.getCell(3).numFmt = 'hh:mm';
    ws.getColumn(1).numFmt = '@';
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const refused = await upload(bkpsdm, xlsx, 'absensi.xlsx');
    expect((await errorsOf(bkpsdm, refused.id)).map((x) => x.code)).toEqual(['ATT_ALREADY_STORED']);
    const job = await upload(bkpsdm, xlsx, 'absensi.xlsx', { replace: 'true' });
    expect(job).toMatchObject({ status: 'ready', errorCount: 0 });
    expect((await commit(bkpsdm, job.id)).statusCode).toBe(200);
    const view = json(await month(bkpsdm, staff[5].id, '2026-08'));
    expect(dayOf(view, '2026-08-04')).toMatchObject({
      checkIn: '09:45',
      lateMinutes: 135,
      apel: false,
      codes: ['TL4', 'APEL'],
      basisPoints: 400,
    });
    const audit = await env.db.kysely
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('tenant_id', '=', surabayaId)
      .where('action', '=', 'attendance.import')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json as string)).toMatchObject({ rows: 1, replaceStored: true });
  });

  it('an admin_opd imports only employees of their own OPD', async () => {
    const tourism = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.S3');
    const nipOf = async (id: string) =>
      (
        await env.db.kysely
          .selectFrom('employees')
          .select('nip')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).nip;
    const job = await upload(
      adminopd,
      `nip,date,check_in,check_out\n${await nipOf(tourism)},2026-08-20,07:30,16:00\n${staff[0].nip},2026-08-20,07:30,16:00\n`,
    );
    expect((await errorsOf(adminopd, job.id)).map((x) => `${x.row}:${x.code}:${x.message}`)).toEqual([
      '3:IMPORT_NOT_IN_SCOPE:di luar unit kewenangan Anda.',
    ]);
  });
});

// ------------------------------------------------------------------------------------------------
describe('leave and dinas luar', () => {
  let cuti: string;
  it('count as present: a cuti and a dinas luar remove TK days', async () => {
    const res = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/leave', {
      employeeId: staff[0].id,
      kind: 'cuti',
      startDate: '2026-08-03',
      endDate: '2026-08-03',
      note: 'Cuti tahunan',
    });
    expect(res.statusCode, res.body).toBe(201);
    cuti = res.json().id;
    expect(res.json()).toMatchObject({
      kind: 'cuti',
      employeeName: staff[0].name,
      abilities: { manage: true },
    });
    const dl = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/leave', {
      employeeId: staff[0].id,
      kind: 'dinas_luar',
      startDate: '2026-08-05',
      endDate: '2026-08-06',
    });
    expect(dl.statusCode).toBe(201);
    const view = json(await month(bkpsdm, staff[0].id, '2026-08'));
    expect(dayOf(view, '2026-08-03')).toMatchObject({ codes: [], leave: { kind: 'cuti' } });
    expect(dayOf(view, '2026-08-05')).toMatchObject({ codes: [], leave: { kind: 'dinas_luar' } });
    expect(view.summary).toMatchObject({ daysPresent: 6, daysAbsent: 4, daysOnLeave: 3 });
  });

  it('refuses overlaps and reversed spans, localised, with nothing written', async () => {
    const before = await fingerprint();
    const overlap = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/leave', {
      employeeId: staff[0].id,
      kind: 'sakit',
      startDate: '2026-08-01',
      endDate: '2026-08-04',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toBe(
      'Rentang 2026-08-01–2026-08-04 bertumpang tindih dengan cuti pegawai ini pada 2026-08-03–2026-08-03.',
    );
    const en = await call(
      env.app,
      bkpsdm,
      'PATCH',
      `/api/v1/attendance/leave/${cuti}`,
      { endDate: '2026-08-05' },
      { 'accept-language': 'en' },
    );
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toBe(
      'The span 2026-08-03–2026-08-05 overlaps this employee’s official travel of 2026-08-05–2026-08-06.',
    );
    const reversed = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/leave', {
      employeeId: staff[0].id,
      kind: 'sakit',
      startDate: '2026-08-20',
      endDate: '2026-08-19',
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.message).toBe(
      'Tanggal selesai (2026-08-19) tidak boleh sebelum tanggal mulai (2026-08-20).',
    );
    const badKind = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/leave', {
      employeeId: staff[0].id,
      kind: 'libur',
      startDate: '2026-08-20',
      endDate: '2026-08-20',
    });
    expect(badKind.statusCode).toBe(400);
    expect(await fingerprint()).toBe(before);
  });

  it('admin_opd records leave only inside their OPD; a pegawai cannot record their own', async () => {
    const before = await fingerprint();
    const body = (employeeId: string) => ({
      employeeId,
      kind: 'sakit',
      startDate: '2026-08-24',
      endDate: '2026-08-25',
    });
    expect(
      (await call(env.app, adminopd, 'POST', '/api/v1/attendance/leave', body(staff[3].id))).statusCode,
    ).toBe(404);
    expect(
      (await call(env.app, pegawai, 'POST', '/api/v1/attendance/leave', body(pegawaiId))).statusCode,
    ).toBe(403);
    expect((await call(env.app, jambi, 'POST', '/api/v1/attendance/leave', body(pegawaiId))).statusCode).toBe(
      404,
    );
    expect((await call(env.app, jambi, 'DELETE', `/api/v1/attendance/leave/${cuti}`)).statusCode).toBe(404);
    expect(await fingerprint()).toBe(before);
    const ok = await call(env.app, adminopd, 'POST', '/api/v1/attendance/leave', body(colleagueId));
    expect(ok.statusCode, ok.body).toBe(201);
    // the list: the admin_opd sees their OPD, the pegawai their own spans
    const mine = json(
      await call(env.app, adminopd, 'GET', '/api/v1/attendance/leave?from=2026-08-01&to=2026-08-31'),
    );
    expect(mine.items.map((l: { employeeId: string }) => l.employeeId)).toEqual([colleagueId]);
    const own = json(await call(env.app, pegawai, 'GET', '/api/v1/attendance/leave'));
    expect(
      own.items.every(
        (l: { employeeId: string; abilities: { manage: boolean } }) =>
          l.employeeId === pegawaiId && !l.abilities.manage,
      ),
    ).toBe(true);
    expect(
      (await call(env.app, pegawai, 'GET', `/api/v1/attendance/leave?employeeId=${staff[0].id}`)).statusCode,
    ).toBe(404);
    expect(
      (await call(env.app, adminopd, 'DELETE', `/api/v1/attendance/leave/${ok.json().id}`)).statusCode,
    ).toBe(204);
  });

  it('a cuti reduces the workload target; dinas luar does not; the shortfall lowers batas max', async () => {
    const view = json(await month(bkpsdm, staff[0].id, '2026-08'));
    const wl = json(
      await call(env.app, bkpsdm, 'GET', `/api/v1/workload/employees/${staff[0].id}?month=2026-08`),
    );
    expect(wl.workingDays).toBe(view.workingDays);
    expect(wl.leaveDays).toBe(1); // the cuti of 3 August; dinas luar counts as work
    expect(wl.effectiveMinutes).toBe((view.workingDays - 1) * 300);
    expect(wl.attendanceShortfallMinutes).toBe(view.summary.shortfallMinutes);
    expect(view.summary.shortfallMinutes).toBe(30 + 4 * 300);
    expect(wl.batasMaxMinutes).toBe(wl.effectiveMinutes - wl.attendanceShortfallMinutes);
    // removing the cuti gives the day back to the target (and makes it a TK day again)
    expect((await call(env.app, bkpsdm, 'DELETE', `/api/v1/attendance/leave/${cuti}`)).statusCode).toBe(204);
    const wl2 = json(
      await call(env.app, bkpsdm, 'GET', `/api/v1/workload/employees/${staff[0].id}?month=2026-08`),
    );
    expect(wl2.effectiveMinutes).toBe(wl.effectiveMinutes + 300);
    expect(wl2.attendanceShortfallMinutes).toBe(wl.attendanceShortfallMinutes + 300);
    // without attendance data for the month there is no shortfall
    const none = json(
      await call(env.app, bkpsdm, 'GET', `/api/v1/workload/employees/${staff[20].id}?month=2026-08`),
    );
    expect(none.attendanceShortfallMinutes).toBeNull();
    expect(none.batasMaxMinutes).toBe(none.effectiveMinutes);
  });
});

// ------------------------------------------------------------------------------------------------
describe('month views and who may see them', () => {
  it('the demo pegawai has two TL1 and two PSW1 days in November and nothing else', async () => {
    const view = json(await call(env.app, pegawai, 'GET', '/api/v1/attendance/me?month=2026-11'));
    expect(view.employee.id).toBe(pegawaiId);
    expect(view.counts).toEqual({ TL1: 2, PSW1: 2 });
    expect(view.summary).toMatchObject({
      daysAbsent: 0,
      lateMinutes: 14 + 23,
      earlyMinutes: 19 + 12,
      totalBasisPoints: 200,
    });
    expect(dayOf(view, '2026-11-27')).toMatchObject({ checkOut: '16:18', codes: ['PSW1'], earlyMinutes: 12 });
    expect(view.abilities.manageLeave).toBe(false);
  });

  it('fills the attendance block of the performance account', async () => {
    const account = json(await call(env.app, pegawai, 'GET', `/api/v1/accounts/${pegawaiId}?month=2026-11`));
    expect(account.attendance).toMatchObject({
      month: '2026-11',
      deductionPercent: 2,
      link: '/kehadiran?bulan=2026-11',
    });
    expect(account.attendance.summary).toContainEqual({ code: 'TL1', label: 'TL1', count: 2 });
    expect(account.attendance.summary).toContainEqual({ code: 'PSW1', label: 'PSW1', count: 2 });
    expect(account.attendance.summary[0]).toMatchObject({ code: 'HADIR', label: 'Hadir' });
  });

  it('the atasan sees their subordinates (and their month), not others', async () => {
    const subs = json(await call(env.app, atasan, 'GET', '/api/v1/attendance/subordinates?month=2026-11'));
    const mine = subs.items.find((x: { employeeId: string }) => x.employeeId === pegawaiId);
    expect(mine).toMatchObject({ hasData: true, lateDays: 2, earlyDays: 2, totalBasisPoints: 200 });
    expect((await month(atasan, pegawaiId, '2026-11')).statusCode).toBe(200);
    expect((await month(atasan, staff[0].id, '2026-11')).statusCode).toBe(404);
    expect((await month(pegawai, colleagueId, '2026-11')).statusCode).toBe(404);
    expect((await month(pegawai, pegawaiId, '2026-11')).statusCode).toBe(200);
  });

  it('admin_opd sees their OPD only; BKPSDM and the mayor see all; other cities get 404', async () => {
    expect((await month(adminopd, colleagueId, '2026-11')).statusCode).toBe(200);
    expect((await month(adminopd, staff[0].id, '2026-11')).statusCode).toBe(404);
    expect((await month(bkpsdm, staff[0].id, '2026-11')).statusCode).toBe(200);
    expect((await month(walikota, staff[0].id, '2026-11')).statusCode).toBe(200);
    expect((await month(jambi, staff[0].id, '2026-11')).statusCode).toBe(404);
    const tourism = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR');
    const dinkes = await unitId(env.db, 'surabaya', 'DINKES');
    expect(
      (await call(env.app, adminopd, 'GET', `/api/v1/attendance/units/${tourism}?month=2026-11`)).statusCode,
    ).toBe(200);
    expect(
      (await call(env.app, adminopd, 'GET', `/api/v1/attendance/units/${dinkes}?month=2026-11`)).statusCode,
    ).toBe(403);
    expect(
      (await call(env.app, pegawai, 'GET', `/api/v1/attendance/units/${tourism}?month=2026-11`)).statusCode,
    ).toBe(403);
    expect(
      (await call(env.app, jambi, 'GET', `/api/v1/attendance/units/${tourism}?month=2026-11`)).statusCode,
    ).toBe(404);
  });

  it('unit totals add up over people and sub-units, paged by person', async () => {
    const tourism = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR');
    const first = json(
      await call(env.app, bkpsdm, 'GET', `/api/v1/attendance/units/${tourism}?month=2026-11&limit=5`),
    );
    const all = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = json(
        await call(
          env.app,
          bkpsdm,
          'GET',
          `/api/v1/attendance/units/${tourism}?month=2026-11&limit=5&cursor=${cursor}`,
        ),
      );
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(all).toHaveLength(first.totals.people);
    expect(first.totals.daysAbsent).toBe(all.reduce((a, r) => a + r.daysAbsent, 0));
    expect(first.totals.lateDays).toBe(all.reduce((a, r) => a + r.lateDays, 0));
    expect(first.units.reduce((a: number, u: { people: number }) => a + u.people, 0)).toBe(
      first.totals.people,
    );
    const p = all.find((r) => r.employeeId === pegawaiId);
    expect(p).toMatchObject({ lateDays: 2, earlyDays: 2, totalBasisPoints: 200 });
    expect(first.month).toBe('2026-11');
  });

  it('flags activity minutes logged on a working day without attendance, to the atasan and in the workload', async () => {
    const ded = await monthDeductions(env.db.kysely, surabayaId, '2026-11');
    const logged = await env.db.kysely
      .selectFrom('rollup_person_day')
      .select(['employee_id', 'date'])
      .where('tenant_id', '=', surabayaId)
      .where('date', '>=', '2026-11-01')
      .where('date', '<=', '2026-11-30')
      .where('minutes_logged', '>', 0)
      .execute();
    const has = new Set(logged.map((l) => `${l.employee_id}|${l.date}`));
    const flagged = [...ded.values()].flatMap((e) =>
      e.lines
        .filter((l) => l.code === 'TK' && has.has(`${e.employeeId}|${l.date}`))
        .map((l) => [e.employeeId, l.date]),
    );
    expect(flagged.length).toBeGreaterThan(0);
    const [emp, date] = flagged[0];
    const view = json(await month(bkpsdm, emp, '2026-11'));
    expect(dayOf(view, date).flags).toEqual(['activity_without_attendance']);
    expect(view.summary.activityWithoutAttendanceDays).toBeGreaterThan(0);
    const wl = json(await call(env.app, bkpsdm, 'GET', `/api/v1/workload/employees/${emp}?month=2026-11`));
    expect(wl.days.find((d: { date: string }) => d.date === date).noAttendance).toBe(true);
    expect(wl.days.filter((d: { noAttendance: boolean }) => d.noAttendance)).toHaveLength(
      view.summary.activityWithoutAttendanceDays,
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe('deduction table, sanctions and the monthly contract', () => {
  it('a changed table changes the deductions; an unchanged month stays identical set-based and per person', async () => {
    const rules = DEFAULT_RULES.map((r) => (r.code === 'TL1' ? { ...r, basisPoints: 75 } : r));
    const res = await call(env.app, bkpsdm, 'PUT', '/api/v1/attendance/rules', { rules });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().isDefault).toBe(false);
    const view = json(await month(bkpsdm, staff[1].id, '2026-08'));
    expect(dayOf(view, '2026-08-04')).toMatchObject({ codes: ['TL1'], basisPoints: 75 });
    await call(env.app, bkpsdm, 'PUT', '/api/v1/attendance/rules', { rules: DEFAULT_RULES });
    const all = await monthDeductions(env.db.kysely, surabayaId, '2026-11');
    const some = [...all.keys()].slice(0, 25);
    const one = await monthDeductions(env.db.kysely, surabayaId, '2026-11', some);
    expect([...one.keys()].sort()).toEqual([...some].sort());
    for (const id of some) expect(one.get(id)).toEqual(all.get(id));
    for (const e of all.values()) {
      expect(e.totalBasisPoints).toBe(
        Math.min(
          10_000,
          e.lines.reduce((a, l) => a + l.basisPoints, 0),
        ),
      );
      expect(e.daysPresent + e.daysAbsent).toBeLessThanOrEqual(21);
    }
    expect(await monthDeductions(env.db.kysely, surabayaId, '2027-01')).toEqual(new Map());
  });

  it('rows written around the attendance writer are still judged, the same way', async () => {
    const viaRollups = await monthDeductions(env.db.kysely, surabayaId, '2026-11');
    // a fixture or manual SQL that bypasses the writer: the month rollups no longer account for every row
    await env.db.kysely
      .deleteFrom('attendance_months')
      .where('tenant_id', '=', surabayaId)
      .where('month', '=', '2026-11')
      .execute();
    const fromRows = await monthDeductions(env.db.kysely, surabayaId, '2026-11');
    expect(fromRows).toEqual(viaRollups);
    await refreshMonths(env.db.kysely, surabayaId, '2026-11-01', '2026-11-30');
    expect(await monthDeductions(env.db.kysely, surabayaId, '2026-11')).toEqual(viaRollups);
  });

  it('a disciplinary sanction cuts each month it covers; only BKPSDM records one', async () => {
    const before = await fingerprint();
    const body = {
      employeeId: staff[2].id,
      startMonth: '2026-08',
      months: 2,
      basisPoints: 500,
      decree: 'SK 800/77/2026',
      reason: 'Uji',
    };
    // who cannot see the employee's sanctions gets 404; the employee themself sees them but may not add one
    expect((await call(env.app, adminopd, 'POST', '/api/v1/attendance/sanctions', body)).statusCode).toBe(
      404,
    );
    expect((await call(env.app, pegawai, 'POST', '/api/v1/attendance/sanctions', body)).statusCode).toBe(404);
    expect(
      (
        await call(env.app, pegawai, 'POST', '/api/v1/attendance/sanctions', {
          ...body,
          employeeId: pegawaiId,
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(env.app, jambi, 'POST', '/api/v1/attendance/sanctions', body)).statusCode).toBe(404);
    expect(
      (await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/sanctions', { ...body, months: 0 }))
        .statusCode,
    ).toBe(400);
    expect(await fingerprint()).toBe(before);
    const res = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/sanctions', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ startMonth: '2026-08', endMonth: '2026-09', basisPoints: 500 });
    const aug = await monthDeductions(env.db.kysely, surabayaId, '2026-08', [staff[2].id]);
    expect(aug.get(staff[2].id)?.lines).toContainEqual({
      date: '2026-08-01',
      code: 'HUKDIS',
      basisPoints: 500,
      note: 'SK 800/77/2026',
    });
    const sep = await monthDeductions(env.db.kysely, surabayaId, '2026-09', [staff[2].id]);
    expect(sep.get(staff[2].id)?.lines.filter((l) => l.code === 'HUKDIS')).toHaveLength(1);
    const oct = await monthDeductions(env.db.kysely, surabayaId, '2026-10', [staff[2].id]);
    expect(oct.get(staff[2].id)?.lines.filter((l) => l.code === 'HUKDIS')).toHaveLength(0);
    const list = json(
      await call(env.app, walikota, 'GET', `/api/v1/attendance/sanctions?employeeId=${staff[2].id}`),
    );
    expect(list.items).toHaveLength(1);
    expect(json(await call(env.app, pegawai, 'GET', '/api/v1/attendance/sanctions')).items).toEqual([]);
    expect(
      (await call(env.app, pegawai, 'GET', `/api/v1/attendance/sanctions?employeeId=${staff[2].id}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(env.app, bkpsdm, 'DELETE', `/api/v1/attendance/sanctions/${res.json().id}`)).statusCode,
    ).toBe(204);
  });

  it('schedules: a new one applies from its date; the last one cannot be removed', async () => {
    const created = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/schedules', {
      name: 'Jam kerja uji Agustus',
      validFrom: '2026-08-03',
      validTo: '2026-08-07',
      days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '16:00' })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = json(await month(bkpsdm, staff[2].id, '2026-08'));
    expect(dayOf(view, '2026-08-04')).toMatchObject({
      codes: [],
      lateMinutes: 0,
      schedule: { start: '08:00' },
    });
    // an earlier start makes stored on-time days late: the stored days are re-derived at once
    const early = await call(env.app, bkpsdm, 'POST', '/api/v1/attendance/schedules', {
      name: 'Apel besar',
      validFrom: '2026-08-04',
      validTo: '2026-08-04',
      days: [{ weekday: 2, start: '07:00', end: '16:00' }],
    });
    expect(early.statusCode, early.body).toBe(201);
    const all = await monthDeductions(env.db.kysely, surabayaId, '2026-08');
    const lineOn = (id: string) => all.get(id)?.lines.find((l) => l.date === '2026-08-04');
    expect(lineOn(staff[0].id)).toEqual({ date: '2026-08-04', code: 'TL1', basisPoints: 50, minutes: 30 });
    expect(lineOn(staff[2].id)).toEqual({ date: '2026-08-04', code: 'TL2', basisPoints: 100, minutes: 60 });
    const cal = json(await call(env.app, bkpsdm, 'GET', '/api/v1/attendance/calendar?year=2026'));
    for (const s of cal.schedules.slice(1))
      expect((await call(env.app, bkpsdm, 'DELETE', `/api/v1/attendance/schedules/${s.id}`)).statusCode).toBe(
        204,
      );
    const before = await fingerprint();
    const last = await call(env.app, bkpsdm, 'DELETE', `/api/v1/attendance/schedules/${cal.schedules[0].id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.message).toBe(
      'Jadwal kerja terakhir tidak dapat dihapus; ubah saja jam kerjanya.',
    );
    expect(await fingerprint()).toBe(before);
  });
});
