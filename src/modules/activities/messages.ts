import { registerMessages } from '../../core/i18n.ts';

registerMessages({
  id: {
    ACTIVITY_RULES_THRESHOLDS:
      'Batas beban kurang ({under}) harus lebih kecil dari batas beban berlebih ({over}).',
    ACTIVITY_RULES_ENTRY_MAX:
      'Menit maksimal satu entri ({entry}) tidak boleh melebihi batas menit harian ({daily}).',
  },
  en: {
    ACTIVITY_RULES_THRESHOLDS:
      'The under-load threshold ({under}) must be below the over-load threshold ({over}).',
    ACTIVITY_RULES_ENTRY_MAX:
      'The maximum minutes of one entry ({entry}) may not exceed the daily maximum ({daily}).',
  },
});
