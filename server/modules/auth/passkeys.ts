// Passkeys (WebAuthn, @simplewebauthn/server): adding, naming and removing them, and the two
// ceremonies that use them: a usernameless sign-in, and the second factor after a password. Every
// challenge is a row of passkey_challenges, spent by one DELETE … RETURNING before its answer is
// checked: single use on any instance, and gone after CHALLENGE_TTL_SECONDS. docs/authentication.md.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { AuthenticatorTransportFuture } from '@simplewebauthn/server';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/index';
import { isUniqueViolation } from '../../db/index';
import { DomainError, conflict, notFound } from '../../errors';
import type { Passkey, authenticationResponse, optionsOutput, registrationResponse } from '../../../shared/schemas/passkeys';
import { hitWindow } from '../../limits/fixed-window';
import { addressBucket } from '../../net/ip';
import type { PasswordHasher } from './passwords';
import type { RelyingParty } from './relying-party';
import { rateLimited } from './service';

export const CHALLENGE_TTL_SECONDS = 300;
/** Password checks per account per hour on the routes that ask for it again (429 past it). */
export const PASSWORD_CHECKS_PER_HOUR = 10;
const RP_NAME = 'CalOS';

type Purpose = 'register' | 'login' | 'second_factor';
/** The options' JSON form, as the API describes it (an open object). */
type WebauthnOptions = z.output<typeof optionsOutput>['options'];

interface PasskeyRow {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  counter: string | number;
  transports: AuthenticatorTransportFuture[];
  name: string;
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

const toPasskey = (r: PasskeyRow): Passkey => ({
  id: r.id,
  name: r.name,
  deviceType: r.device_type,
  backedUp: r.backed_up,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

/** A refused passkey: the same 401 whatever was wrong, with a reason for the developer. */
const refused = (reason: string, message = 'This passkey was not accepted; try again.') =>
  new DomainError('INVALID_CREDENTIALS', message, { reason });

async function saveChallenge(db: Db, purpose: Purpose, userId: string | null, challenge: string, rp: RelyingParty) {
  // Expired challenges of anyone go with each new one: the table holds only live ones.
  await db('passkey_challenges').where('expires_at', '<', db.fn.now()).delete();
  await db('passkey_challenges').insert({
    purpose,
    user_id: userId,
    challenge,
    rp_id: rp.rpID,
    expires_at: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000),
  });
}

/** The challenge the browser signed, read from its clientDataJSON (checked again by the library). */
function challengeOf(clientDataJSON: string): string {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    if (typeof data.challenge === 'string' && /^[\w-]{16,200}$/.test(data.challenge)) return data.challenge;
  } catch {
    // falls through
  }
  throw new DomainError('VALIDATION_FAILED', 'response.response.clientDataJSON: is not WebAuthn client data', {
    issues: [{ path: 'response.response.clientDataJSON', message: 'is not WebAuthn client data' }],
  });
}

/** Spends a challenge: it answers once, on whichever instance, and only while it lives. */
async function spendChallenge(db: Db, challenge: string, purposes: Purpose[]) {
  const [row] = (await db('passkey_challenges')
    .where({ challenge })
    .whereIn('purpose', purposes)
    .where('expires_at', '>', db.fn.now())
    .delete()
    .returning(['purpose', 'user_id', 'rp_id'])) as Array<{ purpose: Purpose; user_id: string | null; rp_id: string }>;
  return row;
}

/** Asks for the account's password again (adding or removing a passkey, the second factor). */
export async function confirmPassword(db: Db, passwords: PasswordHasher, userId: string, password: string) {
  const hit = await hitWindow(db, `passkeys:password:${userId}`, 3600);
  if (hit.count > PASSWORD_CHECKS_PER_HOUR) {
    throw rateLimited('Too many password checks; try again later.', hit.resetSeconds, 'passkeys-password', PASSWORD_CHECKS_PER_HOUR, 3600);
  }
  const user = (await db('users').where({ id: userId }).first('password_hash')) as { password_hash: string } | undefined;
  if (!(await passwords.verify(user?.password_hash ?? null, password))) {
    throw new DomainError('FORBIDDEN', 'Wrong password.', { reason: 'WRONG_PASSWORD', issues: [{ path: 'password', message: 'is wrong' }] });
  }
}

export async function listPasskeys(db: Db, userId: string) {
  const rows = (await db('passkeys').where({ user_id: userId }).orderBy([{ column: 'created_at' }, { column: 'id' }])) as PasskeyRow[];
  const user = (await db('users').where({ id: userId }).first('passkey_required')) as { passkey_required: boolean };
  return { items: rows.map(toPasskey), secondFactor: user.passkey_required };
}

/** Options for navigator.credentials.create(): a discoverable credential, bound to this account. */
export async function registrationOptions(db: Db, user: { id: string; username: string }, rp: RelyingParty) {
  const existing = (await db('passkeys').where({ user_id: user.id }).select('credential_id', 'transports')) as PasskeyRow[];
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpID,
    userName: user.username,
    userID: Buffer.from(user.id, 'utf8'),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    timeout: CHALLENGE_TTL_SECONDS * 1000,
  });
  await saveChallenge(db, 'register', user.id, options.challenge, rp);
  return { options: options as unknown as WebauthnOptions };
}

