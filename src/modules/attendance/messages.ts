import { registerMessages } from '../../core/i18n.ts';

registerMessages({
  id: {
    ATTENDANCE_LEAVE_OVERLAP:
      'Rentang {start}–{end} bertumpang tindih dengan {kind} pegawai ini pada {otherStart}–{otherEnd}.',
    ATTENDANCE_LEAVE_RANGE: 'Tanggal selesai ({end}) tidak boleh sebelum tanggal mulai ({start}).',
    ATTENDANCE_LEAVE_TOO_LONG: 'Satu rentang paling lama {max} hari; catat rentang berikutnya terpisah.',
    ATTENDANCE_HOLIDAY_EXISTS: 'Tanggal {date} sudah ada di kalender kerja ({name}).',
    ATTENDANCE_SCHEDULE_TIMES: 'Jam pulang hari {day} ({end}) harus setelah jam masuk ({start}).',
    ATTENDANCE_SCHEDULE_RANGE: 'Berlaku sampai ({to}) tidak boleh sebelum berlaku mulai ({from}).',
    ATTENDANCE_SCHEDULE_SAME_START: 'Sudah ada jadwal kerja yang berlaku mulai {date} ("{name}").',
    ATTENDANCE_SCHEDULE_LAST: 'Jadwal kerja terakhir tidak dapat dihapus; ubah saja jam kerjanya.',
    ATTENDANCE_SCHEDULE_EMPTY: 'Isi jam kerja untuk paling sedikit satu hari.',
    ATTENDANCE_RULES_INVALID: 'Tabel potongan tidak valid; tidak ada yang disimpan.',
    ATTENDANCE_RULE_MISSING: 'baris {code} tidak ada.',
    ATTENDANCE_RULE_DUPLICATE: 'setiap kode hanya boleh muncul sekali.',
    ATTENDANCE_RULE_PERCENT: 'potongan {code} harus 0–100%.',
    ATTENDANCE_RULE_START:
      '{code} harus mulai tepat satu menit setelah batas pita sebelumnya (pita pertama mulai 1 menit).',
    ATTENDANCE_RULE_END: '{code} memerlukan batas atas yang tidak lebih kecil dari batas bawahnya.',
    ATTENDANCE_RULE_OPEN:
      '{code} adalah pita terakhir dan tidak boleh memiliki batas atas (berlaku juga bila tidak ada rekaman).',
    // import rows
    ATT_UNKNOWN_NIP: 'NIP "{value}" tidak terdaftar di kota ini.',
    ATT_DATE_INVALID: 'tanggal "{value}" tidak valid; gunakan YYYY-MM-DD atau DD/MM/YYYY.',
    ATT_DATE_FUTURE: 'tanggal {value} berada di masa depan (hari ini {today}).',
    ATT_TIME_INVALID: 'jam "{value}" tidak valid; gunakan JJ:MM, misalnya 07:30.',
    ATT_CHECKOUT_BEFORE_CHECKIN: 'jam pulang {checkOut} lebih awal dari jam masuk {checkIn}.',
    ATT_ALREADY_STORED:
      'kehadiran NIP {nip} tanggal {date} sudah tersimpan; unggah ulang dengan pilihan "ganti data yang sudah ada" bila memang akan diganti.',
    ATT_DUPLICATE_DAY:
      'NIP {nip} tanggal {date} muncul lebih dari sekali di berkas (pertama di baris {row}).',
  },
  en: {
    ATTENDANCE_LEAVE_OVERLAP:
      'The span {start}–{end} overlaps this employee’s {kind} of {otherStart}–{otherEnd}.',
    ATTENDANCE_LEAVE_RANGE: 'The end date ({end}) cannot be before the start date ({start}).',
    ATTENDANCE_LEAVE_TOO_LONG: 'One span is at most {max} days; record the next span separately.',
    ATTENDANCE_HOLIDAY_EXISTS: '{date} is already in the working calendar ({name}).',
    ATTENDANCE_SCHEDULE_TIMES: 'The end of {day} ({end}) must be after its start ({start}).',
    ATTENDANCE_SCHEDULE_RANGE: 'Valid to ({to}) cannot be before valid from ({from}).',
    ATTENDANCE_SCHEDULE_SAME_START: 'A schedule valid from {date} already exists ("{name}").',
    ATTENDANCE_SCHEDULE_LAST: 'The last schedule cannot be deleted; change its hours instead.',
    ATTENDANCE_SCHEDULE_EMPTY: 'Enter working hours for at least one day.',
    ATTENDANCE_RULES_INVALID: 'The deduction table is not valid; nothing was saved.',
    ATTENDANCE_RULE_MISSING: 'line {code} is missing.',
    ATTENDANCE_RULE_DUPLICATE: 'each code may appear only once.',
    ATTENDANCE_RULE_PERCENT: 'the deduction of {code} must be 0–100%.',
    ATTENDANCE_RULE_START:
      '{code} must start one minute after the previous band ends (the first band starts at 1 minute).',
    ATTENDANCE_RULE_END: '{code} needs an upper bound no lower than its lower bound.',
    ATTENDANCE_RULE_OPEN:
      '{code} is the last band and cannot have an upper bound (it also applies when there is no tap).',
    ATT_UNKNOWN_NIP: 'NIP "{value}" is not registered in this city.',
    ATT_DATE_INVALID: 'date "{value}" is not valid; use YYYY-MM-DD or DD/MM/YYYY.',
    ATT_DATE_FUTURE: 'date {value} is in the future (today is {today}).',
    ATT_TIME_INVALID: 'time "{value}" is not valid; use HH:MM, e.g. 07:30.',
    ATT_CHECKOUT_BEFORE_CHECKIN: 'check-out {checkOut} is earlier than check-in {checkIn}.',
    ATT_ALREADY_STORED:
      'attendance of NIP {nip} on {date} is already stored; upload again with "replace stored days" if it is meant to replace it.',
    ATT_DUPLICATE_DAY: 'NIP {nip} on {date} appears more than once in the file (first in row {row}).',
  },
});

/** Localised names used inside messages. */
export const LEAVE_KIND_LABELS = {
  id: { cuti: 'cuti', sakit: 'sakit', dinas_luar: 'dinas luar' },
  en: { cuti: 'leave', sakit: 'sick leave', dinas_luar: 'official travel' },
} as const;

export const WEEKDAY_LABELS = {
  id: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;
