// The mailer's settings at start-up: a development coupon secret, a clear ExtensionError in
// production without one (or with a short one), and the throttle from its variables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../../server/testing/harness';
import { DEV_COUPON_SECRET, mailerSettings } from './settings';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

/** The mailer's settings as a platform started with `env` reads them. */
async function settingsAt(env: Record<string, string>) {
  const t = await createTestApp(env, { db });
  try {
    return t.platform.kernels.get('mailer')!.settings(mailerSettings);
  } finally {
    await t.close();
  }
}

describe('CALOS_COUPON_SECRET', () => {
  it('falls back to the development secret outside production', async () => {
    expect(await settingsAt({})).toEqual({ couponSecret: DEV_COUPON_SECRET, throttle: { maxPerUser: 20, maxPerIp: 200, windowSeconds: 900 } });
  });
  it('stops start-up in production when unset, naming the variable', async () => {
    const start = createTestApp({ NODE_ENV: 'production' }, { db });
    await expect(start).rejects.toMatchObject({ name: 'ExtensionError' });
    await expect(start).rejects.toThrow(/extension "mailer"[\s\S]*CALOS_COUPON_SECRET: must be set in production/);
    const secret = 'x'.repeat(32);
    expect(await settingsAt({ NODE_ENV: 'production', CALOS_COUPON_SECRET: secret, CALOS_COUPON_MAX_PER_USER: '3' })).toEqual({
      couponSecret: secret,
      throttle: { maxPerUser: 3, maxPerIp: 200, windowSeconds: 900 },
    });
  });
  it('refuses a short secret', async () => {
    await expect(createTestApp({ CALOS_COUPON_SECRET: 'short' }, { db })).rejects.toThrow(/CALOS_COUPON_SECRET: must be at least 32 characters/);
  });
});
