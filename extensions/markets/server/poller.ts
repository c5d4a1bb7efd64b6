// Polling the configured sources: a job every minute (pg-boss runs one at a time across instances)
// claims each source whose next poll is due with a conditional UPDATE, so two instances never poll
// the same source twice, fetches every symbol configured for it, and ingests the trades. A failure
// backs off exponentially (poll interval × 2^failures, capped) and is kept as the source's last error.
import type { Kernel } from '../../../server/extensions/api';
import { marketsSettings, type MarketsSettings, type PollEntry } from '../settings';
import { adapters } from './sources/registry';
import { ensureSource, ensureSymbol } from './symbols';
import { ingest } from './ingest';

/**
 * The job runs on a one-minute cron, a little after each minute; a source due within this much is
 * polled now rather than a whole minute late (so a 60 s interval polls every minute, not every two).
 */
const DUE_EARLY_MS = 10_000;

export function backoffSeconds(settings: MarketsSettings, failures: number): number {
  return Math.min(settings.pollSeconds * 2 ** Math.min(failures, 20), settings.maxBackoffSeconds);
}

export async function pollDue(kernel: Kernel, now = Date.now()): Promise<{ polled: string[]; failed: string[] }> {
  const settings = kernel.settings(marketsSettings);
  const bySource = new Map<string, PollEntry[]>();
  for (const e of settings.poll) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
  const polled: string[] = [];
  const failed: string[] = [];
  for (const [source, entries] of bySource) {
    await ensureSource(kernel.db, source, source);
    const claimed = (await kernel.db('markets_sources')
      .where({ code: source })
      .andWhere((q) => q.whereNull('next_poll_at').orWhere('next_poll_at', '<=', new Date(now + DUE_EARLY_MS)))
      .update({ last_attempt_at: new Date(now), next_poll_at: new Date(now + settings.pollSeconds * 1000), kind: source })
      .returning('failures')) as Array<{ failures: number }>;
    if (!claimed.length) continue;
    try {
      await pollSource(kernel, settings, source, entries, now);
      polled.push(source);
    } catch (err) {
      failed.push(source);
      const failures = claimed[0]!.failures + 1;
      const message = err instanceof Error ? err.message : String(err);
      await kernel.db('markets_sources')
        .where({ code: source })
        .update({ failures, last_error: message.slice(0, 500), next_poll_at: new Date(now + backoffSeconds(settings, failures) * 1000) });
      kernel.log.warn({ source, failures, err: message }, 'market source poll failed');
    }
  }
  return { polled, failed };
}

async function pollSource(kernel: Kernel, settings: MarketsSettings, source: string, entries: PollEntry[], now: number) {
  const adapter = adapters.get(source)!;
  const ctx = { baseUrl: settings.urls[source] ?? adapter.defaultUrl, key: settings.keys[source], timeoutMs: settings.timeoutMs, now };
  for (const entry of entries) {
    const exchange = adapter.assetClass === 'stock' ? (entry.exchange ?? 'NYSE') : entry.exchange;
    const result = await adapter.poll(ctx, entry.providerSymbol);
    if (result.trades.length) {
      await ingest(kernel, settings, { symbol: entry.symbol, source, exchange, trades: result.trades }, source);
    } else {
      const symbol = await ensureSymbol(kernel.db, entry.symbol, exchange);
      if (result.quote) {
        await kernel.db.raw(
          `INSERT INTO markets_quotes (symbol_id, source, price, ts) VALUES (?, ?, ?, ?)
           ON CONFLICT (symbol_id, source) DO UPDATE SET price = excluded.price, ts = excluded.ts WHERE excluded.ts >= markets_quotes.ts`,
          [symbol.id, source, result.quote.price, result.quote.ts],
        );
      }
    }
  }
  await kernel.db('markets_sources').where({ code: source }).update({ last_success_at: new Date(now), failures: 0, last_error: null });
}
