import { useTranslation } from 'react-i18next';
import { useSwitchLanguage } from '../auth';
import { useLang } from '../queries';

/** One toggle button showing both languages, the current one emphasised. */
export function LangSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const switchLanguage = useSwitchLanguage();
  const next = lang === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      className={`lang-switch${className ? ` ${className}` : ''}`}
      data-testid="lang-switch"
      lang={next}
      title={t('lang.switchTo')}
      onClick={() => void switchLanguage(next)}
    >
      <span className="sr-only">{t('lang.label')}: </span>
      <span className={lang === 'id' ? 'lang-on' : 'lang-off'} lang="id">
        ID
      </span>
      <span aria-hidden="true" className="lang-sep">
        /
      </span>
      <span className={lang === 'en' ? 'lang-on' : 'lang-off'} lang="en">
        EN
      </span>
    </button>
  );
}
