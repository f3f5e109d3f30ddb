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
  /** Pages visited and the device used, as an analytics tool records them. */
  'usage',
] as const;
export type Category = (typeof categories)[number];

/** Whose data it is. `customer` is an individual customer or an organisation's representative. */
export const subjects = ['customer', 'member', 'staff', 'guest', 'contact', 'visitor', 'operator'] as const;
export type Subject = (typeof subjects)[number];

/** `tdddg25_1`: consent to storing or reading information on the device (§ 25(1) TDDDG), next to the GDPR basis. */
export const legalBases = ['art6_1a', 'art6_1b', 'art6_1c', 'art6_1f', 'art9_2a', 'tdddg25_1'] as const;
export type LegalBasis = (typeof legalBases)[number];

/**
 * Processors (Art. 28) that receive data; most data goes to nobody. `analytics` is the operator's own
 * analytics host (ANALYTICS_URL), which receives data only after a visitor's consent.
 */
export const recipients = ['smtp', 'sms', 'turn', 'analytics'] as const;
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
  /** Optional visitor statistics with the operator's analytics tool, only after consent (P-04). */
  'audienceMeasurement',
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
  /** What an analytics script sends and its host sees: pages, times, browser and device, IP address. */
  'usageData',
] as const;
export type Field = (typeof fields)[number];
