import type { HelpGroup, HelpQuestion } from './types';

/** `[label](/path)` in an answer: the label is what people read and search, the path is not. */
export const LINK_PATTERN = /\[([^\]]+)\]\((\/[^)\s]*)\)/g;

/** What a reader sees of an answer text, without link markup. */
export function plainText(text: string): string {
  return text.replace(LINK_PATTERN, '$1');
}

/**
 * Lower case without accents, so that "ubertragung", "Übertragung" and "UEBERTRAGUNG" are not
 * three different words to someone typing on a phone keyboard: umlauts match with or without the e.
 */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .replace(/([aou])\u0308/g, '$1')
    .replace(/ä|ae/g, 'a')
    .replace(/ö|oe/g, 'o')
    .replace(/ü|ue/g, 'u')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

function searchableText(question: HelpQuestion): string {
  return normalise([question.question, ...question.paragraphs, ...(question.list ?? []), ...(question.keywords ?? [])].map(plainText).join(' '));
}

/** The search field's words; empty when there is nothing to search for. */
export function searchTerms(query: string): string[] {
  return normalise(query)
    .split(/[\s,;.!?]+/)
    .filter((term) => term.length > 0);
}

/**
 * Ids of the questions that contain every word of the query (in the question, the answer or its
 * keywords), in page order; every question when the query is empty.
 */
export function matchingQuestions(groups: readonly HelpGroup[], query: string): Set<string> {
  const terms = searchTerms(query);
  const matches = new Set<string>();
  for (const group of groups) {
    for (const question of group.questions) {
      const text = searchableText(question);
      if (terms.every((term) => text.includes(term))) matches.add(question.id);
    }
  }
  return matches;
}

/** The question an address fragment (`#camera`) points to, if any. */
export function questionForHash(groups: readonly HelpGroup[], hash: string): HelpQuestion | undefined {
  const id = decodeURIComponent(hash.replace(/^#/, ''));
  if (!id) return undefined;
  return groups.flatMap((group) => group.questions).find((question) => question.id === id);
}
