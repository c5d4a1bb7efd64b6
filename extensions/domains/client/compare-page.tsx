// /domains/compare: "which name is better?": two names you have not judged, pick one or skip; each
// judgment moves both names' Elo and brings the next pair.
import { Link } from 'react-router';
import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { describeProblem, QueryState, trpc } from '../../../client/extension-api';

export default function ComparePage() {
  const utils = trpc.useUtils();
  const pair = trpc.domains.pair.useQuery(undefined, { refetchOnWindowFocus: false });
  const compare = trpc.domains.compare.useMutation({ onSuccess: () => utils.domains.pair.invalidate() });
  const names = pair.data?.pair;
  const judge = (winner: 'a' | 'b' | 'skip') => names && compare.mutate({ domainA: names[0].id, domainB: names[1].id, winner });
  const last = compare.data;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Which name is better?</Title>
        <Text c="dimmed">Pick the better domain name of the two, or skip. Each judgment moves both names’ Elo rating.</Text>
      </div>
      <QueryState query={pair} />
      {pair.data && !names && (
        <Card><Text>You have compared every pair there is. <Link to="/domains/leaderboard">See the leaderboard</Link>.</Text></Card>
      )}
      {names && (
        <Card component="section" aria-label="Pair">
          <SimpleGrid cols={2}>
            {names.map((d, i) => (
              <UnstyledButton key={d.id} onClick={() => judge(i === 0 ? 'a' : 'b')} disabled={compare.isPending} aria-label={`Pick ${d.name}`}
                style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, padding: '2rem 1rem', textAlign: 'center' }}>
                <Text size="xl" fw={700}>{d.name}</Text>
                <Text size="xs" c="dimmed">{d.tags.join(' · ')}</Text>
              </UnstyledButton>
            ))}
          </SimpleGrid>
          <Group justify="center" mt="md">
            <Button variant="subtle" onClick={() => judge('skip')} disabled={compare.isPending}>Skip</Button>
          </Group>
        </Card>
      )}
      {compare.error && <Alert color="red">{describeProblem(compare.error).message}</Alert>}
      {last && last.winner !== 'skip' && (
        <Text size="sm" c="dimmed" aria-label="Last judgment">
          Recorded: the winner went {Math.round((last.winner === 'a' ? last.eloA : last.eloB).before)} → {Math.round((last.winner === 'a' ? last.eloA : last.eloB).after)}.
        </Text>
      )}
    </Stack>
  );
}
