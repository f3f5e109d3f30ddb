import type { consents } from '../db/schema';

export type ConsentDocument = (typeof consents.$inferSelect)['document'];

/**
 * How each recorded consent is withdrawn (Art. 7(3)). Typed over the `consents.document` enum, so
 * a new kind of consent (an optional one, e.g. analytics) does not compile until it says how it is
 * withdrawn; an optional consent is withdrawn on its own (`withdraw`), and withdrawing it must
 * delete what depended on it.
 *
 * Terms and privacy policy carry the contract: they end with it, i.e. by deleting the account. The
 * guest's consent to processing health-related data (Art. 9(2)(a), participants.consented_at) is
 * withdrawn by leaving the consultation; its data goes when the consultation ends.
 */
export const consentWithdrawal: Record<ConsentDocument, 'deleteAccount' | 'withdraw'> = {
  terms: 'deleteAccount',
  privacy: 'deleteAccount',
};
