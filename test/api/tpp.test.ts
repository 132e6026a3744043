/**
 * TPP: settings, the monthly run (draft → checked → locked), proration of mid-month moves, Plt shares,
 * weight renormalisation, deductions from attendance, the payroll XLSX, the employee's explanation and who
 * may see what. The clock is fixed at Friday 4 December 2026, 10:00 WIB.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/core/ids.ts';
import { tppOfMonth } from '../../src/modules/tpp/account.ts';
import {
  call,
  createTestEnv,
  createUser,
  holderOf,
  login,
  positionId,
  type Session,
  snapshot,
  type TestEnv,
  unitId,
} from '../support/app.ts';

vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date('2026-12-04T03:00:00.000Z'));

type Res = Awaited<ReturnType<typeof call>>;
let env: TestEnv;
let bkpsdm: Session;
let pegawai: Session;
let atasan: Session;
let adminopd: Session;
let walikota: Session;
let inspektorat: Session;
let jambi: Session;
let surabayaId: string;
let pegawaiId: string;
const runs = {} as Record<'oct' | 'nov', string>;

interface Totals {
  employees: number;
  base: number;
  kinerja: number;
  disiplin: number;
  potongan: number;
  bruto: number;
  bpjs: number;
  netto: number;
}
interface RunBody {
  id: string;
  month: string;
  status: string;
  totals: Totals;
  opds: { opdId: string; opdName: string; totals: Totals & { disiplinMax: number } }[];
  reconciliation: { ok: boolean; fromLines: Totals };
}

/** Everything a refused request must leave alone: the foundation snapshot plus every TPP table. */
async function fingerprint() {
  const sums = await sql<{ t: string; n: number }>`
    select 'runs' as t, count(*) as n from tpp_runs
    union all select 'lines', count(*) from tpp_lines
    union all select 'netto', coalesce(sum(netto), 0) from tpp_lines
    union all select 'pagu', coalesce(sum(amount), 0) from tpp_pagu
    union all select 'weights', coalesce(sum(kinerja_bp * (kinerja_enabled + 1)), 0) from tpp_weights
    union all select 'rules', coalesce(sum(bpjs_bp + acting_share_bp), 0) from tpp_rules
    union all select 'status', count(*) from tpp_runs where status = 'locked'`.execute(env.db.kysely);
  const figures = sums.rows.map((r) => `${r.t}=${Number(r.n)}`).sort();
  const updated = await env.db.kysely
    .selectFrom('tpp_runs')
    .select((eb) => eb.fn.max('updated_at').as('m'))
    .executeTakeFirstOrThrow();
  return `${await snapshot(env.db)}|${figures.join(',')}|${updated.m}`;
}

async function expectRefused(send: () => Promise<Res>, status: number, code: string, message?: RegExp) {
  const before = await fingerprint();
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.message.length).toBeGreaterThan(5);
  if (message) expect(res.json().error.message).toMatch(message);
  expect(await fingerprint()).toBe(before);
  return res.json().error as { code: string; message: string; details: { path: string; message: string }[] };
}

