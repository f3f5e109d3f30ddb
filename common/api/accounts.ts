import * as z from 'zod';
import { dateOfBirth, email, locale, mustAccept, newPassword, personName, postalAddress } from './fields';
import { refineAddress, withNormalisedPhone } from './phone';

export const registrationRequest = z
  .strictObject({
    firstName: personName,
    lastName: personName,
    dateOfBirth,
    email,
    ...postalAddress,
    password: newPassword,
    acceptTerms: mustAccept,
    acceptPrivacyPolicy: mustAccept,
    locale: locale.optional(),
  })
  .superRefine(refineAddress)
  .transform(withNormalisedPhone);
export type RegistrationRequest = z.input<typeof registrationRequest>;

export const tokenRequest = z.strictObject({ token: z.string().min(16).max(128) });

export const profileUpdateRequest = z
  .strictObject({
    firstName: personName,
    lastName: personName,
    dateOfBirth,
    ...postalAddress,
    locale,
  })
  .superRefine(refineAddress)
  .transform(withNormalisedPhone);
export type ProfileUpdateRequest = z.input<typeof profileUpdateRequest>;

/**
 * People of an organisation give only a name; this is their rectification (Art. 16 GDPR). The
 * representative also gave a date of birth at registration and rectifies it here.
 */
export const basicProfileUpdateRequest = z.strictObject({ firstName: personName, lastName: personName, dateOfBirth: dateOfBirth.optional(), locale });

/**
 * What the person may do, decided on the server by the named policies (organizations/policy.ts,
 * colleagues/policy.ts). The web app shows and hides by these and never re-derives a rule.
 */
const abilitiesView = z.object({
  /** Host consultations and take part in calls (practice staff organise but never take part). */
  holdsConsultations: z.boolean(),
  /** Practice staff: create and run consultations for the organisation's professionals. */
  organizesConsultations: z.boolean(),
  /** The representative: members, roles, the organisation's activity. */
  managesMembers: z.boolean(),
  /** Professionals of an organisation: colleagues' presence and calls (P-07). */
  seesColleagues: z.boolean(),
});
export type Abilities = z.infer<typeof abilitiesView>;

/** What the API returns about the logged-in customer; every field is named here (presenter contract). */
export const profileResponse = z.object({
  id: z.string(),
  kind: z.enum(['individual', 'organization']),
  /** For people of an organisation: their role in it. */
  organizationRole: z.enum(['representative', 'member', 'staff']).nullable(),
  firstName: z.string(),
  lastName: z.string(),
  /** Address, phone and date of birth are null for members of an organisation, who give only a name. */
  dateOfBirth: z.string().nullable(),
  email: z.string(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  phone: z.string().nullable(),
  locale,
  createdAt: z.string(),
  pendingEmail: z.string().nullable(),
  abilities: abilitiesView,
});
export type Profile = z.infer<typeof profileResponse>;

/**
 * What every page load learns of the signed-in person: enough for the header, the menus and the
 * abilities. Address, phone and date of birth are asked for only where they are shown
 * (`GET /api/profile`), so they are neither decrypted nor sent with every page (data minimisation).
 */
export const sessionAccountResponse = profileResponse.pick({
  id: true,
  kind: true,
  organizationRole: true,
  firstName: true,
  lastName: true,
  email: true,
  locale: true,
  createdAt: true,
  pendingEmail: true,
  abilities: true,
});
export type SessionAccount = z.infer<typeof sessionAccountResponse>;

export const sessionResponse = z.object({
  csrfToken: z.string(),
  account: sessionAccountResponse.nullable(),
  /** The password was right and the account has a second factor: `POST /api/session/second-factor` completes the login (issue 12). */
  secondFactor: z.literal('required').optional(),
  methods: z.array(z.enum(['totp', 'recoveryCode', 'passkey'])).optional(),
  /** After a login with a recovery code: how many are left. */
  recoveryCodesLeft: z.number().int().min(0).optional(),
  /** The organisation requires a second factor and this person has none: the app leads to its set-up first. */
  secondFactorSetupRequired: z.literal(true).optional(),
});
export type SessionState = z.infer<typeof sessionResponse>;

export const okResponse = z.object({ ok: z.literal(true) });
