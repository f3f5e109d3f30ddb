import type { LegalTexts } from './types';

/** English versions for convenience; where they differ, the German texts prevail. */
export const legalEn: LegalTexts = {
  privacy: {
    title: 'Privacy policy',
    intro:
      'Sprechzimmer is built for confidential conversations. This policy explains in plain words which data we process, why, for how long, and what your rights are.',
    sections: [
      {
        heading: 'Who is responsible?',
        paragraphs: ['The controller for the processing of your data on this website and in the application is:'],
        operatorBlock: true,
      },
      {
        heading: 'Our principles',
        paragraphs: [],
        list: [
          'The content of conversations – picture, sound, chat messages and files – travels end-to-end encrypted directly between the participants’ devices. It never reaches our servers unencrypted, and we neither store nor record it.',
          'We store no IP addresses: not in the database, not in logs, not in error reports.',
          'We store all personal data encrypted; the connection to our website is encrypted.',
          'There is no advertising, no tracking and no sharing with advertising networks.',
        ],
      },
      {
        heading: 'Registration and customer account',
        paragraphs: [
          'For an account we process: first and last name, date of birth, e-mail address, postal address, phone number, your preferred language and your password – the latter only as an irreversible hash (bcrypt). We also record which version of the terms of use and of this policy you accepted and when.',
          'You confirm your e-mail address through a link (double opt-in). We need this data to conclude and perform our contract with you (Art. 6(1)(b) GDPR). We keep it as long as your contract lasts; afterwards we delete it, or restrict its processing where the law requires us to keep it (Art. 6(1)(c) GDPR).',
        ],
      },
      {
        heading: 'Login and cookies',
        paragraphs: [
          'We only set cookies that are technically necessary: a session cookie that shows you are logged in, and a browser cookie that protects forms against misuse by other websites (CSRF protection). Neither can be read by scripts (HttpOnly) or is sent to other websites (SameSite). They need no consent (section 25(2) no. 2 TDDDG).',
          'Login and usage data of the logged-in area is kept for the duration of your session only. Your browser remembers your choice of language locally; it is not sent to us.',
          'We use no analytics or marketing cookies. Should this ever change, it will only be with your explicit consent, which you can withdraw at any time just as easily.',
        ],
      },
      {
        heading: 'Protection against attacks',
        paragraphs: [
          'To prevent password guessing and misuse of our forms, we count attempts for a short time. For this we derive a value from the connection, obscured with a secret key, and keep it for one hour at most. The IP address itself is not stored. The legal basis is our legitimate interest in a secure service (Art. 6(1)(f) GDPR).',
        ],
      },
      {
        heading: 'Video consultations',
        paragraphs: [
          'Audio and video travel peer-to-peer and are end-to-end encrypted. Where a direct connection is not possible, a relay server forwards only encrypted packets that it cannot decrypt.',
          'Invited guests need no account. We keep their name and e-mail address or phone number only for the duration of the session – unless you add the guest to your contact list; then until your contract ends or you remove them. All participants see only each other’s names.',
          'For your activity overview we record who took part in a session, when and for how long – never any content. We delete this metadata and our logs after three months at the latest. Appointment data is kept for ten years after the appointment and then deleted.',
        ],
      },
      {
        heading: 'Recipients',
        paragraphs: [
          'We run Sprechzimmer on servers in the European Union. Providers we use for hosting and sending e-mail process data only on our behalf and on our instructions (Art. 28 GDPR). No data is transferred to countries outside the EU. Nobody else has access to our servers.',
        ],
      },
      {
        heading: 'Your rights',
        paragraphs: [
          'You have the right of access (Art. 15 GDPR), rectification (Art. 16), erasure (Art. 17), restriction of processing (Art. 18), data portability (Art. 20) and to object (Art. 21). You can withdraw consent at any time with effect for the future (Art. 7(3)); we then delete the data concerned promptly.',
          'You can see and correct your details yourself in your profile at any time. For anything else, write to us at the address above. You can also lodge a complaint with a data protection supervisory authority (Art. 77 GDPR).',
        ],
      },
    ],
  },
  terms: {
    title: 'Terms of use',
    intro: 'These terms govern the use of Sprechzimmer, offered by {{operator}}.',
    sections: [
      {
        heading: 'Service',
        paragraphs: [
          'Sprechzimmer is a platform for encrypted video consultations between customers (for example practices and therapists) and the guests they invite. We provide the technology only and render no medical or therapeutic services ourselves.',
          'Features are made available step by step. You see which ones are available after logging in.',
        ],
      },
      {
        heading: 'Your account',
        paragraphs: [],
        list: [
          'You must be of age, give true and complete details and keep them up to date.',
          'Keep your password secret. If you suspect misuse, change it at once and let us know.',
          'An account is personal and must not be passed on to others.',
        ],
      },
      {
        heading: 'Your duties towards your patients',
        paragraphs: [
          'You are responsible for the consultations you hold through Sprechzimmer – including your professional duties, informing your patients and, where needed, obtaining their consent. Recording consultations is not provided for and not allowed.',
        ],
      },
      {
        heading: 'Availability',
        paragraphs: [
          'We strive for uninterrupted operation and announce maintenance where possible. We cannot promise constant availability, because connections also depend on networks and devices beyond our control.',
        ],
      },
      {
        heading: 'No advertising',
        paragraphs: ['Sprechzimmer shows no advertising and does not use your data for advertising.'],
      },
      {
        heading: 'Liability',
        paragraphs: [
          'We are liable without limitation for intent and gross negligence and for injury to life, body or health. For slight negligence we are liable only for breach of essential contractual duties, limited to the foreseeable damage typical for this kind of contract.',
        ],
      },
      {
        heading: 'Termination and changes',
        paragraphs: [
          'You can terminate your account at any time. We can terminate the contract with four weeks’ notice, or without notice for good cause. We announce changes to these terms in good time; you can object to them.',
          'German law applies. Mandatory consumer protection rules of your country of residence remain unaffected.',
        ],
      },
    ],
  },
  imprint: {
    title: 'Imprint',
    intro: 'Information according to section 5 of the German Digital Services Act (DDG).',
    sections: [
      {
        heading: 'Provider',
        paragraphs: [],
        operatorBlock: true,
      },
      {
        heading: 'Responsible for the content',
        paragraphs: ['{{operator}}, address as above.'],
      },
      {
        heading: 'Software',
        paragraphs: [
          'Sprechzimmer is free software under the GNU Affero General Public License (AGPL-3.0 or later). The operator of this installation is responsible for running it.',
        ],
      },
    ],
  },
};