async function newRun(month: string, headers: Record<string, string> = {}): Promise<RunBody> {
  const res = await call(env.app, bkpsdm, 'POST', '/api/v1/tpp/runs', { month }, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function allLines(runId: string, opdId?: string) {
  const out: Record<string, number | string>[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({
      limit: '97',
      ...(opdId ? { opdId } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const res = await call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runId}/lines?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    out.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  return out;
}

const explain = async (s: Session, employeeId: string, month: string) => {
  const res = await call(env.app, s, 'GET', `/api/v1/tpp/employees/${employeeId}?month=${month}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function settings() {
  return (await call(env.app, bkpsdm, 'GET', '/api/v1/tpp/settings')).json();
}
const putSettings = (body: unknown, s: Session = bkpsdm, headers: Record<string, string> = {}) =>
  call(env.app, s, 'PUT', '/api/v1/tpp/settings', body, headers);

beforeAll(async () => {
  env = await createTestEnv();
  bkpsdm = await login(env.app, 'surabaya', 'bkpsdm');
  pegawai = await login(env.app, 'surabaya', 'pegawai');
  atasan = await login(env.app, 'surabaya', 'atasan');
  adminopd = await login(env.app, 'surabaya', 'adminopd');
  walikota = await login(env.app, 'surabaya', 'walikota');
  inspektorat = await login(env.app, 'surabaya', 'inspektorat');
  jambi = await login(env.app, 'jambi', 'bkpsdm');
  surabayaId = bkpsdm.tenantId;
  pegawaiId = pegawai.employeeId as string;
  const list = (await call(env.app, bkpsdm, 'GET', '/api/v1/tpp/runs')).json();
  runs.oct = list.items.find((r: { month: string }) => r.month === '2026-10').id;
  runs.nov = list.items.find((r: { month: string }) => r.month === '2026-11').id;
});
afterAll(() => env.close());

describe('seeded settings and runs', () => {
  it('has a pagu for every kelas, Surabaya weights 80:20, BPJS 1% and Plt 20%', async () => {
    const s = await settings();
    expect(s.pagu).toHaveLength(17);
    expect(s.pagu[0]).toEqual({ kelas: 1, amount: 2_500_000 });
    expect(s.pagu[14]).toEqual({ kelas: 15, amount: 40_000_000 });
    for (let k = 1; k < 17; k++) expect(s.pagu[k].amount).toBeGreaterThan(s.pagu[k - 1].amount);
    expect(s.weights).toEqual([
      { group: 'default', kinerjaBp: 8000, disiplinBp: 2000, kinerjaEnabled: true, disiplinEnabled: true },
    ]);
    expect(s.rules).toEqual({ bpjsBp: 100, bpjsCap: null, actingShareBp: 2000 });
    const j = (await call(env.app, jambi, 'GET', '/api/v1/tpp/settings')).json();
    expect(j.pagu[0].amount).toBe(1_500_000);
    expect(j.weights[0]).toMatchObject({ kinerjaBp: 6000, disiplinBp: 4000 });
  });

  it('October is locked and November is a draft, both reconciled with their lines', async () => {
    for (const [id, status] of [
      [runs.oct, 'locked'],
      [runs.nov, 'draft'],
    ] as const) {
      const run: RunBody = (await call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${id}`)).json();
      expect(run.status).toBe(status);
      expect(run.totals.employees).toBeGreaterThan(300);
      expect(run.reconciliation.ok).toBe(true);
      expect(run.reconciliation.fromLines).toEqual(run.totals);
      const lines = await allLines(id);
      expect(lines).toHaveLength(run.totals.employees);
      for (const k of ['base', 'bruto', 'bpjs', 'netto', 'potongan'] as const)
        expect(lines.reduce((n, l) => n + Number(l[k]), 0)).toBe(run.totals[k]);
    }
  });
});

describe('a locked month', () => {
  it('refuses a recompute, a check and a second lock (409, localised), and nothing changes', async () => {
    const e = await expectRefused(
      () => call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${runs.oct}/compute`),
      409,
      'TPP_RUN_LOCKED',
      /2026-10.*dikunci/,
    );
    expect(e.message).toMatch(/tidak dapat dihitung ulang/);
    await expectRefused(
      () =>
        call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${runs.oct}/compute`, undefined, {
          'accept-language': 'en',
        }),
      409,
      'TPP_RUN_LOCKED',
      /locked and can no longer be recomputed/,
    );
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${runs.oct}/check`),
      409,
      'TPP_RUN_LOCKED',
    );
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${runs.oct}/lock`),
      409,
      'TPP_RUN_LOCKED',
    );
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', '/api/v1/tpp/runs', { month: '2026-10' }),
      409,
      'TPP_RUN_EXISTS',
    );
  });

  it('keeps its figures when the settings change afterwards', async () => {
    const before = (await call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runs.oct}`)).json();
    const s = await settings();
    const res = await putSettings({
      pagu: s.pagu.map((p: { kelas: number; amount: number }) => ({ ...p, amount: p.amount + 1000 })),
      weights: s.weights,
      rules: s.rules,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runs.oct}`)).json();
    expect(after.totals).toEqual(before.totals);
    expect(await putSettings({ pagu: s.pagu, weights: s.weights, rules: s.rules })).toHaveProperty(
      'statusCode',
      200,
    );
  });
});

