import { billingRules, ownerOf } from '../billing/policy';
import type { FastifyBaseLogger } from 'fastify';
import type { RestrictedAccount } from '../../common/api/operator';
import type { DataExport } from '../../common/api/privacy-rights';
import type { AccountService } from '../accounts/service';
import type { AccountRow, AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import type { ContactStore } from '../contacts/store';
import type { ConsultationService } from '../consultations/service';
import { AppError } from '../http/errors';
import type { Mailer, MailMessage } from '../notify/mailer';
import { accountDeletedMail, organizationDeletedMail, type Locale } from '../notify/privacy-messages';
import { organizationRules } from '../organizations/policy';
import type { OrganizationStore } from '../organizations/store';
import type { SessionService } from '../sessions/service';
import { buildExport, type Processors } from './export';
import type { ErasureSubject, LegalHold } from './legal-hold';
import type { RightsStore } from './store';
import { displayNameOf } from '../accounts/display-name';

/** The operator's list shows the newest restrictions; older ones are found by the person's own request. */
const RESTRICTED_LIST_LIMIT = 200;

export interface RightsServiceDeps {
  store: RightsStore;
  accounts: AccountService;
  accountStore: AccountStore;
  organizations: OrganizationStore;
  contacts: ContactStore;
  consultations: ConsultationService;
  sessions: SessionService;
  mailer: Mailer;
  clock: Clock;
  processors: Processors;
  legalHolds: readonly LegalHold[];
  log: FastifyBaseLogger;
  /** Billing (issue 11), where configured: subscriptions end before an erasure; the mail says what is kept. */
  billing?: { endForErasure(subject: ErasureSubject): Promise<void> };
}

/** Data-subject rights (Art. 15–21, P-24): export, restriction and erasure, for the person and the operator. */
export class RightsService {
  constructor(private readonly deps: RightsServiceDeps) {}

  /** Art. 15 and 20: everything stored about the person, with why, how long and who received it. */
  async export(accountId: string, currentSessionIdHash: string): Promise<DataExport> {
    const { store } = this.deps;
    const account = await this.account(accountId);
    const now = this.deps.clock.now();
    const consultations = await store.consultationsHostedBy(account.id);
    const open = consultations.filter((row) => row.status === 'open').map((row) => row.id);
    return buildExport({
      account,
      organization: account.organizationId ? ((await this.deps.organizations.find(account.organizationId)) ?? null) : null,
      consents: await store.consentsOf(account.id),
      sessions: await store.sessionsOf(account.id),
      passkeys: await store.passkeysOf(account.id),
      currentSessionIdHash,
      consultations,
      invitations: await store.invitationsOf(open),
      contacts: await this.deps.contacts.list(account.id),
      links: await store.pendingLinksOf(account.id, now),
      appointments: await store.appointmentsOf(account.id),
      bookingRules: await store.bookingRulesOf(account.id),
      // Only who pays sees billing (server/billing/policy.ts); members and staff export none of the organisation's.
      billing: billingRules.managesBilling(account) ? await store.billingOf(ownerOf(account)) : { customer: null, invoices: [] },
      processors: this.deps.processors,
      now,
    });
  }

  /** Art. 18 at the person's request, after re-authentication. */
  async restrictOwn(accountId: string, currentPassword: string): Promise<void> {
    await this.deps.accounts.verifyCurrentPassword(accountId, currentPassword);
    await this.restrict(accountId);
  }

  /**
   * Freezes processing: the account keeps its data, cannot log in, and sends no invitations; its
   * sessions (and with them its sockets) end at once. Also for the operator.
   */
  async restrict(accountId: string): Promise<void> {
    await this.deps.store.setRestricted(accountId, this.deps.clock.now(), this.deps.clock.now());
    await this.deps.sessions.endAllOf(accountId);
  }

  /**
   * The operator area's list of restricted accounts: names and addresses only, to find the person
   * who asks for the restriction to end.
   */
  async restrictedAccounts(): Promise<RestrictedAccount[]> {
    const rows = await this.deps.store.restrictedAccounts(RESTRICTED_LIST_LIMIT);
    return rows.map((row) => ({
      id: row.id,
      name: displayNameOf(row),
      email: row.email,
      // Selected by `restrictedAt is not null`.
      restrictedAt: row.restrictedAt!.toISOString(),
    }));
  }

  /** Only the operator lifts a restriction (operator area). Returns false if there was none. */
  async liftRestriction(accountId: string): Promise<boolean> {
    return this.deps.store.setRestricted(accountId, null, this.deps.clock.now());
  }

  /**
   * Art. 17 for one's own account. A representative whose organisation has other people cannot
   * leave it without a representative: they hand the role over or delete the whole organisation.
   * A representative alone deletes the organisation with the account.
   */
  async deleteOwnAccount(accountId: string, currentPassword: string): Promise<void> {
    const account = await this.deps.accounts.verifyCurrentPassword(accountId, currentPassword);
    if (account.organizationId && account.organizationRole === 'representative') {
      const people = await this.deps.accountStore.ofOrganization(account.organizationId);
      if (people.some((person) => person.id !== account.id)) {
        throw new AppError(
          'organization_has_members',
          'Your organisation has other people: hand the representative role over first, or delete the whole organisation.',
        );
      }
      await this.erase([account], account.organizationId);
    } else {
      await this.erase([account], null);
    }
    await this.send(accountDeletedMail(account.email, account.locale as Locale, displayNameOf(account), { billing: this.deps.billing !== undefined }));
  }

  /** Art. 17 for an organisation: its representative deletes it with all its people, who are told by e-mail. */
  async deleteOrganization(accountId: string, currentPassword: string): Promise<void> {
    const actor = await this.account(accountId);
    if (!actor.organizationId || !organizationRules.belongsToOrganization(actor)) {
      throw new AppError('not_found', 'You do not belong to an organisation.');
    }
    if (!organizationRules.managesMembers(actor)) throw new AppError('forbidden', 'Only the representative may do that.');
    await this.deps.accounts.verifyCurrentPassword(accountId, currentPassword);
    const organization = await this.deps.organizations.find(actor.organizationId);
    if (!organization) throw new AppError('not_found', 'You do not belong to an organisation.');
    const people = await this.deps.accountStore.ofOrganization(organization.id);
    await this.erase(people, organization.id);
    for (const person of people) {
      if (person.id === actor.id) continue;
      // Invited people never joined: their link simply stops working.
      if (person.status !== 'active' && person.status !== 'deactivated') continue;
      await this.send(organizationDeletedMail(person.email, person.locale as Locale, displayNameOf(person), organization.name));
    }
    await this.send(accountDeletedMail(actor.email, actor.locale as Locale, displayNameOf(actor), { billing: this.deps.billing !== undefined }));
  }

  /**
   * Ends what is live first — open consultations (their guests' sockets close and their contact
   * data goes) and sessions (the people's own sockets close) — then deletes in one transaction.
   */
  private async erase(people: AccountRow[], organizationId: string | null): Promise<void> {
    const subject: ErasureSubject = { accountIds: people.map((person) => person.id), organizationId };
    // First, as it may fail (Stripe unreachable): then nothing has ended yet and the person simply retries.
    await this.deps.billing?.endForErasure(subject);
    for (const person of people) {
      await this.deps.consultations.endAllHostedBy(person.id);
      await this.deps.sessions.endAllOf(person.id);
    }
    await this.deps.store.erase(subject, this.deps.legalHolds, this.deps.clock.now());
  }

  /** The deletion stands even if a notice cannot be delivered; the failure is logged without the address. */
  private async send(message: MailMessage): Promise<void> {
    try {
      await this.deps.mailer.send(message);
    } catch (error) {
      this.deps.log.warn({ err: error }, 'erasure notice not delivered');
    }
  }

  private async account(accountId: string): Promise<AccountRow> {
    const account = await this.deps.accountStore.findById(accountId);
    if (!account) throw new AppError('unauthenticated', 'Please log in.');
    return account;
  }
}
