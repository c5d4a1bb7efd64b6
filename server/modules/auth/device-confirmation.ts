// New-device confirmation (CALOS_NEW_DEVICE_CONFIRMATION, off by default): a sign-in from a device
// the account has not confirmed issues no session; it mails the account a single-use link (30
// minutes) and answers 403 FORBIDDEN with `details.reason` DEVICE_CONFIRMATION_REQUIRED. Following
// the link confirms the device, and the same sign-in then works. Password, passkey and OIDC sign-ins
// (which use the web client's sign-in) all pass through here. docs/authentication.md.
import type { Db } from '../../db/index';
import { DomainError } from '../../errors';
import type { Mailer } from './mail';
import { expiredLink, hashToken, issueToken, mayMail } from './email';
import { fingerprintHash, type DeviceInput } from './devices';
import { deviceLabel } from './spoofing';

export const DEVICE_LINK_TTL_MINUTES = 30;

/** What a sign-in needs besides the account to ask for a confirmation. */
export interface DeviceConfirmation {
  enabled: boolean;
  mail: Mailer;
  /** Where links point: CALOS_PUBLIC_URL or localhost (email.ts linkBase). */
  linkBase: string;
}

/**
 * Passes when confirmation is off or the device is confirmed; otherwise records the device as
 * unconfirmed, mails a link (at most 5 mails an hour to one address, as for other links) and refuses.
 */
export async function requireConfirmedDevice(
  db: Db,
  confirmation: DeviceConfirmation | undefined,
  user: { id: string; username: string; email: string },
  device: DeviceInput | undefined,
  ip: string,
): Promise<void> {
  if (!confirmation?.enabled) return;
  if (!device) {
    throw new DomainError('FORBIDDEN', 'This server confirms new devices: send `device` with a stable fingerprint to sign in.', {
      reason: 'DEVICE_REQUIRED',
    });
  }
  const hash = fingerprintHash(device.fingerprint);
  const known = (await db('trusted_devices').where({ user_id: user.id, fingerprint_hash: hash }).first('id', 'confirmed_at')) as
    | { id: string; confirmed_at: Date | null }
    | undefined;
  if (known?.confirmed_at) return;
  let deviceId = known?.id;
  if (!deviceId) {
    await db('trusted_devices')
      .insert({
        user_id: user.id,
        fingerprint_hash: hash,
        label: device.label ?? deviceLabel(device.signals),
        signals: JSON.stringify(device.signals),
        last_ip: ip,
        confirmed_at: null,
      })
      .onConflict(['user_id', 'fingerprint_hash'])
      .ignore();
    deviceId = ((await db('trusted_devices').where({ user_id: user.id, fingerprint_hash: hash }).first('id')) as { id: string }).id;
  }
  if (await mayMail(db, user.email)) {
    const token = await issueToken(db, user.id, 'confirm_device', user.email, DEVICE_LINK_TTL_MINUTES * 60, deviceId);
    const label = device.label ?? deviceLabel(device.signals);
    await confirmation.mail.send({
      to: user.email,
      subject: 'Confirm a new device signing in to CalOS',
      text:
        `Hello ${user.username},\n\nSomeone signed in to your CalOS account from a device it has not used before (${label}, from ${ip}). ` +
        `If it was you, confirm the device, then sign in again:\n\n${confirmation.linkBase}/confirm-device?token=${token}\n\n` +
        `The link works once, for ${DEVICE_LINK_TTL_MINUTES} minutes. If it was not you, change your password: whoever it was knows it.`,
    });
  }
  throw new DomainError(
    'FORBIDDEN',
    'This device is new to your account: follow the link we mailed you to confirm it, then sign in again.',
    { reason: 'DEVICE_CONFIRMATION_REQUIRED', deviceId, linkValidMinutes: DEVICE_LINK_TTL_MINUTES },
  );
}

/** Spends a confirmation link (one conditional UPDATE: single use under any concurrency). */
export async function confirmDevice(db: Db, token: string) {
  return db.transaction(async (trx) => {
    const [spent] = (await trx('email_tokens')
      .where({ token_hash: hashToken(token), purpose: 'confirm_device' })
      .whereNull('used_at')
      .where('expires_at', '>', trx.fn.now())
      .update({ used_at: trx.fn.now() })
      .returning(['device_id'])) as Array<{ device_id: string | null }>;
    if (!spent?.device_id) throw expiredLink();
    const [device] = (await trx('trusted_devices')
      .where({ id: spent.device_id })
      .update({ confirmed_at: trx.raw('coalesce(confirmed_at, now())') })
      .returning(['id', 'label'])) as Array<{ id: string; label: string }>;
    if (!device) throw expiredLink();
    return { deviceId: device.id, label: device.label };
  });
}
