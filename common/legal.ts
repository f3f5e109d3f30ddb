/** Versions of the texts a customer accepts at registration (P-05). Bump when the text changes. */
export const TERMS_VERSION = '2026-11-28';
export const PRIVACY_POLICY_VERSION = '2026-11-28';
