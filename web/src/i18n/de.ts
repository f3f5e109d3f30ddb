import { colleaguesDe } from './colleagues.de';
import { contactsDe } from './contacts.de';
import { billingDe } from './billing.de';
import { bookingDe } from './booking.de';
import { appointmentsDe } from './appointments.de';
import { orgActivityDe } from './orgActivity.de';
import { staffDe } from './staff.de';
import { privacyDe } from './privacy.de';
import { myDataDe } from './myData.de';
import { consentDe } from './consent.de';
import { operatorDe } from './operator.de';
import { supportDe } from './support.de';
import { helpDe } from './help.de';
import { connectionTestDe } from './connectionTest.de';
import { phoneDe } from './phone.de';
import { pwaDe } from './pwa.de';
import { accessibilityDe } from './accessibility.de';
import { passkeysDe } from './passkeys.de';
import { signInsDe } from './signIns.de';
import { secondFactorDe } from './secondFactor.de';
import { roomDe } from './room.de';
import { organizationDe } from './organization.de';
import { consultationsDe } from './consultations.de';
import { newConsultationDe } from './newConsultation.de';
import { joinDe } from './join.de';
import { activityDe } from './activity.de';
import { errorsDe } from './errors.de';
import { fieldErrorsDe } from './fieldErrors.de';

