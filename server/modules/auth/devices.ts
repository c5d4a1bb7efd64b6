// Known devices and spoofing alerts: what a login records about the device it came from, and what
// the user can do with their devices (trust, untrust, rename, forget) and alerts (list, acknowledge).
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Tx } from '../../db/index';
import { newestFirstPage } from '../../db/cursor';
import { notFound } from '../../errors';
import type { Alert, deviceInput } from '../../../shared/schemas/auth';
import { detectSpoofing, deviceLabel } from './spoofing';
import { toAlert, toDevice, type AlertRow, type DeviceRow } from './models';

export type DeviceInput = z.output<typeof deviceInput>;

export interface DeviceLogin {
  device: { id: string; trusted: boolean; isNew: boolean };
  alerts: Alert[];
}

export const fingerprintHash = (fingerprint: string) => createHash('sha256').update(fingerprint).digest('hex');

/**
 * Records that `userId` signed in from `input`: creates the device on first sight, otherwise
 * compares its signals with the last report and raises an alert for each finding.
 */
export async function recordDeviceLogin(tx: Tx, userId: string, input: DeviceInput, ip: string): Promise<DeviceLogin> {
  const hash = fingerprintHash(input.fingerprint);
  // Insert-or-nothing keeps two parallel first logins from the same device to one row.
  const [created] = (await tx('trusted_devices')
    .insert({
      user_id: userId,
      fingerprint_hash: hash,
      label: input.label ?? deviceLabel(input.signals),
      signals: JSON.stringify(input.signals),
      last_ip: ip,
    })
    .onConflict(['user_id', 'fingerprint_hash'])
    .ignore()
    .returning('*')) as DeviceRow[];

  let device: DeviceRow;
  let previousSignals = null;
  if (created) {
    device = created;
  } else {
    const existing = (await tx('trusted_devices')
      .where({ user_id: userId, fingerprint_hash: hash })
      .forUpdate()
      .first()) as DeviceRow;
    previousSignals = existing.signals;
    [device] = (await tx('trusted_devices')
      .where({ id: existing.id })
      .update({ signals: JSON.stringify(input.signals), last_ip: ip, last_seen_at: tx.fn.now() })
      .returning('*')) as [DeviceRow];
  }

  const findings = detectSpoofing(previousSignals, input.signals);
  const alerts = findings.length
    ? ((await tx('device_spoofing_alerts')
        .insert(
          findings.map((f) => ({
            user_id: userId,
            device_id: device.id,
            kind: f.kind,
            severity: f.severity,
            details: JSON.stringify({ reasons: f.reasons }),
          })),
        )
        .returning('*')) as AlertRow[])
    : [];
  return { device: { id: device.id, trusted: device.trusted, isNew: Boolean(created) }, alerts: alerts.map(toAlert) };
}

export async function listDevices(tx: Tx, userId: string, currentDeviceId: string | null) {
  const rows = (await tx('trusted_devices')
    .where({ user_id: userId })
    .orderBy([{ column: 'last_seen_at', order: 'desc' }, { column: 'id' }])) as DeviceRow[];
  return { items: rows.map((r) => toDevice(r, currentDeviceId)) };
}

export async function updateDevice(
  tx: Tx,
  userId: string,
  deviceId: string,
  change: { trusted?: boolean; label?: string },
  currentDeviceId: string | null,
) {
  const [row] = (await tx('trusted_devices')
    .where({ id: deviceId, user_id: userId })
    .update(change)
    .returning('*')) as DeviceRow[];
  if (!row) throw notFound('device');
  return toDevice(row, currentDeviceId);
}

/** Forgets a device: its sessions end now, and its next login is treated as a new device. */
export async function forgetDevice(tx: Tx, userId: string, deviceId: string): Promise<void> {
  await tx('user_sessions')
    .where({ user_id: userId, device_id: deviceId })
    .whereNull('revoked_at')
    .update({ revoked_at: tx.fn.now(), revoked_reason: 'device_forgotten' });
  // `returning` rather than the affected-row count, which knex-pglite does not report for deletes.
  const deleted = await tx('trusted_devices').where({ id: deviceId, user_id: userId }).delete().returning('id');
  if (!deleted.length) throw notFound('device');
}

export async function listAlerts(
  tx: Tx,
  userId: string,
  input: { limit: number; cursor?: string; unacknowledged?: boolean },
) {
  const query = tx('device_spoofing_alerts').where({ user_id: userId });
  if (input.unacknowledged) query.whereNull('acknowledged_at');
  const { rows, nextCursor } = await newestFirstPage<AlertRow>(query, input);
  return { items: rows.map(toAlert), nextCursor };
}

export async function acknowledgeAlert(tx: Tx, userId: string, alertId: string): Promise<Alert> {
  const [row] = (await tx('device_spoofing_alerts')
    .where({ id: alertId, user_id: userId })
    .update({ acknowledged_at: tx.raw('coalesce(acknowledged_at, now())') })
    .returning('*')) as AlertRow[];
  if (!row) throw notFound('alert');
  return toAlert(row);
}
