// A relying party and a browser for OpenID Connect tests: openid-client (a certified client
// library) against the listening test app, and a cookie jar following the provider's redirects
// through CalOS's consent endpoints as the web client's consent page does.
import * as client from 'openid-client';
import { expect } from 'vitest';
import type { ListeningTestApp } from './listening';
import { SESSION_COOKIE } from '../context';

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly origin: string) {}

  signIn(sessionToken: string) {
    this.cookies.set(SESSION_COOKIE, sessionToken);
  }

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.origin);
    const headers = new Headers(init.headers);
    if (target.origin === this.origin && this.cookies.size) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    if (target.origin === this.origin) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        const name = pair!.slice(0, at).trim();
        const value = pair!.slice(at + 1).trim();
        if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
    }
    return res;
  }
}

export interface RegisteredClient {
  clientId: string;
  clientSecret: string | null;
  redirectUri: string;
}

export async function registerClient(
  t: ListeningTestApp,
  token: string,
  applicationId: string,
  options: { type?: 'public' | 'confidential'; scopes?: string[]; redirectUri?: string; name?: string } = {},
): Promise<RegisteredClient> {
  const redirectUri = options.redirectUri ?? 'http://localhost:5409/callback';
  const res = await t.rest('POST', `/api/apps/${applicationId}/oidc-clients`, {
    token,
    body: {
      name: options.name ?? 'Puzzle site',
      type: options.type ?? 'confidential',
      redirectUris: [redirectUri],
      postLogoutRedirectUris: ['http://localhost:5409/'],
      scopes: options.scopes ?? ['profile', 'email', 'skills', 'achievements', 'actions:execute'],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { clientId: res.body.client.clientId, clientSecret: res.body.clientSecret, redirectUri };
}

/** openid-client's configuration from the discovery document (plain http allowed: a local test). */
export async function discover(issuer: string, registered: RegisteredClient) {
  const auth = registered.clientSecret ? client.ClientSecretBasic(registered.clientSecret) : client.None();
  return client.discovery(new URL(issuer), registered.clientId, undefined, auth, { execute: [client.allowInsecureRequests] });
}

/**
 * The browser's part of an authorization: the authorization request, the consent page's
 * endpoints (approve), the resume; returns the final redirect to the application.
 */
export async function authorizeInBrowser(browser: Browser, authorizationUrl: URL, approve = true): Promise<URL> {
  let res = await browser.fetch(authorizationUrl);
  expect(res.status, await res.clone().text()).toBe(303);
  const consent = new URL(res.headers.get('location')!, browser.origin);
  expect(consent.pathname).toMatch(/^\/oauth\/consent\/[\w-]+$/);
  const details = await browser.fetch(`${consent.pathname}/details`);
  expect(details.status, await details.clone().text()).toBe(200);
  const decision = await browser.fetch(`${consent.pathname}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: browser.origin },
    body: JSON.stringify({ approve }),
  });
  expect(decision.status, await decision.clone().text()).toBe(200);
  let next = new URL(((await decision.json()) as { redirectTo: string }).redirectTo, browser.origin);
  // The resume, and any further hop the provider makes, until it leaves for the application.
  for (let hops = 0; hops < 6 && next.origin === browser.origin; hops++) {
    res = await browser.fetch(next);
    if (res.status === 200) {
      // The provider's self-submitting form (ending the previous account's provider session when
      // another account signs in): submit it as the browser's script would.
      const html = await res.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      expect(action, html).toBeDefined();
      const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!]));
      res = await browser.fetch(action!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    }
    expect([302, 303], await res.clone().text()).toContain(res.status);
    next = new URL(res.headers.get('location')!, browser.origin);
  }
  return next;
}

/** A whole sign-in: authorization with PKCE, consent, and the code exchanged for tokens. */
export async function signInWithCalOS(config: client.Configuration, browser: Browser, redirectUri: string, scope: string) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const callback = await authorizeInBrowser(browser, url);
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return { tokens, callback, verifier, state };
}
