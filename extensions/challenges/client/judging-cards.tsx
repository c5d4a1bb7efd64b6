// Judging: a blind pair side by side (two sandboxed frames, A and B, no names) with "A is better",
// "Tie", "B is better"; and rubric scores (0–10 per criterion) for one entry at a time.
import { useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { describeProblem, QueryState, trpc } from '../../../client/extension-api';
import { SandboxedEntry } from './sandboxed-entry';

export function PairCard({ challengeId }: { challengeId: string }) {
  const utils = trpc.useUtils();
  const pair = trpc.challenges.pair.useQuery({ challengeId });
  const judge = trpc.challenges.judgePair.useMutation({
    onSuccess: () => {
      void utils.challenges.pair.invalidate({ challengeId });
      void utils.challenges.results.invalidate({ challengeId });
    },
  });
  const p = pair.data?.pair;
  const vote = (winner: 'a' | 'b' | 'tie') => p && judge.mutate({ challengeId, entryA: p.a.entryId, entryB: p.b.entryId, winner });
  return (
    <Card component="section" aria-label="Compare two entries">
      <Title order={2} size="h3">Compare (blind)</Title>
      <Text size="sm" c="dimmed" mb="sm">{pair.data ? `${pair.data.judged} compared, ${pair.data.remaining} pairs left.` : ''}</Text>
      <QueryState query={pair} />
      {pair.data && !p && <Text c="dimmed">Nothing left to compare.</Text>}
      {p && (
        <Stack gap="sm">
          <SimpleGrid cols={2}>
            <Stack gap={4}><Text fw={500}>A</Text><SandboxedEntry key={p.a.entryId} src={p.a.contentUrl} title="Entry A" /></Stack>
            <Stack gap={4}><Text fw={500}>B</Text><SandboxedEntry key={p.b.entryId} src={p.b.contentUrl} title="Entry B" /></Stack>
          </SimpleGrid>
          <Group grow>
            <Button onClick={() => vote('a')} loading={judge.isPending}>A is better</Button>
            <Button variant="default" onClick={() => vote('tie')} loading={judge.isPending}>Tie</Button>
            <Button onClick={() => vote('b')} loading={judge.isPending}>B is better</Button>
          </Group>
          {judge.error && <Alert color="red">{describeProblem(judge.error).message}</Alert>}
        </Stack>
      )}
    </Card>
  );
}

export function ScoreCard({ challengeId, rubric, entries }: { challengeId: string; rubric: Array<{ key: string; label: string }>; entries: Array<{ id: string }> }) {
  const utils = trpc.useUtils();
  const [entryId, setEntryId] = useState<string | null>(null);
  const [scores, setScores] = useState<Record<string, number | string>>({});
  const score = trpc.challenges.score.useMutation({ onSuccess: () => void utils.challenges.results.invalidate({ challengeId }) });
  const submit = () => entryId && score.mutate({ challengeId, entryId, scores: Object.fromEntries(rubric.map((r) => [r.key, Number(scores[r.key] ?? 5)])) });
  return (
    <Card component="section" aria-label="Rubric scores">
      <Title order={2} size="h3" mb="sm">Score against the rubric</Title>
      <Stack gap="xs">
        <Select label="Entry" placeholder="Pick an entry" data={entries.map((e, i) => ({ value: e.id, label: `Entry ${i + 1}` }))} value={entryId} onChange={(v) => (setEntryId(v), score.reset())} />
        {entryId && (
          <>
            {rubric.map((r) => (
              <NumberInput key={r.key} label={r.label} min={0} max={10} value={scores[r.key] ?? 5} onChange={(v) => setScores({ ...scores, [r.key]: v })} />
            ))}
            {score.error && <Alert color="red">{describeProblem(score.error).message}</Alert>}
            {score.isSuccess && <Text c="green">Scored.</Text>}
            <Group><Button onClick={submit} loading={score.isPending}>Save the scores</Button></Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
