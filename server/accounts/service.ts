import type * as z from 'zod';
import type { basicProfileUpdateRequest, profileUpdateRequest, registrationRequest } from '../../common/api/accounts';
import type { emailChangeRequest, passwordChangeRequest, passwordResetConfirmation } from '../../common/api/credentials';
import { PRIVACY_POLICY_VERSION, TERMS_VERSION } from '../../common/legal';
import type { Clock } from '../clock';
import type { Client } from '../http/client';
import { AppError, fieldError } from '../http/errors';
import type { Mailer } from '../notify/mailer';
import { renderMail, type Locale } from '../notify/mail-templates';
import type { SessionService } from '../sessions/service';
import type { Throttle } from '../throttle/throttle';
import type { EmailLinks } from './email-links';
import { rejectCommonPassword, type PasswordHasher } from './passwords';
import {
  isUniqueViolation,
  type AccountRow,
  type AccountStore,
  type LoginAccountRow,
  type LoginFactors,
  type Profile,
  type SessionAccountRow,
  type SessionLimits,
} from './store';
import { displayNameOf } from './display-name';

export interface AccountServiceDeps {
  store: AccountStore;
  links: EmailLinks;
  sessions: SessionService;
  hasher: PasswordHasher;
  mailer: Mailer;
  throttle: Throttle;
  clock: Clock;
  publicUrl: URL;
  /** Which browsers the account signed in from (server/sessions/known-browsers.ts). */
  knownBrowsers: { forgetAll(accountId: string): Promise<void> };
}

