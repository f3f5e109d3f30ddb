import * as z from 'zod';
import { dateOfBirth, email, locale, mustAccept, newPassword, organizationName, personName, postalAddress } from './fields';
import { refineAddress, withNormalisedPhone } from './phone';

/** P-06: the representative registers the organisation; its e-mail is confirmed by double opt-in. */
export const organizationRegistrationRequest = z.strictObject({
  representative: z.strictObject({
    firstName: personName,
    lastName: personName,
    dateOfBirth,
    password: newPassword,
  }),
  organization: z
    .strictObject({
      name: organizationName,
      email,
      ...postalAddress,
    })
    .superRefine(refineAddress)
    .transform(withNormalisedPhone),
  acceptTerms: mustAccept,
  acceptPrivacyPolicy: mustAccept,
  locale: locale.optional(),
});
export type OrganizationRegistrationRequest = z.input<typeof organizationRegistrationRequest>;

export const organizationUpdateRequest = z
  .strictObject({
    name: organizationName,
    ...postalAddress,
  })
  .superRefine(refineAddress)
  .transform(withNormalisedPhone);

const organizationRole = z.enum(['representative', 'member', 'staff']);
export type OrganizationRole = z.infer<typeof organizationRole>;

/** The representative invites colleagues; a member holds consultations, staff organise them. */
export const memberInvitationRequest = z.strictObject({
  email,
  role: z.enum(['member', 'staff']),
});

export const memberAcceptRequest = z.strictObject({
  token: z.string().min(16).max(128),
  firstName: personName,
  lastName: personName,
  password: newPassword,
  acceptTerms: mustAccept,
  acceptPrivacyPolicy: mustAccept,
});

export const memberParams = z.strictObject({ memberId: z.uuid() });

export const memberView = z.object({
  id: z.string(),
  /** Empty until an invited member has accepted and given a name. */
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  role: organizationRole,
  status: z.enum(['invited', 'active', 'deactivated', 'pending']),
  createdAt: z.string(),
});
export type MemberView = z.infer<typeof memberView>;

export const memberList = z.object({ members: z.array(memberView) });

/** Practice staff choose whom they organise a consultation for: only a name, nothing else (P-16 spirit). */
const professionalView = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
});
export type ProfessionalView = z.infer<typeof professionalView>;

export const professionalList = z.object({ professionals: z.array(professionalView) });

export const organizationView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  street: z.string(),
  houseNumber: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  phone: z.string(),
  /** The viewer's own role, so the UI shows the management pages only to the representative. */
  yourRole: organizationRole,
});
export type OrganizationView = z.infer<typeof organizationView>;
