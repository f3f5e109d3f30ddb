import * as z from 'zod';

/** Public facts the web app shows on the imprint, terms and privacy pages. */
export const siteResponse = z.object({
  operator: z.object({ name: z.string(), address: z.string(), email: z.string().nullable() }),
  termsVersion: z.string(),
  privacyPolicyVersion: z.string(),
  /** True in development: the UI links to the local outbox instead of saying "check your inbox". */
  devOutbox: z.boolean(),
  /** False without an SMS provider: the invitation forms offer e-mail only (the API answers `sms_unavailable`). */
  smsInvitations: z.boolean(),
  /** Payments through Stripe (issue 11): only then the "Plan and billing" page exists. */
  billing: z.boolean(),
  /** The operator's self-hosted analytics script, loaded only after consent; null: no analytics, no banner. */
  analyticsUrl: z.string().nullable(),
  /** The accessibility enforcement body the operator configured (ACCESSIBILITY_ENFORCEMENT_BODY); null: none named. */
  accessibilityEnforcementBody: z.object({ name: z.string(), address: z.string(), url: z.string() }).nullable(),
});
export type SiteInfo = z.infer<typeof siteResponse>;
