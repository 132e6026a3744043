import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestEnv,
  holderOf,
  login,
  positionId,
  type Session,
  snapshot,
  type TestEnv,
  unitId,
} from '../support/app.ts';

let env: TestEnv;
let bkpsdm: Session;
let admin: Session;
let pegawai: Session;
let walikota: Session;
beforeAll(async () => {
  env = await createTestEnv();
  [bkpsdm, admin, pegawai, walikota] = await Promise.all([
    login(env.app, 'surabaya', 'bkpsdm'),
    login(env.app, 'surabaya', 'adminopd'),
    login(env.app, 'surabaya', 'pegawai'),
    login(env.app, 'surabaya', 'walikota'),
  ]);
});
afterAll(() => env.close());

describe('organisation tree', () => {
  it('lists the whole tree of the own city only, with counts', async () => {
    const res = await call(env.app, walikota, 'GET', '/api/v1/org/units');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; parentId: string | null; positionCount: number }[];
    expect(items.find((u) => u.parentId === null)?.name).toBe('Pemerintah Kota Surabaya');
    expect(items.some((u) => u.name === 'Dinas Kebudayaan, Kepemudaan dan Olah Raga serta Pariwisata')).toBe(
      true,
    );
    expect(items.some((u) => u.name.includes('Jambi'))).toBe(false);
    expect(items.reduce((n, u) => n + u.positionCount, 0)).toBeGreaterThan(300);
  });

  it('searches units by name', async () => {
    const res = await call(env.app, pegawai, 'GET', '/api/v1/org/units?q=kalimas');
    expect(res.json().items.map((u: { name: string }) => u.name)).toEqual([
      'Seksi Destinasi Wisata Sungai Kalimas',
    ]);
  });

  it('shows vacancies and acting holders (Plt.)', async () => {
    const vacant = await call(env.app, walikota, 'GET', '/api/v1/org/positions?vacant=true&limit=200');
    const items = vacant.json().items as { code: string; holder: unknown; acting: { kind: string } | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((p) => p.holder === null)).toBe(true);
    const plt = items.find((p) => p.code === 'DLH.B1.KEPALA');
    expect(plt?.acting?.kind).toBe('plt');
  });
});

describe('employee profile', () => {
  it('decodes the NIP and names the atasan and the atasan pejabat penilai', async () => {
    const res = await call(env.app, walikota, 'GET', `/api/v1/org/employees/${pegawai.employeeId}`);
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e.nipInfo.formatted).toMatch(/^\d{8} \d{6} [12] \d{3}$/);
    expect(e.nipInfo.birthDate).toBe(`${e.nip.slice(0, 4)}-${e.nip.slice(4, 6)}-${e.nip.slice(6, 8)}`);
    expect(e.atasan.positionName).toBe('Kepala Seksi Destinasi Wisata Sungai Kalimas');
    expect(e.atasanPenilai.positionName).toBe('Kepala Bidang Pariwisata');
    expect(e.history).toHaveLength(1);
    expect(e.retirementDate).toMatch(/^\d{4}-\d{2}-01$/);
  });

  it('resolves an acting holder as atasan when the position above is vacant', async () => {
    const staff = await holderOf(env.db, 'surabaya', 'DLH.B1.S1');
    const res = await call(env.app, walikota, 'GET', `/api/v1/org/employees/${staff}`);
    expect(res.json().atasan.acting).toBe(true);
    expect(res.json().atasan.positionName).toBe('Kepala Bidang Pengelolaan Sampah');
  });

  it('hides personal contact data from colleagues but shows it to the person and pimpinan', async () => {
    const colleague = await holderOf(env.db, 'surabaya', 'DINKES.B1.S1');
    const asPegawai = (await call(env.app, pegawai, 'GET', `/api/v1/org/employees/${colleague}`)).json();
    expect(asPegawai.email).toBeNull();
    expect(asPegawai.birthDate).toBeNull();
    expect(asPegawai.abilities.update).toBe(false);
    const self = (await call(env.app, pegawai, 'GET', `/api/v1/org/employees/${pegawai.employeeId}`)).json();
    expect(self.email).toMatch(/@surabaya\.go\.id$/);
    const mayor = (await call(env.app, walikota, 'GET', `/api/v1/org/employees/${colleague}`)).json();
    expect(mayor.email).not.toBeNull();
  });

  it('searches employees by NIP prefix and by name', async () => {
    const self = (await call(env.app, pegawai, 'GET', `/api/v1/org/employees/${pegawai.employeeId}`)).json();
    const byNip = await call(env.app, bkpsdm, 'GET', `/api/v1/org/employees?q=${self.nip.slice(0, 12)}`);
    expect(byNip.json().items.map((e: { id: string }) => e.id)).toContain(self.id);
    const byName = await call(
      env.app,
      bkpsdm,
      'GET',
      `/api/v1/org/employees?q=${encodeURIComponent(self.name.split(' ')[0].toLowerCase())}`,
    );
    expect(byName.json().items.length).toBeGreaterThan(0);
  });

  it('pages through employees with a stable cursor', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/org/employees?limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await call(env.app, bkpsdm, 'GET', url)
      ).json();
      for (const e of page.items) seen.add(e.id);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    const total = (await call(env.app, bkpsdm, 'GET', '/api/v1/org/stats')).json().employees;
    expect(seen.size).toBe(total);
  });
});

