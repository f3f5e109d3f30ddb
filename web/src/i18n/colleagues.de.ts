/** Colleague list with presence and colleague calls (P-07). */
export const colleaguesDe = {
  title: 'Kolleginnen und Kollegen',
  empty: 'Noch niemand sonst in Ihrer Organisation ist aktiv.',
  reconnecting: 'Die Verbindung für die Anwesenheit ist unterbrochen. Wir verbinden neu …',
  call: 'Anrufen',
  callLabel: '{{name}} anrufen',
  presence: {
    online: 'online',
    in_call: 'im Gespräch',
    away: 'abwesend',
  },
  incoming: {
    title: 'Eingehender Anruf',
    text: '{{name}} ruft Sie an.',
    accept: 'Annehmen',
    decline: 'Ablehnen',
  },
  outgoing: {
    calling: '{{name}} wird angerufen …',
    waiting: 'Es klingelt …',
    endedTitle: 'Anruf beendet',
    declined: '{{name}} hat den Anruf abgelehnt.',
    missed: '{{name}} hat nicht geantwortet.',
    cancelled: 'Sie haben aufgelegt.',
    hangUp: 'Auflegen',
    close: 'Schließen',
  },
  room: {
    title: 'Gespräch mit Kollegin oder Kollege',
  },
};
