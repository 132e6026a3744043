/**
 * Demo activities: a catalog of real-sounding activities per city (standard minutes, output units,
 * applicable position kinds), the 2026 national holidays and cuti bersama, some leave, and three months
 * (September–November 2026) of daily activities for every employee — mostly approved, the last week partly
 * pending, a few rejected or adjusted — with the rollups rebuilt from them at the end.
 */
import { sql } from 'kysely';
import { newId } from '../core/ids.ts';
import type { DB } from '../db/index.ts';
import type {
  ActivityCatalogTable,
  ActivityTable,
  EmployeeLeaveTable,
  EmployeeTable,
  PositionTable,
  UnitTable,
} from '../db/schema.ts';
import { addDays, datesBetween, isoWeekday } from '../modules/activities/calendar.ts';
import { sortKinds } from '../modules/activities/catalog.ts';
import { rebuildRollupsIn } from '../modules/activities/repository.ts';

type Kind = 'jpt' | 'administrator' | 'pengawas' | 'pelaksana' | 'fungsional';
const P: Kind[] = ['pelaksana'];
const PF: Kind[] = ['pelaksana', 'fungsional'];
const PW: Kind[] = ['pelaksana', 'pengawas'];
const PFW: Kind[] = ['pelaksana', 'fungsional', 'pengawas'];
const F: Kind[] = ['fungsional'];
const FW: Kind[] = ['fungsional', 'pengawas'];
const W: Kind[] = ['pengawas'];
const WA: Kind[] = ['pengawas', 'administrator'];
const LEAD: Kind[] = ['pengawas', 'administrator', 'jpt'];
const FLEAD: Kind[] = ['fungsional', 'pengawas', 'administrator', 'jpt'];
const AJ: Kind[] = ['administrator', 'jpt'];
const J: Kind[] = ['jpt'];
const FWA: Kind[] = ['fungsional', 'pengawas', 'administrator'];

/** [name, standard minutes, output unit, kinds] */
type Item = [string, number, string, Kind[]];

/** Office work every OPD does. */
const GENERAL: Item[] = [
  ['Mengagendakan surat masuk dan keluar', 5, 'surat', P],
  ['Mengarsipkan dokumen dinas', 10, 'berkas', P],
  ['Mengetik konsep surat dinas', 20, 'surat', P],
  ['Menggandakan dan mendistribusikan dokumen', 10, 'berkas', P],
  ['Menginput data kepegawaian ke SIMPEG', 10, 'berkas', P],
  ['Melayani tamu dinas', 15, 'orang', P],
  ['Memutakhirkan data inventaris barang milik daerah', 15, 'barang', P],
  ['Merekap daftar hadir pegawai', 30, 'laporan', P],
  ['Menyiapkan dokumen perjalanan dinas (SPPD)', 30, 'berkas', P],
  ['Menyusun dokumen pertanggungjawaban keuangan (SPJ)', 45, 'berkas', P],
  ['Mengunggah informasi ke laman resmi OPD', 20, 'konten', P],
  ['Menyusun laporan harian kegiatan', 20, 'laporan', P],
  ['Menyiapkan bahan rapat', 30, 'kegiatan', PF],
  ['Menyusun notulen rapat', 45, 'dokumen', PFW],
  ['Mengolah data dan informasi kinerja unit', 60, 'laporan', PF],
  ['Menyusun telaahan staf', 60, 'dokumen', FLEAD],
  ['Menyusun bahan paparan pimpinan', 90, 'dokumen', FWA],
  ['Menyusun kajian kebijakan', 240, 'dokumen', F],
  ['Melakukan analisis data dan informasi', 120, 'laporan', F],
  ['Memberikan konsultasi teknis', 45, 'kegiatan', FW],
  ['Melaksanakan monitoring dan evaluasi program', 180, 'kegiatan', FWA],
  ['Mendisposisi surat masuk', 5, 'surat', LEAD],
  ['Memeriksa dan memaraf konsep surat', 10, 'surat', LEAD],
  ['Memverifikasi aktivitas harian bawahan', 30, 'kegiatan', LEAD],
  ['Memimpin rapat koordinasi internal', 90, 'kegiatan', LEAD],
  ['Melakukan pembinaan dan pengarahan pegawai', 60, 'kegiatan', LEAD],
  ['Menghadiri rapat koordinasi lintas OPD', 120, 'kegiatan', LEAD],
  ['Mengevaluasi capaian kinerja bulanan', 90, 'laporan', LEAD],
  ['Menyusun rencana kerja bulanan', 120, 'dokumen', WA],
  ['Menyusun laporan kinerja triwulan', 180, 'laporan', WA],
  ['Menandatangani dokumen dinas', 5, 'dokumen', AJ],
  ['Memimpin apel pagi', 30, 'kegiatan', AJ],
  ['Menerima audiensi masyarakat dan mitra kerja', 60, 'kegiatan', AJ],
  ['Menyusun Perjanjian Kinerja dan rencana aksi', 240, 'dokumen', AJ],
  ['Melaporkan kinerja OPD kepada wali kota', 60, 'laporan', J],
];

