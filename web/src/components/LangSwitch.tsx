import { useTranslation } from 'react-i18next';
import { useSwitchLanguage } from '../auth';
import { useLang } from '../queries';
import type { Lang } from '../types';

const OPTIONS: { lang: Lang; label: string; name: string }[] = [
  { lang: 'id', label: 'ID', name: 'Bahasa Indonesia' },
  { lang: 'en', label: 'EN', name: 'English' },
];

/** Two toggle buttons (ID / EN); the pressed one is the current language. */
export function LangSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const switchLanguage = useSwitchLanguage();
  return (
    <fieldset className={`lang-switch${className ? ` ${className}` : ''}`} data-testid="lang-switch">
      <legend className="sr-only">{t('lang.label')}</legend>
      {OPTIONS.map((o) => (
        <button
          key={o.lang}
          type="button"
          lang={o.lang}
          title={o.name}
          aria-pressed={lang === o.lang}
          className={lang === o.lang ? 'lang-on' : 'lang-off'}
          onClick={() => {
            if (lang !== o.lang) void switchLanguage(o.lang);
          }}
        >
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}
