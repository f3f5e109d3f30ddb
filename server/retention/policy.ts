/**
 * Retention rules, in one place (P-09, P-15, P-17 … P-20, Anlage 31b). Jobs, receipts and the
 * published privacy policy read these; no job hard-codes a period or a schedule.
 */
export type Period = { years: number } | { months: number } | { days: number } | { hours: number };

/**
 * How a rule is enforced: by a scheduled job (cron pattern, read in UTC so every deployment runs at
 * the same instants), or elsewhere, said in words.
 */
type Enforcement = { kind: 'job'; schedule: string } | { kind: 'elsewhere'; how: string };

export interface RetentionRule {
  /** What the rule deletes, for receipts and the published privacy policy. */
  description: string;
  /** Time after the reference time (end, expiry, registration …) at which data is deleted. */
  after: Period;
  enforcement: Enforcement;
}

export const retentionRules = {
  loginSessions: {
    description: 'Login sessions, at their end (30 minutes idle or 12 hours after login)',
    after: { hours: 0 },
    // The session lookup refuses an ended session at once; the sweep removes its row soon after.
    enforcement: { kind: 'job', schedule: '*/10 * * * *' },
  },
  passkeyChallenges: {
    description: 'Passkey challenges (random values a passkey signs), when answered or at the latest minutes after they expired',
    after: { hours: 0 },
    // Answering deletes a challenge at once; those never answered expire after 2 minutes and go here.
    enforcement: { kind: 'job', schedule: '*/10 * * * *' },
  },
  callMetadata: {
    description: 'Activity entries of ended consultations (who, when, how long), 3 months after the end',
    after: { months: 3 },
    // Anlage 31b: daily, so that nothing is kept more than a day past the 3 months.
    enforcement: { kind: 'job', schedule: '7 3 * * *' },
  },
  abandonedConsultation: {
    description: 'Open consultations whose window closed, with their guests’ contact data, 12 hours after the window',
    after: { hours: 12 },
    enforcement: { kind: 'job', schedule: '5 * * * *' },
  },
  unconfirmedRegistrations: {
    description:
      'Registrations and invitations never confirmed (account, pending organisation), 7 days after registration and once no link sent for it still works',
    after: { days: 7 },
    enforcement: { kind: 'job', schedule: '23 3 * * *' },
  },
  emailLinks: {
    description: 'Links sent by e-mail (confirmation, password reset, address change, invitation): used ones at once, unused ones 7 days after they expired',
    // The week after expiry lets a late click be told "expired, request a new one" instead of "invalid".
    after: { days: 7 },
    enforcement: { kind: 'job', schedule: '17 * * * *' },
  },
  guestData: {
    description: 'Guests’ contact data, at the end of the consultation unless the customer saved the guest to contacts',
    after: { hours: 0 },
    enforcement: {
      kind: 'elsewhere',
      how: 'ending a consultation deletes its invitations and participants in the same transaction; abandonedConsultation ends those nobody ended',
    },
  },
  appointments: {
    description: 'Appointment data of customers (time, professional, type, patient name, status), 10 years after the appointment',
    after: { years: 10 },
    enforcement: { kind: 'job', schedule: '47 3 * * *' },
  },
  appointmentContacts: {
    // P-09: the address and number served only the messages about the appointment.
    description:
      'Patients’ e-mail addresses and phone numbers in appointments, once the appointment is over, unless the professional saved the patient as a contact',
    after: { hours: 0 },
    enforcement: { kind: 'job', schedule: '13 * * * *' },
  },
  lapsedHolds: {
    // The day lets a late click on the confirmation link be told "expired, book again" instead of "invalid".
    description: 'Online bookings never confirmed, with the patient’s data, 1 day after their 15-minute hold lapsed',
    after: { days: 1 },
    enforcement: { kind: 'job', schedule: '29 * * * *' },
  },
  contactRequests: {
    description: 'Contact-form requests with the answers sent, 2 years after they were closed',
    after: { years: 2 },
    enforcement: { kind: 'job', schedule: '37 3 * * *' },
  },
  accountData: {
    description: 'Registration and contract data, when the contract ends (what law requires to keep is restricted instead)',
    after: { hours: 0 },
    enforcement: { kind: 'elsewhere', how: 'account and organisation deletion, not a scheduled job' },
  },
  savedContacts: {
    description: 'Saved contacts, when the customer removes them or the contract ends',
    after: { hours: 0 },
    enforcement: { kind: 'elsewhere', how: 'the customer deletes the contact; account deletion cascades to the contacts' },
  },
  invoices: {
    // § 147 Abs. 1 Nr. 4, Abs. 3 Satz 1 AO and § 14b Abs. 1 Satz 1 UStG as amended by the Viertes
    // Bürokratieentlastungsgesetz (BGBl. 2024 I Nr. 323, in force 1 January 2025; the law in 2026):
    // invoices and other Buchungsbelege 8 years (before: 10), counted from the end of the calendar
    // year the invoice was issued in (§ 147 Abs. 4 AO, § 14b Abs. 1 Satz 3 UStG). The job deletes a
    // reference only once the whole calendar year is past the cutoff (BillingStore.deleteInvoicesDue).
    description:
      'Invoice references (number, date, amount, currency), 8 years after the end of the calendar year of the invoice, also after an erasure request (then restricted)',
    after: { years: 8 },
    enforcement: { kind: 'job', schedule: '53 3 * * *' },
  },
  billingEvents: {
    // Stripe retries a webhook for up to three days; a month covers that with room, so a late retry
    // is still recognised as handled. The rows hold Stripe's event id and type only.
    description: 'Records of payment-provider notifications already handled (event id and type, no personal data), 30 days after handling',
    after: { days: 30 },
    enforcement: { kind: 'job', schedule: '59 3 * * *' },
  },
  operatorStaff: {
    description: 'Operator staff logins, when the person leaves the operator’s staff',
    after: { hours: 0 },
    enforcement: { kind: 'elsewhere', how: '`npm run operator -- remove --email …` deletes the login and its sessions; answers sent keep the name only' },
  },
  analyticsData: {
    description:
      'Visits recorded by the operator’s own analytics tool (only where ANALYTICS_URL is set), deleted or anonymised after the months set in ANALYTICS_RETENTION_MONTHS',
    // Only the operator knows the period they set in their tool: retentionRulesFor() replaces this 0
    // with ANALYTICS_RETENTION_MONTHS, and without ANALYTICS_URL nothing is recorded and nothing shows it.
    after: { months: 0 },
    enforcement: {
      kind: 'elsewhere',
      how: 'the operator’s analytics tool (e.g. Matomo "Regularly delete old raw data", Plausible’s data retention); this server stores none of it',
    },
  },
  inMemoryOnly: {
    // Declared so that the data inventory can say it for what never reaches a disk (attempt counters,
    // signaling, relayed transcripts); the throttle windows themselves are in server/throttle/policy.ts.
    description: 'Not written to disk: held in memory only while needed (a request, a call, a throttling window)',
    after: { hours: 0 },
    enforcement: { kind: 'elsewhere', how: 'never stored: process memory (or Redis counters that expire with their window)' },
  },
  knownDevices: {
    // server/accounts/known-devices.ts: the server keeps nothing; the period is the cookie's Max-Age.
    description: 'The device cookie of a browser in which an account logged in, 180 days after the last login there',
    after: { days: 180 },
    enforcement: {
      kind: 'elsewhere',
      how: 'the browser deletes the cookie at its Max-Age, and the server no longer accepts one sealed longer ago; erasure and restriction clear it',
    },
  },
  knownBrowsers: {
    // server/sessions/known-browsers.ts: a browser unused for this long is a stranger again (its sign-in is mailed).
    description: 'Keyed hashes of the browsers an account signed in from, 180 days after the last sign-in in each',
    after: { days: 180 },
    enforcement: { kind: 'job', schedule: '29 4 * * *' },
  },
  deletionReceipts: {
    // Receipts hold no personal data (job, rule, cutoff, a count, times, hashes). Ten years covers the
    // longest period any rule keeps data (appointments), so every deletion stays provable for as long
    // as someone could ask whether the data still exists, and the regular limitation periods besides.
    description: 'Deletion receipts (no personal data), 10 years after the deletion they record',
    after: { years: 10 },
    enforcement: { kind: 'job', schedule: '41 4 * * 0' },
  },
} as const satisfies Record<string, RetentionRule>;

