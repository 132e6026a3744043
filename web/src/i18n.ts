import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import id from './locales/id.json';
import type { Lang } from './types';

export const LANG_STORAGE_KEY = 'kinerja.lang';
export const LANGS: Lang[] = ['id', 'en'];

export function storedLanguage(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return v === 'id' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

export function storeLanguage(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    /* storage unavailable (private mode): the choice lasts for this page only */
  }
}

type Tree = { [key: string]: string | Tree };

/** Deep merge, so that a module file may add keys under an existing section. */
function merge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = typeof v === 'object' && typeof cur === 'object' ? merge({ ...cur }, v) : v;
  }
  return into;
}

// Feature screens keep their words in `locales/extra/<feature>.<lang>.json` (merged over the base files).
const extra = import.meta.glob<Tree>('./locales/extra/*.json', { eager: true, import: 'default' });
const resources: Record<Lang, Tree> = { id: merge({}, id as Tree), en: merge({}, en as Tree) };
for (const [path, tree] of Object.entries(extra)) {
  const lang = path.match(/\.(id|en)\.json$/)?.[1] as Lang | undefined;
  if (lang) merge(resources[lang], tree);
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: resources.id }, en: { translation: resources.en } },
  lng: storedLanguage() ?? 'id',
  fallbackLng: 'id',
  supportedLngs: LANGS,
  interpolation: { escapeValue: false },
  returnNull: false,
});

function syncHtmlLang(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng.startsWith('en') ? 'en' : 'id';
}
syncHtmlLang(i18n.language);
i18n.on('languageChanged', syncHtmlLang);

export function currentLang(): Lang {
  return i18n.language?.startsWith('en') ? 'en' : 'id';
}

export default i18n;