const cross = (verbs: [string, number, string, Kind[]][], objects: string[]): Item[] =>
  verbs.flatMap(([verb, minutes, unit, kinds]) =>
    objects.map((o): Item => [verb.replace('{o}', o), minutes, unit, kinds]),
  );

/** Work of each field, keyed by the code prefix of its items. */
function fields(city: 'surabaya' | 'jambi'): Record<string, Item[]> {
  const river = city === 'surabaya' ? 'Kalimas' : 'Batanghari';
  const heritage = city === 'surabaya' ? 'Kota Lama Surabaya' : 'Kampung Batik Seberang';
  return {
    PJK: [
      ...cross(
        [
          ['Menginput data {o}', 10, 'berkas', P],
          ['Memverifikasi berkas pendaftaran wajib {o}', 20, 'berkas', PF],
          ['Melakukan pemeriksaan lapangan objek {o}', 120, 'objek', PFW],
          ['Menerbitkan surat ketetapan {o}', 15, 'dokumen', PW],
        ],
        [
          'pajak hotel',
          'pajak restoran',
          'pajak hiburan',
          'pajak reklame',
          'pajak parkir',
          'PBB-P2',
          'BPHTB',
        ],
      ),
      ['Menginput data pajak daerah', 10, 'berkas', P],
      ['Melayani konsultasi wajib pajak', 20, 'orang', PF],
      ['Menyampaikan surat teguran penagihan pajak daerah', 30, 'surat', PW],
      ['Merekonsiliasi penerimaan pajak daerah dengan kas daerah', 120, 'laporan', PFW],
      ['Memantau realisasi penerimaan PAD harian', 60, 'laporan', LEAD],
    ],
    DKP: [
      ...cross(
        [
          ['Melayani permohonan {o}', 15, 'berkas', P],
          ['Memverifikasi berkas permohonan {o}', 10, 'berkas', PW],
          ['Mencetak dan menyerahkan {o}', 5, 'dokumen', P],
        ],
        [
          'KTP-el',
          'Kartu Keluarga',
          'akta kelahiran',
          'akta kematian',
          'surat pindah datang',
          'Kartu Identitas Anak',
        ],
      ),
      ['Melakukan perekaman biometrik KTP-el', 10, 'orang', P],
      ['Melayani jemput bola perekaman KTP-el di kelurahan', 240, 'kegiatan', PW],
      ['Melakukan konsolidasi dan pembersihan data kependudukan', 60, 'laporan', PF],
    ],
    WST: [
      [`Memandu rombongan wisata perahu ${river}`, 90, 'rombongan', P],
      [`Patroli susur sungai ${river}`, 120, 'kegiatan', PW],
      ['Melayani penjualan tiket wisata perahu', 5, 'transaksi', P],
      ['Memeriksa kelaikan perahu wisata sebelum beroperasi', 30, 'perahu', PW],
      ['Merekap data kunjungan wisatawan harian', 30, 'laporan', P],
      ['Mengelola reservasi rombongan wisata', 15, 'reservasi', P],
      ['Menyusun jadwal operasional perahu wisata', 60, 'dokumen', PW],
      ['Mengawasi keselamatan wisata sungai', 120, 'kegiatan', W],
      [`Memandu wisata jalan kaki kawasan ${heritage}`, 120, 'rombongan', P],
      ['Mengoordinasikan penyelenggaraan event wisata', 180, 'kegiatan', WA],
      ['Menyusun materi promosi destinasi wisata', 120, 'konten', PF],
      ['Mendata usaha pariwisata', 30, 'usaha', P],
      ['Memverifikasi permohonan izin usaha pariwisata', 45, 'berkas', PF],
      ['Melakukan pembinaan pelaku usaha wisata', 120, 'kegiatan', FWA],
      ['Menyelenggarakan pertunjukan seni budaya', 240, 'kegiatan', PW],
      ['Mendokumentasikan objek cagar budaya', 120, 'objek', PF],
      ['Melakukan inventarisasi objek diduga cagar budaya', 120, 'objek', F],
      ['Memfasilitasi kegiatan kepemudaan dan olahraga', 180, 'kegiatan', PW],
    ],
    KES: [
      ...cross(
        [
          ['Melaksanakan kegiatan {o}', 120, 'kegiatan', PF],
          ['Merekap laporan {o} puskesmas', 30, 'laporan', P],
          ['Memverifikasi data {o} puskesmas', 60, 'laporan', PFW],
        ],
        [
          'imunisasi dasar',
          'posyandu balita',
          'posyandu lansia',
          'pemeriksaan jentik nyamuk',
          'skrining TBC',
        ],
      ),
      ['Melakukan penyelidikan epidemiologi kasus DBD', 180, 'kasus', FW],
      ['Memverifikasi klaim layanan kesehatan warga', 20, 'berkas', P],
    ],
    PDK: [
      ['Memverifikasi data pokok pendidikan (Dapodik) sekolah', 30, 'sekolah', P],
      ['Melakukan supervisi manajemen sekolah', 180, 'sekolah', FW],
      ['Memverifikasi berkas mutasi peserta didik', 15, 'berkas', P],
      ['Memverifikasi laporan penggunaan dana BOS', 60, 'sekolah', PF],
      ['Memproses usulan tunjangan profesi guru', 20, 'berkas', P],
      ['Memfasilitasi penerimaan peserta didik baru', 120, 'kegiatan', PW],
      ['Menyusun peta kebutuhan guru', 180, 'dokumen', F],
      ['Melaksanakan pembinaan kepala sekolah', 120, 'kegiatan', WA],
    ],
    PU: [
      ...cross(
        [
          ['Melakukan survei kondisi {o}', 120, 'lokasi', PFW],
          ['Mengawasi pekerjaan pemeliharaan {o}', 180, 'lokasi', PW],
          ['Menyusun laporan kerusakan {o}', 45, 'laporan', P],
        ],
        ['saluran drainase', 'jalan kota', 'jembatan', 'trotoar', 'rumah pompa'],
      ),
      [`Patroli susur sungai ${river}`, 120, 'kegiatan', PW],
      ['Mengoperasikan pintu air saat hujan deras', 60, 'kegiatan', P],
      ['Menyusun rencana anggaran biaya pekerjaan', 180, 'dokumen', PF],
      ['Menerima dan menindaklanjuti pengaduan genangan', 30, 'pengaduan', P],
    ],
    LH: [
      ['Mengawasi pengangkutan sampah ke TPA', 60, 'rit', P],
      ['Memeriksa kebersihan tempat penampungan sementara', 45, 'lokasi', PW],
      ['Melakukan pemeliharaan taman kota', 120, 'lokasi', P],
      ['Mengambil sampel kualitas air sungai', 90, 'sampel', PF],
      ['Memverifikasi dokumen lingkungan (UKL-UPL)', 120, 'dokumen', FW],
      ['Melakukan penyuluhan bank sampah', 120, 'kegiatan', PF],
      ['Melakukan pengawasan ketaatan lingkungan usaha', 180, 'usaha', FW],
    ],
    TIB: [
      ['Melaksanakan patroli ketertiban umum', 120, 'kegiatan', PW],
      ['Melakukan penertiban pedagang kaki lima', 120, 'lokasi', PW],
      ['Menertibkan reklame tanpa izin', 60, 'reklame', P],
      ['Melaksanakan pengamanan kegiatan pemerintah', 240, 'kegiatan', PW],
      ['Menyusun berita acara pemeriksaan pelanggaran perda', 30, 'berkas', PF],
      ['Mendampingi sidang tindak pidana ringan', 120, 'perkara', PF],
    ],
    KEC: [
      ['Melayani surat keterangan kependudukan', 10, 'berkas', P],
      ['Melayani legalisasi dokumen warga', 5, 'dokumen', P],
      ['Memverifikasi data penerima bantuan sosial', 15, 'KK', PW],
      ['Memfasilitasi musyawarah perencanaan pembangunan kelurahan', 240, 'kegiatan', LEAD],
      ['Melakukan pemantauan wilayah', 120, 'kegiatan', PW],
      ['Memfasilitasi kegiatan PKK kelurahan', 120, 'kegiatan', PW],
      ['Melayani permohonan izin keramaian', 20, 'berkas', P],
    ],
    SDM: [
      ['Memproses usulan kenaikan pangkat', 30, 'berkas', PF],
      ['Memverifikasi usulan pensiun', 30, 'berkas', PF],
      ['Memproses permohonan cuti pegawai', 10, 'berkas', P],
      ['Memutakhirkan data ASN di SIASN', 10, 'berkas', P],
      ['Memverifikasi SKP pegawai', 20, 'dokumen', PF],
      ['Menyusun analisis kebutuhan pengembangan kompetensi', 180, 'dokumen', F],
      ['Menyelenggarakan uji kompetensi jabatan', 240, 'kegiatan', FW],
      ['Menyusun formasi dan analisis beban kerja', 180, 'dokumen', FW],
    ],
    AUD: [
      ['Melaksanakan audit kinerja OPD', 240, 'kegiatan', FW],
      ['Melaksanakan reviu laporan keuangan', 240, 'kegiatan', FW],
      ['Memeriksa pengaduan masyarakat', 240, 'kegiatan', F],
      ['Menyusun laporan hasil pemeriksaan', 240, 'dokumen', FW],
      ['Memantau tindak lanjut hasil pemeriksaan', 60, 'temuan', PF],
      ['Melaksanakan probity audit pengadaan barang dan jasa', 240, 'kegiatan', F],
      ['Menatausahakan kertas kerja pemeriksaan', 30, 'berkas', P],
    ],
    KEU: [
      ['Memverifikasi surat permintaan pembayaran (SPP)', 20, 'berkas', P],
      ['Menerbitkan surat perintah pencairan dana (SP2D)', 15, 'dokumen', PW],
      ['Melakukan rekonsiliasi aset tetap', 60, 'laporan', PF],
      ['Menginventarisasi barang milik daerah', 20, 'barang', P],
      ['Menyusun laporan realisasi anggaran', 180, 'laporan', PF],
      ['Memverifikasi rencana kerja dan anggaran OPD', 120, 'dokumen', FW],
    ],
    REN: [
      ['Menyusun bahan rencana kerja pemerintah daerah', 240, 'dokumen', FW],
      ['Memverifikasi rencana kerja OPD', 120, 'dokumen', F],
      ['Memfasilitasi musyawarah perencanaan pembangunan', 240, 'kegiatan', PW],
      ['Menginput usulan pembangunan ke SIPD', 15, 'usulan', P],
      ['Menyusun laporan evaluasi pembangunan daerah', 180, 'laporan', FW],
    ],
    KOM: [
      ['Mengelola konten media sosial Pemerintah Kota', 30, 'konten', P],
      ['Memelihara server dan jaringan', 60, 'kegiatan', PF],
      ['Mengembangkan modul aplikasi layanan publik', 240, 'modul', F],
      ['Menangani tiket pengaduan layanan aplikasi', 20, 'tiket', P],
      ['Meliput kegiatan wali kota', 120, 'kegiatan', P],
      ['Menyusun rilis berita pemerintah kota', 45, 'berita', PF],
    ],
    SOS: [
      ['Memverifikasi data terpadu kesejahteraan sosial', 15, 'KK', P],
      ['Melakukan asesmen penyandang masalah kesejahteraan sosial', 60, 'orang', PF],
      ['Menyalurkan bantuan sosial', 120, 'kegiatan', PW],
      ['Melakukan penjangkauan anak jalanan dan gelandangan', 180, 'kegiatan', PW],
    ],
    HUB: [
      ['Mengatur lalu lintas di persimpangan', 120, 'kegiatan', P],
      ['Melakukan uji berkala kendaraan bermotor', 20, 'kendaraan', PF],
      ['Mengawasi parkir tepi jalan umum', 120, 'lokasi', PW],
      ['Memeriksa kelaikan alat pemberi isyarat lalu lintas', 60, 'lokasi', PF],
    ],
    IZN: [
      ['Memverifikasi berkas perizinan berusaha (OSS)', 30, 'berkas', PF],
      ['Melayani konsultasi perizinan', 20, 'orang', P],
      ['Menerbitkan persetujuan bangunan gedung', 45, 'dokumen', PW],
      ['Melakukan pengawasan pelaksanaan penanaman modal', 180, 'perusahaan', FW],
      ['Menyusun laporan kegiatan penanaman modal', 60, 'laporan', PF],
    ],
    SET: [
      ['Menyusun rancangan peraturan wali kota', 240, 'dokumen', FW],
      ['Melakukan harmonisasi rancangan peraturan daerah', 180, 'dokumen', F],
      ['Menyusun naskah kerja sama daerah', 180, 'dokumen', FW],
      ['Menyusun analisis jabatan', 120, 'dokumen', PF],
      ['Menyusun laporan perekonomian daerah', 180, 'laporan', FW],
      ['Menyiapkan protokol acara pimpinan', 60, 'kegiatan', P],
    ],
  };
}

