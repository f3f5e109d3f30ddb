/** The accessibility statement (Erklärung zur Barrierefreiheit). */
export const accessibilityDe = {
  nav: 'Barrierefreiheit',
  title: 'Erklärung zur Barrierefreiheit',
  lead: 'Sprechzimmer soll für alle nutzbar sein – auch mit Screenreader, nur mit der Tastatur, mit Vergrößerung oder auf einem kleinen Bildschirm.',
  standardTitle: 'Stand der Vereinbarkeit',
  standardText:
    'Ziel sind die Anforderungen der WCAG 2.1 auf Stufe AA, wie sie die BITV 2.0 und das Barrierefreiheitsstärkungsgesetz (BFSG) verlangen. Diese Website ist teilweise mit ihnen vereinbar: Jede Seite wird bei jeder Änderung automatisch geprüft (axe-core) – auf Deutsch in Desktop-Größe und auf Englisch in Telefon-Größe, abgemeldet und mit einem Praxiskonto angemeldet, dazu Anmeldeseite, Wartezimmer und Gespräch mit offenem Chat in beiden Größen – und hat dabei keine schwerwiegenden oder kritischen Fehler. Automatische Prüfungen finden aber nur einen Teil der möglichen Barrieren.',
  limitsTitle: 'Bekannte Einschränkungen',
  limit1: 'Eine vollständige Prüfung mit Screenreadern und eine Prüfung durch Menschen mit Behinderungen stehen noch aus.',
  limit2: 'Die Bedienung eines ganzen Gesprächs allein mit der Tastatur ist noch nicht durchgehend geprüft.',
  limit3:
    'Bild und Ton eines Gesprächs kommen vom Gegenüber: Untertitel oder Gebärdensprache bietet Sprechzimmer nicht selbst an; der Chat steht jederzeit als Textweg zur Verfügung.',
  feedbackTitle: 'Barrieren melden',
  feedbackText: 'Ist Ihnen eine Barriere aufgefallen oder brauchen Sie Inhalte in einer anderen Form? Schreiben Sie uns über das',
  feedbackLink: 'Kontaktformular',
  feedbackAfter: '. Wir antworten per E-Mail.',
  enforcementTitle: 'Durchsetzungsverfahren',
  enforcementText: 'Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten, können Sie sich an die zuständige Stelle wenden:',
  enforcementNone:
    'Eine Durchsetzungsstelle hat der Betreiber dieser Installation nicht angegeben; wenden Sie sich bitte zuerst über das Kontaktformular an uns.',
  updated: 'Diese Erklärung wurde anhand einer automatischen Prüfung erstellt.',
};
