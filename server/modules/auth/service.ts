// Accounts and sessions: register, login (throttled in the database), logout, the per-request
// session check, session listing and revocation, and the admin and demo accounts created at start.
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/index';
import { isUniqueViolation, preparedQuery, type Database } from '../../db/index';
import { batchedLookup, type BatchedLookup } from '../../db/batch';
import { newestFirstPage, type PageInput } from '../../db/cursor';
import { DomainError, conflict, notFound } from '../../errors';
import { addressBucket } from '../../net/ip';
import type { loginInput, registerInput } from '../../../shared/schemas/auth';
import type { PasswordHasher } from './passwords';
import type { TokenSigner } from './tokens';
import { fingerprintHash, recordDeviceLogin, type DeviceInput, type DeviceLogin } from './devices';
import { checkLogin, loginKeys, settleHits, settleLogin, settleLoginIn, type LoginLimits, type NewSession } from './login-queries';
import { checkNewPassword } from './password-policy';
import { hitWindow } from '../../limits/fixed-window';
import type { EventOutbox } from '../../events/outbox';
import { deviceAlertRaised, userRegistered } from './events';
import { toSession, toUser, type SessionRow, type UserRow } from './models';
import { requireConfirmedDevice } from './device-confirmation';
import { secondFactorRequired, type SignInGates } from './sign-in-gates';

/** What the auth services need besides a database handle. */
export interface AuthKit {
  passwords: PasswordHasher;
  tokens: TokenSigner;
  sessionTtlDays: number;
  loginThrottle: LoginLimits;
  /** Registrations per client address per window. */
  registerThrottle: { maxPerIp: number; windowSeconds: number };
  /** CALOS_NEW_DEVICE_CONFIRMATION: sign-ins from unconfirmed devices wait for a mailed link. */
  newDeviceConfirmation: boolean;
  /** Live sessions by id, read from the database on every authenticated request. */
  sessions: BatchedLookup<SessionCheckRow>;
}

/** Where a request came from, as far as identity cares. */
export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

export interface Authenticated {
  user: ReturnType<typeof toUser>;
  session: ReturnType<typeof toSession>;
  claims: { issuedAt: number; expiresAt: Date };
}

export const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS');
const unauthenticated = (message = 'The session token is missing, invalid, expired or revoked.') =>
  new DomainError('UNAUTHENTICATED', message);

export async function createSession(tx: Tx, kit: AuthKit, userId: string, deviceId: string | null, client: ClientInfo) {
  const [row] = (await tx('user_sessions')
    .insert({
      user_id: userId,
      device_id: deviceId,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 512) ?? null,
      expires_at: tx.raw(`now() + make_interval(days => ?)`, [kit.sessionTtlDays]),
    })
    .returning('*')) as SessionRow[];
  return row!;
}

async function insertUser(tx: Tx, values: Pick<UserRow, 'username' | 'email' | 'password_hash' | 'role'> & { timezone?: string | null }) {
  try {
    const [row] = (await tx('users').insert(values).returning('*')) as UserRow[];
    return row!;
  } catch (err) {
    if (isUniqueViolation(err, 'users_username_unique')) throw conflict('USERNAME_TAKEN', 'This username is taken.');
    throw err;
  }
}

export async function emitAlerts(tx: Tx, events: EventOutbox, userId: string, device: DeviceLogin | null) {
  for (const alert of device?.alerts ?? []) {
    await events.emit(tx, {
      event: deviceAlertRaised,
      mode: 'live',
      userId,
      data: { userId, deviceId: alert.deviceId, alertId: alert.id, kind: alert.kind, severity: alert.severity },
    });
  }
}

/**
 * A sign-in's device, inside its transaction: recorded and compared with its last report, its
 * calendar zone learnt by an account that has none yet, and its alerts raised.
 */
export async function recordSignInDevice(trx: Tx, events: EventOutbox, user: UserRow, input: DeviceInput, ip: string): Promise<DeviceLogin> {
  const device = await recordDeviceLogin(trx, user.id, input, ip);
  const zone = user.timezone ? null : validZone(input.signals?.timezone);
  if (zone) {
    await trx('users').where({ id: user.id }).whereNull('timezone').update({ timezone: zone }).returning('id');
    user.timezone = zone;
  }
  await emitAlerts(trx, events, user.id, device);
  return device;
}

