import * as z from 'zod';
import { anyPassword, refuseInvisibleCharacters } from './fields';
import { freshCheckFields } from './second-factor';

/**
 * Passkeys (WebAuthn, issue 12). The browser's answers are checked by the server with
 * @simplewebauthn/server; these schemas bound their size and shape only, unknown members are dropped.
 */

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/);
const transports = z.array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'])).max(8);
/** Extension results are not used; accepted as the browser sends them, within the body limit. */
const extensionResults = z.record(z.string(), z.unknown());

/** The envelope both answers of @simplewebauthn/browser share; they differ in `response`. */
const credentialEnvelope = {
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: extensionResults,
};

/** What `startRegistration()` of @simplewebauthn/browser answers. */
const registrationResponse = z.object({
  ...credentialEnvelope,
  response: z.object({
    clientDataJSON: base64url(4000),
    attestationObject: base64url(16000),
    authenticatorData: base64url(4000).optional(),
    transports: transports.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(4000).optional(),
  }),
});

/** What `startAuthentication()` of @simplewebauthn/browser answers. */
const authenticationResponse = z.object({
  ...credentialEnvelope,
  response: z.object({
    clientDataJSON: base64url(4000),
    authenticatorData: base64url(4000),
    signature: base64url(2000),
    userHandle: base64url(200).optional(),
  }),
});

/** The name a person gives a passkey, shown in their list ("Laptop", "Security key"). */
export const passkeyName = z.string().trim().min(1).max(60).superRefine(refuseInvisibleCharacters);

export const passkeyRegistrationRequest = z.strictObject({ name: passkeyName, response: registrationResponse });
export const passkeyRenameRequest = z.strictObject({ name: passkeyName });
export const passkeyParams = z.strictObject({ passkeyId: z.uuid() });
/** Removing a factor asks again for the password (and a code when an authenticator app is set up). */
export const passkeyRemovalRequest = z.strictObject({ currentPassword: anyPassword, ...freshCheckFields });
export const passkeyAuthenticationRequest = z.strictObject({ response: authenticationResponse });

export const passkeyView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type PasskeyView = z.infer<typeof passkeyView>;
export const passkeyList = z.object({ passkeys: z.array(passkeyView) });

/**
 * The options handed to the browser's WebAuthn call (`navigator.credentials.create/get` through
 * @simplewebauthn/browser). Their shape is WebAuthn's own; the server builds them.
 */
export const webauthnOptions = z.object({ options: z.record(z.string(), z.unknown()) });
