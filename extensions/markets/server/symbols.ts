// Symbols and sources: found by code, created the first time they are named (a pushed symbol is a
// crypto pair trading around the clock unless the batch declares its exchange).
import type { Knex } from 'knex';
import { conflict } from '../../../server/extensions/api';

export interface SymbolRow {
  id: number;
  code: string;
  name: string;
  asset_class: 'crypto' | 'stock';
  exchange: string | null;
  created_at: Date;
}

export const findSymbol = (db: Knex, code: string) => db<SymbolRow>('markets_symbols').where({ code: code.toUpperCase() }).first() as Promise<SymbolRow | undefined>;

/** The symbol, created when new; a declared exchange must match what the symbol already is. */
export async function ensureSymbol(db: Knex, code: string, exchange: 'NYSE' | 'NASDAQ' | null): Promise<SymbolRow> {
  const row = { code: code.toUpperCase(), asset_class: exchange ? 'stock' : 'crypto', exchange };
  await db('markets_symbols').insert(row).onConflict('code').ignore();
  const found = (await findSymbol(db, code))!;
  if (exchange && found.exchange !== exchange) {
    throw conflict('SYMBOL_CLASS_MISMATCH', `${found.code} is ${found.exchange ? `a stock on ${found.exchange}` : 'a crypto pair trading around the clock'}, not a stock on ${exchange}`);
  }
  return found;
}

export async function ensureSource(db: Knex, code: string, kind: string): Promise<void> {
  await db('markets_sources').insert({ code, kind }).onConflict('code').ignore();
}
