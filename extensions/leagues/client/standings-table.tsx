// A league's standings: rank, player, games, W/D/L, points, rating and the tie-break values.
import { Link } from 'react-router';
import { Anchor, Table, Text, Tooltip } from '@mantine/core';
import { QueryState, trpc } from '../../../client/extension-api';
import type { LeagueFormat } from '../schemas';
import { playerPath } from './league-labels';

export function StandingsTable({ leagueId, format }: { leagueId: string; format: LeagueFormat }) {
  const standings = trpc.leagues.standings.useQuery({ leagueId });
  if (!standings.data) return <QueryState query={standings} label="Loading standings" />;
  if (standings.data.items.length === 0) return <Text c="dimmed">Nobody has joined yet.</Text>;
  const second = format === 'round_robin' ? 'SB' : format === 'swiss' ? 'Buchholz' : null;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label="Standings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Player</Table.Th>
            <Table.Th ta="right">Played</Table.Th>
            <Table.Th ta="right">W</Table.Th>
            <Table.Th ta="right">D</Table.Th>
            <Table.Th ta="right">L</Table.Th>
            <Table.Th ta="right">Points</Table.Th>
            <Table.Th ta="right">
              <Tooltip label="Points in games among the players tied on points">
                <span>H2H</span>
              </Tooltip>
            </Table.Th>
            {second && <Table.Th ta="right">{second}</Table.Th>}
            <Table.Th ta="right">Elo</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {standings.data.items.map((r) => (
            <Table.Tr key={r.userId}>
              <Table.Td>{r.rank}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={playerPath(r.userId)}>
                  {r.username}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">{r.played}</Table.Td>
              <Table.Td ta="right">{r.won}</Table.Td>
              <Table.Td ta="right">{r.drawn}</Table.Td>
              <Table.Td ta="right">{r.lost}</Table.Td>
              <Table.Td ta="right" fw={700}>
                {r.points}
              </Table.Td>
              <Table.Td ta="right">{r.tieBreaks.headToHead}</Table.Td>
              {second && <Table.Td ta="right">{format === 'round_robin' ? r.tieBreaks.sonnebornBerger : r.tieBreaks.buchholz}</Table.Td>}
              <Table.Td ta="right">{r.rating}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
