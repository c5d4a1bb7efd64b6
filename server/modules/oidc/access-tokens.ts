// Access tokens CalOS's OpenID Connect provider issued, accepted by the REST and tRPC doors for
// the routes their scopes allow: the application acts as the user, through the same procedures,
// engine and limits as the user's own requests, and nothing else.
import type { Tx } from '../../db/index';
import { DomainError } from '../../errors';

/**
 * The procedures an access token may call, and the scope each needs. Everything else (the account,
 * sessions, devices, the developer portal, administration) stays with the user's own sign-in.
 */
export const OIDC_PROCEDURE_SCOPES: Readonly<Record<string, string>> = {
  'progress.summary': 'skills',
  'actions.execute': 'actions:execute',
  'actions.check': 'actions:execute',
  'actions.history': 'actions:execute',
  'actions.stats': 'actions:execute',
};

/** Opaque tokens oidc-provider issues: 43 base64url characters (a CalOS session token is a JWT, an API key has its prefix). */
export const looksLikeOidcAccessToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export interface OidcAccess {
  userId: string;
  clientId: string;
  scopes: Set<string>;
}

const refused = (message: string, details: Record<string, unknown>) => new DomainError('FORBIDDEN', message, details);

/** The user and scopes of a live access token allowed on `procedurePath`; 401 or 403 otherwise. */
export async function authenticateOidcAccessToken(db: Tx, token: string, procedurePath: string): Promise<OidcAccess> {
  const row = (await db('oidc_payloads')
    .where({ model: 'AccessToken', id: token })
    .andWhere('expires_at', '>', db.fn.now())
    .first('payload', 'account_id', 'client_id')) as { payload: unknown; account_id: string | null; client_id: string | null } | undefined;
  if (!row?.account_id || !row.client_id) throw new DomainError('UNAUTHENTICATED', 'The access token is not valid (expired, revoked or unknown).');
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as { scope?: string };
  const scopes = new Set(String(payload.scope ?? '').split(' ').filter(Boolean));
  const required = OIDC_PROCEDURE_SCOPES[procedurePath];
  if (!required) {
    throw refused('This route cannot be called with an OpenID Connect access token.', { reason: 'OIDC_TOKEN_NOT_ALLOWED' });
  }
  if (!scopes.has(required)) throw refused(`This access token lacks the ${required} scope.`, { requiredScope: required });
  return { userId: row.account_id, clientId: row.client_id, scopes };
}
