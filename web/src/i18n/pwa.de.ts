/** The installable app: offline start and the "new version" note. */
export const pwaDe = {
  offlineTitle: 'Sie sind offline — Ihr Gespräch braucht eine Verbindung',
  offlineText: 'Sprechzimmer ist gestartet, erreicht aber den Server nicht. Bitte prüfen Sie WLAN oder mobile Daten und versuchen Sie es dann erneut.',
  updateReady: 'Eine neue Version von Sprechzimmer ist bereit. Sie wird beim nächsten Start verwendet.',
  updateNow: 'Jetzt aktualisieren',
  updateLater: 'Hinweis schließen',
};
