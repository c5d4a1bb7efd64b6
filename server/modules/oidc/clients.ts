// OpenID Connect clients: registered by a developer for one of their applications, read by the
// provider through the adapter (adapter.ts). Redirect URIs are matched exactly by oidc-provider.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Tx } from '../../db/index';
import { conflict, notFound } from '../../errors';
import { newestFirstPage } from '../../db/cursor';
import { ownedApplication } from '../developer/applications';
import type { createOidcClientInput, OidcClient, OidcScope, updateOidcClientInput } from '../../../shared/schemas/oidc';

export interface OidcClientRow {
  id: string;
  application_id: string;
  name: string;
  logo_uri: string | null;
  type: 'public' | 'confidential';
  client_secret: string | null;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  scopes: OidcScope[];
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isClientId = (value: string) => UUID.test(value);

export const toOidcClient = (r: OidcClientRow): OidcClient => ({
  clientId: r.id,
  applicationId: r.application_id,
  name: r.name,
  logoUri: r.logo_uri,
  type: r.type,
  redirectUris: r.redirect_uris,
  postLogoutRedirectUris: r.post_logout_redirect_uris,
  scopes: r.scopes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The client as oidc-provider reads it: code flow only, refresh tokens, PKCE (configuration). */
export function clientMetadata(r: OidcClientRow) {
  return {
    client_id: r.id,
    ...(r.client_secret ? { client_secret: r.client_secret } : {}),
    client_name: r.name,
    ...(r.logo_uri ? { logo_uri: r.logo_uri } : {}),
    application_type: 'web',
    redirect_uris: r.redirect_uris,
    post_logout_redirect_uris: r.post_logout_redirect_uris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: r.type === 'public' ? 'none' : 'client_secret_basic',
    scope: ['openid', 'offline_access', ...r.scopes].join(' '),
  };
}

const newSecret = () => `cs_${randomBytes(32).toString('base64url')}`;
const distinct = <T>(values: readonly T[]) => [...new Set(values)];

export async function createClient(tx: Tx, ownerId: string, input: z.output<typeof createOidcClientInput>) {
  await ownedApplication(tx, ownerId, input.applicationId);
  const clientSecret = input.type === 'confidential' ? newSecret() : null;
  const [row] = (await tx('oidc_clients')
    .insert({
      application_id: input.applicationId,
      name: input.name,
      logo_uri: input.logoUri ?? null,
      type: input.type,
      client_secret: clientSecret,
      redirect_uris: distinct(input.redirectUris),
      post_logout_redirect_uris: distinct(input.postLogoutRedirectUris ?? []),
      scopes: distinct(input.scopes),
    })
    .returning('*')) as OidcClientRow[];
  return { client: toOidcClient(row!), clientSecret };
}

/** The client if `ownerId` owns its application; NOT_FOUND otherwise. */
export async function ownedClient(tx: Tx, ownerId: string, clientId: string): Promise<OidcClientRow> {
  const row = (await tx('oidc_clients as c')
    .join('applications as a', 'a.id', 'c.application_id')
    .where({ 'c.id': clientId, 'a.owner_id': ownerId })
    .first('c.*')) as OidcClientRow | undefined;
  if (!row) throw notFound('oidc client', 'OpenID Connect client not found.');
  return row;
}

export async function listClients(tx: Tx, ownerId: string, input: { applicationId: string; limit: number; cursor?: string }) {
  await ownedApplication(tx, ownerId, input.applicationId);
  const { rows, nextCursor } = await newestFirstPage<OidcClientRow>(tx('oidc_clients').where({ application_id: input.applicationId }), input);
  return { items: rows.map(toOidcClient), nextCursor };
}

export async function updateClient(tx: Tx, ownerId: string, input: z.output<typeof updateOidcClientInput>) {
  await ownedClient(tx, ownerId, input.clientId);
  const change: Record<string, unknown> = { updated_at: tx.fn.now() };
  if (input.name !== undefined) change.name = input.name;
  if (input.logoUri !== undefined) change.logo_uri = input.logoUri;
  if (input.redirectUris !== undefined) change.redirect_uris = distinct(input.redirectUris);
  if (input.postLogoutRedirectUris !== undefined) change.post_logout_redirect_uris = distinct(input.postLogoutRedirectUris);
  if (input.scopes !== undefined) change.scopes = distinct(input.scopes);
  const [row] = (await tx('oidc_clients').where({ id: input.clientId }).update(change).returning('*')) as OidcClientRow[];
  if (!row) throw notFound('oidc client', 'OpenID Connect client not found.');
  return toOidcClient(row);
}

/** A new secret for a confidential client: the old one stops working at once. */
export async function rotateSecret(tx: Tx, ownerId: string, clientId: string) {
  const current = await ownedClient(tx, ownerId, clientId);
  if (current.type === 'public') {
    throw conflict('PUBLIC_CLIENT', 'A public client has no secret to rotate.');
  }
  const clientSecret = newSecret();
  const [row] = (await tx('oidc_clients')
    .where({ id: clientId })
    .update({ client_secret: clientSecret, updated_at: tx.fn.now() })
    .returning('*')) as OidcClientRow[];
  return { client: toOidcClient(row!), clientSecret };
}

/** Deletes a client and everything the provider issued to it: its tokens stop working at once. */
export async function deleteClient(tx: Tx, ownerId: string, clientId: string): Promise<void> {
  await ownedClient(tx, ownerId, clientId);
  await tx('oidc_payloads').where({ client_id: clientId }).delete();
  await tx('oidc_clients').where({ id: clientId }).delete();
}
