// /leagues: the live leagues, newest first, with their game, format, status and places left, a
// status filter, and "New league" for administrators.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { formatDate, QueryState, trpc, useSignedIn } from '../../../client/extension-api';
import { CreateLeagueModal } from './create-league-modal';
import { formatLabels, leaguePath, statusColors, statusLabels } from './league-labels';

type StatusFilter = 'all' | keyof typeof statusLabels;

export default function LeaguesPage() {
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [creating, setCreating] = useState(false);
  const leagues = trpc.leagues.list.useQuery({ limit: 100, ...(status === 'all' ? {} : { status }) });
  const games = trpc.leagues.games.useQuery();
  const gameName = (code: string) => games.data?.items.find((g) => g.code === code)?.name ?? code;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>Leagues</Title>
          <Text c="dimmed">Chess, checkers and tic-tac-toe leagues with Elo ratings. Join one, play, and report your results.</Text>
        </div>
        {user.role === 'admin' && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New league
          </Button>
        )}
      </Group>
      <SegmentedControl
        aria-label="Status"
        value={status}
        onChange={(v) => setStatus(v as StatusFilter)}
        data={[{ value: 'all', label: 'All' }, ...Object.entries(statusLabels).map(([value, label]) => ({ value, label }))]}
        style={{ alignSelf: 'flex-start' }}
      />
      <Card>
        {!leagues.data ? (
          <QueryState query={leagues} label="Loading leagues" />
        ) : leagues.data.items.length === 0 ? (
          <Text c="dimmed">
            {status === 'all' ? 'No leagues yet. An administrator or an application with the leagues:manage scope creates them.' : `No leagues in ${statusLabels[status].toLowerCase()}.`}
          </Text>
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
      {user.role === 'admin' && (
        <CreateLeagueModal
          opened={creating}
          onClose={() => setCreating(false)}
          onCreated={(league) => {
            setCreating(false);
            void navigate(leaguePath(league.id));
          }}
        />
      )}
    </Stack>
  );
}
