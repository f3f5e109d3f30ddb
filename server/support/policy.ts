/**
 * The contact form's spam protection (P-02), all of it on our own server: no third party sees a
 * visitor. The honeypot catches naive bots, the per-client limit (throttle policy
 * `contactRequestsPerClient`) floods, and the proof of work makes every submission cost a browser
 * about half a second of hashing, a spammer's millions of them real money.
 */

/**
 * Leading zero bits of SHA-256(`challenge:nonce`): 2^14 ≈ 16 000 tries on average, while the server
 * checks with a single hash. Headless Chromium on the shared 2-core CI machine solved and sent in
 * 0.35 s (e2e/contact-operator.e2e.ts prints it); a phone a few times slower stays around a second.
 */
export const PROOF_OF_WORK_BITS = 14;

/** A challenge is solved at sending; minutes are plenty, and fewer spent ids have to be remembered. */
export const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;