/** What a sign-in answers, password or passkey: the user, a signed token for the session, the device and its alerts. */
export async function signedIn(kit: AuthKit, user: UserRow, session: SessionRow | NewSession, device: DeviceLogin | null) {
  const { token, expiresAt } = await kit.tokens.sign(user.id, session.id);
  return {
    user: toUser(user),
    token,
    expiresAt,
    session: toSession(session),
    device: device?.device ?? null,
    alerts: device?.alerts ?? [],
  };
}

/**
 * Creates an account and signs it in. Sign-ups are counted per address first (every one that gets
 * this far, refused or not); then the password must pass the policy (password-policy.ts) and is
 * hashed before the (short) transaction.
 */
export async function registerUser(
  kit: AuthKit,
  events: EventOutbox,
  db: Db,
  input: z.output<typeof registerInput>,
  client: ClientInfo,
) {
  const { maxPerIp, windowSeconds } = kit.registerThrottle;
  const hit = await hitWindow(db, `register:ip:${addressBucket(client.ip)}`, windowSeconds);
  if (hit.count > maxPerIp) {
    throw rateLimited('Too many sign-ups from this address; try again later.', hit.resetSeconds, 'register-ip', maxPerIp, windowSeconds);
  }
  await checkNewPassword(input.password, { username: input.username, email: input.email });
  const passwordHash = await kit.passwords.hash(input.password);
  const { user, session } = await db.transaction(async (trx) => {
    const user = await insertUser(trx, {
      username: input.username,
      email: input.email,
      password_hash: passwordHash,
      role: 'user',
      // The zone the sign-up device reports becomes the user's calendar (daily limits, streaks).
      timezone: validZone(input.device?.signals?.timezone),
    });
    const device = input.device ? await recordDeviceLogin(trx, user.id, input.device, client.ip) : null;
    const session = await createSession(trx, kit, user.id, device?.device.id ?? null, client);
    await events.emit(trx, {
      event: userRegistered,
      mode: 'live',
      userId: user.id,
      data: { userId: user.id, username: user.username, createdAt: user.created_at.toISOString() },
    });
    await emitAlerts(trx, events, user.id, device);
    return { user, session };
  });
  const { token, expiresAt } = await kit.tokens.sign(user.id, session.id);
  return { user: toUser(user), token, expiresAt };
}

export const validZone = (zone: string | undefined) => (zone && IANAZone.isValidZone(zone) ? zone : null);

/** Changes what the user may change about themselves: for now, their time zone. */
export async function updateProfile(db: Db, userId: string, input: { timezone: string | null }) {
  const [row] = await db('users').where({ id: userId }).update({ timezone: input.timezone, updated_at: db.fn.now() }).returning('*');
  return toUser(row);
}

/** A refused attempt: 429 RATE_LIMITED with Retry-After and the RateLimit headers of `policy`. */
export function rateLimited(message: string, resetSeconds: number, policy: string, limit: number, windowSeconds: number) {
  return new DomainError(
    'RATE_LIMITED',
    message,
    { retryAfterSeconds: resetSeconds, nextAvailableAt: new Date(Date.now() + resetSeconds * 1000) },
    { policy, limit, windowSeconds, remaining: 0, resetSeconds },
  );
}

/**
 * Signs a user in (the design: docs/authentication.md). One statement recognises the device and
 * counts the attempt before the password is checked, so parallel guesses cannot slip past a limit:
 * a device this account has signed in from counts against its own budget only, so failures from
 * anywhere else never keep it out; any other attempt counts against its address, the account from
 * that address, and the account from anywhere, which slows down (429 with Retry-After) rather than
 * locks, up to a ceiling. A success settles its own hits. An unknown login, a wrong password and an
 * account locked at its ceiling all end in the same INVALID_CREDENTIALS after one argon2
 * verification, so neither the answer nor its timing tells them apart; an unknown login is
 * throttled exactly like an account. Argon2 runs outside any transaction: on PGlite a transaction
 * holds the only connection.
 */
