// Key format: prefix per mode, checksum validation, and the display form.
import { describe, expect, it } from 'vitest';
import { displayApiKey, generateApiKey, generatePublishableKey, hashApiKey, isPublishableKey, parseApiKey } from './api-key-format';

describe('API keys', () => {
  it('have a recognisable prefix per mode, 38 characters after it and a valid checksum', () => {
    const live = generateApiKey('live');
    const test = generateApiKey('test');
    expect(live).toMatch(/^calos_sk_[0-9A-Za-z]{38}$/);
    expect(test).toMatch(/^calos_tk_[0-9A-Za-z]{38}$/);
    expect(parseApiKey(live)).toEqual({ mode: 'live' });
    expect(parseApiKey(test)).toEqual({ mode: 'test' });
  });

  it('are all different', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey('live')));
    expect(keys.size).toBe(1000);
  });

  it('refuse a key with one character changed, a swapped prefix or the wrong length', () => {
    const key = generateApiKey('live');
    const i = 20;
    const changed = key.slice(0, i) + (key[i] === 'a' ? 'b' : 'a') + key.slice(i + 1);
    expect(parseApiKey(changed)).toBeNull();
    expect(parseApiKey(key.replace('calos_sk_', 'calos_tk_'))).toBeNull();
    expect(parseApiKey(key.slice(0, -1))).toBeNull();
    expect(parseApiKey('calos_sk_' + '0'.repeat(38))).toBeNull();
  });

  it('are stored as a SHA-256 and shown by prefix and last four', () => {
    const key = generateApiKey('test');
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(displayApiKey(key)).toBe(`${key.slice(0, 13)}…${key.slice(-4)}`);
  });
});

describe('publishable keys', () => {
  it('have their own prefix and checksum, and are never taken for a secret key', () => {
    const key = generatePublishableKey();
    expect(key).toMatch(/^calos_pk_[0-9A-Za-z]{38}$/);
    expect(isPublishableKey(key)).toBe(true);
    expect(parseApiKey(key)).toBeNull();
    const changed = key.slice(0, 20) + (key[20] === 'a' ? 'b' : 'a') + key.slice(21);
    expect(isPublishableKey(changed)).toBe(false);
    expect(isPublishableKey(key.replace('calos_pk_', 'calos_sk_'))).toBe(false);
    expect(isPublishableKey(`${key}x`)).toBe(false);
  });
});
