// CalOS as an OpenID Connect provider, checked with openid-client (a certified relying-party
// library) against the listening app: discovery, code + PKCE, tokens, refresh rotation and reuse,
// revocation, introspection, the attacks the protocol must refuse, and two instances as one.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createTestApp, raceTest } from '../../testing/harness';
import { listenTestApp, type ListeningTestApp } from '../../testing/listening';
import { createApplication, signUp, signUpAdmin } from '../../testing/factories';
import { authorizeInBrowser, Browser, discover, registerClient, signInWithCalOS, type RegisteredClient } from '../../testing/oidc';

let t: ListeningTestApp;
let developer: Awaited<ReturnType<typeof signUp>>;
let applicationId: string;
let confidential: RegisteredClient;
let publicClient: RegisteredClient;

beforeAll(async () => {
  t = await listenTestApp();
  developer = await signUp(t);
  applicationId = (await createApplication(t, developer.token)).id;
  confidential = await registerClient(t, developer.token, applicationId);
  publicClient = await registerClient(t, developer.token, applicationId, { type: 'public', scopes: ['profile', 'skills'] });
}, 60_000);
afterAll(() => t.close());

async function user() {
  const account = await signUp(t);
  const browser = new Browser(t.endpoint);
  browser.signIn(account.token);
  return { ...account, browser };
}

const expectOAuthError = async (promise: Promise<unknown>, error: string) => {
  const err = (await promise.then(() => null, (e: unknown) => e)) as (Error & { error?: string; cause?: unknown }) | null;
  expect(err, 'expected the request to be refused').not.toBeNull();
  // A 401 comes as a WWW-Authenticate challenge error, whose challenges are its cause.
  const challenges = Array.isArray(err!.cause) ? (err!.cause as Array<{ parameters?: { error?: string } }>) : [];
  const body = err!.error ? err : challenges[0]?.parameters;
  expect(body?.error, String(err)).toBe(error);
};

