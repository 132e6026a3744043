import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestEnv,
  login,
  multipart,
  type Session,
  snapshot,
  type TestEnv,
  waitForImport,
} from '../support/app.ts';

let env: TestEnv;
let bkpsdm: Session;
let admin: Session;
let pegawai: Session;
beforeAll(async () => {
  env = await createTestEnv();
  [bkpsdm, admin, pegawai] = await Promise.all([
    login(env.app, 'jambi', 'bkpsdm'),
    login(env.app, 'jambi', 'adminopd'),
    login(env.app, 'jambi', 'pegawai'),
  ]);
});
afterAll(() => env.close());

async function upload(s: Session, kind: string, name: string, content: Buffer | string) {
  const { payload, headers } = multipart({ kind }, { name, content });
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    payload,
    headers: { ...headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  expect(res.statusCode, res.body).toBe(202);
  return { id: res.json().id as string, job: await waitForImport(env.app, s, res.json().id) };
}

const unitsCsv = (rows: string[]) => ['code,name,type,parent_code', ...rows].join('\n');

describe('importing units', () => {
  it('reports row-level errors in the user’s language and commits nothing', async () => {
    const before = await snapshot(env.db);
    const csv = unitsCsv([
      'DISPARBUD.B9,Bidang Ekonomi Kreatif,bidang,DISPARBUD',
      'DISPARBUD.B9.S1,Seksi Kuliner,seksiX,DISPARBUD.B9',
      'DISPARBUD.B9.S2,Seksi Kriya,seksi,TIDAKADA',
      'DISPARBUD.B1,Duplikat,bidang,DISPARBUD',
    ]);
    const { id, job } = await upload(bkpsdm, 'units', 'unit.csv', csv);
    expect(job.status).toBe('invalid');
    const errors = (await call(env.app, bkpsdm, 'GET', `/api/v1/imports/${id}/errors`)).json().items;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 3,
          column: 'type',
          message: expect.stringMatching(/seksiX.*tidak valid/),
        }),
        expect.objectContaining({
          row: 4,
          column: 'parent_code',
          message: expect.stringMatching(/TIDAKADA.*tidak ditemukan/),
        }),
        expect.objectContaining({ row: 5, column: 'code', message: expect.stringMatching(/sudah dipakai/) }),
      ]),
    );
    const en = (
      await call(env.app, bkpsdm, 'GET', `/api/v1/imports/${id}/errors`, undefined, {
        'accept-language': 'en',
      })
    ).json().items;
    expect(en.find((e: { row: number }) => e.row === 4).message).toMatch(/not found/);
    const commit = await call(env.app, bkpsdm, 'POST', `/api/v1/imports/${id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().error.code).toBe('IMPORT_HAS_ERRORS');
    const after = JSON.parse(await snapshot(env.db));
    const b = JSON.parse(before);
    expect(after.counts.units).toBe(b.counts.units);
    expect(after.counts.positions).toBe(b.counts.positions);
  });

  it('commits a corrected file with parents defined in the same file, in one go', async () => {
    const csv = unitsCsv([
      'DISPARBUD.B9.S1,Seksi Kuliner,seksi,DISPARBUD.B9',
      'DISPARBUD.B9,Bidang Ekonomi Kreatif,bidang,DISPARBUD',
      'DISPARBUD.B9.S2,Seksi Kriya dan Batik Jambi,seksi,DISPARBUD.B9',
    ]);
    const { id, job } = await upload(bkpsdm, 'units', 'unit.csv', csv);
    expect(job.status).toBe('ready');
    const preview = (await call(env.app, bkpsdm, 'GET', `/api/v1/imports/${id}/preview`)).json().items;
    expect(preview).toHaveLength(3);
    const commit = await call(env.app, bkpsdm, 'POST', `/api/v1/imports/${id}/commit`);
    expect(commit.statusCode).toBe(200);
    expect(commit.json().status).toBe('committed');
    const units = (await call(env.app, bkpsdm, 'GET', '/api/v1/org/units?q=kriya')).json().items;
    expect(units[0].name).toBe('Seksi Kriya dan Batik Jambi');
    const again = await call(env.app, bkpsdm, 'POST', `/api/v1/imports/${id}/commit`);
    expect(again.statusCode).toBe(409);
    const audited = await env.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['unit.create', 'import.commit'])
      .execute();
    expect(audited.filter((a) => a.action === 'unit.create').length).toBeGreaterThanOrEqual(3);
  });

  it('reports missing header columns', async () => {
    const { id, job } = await upload(bkpsdm, 'units', 'x.csv', 'kode,nama\nA,B\n');
    expect(job.status).toBe('invalid');
    const errors = (await call(env.app, bkpsdm, 'GET', `/api/v1/imports/${id}/errors`)).json().items;
    expect(errors[0].message).toMatch(/Kolom wajib tidak ada/);
  });

  it('accepts semicolon-separated CSV as Excel writes it in Indonesian locale', async () => {
    const { job } = await upload(
      bkpsdm,
      'units',
      'x.csv',
      'code;name;type;parent_code\nDISPARBUD.B8;Bidang Festival;bidang;DISPARBUD\n',
    );
    expect(job.status).toBe('ready');
  });

  it('refuses a file that is neither CSV nor XLSX', async () => {
    const { payload, headers } = multipart({ kind: 'units' }, { name: 'x.pdf', content: '%PDF-1.4' });
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload,
      headers: { ...headers, cookie: bkpsdm.cookie, 'x-csrf-token': bkpsdm.csrf },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_FILE_TYPE');
  });
});

describe('importing positions and employees (XLSX)', () => {
  it('imports positions, then employees into them from XLSX', async () => {
    const posCsv = [
      'code,name,kind,kelas,unit_code,parent_code,is_key',
      'DISPARBUD.B1.PEMANDU2,Pemandu Wisata Sungai,pelaksana,6,DISPARBUD.B1,DISPARBUD.B1.KEPALA,tidak',
      'DISPARBUD.B1.JF2,Adyatama Kepariwisataan Ahli Pertama,fungsional,8,DISPARBUD.B1,DISPARBUD.B1.KEPALA,ya',
    ].join('\n');
    const pos = await upload(bkpsdm, 'positions', 'jabatan.csv', posCsv);
    expect(pos.job.status).toBe('ready');
    expect((await call(env.app, bkpsdm, 'POST', `/api/v1/imports/${pos.id}/commit`)).statusCode).toBe(200);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('pegawai');
    ws.addRow(['nip', 'asn_type', 'name', 'sex', 'golongan', 'education', 'email', 'phone', 'position_code']);
    ws.addRow([
      '199001152019031002',
      'PNS',
      'Fadli Siregar, S.Par.',
      'L',
      'Penata Muda (III/a)',
      'S1',
      'fadli@jambikota.go.id',
      '081234567890',
      'DISPARBUD.B1.PEMANDU2',
    ]);
    ws.addRow(['199512202024011001', 'PPPK', 'Nurul Hidayat', 'P', 'VII', 'D3', '', '', 'DISPARBUD.B1.JF2']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const bad = await upload(bkpsdm, 'employees', 'pegawai.xlsx', buf);
    expect(bad.job.status).toBe('invalid');
    const errors = (await call(env.app, bkpsdm, 'GET', `/api/v1/imports/${bad.id}/errors`)).json().items;
    expect(errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'sex',
        message: expect.stringMatching(/Jenis kelamin tidak sesuai/),
      }),
    ]);

    ws.getRow(3).getCell(4).value = 'L';
    ws.getRow(3).getCell(3).value = 'Nurul Hidayat, A.Md.Par.';
    const fixed = await upload(bkpsdm, 'employees', 'pegawai.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(fixed.job.status).toBe('ready');
    expect((await call(env.app, bkpsdm, 'POST', `/api/v1/imports/${fixed.id}/commit`)).json().status).toBe(
      'committed',
    );
    const found = (await call(env.app, bkpsdm, 'GET', '/api/v1/org/employees?q=199001152019')).json().items;
    expect(found[0].positionName).toBe('Pemandu Wisata Sungai');
  });

  it('serves CSV and XLSX templates', async () => {
    const csv = await call(env.app, bkpsdm, 'GET', '/api/v1/imports/templates/employees.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe(
      'nip,asn_type,name,sex,golongan,education,email,phone,position_code',
    );
    const xlsx = await call(env.app, bkpsdm, 'GET', '/api/v1/imports/templates/units.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('code');
  });
});

describe('import scope', () => {
  it('an admin_opd cannot import rows outside their OPD', async () => {
    const csv = unitsCsv([
      'DINKES.B7,Bidang Baru,bidang,DINKES',
      'DISPARBUD.B7,Bidang Baru,bidang,DISPARBUD',
    ]);
    const { id, job } = await upload(admin, 'units', 'unit.csv', csv);
    expect(job.status).toBe('invalid');
    const errors = (await call(env.app, admin, 'GET', `/api/v1/imports/${id}/errors`)).json().items;
    expect(errors).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringMatching(/di luar unit kewenangan/) }),
    ]);
  });

  it('a pegawai cannot import, and cannot see someone else’s import', async () => {
    const { payload, headers } = multipart(
      { kind: 'units' },
      { name: 'x.csv', content: 'code,name,type,parent_code\n' },
    );
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload,
      headers: { ...headers, cookie: pegawai.cookie, 'x-csrf-token': pegawai.csrf },
    });
    expect(res.statusCode).toBe(403);
    const { id } = await upload(
      bkpsdm,
      'units',
      'x.csv',
      unitsCsv(['DISPARBUD.B6,Bidang Enam,bidang,DISPARBUD']),
    );
    expect((await call(env.app, pegawai, 'GET', `/api/v1/imports/${id}`)).statusCode).toBe(404);
    expect((await call(env.app, admin, 'POST', `/api/v1/imports/${id}/commit`)).statusCode).toBe(404);
  });
});