/** Field codes of each OPD (every OPD also does the general office work). */
function fieldsOfOpd(opdCode: string): string[] {
  if (opdCode.startsWith('KEC.')) return ['KEC', 'TIB'];
  const map: Record<string, string[]> = {
    BAPENDA: ['PJK'],
    BPPRD: ['PJK'],
    DISPENDUKCAPIL: ['DKP'],
    DISDUKCAPIL: ['DKP'],
    DISBUDPORAPAR: ['WST'],
    DISPARBUD: ['WST'],
    DINKES: ['KES'],
    DISPENDIK: ['PDK'],
    DISDIK: ['PDK'],
    DSDABM: ['PU'],
    DPUPR: ['PU'],
    DISPERKIM: ['PU'],
    DLH: ['LH'],
    SATPOLPP: ['TIB'],
    BKPSDM: ['SDM'],
    BKPSDMD: ['SDM'],
    INSPEKTORAT: ['AUD'],
    BPKAD: ['KEU'],
    BAPEDALITBANG: ['REN'],
    BAPPEDA: ['REN'],
    DISKOMINFO: ['KOM'],
    DINSOS: ['SOS'],
    DISHUB: ['HUB'],
    DPMPTSP: ['IZN'],
    SETDA: ['SET'],
  };
  return map[opdCode] ?? [];
}