export async function loginUser(
  kit: AuthKit,
  events: EventOutbox,
  db: Database,
  input: z.output<typeof loginInput> & { device?: DeviceInput },
  client: ClientInfo,
  gates?: SignInGates,
) {
  const login = input.login.trim().toLowerCase();
  const limits = kit.loginThrottle;
  const { maxPerIp, maxPerAccount, windowSeconds } = limits;
  const bucket = addressBucket(client.ip);
  const check = await checkLogin(db, login, bucket, input.device ? fingerprintHash(input.device.fingerprint) : null, limits);
  const { user } = check;
  let keys: string[];
  let resetKeys: string[];
  let locked = false;
  if (check.device) {
    if (check.device.count > maxPerAccount) {
      const reset = check.device.resetSeconds;
      throw rateLimited('Too many failed sign-ins from this device; try again later.', reset, 'login-device', maxPerAccount, windowSeconds);
    }
    keys = resetKeys = [loginKeys.device(check.device.id)];
  } else {
    const { ip, pair } = check;
    if (ip && ip.count > maxPerIp) {
      throw rateLimited('Too many sign-in attempts from this address; try again later.', ip.resetSeconds, 'login-ip', maxPerIp, windowSeconds);
    }
    if (pair && pair.count > maxPerAccount) {
      const reset = pair.resetSeconds;
      throw rateLimited('Too many failed sign-ins to this account from this address; try again later.', reset, 'login-account-ip', maxPerAccount, windowSeconds);
    }
    if (check.accountCount === null) {
      // The slow-down: the account saw too many failures lately, so attempts are spaced out.
      const held = check.heldSeconds;
      throw rateLimited('This account is being signed in to too often; wait a moment and try again.', held, 'login-account', maxPerAccount, windowSeconds);
    }
    // Past the ceiling only the account's own devices get in; everyone else is told what a wrong password is told.
    locked = check.accountCount > limits.accountCeiling;
    const account = login; // the text typed, never the user id: see login-queries.ts
    keys = [loginKeys.ip(bucket), loginKeys.pair(bucket, account), loginKeys.account(account)];
    resetKeys = [loginKeys.pair(bucket, account)];
  }

  const ok = await kit.passwords.verify(user && !locked ? user.password_hash : null, input.password);
  if (!ok || !user) throw invalidCredentials();
  // The password was right; a passkey may be asked for next, and a new device confirmed
  // (sign-in-gates.ts). Either way this was no guess: its throttle hits are settled.
  try {
    if (user.passkey_required) throw await secondFactorRequired(db.knex, user.id, gates);
    await requireConfirmedDevice(db.knex, gates?.deviceConfirmation, user, input.device, client.ip);
  } catch (err) {
    await settleHits(db.knex, keys, resetKeys);
    throw err;
  }

  const settle = {
    keys,
    resetKeys,
    userId: user.id,
    deviceId: null as string | null,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 512) ?? null,
    sessionTtlDays: kit.sessionTtlDays,
  };
  let session: NewSession;
  let device: DeviceLogin | null = null;
  if (input.device) {
    // The device's previous signals are read under a row lock, so this stays a transaction.
    const deviceInput = input.device;
    ({ session, device } = await db.knex.transaction(async (trx) => {
      const device = await recordSignInDevice(trx, events, user, deviceInput, client.ip);
      return { session: await settleLoginIn(trx, { ...settle, deviceId: device.device.id }), device };
    }));
  } else {
    // The hot path: hits settled and the session created in one prepared statement.
    session = await settleLogin(db, settle);
  }
  return signedIn(kit, user, session, device);
}

/**
 * The check every authenticated request makes: the token's signature and expiry, then its session
 * in the database, so a logout or revocation on any instance is refused everywhere at once.
 * Requests read in the same turn of the event loop share one statement (server/db/batch.ts): each
 * is still answered by a query that started after it arrived. Last-seen is informational: the
 * statement says whether it is over a minute old, and only then is it written.
 */
const SESSION_CHECK_SQL = `
  SELECT s.id, s.user_id, s.device_id, s.created_at, s.expires_at,
         s.last_seen_at < now() - interval '1 minute' AS last_seen_stale,
         u.username, u.email, u.role, u.timezone, u.created_at AS user_created_at
  FROM user_sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = ANY($1::uuid[]) AND s.revoked_at IS NULL AND s.expires_at > now()`;

