import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestEnv,
  createUser,
  holderOf,
  login,
  multipart,
  positionId,
  type Session,
  snapshot,
  type TestEnv,
  unitId,
} from '../support/app.ts';

let env: TestEnv;
let bkpsdm: Session;
let walikota: Session;
let atasan: Session;
let pegawai: Session;
let baru: Session;
let baruEmployeeId: string;

/** A minimal valid PDF, as scanned evidence would be. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  env = await createTestEnv();
  [bkpsdm, walikota, atasan, pegawai] = await Promise.all([
    login(env.app, 'surabaya', 'bkpsdm'),
    login(env.app, 'surabaya', 'walikota'),
    login(env.app, 'surabaya', 'atasan'),
    login(env.app, 'surabaya', 'pegawai'),
  ]);
  // a newly appointed guide under the Kalimas section head, with a login and no SKP yet
  const unit = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
  const parent = await positionId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.KASI');
  const pos = (
    await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
      code: 'DISBUDPORAPAR.B1.SUNGAI.S9',
      name: 'Pemandu Wisata Sungai',
      kind: 'pelaksana',
      kelas: 6,
      unitId: unit,
      parentPositionId: parent,
    })
  ).json();
  const emp = (
    await call(env.app, bkpsdm, 'POST', '/api/v1/org/employees', {
      nip: '199807172024031001',
      asnType: 'PNS',
      name: 'Rizki Ramadhan, S.Par.',
      sex: 'L',
      positionId: pos.id,
    })
  ).json();
  baruEmployeeId = emp.id;
  await createUser(env.db, 'surabaya', 'pemandu', emp.id);
  baru = await login(env.app, 'surabaya', 'pemandu');
});
afterAll(() => env.close());

/** The demo period (2026) first: a test below opens 2028, which would otherwise sort first. */
const periods = async (s: Session) =>
  ((await call(env.app, s, 'GET', '/api/v1/periods')).json().items as { id: string; year: number }[]).sort(
    (a, b) => Math.abs(a.year - 2026) - Math.abs(b.year - 2026),
  );
const goalsOf = async (s: Session) =>
  (await call(env.app, s, 'GET', '/api/v1/goals')).json().items as {
    id: string;
    code: string;
    status: string;
    coverage: { employeeCount: number };
  }[];

