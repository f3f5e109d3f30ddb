/** The help centre's page texts (P-02); the questions and answers are in web/src/help/en.ts. */
export const helpEn = {
  nav: 'Help',
  title: 'Help and frequently asked questions',
  lead: 'Answers for patients, for practices and about privacy. Tap a question to open its answer.',
  topics: 'Topics',
  searchLabel: 'Search the help',
  searchHint: 'For example “camera”, “waiting room” or “file”.',
  results_one: '{{count}} matching question',
  results_other: '{{count}} matching questions',
  noResults: 'We found no answer to that.',
  noResultsContact: 'Write to us – we are glad to help:',
  contactLink: 'go to the contact form',
  stillStuck: 'Your question is not here?',
  landingLink: 'Help and frequently asked questions',
  landingText: 'How do patients join, and what to do when the camera or sound does not work? The help has the answers:',
  roomLink: 'More help with the camera and microphone (opens in a new tab)',
};