export type SessionCheckRow = Pick<SessionRow, 'id' | 'user_id' | 'device_id' | 'created_at' | 'expires_at'> &
  Pick<UserRow, 'username' | 'email' | 'role' | 'timezone'> & { last_seen_stale: boolean; user_created_at: Date };

/** The live-session lookup of one database, batched; AuthKit holds one per database. */
export function sessionLookup(db: Database): BatchedLookup<SessionCheckRow> {
  return batchedLookup(
    (ids) => preparedQuery<SessionCheckRow>(db, 'calos_session_check', SESSION_CHECK_SQL, [ids]),
    (row) => row.id,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function authenticateToken(kit: AuthKit, db: Database, token: string): Promise<Authenticated> {
  const claims = await kit.tokens.verify(token);
  if (!claims || !UUID.test(claims.sessionId)) throw unauthenticated();
  const row = await kit.sessions.load(claims.sessionId);
  if (!row || row.user_id !== claims.userId) throw unauthenticated();
  if (row.last_seen_stale) {
    await db.knex('user_sessions').where({ id: row.id }).update({ last_seen_at: db.knex.fn.now() });
  }
  return {
    user: { id: row.user_id, username: row.username, email: row.email, role: row.role, timezone: row.timezone, createdAt: row.user_created_at },
    session: toSession(row),
    claims: { issuedAt: claims.issuedAt, expiresAt: claims.expiresAt },
  };
}

/** A fresh token for a live session (the old one stays valid until it expires). */
export async function refreshToken(kit: AuthKit, auth: Authenticated) {
  return kit.tokens.sign(auth.user.id, auth.session.id);
}

export async function revokeSession(tx: Tx, userId: string, sessionId: string, reason = 'revoked'): Promise<void> {
  const updated = await tx('user_sessions')
    .where({ id: sessionId, user_id: userId })
    .whereNull('revoked_at')
    .update({ revoked_at: tx.fn.now(), revoked_reason: reason });
  if (!updated) throw notFound('session');
}

export async function revokeOtherSessions(tx: Tx, userId: string, currentSessionId: string) {
  const revoked = await tx('user_sessions')
    .where({ user_id: userId })
    .whereNot({ id: currentSessionId })
    .whereNull('revoked_at')
    .update({ revoked_at: tx.fn.now(), revoked_reason: 'revoked' });
  return { revoked };
}

export async function listSessions(tx: Tx, userId: string, currentSessionId: string, input?: PageInput) {
  const query = tx('user_sessions as s')
    .leftJoin('trusted_devices as d', 'd.id', 's.device_id')
    .where('s.user_id', userId)
    .whereNull('s.revoked_at')
    .where('s.expires_at', '>', tx.fn.now())
    .select('s.*', 'd.label as device_label');
  const { rows, nextCursor } = await newestFirstPage<SessionRow & { device_label: string | null }>(query, input, 's.');
  return {
    items: rows.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      deviceLabel: r.device_label,
      ip: r.ip,
      userAgent: r.user_agent,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      current: r.id === currentSessionId,
    })),
    nextCursor,
  };
}

/**
 * Creates an account with a given role unless its username exists. Used at start-up for the admin
 * from CALOS_ADMIN_* and for the demo accounts; safe when several instances start at once.
 */
export async function ensureAccount(
  kit: AuthKit,
  db: Db,
  account: { username: string; email: string; password: string; role: 'user' | 'admin' },
): Promise<'created' | 'exists'> {
  const existing = await db('users').where({ username: account.username.toLowerCase() }).first('id');
  if (existing) return 'exists';
  const passwordHash = await kit.passwords.hash(account.password);
  const inserted = await db('users')
    .insert({
      username: account.username.toLowerCase(),
      email: account.email.toLowerCase(),
      password_hash: passwordHash,
      role: account.role,
      // The operator's (or the demo's) address: counted as verified, so it signs in by email.
      email_verified_at: db.fn.now(),
    })
    .onConflict()
    .ignore()
    .returning('id');
  return inserted.length ? 'created' : 'exists';
}
