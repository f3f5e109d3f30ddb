import { brand, iconFileName, iconSpecs } from './icons';

export const manifestLanguages = ['de', 'en'] as const;
export type ManifestLanguage = (typeof manifestLanguages)[number];

const texts: Record<ManifestLanguage, { name: string; description: string }> = {
  de: {
    name: 'Sprechzimmer – Videosprechstunde',
    description: 'Vertrauliche Videosprechstunde: Ende-zu-Ende-verschlüsselt, ohne Installation für Patienten.',
  },
  en: {
    name: 'Sprechzimmer – video consultation',
    description: 'Confidential video consultations: end-to-end encrypted, nothing to install for patients.',
  },
};

export function manifestFileName(language: ManifestLanguage): string {
  return `manifest.${language}.webmanifest`;
}

/**
 * The web app manifest in one language (the page links the one of its language). The scope is the
 * whole origin, so an invitation link (/join#…) opened on a phone with the app installed may open in
 * the app where the platform captures links (Android); elsewhere it opens in the browser as always.
 */
export function webAppManifest(language: ManifestLanguage): Record<string, unknown> {
  return {
    id: '/',
    name: texts[language].name,
    short_name: 'Sprechzimmer',
    description: texts[language].description,
    lang: language,
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: brand.primary,
    background_color: brand.background,
    icons: iconSpecs
      .filter((spec) => spec.size !== 180)
      .map((spec) => ({ src: `/${iconFileName(spec)}`, sizes: `${spec.size}x${spec.size}`, type: 'image/png', purpose: spec.purpose })),
  };
}
