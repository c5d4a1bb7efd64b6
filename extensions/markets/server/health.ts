// Each source's health: the registry's adapters (configured or not) and every pushed source, with
// the last success, the last error, consecutive failures, the next poll and whether it is stale.
import type { Knex } from 'knex';
import type { MarketsSettings } from '../settings';
import { adapters } from './sources/registry';

export interface SourceHealth {
  code: string;
  name: string;
  kind: 'poll' | 'push';
  assetClass: 'crypto' | 'stock' | null;
  enabled: boolean;
  symbols: string[];
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  failures: number;
  nextPollAt: string | null;
  ageSeconds: number | null;
  status: 'ok' | 'stale' | 'failing' | 'never' | 'off';
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function sourceHealth(db: Knex, settings: MarketsSettings, now = Date.now()): Promise<SourceHealth[]> {
  const rows = (await db('markets_sources').select('*')) as Array<{ code: string; kind: string; last_success_at: Date | null; last_attempt_at: Date | null; last_error: string | null; failures: number; next_poll_at: Date | null }>;
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const codes = [...new Set([...adapters.keys(), ...rows.map((r) => r.code)])].sort();
  return codes.map((code) => {
    const row = byCode.get(code);
    const adapter = adapters.get(code);
    const symbols = settings.poll.filter((e) => e.source === code).map((e) => e.symbol);
    const polled = Boolean(adapter);
    const enabled = polled ? symbols.length > 0 : true;
    const age = row?.last_success_at ? Math.max(0, Math.round((now - new Date(row.last_success_at).getTime()) / 1000)) : null;
    const status: SourceHealth['status'] = !enabled
      ? 'off'
      : row?.failures
        ? 'failing'
        : age === null
          ? 'never'
          : age > settings.staleSeconds
            ? 'stale'
            : 'ok';
    return {
      code,
      name: adapter?.name ?? code,
      kind: polled ? 'poll' : 'push',
      assetClass: adapter?.assetClass ?? null,
      enabled,
      symbols,
      lastSuccessAt: iso(row?.last_success_at ?? null),
      lastAttemptAt: iso(row?.last_attempt_at ?? null),
      lastError: row?.last_error ?? null,
      failures: row?.failures ?? 0,
      nextPollAt: iso(row?.next_poll_at ?? null),
      ageSeconds: age,
      status,
    };
  });
}
