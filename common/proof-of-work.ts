/**
 * The contact form's proof of work, shared by the browser (which searches) and the server (which
 * checks once): SHA-256 of `challenge:nonce` must begin with the challenge's number of zero bits.
 */
export function proofInput(challenge: string, nonce: string): string {
  return `${challenge}:${nonce}`;
}

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}
