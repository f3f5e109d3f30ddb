import * as z from 'zod';
import { anyPassword } from './fields';
import { deletionReceiptPage } from './retention';

/** Operator staff: a platform role with a login of its own (never a customer account). */

export const operatorLoginRequest = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((value) => value.toLowerCase()),
  password: anyPassword,
});

const operatorView = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type OperatorView = z.infer<typeof operatorView>;

export const operatorSessionResponse = z.object({ operator: operatorView.nullable() });
export type OperatorSessionResponse = z.infer<typeof operatorSessionResponse>;

/**
 * The password step (issue 12): never the operator login itself. `enrol`: set up an authenticator app
 * first (first sign-in, or after the CLI reset it); `code`: a code of the app or a recovery code.
 */
export const operatorLoginResponse = z.object({ operator: z.null(), secondFactor: z.enum(['enrol', 'code']) });
export type OperatorLoginResponse = z.infer<typeof operatorLoginResponse>;

/** The second factor passed: the operator login. `recoveryCodesLeft` after a recovery code was used. */
export const operatorSignedInResponse = z.object({ operator: operatorView, recoveryCodesLeft: z.number().int().min(0).optional() });
export type OperatorSignedInResponse = z.infer<typeof operatorSignedInResponse>;

/** The app confirmed at the first sign-in: the login, and the first recovery codes, shown this once. */
export const operatorEnrolledResponse = z.object({ operator: operatorView, recoveryCodes: z.array(z.string()) });
export type OperatorEnrolledResponse = z.infer<typeof operatorEnrolledResponse>;

/** Whether the receipt chain is whole; `brokenAt` is the first receipt whose link does not hold. */
const chainStatus = z.object({
  intact: z.boolean(),
  /** Receipts checked before the first break (all of them when intact). */
  checked: z.number().int(),
  brokenAt: z.number().int().nullable(),
  reason: z.enum(['hash_mismatch', 'previous_hash_mismatch', 'sequence_gap', 'start_missing']).nullable(),
});

/** `chain` comes with the first page only (verifying reads every receipt). */
export const operatorReceiptPage = deletionReceiptPage.extend({ chain: chainStatus.nullable() });
export type OperatorReceiptPage = z.infer<typeof operatorReceiptPage>;

/** The Art. 30 record of processing activities for the operator area, in both forms it is downloaded in. */
export const art30Query = z.strictObject({ lang: z.enum(['de', 'en']).default('de') });
export const art30Response = z.object({ markdown: z.string(), record: z.looseObject({}) });
export type Art30Download = z.infer<typeof art30Response>;

/** An account whose processing is restricted (Art. 18): what operator staff need to find it and lift it. */
const restrictedAccount = z.object({ id: z.string(), name: z.string(), email: z.string(), restrictedAt: z.string() });
export type RestrictedAccount = z.infer<typeof restrictedAccount>;
export const restrictedAccountList = z.object({ accounts: z.array(restrictedAccount) });
export const restrictedAccountParams = z.strictObject({ accountId: z.uuid() });

/** The live Anlage 31b / GDPR self-check (server/selfcheck/), in the language asked for. */
const selfCheckStatus = z.enum(['pass', 'warn', 'fail']);
export const selfCheckQuery = z.strictObject({ lang: z.enum(['de', 'en']).default('de') });
const selfCheckFinding = z.object({ id: z.string(), status: selfCheckStatus, title: z.string(), detail: z.string() });
export const selfCheckResponse = z.object({
  status: selfCheckStatus,
  checkedAt: z.string(),
  version: z.string(),
  findings: z.array(selfCheckFinding),
});
export type SelfCheckView = z.infer<typeof selfCheckResponse>;
/** The evidence pack for a certification audit: Markdown and the same as JSON. */
export const evidencePackResponse = z.object({ markdown: z.string(), pack: z.looseObject({}) });
export type EvidencePackDownload = z.infer<typeof evidencePackResponse>;