describe('discovery and keys', () => {
  it('publishes a discovery document that openid-client accepts', async () => {
    const config = await discover(t.endpoint, confidential);
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(t.endpoint);
    expect(meta.authorization_endpoint).toBe(`${t.endpoint}/oidc/auth`);
    expect(meta.token_endpoint).toBe(`${t.endpoint}/oidc/token`);
    expect(meta.jwks_uri).toBe(`${t.endpoint}/oidc/jwks`);
    expect(meta.end_session_endpoint).toBe(`${t.endpoint}/oidc/session/end`);
    expect(meta.revocation_endpoint).toBeDefined();
    expect(meta.introspection_endpoint).toBeDefined();
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'skills', 'achievements', 'actions:execute']));
    const jwks = (await (await fetch(meta.jwks_uri!)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(key.d).toBeUndefined();
    }
  });

  it('keeps its signing keys in the database', async () => {
    const rows = await t.db.knex('oidc_signing_keys').whereNull('retired_at');
    const jwks = (await (await fetch(`${t.endpoint}/oidc/jwks`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual(rows.map((r: { kid: string }) => r.kid).sort());
  });
});

describe('authorization code with PKCE', () => {
  it('signs a user in: id token, userinfo with skills, access token introspected', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid profile email skills achievements');
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(u.userId);
    expect(claims.iss).toBe(t.endpoint);
    expect(claims.aud).toBe(confidential.clientId);
    expect(tokens.refresh_token).toBeTruthy();
    const info = await client.fetchUserInfo(config, tokens.access_token, u.userId);
    expect(info).toMatchObject({ sub: u.userId, preferred_username: u.account.username, email: u.account.email, email_verified: false }); // a fresh sign-up's address is not verified yet
    expect(Array.isArray(info.skills)).toBe(true);
    expect(info.achievements).toEqual([]);
    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    expect(introspected).toMatchObject({ active: true, sub: u.userId, client_id: confidential.clientId });
    expect(String(introspected.scope).split(' ')).toEqual(expect.arrayContaining(['openid', 'skills']));
  });

  it('follows the browser\'s CalOS sign-in: another account signed in (a shared computer) signs in anew', async () => {
    const a = await user();
    const config = await discover(t.endpoint, confidential);
    const first = await signInWithCalOS(config, a.browser, confidential.redirectUri, 'openid');
    expect(first.tokens.claims()!.sub).toBe(a.userId);
    // The same browser: a's remembered grant signs a in again without a prompt…
    const verifier = client.randomPKCECodeVerifier();
    const again = await a.browser.fetch(
      client.buildAuthorizationUrl(config, { redirect_uri: confidential.redirectUri, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }),
    );
    expect(again.headers.get('location')).toMatch(/^http:\/\/localhost:5409\/callback\?code=/);
    // …but once b is the one signed in to CalOS there, the provider asks again, and it is b.
    const b = await signUp(t);
    a.browser.signIn(b.token);
    const second = await signInWithCalOS(config, a.browser, confidential.redirectUri, 'openid');
    expect(second.tokens.claims()!.sub).toBe(b.userId);
    // Signed out of CalOS: no code without the sign-in page.
    a.browser.cookies.delete('calos_session');
    const signedOut = await a.browser.fetch(
      client.buildAuthorizationUrl(config, { redirect_uri: confidential.redirectUri, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }),
    );
    expect(signedOut.headers.get('location')).toMatch(/^\/oauth\/consent\//);
  });

  it('a public client signs in with PKCE and no secret', async () => {
    const u = await user();
    const config = await discover(t.endpoint, publicClient);
    const { tokens } = await signInWithCalOS(config, u.browser, publicClient.redirectUri, 'openid profile');
    expect(tokens.claims()!.sub).toBe(u.userId);
  });

  it('refuses an authorization request without PKCE (downgrade), for public and confidential clients', async () => {
    for (const registered of [publicClient, confidential]) {
      const u = await user();
      const config = await discover(t.endpoint, registered);
      const url = client.buildAuthorizationUrl(config, { redirect_uri: registered.redirectUri, scope: 'openid', state: 'abc' });
      const res = await u.browser.fetch(url);
      const location = new URL(res.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(registered.redirectUri);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('code')).toBeNull();
    }
  });

  it('refuses a code exchanged without its verifier, or with another one (downgrade at the token endpoint)', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: confidential.redirectUri,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const callback = await authorizeInBrowser(u.browser, url);
    const code = callback.searchParams.get('code')!;
    const exchange = (extra: Record<string, string>) =>
      fetch(`${t.endpoint}/oidc/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${confidential.clientId}:${confidential.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: confidential.redirectUri, ...extra }),
      });
    const without = await exchange({});
    expect(without.status).toBe(400);
    expect(((await without.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('never grants a scope the client is not registered for', async () => {
    const u = await user();
    const config = await discover(t.endpoint, publicClient); // registered for profile and skills only
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: publicClient.redirectUri,
      scope: 'openid email actions:execute',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const res = await u.browser.fetch(url);
    const location = new URL(res.headers.get('location')!, t.endpoint);
    expect(location.origin + location.pathname).toBe(publicClient.redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
  });

  it('refuses a plain code challenge method', async () => {
    const u = await user();
    const config = await discover(t.endpoint, publicClient);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: publicClient.redirectUri, scope: 'openid', code_challenge: verifier, code_challenge_method: 'plain' });
    const res = await u.browser.fetch(url);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a tampered redirect URI, without redirecting to it', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const challenge = await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier());
    for (const tampered of [
      'https://attacker.example/callback',
      `${confidential.redirectUri}/../evil`,
      `${confidential.redirectUri}?next=https://attacker.example`,
      confidential.redirectUri.replace('localhost', '127.0.0.1'),
      `${confidential.redirectUri}/`,
    ]) {
      const url = client.buildAuthorizationUrl(config, { redirect_uri: tampered, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' });
      const res = await u.browser.fetch(url);
      expect(res.status, tampered).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('redirect_uri');
    }
  });

  it('refuses a code replayed, and revokes what it first gave', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: confidential.redirectUri,
      scope: 'openid skills',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const callback = await authorizeInBrowser(u.browser, url);
    const first = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    await expectOAuthError(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }), 'invalid_grant');
    expect((await client.tokenIntrospection(config, first.access_token)).active).toBe(false);
    await expectOAuthError(client.refreshTokenGrant(config, first.refresh_token!), 'invalid_grant');
  });

  it('a user who declines sends the application access_denied', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: confidential.redirectUri,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      state: 'xyz',
    });
    const back = await authorizeInBrowser(u.browser, url, false);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('xyz');
  });
});

