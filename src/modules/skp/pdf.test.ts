import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSkpPdf, type SkpPrint } from './pdf.ts';

const PDFTOPPM = '/usr/bin/pdftoppm';
const PDFTOTEXT = '/usr/bin/pdftotext';

const sampleSkp: SkpPrint = {
  instansi: 'Pemerintah Kota Surabaya',
  status: 'approved',
  revision: 0,
  header: {
    employee: {
      name: 'Dewi Kartika Sari, S.Par.',
      nip: '199005122015032004',
      pangkat: 'Penata Muda Tk. I (III/b)',
      jabatan: 'Kepala Seksi Pengembangan Destinasi Wisata',
      unit: 'Bidang Pariwisata, Dinas Kebudayaan, Kepemudaan dan Olahraga serta Pariwisata',
    },
    evaluator: {
      name: 'Drs. Bambang Hermanto, M.Si.',
      nip: '197408231999031002',
      pangkat: 'Pembina (IV/a)',
      jabatan: 'Kepala Bidang Pariwisata',
      unit: 'Dinas Kebudayaan, Kepemudaan dan Olahraga serta Pariwisata',
    },
    evaluator2: {
      name: 'Dr. Hj. Sri Wahyuningsih, S.Sos., M.M.',
      nip: '196910171994032005',
      pangkat: 'Pembina Utama Muda (IV/c)',
      jabatan: 'Kepala Dinas Kebudayaan, Kepemudaan dan Olahraga serta Pariwisata',
      unit: 'Pemerintah Kota Surabaya',
    },
    period: { start: '2026-01-01', end: '2026-12-31' },
  },
  rhks: [
    {
      kind: 'utama',
      text: 'Meningkatnya jumlah wisatawan susur Sungai Kalimas melalui pengembangan paket dan dermaga wisata',
      parent: {
        type: 'rhk',
        text: 'Meningkatnya kunjungan wisatawan ke destinasi wisata sungai dan heritage Kota Surabaya',
        ownerName: 'Drs. Bambang Hermanto, M.Si.',
      },
      indicators: [
        {
          aspect: 'kuantitas',
          name: 'Jumlah wisatawan susur Sungai Kalimas',
          targetValue: 250000,
          targetText: null,
          unit: 'orang',
        },
        {
          aspect: 'kualitas',
          name: 'Indeks kepuasan wisatawan susur sungai',
          targetValue: 90,
          targetText: null,
          unit: '%',
        },
      ],
    },
    {
      kind: 'utama',
      text: 'Tersusunnya kalender event wisata sungai dan heritage yang terintegrasi dengan Kota Lama Surabaya',
      parent: {
        type: 'rhk',
        text: 'Meningkatnya kunjungan wisatawan ke destinasi wisata sungai dan heritage Kota Surabaya',
        ownerName: 'Drs. Bambang Hermanto, M.Si.',
      },
      indicators: [
        {
          aspect: 'kuantitas',
          name: 'Jumlah event wisata sungai yang terselenggara',
          targetValue: 12,
          targetText: null,
          unit: 'event',
        },
        {
          aspect: 'waktu',
          name: 'Kalender event ditetapkan',
          targetValue: null,
          targetText: 'Paling lambat Maret 2026',
          unit: '',
        },
      ],
    },
  ],
  behaviours: [
    {
      code: 'berorientasi_pelayanan',
      label: 'Berorientasi Pelayanan',
      expectation: 'Menanggapi keluhan wisatawan susur sungai paling lambat 2×24 jam.',
    },
    {
      code: 'akuntabel',
      label: 'Akuntabel',
      expectation: 'Melaporkan realisasi kunjungan setiap bulan tepat waktu.',
    },
    { code: 'kompeten', label: 'Kompeten', expectation: 'Mengikuti pelatihan pemandu wisata sungai.' },
    { code: 'harmonis', label: 'Harmonis', expectation: '' },
    { code: 'loyal', label: 'Loyal', expectation: null },
    {
      code: 'adaptif',
      label: 'Adaptif',
      expectation: 'Mengembangkan pemesanan tiket daring untuk perahu wisata.',
    },
    {
      code: 'kolaboratif',
      label: 'Kolaboratif',
      expectation: 'Berkoordinasi dengan Dinas Perhubungan dan pengelola dermaga.',
    },
  ],
  events: [
    { action: 'submit', actorName: 'Dewi Kartika Sari, S.Par.', at: '2026-11-30T03:12:00.000Z' },
    { action: 'approve', actorName: 'Drs. Bambang Hermanto, M.Si.', at: '2026-12-04T02:40:00.000Z' },
  ],
};

describe('renderSkpPdf', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kinerja-skp-pdf-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders the official form as a PDF', async () => {
    const pdf = await renderSkpPdf(sampleSkp, 'id');
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    const file = join(dir, 'skp.pdf');
    await writeFile(file, pdf);

    if (existsSync(PDFTOPPM)) {
      execFileSync(PDFTOPPM, ['-png', '-r', '80', '-f', '1', '-l', '1', file, join(dir, 'page')]);
      const pngs = (await readdir(dir)).filter((name) => name.startsWith('page') && name.endsWith('.png'));
      expect(pngs).toHaveLength(1);
    }

    if (existsSync(PDFTOTEXT)) {
      const text = execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('SASARAN KINERJA PEGAWAI');
      expect(text).toContain('Dewi Kartika Sari, S.Par.');
      expect(text).toContain('19900512 201503 2 004');
      expect(text).toContain('A. UTAMA');
      expect(text).toContain('Surabaya, 4 Desember 2026');
      expect(text).not.toContain('DRAF');
    }
  });

  it('marks an unapproved SKP as a draft, with English labels', async () => {
    const pdf = await renderSkpPdf({ ...sampleSkp, status: 'submitted', events: [] }, 'en');
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    if (existsSync(PDFTOTEXT)) {
      const file = join(dir, 'draft.pdf');
      await writeFile(file, pdf);
      const text = execFileSync(PDFTOTEXT, [file, '-'], { encoding: 'utf8' });
      // the rotated watermark does not come out of pdftotext as a word; the footer states the status
      expect(text).toContain('Submitted, not yet approved');
      expect(text).toContain('WORK RESULTS');
      expect(text).toContain('Quantity');
      expect(text).not.toContain('4 December 2026');
    }
  });
});
