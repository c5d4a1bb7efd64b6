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

/** The id that recognises this browser; created once and kept. Private modes fall back to a per-tab id. */
export function deviceFingerprint(): string {
  try {
    const stored = localStorage.getItem(FINGERPRINT_KEY);
    if (stored && stored.length >= 8) return stored;
    const fresh = crypto.randomUUID();
    localStorage.setItem(FINGERPRINT_KEY, fresh);
    return fresh;
  } catch {
    return (sessionFingerprint ??= crypto.randomUUID());
  }
}
let sessionFingerprint: string | undefined;

export function deviceSignals(): DeviceSignals {
  const nav = navigator as Navigator & { deviceMemory?: number };
  const signals: DeviceSignals = {
    timezone: clip(Intl.DateTimeFormat().resolvedOptions().timeZone, 64),
    locale: clip(nav.language, 35),
    languages: nav.languages?.slice(0, 20).map((l) => l.slice(0, 35)),
    platform: clip(nav.platform, 64),
    userAgent: clip(nav.userAgent, 512),
    screen: {
      width: int(screen.width, 0, 100_000) ?? 0,
      height: int(screen.height, 0, 100_000) ?? 0,
      colorDepth: int(screen.colorDepth, 0, 128),
      pixelRatio: typeof devicePixelRatio === 'number' ? Math.min(64, Math.max(0, devicePixelRatio)) : undefined,
    },
    hardwareConcurrency: int(nav.hardwareConcurrency, 1, 4096),
    maxTouchPoints: int(nav.maxTouchPoints, 0, 256),
  };
  if (typeof nav.deviceMemory === 'number') signals.deviceMemory = nav.deviceMemory;
  // Drop what the browser did not say, rather than sending empty values.
  for (const key of Object.keys(signals) as Array<keyof DeviceSignals>) {
    if (signals[key] === undefined || signals[key] === '') delete signals[key];
  }
  return signals;
}

/** What login and register send as `device`. */
export function deviceReport(): DeviceReport {
  return { fingerprint: deviceFingerprint(), signals: deviceSignals() };
}
