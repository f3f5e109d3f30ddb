import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, FieldDecryptionError, SEALED_PATTERN } from './field-crypto';

const key = Buffer.alloc(32, 1);
const otherKey = Buffer.alloc(32, 2);
const context = 'accounts.last_name';

function flipCharacter(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe('field encryption (P-21)', () => {
  it('opens what it sealed, in the versioned text format, without the plaintext in it', () => {
    const cipher = new FieldCipher(key);
    // Another process's cipher: the writer knows what it sealed without opening it (opened-values.ts).
    const reader = new FieldCipher(key);
    for (const plaintext of ['Mustermann', '', 'Ŝtraße 17 ✓', 'x'.repeat(5000)]) {
      const sealed = cipher.encrypt(plaintext, context);
      expect(sealed).toMatch(SEALED_PATTERN);
      expect(sealed.startsWith(`v1.${cipher.currentKeyId}.`)).toBe(true);
      if (plaintext) expect(sealed).not.toContain(plaintext);
      expect(reader.decrypt(sealed, context)).toBe(plaintext);
      expect(cipher.decrypt(sealed, context)).toBe(plaintext);
    }
  });

  it('seals the same text differently every time', () => {
    const cipher = new FieldCipher(key);
    const sealed = new Set(Array.from({ length: 50 }, () => cipher.encrypt('Erika', context)));
    expect(sealed.size).toBe(50);
  });

  it('detects any change to the ciphertext, the iv or the tag', () => {
    const cipher = new FieldCipher(key);
    const sealed = cipher.encrypt('Mustermann', context);
    const [version, keyId, iv, body] = sealed.split('.') as [string, string, string, string];
    const altered = [
      [version, keyId, flipCharacter(iv, 3), body],
      [version, keyId, iv, flipCharacter(body, 0)],
      [version, keyId, iv, flipCharacter(body, body.length - 2)],
    ].map((parts) => parts.join('.'));
    for (const value of altered) expect(() => cipher.decrypt(value, context)).toThrow(FieldDecryptionError);
  });

  it('refuses a value moved into another column', () => {
    const cipher = new FieldCipher(key);
    const sealed = cipher.encrypt('erika@example.org', 'accounts.email');
    expect(() => cipher.decrypt(sealed, 'accounts.last_name')).toThrow(/failed authentication/);
  });

  it('cannot open with a wrong key, and names the missing key id', () => {
    const sealed = new FieldCipher(key).encrypt('Mustermann', context);
    const stranger = new FieldCipher(otherKey);
    expect(() => stranger.decrypt(sealed, context)).toThrow(/not configured: add that key to DATA_ENCRYPTION_KEYS_OLD/);
    // Same key id forged onto a value sealed with another key: authentication fails.
    const forged = sealed.replace(new FieldCipher(key).currentKeyId, stranger.currentKeyId);
    expect(() => stranger.decrypt(forged, context)).toThrow(/failed authentication/);
  });

  it('keeps recently opened plaintexts without relaxing a check (issue 17)', () => {
    const sealed = new FieldCipher(key).encrypt('Mustermann', context);
    const cipher = new FieldCipher(key);
    expect(cipher.decrypt(sealed, context)).toBe('Mustermann');
    expect(cipher.decrypt(sealed, context)).toBe('Mustermann');
    // Opened once in its own column, the same text still fails in another, and altered copies fail.
    expect(() => cipher.decrypt(sealed, 'accounts.first_name')).toThrow(/failed authentication/);
    const [version, keyId, iv, body] = sealed.split('.') as [string, string, string, string];
    expect(() => cipher.decrypt([version, keyId, iv, flipCharacter(body, 0)].join('.'), context)).toThrow(FieldDecryptionError);
    // A cipher that keeps nothing opens the same.
    expect(new FieldCipher(key, [], { entries: 0, ttlMs: 0 }).decrypt(sealed, context)).toBe('Mustermann');
  });

  it('refuses plaintext where a sealed value belongs', () => {
    expect(() => new FieldCipher(key).decrypt('Mustermann', context)).toThrow(/not encrypted/);
  });

  it('opens values of an older key after a rotation and seals new ones with the new key', () => {
    const before = new FieldCipher(key);
    const sealed = before.encrypt('Mustermann', context);
    const after = new FieldCipher(otherKey, [key]);
    expect(after.decrypt(sealed, context)).toBe('Mustermann');
    expect(FieldCipher.keyIdOf(after.encrypt('Mustermann', context))).toBe(after.currentKeyId);
    expect(after.currentKeyId).not.toBe(before.currentKeyId);
    expect(after.keyIds).toEqual([after.currentKeyId, before.currentKeyId]);
  });

  it('gives a stable blind index per address and key, case-insensitive, different per key', () => {
    const cipher = new FieldCipher(key);
    const index = cipher.emailIndex('erika@example.org');
    expect(new FieldCipher(key).emailIndex(' Erika@Example.ORG ')).toBe(index);
    expect(cipher.emailIndex('erika2@example.org')).not.toBe(index);
    expect(index).not.toContain('erika');
    expect(new FieldCipher(otherKey).emailIndex('erika@example.org')).not.toBe(index);
    expect(new FieldCipher(otherKey, [key]).emailIndexes('erika@example.org')).toEqual([new FieldCipher(otherKey).emailIndex('erika@example.org'), index]);
  });

  it('derives a key id that does not depend on anything but the key', () => {
    const random = randomBytes(32);
    expect(new FieldCipher(random).currentKeyId).toBe(new FieldCipher(Buffer.from(random)).currentKeyId);
    expect(new FieldCipher(random).currentKeyId).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(() => new FieldCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
