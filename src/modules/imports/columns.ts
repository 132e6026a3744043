import { POSITION_KINDS, UNIT_TYPES } from '../org/schemas.ts';

export const IMPORT_KINDS = ['units', 'positions', 'employees', 'attendance'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ColumnSpec {
  name: string;
  required: boolean;
}

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  units: [
    { name: 'code', required: true },
    { name: 'name', required: true },
    { name: 'type', required: true },
    { name: 'parent_code', required: true },
  ],
  positions: [
    { name: 'code', required: true },
    { name: 'name', required: true },
    { name: 'kind', required: true },
    { name: 'kelas', required: true },
    { name: 'unit_code', required: true },
    { name: 'parent_code', required: false },
    { name: 'is_key', required: false },
  ],
  employees: [
    { name: 'nip', required: true },
    { name: 'asn_type', required: true },
    { name: 'name', required: true },
    { name: 'sex', required: true },
    { name: 'golongan', required: false },
    { name: 'education', required: false },
    { name: 'email', required: false },
    { name: 'phone', required: false },
    { name: 'position_code', required: false },
  ],
  // one row per employee-day from the attendance system; check_in/check_out may be empty (no tap)
  attendance: [
    { name: 'nip', required: true },
    { name: 'date', required: true },
    { name: 'check_in', required: true },
    { name: 'check_out', required: true },
    { name: 'apel', required: false },
  ],
};

export const SAMPLES: Record<ImportKind, string[][]> = {
  units: [
    ['DISBUD.PAR', 'Bidang Pariwisata', 'bidang', 'DISBUD'],
    ['DISBUD.PAR.DEST', 'Seksi Destinasi Wisata Sungai', 'seksi', 'DISBUD.PAR'],
  ],
  positions: [
    [
      'DISBUD.PAR.KABID',
      'Kepala Bidang Pariwisata',
      'administrator',
      '11',
      'DISBUD.PAR',
      'DISBUD.KADIS',
      'ya',
    ],
    [
      'DISBUD.PAR.DEST.PEL1',
      'Pengelola Destinasi Wisata',
      'pelaksana',
      '7',
      'DISBUD.PAR.DEST',
      'DISBUD.PAR.KABID',
      'tidak',
    ],
  ],
  employees: [
    [
      '198609262015051001',
      'PNS',
      'Budi Santoso, S.E.',
      'L',
      'Penata Muda Tingkat I (III/b)',
      'S1 Ekonomi',
      'budi.santoso@example.go.id',
      '081234567890',
      'DISBUD.PAR.KABID',
    ],
    [
      '199203142023212004',
      'PPPK',
      'Sri Wahyuni, S.Pd.',
      'P',
      'IX',
      'S1 Pendidikan',
      '',
      '',
      'DISBUD.PAR.DEST.PEL1',
    ],
  ],
  attendance: [
    ['198609262015051001', '2026-11-02', '07:24', '16:05', 'ya'],
    ['199203142023212004', '2026-11-02', '07:41', '', ''],
  ],
};

export const UNIT_TYPE_VALUES: readonly string[] = UNIT_TYPES;
export const POSITION_KIND_VALUES: readonly string[] = POSITION_KINDS;
