import { KNOWN_DEVICE_DAYS } from '../accounts/known-devices';
import { KNOWN_BROWSER_DAYS } from '../sessions/known-browsers';
import type { PolicyTexts } from './texts';

const either = (period: string | null, withPeriod: (period: string) => string, atOnce: string) => (period ? withPeriod(period) : atOnce);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const textsDe: PolicyTexts = {
  title: 'Datenschutzerklärung',
  intro:
    'Sprechzimmer ist für vertrauliche Gespräche gebaut. Hier steht, welche Daten diese Installation speichert, wozu, auf welcher Rechtsgrundlage, wie lange und wer sie außer uns erhält. Die Angaben werden aus dem Datenverzeichnis der Software erzeugt: Ändert sich dort etwas, ändert sich diese Seite mit.',
  headings: {
    controller: 'Verantwortlicher',
    privacyContact: 'Ansprechpartner für Datenschutz',
    principles: 'Unsere Grundsätze',
    purposes: 'Wozu wir welche Daten verarbeiten',
    categories: 'Datenkategorien',
    legalBases: 'Rechtsgrundlagen',
    retention: 'Wie lange wir Daten speichern',
    recipients: 'Empfänger',
    cookies: 'Cookies und Speicher im Browser',
    rights: 'Ihre Rechte',
  },
  controllerText: 'Verantwortlich für die Verarbeitung Ihrer Daten auf dieser Website und in der Anwendung ist:',
  privacyContactText: 'Fragen zum Datenschutz und Anträge zu Ihren Rechten richten Sie bitte an:',
  privacyContactMissing: 'Bitte wenden Sie sich an den oben genannten Verantwortlichen.',
  principles: [
    'Bild, Ton, Chatnachrichten und Dateien einer Sprechstunde gehen Ende-zu-Ende-verschlüsselt direkt zwischen den Geräten der Teilnehmenden. Sie werden von uns weder gespeichert noch aufgezeichnet.',
    'Wir speichern keine IP-Adressen – weder in der Datenbank noch in Protokollen.',
  ],
  principleNoTracking: 'Es gibt keine Werbung, kein Tracking und keine Inhalte von fremden Servern.',
  principlesWithAnalytics: (hosts) => [
    'Es gibt keine Werbung und keine Inhalte von fremden Servern.',
    `Eine Reichweitenmessung gibt es nur mit Ihrer Einwilligung: Erst dann lädt die Seite das Skript unseres eigenen Analysedienstes (${hosts.join(', ')}). Er erfährt, welche Seiten Sie aufrufen, und empfängt dabei Ihre IP-Adresse; was er wie lange aufbewahrt, steht unter „Reichweitenmessung“.`,
  ],
  purposesIntro: 'Für jeden Zweck nennen wir die Daten, die betroffenen Personen, die Rechtsgrundlage, die Speicherdauer und die Empfänger.',
  recipientsIntro:
    'Die folgenden Dienstleister erhalten Daten nur, soweit es für ihre Aufgabe nötig ist, und verarbeiten sie in unserem Auftrag und nach unserer Weisung (Art. 28 DSGVO). Niemand sonst erhält Zugriff.',
  noRecipients: 'Diese Installation gibt keine Daten an Dienstleister weiter.',
  nobody: 'niemand',
  noPersonalData: 'niemand (keine personenbezogenen Daten)',
  cookiesIntro:
    'Wir setzen nur technisch notwendige Cookies und Browser-Speicher ein; sie bedürfen keiner Einwilligung (§ 25 Abs. 2 Nr. 2 TDDDG). Cookies sind für Skripte nicht lesbar (HttpOnly) und werden nicht an andere Websites gesendet (SameSite).',
  cookiesAnalytics: (hosts) =>
    `Ausgenommen ist die Reichweitenmessung: Nur wenn Sie einwilligen (§ 25 Abs. 1 TDDDG), lädt die Seite das Skript unseres Analysedienstes (${hosts.join(', ')}). Je nach dessen Einstellung legt es eigene Cookies an (bei Matomo etwa _pk_id für bis zu 13 Monate und _pk_ses für 30 Minuten) oder keine (etwa bei Plausible). Widerrufen Sie, entfernt die Seite das Skript und löscht die für Skripte lesbaren Cookies dieser Website.`,
  categories: {
    identity: 'Identitätsdaten',
    contact: 'Kontaktdaten',
    credentials: 'Zugangsdaten',
    contract: 'Vertragsdaten',
    consent: 'Einwilligungs- und Zustimmungsnachweise',
    consultationMetadata: 'Metadaten von Sprechstunden (gesundheitsnah)',
    technical: 'Technische Daten',
    usage: 'Nutzungsdaten',
  },
  subjects: {
    customer: 'Kundinnen und Kunden (Einzelkunden, Vertreter von Organisationen)',
    member: 'Mitglieder von Organisationen',
    staff: 'Praxispersonal',
    guest: 'eingeladene Gäste',
    contact: 'gespeicherte Kontakte',
    visitor: 'Besucherinnen und Besucher der Website',
    operator: 'Mitarbeitende des Betreibers',
    patient: 'Patientinnen und Patienten, die einen Termin buchen',
  },
  legalBases: {
    art6_1a: { label: 'Art. 6 Abs. 1 lit. a DSGVO', text: 'Ihre Einwilligung, die Sie jederzeit widerrufen können.' },
    art6_1b: { label: 'Art. 6 Abs. 1 lit. b DSGVO', text: 'Die Erfüllung des Vertrags mit Ihnen oder vorvertragliche Schritte auf Ihre Anfrage.' },
    art6_1c: {
      label: 'Art. 6 Abs. 1 lit. c DSGVO',
      text: 'Eine rechtliche Pflicht, etwa die Pflicht, eine Einwilligung nachweisen zu können (Art. 7 Abs. 1 DSGVO).',
    },
    art6_1f: {
      label: 'Art. 6 Abs. 1 lit. f DSGVO',
      text: 'Unser berechtigtes Interesse, etwa an einem sicheren Dienst; Sie können widersprechen (Art. 21 DSGVO).',
    },
    art9_2a: {
      label: 'Art. 9 Abs. 2 lit. a DSGVO',
      text: 'Ihre ausdrückliche Einwilligung in die Verarbeitung gesundheitsnaher Daten, die Gäste vor dem Betreten des Wartezimmers geben.',
    },
    tdddg25_1: {
      label: '§ 25 Abs. 1 TDDDG',
      text: 'Ihre Einwilligung darin, dass auf Ihrem Gerät Informationen gespeichert oder von dort gelesen werden, etwa Cookies des Analysedienstes; Sie können sie jederzeit widerrufen.',
    },
  },
  purposes: {
    customerAccount: { title: 'Kundenkonto', description: 'Registrierung, Vertragsschluss und Verwaltung Ihres Kontos.' },
    organisationAccount: { title: 'Organisationskonto', description: 'Konto einer Praxis oder Klinik mit ihren Mitgliedern und deren Rollen.' },
    emailLinks: {
      title: 'Bestätigungslinks',
      description: 'Bestätigung der E-Mail-Adresse (Double-Opt-in), Zurücksetzen des Passworts und Einladungen von Mitgliedern.',
    },
    consentProof: {
      title: 'Nachweis der Zustimmung',
      description: 'Welche Fassung der Nutzungsbedingungen und der Datenschutzerklärung Sie wann akzeptiert haben.',
    },
    login: { title: 'Anmeldung', description: 'Sie sicher angemeldet zu halten, solange Ihre Sitzung dauert.' },
    consultation: { title: 'Durchführung der Sprechstunde', description: 'Einladung der Gäste, virtuelles Wartezimmer, Einlass und Verbindungsaufbau.' },
    activityDocumentation: {
      title: 'Aktivitätsübersicht',
      description:
        'Wer wann wie lange an einer Sprechstunde teilgenommen hat – nie Inhalte. Sie sehen diese Übersicht für Ihr Konto, die Vertretung einer Organisation für alle Mitglieder.',
    },
    contacts: { title: 'Kontaktliste', description: 'Gäste, die Sie ausdrücklich in Ihre Kontaktliste aufgenommen haben.' },
    security: {
      title: 'Schutz vor Angriffen',
      description:
        'Begrenzung von Anmelde- und Formularversuchen, ohne IP-Adressen zu speichern; Wiedererkennen eines Browsers, in dem Sie sich schon angemeldet haben, damit Ihre Anmeldung auch während eines Angriffs auf den Server funktioniert.',
    },
    mediaRelay: {
      title: 'Weiterleitung von Verbindungen',
      description: 'Verschlüsselte Audio- und Videopakete weiterzuleiten, wenn keine direkte Verbindung möglich ist.',
    },
    transcriptRelay: {
      title: 'Chatverlauf per E-Mail',
      description:
        'Auf Ihren Wunsch den Chatverlauf als PDF zu senden, ohne ihn zu speichern: an die Adresse Ihres Kontos, als Gast an die Adresse, an die Ihre Einladung ging. Nach dem Ende der Sprechstunde ist diese Adresse gelöscht; noch 30 Minuten lang erhält nur Ihr Browser sie verschlüsselt, sodass nur unser Server sie lesen kann.',
    },
    retentionProof: { title: 'Löschnachweise', description: 'Nachzuweisen, dass Löschfristen eingehalten wurden.' },
    support: { title: 'Kontaktanfragen', description: 'Ihre Anfrage über das Kontaktformular zu beantworten; die Antwort geht per E-Mail an Sie.' },
    operatorAccess: {
      title: 'Betreiberbereich',
      description: 'Anmeldung der Mitarbeitenden des Betreibers, die Anfragen beantworten und Löschnachweise prüfen.',
    },
    audienceMeasurement: {
      title: 'Reichweitenmessung',
      description:
        'Nur wenn Sie im Hinweis „Reichweitenmessung“ einwilligen, erfasst unser eigener Analysedienst, welche Seiten dieser Website und der Anwendung wie oft aufgerufen werden; ohne Einwilligung wird davon nichts geladen. Auf den Seiten der Videosprechstunde und auf Seiten, die Sie über einen zugesandten Link öffnen, läuft das Skript nie: Dort wird es nicht geladen, und wer eine solche Seite aus der Anwendung heraus öffnet, erhält sie ohne das Skript neu geladen. Ihre Einwilligung widerrufen Sie jederzeit über „Cookie-Einstellungen“ unten auf jeder Seite: Dann entfernt die Seite das Skript und dessen für Skripte lesbare Cookies und lädt neu, sodass nichts mehr gesendet wird. Besuche, die vorher erfasst wurden, löscht oder anonymisiert der Analysedienst nach der unten genannten Frist; auf Ihren Antrag früher, soweit sie sich Ihnen zuordnen lassen (Art. 17 DSGVO).',
    },
    appointments: {
      title: 'Terminbuchung',
      description:
        'Termine für Videosprechstunden zu buchen, zu bestätigen, zu erinnern, abzusagen oder zu verschieben, und die Termindaten der Praxis aufzubewahren (P-17). Ein Termin trägt nur seine Art (etwa „Folgetermin, 15 Minuten“), nie einen Anlass.',
    },
  },
  fields: {
    identifier: 'interne Kennungen',
    name: 'Name',
    dateOfBirth: 'Geburtsdatum',
    email: 'E-Mail-Adresse',
    postalAddress: 'Anschrift',
    phone: 'Telefonnummer',
    passwordHash: 'Passwort (nur als nicht umkehrbarer Hashwert)',
    tokenHash: 'Einmal-Links und Sitzungskennungen (nur als Hashwert)',
    linkPurpose: 'Art des Links',
    language: 'gewünschte Sprache',
    accountState: 'Kontoart und -status',
    role: 'Rolle in der Organisation',
    timestamps: 'Zeitpunkte (angelegt, geändert, bestätigt)',
    consentRecord: 'akzeptiertes Dokument, Fassung und Zeitpunkt',
    organisationName: 'Name der Organisation',
    consultationTimes: 'Zeitraum, Beginn und Ende der Sprechstunde',
    participantNames: 'Namen der Teilnehmenden',
    invitationChannels: 'Einladungswege (E-Mail, SMS)',
    deliveryState: 'Zustellstatus der Einladung',
    participantState: 'Status im Wartezimmer',
    availability: 'Erreichbarkeit für Kollegenanrufe (Bitte nicht stören)',
    callMode: 'Art des Gesprächs (nur Ton oder Video)',
    consentTime: 'Zeitpunkt der Einwilligung',
    clientHash: 'mit geheimem Schlüssel verschleierter Wert der Verbindung',
    ipAddress: 'IP-Adresse (nur während der Verbindung)',
    transcript: 'Chatverlauf (nur während des Versands)',
    receipt: 'Löschprotokoll ohne personenbezogene Daten',
    supportMessage: 'Betreff, Nachricht und unsere Antworten',
    ticketState: 'Status der Anfrage (offen, abgeschlossen)',
    usageData:
      'Adresse und Titel der aufgerufenen Seite, die Seite, von der Sie kamen, und der Zeitpunkt; Angaben zu Browser und Gerät (Browser und Version, Betriebssystem, Sprache, Bildschirmgröße); die IP-Adresse, von der der Aufruf kommt; je nach Analysedienst eine zufällige Besucherkennung (bei Matomo im Cookie _pk_id)',
    paymentData: 'Name, E-Mail-Adresse, Rechnungsanschrift, Beträge; Kartendaten nur beim Zahlungsdienst',
    secondFactor: 'Geheimnis der Authenticator-App (verschlüsselt) und der Zeitschritt des zuletzt verwendeten Codes',
    appointmentRecord: 'Zeitpunkt, Fachperson, Terminart und Status des Termins',
    bookingRules: 'Sprechzeiten, Abwesenheiten (ohne Grund), Pufferzeiten und Buchungsseite',
    timeZone: 'Zeitzone der Praxis',
    subscription: 'Tarif, Status des Abonnements, Ende des Abrechnungszeitraums und die Kennungen von Kundenkonto und Abonnement beim Zahlungsdienst',
    invoiceReference: 'Nummer, Datum, Betrag und Währung von Rechnungen; die Rechnung selbst liegt beim Zahlungsdienst',
    deviceDescription: 'Browser und Betriebssystem einer Anmeldung (z. B. „Firefox“, „Linux“), ohne Version und ohne IP-Adresse',
    knownBrowser:
      'ein Schlüssel-Hash der zufälligen Kennung im Cookie „bekannter Browser“ jedes Browsers, in dem Sie sich angemeldet haben, und wann Sie sich dort zuletzt angemeldet haben (kein Browsername, keine IP-Adresse)',
    passkey: 'Passkeys: öffentlicher Schlüssel, Kennung und Signaturzähler, der von Ihnen vergebene Name (verschlüsselt) und wann er zuletzt verwendet wurde',
  },
  retention: {
    loginSessions: (p) =>
      either(p, (x) => `${x} nach dem Ende der Sitzung`, 'bis zum Ende der Sitzung (30 Minuten ohne Aktivität oder 12 Stunden nach der Anmeldung)'),
    knownBrowsers: (p) => either(p, (x) => `${x} nach Ihrer letzten Anmeldung in diesem Browser`, 'bis zu Ihrer nächsten Anmeldung in diesem Browser'),
    passkeyChallenges: (p) =>
      either(p, (x) => `${x} nach Ablauf (2 Minuten), beantwortete sofort`, 'sobald beantwortet, sonst wenige Minuten nach Ablauf (2 Minuten)'),
    callMetadata: (p) => either(p, (x) => `${x} nach dem Ende der Sprechstunde`, 'mit dem Ende der Sprechstunde'),
    abandonedConsultation: (p) =>
      either(p, (x) => `spätestens ${x} nach Ablauf des Zeitfensters, wenn die Sprechstunde nicht beendet wurde`, 'mit Ablauf des Zeitfensters'),
    guestData: (p) => either(p, (x) => `${x} nach dem Ende der Sprechstunde`, 'bis zum Ende der Sprechstunde'),
    emailLinks: (p) => either(p, (x) => `verwendete Links sofort, nicht verwendete ${x} nach ihrem Ablauf`, 'bis der Link verwendet wurde oder abgelaufen ist'),
    unconfirmedRegistrations: (p) =>
      either(p, (x) => `nicht bestätigte Registrierungen: ${x} nach der Registrierung`, 'nicht bestätigte Registrierungen: sofort'),
    accountData: (p) =>
      either(
        p,
        (x) => `${x} nach dem Ende des Vertrags`,
        'bis zum Ende des Vertrags; gesetzlich aufzubewahrende Daten werden danach nur noch eingeschränkt verarbeitet',
      ),
    savedContacts: (p) => either(p, (x) => `${x} nach dem Entfernen`, 'bis Sie den Kontakt entfernen oder Ihr Vertrag endet'),
    appointments: (p) => either(p, (x) => `${x} nach dem Termin`, 'bis zum Termin'),
    appointmentContacts: (p) =>
      either(
        p,
        (x) => `${x} nach dem Ende des Termins, außer die Praxis speichert Sie als Kontakt`,
        'bis zum Ende des Termins, außer die Praxis speichert Sie als Kontakt',
      ),
    lapsedHolds: (p) =>
      either(p, (x) => `nicht bestätigte Buchungen: ${x} nach Ablauf der Reservierung`, 'nicht bestätigte Buchungen: mit Ablauf der Reservierung'),
    deletionReceipts: (p) => either(p, (x) => `${x} nach der Löschung, die sie belegen`, 'bis zur nächsten Prüfung'),
    contactRequests: (p) => either(p, (x) => `${x} nach Abschluss der Anfrage`, 'bis zum Abschluss der Anfrage'),
    invoices: (p) =>
      either(
        p,
        (x) => `${x} nach Ende des Kalenderjahres der Rechnung (gesetzliche Aufbewahrungspflicht, § 147 AO, § 14b UStG)`,
        'bis zum Ende der gesetzlichen Aufbewahrungspflicht',
      ),
    billingEvents: (p) => either(p, (x) => `${x} nach der Verarbeitung`, 'bis zur Verarbeitung'),
    operatorStaff: (p) => either(p, (x) => `${x} nach dem Ausscheiden`, 'bis die Person nicht mehr für den Betreiber arbeitet'),
    inMemoryOnly: (p) => either(p, (x) => `höchstens ${x}, nur im Arbeitsspeicher`, 'nicht gespeichert: nur im Arbeitsspeicher, solange es gebraucht wird'),
    knownDevices: (p) => either(p, (x) => `nur in Ihrem Browser, ${x} nach Ihrer letzten Anmeldung dort`, 'nur in Ihrem Browser'),
    analyticsData: (p) =>
      either(
        p,
        (x) => `${x} nach der Erfassung gelöscht oder anonymisiert, wie vom Betreiber in seinem Analysedienst eingestellt`,
        'so lange, wie der Betreiber es in seinem Analysedienst eingestellt hat',
      ),
  },
  period: {
    hours: (n) => plural(n, 'Stunde', 'Stunden'),
    days: (n) => plural(n, 'Tag', 'Tage'),
    months: (n) => plural(n, 'Monat', 'Monate'),
    years: (n) => plural(n, 'Jahr', 'Jahre'),
  },
  recipients: {
    hosting: {
      role: 'Hosting und Datenbank',
      name: () => 'Hosting und Datenbank',
      text: 'Betreibt die Server und die Datenbank dieser Installation: Alles, was hier als gespeichert genannt ist, liegt in unserem Auftrag auf seinen Rechnern (die als verschlüsselt genannten Angaben nur verschlüsselt), und die Verbindungen zur Website laufen über sie.',
      location: 'nach Wahl des Betreibers',
      thirdCountry: null,
    },
    backup: {
      role: 'Datensicherung',
      name: () => 'Datensicherung',
      text: 'Bewahrt Sicherungskopien der Datenbank auf, damit sie nach einem Ausfall wiederhergestellt werden kann; die als verschlüsselt genannten Angaben bleiben darin verschlüsselt.',
      location: 'nach Wahl des Betreibers',
      thirdCountry: null,
    },
    payment: {
      role: 'Zahlungsabwicklung',
      name: () => 'Zahlungsabwicklung',
      text: 'Zieht die Entgelte von Kundinnen, Kunden und Organisationen ein. Kartendaten geben Sie direkt beim Zahlungsdienst ein; sie erreichen uns nie. Löschen Sie Ihr Konto, beenden wir ein laufendes Abonnement dort sofort und lassen Ihr Kundenkonto beim Zahlungsdienst löschen; seine Rechnungen bewahrt er nach seinen eigenen gesetzlichen Pflichten auf.',
      location: 'nach Wahl des Betreibers',
      thirdCountry: null,
    },
    smtp: {
      role: 'E-Mail-Versand',
      name: (hosts) => `E-Mail-Versand${hosts.length ? ` (${hosts.join(', ')})` : ''}`,
      text: 'Stellt E-Mails zu: Bestätigungslinks, Einladungen und auf Wunsch den Chatverlauf.',
      location: 'nach Wahl des Betreibers',
      thirdCountry: null,
    },
    sms: {
      role: 'SMS-Versand',
      name: () => 'Twilio Inc. (SMS-Versand)',
      text: 'Stellt Einladungen per SMS zu; erhält dafür die Mobilnummer des Gastes und den Einladungstext.',
      location: 'USA; Übermittlung auf Grundlage des Angemessenheitsbeschlusses zum EU-US Data Privacy Framework (Art. 45 DSGVO)',
      thirdCountry: 'USA (Art. 45 DSGVO: EU-US Data Privacy Framework)',
    },
    turn: {
      role: 'STUN-/TURN-Server',
      name: (hosts) => `STUN-/TURN-Server${hosts.length ? ` (${hosts.join(', ')})` : ''}`,
      text: 'Hilft beim Verbindungsaufbau und leitet verschlüsselte Pakete weiter, wenn keine direkte Verbindung möglich ist. Er sieht IP-Adressen, aber keine Inhalte.',
      location: 'nach Wahl des Betreibers',
      thirdCountry: null,
    },
    analytics: {
      role: 'Analysedienst des Betreibers',
      name: (hosts) => `Analysedienst des Betreibers${hosts.length ? ` (${hosts.join(', ')})` : ''}`,
      text: 'Unser eigener Analysedienst (etwa Matomo oder Plausible) erhält nur nach Ihrer Einwilligung Daten über die aufgerufenen Seiten. Betreiben wir ihn nicht selbst, verarbeitet der Anbieter die Daten in unserem Auftrag.',
      location: 'nach Wahl des Betreibers',
      thirdCountry: null,
    },
  },
  transient: {
    attemptCounters: 'Zähler für Anmelde- und Formularversuche',
    knownDevice: 'Wiedererkennen eines Browsers, in dem Sie sich schon angemeldet haben (Geräte-Cookie)',
    signalingRelay: 'Vermittlung des Verbindungsaufbaus zwischen den Geräten',
    mediaRelay: 'Weiterleitung verschlüsselter Audio- und Videopakete',
    transcriptRelay: 'Versand des Chatverlaufs an die eigene E-Mail-Adresse bzw. die Adresse der Einladung',
    payment: 'Einzug der Entgelte durch den Zahlungsdienst',
    analytics: 'Reichweitenmessung durch den Analysedienst des Betreibers, nur nach Einwilligung',
  },
  storage: {
    purpose: {
      session: 'Hält Sie nach der Anmeldung angemeldet.',
      browser: 'Schützt Formulare vor Missbrauch durch fremde Websites (CSRF-Schutz).',
      guest: 'Ordnet einen Gast seinem Platz im Wartezimmer und in der Sprechstunde zu.',
      language: 'Merkt sich die Sprache, die Sie ausdrücklich gewählt haben; wird nicht an uns übertragen.',
      resume: 'Lässt eine Sprechstunde nach kurzer Unterbrechung in diesem Tab weiterlaufen.',
      bandwidth: 'Merkt sich Ihre Wahl „Geringe Bandbreite“ für Gespräche (kleines Video oder nur Ton); wird nicht an uns gesendet.',
      operator: 'Hält Mitarbeitende des Betreibers im Betreiberbereich angemeldet.',
      device:
        'Erkennt diesen Browser nach einer erfolgreichen Anmeldung bei der nächsten wieder, damit Ihre Anmeldung bei einem Angriff auf den Server zuerst bedient wird (verschlüsselt; enthält nur die interne Kennung Ihres Kontos und den Zeitpunkt der Anmeldung). Ersetzt nie Ihr Passwort.',
      knownBrowser:
        'Erkennt diesen Browser als einen, in dem Sie sich schon angemeldet haben, damit wir Ihnen nur Anmeldungen aus anderen Browsern per E-Mail melden. Enthält nur eine zufällige Kennung; bei Ihrem Konto speichern wir nur einen Schlüssel-Hash davon. Wird bei jeder Anmeldung gesetzt; über das Schließen des Browsers hinaus nur, wenn Sie „Diesen Browser merken“ wählen.',
      pendingLogin: 'Merkt sich für höchstens 5 Minuten, dass Ihr Passwort richtig war, bis Sie den Code Ihres zweiten Faktors eingeben.',
      operatorPendingLogin:
        'Merkt sich für höchstens 5 Minuten, dass das Passwort von Mitarbeitenden des Betreibers richtig war, bis sie ihren zweiten Faktor einrichten oder eingeben.',
      analyticsConsent: 'Merkt sich Ihre Wahl zur Reichweitenmessung; wird nicht an uns übertragen.',
    },
    kind: { cookie: 'Cookie', localStorage: 'lokaler Speicher', sessionStorage: 'Sitzungsspeicher des Tabs' },
    lifetime: {
      session: 'bis zum Schließen des Browsers',
      tab: 'bis zum Schließen des Tabs',
      untilChanged: 'bis Sie es ändern oder löschen',
      afterLastLogin: `bis zum Schließen des Browsers; wenn Sie bei der Anmeldung „Diesen Browser merken“ wählen, ${KNOWN_DEVICE_DAYS} Tage nach Ihrer letzten Anmeldung in diesem Browser`,
      afterLastSignIn: `bis zum Schließen des Browsers; wenn Sie bei der Anmeldung „Diesen Browser merken“ wählen, ${KNOWN_BROWSER_DAYS} Tage nach Ihrer letzten Anmeldung in diesem Browser`,
    },
  },
  rights: [
    { article: 'Art. 15 DSGVO', title: 'Auskunft', text: 'welche Daten wir über Sie speichern, wozu, woher sie stammen und wer sie erhält.' },
    { article: 'Art. 16 DSGVO', title: 'Berichtigung', text: 'unrichtige Daten zu korrigieren; Ihre Angaben ändern Sie selbst in Ihrem Profil.' },
    { article: 'Art. 17 DSGVO', title: 'Löschung', text: 'Ihre Daten löschen zu lassen, soweit keine gesetzliche Pflicht entgegensteht.' },
    { article: 'Art. 18 DSGVO', title: 'Einschränkung', text: 'die Verarbeitung einschränken zu lassen.' },
    { article: 'Art. 19 DSGVO', title: 'Mitteilung an Empfänger', text: 'dass wir Empfänger über Berichtigung, Löschung oder Einschränkung unterrichten.' },
    { article: 'Art. 20 DSGVO', title: 'Datenübertragbarkeit', text: 'Ihre Daten in einem strukturierten, maschinenlesbaren Format zu erhalten.' },
    { article: 'Art. 21 DSGVO', title: 'Widerspruch', text: 'einer Verarbeitung aufgrund berechtigter Interessen zu widersprechen.' },
    {
      article: 'Art. 7 Abs. 3 DSGVO',
      title: 'Widerruf',
      text: 'eine Einwilligung jederzeit so einfach zu widerrufen, wie Sie sie gegeben haben; die davon abhängigen Daten löschen wir dann umgehend.',
      withAnalytics:
        'Für die Reichweitenmessung heißt das: Nach dem Widerruf sendet die Seite nichts mehr; bereits erfasste Besuche löschen wir auf Ihren Antrag, soweit sie sich Ihnen zuordnen lassen, sonst werden sie nach der genannten Frist gelöscht oder anonymisiert.',
    },
  ],
  rightsClosing: 'Außerdem können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO).',
  rightsClosingAuthority:
    'Außerdem können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO), etwa in dem Mitgliedstaat, in dem Sie wohnen oder arbeiten. Für uns zuständig ist:',
  transfer: {
    adequacy: (country) => `${country}: Übermittlung in ein Drittland auf Grundlage eines Angemessenheitsbeschlusses der EU-Kommission (Art. 45 DSGVO)`,
    safeguard: {
      SCC: (country) =>
        `${country}: Übermittlung in ein Drittland ohne Angemessenheitsbeschluss; abgesichert durch Standardvertragsklauseln der EU-Kommission (Art. 46 Abs. 2 lit. c DSGVO)`,
      BCR: (country) =>
        `${country}: Übermittlung in ein Drittland ohne Angemessenheitsbeschluss; abgesichert durch verbindliche interne Datenschutzvorschriften des Anbieters (Art. 47 DSGVO)`,
      DPF: (country) =>
        `${country}: Übermittlung auf Grundlage des Angemessenheitsbeschlusses zum EU-US Data Privacy Framework, für das der Anbieter zertifiziert ist (Art. 45 DSGVO)`,
    },
  },
  art30: {
    title: 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)',
    controller: 'Verantwortlicher',
    privacyContact: 'Datenschutz-Ansprechpartner',
    activity: 'Verarbeitungstätigkeit',
    purpose: 'Zweck',
    subjects: 'Kategorien betroffener Personen',
    data: 'Kategorien personenbezogener Daten',
    legalBases: 'Rechtsgrundlagen',
    recipients: 'Kategorien von Empfängern',
    thirdCountries: 'Übermittlung in Drittländer',
    noThirdCountry: 'keine',
    retention: 'Löschfristen',
    measures: 'Technische und organisatorische Maßnahmen (Art. 32 DSGVO)',
    measuresText: [
      'Transportverschlüsselung (HTTPS, HSTS); Anrufe Ende-zu-Ende-verschlüsselt (DTLS-SRTP), Peer-to-Peer.',
      'Passwörter mit bcrypt (Kostenfaktor ≥ 12); Sitzungs- und Link-Kennungen nur als Hashwert gespeichert.',
      'Namen, Geburtsdaten, Anschriften, Telefonnummern und E-Mail-Adressen in der Datenbank verschlüsselt (AES-256-GCM); der Schlüssel steht nicht in der Datenbank und kann gewechselt werden.',
      'Keine IP-Adressen in Datenbank und Protokollen; Drosselung über verschleierte, kurzlebige Zähler.',
      'Mandantentrennung: jede Abfrage ist auf das Konto oder die Organisation beschränkt (automatisiert getestet).',
      'Automatische Löschung nach den genannten Fristen.',
    ],
    processors: 'Auftragsverarbeiter (Art. 28 DSGVO)',
    noProcessors: 'Keine Auftragsverarbeiter konfiguriert.',
    authority: 'Zuständige Aufsichtsbehörde',
    generatedFrom: 'Erzeugt aus dem Datenverzeichnis der Software (server/privacy/inventory.ts) und der Konfiguration.',
  },
};
