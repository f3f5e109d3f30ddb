/**
 * The closed vocabularies of the data inventory. Each is a const list so that the texts
 * (texts.de.ts, texts.en.ts) can be typed as complete records: a new category, purpose or field
 * without its German and English wording does not compile.
 */

export const categories = [
  'identity',
  'contact',
  'credentials',
  'contract',
  'consent',
  /** That a person took part in a consultation with a practice: close to health data. */
  'consultationMetadata',
  'technical',
] as const;
export type Category = (typeof categories)[number];

/** Whose data it is. `customer` is an individual customer or an organisation's representative. */
export const subjects = ['customer', 'member', 'staff', 'guest', 'contact', 'visitor', 'operator'] as const;
export type Subject = (typeof subjects)[number];

export const legalBases = ['art6_1a', 'art6_1b', 'art6_1c', 'art6_1f', 'art9_2a'] as const;
export type LegalBasis = (typeof legalBases)[number];

/** Processors (Art. 28) that receive data; most data goes to nobody. */
export const recipients = ['smtp', 'sms', 'turn'] as const;
export type Recipient = (typeof recipients)[number];

export const purposes = [
  'customerAccount',
  'organisationAccount',
  'emailLinks',
  'consentProof',
  'login',
  'consultation',
  'activityDocumentation',
  'contacts',
  'security',
  'mediaRelay',
  'transcriptRelay',
  'retentionProof',
  /** Answering contact-form requests (P-02). */
  'support',
  /** Logins of the operator's own staff to the operator area. */
  'operatorAccess',
] as const;
export type Purpose = (typeof purposes)[number];

/** What a column holds, in the words a data subject understands (several columns share one field). */
export const fields = [
  'identifier',
  'name',
  'dateOfBirth',
  'email',
  'postalAddress',
  'phone',
  'passwordHash',
  'tokenHash',
  'linkPurpose',
  'language',
  'accountState',
  'role',
  'timestamps',
  'consentRecord',
  'organisationName',
  'consultationTimes',
  'participantNames',
  'invitationChannels',
  'deliveryState',
  'participantState',
  'consentTime',
  'clientHash',
  'ipAddress',
  'transcript',
  'receipt',
  'supportMessage',
  'ticketState',
] as const;
export type Field = (typeof fields)[number];
