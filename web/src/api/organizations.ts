import type * as z from 'zod';
import type {
  MemberView,
  OrganizationRegistrationRequest,
  OrganizationView,
  ProfessionalView,
  memberAcceptRequest,
  memberInvitationRequest,
  organizationUpdateRequest,
} from '../../../common/api/organizations';
import { request } from './client';

/** Organisations (P-06): registration by the representative, the organisation's data, members and invitations. */

type Ok = { ok: true };

export type OrganizationUpdateInput = z.input<typeof organizationUpdateRequest>;
export type MemberInvitationInput = z.input<typeof memberInvitationRequest>;
export type MemberAcceptInput = z.input<typeof memberAcceptRequest>;

/** Always 202, whether or not the address is taken (no enumeration); the link goes to the organisation's e-mail. */
export const registerOrganization = (input: OrganizationRegistrationRequest) => request<Ok>('POST', '/api/organizations', input);

/** The organisation of the logged-in person, with their own role in it. */
export const getOrganization = () => request<OrganizationView>('GET', '/api/organization');

/** Representative only. */
export const updateOrganization = (input: OrganizationUpdateInput) => request<OrganizationView>('PUT', '/api/organization', input);

/** Representative only: everyone of the organisation, invitations included, oldest first. */
export const listMembers = () => request<{ members: MemberView[] }>('GET', '/api/organization/members').then((body) => body.members);

export const inviteMember = (input: MemberInvitationInput) => request<MemberView>('POST', '/api/organization/members', input);

/** What the representative can do with one colleague; `remove` also revokes an invitation. */
export type MemberAction = 'resend' | 'deactivate' | 'reactivate' | 'make-representative' | 'remove';

export function memberAction(memberId: string, action: MemberAction): Promise<Ok> {
  const path = `/api/organization/members/${encodeURIComponent(memberId)}`;
  return action === 'remove' ? request<Ok>('DELETE', path) : request<Ok>('POST', `${path}/${action}`);
}

/** Public: the invited colleague sets name and password with the token from the mailed link. */
export const acceptInvitation = (input: MemberAcceptInput) => request<Ok>('POST', '/api/organization/members/accept', input);

/** Practice staff: the active professionals they may organise a consultation for (names only). */
export const listProfessionals = () =>
  request<{ professionals: ProfessionalView[] }>('GET', '/api/organization/professionals').then((body) => body.professionals);
