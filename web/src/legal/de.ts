import type { LegalTexts } from './types';

export const legalDe: LegalTexts = {
  privacy: {
    title: 'Datenschutzerklärung',
    intro:
      'Sprechzimmer ist für vertrauliche Gespräche gebaut. Diese Erklärung sagt Ihnen in einfachen Worten, welche Daten wir verarbeiten, wozu, wie lange und welche Rechte Sie haben.',
    sections: [
      {
        heading: 'Wer ist verantwortlich?',
        paragraphs: ['Verantwortlich für die Verarbeitung Ihrer Daten auf dieser Website und in der Anwendung ist:'],
        operatorBlock: true,
      },
      {
        heading: 'Unsere Grundsätze',
        paragraphs: [],
        list: [
          'Gesprächsinhalte – Bild, Ton, Chatnachrichten und Dateien – gehen Ende-zu-Ende-verschlüsselt direkt zwischen den Geräten der Teilnehmenden. Sie erreichen unsere Server nie unverschlüsselt und werden von uns nicht gespeichert oder aufgezeichnet.',
          'Wir speichern keine IP-Adressen: nicht in der Datenbank, nicht in Protokollen, nicht in Fehlerberichten.',
          'Alle personenbezogenen Daten legen wir verschlüsselt ab; die Verbindung zu unserer Website ist verschlüsselt.',
          'Es gibt keine Werbung, kein Tracking und keine Weitergabe an Werbenetzwerke.',
        ],
      },
      {
        heading: 'Registrierung und Kundenkonto',
        paragraphs: [
          'Für ein Konto verarbeiten wir: Vor- und Nachname, Geburtsdatum, E-Mail-Adresse, Anschrift, Telefonnummer, die gewünschte Sprache sowie Ihr Passwort – dieses nur als nicht umkehrbarer Hashwert (bcrypt). Außerdem halten wir fest, welche Fassung der Nutzungsbedingungen und dieser Erklärung Sie wann akzeptiert haben.',
          'Ihre E-Mail-Adresse bestätigen Sie über einen Link (Double-Opt-in). Wir brauchen diese Daten, um den Vertrag mit Ihnen zu schließen und zu erfüllen (Art. 6 Abs. 1 lit. b DSGVO). Wir speichern sie, solange Ihr Vertrag besteht; danach löschen wir sie oder schränken ihre Verarbeitung ein, soweit Gesetze eine Aufbewahrung verlangen (Art. 6 Abs. 1 lit. c DSGVO).',
        ],
      },
      {
        heading: 'Anmeldung und Cookies',
        paragraphs: [
          'Wir setzen nur technisch notwendige Cookies: ein Sitzungs-Cookie, das Sie als angemeldet ausweist, und ein Browser-Cookie, das Formulare vor Missbrauch durch fremde Websites schützt (CSRF-Schutz). Beide sind für Skripte nicht lesbar (HttpOnly) und werden nicht an andere Websites gesendet (SameSite). Einer Einwilligung bedarf es dafür nicht (§ 25 Abs. 2 Nr. 2 TDDDG).',
          'Anmelde- und Nutzungsdaten des angemeldeten Bereichs speichern wir nur für die Dauer Ihrer Sitzung. Ihre Sprachwahl merkt sich Ihr Browser lokal; sie wird nicht an uns übertragen.',
          'Analyse- oder Marketing-Cookies verwenden wir nicht. Sollte sich das je ändern, geschieht es nur nach Ihrer ausdrücklichen Einwilligung, die Sie jederzeit ebenso einfach widerrufen können.',
        ],
      },
      {
        heading: 'Schutz vor Angriffen',
        paragraphs: [
          'Um das Ausprobieren von Passwörtern und den Missbrauch unserer Formulare zu verhindern, zählen wir Versuche für kurze Zeit. Dazu bilden wir aus der Verbindung einen mit einem geheimen Schlüssel verschleierten Wert, der höchstens eine Stunde vorgehalten wird. Die IP-Adresse selbst wird nicht gespeichert. Rechtsgrundlage ist unser berechtigtes Interesse an einem sicheren Dienst (Art. 6 Abs. 1 lit. f DSGVO).',
        ],
      },
      {
        heading: 'Videosprechstunden',
        paragraphs: [
          'Audio und Video laufen Peer-to-Peer und sind Ende-zu-Ende-verschlüsselt. Falls eine direkte Verbindung nicht möglich ist, leitet ein Relay-Server nur verschlüsselte Pakete weiter, die er nicht entschlüsseln kann.',
          'Eingeladene Gäste brauchen kein Konto. Ihren Namen und ihre E-Mail-Adresse oder Telefonnummer speichern wir nur für die Dauer der Sitzung – es sei denn, Sie nehmen den Gast in Ihre Kontaktliste auf; dann bis zum Ende Ihres Vertrags oder bis Sie ihn entfernen. Alle Teilnehmenden sehen nur die Namen der anderen.',
          'Für Ihre Aktivitätsübersicht halten wir fest, wer wann wie lange an einer Sitzung teilgenommen hat – nie Inhalte. Diese Metadaten und Protokolle löschen wir nach spätestens drei Monaten. Termindaten bewahren wir zehn Jahre nach dem Termin auf und löschen sie dann.',
        ],
      },
      {
        heading: 'Empfänger',
        paragraphs: [
          'Wir betreiben Sprechzimmer auf Servern in der Europäischen Union. Dienstleister, die wir für Hosting und E-Mail-Versand einsetzen, verarbeiten Daten nur in unserem Auftrag und nach unserer Weisung (Art. 28 DSGVO). Eine Übermittlung in Länder außerhalb der EU findet nicht statt. Niemand sonst hat Zugriff auf unsere Server.',
        ],
      },
      {
        heading: 'Ihre Rechte',
        paragraphs: [
          'Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21). Eine Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3); die betroffenen Daten löschen wir dann umgehend.',
          'Ihre Angaben können Sie jederzeit selbst in Ihrem Profil einsehen und berichtigen. Für alle anderen Anliegen schreiben Sie uns an die oben genannte Adresse. Außerdem können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO).',
        ],
      },
    ],
  },
  terms: {
    title: 'Nutzungsbedingungen',
    intro: 'Diese Bedingungen regeln die Nutzung von Sprechzimmer, angeboten von {{operator}}.',
    sections: [
      {
        heading: 'Leistung',
        paragraphs: [
          'Sprechzimmer ist eine Plattform für verschlüsselte Videosprechstunden zwischen Kundinnen und Kunden (zum Beispiel Praxen und Therapeutinnen) und von ihnen eingeladenen Gästen. Wir stellen ausschließlich die Technik bereit und erbringen selbst keine medizinischen oder therapeutischen Leistungen.',
          'Funktionen werden schrittweise bereitgestellt. Welche gerade verfügbar sind, sehen Sie nach der Anmeldung.',
        ],
      },
      {
        heading: 'Ihr Konto',
        paragraphs: [],
        list: [
          'Sie müssen volljährig sein und wahre, vollständige Angaben machen und diese aktuell halten.',
          'Halten Sie Ihr Passwort geheim. Wenn Sie einen Missbrauch vermuten, ändern Sie es sofort und informieren Sie uns.',
          'Ein Konto ist persönlich und darf nicht an andere weitergegeben werden.',
        ],
      },
      {
        heading: 'Ihre Pflichten gegenüber Patientinnen und Patienten',
        paragraphs: [
          'Sie sind für die Sprechstunden verantwortlich, die Sie über Sprechzimmer führen – einschließlich der berufsrechtlichen Pflichten, der Information Ihrer Patientinnen und Patienten und gegebenenfalls deren Einwilligung. Aufzeichnungen von Sprechstunden sind nicht vorgesehen und nicht erlaubt.',
        ],
      },
      {
        heading: 'Verfügbarkeit',
        paragraphs: [
          'Wir bemühen uns um einen störungsfreien Betrieb. Wartungsarbeiten kündigen wir nach Möglichkeit an. Eine ständige Verfügbarkeit können wir nicht zusagen, weil Verbindungen auch von Netzen und Geräten außerhalb unseres Einflusses abhängen.',
        ],
      },
      {
        heading: 'Keine Werbung',
        paragraphs: ['Sprechzimmer zeigt keine Werbung und nutzt Ihre Daten nicht für Werbezwecke.'],
      },
      {
        heading: 'Haftung',
        paragraphs: [
          'Wir haften unbeschränkt für Vorsatz und grobe Fahrlässigkeit sowie bei Verletzung von Leben, Körper oder Gesundheit. Bei leichter Fahrlässigkeit haften wir nur für die Verletzung wesentlicher Vertragspflichten und begrenzt auf den vorhersehbaren, vertragstypischen Schaden.',
        ],
      },
      {
        heading: 'Kündigung und Änderungen',
        paragraphs: [
          'Sie können Ihr Konto jederzeit kündigen. Wir können den Vertrag mit einer Frist von vier Wochen kündigen, aus wichtigem Grund auch fristlos. Änderungen dieser Bedingungen teilen wir Ihnen rechtzeitig vorher mit; Sie können ihnen widersprechen.',
          'Es gilt deutsches Recht. Zwingende Verbraucherschutzvorschriften Ihres Wohnsitzstaates bleiben unberührt.',
        ],
      },
    ],
  },
  imprint: {
    title: 'Impressum',
    intro: 'Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG).',
    sections: [
      {
        heading: 'Anbieter',
        paragraphs: [],
        operatorBlock: true,
      },
      {
        heading: 'Verantwortlich für den Inhalt',
        paragraphs: ['{{operator}}, Anschrift wie oben.'],
      },
      {
        heading: 'Software',
        paragraphs: [
          'Sprechzimmer ist freie Software unter der GNU Affero General Public License (AGPL-3.0 oder später). Der Betreiber dieser Installation ist für ihren Betrieb verantwortlich.',
        ],
      },
    ],
  },
};
