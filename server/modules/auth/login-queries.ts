// The login's SQL, folded so that a sign-in costs two round trips besides argon2 instead of eight:
// one statement before the password check (account lookup, device recognition and every throttle
// hit) and one after a success (hits settled, session created). Each runs as a named prepared
// statement on PostgreSQL. The design is in docs/authentication.md.
//
// Windows, each a row of rate_limit_windows counted by one atomic upsert:
//   login:device:<device id>                 a device this account has signed in from: its own budget,
//                                            and nothing else is counted or checked for it
//   login:ip:<address>                       every other attempt from the address
//   login:account-ip:<address>:<account>     … against one account from one address (counted while
//                                            the address is within its limit)
//   login:account:<account>                  … against one account from anywhere (counted while the
//                                            pair is within its limit): past maxPerAccount each next
//                                            attempt waits (held_until), past the ceiling it is locked
// <account> is the login text as typed (lower-cased), for an account and an unknown login alike, so
// a throttled unknown login looks exactly like a throttled account: keyed by the user id, an
// account's username and email would share budgets that two unknown texts do not, and the
// difference would tell which username owns an email. An account's username and email are
// therefore counted apart, which doubles the bound on guesses per window (docs/authentication.md).
//
// Lock order: both statements lock the address's row first, then the pair's, then the account's,
// so logins running them at once cannot deadlock. The device path locks its one row.
//
// The check commits with synchronous_commit off (for its own transaction only): its counts are
// visible to every instance at commit as always; only a crash of the PostgreSQL server itself can
// lose the last few hundred milliseconds of attempt counts, which is harmless for a throttle, and it
// saves a WAL flush per attempt (≈ 0.2 ms of PostgreSQL CPU, bench/README.md). The settling
// statement creates a session and keeps the normal, durable commit.
//
// A successful login resets a window (attempts 0, window long over) rather than deleting the row:
// an update in place does not add an index entry per login, a delete and the next attempt's
// re-insert do. The next hit starts a fresh window either way.
import { hitUpsertSql } from '../../limits/fixed-window';
import { preparedQuery, type Database, type Tx } from '../../db/index';
import type { SessionRow, UserRow } from './models';

/** What the login answers with about its new session (models.ts toSession). */
export type NewSession = Pick<SessionRow, 'id' | 'device_id' | 'created_at' | 'expires_at'>;

export type LoginUser = Pick<UserRow, 'id' | 'username' | 'email' | 'password_hash' | 'role' | 'timezone' | 'created_at'> & {
  passkey_required: boolean;
};

export interface LoginLimits {
  windowSeconds: number;
  maxPerIp: number;
  maxPerAccount: number;
  accountCeiling: number;
  maxDelaySeconds: number;
}

/** A window's count after this attempt (this one included) and the seconds until it resets. */
export interface Hit {
  count: number;
  resetSeconds: number;
}

export interface LoginCheck {
  user: LoginUser | undefined;
  /** Set when the fingerprint belongs to a device of this account: then nothing below was counted. */
  device: (Hit & { id: string }) | null;
  /** Null on the device path. */
  ip: Hit | null;
  /** Null when not counted (the address was over its limit, or the device path). */
  pair: Hit | null;
  /**
   * Counted attempts against the account in its window; null when this attempt was not counted:
   * held back by the slow-down (then `heldSeconds` says for how long), or refused above.
   */
  accountCount: number | null;
  heldSeconds: number;
}

interface LoginCheckRow {
  device_id: string | null;
  device_attempts: number | null;
  device_reset: number | null;
  ip_attempts: number | null;
  ip_reset: number | null;
  pair_attempts: number | null;
  pair_reset: number | null;
  account_attempts: number | null;
  held_seconds: number | null;
  id: string | null;
  username: string;
  email: string;
  password_hash: string;
  role: UserRow['role'];
  timezone: string | null;
  created_at: Date;
  passkey_required: boolean;
}

const expired = (window: string) => `t.window_started_at <= now() - make_interval(secs => ${window})`;
// The wait after the n-th counted attempt: none up to maxPerAccount ($5), then 1 s doubling up to
// maxDelaySeconds ($9; 0 turns the slow-down off). The exponent is capped so power() cannot overflow.
const heldAfter = (n: string) =>
  `CASE WHEN ${n} >= $5 AND $9 > 0 THEN now() + make_interval(secs => least($9, power(2, least(${n} - $5, 30)))) END`;

