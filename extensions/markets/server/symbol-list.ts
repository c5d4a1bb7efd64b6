// The symbols list (by code), and one symbol as the API shows it.
import type { Knex } from 'knex';
import { invalidField } from '../../../server/extensions/api';
import type { SymbolRow } from './symbols';

export const symbolView = (r: SymbolRow) => ({
  code: r.code,
  name: r.name || r.code,
  assetClass: r.asset_class,
  exchange: r.exchange,
  timezone: r.asset_class === 'stock' && r.exchange ? 'America/New_York' : 'UTC',
  createdAt: new Date(r.created_at),
});

export async function listSymbols(db: Knex, input: { query?: string; limit: number; cursor?: string }) {
  const q = db<SymbolRow>('markets_symbols').orderByRaw('code COLLATE "C"').limit(input.limit + 1);
  if (input.query) q.whereRaw('position(? in code) > 0', [input.query.toUpperCase()]);
  if (input.cursor) {
    const after = Buffer.from(input.cursor, 'base64url').toString();
    if (!after.startsWith('c:')) throw invalidField('cursor', 'is not a cursor of this list');
    q.whereRaw('code COLLATE "C" > ?', [after.slice(2)]);
  }
  const rows = (await q) as SymbolRow[];
  const items = rows.slice(0, input.limit);
  return { items: items.map(symbolView), nextCursor: rows.length > input.limit ? Buffer.from(`c:${items.at(-1)!.code}`).toString('base64url') : null };
}
