/**
 * The help centre's questions and answers (P-02), one object per language like the legal texts.
 * Answers may link inside the site with `[label](/path)` or `[label](/help#id)`; nothing else is markup.
 */
export interface HelpQuestion {
  /** Anchor: `/help#<id>` opens this answer. Stable: the app links some of them (e.g. `camera`). */
  id: string;
  question: string;
  paragraphs: string[];
  /** Steps or points shown as a list after the paragraphs. */
  list?: string[];
  /** Words people may search for that the text does not contain (e.g. "Ton" for a sound question). */
  keywords?: string[];
}

type HelpGroupId = 'patients' | 'practices' | 'privacy';

export interface HelpGroup {
  id: HelpGroupId;
  title: string;
  intro: string;
  questions: HelpQuestion[];
}

export interface HelpContent {
  groups: HelpGroup[];
}
