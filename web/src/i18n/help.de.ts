/** The help centre's page texts (P-02); the questions and answers are in web/src/help/de.ts. */
export const helpDe = {
  nav: 'Hilfe',
  title: 'Hilfe und häufige Fragen',
  lead: 'Antworten für Patientinnen und Patienten, für Praxen und zum Datenschutz. Tippen Sie auf eine Frage, um die Antwort zu öffnen.',
  topics: 'Themen',
  searchLabel: 'Hilfe durchsuchen',
  searchHint: 'Zum Beispiel „Kamera“, „Wartezimmer“ oder „Datei“.',
  results_one: '{{count}} passende Frage',
  results_other: '{{count}} passende Fragen',
  noResults: 'Dazu haben wir keine Antwort gefunden.',
  noResultsContact: 'Schreiben Sie uns – wir helfen gern weiter:',
  contactLink: 'zum Kontaktformular',
  stillStuck: 'Ihre Frage ist nicht dabei?',
  landingLink: 'Hilfe und häufige Fragen',
  landingText: 'Wie nehmen Patientinnen und Patienten teil, was tun, wenn Kamera oder Ton nicht gehen? Antworten finden Sie in der Hilfe:',
  roomLink: 'Weitere Hilfe zu Kamera und Mikrofon (öffnet in einem neuen Tab)',
};
