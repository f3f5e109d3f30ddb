import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { lastSecondFactor, type RequirementStore } from '../second-factor/requirement';
import type { Throttle } from '../throttle/throttle';
import type { ChallengePurpose, ChallengeStore } from './challenges';
import { CHALLENGE_LIFETIME_MS, MAX_PASSKEYS_PER_ACCOUNT, userHandleOf } from './policy';
import type { PasskeyRow, PasskeyStore } from './store';

/**
 * The WebAuthn library with its certificate and ASN.1 parsers, loaded at the first passkey request:
 * evaluating it was 9 % of a restart (issue 17), and most starts never see a passkey before the next.
 */
const webAuthn = () => import('@simplewebauthn/server');

interface RelyingParty {
  /** The RP ID: PUBLIC_URL's host name. A passkey made for it works nowhere else. */
  id: string;
  /** PUBLIC_URL's origin: an answer signed for any other page is refused. */
  origin: string;
  /** Shown by the browser and the authenticator ("Save a passkey for …"). */
  name: string;
}

export interface PasskeyDeps {
  store: PasskeyStore;
  challenges: ChallengeStore;
  requirement: RequirementStore;
  throttle: Throttle;
  clock: Clock;
  relyingParty: RelyingParty;
}

/** `cause`: the library's reason, kept on the error for the log (the person sees only the code). */
function invalid(cause?: unknown): AppError {
  const error = new AppError('passkey_invalid', 'This passkey could not be checked. Please try again, or use another way to sign in.');
  if (cause !== undefined) error.cause = cause;
  return error;
}

function expired(): AppError {
  return new AppError('passkey_expired', 'The passkey request has expired or was already answered. Please try again.');
}

/** The challenge the browser signed, read from its clientDataJSON; undefined when it is not readable. */
function signedChallenge(clientDataJSON: string): string | undefined {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).challenge : undefined;
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{1,200}$/.test(challenge) ? challenge : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * Passkeys (WebAuthn; issue 12): registered from the profile, used as a second factor after the
 * password, or alone — a discoverable credential with user verification is something the person has
 * and something they know or are. Verification is @simplewebauthn/server's; this service decides
 * which challenge, which credential and which account.
 */
export class PasskeyService {
  constructor(private readonly deps: PasskeyDeps) {}

  list(accountId: string): Promise<PasskeyRow[]> {
    return this.deps.store.list(accountId);
  }

  count(accountId: string): Promise<number> {
    return this.deps.store.count(accountId);
  }

  /** Options for `navigator.credentials.create`: a discoverable credential, user verification required. */
  async registrationOptions(account: { id: string; email: string; displayName: string }): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.deps.store.list(account.id);
    if (existing.length >= MAX_PASSKEYS_PER_ACCOUNT) {
      throw new AppError('passkey_limit_reached', `An account holds at most ${MAX_PASSKEYS_PER_ACCOUNT} passkeys. Please remove one first.`);
    }
    const { relyingParty } = this.deps;
    const { generateRegistrationOptions } = await webAuthn();
    return generateRegistrationOptions({
      rpName: relyingParty.name,
      rpID: relyingParty.id,
      userName: account.email,
      userID: userHandleOf(account.id),
      userDisplayName: account.displayName,
      challenge: await this.issue('register', account.id),
      timeout: CHALLENGE_LIFETIME_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((row) => ({ id: row.credentialId, transports: row.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
  }

  async register(accountId: string, name: string, response: RegistrationResponseJSON): Promise<PasskeyRow> {
    const challenge = await this.consume(response.response.clientDataJSON, 'register', accountId);
    const { relyingParty, store, clock } = this.deps;
    const { verifyRegistrationResponse } = await webAuthn();
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: relyingParty.origin,
        expectedRPID: relyingParty.id,
        requireUserVerification: true,
      });
    } catch (error) {
      throw invalid(error);
    }
    if (!verification.verified) throw invalid();
    const { credential } = verification.registrationInfo;
    if ((await store.count(accountId)) >= MAX_PASSKEYS_PER_ACCOUNT) {
      throw new AppError('passkey_limit_reached', `An account holds at most ${MAX_PASSKEYS_PER_ACCOUNT} passkeys. Please remove one first.`);
    }
    const row = await store.insert({
      accountId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      signCount: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
      name,
      createdAt: clock.now(),
    });
    if (!row) throw new AppError('passkey_already_registered', 'This passkey is registered already.');
    return row;
  }

  async rename(accountId: string, passkeyId: string, name: string): Promise<PasskeyRow> {
    const row = await this.deps.store.rename(accountId, passkeyId, name);
    if (!row) throw new AppError('not_found', 'No such passkey.');
    return row;
  }

  /** Refused when it is the last second factor and the organisation requires one. */
  async remove(accountId: string, passkeyId: string): Promise<void> {
    const { store, requirement } = this.deps;
    const mine = await store.list(accountId);
    if (!mine.some((row) => row.id === passkeyId)) throw new AppError('not_found', 'No such passkey.');
    const { required, hasTotp } = await requirement.of(accountId);
    if (required && !hasTotp && mine.length === 1) throw lastSecondFactor();
    await store.remove(accountId, passkeyId);
  }

  /** The representative reset the member's second factor: their passkeys go with it. */
  removeAll(accountId: string): Promise<void> {
    return this.deps.store.removeAll(accountId);
  }

  /** Sign-in with a passkey alone: any discoverable credential of this site, user verification required. */
  async signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return (await webAuthn()).generateAuthenticationOptions({
      rpID: this.deps.relyingParty.id,
      challenge: await this.issue('signIn', null),
      timeout: CHALLENGE_LIFETIME_MS,
      userVerification: 'required',
    });
  }