describe('refresh tokens, revocation', () => {
  it('rotates refresh tokens; a used one presented again revokes the whole grant', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid skills');
    const second = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(tokens.refresh_token);
    expect(second.claims()!.sub).toBe(u.userId);
    // The first refresh token again: a thief's or the app's mistake; either way the grant ends.
    await expectOAuthError(client.refreshTokenGrant(config, tokens.refresh_token!), 'invalid_grant');
    await expectOAuthError(client.refreshTokenGrant(config, second.refresh_token!), 'invalid_grant');
    expect((await client.tokenIntrospection(config, second.access_token)).active).toBe(false);
  });

  raceTest('two refreshes with the same token at once: one wins, the grant is then revoked', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid');
    const results = await Promise.allSettled([1, 2, 3].map(() => client.refreshTokenGrant(config, tokens.refresh_token!)));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1);
    const survivors = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const s of survivors) await expectOAuthError(client.refreshTokenGrant(config, s.refresh_token!), 'invalid_grant');
  });

  it('revokes an access token and a refresh token', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid');
    await client.tokenRevocation(config, tokens.access_token);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await client.tokenRevocation(config, tokens.refresh_token!);
    await expectOAuthError(client.refreshTokenGrant(config, tokens.refresh_token!), 'invalid_grant');
  });

  it('a wrong client secret is refused', async () => {
    const config = await discover(t.endpoint, { ...confidential, clientSecret: 'cs_wrong' });
    await expectOAuthError(client.refreshTokenGrant(config, 'whatever'), 'invalid_client');
  });
});

