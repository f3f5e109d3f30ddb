import { createHash } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import bcrypt from 'bcrypt';
import { PASSWORD_MIN_LENGTH } from '../../common/api/fields';

/**
 * bcrypt reads only the first 72 bytes of its input, so two long passwords with the same start
 * would match. We feed it the base64 SHA-256 of the password instead (44 ASCII bytes, no NUL):
 * every character of a 128-character password counts.
 */
function prehash(password: string): string {
  return createHash('sha256').update(password.normalize('NFC'), 'utf8').digest('base64');
}

export class PasswordHasher {
  /** Compared against when the account does not exist, so both answers take equally long. */
  private readonly dummyHash: Promise<string>;

  constructor(private readonly cost: number) {
    this.dummyHash = bcrypt.hash(prehash('no account has this password'), cost);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(prehash(password), this.cost);
  }

  /** An empty hash (an invited member who has not set a password yet) never matches. */
  verify(password: string, hash: string | undefined): Promise<boolean> {
    if (!hash) return this.dummyHash.then((dummy) => bcrypt.compare(prehash(password), dummy)).then(() => false);
    return bcrypt.compare(prehash(password), hash);
  }
}

/** Passwords people pick first, plus German ones the English list lacks. */
const germanCommon = [
  'passwort123',
  'passwort1234',
  'passwort12345',
  'hallo12345',
  'hallo123456',
  'schatz12345',
  'fussball123',
  'fußball123',
  'sommer2024!',
  'willkommen1',
  'willkommen123',
  'geheim12345',
  'sprechzimmer',
  'sprechzimmer1',
  'sprechzimmer123',
  'praxis12345',
];

const commonPasswords = new Set(
  [...dictionary['passwords-common'], ...germanCommon]
    .filter((password) => password.length >= PASSWORD_MIN_LENGTH)
    .map((password) => password.toLowerCase()),
);

export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return true;
  // One repeated character or a plain run of digits is as weak as any list entry.
  return /^(.)\1+$/.test(lowered) || (/^\d+$/.test(lowered) && '01234567890123456789'.includes(lowered));
}
