/** Facts for the demo cities (see shared/reference/cities.md): real OPD and kecamatan names, Indonesian names. */

export interface OpdSeed {
  code: string;
  name: string;
  type: 'sekretariat' | 'dinas' | 'badan' | 'kecamatan' | 'lainnya';
  /** names of the bidang/bagian under the head; each gets seksi below it */
  fields: string[];
}

export interface CitySeed {
  slug: string;
  name: string;
  opds: OpdSeed[];
  /** OPD code of the HR agency, the tourism agency and the inspectorate (demo logins live there) */
  hr: string;
  tourism: string;
  inspectorate: string;
  givenMale: string[];
  givenFemale: string[];
  family: string[];
  /** family names that read as female (e.g. Javanese -wati/-ni/-sari); used for women only */
  familyFemale: string[];
}

const kec = (code: string, name: string): OpdSeed => ({
  code,
  name: `Kecamatan ${name}`,
  type: 'kecamatan',
  fields: [
    'Seksi Pemerintahan dan Pelayanan Publik',
    'Seksi Ketenteraman dan Ketertiban Umum',
    'Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial',
  ],
});

export const SURABAYA: CitySeed = {
  slug: 'surabaya',
  name: 'Kota Surabaya',
  hr: 'BKPSDM',
  tourism: 'DISBUDPORAPAR',
  inspectorate: 'INSPEKTORAT',
  opds: [
    {
      code: 'SETDA',
      name: 'Sekretariat Daerah',
      type: 'sekretariat',
      fields: ['Bagian Organisasi', 'Bagian Hukum dan Kerjasama', 'Bagian Perekonomian dan Sumber Daya Alam'],
    },
    {
      code: 'INSPEKTORAT',
      name: 'Inspektorat',
      type: 'lainnya',
      fields: ['Inspektur Pembantu Wilayah I', 'Inspektur Pembantu Wilayah II'],
    },
    {
      code: 'BKPSDM',
      name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
      type: 'badan',
      fields: ['Bidang Pengadaan, Pemberhentian dan Informasi', 'Bidang Pengembangan Kompetensi dan Kinerja'],
    },
    {
      code: 'BAPENDA',
      name: 'Badan Pendapatan Daerah',
      type: 'badan',
      fields: [
        'Bidang Pajak Daerah',
        'Bidang Retribusi dan Pendapatan Lain',
        'Bidang Pengendalian dan Evaluasi Pendapatan',
      ],
    },
    {
      code: 'BPKAD',
      name: 'Badan Pengelolaan Keuangan dan Aset Daerah',
      type: 'badan',
      fields: ['Bidang Anggaran', 'Bidang Aset'],
    },
    {
      code: 'BAPEDALITBANG',
      name: 'Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan',
      type: 'badan',
      fields: ['Bidang Perencanaan Ekonomi', 'Bidang Penelitian dan Pengembangan'],
    },
    {
      code: 'DISBUDPORAPAR',
      name: 'Dinas Kebudayaan, Kepemudaan dan Olah Raga serta Pariwisata',
      type: 'dinas',
      fields: ['Bidang Pariwisata', 'Bidang Kebudayaan', 'Bidang Kepemudaan dan Olah Raga'],
    },
    {
      code: 'DISPENDIK',
      name: 'Dinas Pendidikan',
      type: 'dinas',
      fields: ['Bidang Sekolah Dasar', 'Bidang Sekolah Menengah Pertama'],
    },
    {
      code: 'DINKES',
      name: 'Dinas Kesehatan',
      type: 'dinas',
      fields: ['Bidang Pelayanan Kesehatan', 'Bidang Pencegahan dan Pengendalian Penyakit'],
    },
    {
      code: 'DISPENDUKCAPIL',
      name: 'Dinas Kependudukan dan Pencatatan Sipil',
      type: 'dinas',
      fields: ['Bidang Pelayanan Pendaftaran Penduduk', 'Bidang Pelayanan Pencatatan Sipil'],
    },
    {
      code: 'DSDABM',
      name: 'Dinas Sumber Daya Air dan Bina Marga',
      type: 'dinas',
      fields: ['Bidang Drainase', 'Bidang Jalan dan Jembatan'],
    },
    {
      code: 'DLH',
      name: 'Dinas Lingkungan Hidup',
      type: 'dinas',
      fields: ['Bidang Pengelolaan Sampah', 'Bidang Ruang Terbuka Hijau'],
    },
    {
      code: 'DISHUB',
      name: 'Dinas Perhubungan',
      type: 'dinas',
      fields: ['Bidang Lalu Lintas', 'Bidang Angkutan'],
    },
    {
      code: 'DISKOMINFO',
      name: 'Dinas Komunikasi dan Informatika',
      type: 'dinas',
      fields: ['Bidang Aplikasi Informatika', 'Bidang Informasi dan Komunikasi Publik'],
    },
    {
      code: 'DPMPTSP',
      name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
      type: 'dinas',
      fields: ['Bidang Pelayanan Perizinan', 'Bidang Penanaman Modal'],
    },
    {
      code: 'DINSOS',
      name: 'Dinas Sosial',
      type: 'dinas',
      fields: ['Bidang Rehabilitasi Sosial', 'Bidang Perlindungan dan Jaminan Sosial'],
    },
    {
      code: 'SATPOLPP',
      name: 'Satuan Polisi Pamong Praja',
      type: 'lainnya',
      fields: ['Bidang Penegakan Perda', 'Bidang Ketertiban Umum'],
    },
    kec('KEC.GENTENG', 'Genteng'),
    kec('KEC.BUBUTAN', 'Bubutan'),
    kec('KEC.KREMBANGAN', 'Krembangan'),
    kec('KEC.PABEANCANTIAN', 'Pabean Cantian'),
    kec('KEC.GUBENG', 'Gubeng'),
    kec('KEC.TEGALSARI', 'Tegalsari'),
  ],
  givenMale: [
    'Budi',
    'Agus',
    'Bambang',
    'Joko',
    'Eko',
    'Slamet',
    'Teguh',
    'Heru',
    'Sigit',
    'Wahyu',
    'Moh.',
    'Achmad',
    'Imam',
    'Muhammad',
    'Rizki',
    'Fajar',
    'Aditya',
    'Bayu',
    'Dimas',
    'Andi',
  ],
  givenFemale: [
    'Sri',
    'Endang',
    'Retno',
    'Wulan',
    'Ratna',
    'Dewi',
    'Ayu',
    'Indah',
    'Sulastri',
    'Siti',
    'Nur',
    'Fatimah',
    'Putri',
    'Anisa',
    'Intan',
    'Maya',
    'Nadia',
    'Citra',
  ],
  family: [
    'Santoso',
    'Wibowo',
    'Prasetyo',
    'Susanto',
    'Setiawan',
    'Nugroho',
    'Wijaya',
    'Kurniawan',
    'Purnomo',
    'Sutrisno',
    'Hartono',
    'Widodo',
  ],
  familyFemale: [
    'Lestari',
    'Rahayu',
    'Wahyuni',
    'Handayani',
    'Wulandari',
    'Pratiwi',
    'Rahmawati',
    'Astuti',
    'Susanti',
    'Widiastuti',
  ],
};