describe('RP-initiated logout', () => {
  it('shows the sign-out form and returns to a registered post-logout URI', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid');
    const url = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://localhost:5409/', state: 's1' });
    const page = await u.browser.fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Sign out of CalOS?');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const confirm = await u.browser.fetch(`${t.endpoint}/oidc/session/end/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('http://localhost:5409/?state=s1');
  });

  it('refuses an unregistered post-logout redirect', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid');
    const url = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://attacker.example/' });
    const res = await u.browser.fetch(url);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('the consent endpoints', () => {
  it('refuse a decision without a CalOS Origin, or from a browser without the interaction', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: confidential.redirectUri,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const res = await u.browser.fetch(url);
    const consent = new URL(res.headers.get('location')!, t.endpoint).pathname;
    const post = (browser: Browser, origin?: string) =>
      browser.fetch(`${consent}/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
        body: JSON.stringify({ approve: true }),
      });
    const noOrigin = await post(u.browser);
    expect(noOrigin.status).toBe(403);
    expect(((await noOrigin.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect((await post(u.browser, 'https://attacker.example')).status).toBe(403);
    // Another user's browser, with its own CalOS session, cannot answer this interaction.
    const other = await user();
    const stolen = await post(other.browser, t.endpoint);
    expect(stolen.status).toBe(404);
    expect(((await stolen.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await other.browser.fetch(`${consent}/details`)).status).toBe(404);
    // Bad input names the field.
    const bad = await u.browser.fetch(`${consent}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.endpoint },
      body: JSON.stringify({ approve: 'yes' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { issues: Array<{ path: string }> } } }).error.details.issues[0]!.path).toBe('body.approve');
  });

  it('show the application, its logo and the scopes asked; approving needs a signed-in CalOS user', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const anonymous = new Browser(t.endpoint);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: confidential.redirectUri,
      scope: 'openid skills actions:execute',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const res = await anonymous.fetch(url);
    const consent = new URL(res.headers.get('location')!, t.endpoint).pathname;
    const details = (await (await anonymous.fetch(`${consent}/details`)).json()) as Record<string, any>;
    expect(details.client).toMatchObject({ clientId: confidential.clientId, name: 'Puzzle site' });
    expect(details.scopes.map((s: { scope: string }) => s.scope)).toEqual(['skills', 'actions:execute']);
    expect(details.user).toBeNull();
    const refused = await anonymous.fetch(`${consent}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.endpoint },
      body: JSON.stringify({ approve: true }),
    });
    expect(refused.status).toBe(401);
    anonymous.signIn(u.token);
    const signedIn = (await (await anonymous.fetch(`${consent}/details`)).json()) as Record<string, any>;
    expect(signedIn.user).toEqual({ id: u.userId, username: u.account.username });
  });
});

describe('clients in the developer portal', () => {
  it('validates redirect URIs and scopes, naming the field', async () => {
    const bad = await t.rest('POST', `/api/apps/${applicationId}/oidc-clients`, {
      token: developer.token,
      body: { name: 'x', type: 'public', redirectUris: ['http://example.com/cb'], scopes: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('body.redirectUris.0');
    const fragment = await t.rest('POST', `/api/apps/${applicationId}/oidc-clients`, {
      token: developer.token,
      body: { name: 'x', type: 'public', redirectUris: ['https://example.com/cb#x'] },
    });
    expect(fragment.status).toBe(400);
    const scope = await t.rest('POST', `/api/apps/${applicationId}/oidc-clients`, {
      token: developer.token,
      body: { name: 'x', type: 'public', redirectUris: ['https://example.com/cb'], scopes: ['users:read'] },
    });
    expect(scope.status).toBe(400);
    expect(scope.body.error.details.issues[0].path).toBe('body.scopes.0');
  });

  it('keeps clients to their owner; public clients have no secret', async () => {
    const other = await signUp(t);
    expect((await t.rest('GET', `/api/oidc-clients/${confidential.clientId}`, { token: other.token })).status).toBe(404);
    expect((await t.rest('GET', `/api/apps/${applicationId}/oidc-clients`, { token: other.token })).status).toBe(404);
    expect((await t.rest('DELETE', `/api/oidc-clients/${confidential.clientId}`, { token: other.token })).status).toBe(404);
    const list = await t.rest('GET', `/api/apps/${applicationId}/oidc-clients`, { token: developer.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { clientId: string }) => c.clientId)).toEqual(expect.arrayContaining([confidential.clientId, publicClient.clientId]));
    expect(JSON.stringify(list.body)).not.toContain('cs_');
    expect(publicClient.clientSecret).toBeNull();
    const rotate = await t.rest('POST', `/api/oidc-clients/${publicClient.clientId}/secret`, { token: developer.token });
    expect(rotate.status).toBe(409);
    expect(rotate.body.error.details.reason).toBe('PUBLIC_CLIENT');
  });

  it('a rotated secret replaces the old one at once; a deleted client can do nothing', async () => {
    const own = await registerClient(t, developer.token, applicationId);
    const u = await user();
    const oldConfig = await discover(t.endpoint, own);
    const { tokens } = await signInWithCalOS(oldConfig, u.browser, own.redirectUri, 'openid');
    const rotated = await t.rest('POST', `/api/oidc-clients/${own.clientId}/secret`, { token: developer.token });
    expect(rotated.status).toBe(200);
    await expectOAuthError(client.refreshTokenGrant(oldConfig, tokens.refresh_token!), 'invalid_client');
    const newConfig = await discover(t.endpoint, { ...own, clientSecret: rotated.body.clientSecret });
    const refreshed = await client.refreshTokenGrant(newConfig, tokens.refresh_token!);
    expect((await t.rest('DELETE', `/api/oidc-clients/${own.clientId}`, { token: developer.token })).status).toBe(204);
    await expectOAuthError(client.refreshTokenGrant(newConfig, refreshed.refresh_token!), 'invalid_client');
    expect(await t.db.knex('oidc_payloads').where({ client_id: own.clientId }).count('* as n').first()).toMatchObject({ n: expect.anything() });
    expect(Number(((await t.db.knex('oidc_payloads').where({ client_id: own.clientId }).count('* as n').first()) as { n: string }).n)).toBe(0);
  });

  it('an administrator rotates the signing key: both published, old tokens still verify', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid');
    const admin = await signUpAdmin(t);
    expect((await t.rest('POST', '/api/oidc/signing-keys/rotate', { token: developer.token })).status).toBe(403);
    const rotated = await t.rest('POST', '/api/oidc/signing-keys/rotate', { token: admin.token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.items.length).toBeGreaterThanOrEqual(2);
    // The new key is published at once and does not sign yet (other instances may not publish it).
    expect(rotated.body.items[0].signing).toBe(false);
    const jwks = (await (await fetch(`${t.endpoint}/oidc/jwks`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining(rotated.body.items.map((k: { kid: string }) => k.kid)));
    const header = JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString());
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    // A fresh sign-in still works (signed with the published, older key).
    const v = await user();
    const again = await signInWithCalOS(config, v.browser, confidential.redirectUri, 'openid');
    expect(again.tokens.claims()!.sub).toBe(v.userId);
  });
});

describe('access tokens at the REST door, connected applications', () => {
  it('an access token reads and acts as its user where its scopes allow, and nowhere else', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid skills actions:execute');
    const token = tokens.access_token;
    const progress = await t.rest('GET', '/api/progress', { token });
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    const executed = await t.rest('POST', '/api/actions/execute', { token, body: { actionCode: 'vote_like', params: { postId: 7 } } });
    expect(executed.status, JSON.stringify(executed.body)).toBe(200);
    expect(executed.body.execution).toMatchObject({ actionCode: 'vote_like', userId: u.userId });
    // It acts for its own user only: naming another user is an API key's privilege.
    const other = await signUp(t);
    const forOther = await t.rest('POST', '/api/actions/execute', { token, body: { actionCode: 'vote_like', userId: other.userId } });
    expect(forOther.status).toBe(403);
    // The account, the developer portal and administration stay out of reach.
    for (const [method, url] of [['GET', '/api/auth/session'], ['GET', '/api/auth/connected-apps'], ['GET', '/api/apps'], ['POST', '/api/auth/logout']] as const) {
      const res = await t.rest(method, url, { token });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.error.details.reason).toBe('OIDC_TOKEN_NOT_ALLOWED');
    }
  });

  it('a token without the scope is refused, naming it; an unknown token is 401', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid profile');
    const execute = await t.rest('POST', '/api/actions/execute', { token: tokens.access_token, body: { actionCode: 'vote_like' } });
    expect(execute.status).toBe(403);
    expect(execute.body.error.details.requiredScope).toBe('actions:execute');
    const progress = await t.rest('GET', '/api/progress', { token: tokens.access_token });
    expect(progress.status).toBe(403);
    expect(progress.body.error.details.requiredScope).toBe('skills');
    const forged = await t.rest('GET', '/api/progress', { token: 'A'.repeat(43) });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a user lists connected applications and revokes one: its tokens stop at once', async () => {
    const u = await user();
    const config = await discover(t.endpoint, confidential);
    const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid profile skills');
    const list = await t.rest('GET', '/api/auth/connected-apps', { token: u.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ clientId: confidential.clientId, name: 'Puzzle site', scopes: ['openid', 'profile', 'skills'] }),
    ]);
    // Nobody else sees or revokes it.
    const other = await signUp(t);
    expect((await t.rest('GET', '/api/auth/connected-apps', { token: other.token })).body.items).toEqual([]);
    expect((await t.rest('DELETE', `/api/auth/connected-apps/${confidential.clientId}`, { token: other.token })).status).toBe(404);
    expect((await t.rest('GET', '/api/progress', { token: tokens.access_token })).status).toBe(200);
    expect((await t.rest('DELETE', `/api/auth/connected-apps/${confidential.clientId}`, { token: u.token })).status).toBe(204);
    expect((await t.rest('GET', '/api/progress', { token: tokens.access_token })).status).toBe(401);
    await expectOAuthError(client.refreshTokenGrant(config, tokens.refresh_token!), 'invalid_grant');
    expect((await t.rest('GET', '/api/auth/connected-apps', { token: u.token })).body.items).toEqual([]);
    // The next sign-in asks for consent again.
    const again = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid');
    expect(again.tokens.claims()!.sub).toBe(u.userId);
  });
});

describe('two instances on one database', () => {
  it('act as one provider: authorize on one, redeem and refresh on the other', async () => {
    const second = await createTestApp({ CALOS_PUBLIC_URL: t.endpoint }, { db: t.db });
    try {
      await second.app.listen({ port: 0, host: '127.0.0.1' });
      const secondEndpoint = `http://127.0.0.1:${(second.app.server.address() as AddressInfo).port}`;
      const u = await user();
      const config = await discover(t.endpoint, confidential);
      // Everything the application sends after the browser's part goes to the second instance.
      config[client.customFetch] = (url, options) => fetch(url.replace(t.endpoint, secondEndpoint), options as RequestInit);
      const secondDiscovery = (await (await fetch(`${secondEndpoint}/.well-known/openid-configuration`)).json()) as { issuer: string };
      expect(secondDiscovery.issuer).toBe(t.endpoint);
      const { tokens } = await signInWithCalOS(config, u.browser, confidential.redirectUri, 'openid profile');
      expect(tokens.claims()!.sub).toBe(u.userId);
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
      expect(refreshed.claims()!.sub).toBe(u.userId);
      expect((await client.fetchUserInfo(config, refreshed.access_token, u.userId)).preferred_username).toBe(u.account.username);
      const [a, b] = await Promise.all([fetch(`${t.endpoint}/oidc/jwks`), fetch(`${secondEndpoint}/oidc/jwks`)].map(async (r) => (await r).json()));
      expect(a).toEqual(b);
    } finally {
      await second.close();
    }
  });
});
