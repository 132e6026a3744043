import { registerMessages } from '../../core/i18n.ts';

registerMessages({
  id: {
    PUBLIC_SUPPRESSED: 'disembunyikan (kurang dari {min} orang)',
  },
  en: {
    PUBLIC_SUPPRESSED: 'hidden (fewer than {min} people)',
  },
});