/** Restricted (Art. 18), deactivated or unconfirmed accounts cannot log in, whatever proved them. */
function refuseUnableToLogIn(account: Pick<AccountRow, 'restrictedAt' | 'status'>): void {
  if (account.restrictedAt) {
    throw new AppError('account_restricted', 'Processing of this account is restricted (Art. 18 GDPR); it cannot log in.');
  }
  if (account.status === 'deactivated') {
    throw new AppError('account_deactivated', 'This account was deactivated by your organisation.');
  }
  if (account.status !== 'active') {
    throw new AppError('email_not_confirmed', 'Please confirm your e-mail address first.');
  }
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  /**
   * Answers the same whether or not the address is registered, so the form cannot be used to
   * find out who is a customer; the owner of a registered address gets a notice instead.
   */
  async register(input: z.output<typeof registrationRequest>, client: Client): Promise<void> {
    const { store, throttle, clock, hasher } = this.deps;
    await throttle.consume('registrationsPerClient', client.address);
    await rejectCommonPassword('password', input.password);
    // Hashed whether or not the address is taken: both answers cost the same, so the time of the
    // 202 does not tell who is a customer (without it: 5–10 ms for a taken address, 260–310 ms for a new one).
    const passwordHash = await hasher.hash(input.password);
    const existing = await store.findByEmail(input.email);
    if (existing) {
      await this.sendLimited(existing.email, () => this.mail('alreadyRegistered', existing, existing.email, this.deps.links.link('reset_password', null)));
      return;
    }
    const now = clock.now();
    const locale = input.locale ?? 'de';
    let account: AccountRow;
    try {
      account = await store.create(
        {
          firstName: input.firstName,
          lastName: input.lastName,
          dateOfBirth: input.dateOfBirth,
          email: input.email,
          street: input.street,
          houseNumber: input.houseNumber,
          postalCode: input.postalCode,
          city: input.city,
          country: input.country,
          phone: input.phone,
          passwordHash,
          locale,
          createdAt: now,
          updatedAt: now,
        },
        [
          { document: 'terms', version: TERMS_VERSION },
          { document: 'privacy', version: PRIVACY_POLICY_VERSION },
        ],
        now,
      );
    } catch (error) {
      // Two registrations for one address at the same moment: the second is answered like any duplicate.
      if (isUniqueViolation(error)) return;
      throw error;
    }
    const token = await this.deps.links.issue(account.id, 'confirm_email');
    await this.mail('confirmRegistration', account, account.email, this.deps.links.link('confirm_email', token));
  }

  async resendConfirmation(email: string, client: Client): Promise<void> {
    await this.deps.throttle.consume('mailRequestsPerClient', client.address);
    const account = await this.deps.store.findByEmail(email);
    if (!account || account.status !== 'pending') return;
    await this.sendLimited(account.email, async () => {
      const token = await this.deps.links.issue(account.id, 'confirm_email');
      await this.mail('confirmRegistration', account, account.email, this.deps.links.link('confirm_email', token));
    });
  }

  /**
   * Confirming needs the link (the mailbox) and the password chosen at registration: otherwise
   * someone who registered another person's address first would keep a working password once the
   * owner confirms (pre-hijack). An owner who did not register uses a password reset instead.
   * Returns the account's id.
   */
  async confirmEmail(token: string, password: string, client: Client): Promise<string> {
    return this.deps.links.redeem(
      token,
      'confirm_email',
      client,
      async (tx, row) => this.deps.store.inTransaction(tx).activate(row.accountId, this.deps.clock.now()),
      async (row) => {
        await this.verifyPassword(row.accountId, password, 'password');
      },
    );
  }

  /**
   * Returns the account to log in; every failure looks the same to the caller. `knownAccountId`:
   * the account the browser's device cookie vouches for; when it is this login's account, the
   * password check waits in the known-device lane, which a flood cannot fill. Nothing else changes.
   */
  async authenticate(email: string, password: string, client: Client, knownAccountId?: string): Promise<LoginAccountRow> {
    const { store, throttle, hasher } = this.deps;
    // Whether the cookie is this account's is known only after the look-up: until then it may
    // spare the request only the early refusal of the shared queue.
    hasher.ensureCapacity(knownAccountId ? 'knownDevice' : 'shared');
    // Counted before the hash, so parallel guesses cannot all pass a limit that is only read.
    const attempt = await throttle.reserve([
      { limit: 'loginFailuresPerClient', subject: client.address, onSuccess: 'release' },
      { limit: 'loginFailuresPerAccount', subject: email, onSuccess: 'clear' },
    ]);
    const account = await store.findForLogin(email);
    const lane = knownAccountId !== undefined && account?.id === knownAccountId ? 'knownDevice' : 'shared';
    const valid = await hasher.verify(password, account?.passwordHash, attempt, lane);
    if (!account || !valid) throw new AppError('invalid_credentials', 'E-mail address or password is wrong.');
    refuseUnableToLogIn(account);
    return account;
  }

  /** An account that proved itself another way (a passkey): the same refusals as after a right password. */
  async admit(accountId: string): Promise<AccountRow> {
    const account = await this.deps.store.findById(accountId);
    if (!account) throw new AppError('invalid_credentials', 'This sign-in is not valid.');
    refuseUnableToLogIn(account);
    return account;
  }

  async requestPasswordReset(email: string, client: Client): Promise<void> {
    await this.deps.throttle.consume('mailRequestsPerClient', client.address);
    const account = await this.deps.store.findByEmail(email);
    // A restricted account is not processed further (Art. 18): no link it could not use anyway. An
    // unconfirmed one gets a link: whoever holds the mailbox may take it over (see resetPassword).
    if (!account || (account.status !== 'active' && account.status !== 'pending') || account.restrictedAt) return;
    await this.sendLimited(account.email, async () => {
      const token = await this.deps.links.issue(account.id, 'reset_password');
      await this.mail('resetPassword', account, account.email, this.deps.links.link('reset_password', token));
    });
  }

  /** `handedOver`: the account was unconfirmed, and the link made it the mailbox holder's. */
  async resetPassword(input: z.output<typeof passwordResetConfirmation>, client: Client): Promise<{ handedOver: boolean }> {
    await rejectCommonPassword('password', input.password);
    const passwordHash = await this.deps.hasher.hash(input.password);
    let handedOver = false;
    const accountId = await this.deps.links.redeem(input.token, 'reset_password', client, async (tx, row) => {
      const now = this.deps.clock.now();
      const store = this.deps.store.inTransaction(tx);
      const before = await store.findById(row.accountId);
      await store.update(row.accountId, { passwordHash, passwordChangedAt: now, updatedAt: now });
      // Any other reset link mailed before now would undo this password: they all end here.
      await store.voidLinks(row.accountId, ['reset_password', 'confirm_email']);
      // The link proved the mailbox: an unconfirmed account now belongs to its holder, with their
      // password; whatever was typed at registration is theirs to review (the answer says so).
      if (before?.status === 'pending') {
        await store.activate(row.accountId, now);
        handedOver = true;
      }
    });
    await this.deps.sessions.endAllOf(accountId);
    await this.notify('passwordChanged', accountId);
    return { handedOver };
  }

  /**
   * "This was not me" (the link in the new-sign-in mail, issue 12): every session of the account
   * ends, its password stops working (whoever signed in knows it), no browser counts as known any
   * more, and the owner gets a password reset link. Once per link; the link proved the mailbox.
   */
  async disownSignIn(token: string, client: Client): Promise<void> {
    const accountId = await this.deps.links.redeem(token, 'disown_sign_in', client, async (tx, row) => {
      const now = this.deps.clock.now();
      const store = this.deps.store.inTransaction(tx);
      // An empty hash matches no password (PasswordHasher.verify); a passkey still signs in.
      await store.update(row.accountId, { passwordHash: '', passwordChangedAt: now, updatedAt: now });
      // A reset link mailed before now may be in other hands too: only the one sent below works.
      await store.voidLinks(row.accountId, ['reset_password']);
    });
    await this.deps.sessions.endAllOf(accountId);
    await this.deps.knownBrowsers.forgetAll(accountId);
    const account = await this.deps.store.findById(accountId);
    if (!account) return;
    // Not under the per-address mail cap: the password is locked, this link is the way back in.
    const resetToken = await this.deps.links.issue(account.id, 'reset_password');
    await this.mail('resetPassword', account, account.email, this.deps.links.link('reset_password', resetToken));
  }

  async changePassword(accountId: string, currentSessionIdHash: string, input: z.output<typeof passwordChangeRequest>): Promise<void> {
    const account = await this.verifyCurrentPassword(accountId, input.currentPassword);
    if (input.newPassword === input.currentPassword) {
      throw fieldError('newPassword', { code: 'same_as_current', message: 'The new password equals the current one.' });
    }
    await rejectCommonPassword('newPassword', input.newPassword);
    const now = this.deps.clock.now();
    await this.deps.store.update(account.id, {
      passwordHash: await this.deps.hasher.hash(input.newPassword),
      passwordChangedAt: now,
      updatedAt: now,
    });
    // A reset link mailed before the change (perhaps to someone who read the mailbox) must not undo it.
    await this.deps.store.voidLinks(account.id, ['reset_password']);
    await this.deps.sessions.endAllOf(account.id, currentSessionIdHash);
    await this.mail('passwordChanged', account, account.email);
  }

  /** The new address becomes the login only after its owner confirms it (double opt-in). */
  async requestEmailChange(accountId: string, input: z.output<typeof emailChangeRequest>): Promise<void> {
    const account = await this.verifyCurrentPassword(accountId, input.currentPassword);
    if (input.newEmail === account.email) {
      throw fieldError('newEmail', { code: 'same_as_current', message: 'This is already your address.' });
    }
    const owner = await this.deps.store.findByEmail(input.newEmail);
    await this.sendLimited(input.newEmail, async () => {
      if (owner) {
        await this.mail('emailChangeTaken', owner, input.newEmail);
        return;
      }
      const token = await this.deps.links.issue(account.id, 'change_email', input.newEmail);
      await this.mail('confirmEmailChange', account, input.newEmail, this.deps.links.link('change_email', token));
      await this.mail('emailChangeRequested', account, account.email);
    });
  }

  async confirmEmailChange(token: string, client: Client): Promise<void> {
    try {
      await this.deps.links.redeem(token, 'change_email', client, async (tx, row) => {
        await this.deps.store.inTransaction(tx).update(row.accountId, { email: row.newEmail ?? '', updatedAt: this.deps.clock.now() });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('email_taken', 'This address was registered by someone else in the meantime.');
      }
      throw error;
    }
  }

  /** The session (unjudged: SessionService.admit decides whether it counts) with its account's profile. */
  async sessionProfile(sessionIdHash: string): Promise<{ session: SessionLimits; profile: Profile<SessionAccountRow> } | undefined> {
    return this.deps.store.sessionProfileOf(sessionIdHash, this.deps.clock.now());
  }

  /** After a correct password: the factors still to pass, the pending address, whether set-up is due. */
  async afterPassword(accountId: string): Promise<Omit<Profile, 'account'> & { factors: LoginFactors }> {
    const facts = await this.deps.store.afterPasswordOf(accountId, this.deps.clock.now());
    // Erased since its password was checked: as profile() answers.
    if (!facts) throw new AppError('unauthenticated', 'Please log in.');
    return facts;
  }

  async profile(accountId: string): Promise<Profile> {
    const profile = await this.deps.store.profileOf(accountId, this.deps.clock.now());
    if (!profile) throw new AppError('unauthenticated', 'Please log in.');
    return profile;
  }

  /** Individual customers rectify everything; people of an organisation have no address to give. */
  async updateProfile(accountId: string, input: z.output<typeof profileUpdateRequest> | z.output<typeof basicProfileUpdateRequest>): Promise<void> {
    const account = await this.deps.store.findById(accountId);
    if (!account) throw new AppError('unauthenticated', 'Please log in.');
    if (account.kind === 'organization' && 'street' in input) {
      throw new AppError('forbidden', 'Organisation accounts have no personal address; change the organisation’s data instead.');
    }
    // Only the representative gave a date of birth (at registration); members give only a name.
    if (account.kind === 'organization' && !('street' in input) && input.dateOfBirth !== undefined && account.organizationRole !== 'representative') {
      throw new AppError('forbidden', 'Only the representative gave a date of birth.');
    }
    await this.deps.store.update(accountId, { ...input, updatedAt: this.deps.clock.now() });
  }

  /** Re-authentication of a logged-in person before a change they cannot take back; throttled per account. */
  async verifyCurrentPassword(accountId: string, password: string): Promise<AccountRow> {
    return this.verifyPassword(accountId, password, 'currentPassword');
  }

  /** The account's password, checked through the throttle (counted before the hash). */
  private async verifyPassword(accountId: string, password: string, field: string): Promise<AccountRow> {
    const { store, hasher, throttle } = this.deps;
    hasher.ensureCapacity();
    const attempt = await throttle.reserve([{ limit: 'passwordChecksPerAccount', subject: accountId, onSuccess: 'release' }]);
    const account = await store.findById(accountId);
    if (!account) {
      await attempt.abandoned();
      throw new AppError('unauthenticated', 'Please log in.');
    }
    if (!(await hasher.verify(password, account.passwordHash, attempt))) {
      const message = field === 'currentPassword' ? 'The current password is wrong.' : 'The password is wrong.';
      throw new AppError('wrong_password', message, { fields: { [field]: { code: 'invalid_format', message } } });
    }
    return account;
  }

  /** Caps the mails a stranger can trigger to one address; over the cap we silently send nothing. */
  private async sendLimited(address: string, send: () => Promise<void>): Promise<void> {
    try {
      await this.deps.throttle.consume('mailsPerAddress', address);
    } catch {
      return;
    }
    await send();
  }

  private async notify(template: 'passwordChanged', accountId: string): Promise<void> {
    const account = await this.deps.store.findById(accountId);
    if (account) await this.mail(template, account, account.email);
  }

  private async mail(template: Parameters<typeof renderMail>[0], account: AccountRow, to: string, link?: string): Promise<void> {
    await this.deps.mailer.send(
      renderMail(template, {
        to,
        locale: account.locale as Locale,
        recipientName: displayNameOf(account),
        ...(link ? { link } : {}),
      }),
    );
  }
}
