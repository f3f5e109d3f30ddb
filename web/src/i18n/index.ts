import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

/** Where an explicit choice of language is remembered; nothing else is kept in the browser. */
const STORAGE_KEY = 'sprechzimmer.language';

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

export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', applyToDocument);
  await i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: { de: { translation: de }, en: { translation: en } },
      supportedLngs: [...languages],
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      fallbackLng: 'de',
      interpolation: { escapeValue: false },
      returnNull: false,
      detection: {
        // A remembered choice wins; on the first visit the browser's languages decide.
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: STORAGE_KEY,
        // Only an explicit choice is remembered (see chooseLanguage).
        caches: [],
      },
    });
  applyToDocument(currentLanguage());
  return i18next;
}

export function currentLanguage(): Language {
  const resolved = i18next.resolvedLanguage;
  return resolved === 'en' ? 'en' : 'de';
}

export async function chooseLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be blocked (private mode); the choice then lasts for this page only.
  }
  await i18next.changeLanguage(language);
}
