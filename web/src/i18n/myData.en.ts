import type { myDataDe } from './myData.de';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Texts of the "My data" page: data-subject rights (Art. 15–21 GDPR). */
export const myDataEn: Widen<typeof myDataDe> = {
  title: 'My data',
  intro:
    'Here you see all data Sprechzimmer stores about you, what for, on which legal basis, for how long and who received it. You can download it, rectify it, restrict its processing or delete everything.',
  profileLink: 'My data and rights',
  loading: 'Loading your data …',
  download: 'Download all data (JSON)',
  downloadNote: 'A machine-readable file with everything shown here (Art. 20 GDPR). It holds no passwords and no access keys.',
  generatedAt: 'As of {{time}}',
  none: 'None',
  yes: 'yes',
  sections: {
    account: 'Your account',
    organization: 'Your organisation',
    consents: 'Your consents',
    sessions: 'Your sign-ins',
    passkeys: 'Your passkeys',
    consultations: 'Your consultations',
    contacts: 'Your contacts',
    emailLinks: 'Open links sent by e-mail',
    appointments: 'Your appointments',
    processing: 'Purposes, legal bases and retention',
    recipients: 'Recipients of your data',
    rectify: 'Rectify your data',
    restrict: 'Restrict processing',
    deleteAccount: 'Delete account',
    deleteOrganization: 'Delete organisation',
  },
  fields: {
    name: 'Name',
    email: 'E-mail address',
    dateOfBirth: 'Date of birth',
    address: 'Address',
    phone: 'Phone',
    role: 'Role',
    locale: 'Language',
    createdAt: 'Created',
    emailConfirmedAt: 'E-mail confirmed',
    restrictedAt: 'Processing restricted since',
    status: 'Status',
  },
  consents: {
    item: '{{document}}, version {{version}}, accepted on {{time}}',
    documents: { terms: 'Terms of use', privacy: 'Privacy policy' },
    withdrawal:
      'Your acceptance of the terms of use and the privacy policy is the basis of the contract. You withdraw it by deleting your account (below); everything that depends on it is deleted with it.',
    guests:
      'Your guests consent to the processing of their health data before they enter the waiting room (Art. 9 GDPR). They withdraw by leaving the consultation; their data is deleted when it ends.',
  },
  passkeys: {
    item: '{{name}} – added {{created}}, last used {{used}}',
    never: 'never',
    note: 'For each passkey only its public key, its identifier and its signature counter are stored; the full values are in the JSON file.',
  },
  sessions: {
    item: 'Signed in {{started}}, last active {{lastSeen}}',
    current: '(this sign-in)',
    note: 'Only the times, the browser and the operating system are stored, no IP address.',
  },
  consultations: {
    item: '{{from}} to {{until}}',
    status: { open: 'open', ended: 'ended' },
    participants: 'Took part: {{names}}',
    invitations: 'Invited guests (stored until the consultation ends):',
    guest: '{{name}} – {{contact}}',
    channels: 'Invited by: {{channels}}',
    channel: { email: 'e-mail', sms: 'SMS' },
  },
  appointments: {
    item: '{{time}}: {{type}} – {{name}} ({{status}})',
    status: { held: 'held', requested: 'requested', booked: 'booked', cancelled: 'cancelled', no_show: 'did not come', lapsed: 'lapsed' },
  },
  emailLinks: {
    item: '{{purpose}}, valid until {{time}}',
    purposes: {
      confirm_email: 'Confirm your e-mail address',
      reset_password: 'Reset your password',
      change_email: 'Confirm a new e-mail address',
      member_invitation: 'Invitation into an organisation',
      disown_sign_in: '“This was not me” about a new sign-in',
    },
  },
  processing: {
    headings: {
      purpose: 'Purpose',
      legalBases: 'Legal basis',
      retention: 'Retention',
      recipients: 'Recipients',
      origin: 'Origin',
    },
    datasets: {
      account: 'Account',
      organization: 'Organisation',
      consents: 'Consents',
      sessions: 'Sign-ins',
      passkeys: 'Passkeys',
      consultations: 'Consultations (activity record)',
      invitations: 'Your guests’ invitations',
      contacts: 'Contacts',
      emailLinks: 'Links sent by e-mail',
      appointments: 'Appointments',
      bookingRules: 'Consultation hours and absences',
    },
    purposes: {
      customerAccount: 'Contract and customer account',
      organisationAccount: 'Contract with the organisation',
      consentProof: 'Proof of your acceptance',
      login: 'Staying signed in',
      activityDocumentation: 'Record of your consultations',
      consultation: 'Holding the consultation',
      contacts: 'Your address book',
      emailLinks: 'Confirmation and reset links',
      appointments: 'Appointment booking',
    },
    legalBases: {
      art6_1a: 'Consent (Art. 6(1)(a) GDPR)',
      art6_1b: 'Contract (Art. 6(1)(b) GDPR)',
      art6_1c: 'Legal obligation (Art. 6(1)(c) GDPR)',
      art6_1f: 'Legitimate interest (Art. 6(1)(f) GDPR)',
      art9_2a: 'Consent to health data (Art. 9(2)(a) GDPR)',
    },
    retention: {
      accountData: 'until the contract ends (the account is deleted)',
      unconfirmedRegistrations: 'registrations never confirmed: 7 days',
      loginSessions: 'until the sign-in ends (30 minutes idle, 12 hours at most)',
      callMetadata: '3 months after the consultation ended',
      guestData: 'until the consultation ends',
      abandonedConsultation: 'consultations nobody ended: 12 hours after their window',
      emailLinks: 'used ones at once, unused ones 7 days after they expired',
      savedContacts: 'until you delete the contact or the contract ends',
      appointments: '10 years after the appointment',
      appointmentContacts: 'patients’ e-mail and phone: until the appointment ended',
      lapsedHolds: 'bookings never confirmed: 1 day after the hold lapsed',
    },
    origins: {
      providedByYou: 'given by you',
      providedByOrganization: 'given by your organisation’s representative',
      providedByYouAboutOthers: 'given by you about others',
      recordedByUse: 'recorded while you use the service',
    },
  },
  recipients: {
    intro: 'Sprechzimmer passes your data to nobody. Only for running and delivery we use processors (Art. 28 GDPR); they received:',
    none: 'Nothing has gone to a processor so far.',
    names: { hosting: 'Hosting and database', backup: 'Backup storage', smtp: 'E-mail delivery', sms: 'SMS delivery', turn: 'Relaying picture and sound (encrypted)' },
    item: '{{name}} ({{provider}}): {{datasets}}',
    deliveries: 'known deliveries: {{count}}',
  },
  rectify: {
    text: 'You can rectify everything you provided yourself (Art. 16 GDPR):',
    profile: 'Personal details, e-mail address and password',
    organization: 'The organisation’s data',
    contacts: 'Saved contacts',
    consultations: 'Guests of open consultations',
  },
  password: 'Current password',
  restrict: {
    text:
      'If you contest the accuracy of your data or have objected to its processing, you can restrict processing (Art. 18 GDPR): your data stays stored, but you can no longer sign in, and no invitations are sent in your name. Only the operator can lift the restriction; write to us for that.',
    submit: 'Restrict processing',
  },
  deleteAccount: {
    text:
      'Deletes your account and everything stored with it: profile, consents, sign-ins, consultations with their invitations, and contacts. Open consultations are ended. Appointment records (time, type, patient name, status) must be kept for 10 years after the appointment: they are not deleted but restricted – detached from you, used for nothing else, and deleted when their 10 years are over; appointments still ahead are cancelled. This cannot be undone.',
    representative:
      'As your organisation’s representative you can delete your account only when nobody else belongs to the organisation. Otherwise hand the role over first – or delete the whole organisation.',
    submit: 'Delete account for good',
  },
  deleteOrganization: {
    text:
      'Deletes the organisation with all its people, their consultations, invitations and contacts. Every member and staff person is told by e-mail. Appointment records are kept restricted until their 10 years after the appointment are over, then deleted. This cannot be undone.',
    submit: 'Delete organisation for good',
  },
  done: {
    deletedTitle: 'Your account was deleted',
    deletedText: 'We deleted your account and all data stored with it. A confirmation is on its way by e-mail.',
    organizationDeletedTitle: 'The organisation was deleted',
    organizationDeletedText: 'We deleted the organisation, all its people and their data, and told everyone concerned by e-mail.',
    restrictedTitle: 'Processing is restricted',
    restrictedText:
      'Your data stays stored but is not processed further; you were signed out. To have the restriction lifted, please contact us.',
  },
};
