/** Contact form (P-02). */
export const supportDe = {
  nav: 'Kontakt',
  title: 'Kontakt',
  lead: 'Fragen zu Sprechzimmer, zu Ihrem Konto oder zum Datenschutz? Schreiben Sie uns, wir antworten per E-Mail.',
  name: 'Ihr Name',
  email: 'Ihre E-Mail-Adresse',
  emailHint: 'Nur für unsere Antwort.',
  subject: 'Betreff',
  message: 'Ihre Nachricht',
  messageHint: 'Bitte schicken Sie uns hier keine Gesundheitsdaten.',
  honeypot: 'Dieses Feld bitte leer lassen',
  privacyNotice:
    'Wir verwenden Ihre Angaben nur, um Ihre Anfrage zu beantworten, und löschen sie zwei Jahre nach Abschluss der Anfrage. Einzelheiten in der',
  privacyLink: 'Datenschutzerklärung',
  spamNote: 'Zum Schutz vor Spam rechnet Ihr Browser beim Senden kurz (unter einer Sekunde); dabei wird nichts an Dritte übertragen.',
  submit: 'Nachricht senden',
  checking: 'Spam-Schutz wird berechnet …',
  sentTitle: 'Vielen Dank, Ihre Nachricht ist angekommen',
  sentText: 'Wir antworten an {{email}}. Eine Eingangsbestätigung per E-Mail schicken wir nicht.',
  another: 'Weitere Nachricht schreiben',
};
