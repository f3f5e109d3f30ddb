/** Texts of the "Meine Daten" page: data-subject rights (Art. 15–21 DSGVO). */
export const myDataDe = {
  title: 'Meine Daten',
  intro:
    'Hier sehen Sie alle Daten, die Sprechzimmer über Sie gespeichert hat, wofür, auf welcher Rechtsgrundlage, wie lange und wer sie erhalten hat. Sie können sie herunterladen, berichtigen, die Verarbeitung einschränken oder alles löschen.',
  profileLink: 'Meine Daten und Rechte',
  loading: 'Ihre Daten werden geladen …',
  download: 'Alle Daten herunterladen (JSON)',
  downloadNote:
    'Eine maschinenlesbare Datei mit allem, was hier steht (Art. 20 DSGVO). Sie enthält keine Passwörter und keine Zugangsschlüssel.',
  generatedAt: 'Stand: {{time}}',
  none: 'Keine',
  yes: 'ja',
  sections: {
    account: 'Ihr Konto',
    organization: 'Ihre Organisation',
    consents: 'Ihre Einwilligungen',
    sessions: 'Ihre Anmeldungen',
    consultations: 'Ihre Sprechstunden',
    contacts: 'Ihre Kontakte',
    emailLinks: 'Offene Links per E-Mail',
    processing: 'Zwecke, Rechtsgrundlagen und Speicherdauer',
    recipients: 'Empfänger Ihrer Daten',
    rectify: 'Daten berichtigen',
    restrict: 'Verarbeitung einschränken',
    deleteAccount: 'Konto löschen',
    deleteOrganization: 'Organisation löschen',
  },
  fields: {
    name: 'Name',
    email: 'E-Mail-Adresse',
    dateOfBirth: 'Geburtsdatum',
    address: 'Anschrift',
    phone: 'Telefon',
    role: 'Rolle',
    locale: 'Sprache',
    createdAt: 'Angelegt',
    emailConfirmedAt: 'E-Mail bestätigt',
    restrictedAt: 'Verarbeitung eingeschränkt seit',
    status: 'Status',
  },
  consents: {
    item: '{{document}}, Fassung {{version}}, zugestimmt am {{time}}',
    documents: { terms: 'Nutzungsbedingungen', privacy: 'Datenschutzerklärung' },
    withdrawal:
      'Ihre Zustimmung zu Nutzungsbedingungen und Datenschutzerklärung ist Grundlage des Vertrags. Sie widerrufen sie, indem Sie Ihr Konto löschen (unten); dabei wird alles gelöscht, was davon abhängt.',
    guests:
      'Ihre Gäste willigen vor dem Betreten des Wartezimmers in die Verarbeitung ihrer Gesundheitsdaten ein (Art. 9 DSGVO). Sie widerrufen, indem sie die Sprechstunde verlassen; mit dem Ende der Sprechstunde werden ihre Daten gelöscht.',
  },
  sessions: {
    item: 'Angemeldet {{started}}, zuletzt aktiv {{lastSeen}}',
    current: '(diese Anmeldung)',
    note: 'Gespeichert werden nur die Zeiten, keine IP-Adresse und kein Gerät.',
  },
  consultations: {
    item: '{{from}} bis {{until}}',
    status: { open: 'offen', ended: 'beendet' },
    participants: 'Teilgenommen: {{names}}',
    invitations: 'Eingeladene Gäste (bis zum Ende der Sprechstunde gespeichert):',
    guest: '{{name}} – {{contact}}',
    channels: 'Einladung per: {{channels}}',
    channel: { email: 'E-Mail', sms: 'SMS' },
  },
  emailLinks: {
    item: '{{purpose}}, gültig bis {{time}}',
    purposes: {
      confirm_email: 'Bestätigung der E-Mail-Adresse',
      reset_password: 'Passwort zurücksetzen',
      change_email: 'Neue E-Mail-Adresse bestätigen',
      member_invitation: 'Einladung in eine Organisation',
    },
  },
  processing: {
    headings: {
      purpose: 'Zweck',
      legalBases: 'Rechtsgrundlage',
      retention: 'Speicherdauer',
      recipients: 'Empfänger',
      origin: 'Herkunft',
    },
    datasets: {
      account: 'Konto',
      organization: 'Organisation',
      consents: 'Einwilligungen',
      sessions: 'Anmeldungen',
      consultations: 'Sprechstunden (Aktivitätsnachweis)',
      invitations: 'Einladungen Ihrer Gäste',
      contacts: 'Kontakte',
      emailLinks: 'Links per E-Mail',
    },
    purposes: {
      customerAccount: 'Vertrag und Kundenkonto',
      organisationAccount: 'Vertrag mit der Organisation',
      consentProof: 'Nachweis Ihrer Zustimmung',
      login: 'Angemeldet bleiben',
      activityDocumentation: 'Nachweis Ihrer Sprechstunden',
      consultation: 'Durchführung der Sprechstunde',
      contacts: 'Ihr Adressbuch',
      emailLinks: 'Bestätigungs- und Zurücksetzungslinks',
    },
    legalBases: {
      art6_1a: 'Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)',
      art6_1b: 'Vertrag (Art. 6 Abs. 1 lit. b DSGVO)',
      art6_1c: 'Rechtliche Pflicht (Art. 6 Abs. 1 lit. c DSGVO)',
      art6_1f: 'Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)',
      art9_2a: 'Einwilligung in Gesundheitsdaten (Art. 9 Abs. 2 lit. a DSGVO)',
    },
    retention: {
      accountData: 'bis zum Vertragsende (Löschung des Kontos)',
      unconfirmedRegistrations: 'nie bestätigte Registrierungen: 7 Tage',
      loginSessions: 'bis zum Ende der Anmeldung (30 Minuten Inaktivität, höchstens 12 Stunden)',
      callMetadata: '3 Monate nach Ende der Sprechstunde',
      guestData: 'bis zum Ende der Sprechstunde',
      abandonedConsultation: 'nicht beendete Sprechstunden: 12 Stunden nach Ablauf',
      emailLinks: 'benutzte sofort, unbenutzte 7 Tage nach Ablauf',
      savedContacts: 'bis Sie den Kontakt löschen oder der Vertrag endet',
    },
    origins: {
      providedByYou: 'von Ihnen angegeben',
      providedByOrganization: 'von der Vertretung Ihrer Organisation angegeben',
      providedByYouAboutOthers: 'von Ihnen über andere angegeben',
      recordedByUse: 'bei der Nutzung entstanden',
    },
  },
  recipients: {
    intro:
      'Sprechzimmer gibt Ihre Daten an niemanden weiter. Nur für die Zustellung setzen wir Auftragsverarbeiter ein (Art. 28 DSGVO); an sie ging:',
    none: 'Bisher ging nichts an einen Auftragsverarbeiter.',
    names: { smtp: 'E-Mail-Versand', sms: 'SMS-Versand', turn: 'Weiterleitung von Bild und Ton (verschlüsselt)' },
    item: '{{name}} ({{provider}}): {{datasets}}',
    deliveries: 'bekannte Zustellungen: {{count}}',
  },
  rectify: {
    text: 'Sie können alles, was Sie angegeben haben, selbst berichtigen (Art. 16 DSGVO):',
    profile: 'Persönliche Angaben, E-Mail-Adresse und Passwort',
    organization: 'Daten der Organisation',
    contacts: 'Gespeicherte Kontakte',
    consultations: 'Gäste offener Sprechstunden',
  },
  password: 'Aktuelles Passwort',
  restrict: {
    text:
      'Wenn Sie die Richtigkeit Ihrer Daten bestreiten oder der Verarbeitung widersprochen haben, können Sie die Verarbeitung einschränken (Art. 18 DSGVO): Ihre Daten bleiben gespeichert, Sie können sich aber nicht mehr anmelden, und in Ihrem Namen werden keine Einladungen versandt. Aufheben kann die Einschränkung nur der Betreiber; schreiben Sie uns dazu.',
    submit: 'Verarbeitung einschränken',
  },
  deleteAccount: {
    text:
      'Löscht Ihr Konto und alles, was dazu gespeichert ist: Profil, Einwilligungen, Anmeldungen, Sprechstunden mit ihren Einladungen und Kontakte. Offene Sprechstunden werden beendet. Das lässt sich nicht rückgängig machen.',
    representative:
      'Als Vertretung Ihrer Organisation können Sie Ihr Konto nur löschen, wenn niemand sonst zur Organisation gehört. Übertragen Sie sonst zuerst die Vertretung – oder löschen Sie die ganze Organisation.',
    submit: 'Konto endgültig löschen',
  },
  deleteOrganization: {
    text:
      'Löscht die Organisation mit allen Personen, ihren Sprechstunden, Einladungen und Kontakten. Alle Mitglieder und Praxismitarbeitenden werden per E-Mail informiert. Das lässt sich nicht rückgängig machen.',
    submit: 'Organisation endgültig löschen',
  },
  done: {
    deletedTitle: 'Ihr Konto wurde gelöscht',
    deletedText: 'Wir haben Ihr Konto und alle dazu gespeicherten Daten gelöscht. Eine Bestätigung ist per E-Mail unterwegs.',
    organizationDeletedTitle: 'Die Organisation wurde gelöscht',
    organizationDeletedText:
      'Wir haben die Organisation, alle ihre Personen und deren Daten gelöscht und alle Betroffenen per E-Mail informiert.',
    restrictedTitle: 'Die Verarbeitung ist eingeschränkt',
    restrictedText:
      'Ihre Daten bleiben gespeichert, werden aber nicht weiter verarbeitet; Sie wurden abgemeldet. Um die Einschränkung aufzuheben, wenden Sie sich bitte an uns.',
  },
};
