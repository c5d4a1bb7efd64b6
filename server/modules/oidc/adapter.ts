// oidc-provider's storage over Knex (PGlite and PostgreSQL alike): every model but Client in one
// table, oidc_payloads, so that any instance on the database finds what another one stored. Clients
// are read from oidc_clients, which the developer portal writes (clients.ts).
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Tx } from '../../db/index';
import { clientMetadata, isClientId, type OidcClientRow } from './clients';

const epoch = (date: Date | string | null | undefined) => (date ? Math.floor(new Date(date).getTime() / 1000) : undefined);

interface PayloadRow {
  payload: AdapterPayload;
  consumed_at: Date | string | null;
}

/** Builds the Adapter class oidc-provider instantiates once per model name. */
export function knexAdapter(db: Tx) {
  return class KnexAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      if (this.model === 'Client') throw new Error('Clients are registered through the developer portal.');
      const row = {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        user_code: payload.userCode ?? null,
        account_id: payload.accountId ?? null,
        client_id: payload.clientId ?? null,
        expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db('oidc_payloads').insert(row).onConflict(['model', 'id']).merge();
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        if (!isClientId(id)) return undefined;
        const client = (await db('oidc_clients').where({ id }).first()) as OidcClientRow | undefined;
        return client ? (clientMetadata(client) as AdapterPayload) : undefined;
      }
      return this.findWhere({ id });
    }

    async findByUid(uid: string) {
      return this.findWhere({ uid });
    }

    async findByUserCode(userCode: string) {
      return this.findWhere({ user_code: userCode });
    }

    private async findWhere(where: Record<string, string>): Promise<AdapterPayload | undefined> {
      const row = (await db('oidc_payloads')
        .where({ model: this.model, ...where })
        .andWhere((q) => q.whereNull('expires_at').orWhere('expires_at', '>', db.fn.now()))
        .first('payload', 'consumed_at')) as PayloadRow | undefined;
      if (!row) return undefined;
      const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as AdapterPayload) : row.payload;
      return row.consumed_at ? { ...payload, consumed: epoch(row.consumed_at) } : payload;
    }

    async destroy(id: string): Promise<void> {
      await db('oidc_payloads').where({ model: this.model, id }).delete();
    }

    /**
     * Marks a code or refresh token used, once: of two requests redeeming the same one at the same
     * time (on one instance or two), the one that loses finds it consumed, which is a replay, and the
     * whole grant is revoked as oidc-provider does when it sees a consumed one.
     */
    async consume(id: string): Promise<void> {
      const updated = (await db('oidc_payloads')
        .where({ model: this.model, id })
        .whereNull('consumed_at')
        .update({ consumed_at: db.fn.now() })
        .returning('grant_id')) as Array<{ grant_id: string | null }>;
      if (updated.length) return;
      const row = (await db('oidc_payloads').where({ model: this.model, id }).first('grant_id')) as { grant_id: string | null } | undefined;
      if (row?.grant_id) await revokeGrant(db, row.grant_id);
      throw new errors.InvalidGrant('grant request is invalid: it was already used');
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db('oidc_payloads').where({ model: this.model, grant_id: grantId }).delete();
    }
  };
}

/** Everything a grant issued (codes, tokens) and the grant itself. */
export async function revokeGrant(db: Tx, grantId: string): Promise<void> {
  await db('oidc_payloads')
    .where({ grant_id: grantId })
    .orWhere((q) => q.where({ model: 'Grant', id: grantId }))
    .delete();
}

/** Rows past their expiry (run by the maintenance sweep). */
export async function deleteExpiredPayloads(db: Tx): Promise<number> {
  return db('oidc_payloads').where('expires_at', '<', db.fn.now()).delete();
}
