// /markets: pick a symbol and a timeframe; the chart loads its candles and follows the live stream
// (server-sent events); beside it the consensus price, each source's health, and paper trades.
import { useEffect, useMemo, useState } from 'react';
import { Badge, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { QueryState, formatRelative, trpc } from '../../../client/extension-api';
import { CandleChart, type Bar } from './candle-chart';
import { PaperTradeCard } from './paper-trade-card';

const INTERVALS = [
  { value: '1m', label: '1m', ms: 60_000 },
  { value: '5m', label: '5m', ms: 300_000 },
  { value: '15m', label: '15m', ms: 900_000 },
  { value: '1h', label: '1h', ms: 3_600_000 },
  { value: '4h', label: '4h', ms: 14_400_000 },
  { value: '1d', label: '1D', ms: 86_400_000 },
  { value: '1w', label: '1W', ms: 604_800_000 },
] as const;
type Interval = (typeof INTERVALS)[number]['value'];

const statusColor = { ok: 'green', stale: 'yellow', failing: 'red', never: 'gray', off: 'gray' } as const;
const priceFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 8 });

/** The live stream's bars and prices for one symbol and interval (reconnects on its own). */
function useLive(symbol: string | null, interval: Interval) {
  const [bar, setBar] = useState<Bar | null>(null);
  const [price, setPrice] = useState<{ price: number | null; at: string | null } | null>(null);
  useEffect(() => {
    setBar(null);
    setPrice(null);
    if (!symbol || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/ext/markets/stream?symbol=${encodeURIComponent(symbol)}&interval=${interval}`);
    source.addEventListener('bar', (e) => setBar(JSON.parse((e as MessageEvent<string>).data) as Bar));
    source.addEventListener('price', (e) => setPrice(JSON.parse((e as MessageEvent<string>).data) as { price: number | null; at: string | null }));
    return () => source.close();
  }, [symbol, interval]);
  return { bar, price };
}

export default function MarketsPage() {
  const symbols = trpc.markets.symbols.useQuery({ limit: 100 });
  const [chosen, setChosen] = useState<string | null>(null);
  const [interval, setInterval] = useState<Interval>('1m');
  const symbol = chosen ?? symbols.data?.items[0]?.code ?? null;
  const step = INTERVALS.find((i) => i.value === interval)!.ms;
  // A window of about 300 bars ending now, fixed per symbol and interval so the query stays cached.
  const from = useMemo(() => Math.floor((Date.now() - 300 * step) / step) * step, [step, symbol]); // eslint-disable-line react-hooks/exhaustive-deps
  const candles = trpc.markets.candles.useQuery({ symbol: symbol ?? '', interval, from, limit: 1000 }, { enabled: Boolean(symbol) });
  const price = trpc.markets.price.useQuery({ symbol: symbol ?? '' }, { enabled: Boolean(symbol), refetchInterval: 15_000 });
  const sources = trpc.markets.sources.useQuery(undefined, { refetchInterval: 15_000 });
  const live = useLive(symbol, interval);
  const current = live.price?.price ?? price.data?.price ?? null;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Markets</Title>
        <Text c="dimmed">Prices from several sources, their consensus, and exact candles. Paper trades run on the NYSE calendar.</Text>
      </div>
      {!symbols.data ? (
        <QueryState query={symbols} label="Loading symbols" />
      ) : symbols.data.items.length === 0 ? (
        <Card>
          <Text c="dimmed">No symbols yet. Push trades to POST /api/ext/markets/trades, or set CALOS_MARKETS_POLL (or CALOS_MARKETS_FIXTURE=true for demo data).</Text>
        </Card>
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <Group align="flex-end">
              <Select
                label="Symbol"
                value={symbol}
                onChange={setChosen}
                allowDeselect={false}
                data={symbols.data.items.map((s) => ({ value: s.code, label: s.exchange ? `${s.code} · ${s.exchange}` : s.code }))}
                w={220}
              />
              <SegmentedControl aria-label="Timeframe" value={interval} onChange={(v) => setInterval(v as Interval)} data={INTERVALS.map(({ value, label }) => ({ value, label }))} />
            </Group>
            <div style={{ textAlign: 'right' }}>
              <Text size="xs" c="dimmed">
                Consensus price
              </Text>
              <Text fw={700} fz="xl" data-testid="consensus-price">
                {current === null ? '—' : priceFormat.format(current)}
              </Text>
              {price.data && price.data.outliers.length > 0 && (
                <Badge color="orange" variant="light">
                  Outliers: {price.data.outliers.join(', ')}
                </Badge>
              )}
            </div>
          </Group>
          <Card padding="xs">
            {!candles.data ? <QueryState query={candles} label="Loading candles" /> : <CandleChart bars={candles.data.items} live={live.bar} />}
            {candles.data && candles.data.items.length === 0 && (
              <Text size="sm" c="dimmed" ta="center">
                No trades in this window.
              </Text>
            )}
          </Card>
        </>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card>
          <Title order={3} mb="sm">
            Sources
          </Title>
          {!sources.data ? (
            <QueryState query={sources} label="Loading sources" />
          ) : (
            <Table aria-label="Sources" verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Source</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last success</Table.Th>
                  <Table.Th>{symbol ? `${symbol} price` : 'Price'}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sources.data.items.map((s) => {
                  const quote = price.data?.sources.find((q) => q.source === s.code);
                  return (
                    <Table.Tr key={s.code}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {s.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {s.kind === 'push' ? 'pushed' : s.enabled ? `polls ${s.symbols.join(', ')}` : 'not configured'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={s.lastError ?? (s.failures ? `${s.failures} failures` : s.status)} disabled={!s.lastError}>
                          <Badge color={statusColor[s.status]} variant="light">
                            {s.status}
                          </Badge>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.lastSuccessAt ? formatRelative(new Date(s.lastSuccessAt)) : '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        {quote ? (
                          <Group gap={4}>
                            <Text size="sm">{priceFormat.format(quote.price)}</Text>
                            {!quote.fresh && <Badge size="xs" color="gray">stale</Badge>}
                            {quote.outlier && <Badge size="xs" color="orange">outlier</Badge>}
                          </Group>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <PaperTradeCard symbol={symbol} />
      </SimpleGrid>
    </Stack>
  );
}
