export type Locale = 'id' | 'en';

type Messages = Record<string, string>;

const id: Messages = {
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
};

const en: Messages = {
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
};

const catalogs: Record<Locale, Messages> = { id, en };

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
