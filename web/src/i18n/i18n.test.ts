import { describe, expect, it } from 'vitest';
import { errorCodes, fieldErrorCodes } from '../../../common/errors';
import { legalDe } from '../legal/de';
import { legalEn } from '../legal/en';
import { de } from './de';
import { en } from './en';

type Tree = { [key: string]: string | Tree };

/** "a.b.c" → text, for every leaf of a translation tree. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') leaves.set(path, value);
    else for (const [leaf, text] of flatten(value, path)) leaves.set(leaf, text);
  }
  return leaves;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const languages = { de: flatten(de as Tree), en: flatten(en as unknown as Tree) };

describe('translations', () => {
  it('have the same keys in German and English', () => {
    const onlyDe = [...languages.de.keys()].filter((key) => !languages.en.has(key));
    const onlyEn = [...languages.en.keys()].filter((key) => !languages.de.has(key));
    expect({ onlyDe, onlyEn }).toEqual({ onlyDe: [], onlyEn: [] });
  });

  it('have no empty texts', () => {
    for (const [language, leaves] of Object.entries(languages)) {
      const empty = [...leaves].filter(([, text]) => text.trim() === '').map(([key]) => `${language}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...languages.de]
      .filter(([key, text]) => placeholders(text).join() !== placeholders(languages.en.get(key) ?? '').join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it.each(Object.keys(languages))('translate every error code (%s)', (language) => {
    const leaves = languages[language as keyof typeof languages];
    expect(errorCodes.filter((code) => !leaves.get(`errors.${code}`))).toEqual([]);
    expect(fieldErrorCodes.filter((code) => !leaves.get(`fieldErrors.${code}`))).toEqual([]);
  });

  it('state the password limits with a number', () => {
    for (const leaves of Object.values(languages)) {
      expect(placeholders(leaves.get('fieldErrors.too_short') ?? '')).toEqual(['limit']);
      expect(placeholders(leaves.get('fieldErrors.too_long') ?? '')).toEqual(['limit']);
    }
  });
});

describe('legal texts', () => {
  it('have the same structure in German and English', () => {
    const shape = (texts: typeof legalDe) =>
      Object.entries(texts).map(([name, document]) => [
        name,
        document.sections.map((section: (typeof document.sections)[number]) => [
          section.paragraphs.length,
          section.list?.length ?? 0,
          Boolean(section.operatorBlock),
        ]),
      ]);
    expect(shape(legalEn)).toEqual(shape(legalDe));
  });
});