export async function registerPasskey(
  db: Db,
  userId: string,
  input: { name: string; response: z.output<typeof registrationResponse> },
  rp: RelyingParty,
) {
  const challenge = challengeOf(input.response.response.clientDataJSON);
  const spent = await spendChallenge(db, challenge, ['register']);
  if (!spent || spent.user_id !== userId) throw refused('CHALLENGE_UNKNOWN', 'This passkey request expired or was already used; start again.');
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: spent.rp_id,
      requireUserVerification: false,
    });
  } catch (err) {
    throw refused('VERIFICATION_FAILED', `The passkey could not be verified: ${(err as Error).message}`);
  }
  if (!verification.verified) throw refused('VERIFICATION_FAILED');
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  try {
    const [row] = (await db('passkeys')
      .insert({
        user_id: userId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? input.response.response.transports ?? []),
        name: input.name,
        device_type: credentialDeviceType,
        backed_up: credentialBackedUp,
      })
      .returning('*')) as PasskeyRow[];
    return toPasskey(row!);
  } catch (err) {
    if (isUniqueViolation(err, 'passkeys_credential_unique')) throw conflict('PASSKEY_EXISTS', 'This passkey is already registered.');
    throw err;
  }
}

export async function renamePasskey(db: Db, userId: string, passkeyId: string, name: string) {
  const [row] = (await db('passkeys').where({ id: passkeyId, user_id: userId }).update({ name }).returning('*')) as PasskeyRow[];
  if (!row) throw notFound('passkey');
  return toPasskey(row);
}

/** Removes a passkey; with the account's last one goes its second factor (nothing could answer it). */
export async function removePasskey(tx: Tx, userId: string, passkeyId: string) {
  const deleted = await tx('passkeys').where({ id: passkeyId, user_id: userId }).delete().returning('id');
  if (!deleted.length) throw notFound('passkey');
  const left = await tx('passkeys').where({ user_id: userId }).first('id');
  if (!left) await tx('users').where({ id: userId }).update({ passkey_required: false });
}

export async function setSecondFactor(tx: Tx, userId: string, enabled: boolean) {
  if (enabled && !(await tx('passkeys').where({ user_id: userId }).first('id'))) {
    throw conflict('NO_PASSKEY', 'Add a passkey before requiring one at sign-in.');
  }
  await tx('users').where({ id: userId }).update({ passkey_required: enabled, updated_at: tx.fn.now() });
  return { secondFactor: enabled };
}

