import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { OpenedValues, OPENED_VALUES_DEFAULTS, type OpenedValuesOptions } from './opened-values';

/**
 * Encryption at rest of personal fields (P-21): AES-256-GCM per value, so a copy of the database
 * files or a backup reveals no name, address or e-mail address without the data key.
 *
 * A sealed value is text: `v1.<keyId>.<iv>.<ciphertext+tag>`, each part base64url. The key id names
 * the data key it was sealed with, so values sealed under an older key stay readable while
 * `npm run keys:rotate` re-seals them. The column's name is authenticated with every value (AAD):
 * a ciphertext copied into another column does not decrypt.
 *
 * Equality look-ups (e-mail at login) cannot search ciphertext, which differs on every write; they
 * use a blind index instead: HMAC-SHA-256 of the normalised value under a key derived separately.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;
/** A sealed value as the database may check for it (a plaintext that looks like this is not a risk in practice). */
export const SEALED_PATTERN = /^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

export class FieldDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldDecryptionError';
  }
}

interface DerivedKey {
  id: string;
  encryption: Buffer;
  index: Buffer;
  /** The key of one purpose other than stored fields (see `FieldCipher.forPurpose`). */
  purpose(label: string): Buffer;
}

/** Separate keys for separate purposes, so the blind index never uses the encryption key itself. */
function derive(dataKey: Buffer): DerivedKey {
  if (dataKey.length !== DATA_KEY_BYTES) throw new Error(`a data key has ${DATA_KEY_BYTES} bytes, got ${dataKey.length}`);
  const part = (info: string, bytes: number) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `sprechzimmer ${info}`, bytes));
  // Derived once per label (the labels are the code's own, a handful): every login digests its
  // browser id with one, and HKDF per call was a measurable share of a login's main thread (issue 17).
  const purposes = new Map<string, Buffer>();
  const purpose = (label: string) => {
    const known = purposes.get(label);
    if (known) return known;
    const derived = part(`purpose ${label} v1`, 32);
    purposes.set(label, derived);
    return derived;
  };
  // The id is derived too: it names the key without revealing anything about it, and cannot be mislabelled.
  return {
    id: part('key id v1', 6).toString('base64url'),
    encryption: part('field encryption v1', 32),
    index: part('blind index v1', 32),
    purpose,
  };
}

function sealWith(key: Buffer, keyId: string, context: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${VERSION}.${keyId}.${context}`));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${keyId}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** Throws on any alteration: `context` must be the one the value was sealed with. */
function openWith(key: Buffer, keyId: string, context: string, ivText: string, sealedText: string): string {
  const sealed = Buffer.from(sealedText, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(`${VERSION}.${keyId}.${context}`));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** E-mail addresses compare case-insensitively; the index must too. */
function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

export class FieldCipher {
  private readonly current: DerivedKey;
  private readonly byId: Map<string, DerivedKey>;
  private readonly opened: OpenedValues;

  /**
   * `current` seals every new value; `older` keys only open values sealed before a rotation.
   * `opened` bounds the plaintexts kept from recent openings (`entries: 0` keeps none).
   */
  constructor(current: Buffer, older: readonly Buffer[] = [], opened: OpenedValuesOptions = OPENED_VALUES_DEFAULTS) {
    this.current = derive(current);
    this.byId = new Map([this.current, ...older.map(derive)].map((key) => [key.id, key]));
    this.opened = new OpenedValues(opened);
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  /** Every configured key id, the current one first. */
  get keyIds(): string[] {
    return [...this.byId.keys()];
  }

  /** `context` (table.column) is authenticated with the value: it must be the same to open it. */
  encrypt(plaintext: string, context: string): string {
    const sealed = sealWith(this.current.encryption, this.current.id, context, plaintext);
    // A row is often read back right after it is written (a login, then the page load).
    this.opened.sealed(context, sealed, plaintext);
    return sealed;
  }

  decrypt(value: string, context: string): string {
    return this.opened.get(context, value, () => this.open(value, context));
  }

  private open(value: string, context: string): string {
    if (!SEALED_PATTERN.test(value)) throw new FieldDecryptionError(`${context} holds a value that is not encrypted`);
    const [, keyId = '', ivText = '', sealedText = ''] = value.split('.');
    const key = this.byId.get(keyId);
    if (!key) {
      throw new FieldDecryptionError(`${context} was encrypted with data key ${keyId}, which is not configured: add that key to DATA_ENCRYPTION_KEYS_OLD`);
    }
    try {
      return openWith(key.encryption, keyId, context, ivText, sealedText);
    } catch {
      throw new FieldDecryptionError(`${context} failed authentication: the value was altered or sealed for another column`);
    }
  }

  /**
   * Seals values for one purpose other than stored fields, e.g. a short-lived ticket handed to a
   * browser: under a key derived from the data key with HKDF and the purpose's own label, so neither
   * the field key nor another purpose's key opens it, and nothing sealed here opens as a field.
   */
  forPurpose(label: string): PurposeSealer {
    return new PurposeSealer(label, this.current, [...this.byId.values()]);
  }

  /**
   * Keyed hashes (HMAC-SHA256) of a value for one purpose under every configured key, the current one
   * first: what is stored is the first, a look-up searches all, so a key rotation forgets nothing.
   */
  digests(label: string, value: string): string[] {
    return [...this.byId.values()].map((key) =>
      createHmac('sha256', key.purpose(`digest ${label}`))
        .update(value)
        .digest('base64url'),
    );
  }

  /** The key id a sealed value names, or undefined for anything else. */
  static keyIdOf(value: string): string | undefined {
    return SEALED_PATTERN.test(value) ? value.split('.')[1] : undefined;
  }

  /** Blind index of an e-mail address under the current key (what is written). */
  emailIndex(email: string): string {
    return FieldCipher.indexUnder(this.current, email);
  }

  /**
   * Blind indexes of an e-mail address under every configured key (what a look-up searches): during
   * a rotation some rows still carry the index of an older key.
   */
  emailIndexes(email: string): string[] {
    return [...this.byId.values()].map((key) => FieldCipher.indexUnder(key, email));
  }

  private static indexUnder(key: DerivedKey, email: string): string {
    return createHmac('sha256', key.index)
      .update(`email:${normaliseEmail(email)}`)
      .digest('base64url');
  }
}

/** What `FieldCipher.forPurpose` returns: values sealed under the current data key, opened under any configured one. */
export class PurposeSealer {
  private readonly current: { id: string; key: Buffer };
  private readonly byId: Map<string, Buffer>;

  constructor(
    private readonly label: string,
    current: DerivedKey,
    all: readonly DerivedKey[],
  ) {
    this.current = { id: current.id, key: current.purpose(label) };
    this.byId = new Map(all.map((key) => [key.id, key.purpose(label)]));
  }

  seal(plaintext: string): string {
    return sealWith(this.current.key, this.current.id, `purpose:${this.label}`, plaintext);
  }

  /** Throws FieldDecryptionError for anything not sealed by this purpose under a configured key, or altered since. */
  open(value: string): string {
    if (!SEALED_PATTERN.test(value)) throw new FieldDecryptionError(`not a sealed ${this.label}`);
    const [, keyId = '', ivText = '', sealedText = ''] = value.split('.');
    const key = this.byId.get(keyId);
    if (!key) throw new FieldDecryptionError(`a ${this.label} sealed under a data key that is not configured`);
    try {
      return openWith(key, keyId, `purpose:${this.label}`, ivText, sealedText);
    } catch {
      throw new FieldDecryptionError(`a ${this.label} failed authentication: altered, or sealed for another purpose`);
    }
  }
}
