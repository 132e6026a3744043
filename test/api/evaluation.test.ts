/**
 * Quarterly and annual evaluation, objections, the distribution curve, calibration and finalisation
 * (DESIGN §2.4). The clock is fixed at Friday 4 December 2026, 10:00 WIB: the fourth quarter and the annual
 * evaluation are open, the first three quarters are seeded final.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { predikatDistribution, predikatHistory } from '../../src/modules/evaluation/account.ts';
import { finaliseDue } from '../../src/modules/evaluation/close.ts';
import { DEFAULT_CURVE, predikatOf, type Rating } from '../../src/modules/evaluation/predikat.ts';
import {
  call,
  createTestEnv,
  createUser,
  holderOf,
  login,
  type Session,
  snapshot,
  type TestEnv,
  unitId,
} from '../support/app.ts';

vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date('2026-12-04T03:00:00.000Z'));

let env: TestEnv;
const s = {} as Record<
  | 'atasan'
  | 'pegawai'
  | 'bkpsdm'
  | 'adminopd'
  | 'walikota'
  | 'inspektorat'
  | 'kabid'
  | 'rekan'
  | 'staf3'
  | 'plt'
  | 'dlhStaff'
  | 'dinkesAdmin'
  | 'jambi',
  Session
>;
const skp = {} as Record<'pegawai' | 'rekan' | 'staf3' | 'atasan' | 'dlhStaff', string>;
let sungai: string;
let surabayaId: string;

type Res = Awaited<ReturnType<typeof call>>;
interface Form {
  rhks: { rhkId: string; guide: Rating | null; capaian: number | null }[];
  hasilGuide: Rating | null;
  capaian: number | null;
  evaluation: { id: string; status: string; predikat: string } | null;
  abilities: Record<string, boolean>;
}
const BEHAVIOUR_CODES = [
  'berorientasi_pelayanan',
  'akuntabel',
  'kompeten',
  'harmonis',
  'loyal',
  'adaptif',
  'kolaboratif',
];

const form = async (who: Session, skpId: string, kind = 'q4'): Promise<Form> => {
  const res = await call(env.app, who, 'GET', `/api/v1/evaluations/skp/${skpId}/${kind}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const other = (r: Rating): Rating => (r === 'sesuai' ? 'di_atas' : 'sesuai');

/** A rating that follows every guide (no reasons needed), with every value "sesuai". */
function payload(f: Form, patch: Record<string, unknown> = {}) {
  return {
    rhks: f.rhks.map((r) => ({ rhkId: r.rhkId, rating: r.guide ?? 'sesuai', feedback: 'Pertahankan.' })),
    hasil: f.hasilGuide ?? 'sesuai',
    behaviours: BEHAVIOUR_CODES.map((code) => ({ code, rating: 'sesuai' })),
    perilaku: 'sesuai',
    feedback: 'Kinerja triwulan ini sesuai rencana; lengkapi bukti dukung tepat waktu.',
    ...patch,
  };
}
const rate = (who: Session, skpId: string, body: unknown, kind = 'q4') =>
  call(env.app, who, 'PUT', `/api/v1/evaluations/skp/${skpId}/${kind}`, body);

/** Nothing written: the shared fingerprint plus this module's tables and the inbox. */
async function fingerprint(): Promise<string> {
  const db = env.db.kysely;
  const count = async (
    t:
      | 'evaluations'
      | 'evaluation_unit_predikat'
      | 'evaluation_curves'
      | 'evaluation_finalisations'
      | 'notifications',
  ) =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const updated = await db
    .selectFrom('evaluations')
    .select((eb) => eb.fn.max('updated_at').as('m'))
    .executeTakeFirstOrThrow();
  const predikat = await db
    .selectFrom('evaluation_unit_predikat')
    .select((eb) => eb.fn.max('set_at').as('m'))
    .executeTakeFirstOrThrow();
  return JSON.stringify({
    base: await snapshot(env.db),
    evaluations: await count('evaluations'),
    predikat: await count('evaluation_unit_predikat'),
    curves: await count('evaluation_curves'),
    finalisations: await count('evaluation_finalisations'),
    notifications: await count('notifications'),
    u: updated.m,
    p: predikat.m,
  });
}

async function expectRefused(res: Res, status: number[], before: string) {
  expect(status, res.body).toContain(res.statusCode);
  expect(res.json().error.message).toBeTruthy();
  expect(await fingerprint()).toBe(before);
}

