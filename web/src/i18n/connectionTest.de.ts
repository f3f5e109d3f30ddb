/** The connection test before an appointment and on the dashboard (issue 9 §5). */
export const connectionTestDe = {
  title: 'Verbindung testen',
  joinIntro:
    'Sie können schon jetzt prüfen, ob Kamera, Mikrofon, Lautsprecher und Ihre Internetverbindung für das Gespräch funktionieren. Niemand sieht oder hört Sie dabei.',
  dashboardIntro: 'Prüfen Sie vor Ihren Sprechstunden Kamera, Mikrofon, Lautsprecher und ob Ihr Netzwerk Videogespräche zulässt.',
  start: 'Verbindung jetzt testen',
  close: 'Test beenden',
  loading: 'Der Test wird vorbereitet …',
  failed: 'Der Test konnte nicht gestartet werden.',
  devicesTitle: 'Kamera, Mikrofon und Lautsprecher',
  networkTitle: 'Internetverbindung',
  networkIntro: 'Prüft, ob aus Ihrem Netzwerk eine Gesprächsverbindung zustande kommt. Das dauert einige Sekunden.',
  networkStart: 'Internetverbindung testen',
  networkRetry: 'Erneut testen',
  networkRunning: 'Die Internetverbindung wird geprüft …',
  unsupported: 'Dieser Browser kann keine Videogespräche führen. Bitte verwenden Sie einen aktuellen Browser wie Firefox, Chrome, Edge oder Safari.',
  verdict: {
    works: {
      title: 'Funktioniert',
      text: 'Ihre Internetverbindung ist für das Videogespräch geeignet.',
    },
    'relay-only': {
      title: 'Funktioniert nur über unseren Vermittlungsserver',
      text: 'Ihr Netzwerk lässt keine direkte Verbindung zu. Das Gespräch läuft dann verschlüsselt über unseren Server und funktioniert trotzdem.',
    },
    'direct-only': {
      title: 'Funktioniert meistens',
      text: 'Unser Vermittlungsserver ist aus Ihrem Netzwerk nicht erreichbar. Die meisten Gespräche klappen trotzdem; ist Ihr Gegenüber hinter einer strengen Firewall, kann die Verbindung scheitern.',
    },
    blocked: {
      title: 'Blockiert – versuchen Sie ein anderes Netzwerk',
      text: 'Aus diesem Netzwerk kommt keine Gesprächsverbindung zustande. Wechseln Sie zum Beispiel vom Firmen- oder Gäste-WLAN ins Mobilfunknetz oder in Ihr WLAN zu Hause und testen Sie erneut.',
    },
    untested: {
      title: 'Nicht geprüft',
      text: 'Auf diesem Server ist kein Verbindungsserver eingerichtet, daher lässt sich das Netzwerk hier nicht prüfen.',
    },
  },
  roundTrip: 'Antwortzeit über unseren Server: {{ms}} ms',
  details: 'Einzelheiten',
  direct: 'Direkte Verbindung möglich',
  relay: 'Verbindung über unseren Server',
  yes: 'ja',
  no: 'nein',
  helpLink: 'Hilfe bei Verbindungsproblemen',
};
