// Spoofing detection rules, one by one, and the device labels derived from user agents.
import { describe, expect, it } from 'vitest';
import { detectSpoofing, deviceLabel } from './spoofing';

const mac = {
  timezone: 'America/New_York',
  platform: 'MacIntel',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15',
  hardwareConcurrency: 8,
  deviceMemory: 8,
  hardware: { cpuModel: 'Apple M2', cores: 8, memoryGb: 16 },
};

describe('detectSpoofing', () => {
  it('finds nothing for a consistent first report or an unchanged device', () => {
    expect(detectSpoofing(null, mac)).toEqual([]);
    expect(detectSpoofing(mac, { ...mac })).toEqual([]);
  });

  it('flags a known device that reports another time zone', () => {
    const [finding] = detectSpoofing(mac, { ...mac, timezone: 'Europe/Paris' });
    expect(finding).toMatchObject({ kind: 'TIMEZONE_CHANGED', reasons: [{ field: 'timezone', previous: 'America/New_York', current: 'Europe/Paris' }] });
  });

  it('flags changed hardware on a known device, naming each field', () => {
    const findings = detectSpoofing(mac, { ...mac, hardware: { ...mac.hardware, cpuModel: 'Intel i9', cores: 16 } });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.kind).toBe('HARDWARE_CHANGED');
    expect(findings[0]!.reasons.map((r) => r.field)).toEqual(['hardware.cpuModel', 'hardware.cores']);
  });

  it('does not treat a signal that is missing now as a change', () => {
    expect(detectSpoofing(mac, { timezone: mac.timezone })).toEqual([]);
  });

  it.each([
    ['a Windows user agent on a Mac platform', { platform: 'MacIntel', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0' }, 'platform'],
    ['an invented time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['more logical processors than hardware threads', { hardwareConcurrency: 64, hardware: { cores: 4 } }, 'hardwareConcurrency'],
    ['more browser memory than the machine has', { deviceMemory: 8, hardware: { memoryGb: 4 } }, 'deviceMemory'],
    ['a phone user agent without touch', { maxTouchPoints: 0, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' }, 'maxTouchPoints'],
  ])('flags contradictory signals: %s', (_name, signals, field) => {
    const findings = detectSpoofing(null, signals);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'SIGNALS_INCONSISTENT', severity: 'high' });
    expect(findings[0]!.reasons.map((r) => r.field)).toEqual([field]);
  });

  it('accepts the platform quirks real browsers have', () => {
    // iPadOS reports MacIntel; Android reports Linux armv8l; hyper-threading doubles cores.
    expect(detectSpoofing(null, { platform: 'MacIntel', userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)' })).toEqual([]);
    expect(detectSpoofing(null, { platform: 'Linux armv8l', userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile' })).toEqual([]);
    expect(detectSpoofing(null, { hardwareConcurrency: 16, hardware: { cores: 8 } })).toEqual([]);
  });
});

describe('deviceLabel', () => {
  it.each([
    [{ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36' }, 'Chrome on Windows'],
    [{ userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/131.0 Safari/537.36 Edg/131.0' }, 'Edge on Windows'],
    [{ userAgent: mac.userAgent }, 'Safari on macOS'],
    [{ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' }, 'Firefox on Linux'],
    [{ hardware: { cpuModel: 'Xeon', os: 'Debian 12' } }, 'Debian 12'],
    [{}, 'Unknown device'],
  ])('labels %j as %s', (signals, label) => {
    expect(deviceLabel(signals)).toBe(label);
  });
});
