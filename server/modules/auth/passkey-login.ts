// A sign-in with a passkey, usernameless or as the second factor after a password: the same session
// a password sign-in issues ({user, token, expiresAt, session, device, alerts}), under the same
// rules: the device is recorded and compared with its last report (spoofing alerts), its calendar
// zone learnt, and a new device confirmed first when the operator asks for it.
import type { z } from 'zod';
import type { Database } from '../../db/index';
import type { EventOutbox } from '../../events/outbox';
import type { passkeyLoginInput } from '../../../shared/schemas/passkeys';
import { requireConfirmedDevice } from './device-confirmation';
import type { UserRow } from './models';
import { verifyPasskeyLogin } from './passkeys';
import type { RelyingParty } from './relying-party';
import { createSession, invalidCredentials, recordSignInDevice, signedIn, type AuthKit, type ClientInfo } from './service';
import type { SignInGates } from './sign-in-gates';

export async function loginWithPasskey(
  kit: AuthKit,
  events: EventOutbox,
  db: Database,
  input: z.output<typeof passkeyLoginInput>,
  client: ClientInfo,
  rp: RelyingParty,
  gates: SignInGates,
) {
  const knex = db.knex;
  const { userId } = await verifyPasskeyLogin(knex, input.response, rp);
  const user = (await knex('users').where({ id: userId }).first()) as UserRow | undefined;
  if (!user) throw invalidCredentials();
  await requireConfirmedDevice(knex, gates.deviceConfirmation, user, input.device, client.ip);
  const { session, device } = await knex.transaction(async (trx) => {
    const device = input.device ? await recordSignInDevice(trx, events, user, input.device, client.ip) : null;
    return { session: await createSession(trx, kit, user.id, device?.device.id ?? null, client), device };
  });
  return signedIn(kit, user, session, device);
}
