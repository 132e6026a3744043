export type Locale = 'id' | 'en';

type Messages = Record<string, string>;

const id: Messages = {
  SKP_DUPLICATE: 'SKP untuk pegawai dan jabatan ini pada periode {year} sudah ada.',
  SKP_NOT_EDITABLE:
    'SKP berstatus "{status}" tidak dapat diubah. SKP yang sudah disetujui hanya dapat diubah melalui revisi.',
  SKP_NOT_SUBMITTABLE: 'SKP belum lengkap: {reason}',
  SKP_NO_POSITION: 'Pegawai tidak sedang menduduki jabatan, sehingga belum dapat membuat SKP.',
  SKP_NO_EVALUATOR:
    'Tidak ada pejabat penilai untuk jabatan ini. Hubungi BKPSDM untuk menetapkan atasan atau Plt.',
  SKP_NEEDS_RHK: 'tambahkan paling sedikit satu RHK utama.',
  SKP_RHK_NEEDS_INDICATOR: 'RHK "{text}" belum memiliki indikator.',
  SKP_RHK_NEEDS_PARENT: 'RHK utama "{text}" belum menyebut RHK atasan atau sasaran kota yang didukung.',
  RHK_PARENT_NOT_ATASAN: 'RHK hanya dapat mendukung RHK milik atasan langsung ({atasan}).',
  RHK_GOAL_NOT_ALLOWED:
    'Hanya pimpinan tertinggi unit (tanpa atasan yang memiliki SKP) yang mengaitkan RHK langsung ke sasaran kota.',
  RHK_GOAL_UNKNOWN: 'Sasaran kota tidak ditemukan atau belum disetujui.',
  RHK_HAS_CHILDREN: 'RHK "{text}" sudah didukung oleh RHK bawahan, sehingga tidak dapat dihapus.',
  PERIOD_CLOSED: 'Periode {year} sudah ditutup.',
  PERIOD_UNKNOWN: 'Periode tidak ditemukan.',
  GOAL_NOT_EDITABLE: 'Sasaran kota yang sudah disetujui tidak dapat diubah.',
  GOAL_IN_USE: 'Sasaran kota "{code}" sudah didukung oleh {count} RHK, sehingga tidak dapat dihapus.',
  REALISATION_NOT_PENDING: 'Realisasi ini sudah diputuskan.',
  EVIDENCE_UNKNOWN: 'Bukti dukung {sha} belum diunggah.',
  REASON_REQUIRED: 'Alasan wajib diisi.',
  NOTIF_SKP_SUBMITTED_TITLE: 'SKP menunggu persetujuan Anda',
  NOTIF_SKP_SUBMITTED_BODY: '{name} mengajukan SKP periode {year}.',
  NOTIF_SKP_APPROVED_TITLE: 'SKP Anda disetujui',
  NOTIF_SKP_APPROVED_BODY: 'SKP periode {year} disetujui oleh {name}.',
  NOTIF_SKP_RETURNED_TITLE: 'SKP Anda dikembalikan',
  NOTIF_SKP_RETURNED_BODY: '{name} mengembalikan SKP periode {year}: {reason}',
  NOTIF_SKP_REVISED_TITLE: 'SKP direvisi dan menunggu persetujuan',
  NOTIF_SKP_REVISED_BODY: '{name} membuka revisi SKP periode {year}: {reason}',
  NOTIF_REALISATION_SUBMITTED_TITLE: 'Realisasi menunggu konfirmasi',
  NOTIF_REALISATION_SUBMITTED_BODY: '{name} mengisi realisasi triwulan {quarter} untuk "{indicator}".',
  NOTIF_REALISATION_CONFIRMED_TITLE: 'Realisasi dikonfirmasi',
  NOTIF_REALISATION_CONFIRMED_BODY:
    'Realisasi triwulan {quarter} untuk "{indicator}" dikonfirmasi oleh {name}.',
  NOTIF_REALISATION_REJECTED_TITLE: 'Realisasi ditolak',
  NOTIF_REALISATION_REJECTED_BODY: 'Realisasi triwulan {quarter} untuk "{indicator}" ditolak: {reason}',
  VALIDATION_FAILED: 'Data yang dikirim tidak valid.',
  INVALID_JSON: 'Isi permintaan bukan JSON yang valid.',
  BODY_TOO_LARGE: 'Isi permintaan terlalu besar.',
  UNSUPPORTED_MEDIA_TYPE: 'Jenis isi permintaan tidak didukung.',
  NOT_FOUND: 'Data tidak ditemukan.',
  ROUTE_NOT_FOUND: 'Alamat API tidak ditemukan.',
  UNAUTHENTICATED: 'Silakan masuk terlebih dahulu.',
  FORBIDDEN: 'Anda tidak berwenang melakukan tindakan ini.',
  CSRF_INVALID: 'Token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.',
  RATE_LIMITED: 'Terlalu banyak permintaan. Coba lagi dalam {seconds} detik.',
  INVALID_CREDENTIALS: 'Kota, nama pengguna, atau kata sandi salah.',
  ACCOUNT_LOCKED: 'Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah {until}.',
  INTERNAL: 'Terjadi kesalahan pada server. Tim kami sudah dicatat kejadiannya.',
  CONFLICT: 'Data bentrok dengan data lain.',
  DUPLICATE: '{field} "{value}" sudah dipakai.',
  ORG_CYCLE: 'Tidak bisa: {name} akan menjadi bawahan dirinya sendiri.',
  UNIT_HAS_POSITIONS:
    'Unit "{name}" masih memiliki {count} jabatan aktif. Pindahkan atau nonaktifkan jabatannya dulu.',
  UNIT_HAS_CHILDREN:
    'Unit "{name}" masih memiliki {count} sub-unit aktif. Pindahkan atau nonaktifkan sub-unitnya dulu.',
  UNIT_NOT_EMPTY:
    'Unit "{name}" tidak bisa dihapus karena masih dirujuk {count} data (jabatan, pegawai, riwayat, atau hak akses), termasuk yang sudah tidak aktif. Nonaktifkan unit ini saja; riwayatnya tetap tersimpan.',
  UNIT_INACTIVE: 'Unit "{name}" sudah tidak aktif.',
  ROOT_UNIT_LOCKED: 'Unit induk pemerintah kota tidak dapat dipindahkan, dinonaktifkan, atau dihapus.',
  POSITION_OCCUPIED: 'Jabatan "{name}" sedang diisi oleh {holder}.',
  POSITION_INACTIVE: 'Jabatan "{name}" sudah tidak aktif.',
  EMPLOYEE_INACTIVE: 'Pegawai "{name}" sudah tidak aktif.',
  SAME_POSITION: 'Pegawai sudah menduduki jabatan ini.',
  NIP_INVALID: 'NIP tidak valid: {reason}',
  NIP_SEX_MISMATCH: 'Jenis kelamin tidak sesuai dengan NIP (digit ke-15 menunjukkan {sex}).',
  IMPORT_HAS_ERRORS: 'Impor masih memiliki {count} kesalahan. Perbaiki berkas lalu unggah ulang.',
  IMPORT_NOT_READY: 'Impor belum siap disimpan (status: {status}).',
  IMPORT_FILE_TYPE: 'Berkas harus berformat CSV atau XLSX.',
  IMPORT_EMPTY: 'Berkas tidak berisi baris data.',
  IMPORT_HEADER: 'Kolom wajib tidak ada di baris judul: {columns}.',
  IMPORT_TOO_MANY_ROWS: 'Berkas berisi lebih dari {max} baris.',
  FILE_TOO_LARGE: 'Berkas terlalu besar (maksimum {max}).',
  FILE_TYPE_NOT_ALLOWED: 'Jenis berkas tidak diizinkan. Yang diizinkan: {allowed}.',
  TENANT_UNKNOWN: 'Kota tidak dikenal.',
  // NIP reasons
  NIP_LENGTH: 'harus 18 digit angka (sekarang {length} karakter).',
  NIP_DIGITS: 'hanya boleh berisi angka.',
  NIP_BIRTH_DATE: 'tanggal lahir {value} (digit 1–8) bukan tanggal yang nyata.',
  NIP_BIRTH_FUTURE: 'tanggal lahir {value} (digit 1–8) ada di masa depan.',
  NIP_TMT_MONTH: 'bulan TMT CPNS {value} (digit 13–14) harus 01–12.',
  NIP_TMT_FUTURE: 'TMT CPNS {value} (digit 9–14) ada di masa depan.',
  NIP_TMT_AGE: 'TMT CPNS {value} (digit 9–14) sebelum pegawai berusia 18 tahun.',
  NIP_PPPK_YEAR: 'tahun pengangkatan PPPK {value} (digit 9–12) tidak masuk akal.',
  NIP_PPPK_AGE: 'tahun pengangkatan PPPK {value} (digit 9–12) sebelum pegawai berusia 18 tahun.',
  NIP_PPPK_CONTRACT: 'jumlah perjanjian kerja (digit 13–14) harus 01 atau lebih.',
  NIP_SEX_DIGIT: 'digit ke-15 (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan {value}.',
  NIP_SEQUENCE: 'nomor urut (digit 16–18) tidak boleh 000.',
  // import columns
  IMPORT_REQUIRED: 'wajib diisi.',
  IMPORT_UNKNOWN_REF: '{ref} "{value}" tidak ditemukan.',
  IMPORT_DUPLICATE_IN_FILE: '"{value}" muncul lebih dari sekali di berkas (baris {row}).',
  IMPORT_NOT_IN_SCOPE: 'di luar unit kewenangan Anda.',
  IMPORT_INVALID_VALUE: 'nilai "{value}" tidak valid; pilihan: {allowed}.',
  IMPORT_NUMBER_RANGE: 'harus bilangan bulat {min}–{max}.',
  IMPORT_EMAIL: 'alamat surel tidak valid.',
  SEX_L: 'laki-laki',
  SEX_P: 'perempuan',
  ACTIVITY_TIME_RANGE: 'Isi jam mulai dan jam selesai sekaligus, dengan jam selesai setelah jam mulai.',
  ACTIVITY_FUTURE_DATE: 'Aktivitas tidak boleh bertanggal di masa depan ({date}; hari ini {today}).',
  ACTIVITY_BACKDATE_WINDOW:
    'Aktivitas hanya dapat dicatat paling lama {days} hari ke belakang (paling awal {earliest}).',
  ACTIVITY_QUANTITY_RANGE: 'Volume harus bilangan bulat 1–{max}.',
  ACTIVITY_CATALOG_UNKNOWN: 'Kegiatan tidak ditemukan dalam katalog aktivitas kota ini.',
  ACTIVITY_CATALOG_INACTIVE: 'Kegiatan "{name}" sudah tidak aktif dalam katalog.',
  ACTIVITY_CATALOG_KIND: 'Kegiatan "{name}" tidak berlaku untuk jenis jabatan {kind}.',
  ACTIVITY_ENTRY_TOO_LONG: 'Satu catatan aktivitas paling banyak {max} menit (tercatat {minutes} menit).',
  ACTIVITY_RHK_NOT_OWN: 'RHK yang dipilih bukan bagian dari SKP Anda tahun {year}.',
  ACTIVITY_OVERLAP:
    'Waktu {start}–{end} bertumpang tindih dengan aktivitas lain pada {otherStart}–{otherEnd}.',
  ACTIVITY_DAILY_MAX:
    'Jumlah menit pada {date} melebihi batas harian {max} menit (sudah {used} menit, ditambah {adding} menit).',
  ACTIVITY_NO_POSITION: 'Anda tidak sedang menduduki jabatan aktif, sehingga belum dapat mencatat aktivitas.',
  ACTIVITY_BATCH_INVALID: '{count} aktivitas melanggar aturan; tidak ada yang disimpan.',
  ACTIVITY_RANGE_TOO_LONG: 'Rentang tanggal paling panjang {max} hari.',
  ACTIVITY_NOT_PENDING: 'Aktivitas ini sudah diputuskan, sehingga tidak dapat diubah lagi.',
  ACTIVITY_OWN_ENTRY: 'Anda tidak dapat memverifikasi aktivitas Anda sendiri.',
  ACTIVITY_VERIFY_WINDOW: 'Batas waktu verifikasi aktivitas ini sudah lewat ({until}).',
  ACTIVITY_ADJUST_QUANTITY: 'Penyesuaian memerlukan volume baru.',
  ACTIVITY_COPY_DUPLICATE: 'aktivitas yang sama sudah tercatat hari ini.',
  CATALOG_IMPORT_INVALID: 'Berkas katalog memiliki {count} kesalahan; tidak ada yang disimpan.',
  ABK_SHORT: 'kurang {n}',
  ABK_EXCESS: 'lebih {n}',
  ABK_BALANCED: 'sesuai',
  NOTIF_ACTIVITIES_VERIFIED_TITLE: 'Aktivitas Anda sudah diverifikasi',
  NOTIF_ACTIVITIES_VERIFIED_BODY:
    '{name} memverifikasi {total} aktivitas: {approved} disetujui, {adjusted} disesuaikan.',
  NOTIF_ACTIVITIES_REJECTED_TITLE: 'Sebagian aktivitas Anda ditolak',
  NOTIF_ACTIVITIES_REJECTED_BODY:
    '{name} memverifikasi {total} aktivitas: {approved} disetujui, {adjusted} disesuaikan, {rejected} ditolak ({reason}).',
};

