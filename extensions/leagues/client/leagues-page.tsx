// /leagues: the live leagues, newest first, with their game, format, status and places left.
import { Link } from 'react-router';
import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate, QueryState, trpc } from '../../../client/extension-api';
import { formatLabels, leaguePath, statusColors, statusLabels } from './league-labels';

export default function LeaguesPage() {
  const leagues = trpc.leagues.list.useQuery({ limit: 100 });
  const games = trpc.leagues.games.useQuery();
  const gameName = (code: string) => games.data?.items.find((g) => g.code === code)?.name ?? code;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Leagues</Title>
        <Text c="dimmed">Chess, checkers and tic-tac-toe leagues with Elo ratings. Join one, play, and report your results.</Text>
      </div>
      <Card>
        {!leagues.data ? (
          <QueryState query={leagues} label="Loading leagues" />
        ) : leagues.data.items.length === 0 ? (
          <Text c="dimmed">No leagues yet. An administrator or an application with the leagues:manage scope creates them.</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label="Leagues">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>League</Table.Th>
                  <Table.Th>Game</Table.Th>
                  <Table.Th>Format</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Players</Table.Th>
                  <Table.Th>Starts</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {leagues.data.items.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Anchor component={Link} to={leaguePath(l.id)} fw={600}>
                        {l.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" tt="capitalize">
                        {l.tier}
                      </Text>
                    </Table.Td>
                    <Table.Td>{gameName(l.game)}</Table.Td>
                    <Table.Td>{formatLabels[l.format]}</Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Badge color={statusColors[l.status]} variant="light">
                          {statusLabels[l.status]}
                        </Badge>
                        {l.registrationOpen && (
                          <Badge color="teal" variant="dot">
                            Open to join
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {l.participantCount} / {l.maxParticipants}
                    </Table.Td>
                    <Table.Td>{formatDate(l.startDate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
