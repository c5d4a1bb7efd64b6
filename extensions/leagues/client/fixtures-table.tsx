// A league's fixtures by round: who plays whom, the state of each match, and "Report result" for the
// signed-in player's own open matches (or any open match for an administrator).
import { Badge, Button, Table, Text } from '@mantine/core';
import type { z } from 'zod';
import type { fixtureOutput } from '../schemas';

export type Fixture = z.output<typeof fixtureOutput>;

const resultText = (f: Fixture, nameOf: (id: string | null) => string) =>
  f.result === 'draw' ? 'Draw' : f.result === 'a' ? `${nameOf(f.playerA)} won` : f.result === 'b' ? `${nameOf(f.playerB)} won` : '—';

interface FixturesTableProps {
  fixtures: Fixture[];
  nameOf: (id: string | null) => string;
  canReport: (f: Fixture) => boolean;
  onReport: (f: Fixture) => void;
}

export function FixturesTable({ fixtures, nameOf, canReport, onReport }: FixturesTableProps) {
  if (fixtures.length === 0) return <Text c="dimmed">No matches yet: fixtures are made when the league starts.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Fixtures" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Round</Table.Th>
            <Table.Th>Player A</Table.Th>
            <Table.Th>Player B</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fixtures.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>{f.round ?? '—'}</Table.Td>
              <Table.Td>{nameOf(f.playerA)}</Table.Td>
              <Table.Td>{f.playerB ? nameOf(f.playerB) : <Text c="dimmed">bye</Text>}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={f.status === 'completed' ? 'gray' : f.status === 'pending' ? 'yellow' : f.status === 'bye' ? 'gray' : 'blue'}>
                  {f.status === 'pending' ? 'awaiting confirmation' : f.status}
                </Badge>
              </Table.Td>
              <Table.Td>{resultText(f, nameOf)}</Table.Td>
              <Table.Td>
                {canReport(f) && (
                  <Button size="xs" variant="light" onClick={() => onReport(f)}>
                    Report result
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
