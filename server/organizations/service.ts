import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type {
  memberAcceptRequest,
  memberInvitationRequest,
  organizationRegistrationRequest,
  organizationUpdateRequest,
  MemberView,
  OrganizationView,
} from '../../common/api/organizations';
import { PRIVACY_POLICY_VERSION, TERMS_VERSION } from '../../common/legal';
import type { EmailLinks } from '../accounts/email-links';
import { rejectCommonPassword, type PasswordHasher } from '../accounts/passwords';
import type { AccountRow, AccountStore } from '../accounts/store';
import { isUniqueViolation } from '../accounts/store';
import type { Clock } from '../clock';
import type { ConsultationService } from '../consultations/service';
import { AppError } from '../http/errors';
import { memberInvitationMail, memberInvitationTakenMail, type Locale } from '../notify/invitation-messages';
import { presentMember } from './presenter';
import { renderMail } from '../notify/mail-templates';
import type { Mailer } from '../notify/mailer';
import type { SessionService } from '../sessions/service';
import type { Throttle } from '../throttle/throttle';
import { organizationRules, type OrganizationRule } from './policy';
import type { OrganizationRow, OrganizationStore } from './store';
import type { Client } from '../http/client';
import { displayNameOf } from '../accounts/display-name';

export interface OrganizationServiceDeps {
  store: OrganizationStore;
  accounts: AccountStore;
  links: EmailLinks;
  hasher: PasswordHasher;
  mailer: Mailer;
  sessions: SessionService;
  consultations: ConsultationService;
  throttle: Throttle;
  clock: Clock;
  /** The member's second factor (server/second-factor/service.ts): true when there was one to reset. */
  secondFactors: { reset(accountId: string): Promise<boolean> };
  /** The fresh check of a sensitive action: the actor's current password (AccountService). */
  passwords: { verifyCurrentPassword(accountId: string, password: string): Promise<unknown> };
  /** Colleague lists with presence (P-07) follow who is active in the organisation. */
  events?: { organizationChanged(organizationId: string): void };
}

function notFound(): AppError {
  return new AppError('not_found', 'No such member.');
}

export class OrganizationService {
  constructor(private readonly deps: OrganizationServiceDeps) {}

