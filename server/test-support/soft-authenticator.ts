import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A passkey authenticator in software for server tests: an ES256 key pair per credential, the
 * attestation and assertion formats of WebAuthn Level 2 ("none" attestation), and a signature
 * counter. It answers the options the server hands out, as a browser with a security key would,
 * so the server's verification (@simplewebauthn/server) runs unchanged.
 */

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_DATA = 0x40;

interface Credential {
  id: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  userHandle: string;
  rpId: string;
  counter: number;
}

const b64 = (data: Uint8Array) => Buffer.from(data).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}

function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x ?? '', 'base64url')],
      [-3, Buffer.from(jwk.y ?? '', 'base64url')],
    ]),
  );
}

export interface SoftAuthenticatorOptions {
  origin: string;
  /** Whether it reports user verification (a PIN or a fingerprint); a plain security key does not. */
  userVerified?: boolean;
  /** Signature counters that never move, as many synced passkeys report (0 always). */
  fixedCounter?: boolean;
}

export class SoftAuthenticator {
  private readonly credentials: Credential[] = [];

  constructor(private readonly options: SoftAuthenticatorOptions) {}

  private flags(extra = 0): number {
    return FLAG_USER_PRESENT | (this.options.userVerified === false ? 0 : FLAG_USER_VERIFIED) | extra;
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin = this.options.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** Answers registration options (what `startRegistration()` would send back). */
  register(options: Record<string, unknown>, origin?: string) {
    const rp = options.rp as { id: string };
    const user = options.user as { id: string };
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credential: Credential = { id: randomBytes(16), privateKey, publicKey, userHandle: user.id, rpId: rp.id, counter: 0 };
    this.credentials.push(credential);
    const authData = Buffer.concat([
      sha256(rp.id),
      Buffer.from([this.flags(FLAG_ATTESTED_DATA)]),
      uint32(0),
      Buffer.alloc(16), // AAGUID: none
      Buffer.from([0, credential.id.length]),
      credential.id,
      coseKey(publicKey),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]) as never,
    );
    return {
      id: b64(credential.id),
      rawId: b64(credential.id),
      type: 'public-key' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(this.clientData('webauthn.create', options.challenge as string, origin)),
        attestationObject: b64(attestationObject),
        transports: ['usb' as const],
      },
    };
  }

  /**
   * Answers authentication options with the newest credential allowed (or any, for a discoverable
   * sign-in). `credentialIndex` picks an older one.
   */
  authenticate(options: Record<string, unknown>, { origin, credentialIndex }: { origin?: string; credentialIndex?: number } = {}) {
    const credential = credentialIndex === undefined ? this.credentials.at(-1) : this.credentials[credentialIndex];
    if (!credential) throw new Error('the soft authenticator holds no credential');
    if (!this.options.fixedCounter) credential.counter += 1;
    return this.assertion(credential, options.challenge as string, credential.counter, origin);
  }

  /** A signature with a counter chosen by the test (a cloned authenticator reports an old one). */
  assertion(credential: Credential | number, challenge: string, counter: number, origin?: string) {
    const held = typeof credential === 'number' ? this.credentials[credential] : credential;
    if (!held) throw new Error('no such credential');
    const authData = Buffer.concat([sha256(held.rpId), Buffer.from([this.flags()]), uint32(counter)]);
    const clientDataJSON = this.clientData('webauthn.get', challenge, origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), held.privateKey);
    return {
      id: b64(held.id),
      rawId: b64(held.id),
      type: 'public-key' as const,
      clientExtensionResults: {},
      response: { clientDataJSON: b64(clientDataJSON), authenticatorData: b64(authData), signature: b64(signature), userHandle: held.userHandle },
    };
  }
}
