import type { Translations } from './de';

/*
 * What the start of the app needs to know about languages before any text is loaded: which one
 * to show, and where its texts are. Each language's texts are a chunk of their own (about 100 KB
 * each), so a page loads only the texts it shows; this module stays small because the start
 * (web/src/startup.ts) runs it before the app's code is evaluated.
 */

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

/** Where an explicit choice of language is remembered; nothing else is kept in the browser. */
export const LANGUAGE_STORAGE_KEY = 'sprechzimmer.language';

function supported(code: string | null | undefined): Language | null {
  const base = code?.trim().toLowerCase().split(/[-_]/)[0];
  return languages.find((language) => language === base) ?? null;
}

/**
 * A remembered choice wins; on the first visit the first of the browser's languages we have;
 * German otherwise (as i18next's detector did with `order: ['localStorage', 'navigator']`).
 */
export function detectLanguage(storage: Pick<Storage, 'getItem'> | null, browser: Pick<Navigator, 'language' | 'languages'>): Language {
  let remembered: string | null = null;
  try {
    remembered = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    // Storage may be blocked (private mode): the browser's languages decide.
  }
  const wanted = [remembered, ...(browser.languages?.length ? browser.languages : [browser.language])];
  for (const code of wanted) {
    const language = supported(code);
    if (language) return language;
  }
  return 'de';
}

/** The texts of one language, from their own chunk. */
export async function loadTexts(language: Language): Promise<Translations> {
  return language === 'en' ? (await import('./en')).en : (await import('./de')).de;
}
