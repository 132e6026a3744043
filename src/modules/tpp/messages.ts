import { registerMessages } from '../../core/i18n.ts';

registerMessages({
  id: {
    TPP_RUN_LOCKED:
      'TPP bulan {month} sudah dikunci, sehingga tidak dapat dihitung ulang atau diubah. Koreksi dilakukan pada bulan berikutnya.',
    TPP_RUN_EXISTS: 'Proses TPP bulan {month} sudah ada. Buka proses tersebut untuk menghitung ulang.',
    TPP_RUN_STATUS:
      'Proses TPP bulan {month} berstatus "{status}"; langkah ini memerlukan status "{expected}".',
    TPP_MONTH_FUTURE: 'TPP bulan {month} belum dapat dihitung karena bulan tersebut belum dimulai.',
    TPP_MONTH_NOT_ENDED: 'Bulan {month} belum berakhir; TPP baru dapat dikunci setelah akhir bulan.',
    TPP_WEIGHTS_SUM:
      'Bobot kinerja dan disiplin untuk kelompok "{group}" harus berjumlah 100% (sekarang {sum}%).',
    TPP_WEIGHTS_NONE_ENABLED:
      'Kelompok "{group}": paling sedikit satu komponen harus aktif dengan bobot di atas 0%.',
    TPP_WEIGHTS_DEFAULT: 'Bobot kelompok "default" wajib ada.',
    TPP_WEIGHTS_DUPLICATE: 'Kelompok "{group}" muncul lebih dari sekali.',
    TPP_PAGU_INCOMPLETE:
      'Tabel pagu harus memuat setiap kelas jabatan 1–17 tepat satu kali (kurang: {missing}).',
    TPP_PAGU_DUPLICATE: 'Kelas jabatan {kelas} muncul lebih dari sekali.',
    TPP_NO_POSITION: 'Pegawai tidak menduduki jabatan pada bulan ini, sehingga tidak menerima TPP.',
    TPP_WARN_NO_POSITION: 'Anda tidak menduduki jabatan pada bulan {month}, sehingga tidak menerima TPP.',
    TPP_WARN_NO_ACTIVITY:
      '{count} hari kerja tanpa aktivitas tercatat. Yang masih dapat dicatat: {open} hari (paling lambat {deadline}).',
    TPP_WARN_NO_ACTIVITY_CLOSED:
      '{count} hari kerja tanpa aktivitas tercatat; batas pencatatan mundur untuk hari-hari tersebut sudah lewat.',
    TPP_WARN_PENDING:
      '{minutes} menit aktivitas belum diverifikasi atasan. Yang tidak diverifikasi sampai {deadline} tidak dihitung.',
    TPP_WARN_ABSENT:
      '{count} hari tidak hadir tanpa keterangan (TK). Ajukan cuti, dinas luar atau koreksi kehadiran sebelum {deadline}.',
    TPP_WARN_ATTENDANCE_MISSING:
      'Data kehadiran Anda bulan {month} belum diterima dari sistem presensi. Hubungi admin kepegawaian sebelum {deadline}.',
    TPP_WARN_DEDUCTIONS: 'Potongan disiplin bulan ini {percent}% dari komponen disiplin ({count} catatan).',
  },
  en: {
    TPP_RUN_LOCKED:
      'TPP for {month} is locked and can no longer be recomputed or changed. Corrections go into a later month.',
    TPP_RUN_EXISTS: 'A TPP run for {month} already exists. Open it to recompute.',
    TPP_RUN_STATUS: 'The TPP run for {month} is "{status}"; this step needs "{expected}".',
    TPP_MONTH_FUTURE: 'TPP for {month} cannot be computed yet: the month has not started.',
    TPP_MONTH_NOT_ENDED: '{month} has not ended yet; TPP can be locked only after the month ends.',
    TPP_WEIGHTS_SUM:
      'The performance and discipline weights of group "{group}" must add up to 100% (now {sum}%).',
    TPP_WEIGHTS_NONE_ENABLED:
      'Group "{group}": at least one component must be enabled with a weight above 0%.',
    TPP_WEIGHTS_DEFAULT: 'The "default" weight group is required.',
    TPP_WEIGHTS_DUPLICATE: 'Group "{group}" appears more than once.',
    TPP_PAGU_INCOMPLETE:
      'The pagu table must list every kelas jabatan 1–17 exactly once (missing: {missing}).',
    TPP_PAGU_DUPLICATE: 'Kelas jabatan {kelas} appears more than once.',
    TPP_NO_POSITION: 'The employee held no position this month and receives no TPP.',
    TPP_WARN_NO_POSITION: 'You held no position in {month}, so you receive no TPP.',
    TPP_WARN_NO_ACTIVITY:
      '{count} working days without logged activities. Still loggable: {open} days (at the latest by {deadline}).',
    TPP_WARN_NO_ACTIVITY_CLOSED:
      '{count} working days without logged activities; the back-dating window for them has closed.',
    TPP_WARN_PENDING:
      '{minutes} minutes of activities await your supervisor’s verification. What is not verified by {deadline} does not count.',
    TPP_WARN_ABSENT:
      '{count} days absent without notice (TK). Submit leave, official travel or an attendance correction before {deadline}.',
    TPP_WARN_ATTENDANCE_MISSING:
      'Your attendance for {month} has not arrived from the attendance system yet. Contact your HR admin before {deadline}.',
    TPP_WARN_DEDUCTIONS:
      'Discipline deductions this month: {percent}% of the discipline component ({count} records).',
  },
});
