// /domains/leaderboard: names by Elo or by votes, best first, a page at a time.
import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { QueryState, trpc } from '../../../client/extension-api';

export default function LeaderboardPage() {
  const [by, setBy] = useState<'elo' | 'votes'>('elo');
  const [cursors, setCursors] = useState<string[]>([]);
  const board = trpc.domains.leaderboard.useQuery({ by, limit: 20, cursor: cursors.at(-1) });
  const switchTo = (value: string) => {
    setBy(value as 'elo' | 'votes');
    setCursors([]);
  };
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Leaderboard of names</Title>
        <Text c="dimmed">By Elo from the pairwise comparisons, or by votes (up minus down).</Text>
      </div>
      <Card component="section" aria-label="Leaderboard">
        <SegmentedControl data={[{ value: 'elo', label: 'By Elo' }, { value: 'votes', label: 'By votes' }]} value={by} onChange={switchTo} mb="sm" />
        <QueryState query={board} />
        {board.data && (
          <Table>
            <Table.Thead>
              <Table.Tr><Table.Th>#</Table.Th><Table.Th>Name</Table.Th><Table.Th>Elo</Table.Th><Table.Th>Votes</Table.Th><Table.Th>Owner</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {board.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{d.rank}</Table.Td>
                  <Table.Td><Anchor component={Link} to={`/domains/names/${d.id}`}>{d.name}</Anchor></Table.Td>
                  <Table.Td>{Math.round(d.elo)}</Table.Td>
                  <Table.Td>{d.score > 0 ? `+${d.score}` : d.score}</Table.Td>
                  <Table.Td>{d.ownerName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group mt="sm">
          {cursors.length > 0 && <Button variant="subtle" onClick={() => setCursors(cursors.slice(0, -1))}>Previous</Button>}
          {board.data?.nextCursor && <Button variant="subtle" onClick={() => setCursors([...cursors, board.data!.nextCursor!])}>Next</Button>}
        </Group>
      </Card>
    </Stack>
  );
}
