// The source registry: every adapter the poller knows, by id. A source is polled only when
// CALOS_MARKETS_POLL names it (or CALOS_MARKETS_FIXTURE turns the fixture on).
import type { SourceAdapter } from './adapter';
import { binance } from './binance';
import { coinbase } from './coinbase';
import { kraken } from './kraken';
import { finnhub } from './finnhub';
import { polygon } from './polygon';
import { fixture } from './fixture';

export const adapters: ReadonlyMap<string, SourceAdapter> = new Map([binance, coinbase, kraken, finnhub, polygon, fixture].map((a) => [a.id, a]));
export const adapterIds = [...adapters.keys()];
