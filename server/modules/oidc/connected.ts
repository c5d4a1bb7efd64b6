// Connected applications: the OpenID Connect clients a user has granted access, and revoking them
// (every grant, code and token the user gave that client ends at once).
import type { Tx } from '../../db/index';
import { notFound } from '../../errors';
import { revokeGrant } from './adapter';

interface GrantRow {
  id: string;
  client_id: string;
  payload: { openid?: { scope?: string }; iat?: number } | string;
  name: string;
  logo_uri: string | null;
}

export async function listConnectedApps(db: Tx, userId: string) {
  const rows = (await db('oidc_payloads as p')
    .joinRaw('JOIN oidc_clients AS c ON c.id::text = p.client_id')
    .where({ 'p.model': 'Grant', 'p.account_id': userId })
    .andWhere((q) => q.whereNull('p.expires_at').orWhere('p.expires_at', '>', db.fn.now()))
    .select('p.id', 'p.client_id', 'p.payload', 'c.name', 'c.logo_uri')) as GrantRow[];
  const byClient = new Map<string, { clientId: string; name: string; logoUri: string | null; scopes: Set<string>; connectedAt: Date }>();
  for (const row of rows) {
    const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
    const entry = byClient.get(row.client_id) ?? { clientId: row.client_id, name: row.name, logoUri: row.logo_uri, scopes: new Set<string>(), connectedAt: new Date(8.64e15) };
    for (const scope of String(payload.openid?.scope ?? '').split(' ').filter(Boolean)) entry.scopes.add(scope);
    if (payload.iat && payload.iat * 1000 < entry.connectedAt.getTime()) entry.connectedAt = new Date(payload.iat * 1000);
    byClient.set(row.client_id, entry);
  }
  const items = [...byClient.values()]
    .map((e) => ({ ...e, scopes: [...e.scopes].sort() }))
    .sort((a, b) => b.connectedAt.getTime() - a.connectedAt.getTime());
  return { items };
}

/** Revokes every grant the user gave this client, with their codes and tokens, and its sessions' memory of it. */
export async function disconnectApp(db: Tx, userId: string, clientId: string): Promise<void> {
  const grants = (await db('oidc_payloads').where({ model: 'Grant', account_id: userId, client_id: clientId }).pluck('id')) as string[];
  if (!grants.length) throw notFound('connected app', 'You have not connected this application.');
  for (const grantId of grants) await revokeGrant(db, grantId);
}