  /** Like individual registration: the same answer whether or not the address is taken. */
  async register(input: z.output<typeof organizationRegistrationRequest>, client: Client): Promise<void> {
    const { store, accounts: accountStore, throttle, clock, hasher } = this.deps;
    await throttle.consume('registrationsPerClient', client.address);
    await rejectCommonPassword('representative.password', input.representative.password);
    const email = input.organization.email;
    // Hashed whether or not the address is taken, so the time of the answer tells nothing.
    const passwordHash = await hasher.hash(input.representative.password);
    const existing = await accountStore.findByEmail(email);
    if (existing || (await store.findByEmail(email))) {
      // Like individual registration: at most `mailsPerAddress` notices; over it, silently none.
      if (existing && (await throttle.allows('mailsPerAddress', existing.email))) {
        await this.deps.mailer.send(
          renderMail('alreadyRegistered', {
            to: email,
            locale: existing.locale as Locale,
            recipientName: displayNameOf(existing),
            link: this.deps.links.link('reset_password', null),
          }),
        );
      }
      return;
    }
    const now = clock.now();
    const locale = input.locale ?? 'de';
    let representative: AccountRow;
    try {
      representative = await store.register(
        { ...input.organization, createdAt: now, updatedAt: now },
        {
          kind: 'organization',
          organizationRole: 'representative',
          status: 'pending',
          firstName: input.representative.firstName,
          lastName: input.representative.lastName,
          dateOfBirth: input.representative.dateOfBirth,
          email,
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
      if (isUniqueViolation(error)) return;
      throw error;
    }
    const token = await this.deps.links.issue(representative.id, 'confirm_email');
    await this.deps.mailer.send(
      renderMail('confirmRegistration', {
        to: email,
        locale,
        recipientName: displayNameOf(representative),
        link: this.deps.links.link('confirm_email', token),
      }),
    );
  }

  async view(actorId: string): Promise<OrganizationView> {
    const { actor, organization } = await this.authorize(actorId, 'belongsToOrganization');
    return {
      id: organization.id,
      name: organization.name,
      email: organization.email,
      street: organization.street,
      houseNumber: organization.houseNumber,
      postalCode: organization.postalCode,
      city: organization.city,
      country: organization.country,
      phone: organization.phone,
      yourRole: actor.organizationRole ?? 'member',
    };
  }

  async update(actorId: string, input: z.output<typeof organizationUpdateRequest>): Promise<OrganizationView> {
    const { organization } = await this.authorize(actorId, 'managesMembers');
    await this.deps.store.update(organization.id, { ...input, updatedAt: this.deps.clock.now() });
    return this.view(actorId);
  }

  async members(actorId: string): Promise<AccountRow[]> {
    const { organization } = await this.authorize(actorId, 'managesMembers');
    return this.deps.store.members(organization.id);
  }

  /** For practice staff: the active colleagues who hold consultations, whom they may organise for. */
  async professionals(actorId: string): Promise<AccountRow[]> {
    const { organization } = await this.authorize(actorId, 'organizesConsultations');
    const everyone = await this.deps.store.members(organization.id);
    return everyone.filter((account) => account.status === 'active' && organizationRules.holdsConsultations(account));
  }

  /**
   * An address that already has an account gets the same answer as a new one (no oracle of who is a
   * customer): a view of an invitation that is not stored, and its owner is told by e-mail instead.
   */
  async invite(actorId: string, input: z.output<typeof memberInvitationRequest>): Promise<MemberView> {
    const { actor, organization } = await this.authorize(actorId, 'managesMembers');
    await this.deps.throttle.consume('memberInvitationsPerAddress', input.email.trim().toLowerCase());
    const now = this.deps.clock.now();
    const existing = await this.deps.accounts.findByEmail(input.email);
    if (existing) {
      await this.deps.mailer.send(
        memberInvitationTakenMail(existing.email, {
          locale: existing.locale as Locale,
          organizationName: organization.name,
          inviterName: displayNameOf(actor),
        }),
      );
      return { id: randomUUID(), firstName: '', lastName: '', email: input.email, role: input.role, status: 'invited', createdAt: now.toISOString() };
    }
    const member = await this.deps.store.inviteMember({
      kind: 'organization',
      organizationId: organization.id,
      organizationRole: input.role,
      status: 'invited',
      firstName: '',
      lastName: '',
      email: input.email,
      passwordHash: '',
      locale: actor.locale,
      createdAt: now,
      updatedAt: now,
    });
    await this.sendInvitation(actor, organization, member);
    return presentMember(member);
  }

  async resendInvitation(actorId: string, memberId: string): Promise<void> {
    const { actor, organization } = await this.authorize(actorId, 'managesMembers');
    const member = await this.deps.store.member(organization.id, memberId);
    if (!member || member.status !== 'invited') throw notFound();
    await this.deps.throttle.consume('memberInvitationsPerAddress', member.email.trim().toLowerCase());
    await this.sendInvitation(actor, organization, member);
  }

  /** The invited colleague sets name and password; the link proves the address (double opt-in). */
  /** Returns the member's account id. */
  async accept(input: z.output<typeof memberAcceptRequest>, client: Client): Promise<string> {
    await rejectCommonPassword('password', input.password);
    const passwordHash = await this.deps.hasher.hash(input.password);
    let acceptedId: string | undefined;
    await this.deps.links.redeem(input.token, 'member_invitation', client, async (tx, row) => {
      acceptedId = row.accountId;
      const now = this.deps.clock.now();
      const accounts = this.deps.accounts.inTransaction(tx);
      await accounts.update(row.accountId, {
        firstName: input.firstName,
        lastName: input.lastName,
        passwordHash,
        status: 'active',
        emailConfirmedAt: now,
        updatedAt: now,
      });
      await accounts.recordConsents(
        row.accountId,
        [
          { document: 'terms', version: TERMS_VERSION },
          { document: 'privacy', version: PRIVACY_POLICY_VERSION },
        ],
        now,
      );
    });
    const member = acceptedId ? await this.deps.accounts.findById(acceptedId) : undefined;
    if (!member) throw new Error('an accepted invitation without its account');
    if (member.organizationId) this.deps.events?.organizationChanged(member.organizationId);
    return member.id;
  }

  /** Cuts a member off at once: sessions, sockets and the links of their consultations stop working. */
  async deactivate(actorId: string, memberId: string): Promise<void> {
    const { organization } = await this.authorize(actorId, 'managesMembers');
    const member = await this.otherMember(organization.id, actorId, memberId);
    if (member.status !== 'active') throw notFound();
    await this.deps.accounts.update(member.id, { status: 'deactivated', updatedAt: this.deps.clock.now() });
    await this.cutOff(member.id);
    this.deps.events?.organizationChanged(organization.id);
  }

  async reactivate(actorId: string, memberId: string): Promise<void> {
    const { organization } = await this.authorize(actorId, 'managesMembers');
    const member = await this.otherMember(organization.id, actorId, memberId);
    if (member.status !== 'deactivated') throw notFound();
    await this.deps.accounts.update(member.id, { status: 'active', updatedAt: this.deps.clock.now() });
    this.deps.events?.organizationChanged(organization.id);
  }

  /** Removes a member or revokes an invitation; the representative leaves only with a successor. */
  async remove(actorId: string, memberId: string): Promise<void> {
    const { organization } = await this.authorize(actorId, 'managesMembers');
    const member = await this.deps.store.member(organization.id, memberId);
    if (!member) throw notFound();
    if (member.organizationRole === 'representative' && (await this.deps.store.representativesOtherThan(organization.id, member.id)) === 0) {
      throw new AppError('last_representative', 'The organisation needs a representative: hand the role over first.');
    }
    await this.cutOff(member.id);
    await this.deps.store.deleteMember(member.id);
    this.deps.events?.organizationChanged(organization.id);
  }

  async makeRepresentative(actorId: string, memberId: string): Promise<void> {
    const { organization } = await this.authorize(actorId, 'managesMembers');
    const member = await this.otherMember(organization.id, actorId, memberId);
    if (member.status !== 'active') throw notFound();
    await this.deps.store.transferRepresentative(organization.id, actorId, member.id);
  }

  /**
   * Issue 12: the representative resets another member's second factor (a lost phone): app,
   * recovery codes and passkeys. A sensitive action (the route's fresh check asks for the second
   * factor; the password is checked here, after the rule). The member is told by e-mail; that mail
   * is the record, as for the other member actions, which keep no log of their own.
   */
  async resetSecondFactor(actorId: string, memberId: string, currentPassword: string): Promise<void> {
    const { organization } = await this.authorize(actorId, 'managesMembers');
    const member = await this.otherMember(organization.id, actorId, memberId);
    await this.deps.passwords.verifyCurrentPassword(actorId, currentPassword);
    if (!(await this.deps.secondFactors.reset(member.id))) {
      throw new AppError('member_has_no_second_factor', 'This member has no second factor to reset.');
    }
    await this.deps.mailer.send(renderMail('secondFactorReset', { to: member.email, locale: member.locale as Locale, recipientName: displayNameOf(member) }));
  }

  private async cutOff(accountId: string): Promise<void> {
    await this.deps.sessions.endAllOf(accountId);
    await this.deps.consultations.endAllHostedBy(accountId);
  }

  private async otherMember(organizationId: string, actorId: string, memberId: string): Promise<AccountRow> {
    const member = await this.deps.store.member(organizationId, memberId);
    if (!member || member.id === actorId) throw notFound();
    return member;
  }

  private async sendInvitation(actor: AccountRow, organization: OrganizationRow, member: AccountRow): Promise<void> {
    const token = await this.deps.links.issue(member.id, 'member_invitation');
    await this.deps.mailer.send(
      memberInvitationMail(member.email, {
        locale: actor.locale as Locale,
        organizationName: organization.name,
        inviterName: displayNameOf(actor),
        role: member.organizationRole === 'staff' ? 'staff' : 'member',
        link: this.deps.links.link('member_invitation', token),
      }),
    );
  }

  /** Applies a named rule; failing it is 403 inside one's organisation, 404 for anything else. */
  private async authorize(actorId: string, rule: OrganizationRule): Promise<{ actor: AccountRow; organization: OrganizationRow }> {
    const actor = await this.deps.accounts.findById(actorId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    const organization = actor.organizationId ? await this.deps.store.find(actor.organizationId) : undefined;
    if (!organization || !organizationRules.belongsToOrganization(actor)) {
      throw new AppError('not_found', 'You do not belong to an organisation.');
    }
    if (!organizationRules[rule](actor)) throw new AppError('forbidden', 'Only the representative may do that.');
    return { actor, organization };
  }
}
