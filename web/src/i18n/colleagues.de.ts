/** Colleague list with presence and colleague calls (P-07). */
export const colleaguesDe = {
  title: 'Kolleginnen und Kollegen',
  empty: 'Noch niemand sonst in Ihrer Organisation ist aktiv.',
  reconnecting: 'Die Verbindung für die Anwesenheit ist unterbrochen. Wir verbinden neu …',
  call: 'Anrufen',
  callLabel: '{{name}} anrufen',
  audioCall: 'Nur Ton',
  audioCallLabel: 'Nur Ton: {{name}} anrufen (ohne Kamera)',
  busy: '{{name}} ist besetzt – gerade in einem Gespräch. Ihr Anruf wird nach dem Gespräch still als verpasst angezeigt.',
  busyQuiet: '{{name}} möchte gerade nicht gestört werden. Ihr Anruf wird still als verpasst angezeigt.',
  doNotDisturb: {
    label: 'Bitte nicht stören',
    hint: 'Kollegenanrufe klingeln dann nicht; wer anruft, hört „besetzt“, und Sie sehen hier still, wer es versucht hat. Während eines Gesprächs gilt das immer. Die Einstellung bleibt, bis Sie sie ausschalten – auch nach dem Abmelden.',
  },
  missed: {
    title: 'Verpasst, während Sie beschäftigt waren',
    entry: '{{name}} um {{time}}',
    dismiss: 'Gelesen',
  },
  presence: {
    online: 'online',
    do_not_disturb: 'bitte nicht stören',
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