/** German, the default language. `en.ts` must have exactly the same keys (checked by type and test). */
export const de = {
  common: {
    appName: 'Sprechzimmer',
    loading: 'Wird geladen …',
    sending: 'Wird gesendet …',
    retry: 'Erneut versuchen',
    backToStart: 'Zur Startseite',
    allFieldsRequired: 'Alle Felder sind Pflichtfelder.',
    opensInNewTab: '(öffnet in einem neuen Tab)',
    pageTitle: '{{page}} – Sprechzimmer',
    cancel: 'Abbrechen',
  },
  nav: {
    skipLink: 'Zum Inhalt springen',
    mainLabel: 'Hauptnavigation',
    home: 'Sprechzimmer – zur Startseite',
    login: 'Anmelden',
    register: 'Registrieren',
    dashboard: 'Übersicht',
    profile: 'Profil',
    activity: 'Aktivitäten',
    logout: 'Abmelden',
    loggingOut: 'Abmelden …',
    languageLabel: 'Sprache',
    footerLabel: 'Hilfe und Rechtliches',
    privacy: 'Datenschutz',
    imprint: 'Impressum',
    terms: 'Nutzungsbedingungen',
    footerNote: 'Ohne Werbung. Ohne Tracking. Gespräche bleiben zwischen Ihnen und Ihren Patientinnen und Patienten.',
    footerNoteWithAnalytics:
      'Ohne Werbung. Reichweitenmessung nur mit Ihrer Einwilligung. Gespräche bleiben zwischen Ihnen und Ihren Patientinnen und Patienten.',
    organization: 'Organisation',
  },
  app: {
    sessionErrorTitle: 'Sprechzimmer ist gerade nicht erreichbar',
    sessionErrorText: 'Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es in einem Moment erneut.',
  },
  landing: {
    title: 'Die vertrauliche Videosprechstunde',
    lead: 'Sprechzimmer verbindet Arztpraxen, Kliniken, Psychotherapeutinnen und Therapeuten per Video mit ihren Patientinnen und Patienten – verschlüsselt von Gerät zu Gerät, ohne Werbung und ohne dass Gesprächsinhalte je auf unseren Servern landen.',
    ctaRegister: 'Konto für Ihre Praxis anlegen',
    ctaLogin: 'Anmelden',
    ctaDashboard: 'Zur Übersicht',
    forWhomTitle: 'Für wen ist Sprechzimmer?',
    forWhomText:
      'Für alle, die vertraulich mit Menschen sprechen müssen: Hausarzt- und Facharztpraxen, Kliniken, Psychotherapie, Physio- und Ergotherapie, Beratungsstellen. Ihre Patientinnen und Patienten brauchen kein Konto und müssen nichts installieren.',
    featuresTitle: 'Was Sprechzimmer ausmacht',
    featureE2eTitle: 'Ende-zu-Ende-verschlüsselt',
    featureE2eText: 'Bild und Ton gehen direkt von Gerät zu Gerät (Peer-to-Peer). Wir können Ihre Gespräche weder sehen noch hören noch aufzeichnen.',
    featureNoInstallTitle: 'Keine Installation für Patienten',
    featureNoInstallText: 'Ein Link genügt: Er öffnet sich in jedem aktuellen Browser – am Computer, Tablet oder Smartphone.',
    featureWaitingRoomTitle: 'Virtuelles Wartezimmer',
    featureWaitingRoomText: 'Wer Ihren Link öffnet, wartet, bis Sie ihn oder sie hereinlassen. Alle Teilnehmenden sehen die Namen der anderen.',
    featureEuTitle: 'Daten bleiben in der EU',
    featureEuText: 'Wir speichern keine IP-Adressen und keine Gesprächsinhalte. Verbindungsdaten löschen wir nach spätestens drei Monaten.',
    featureNoAdsTitle: 'Keine Werbung, kein Tracking',
    featureNoAdsText: 'Wir setzen nur technisch notwendige Cookies ein und geben keine Daten an Werbenetzwerke weiter.',
    featureNoAdsWithAnalyticsTitle: 'Keine Werbung, Statistik nur mit Einwilligung',
    featureNoAdsWithAnalyticsText:
      'Ohne Ihre Einwilligung setzen wir nur technisch notwendige Cookies ein. Seitenaufrufe zählt unser eigener Analysedienst erst, wenn Sie zustimmen. An Werbenetzwerke geben wir keine Daten weiter.',
    featureOpenTitle: 'Offener Quellcode',
    featureOpenText: 'Sprechzimmer ist Open Source. Wie es mit Ihren Daten umgeht, kann jede und jeder nachprüfen.',
    howTitle: 'So funktioniert es',
    howStep1: 'Sie legen ein Konto an und bestätigen Ihre E-Mail-Adresse.',
    howStep2: 'Sie laden Ihre Patientin oder Ihren Patienten per E-Mail oder SMS ein.',
    howStep3: 'Sie lassen die Person aus dem Wartezimmer herein und sprechen – verschlüsselt und ohne Umwege.',
    howNote: 'Ihre Patientinnen und Patienten brauchen dafür kein Konto und keine App – nur den Link aus der Einladung.',
    medicalNote:
      'Sprechzimmer stellt die Technik bereit. Medizinische und therapeutische Leistungen erbringen ausschließlich die Praxen und Therapeutinnen und Therapeuten, die Sprechzimmer nutzen.',
  },
  fields: {
    firstName: 'Vorname',
    lastName: 'Nachname',
    dateOfBirth: 'Geburtsdatum',
    email: 'E-Mail-Adresse',
    street: 'Straße',
    houseNumber: 'Hausnummer',
    postalCode: 'Postleitzahl',
    city: 'Ort',
    country: 'Land',
    phone: 'Telefonnummer',
    phoneHint: 'Zum Beispiel 030 1234567 oder +49 30 1234567.',
    password: 'Passwort',
    passwordHint: 'Mindestens 10 Zeichen. Ein langer Satz, den Sie sich gut merken können, ist ideal.',
    showPassword: 'Anzeigen',
    hidePassword: 'Verbergen',
    acceptTerms: 'Ich akzeptiere die Nutzungsbedingungen.',
    acceptPrivacyPolicy: 'Ich habe die Datenschutzerklärung zur Kenntnis genommen.',
    readTerms: 'Nutzungsbedingungen lesen',
    readPrivacyPolicy: 'Datenschutzerklärung lesen',
    locale: 'Sprache für E-Mails',
    dateOfBirthHint: 'Sie müssen mindestens 18 Jahre alt sein.',
  },
  languages: {
    de: 'Deutsch',
    en: 'English',
  },
  form: {
    checkFields: 'Bitte prüfen Sie die markierten Angaben.',
  },
  devOutbox: {
    text: 'Entwicklungsmodus: E-Mails werden nicht verschickt, sondern im lokalen Postausgang abgelegt.',
    link: 'Lokalen Postausgang öffnen',
  },
  register: {
    title: 'Konto anlegen',
    intro: 'Legen Sie ein Konto für sich als Ärztin, Arzt, Therapeutin oder Therapeut an. Ihre Patientinnen und Patienten brauchen kein Konto.',
    personalSection: 'Angaben zur Person',
    addressSection: 'Anschrift und Telefon',
    accessSection: 'Zugangsdaten',
    consentSection: 'Einverständnis',
    submit: 'Konto anlegen',
    haveAccount: 'Sie haben schon ein Konto?',
    loginLink: 'Zur Anmeldung',
    organizationChoice: 'Sie registrieren eine Praxis, Klinik oder Einrichtung mit mehreren Personen?',
    organizationLink: 'Als Praxis/Organisation registrieren',
  },
  checkInbox: {
    title: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
    textWithEmail: 'Wir haben eine E-Mail an {{email}} geschickt. Öffnen Sie den Link darin, um Ihr Konto zu aktivieren. Der Link ist 24 Stunden gültig.',
    textWithoutEmail: 'Wir haben Ihnen eine E-Mail geschickt. Öffnen Sie den Link darin, um Ihr Konto zu aktivieren. Der Link ist 24 Stunden gültig.',
    noMailTitle: 'Keine E-Mail erhalten?',
    noMailText: 'Sehen Sie bitte auch im Spam-Ordner nach. Sie können den Link hier erneut anfordern.',
  },
  resend: {
    submit: 'Link erneut senden',
    sent: 'Falls zu dieser Adresse ein unbestätigtes Konto besteht, ist ein neuer Link unterwegs.',
  },
  confirmEmail: {
    titlePending: 'E-Mail-Adresse bestätigen',
    titleSuccess: 'E-Mail-Adresse bestätigt',
    titleExpired: 'Dieser Link ist abgelaufen',
    titleInvalid: 'Dieser Link ist ungültig',
    titleFailed: 'Bestätigung nicht möglich',
    pending: 'Einen Moment bitte …',
    success: 'Vielen Dank! Ihr Konto ist aktiviert. Sie können sich jetzt anmelden.',
    expired: 'Bestätigungslinks sind 24 Stunden gültig. Fordern Sie hier einen neuen Link an.',
    invalid: 'Der Link ist unvollständig oder wurde schon verwendet. Wenn Sie Ihre Adresse bereits bestätigt haben, melden Sie sich einfach an.',
    passwordIntro: 'Bitte geben Sie zur Bestätigung das Passwort ein, das Sie bei der Registrierung gewählt haben.',
    submit: 'Bestätigen',
    notYou: 'Sie haben sich nicht selbst registriert oder kennen das Passwort nicht mehr? Legen Sie hier ein neues Passwort fest.',
    toLogin: 'Zur Anmeldung',
  },
  login: {
    title: 'Anmelden',
    submit: 'Anmelden',
    forgotPassword: 'Passwort vergessen?',
    rememberBrowser: 'Diesen Browser merken',
    rememberBrowserHint:
      'Nur auf Ihrem eigenen Gerät: Bei einem Angriff auf die Anmeldung kommen Sie von hier aus weiter vorrangig herein und Sie bekommen keine Mail über eine neue Anmeldung, wenn Sie den Browser neu starten (zwei Cookies für 180 Tage, ohne Tracking).',
    noAccount: 'Noch kein Konto?',
    registerLink: 'Jetzt registrieren',
    loggedOut: 'Sie wurden abgemeldet.',
    loginRequired: 'Bitte melden Sie sich an, um fortzufahren.',
    sessionEnded: 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
    notConfirmedHelp:
      'Sie finden den Bestätigungslink in der E-Mail, die wir Ihnen nach der Registrierung geschickt haben. Sie können ihn auch erneut anfordern.',
    resendSubmit: 'Bestätigungslink erneut senden',
    invitationAccepted:
      'Willkommen! Ihr Zugang ist eingerichtet. Melden Sie sich mit der E-Mail-Adresse, an die die Einladung ging, und Ihrem neuen Passwort an.',
  },
  forgotPassword: {
    title: 'Passwort vergessen',
    intro: 'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort vergeben.',
    submit: 'Link anfordern',
    sent: 'Falls zu {{email}} ein Konto besteht, haben wir einen Link geschickt. Er ist eine Stunde gültig.',
    backToLogin: 'Zurück zur Anmeldung',
  },
  resetPassword: {
    handedOver:
      'Ihre E-Mail-Adresse ist damit bestätigt. Die übrigen Angaben (Name, Anschrift, Telefon) wurden bei der Registrierung eingegeben, bevor die Adresse bestätigt war: Bitte prüfen Sie sie nach der Anmeldung unter „Profil“.',
    title: 'Neues Passwort vergeben',
    newPassword: 'Neues Passwort',
    submit: 'Passwort speichern',
    success: 'Ihr Passwort wurde geändert. Aus Sicherheitsgründen wurden alle Anmeldungen beendet – bitte melden Sie sich neu an.',
    expired: 'Dieser Link ist abgelaufen. Links zum Zurücksetzen sind eine Stunde gültig.',
    invalid: 'Dieser Link ist ungültig oder wurde schon verwendet.',
    requestNew: 'Neuen Link anfordern',
    toLogin: 'Zur Anmeldung',
  },
  notMe: {
    title: 'Das war ich nicht',
    titleDone: 'Überall abgemeldet',
    titleFailed: 'Link nicht verwendbar',
    explanation:
      'Wenn Sie sich nicht in dem Browser aus unserer E-Mail angemeldet haben, kennt womöglich jemand anderes Ihr Passwort. Die Schaltfläche beendet sofort alle Anmeldungen Ihres Kontos, auch in diesem Browser, sperrt Ihr bisheriges Passwort und schickt Ihnen einen Link, mit dem Sie ein neues vergeben. Prüfen Sie danach Ihren zweiten Faktor.',
    submit: 'Alle Anmeldungen beenden und Passwort zurücksetzen',
    pending: 'Einen Moment bitte …',
    done: 'Alle Anmeldungen Ihres Kontos sind beendet, und Ihr bisheriges Passwort gilt nicht mehr. Wir haben Ihnen einen Link geschickt, mit dem Sie ein neues vergeben (1 Stunde gültig).',
    expired:
      'Dieser Link ist abgelaufen. Wenn sich jemand anderes angemeldet hat, fordern Sie über „Passwort vergessen?“ ein neues Passwort an und beenden Sie die anderen Anmeldungen in Ihrem Profil.',
    invalid: 'Dieser Link ist ungültig oder wurde bereits verwendet.',
    toLogin: 'Zur Anmeldung',
    toForgotPassword: 'Passwort vergessen?',
  },
  confirmEmailChange: {
    titlePending: 'Neue E-Mail-Adresse wird bestätigt',
    titleSuccess: 'Neue E-Mail-Adresse bestätigt',
    titleFailed: 'Bestätigung nicht möglich',
    pending: 'Einen Moment bitte …',
    success: 'Ihre neue E-Mail-Adresse gilt ab sofort. Melden Sie sich künftig damit an.',
    expired: 'Dieser Link ist abgelaufen. Bitte ändern Sie Ihre E-Mail-Adresse im Profil erneut.',
    invalid: 'Dieser Link ist ungültig oder wurde schon verwendet.',
    taken: 'Diese E-Mail-Adresse gehört inzwischen zu einem anderen Konto. Ihre bisherige Adresse bleibt gültig.',
    toProfile: 'Zum Profil',
    toLogin: 'Zur Anmeldung',
  },
  dashboard: {
    title: 'Übersicht',
    welcome: 'Willkommen, {{name}}.',
    startConsultation: 'Videotermin starten',
    openTitle: 'Offene Sprechstunden',
    openIntro: 'Geplante und laufende Videotermine. Die Angaben aktualisieren sich von selbst.',
    emptyTitle: 'Noch keine Sprechstunden geplant',
    emptyText:
      'Starten Sie einen Videotermin und laden Sie Ihre Patientin oder Ihren Patienten per E-Mail oder SMS ein. Die Person öffnet den Link im Browser, wartet im virtuellen Wartezimmer, und Sie lassen sie herein.',
    activityHint: 'Beendete Videotermine finden Sie mit Datum, Dauer und Namen unter „Aktivitäten“.',
    activityLink: 'Aktivitäten ansehen',
    ended: 'Die Sprechstunde ist beendet. Alle Einladungslinks sind jetzt ungültig.',
    pendingEmail: 'Ihre neue E-Mail-Adresse {{email}} ist noch nicht bestätigt. Bitte öffnen Sie den Link, den wir an diese Adresse geschickt haben.',
  },
  consultations: consultationsDe,
  newConsultation: newConsultationDe,
  consultationDetail: {
    title: 'Videotermin',
    created: 'Der Videotermin ist angelegt.',
    allSent: 'Alle Einladungen sind versendet.',
    someFailed_one: '{{count}} Einladung konnte nicht zugestellt werden. Den Grund sehen Sie unten beim Gast.',
    someFailed_other: '{{count}} Einladungen konnten nicht zugestellt werden. Den Grund sehen Sie unten beim jeweiligen Gast.',
    ended: 'Diese Sprechstunde ist beendet. Alle Einladungslinks sind ungültig, die Kontaktdaten der Gäste gelöscht.',
    backToDashboard: 'Zur Übersicht',
    toActivity: 'Zu den Aktivitäten',
    notFound: 'Diesen Videotermin gibt es nicht (mehr).',
  },
  contacts: contactsDe,
  billing: billingDe,
  booking: bookingDe,
  appointments: appointmentsDe,
  staff: staffDe,
  orgActivity: orgActivityDe,
  activity: activityDe,
  profile: {
    title: 'Profil',
    intro: 'Hier sehen und ändern Sie die Daten, die wir über Sie gespeichert haben.',
    loadFailed: 'Ihre gespeicherten Angaben konnten nicht geladen werden.',
    personalTitle: 'Persönliche Daten',
    save: 'Änderungen speichern',
    saved: 'Ihre Angaben wurden gespeichert.',
    emailTitle: 'E-Mail-Adresse',
    currentEmail: 'Aktuelle E-Mail-Adresse: {{email}}',
    pendingEmail: 'Noch nicht bestätigt: {{email}}. Wir haben einen Bestätigungslink an diese Adresse geschickt; erst danach gilt sie für die Anmeldung.',
    emailIntro: 'Die neue Adresse gilt erst, wenn Sie den Link bestätigen, den wir an sie schicken.',
    newEmail: 'Neue E-Mail-Adresse',
    passwordForEmail: 'Passwort zur Bestätigung',
    changeEmail: 'E-Mail-Adresse ändern',
    emailChangeRequested: 'Wir haben einen Bestätigungslink an {{email}} geschickt. Bitte öffnen Sie ihn innerhalb von 24 Stunden.',
    passwordTitle: 'Passwort ändern',
    currentPassword: 'Aktuelles Passwort',
    newPassword: 'Neues Passwort',
    changePassword: 'Passwort ändern',
    passwordChanged: 'Ihr Passwort wurde geändert. Alle anderen Anmeldungen wurden beendet.',
    memberSince: 'Konto angelegt am {{date}}.',
    organizationNote: 'Als Teil einer Organisation geben Sie nur Ihren Namen an. Anschrift und Telefonnummer sind die Ihrer Organisation.',
    organizationLink: 'Zur Organisation',
    yourRole: 'Ihre Rolle in der Organisation: {{role}}',
    dateOfBirth: 'Geburtsdatum: {{date}}',
  },
  registerOrganization: {
    title: 'Praxis oder Organisation registrieren',
    intro:
      'Legen Sie ein Konto für Ihre Praxis, Klinik oder Einrichtung an. Sie sind die Vertretung: Sie laden Kolleginnen und Kollegen ein und verwalten ihre Zugänge – ohne Begrenzung der Zahl. Ihre Patientinnen und Patienten brauchen kein Konto.',
    representativeSection: 'Ihre Angaben als Vertretung',
    organizationSection: 'Organisation',
    addressSection: 'Anschrift und Telefon der Organisation',
    accessSection: 'Zugangsdaten',
    consentSection: 'Einverständnis',
    emailHint: 'Mit dieser Adresse melden Sie sich an; an sie schicken wir den Bestätigungslink.',
    submit: 'Organisation registrieren',
    individualChoice: 'Sie arbeiten allein, ohne Team?',
    individualLink: 'Als Einzelperson registrieren',
    haveAccount: 'Sie haben schon ein Konto?',
    loginLink: 'Zur Anmeldung',
  },
  acceptInvitation: {
    title: 'Einladung annehmen',
    intro:
      'Ihre Praxis hat Sie zu Sprechzimmer eingeladen. Geben Sie Ihren Namen an und wählen Sie ein Passwort. Anmelden werden Sie sich mit der E-Mail-Adresse, an die die Einladung ging.',
    nameHint: 'Alle Teilnehmenden eines Gesprächs sehen diesen Namen.',
    submit: 'Einladung annehmen',
    loggedIn: 'Sie sind gerade als {{name}} angemeldet. Das neue Konto ist davon getrennt; Sie melden sich danach damit an.',
    titleAccepted: 'Einladung angenommen',
    accepted: 'Ihr Zugang ist eingerichtet. Melden Sie sich ab und mit der E-Mail-Adresse der Einladung und Ihrem neuen Passwort wieder an.',
    titleExpired: 'Dieser Link ist abgelaufen',
    titleInvalid: 'Dieser Link ist ungültig',
    expired: 'Einladungen sind 7 Tage gültig. Bitten Sie die Vertretung Ihrer Praxis, Ihnen die Einladung erneut zu senden.',
    invalid:
      'Der Link ist unvollständig, wurde zurückgezogen oder schon verwendet. Wenn Sie die Einladung bereits angenommen haben, melden Sie sich einfach an; sonst bitten Sie die Vertretung Ihrer Praxis um eine neue Einladung.',
    toLogin: 'Zur Anmeldung',
  },
  organization: organizationDe,
  join: joinDe,
  room: roomDe,
  colleagues: colleaguesDe,
  privacyPage: privacyDe,
  support: supportDe,
  help: helpDe,
  operatorArea: operatorDe,
  consent: consentDe,
  connectionTest: connectionTestDe,
  phone: phoneDe,
  pwa: pwaDe,
  accessibility: accessibilityDe,
  secondFactor: secondFactorDe,
  passkeys: passkeysDe,
  signIns: signInsDe,
  legal: {
    updated: 'Stand: {{date}}',
    operatorLoading: 'Angaben zum Betreiber werden geladen …',
  },
  myData: myDataDe,
  notFound: {
    title: 'Seite nicht gefunden',
    text: 'Diese Seite gibt es nicht (mehr). Vielleicht hat sich ein Tippfehler in die Adresse eingeschlichen.',
  },
  errors: errorsDe,
  retryAfter: {
    seconds_one: 'Zu viele Versuche. Bitte warten Sie {{count}} Sekunde.',
    seconds_other: 'Zu viele Versuche. Bitte warten Sie {{count}} Sekunden.',
    minutes_one: 'Zu viele Versuche. Bitte warten Sie {{count}} Minute.',
    minutes_other: 'Zu viele Versuche. Bitte warten Sie {{count}} Minuten.',
  },
  fieldErrors: fieldErrorsDe,
};

/** The shape every language must have: the German keys, each with some string. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Translations = Widen<typeof de>;
