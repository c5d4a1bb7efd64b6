// The coupon secret: a development default, and a clear start-up error in production without one.
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_COUPON_SECRET, loadConfig } from '../../config';

describe('CALOS_COUPON_SECRET', () => {
  it('falls back to the development secret outside production', () => {
    expect(loadConfig({}).couponSecret).toBe(DEV_COUPON_SECRET);
  });
  it('stops start-up in production when unset, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/CALOS_COUPON_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', CALOS_COUPON_SECRET: 'x'.repeat(32) }).couponSecret).toBe('x'.repeat(32));
  });
  it('refuses a short secret', () => {
    expect(() => loadConfig({ CALOS_COUPON_SECRET: 'short' })).toThrow(/at least 32/);
  });
});
