import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { SessionState } from '../../../common/api/accounts';
import type { PasskeyView } from '../../../common/api/passkeys';
import { request } from './client';

type Options = { options: Record<string, unknown> };
type Ok = { ok: true };

/** The browser's part failed: no support, the person cancelled, or the time ran out. Nothing was sent. */
export class PasskeyCancelled extends Error {
  constructor(
    readonly reason: 'unsupported' | 'cancelled',
    cause?: unknown,
  ) {
    super(reason, { cause });
    this.name = 'PasskeyCancelled';
  }
}

export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

async function create(options: Options) {
  if (!passkeysSupported()) throw new PasskeyCancelled('unsupported');
  try {
    return await startRegistration({ optionsJSON: options.options as never });
  } catch (error) {
    throw new PasskeyCancelled('cancelled', error);
  }
}

async function get(options: Options) {
  if (!passkeysSupported()) throw new PasskeyCancelled('unsupported');
  try {
    return await startAuthentication({ optionsJSON: options.options as never });
  } catch (error) {
    throw new PasskeyCancelled('cancelled', error);
  }
}

export const listPasskeys = () => request<{ passkeys: PasskeyView[] }>('GET', '/api/profile/passkeys');

/** Asks the server for a challenge, lets the browser create the passkey, and registers it under `name`. */
export async function addPasskey(name: string): Promise<PasskeyView> {
  const response = await create(await request<Options>('POST', '/api/profile/passkeys/options'));
  return request<PasskeyView>('POST', '/api/profile/passkeys', { name, response });
}

export const renamePasskey = (id: string, name: string) => request<PasskeyView>('PATCH', `/api/profile/passkeys/${id}`, { name });

export const removePasskey = (id: string, currentPassword: string, secondFactorCode?: string) =>
  request<Ok>('POST', `/api/profile/passkeys/${id}/remove`, { currentPassword, ...(secondFactorCode ? { secondFactorCode } : {}) });

/** A sign-in with a passkey alone; the caller publishes the session. */
export async function signInWithPasskey(): Promise<SessionState> {
  const response = await get(await request<Options>('POST', '/api/session/passkey/options'));
  return request<SessionState>('POST', '/api/session/passkey', { response });
}

/** The step after a right password, with one of the account's passkeys. */
export async function completeLoginWithPasskey(): Promise<SessionState> {
  const response = await get(await request<Options>('POST', '/api/session/second-factor/passkey/options'));
  return request<SessionState>('POST', '/api/session/second-factor/passkey', { response });
}

/** Checks a passkey for the next sensitive action of this session (the form then asks only the password). */
export async function confirmWithPasskey(): Promise<void> {
  const response = await get(await request<Options>('POST', '/api/profile/passkeys/fresh-check/options'));
  await request<Ok>('POST', '/api/profile/passkeys/fresh-check', { response });
}
