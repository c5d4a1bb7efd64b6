// /challenges/standings: every entrant (model profiles and people) by Elo from blind pairwise judgments.
import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { QueryState, trpc } from '../../../client/extension-api';

export default function StandingsPage() {
  const standings = trpc.challenges.standings.useQuery({ limit: 100 });
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Challenge standings</Title>
        <Text c="dimmed">Elo from people's blind pairwise judgments, across every challenge.</Text>
      </div>
      <Card component="section" aria-label="Standings">
        <QueryState query={standings} />
        {standings.data && (standings.data.items.length === 0 ? <Text c="dimmed">No judgments yet.</Text> : (
          <Table>
            <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>Entrant</Table.Th><Table.Th>Elo</Table.Th><Table.Th>Comparisons</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {standings.data.items.map((s, i) => (
                <Table.Tr key={s.entrant}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>{s.name} <Badge variant="light" size="sm">{s.kind === 'model' ? 'AI' : 'person'}</Badge></Table.Td>
                  <Table.Td>{Math.round(s.rating)}</Table.Td>
                  <Table.Td>{s.games}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
      </Card>
    </Stack>
  );
}