// $1 the login (lower-cased), $2 the address's window key, $3 window seconds, $4 the address limit,
// $5 maxPerAccount, $6 the account ceiling, $7 the fingerprint's hash (or null), $8 the pair key's
// prefix (address), $9 the longest wait.
//
// The account's upsert holds an attempt back (no update, so no row returned) while the window's
// held_until lies ahead; past the ceiling every attempt is counted again and answered as locked.
// ON CONFLICT … WHERE judges the newest row version under its lock, so parallel attempts cannot
// both pass one gap. How long is left is read from the statement's snapshot: only a hint.
const loginCheckSql = (column: 'username' | 'email') => `
  WITH async_commit AS (
    SELECT set_config('synchronous_commit', 'off', true)
  ), u AS (
    SELECT id, username, email, password_hash, role, timezone, created_at, passkey_required FROM users
    WHERE ${column} = $1${column === 'email' ? ' AND email_verified_at IS NOT NULL' : ''}
  ), who AS (
    SELECT $1::text AS account
  ), d AS (
    SELECT td.id FROM trusted_devices td JOIN u ON td.user_id = u.id WHERE td.fingerprint_hash = $7::text
  ), device AS (
    ${hitUpsertSql(`SELECT 'login:device:' || d.id, 1, now() FROM d`, '$3')}
  ), ip AS (
    ${hitUpsertSql(`SELECT $2::text, 1, now() WHERE NOT EXISTS (SELECT 1 FROM d)`, '$3')}
  ), pair AS (
    ${hitUpsertSql(`SELECT $8::text || who.account, 1, now() FROM ip, who WHERE ip.attempts <= $4`, '$3')}
  ), account AS (
    INSERT INTO rate_limit_windows AS t (key, attempts, window_started_at, held_until)
    SELECT 'login:account:' || who.account, 1, now(), ${heldAfter('1')} FROM pair, who WHERE pair.attempts <= $5
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN ${expired('$3')} THEN 1 ELSE t.attempts + 1 END,
      window_started_at = CASE WHEN ${expired('$3')} THEN now() ELSE t.window_started_at END,
      held_until = CASE WHEN ${expired('$3')} THEN ${heldAfter('1')} ELSE ${heldAfter('(t.attempts + 1)')} END
    WHERE ${expired('$3')} OR t.attempts >= $6 OR t.held_until IS NULL OR t.held_until <= now()
    RETURNING t.attempts
  )
  SELECT (SELECT id FROM d) AS device_id, device.attempts AS device_attempts, device.reset AS device_reset,
         ip.attempts AS ip_attempts, ip.reset AS ip_reset, pair.attempts AS pair_attempts, pair.reset AS pair_reset,
         account.attempts AS account_attempts,
         -- Read only for an attempt held back (a CASE runs its sub-select only when taken).
         CASE WHEN account.attempts IS NULL AND pair.attempts <= $5 THEN
           (SELECT ceil(extract(epoch FROM w.held_until - now()))::int FROM rate_limit_windows w, who
            WHERE w.key = 'login:account:' || who.account)
         END AS held_seconds,
         u.id, u.username, u.email, u.password_hash, u.role, u.timezone, u.created_at, u.passkey_required
  FROM async_commit LEFT JOIN device ON true LEFT JOIN ip ON true LEFT JOIN pair ON true
       LEFT JOIN account ON true LEFT JOIN u ON true`;

const LOGIN_CHECK = {
  username: { name: 'calos_login_check_username', text: loginCheckSql('username') },
  email: { name: 'calos_login_check_email', text: loginCheckSql('email') },
};

export const loginKeys = {
  ip: (bucket: string) => `login:ip:${bucket}`,
  pairPrefix: (bucket: string) => `login:account-ip:${bucket}:`,
  pair: (bucket: string, account: string) => `login:account-ip:${bucket}:${account}`,
  account: (account: string) => `login:account:${account}`,
  device: (deviceId: string) => `login:device:${deviceId}`,
};

const hit = (count: number | null, reset: number | null): Hit | null =>
  count === null ? null : { count, resetSeconds: Math.max(0, reset ?? 0) };

/** Looks the account and device up and counts the attempt where it belongs, in one statement. */
export async function checkLogin(
  db: Database,
  login: string,
  bucket: string,
  fingerprintHash: string | null,
  limits: LoginLimits,
): Promise<LoginCheck> {
  const statement = login.includes('@') ? LOGIN_CHECK.email : LOGIN_CHECK.username;
  const [row] = await preparedQuery<LoginCheckRow>(db, statement.name, statement.text, [
    login,
    loginKeys.ip(bucket),
    limits.windowSeconds,
    limits.maxPerIp,
    limits.maxPerAccount,
    limits.accountCeiling,
    fingerprintHash,
    loginKeys.pairPrefix(bucket),
    limits.maxDelaySeconds,
  ]);
  const r = row!;
  const device = r.device_id ? { id: r.device_id, ...hit(r.device_attempts, r.device_reset)! } : null;
  return {
    user: r.id
      ? { id: r.id, username: r.username, email: r.email, password_hash: r.password_hash, role: r.role, timezone: r.timezone, created_at: r.created_at, passkey_required: r.passkey_required }
      : undefined,
    device,
    ip: hit(r.ip_attempts, r.ip_reset),
    pair: hit(r.pair_attempts, r.pair_reset),
    accountCount: r.account_attempts,
    heldSeconds: Math.max(1, r.held_seconds ?? 1),
  };
}

