/**
 * Deterministic generator of a city at a given scale: units, positions and employees as CSV files in the
 * import format. Default is Surabaya scale (35,000 employees, ≈ 4,000 units, ≈ 60 OPDs).
 *
 *   npx tsx bench/generate.ts --employees 35000 --out bench/out/city
 */

import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedCity {
  dir: string;
  units: number;
  positions: number;
  employees: number;
  files: { units: string; positions: string; employees: string };
}

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

class CsvOut {
  private stream;
  constructor(path: string, header: string[]) {
    this.stream = createWriteStream(path);
    this.stream.write(`${header.join(',')}\n`);
  }
  async row(cells: (string | number)[]) {
    if (!this.stream.write(`${cells.join(',')}\n`)) await once(this.stream, 'drain');
  }
  end() {
    return new Promise<void>((resolve) => this.stream.end(resolve));
  }
}

const GIVEN = [
  'Budi',
  'Agus',
  'Sri',
  'Dewi',
  'Eko',
  'Siti',
  'Rizal',
  'Nurul',
  'Bambang',
  'Retno',
  'Fadli',
  'Intan',
];
const FAMILY = [
  'Santoso',
  'Wibowo',
  'Lestari',
  'Rahayu',
  'Hidayat',
  'Siregar',
  'Nugroho',
  'Pratiwi',
  'Saputra',
  'Hamzah',
];

/** Units go under `rootCode` (an existing unit of the target city). */
export async function generateCity(opts: {
  employees: number;
  out: string;
  rootCode: string;
  seed?: number;
  onProgress?: (done: number) => void;
}): Promise<GeneratedCity> {
  const rnd = prng(opts.seed ?? 3578);
  mkdirSync(opts.out, { recursive: true });
  const files = {
    units: join(opts.out, 'units.csv'),
    positions: join(opts.out, 'positions.csv'),
    employees: join(opts.out, 'employees.csv'),
  };
  const units = new CsvOut(files.units, ['code', 'name', 'type', 'parent_code']);
  const positions = new CsvOut(files.positions, [
    'code',
    'name',
    'kind',
    'kelas',
    'unit_code',
    'parent_code',
    'is_key',
  ]);
  const employees = new CsvOut(files.employees, [
    'nip',
    'asn_type',
    'name',
    'sex',
    'golongan',
    'education',
    'email',
    'phone',
    'position_code',
  ]);
  // ≈ 60 OPDs × 8 bidang × 8 seksi gives ≈ 4,000 units; staff are spread over the seksi
  const opdCount = Math.max(1, Math.round(60 * Math.min(1, opts.employees / 35_000)));
  const seksiTotal = Math.max(1, Math.round(opts.employees / 9));
  const seksiPerOpd = Math.ceil(seksiTotal / opdCount);
  const bidangPerOpd = Math.max(1, Math.round(Math.sqrt(seksiPerOpd)));
  const staffPerSeksi = Math.max(1, Math.floor(opts.employees / (opdCount * seksiPerOpd)));
  const nips = new Set<string>();
  let unitCount = 0;
  let positionCount = 0;
  let employeeCount = 0;
  const hire = async (positionCode: string) => {
    if (employeeCount >= opts.employees) return;
    const sex = rnd() < 0.55 ? 1 : 2;
    const year = 1966 + Math.floor(rnd() * 34);
    const birth = `${year}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const tmt = `${Math.min(2024, year + 23 + Math.floor(rnd() * 6))}${['01', '03', '04', '12'][Math.floor(rnd() * 4)]}`;
    let seq = 1 + Math.floor(rnd() * 999);
    let nip = `${birth}${tmt}${sex}${String(seq).padStart(3, '0')}`;
    while (nips.has(nip)) {
      seq = (seq % 999) + 1;
      nip = `${birth}${tmt}${sex}${String(seq).padStart(3, '0')}`;
    }
    nips.add(nip);
    const name = `${GIVEN[Math.floor(rnd() * GIVEN.length)]} ${FAMILY[Math.floor(rnd() * FAMILY.length)]}`;
    await employees.row([
      nip,
      'PNS',
      name,
      sex === 1 ? 'L' : 'P',
      'Penata Muda (III/a)',
      'S1',
      '',
      '',
      positionCode,
    ]);
    employeeCount++;
    if (employeeCount % 5000 === 0) opts.onProgress?.(employeeCount);
  };
  for (let o = 1; o <= opdCount && employeeCount < opts.employees; o++) {
    const opd = `G${o}`;
    await units.row([opd, `Dinas Bench ${o}`, 'dinas', opts.rootCode]);
    unitCount++;
    await positions.row([`${opd}.K`, `Kepala Dinas Bench ${o}`, 'jpt', 14, opd, '', 'ya']);
    positionCount++;
    await hire(`${opd}.K`);
    for (let b = 1; b <= bidangPerOpd; b++) {
      const bidang = `${opd}.B${b}`;
      await units.row([bidang, `Bidang ${b}`, 'bidang', opd]);
      unitCount++;
      await positions.row([
        `${bidang}.K`,
        `Kepala Bidang ${b}`,
        'administrator',
        11,
        bidang,
        `${opd}.K`,
        'ya',
      ]);
      positionCount++;
      await hire(`${bidang}.K`);
      for (let s = 1; s <= Math.ceil(seksiPerOpd / bidangPerOpd); s++) {
        const seksi = `${bidang}.S${s}`;
        await units.row([seksi, `Seksi ${s}`, 'seksi', bidang]);
        unitCount++;
        await positions.row([
          `${seksi}.K`,
          `Kepala Seksi ${s}`,
          'pengawas',
          9,
          seksi,
          `${bidang}.K`,
          'tidak',
        ]);
        positionCount++;
        await hire(`${seksi}.K`);
        for (let p = 1; p <= staffPerSeksi; p++) {
          const code = `${seksi}.P${p}`;
          await positions.row([
            code,
            'Pengolah Data dan Informasi',
            'pelaksana',
            6,
            seksi,
            `${seksi}.K`,
            'tidak',
          ]);
          positionCount++;
          await hire(code);
        }
      }
    }
  }
  await Promise.all([units.end(), positions.end(), employees.end()]);
  return { dir: opts.out, units: unitCount, positions: positionCount, employees: employeeCount, files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const employees = Number(arg('employees', String(Math.round(35_000 * Number(arg('scale', '1'))))));
  const city = await generateCity({
    employees,
    out: arg('out', 'bench/out/city'),
    rootCode: arg('root', 'PEMKOT'),
    onProgress: (n) => process.stderr.write(`generated ${n}/${employees} employees\r`),
  });
  console.log(JSON.stringify(city, null, 2));
}
