import type { BillingView } from '../../../common/api/billing';
import { request } from './client';

/** Plan and billing (issue 11): only individual customers and organisations' representatives. */
export const getBilling = () => request<BillingView>('GET', '/api/billing');

/** Both answer a URL at Stripe; the page sends the browser there (no Stripe script on our pages). */
export const startCheckout = (period: 'monthly' | 'yearly') => request<{ url: string }>('POST', '/api/billing/checkout', { period });
export const openPortal = () => request<{ url: string }>('POST', '/api/billing/portal');