async function skpOf(employeeId: string): Promise<string> {
  const row = await env.db.kysely
    .selectFrom('skps')
    .select('id')
    .where('employee_id', '=', employeeId)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function userFor(username: string, positionCode: string): Promise<[Session, string]> {
  const employeeId = await holderOf(env.db, 'surabaya', positionCode);
  await createUser(env.db, 'surabaya', username, employeeId);
  return [await login(env.app, 'surabaya', username), employeeId];
}

beforeAll(async () => {
  env = await createTestEnv();
  for (const who of ['atasan', 'pegawai', 'bkpsdm', 'adminopd', 'walikota', 'inspektorat'] as const)
    s[who] = await login(env.app, 'surabaya', who);
  s.jambi = await login(env.app, 'jambi', 'bkpsdm');
  surabayaId = s.bkpsdm.tenantId;
  let id: string;
  // the head of the bidang above the river-tourism section is a demo login (the atasan pejabat penilai)
  s.kabid = await login(env.app, 'surabaya', 'kabid');
  [s.rekan, id] = await userFor('rekan', 'DISBUDPORAPAR.B1.SUNGAI.S2');
  skp.rekan = await skpOf(id);
  [s.staf3, id] = await userFor('staf3', 'DISBUDPORAPAR.B1.SUNGAI.S3');
  skp.staf3 = await skpOf(id);
  // the Plt. of the vacant head of DLH's first bidang is the agency's secretary
  [s.plt] = await userFor('plt', 'DLH.SEKRETARIS');
  [s.dlhStaff, id] = await userFor('dlhstaf', 'DLH.B1.JF1');
  skp.dlhStaff = await skpOf(id);
  skp.pegawai = await skpOf(s.pegawai.employeeId as string);
  skp.atasan = await skpOf(s.atasan.employeeId as string);
  sungai = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
  // an admin_opd of the health agency: outside the tourism agency's scope
  const dinkesAdminUser = await createUser(env.db, 'surabaya', 'admindinkes', null, []);
  await env.db.kysely
    .insertInto('user_roles')
    .values({
      tenant_id: surabayaId,
      user_id: dinkesAdminUser,
      role: 'admin_opd',
      unit_id: await unitId(env.db, 'surabaya', 'DINKES'),
    })
    .execute();
  s.dinkesAdmin = await login(env.app, 'surabaya', 'admindinkes');
});
afterAll(() => env.close());

describe('the demo seed', () => {
  it('has final Q1–Q3 evaluations for every approved SKP, and leaves Q4 to the atasan', async () => {
    const db = env.db.kysely;
    const skps = await db
      .selectFrom('skps')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', surabayaId)
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const rows = await db
      .selectFrom('evaluations')
      .select(['kind', 'status', (eb) => eb.fn.countAll().as('n')])
      .where('tenant_id', '=', surabayaId)
      .groupBy(['kind', 'status'])
      .execute();
    expect(rows.map((r) => [r.kind, r.status, Number(r.n)]).sort()).toEqual(
      ['q1', 'q2', 'q3'].map((k) => [k, 'final', Number(skps.n)]),
    );
    const history = await predikatHistory(db, surabayaId, s.pegawai.employeeId as string);
    expect(history.map((h) => h.kind)).toEqual(['q1', 'q2', 'q3']);
    for (const h of history) expect(h.status).toBe('final');
    // the matrix holds wherever no calibration moved a person
    const raw = await db
      .selectFrom('evaluations')
      .select(['hasil', 'perilaku', 'matrix_predikat', 'predikat', 'calibrated_at', 'decision'])
      .where('tenant_id', '=', surabayaId)
      .execute();
    for (const r of raw) {
      expect(r.matrix_predikat).toBe(predikatOf(r.hasil as Rating, r.perilaku as Rating));
      if (!r.calibrated_at) expect(r.predikat).toBe(r.matrix_predikat);
    }
    expect(raw.filter((r) => r.decision !== null).length).toBeGreaterThan(0);
    expect(new Set(raw.map((r) => r.predikat)).size).toBeGreaterThanOrEqual(4);
  });
});

describe('the atasan evaluates', () => {
  it('lists the subordinates to evaluate for Q4 2026, with capaian and guide', async () => {
    const res = await call(env.app, s.atasan, 'GET', '/api/v1/evaluations/subordinates?year=2026&kind=q4');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.open).toBe(true);
    const names = body.items.map((i: { employee: { id: string } }) => i.employee.id);
    expect(names).toContain(s.pegawai.employeeId);
    expect(body.items).toHaveLength(3);
    for (const item of body.items) {
      expect(item.evaluation).toBeNull();
      expect(item.abilities.rate).toBe(true);
      expect(typeof item.capaian).toBe('number');
    }
    // the pegawai has nobody to evaluate
    const own = await call(env.app, s.pegawai, 'GET', '/api/v1/evaluations/subordinates');
    expect(own.json().items).toEqual([]);
  });

  it('the form shows indicators with realisation, capaian, guide and the workload of the period', async () => {
    const f = (await form(s.atasan, skp.pegawai)) as Form & {
      rhks: { indicators: { capaian: number | null; quarter: number | null }[] }[];
      workload: { months: { month: string }[]; effectiveMinutes: number };
      behaviours: unknown[];
    };
    expect(f.evaluation).toBeNull();
    expect(f.abilities.rate).toBe(true);
    expect(f.rhks.length).toBeGreaterThan(0);
    // the fourth quarter has no confirmed realisation yet: the third quarter's is the latest
    expect(f.rhks[0].indicators[0].quarter).toBe(3);
    expect(f.rhks[0].indicators[0].capaian).not.toBeNull();
    expect(f.workload.months.map((m) => m.month)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(f.workload.effectiveMinutes).toBeGreaterThan(0);
    expect(f.behaviours).toHaveLength(7);
  });

  it('a rating departing from the guide without a reason is refused (400, localised, nothing written)', async () => {
    const f = await form(s.atasan, skp.pegawai);
    const guide = f.hasilGuide as Rating;
    const before = await fingerprint();
    let res = await rate(s.atasan, skp.pegawai, payload(f, { hasil: other(guide) }));
    await expectRefused(res, [400], before);
    expect(res.json().error.code).toBe('EVALUATION_REASON_REQUIRED');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['hasilReason']);
    expect(res.json().error.message).toMatch(/Alasan wajib diisi/);
    res = await call(
      env.app,
      s.atasan,
      'PUT',
      `/api/v1/evaluations/skp/${skp.pegawai}/q4`,
      payload(f, { hasil: other(guide), hasilReason: '   ' }),
      { 'accept-language': 'en' },
    );
    await expectRefused(res, [400], before);
    expect(res.json().error.message).toMatch(/A reason is required/);
    // one RHK, and the perilaku against the mean of the values
    const body = payload(f) as ReturnType<typeof payload> & { rhks: { rating: Rating }[] };
    body.rhks[0].rating = other(f.rhks[0].guide as Rating);
    res = await rate(s.atasan, skp.pegawai, body);
    await expectRefused(res, [400], before);
    expect(res.json().error.details[0].path).toBe('rhks.0.reason');
    res = await rate(s.atasan, skp.pegawai, payload(f, { perilaku: 'di_atas' }));
    await expectRefused(res, [400], before);
    expect(res.json().error.details[0].path).toBe('perilakuReason');
  });

  it('unknown values, foreign RHKs and missing values are refused, nothing written', async () => {
    const f = await form(s.atasan, skp.pegawai);
    const before = await fingerprint();
    let res = await rate(s.atasan, skp.pegawai, payload(f, { hasil: 'luar_biasa' }));
    await expectRefused(res, [400], before);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    res = await rate(s.atasan, skp.pegawai, payload(f), 'q5');
    await expectRefused(res, [400], before);
    const foreign = payload(f, {
      rhks: [
        ...f.rhks.map((r) => ({ rhkId: r.rhkId, rating: r.guide ?? 'sesuai' })),
        { rhkId: 'x'.repeat(20), rating: 'sesuai' },
      ],
    });
    res = await rate(s.atasan, skp.pegawai, foreign);
    await expectRefused(res, [400], before);
    expect(res.json().error.code).toBe('EVALUATION_RHK_UNKNOWN');
    res = await rate(
      s.atasan,
      skp.pegawai,
      payload(f, { behaviours: [{ code: 'akuntabel', rating: 'sesuai' }] }),
    );
    await expectRefused(res, [400], before);
    expect(res.json().error.code).toBe('EVALUATION_BEHAVIOUR_MISSING');
    res = await rate(s.atasan, skp.pegawai, payload(f, { rhks: [] }));
    await expectRefused(res, [400], before);
    res = await rate(s.atasan, skp.pegawai, { ...payload(f), extra: 1 });
    await expectRefused(res, [400], before);
  });

  it('only the pejabat penilai rates: the employee, colleagues, admins and the city get 403/404', async () => {
    const f = await form(s.atasan, skp.pegawai);
    const body = payload(f);
    const before = await fingerprint();
    // readers who may not rate: 403
    for (const who of [s.pegawai, s.bkpsdm, s.adminopd, s.walikota, s.inspektorat, s.kabid])
      await expectRefused(await rate(who, skp.pegawai, body), [403], before);
    // not even readers: 404
    for (const who of [s.rekan, s.dinkesAdmin, s.plt])
      await expectRefused(await rate(who, skp.pegawai, body), [404], before);
    // the atasan evaluating someone who is not their subordinate (the Plt.'s staff in another agency)
    const dlh = await form(s.plt, skp.dlhStaff);
    await expectRefused(await rate(s.atasan, skp.dlhStaff, payload(dlh)), [404], before);
    // another city
    await expectRefused(await rate(s.jambi, skp.pegawai, body), [404], before);
    await expectRefused(
      await call(env.app, s.jambi, 'GET', `/api/v1/evaluations/skp/${skp.pegawai}/q4`),
      [404],
      before,
    );
    // a colleague cannot even read the form
    expect(
      (await call(env.app, s.rekan, 'GET', `/api/v1/evaluations/skp/${skp.pegawai}/q4`)).statusCode,
    ).toBe(404);
  });

  it('the atasan rates, departing once with a reason; the predikat follows the matrix; the employee is told', async () => {
    const f = await form(s.atasan, skp.pegawai);
    const guide = f.hasilGuide as Rating;
    const hasil = other(guide);
    const res = await rate(
      s.atasan,
      skp.pegawai,
      payload(f, {
        hasil,
        hasilReason: 'Melayani rombongan tambahan saat libur sekolah di luar rencana.',
        behaviours: BEHAVIOUR_CODES.map((code, i) => ({ code, rating: i < 4 ? 'di_atas' : 'sesuai' })),
        perilaku: 'di_atas',
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const ev = res.json().evaluation;
    expect(ev.status).toBe('rated');
    expect(ev.hasil).toBe(hasil);
    expect(ev.hasilGuide).toBe(guide);
    expect(ev.hasilReason).toMatch(/rombongan tambahan/);
    expect(ev.perilakuGuide).toBe('di_atas');
    expect(ev.perilakuMean).toBeCloseTo(18 / 7, 5);
    expect(ev.predikat).toBe(predikatOf(hasil, 'di_atas'));
    expect(ev.evaluator).toMatchObject({ id: s.atasan.employeeId, acting: false });
    expect(ev.behaviours).toHaveLength(7);
    const inbox = (await call(env.app, s.pegawai, 'GET', '/api/v1/inbox')).json();
    expect(inbox.items[0].kind).toBe('EVALUATION_RATED');
    expect(inbox.items[0].link).toBe(`/penilaian/${ev.id}`);
    const audit = await env.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('tenant_id', '=', surabayaId)
      .where('action', '=', 'evaluation.rate')
      .execute();
    expect(audit.map((a) => a.entity_id)).toContain(ev.id);
    // rating again before the employee answers is allowed
    const again = await rate(s.atasan, skp.pegawai, payload(f));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().evaluation.id).toBe(ev.id);
    expect(again.json().evaluation.predikat).toBe(predikatOf(f.hasilGuide as Rating, 'sesuai'));
  });

  it('the Plt. of a vacant post rates its staff as acting atasan', async () => {
    const list = (await call(env.app, s.plt, 'GET', '/api/v1/evaluations/subordinates')).json();
    expect(list.items.map((i: { skpId: string }) => i.skpId)).toContain(skp.dlhStaff);
    const f = await form(s.plt, skp.dlhStaff);
    expect(f.abilities.rate).toBe(true);
    const res = await rate(s.plt, skp.dlhStaff, payload(f));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().evaluation.evaluator).toMatchObject({ id: s.plt.employeeId, acting: true });
    // the staff member may object: it goes to the head of DLH (the atasan of the post the Plt. fills)
    const obj = await call(
      env.app,
      s.dlhStaff,
      'POST',
      `/api/v1/evaluations/${res.json().evaluation.id}/object`,
      {
        reason: 'Kegiatan pengawasan lapangan belum dihitung.',
      },
    );
    expect(obj.statusCode, obj.body).toBe(200);
    expect(obj.json().reviewer.id).toBe(await holderOf(env.db, 'surabaya', 'DLH.KEPALA'));
    expect(obj.json().reviewer.id).not.toBe(s.plt.employeeId);
  });
});

describe('the employee answers; the atasan pejabat penilai decides', () => {
  let evaluationId: string;

  it('the employee sees the result and may acknowledge or object; a colleague may not see it', async () => {
    const mine = (await call(env.app, s.pegawai, 'GET', '/api/v1/evaluations/mine?year=2026')).json();
    expect(mine.items.map((i: { kind: string }) => i.kind)).toEqual(['q1', 'q2', 'q3', 'q4']);
    const q4 = mine.items[3];
    evaluationId = q4.id;
    const detail = await call(env.app, s.pegawai, 'GET', `/api/v1/evaluations/${evaluationId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().abilities).toMatchObject({
      acknowledge: true,
      object: true,
      rate: false,
      decide: false,
    });
    expect(detail.json().feedback).toMatch(/Kinerja triwulan/);
    expect((await call(env.app, s.rekan, 'GET', `/api/v1/evaluations/${evaluationId}`)).statusCode).toBe(404);
    expect((await call(env.app, s.jambi, 'GET', `/api/v1/evaluations/${evaluationId}`)).statusCode).toBe(404);
    expect(
      (await call(env.app, s.dinkesAdmin, 'GET', `/api/v1/evaluations/${evaluationId}`)).statusCode,
    ).toBe(404);
    expect((await call(env.app, s.adminopd, 'GET', `/api/v1/evaluations/${evaluationId}`)).statusCode).toBe(
      200,
    );
  });

  it('an objection needs a reason and only the employee may file it', async () => {
    const before = await fingerprint();
    const url = `/api/v1/evaluations/${evaluationId}/object`;
    await expectRefused(await call(env.app, s.pegawai, 'POST', url, { reason: '' }), [400], before);
    await expectRefused(await call(env.app, s.pegawai, 'POST', url, {}), [400], before);
    await expectRefused(await call(env.app, s.atasan, 'POST', url, { reason: 'Bukan saya' }), [403], before);
    await expectRefused(await call(env.app, s.rekan, 'POST', url, { reason: 'Bukan saya' }), [404], before);
    await expectRefused(await call(env.app, s.jambi, 'POST', url, { reason: 'Kota lain' }), [404], before);
  });

  it('the objection goes to the atasan pejabat penilai (one level up) only', async () => {
    const res = await call(env.app, s.pegawai, 'POST', `/api/v1/evaluations/${evaluationId}/object`, {
      reason: 'Realisasi Desember belum dihitung; rombongan libur sekolah sudah terjadwal.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('objected');
    expect(res.json().reviewer.id).toBe(s.kabid.employeeId);
    const queue = (await call(env.app, s.kabid, 'GET', '/api/v1/evaluations/objections')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(evaluationId);
    expect(queue.items.find((i: { id: string }) => i.id === evaluationId).abilities.decide).toBe(true);
    for (const who of [s.atasan, s.bkpsdm, s.pegawai]) {
      const other = (await call(env.app, who, 'GET', '/api/v1/evaluations/objections')).json();
      expect(other.items.map((i: { id: string }) => i.id)).not.toContain(evaluationId);
    }
    const kabidInbox = (await call(env.app, s.kabid, 'GET', '/api/v1/inbox')).json();
    expect(kabidInbox.items[0].kind).toBe('EVALUATION_OBJECTED');
    const atasanInbox = (await call(env.app, s.atasan, 'GET', '/api/v1/inbox')).json();
    expect(atasanInbox.items[0].kind).toBe('EVALUATION_OBJECTION_FILED');
    // the evaluator can no longer change the rating while the objection is open
    const f = await form(s.atasan, skp.pegawai);
    const before = await fingerprint();
    const again = await rate(s.atasan, skp.pegawai, payload(f));
    await expectRefused(again, [409], before);
    expect(again.json().error.code).toBe('EVALUATION_NOT_EDITABLE');
  });

  it('nobody but the atasan pejabat penilai decides; a change needs new ratings', async () => {
    const url = `/api/v1/evaluations/${evaluationId}/decide`;
    const before = await fingerprint();
    const upheld = { decision: 'upheld', reason: 'Sudah sesuai bukti.' };
    for (const who of [s.atasan, s.pegawai, s.bkpsdm, s.walikota])
      await expectRefused(await call(env.app, who, 'POST', url, upheld), [403], before);
    await expectRefused(await call(env.app, s.rekan, 'POST', url, upheld), [404], before);
    await expectRefused(await call(env.app, s.jambi, 'POST', url, upheld), [404], before);
    await expectRefused(
      await call(env.app, s.kabid, 'POST', url, { decision: 'changed', reason: 'Diubah.' }),
      [400],
      before,
    );
    await expectRefused(
      await call(env.app, s.kabid, 'POST', url, { decision: 'upheld', reason: 'x' }),
      [400],
      before,
    );
    await expectRefused(
      await call(env.app, s.kabid, 'POST', url, { decision: 'ditolak', reason: 'Tidak jelas.' }),
      [400],
      before,
    );
  });

  it('the atasan pejabat penilai changes the ratings with a reason; both are told', async () => {
    const res = await call(env.app, s.kabid, 'POST', `/api/v1/evaluations/${evaluationId}/decide`, {
      decision: 'changed',
      hasil: 'di_atas',
      perilaku: 'di_atas',
      reason: 'Jadwal rombongan Desember sudah pasti; capaian akhir triwulan akan melampaui target.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const ev = res.json();
    expect(ev.status).toBe('decided');
    expect(ev.predikat).toBe('sangat_baik');
    expect(ev.decisionDetail).toMatchObject({ decision: 'changed' });
    const inbox = (await call(env.app, s.pegawai, 'GET', '/api/v1/inbox')).json();
    expect(inbox.items[0].kind).toBe('EVALUATION_DECIDED');
    expect((await call(env.app, s.atasan, 'GET', '/api/v1/inbox')).json().items[0].kind).toBe(
      'EVALUATION_DECIDED',
    );
    const before = await fingerprint();
    await expectRefused(
      await call(env.app, s.kabid, 'POST', `/api/v1/evaluations/${evaluationId}/decide`, {
        decision: 'upheld',
        reason: 'Sekali lagi.',
      }),
      [409],
      before,
    );
    await expectRefused(
      await call(env.app, s.pegawai, 'POST', `/api/v1/evaluations/${evaluationId}/acknowledge`),
      [409],
      before,
    );
  });

  it('acknowledging closes the rating for the evaluator', async () => {
    const f = await form(s.atasan, skp.rekan);
    const rated = await rate(s.atasan, skp.rekan, payload(f));
    expect(rated.statusCode, rated.body).toBe(200);
    const id = rated.json().evaluation.id;
    const before = await fingerprint();
    await expectRefused(
      await call(env.app, s.atasan, 'POST', `/api/v1/evaluations/${id}/acknowledge`),
      [403],
      before,
    );
    const ack = await call(env.app, s.rekan, 'POST', `/api/v1/evaluations/${id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().status).toBe('acknowledged');
    expect((await call(env.app, s.atasan, 'GET', '/api/v1/inbox')).json().items[0].kind).toBe(
      'EVALUATION_ACKNOWLEDGED',
    );
    const before2 = await fingerprint();
    await expectRefused(await rate(s.atasan, skp.rekan, payload(f)), [409], before2);
    await expectRefused(
      await call(env.app, s.rekan, 'POST', `/api/v1/evaluations/${id}/object`, { reason: 'Terlambat' }),
      [409],
      before2,
    );
  });
});

describe('organisational predikat, curve, calibration and finalisation', () => {
  it('the curve table is tenant data: everyone reads it, BKPSDM edits it, bad rules are refused', async () => {
    const read = (await call(env.app, s.pegawai, 'GET', '/api/v1/evaluation-curve')).json();
    expect(read.rules.istimewa).toEqual(
      DEFAULT_CURVE.istimewa.map((r) => ({ ...r, value: r.value ?? null })),
    );
    expect(read.texts.baik[0]).toMatch(/Baik menjadi kelompok terbesar/);
    expect(read.abilities.manage).toBe(false);
    const before = await fingerprint();
    const body = {
      rules: { ...DEFAULT_CURVE, istimewa: [{ op: 'max_pct', predikat: ['sangat_baik'], value: 80 }] },
    };
    for (const who of [s.pegawai, s.atasan, s.adminopd, s.walikota, s.inspektorat])
      await expectRefused(await call(env.app, who, 'PUT', '/api/v1/evaluation-curve', body), [403], before);
    const bad = { rules: { ...DEFAULT_CURVE, baik: [{ op: 'max_pct', predikat: ['baik'] }] } };
    let res = await call(env.app, s.bkpsdm, 'PUT', '/api/v1/evaluation-curve', bad);
    await expectRefused(res, [400], before);
    expect(res.json().error.details[0].message).toMatch(/memerlukan nilai/);
    res = await call(env.app, s.bkpsdm, 'PUT', '/api/v1/evaluation-curve', {
      rules: { ...DEFAULT_CURVE, baik: [{ op: 'min_pct', predikat: ['baik'], value: 150 }] },
    });
    await expectRefused(res, [400], before);
    res = await call(env.app, s.bkpsdm, 'PUT', '/api/v1/evaluation-curve', {
      rules: { ...DEFAULT_CURVE, baik: [{ op: 'largest', predikat: ['baik', 'sangat_baik'] }] },
    });
    await expectRefused(res, [400], before);
    res = await call(env.app, s.bkpsdm, 'PUT', '/api/v1/evaluation-curve', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rules.istimewa).toEqual([{ op: 'max_pct', predikat: ['sangat_baik'], value: 80 }]);
    // back to the default
    res = await call(env.app, s.bkpsdm, 'PUT', '/api/v1/evaluation-curve', { rules: DEFAULT_CURVE });
    expect(res.statusCode).toBe(200);
  });

  it('BKPSDM sets a unit’s organisational predikat; others may not', async () => {
    const url = `/api/v1/evaluation-units/${sungai}/predikat`;
    const body = { year: 2026, kind: 'annual', predikat: 'baik', reason: 'Capaian PK unit sesuai target.' };
    const before = await fingerprint();
    for (const who of [s.atasan, s.adminopd, s.walikota, s.inspektorat])
      await expectRefused(await call(env.app, who, 'PUT', url, body), [403], before);
    for (const who of [s.pegawai, s.dinkesAdmin, s.jambi])
      await expectRefused(await call(env.app, who, 'PUT', url, body), [404], before);
    await expectRefused(
      await call(env.app, s.bkpsdm, 'PUT', url, { ...body, predikat: 'luar_biasa' }),
      [400],
      before,
    );
    const res = await call(env.app, s.bkpsdm, 'PUT', url, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ predikat: 'baik', predikatSource: 'bkpsdm' });
  });

  it('the unit’s predikat follows its leader’s hasil kerja rating', async () => {
    const f = await form(s.kabid, skp.atasan);
    const res = await rate(
      s.kabid,
      skp.atasan,
      payload(f, {
        hasil: 'di_atas',
        hasilReason: f.hasilGuide === 'di_atas' ? null : 'Inovasi jadwal perahu malam menaikkan kunjungan.',
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ledUnit).toMatchObject({ id: sungai, predikat: 'istimewa' });
    const unit = (
      await call(env.app, s.bkpsdm, 'GET', `/api/v1/evaluation-units/${sungai}?year=2026&kind=q4`)
    ).json();
    expect(unit).toMatchObject({ predikat: 'istimewa', predikatSource: 'leader' });
    expect(unit.leader).toMatchObject({ hasil: 'di_atas' });
    // BKPSDM cannot contradict the leader's rating
    const before = await fingerprint();
    const clash = await call(env.app, s.bkpsdm, 'PUT', `/api/v1/evaluation-units/${sungai}/predikat`, {
      year: 2026,
      kind: 'q4',
      predikat: 'baik',
    });
    await expectRefused(clash, [409], before);
    expect(clash.json().error.code).toBe('UNIT_PREDIKAT_LEADER_MISMATCH');
  });

  it('the unit page shows the distribution against the curve, for BKPSDM and the unit head', async () => {
    const url = `/api/v1/evaluation-units/${sungai}?year=2026&kind=q4`;
    for (const who of [s.bkpsdm, s.atasan, s.adminopd, s.walikota]) {
      const res = await call(env.app, who, 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
    }
    for (const who of [s.pegawai, s.kabid, s.dinkesAdmin, s.jambi])
      expect((await call(env.app, who, 'GET', url)).statusCode).toBe(404);
    const unit = (await call(env.app, s.atasan, 'GET', url)).json();
    expect(unit.abilities).toMatchObject({ setPredikat: false, calibrate: true, finalise: true });
    expect(unit.people).toHaveLength(2);
    expect(unit.unevaluated.map((u: { skpId: string }) => u.skpId)).toEqual([skp.staf3]);
    expect(unit.total).toBe(2);
    // the units list: BKPSDM sees the city, the head their own units, the pegawai none
    const list = (await call(env.app, s.bkpsdm, 'GET', '/api/v1/evaluation-units?year=2026&kind=q3')).json();
    expect(list.items.length).toBeGreaterThan(50);
    const withDeviations = list.items.find((u: { deviations: unknown[] }) => u.deviations.length > 0);
    expect(withDeviations.deviations[0].message).toMatch(/\d/);
    const headList = (
      await call(env.app, s.atasan, 'GET', '/api/v1/evaluation-units?year=2026&kind=q4')
    ).json();
    expect(headList.items.map((u: { unit: { id: string } }) => u.unit.id)).toEqual([sungai]);
    expect((await call(env.app, s.pegawai, 'GET', '/api/v1/evaluation-units')).json().items).toEqual([]);
  });

  it('calibration moves a person with a reason (audited), by BKPSDM or the unit head only', async () => {
    const unit = (
      await call(env.app, s.atasan, 'GET', `/api/v1/evaluation-units/${sungai}?year=2026&kind=q4`)
    ).json();
    const rekan = unit.people.find((p: { employee: { id: string } }) => p.employee.id === s.rekan.employeeId);
    const url = `/api/v1/evaluations/${rekan.id}/calibrate`;
    const to = rekan.predikat === 'baik' ? 'butuh_perbaikan' : 'baik';
    const before = await fingerprint();
    for (const who of [s.adminopd, s.walikota, s.kabid, s.inspektorat])
      await expectRefused(
        await call(env.app, who, 'POST', url, { predikat: to, reason: 'Kalibrasi' }),
        [403],
        before,
      );
    await expectRefused(
      await call(env.app, s.rekan, 'POST', url, { predikat: to, reason: 'Saya sendiri' }),
      [403],
      before,
    );
    await expectRefused(
      await call(env.app, s.pegawai, 'POST', url, { predikat: to, reason: 'Rekan' }),
      [404],
      before,
    );
    await expectRefused(await call(env.app, s.atasan, 'POST', url, { predikat: to }), [400], before);
    await expectRefused(
      await call(env.app, s.atasan, 'POST', url, { predikat: rekan.predikat, reason: 'Sama saja' }),
      [409],
      before,
    );
    const res = await call(env.app, s.atasan, 'POST', url, {
      predikat: to,
      reason: 'Menyesuaikan kurva unit berpredikat Istimewa.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      predikat: to,
      calibrated: true,
      matrixPredikat: rekan.matrixPredikat,
    });
    expect(res.json().calibration.reason).toMatch(/kurva/);
    const audit = await env.db.kysely
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('tenant_id', '=', surabayaId)
      .where('action', '=', 'evaluation.calibrate')
      .where('entity_id', '=', rekan.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json as string)).toMatchObject({ predikat: to });
    const back = await call(env.app, s.bkpsdm, 'POST', url, {
      predikat: rekan.predikat,
      reason: 'Dikembalikan.',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().calibrated).toBe(false);
  });

  it('finalising needs everyone rated and answered, and a reason for deviations; then it locks', async () => {
    const url = `/api/v1/evaluation-units/${sungai}/finalise`;
    let before = await fingerprint();
    for (const who of [s.pegawai, s.kabid, s.dinkesAdmin, s.jambi])
      await expectRefused(await call(env.app, who, 'POST', url, { year: 2026, kind: 'q4' }), [404], before);
    for (const who of [s.adminopd, s.walikota])
      await expectRefused(await call(env.app, who, 'POST', url, { year: 2026, kind: 'q4' }), [403], before);
    let res = await call(env.app, s.atasan, 'POST', url, { year: 2026, kind: 'q4' });
    await expectRefused(res, [409], before);
    expect(res.json().error.code).toBe('EVALUATION_UNIT_NOT_READY');
    expect(res.json().error.message).toMatch(/1 pegawai belum dinilai/);
    // the third member is rated and acknowledges
    const f = await form(s.atasan, skp.staf3);
    const rated = await rate(s.atasan, skp.staf3, payload(f));
    expect(rated.statusCode, rated.body).toBe(200);
    const ack = await call(
      env.app,
      s.staf3,
      'POST',
      `/api/v1/evaluations/${rated.json().evaluation.id}/acknowledge`,
    );
    expect(ack.statusCode).toBe(200);
    // the unit (istimewa) needs sangat baik to be the largest group: move the pegawai out of it
    const unit = (
      await call(env.app, s.bkpsdm, 'GET', `/api/v1/evaluation-units/${sungai}?year=2026&kind=q4`)
    ).json();
    const pegawaiEval = unit.people.find(
      (p: { employee: { id: string } }) => p.employee.id === s.pegawai.employeeId,
    );
    if (pegawaiEval.predikat === 'sangat_baik') {
      const moved = await call(env.app, s.bkpsdm, 'POST', `/api/v1/evaluations/${pegawaiEval.id}/calibrate`, {
        predikat: 'baik',
        reason: 'Uji penyimpangan kurva.',
      });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    const check = (
      await call(env.app, s.bkpsdm, 'GET', `/api/v1/evaluation-units/${sungai}?year=2026&kind=q4`)
    ).json();
    expect(check.pending).toBe(0);
    expect(check.deviations.length).toBeGreaterThan(0);
    expect(check.deviations[0].message).toMatch(/Sangat Baik harus menjadi kelompok terbesar/);
    before = await fingerprint();
    res = await call(env.app, s.atasan, 'POST', url, { year: 2026, kind: 'q4' });
    await expectRefused(res, [400], before);
    expect(res.json().error.code).toBe('EVALUATION_DEVIATION_REASON');
    res = await call(env.app, s.atasan, 'POST', url, {
      year: 2026,
      kind: 'q4',
      reason: 'Seksi tiga orang: kurva tidak dapat dipenuhi sepenuhnya.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().finalisation.reason).toMatch(/Seksi tiga orang/);
    for (const p of res.json().people) expect(p.status).toBe('final');
    expect(res.json().abilities).toMatchObject({ calibrate: false, finalise: false });
    // locked: no rating, calibration, predikat or second finalisation
    before = await fingerprint();
    const locked = await rate(s.atasan, skp.staf3, payload(f));
    await expectRefused(locked, [409], before);
    expect(locked.json().error.code).toBe('EVALUATION_UNIT_FINALISED');
    await expectRefused(
      await call(env.app, s.bkpsdm, 'POST', `/api/v1/evaluations/${pegawaiEval.id}/calibrate`, {
        predikat: 'kurang',
        reason: 'Setelah final.',
      }),
      [409],
      before,
    );
    await expectRefused(
      await call(env.app, s.bkpsdm, 'PUT', `/api/v1/evaluation-units/${sungai}/predikat`, {
        year: 2026,
        kind: 'q4',
        predikat: 'istimewa',
      }),
      [409],
      before,
    );
    await expectRefused(
      await call(env.app, s.atasan, 'POST', url, { year: 2026, kind: 'q4', reason: 'Lagi' }),
      [409],
      before,
    );
  });

  it('a seeded, finalised quarter cannot be rated again', async () => {
    const f = await form(s.atasan, skp.pegawai, 'q1');
    expect(f.evaluation?.status).toBe('final');
    expect(f.abilities.rate).toBe(false);
    const before = await fingerprint();
    const res = await rate(s.atasan, skp.pegawai, payload(f), 'q1');
    await expectRefused(res, [409], before);
  });

  it('the annual evaluation opens on 1 December', async () => {
    vi.setSystemTime(new Date('2026-11-20T03:00:00.000Z'));
    try {
      const f = await form(s.atasan, skp.pegawai, 'annual');
      expect(f).toMatchObject({ open: false, opensOn: '2026-12-01' });
      const before = await fingerprint();
      const res = await rate(s.atasan, skp.pegawai, payload(f), 'annual');
      await expectRefused(res, [409], before);
      expect(res.json().error.code).toBe('EVALUATION_NOT_OPEN');
      expect(res.json().error.message).toMatch(/tahunan 2026 baru dapat diberikan mulai 2026-12-01/);
    } finally {
      vi.setSystemTime(new Date('2026-12-04T03:00:00.000Z'));
    }
    const f = await form(s.atasan, skp.pegawai, 'annual');
    expect(f.abilities.rate).toBe(true);
  });
});

describe('exports for the account, the dashboard and the monthly close', () => {
  it('predikatDistribution counts the city, an OPD and a unit (with the curve check)', async () => {
    const db = env.db.kysely;
    const city = await predikatDistribution(db, surabayaId, { periodYear: 2026, kind: 'q3' });
    const total = await db
      .selectFrom('evaluations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', surabayaId)
      .where('kind', '=', 'q3')
      .executeTakeFirstOrThrow();
    expect(city.total).toBe(Number(total.n));
    const opd = await predikatDistribution(db, surabayaId, {
      opdId: await unitId(env.db, 'surabaya', 'DISBUDPORAPAR'),
      periodYear: 2026,
      kind: 'q3',
    });
    expect(opd.total).toBeGreaterThan(5);
    expect(opd.total).toBeLessThan(city.total);
    const unit = await predikatDistribution(db, surabayaId, { unitId: sungai, periodYear: 2026, kind: 'q4' });
    expect(unit.total).toBe(3);
    expect(unit.unitPredikat).toBe('istimewa');
    expect(Array.isArray(unit.deviations)).toBe(true);
    const history = await predikatHistory(db, surabayaId, s.pegawai.employeeId as string);
    expect(history.map((h) => `${h.kind}:${h.status}`)).toEqual([
      'q1:final',
      'q2:final',
      'q3:final',
      'q4:final',
    ]);
    expect(history[3].predikat).toBeTruthy();
  });

  it('finaliseDue fixes acknowledged, decided and long-unanswered ratings only', async () => {
    const db = env.db.kysely;
    // Jambi's atasan rates their three staff for Q4: one acknowledges, one objects, one stays unanswered
    const jAtasan = await login(env.app, 'jambi', 'atasan');
    const list = (await call(env.app, jAtasan, 'GET', '/api/v1/evaluations/subordinates?kind=q4')).json();
    const ids: string[] = [];
    for (const item of list.items) {
      const f = await form(jAtasan, item.skpId);
      const res = await rate(jAtasan, item.skpId, payload(f));
      expect(res.statusCode, res.body).toBe(200);
      ids.push(res.json().evaluation.id);
    }
    const jambiId = jAtasan.tenantId;
    const jPegawai = await login(env.app, 'jambi', 'pegawai');
    const mineQ4 = (await call(env.app, jPegawai, 'GET', '/api/v1/evaluations/mine'))
      .json()
      .items.find((i: { kind: string }) => i.kind === 'q4');
    expect(ids).toContain(mineQ4.id);
    const ack = await call(env.app, jPegawai, 'POST', `/api/v1/evaluations/${mineQ4.id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    const others = ids.filter((x) => x !== mineQ4.id);
    await db
      .updateTable('evaluations')
      .set({ status: 'objected', objection_reason: 'uji', objected_at: '2026-12-04T03:00:00.000Z' })
      .where('id', '=', others[0])
      .execute();
    const statusOf = async (id: string) =>
      (await db.selectFrom('evaluations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status;
    // nothing else of Jambi's Q4 is due yet; a 20-day-old unanswered rating is
    let r = await finaliseDue(db, jambiId, 2026, 'q4');
    expect(r.finalised).toBe(1);
    expect(await statusOf(mineQ4.id)).toBe('final');
    expect(await statusOf(others[0])).toBe('objected');
    expect(await statusOf(others[1])).toBe('rated');
    r = await finaliseDue(db, jambiId, 2026, 'q4', { asOf: new Date('2026-12-30T00:00:00Z') });
    expect(r.finalised).toBe(1);
    expect(await statusOf(others[1])).toBe('final');
    expect(await statusOf(others[0])).toBe('objected');
    // the seeded quarters are final already; Surabaya is untouched by Jambi's run
    expect((await finaliseDue(db, jambiId, 2026, 'q3')).finalised).toBe(0);
    const audit = await db
      .selectFrom('audit_log')
      .select('after_json')
      .where('tenant_id', '=', jambiId)
      .where('action', '=', 'evaluation.finalise_due')
      .execute();
    expect(audit).toHaveLength(3);
    // inside a caller's transaction as well
    await db.transaction().execute(async (trx) => {
      expect((await finaliseDue(trx, jambiId, 2026, 'q4')).finalised).toBe(0);
    });
    const q = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM evaluations WHERE tenant_id = ${surabayaId} AND status = 'final' AND kind = 'q4'`.execute(
      db,
    );
    expect(Number(q.rows[0].n)).toBe(3);
  });
});
