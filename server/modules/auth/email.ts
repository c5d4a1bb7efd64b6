// Email verification and password reset: single-use, expiring tokens sent by mail (mail.ts). A
// token is 256 random bits; only its SHA-256 is stored, and it is spent by one conditional UPDATE,
// so two uses at once (on one instance or two) cannot both succeed.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/index';
import { isUniqueViolation } from '../../db/index';
import { DomainError, conflict } from '../../errors';
import type { Mailer } from './mail';
import { rateLimited, type AuthKit } from './service';
import { hitWindow } from '../../limits/fixed-window';
import { addressBucket } from '../../net/ip';
import { checkNewPassword } from './password-policy';
import { toUser, type UserRow } from './models';

export const VERIFY_TTL_HOURS = 48;
export const RESET_TTL_MINUTES = 30;

type Purpose = 'verify_email' | 'reset_password' | 'confirm_device';
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const expiredLink = () => new DomainError('GONE', 'This link has expired or was already used; ask for a new one.', { resource: 'email token' });

export async function issueToken(tx: Tx, userId: string, purpose: Purpose, email: string, ttlSeconds: number, deviceId?: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx('email_tokens').insert({
    user_id: userId,
    purpose,
    email,
    token_hash: hashToken(token),
    expires_at: new Date(Date.now() + ttlSeconds * 1000),
    device_id: deviceId ?? null,
  });
  return token;
}

