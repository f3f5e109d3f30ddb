/** "Where you are signed in": the account's sessions on the profile page (issue 12). */
export const signInsDe = {
  title: 'Wo Sie angemeldet sind',
  intro: 'Diese Browser sind mit Ihrem Konto angemeldet. Wir speichern dazu nur Browser und Betriebssystem und die Zeiten, nie eine IP-Adresse.',
  device: '{{browser}} unter {{os}}',
  unknownBrowser: 'Unbekannter Browser',
  unknownOs: 'unbekanntem System',
  times: 'angemeldet {{created}}, zuletzt aktiv {{lastSeen}}',
  current: 'Dieser Browser',
  end: 'Abmelden',
  endLabel: '{{device}} abmelden',
  ended: 'Die Anmeldung ist beendet.',
  endOthers: 'Alle anderen abmelden',
  endedOthers: 'Alle anderen Anmeldungen sind beendet.',
};