// $1 the windows this login counted on, in lock order; $2 those a success resets (the others give
// their hit back); $3 user id, $4 device id, $5 ip, $6 user agent, $7 session days. All of it
// happens in the statement that creates the session, or none of it.
const SETTLE_LOGIN_SQL = `
  WITH locked AS (
    SELECT key FROM rate_limit_windows WHERE key = ANY($1::text[]) ORDER BY array_position($1::text[], key) FOR UPDATE
  ), settled AS (
    UPDATE rate_limit_windows t
    SET attempts = CASE WHEN t.key = ANY($2::text[]) THEN 0 ELSE greatest(t.attempts - 1, 0) END,
        window_started_at = CASE WHEN t.key = ANY($2::text[]) THEN '-infinity' ELSE t.window_started_at END,
        held_until = CASE WHEN t.key = ANY($2::text[]) THEN NULL ELSE t.held_until END
    FROM locked WHERE t.key = locked.key
  )
  INSERT INTO user_sessions (user_id, device_id, ip, user_agent, expires_at)
  VALUES ($3, $4, $5, $6, now() + make_interval(days => $7))
  RETURNING id, device_id, created_at, expires_at`;

export interface SettleLogin {
  /** Every window the check counted this attempt on, in lock order (address, pair, account). */
  keys: string[];
  /** Those cleared by the success; the others only take this attempt's hit back. */
  resetKeys: string[];
  userId: string;
  deviceId: string | null;
  ip: string;
  userAgent: string | null;
  sessionTtlDays: number;
}

/** A text[] literal, each element quoted, so it binds alike through node-postgres, PGlite and knex.raw. */
const textArray = (items: string[]) => `{${items.map((k) => `"${k.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

const settleValues = (s: SettleLogin) => [
  textArray(s.keys),
  textArray(s.resetKeys),
  s.userId,
  s.deviceId,
  s.ip,
  s.userAgent,
  s.sessionTtlDays,
];

/** After a correct password: throttle hits settled and the session created, as a prepared statement. */
export async function settleLogin(db: Database, settle: SettleLogin): Promise<NewSession> {
  const [row] = await preparedQuery<NewSession>(db, 'calos_login_settle', SETTLE_LOGIN_SQL, settleValues(settle));
  return row!;
}

/** The same inside a transaction (a login that also records its device). */
export async function settleLoginIn(tx: Tx, settle: SettleLogin): Promise<NewSession> {
  const values = settleValues(settle);
  // knex binds `?` in order, so each $n becomes a `?` with its value repeated where it recurs.
  const bindings: unknown[] = [];
  const text = SETTLE_LOGIN_SQL.replace(/\$(\d+)/g, (_, n: string) => {
    bindings.push(values[Number(n) - 1]);
    return '?';
  });
  const result = await tx.raw(text, bindings as never[]);
  return (result.rows as NewSession[])[0]!;
}

/**
 * After a correct password that issues no session yet (a passkey or a device confirmation comes
 * next): the throttle hits settled as a success settles them, rows locked in the same order.
 */
export async function settleHits(tx: Tx, keys: string[], resetKeys: string[]): Promise<void> {
  await tx.raw(
    `WITH locked AS (
       SELECT key FROM rate_limit_windows WHERE key = ANY(?::text[]) ORDER BY array_position(?::text[], key) FOR UPDATE
     )
     UPDATE rate_limit_windows t
     SET attempts = CASE WHEN t.key = ANY(?::text[]) THEN 0 ELSE greatest(t.attempts - 1, 0) END,
         window_started_at = CASE WHEN t.key = ANY(?::text[]) THEN '-infinity' ELSE t.window_started_at END,
         held_until = CASE WHEN t.key = ANY(?::text[]) THEN NULL ELSE t.held_until END
     FROM locked WHERE t.key = locked.key`,
    [textArray(keys), textArray(keys), textArray(resetKeys), textArray(resetKeys), textArray(resetKeys)],
  );
}
