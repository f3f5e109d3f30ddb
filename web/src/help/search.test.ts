import { describe, expect, it } from 'vitest';
import { helpDe } from './de';
import { helpEn } from './en';
import { LINK_PATTERN, matchingQuestions, normalise, plainText, questionForHash } from './search';
import type { HelpContent } from './types';

const ids = (content: HelpContent) => content.groups.flatMap((group) => group.questions.map((question) => question.id));
const found = (content: HelpContent, query: string) => [...matchingQuestions(content.groups, query)];

/** Paths an answer may link to: public pages and the logged-in data page (which asks to log in). */
const routes = ['/help', '/privacy', '/contact', '/my-data', '/register', '/register/organization'];

describe('help search', () => {
  it('shows every question while the field is empty or blank', () => {
    expect(found(helpDe, '')).toEqual(ids(helpDe));
    expect(found(helpEn, '   ')).toEqual(ids(helpEn));
  });

  it('finds a question by a word of its answer or keywords, whatever the case', () => {
    expect(found(helpDe, 'Echo')).toEqual(['echo']);
    expect(found(helpDe, 'ECHO')).toEqual(['echo']);
    expect(found(helpEn, 'echo')).toEqual(['echo']);
    // "Ton" is only a keyword of the sound question, not a word of its answer.
    expect(found(helpDe, 'ton')).toContain('no-sound');
  });

  it('needs every word of the query, in any order', () => {
    expect(found(helpDe, 'Bildschirm teilen')).toEqual(['screen-sharing']);
    expect(found(helpDe, 'teilen Bildschirm')).toEqual(['screen-sharing']);
    expect(found(helpDe, 'Bildschirm Echo')).toEqual([]);
  });

  it('matches umlauts typed with or without the dots, or spelled out', () => {
    expect(found(helpDe, 'Gerät wechseln')).toEqual(['switch-device']);
    expect(found(helpDe, 'gerat wechseln')).toEqual(['switch-device']);
    expect(found(helpDe, 'geraet wechseln')).toEqual(['switch-device']);
    expect(normalise('Straße ÜBER Café')).toBe('strasse uber cafe');
  });

  it('searches what the reader sees of a link, not its address', () => {
    expect(plainText('Siehe [Meine Daten](/my-data).')).toBe('Siehe Meine Daten.');
    expect(found(helpDe, 'register/organization')).toEqual([]);
    expect(found(helpEn, 'Register a practice')).toEqual(['register']);
  });

  it('finds nothing for words that are nowhere, so the page can point to the contact form', () => {
    expect(found(helpDe, 'Quittung Faxgerät')).toEqual([]);
  });

  it('resolves an address fragment to its question', () => {
    expect(questionForHash(helpDe.groups, '#camera')?.question).toBe('Wie erlaube ich Kamera und Mikrofon?');
    expect(questionForHash(helpEn.groups, '#camera')?.question).toBe('How do I allow the camera and microphone?');
    expect(questionForHash(helpDe.groups, '#nope')).toBeUndefined();
    expect(questionForHash(helpDe.groups, '')).toBeUndefined();
  });
});

describe('help content', () => {
  it('has the same questions in the same order in German and English, each id once', () => {
    expect(ids(helpEn)).toEqual(ids(helpDe));
    expect(helpEn.groups.map((group) => group.id)).toEqual(helpDe.groups.map((group) => group.id));
    const all = [...ids(helpDe), ...helpDe.groups.map((group) => group.id)];
    expect(new Set(all).size).toBe(all.length);
    // The room's permission problem links here.
    expect(ids(helpDe)).toContain('camera');
  });

  it('links only to pages that exist and to answers that exist', () => {
    for (const content of [helpDe, helpEn]) {
      const texts = content.groups.flatMap((group) => group.questions.flatMap((question) => [...question.paragraphs, ...(question.list ?? [])]));
      for (const text of texts) {
        expect(plainText(text)).not.toMatch(/\]\(|\[[^\]]*\]\(/);
        for (const [, , target = ''] of text.matchAll(LINK_PATTERN)) {
          const [path = '', hash] = target.split('#');
          expect(routes, target).toContain(path);
          if (hash) expect(ids(content), target).toContain(hash);
        }
      }
    }
  });
});
