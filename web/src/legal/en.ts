import type { LegalTexts } from './types';

/** English versions for convenience; where they differ, the German texts prevail. */
export const legalEn: LegalTexts = {
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
