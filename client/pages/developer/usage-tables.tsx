// The Usage tab's tables: requests, errors and latency by API route and by API key.
import { Group, Progress, Table, Text } from '@mantine/core';
import type { Usage } from '../../../shared/schemas/usage';
import { ModeBadge } from './mode-badge';
import { formatCount, formatMs } from './usage-stat';

type Counts = Usage['totals'];

function CountCells({ counts }: { counts: Counts }) {
  return (
    <>
      <Table.Td ta="right">{formatCount(counts.requests)}</Table.Td>
      <Table.Td ta="right" c={counts.errors ? 'red' : undefined}>
        {formatCount(counts.errors)}
      </Table.Td>
      <Table.Td ta="right">{formatMs(counts.p50Ms)}</Table.Td>
      <Table.Td ta="right">{formatMs(counts.p95Ms)}</Table.Td>
      <Table.Td ta="right">{formatMs(counts.p99Ms)}</Table.Td>
    </>
  );
}

const countHeaders = ['Requests', 'Errors', 'p50', 'p95', 'p99'].map((h) => (
  <Table.Th key={h} ta="right">
    {h}
  </Table.Th>
));

function Empty() {
  return (
    <Text size="sm" c="dimmed">
      No requests in this period.
    </Text>
  );
}

export function UsageByRouteTable({ routes, total }: { routes: Usage['routes']; total: number }) {
  if (!routes.length) return <Empty />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" style={{ whiteSpace: 'nowrap' }} aria-label="Usage by route">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Route</Table.Th>
            <Table.Th w={140}>Share</Table.Th>
            {countHeaders}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {routes.map((route) => (
            <Table.Tr key={route.route}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {route.route}
                </Text>
              </Table.Td>
              <Table.Td>
                <Progress value={total ? (route.requests / total) * 100 : 0} size="sm" aria-label={`Share of ${route.route}`} />
              </Table.Td>
              <CountCells counts={route} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function UsageByKeyTable({ keys }: { keys: Usage['keys'] }) {
  if (!keys.length) return <Empty />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" style={{ whiteSpace: 'nowrap' }} aria-label="Usage by key">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Key</Table.Th>
            {countHeaders}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.keyId}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {key.name}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {key.display}
                  </Text>
                  <ModeBadge mode={key.mode} />
                </Group>
              </Table.Td>
              <CountCells counts={key} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
