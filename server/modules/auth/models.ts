// Rows of the identity tables and their mapping to the API's shapes. Outputs are allow-lists:
// a password hash cannot leak because no mapper reads it.
import type { Alert, Device, DeviceSignals, User } from '../../../shared/schemas/auth';

export interface UserRow {
  id: string;
  username: string;
  email: string;
  password_hash: string;
  role: 'user' | 'admin';
  timezone: string | null;
  created_at: Date;
}

export interface SessionRow {
  id: string;
  user_id: string;
  device_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface DeviceRow {
  id: string;
  user_id: string;
  fingerprint_hash: string;
  label: string;
  trusted: boolean;
  signals: DeviceSignals;
  first_seen_at: Date;
  last_seen_at: Date;
}

export interface AlertRow {
  id: string;
  user_id: string;
  device_id: string | null;
  kind: Alert['kind'];
  severity: Alert['severity'];
  details: Alert['details'];
  created_at: Date;
  acknowledged_at: Date | null;
}

export const toUser = (r: Pick<UserRow, 'id' | 'username' | 'email' | 'role' | 'timezone' | 'created_at'>): User => ({
  id: r.id,
  username: r.username,
  email: r.email,
  role: r.role,
  timezone: r.timezone,
  createdAt: r.created_at,
});

export const toSession = (r: Pick<SessionRow, 'id' | 'created_at' | 'expires_at' | 'device_id'>) => ({
  id: r.id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  deviceId: r.device_id,
});

export const toDevice = (r: DeviceRow, currentDeviceId: string | null): Device => ({
  id: r.id,
  label: r.label,
  trusted: r.trusted,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  current: r.id === currentDeviceId,
});

export const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  deviceId: r.device_id,
  kind: r.kind,
  severity: r.severity,
  details: r.details,
  createdAt: r.created_at,
  acknowledgedAt: r.acknowledged_at,
});
