// OpenID Connect: the clients developers register, the scopes an application may ask a user for,
// and the connected applications a user sees. Shared by server and client.
import { z } from 'zod';
import { listInput, text, timestamp, uuid } from './primitives';

/**
 * What an application may ask a user for. `openid` is always granted; `offline_access` is implied
 * (every client gets refresh tokens). Reads: profile, email, skills, achievements; acts:
 * actions:execute (executes actions as the user, through the same engine and limits).
 */
export const oidcScopes = [
  { scope: 'profile', description: 'Your username and time zone.' },
  { scope: 'email', description: 'Your email address.' },
  { scope: 'skills', description: 'Your skills, levels, XP and progress.' },
  { scope: 'achievements', description: 'The achievements you have unlocked.' },
  { scope: 'actions:execute', description: 'Execute actions as you (XP, streaks, rewards), within the usual limits.' },
] as const;
export type OidcScope = (typeof oidcScopes)[number]['scope'];
export const oidcScope = z.enum(oidcScopes.map((s) => s.scope) as [OidcScope, ...OidcScope[]]);

/**
 * A redirect URI: absolute http(s), no fragment; plain http only for a loopback host (development).
 * Compared character for character with what an authorization request sends.
 */
export const redirectUri = text(2000, 1)
  .refine((value) => {
    try {
      const url = new URL(value);
      if (url.hash || value.includes('#')) return false;
      if (url.protocol === 'https:') return true;
      return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    } catch {
      return false;
    }
  }, 'must be an absolute https URL without a fragment (http only for localhost)')
  .describe('An absolute URL without a fragment, https (http for localhost); matched exactly.');

const logoUri = text(2000)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http(s) URL')
  .describe('A logo shown on the consent screen (https URL).');

export const oidcClientType = z
  .enum(['public', 'confidential'])
  .describe('`public`: a browser or mobile app without a secret (PKCE only); `confidential`: a server holding a client secret.');

export const oidcClientOutput = z.object({
  clientId: uuid(),
  applicationId: uuid(),
  name: z.string(),
  logoUri: z.string().nullable(),
  type: oidcClientType,
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  scopes: z.array(oidcScope),
  createdAt: timestamp(),
  updatedAt: timestamp(),
});
export type OidcClient = z.infer<typeof oidcClientOutput>;

export const createOidcClientInput = z.strictObject({
  applicationId: uuid(),
  name: text(100, 1).describe('Shown to users on the consent screen.'),
  logoUri: logoUri.optional(),
  type: oidcClientType,
  redirectUris: z.array(redirectUri).min(1).max(10),
  postLogoutRedirectUris: z.array(redirectUri).max(10).optional(),
  scopes: z.array(oidcScope).max(oidcScopes.length).default([]).describe('What the client may ask for besides `openid`.'),
});

export const updateOidcClientInput = z.strictObject({
  clientId: uuid(),
  name: text(100, 1).optional(),
  logoUri: logoUri.nullable().optional(),
  redirectUris: z.array(redirectUri).min(1).max(10).optional(),
  postLogoutRedirectUris: z.array(redirectUri).max(10).optional(),
  scopes: z.array(oidcScope).max(oidcScopes.length).optional(),
});

export const oidcClientIdInput = z.strictObject({ clientId: uuid() });
export const oidcClientsInput = z.strictObject({ applicationId: uuid(), ...listInput });
export const oidcClientsOutput = z.object({ items: z.array(oidcClientOutput), nextCursor: z.string().nullable() });

/** A client with its secret, shown once (when made or rotated); null for a public client. */
export const oidcClientWithSecretOutput = z.object({
  client: oidcClientOutput,
  clientSecret: z.string().nullable().describe('Shown once; null for a public client.'),
});

export const connectedAppOutput = z.object({
  clientId: z.string(),
  name: z.string(),
  logoUri: z.string().nullable(),
  scopes: z.array(z.string()),
  connectedAt: timestamp(),
});
export const connectedAppsOutput = z.object({ items: z.array(connectedAppOutput) });

export const signingKeyOutput = z.object({
  kid: z.string(),
  alg: z.string(),
  createdAt: timestamp(),
  signing: z.boolean().describe('True for the key that signs new tokens.'),
});
export const signingKeysOutput = z.object({ items: z.array(signingKeyOutput) });
