// CalOS as an OpenID Connect provider, on oidc-provider (an OpenID-certified implementation): its
// configuration, the accounts and claims it reads from CalOS, and one provider per issuer, rebuilt
// when the signing keys change. State lives in the database (adapter.ts), so instances act as one.
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { Tx } from '../../db/index';
import { userProgress } from '../skills/service';
import { realmOf, LIVE_SCOPE } from '../developer/realm';
import { knexAdapter } from './adapter';
import { KEY_CACHE_MS, loadCookieSecret, loadKeySet, type KeySet } from './keys';
import { isClientId } from './clients';

/** Where the provider's endpoints live (discovery is at the issuer's /.well-known/openid-configuration). */
export const OIDC_PREFIX = '/oidc';
/** The web client's consent page for an interaction (client/pages/ConsentPage.tsx). */
export const consentPath = (uid: string) => `/oauth/consent/${uid}`;

export const OIDC_SCOPES = ['openid', 'offline_access', 'profile', 'email', 'skills', 'achievements', 'actions:execute'];

export interface OidcService {
  /** The provider answering for `issuer` (CALOS_PUBLIC_URL, or the address a request came to). */
  providerFor(issuer: string): Promise<Provider>;
  /** The published keys, reloaded from the database at most every KEY_CACHE_MS. */
  keySet(): Promise<KeySet>;
  /** Forget the cached keys (after a rotation on this instance). */
  reloadKeys(): void;
}

const UUID = isClientId;

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head><body>${body}</body></html>`;
}

/** The CalOS user whose session token this is, or null (auth's check, passed in by the platform). */
export type SessionUserId = (token: string) => Promise<string | null>;
/** The web client's session cookie (server/context.ts). */
const CALOS_SESSION_COOKIE = 'calos_session';

/**
 * The provider's sign-in follows CalOS's: its remembered session stands only while the browser is
 * signed in to CalOS as the same user. Otherwise (signed out of CalOS, or another account signed
 * in on a shared computer) the login prompt runs again, through CalOS's sign-in and consent page.
 */
function policyFollowingCalOS(sessionUserId: SessionUserId) {
  const policy = interactionPolicy.base();
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('calos_session', 'The CalOS sign-in of this browser is another', async (ctx) => {
      const token = ctx.cookies.get(CALOS_SESSION_COOKIE, { signed: false });
      const userId = token ? await sessionUserId(token) : null;
      return userId !== null && ctx.oidc.session?.accountId === userId ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

function configuration(db: Tx, config: Config, keys: KeySet, cookieSecret: string, log: Logger, sessionUserId: SessionUserId): Configuration {
  return {
    adapter: knexAdapter(db),
    clients: [],
    jwks: { keys: keys.jwks },
    cookies: { keys: [cookieSecret] },
    scopes: OIDC_SCOPES,
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name', 'zoneinfo', 'updated_at'],
      email: ['email', 'email_verified'],
      skills: ['skills', 'total_level', 'total_xp'],
      achievements: ['achievements'],
    },
    async findAccount(_ctx, sub) {
      if (!UUID(sub)) return undefined;
      const user = (await db('users').where({ id: sub }).first('id', 'username', 'email', 'timezone', 'updated_at', 'email_verified_at')) as
        | { id: string; username: string; email: string; timezone: string | null; updated_at: Date; email_verified_at: Date | null }
        | undefined;
      if (!user) return undefined;
      return {
        accountId: user.id,
        async claims(_use, scope) {
          const scopes = new Set(scope.split(' '));
          const claims: Record<string, unknown> = {
            sub: user.id,
            preferred_username: user.username,
            name: user.username,
            zoneinfo: user.timezone ?? 'UTC',
            updated_at: Math.floor(new Date(user.updated_at).getTime() / 1000),
            email: user.email,
            email_verified: user.email_verified_at !== null,
          };
          if (scopes.has('skills') || scopes.has('achievements')) {
            const progress = await userProgress(db, realmOf(LIVE_SCOPE), user.id);
            claims.skills = progress.skills.map((s) => ({ code: s.code, name: s.name, level: s.level, xp: s.xp }));
            claims.total_level = progress.totalLevel;
            claims.total_xp = progress.totalXp;
            claims.achievements = progress.achievements
              .filter((a) => a.unlocked)
              .map((a) => ({ code: a.code, name: a.name, unlockedAt: a.unlockedAt?.toISOString() }));
          }
          return claims;
        },
      };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.type = 'html';
          ctx.body = page(
            'Sign out',
            `<h1>Sign out of CalOS?</h1><p>The application asked to end your CalOS sign-in.</p>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button> <button type="submit" form="op.logoutForm">Stay signed in</button>`,
          );
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.type = 'html';
          ctx.body = page('Signed out', '<h1>Signed out</h1><p>You have signed out of the application.</p>');
        },
      },
    },
    // PKCE for every client, public or confidential (S256 only): a code is useless without its verifier.
    pkce: { required: () => true },
    // Every refresh rotates; a used one presented again revokes the whole grant (oidc-provider, and
    // the adapter's consume() when two requests race).
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    allowOmittingSingleRegisteredRedirectUri: false,
    responseTypes: ['code'],
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 14 * 86_400,
      Grant: 365 * 86_400,
      RefreshToken: 30 * 86_400,
    },
    routes: {
      authorization: `${OIDC_PREFIX}/auth`,
      token: `${OIDC_PREFIX}/token`,
      jwks: `${OIDC_PREFIX}/jwks`,
      userinfo: `${OIDC_PREFIX}/me`,
      revocation: `${OIDC_PREFIX}/token/revocation`,
      introspection: `${OIDC_PREFIX}/token/introspection`,
      end_session: `${OIDC_PREFIX}/session/end`,
      pushed_authorization_request: `${OIDC_PREFIX}/request`,
      code_verification: `${OIDC_PREFIX}/device`,
      device_authorization: `${OIDC_PREFIX}/device/auth`,
      backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
      registration: `${OIDC_PREFIX}/reg`,
      challenge: `${OIDC_PREFIX}/challenge`,
    },
    interactions: { policy: policyFollowingCalOS(sessionUserId), url: (_ctx, interaction) => consentPath(interaction.uid) },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page(
        'Sign-in error',
        `<h1>The application's sign-in request was refused</h1><p><code>${escapeHtml(String(out.error))}</code>: ${escapeHtml(String(out.error_description ?? ''))}</p>`,
      );
      log.debug({ error: out.error }, 'oidc request refused');
    },
  } as Configuration;
}