describe('the run lifecycle', () => {
  let sep: RunBody;
  it('creates a run once per month; the same Idempotency-Key returns it', async () => {
    sep = await newRun('2026-09', { 'idempotency-key': 'tpp-sep-1' });
    expect(sep.status).toBe('draft');
    expect(sep.reconciliation.ok).toBe(true);
    const again = await call(
      env.app,
      bkpsdm,
      'POST',
      '/api/v1/tpp/runs',
      { month: '2026-09' },
      {
        'idempotency-key': 'tpp-sep-1',
      },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(sep.id);
    await expectRefused(
      () =>
        call(
          env.app,
          bkpsdm,
          'POST',
          '/api/v1/tpp/runs',
          { month: '2026-09' },
          { 'idempotency-key': 'other' },
        ),
      409,
      'TPP_RUN_EXISTS',
    );
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', '/api/v1/tpp/runs', { month: '2027-01' }),
      400,
      'TPP_MONTH_FUTURE',
    );
  });

  it('draft → checked → (recompute: draft) → checked → locked, each step audited', async () => {
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${sep.id}/lock`),
      409,
      'TPP_RUN_STATUS',
      /draf/,
    );
    const checked = await call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${sep.id}/check`);
    expect(checked.json()).toMatchObject({ status: 'checked', checkedBy: expect.any(String) });
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${sep.id}/check`),
      409,
      'TPP_RUN_STATUS',
    );
    const recomputed = await call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${sep.id}/compute`);
    expect(recomputed.statusCode).toBe(200);
    expect(recomputed.json()).toMatchObject({ status: 'draft', checkedAt: null, totals: sep.totals });
    await call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${sep.id}/check`);
    const locked = await call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${sep.id}/lock`);
    expect(locked.statusCode, locked.body).toBe(200);
    expect(locked.json()).toMatchObject({
      status: 'locked',
      abilities: { compute: false, check: false, lock: false },
    });
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${sep.id}/compute`),
      409,
      'TPP_RUN_LOCKED',
    );
    const actions = await env.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', sep.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'tpp.run.create',
      'tpp.run.compute',
      'tpp.run.check',
      'tpp.run.compute',
      'tpp.run.check',
      'tpp.run.lock',
    ]);
  });

  it('a month that has not ended cannot be locked', async () => {
    const dec = await newRun('2026-12');
    await call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${dec.id}/check`);
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${dec.id}/lock`),
      409,
      'TPP_MONTH_NOT_ENDED',
    );
  });
});

describe('who is paid what', () => {
  it('prorates an employee who moved mid-month by calendar days held', async () => {
    const moverId = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.S3'); // kelas 5
    const unit = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
    const pos = await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
      code: 'DISBUDPORAPAR.B1.SUNGAI.ANALIS',
      name: 'Analis Pariwisata',
      kind: 'fungsional',
      kelas: 9,
      unitId: unit,
      parentPositionId: await positionId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.KASI'),
    });
    const moved = await call(env.app, bkpsdm, 'POST', `/api/v1/org/employees/${moverId}/move`, {
      positionId: pos.json().id,
      startDate: '2026-08-12',
      reason: 'Pengangkatan dalam jabatan fungsional',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const aug = await newRun('2026-08');
    const s = await settings();
    const pagu = (k: number) => s.pagu[k - 1].amount as number;
    const e = await explain(bkpsdm, moverId, '2026-08');
    expect(e.line.status).toBe('draft');
    expect(
      e.line.segments.map((x: { kelas: number; from: string; to: string; days: number }) => [
        x.kelas,
        x.from,
        x.to,
        x.days,
      ]),
    ).toEqual([
      [5, '2026-08-01', '2026-08-11', 11],
      [9, '2026-08-12', '2026-08-31', 20],
    ]);
    // (pagu5 × 11 + pagu9 × 20) ÷ 31, rounded half up once
    const exact = (pagu(5) * 11 + pagu(9) * 20) / 31;
    expect(e.line.base).toBe(Math.floor(exact + 0.5));
    expect(e.line.days).toBe(31);
    expect(e.line.position).toMatchObject({ kelas: 9, name: 'Analis Pariwisata', group: 'default' });
    // the same month, whole: the employee is on one payroll line only
    const lines = await allLines(aug.id);
    expect(lines.filter((l) => l.employeeId === moverId)).toHaveLength(1);
  });

  it('pays a Plt 20% of a same-or-higher position on top of their own, nothing for a lower one or a Plh', async () => {
    const unit = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1');
    const mk = async (code: string, kelas: number, kind: string) =>
      (
        await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
          code,
          name: `Jabatan ${code}`,
          kind,
          kelas,
          unitId: unit,
        })
      ).json().id as string;
    const higher = await mk('DISBUDPORAPAR.B1.PLT11', 11, 'administrator');
    const lower = await mk('DISBUDPORAPAR.B1.PLT4', 4, 'pelaksana');
    const plh = await mk('DISBUDPORAPAR.B1.PLH12', 12, 'administrator');
    const atasanId = atasan.employeeId as string; // kepala seksi, kelas 9
    for (const [position, kind] of [
      [higher, 'plt'],
      [lower, 'plt'],
      [plh, 'plh'],
    ] as const) {
      const res = await call(env.app, bkpsdm, 'POST', `/api/v1/org/positions/${position}/acting`, {
        employeeId: atasanId,
        kind,
        startDate: '2026-07-01',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    await newRun('2026-07');
    const s = await settings();
    const e = await explain(bkpsdm, atasanId, '2026-07');
    expect(e.line.ownBase).toBe(s.pagu[8].amount);
    expect(e.line.acting).toHaveLength(2); // Plh earns nothing and is not listed
    const share = e.line.acting.find((a: { kelas: number }) => a.kelas === 11);
    expect(share).toMatchObject({ eligibleDays: 31, shareBp: 2000, pagu: s.pagu[10].amount });
    expect(e.line.acting.find((a: { kelas: number }) => a.kelas === 4).eligibleDays).toBe(0);
    expect(e.line.actingBase).toBe(Math.round(s.pagu[10].amount * 0.2));
    expect(e.line.base).toBe(e.line.ownBase + e.line.actingBase);
  });

  it('gives no TPP to an employee without a position that month', async () => {
    const leaverId = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.S2');
    const res = await call(env.app, bkpsdm, 'POST', `/api/v1/org/employees/${leaverId}/deactivate`, {
      status: 'retired',
      date: '2026-05-01',
      reason: 'Pensiun BUP',
    });
    expect(res.statusCode, res.body).toBe(200);
    const may = await newRun('2026-05');
    const lines = await allLines(may.id);
    expect(lines.find((l) => l.employeeId === leaverId)).toBeUndefined();
    const e = await explain(bkpsdm, leaverId, '2026-05');
    expect(e.line).toBeNull();
    expect(e.warnings.map((w: { code: string }) => w.code)).toEqual(['TPP_WARN_NO_POSITION']);
    // April: a whole month in the post
    expect((await explain(bkpsdm, leaverId, '2026-04')).line.days).toBe(30);
    expect(await tppOfMonth(env.db.kysely, surabayaId, leaverId, '2026-06')).toBeNull();
  });

  it('renormalises the weights when a component is disabled, and uses a position group’s own weights', async () => {
    const s = await settings();
    const res = await putSettings({
      pagu: s.pagu,
      weights: [
        { group: 'default', kinerjaBp: 6000, disiplinBp: 4000, kinerjaEnabled: true, disiplinEnabled: false },
        { group: 'pengawas', kinerjaBp: 7000, disiplinBp: 3000, kinerjaEnabled: true, disiplinEnabled: true },
      ],
      rules: s.rules,
    });
    expect(res.statusCode, res.body).toBe(200);
    const jun = await newRun('2026-06');
    const p = await explain(bkpsdm, pegawaiId, '2026-06');
    expect(p.line.weights).toMatchObject({
      group: 'default',
      kinerjaBp: 6000,
      disiplinEnabled: false,
      effectiveKinerjaBp: 10000,
      effectiveDisiplinBp: 0,
    });
    expect(p.line.disiplinMax).toBe(0);
    expect(p.line.komponenDisiplin).toBe(0);
    expect(p.line.kinerjaMax).toBe(p.line.base);
    const a = await explain(bkpsdm, atasan.employeeId as string, '2026-06');
    expect(a.line.weights).toMatchObject({
      group: 'pengawas',
      effectiveKinerjaBp: 7000,
      effectiveDisiplinBp: 3000,
    });
    expect(a.line.kinerjaMax).toBe(Math.round(a.line.base * 0.7));
    expect(a.line.kinerjaMax + a.line.disiplinMax).toBe(a.line.base);
    expect((await call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${jun.id}`)).json().reconciliation.ok).toBe(
      true,
    );
    await putSettings({ pagu: s.pagu, weights: s.weights, rules: s.rules });
  });

  it('takes approved minutes and dated attendance deductions into the line, explained', async () => {
    // November: the pegawai tapped in every working day except two (TK), late once by 45 minutes (TL2)
    const workdays: string[] = [];
    for (let d = 1; d <= 30; d++) {
      const date = `2026-11-${String(d).padStart(2, '0')}`;
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6) workdays.push(date);
    }
    const absent = ['2026-11-10', '2026-11-11'];
    const at = new Date().toISOString();
    await env.db.kysely
      .insertInto('attendance_days')
      .values(
        workdays
          .filter((d) => !absent.includes(d))
          .map((date) => ({
            tenant_id: surabayaId,
            employee_id: pegawaiId,
            date,
            check_in_min: date === '2026-11-18' ? 7 * 60 + 30 + 45 : 7 * 60 + 20,
            check_out_min: 16 * 60 + 45,
            apel: null,
            source: 'test',
            import_id: null,
            updated_at: at,
          })),
      )
      .execute();
    // and 3,000 approved minutes in the month
    await env.db.kysely
      .insertInto('rollup_person_month')
      .values({
        tenant_id: surabayaId,
        employee_id: pegawaiId,
        month: '2026-11',
        entries: 10,
        minutes_logged: 3300,
        minutes_approved: 3000,
        minutes_pending: 300,
        minutes_rejected: 0,
      })
      .execute();
    const before: RunBody = (await call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runs.nov}`)).json();
    const res = await call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${runs.nov}/compute`);
    expect(res.statusCode, res.body).toBe(200);
    const e = (await call(env.app, pegawai, 'GET', '/api/v1/tpp/me?month=2026-11')).json();
    const line = e.line;
    expect(line.status).toBe('draft');
    const codes = line.deductions.lines.map((l: { date: string; code: string }) => `${l.date} ${l.code}`);
    expect(codes).toContain('2026-11-10 TK');
    expect(codes).toContain('2026-11-11 TK');
    expect(codes).toContain('2026-11-18 TL2');
    expect(line.deductions.lines.find((l: { code: string }) => l.code === 'TL2').minutes).toBe(45);
    expect(line.deductions.appliedBp).toBe(400 + 400 + 100);
    expect(line.deductions.recorded).toBe(true);
    expect(line.komponenDisiplin).toBe(Math.floor((line.disiplinMax * (10000 - 900)) / 10000 + 0.5));
    expect(line.potongan).toBe(line.disiplinMax - line.komponenDisiplin);
    expect(line.potongan).toBeGreaterThan(0);
    // 2 days absent × 300 + 45 late minutes come off the cap of the counted minutes
    expect(line.performance).toMatchObject({ approved: 3000, pending: 300, shortfall: 645 });
    expect(line.performance.factorBp).toBe(
      Math.floor(
        (Math.min(3000, line.performance.effective - 645) * 10000) / line.performance.effective + 0.5,
      ),
    );
    expect(line.komponenKinerja).toBe(
      Math.floor((line.base * line.weights.effectiveKinerjaBp * line.performance.factorBp) / 1e8 + 0.5),
    );
    expect(line.bruto).toBe(line.komponenKinerja + line.komponenDisiplin);
    expect(line.bpjs.amount).toBe(Math.floor(line.bruto / 100 + 0.5));
    expect(line.netto).toBe(line.bruto - line.bpjs.amount);
    // the reasons it may still be cut, each with its deadline
    const warnings = new Map(e.warnings.map((w: { code: string }) => [w.code, w]));
    expect(warnings.get('TPP_WARN_PENDING')).toMatchObject({
      deadline: '2026-12-10',
      params: { minutes: 300 },
    });
    expect(warnings.get('TPP_WARN_ABSENT')).toMatchObject({ deadline: '2026-12-10', dates: absent });
    expect(e.closeDeadline).toBe('2026-12-10');
    // the run's totals moved by exactly this one line
    const after: RunBody = (await call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runs.nov}`)).json();
    expect(after.reconciliation.ok).toBe(true);
    // one fewer than when seeded: the employee retired in May is no longer on the November list
    expect(after.totals.employees).toBe(before.totals.employees - 1);
  });

  it('estimates the running month live and says what is missing, with deadlines', async () => {
    const e = (await call(env.app, pegawai, 'GET', '/api/v1/tpp/me')).json();
    expect(e.month).toBe('2026-12');
    expect(e.line.status).toBe('checked'); // the December run checked above
    const oct = (await call(env.app, pegawai, 'GET', '/api/v1/tpp/me?month=2026-10')).json();
    expect(oct.line.status).toBe('locked');
    expect(oct.warnings).toEqual([]);
    const mar = (await call(env.app, pegawai, 'GET', '/api/v1/tpp/me?month=2026-03')).json();
    expect(mar.line.status).toBe('estimate');
    expect(mar.line.runId).toBeNull();
    const noActivity = mar.warnings.find((w: { code: string }) => w.code === 'TPP_WARN_NO_ACTIVITY_CLOSED');
    expect(noActivity.dates.length).toBeGreaterThan(15);
    const direct = await tppOfMonth(env.db.kysely, surabayaId, pegawaiId, '2026-03');
    expect(direct?.netto).toBe(mar.line.netto);
    await expectRefused(
      () => call(env.app, pegawai, 'GET', '/api/v1/tpp/me?month=2027-02'),
      400,
      'TPP_MONTH_FUTURE',
    );
  });
});

describe('the performance account', () => {
  it('shows the TPP block (same figures, reasons, link) to the employee and not to the atasan', async () => {
    const own = await call(env.app, pegawai, 'GET', `/api/v1/accounts/${pegawaiId}?month=2026-11`);
    expect(own.statusCode, own.body).toBe(200);
    const me = (await call(env.app, pegawai, 'GET', '/api/v1/tpp/me?month=2026-11')).json();
    expect(own.json().tpp).toMatchObject({
      month: '2026-11',
      status: 'draft',
      gross: me.line.bruto,
      deductions: me.line.bpjs.amount,
      net: me.line.netto,
      link: '/tpp?bulan=2026-11',
    });
    const lines = own.json().tpp.lines as { amount: number }[];
    expect(lines.slice(1).reduce((n, l) => n + l.amount, 0)).toBe(me.line.bruto);
    expect(own.json().tpp.cutReasons.map((r: { code: string }) => r.code)).toEqual(
      me.warnings.map((w: { code: string }) => w.code),
    );
    const byAtasan = await call(env.app, atasan, 'GET', `/api/v1/accounts/${pegawaiId}?month=2026-11`);
    if (byAtasan.statusCode === 200) expect(byAtasan.json().tpp).toBeUndefined();
  });
});

describe('rounding and reconciliation over random rules', () => {
  it('per OPD and city totals are exactly the sums of the stored lines, whatever the pagu and weights', async () => {
    const original = await settings();
    const apr = await newRun('2026-04');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 75_000_000 }), { minLength: 17, maxLength: 17 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        fc.option(fc.integer({ min: 1_000_000, max: 15_000_000 }), { nil: null }),
        async (amounts, k, disiplinOn, bpjsBp, bpjsCap) => {
          fc.pre(k > 0 || disiplinOn);
          const res = await putSettings({
            pagu: amounts.map((amount, i) => ({ kelas: i + 1, amount })),
            weights: [
              {
                group: 'default',
                kinerjaBp: k,
                disiplinBp: 10_000 - k,
                kinerjaEnabled: true,
                disiplinEnabled: disiplinOn,
              },
            ],
            rules: { bpjsBp, bpjsCap, actingShareBp: 2000 },
          });
          if (!disiplinOn && k === 0) {
            expect(res.statusCode).toBe(400);
            return;
          }
          expect(res.statusCode, res.body).toBe(200);
          const run: RunBody = (
            await call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${apr.id}/compute`)
          ).json();
          expect(run.reconciliation.ok).toBe(true);
          const fromOpds = run.opds.reduce(
            (t, o) => {
              for (const key of Object.keys(t) as (keyof Totals)[]) t[key] += o.totals[key];
              return t;
            },
            { employees: 0, base: 0, kinerja: 0, disiplin: 0, potongan: 0, bruto: 0, bpjs: 0, netto: 0 },
          );
          expect(fromOpds).toEqual(run.totals);
          const lines = await allLines(apr.id);
          expect(lines).toHaveLength(run.totals.employees);
          let netto = 0;
          for (const l of lines) {
            const n = (x: unknown) => Number(x);
            expect(Number.isSafeInteger(n(l.netto))).toBe(true);
            expect(n(l.komponenKinerja) + n(l.komponenDisiplin)).toBe(n(l.bruto));
            expect(n(l.disiplinMax) - n(l.komponenDisiplin)).toBe(n(l.potongan));
            expect(n(l.bruto) - n(l.bpjs)).toBe(n(l.netto));
            expect(n(l.bruto)).toBeLessThanOrEqual(n(l.base));
            netto += n(l.netto);
          }
          expect(netto).toBe(run.totals.netto);
          const sumDb = await env.db.kysely
            .selectFrom('tpp_lines')
            .select((eb) => eb.fn.sum<number>('bruto').as('b'))
            .where('run_id', '=', apr.id)
            .executeTakeFirstOrThrow();
          expect(Number(sumDb.b)).toBe(run.totals.bruto);
        },
      ),
      { numRuns: 6 },
    );
    await putSettings({ pagu: original.pagu, weights: original.weights, rules: original.rules });
  });
});