export type RuleName = keyof typeof retentionRules;
/** Rules a scheduled job enforces: exactly one job each. */
export type JobRuleName = {
  [Name in RuleName]: (typeof retentionRules)[Name]['enforcement']['kind'] extends 'job' ? Name : never;
}[RuleName];

export function scheduleOf(rule: JobRuleName): string {
  return retentionRules[rule].enforcement.schedule;
}

/** Calendar months back, clamped to the month's last day (31 May − 3 months = 28/29 February). */
function monthsBefore(now: Date, months: number): Date {
  const target = new Date(now);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return target;
}

const HOUR_MS = 60 * 60 * 1000;

/** Rows whose reference time lies before this cutoff are due for deletion. */
export function cutoffFor(rule: RetentionRule, now: Date): Date {
  const after = rule.after;
  if ('years' in after) return monthsBefore(now, after.years * 12);
  if ('months' in after) return monthsBefore(now, after.months);
  if ('days' in after) return new Date(now.getTime() - after.days * 24 * HOUR_MS);
  return new Date(now.getTime() - after.hours * HOUR_MS);
}

/** ISO 8601 duration of a rule's period, as recorded in deletion receipts. */
export function periodText(period: Period): string {
  if ('years' in period) return `P${period.years}Y`;
  if ('months' in period) return `P${period.months}M`;
  if ('days' in period) return `P${period.days}D`;
  return `PT${period.hours}H`;
}