const en: Messages = {
  SKP_DUPLICATE: 'An SKP for this employee and position in period {year} already exists.',
  SKP_NOT_EDITABLE:
    'An SKP in status "{status}" cannot be changed. An approved SKP changes only through a revision.',
  SKP_NOT_SUBMITTABLE: 'The SKP is not complete: {reason}',
  SKP_NO_POSITION: 'The employee holds no position, so no SKP can be drafted yet.',
  SKP_NO_EVALUATOR: 'This position has no evaluator. Ask BKPSDM to set the supervisor or an acting holder.',
  SKP_NEEDS_RHK: 'add at least one main RHK.',
  SKP_RHK_NEEDS_INDICATOR: 'RHK "{text}" has no indicator.',
  SKP_RHK_NEEDS_PARENT: 'Main RHK "{text}" does not name the supervisor RHK or city goal it supports.',
  RHK_PARENT_NOT_ATASAN: 'An RHK can only support an RHK of the direct supervisor ({atasan}).',
  RHK_GOAL_NOT_ALLOWED:
    'Only the top of a unit (no supervisor with an SKP) links an RHK directly to a city goal.',
  RHK_GOAL_UNKNOWN: 'City goal not found or not approved.',
  RHK_HAS_CHILDREN: 'RHK "{text}" is supported by subordinate RHKs and cannot be removed.',
  PERIOD_CLOSED: 'Period {year} is closed.',
  PERIOD_UNKNOWN: 'Period not found.',
  GOAL_NOT_EDITABLE: 'An approved city goal cannot be changed.',
  GOAL_IN_USE: 'City goal "{code}" is supported by {count} RHKs and cannot be deleted.',
  REALISATION_NOT_PENDING: 'This realisation has already been decided.',
  EVIDENCE_UNKNOWN: 'Evidence {sha} has not been uploaded.',
  REASON_REQUIRED: 'A reason is required.',
  NOTIF_SKP_SUBMITTED_TITLE: 'An SKP awaits your approval',
  NOTIF_SKP_SUBMITTED_BODY: '{name} submitted the SKP for {year}.',
  NOTIF_SKP_APPROVED_TITLE: 'Your SKP was approved',
  NOTIF_SKP_APPROVED_BODY: 'The SKP for {year} was approved by {name}.',
  NOTIF_SKP_RETURNED_TITLE: 'Your SKP was returned',
  NOTIF_SKP_RETURNED_BODY: '{name} returned the SKP for {year}: {reason}',
  NOTIF_SKP_REVISED_TITLE: 'SKP revised, awaiting approval',
  NOTIF_SKP_REVISED_BODY: '{name} opened a revision of the SKP for {year}: {reason}',
  NOTIF_REALISATION_SUBMITTED_TITLE: 'A realisation awaits confirmation',
  NOTIF_REALISATION_SUBMITTED_BODY: '{name} recorded quarter {quarter} for "{indicator}".',
  NOTIF_REALISATION_CONFIRMED_TITLE: 'Realisation confirmed',
  NOTIF_REALISATION_CONFIRMED_BODY: 'Quarter {quarter} of "{indicator}" was confirmed by {name}.',
  NOTIF_REALISATION_REJECTED_TITLE: 'Realisation rejected',
  NOTIF_REALISATION_REJECTED_BODY: 'Quarter {quarter} of "{indicator}" was rejected: {reason}',
  VALIDATION_FAILED: 'The submitted data is not valid.',
  INVALID_JSON: 'The request body is not valid JSON.',
  BODY_TOO_LARGE: 'The request body is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'This content type is not supported.',
  NOT_FOUND: 'Not found.',
  ROUTE_NOT_FOUND: 'API route not found.',
  UNAUTHENTICATED: 'Please sign in first.',
  FORBIDDEN: 'You are not allowed to do this.',
  CSRF_INVALID: 'The security (CSRF) token is missing or does not match. Reload the page and try again.',
  RATE_LIMITED: 'Too many requests. Try again in {seconds} seconds.',
  INVALID_CREDENTIALS: 'City, username or password is wrong.',
  ACCOUNT_LOCKED:
    'The account is temporarily locked after too many failed attempts. Try again after {until}.',
  INTERNAL: 'Something went wrong on the server. The incident has been logged.',
  CONFLICT: 'This conflicts with other data.',
  DUPLICATE: '{field} "{value}" is already in use.',
  ORG_CYCLE: 'Not possible: {name} would become its own subordinate.',
  UNIT_HAS_POSITIONS: 'Unit "{name}" still has {count} active positions. Move or deactivate them first.',
  UNIT_HAS_CHILDREN: 'Unit "{name}" still has {count} active sub-units. Move or deactivate them first.',
  UNIT_NOT_EMPTY:
    'Unit "{name}" cannot be deleted: {count} records (positions, employees, history or access rights) still refer to it, inactive ones included. Deactivate the unit instead; its history is kept.',
  UNIT_INACTIVE: 'Unit "{name}" is no longer active.',
  ROOT_UNIT_LOCKED: 'The city government root unit cannot be moved, deactivated or deleted.',
  POSITION_OCCUPIED: 'Position "{name}" is held by {holder}.',
  POSITION_INACTIVE: 'Position "{name}" is no longer active.',
  EMPLOYEE_INACTIVE: 'Employee "{name}" is no longer active.',
  SAME_POSITION: 'The employee already holds this position.',
  NIP_INVALID: 'Invalid NIP: {reason}',
  NIP_SEX_MISMATCH: 'Sex does not match the NIP (digit 15 says {sex}).',
  IMPORT_HAS_ERRORS: 'The import still has {count} errors. Fix the file and upload it again.',
  IMPORT_NOT_READY: 'The import is not ready to commit (status: {status}).',
  IMPORT_FILE_TYPE: 'The file must be CSV or XLSX.',
  IMPORT_EMPTY: 'The file has no data rows.',
  IMPORT_HEADER: 'Required columns missing from the header row: {columns}.',
  IMPORT_TOO_MANY_ROWS: 'The file has more than {max} rows.',
  FILE_TOO_LARGE: 'The file is too large (at most {max}).',
  FILE_TYPE_NOT_ALLOWED: 'This file type is not allowed. Allowed: {allowed}.',
  TENANT_UNKNOWN: 'Unknown city.',
  NIP_LENGTH: 'must be 18 digits (got {length} characters).',
  NIP_DIGITS: 'must contain digits only.',
  NIP_BIRTH_DATE: 'birth date {value} (digits 1–8) is not a real date.',
  NIP_BIRTH_FUTURE: 'birth date {value} (digits 1–8) is in the future.',
  NIP_TMT_MONTH: 'TMT CPNS month {value} (digits 13–14) must be 01–12.',
  NIP_TMT_FUTURE: 'TMT CPNS {value} (digits 9–14) is in the future.',
  NIP_TMT_AGE: 'TMT CPNS {value} (digits 9–14) is before the employee turned 18.',
  NIP_PPPK_YEAR: 'PPPK appointment year {value} (digits 9–12) is not plausible.',
  NIP_PPPK_AGE: 'PPPK appointment year {value} (digits 9–12) is before the employee turned 18.',
  NIP_PPPK_CONTRACT: 'contract count (digits 13–14) must be 01 or more.',
  NIP_SEX_DIGIT: 'digit 15 (sex) must be 1 (male) or 2 (female), not {value}.',
  NIP_SEQUENCE: 'sequence number (digits 16–18) must not be 000.',
  IMPORT_REQUIRED: 'is required.',
  IMPORT_UNKNOWN_REF: '{ref} "{value}" not found.',
  IMPORT_DUPLICATE_IN_FILE: '"{value}" appears more than once in the file (row {row}).',
  IMPORT_NOT_IN_SCOPE: 'is outside the units you administer.',
  IMPORT_INVALID_VALUE: 'value "{value}" is not valid; allowed: {allowed}.',
  IMPORT_NUMBER_RANGE: 'must be a whole number {min}–{max}.',
  IMPORT_EMAIL: 'is not a valid e-mail address.',
  SEX_L: 'male',
  SEX_P: 'female',
  ACTIVITY_TIME_RANGE: 'Give both a start and an end time, with the end after the start.',
  ACTIVITY_FUTURE_DATE: 'An activity cannot be dated in the future ({date}; today is {today}).',
  ACTIVITY_BACKDATE_WINDOW: 'Activities can be logged at most {days} days back (earliest {earliest}).',
  ACTIVITY_QUANTITY_RANGE: 'The quantity must be a whole number 1–{max}.',
  ACTIVITY_CATALOG_UNKNOWN: "This activity is not in the city's activity catalog.",
  ACTIVITY_CATALOG_INACTIVE: 'Activity "{name}" is no longer active in the catalog.',
  ACTIVITY_CATALOG_KIND: 'Activity "{name}" does not apply to the position kind {kind}.',
  ACTIVITY_ENTRY_TOO_LONG: 'One entry may count at most {max} minutes ({minutes} minutes given).',
  ACTIVITY_RHK_NOT_OWN: 'The chosen RHK is not part of your own SKP for {year}.',
  ACTIVITY_OVERLAP: 'The time {start}–{end} overlaps another activity at {otherStart}–{otherEnd}.',
  ACTIVITY_DAILY_MAX:
    'Minutes on {date} exceed the daily maximum of {max} (already {used} minutes, adding {adding}).',
  ACTIVITY_NO_POSITION: 'You hold no active position, so you cannot log activities yet.',
  ACTIVITY_BATCH_INVALID: '{count} activities break the rules; nothing was saved.',
  ACTIVITY_RANGE_TOO_LONG: 'The date range may span at most {max} days.',
  ACTIVITY_NOT_PENDING: 'This activity has already been decided and can no longer change.',
  ACTIVITY_OWN_ENTRY: 'You cannot verify your own activities.',
  ACTIVITY_VERIFY_WINDOW: 'The verification window of this activity has closed ({until}).',
  ACTIVITY_ADJUST_QUANTITY: 'An adjustment needs the new quantity.',
  ACTIVITY_COPY_DUPLICATE: 'the same activity is already logged today.',
  CATALOG_IMPORT_INVALID: 'The catalog file has {count} errors; nothing was saved.',
  ABK_SHORT: 'short by {n}',
  ABK_EXCESS: 'over by {n}',
  ABK_BALANCED: 'balanced',
  NOTIF_ACTIVITIES_VERIFIED_TITLE: 'Your activities were verified',
  NOTIF_ACTIVITIES_VERIFIED_BODY:
    '{name} verified {total} activities: {approved} approved, {adjusted} adjusted.',
  NOTIF_ACTIVITIES_REJECTED_TITLE: 'Some of your activities were rejected',
  NOTIF_ACTIVITIES_REJECTED_BODY:
    '{name} verified {total} activities: {approved} approved, {adjusted} adjusted, {rejected} rejected ({reason}).',
};