describe('city goals', () => {
  it('bkpsdm opens a period; nobody else can', async () => {
    expect(
      (await call(env.app, bkpsdm, 'GET', '/api/v1/auth/me')).json().user.abilities['period.create'],
    ).toBe(true);
    expect((await call(env.app, pegawai, 'POST', '/api/v1/periods', { year: 2028 })).statusCode).toBe(403);
    const created = await call(env.app, bkpsdm, 'POST', '/api/v1/periods', { year: 2028 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      year: 2028,
      startDate: '2028-01-01',
      endDate: '2028-12-31',
      status: 'open',
    });
    expect((await call(env.app, bkpsdm, 'POST', '/api/v1/periods', { year: 2028 })).statusCode).toBe(409);
  });

  it('are seeded and approved, with the cascade reaching many people', async () => {
    const goals = await goalsOf(walikota);
    expect(goals.map((g) => g.code)).toEqual(['SS1', 'SS2', 'SS3']);
    expect(goals.every((g) => g.status === 'approved')).toBe(true);
    expect(goals.find((g) => g.code === 'SS2')?.coverage.employeeCount).toBeGreaterThan(30);
  });

  it('bkpsdm drafts a goal, pimpinan approves it, then it is frozen', async () => {
    const [period] = await periods(bkpsdm);
    const created = await call(env.app, bkpsdm, 'POST', '/api/v1/goals', {
      periodId: period.id,
      code: 'SS4',
      title: 'Meningkatnya kunjungan kawasan cagar budaya Peneleh',
      indicators: [
        { name: 'Kunjungan Kampung Peneleh', targetValue: 120000, unit: 'orang/tahun', direction: 'higher' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const goal = created.json();
    expect(goal.abilities.update).toBe(true);
    expect((await call(env.app, pegawai, 'POST', `/api/v1/goals/${goal.id}/approve`)).statusCode).toBe(403);
    expect((await call(env.app, bkpsdm, 'POST', `/api/v1/goals/${goal.id}/approve`)).statusCode).toBe(403);
    const approved = await call(env.app, walikota, 'POST', `/api/v1/goals/${goal.id}/approve`);
    expect(approved.json().status).toBe('approved');
    const edit = await call(env.app, bkpsdm, 'PATCH', `/api/v1/goals/${goal.id}`, {
      title: 'Diubah setelah disetujui',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('GOAL_NOT_EDITABLE');
  });

  it('refuses a goal from a pegawai and a goal without indicators', async () => {
    const [period] = await periods(bkpsdm);
    const before = await snapshot(env.db);
    expect(
      (
        await call(env.app, pegawai, 'POST', '/api/v1/goals', {
          periodId: period.id,
          code: 'X',
          title: 'Sasaran X',
          indicators: [{ name: 'Indikator X', targetValue: 1, unit: 'x' }],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(env.app, bkpsdm, 'POST', '/api/v1/goals', {
          periodId: period.id,
          code: 'X',
          title: 'Sasaran X',
          indicators: [],
        })
      ).statusCode,
    ).toBe(400);
    expect(await snapshot(env.db)).toBe(before);
  });
});

describe('an SKP from draft to approval, with a return in between', () => {
  let skpId: string;
  let kasiRhk: string;

  it('the new employee drafts an SKP and is offered the atasan’s RHKs', async () => {
    const created = await call(env.app, baru, 'POST', '/api/v1/skps', {
      periodId: (await periods(baru))[0].id,
    });
    expect(created.statusCode).toBe(201);
    const skp = created.json();
    skpId = skp.id;
    expect(skp.status).toBe('draft');
    expect(skp.evaluator.positionName).toBe('Kepala Seksi Destinasi Wisata Sungai Kalimas');
    expect(skp.header.evaluator2.jabatan).toBe('Kepala Bidang Pariwisata');
    expect(skp.parentOptions.every((o: { type: string }) => o.type === 'rhk')).toBe(true);
    kasiRhk = skp.parentOptions[0].id;
    const dup = await call(env.app, baru, 'POST', '/api/v1/skps', { periodId: skp.periodId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('SKP_DUPLICATE');
  });

  it('refuses an RHK that cites someone other than the atasan, and a target of the wrong type', async () => {
    const colleague = (await call(env.app, pegawai, 'GET', '/api/v1/skps/mine')).json().items[0];
    const colleagueSkp = (await call(env.app, pegawai, 'GET', `/api/v1/skps/${colleague.id}`)).json();
    const before = await snapshot(env.db);
    const wrongParent = await call(env.app, baru, 'PUT', `/api/v1/skps/${skpId}/rhks`, {
      rhks: [
        {
          kind: 'utama',
          text: 'Terpandunya wisatawan',
          parentRhkId: colleagueSkp.rhks[0].id,
          indicators: [{ aspect: 'kuantitas', name: 'Rombongan', targetValue: 100, unit: 'rombongan' }],
        },
      ],
    });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json().error.code).toBe('RHK_PARENT_NOT_ATASAN');
    expect(wrongParent.json().error.details[0].path).toBe('rhks.0.parentRhkId');
    const wrongType = await call(env.app, baru, 'PUT', `/api/v1/skps/${skpId}/rhks`, {
      rhks: [
        {
          kind: 'utama',
          text: 'Terpandunya wisatawan',
          parentRhkId: kasiRhk,
          indicators: [{ aspect: 'kuantitas', name: 'Rombongan', targetValue: 'seratus', unit: 'rombongan' }],
        },
      ],
    });
    expect(wrongType.statusCode).toBe(400);
    const goalAsParent = await call(env.app, baru, 'PUT', `/api/v1/skps/${skpId}/rhks`, {
      rhks: [
        {
          kind: 'utama',
          text: 'Terpandunya wisatawan',
          goalId: (await goalsOf(baru))[1].id,
          indicators: [{ aspect: 'kuantitas', name: 'Rombongan', targetValue: 10, unit: 'rombongan' }],
        },
      ],
    });
    expect(goalAsParent.statusCode).toBe(400);
    expect(goalAsParent.json().error.code).toBe('RHK_GOAL_NOT_ALLOWED');
    expect(await snapshot(env.db)).toBe(before);
  });

  it('a colleague cannot see it; submitting without a plan is refused', async () => {
    expect((await call(env.app, pegawai, 'GET', `/api/v1/skps/${skpId}`)).statusCode).toBe(404);
    const empty = await call(env.app, baru, 'POST', `/api/v1/skps/${skpId}/submit`);
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.message).toMatch(/RHK utama/);
  });

  it('saves the plan and behaviours, submits, and the atasan is notified', async () => {
    const plan = await call(env.app, baru, 'PUT', `/api/v1/skps/${skpId}/rhks`, {
      rhks: [
        {
          kind: 'utama',
          text: 'Terpandunya rombongan wisatawan perahu Kalimas',
          parentRhkId: kasiRhk,
          indicators: [
            {
              aspect: 'kuantitas',
              name: 'Rombongan wisatawan yang dipandu',
              targetValue: 480,
              unit: 'rombongan',
              direction: 'higher',
            },
            {
              aspect: 'kualitas',
              name: 'Keluhan wisatawan',
              targetValue: 5,
              unit: 'keluhan',
              direction: 'lower',
            },
          ],
        },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json().rhks[0].parent.ownerName).toMatch(/./);
    const behaviours = await call(env.app, atasan, 'PUT', `/api/v1/skps/${skpId}/behaviours`, {
      behaviours: [
        {
          code: 'berorientasi_pelayanan',
          expectation: 'Menyapa setiap rombongan dan menjelaskan prosedur keselamatan.',
        },
      ],
    });
    expect(behaviours.statusCode).toBe(200);
    const submitted = await call(env.app, baru, 'POST', `/api/v1/skps/${skpId}/submit`);
    expect(submitted.json().status).toBe('submitted');
    const inbox = (await call(env.app, atasan, 'GET', '/api/v1/inbox?unread=true')).json();
    expect(inbox.items[0].title).toBe('SKP menunggu persetujuan Anda');
    expect(inbox.items[0].link).toBe(`/skp/${skpId}`);
  });

  it('only the atasan decides; a return needs a reason', async () => {
    expect((await call(env.app, baru, 'POST', `/api/v1/skps/${skpId}/approve`)).statusCode).toBe(403);
    expect((await call(env.app, bkpsdm, 'POST', `/api/v1/skps/${skpId}/approve`)).statusCode).toBe(403);
    expect((await call(env.app, pegawai, 'POST', `/api/v1/skps/${skpId}/approve`)).statusCode).toBe(404);
    expect((await call(env.app, atasan, 'POST', `/api/v1/skps/${skpId}/return`, {})).statusCode).toBe(400);
    const returned = await call(env.app, atasan, 'POST', `/api/v1/skps/${skpId}/return`, {
      reason: 'Target rombongan terlalu rendah untuk musim liburan.',
    });
    expect(returned.json().status).toBe('returned');
    const mine = (await call(env.app, baru, 'GET', `/api/v1/skps/${skpId}`)).json();
    expect(mine.returnReason).toMatch(/terlalu rendah/);
    expect(mine.events.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'submitted',
      'returned',
    ]);
    const inbox = (await call(env.app, baru, 'GET', '/api/v1/inbox')).json();
    expect(inbox.items[0].body).toMatch(/terlalu rendah/);
  });

  it('the employee fixes and resubmits; the atasan approves in bulk; the form header is frozen', async () => {
    const skp = (await call(env.app, baru, 'GET', `/api/v1/skps/${skpId}`)).json();
    const rhk = skp.rhks[0];
    const fixed = await call(env.app, baru, 'PUT', `/api/v1/skps/${skpId}/rhks`, {
      rhks: [
        {
          id: rhk.id,
          kind: 'utama',
          text: rhk.text,
          parentRhkId: kasiRhk,
          indicators: rhk.indicators.map((i: Record<string, unknown>) => ({
            id: i.id,
            aspect: i.aspect,
            name: i.name,
            targetValue: i.aspect === 'kuantitas' ? 720 : i.targetValue,
            unit: i.unit,
            direction: i.direction,
          })),
        },
      ],
    });
    expect(fixed.json().rhks[0].indicators[0].targetValue).toBe(720);
    expect(fixed.json().rhks[0].id).toBe(rhk.id);
    await call(env.app, baru, 'POST', `/api/v1/skps/${skpId}/submit`);
    const list = (await call(env.app, atasan, 'GET', '/api/v1/skps/subordinates?status=submitted')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(skpId);
    const bulk = await call(env.app, atasan, 'POST', '/api/v1/skps/bulk', {
      action: 'approve',
      ids: [skpId, list.items[0].id === skpId ? skpId : list.items[0].id],
    });
    expect(bulk.json().results[0]).toEqual({ id: skpId, ok: true });
    const approved = (await call(env.app, baru, 'GET', `/api/v1/skps/${skpId}`)).json();
    expect(approved.status).toBe('approved');
    expect(approved.header.evaluator.name).toBe(
      (await call(env.app, atasan, 'GET', '/api/v1/auth/me')).json().user.displayName,
    );
  });

  it('an approved SKP changes only through a recorded revision', async () => {
    const skp = (await call(env.app, baru, 'GET', `/api/v1/skps/${skpId}`)).json();
    const before = await snapshot(env.db);
    const edit = await call(env.app, baru, 'PUT', `/api/v1/skps/${skpId}/rhks`, { rhks: [] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('SKP_NOT_EDITABLE');
    expect(await snapshot(env.db)).toBe(before);
    const revised = await call(env.app, baru, 'POST', `/api/v1/skps/${skpId}/revise`, {
      reason: 'Penambahan rute wisata malam',
    });
    expect(revised.json().status).toBe('revision');
    expect(revised.json().revision).toBe(1);
    const plan = skp.rhks.map(
      (r: { id: string; kind: string; text: string; indicators: Record<string, unknown>[] }) => ({
        id: r.id,
        kind: r.kind,
        text: r.text,
        parentRhkId: kasiRhk,
        indicators: r.indicators.map((i) => ({
          id: i.id,
          aspect: i.aspect,
          name: i.name,
          targetValue: i.targetValue,
          unit: i.unit,
          direction: i.direction,
        })),
      }),
    );
    plan.push({
      kind: 'tambahan',
      text: 'Terpandunya wisata malam Kalimas',
      parentRhkId: kasiRhk,
      indicators: [
        {
          aspect: 'kuantitas',
          name: 'Rombongan malam',
          targetValue: 60,
          unit: 'rombongan',
          direction: 'higher',
        },
      ],
    } as never);
    expect((await call(env.app, baru, 'PUT', `/api/v1/skps/${skpId}/rhks`, { rhks: plan })).statusCode).toBe(
      200,
    );
    await call(env.app, baru, 'POST', `/api/v1/skps/${skpId}/submit`);
    const again = await call(env.app, atasan, 'POST', `/api/v1/skps/${skpId}/approve`);
    expect(again.json().status).toBe('approved');
    expect(again.json().events.map((e: { action: string }) => e.action)).toContain('revision_opened');
    const audit = await env.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', skpId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['skp.create', 'skp.submit', 'skp.return', 'skp.approve', 'skp.revise']),
    );
  });

  it('the walikota finds the new guide in the cascade of the river-tourism goal, and the path leads back up', async () => {
    const ss2 = (await goalsOf(walikota)).find((g) => g.code === 'SS2');
    const cascade = (await call(env.app, walikota, 'GET', `/api/v1/goals/${ss2?.id}/cascade`)).json();
    type Node = { rhkId: string; employee: { id: string }; opdName: string; children: Node[] };
    const flat: Node[] = [];
    const walk = (n: Node) => {
      flat.push(n);
      n.children.forEach(walk);
    };
    cascade.nodes.forEach(walk);
    const mine = flat.find((n) => n.employee.id === baruEmployeeId);
    expect(mine).toBeDefined();
    expect(flat.some((n) => n.opdName === 'Kecamatan Genteng')).toBe(true);
    const path = (await call(env.app, walikota, 'GET', `/api/v1/rhks/${mine?.rhkId}/path`)).json().path;
    expect(path[path.length - 1]).toMatchObject({ type: 'goal', code: 'SS2' });
    expect(path.length).toBeGreaterThanOrEqual(4);
  });
});

describe('no cycles in the cascade', () => {
  it('an atasan cannot make their RHK support a subordinate’s RHK', async () => {
    const own = (await call(env.app, atasan, 'GET', '/api/v1/skps/mine')).json().items[0];
    const sub = (await call(env.app, pegawai, 'GET', '/api/v1/skps/mine')).json().items[0];
    const subSkp = (await call(env.app, pegawai, 'GET', `/api/v1/skps/${sub.id}`)).json();
    await call(env.app, atasan, 'POST', `/api/v1/skps/${own.id}/revise`, { reason: 'Uji siklus' });
    const before = await snapshot(env.db);
    const res = await call(env.app, atasan, 'PUT', `/api/v1/skps/${own.id}/rhks`, {
      rhks: [
        {
          kind: 'utama',
          text: 'Mendukung bawahan sendiri',
          parentRhkId: subSkp.rhks[0].id,
          indicators: [{ aspect: 'kuantitas', name: 'Apa saja', targetValue: 1, unit: 'x' }],
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('RHK_PARENT_NOT_ATASAN');
    expect(await snapshot(env.db)).toBe(before);
  });
});

describe('an acting holder approves', () => {
  it('the Plt. of a vacant bidang head approves a staff SKP after revision', async () => {
    const plt = await holderOf(env.db, 'surabaya', 'DLH.SEKRETARIS');
    await createUser(env.db, 'surabaya', 'plt.dlh', plt);
    const pltSession = await login(env.app, 'surabaya', 'plt.dlh');
    const staffId = await holderOf(env.db, 'surabaya', 'DLH.B1.S1');
    await createUser(env.db, 'surabaya', 'staf.dlh', staffId);
    const staff = await login(env.app, 'surabaya', 'staf.dlh');
    const skp = (await call(env.app, staff, 'GET', '/api/v1/skps/mine')).json().items[0];
    expect(skp.evaluator.acting).toBe(true);
    await call(env.app, staff, 'POST', `/api/v1/skps/${skp.id}/revise`, {
      reason: 'Penyesuaian target pengangkutan sampah',
    });
    await call(env.app, staff, 'POST', `/api/v1/skps/${skp.id}/submit`);
    const approved = await call(env.app, pltSession, 'POST', `/api/v1/skps/${skp.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().header.evaluator.jabatan).toMatch(/^Plt\. Kepala Bidang/);
  });
});

describe('realisation with evidence', () => {
  it('the employee records quarter 4 with a PDF, the atasan confirms, capaian follows', async () => {
    const { payload, headers } = multipart(
      {},
      { name: 'laporan-tw4.pdf', content: PDF, type: 'application/pdf' },
    );
    const up = await env.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      payload,
      headers: { ...headers, cookie: pegawai.cookie, 'x-csrf-token': pegawai.csrf },
    });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file.mime).toBe('application/pdf');
    const mine = (await call(env.app, pegawai, 'GET', '/api/v1/skps/mine')).json().items[0];
    const skp = (await call(env.app, pegawai, 'GET', `/api/v1/skps/${mine.id}`)).json();
    const indicator = skp.rhks[0].indicators[0];
    const saved = await call(env.app, pegawai, 'PUT', `/api/v1/skps/${mine.id}/realisations`, {
      indicatorId: indicator.id,
      quarter: 4,
      value: indicator.targetValue,
      note: 'Sesuai laporan',
      evidence: [file.sha],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const rz = saved
      .json()
      .rhks[0].indicators[0].realisations.find((r: { quarter: number }) => r.quarter === 4);
    expect(rz.status).toBe('submitted');
    expect(rz.capaian).toBe(100);
    expect((await call(env.app, pegawai, 'POST', `/api/v1/realisations/${rz.id}/confirm`)).statusCode).toBe(
      403,
    );
    const confirmed = await call(env.app, atasan, 'POST', `/api/v1/realisations/${rz.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect((await call(env.app, atasan, 'POST', `/api/v1/realisations/${rz.id}/confirm`)).statusCode).toBe(
      409,
    );
    const download = await call(env.app, atasan, 'GET', rz.evidence[0].url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const jambi = await login(env.app, 'jambi', 'bkpsdm');
    expect((await call(env.app, jambi, 'GET', rz.evidence[0].url)).statusCode).toBe(404);
  });

  it('refuses a text file disguised as PDF', async () => {
    const { payload, headers } = multipart(
      {},
      { name: 'bukti.pdf', content: 'bukan pdf', type: 'application/pdf' },
    );
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      payload,
      headers: { ...headers, cookie: pegawai.cookie, 'x-csrf-token': pegawai.csrf },
    });
    expect(res.statusCode).toBe(415);
  });
});

describe('reading SKPs', () => {
  it('admin_opd reads inside the OPD only; the city list is refused to a pegawai', async () => {
    const admin = await login(env.app, 'surabaya', 'adminopd');
    const list = (await call(env.app, admin, 'GET', '/api/v1/skps?limit=500')).json().items as {
      unitName: string;
    }[];
    expect(list.length).toBeGreaterThan(5);
    const dinkes = (
      await call(
        env.app,
        bkpsdm,
        'GET',
        `/api/v1/skps?unitId=${await unitId(env.db, 'surabaya', 'DINKES')}&limit=1`,
      )
    ).json().items[0];
    expect((await call(env.app, admin, 'GET', `/api/v1/skps/${dinkes.id}`)).statusCode).toBe(404);
    expect((await call(env.app, pegawai, 'GET', '/api/v1/skps')).statusCode).toBe(403);
  });

  it('prints the SKP as a PDF', async () => {
    const mine = (await call(env.app, pegawai, 'GET', '/api/v1/skps/mine')).json().items[0];
    const res = await call(env.app, pegawai, 'GET', `/api/v1/skps/${mine.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('coverage lists positions without an approved SKP', async () => {
    await call(env.app, bkpsdm, 'POST', '/api/v1/org/employees', {
      nip: '199901012024012001',
      asnType: 'PNS',
      name: 'Intan Pratiwi, S.Kom.',
      sex: 'P',
      positionId: (
        await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
          code: 'DISKOMINFO.B1.NEW',
          name: 'Pranata Komputer',
          kind: 'fungsional',
          kelas: 8,
          unitId: await unitId(env.db, 'surabaya', 'DISKOMINFO.B1'),
        })
      ).json().id,
    });
    const coverage = (await call(env.app, walikota, 'GET', '/api/v1/skp-coverage')).json();
    expect(coverage.positionsWithoutApprovedSkp.map((p: { holderName: string }) => p.holderName)).toContain(
      'Intan Pratiwi, S.Kom.',
    );
    expect(coverage.totals.approved).toBeGreaterThan(300);
  });

  it('another city sees none of it', async () => {
    const jambi = await login(env.app, 'jambi', 'walikota');
    const mine = (await call(env.app, pegawai, 'GET', '/api/v1/skps/mine')).json().items[0];
    expect((await call(env.app, jambi, 'GET', `/api/v1/skps/${mine.id}`)).statusCode).toBe(404);
    const ss2 = (await goalsOf(walikota)).find((g) => g.code === 'SS2');
    expect((await call(env.app, jambi, 'GET', `/api/v1/goals/${ss2?.id}/cascade`)).statusCode).toBe(404);
  });
});
