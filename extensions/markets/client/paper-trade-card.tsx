// Paper trades: buy or sell at the consensus price. The action runs on the `nyse` schedule, so
// outside the New York session the server refuses it and the card says when the market opens.
import { useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { describeProblem, formatDateTime, QueryState, trpc } from '../../../client/extension-api';

export function PaperTradeCard({ symbol }: { symbol: string | null }) {
  const utils = trpc.useUtils();
  const trades = trpc.markets.paperTrades.useQuery({ limit: 10 });
  const place = trpc.markets.paperTrade.useMutation({ onSuccess: () => utils.markets.paperTrades.invalidate() });
  const [size, setSize] = useState<number | string>(1);
  const problem = place.error ? describeProblem(place.error) : null;
  const opensAt = problem?.code === 'SCHEDULE_CLOSED' && typeof problem.details.nextAvailableAt === 'string' ? new Date(problem.details.nextAvailableAt) : null;
  const submit = (side: 'buy' | 'sell') => symbol && place.mutate({ symbol, side, size: String(size) });

  return (
    <Card>
      <Title order={3} mb="sm">
        Paper trade
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Trades on paper at the consensus price, during the NYSE session only (09:30–16:00 New York time on trading days).
        </Text>
        <Group align="flex-end">
          <NumberInput label="Size" value={size} onChange={setSize} min={0} decimalScale={8} w={140} />
          <Button color="green" onClick={() => submit('buy')} loading={place.isPending && place.variables?.side === 'buy'} disabled={!symbol}>
            Buy {symbol ?? ''}
          </Button>
          <Button color="red" variant="light" onClick={() => submit('sell')} loading={place.isPending && place.variables?.side === 'sell'} disabled={!symbol}>
            Sell
          </Button>
        </Group>
        {problem && (
          <Alert color={opensAt ? 'yellow' : 'red'} role="alert">
            {opensAt ? `The NYSE is closed now (${problem.message}). It opens ${formatDateTime(opensAt)}.` : problem.message}
          </Alert>
        )}
        {!trades.data ? (
          <QueryState query={trades} label="Loading paper trades" />
        ) : trades.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No paper trades yet.
          </Text>
        ) : (
          <Table aria-label="Paper trades" verticalSpacing={4}>
            <Table.Tbody>
              {trades.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{formatDateTime(new Date(p.createdAt))}</Table.Td>
                  <Table.Td tt="uppercase">{p.side}</Table.Td>
                  <Table.Td>
                    {p.size} {p.symbol}
                  </Table.Td>
                  <Table.Td>@ {p.price}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
