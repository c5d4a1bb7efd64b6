// The provider on Fastify: its Koa callback gets the raw request and response under /oidc and at
// /.well-known/openid-configuration (no body parsed first: oidc-provider reads its own forms), and
// the consent page's two JSON endpoints, which read the interaction's cookie (its path is the page's).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { errorBody } from '../../errors';
import { SESSION_COOKIE } from '../../context';
import type { Platform } from '../../domain';
import { oidcScopes } from '../../../shared/schemas/oidc';
import { OIDC_PREFIX } from './provider';
import { isClientId, type OidcClientRow } from './clients';

/** CALOS_PUBLIC_URL, else the address this request came to (behind a proxy: CALOS_TRUST_PROXY). */
export function issuerOf(platform: Platform, req: FastifyRequest): string {
  if (platform.config.publicUrl) return platform.config.publicUrl.replace(/\/+$/, '');
  return `${req.protocol}://${req.host}`;
}

const decisionInput = z.strictObject({ approve: z.boolean() });
const scopeDescriptions = new Map<string, string>(oidcScopes.map((s) => [s.scope, s.description]));

/** The CalOS user a session token belongs to (auth's authenticateToken, passed in by the app). */
export type SessionUser = (token: string) => Promise<{ id: string; username: string }>;

export async function registerOidcRoutes(app: FastifyInstance, platform: Platform, userOfSession: SessionUser): Promise<void> {
  const callbacks = new WeakMap<object, (req: IncomingMessage, res: ServerResponse) => unknown>();
  const providerFor = (req: FastifyRequest) => platform.oidc.providerFor(issuerOf(platform, req));

  await app.register(async (scope) => {
    // oidc-provider parses its own bodies (forms and JSON): Fastify must leave the stream unread.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    const forward = async (req: FastifyRequest, reply: FastifyReply) => {
      const provider = await providerFor(req);
      let callback = callbacks.get(provider);
      if (!callback) callbacks.set(provider, (callback = provider.callback()));
      reply.hijack();
      await callback(req.raw, reply.raw);
    };
    scope.all(`${OIDC_PREFIX}/*`, forward);
    scope.route({ method: ['GET', 'OPTIONS'], url: '/.well-known/openid-configuration', handler: forward });
  });

  const refuse = (req: FastifyRequest, reply: FastifyReply, status: number, code: Parameters<typeof errorBody>[0], message: string, details = {}) =>
    reply.code(status).send(errorBody(code, message, details, req.id));

  /** The interaction this browser started (its cookie), or null when it expired or is another's. */
  const interactionOf = async (req: FastifyRequest, reply: FastifyReply) => {
    const provider = await providerFor(req);
    try {
      const details = await provider.interactionDetails(req.raw, reply.raw);
      const uid = (req.params as { uid: string }).uid;
      return details.uid === uid ? { provider, details } : null;
    } catch {
      return null;
    }
  };

  const signedInUser = async (req: FastifyRequest) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return null;
    try {
      return await userOfSession(token);
    } catch {
      return null;
    }
  };

  const expired = 'This sign-in request has expired or was started in another browser; start again from the application.';

  app.get('/oauth/consent/:uid/details', async (req, reply) => {
    const found = await interactionOf(req, reply);
    if (!found) return refuse(req, reply, 404, 'NOT_FOUND', expired, { resource: 'interaction' });
    const { details } = found;
    const clientId = String(details.params.client_id ?? '');
    const client = isClientId(clientId)
      ? ((await platform.db.knex('oidc_clients').where({ id: clientId }).first()) as OidcClientRow | undefined)
      : undefined;
    if (!client) return refuse(req, reply, 404, 'NOT_FOUND', expired, { resource: 'interaction' });
    const user = await signedInUser(req);
    const requested = String(details.params.scope ?? '').split(' ').filter((s) => scopeDescriptions.has(s));
    return {
      uid: details.uid,
      client: { clientId: client.id, name: client.name, logoUri: client.logo_uri },
      scopes: requested.map((scope) => ({ scope, description: scopeDescriptions.get(scope)! })),
      user: user ? { id: user.id, username: user.username } : null,
    };
  });

  app.post('/oauth/consent/:uid/decision', async (req, reply) => {
    // A cross-site page must not answer for the user (the same Origin check as /trpc's writes).
    const origin = req.headers.origin;
    const allowed = new Set(platform.config.allowedOrigins);
    if (platform.config.publicUrl) allowed.add(new URL(platform.config.publicUrl).origin);
    allowed.add(`${req.protocol}://${req.host}`);
    if (!origin || !allowed.has(origin)) {
      return refuse(req, reply, 403, 'FORBIDDEN', 'This request must come from a CalOS page (Origin check failed).', {
        reason: origin ? 'ORIGIN_NOT_ALLOWED' : 'ORIGIN_MISSING',
      });
    }
    const parsed = decisionInput.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.') || 'approve'}`, message: i.message }));
      return refuse(req, reply, 400, 'VALIDATION_FAILED', `${issues[0]!.path}: ${issues[0]!.message}`, { issues });
    }
    const found = await interactionOf(req, reply);
    if (!found) return refuse(req, reply, 404, 'NOT_FOUND', expired, { resource: 'interaction' });
    const { provider, details } = found;
    if (!parsed.data.approve) {
      const redirectTo = await provider.interactionResult(req.raw, reply.raw, { error: 'access_denied', error_description: 'The user declined.' }, { mergeWithLastSubmission: false });
      return { redirectTo };
    }
    // Signing in happened on CalOS's own sign-in page, under its session rules (device, alerts).
    const user = await signedInUser(req);
    if (!user) return refuse(req, reply, 401, 'UNAUTHENTICATED', 'Sign in to CalOS first.');
    const clientId = String(details.params.client_id);
    const grant =
      (details.grantId && details.session?.accountId === user.id ? await provider.Grant.find(details.grantId) : undefined) ??
      new provider.Grant({ accountId: user.id, clientId });
    const requested = String(details.params.scope ?? 'openid');
    grant.addOIDCScope(requested);
    const grantId = await grant.save();
    const redirectTo = await provider.interactionResult(
      req.raw,
      reply.raw,
      { login: { accountId: user.id, amr: ['pwd'] }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return { redirectTo };
  });
}
