import type { accessibilityDe } from './accessibility.de';

export const accessibilityEn: typeof accessibilityDe = {
  nav: 'Accessibility',
  title: 'Accessibility statement',
  lead: 'Sprechzimmer is meant to be usable by everyone – with a screen reader, with the keyboard only, with magnification or on a small screen.',
  standardTitle: 'Compliance status',
  standardText:
    'We aim to meet WCAG 2.1 level AA, as required by the German BITV 2.0 and the Accessibility Strengthening Act (BFSG). This website is partially compliant: every page is checked automatically with each change (axe-core) – in German at desktop size and in English at phone size, logged out and logged in with a practice account, plus the join page, the waiting room and a call with the chat open at both sizes – and shows no serious or critical errors. Automatic checks find only part of the possible barriers, however.',
  limitsTitle: 'Known limitations',
  limit1: 'A complete check with screen readers and a test by people with disabilities are still to be done.',
  limit2: 'Going through a whole call with the keyboard only has not been checked end to end yet.',
  limit3:
    'Picture and sound of a call come from the other person: Sprechzimmer offers no captions or sign language itself; the chat is always there as a text channel.',
  feedbackTitle: 'Report a barrier',
  feedbackText: 'Have you found a barrier, or do you need content in another form? Write to us through the',
  feedbackLink: 'contact form',
  feedbackAfter: '. We answer by e-mail.',
  enforcementTitle: 'Enforcement procedure',
  enforcementText: 'If you do not receive a satisfactory answer to your report, you can turn to the competent body:',
  enforcementNone: 'The operator of this installation has not named an enforcement body; please contact us through the contact form first.',
  updated: 'This statement is based on an automatic check.',
};
