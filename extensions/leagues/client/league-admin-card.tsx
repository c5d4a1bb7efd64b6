// What an administrator does with a league on its page: add players while it takes them, start it
// now (drawing the fixtures of its format), and record any result at once (a player's report waits
// for the opponent; an operator's counts straight away, also to settle a disputed one). Later rounds of Swiss and knockout leagues
// are drawn by the server when a round is complete; a league starts by itself at its start date.
import { useState } from 'react';
import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconShieldCheck } from '@tabler/icons-react';
import type { z } from 'zod';
import { ConfirmModal, describeProblem, formatDateTime, trpc, UserPicker } from '../../../client/extension-api';
import type { leagueDetailOutput } from '../schemas';

type LeagueDetail = z.infer<typeof leagueDetailOutput>;

interface LeagueAdminCardProps {
  detail: LeagueDetail;
  onRecord: (match: { playerA: string; playerB: string }) => void;
}

export function LeagueAdminCard({ detail, onRecord }: LeagueAdminCardProps) {
  const { league, participants, fixtures } = detail;
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState(false);
  const [playerA, setPlayerA] = useState<string | null>(null);
  const [playerB, setPlayerB] = useState<string | null>(null);
  const [newPlayer, setNewPlayer] = useState<string | null>(null);
  const add = trpc.leagues.register.useMutation({
    onSuccess: (participant) => {
      setNewPlayer(null);
      notifications.show({ color: 'green', message: `${participant.username} is in the league.` });
      void utils.leagues.invalidate();
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not add the player', message: describeProblem(err).message }),
  });
  const start = trpc.leagues.start.useMutation({
    onSuccess: (out) => {
      setConfirming(false);
      notifications.show({
        color: 'green',
        message: out.fixtures.length ? `League started: ${out.fixtures.length} fixtures drawn.` : 'League started.',
      });
      void utils.leagues.invalidate();
    },
    onError: (err) => {
      setConfirming(false);
      notifications.show({ color: 'red', title: 'Could not start the league', message: describeProblem(err).message });
    },
  });
  const awaiting = fixtures.filter((f) => f.status === 'pending').length;
  const players = participants.map((p) => ({ value: p.userId, label: p.username }));
  const closedFormat = league.format !== 'open';

  return (
    <Card component="section" aria-label="League administration" bg="var(--mantine-color-indigo-0)">
      <Stack gap="sm">
        <Group gap="xs">
          <IconShieldCheck size={20} />
          <Title order={2} size="h4">
            Administration
          </Title>
        </Group>
        {league.status === 'registration' && (
          <>
            <Text size="sm">
              Registration is open. The league starts by itself on {formatDateTime(league.startDate)}
              {closedFormat ? ', when its fixtures are drawn (it needs at least two players)' : ''}; you can start it now.
            </Text>
            <Group>
              <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => setConfirming(true)}>
                Start now
              </Button>
            </Group>
          </>
        )}
        {league.registrationOpen && (
          <Group align="flex-end" gap="sm">
            <UserPicker label="Add a player" value={newPlayer} onChange={setNewPlayer} w={260} />
            <Button variant="light" disabled={!newPlayer} loading={add.isPending} onClick={() => newPlayer && add.mutate({ leagueId: league.id, userId: newPlayer })}>
              Add to league
            </Button>
          </Group>
        )}
        {league.status === 'running' && (
          <>
            <Text size="sm">
              Results you record count at once and update the ratings
              {closedFormat ? '; only fixtures of the league can be recorded' : ''}.
              {league.format === 'swiss' || league.format === 'single_elimination' ? ' The next round is drawn when a round is complete.' : ''}
            </Text>
            {awaiting > 0 && (
              <Alert color="yellow" variant="light" p="xs">
                {awaiting} {awaiting === 1 ? 'result awaits' : 'results await'} the opponent’s confirmation: record it from the fixtures to settle it.
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ alignItems: 'end' }}>
              <Select label="Player A" placeholder="Pick a player" data={players} value={playerA} onChange={setPlayerA} searchable />
              <Select label="Player B" placeholder="Pick a player" data={players.filter((p) => p.value !== playerA)} value={playerB} onChange={setPlayerB} searchable />
              <Button variant="light" disabled={!playerA || !playerB || playerA === playerB} onClick={() => playerA && playerB && onRecord({ playerA, playerB })}>
                Record a result
              </Button>
            </SimpleGrid>
          </>
        )}
        {league.status === 'completed' && <Text size="sm">The league is over: its standings and ratings are final.</Text>}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Start the league now?"
        confirmLabel="Start league"
        loading={start.isPending}
        onConfirm={() => start.mutate({ leagueId: league.id })}
        onClose={() => setConfirming(false)}
      >
        {closedFormat
          ? `Registration closes and the fixtures of ${participants.length} players are drawn. This cannot be undone.`
          : 'The league starts now; players can still join and play at any time.'}
      </ConfirmModal>
    </Card>
  );
}