/** Issuers with a provider built, at most this many (without CALOS_PUBLIC_URL, one per Host seen). */
const MAX_ISSUERS = 4;

export function createOidcService(db: Tx, config: Config, log: Logger, sessionUserId: SessionUserId): OidcService {
  const rotateAfterDays = config.oidc.keyRotationDays;
  const retireAfterDays = rotateAfterDays * 2;
  let cachedKeys: { at: number; keys: Promise<KeySet> } | undefined;
  let cookieSecret: Promise<string> | undefined;
  const providers = new Map<string, { version: string; provider: Provider }>();

  const keySet = async () => {
    if (!cachedKeys || Date.now() - cachedKeys.at > KEY_CACHE_MS) {
      const keys = loadKeySet(db, rotateAfterDays, retireAfterDays);
      cachedKeys = { at: Date.now(), keys };
      keys.catch(() => (cachedKeys = undefined));
    }
    return cachedKeys.keys;
  };

  return {
    keySet,
    reloadKeys: () => void (cachedKeys = undefined),
    async providerFor(issuer) {
      const keys = await keySet();
      const known = providers.get(issuer);
      if (known && known.version === keys.version) return known.provider;
      cookieSecret ??= loadCookieSecret(db);
      const provider = new Provider(issuer, configuration(db, config, keys, await cookieSecret, log, sessionUserId));
      provider.proxy = config.trustProxy;
      provider.on('server_error', (_ctx, err) => log.error({ err }, 'oidc provider error'));
      providers.delete(issuer);
      providers.set(issuer, { version: keys.version, provider });
      while (providers.size > MAX_ISSUERS) providers.delete(providers.keys().next().value!);
      return provider;
    },
  };
}
