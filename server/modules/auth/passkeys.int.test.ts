// Passkeys through the real WebAuthn verification: a software authenticator (P-256, `none`
// attestation) registers and signs in, and every way an answer can be wrong is refused: a replayed
// challenge, another origin or relying party, a counter that goes back, another account's passkey
// for a second factor, a removed passkey. Both doors, both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, raceTest, type TestApp } from '../../testing/harness';
import { signUp } from '../../testing/factories';
import { SoftwareAuthenticator } from '../../testing/software-authenticator';

const ORIGIN = 'http://localhost:5173';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ CALOS_PUBLIC_URL: ORIGIN });
}, 60_000);
afterAll(() => t.close());

const device = { fingerprint: 'passkey-test-device-0001', signals: { timezone: 'Europe/Paris', locale: 'fr-FR' } };

/** An account with one passkey on a fresh authenticator. */
async function withPasskey(name = 'Laptop') {
  const user = await signUp(t);
  const authenticator = new SoftwareAuthenticator('localhost', ORIGIN);
  const started = await t.rest('POST', '/api/auth/passkeys/registration-options', { token: user.token, body: { password: user.account.password } });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const { response } = authenticator.create(started.body.options);
  const saved = await t.rest('POST', '/api/auth/passkeys', { token: user.token, body: { name, response } });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  return { ...user, authenticator, passkeyId: saved.body.id as string };
}

const loginOptions = async () => (await t.rest('POST', '/api/auth/passkeys/login-options')).body.options as { challenge: string };
const passkeyLogin = (response: unknown) => t.rest('POST', '/api/auth/passkeys/login', { body: { response, device } });

