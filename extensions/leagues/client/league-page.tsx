// /leagues/:leagueId: a league's header (game, format, dates, places), Join, the administration card
// for administrators, and tabs for the standings, the fixtures (with Report result) and, for
// knockouts, the bracket.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Badge, Button, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeProblem, formatDate, QueryState, trpc, useDocumentTitle, useSignedIn } from '../../../client/extension-api';
import { BracketView } from './bracket-view';
import { FixturesTable, type Fixture } from './fixtures-table';
import { LeagueAdminCard } from './league-admin-card';
import { formatLabels, statusColors, statusLabels } from './league-labels';
import { RecordResultModal } from './record-result-modal';
import { StandingsTable } from './standings-table';

export default function LeaguePage() {
  const { leagueId = '' } = useParams();
  const { user } = useSignedIn();
  const utils = trpc.useUtils();
  const detail = trpc.leagues.get.useQuery({ leagueId });
  useDocumentTitle(detail.data?.league.name);
  const [reporting, setReporting] = useState<Fixture | { playerA: string; playerB: string } | null>(null);
  const join = trpc.leagues.register.useMutation({
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'You joined the league.' });
      void utils.leagues.invalidate();
    },
    onError: (err) => notifications.show({ color: 'red', message: describeProblem(err).message }),
  });

  if (!detail.data) return <QueryState query={detail} label="Loading league" />;
  const { league, participants, fixtures } = detail.data;
  const names = new Map(participants.map((p) => [p.userId, p.username]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? 'unknown player') : 'bye');
  const joined = names.has(user.id);
  const isAdmin = user.role === 'admin';
  const running = league.status === 'running';
  const canReport = (f: Fixture) =>
    running && Boolean(f.playerB) && (f.status === 'scheduled' || f.status === 'pending') && (isAdmin || f.playerA === user.id || f.playerB === user.id);
  const opponents = participants.filter((p) => p.userId !== user.id);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{league.name}</Title>
          <Group gap="xs" mt={4}>
            <Badge color={statusColors[league.status]} variant="light">
              {statusLabels[league.status]}
            </Badge>
            <Badge variant="outline">{league.game}</Badge>
            <Badge variant="outline">{formatLabels[league.format]}</Badge>
            <Badge variant="outline" tt="capitalize">
              {league.tier}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" mt="xs">
            {formatDate(league.startDate)} – {formatDate(league.endDate)} · {league.participantCount} / {league.maxParticipants} players · K {league.kFactor}
            {league.totalRounds ? ` · round ${league.currentRound} of ${league.totalRounds}` : ''}
          </Text>
        </div>
        <Group>
          {joined ? (
            <Badge color="teal" size="lg" variant="light">
              You are in this league
            </Badge>
          ) : (
            league.registrationOpen && (
              <Button onClick={() => join.mutate({ leagueId })} loading={join.isPending}>
                Join league
              </Button>
            )
          )}
          {league.format === 'open' && running && joined && opponents.length > 0 && (
            <Button variant="light" onClick={() => setReporting({ playerA: user.id, playerB: opponents[0]!.userId })}>
              Report a game
            </Button>
          )}
        </Group>
      </Group>

      {isAdmin && <LeagueAdminCard detail={detail.data} onRecord={setReporting} />}

      <Card>
        <Tabs defaultValue="standings">
          <Tabs.List mb="md">
            <Tabs.Tab value="standings">Standings</Tabs.Tab>
            <Tabs.Tab value="fixtures">{league.format === 'open' ? 'Games' : 'Fixtures'}</Tabs.Tab>
            {league.format === 'single_elimination' && <Tabs.Tab value="bracket">Bracket</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="standings">
            <StandingsTable leagueId={leagueId} format={league.format} />
          </Tabs.Panel>
          <Tabs.Panel value="fixtures">
            <FixturesTable fixtures={fixtures} nameOf={nameOf} canReport={canReport} onReport={setReporting} />
          </Tabs.Panel>
          {league.format === 'single_elimination' && (
            <Tabs.Panel value="bracket">
              <BracketView fixtures={fixtures} totalRounds={league.totalRounds ?? 1} nameOf={nameOf} />
            </Tabs.Panel>
          )}
        </Tabs>
      </Card>

      <RecordResultModal
        key={reporting ? `${reporting.playerA}-${reporting.playerB}` : 'none'}
        leagueId={leagueId}
        game={league.game}
        match={reporting && reporting.playerB ? { playerA: reporting.playerA, playerB: reporting.playerB } : null}
        nameOf={nameOf}
        onClose={() => setReporting(null)}
      />
    </Stack>
  );
}
