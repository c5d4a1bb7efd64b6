// /leagues/players/:userId: a player's Elo per game, with a chart of the rating over time.
import { useParams } from 'react-router';
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { LineChart } from '@mantine/charts';
import { formatDate, QueryState, trpc } from '../../../client/extension-api';

export default function PlayerPage() {
  const { userId = '' } = useParams();
  const elo = trpc.leagues.elo.useQuery({ userId });
  if (!elo.data) return <QueryState query={elo} label="Loading ratings" />;
  return (
    <Stack gap="lg">
      <Title order={1}>Ratings</Title>
      {elo.data.items.length === 0 && <Text c="dimmed">No rated games yet.</Text>}
      {elo.data.items.map((g) => (
        <Card key={g.game} component="section" aria-label={`${g.game} rating`}>
          <Group justify="space-between" mb="md">
            <Title order={2} size="h3" tt="capitalize">
              {g.game}
            </Title>
            <SimpleGrid cols={4} spacing="lg">
              {[
                ['Elo', g.rating],
                ['Peak', g.peak],
                ['Games', g.games],
                ['W/D/L', `${g.wins}/${g.draws}/${g.losses}`],
              ].map(([label, value]) => (
                <div key={label}>
                  <Text size="xs" c="dimmed">
                    {label}
                  </Text>
                  <Text fw={700}>{value}</Text>
                </div>
              ))}
            </SimpleGrid>
          </Group>
          <LineChart
            h={220}
            data={[{ at: 'start', rating: 1200 }, ...g.history.map((h) => ({ at: formatDate(h.at), rating: Math.round(h.rating * 10) / 10 }))]}
            dataKey="at"
            series={[{ name: 'rating', label: 'Elo', color: 'indigo.6' }]}
            yAxisProps={{ domain: ['dataMin - 20', 'dataMax + 20'] }}
            curveType="linear"
            withDots
          />
        </Card>
      ))}
    </Stack>
  );
}
