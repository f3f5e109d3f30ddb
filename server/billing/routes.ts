import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { billingView, checkoutRequest, redirectResponse, webhookResponse } from '../../common/api/billing';
import { requireSession } from '../http/auth';
import { limitPer } from '../throttle/route-limits';
import type { BillingService } from './service';

const tags = ['billing'];
/** Stripe's events are a few kilobytes; an invoice event with many lines stays far below this. */
const WEBHOOK_MAX_BYTES = 512 * 1024;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads the raw bytes of a JSON body (a signature covers them exactly), not parsed JSON. */
    rawJsonBody?: boolean;
  }
}

/**
 * Issue 11: the plan and billing page of an individual customer or an organisation's representative,
 * redirects to Stripe Checkout and the Customer Portal, and Stripe's webhook. Registered only when
 * billing is configured: without STRIPE_SECRET_KEY these routes do not exist (404).
 */
export function registerBillingRoutes(app: FastifyInstance, deps: { billing: BillingService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/billing', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Plan, state, trial, next payment and invoices (individual customers and representatives)', response: { 200: billingView } },
    handler: async (request) => deps.billing.view(requireSession(request).accountId),
  });

  api.post('/api/billing/checkout', {
    config: { access: 'customer', limits: [limitPer('billingRedirectsPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Start Stripe Checkout (subscription mode); answers the URL to send the browser to',
      body: checkoutRequest,
      response: { 200: redirectResponse },
    },
    handler: async (request) => ({ url: await deps.billing.checkout(requireSession(request).accountId, request.body.period) }),
  });

  api.post('/api/billing/portal', {
    config: { access: 'customer', limits: [limitPer('billingRedirectsPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Open Stripe’s Customer Portal (card, cancellation); answers the URL to send the browser to',
      response: { 200: redirectResponse },
    },
    handler: async (request) => ({ url: await deps.billing.portal(requireSession(request).accountId) }),
  });

  // The webhook needs the body byte for byte, so it gets a JSON parser of its own in a scope of its own.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post('/api/billing/webhook', {
      config: {
        access: 'public',
        rawJsonBody: true,
        // Stripe, not a browser, calls it: no cookie, so no CSRF token. The Stripe-Signature HMAC over
        // the exact body with our endpoint secret proves the sender instead, which a forged cross-site
        // request cannot produce (server/http/auth.ts, route-table test).
        csrfExempt: 'Stripe’s server-to-server webhook, authenticated by its Stripe-Signature HMAC',
        limits: { none: 'Stripe’s signed notifications: an unsigned one is refused after one HMAC, and a refused retry would lose a payment state' },
      },
      bodyLimit: WEBHOOK_MAX_BYTES,
      schema: {
        tags,
        summary: 'Stripe webhook (signed; raw JSON body)',
        description:
          'Only Stripe calls this. Events: checkout.session.completed, customer.subscription.*, invoice.finalized, invoice.paid, invoice.payment_failed.',
        response: { 200: webhookResponse },
      },
      handler: async (request) => {
        const signature = request.headers['stripe-signature'];
        await deps.billing.handleWebhook(request.body, typeof signature === 'string' ? signature : undefined);
        return { received: true as const };
      },
    });
  });
}
