// The login's SQL, folded so that a sign-in costs two round trips besides argon2 instead of eight:
// one statement before the password check (account lookup and both throttle hits) and one after a
// success (hits taken back, session created). Each runs as a named prepared statement on PostgreSQL.
//
// Lock order: both statements lock the address's window row first, then the account's, so two
// logins running them at once cannot deadlock on the two rows.
//
// The check commits with synchronous_commit off (for its own transaction only): its counts are
// visible to every instance at commit as always; only a crash of the PostgreSQL server itself can
// lose the last few hundred milliseconds of attempt counts, which is harmless for a throttle, and it
// saves a WAL flush per attempt (≈ 0.2 ms of PostgreSQL CPU, bench/README.md). The settling
// statement creates a session and keeps the normal, durable commit.
//
// A successful login resets the account's window (attempts 0, window long over) rather than
// deleting the row: an update in place does not add an index entry per login, a delete and the
// next attempt's re-insert do. The next hit starts a fresh window either way.
import { hitUpsertSql } from '../../limits/fixed-window';
import { preparedQuery, type Database, type Tx } from '../../db/index';
import type { SessionRow, UserRow } from './models';

/** What the login answers with about its new session (models.ts toSession). */
export type NewSession = Pick<SessionRow, 'id' | 'device_id' | 'created_at' | 'expires_at'>;

export type LoginUser = Pick<UserRow, 'id' | 'username' | 'email' | 'password_hash' | 'role' | 'timezone' | 'created_at'>;

export interface LoginCheck {
  user: LoginUser | undefined;
  ip: { count: number; resetSeconds: number };
  /** Hits on the account in its window, this one included; null when the address was over its limit. */
  accountCount: number | null;
}

interface LoginCheckRow {
  ip_attempts: number;
  ip_reset: number;
  account_attempts: number | null;
  id: string | null;
  username: string;
  email: string;
  password_hash: string;
  role: UserRow['role'];
  created_at: Date;
}

// $1 the login (lower-cased), $2 the address's window key, $3 window seconds, $4 the address limit.
// The account is only counted while the address is within its limit (as when these were separate
// statements): an address that is locked out cannot go on locking accounts. An unknown login is
// counted under its own text, so a lock does not reveal whether an account exists.
const loginCheckSql = (column: 'username' | 'email') => `
  WITH async_commit AS (
    SELECT set_config('synchronous_commit', 'off', true)
  ), u AS (
    SELECT id, username, email, password_hash, role, timezone, created_at FROM users WHERE ${column} = $1
  ), ip AS (
    ${hitUpsertSql(`VALUES ($2, 1, now())`, '$3')}
  ), account AS (
    ${hitUpsertSql(`SELECT 'login:account:' || coalesce((SELECT id::text FROM u), $1::text), 1, now() FROM ip WHERE ip.attempts <= $4`, '$3')}
  )
  SELECT ip.attempts AS ip_attempts, ip.reset AS ip_reset, account.attempts AS account_attempts,
         u.id, u.username, u.email, u.password_hash, u.role, u.timezone, u.created_at
  FROM async_commit, ip LEFT JOIN account ON true LEFT JOIN u ON true`;

const LOGIN_CHECK = {
  username: { name: 'calos_login_check_username', text: loginCheckSql('username') },
  email: { name: 'calos_login_check_email', text: loginCheckSql('email') },
};

export const accountWindowKey = (userId: string | undefined, login: string) => `login:account:${userId ?? login}`;

/** Looks the account up and counts the attempt against the address and the account, in one statement. */
export async function checkLogin(
  db: Database,
  login: string,
  ipKey: string,
  limits: { windowSeconds: number; maxPerIp: number },
): Promise<LoginCheck> {
  const statement = login.includes('@') ? LOGIN_CHECK.email : LOGIN_CHECK.username;
  const [row] = await preparedQuery<LoginCheckRow>(db, statement.name, statement.text, [
    login,
    ipKey,
    limits.windowSeconds,
    limits.maxPerIp,
  ]);
  const { ip_attempts, ip_reset, account_attempts, ...user } = row!;
  return {
    user: user.id ? (user as LoginUser) : undefined,
    ip: { count: ip_attempts, resetSeconds: Math.max(0, ip_reset) },
    accountCount: account_attempts,
  };
}

// $1 the address's window key, $2 the account's, $3 user id, $4 device id, $5 ip, $6 user agent,
// $7 session days. A successful login takes its address hit back and clears the account's failures
// in the same statement that creates the session: all of it happens, or none.
const SETTLE_LOGIN_SQL = `
  WITH locked AS (
    SELECT key FROM rate_limit_windows WHERE key = $1 OR key = $2 ORDER BY key = $2 FOR UPDATE
  ), settled AS (
    UPDATE rate_limit_windows t
    SET attempts = CASE WHEN t.key = $1 THEN greatest(t.attempts - 1, 0) ELSE 0 END,
        window_started_at = CASE WHEN t.key = $1 THEN t.window_started_at ELSE '-infinity' END
    FROM locked WHERE t.key = locked.key
  )
  INSERT INTO user_sessions (user_id, device_id, ip, user_agent, expires_at)
  VALUES ($3, $4, $5, $6, now() + make_interval(days => $7))
  RETURNING id, device_id, created_at, expires_at`;

export interface SettleLogin {
  ipKey: string;
  accountKey: string;
  userId: string;
  deviceId: string | null;
  ip: string;
  userAgent: string | null;
  sessionTtlDays: number;
}

const settleValues = (s: SettleLogin) => [s.ipKey, s.accountKey, s.userId, s.deviceId, s.ip, s.userAgent, s.sessionTtlDays];

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
