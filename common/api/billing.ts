import * as z from 'zod';

/** Plans as the billing page offers them (P-22); organisation plans are per active member. */
const billingPeriods = ['monthly', 'yearly'] as const;

/**
 * What the billing state allows (issue 11): `trial` (new account, not yet subscribed), `trialing`
 * and `active` everything; `past_due` everything plus a banner; `unpaid`, `canceled`, `expired`
 * (trial over, never subscribed) and `incomplete` read-only.
 */
const billingStates = ['trial', 'trialing', 'active', 'past_due', 'unpaid', 'canceled', 'expired', 'incomplete', 'paused'] as const;
export type BillingState = (typeof billingStates)[number];

const billingInvoiceView = z.object({
  id: z.string(),
  number: z.string().nullable(),
  issuedAt: z.string(),
  /** In the currency's minor unit (cents). */
  amount: z.number().int(),
  currency: z.string(),
  status: z.string(),
  /** Stripe's PDF of the invoice; a link away from our pages. */
  pdfUrl: z.string().nullable(),
});

export const billingView = z.object({
  /** Whose plan: the person's own, or the organisation's (only its representative sees it). */
  scope: z.enum(['individual', 'organisation']),
  state: z.enum(billingStates),
  /** Whether new consultations and appointments may be started. */
  entitled: z.boolean(),
  plan: z.object({ kind: z.enum(['individual', 'organisation']), period: z.enum(billingPeriods) }).nullable(),
  /** Seats billed (organisations: active members). */
  quantity: z.number().int().nullable(),
  trialEndsAt: z.string().nullable(),
  trialDaysLeft: z.number().int().nullable(),
  /** End of the current period: the next payment, or the end of a cancelled subscription. */
  currentPeriodEnd: z.string().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  invoices: z.array(billingInvoiceView),
});
export type BillingView = z.infer<typeof billingView>;

export const checkoutRequest = z.strictObject({ period: z.enum(billingPeriods) });

/** Where the browser goes next: Stripe Checkout or the Customer Portal (never a script on our pages). */
export const redirectResponse = z.object({ url: z.string() });

export const webhookResponse = z.object({ received: z.literal(true) });