const kecJ = (code: string, name: string): OpdSeed => ({
  code,
  name: `Kecamatan ${name}`,
  type: 'kecamatan',
  fields: ['Seksi Pemerintahan', 'Seksi Ketenteraman dan Ketertiban Umum', 'Seksi Pelayanan Umum'],
});

export const JAMBI: CitySeed = {
  slug: 'jambi',
  name: 'Kota Jambi',
  hr: 'BKPSDMD',
  tourism: 'DISPARBUD',
  inspectorate: 'INSPEKTORAT',
  opds: [
    {
      code: 'SETDA',
      name: 'Sekretariat Daerah Kota Jambi',
      type: 'sekretariat',
      fields: ['Bagian Organisasi', 'Bagian Hukum', 'Bagian Perekonomian'],
    },
    {
      code: 'INSPEKTORAT',
      name: 'Inspektorat Kota Jambi',
      type: 'lainnya',
      fields: ['Inspektur Pembantu Wilayah I', 'Inspektur Pembantu Wilayah II'],
    },
    {
      code: 'BKPSDMD',
      name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah',
      type: 'badan',
      fields: ['Bidang Mutasi dan Promosi', 'Bidang Pengembangan Kompetensi dan Penilaian Kinerja'],
    },
    {
      code: 'BPPRD',
      name: 'Badan Pengelola Pajak dan Retribusi Daerah',
      type: 'badan',
      fields: ['Bidang Pendataan dan Penetapan', 'Bidang Penagihan'],
    },
    {
      code: 'BPKAD',
      name: 'Badan Pengelola Keuangan dan Aset Daerah',
      type: 'badan',
      fields: ['Bidang Anggaran', 'Bidang Aset'],
    },
    {
      code: 'BAPPEDA',
      name: 'Badan Perencanaan Pembangunan Daerah',
      type: 'badan',
      fields: ['Bidang Perencanaan Ekonomi', 'Bidang Perencanaan Infrastruktur'],
    },
    {
      code: 'DISPARBUD',
      name: 'Dinas Pariwisata dan Kebudayaan',
      type: 'dinas',
      fields: ['Bidang Destinasi Pariwisata', 'Bidang Kebudayaan', 'Bidang Pemasaran Pariwisata'],
    },
    {
      code: 'DISDIK',
      name: 'Dinas Pendidikan',
      type: 'dinas',
      fields: ['Bidang Pembinaan Sekolah Dasar', 'Bidang Pembinaan SMP'],
    },
    {
      code: 'DINKES',
      name: 'Dinas Kesehatan',
      type: 'dinas',
      fields: ['Bidang Pelayanan Kesehatan', 'Bidang Kesehatan Masyarakat'],
    },
    {
      code: 'DISDUKCAPIL',
      name: 'Dinas Kependudukan dan Pencatatan Sipil',
      type: 'dinas',
      fields: ['Bidang Pendaftaran Penduduk', 'Bidang Pencatatan Sipil'],
    },
    {
      code: 'DISPERKIM',
      name: 'Dinas Perumahan Rakyat dan Kawasan Permukiman',
      type: 'dinas',
      fields: ['Bidang Perumahan', 'Bidang Kawasan Permukiman'],
    },
    {
      code: 'DPUPR',
      name: 'Dinas Pekerjaan Umum dan Penataan Ruang',
      type: 'dinas',
      fields: ['Bidang Bina Marga', 'Bidang Sumber Daya Air'],
    },
    {
      code: 'DPMPTSP',
      name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
      type: 'dinas',
      fields: ['Bidang Perizinan', 'Bidang Penanaman Modal'],
    },
    {
      code: 'DISKOMINFO',
      name: 'Dinas Komunikasi dan Informatika',
      type: 'dinas',
      fields: ['Bidang Aplikasi dan Informatika', 'Bidang Komunikasi Publik'],
    },
    {
      code: 'SATPOLPP',
      name: 'Satuan Polisi Pamong Praja',
      type: 'lainnya',
      fields: ['Bidang Penegakan Perda', 'Bidang Ketertiban Umum'],
    },
    kecJ('KEC.PELAYANGAN', 'Pelayangan'),
    kecJ('KEC.DANAUTELUK', 'Danau Teluk'),
    kecJ('KEC.PASARJAMBI', 'Pasar Jambi'),
    kecJ('KEC.TELANAIPURA', 'Telanaipura'),
    kecJ('KEC.DANAUSIPIN', 'Danau Sipin'),
  ],
  givenMale: [
    'Zulkifli',
    'Syamsuddin',
    'Hasan',
    'Ridwan',
    'Rizal',
    'Afrizal',
    'Fadli',
    'Syarif',
    'Muhammad',
    'Ahmad',
    'Budi',
    'Eko',
    'Andi',
    'Fajar',
    'Kemas',
    'Raden',
    'Joko',
    'Bayu',
  ],
  givenFemale: [
    'Nurhayati',
    'Rosmaini',
    'Yusnidar',
    'Nurul',
    'Rahmi',
    'Fitri',
    'Zahra',
    'Siti',
    'Dewi',
    'Putri',
    'Aulia',
    'Intan',
    'Maya',
    'Sri',
    'Nyimas',
  ],
  family: [
    'Hidayat',
    'Hamzah',
    'Ibrahim',
    'Abdullah',
    'Effendi',
    'Zainuddin',
    'Fauzi',
    'Ismail',
    'Rahman',
    'Syahputra',
    'Ramadhan',
    'Firmansyah',
    'Maulana',
    'Saputra',
    'Siregar',
    'Nasution',
    'Harahap',
    'Lubis',
    'Santoso',
  ],
  familyFemale: [
    'Lestari',
    'Rahmawati',
    'Wahyuni',
    'Siregar',
    'Nasution',
    'Harahap',
    'Lubis',
    'Hidayati',
    'Fitriani',
  ],
};

export const DEMO_PASSWORD = 'kinerja2026';