const catalogs: Record<Locale, Messages> = { id, en };

/**
 * Modules keep their own messages next to their code (`src/modules/<name>/messages.ts`) and register
 * them on import, so that the shared catalog above does not become everyone's merge conflict.
 * Indonesian and English must carry the same codes; a clash with an existing code is a programming error.
 */
export function registerMessages(more: { id: Messages; en: Messages }): void {
  const missing = Object.keys(more.id).filter((k) => !(k in more.en));
  const extra = Object.keys(more.en).filter((k) => !(k in more.id));
  if (missing.length || extra.length) {
    throw new Error(`i18n: id/en differ: ${[...missing, ...extra].join(', ')}`);
  }
  for (const [code, text] of Object.entries(more.id)) {
    if (code in id && id[code] !== text) throw new Error(`i18n: message ${code} registered twice`);
    id[code] = text;
    en[code] = more.en[code] as string;
  }
}

export type Params = Record<string, string | number>;

export function t(locale: Locale, code: string, params: Params = {}): string {
  const template = catalogs[locale][code] ?? catalogs.id[code] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) =>
    key in params ? String(params[key]) : `{${key}}`,
  );
}

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'id';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'en') return 'en';
    if (tag === 'id' || tag === 'in') return 'id';
  }
  return 'id';
}

export const hasMessage = (code: string): boolean => code in id;