describe('the payroll list (XLSX)', () => {
  it('one OPD in the usual layout with a total row that equals the OPD total', async () => {
    const run: RunBody = (await call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runs.oct}`)).json();
    const opd = run.opds.find((o) => o.opdName.startsWith('Dinas Kebudayaan')) ?? run.opds[0];
    const res = await call(
      env.app,
      bkpsdm,
      'GET',
      `/api/v1/tpp/runs/${runs.oct}/export.xlsx?opdId=${opd.opdId}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/TPP-2026-10-dinas-kebudayaan/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const sheet = wb.worksheets[0];
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    let header = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === 'No' && !header) header = n;
    });
    expect(values(header)).toEqual([
      'No',
      'Nama',
      'NIP',
      'Jabatan',
      'Kelas',
      'Pagu',
      'Komponen Kinerja',
      'Komponen Disiplin',
      'Potongan',
      'Bruto',
      'BPJS',
      'Netto',
      'Tanda Tangan',
    ]);
    expect(String(sheet.getRow(2).getCell(1).value)).toBe('KOTA SURABAYA');
    expect(String(sheet.getRow(5).getCell(1).value)).toMatch(/FINAL/);
    const first = header + 2;
    const rows: unknown[][] = [];
    for (let r = first; r < first + opd.totals.employees; r++) rows.push(values(r));
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => i + 1));
    for (const r of rows) {
      expect(String(r[2])).toMatch(/^\d{18}$/);
      expect(Number(r[6]) + Number(r[7]) - Number(r[8])).toBe(Number(r[9])); // kinerja + disiplin − potongan = bruto
      expect(Number(r[9]) - Number(r[10])).toBe(Number(r[11]));
    }
    const total = values(first + opd.totals.employees);
    expect(String(total[1])).toMatch(/^JUMLAH/);
    expect(total.slice(5, 12).map(Number)).toEqual([
      opd.totals.base,
      opd.totals.kinerja,
      opd.totals.disiplinMax,
      opd.totals.potongan,
      opd.totals.bruto,
      opd.totals.bpjs,
      opd.totals.netto,
    ]);
    expect(rows.reduce((n, r) => n + Number(r[11]), 0)).toBe(opd.totals.netto);
    const audited = await env.db.kysely
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'tpp.run.export')
      .where('entity_id', '=', runs.oct)
      .execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  it('the whole city: one sheet per OPD and a recap whose grand total is the run total', async () => {
    const run: RunBody = (await call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runs.oct}`)).json();
    const res = await call(env.app, walikota, 'GET', `/api/v1/tpp/runs/${runs.oct}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(run.opds.length + 1);
    const recap = wb.getWorksheet('Rekapitulasi');
    let grand: unknown[] = [];
    recap?.eachRow((row) => {
      if (row.getCell(2).value === 'JUMLAH SELURUHNYA') grand = (row.values as unknown[]).slice(1);
    });
    expect(grand.slice(2).map(Number)).toEqual([
      run.totals.employees,
      run.totals.base,
      run.totals.kinerja,
      run.opds.reduce((n, o) => n + o.totals.disiplinMax, 0),
      run.totals.potongan,
      run.totals.bruto,
      run.totals.bpjs,
      run.totals.netto,
    ]);
    await expectRefused(
      () => call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runs.oct}/export.xlsx?opdId=${newId()}`),
      404,
      'NOT_FOUND',
    );
  });
});

describe('who may see and do what', () => {
  it('only BKPSDM runs TPP; pimpinan and inspektorat read; others are refused and nothing is written', async () => {
    for (const s of [pegawai, atasan, adminopd, walikota, inspektorat]) {
      // who may not even read runs does not learn that this one exists
      const reader = s === walikota || s === inspektorat;
      await expectRefused(
        () => call(env.app, s, 'POST', `/api/v1/tpp/runs/${runs.nov}/compute`),
        reader ? 403 : 404,
        reader ? 'FORBIDDEN' : 'NOT_FOUND',
      );
      await expectRefused(
        () => call(env.app, s, 'POST', '/api/v1/tpp/runs', { month: '2026-02' }),
        403,
        'FORBIDDEN',
      );
      const settingsBody = await settings();
      await expectRefused(
        () =>
          putSettings(
            { pagu: settingsBody.pagu, weights: settingsBody.weights, rules: settingsBody.rules },
            s,
          ),
        403,
        'FORBIDDEN',
      );
    }
    for (const s of [walikota, inspektorat]) {
      expect((await call(env.app, s, 'GET', `/api/v1/tpp/runs/${runs.nov}`)).statusCode).toBe(200);
      expect(
        (await call(env.app, s, 'GET', `/api/v1/tpp/employees/${pegawaiId}?month=2026-11`)).statusCode,
      ).toBe(200);
    }
    for (const s of [pegawai, atasan, adminopd]) {
      expect((await call(env.app, s, 'GET', '/api/v1/tpp/runs')).statusCode).toBe(403);
      expect((await call(env.app, s, 'GET', `/api/v1/tpp/runs/${runs.nov}/lines`)).statusCode).toBe(403);
    }
  });

  it('an employee sees only their own line; the atasan and admin OPD do not see a subordinate’s pay (404)', async () => {
    const own = await call(env.app, pegawai, 'GET', `/api/v1/tpp/employees/${pegawaiId}?month=2026-11`);
    expect(own.statusCode).toBe(200);
    const other = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.KASI');
    await expectRefused(
      () => call(env.app, pegawai, 'GET', `/api/v1/tpp/employees/${other}?month=2026-11`),
      404,
      'NOT_FOUND',
    );
    await expectRefused(
      () => call(env.app, atasan, 'GET', `/api/v1/tpp/employees/${pegawaiId}?month=2026-11`),
      404,
      'NOT_FOUND',
    );
    await expectRefused(
      () => call(env.app, adminopd, 'GET', `/api/v1/tpp/employees/${pegawaiId}?month=2026-11`),
      404,
      'NOT_FOUND',
    );
    // the mayor holds no ASN position: no own TPP
    await expectRefused(() => call(env.app, walikota, 'GET', '/api/v1/tpp/me'), 404, 'NOT_FOUND');
    // a login without an employee record
    await createUser(env.db, 'surabaya', 'tamu.tpp', null);
    const tamu = await login(env.app, 'surabaya', 'tamu.tpp');
    await expectRefused(() => call(env.app, tamu, 'GET', '/api/v1/tpp/me'), 404, 'NOT_FOUND');
  });

  it('another city sees nothing of this one (404) and writes nothing', async () => {
    for (const [method, url] of [
      ['GET', `/api/v1/tpp/runs/${runs.nov}`],
      ['GET', `/api/v1/tpp/runs/${runs.nov}/lines`],
      ['GET', `/api/v1/tpp/runs/${runs.nov}/export.xlsx`],
      ['POST', `/api/v1/tpp/runs/${runs.nov}/compute`],
      ['POST', `/api/v1/tpp/runs/${runs.nov}/check`],
      ['POST', `/api/v1/tpp/runs/${runs.oct}/lock`],
      ['GET', `/api/v1/tpp/employees/${pegawaiId}?month=2026-11`],
    ] as const) {
      const res = await expectRefused(() => call(env.app, jambi, method, url), 404, 'NOT_FOUND');
      expect(JSON.stringify(res)).not.toContain(surabayaId);
    }
    const list = (await call(env.app, jambi, 'GET', '/api/v1/tpp/runs')).json();
    expect(list.items.map((r: { id: string }) => r.id)).not.toContain(runs.nov);
  });
});

describe('bad input', () => {
  const valid = async () => {
    const s = await settings();
    return { pagu: s.pagu, weights: s.weights, rules: s.rules };
  };

  it('weights that do not add up, a missing kelas, a duplicate group: 400 with every problem named', async () => {
    const body = await valid();
    const e = await expectRefused(
      () =>
        putSettings({
          ...body,
          pagu: body.pagu.filter((p: { kelas: number }) => p.kelas !== 12),
          weights: [
            {
              group: 'default',
              kinerjaBp: 6000,
              disiplinBp: 3000,
              kinerjaEnabled: true,
              disiplinEnabled: true,
            },
            { group: 'jpt', kinerjaBp: 0, disiplinBp: 10000, kinerjaEnabled: true, disiplinEnabled: false },
            { group: 'jpt', kinerjaBp: 5000, disiplinBp: 5000, kinerjaEnabled: true, disiplinEnabled: true },
          ],
        }),
      400,
      'VALIDATION_FAILED',
    );
    const messages = e.details.map((d) => `${d.path}: ${d.message}`);
    expect(messages).toContain(
      'pagu: Tabel pagu harus memuat setiap kelas jabatan 1–17 tepat satu kali (kurang: 12).',
    );
    expect(messages).toContain(
      'weights.0: Bobot kinerja dan disiplin untuk kelompok "default" harus berjumlah 100% (sekarang 90%).',
    );
    expect(
      messages.some((m) => m.startsWith('weights.1: Kelompok "jpt": paling sedikit satu komponen')),
    ).toBe(true);
    expect(messages).toContain('weights.2.group: Kelompok "jpt" muncul lebih dari sekali.');
  });

  it('no default group, in English when asked', async () => {
    const body = await valid();
    const e = await expectRefused(
      () =>
        putSettings(
          {
            ...body,
            weights: [
              {
                group: 'jpt',
                kinerjaBp: 6000,
                disiplinBp: 4000,
                kinerjaEnabled: true,
                disiplinEnabled: true,
              },
            ],
          },
          bkpsdm,
          { 'accept-language': 'en' },
        ),
      400,
      'VALIDATION_FAILED',
    );
    expect(e.message).toBe('The submitted data is not valid.');
    expect(e.details.map((d) => d.message)).toContain('The "default" weight group is required.');
  });

  it('wrong types, unknown fields, negative money, bad months', async () => {
    const body = await valid();
    for (const bad of [
      { ...body, pagu: body.pagu.map((p: { kelas: number }) => ({ ...p, amount: -1 })) },
      { ...body, pagu: body.pagu.map((p: { kelas: number }) => ({ ...p, amount: 1.5 })) },
      { ...body, rules: { ...body.rules, bpjsBp: '1%' } },
      { ...body, tenantId: surabayaId },
      { ...body, weights: [{ ...body.weights[0], group: 'kepala' }] },
    ])
      await expectRefused(() => putSettings(bad), 400, 'VALIDATION_FAILED');
    for (const month of ['2026-13', '2026-1', 'November', ''])
      await expectRefused(
        () => call(env.app, bkpsdm, 'POST', '/api/v1/tpp/runs', { month }),
        400,
        'VALIDATION_FAILED',
      );
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', '/api/v1/tpp/runs', {}),
      400,
      'VALIDATION_FAILED',
    );
    await expectRefused(
      () => call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runs.nov}/lines?limit=0`),
      400,
      'VALIDATION_FAILED',
    );
    await expectRefused(
      () => call(env.app, pegawai, 'GET', '/api/v1/tpp/me?month=12-2026'),
      400,
      'VALIDATION_FAILED',
    );
    await expectRefused(
      () => call(env.app, bkpsdm, 'GET', `/api/v1/tpp/runs/${runs.nov}/lines?cursor=abc`),
      400,
      'VALIDATION_FAILED',
    );
    await expectRefused(
      () => call(env.app, bkpsdm, 'POST', `/api/v1/tpp/runs/${newId()}/compute`),
      404,
      'NOT_FOUND',
    );
  });
});