describe('adding and managing passkeys', () => {
  it('adds named passkeys with the password, lists, renames and removes them', async () => {
    const user = await withPasskey('Laptop');
    const wrong = await t.rest('POST', '/api/auth/passkeys/registration-options', { token: user.token, body: { password: 'not the password' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.details.reason).toBe('WRONG_PASSWORD');
    // A second one, through the tRPC door.
    const caller = t.caller({ token: user.token });
    const { options } = await caller.auth.passkeyRegistrationOptions({ password: user.account.password });
    expect(options.rp).toEqual({ name: 'CalOS', id: 'localhost' });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required' });
    expect((options.excludeCredentials as unknown[]).length).toBe(1);
    const second = await caller.auth.registerPasskey({ name: 'Phone', response: user.authenticator.create(options as never).response });
    const list = await t.rest('GET', '/api/auth/passkeys', { token: user.token });
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['Laptop', 'Phone']);
    expect(list.body.secondFactor).toBe(false);
    const renamed = await t.rest('PATCH', `/api/auth/passkeys/${second.id}`, { token: user.token, body: { name: 'Pixel' } });
    expect(renamed.body.name).toBe('Pixel');
    // Someone else's passkey is not found for this account.
    const other = await withPasskey();
    expect((await t.rest('PATCH', `/api/auth/passkeys/${other.passkeyId}`, { token: user.token, body: { name: 'mine' } })).status).toBe(404);
    const otherRemove = await t.rest('POST', `/api/auth/passkeys/${other.passkeyId}/remove`, { token: user.token, body: { password: user.account.password } });
    expect(otherRemove.status).toBe(404);
    expect((await t.rest('POST', `/api/auth/passkeys/${second.id}/remove`, { token: user.token, body: { password: 'wrong one' } })).status).toBe(403);
    expect((await t.rest('POST', `/api/auth/passkeys/${second.id}/remove`, { token: user.token, body: { password: user.account.password } })).status).toBe(204);
    expect((await t.rest('GET', '/api/auth/passkeys', { token: user.token })).body.items).toHaveLength(1);
  });

  it('refuses a registration answer for another origin, another relying party or a spent challenge', async () => {
    const user = await signUp(t);
    const authenticator = new SoftwareAuthenticator('localhost', ORIGIN);
    const start = async () => (await t.rest('POST', '/api/auth/passkeys/registration-options', { token: user.token, body: { password: user.account.password } })).body.options;
    const save = (response: unknown) => t.rest('POST', '/api/auth/passkeys', { token: user.token, body: { name: 'x', response } });
    const badOrigin = await save(authenticator.create(await start(), { origin: 'https://evil.example' }).response);
    expect(badOrigin.status).toBe(401);
    expect(badOrigin.body.error.details.reason).toBe('VERIFICATION_FAILED');
    expect((await save(authenticator.create(await start(), { rpId: 'evil.example' }).response)).status).toBe(401);
    const good = authenticator.create(await start()).response;
    expect((await save(good)).status).toBe(201);
    const replay = await save(good);
    expect(replay.status).toBe(401);
    expect(replay.body.error.details.reason).toBe('CHALLENGE_UNKNOWN');
    // Another account cannot spend this account's challenge.
    const other = await signUp(t);
    const options = await start();
    const stolen = await t.rest('POST', '/api/auth/passkeys', { token: other.token, body: { name: 'x', response: authenticator.create(options).response } });
    expect(stolen.status).toBe(401);
  });
});

describe('signing in with a passkey', () => {
  it('issues the same session as a password sign-in, with the device recorded', async () => {
    const user = await withPasskey();
    const res = await passkeyLogin(user.authenticator.get(await loginOptions()));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['alerts', 'device', 'expiresAt', 'session', 'token', 'user']);
    expect(res.body.user.id).toBe(user.userId);
    expect(res.body.device.isNew).toBe(true);
    expect(res.headers['set-cookie']).toMatch(/calos_session=/);
    const session = await t.rest('GET', '/api/auth/session', { token: res.body.token });
    expect(session.body.user.id).toBe(user.userId);
    const devices = await t.rest('GET', '/api/auth/devices', { token: res.body.token });
    expect(devices.body.items.some((d: { current: boolean }) => d.current)).toBe(true);
    // A known device whose time zone changed raises the same alert as at a password sign-in.
    const moved = await t.rest('POST', '/api/auth/passkeys/login', {
      body: { response: user.authenticator.get(await loginOptions()), device: { ...device, signals: { ...device.signals, timezone: 'Asia/Tokyo' } } },
    });
    expect(moved.body.alerts.map((a: { kind: string }) => a.kind)).toContain('TIMEZONE_CHANGED');
    const passkeys = await t.rest('GET', '/api/auth/passkeys', { token: res.body.token });
    expect(passkeys.body.items[0].lastUsedAt).not.toBeNull();
  });

  it('refuses a replayed challenge, another origin, another relying party and a counter that goes back', async () => {
    const user = await withPasskey();
    const answer = user.authenticator.get(await loginOptions());
    expect((await passkeyLogin(answer)).status).toBe(200);
    const replayed = await passkeyLogin(answer);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.details.reason).toBe('CHALLENGE_UNKNOWN');
    const origin = await passkeyLogin(user.authenticator.get(await loginOptions(), { origin: 'https://evil.example' }));
    expect(origin.status).toBe(401);
    expect(origin.body.error.message).toMatch(/origin/i);
    const rp = await passkeyLogin(user.authenticator.get(await loginOptions(), { rpId: 'evil.example' }));
    expect(rp.status).toBe(401);
    expect(rp.body.error.message).toMatch(/RP ID/i);
    expect((await passkeyLogin(user.authenticator.get(await loginOptions(), { counter: 10 }))).status).toBe(200);
    const back = await passkeyLogin(user.authenticator.get(await loginOptions(), { counter: 4 }));
    expect(back.status).toBe(401);
    expect(back.body.error.details.reason).toBe('VERIFICATION_FAILED');
    expect(back.body.error.message).toMatch(/counter/i);
    // Bad input is a 400 naming the field, never a 500.
    const bad = await t.rest('POST', '/api/auth/passkeys/login', { body: { response: { ...answer, response: { ...answer.response, clientDataJSON: 'bm90IGpzb24' } } } });
    expect(bad.status).toBe(400);
  });

  it('refuses a removed passkey', async () => {
    const user = await withPasskey();
    expect((await t.rest('POST', `/api/auth/passkeys/${user.passkeyId}/remove`, { token: user.token, body: { password: user.account.password } })).status).toBe(204);
    const res = await passkeyLogin(user.authenticator.get(await loginOptions()));
    expect(res.status).toBe(401);
    expect(res.body.error.details.reason).toBe('PASSKEY_UNKNOWN');
  });

  raceTest('a challenge answers once under parallel use', async () => {
    const user = await withPasskey();
    const answer = user.authenticator.get(await loginOptions());
    const results = await Promise.all([passkeyLogin(answer), passkeyLogin(answer), passkeyLogin(answer)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });
});

describe('a passkey as a second factor', () => {
  it('turns a password sign-in into a challenge that only this account’s passkey completes', async () => {
    const plain = await signUp(t);
    const none = await t.rest('PUT', '/api/auth/passkeys/second-factor', { token: plain.token, body: { enabled: true, password: plain.account.password } });
    expect(none.status).toBe(409);
    expect(none.body.error.details.reason).toBe('NO_PASSKEY');

    const user = await withPasskey();
    const on = await t.rest('PUT', '/api/auth/passkeys/second-factor', { token: user.token, body: { enabled: true, password: user.account.password } });
    expect(on.body).toEqual({ secondFactor: true });
    const password = () => t.rest('POST', '/api/auth/login', { body: { login: user.account.username, password: user.account.password, device } });
    const first = await password();
    expect(first.status).toBe(403);
    expect(first.body.error.details.reason).toBe('SECOND_FACTOR_REQUIRED');
    expect(first.body.error.details.options.allowCredentials).toHaveLength(1);
    expect(first.body).not.toHaveProperty('token');
    // A wrong password still gets the plain 401, not the challenge.
    const wrong = await t.rest('POST', '/api/auth/login', { body: { login: user.account.username, password: 'wrong password!!' } });
    expect(wrong.status).toBe(401);

    // Another account's passkey cannot answer this account's second factor.
    const other = await withPasskey();
    const stolen = await passkeyLogin(other.authenticator.get(first.body.error.details.options));
    expect(stolen.status).toBe(401);
    expect(stolen.body.error.details.reason).toBe('PASSKEY_NOT_ALLOWED');

    const second = await password();
    const done = await passkeyLogin(user.authenticator.get(second.body.error.details.options));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.user.id).toBe(user.userId);

    // Removing the last passkey ends the second factor: the password alone signs in again.
    await t.rest('POST', `/api/auth/passkeys/${user.passkeyId}/remove`, { token: done.body.token, body: { password: user.account.password } });
    expect((await t.rest('GET', '/api/auth/passkeys', { token: done.body.token })).body.secondFactor).toBe(false);
    expect((await password()).status).toBe(200);
  });
});
