/** Labels of the privacy page; its content comes from the server (GET /api/site/privacy). */
export const privacyDe = {
  title: 'Datenschutzerklärung',
  loading: 'Datenschutzerklärung wird geladen …',
  loadFailed: 'Die Datenschutzerklärung konnte nicht geladen werden.',
  data: 'Daten',
  subjects: 'Betroffene Personen',
  legalBases: 'Rechtsgrundlage',
  retention: 'Speicherdauer',
  recipients: 'Empfänger',
  purposes: 'Zwecke',
  location: 'Ort der Verarbeitung',
  transfer: 'Übermittlung in Drittländer',
  cookieName: 'Name',
  cookieKind: 'Art',
  cookiePurpose: 'Zweck',
  cookieLifetime: 'Dauer',
};
