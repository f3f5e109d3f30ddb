import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { FieldCipher } from '../security/field-crypto';
import { KNOWN_DEVICE_DAYS, KnownDevices } from './known-devices';

const DAY_MS = 24 * 60 * 60 * 1000;
const key = Buffer.alloc(32, 1);
const accountId = '5b0f3f7e-0d5c-4d7e-9a55-3f2b1c0e8a11';

describe('device cookie (issue #16: only the server can vouch that an account logged in here)', () => {
  it('vouches for the account it was issued to, for 180 days after the login', () => {
    const clock = new ManualClock();
    const devices = new KnownDevices(new FieldCipher(key), clock);
    const value = devices.issue(accountId);
    expect(value).not.toContain(accountId);
    expect(devices.accountOf(value)).toBe(accountId);
    clock.advance(KNOWN_DEVICE_DAYS * DAY_MS - 1000);
    expect(devices.accountOf(value)).toBe(accountId);
    clock.advance(1000);
    expect(devices.accountOf(value)).toBeUndefined();
  });

  it('vouches for nobody with a forged, altered or foreign value', () => {
    const clock = new ManualClock();
    const cipher = new FieldCipher(key);
    const devices = new KnownDevices(cipher, clock);
    const value = devices.issue(accountId);
    const altered = `${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`;
    const forgedPayload = JSON.stringify({ account: accountId, issuedAt: clock.now().getTime() });
    expect(devices.accountOf(undefined)).toBeUndefined();
    expect(devices.accountOf('')).toBeUndefined();
    expect(devices.accountOf('not a sealed value')).toBeUndefined();
    expect(devices.accountOf(altered)).toBeUndefined();
    // Sealed with the right key but for a database column: the context is authenticated too.
    expect(devices.accountOf(cipher.encrypt(forgedPayload, 'accounts.email'))).toBeUndefined();
    // Sealed by another installation (another key).
    expect(new KnownDevices(new FieldCipher(Buffer.alloc(32, 2)), clock).accountOf(value)).toBeUndefined();
  });

  it('stays valid across a key rotation while the former key is configured', () => {
    const clock = new ManualClock();
    const value = new KnownDevices(new FieldCipher(key), clock).issue(accountId);
    const newKey = Buffer.alloc(32, 3);
    expect(new KnownDevices(new FieldCipher(newKey, [key]), clock).accountOf(value)).toBe(accountId);
    expect(new KnownDevices(new FieldCipher(newKey), clock).accountOf(value)).toBeUndefined();
  });
});
