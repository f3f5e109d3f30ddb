import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { de, Translations } from './de';
import { LANGUAGE_STORAGE_KEY, languages, loadTexts, type Language } from './language';

export { languages, type Language } from './language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof de };
  }
}

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  // An app installed from this page takes the name and description in the page's language.
  const manifest = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (manifest) manifest.href = `/manifest.${language === 'en' ? 'en' : 'de'}.webmanifest`;
}

/**
 * Starts i18next with the texts of the language the start chose (startup.ts detected it and
 * loaded its texts while the app's code loaded): the first render is in that language, never
 * first in another. The other language's texts load only when the person switches.
 */
export async function initI18n(language: Language, texts: Translations): Promise<typeof i18next> {
  i18next.on('languageChanged', applyToDocument);
  await i18next.use(initReactI18next).init({
    lng: language,
    resources: { [language]: { translation: texts } },
    supportedLngs: [...languages],
    // Both languages have every key (i18n.test.ts): nothing to fall back to, nothing else to load.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(currentLanguage());
  return i18next;
}

export function currentLanguage(): Language {
  const resolved = i18next.resolvedLanguage;
  return resolved === 'en' ? 'en' : 'de';
}

/** Switches once the language's texts are here: the page changes language in one step. */
export async function chooseLanguage(language: Language): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation')) i18next.addResourceBundle(language, 'translation', await loadTexts(language));
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage may be blocked (private mode); the choice then lasts for this page only.
  }
  await i18next.changeLanguage(language);
}
