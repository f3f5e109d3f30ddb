/**
 * The safety code of one connection (P-12): both browsers derive it from the two DTLS certificates
 * actually in use on their connection, so two people who read the same code to each other know that
 * no one terminates the encryption between them. A man in the middle (say, whoever controls the
 * signaling server) must present its own certificate to each side: the host then computes a code over
 * (host, attacker) and the guest over (guest, attacker), and the two differ.
 *
 * Where the browser reports certificate stats (Chromium: `transport.localCertificateId` /
 * `remoteCertificateId`), those are used. Firefox does not report them; there the fingerprints come
 * from the negotiated descriptions. That is equally sound: DTLS refuses a peer whose certificate
 * does not match the fingerprint in the remote description, so the fingerprint there is the
 * certificate the connection really uses, whoever relayed it.
 *
 * 64 bits (the first 8 bytes of a SHA-256): matching a code by chance is 1 in 1.8·10¹⁹; an attacker
 * who wanted two matching codes would have to generate about 2³² certificates between seeing the
 * offer and answering it.
 */

type StatsEntry = Record<string, unknown> & { type?: string; id?: string };

/** Our certificate and the other side's on one connection, each as "sha-256 AB:CD:…". */
export interface LinkFingerprints {
  readonly local: string;
  readonly remote: string;
  readonly source: 'stats' | 'description';
}

/** Changing it changes every code: both sides must run the same version. */
const DOMAIN = 'sprechzimmer safety code v1';
const SAFETY_CODE_BYTES = 8;

/** One spelling for both sources and both browsers: lower-case algorithm, upper-case hex pairs with colons. */
export function normalizeFingerprint(algorithm: string, value: string): string | null {
  const hex = value.replace(/:/g, '').toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex) || hex.length % 2 !== 0 || hex.length < 40) return null;
  return `${algorithm.trim().toLowerCase()} ${hex.match(/../g)!.join(':')}`;
}

function certificate(entry: StatsEntry | undefined): string | null {
  if (!entry || typeof entry.fingerprint !== 'string' || typeof entry.fingerprintAlgorithm !== 'string') return null;
  return normalizeFingerprint(entry.fingerprintAlgorithm, entry.fingerprint);
}

/** From certificate stats of the connected DTLS transport (null where the browser has none). */
export function fingerprintsFromStats(report: RTCStatsReport | ReadonlyMap<string, StatsEntry>): LinkFingerprints | null {
  const entries: StatsEntry[] = [];
  report.forEach((value: unknown) => entries.push(value as StatsEntry));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const transports = entries.filter((entry) => entry.type === 'transport' && entry.localCertificateId && entry.remoteCertificateId);
  const transport = transports.find((entry) => entry.dtlsState === 'connected') ?? transports[0];
  if (!transport) return null;
  const local = certificate(byId.get(transport.localCertificateId as string));
  const remote = certificate(byId.get(transport.remoteCertificateId as string));
  return local && remote ? { local, remote, source: 'stats' } : null;
}

/** The first `a=fingerprint` of a description (with BUNDLE every section carries the same one). */
export function fingerprintOfDescription(sdp: string): string | null {
  const line = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/m.exec(sdp);
  return line ? normalizeFingerprint(line[1]!, line[2]!) : null;
}

/** From the negotiated (current) descriptions; null before negotiation completed. */
export function fingerprintsFromDescriptions(localSdp: string | null, remoteSdp: string | null): LinkFingerprints | null {
  const local = localSdp ? fingerprintOfDescription(localSdp) : null;
  const remote = remoteSdp ? fingerprintOfDescription(remoteSdp) : null;
  return local && remote ? { local, remote, source: 'description' } : null;
}

/** A key that changes exactly when either certificate changes (the same on both sides). */
export function fingerprintKey(fingerprints: LinkFingerprints): string {
  return [fingerprints.local, fingerprints.remote].sort().join('\n');
}

export type Digest = (data: Uint8Array) => Promise<ArrayBuffer>;
const sha256: Digest = (data) => crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);

/**
 * The code as 16 hex digits. The two fingerprints are sorted, so the host's (mine, theirs) and the
 * guest's (mine, theirs) give the same input.
 */
export async function deriveSafetyCode(fingerprints: LinkFingerprints, digest: Digest = sha256): Promise<string> {
  const input = new TextEncoder().encode(`${DOMAIN}\n${fingerprintKey(fingerprints)}`);
  const hash = new Uint8Array(await digest(input));
  return [...hash.slice(0, SAFETY_CODE_BYTES)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function bytesOf(code: string): number[] {
  if (!/^[0-9a-f]{16}$/.test(code)) throw new Error('a safety code has 16 hex digits');
  return code.match(/../g)!.map((pair) => parseInt(pair, 16));
}

/** Eight words, one per byte, from a 256-word list. */
export function safetyWords(code: string, words: readonly string[]): string[] {
  if (words.length !== 256) throw new Error('a safety word list has 256 words');
  return bytesOf(code).map((byte) => words[byte]!);
}

/** The inverse of {@link safetyWords} (for the round-trip test and for typed-in codes); null if a word is unknown. */
export function codeFromWords(spoken: readonly string[], words: readonly string[]): string | null {
  const index = new Map(words.map((word, i) => [word.toLowerCase(), i]));
  const bytes = spoken.map((word) => index.get(word.toLowerCase()));
  if (bytes.length !== SAFETY_CODE_BYTES || bytes.some((byte) => byte === undefined)) return null;
  return bytes.map((byte) => byte!.toString(16).padStart(2, '0')).join('');
}

/**
 * The same 64 bits as 20 decimal digits in four groups of five: what two people compare when their
 * pages show different languages (the words differ, the digits do not).
 */
export function safetyDigits(code: string): string {
  bytesOf(code);
  return BigInt(`0x${code}`).toString(10).padStart(20, '0').match(/.{5}/g)!.join(' ');
}
