/** Optional analytics consent (P-04); only shown when the operator configured analytics. */
export const consentDe = {
  title: 'Reichweitenmessung',
  text: 'Mit Ihrer Einwilligung messen wir mit einem eigenen Analysedienst ({{host}}), welche Seiten wie oft aufgerufen werden. Ohne Einwilligung wird davon nichts geladen. Sie können Ihre Wahl jederzeit über „Cookie-Einstellungen“ unten auf jeder Seite ändern.',
  accept: 'Einverstanden',
  decline: 'Ablehnen',
  statusGranted: 'Zurzeit eingewilligt.',
  statusDenied: 'Zurzeit abgelehnt.',
  withdraw: 'Einwilligung widerrufen',
  close: 'Schließen',
  footerLink: 'Cookie-Einstellungen',
  saved: 'Ihre Wahl wurde gespeichert.',
};
