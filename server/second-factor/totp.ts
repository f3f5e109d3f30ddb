import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults, which every authenticator app understands. */
export const TOTP_PERIOD_SECONDS = 30;
/** A code of the step before or after now is accepted too: phone clocks drift and people type slowly. */
const TOTP_DRIFT_STEPS = 1;
const DIGITS = 6;

function totp(secret: string, issuer = '', label = ''): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** 160 random bits (the RFC 4226 recommendation), as base32 for typing into an app by hand. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an app reads from the QR code (drawn in the browser, never by a third party). */
export function totpUri(secret: string, issuer: string, label: string): string {
  return totp(secret, issuer, label).toString();
}

/** The time step a code belongs to, if it is valid within the drift around `now`; else undefined. */
export function matchingStep(secret: string, code: string, now: Date): number | undefined {
  const timestamp = now.getTime();
  const delta = totp(secret).validate({ token: code, timestamp, window: TOTP_DRIFT_STEPS });
  if (delta === null) return undefined;
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp }) + delta;
}

/** The code an app shows at `at` (tests act as the person's phone). */
export function totpCodeAt(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}
