import { createHash } from 'node:crypto';
import type { ContactChallenge } from '../../common/api/support';
import { leadingZeroBits, proofInput } from '../../common/proof-of-work';
import type { ApiClient } from './app';

/** Does what the browser does with WebCrypto: tries nonces until the hash has enough zero bits. */
export function solve(challenge: ContactChallenge): string {
  for (let nonce = 0; ; nonce += 1) {
    const digest = createHash('sha256')
      .update(proofInput(challenge.challenge, String(nonce)))
      .digest();
    if (leadingZeroBits(digest) >= challenge.bits) return String(nonce);
  }
}

export async function solvedProof(client: ApiClient): Promise<{ challenge: string; nonce: string }> {
  const challenge = (await client.get('/api/contact/challenge')).json<ContactChallenge>();
  return { challenge: challenge.challenge, nonce: solve(challenge) };
}

let counter = 0;

/** A contact-form request as a visitor sends it; returns the server's answer. */
export async function sendContactRequest(client: ApiClient, overrides: Record<string, unknown> = {}) {
  counter += 1;
  return client.post('/api/contact', {
    name: 'Clara Contact',
    email: `clara.${counter}.${Date.now()}@example.org`,
    subject: `Frage ${counter}`,
    message: 'Wie lange werden meine Daten gespeichert?',
    locale: 'de',
    ...overrides,
    proof: overrides.proof ?? (await solvedProof(client)),
  });
}