  /**
   * The account whose passkey signed the sign-in challenge with user verification. Counted per
   * client like wrong passwords (reserve, then settle).
   */
  async signIn(response: AuthenticationResponseJSON, clientAddress: string): Promise<string> {
    const attempt = await this.deps.throttle.reserve([{ limit: 'loginFailuresPerClient', subject: clientAddress, onSuccess: 'release' }]);
    attempt.begin();
    let accountId: string;
    try {
      const challenge = await this.consume(response.response.clientDataJSON, 'signIn', null);
      const row = await this.deps.store.findByCredentialId(response.id);
      // A user handle, when sent, must name the credential's own account.
      if (!row || (response.response.userHandle && response.response.userHandle !== Buffer.from(userHandleOf(row.accountId)).toString('base64url'))) {
        throw invalid();
      }
      await this.check(row, response, challenge, true);
      accountId = row.accountId;
    } catch (error) {
      if (error instanceof AppError && error.statusCode < 500) attempt.failed();
      await attempt.abandoned();
      throw error;
    }
    await attempt.succeeded();
    return accountId;
  }

  /** After a right password: the account's own passkeys only; presence is enough (the password was the knowledge). */
  async secondFactorOptions(accountId: string, purpose: 'secondFactor' | 'freshCheck' = 'secondFactor'): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const mine = await this.deps.store.list(accountId);
    if (mine.length === 0) throw new AppError('second_factor_not_started', 'This account has no passkey.');
    return (await webAuthn()).generateAuthenticationOptions({
      rpID: this.deps.relyingParty.id,
      allowCredentials: mine.map((row) => ({ id: row.credentialId, transports: row.transports })),
      challenge: await this.issue(purpose, accountId),
      timeout: CHALLENGE_LIFETIME_MS,
      userVerification: 'preferred',
    });
  }

  /** The second factor of a login: a signature of one of the account's passkeys, throttled per account as codes are. */
  async verifySecondFactor(accountId: string, response: AuthenticationResponseJSON, purpose: 'secondFactor' | 'freshCheck' = 'secondFactor'): Promise<void> {
    const attempt = await this.deps.throttle.reserve([{ limit: 'secondFactorAttemptsPerAccount', subject: accountId, onSuccess: 'clear' }]);
    attempt.begin();
    try {
      const challenge = await this.consume(response.response.clientDataJSON, purpose, accountId);
      const row = await this.deps.store.findByCredentialId(response.id);
      if (!row || row.accountId !== accountId) throw invalid();
      await this.check(row, response, challenge, false);
    } catch (error) {
      if (error instanceof AppError && error.statusCode < 500) attempt.failed();
      await attempt.abandoned();
      throw error;
    }
    await attempt.succeeded();
  }

  /** As bytes: the library base64url-encodes them into the options, which is the form stored and signed. */
  private async issue(purpose: ChallengePurpose, accountId: string | null): Promise<Uint8Array<ArrayBuffer>> {
    const challenge = await this.deps.challenges.issue(purpose, accountId, new Date(this.deps.clock.now().getTime() + CHALLENGE_LIFETIME_MS));
    return new Uint8Array(Buffer.from(challenge, 'base64url'));
  }

  /** The challenge in the signed client data must be one we issued for this purpose: used up here. */
  private async consume(clientDataJSON: string, purpose: ChallengePurpose, accountId: string | null): Promise<string> {
    const challenge = signedChallenge(clientDataJSON);
    if (!challenge) throw invalid();
    if (!(await this.deps.challenges.consume(challenge, purpose, accountId, this.deps.clock.now()))) throw expired();
    return challenge;
  }

  /** Signature, origin, RP ID, flags and the signature counter; the new counter is stored once. */
  private async check(row: PasskeyRow, response: AuthenticationResponseJSON, challenge: string, requireUserVerification: boolean): Promise<void> {
    const { relyingParty, store, clock } = this.deps;
    const { verifyAuthenticationResponse } = await webAuthn();
    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: relyingParty.origin,
        expectedRPID: relyingParty.id,
        credential: { id: row.credentialId, publicKey: Buffer.from(row.publicKey, 'base64url'), counter: row.signCount, transports: row.transports },
        requireUserVerification,
      });
    } catch (error) {
      // The library refuses a counter that did not grow (a cloned authenticator) by throwing, too.
      throw invalid(error);
    }
    if (!verification.verified) throw invalid();
    if (!(await store.recordUse(row.id, row.signCount, verification.authenticationInfo.newCounter, clock.now()))) throw invalid();
  }
}
