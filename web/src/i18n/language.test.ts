import { describe, expect, it } from 'vitest';
import { detectLanguage, LANGUAGE_STORAGE_KEY } from './language';

const stored = (value: string | null) => ({ getItem: (key: string) => (key === LANGUAGE_STORAGE_KEY ? value : null) });
const browser = (...languages: string[]) => ({ language: languages[0] ?? '', languages });

describe('the language a page starts in', () => {
  it('is the one the person chose before', () => {
    expect(detectLanguage(stored('en'), browser('de-DE'))).toBe('en');
    expect(detectLanguage(stored('de'), browser('en-GB'))).toBe('de');
  });

  it('is otherwise the first of the browser’s languages that we have', () => {
    expect(detectLanguage(stored(null), browser('en-US', 'de'))).toBe('en');
    expect(detectLanguage(stored(null), browser('fr-FR', 'en-GB', 'de'))).toBe('en');
    expect(detectLanguage(null, browser('de-AT'))).toBe('de');
  });

  it('is German when nothing fits, or the remembered choice is no language of ours', () => {
    expect(detectLanguage(stored(null), browser('fr-FR', 'pl'))).toBe('de');
    expect(detectLanguage(stored('xx'), browser('en'))).toBe('en');
    expect(detectLanguage(stored(null), browser())).toBe('de');
  });

  it('still starts when storage is blocked', () => {
    const blocked = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
    };
    expect(detectLanguage(blocked, browser('en'))).toBe('en');
  });
});
