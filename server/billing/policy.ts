import type { BillingState } from '../../common/api/billing';
import type { AccountRow } from '../accounts/store';
import type { BillingCustomerRow, BillingOwner } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The named billing rules (issue 11). Billing is checked where something new starts — a consultation,
 * an appointment or a colleague call — never against what runs: a call in progress is never cut by a billing change.
 * Reading, exporting and deleting one's data, logging in and subscribing again are never refused.
 */
export const billingRules = {
  /** Individual customers pay for themselves; an organisation's representative pays for it. Members and staff never see billing. */
  managesBilling: (actor: AccountRow) => actor.status === 'active' && (actor.kind === 'individual' || actor.organizationRole === 'representative'),
  /** Starting consultations and appointments. `past_due` keeps everything while Stripe retries the card (its dunning is the grace period). */
  mayStartNew: (state: BillingState) => state === 'trial' || state === 'trialing' || state === 'active' || state === 'past_due',
  /** Checkout only without a subscription that still runs (the portal changes a running one). */
  maySubscribe: (state: BillingState) => !['trialing', 'active', 'past_due'].includes(state),
} as const;

/** Whose subscription covers an account: its own, or its organisation's. */
export function ownerOf(account: AccountRow): BillingOwner {
  return account.kind === 'organization' && account.organizationId ? { organizationId: account.organizationId } : { accountId: account.id };
}

/** A stable reference to the owner for Stripe's metadata and client_reference_id: no name, no address. */
export function ownerReference(owner: BillingOwner): string {
  return owner.accountId ? `account:${owner.accountId}` : `organization:${owner.organizationId}`;
}

/**
 * What consultations, appointments and colleague calls ask before starting something new; absent without billing.
 * Throws `subscription_required` (402) for an owner whose plan is not paid.
 */
export interface Entitlement {
  requireEntitled(account: AccountRow): Promise<void>;
}

export interface StateFacts {
  state: BillingState;
  /** The free trial of a new account, counted from its registration; null once subscribed or without trial. */
  trialEndsAt: Date | null;
}

/**
 * The state from the stored subscription (as last read from Stripe) or, before any subscription, the
 * free trial of `trialDays` from the owner's registration.
 */
export function billingStateOf(customer: BillingCustomerRow | undefined, registeredAt: Date, trialDays: number, now: Date): StateFacts {
  const status = customer?.status;
  const localTrialEnd = new Date(registeredAt.getTime() + trialDays * DAY_MS);
  const inLocalTrial = now < localTrialEnd;
  if (!status || status === 'incomplete' || status === 'incomplete_expired') {
    // A checkout whose first payment has not gone through yet changes nothing about the trial.
    if (inLocalTrial) return { state: 'trial', trialEndsAt: localTrialEnd };
    return { state: status === 'incomplete' ? 'incomplete' : 'expired', trialEndsAt: null };
  }
  if (status === 'trialing') return { state: 'trialing', trialEndsAt: customer.trialEnd };
  return { state: status, trialEndsAt: null };
}

export function daysLeft(until: Date | null, now: Date): number | null {
  return until ? Math.max(0, Math.ceil((until.getTime() - now.getTime()) / DAY_MS)) : null;
}
