// /challenges/:challengeId: the prompt and rubric; for the teacher, the generation as it streams
// (server-sent events, opened once the page has rendered), cancel / generate again / run the AI
// panel / invite judges; for judges, blind pairs and rubric scores; the results and the winner;
// for students, their entry. Entries are shown only in sandboxed frames.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { describeProblem, formatDateTime, QueryState, trpc, useDocumentTitle, UserPicker } from '../../../client/extension-api';
import { SandboxedEntry } from './sandboxed-entry';
import { PairCard, ScoreCard } from './judging-cards';
import { ResultsCard } from './results-card';

type Live = Record<string, { status: string; attempts: number; error: string | null; length: number }>;

export default function ChallengePage() {
  const { challengeId = '' } = useParams();
  const utils = trpc.useUtils();
  const challenge = trpc.challenges.get.useQuery({ challengeId });
  const c = challenge.data;
  const canJudge = Boolean(c?.viewer.judge);
  const teacher = Boolean(c?.viewer.teacher);
  const entries = trpc.challenges.entries.useQuery({ challengeId }, { enabled: Boolean(c) });
  useDocumentTitle(c?.title ?? 'Challenge');
  const [live, setLive] = useState<Live>({});
  const [streaming, setStreaming] = useState(false);
  const pending = c?.entries.pending ?? 0;
  useEffect(() => {
    // The stream opens after the page has rendered, for the teacher, only while something is generating.
    if (!teacher || pending === 0 || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/ext/challenges/challenges/${challengeId}/stream`);
    setStreaming(true);
    source.addEventListener('entry', (e) => {
      const item = JSON.parse((e as MessageEvent<string>).data) as Live[string] & { id: string };
      setLive((prev) => ({ ...prev, [item.id]: item }));
    });
    source.addEventListener('done', () => {
      source.close();
      setStreaming(false);
      void utils.challenges.invalidate();
    });
    source.onerror = () => {
      source.close();
      setStreaming(false);
    };
    return () => source.close();
  }, [teacher, pending, challengeId, utils]);

  return (
    <Stack gap="lg">
      <QueryState query={challenge} />
      {c && (
        <>
          <div>
            <Group gap="xs">
              <Title order={1}>{c.title}</Title>
              <Badge variant="light" color={c.status === 'closed' ? 'gray' : c.status === 'open' ? 'green' : 'orange'}>{c.status}</Badge>
            </Group>
            <Text c="dimmed">Deadline {formatDateTime(c.deadline)}{c.subject ? ` · about ${c.subject.type} ${c.subject.label}` : ''}</Text>
          </div>
          <Card component="section" aria-label="Prompt">
            <Text style={{ whiteSpace: 'pre-wrap' }}>{c.prompt}</Text>
            <Group gap="xs" mt="sm">
              {c.rubric.map((r) => <Badge key={r.key} variant="outline">{r.label} ×{r.weight}</Badge>)}
            </Group>
          </Card>
          {c.viewer.teacher && <TeacherCard challengeId={challengeId} live={live} streaming={streaming} />}
          {canJudge && c.status !== 'closed' && (
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <PairCard challengeId={challengeId} />
              <ScoreCard challengeId={challengeId} rubric={c.rubric} entries={(entries.data?.items ?? []).filter((e) => e.status === 'done' && e.id !== c.viewer.entryId)} />
            </SimpleGrid>
          )}
          {(canJudge || c.status === 'closed') && <ResultsCard challengeId={challengeId} teacher={c.viewer.teacher} closed={c.status === 'closed'} />}
          {!canJudge && c.status === 'open' && !c.viewer.entryId && <SubmitCard challengeId={challengeId} />}
          <Card component="section" aria-label="Entries">
            <Title order={2} size="h3" mb="sm">Entries</Title>
            <QueryState query={entries} />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {(entries.data?.items ?? []).map((e, i) => (
                <Stack key={e.id} gap={4}>
                  <Group gap="xs">
                    <Text fw={500}>{e.contestant ? (e.contestant.kind === 'model' ? e.contestant.name : e.contestant.username) : `Entry ${i + 1}`}</Text>
                    <Badge size="sm" variant="light">{live[e.id]?.status ?? e.status}</Badge>
                    {e.id === c.winnerEntryId && <Badge size="sm" color="yellow">winner</Badge>}
                    {e.duplicateOf && <Badge size="sm" color="red">near duplicate ({e.similarity?.toFixed(2)})</Badge>}
                  </Group>
                  {e.status === 'done' ? <SandboxedEntry src={e.contentUrl} title={`Entry ${i + 1}`} /> : <Text size="sm" c="dimmed">{e.error ?? 'Not generated yet.'}</Text>}
                </Stack>
              ))}
            </SimpleGrid>
          </Card>
        </>
      )}
    </Stack>
  );
}

function TeacherCard({ challengeId, live, streaming }: { challengeId: string; live: Live; streaming: boolean }) {
  const utils = trpc.useUtils();
  const done = () => void utils.challenges.invalidate();
  const cancel = trpc.challenges.cancel.useMutation({ onSuccess: done });
  const generate = trpc.challenges.generate.useMutation({ onSuccess: done });
  const panel = trpc.challenges.runPanel.useMutation({ onSuccess: done });
  const invite = trpc.challenges.inviteJudges.useMutation({ onSuccess: done });
  const [judge, setJudge] = useState<string | null>(null);
  const error = [cancel, generate, panel, invite].find((m) => m.error)?.error;
  const rows = Object.entries(live);
  return (
    <Card component="section" aria-label="Generation">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3">Generation {streaming && <Badge variant="dot">live</Badge>}</Title>
        <Group>
          <Button size="xs" variant="light" color="red" onClick={() => cancel.mutate({ challengeId })}>Cancel generation</Button>
          <Button size="xs" variant="light" onClick={() => generate.mutate({ challengeId })}>Generate failed again</Button>
          <Button size="xs" variant="light" onClick={() => panel.mutate({ challengeId })}>Run the AI panel</Button>
        </Group>
      </Group>
      {rows.length > 0 && (
        <Table>
          <Table.Tbody>
            {rows.map(([id, s]) => (
              <Table.Tr key={id}>
                <Table.Td>{id.slice(0, 8)}</Table.Td>
                <Table.Td>{s.status} (attempt {s.attempts})</Table.Td>
                <Table.Td w="40%"><Progress value={s.status === 'done' ? 100 : Math.min(95, s.length / 20)} animated={s.status === 'running'} /></Table.Td>
                <Table.Td>{s.error ?? `${s.length} characters`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" mt="sm">
        <UserPicker label="Invite a judge" value={judge} onChange={setJudge} style={{ flex: 1 }} />
        <Button disabled={!judge} onClick={() => judge && invite.mutate({ challengeId, userIds: [judge] }, { onSuccess: () => setJudge(null) })}>Invite</Button>
      </Group>
      {panel.data && <Text size="sm" c="dimmed">{panel.data.queued} AI judgments queued.</Text>}
      {error && <Alert color="red" mt="sm">{describeProblem(error).message}</Alert>}
    </Card>
  );
}

function SubmitCard({ challengeId }: { challengeId: string }) {
  const utils = trpc.useUtils();
  const submit = trpc.challenges.submit.useMutation({ onSuccess: () => void utils.challenges.invalidate() });
  const [content, setContent] = useState('');
  return (
    <Card component="section" aria-label="Your entry">
      <Title order={2} size="h3" mb="sm">Your entry</Title>
      <Textarea label="HTML (shown sandboxed)" value={content} onChange={(e) => setContent(e.currentTarget.value)} autosize minRows={6} maxLength={100_000} />
      {submit.error && <Alert color="red" mt="sm">{describeProblem(submit.error).message}</Alert>}
      <Group mt="sm"><Button disabled={!content.trim()} loading={submit.isPending} onClick={() => submit.mutate({ challengeId, content, contentType: 'text/html' })}>Submit</Button></Group>
    </Card>
  );
}
