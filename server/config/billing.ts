import * as z from 'zod';

/**
 * Payments through Stripe (P-22), off by default: without STRIPE_SECRET_KEY there is no billing at
 * all. With it, everything billing needs is validated here at start-up, so a half-configured
 * installation never starts. A module of its own because config.ts is at its size limit.
 */

export type BillingPlan = 'individual_monthly' | 'individual_yearly' | 'organisation_monthly' | 'organisation_yearly';

export interface BillingConfig {
  secretKey: string;
  webhookSecret: string;
  /** Stripe price ids per plan; organisation prices are per active member (quantity). */
  prices: Record<BillingPlan, string>;
  /** Days a new account may use everything before it must subscribe. */
  trialDays: number;
  /**
   * Where the SDK sends its requests: Stripe itself unless STRIPE_API_URL points elsewhere (the tests'
   * local stand-in). Never set in production.
   */
  api: { host: string; port: number; protocol: 'http' | 'https' } | undefined;
}

const priceId = (variable: string) =>
  z
    .string()
    .regex(
      /^price_[A-Za-z0-9]+$/,
      `use the id of a recurring price from the Stripe dashboard (Products → the product → Pricing, "price_…"); ${variable} must be set with STRIPE_SECRET_KEY`,
    );

export const billingEnvironment = {
  STRIPE_SECRET_KEY: z
    .string()
    .regex(
      /^(sk|rk)_(live|test)_[A-Za-z0-9]{10,}$/,
      'use the secret key (sk_live_… or a restricted key rk_live_…) from Stripe → Developers → API keys; leave it unset to run without billing',
    )
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(
      /^whsec_[A-Za-z0-9]{10,}$/,
      'use the signing secret of your webhook endpoint (Stripe → Developers → Webhooks → the endpoint → "Signing secret", whsec_…)',
    )
    .optional(),
  STRIPE_PRICE_INDIVIDUAL_MONTHLY: priceId('STRIPE_PRICE_INDIVIDUAL_MONTHLY').optional(),
  STRIPE_PRICE_INDIVIDUAL_YEARLY: priceId('STRIPE_PRICE_INDIVIDUAL_YEARLY').optional(),
  STRIPE_PRICE_ORGANISATION_MONTHLY: priceId('STRIPE_PRICE_ORGANISATION_MONTHLY').optional(),
  STRIPE_PRICE_ORGANISATION_YEARLY: priceId('STRIPE_PRICE_ORGANISATION_YEARLY').optional(),
  BILLING_TRIAL_DAYS: z.coerce
    .number({ message: 'use a whole number of days, e.g. 14 (0: no trial)' })
    .int('use a whole number of days, e.g. 14')
    .min(0, 'use 0 (no trial) or more days, e.g. 14')
    .max(730, 'Stripe allows trials of at most two years: use at most 730 days')
    .optional(),
  STRIPE_API_URL: z.url({ message: 'only for tests: the URL of a local Stripe stand-in, e.g. http://127.0.0.1:12111' }).optional(),
};

type BillingEnvironment = { [K in keyof typeof billingEnvironment]?: z.output<(typeof billingEnvironment)[K]> } & { NODE_ENV: string };

const priceVariables: Record<BillingPlan, keyof typeof billingEnvironment> = {
  individual_monthly: 'STRIPE_PRICE_INDIVIDUAL_MONTHLY',
  individual_yearly: 'STRIPE_PRICE_INDIVIDUAL_YEARLY',
  organisation_monthly: 'STRIPE_PRICE_ORGANISATION_MONTHLY',
  organisation_yearly: 'STRIPE_PRICE_ORGANISATION_YEARLY',
};

/** The fix-it messages for billing settings that only make sense together. */
export function checkBillingEnvironment(env: BillingEnvironment, context: z.RefinementCtx): void {
  const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
  const others = (Object.keys(billingEnvironment) as (keyof typeof billingEnvironment)[]).filter(
    (name) => name !== 'STRIPE_SECRET_KEY' && env[name] !== undefined,
  );
  if (!env.STRIPE_SECRET_KEY) {
    for (const name of others) problem(name, 'only used with STRIPE_SECRET_KEY: set the secret key to turn billing on, or remove this setting');
    return;
  }
  if (!env.STRIPE_WEBHOOK_SECRET) {
    problem(
      'STRIPE_WEBHOOK_SECRET',
      'billing needs the webhook signing secret: in Stripe → Developers → Webhooks add the endpoint <PUBLIC_URL>/api/billing/webhook with the events checkout.session.completed, customer.subscription.created, customer.subscription.updated, customer.subscription.deleted, invoice.finalized, invoice.paid, invoice.payment_failed, and set STRIPE_WEBHOOK_SECRET=whsec_…',
    );
  }
  for (const [plan, variable] of Object.entries(priceVariables)) {
    if (!env[variable])
      problem(variable, `billing needs the price of the plan ${plan.replace('_', ', ')}: set ${variable}=price_… (a recurring price in Stripe → Products)`);
  }
  const prices = Object.values(priceVariables)
    .map((variable) => env[variable])
    .filter(Boolean);
  if (new Set(prices).size !== prices.length)
    problem('STRIPE_PRICE_INDIVIDUAL_MONTHLY', 'each plan needs a price of its own: two STRIPE_PRICE_… settings name the same price');
  if (env.BILLING_TRIAL_DAYS === undefined)
    problem('BILLING_TRIAL_DAYS', 'billing needs the length of the free trial of new accounts in days: set BILLING_TRIAL_DAYS=14 (or 0 for none)');
  if (env.NODE_ENV === 'production' && env.STRIPE_API_URL)
    problem('STRIPE_API_URL', 'production talks to Stripe itself: remove STRIPE_API_URL (it is for tests only)');
  if (env.NODE_ENV === 'production' && env.STRIPE_SECRET_KEY.includes('_test_')) {
    problem('STRIPE_SECRET_KEY', 'production takes real payments: use the live secret key (sk_live_…), not a test key');
  }
}

/** The billing section of Config, or undefined (no billing at all). Call only after the checks passed. */
export function billingConfigOf(env: BillingEnvironment): BillingConfig | undefined {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return undefined;
  const prices = Object.fromEntries(Object.entries(priceVariables).map(([plan, variable]) => [plan, env[variable] as string])) as Record<BillingPlan, string>;
  const api = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : undefined;
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    prices,
    trialDays: env.BILLING_TRIAL_DAYS ?? 0,
    api: api
      ? { host: api.hostname, port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)), protocol: api.protocol === 'https:' ? 'https' : 'http' }
      : undefined,
  };
}
