import type { TFunction } from 'i18next';
import type { MemberView, OrganizationRegistrationRequest, OrganizationRole } from '../../../../common/api/organizations';
import type { MemberAction } from '../../api/organizations';
import { addressChecks } from '../../components/addressChecks';
import type { FieldProblems } from '../../components/fieldProblems';

/**
 * Pure helpers of the organisation pages: form values ↔ request bodies, labels of roles and
 * states, and which actions a row offers. Field names are the paths of the server's field
 * errors ("representative.password", "organization.postalCode"), so its answers land next to
 * the right field.
 */

export type MemberStatus = MemberView['status'];

export const initialRegistrationValues = {
  'representative.firstName': '',
  'representative.lastName': '',
  'representative.dateOfBirth': '',
  'organization.name': '',
  'organization.email': '',
  'organization.street': '',
  'organization.houseNumber': '',
  'organization.postalCode': '',
  'organization.city': '',
  'organization.country': 'DE',
  'organization.phone': '',
  'representative.password': '',
  acceptTerms: false,
  acceptPrivacyPolicy: false,
};
export type RegistrationValues = typeof initialRegistrationValues;

/** The flat form becomes the nested body of POST /api/organizations. */
export function toRegistrationInput(values: RegistrationValues, locale: 'de' | 'en'): OrganizationRegistrationRequest {
  return {
    representative: {
      firstName: values['representative.firstName'],
      lastName: values['representative.lastName'],
      dateOfBirth: values['representative.dateOfBirth'],
      password: values['representative.password'],
    },
    organization: {
      name: values['organization.name'],
      email: values['organization.email'],
      street: values['organization.street'],
      houseNumber: values['organization.houseNumber'],
      postalCode: values['organization.postalCode'],
      city: values['organization.city'],
      country: values['organization.country'],
      phone: values['organization.phone'],
    },
    acceptTerms: values.acceptTerms,
    acceptPrivacyPolicy: values.acceptPrivacyPolicy,
    locale,
  };
}

/** Puts `prefix` in front of every field name (the address checks name plain fields). */
export function prefixProblems(problems: FieldProblems, prefix: string): FieldProblems {
  return Object.fromEntries(Object.entries(problems).map(([name, problem]) => [`${prefix}${name}`, problem]));
}

/** Postal code and phone against the country, early (on blur), for the organisation's address. */
export function organizationAddressChecks(values: RegistrationValues): FieldProblems {
  return prefixProblems(
    addressChecks({
      postalCode: values['organization.postalCode'],
      phone: values['organization.phone'],
      country: values['organization.country'],
    }),
    'organization.',
  );
}

const roleKeys = {
  representative: 'organization.roles.representative',
  member: 'organization.roles.member',
  staff: 'organization.roles.staff',
} as const satisfies Record<OrganizationRole, string>;

const statusKeys = {
  invited: 'organization.statuses.invited',
  active: 'organization.statuses.active',
  deactivated: 'organization.statuses.deactivated',
  pending: 'organization.statuses.pending',
} as const satisfies Record<MemberStatus, string>;

export function roleLabel(t: TFunction, role: OrganizationRole): string {
  return t(roleKeys[role]);
}

export function statusLabel(t: TFunction, status: MemberStatus): string {
  return t(statusKeys[status]);
}

/** "Vorname Nachname", or nothing while an invited colleague has not given a name yet. */
export function memberName(member: Pick<MemberView, 'firstName' | 'lastName'>): string {
  return `${member.firstName} ${member.lastName}`.trim();
}

/** How a row is named in texts and button names: the name, else the e-mail address of the invitation. */
export function memberLabel(member: Pick<MemberView, 'firstName' | 'lastName' | 'email'>): string {
  return memberName(member) || member.email;
}

/**
 * The actions one row offers the representative, in the order of its buttons. Nothing on one's
 * own row: the server refuses them (hand the role over first, then someone else can manage you).
 */
export function availableActions(member: Pick<MemberView, 'id' | 'role' | 'status'>, selfId: string): MemberAction[] {
  if (member.id === selfId) return [];
  switch (member.status) {
    case 'invited':
      return ['resend', 'remove'];
    case 'active':
      return member.role === 'representative' ? ['deactivate', 'remove'] : ['make-representative', 'deactivate', 'remove'];
    case 'deactivated':
      return ['reactivate', 'remove'];
    case 'pending':
      return ['remove'];
  }
}

/**
 * Issue 12: whether the row offers "reset second factor": an active colleague other than oneself
 * (the own factor is changed in one's profile). Whether they have one, the server says.
 */
export function offersSecondFactorReset(member: Pick<MemberView, 'id' | 'status'>, selfId: string): boolean {
  return member.id !== selfId && member.status === 'active';
}

const confirmed = (name: 'revoke' | 'deactivate' | 'remove' | 'makeRepresentative') =>
  ({
    button: `organization.actions.${name}`,
    done: `organization.done.${name}`,
    question: `organization.confirm.${name}`,
    confirm: `organization.confirm.${name}Yes`,
  }) as const;

const immediate = (name: 'resend' | 'reactivate') =>
  ({ button: `organization.actions.${name}`, done: `organization.done.${name}`, question: undefined, confirm: undefined }) as const;

/**
 * The i18n keys of one action on one row: its button, its question and confirm button (if it
 * asks first), and what the status region says afterwards. Removing an invitation is "revoking"
 * it, and asks too: the link in the colleague's mail stops working.
 */
export function actionTexts(action: MemberAction, status: MemberStatus) {
  switch (action) {
    case 'resend':
    case 'reactivate':
      return immediate(action);
    case 'remove':
      return confirmed(status === 'invited' ? 'revoke' : 'remove');
    case 'deactivate':
      return confirmed('deactivate');
    case 'make-representative':
      return confirmed('makeRepresentative');
  }
}

/** Representatives manage; members and staff see the organisation's name and their role only. */
export function managesOrganization(role: OrganizationRole | null | undefined): boolean {
  return role === 'representative';
}
