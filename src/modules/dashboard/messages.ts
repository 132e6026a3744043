import { registerMessages } from '../../core/i18n.ts';

registerMessages({
  id: {
    DASHBOARD_STREAM_LIMIT:
      'Terlalu banyak dasbor terbuka dengan pembaruan langsung ({max}). Tutup tab dasbor lain lalu muat ulang.',
    DASHBOARD_MONTH_FUTURE: 'Bulan {month} belum dimulai.',
  },
  en: {
    DASHBOARD_STREAM_LIMIT:
      'Too many dashboards with live updates are open ({max}). Close another dashboard tab and reload.',
    DASHBOARD_MONTH_FUTURE: 'The month {month} has not started yet.',
  },
});
