// Passkeys (WebAuthn) and new-device confirmation: inputs and outputs, shared by server and client.
// The browser side is @simplewebauthn/browser: `options` go to startRegistration/startAuthentication
// as they are, and what those answer is sent back as `response`.
import { z } from 'zod';
import { deviceInput, loginOutput, mailedToken } from './auth';
import { text, timestamp, uuid } from './primitives';

const b64url = (max: number) => z.string().max(max).regex(/^[\w-]*$/, 'must be base64url');

/** PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON, for @simplewebauthn/browser. */
const webauthnOptions = z
  .looseObject({ challenge: z.string(), rpId: z.string().optional(), timeout: z.number().optional() })
  .describe('WebAuthn options in their JSON form: pass them to navigator.credentials (e.g. @simplewebauthn/browser) unchanged.');

const clientExtensionResults = z.record(z.string(), z.unknown()).default({});

/** What navigator.credentials.create() gave, in its JSON form (RegistrationResponseJSON). */
export const registrationResponse = z.object({
  id: b64url(1366),
  rawId: b64url(1366),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults,
  response: z.object({
    clientDataJSON: b64url(8192),
    attestationObject: b64url(65_536),
    authenticatorData: b64url(65_536).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(8192).optional(),
  }),
});

/** What navigator.credentials.get() gave, in its JSON form (AuthenticationResponseJSON). */
export const authenticationResponse = z.object({
  id: b64url(1366),
  rawId: b64url(1366),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults,
  response: z.object({
    clientDataJSON: b64url(8192),
    authenticatorData: b64url(65_536),
    signature: b64url(8192),
    userHandle: b64url(512).optional(),
  }),
});

export const passkeyName = text(100, 1).describe('Your name for the passkey, e.g. "Laptop" or "Phone".');

export const passkeyOutput = z.object({
  id: uuid(),
  name: z.string(),
  deviceType: z.enum(['singleDevice', 'multiDevice']),
  backedUp: z.boolean(),
  createdAt: timestamp(),
  lastUsedAt: timestamp().nullable(),
});
export type Passkey = z.infer<typeof passkeyOutput>;
export const passkeysOutput = z.object({ items: z.array(passkeyOutput), secondFactor: z.boolean() });

/** Adding or removing a passkey, or changing the second factor, asks for the account's password again. */
const password = z.string().min(1).max(256).describe('Your account password, asked again.');
export const registrationOptionsInput = z.strictObject({ password });
export const optionsOutput = z.object({ options: webauthnOptions });
export const registerPasskeyInput = z.strictObject({ name: passkeyName, response: registrationResponse });
export const renamePasskeyInput = z.strictObject({ passkeyId: uuid(), name: passkeyName });
export const removePasskeyInput = z.strictObject({ passkeyId: uuid(), password });
export const secondFactorInput = z.strictObject({ enabled: z.boolean(), password });
export const secondFactorOutput = z.object({ secondFactor: z.boolean() });

export const passkeyLoginInput = z.strictObject({ response: authenticationResponse, device: deviceInput.optional() });
export const passkeyLoginOutput = loginOutput;

export const confirmDeviceInput = z.strictObject({ token: mailedToken });
export const confirmDeviceOutput = z.object({ deviceId: uuid(), label: z.string() });
