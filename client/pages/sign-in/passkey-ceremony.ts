// The browser's side of a passkey sign-in: the server's options go to navigator.credentials.get()
// through @simplewebauthn/browser, and the answer back to POST /auth/passkeys/login.
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';

type AuthenticationOptions = Parameters<typeof startAuthentication>[0]['optionsJSON'];
type RegistrationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];

/** Asks the browser for a passkey answering `options` (the server's JSON, passed as it came). */
export async function askForPasskey(options: Record<string, unknown>) {
  const response = await startAuthentication({ optionsJSON: options as unknown as AuthenticationOptions });
  return { ...response, clientExtensionResults: { ...response.clientExtensionResults } };
}

/** Asks the browser to create a passkey for `options`. */
export async function createPasskey(options: Record<string, unknown>) {
  const response = await startRegistration({ optionsJSON: options as unknown as RegistrationOptions });
  return { ...response, clientExtensionResults: { ...response.clientExtensionResults } };
}

/** The browser's refusal or cancellation, said plainly (the user closed the dialog, no passkey, …). */
export function passkeyProblem(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (error.name === 'NotAllowedError' || /NotAllowed|cancel|timed out/i.test(error.message)) {
    return 'The passkey request was cancelled or timed out.';
  }
  if (error.name === 'InvalidStateError') return 'This passkey is already registered with your account.';
  if (error.name === 'NotSupportedError' || /not supported|WebAuthn is not/i.test(error.message)) {
    return 'This browser cannot use passkeys here.';
  }
  if (error.name === 'SecurityError') return error.message;
  return null;
}