/** SKB 3 Menteri 2026 (see shared/reference/cities.md §3). */
export const HOLIDAYS_2026: [string, 'libur' | 'cuti_bersama', string][] = [
  ['2026-01-01', 'libur', 'Tahun Baru 2026 Masehi'],
  ['2026-01-16', 'libur', 'Isra Mikraj Nabi Muhammad SAW'],
  ['2026-02-16', 'cuti_bersama', 'Cuti bersama Tahun Baru Imlek 2577 Kongzili'],
  ['2026-02-17', 'libur', 'Tahun Baru Imlek 2577 Kongzili'],
  ['2026-03-18', 'cuti_bersama', 'Cuti bersama Hari Suci Nyepi (Saka 1948)'],
  ['2026-03-19', 'libur', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'],
  ['2026-03-20', 'cuti_bersama', 'Cuti bersama Idul Fitri 1447 H'],
  ['2026-03-21', 'libur', 'Idul Fitri 1447 H (hari 1)'],
  ['2026-03-22', 'libur', 'Idul Fitri 1447 H (hari 2)'],
  ['2026-03-23', 'cuti_bersama', 'Cuti bersama Idul Fitri 1447 H'],
  ['2026-03-24', 'cuti_bersama', 'Cuti bersama Idul Fitri 1447 H'],
  ['2026-04-03', 'libur', 'Wafat Yesus Kristus'],
  ['2026-04-05', 'libur', 'Kebangkitan Yesus Kristus (Paskah)'],
  ['2026-05-01', 'libur', 'Hari Buruh Internasional'],
  ['2026-05-14', 'libur', 'Kenaikan Yesus Kristus'],
  ['2026-05-15', 'cuti_bersama', 'Cuti bersama Kenaikan Yesus Kristus'],
  ['2026-05-27', 'libur', 'Idul Adha 1447 H'],
  ['2026-05-28', 'cuti_bersama', 'Cuti bersama Idul Adha 1447 H'],
  ['2026-05-31', 'libur', 'Hari Raya Waisak 2570 BE'],
  ['2026-06-01', 'libur', 'Hari Lahir Pancasila'],
  ['2026-06-16', 'libur', '1 Muharam / Tahun Baru Islam 1448 H'],
  ['2026-08-17', 'libur', 'Proklamasi Kemerdekaan RI'],
  ['2026-08-25', 'libur', 'Maulid Nabi Muhammad SAW'],
  ['2026-12-24', 'cuti_bersama', 'Cuti bersama Kelahiran Yesus Kristus'],
  ['2026-12-25', 'libur', 'Kelahiran Yesus Kristus (Natal)'],
];

const REJECT_REASONS = [
  'Volume tidak sesuai dengan bukti dukung.',
  'Kegiatan yang sama sudah dicatat pada hari sebelumnya.',
  'Bukti dukung belum dilampirkan.',
  'Uraian kegiatan tidak sesuai dengan tugas jabatan.',
];
const NOTES = [
  'Sesuai disposisi atasan.',
  'Lanjutan pekerjaan kemarin.',
  'Bersama tim bidang.',
  'Permintaan mendesak dari pimpinan.',
];

export const SEED_FROM = '2026-09-01';
export const SEED_TO = '2026-11-30';
/** from this day on, part of the entries still wait for verification */
const LAST_WEEK = '2026-11-23';

interface Ctx {
  tenantId: string;
  city: { slug: string };
  units: UnitTable[];
  positions: PositionTable[];
  employees: EmployeeTable[];
  rhksByEmployee: Map<string, string[]>;
  atasanByEmployee: Map<string, string | null>;
  rand: () => number;
  /** false: catalog, calendar and leave only, no three months of log (tests that do not need it) */
  log?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

export async function seedActivities(trx: DB, c: Ctx) {
  const rand = c.rand;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const at = '2026-08-20T02:00:00.000Z';

  // ----- catalog -----
  const catalog: (ActivityCatalogTable & { field: string; kinds: Kind[] })[] = [];
  const add = (field: string, items: Item[]) => {
    for (const [i, [name, minutes, unit, kinds]] of items.entries()) {
      catalog.push({
        tenant_id: c.tenantId,
        id: newId(),
        code: `${field}-${String(i + 1).padStart(3, '0')}`,
        name,
        output_unit: unit,
        standard_minutes: minutes,
        position_kinds: JSON.stringify(sortKinds(kinds)),
        active: 1,
        created_at: at,
        updated_at: at,
        field,
        kinds,
      });
    }
  };
  add('UM', GENERAL);
  for (const [field, items] of Object.entries(fields(c.city.slug === 'jambi' ? 'jambi' : 'surabaya')))
    add(field, items);
  // one retired item shows how deactivation looks
  catalog.push({
    ...catalog[0],
    id: newId(),
    code: 'UM-900',
    name: 'Mengirim surat melalui faksimile',
    active: 0,
    kinds: [],
  });
  for (let i = 0; i < catalog.length; i += 300)
    await trx
      .insertInto('activity_catalog')
      .values(catalog.slice(i, i + 300).map(({ field: _f, kinds: _k, ...row }) => row))
      .execute();

  // ----- calendar -----
  await trx
    .insertInto('work_calendar')
    .values(HOLIDAYS_2026.map(([date, kind, name]) => ({ tenant_id: c.tenantId, date, kind, name })))
    .execute();
  const holidays = new Set(HOLIDAYS_2026.map(([d]) => d));
  const workDays = datesBetween(SEED_FROM, SEED_TO).filter((d) => !holidays.has(d) && isoWeekday(d) <= 5);

  // ----- who, where, which work -----
  const unitById = new Map(c.units.map((u) => [u.id, u]));
  const positionById = new Map(c.positions.map((p) => [p.id, p]));
  const opdCodeOf = (unitId: string) => {
    const ids = unitById.get(unitId)?.path.split('/').filter(Boolean) ?? [];
    return unitById.get(ids[1] ?? ids[0] ?? '')?.code ?? '';
  };
  const pools = new Map<string, { own: typeof catalog; general: typeof catalog }>();
  const poolFor = (opdCode: string, kind: Kind) => {
    const key = `${opdCode}|${kind}`;
    let pool = pools.get(key);
    if (!pool) {
      const mine = fieldsOfOpd(opdCode);
      pool = {
        own: catalog.filter((x) => x.active === 1 && mine.includes(x.field) && x.kinds.includes(kind)),
        general: catalog.filter((x) => x.active === 1 && x.field === 'UM' && x.kinds.includes(kind)),
      };
      pools.set(key, pool);
    }
    return pool;
  };

  // ----- leave -----
  const leaves: EmployeeLeaveTable[] = [];
  const onLeave = new Map<string, Map<string, string>>();
  for (const e of c.employees) {
    const r = rand();
    const kind = r < 0.04 ? 'cuti' : r < 0.06 ? 'sakit' : r < 0.08 ? 'dinas_luar' : null;
    if (!kind) continue;
    const length = kind === 'cuti' ? int(3, 6) : kind === 'sakit' ? int(1, 3) : int(2, 4);
    const startIndex = int(0, workDays.length - length - 1);
    const days = workDays.slice(startIndex, startIndex + length);
    leaves.push({
      tenant_id: c.tenantId,
      id: newId(),
      employee_id: e.id,
      start_date: days[0],
      end_date: days[days.length - 1],
      kind,
      note:
        kind === 'cuti'
          ? 'Cuti tahunan'
          : kind === 'sakit'
            ? 'Sakit dengan surat keterangan dokter'
            : 'Perjalanan dinas ke Jakarta',
    });
    onLeave.set(e.id, new Map(days.map((d) => [d, kind])));
  }
  if (leaves.length) await trx.insertInto('employee_leave').values(leaves).execute();

  // ----- the log -----
  const rows: ActivityTable[] = [];
  const flush = async (force = false) => {
    while (rows.length >= 300 || (force && rows.length)) {
      await trx.insertInto('activities').values(rows.splice(0, 300)).execute();
    }
  };
  for (const e of c.log === false ? [] : c.employees) {
    if (!e.position_id || !e.unit_id || e.status !== 'active') continue;
    const position = positionById.get(e.position_id);
    if (!position) continue;
    const kind = position.kind as Kind;
    const pool = poolFor(opdCodeOf(e.unit_id), kind);
    const rhks = c.rhksByEmployee.get(e.id) ?? [];
    const atasan = c.atasanByEmployee.get(e.id) ?? null;
    // workload varies from person to person: some are under-loaded, a few carry too much
    const r = rand();
    const load = r < 0.12 ? 0.45 + rand() * 0.25 : r < 0.85 ? 0.8 + rand() * 0.4 : 1.3 + rand() * 0.2;
    const timedPerson = kind === 'pelaksana' && rand() < 0.5;
    for (const date of workDays) {
      const leave = onLeave.get(e.id)?.get(date);
      if (leave === 'cuti' || leave === 'sakit') continue;
      if (rand() < 0.03) continue; // a day without a log
      const target = Math.min(440, Math.max(60, Math.round(300 * load * (0.85 + rand() * 0.3))));
      const count = int(3, 6);
      const timed = timedPerson && rand() < 0.4;
      let clock = 7 * 60 + 30;
      let used = 0;
      for (let k = 0; k < count && used < target; k++) {
        const share = (target - used) / (count - k);
        const source = pool.own.length && (rand() < 0.65 || !pool.general.length) ? pool.own : pool.general;
        const fitting = source.filter((x) => x.standard_minutes <= Math.max(share * 1.5, 15));
        const item = fitting.length ? pick(fitting) : pick(source);
        let quantity = Math.max(1, Math.round(share / item.standard_minutes));
        while (quantity > 1 && used + quantity * item.standard_minutes > 450) quantity -= 1;
        const minutes = quantity * item.standard_minutes;
        if (used + minutes > 450) continue;
        used += minutes;
        let status = 'approved';
        let reason: string | null = null;
        let finalQuantity = quantity;
        let original: number | null = null;
        const fate = rand();
        if (atasan && date >= LAST_WEEK && fate < 0.45) status = 'pending';
        else if (atasan && fate > 0.975) {
          status = 'rejected';
          reason = pick(REJECT_REASONS);
        } else if (atasan && fate > 0.95 && quantity > 1) {
          original = quantity;
          finalQuantity = quantity - 1;
        }
        const verifiedAt =
          status === 'pending' ? null : `${addDays(date, int(1, 3))}T02:${pad(int(0, 59))}:00.000Z`;
        const created = `${date}T${pad(int(8, 9))}:${pad(int(0, 59))}:00.000Z`;
        const start = timed ? clock : null;
        if (timed) clock += minutes + int(0, 10);
        rows.push({
          tenant_id: c.tenantId,
          id: newId(),
          employee_id: e.id,
          position_id: e.position_id,
          unit_id: e.unit_id,
          date,
          catalog_id: item.id,
          quantity: finalQuantity,
          minutes: finalQuantity * item.standard_minutes,
          rhk_id: rhks.length ? pick(rhks) : null,
          note: rand() < 0.08 ? pick(NOTES) : null,
          evidence_json: '[]',
          start_time: start === null ? null : hhmm(start),
          end_time: start === null ? null : hhmm(start + minutes),
          status,
          original_quantity: original,
          verified_by: status === 'pending' ? null : atasan,
          verified_at: verifiedAt,
          reject_reason: reason,
          idempotency_key: null,
          created_at: created,
          updated_at: verifiedAt ?? created,
        });
      }
      await flush();
    }
  }
  await flush(true);
  const rollups = await rebuildRollupsIn(trx, c.tenantId);
  // fresh planner statistics after the bulk load (both dialects), so the first pages do not scan the log
  for (const table of ['activities', 'rollup_person_day', 'rollup_person_month'])
    await sql`analyze ${sql.table(table)}`.execute(trx);
  return { catalog: catalog.length, leaves: leaves.length, rollups };
}
