import { registerMessages } from '../../core/i18n.ts';

/** Titles of the feedback items on the performance account (dialog kinerja from the SKP). */
registerMessages({
  id: {
    ACCOUNT_EVENT_CREATED: 'SKP dibuat',
    ACCOUNT_EVENT_SUBMITTED: 'SKP diajukan untuk persetujuan',
    ACCOUNT_EVENT_APPROVED: 'SKP disetujui',
    ACCOUNT_EVENT_RETURNED: 'SKP dikembalikan untuk diperbaiki',
    ACCOUNT_EVENT_REVISION_OPENED: 'Revisi SKP dibuka',
    ACCOUNT_EVENT_OTHER: 'Langkah SKP: {action}',
    ACCOUNT_REALISATION_REJECTED: 'Realisasi triwulan {quarter} "{indicator}" ditolak',
  },
  en: {
    ACCOUNT_EVENT_CREATED: 'SKP drafted',
    ACCOUNT_EVENT_SUBMITTED: 'SKP submitted for approval',
    ACCOUNT_EVENT_APPROVED: 'SKP approved',
    ACCOUNT_EVENT_RETURNED: 'SKP returned for changes',
    ACCOUNT_EVENT_REVISION_OPENED: 'SKP revision opened',
    ACCOUNT_EVENT_OTHER: 'SKP step: {action}',
    ACCOUNT_REALISATION_REJECTED: 'Quarter {quarter} realisation of "{indicator}" rejected',
  },
});
