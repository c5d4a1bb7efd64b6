// The markets settings, read from the environment at start. Real sources are off until
// CALOS_MARKETS_POLL names them; their keys and base URLs (a proxy, or a local stub in tests) are here too.
import { z } from 'zod';
import { adapterIds } from './server/sources/registry';

const seconds = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const url = z.url({ protocol: /^https?$/ }).optional();

/** One polled pair: `source:SYMBOL[@EXCHANGE][=PROVIDER_SYMBOL]` (`binance:BTC-USD=BTCUSDT`, `finnhub:AAPL@NASDAQ`). */
export interface PollEntry {
  source: string;
  symbol: string;
  exchange: 'NYSE' | 'NASDAQ' | null;
  providerSymbol: string;
}

const ENTRY = /^([a-z0-9_-]+):([A-Za-z0-9._/-]{1,32})(?:@(NYSE|NASDAQ))?(?:=([^\s;,]{1,64}))?$/;

export function parsePollList(text: string): PollEntry[] {
  return text
    .split(/[;,\s]+/)
    .filter(Boolean)
    .map((entry) => {
      const m = ENTRY.exec(entry);
      if (!m) throw new Error(`"${entry}" is not source:SYMBOL[@EXCHANGE][=PROVIDER_SYMBOL]`);
      const [, source, symbol, exchange, provider] = m as unknown as [string, string, string, string | undefined, string | undefined];
      if (!adapterIds.includes(source)) throw new Error(`"${source}" is not a source (${adapterIds.join(', ')})`);
      return { source, symbol: symbol.toUpperCase(), exchange: (exchange as PollEntry['exchange']) ?? null, providerSymbol: provider ?? symbol };
    });
}

export const marketsSettings = z
  .object({
    CALOS_MARKETS_POLL: z.string().default('').describe('Polled pairs, `source:SYMBOL[@EXCHANGE][=PROVIDER_SYMBOL]`, separated by `;`. Empty: no real source is polled.'),
    CALOS_MARKETS_FIXTURE: z.enum(['true', 'false']).default('false').describe('Poll the deterministic fixture source (FIX-BTC, FIX-AAPL) for demos.'),
    CALOS_MARKETS_POLL_SECONDS: seconds(1, 86_400, 60),
    CALOS_MARKETS_MAX_BACKOFF_SECONDS: seconds(1, 86_400, 3_600),
    CALOS_MARKETS_STALE_SECONDS: seconds(1, 86_400 * 7, 300),
    CALOS_MARKETS_MAX_SPREAD: z.coerce.number().min(0).max(1).default(0.01).describe('How far (a fraction of the median) a source may stray before it is flagged.'),
    CALOS_MARKETS_PRICE_EVENT_SECONDS: seconds(0, 86_400, 10),
    CALOS_MARKETS_HTTP_TIMEOUT_MS: seconds(100, 120_000, 10_000),
    CALOS_MARKETS_BINANCE_URL: url,
    CALOS_MARKETS_COINBASE_URL: url,
    CALOS_MARKETS_KRAKEN_URL: url,
    CALOS_MARKETS_FINNHUB_URL: url,
    CALOS_MARKETS_FINNHUB_TOKEN: z.string().min(1).optional(),
    CALOS_MARKETS_POLYGON_URL: url,
    CALOS_MARKETS_POLYGON_KEY: z.string().min(1).optional(),
  })
  .superRefine((s, ctx) => {
    try {
      const entries = parsePollList(s.CALOS_MARKETS_POLL);
      for (const e of entries) {
        if (e.source === 'finnhub' && !s.CALOS_MARKETS_FINNHUB_TOKEN) ctx.addIssue({ code: 'custom', path: ['CALOS_MARKETS_FINNHUB_TOKEN'], message: 'is needed to poll finnhub' });
        if (e.source === 'polygon' && !s.CALOS_MARKETS_POLYGON_KEY) ctx.addIssue({ code: 'custom', path: ['CALOS_MARKETS_POLYGON_KEY'], message: 'is needed to poll polygon' });
      }
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['CALOS_MARKETS_POLL'], message: (err as Error).message });
    }
  })
  .transform((s) => ({
    poll: [
      ...parsePollList(s.CALOS_MARKETS_POLL),
      ...(s.CALOS_MARKETS_FIXTURE === 'true'
        ? [
            { source: 'fixture', symbol: 'FIX-BTC', exchange: null, providerSymbol: 'FIX-BTC' },
            { source: 'fixture', symbol: 'FIX-AAPL', exchange: 'NYSE' as const, providerSymbol: 'FIX-AAPL' },
          ]
        : []),
    ] as PollEntry[],
    pollSeconds: s.CALOS_MARKETS_POLL_SECONDS,
    maxBackoffSeconds: s.CALOS_MARKETS_MAX_BACKOFF_SECONDS,
    staleSeconds: s.CALOS_MARKETS_STALE_SECONDS,
    maxSpread: s.CALOS_MARKETS_MAX_SPREAD,
    priceEventSeconds: s.CALOS_MARKETS_PRICE_EVENT_SECONDS,
    timeoutMs: s.CALOS_MARKETS_HTTP_TIMEOUT_MS,
    urls: {
      binance: s.CALOS_MARKETS_BINANCE_URL,
      coinbase: s.CALOS_MARKETS_COINBASE_URL,
      kraken: s.CALOS_MARKETS_KRAKEN_URL,
      finnhub: s.CALOS_MARKETS_FINNHUB_URL,
      polygon: s.CALOS_MARKETS_POLYGON_URL,
    } as Record<string, string | undefined>,
    keys: { finnhub: s.CALOS_MARKETS_FINNHUB_TOKEN, polygon: s.CALOS_MARKETS_POLYGON_KEY } as Record<string, string | undefined>,
  }));

export type MarketsSettings = z.output<typeof marketsSettings>;
