// What a sign-in may have to pass besides its password: the account's passkey as a second factor
// (opt-in per account) and the confirmation of a new device (opt-in for the operator). The second
// factor answers 403 FORBIDDEN, `details.reason` SECOND_FACTOR_REQUIRED, with WebAuthn options in
// `details.options`; the passkey's answer to them goes to POST /auth/passkeys/login, which issues the
// session. docs/authentication.md.
import type { Db } from '../../db/index';
import { DomainError } from '../../errors';
import type { DeviceConfirmation } from './device-confirmation';
import type { RelyingParty } from './relying-party';
import { secondFactorOptions } from './passkeys';

export interface SignInGates {
  /** The relying party of this request; computed only when a passkey is asked for (it may refuse an IP host). */
  relyingParty: () => RelyingParty;
  deviceConfirmation: DeviceConfirmation;
}

export async function secondFactorRequired(db: Db, userId: string, gates: SignInGates | undefined): Promise<DomainError> {
  if (!gates) return new DomainError('FORBIDDEN', 'This account requires a passkey after its password.', { reason: 'SECOND_FACTOR_REQUIRED' });
  const { options } = await secondFactorOptions(db, userId, gates.relyingParty());
  return new DomainError('FORBIDDEN', 'Your password is right; now use one of your passkeys to finish signing in.', {
    reason: 'SECOND_FACTOR_REQUIRED',
    options,
  });
}
