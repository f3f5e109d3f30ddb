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
/** `patient`: someone who books an appointment with a practice (issue 10). */
export type Subject = 'customer' | 'member' | 'staff' | 'guest' | 'contact' | 'visitor' | 'operator' | 'patient';

/** `tdddg25_1`: consent to storing or reading information on the device (§ 25(1) TDDDG), next to the GDPR basis. */
export const legalBases = ['art6_1a', 'art6_1b', 'art6_1c', 'art6_1f', 'art9_2a', 'tdddg25_1'] as const;
export type LegalBasis = (typeof legalBases)[number];

/**
 * Processors (Art. 28) that receive data; most data goes to nobody but the hosting provider. `hosting`
 * and `backup` hold every stored column (inventory.ts adds them), `payment` exists only where billing
 * through Stripe is configured (STRIPE_SECRET_KEY; named by PROCESSOR_PAYMENT or as Stripe's EEA entity), `analytics` is the operator's own analytics host
 * (ANALYTICS_URL), which receives data only after a visitor's consent.
 */
export const recipients = ['hosting', 'backup', 'smtp', 'sms', 'turn', 'payment', 'analytics'] as const;
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
  /** Booking and keeping appointments with a practice, and the practice's records of them (P-17). */
  'appointments',
] as const;
export type Purpose = (typeof purposes)[number];

/** What a column holds, in the words a data subject understands (several columns share one field). */
export type Field =
  | 'identifier'
  | 'name'
  | 'dateOfBirth'
  | 'email'
  | 'postalAddress'
  | 'phone'
  | 'passwordHash'
  | 'tokenHash'
  | 'linkPurpose'
  | 'language'
  | 'accountState'
  | 'role'
  | 'timestamps'
  | 'consentRecord'
  | 'organisationName'
  | 'consultationTimes'
  | 'participantNames'
  | 'invitationChannels'
  | 'deliveryState'
  | 'participantState'
  | 'availability'
  | 'callMode'
  | 'consentTime'
  | 'clientHash'
  | 'ipAddress'
  | 'transcript'
  | 'receipt'
  | 'supportMessage'
  | 'ticketState'
  /** What an analytics script sends and its host sees: pages, times, browser and device, IP address. */
  | 'usageData'
  /** What a payment provider receives to collect fees; card details go to it directly. */
  | 'paymentData'
  /** The secret of an authenticator app and the time step of its last accepted code. */
  | 'secondFactor'
  /** When an appointment is, with whom, its type and state. */
  | 'appointmentRecord'
  /** A professional's weekly hours, absences, buffers and booking page. */
  | 'bookingRules'
  /** The time zone appointments are shown in. */
  | 'timeZone'
  /** A passkey: its public key, credential id, signature counter, the name given to it, when used. */
  | 'passkey'
  /** Browser family and operating system of a sign-in ("Firefox", "Linux"), from the User-Agent. */
  | 'deviceDescription'
  /** A keyed hash of the random id in a browser's known-browser cookie, per account. */
  | 'knownBrowser'
  /** Plan, subscription state, end of the period and the payment provider's ids of customer and subscription. */
  | 'subscription'
  /** Number, date, amount and currency of an invoice; the invoice itself stays at the payment provider. */
  | 'invoiceReference';
