/**
 * bench:close — the monthly close of a Surabaya-scale city (35,000 employees × scale): the predikat of every
 * due evaluation (`finaliseDue`) and the TPP run of every employee (`createRun`: facts, lines, totals, audit),
 * on a deterministic generated city with positions and kelas jabatan, mid-month moves, Plt assignments,
 * leave, person-month activity rollups and a month of attendance taps.
 *
 * Baselines measured in the same run over the same data:
 *   - the naive per-employee loop (the same engine asked for one employee at a time, one line written per
 *     call) on a sample, extrapolated to the whole city;
 *   - a bare SQL aggregate (one GROUP BY over rollups × positions × pagu), the floor of any set-based approach.
 *
 *   npm run bench:close -- --scale 1 [--db sqlite|postgres] [--database postgres://…] [--month 2026-11] [--keep]
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { Actor } from '../src/core/auth.ts';
import type { RequestContext } from '../src/core/context.ts';
import { newId } from '../src/core/ids.ts';
import { type Db, migrateToLatest, openDatabase, transaction } from '../src/db/index.ts';
import type { Database } from '../src/db/schema.ts';
import { datesBetween, isoWeekday, monthEnd, monthStart } from '../src/modules/activities/calendar.ts';
import { monthLines } from '../src/modules/tpp/engine.ts';
import { createRun, lineRow } from '../src/modules/tpp/service.ts';
import { demoPagu } from '../src/seed/tpp.ts';
import { arg } from './support.ts';

const scale = Number(arg('scale', '1'));
const dialect = arg('db', 'sqlite') === 'postgres' ? 'postgres' : 'sqlite';
const month = arg('month', '2026-11');
const employeesWanted = Math.max(20, Math.round(35_000 * scale));
const log = (msg: string) => process.stderr.write(`[bench:close] ${msg}\n`);

// ---------- the database ----------
const dir = join(process.cwd(), 'bench', 'out', `close-${scale}`);
let db: Db;
let dropSchema: (() => Promise<void>) | null = null;
if (dialect === 'sqlite') {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  db = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
} else {
  const url = arg('database', process.env.TEST_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/app');
  const schema = `bench_close_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  db = openDatabase(url, { schema });
  dropSchema = async () => {
    await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db.kysely);
  };
}
await migrateToLatest(db);

// ---------- a deterministic city ----------
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(3578);
const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

const tenantId = newId();
const at = new Date().toISOString();
const from = monthStart(month);
const to = monthEnd(month);
const moveDay = `${month}-16`;
const HOLIDAYS = ['2026-01-01', '2026-05-01', '2026-08-17', '2026-12-25', '2026-12-24'];
const workDates = datesBetween(from, to).filter((d) => isoWeekday(d) <= 5 && !HOLIDAYS.includes(d));

interface Unit {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  type: string;
  parent_id: string | null;
  path: string;
  depth: number;
  valid_from: string;
  valid_to: null;
  active: 1;
  created_at: string;
  updated_at: string;
}
const units: Unit[] = [];
const positions: {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  kind: string;
  kelas: number;
  unit_id: string;
  parent_position_id: string | null;
  is_key: 0 | 1;
  competencies: string;
  active: 1;
  created_at: string;
  updated_at: string;
}[] = [];
const unit = (code: string, name: string, type: string, parent: Unit | null): Unit => {
  const id = newId();
  const u: Unit = {
    tenant_id: tenantId,
    id,
    code,
    name,
    type,
    parent_id: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: (parent?.depth ?? -1) + 1,
    valid_from: '2021-01-01',
    valid_to: null,
    active: 1,
    created_at: at,
    updated_at: at,
  };
  units.push(u);
  return u;
};
const position = (
  code: string,
  name: string,
  kind: string,
  kelas: number,
  u: Unit,
  parent: string | null,
) => {
  const id = newId();
  positions.push({
    tenant_id: tenantId,
    id,
    code,
    name,
    kind,
    kelas,
    unit_id: u.id,
    parent_position_id: parent,
    is_key: kind === 'jpt' || kind === 'administrator' ? 1 : 0,
    competencies: '[]',
    active: 1,
    created_at: at,
    updated_at: at,
  });
  return id;
};

log(`generating a city of ${employeesWanted.toLocaleString('id-ID')} employees…`);
const genStart = performance.now();
const root = unit('PEMKOT', 'Pemerintah Kota Bench', 'pemda', null);
const opdCount = Math.max(1, Math.round(60 * Math.min(1, employeesWanted / 35_000)));
const seksiPerOpd = Math.max(1, Math.ceil(employeesWanted / 9 / opdCount));
const bidangPerOpd = Math.max(1, Math.round(Math.sqrt(seksiPerOpd)));
const staffPerSeksi = Math.max(1, Math.floor(employeesWanted / (opdCount * seksiPerOpd)) - 1);
/** positions to fill, in order; vacant ones get a Plt */
const toFill: { id: string; unit: Unit; vacantWithPlt?: string }[] = [];
let bidangCount = 0;
for (let o = 1; o <= opdCount; o++) {
  const opd = unit(`G${o}`, `Dinas Bench ${o}`, 'dinas', root);
  const head = position(`G${o}.K`, `Kepala Dinas Bench ${o}`, 'jpt', 14, opd, null);
  toFill.push({ id: head, unit: opd });
  for (let b = 1; b <= bidangPerOpd; b++) {
    const bidang = unit(`G${o}.B${b}`, `Bidang ${b}`, 'bidang', opd);
    const kabid = position(`G${o}.B${b}.K`, `Kepala Bidang ${b}`, 'administrator', 11, bidang, head);
    // one bidang head in forty is vacant, with a Plt (a kepala seksi of that bidang)
    bidangCount++;
    const vacant = bidangCount % 40 === 20;
    if (!vacant) toFill.push({ id: kabid, unit: bidang });
    for (let s = 1; s <= Math.ceil(seksiPerOpd / bidangPerOpd); s++) {
      const seksi = unit(`G${o}.B${b}.S${s}`, `Seksi ${s}`, 'seksi', bidang);
      const kasi = position(`G${o}.B${b}.S${s}.K`, `Kepala Seksi ${s}`, 'pengawas', 9, seksi, kabid);
      toFill.push({ id: kasi, unit: seksi, vacantWithPlt: vacant && s === 1 ? kabid : undefined });
      for (let p = 1; p <= staffPerSeksi; p++) {
        const fungsional = p % 4 === 0;
        const staff = position(
          `G${o}.B${b}.S${s}.P${p}`,
          fungsional ? 'Analis Kebijakan Ahli Pertama' : 'Pengolah Data dan Informasi',
          fungsional ? 'fungsional' : 'pelaksana',
          fungsional ? 8 : 5 + (p % 3),
          seksi,
          kasi,
        );
        toFill.push({ id: staff, unit: seksi });
      }
    }
  }
}
const fill = toFill.slice(0, employeesWanted);
const employees: Record<string, unknown>[] = [];
const history: Record<string, unknown>[] = [];
const acting: Record<string, unknown>[] = [];
const leaves: Record<string, unknown>[] = [];
const rollups: Record<string, unknown>[] = [];
let movers = 0;
fill.forEach((slot, i) => {
  const id = newId();
  const birth = `${1966 + (i % 34)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
  employees.push({
    tenant_id: tenantId,
    id,
    nip: `19${String(i).padStart(16, '0')}`,
    asn_type: 'PNS',
    name: `Pegawai Bench ${String(i + 1).padStart(6, '0')}`,
    sex: i % 2 ? 'P' : 'L',
    birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
    tmt: '2000-01-01',
    golongan: 'Penata Muda (III/a)',
    education: 'S1',
    email: null,
    phone: null,
    position_id: slot.id,
    unit_id: slot.unit.id,
    status: 'active',
    status_date: null,
    created_at: at,
    updated_at: at,
  });
  // 2% moved on the 16th from a post in another seksi (now vacant) into this one: prorated by days
  const moved = i % 50 === 7;
  if (moved) {
    movers++;
    const oldPos = position(`MOVE.${i}`, 'Pengadministrasi Perkantoran', 'pelaksana', 5, slot.unit, null);
    history.push({
      tenant_id: tenantId,
      id: newId(),
      employee_id: id,
      position_id: oldPos,
      unit_id: slot.unit.id,
      start_date: '2020-01-01',
      end_date: moveDay,
      reason: 'Mutasi',
    });
  }
  history.push({
    tenant_id: tenantId,
    id: newId(),
    employee_id: id,
    position_id: slot.id,
    unit_id: slot.unit.id,
    start_date: moved ? moveDay : '2020-01-01',
    end_date: null,
    reason: null,
  });
  if (slot.vacantWithPlt)
    acting.push({
      tenant_id: tenantId,
      id: newId(),
      position_id: slot.vacantWithPlt,
      employee_id: id,
      kind: 'plt',
      start_date: '2026-01-05',
      end_date: null,
      active: 1,
    });
  if (i % 33 === 5) {
    const start = workDates[int(0, Math.max(0, workDates.length - 6))];
    leaves.push({
      tenant_id: tenantId,
      id: newId(),
      employee_id: id,
      start_date: start,
      end_date: workDates[Math.min(workDates.length - 1, workDates.indexOf(start) + int(1, 4))],
      kind: 'cuti',
      note: 'Cuti tahunan',
    });
  }
  const effective = workDates.length * 300;
  const approved = Math.round(effective * (0.55 + rnd() * 0.75));
  const pending = rnd() < 0.2 ? int(30, 600) : 0;
  rollups.push({
    tenant_id: tenantId,
    employee_id: id,
    month,
    entries: workDates.length * 5,
    minutes_logged: approved + pending,
    minutes_approved: approved,
    minutes_pending: pending,
    minutes_rejected: 0,
  });
});

async function insertAll(trx: Db['kysely'], table: string, rows: readonly object[], per = 400) {
  for (let i = 0; i < rows.length; i += per) {
    // a generic bulk loader over several tables: the rows are built to each table's shape above
    await trx
      .insertInto(table as keyof Database)
      .values(rows.slice(i, i + per) as never)
      .execute();
  }
}

let attendanceRows = 0;
await transaction(db.kysely, async (trx) => {
  await trx
    .insertInto('tenants')
    .values({
      id: tenantId,
      slug: 'benchkota',
      name: 'Kota Bench',
      time_zone: 'Asia/Jakarta',
      settings: '{}',
      active: 1,
      created_at: at,
    })
    .execute();
  await insertAll(trx, 'units', units);
  // parents first (self-referencing foreign key)
  const depth = (p: (typeof positions)[number]) =>
    p.kind === 'jpt' ? 0 : p.kind === 'administrator' ? 1 : p.kind === 'pengawas' ? 2 : 3;
  await insertAll(
    trx,
    'positions',
    [...positions].sort((a, b) => depth(a) - depth(b)),
  );
  await insertAll(trx, 'employees', employees);
  await insertAll(trx, 'position_history', history);
  if (acting.length) await insertAll(trx, 'acting_assignments', acting);
  if (leaves.length) await insertAll(trx, 'employee_leave', leaves);
  await insertAll(trx, 'rollup_person_month', rollups);
  await trx
    .insertInto('work_calendar')
    .values(HOLIDAYS.map((date) => ({ tenant_id: tenantId, date, kind: 'holiday', name: 'Libur nasional' })))
    .execute();
  log(`org written (${units.length} units, ${positions.length} positions); attendance…`);
  // a month of attendance taps: mostly on time, some late, some early, a few days missing (TK)
  const batch: Record<string, unknown>[] = [];
  for (let i = 0; i < employees.length; i++) {
    const e = employees[i];
    for (const date of workDates) {
      const r = rnd();
      if (r < 0.01) continue; // no tap at all: TK
      const friday = isoWeekday(date) === 5;
      const checkIn = r < 0.09 ? 450 + int(1, 120) : int(400, 449);
      const checkOut = r > 0.95 ? (friday ? 990 : 960) - int(1, 100) : (friday ? 990 : 960) + int(0, 40);
      batch.push({
        tenant_id: tenantId,
        employee_id: e.id,
        date,
        check_in_min: checkIn,
        check_out_min: checkOut,
        apel: isoWeekday(date) === 1 ? (rnd() < 0.03 ? 0 : 1) : null,
        source: 'bench',
        import_id: null,
        updated_at: at,
      });
      attendanceRows++;
    }
    if (batch.length >= 4000) await insertAll(trx, 'attendance_days', batch.splice(0), 1000);
    if (i % 5000 === 4999) log(`attendance: ${i + 1}/${employees.length} employees`);
  }
  if (batch.length) await insertAll(trx, 'attendance_days', batch.splice(0), 1000);
  // SKPs and the third-quarter evaluations the close finalises
  const periodId = newId();
  await trx
    .insertInto('periods')
    .values({
      tenant_id: tenantId,
      id: periodId,
      year: 2026,
      start_date: '2026-01-01',
      end_date: '2026-12-31',
      status: 'open',
      created_at: at,
    })
    .execute();
  const skps: Record<string, unknown>[] = [];
  const evaluations: Record<string, unknown>[] = [];
  employees.forEach((e, i) => {
    const skp = newId();
    skps.push({
      tenant_id: tenantId,
      id: skp,
      period_id: periodId,
      employee_id: e.id,
      position_id: e.position_id,
      unit_id: e.unit_id,
      status: 'approved',
      revision: 0,
      return_reason: null,
      header_json: null,
      approved_by_employee_id: null,
      approved_at: at,
      created_at: at,
      updated_at: at,
    });
    const r = i % 10;
    evaluations.push({
      tenant_id: tenantId,
      id: newId(),
      skp_id: skp,
      employee_id: e.id,
      position_id: e.position_id,
      unit_id: e.unit_id,
      period_year: 2026,
      kind: 'q3',
      // 60% acknowledged, 30% rated long ago (due), 10% objected (not due)
      status: r < 6 ? 'acknowledged' : r < 9 ? 'rated' : 'objected',
      evaluator_employee_id: null,
      evaluator_name: 'Atasan Bench',
      evaluator_acting: 0,
      capaian: 1,
      hasil: 'sesuai',
      hasil_guide: 'sesuai',
      hasil_reason: null,
      perilaku: 'sesuai',
      perilaku_guide: 'sesuai',
      perilaku_mean: 2,
      perilaku_reason: null,
      rhk_json: '[]',
      behaviours_json: '[]',
      feedback: null,
      approved_minutes: 0,
      effective_minutes: 0,
      matrix_predikat: 'baik',
      predikat: 'baik',
      calibration_reason: null,
      calibrated_by: null,
      calibrated_at: null,
      rated_at: '2026-10-05T02:00:00.000Z',
      acknowledged_at: r < 6 ? '2026-10-07T02:00:00.000Z' : null,
      objection_reason: r === 9 ? 'Keberatan atas penilaian' : null,
      objected_at: r === 9 ? '2026-10-08T02:00:00.000Z' : null,
      reviewer_employee_id: null,
      reviewer_name: null,
      decision: null,
      decision_reason: null,
      decided_at: null,
      final_at: null,
      created_at: at,
      updated_at: at,
    });
  });
  await insertAll(trx, 'skps', skps, 300);
  await insertAll(trx, 'evaluations', evaluations, 200);
  // the city's TPP rules
  await trx
    .insertInto('tpp_pagu')
    .values(demoPagu(1, 50_000).map((p) => ({ tenant_id: tenantId, ...p, updated_at: at })))
    .execute();
  await trx
    .insertInto('tpp_weights')
    .values({
      tenant_id: tenantId,
      position_group: 'default',
      kinerja_bp: 6000,
      disiplin_bp: 4000,
      kinerja_enabled: 1,
      disiplin_enabled: 1,
      updated_at: at,
    })
    .execute();
  await trx
    .insertInto('tpp_rules')
    .values({ tenant_id: tenantId, bpjs_bp: 100, bpjs_cap: null, acting_share_bp: 2000, updated_at: at })
    .execute();
});
for (const table of [
  'attendance_days',
  'position_history',
  'rollup_person_month',
  'evaluations',
  'employees',
])
  await sql`analyze ${sql.table(table)}`.execute(db.kysely);
const generateSeconds = (performance.now() - genStart) / 1000;
log(
  `generated in ${generateSeconds.toFixed(1)} s (${attendanceRows.toLocaleString('id-ID')} attendance rows)`,
);

// ---------- the close ----------
const actor: Actor = {
  tenantId,
  tenantSlug: 'benchkota',
  tenantName: 'Kota Bench',
  timeZone: 'Asia/Jakarta',
  userId: newId(),
  username: 'bkpsdm',
  displayName: 'BKPSDM Bench',
  employeeId: null,
  roles: [{ role: 'bkpsdm', unitId: null, unitPath: null, unitName: null }],
  locale: 'id',
  sessionId: 'bench',
  csrfToken: 'bench',
};
const ctx: RequestContext = {
  db: db.kysely,
  dialect: db.dialect,
  actor,
  locale: 'id',
  requestId: 'bench',
  ip: null,
};

log('monthly close: predikat, then TPP…');
const closeStart = performance.now();
let predikat: { finalised: number; seconds: number } | null = null;
try {
  const { finaliseDue } = await import('../src/modules/evaluation/close.ts');
  const t0 = performance.now();
  const r = await finaliseDue(db.kysely, tenantId, 2026, 'q3', { asOf: new Date('2026-12-01T00:00:00Z') });
  predikat = { finalised: r.finalised, seconds: (performance.now() - t0) / 1000 };
} catch (err) {
  log(`predikat step skipped: ${(err as Error).message}`);
}
const tppStart = performance.now();
const { run } = await createRun(ctx, month);
const tppSeconds = (performance.now() - tppStart) / 1000;
const closeSeconds = (performance.now() - closeStart) / 1000;
log(`close done in ${closeSeconds.toFixed(2)} s; baselines…`);

// reconciliation straight from the database
const sums = await db.kysely
  .selectFrom('tpp_lines')
  .select((eb) => [
    eb.fn.countAll<number>().as('n'),
    eb.fn.sum<number>('netto').as('netto'),
    eb.fn.sum<number>('bruto').as('bruto'),
  ])
  .where('tenant_id', '=', tenantId)
  .where('run_id', '=', run.id)
  .executeTakeFirstOrThrow();
const reconciled =
  Number(sums.n) === run.totals.employees &&
  Number(sums.netto) === run.totals.netto &&
  Number(sums.bruto) === run.totals.bruto &&
  run.reconciliation.ok;

// ---------- baseline 1: one employee at a time ----------
const sampleSize = Math.min(300, employees.length);
const baselineRunId = newId();
await db.kysely
  .insertInto('tpp_runs')
  .values({
    tenant_id: tenantId,
    id: baselineRunId,
    month: '2026-10',
    status: 'draft',
    employees: 0,
    total_base: 0,
    total_kinerja: 0,
    total_disiplin: 0,
    total_potongan: 0,
    total_bruto: 0,
    total_bpjs: 0,
    total_netto: 0,
    params_json: '{}',
    idempotency_key: null,
    computed_at: null,
    computed_by: null,
    checked_at: null,
    checked_by: null,
    locked_at: null,
    locked_by: null,
    created_at: at,
    created_by: 'bench',
    updated_at: at,
  })
  .execute();
const naiveStart = performance.now();
for (let i = 0; i < sampleSize; i++) {
  const e = employees[Math.floor((i * employees.length) / sampleSize)];
  const facts = await monthLines(db.kysely, tenantId, month, [e.id as string]);
  const line = facts.lines[0];
  if (line)
    await db.kysely
      .insertInto('tpp_lines')
      .values(lineRow(tenantId, baselineRunId, line))
      .execute();
}
const naiveMsPerEmployee = (performance.now() - naiveStart) / sampleSize;
const naiveExtrapolated = (naiveMsPerEmployee * employees.length) / 1000;

// ---------- baseline 2: the bare SQL aggregate ----------
const bareStart = performance.now();
await sql`
  SELECT COUNT(*) AS n, SUM(g.amount * CASE WHEN r.minutes_approved IS NULL THEN 0 ELSE 1 END) AS pagu
  FROM employees e
  JOIN positions p ON p.tenant_id = e.tenant_id AND p.id = e.position_id
  JOIN tpp_pagu g ON g.tenant_id = p.tenant_id AND g.kelas = p.kelas
  LEFT JOIN rollup_person_month r ON r.tenant_id = e.tenant_id AND r.employee_id = e.id AND r.month = ${month}
  WHERE e.tenant_id = ${tenantId}`.execute(db.kysely);
const bareSeconds = (performance.now() - bareStart) / 1000;

const round = (x: number, d = 3) => Number(x.toFixed(d));
console.log(
  JSON.stringify(
    {
      benchmark: 'close',
      database: db.dialect,
      month,
      scale: {
        factor: scale,
        employees: employees.length,
        units: units.length,
        positions: positions.length,
        movedMidMonth: movers,
        pltAssignments: acting.length,
        leaves: leaves.length,
        attendanceRows,
        evaluations: employees.length,
        generateSeconds: round(generateSeconds, 1),
      },
      close: {
        seconds: round(closeSeconds),
        targetSeconds: 10,
        withinTarget: closeSeconds <= 10,
        predikat: predikat
          ? { seconds: round(predikat.seconds), finalised: predikat.finalised }
          : 'skipped (src/modules/evaluation/close.ts not available)',
        tpp: {
          seconds: round(tppSeconds),
          lines: run.totals.employees,
          linesPerSecond: Math.round(run.totals.employees / tppSeconds),
          totals: run.totals,
          reconciled,
        },
      },
      baseline: {
        naivePerEmployeeLoop: {
          sample: sampleSize,
          msPerEmployee: round(naiveMsPerEmployee, 2),
          extrapolatedSeconds: round(naiveExtrapolated, 1),
          ratioOverSetBasedTpp: round(naiveExtrapolated / tppSeconds, 1),
        },
        bareSqlAggregate: {
          seconds: round(bareSeconds),
          note: 'one GROUP BY over employees × positions × pagu × rollups: no proration, Plt, attendance or writes',
        },
      },
    },
    null,
    2,
  ),
);
if (dropSchema && !process.argv.includes('--keep')) await dropSchema();
await db.close();
if (dialect === 'sqlite' && !process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
else if (dialect === 'sqlite') log(`database kept at ${join(dir, 'bench.db')}`);
