// Describes this browser to the server at sign-in: a stable fingerprint (a random id kept in
// localStorage) plus what the browser reports about itself, in the shape of `deviceSignals`.
import type { DeviceSignals } from '../shared/schemas/auth';

const FINGERPRINT_KEY = 'calos.device-fingerprint';

export interface DeviceReport {
  fingerprint: string;
  signals: DeviceSignals;
}

/** Cut to the schema's bounds so an unusual browser never fails validation. */
const clip = (value: string | undefined, max: number) => (value ? value.slice(0, max) : undefined);
const int = (value: number | undefined, min: number, max: number) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : undefined;

/**
 * crypto.randomUUID exists only in secure contexts (https, localhost); a self-hosted server
 * reached over plain http on a LAN address still gets a random v4 UUID from getRandomValues.
 */
function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id that recognises this browser; created once and kept. Private modes fall back to a per-tab id. */
export function deviceFingerprint(): string {
  try {
    const stored = localStorage.getItem(FINGERPRINT_KEY);
    if (stored && stored.length >= 8) return stored;
    const fresh = randomId();
    localStorage.setItem(FINGERPRINT_KEY, fresh);
    return fresh;
  } catch {
    return (sessionFingerprint ??= randomId());
  }
}
let sessionFingerprint: string | undefined;

/** Drops what the browser did not say, rather than sending empty values. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function deviceSignals(): DeviceSignals {
  const nav = navigator as Navigator & { deviceMemory?: number };
  return compact<DeviceSignals>({
    timezone: clip(Intl.DateTimeFormat().resolvedOptions().timeZone, 64),
    locale: clip(nav.language, 35),
    languages: nav.languages?.slice(0, 20).map((l) => l.slice(0, 35)),
    platform: clip(nav.platform, 64),
    userAgent: clip(nav.userAgent, 512),
    screen: compact({
      width: int(screen.width, 0, 100_000) ?? 0,
      height: int(screen.height, 0, 100_000) ?? 0,
      colorDepth: int(screen.colorDepth, 0, 128),
      pixelRatio: typeof devicePixelRatio === 'number' ? Math.min(64, Math.max(0, devicePixelRatio)) : undefined,
    }),
    hardwareConcurrency: int(nav.hardwareConcurrency, 1, 4096),
    // Chromium only; other browsers do not expose it.
    deviceMemory: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : undefined,
    maxTouchPoints: int(nav.maxTouchPoints, 0, 256),
  });
}

/** What login and register send as `device`. */
export function deviceReport(): DeviceReport {
  return { fingerprint: deviceFingerprint(), signals: deviceSignals() };
}
