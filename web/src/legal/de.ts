import type { LegalTexts } from './types';

export const legalDe: LegalTexts = {
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