/** Sign-in challenges one client address may ask for per minute (429 past it): the table stays small. */
export const LOGIN_OPTIONS_PER_IP_PER_MINUTE = 30;

/** Options for a usernameless sign-in: any passkey of any account on this relying party. */
export async function loginOptions(db: Db, rp: RelyingParty, ip: string) {
  const hit = await hitWindow(db, `passkeys:options:ip:${addressBucket(ip)}`, 60);
  if (hit.count > LOGIN_OPTIONS_PER_IP_PER_MINUTE) {
    throw rateLimited('Too many passkey sign-ins from this address; try again later.', hit.resetSeconds, 'passkeys-login-ip', LOGIN_OPTIONS_PER_IP_PER_MINUTE, 60);
  }
  const options = await generateAuthenticationOptions({ rpID: rp.rpID, userVerification: 'required', timeout: CHALLENGE_TTL_SECONDS * 1000 });
  await saveChallenge(db, 'login', null, options.challenge, rp);
  return { options: options as unknown as WebauthnOptions };
}

/** Options for the second factor of a password sign-in: one of this account's passkeys. */
export async function secondFactorOptions(db: Db, userId: string, rp: RelyingParty) {
  const keys = (await db('passkeys').where({ user_id: userId }).select('credential_id', 'transports')) as PasskeyRow[];
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: keys.map((k) => ({ id: k.credential_id, transports: k.transports })),
    userVerification: 'preferred',
    timeout: CHALLENGE_TTL_SECONDS * 1000,
  });
  await saveChallenge(db, 'second_factor', userId, options.challenge, rp);
  return { options: options as unknown as WebauthnOptions };
}

/**
 * Checks a passkey's answer to a sign-in or second-factor challenge and answers whose it is. The
 * signature counter only moves forward: a conditional UPDATE, so two answers with one counter value
 * (a cloned authenticator, a replay) cannot both pass.
 */
export async function verifyPasskeyLogin(db: Db, response: z.output<typeof authenticationResponse>, rp: RelyingParty) {
  const challenge = challengeOf(response.response.clientDataJSON);
  const spent = await spendChallenge(db, challenge, ['login', 'second_factor']);
  if (!spent) throw refused('CHALLENGE_UNKNOWN', 'This sign-in request expired or was already used; start again.');
  const key = (await db('passkeys').where({ credential_id: response.id }).first()) as PasskeyRow | undefined;
  if (!key) throw refused('PASSKEY_UNKNOWN', 'This passkey is not registered with CalOS (it may have been removed).');
  // The second factor answers for the account whose password was given, with one of its passkeys.
  if (spent.purpose === 'second_factor' && key.user_id !== spent.user_id) throw refused('PASSKEY_NOT_ALLOWED');
  // A discoverable credential names its account: it must be the one the passkey was added to.
  const handle = response.response.userHandle;
  if (handle && Buffer.from(handle, 'base64url').toString('utf8') !== key.user_id) throw refused('USER_MISMATCH');
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: response as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: spent.rp_id,
      credential: { id: key.credential_id, publicKey: Buffer.from(key.public_key, 'base64url'), counter: Number(key.counter), transports: key.transports },
      requireUserVerification: spent.purpose === 'login',
    });
  } catch (err) {
    throw refused('VERIFICATION_FAILED', `The passkey could not be verified: ${(err as Error).message}`);
  }
  if (!verification.verified) throw refused('VERIFICATION_FAILED');
  const next = verification.authenticationInfo.newCounter;
  const moved = await db('passkeys')
    .where({ id: key.id })
    .where((q) => (next === 0 ? q.where('counter', 0) : q.where('counter', '<', next)))
    .update({ counter: next, last_used_at: db.fn.now(), backed_up: verification.authenticationInfo.credentialBackedUp })
    .returning('id');
  if (!moved.length) throw refused('COUNTER_REGRESSED', 'This passkey’s signature counter went back: it may have been cloned.');
  return { userId: key.user_id, purpose: spent.purpose };
}