/** Where links in mails point: CALOS_PUBLIC_URL (never the request's Host, which a client chooses). */
export const linkBase = (publicUrl: string | undefined, port: number) => (publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');

/**
 * After a sign-up: a verification link to the new address or, when a verified account already holds
 * it, a notice to that account's owner instead. The sign-up's answer is the same either way.
 */
export async function mailAfterRegistration(db: Db, mail: Mailer, base: string, user: { id: string; username: string; email: string }) {
  const holder = (await db('users').where({ email: user.email }).whereNotNull('email_verified_at').whereNot({ id: user.id }).first('username')) as
    | { username: string }
    | undefined;
  if (holder) {
    await mail.send({
      to: user.email,
      subject: 'Someone signed up to CalOS with your email address',
      text:
        `Hello ${holder.username},\n\nSomeone just created a CalOS account named "${user.username}" with this address, which belongs to your account. ` +
        `It cannot use your address and cannot sign in with it. If it was you, sign in to your account "${holder.username}" instead; ` +
        `if you forgot your password, reset it:\n\n${base}/forgot-password\n\nIf it was not you, you need do nothing.`,
    });
    return;
  }
  await sendVerification(db, mail, base, user);
}

export async function sendVerification(db: Db, mail: Mailer, base: string, user: { id: string; username: string; email: string }) {
  const token = await issueToken(db, user.id, 'verify_email', user.email, VERIFY_TTL_HOURS * 3600);
  await mail.send({
    to: user.email,
    subject: 'Confirm your email address for CalOS',
    text: `Hello ${user.username},\n\nConfirm that this address is yours:\n\n${base}/verify-email?token=${token}\n\nThe link works once, for ${VERIFY_TTL_HOURS} hours.`,
  });
}

/**
 * Mails one address may be sent per hour by the routes anyone can call (reset, resend): past it
 * the route still answers as usual but sends nothing, so nobody can flood a mailbox through CalOS.
 */
export const MAILS_PER_ADDRESS_PER_HOUR = 5;
/** Reset requests one client address may make per hour (429 past it; says nothing of any account). */
export const FORGOT_PER_IP_PER_HOUR = 30;

export async function mayMail(db: Db, email: string) {
  const hit = await hitWindow(db, `mail:address:${email}`, 3600);
  return hit.count <= MAILS_PER_ADDRESS_PER_HOUR;
}

/** Resends the link to a signed-in user whose address is not verified yet. */
export async function resendVerification(db: Db, mail: Mailer, base: string, userId: string) {
  const user = (await db('users').where({ id: userId }).first()) as (UserRow & { email_verified_at: Date | null }) | undefined;
  if (!user) throw new DomainError('UNAUTHENTICATED');
  if (user.email_verified_at) throw conflict('ALREADY_VERIFIED', 'Your email address is already verified.');
  const hit = await hitWindow(db, `mail:address:${user.email}`, 3600);
  if (hit.count > MAILS_PER_ADDRESS_PER_HOUR) {
    throw rateLimited('Too many mails to this address; try again later.', hit.resetSeconds, 'mail-address', MAILS_PER_ADDRESS_PER_HOUR, 3600);
  }
  await sendVerification(db, mail, base, user);
}

/** Spends a verification token: the address it was sent to becomes the account's verified address. */
export async function verifyEmail(db: Db, token: string) {
  return db.transaction(async (trx) => {
    const [spent] = (await trx('email_tokens')
      .where({ token_hash: hashToken(token), purpose: 'verify_email' })
      .whereNull('used_at')
      .where('expires_at', '>', trx.fn.now())
      .update({ used_at: trx.fn.now() })
      .returning(['user_id', 'email'])) as Array<{ user_id: string; email: string }>;
    if (!spent) throw expiredLink();
    try {
      const [user] = (await trx('users')
        .where({ id: spent.user_id, email: spent.email })
        .update({ email_verified_at: trx.raw('coalesce(email_verified_at, now())'), updated_at: trx.fn.now() })
        .returning('*')) as UserRow[];
      if (!user) throw expiredLink(); // the address changed since the link was sent
      return toUser(user);
    } catch (err) {
      if (isUniqueViolation(err, 'users_verified_email_unique')) throw conflict('EMAIL_TAKEN', 'Another account has verified this address.');
      throw err;
    }
  });
}

/** Mails a reset link when a verified address matches; says nothing either way. */
export async function forgotPassword(db: Db, mail: Mailer, base: string, email: string, ip: string) {
  const byIp = await hitWindow(db, `forgot:ip:${addressBucket(ip)}`, 3600);
  if (byIp.count > FORGOT_PER_IP_PER_HOUR) {
    throw rateLimited('Too many reset requests from this address; try again later.', byIp.resetSeconds, 'forgot-ip', FORGOT_PER_IP_PER_HOUR, 3600);
  }
  if (!(await mayMail(db, email))) return;
  const user = (await db('users').where({ email }).whereNotNull('email_verified_at').first('id', 'username', 'email')) as
    | { id: string; username: string; email: string }
    | undefined;
  if (!user) return;
  const token = await issueToken(db, user.id, 'reset_password', user.email, RESET_TTL_MINUTES * 60);
  await mail.send({
    to: user.email,
    subject: 'Reset your CalOS password',
    text:
      `Hello ${user.username},\n\nChoose a new password here:\n\n${base}/reset-password?token=${token}\n\n` +
      `The link works once, for ${RESET_TTL_MINUTES} minutes. If you did not ask for it, ignore this mail: your password stays as it is.`,
  });
}

/** Spends a reset token: a new password (screened as at sign-up), and every session of the account ends. */
export async function resetPassword(kit: AuthKit, db: Db, token: string, password: string) {
  const found = (await db('email_tokens as t')
    .join('users as u', 'u.id', 't.user_id')
    .where({ 't.token_hash': hashToken(token), 't.purpose': 'reset_password' })
    .whereNull('t.used_at')
    .where('t.expires_at', '>', db.fn.now())
    .first('u.id', 'u.username', 'u.email')) as { id: string; username: string; email: string } | undefined;
  if (!found) throw expiredLink();
  await checkNewPassword(password, { username: found.username, email: found.email });
  const passwordHash = await kit.passwords.hash(password);
  await db.transaction(async (trx) => {
    const spent = await trx('email_tokens')
      .where({ token_hash: hashToken(token) })
      .whereNull('used_at')
      .where('expires_at', '>', trx.fn.now())
      .update({ used_at: trx.fn.now() });
    if (!spent) throw expiredLink();
    await trx('users').where({ id: found.id }).update({ password_hash: passwordHash, updated_at: trx.fn.now() });
    await trx('user_sessions').where({ user_id: found.id }).whereNull('revoked_at').update({ revoked_at: trx.fn.now(), revoked_reason: 'password_reset' });
    // Other reset links sent before this one die with it.
    await trx('email_tokens').where({ user_id: found.id, purpose: 'reset_password' }).whereNull('used_at').update({ used_at: trx.fn.now() });
  });
}