describe('managing the organisation', () => {
  it('bkpsdm creates, edits, moves and deactivates a unit; history and audit are kept', async () => {
    const parent = await unitId(env.db, 'surabaya', 'DISKOMINFO');
    const created = await call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
      code: 'DISKOMINFO.B9',
      name: 'Bidang Statistik',
      type: 'bidang',
      parentId: parent,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const edited = await call(env.app, bkpsdm, 'PATCH', `/api/v1/org/units/${id}`, {
      name: 'Bidang Statistik Sektoral',
    });
    expect(edited.json().name).toBe('Bidang Statistik Sektoral');
    const newParent = await unitId(env.db, 'surabaya', 'BAPEDALITBANG');
    const moved = await call(env.app, bkpsdm, 'POST', `/api/v1/org/units/${id}/move`, {
      parentId: newParent,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().ancestors.map((a: { id: string }) => a.id)).toContain(newParent);
    const off = await call(env.app, bkpsdm, 'POST', `/api/v1/org/units/${id}/deactivate`, {
      validTo: '2026-12-31',
    });
    expect(off.json().active).toBe(false);
    expect(off.json().validTo).toBe('2026-12-31');
    const audit = await env.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'unit.create',
      'unit.update',
      'unit.move',
      'unit.deactivate',
    ]);
    expect(JSON.parse(audit[1].before_json ?? '{}').name).toBe('Bidang Statistik');
  });

  it('moving a unit re-roots the whole subtree', async () => {
    const bidang = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1');
    const seksi = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
    const target = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B2');
    const res = await call(env.app, bkpsdm, 'POST', `/api/v1/org/units/${seksi}/move`, { parentId: target });
    expect(res.statusCode).toBe(200);
    const detail = (await call(env.app, bkpsdm, 'GET', `/api/v1/org/units/${seksi}`)).json();
    expect(detail.path).toContain(`/${target}/`);
    expect(detail.path).not.toContain(`/${bidang}/`);
    await call(env.app, bkpsdm, 'POST', `/api/v1/org/units/${seksi}/move`, { parentId: bidang });
  });

  it('refuses a cycle in the unit tree and changes nothing', async () => {
    const opd = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR');
    const child = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
    const before = await snapshot(env.db);
    const res = await call(env.app, bkpsdm, 'POST', `/api/v1/org/units/${opd}/move`, { parentId: child });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ORG_CYCLE');
    expect(res.json().error.message).toMatch(/bawahan dirinya sendiri/);
    expect(await snapshot(env.db)).toBe(before);
  });

  it('refuses a cycle in the position tree', async () => {
    const head = await positionId(env.db, 'surabaya', 'DISBUDPORAPAR.KEPALA');
    const staff = await positionId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.S1');
    const before = await snapshot(env.db);
    const res = await call(env.app, bkpsdm, 'PATCH', `/api/v1/org/positions/${head}`, {
      parentPositionId: staff,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ORG_CYCLE');
    expect(await snapshot(env.db)).toBe(before);
  });

  it('refuses to delete or deactivate a unit that still has positions', async () => {
    const seksi = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
    const before = await snapshot(env.db);
    const del = await call(env.app, bkpsdm, 'DELETE', `/api/v1/org/units/${seksi}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('UNIT_HAS_POSITIONS');
    const off = await call(env.app, bkpsdm, 'POST', `/api/v1/org/units/${seksi}/deactivate`, {});
    expect(off.statusCode).toBe(409);
    expect(await snapshot(env.db)).toBe(before);
  });

  it('deletes an empty unit created by mistake', async () => {
    const parent = await unitId(env.db, 'surabaya', 'DLH');
    const id = (
      await call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
        code: 'DLH.TYPO',
        name: 'Bidang Salah Ketik',
        type: 'bidang',
        parentId: parent,
      })
    ).json().id;
    expect((await call(env.app, bkpsdm, 'DELETE', `/api/v1/org/units/${id}`)).statusCode).toBe(204);
    expect((await call(env.app, bkpsdm, 'GET', `/api/v1/org/units/${id}`)).statusCode).toBe(404);
  });

  it('refuses a duplicate unit code with a localised 409', async () => {
    const parent = await unitId(env.db, 'surabaya', 'DLH');
    const res = await call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
      code: 'DLH.B1',
      name: 'Duplikat',
      type: 'bidang',
      parentId: parent,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/sudah dipakai/);
  });

  it('creates a position and an employee in it, then moves the employee and keeps the history', async () => {
    const unit = await unitId(env.db, 'surabaya', 'DISKOMINFO.B1');
    const parent = await positionId(env.db, 'surabaya', 'DISKOMINFO.B1.KEPALA');
    const pos = await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
      code: 'DISKOMINFO.B1.PRAKOM',
      name: 'Pranata Komputer Ahli Pertama',
      kind: 'fungsional',
      kelas: 8,
      unitId: unit,
      parentPositionId: parent,
    });
    expect(pos.statusCode).toBe(201);
    expect(pos.json().holder).toBeNull();
    const emp = await call(env.app, bkpsdm, 'POST', '/api/v1/org/employees', {
      nip: '19950417 202012 2 003',
      asnType: 'PNS',
      name: 'Citra Wulandari, S.Kom.',
      sex: 'P',
      golongan: 'Penata Muda (III/a)',
      positionId: pos.json().id,
      startDate: '2026-01-02',
    });
    expect(emp.statusCode).toBe(201);
    const e = emp.json();
    expect(e.nip).toBe('199504172020122003');
    expect(e.nipInfo.tmt).toBe('2020-12-01');
    expect(e.atasan.positionName).toBe('Kepala Bidang Aplikasi Informatika');
    const target = (
      await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
        code: 'DISKOMINFO.B1.PRAKOM2',
        name: 'Pranata Komputer Ahli Muda',
        kind: 'fungsional',
        kelas: 9,
        unitId: unit,
        parentPositionId: parent,
      })
    ).json();
    const moved = await call(env.app, bkpsdm, 'POST', `/api/v1/org/employees/${e.id}/move`, {
      positionId: target.id,
      startDate: '2026-11-01',
      reason: 'Mutasi internal',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().history).toHaveLength(2);
    expect(moved.json().history[1].endDate).toBe('2026-11-01');
    const occupied = await call(env.app, bkpsdm, 'POST', `/api/v1/org/employees/${e.id}/move`, {
      positionId: await positionId(env.db, 'surabaya', 'DLH.B2.KEPALA'),
      startDate: '2026-11-02',
      reason: 'Coba',
    });
    expect(occupied.statusCode).toBe(409);
    expect(occupied.json().error.code).toBe('POSITION_OCCUPIED');
    const retired = await call(env.app, bkpsdm, 'POST', `/api/v1/org/employees/${e.id}/deactivate`, {
      status: 'moved',
      date: '2026-12-01',
      reason: 'Pindah ke Kota Jambi',
    });
    expect(retired.json().status).toBe('moved');
    expect(retired.json().positionId).toBeNull();
  });

  it('appoints and ends an acting holder (Plt.)', async () => {
    const vacant = (await call(env.app, bkpsdm, 'GET', '/api/v1/org/positions?vacant=true&limit=200'))
      .json()
      .items.find((p: { acting: unknown }) => !p.acting);
    const res = await call(env.app, bkpsdm, 'POST', `/api/v1/org/positions/${vacant.id}/acting`, {
      employeeId: bkpsdm.employeeId,
      kind: 'plh',
      startDate: '2026-12-01',
    });
    expect(res.json().acting.kind).toBe('plh');
    const ended = await call(env.app, bkpsdm, 'DELETE', `/api/v1/org/positions/${vacant.id}/acting`);
    expect(ended.json().acting).toBeNull();
  });
});

describe('invalid NIPs are reported exactly', () => {
  const cases: [string, 'PNS' | 'PPPK', 'L' | 'P', RegExp][] = [
    ['19861326', 'PNS', 'L', /18 digit/],
    ['1986092620150510A1', 'PNS', 'L', /hanya boleh berisi angka/],
    ['198602302015051001', 'PNS', 'L', /1986-02-30.*bukan tanggal/],
    ['198609262015131001', 'PNS', 'L', /bulan TMT CPNS 13/],
    ['198609262000051001', 'PNS', 'L', /sebelum pegawai berusia 18/],
    ['198609262031051001', 'PNS', 'L', /masa depan/],
    ['198609262015053001', 'PNS', 'L', /digit ke-15/],
    ['198609262015051000', 'PNS', 'L', /000/],
    ['199203142023002004', 'PPPK', 'P', /perjanjian kerja/],
    ['199203142010012004', 'PPPK', 'P', /tidak masuk akal/],
  ];
  it.each(cases)('%s (%s)', async (nip, asnType, sex, message) => {
    const before = await snapshot(env.db);
    const res = await call(env.app, bkpsdm, 'POST', '/api/v1/org/employees', {
      nip,
      asnType,
      name: 'Uji Coba',
      sex,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toMatch(message);
    expect(await snapshot(env.db)).toBe(before);
  });

  it('accepts an NI PPPK whose digits 13–14 are not a month', async () => {
    const res = await call(env.app, bkpsdm, 'POST', '/api/v1/org/employees', {
      nip: '199203142023212004',
      asnType: 'PPPK',
      name: 'Sri Wahyuni, S.Pd.',
      sex: 'P',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().nipInfo.contractCount).toBe(21);
  });

  it('reports a sex that contradicts digit 15', async () => {
    const res = await call(env.app, bkpsdm, 'POST', '/api/v1/org/employees', {
      nip: '199001012015051007',
      asnType: 'PNS',
      name: 'Uji',
      sex: 'P',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('NIP_SEX_MISMATCH');
  });
});

describe('admin_opd works only inside their OPD', () => {
  it('may create a unit inside the tourism agency', async () => {
    const parent = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B2');
    const res = await call(env.app, admin, 'POST', '/api/v1/org/units', {
      code: 'DISBUDPORAPAR.B2.CAGAR',
      name: 'Seksi Cagar Budaya',
      type: 'seksi',
      parentId: parent,
    });
    expect(res.statusCode).toBe(201);
  });

  it('may not touch another OPD, nor move the OPD node itself', async () => {
    const before = await snapshot(env.db);
    const other = await unitId(env.db, 'surabaya', 'DINKES');
    const res = await call(env.app, admin, 'POST', '/api/v1/org/units', {
      code: 'DINKES.X',
      name: 'Seksi X',
      type: 'seksi',
      parentId: other,
    });
    expect(res.statusCode).toBe(403);
    const opd = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR');
    const root = await unitId(env.db, 'surabaya', 'PEMKOT');
    expect(
      (await call(env.app, admin, 'POST', `/api/v1/org/units/${opd}/move`, { parentId: root })).statusCode,
    ).toBe(403);
    const staff = await holderOf(env.db, 'surabaya', 'DINKES.B1.S1');
    expect(
      (await call(env.app, admin, 'PATCH', `/api/v1/org/employees/${staff}`, { name: 'Diubah' })).statusCode,
    ).toBe(403);
    expect(await snapshot(env.db)).toBe(before);
  });

  it('may not move an employee of their OPD into another OPD', async () => {
    const own = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B3.S1');
    const foreign = (await call(env.app, admin, 'GET', '/api/v1/org/positions?vacant=true&limit=200'))
      .json()
      .items.find((p: { code: string }) => !p.code.startsWith('DISBUDPORAPAR'));
    const res = await call(env.app, admin, 'POST', `/api/v1/org/employees/${own}/move`, {
      positionId: foreign.id,
      startDate: '2026-12-01',
      reason: 'Coba',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('deleting versus deactivating', () => {
  it('a unit whose only position was deactivated can be deactivated but not deleted', async () => {
    const parent = await unitId(env.db, 'surabaya', 'DPMPTSP');
    const unit = (
      await call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
        code: 'DPMPTSP.TMP',
        name: 'Seksi Sementara',
        type: 'seksi',
        parentId: parent,
      })
    ).json();
    const pos = (
      await call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
        code: 'DPMPTSP.TMP.P1',
        name: 'Pengolah Data',
        kind: 'pelaksana',
        kelas: 6,
        unitId: unit.id,
      })
    ).json();
    await call(env.app, bkpsdm, 'POST', `/api/v1/org/positions/${pos.id}/deactivate`);
    const before = await snapshot(env.db);
    const del = await call(env.app, bkpsdm, 'DELETE', `/api/v1/org/units/${unit.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('UNIT_NOT_EMPTY');
    expect(del.json().error.message).toMatch(/Nonaktifkan unit ini saja/);
    expect(await snapshot(env.db)).toBe(before);
    const off = await call(env.app, bkpsdm, 'POST', `/api/v1/org/units/${unit.id}/deactivate`, {});
    expect(off.statusCode).toBe(200);
  });
});
