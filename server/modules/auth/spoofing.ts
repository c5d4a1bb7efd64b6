// Spoofing detection: compares what a known device reports now with what it reported before, and
// checks a report for signals that cannot all be true at once. Pure, so it is tested on its own.
import { IANAZone } from 'luxon';
import type { DeviceSignals } from '../../../shared/schemas/auth';

export type AlertKind = 'TIMEZONE_CHANGED' | 'HARDWARE_CHANGED' | 'SIGNALS_INCONSISTENT';
export type Severity = 'low' | 'medium' | 'high';

export interface Reason {
  field: string;
  previous?: unknown;
  current?: unknown;
  message: string;
}

export interface SpoofingFinding {
  kind: AlertKind;
  severity: Severity;
  reasons: Reason[];
}

/** Everything suspicious about `current`, given what the same device reported last time (if known). */
export function detectSpoofing(previous: DeviceSignals | null, current: DeviceSignals): SpoofingFinding[] {
  const findings: SpoofingFinding[] = [];
  if (previous) {
    if (previous.timezone && current.timezone && previous.timezone !== current.timezone) {
      findings.push({
        kind: 'TIMEZONE_CHANGED',
        severity: 'medium',
        reasons: [
          {
            field: 'timezone',
            previous: previous.timezone,
            current: current.timezone,
            message: 'The device reports a different time zone than before.',
          },
        ],
      });
    }
    const hardware = hardwareChanges(previous, current);
    if (hardware.length) findings.push({ kind: 'HARDWARE_CHANGED', severity: 'high', reasons: hardware });
  }
  const contradictions = inconsistencies(current);
  if (contradictions.length) {
    findings.push({ kind: 'SIGNALS_INCONSISTENT', severity: 'high', reasons: contradictions });
  }
  return findings;
}

// Hardware a device keeps for its life: a change means another machine presents this fingerprint.
const stableHardware: Array<[string, (s: DeviceSignals) => unknown]> = [
  ['hardwareConcurrency', (s) => s.hardwareConcurrency],
  ['deviceMemory', (s) => s.deviceMemory],
  ['platform', (s) => s.platform],
  ['hardware.cpuModel', (s) => s.hardware?.cpuModel],
  ['hardware.cores', (s) => s.hardware?.cores],
  ['hardware.memoryGb', (s) => s.hardware?.memoryGb],
  ['hardware.gpu', (s) => s.hardware?.gpu],
  ['hardware.arch', (s) => s.hardware?.arch],
];

function hardwareChanges(previous: DeviceSignals, current: DeviceSignals): Reason[] {
  const reasons: Reason[] = [];
  for (const [field, read] of stableHardware) {
    const before = read(previous);
    const now = read(current);
    if (before !== undefined && now !== undefined && before !== now) {
      reasons.push({ field, previous: before, current: now, message: `${field} changed on a known device.` });
    }
  }
  return reasons;
}

type Os = 'windows' | 'mac' | 'ios' | 'android' | 'linux' | 'chromeos';

function osFromUserAgent(ua: string): Os | undefined {
  if (/iPhone|iPad|iPod/i.test(ua)) return 'ios';
  if (/Android/i.test(ua)) return 'android';
  if (/CrOS/i.test(ua)) return 'chromeos';
  if (/Windows NT/i.test(ua)) return 'windows';
  if (/Macintosh|Mac OS X/i.test(ua)) return 'mac';
  if (/Linux|X11/i.test(ua)) return 'linux';
  return undefined;
}

/** navigator.platform values per OS (platform strings are frozen by browsers, hence reliable). */
function osFromPlatform(platform: string): Os[] | undefined {
  const p = platform.toLowerCase();
  if (p.startsWith('win')) return ['windows'];
  if (p.startsWith('mac')) return ['mac', 'ios']; // iPadOS reports MacIntel
  if (p === 'iphone' || p === 'ipad' || p === 'ipod') return ['ios'];
  if (p.startsWith('linux')) return ['linux', 'android', 'chromeos'];
  return undefined;
}

function inconsistencies(s: DeviceSignals): Reason[] {
  const reasons: Reason[] = [];
  if (s.timezone && !IANAZone.isValidZone(s.timezone)) {
    reasons.push({ field: 'timezone', current: s.timezone, message: 'The time zone is not a real IANA zone.' });
  }
  if (s.userAgent && s.platform) {
    const uaOs = osFromUserAgent(s.userAgent);
    const platformOs = osFromPlatform(s.platform);
    if (uaOs && platformOs && !platformOs.includes(uaOs)) {
      reasons.push({
        field: 'platform',
        previous: uaOs,
        current: s.platform,
        message: `The user agent says ${uaOs} but the platform says ${s.platform}.`,
      });
    }
  }
  const cores = s.hardware?.cores;
  if (cores !== undefined && s.hardwareConcurrency !== undefined && s.hardwareConcurrency > cores * 2) {
    // Logical processors can be twice the cores (SMT), never more.
    reasons.push({
      field: 'hardwareConcurrency',
      previous: cores,
      current: s.hardwareConcurrency,
      message: 'The browser reports more logical processors than the hardware has threads.',
    });
  }
  const memoryGb = s.hardware?.memoryGb;
  if (memoryGb !== undefined && s.deviceMemory !== undefined && s.deviceMemory > memoryGb) {
    // navigator.deviceMemory is rounded down and capped at 8, so it can never exceed real memory.
    reasons.push({
      field: 'deviceMemory',
      previous: memoryGb,
      current: s.deviceMemory,
      message: 'The browser reports more memory than the hardware has.',
    });
  }
  if (s.maxTouchPoints === 0 && s.userAgent && /iPhone|iPad|Android.*Mobile/i.test(s.userAgent)) {
    reasons.push({
      field: 'maxTouchPoints',
      current: 0,
      message: 'A phone or tablet user agent on a device without a touch screen.',
    });
  }
  return reasons;
}

/** A readable name for a device, from its user agent ("Chrome on Windows"). */
export function deviceLabel(signals: DeviceSignals): string {
  const ua = signals.userAgent ?? '';
  const browser =
    /Edg\//.test(ua) ? 'Edge'
    : /OPR\//.test(ua) ? 'Opera'
    : /Firefox\//.test(ua) ? 'Firefox'
    : /Chrome\/|Chromium\//.test(ua) ? 'Chrome'
    : /Safari\//.test(ua) ? 'Safari'
    : undefined;
  const osNames: Record<Os, string> = {
    windows: 'Windows',
    mac: 'macOS',
    ios: 'iOS',
    android: 'Android',
    linux: 'Linux',
    chromeos: 'ChromeOS',
  };
  const os = osFromUserAgent(ua);
  const osName = os ? osNames[os] : (signals.hardware?.os ?? signals.platform);
  if (browser && osName) return `${browser} on ${osName}`;
  return browser ?? osName ?? signals.hardware?.cpuModel ?? 'Unknown device';
}
