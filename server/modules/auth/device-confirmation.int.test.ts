// New-device confirmation (CALOS_NEW_DEVICE_CONFIRMATION=true), with mail through a local SMTP
// server: a sign-in from a device the account has not confirmed issues no session and mails a link;
// the link confirms the device once; then the sign-in works. Password and passkey sign-ins alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, raceTest, type TestApp } from '../../testing/harness';
import { signUp } from '../../testing/factories';
import { startSmtpServer } from '../../testing/smtp';
import { SoftwareAuthenticator } from '../../testing/software-authenticator';

const ORIGIN = 'http://localhost:5173';
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ CALOS_SMTP_URL: smtp.url, CALOS_PUBLIC_URL: ORIGIN, CALOS_NEW_DEVICE_CONFIRMATION: 'true' });
}, 60_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const laptop = { fingerprint: 'confirm-test-laptop-0001', signals: { timezone: 'Europe/Berlin' } };
const phone = { fingerprint: 'confirm-test-phone-00001', signals: { timezone: 'Europe/Berlin' }, label: 'Phone' };
const linkIn = (text: string) => new RegExp(`${ORIGIN}/confirm-device\\?token=([\\w-]+)`).exec(text)?.[1];

async function accountOnLaptop() {
  const user = await signUp(t, {}, laptop);
  const login = (device?: object) => t.rest('POST', '/api/auth/login', { body: { login: user.account.username, password: user.account.password, device } });
  return { ...user, login };
}

describe('new-device confirmation', () => {
  it('holds a sign-in from a new device until the mailed link confirms it; the link works once', async () => {
    const user = await accountOnLaptop();
    // The sign-up device is confirmed.
    expect((await user.login(laptop)).status).toBe(200);
    const held = await user.login(phone);
    expect(held.status).toBe(403);
    expect(held.body.error.code).toBe('FORBIDDEN');
    expect(held.body.error.details.reason).toBe('DEVICE_CONFIRMATION_REQUIRED');
    expect(held.body).not.toHaveProperty('token');
    expect(held.headers['set-cookie']).toBeUndefined();
    const mail = await smtp.waitFor(user.account.email, /confirm-device/);
    expect(mail.text).toContain('a device it has not used before (Phone');
    // A wrong password learns nothing about devices: the same 401 as ever.
    expect((await t.rest('POST', '/api/auth/login', { body: { login: user.account.username, password: 'wrong password!!', device: phone } })).status).toBe(401);
    expect((await user.login(phone)).status).toBe(403);

    const token = linkIn(mail.text)!;
    const confirmed = await t.rest('POST', '/api/auth/devices/confirm', { body: { token } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ label: 'Phone' });
    expect((await t.rest('POST', '/api/auth/devices/confirm', { body: { token } })).status).toBe(410);
    const in_ = await user.login(phone);
    expect(in_.status).toBe(200);
    expect(in_.body.device.id).toBe(confirmed.body.deviceId);
    // Without a device there is nothing to confirm: refused with its own reason.
    const bare = await user.login();
    expect(bare.status).toBe(403);
    expect(bare.body.error.details.reason).toBe('DEVICE_REQUIRED');
    expect((await t.rest('POST', '/api/auth/devices/confirm', { body: { token: 'x'.repeat(43) } })).status).toBe(410);
  });

  it('holds a passkey sign-in from a new device too (tRPC door for the link)', async () => {
    const user = await accountOnLaptop();
    const signedIn = (await user.login(laptop)).body.token as string;
    const authenticator = new SoftwareAuthenticator('localhost', ORIGIN);
    const caller = t.caller({ token: signedIn });
    const { options } = await caller.auth.passkeyRegistrationOptions({ password: user.account.password });
    await caller.auth.registerPasskey({ name: 'Key', response: authenticator.create(options as never).response });
    const login = async (device: object) => {
      const start = await t.rest('POST', '/api/auth/passkeys/login-options');
      return t.rest('POST', '/api/auth/passkeys/login', { body: { response: authenticator.get(start.body.options), device } });
    };
    const held = await login(phone);
    expect(held.status).toBe(403);
    expect(held.body.error.details.reason).toBe('DEVICE_CONFIRMATION_REQUIRED');
    const mail = await smtp.waitFor(user.account.email, /confirm-device/);
    await t.caller().auth.confirmDevice({ token: linkIn(mail.text)! });
    expect((await login(phone)).status).toBe(200);
    expect((await login(laptop)).status).toBe(200);
  });

  raceTest('a confirmation link is spent once under parallel use', async () => {
    const user = await accountOnLaptop();
    expect((await user.login(phone)).status).toBe(403);
    const token = linkIn((await smtp.waitFor(user.account.email, /confirm-device/)).text)!;
    const results = await Promise.all([1, 2, 3, 4].map(() => t.rest('POST', '/api/auth/devices/confirm', { body: { token } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410, 410]);
  });
});
