// OpenID Connect procedures: the clients a developer registers for an application, the connected
// applications a user sees and revokes, and the provider's signing keys (administrators).
import * as s from '../../../shared/schemas/oidc';
import { emptyInput } from '../../../shared/schemas/primitives';
import { noContent } from '../../../shared/schemas/auth';
import { adminProcedure, router, userProcedure } from '../../trpc';
import * as clients from './clients';
import { disconnectApp, listConnectedApps } from './connected';
import { rotateSigningKey } from './keys';
import * as ex from './examples';

const tags = ['oidc'];

export const oidcRouter = router({
  createClient: userProcedure
    .meta({
      secretAnswer: true,
      openapi: {
        method: 'POST',
        path: '/apps/{applicationId}/oidc-clients',
        tags,
        summary: 'Register an OpenID Connect client',
        description:
          'Registers a client that signs users in with CalOS (OpenID Connect, authorization code with PKCE). ' +
          '`redirectUris` are matched exactly; `scopes` are what it may ask a user for besides `openid` ' +
          '(`profile`, `email`, `skills`, `achievements`, `actions:execute`); `name` and `logoUri` are shown on ' +
          'the consent screen. A `confidential` client gets a secret, shown once (`client_secret_basic`); a ' +
          '`public` one (a browser or mobile app) has none. Discovery: `/.well-known/openid-configuration`.',
        protect: true,
      },
      successStatus: 201,
      errors: ['NOT_FOUND'],
      examples: ex.createClient,
    })
    .input(s.createOidcClientInput)
    .output(s.oidcClientWithSecretOutput)
    .mutation(({ ctx, input }) => clients.createClient(ctx.db, ctx.auth.user.id, input)),

  clients: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/apps/{applicationId}/oidc-clients',
        tags,
        summary: 'An application’s OpenID Connect clients',
        description: 'The OpenID Connect clients of one of your applications, newest first.',
        protect: true,
      },
      errors: ['NOT_FOUND'],
      examples: ex.clients,
    })
    .input(s.oidcClientsInput)
    .output(s.oidcClientsOutput)
    .query(({ ctx, input }) => clients.listClients(ctx.db, ctx.auth.user.id, input)),

  client: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/oidc-clients/{clientId}',
        tags,
        summary: 'One OpenID Connect client',
        description: 'One of your clients (never its secret); another developer’s answers 404.',
        protect: true,
      },
      errors: ['NOT_FOUND'],
      examples: ex.getClient,
    })
    .input(s.oidcClientIdInput)
    .output(s.oidcClientOutput)
    .query(async ({ ctx, input }) => clients.toOidcClient(await clients.ownedClient(ctx.db, ctx.auth.user.id, input.clientId))),

  updateClient: userProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/oidc-clients/{clientId}',
        tags,
        summary: 'Change an OpenID Connect client',
        description:
          'Changes a client’s name, logo, redirect URIs or scopes; fields left out stay as they are. Its type ' +
          'cannot change: register another client.',
        protect: true,
      },
      errors: ['NOT_FOUND'],
      examples: ex.updateClient,
    })
    .input(s.updateOidcClientInput)
    .output(s.oidcClientOutput)
    .mutation(({ ctx, input }) => clients.updateClient(ctx.db, ctx.auth.user.id, input)),

  rotateClientSecret: userProcedure
    .meta({
      secretAnswer: true,
      openapi: {
        method: 'POST',
        path: '/oidc-clients/{clientId}/secret',
        tags,
        summary: 'Rotate a client’s secret',
        description:
          'A new secret for a confidential client, shown once; the old one stops working at once. A public ' +
          'client has none (409 `PUBLIC_CLIENT`).',
        protect: true,
      },
      errors: ['NOT_FOUND', 'CONFLICT'],
      examples: ex.rotateSecret,
    })
    .input(s.oidcClientIdInput)
    .output(s.oidcClientWithSecretOutput)
    .mutation(({ ctx, input }) => clients.rotateSecret(ctx.db, ctx.auth.user.id, input.clientId)),

  deleteClient: userProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/oidc-clients/{clientId}',
        tags,
        summary: 'Delete an OpenID Connect client',
        description: 'Deletes a client: every code and token issued to it stops working at once.',
        protect: true,
      },
      successStatus: 204,
      errors: ['NOT_FOUND'],
      examples: ex.deleteClient,
    })
    .input(s.oidcClientIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => ctx.db.transaction((trx) => clients.deleteClient(trx, ctx.auth.user.id, input.clientId))),

  connectedApps: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/auth/connected-apps',
        tags,
        summary: 'Applications you signed in to with CalOS',
        description: 'The applications you granted access to your account through OpenID Connect, with the scopes granted.',
        protect: true,
      },
      examples: ex.connectedApps,
    })
    .input(emptyInput.optional())
    .output(s.connectedAppsOutput)
    .query(({ ctx }) => listConnectedApps(ctx.db, ctx.auth.user.id)),

  disconnectApp: userProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/auth/connected-apps/{clientId}',
        tags,
        summary: 'Revoke an application’s access',
        description:
          'Revokes everything you granted an application: its access and refresh tokens stop working at once, ' +
          'and it must ask for your consent again.',
        protect: true,
      },
      successStatus: 204,
      errors: ['NOT_FOUND'],
      examples: ex.disconnectApp,
    })
    .input(s.oidcClientIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => ctx.db.transaction((trx) => disconnectApp(trx, ctx.auth.user.id, input.clientId))),

  signingKeys: adminProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/oidc/signing-keys',
        tags,
        summary: 'The provider’s signing keys',
        description:
          'The keys published at the JWKS endpoint (never their private parts), newest first; `signing` marks the one ' +
          'that signs new tokens. **Who may call:** an administrator.',
        protect: true,
      },
      examples: ex.signingKeys,
    })
    .input(emptyInput.optional())
    .output(s.signingKeysOutput)
    .query(async ({ ctx }) => ({ items: (await ctx.platform.oidc.keySet()).rows })),

  rotateSigningKey: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/oidc/signing-keys/rotate',
        tags,
        summary: 'Rotate the signing key',
        description:
          'Adds a signing key. It is published at once and signs new tokens a minute later, once every instance ' +
          'publishes it; older keys stay published until retired, so the tokens they signed still verify. Keys ' +
          'also rotate on their own every `CALOS_OIDC_KEY_ROTATION_DAYS`. **Who may call:** an administrator.',
        protect: true,
      },
      examples: ex.rotateKeys,
    })
    .input(emptyInput.optional())
    .output(s.signingKeysOutput)
    .mutation(async ({ ctx }) => {
      await rotateSigningKey(ctx.db, ctx.platform.config.oidc.keyRotationDays * 2);
      ctx.platform.oidc.reloadKeys();
      return { items: (await ctx.platform.oidc.keySet()).rows };
    }),
});
