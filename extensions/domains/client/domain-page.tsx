// /domains/names/:domainId: a name with its registry data, votes (up or down, once), its Elo and
// history, feedback (give it on others' names; read it on yours) and links to start a challenge.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { describeProblem, formatDate, formatDateTime, QueryState, trpc, useDocumentTitle, useSignedIn } from '../../../client/extension-api';
import type { DomainOut } from '../schemas';
import { RdapBadge } from './rdap-badge';
import { ChallengeLinks } from './challenge-links';

export default function DomainPage() {
  const { domainId = '' } = useParams();
  const session = useSignedIn();
  const domain = trpc.domains.get.useQuery({ domainId });
  useDocumentTitle(domain.data?.name ?? 'Domain');
  const d = domain.data;
  const mine = Boolean(d && session?.user.id === d.ownerId);
  return (
    <Stack gap="lg">
      <QueryState query={domain} />
      {d && (
        <>
          <div>
            <Title order={1}>{d.name}</Title>
            <Group gap="xs" mt={4}>
              {d.name !== d.asciiName && <Text c="dimmed" size="sm">{d.asciiName}</Text>}
              <Text c="dimmed" size="sm">owned by {d.ownerName ?? 'someone'}</Text>
              <Badge variant="light">{d.status.replace('_', ' ')}</Badge>
              {d.tags.map((t) => <Badge key={t} variant="outline">{t}</Badge>)}
            </Group>
          </div>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <VoteCard domain={d} mine={mine} />
            <RegistryCard domain={d} />
          </SimpleGrid>
          <Card component="section" aria-label="Challenges">
            <ChallengeLinks domain={d} />
          </Card>
          {d.notes !== null && d.notes !== '' && (
            <Card component="section" aria-label="Notes"><Title order={2} size="h3">Notes</Title><Text style={{ whiteSpace: 'pre-wrap' }}>{d.notes}</Text></Card>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {mine ? <FeedbackList domainId={d.id} /> : <FeedbackForm domainId={d.id} />}
            <EloHistory domainId={d.id} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function VoteCard({ domain, mine }: { domain: DomainOut; mine: boolean }) {
  const utils = trpc.useUtils();
  const vote = trpc.domains.vote.useMutation({ onSuccess: (r) => utils.domains.get.setData({ domainId: domain.id }, r.domain) });
  return (
    <Card component="section" aria-label="Votes">
      <Title order={2} size="h3">Votes and rating</Title>
      <Text mt="xs" aria-label="Vote count">+{domain.votesUp} / −{domain.votesDown}</Text>
      <Text>Elo {Math.round(domain.elo)} after {domain.comparisons} comparisons</Text>
      {!mine && (
        <Group mt="sm">
          <Button onClick={() => vote.mutate({ domainId: domain.id, direction: 'up' })} disabled={domain.myVote !== null} loading={vote.isPending}>Vote up</Button>
          <Button variant="light" color="red" onClick={() => vote.mutate({ domainId: domain.id, direction: 'down' })} disabled={domain.myVote !== null}>Vote down</Button>
        </Group>
      )}
      {domain.myVote && <Text size="sm" c="dimmed" mt="xs">You voted {domain.myVote}.</Text>}
      {vote.data && !vote.data.replayed && <Text size="sm" c="green" mt="xs">+{vote.data.xpAwarded} Voting XP</Text>}
      {vote.error && <Alert color="red" mt="xs">{describeProblem(vote.error).message}</Alert>}
    </Card>
  );
}

function RegistryCard({ domain }: { domain: DomainOut }) {
  const r = domain.rdap;
  const date = (at: Date | null) => (at ? formatDate(new Date(at)) : '—');
  return (
    <Card component="section" aria-label="Registry">
      <Group justify="space-between"><Title order={2} size="h3">Registry (RDAP)</Title><RdapBadge rdap={r} /></Group>
      {r.state === 'off' && <Text size="sm" c="dimmed" mt="xs">No RDAP server is configured: nothing is looked up.</Text>}
      {r.error && <Text size="sm" c="red" mt="xs">{r.error}</Text>}
      {(r.state === 'registered' || r.registrar) && (
        <Stack gap={2} mt="xs">
          <Text size="sm">Registrar: {r.registrar ?? '—'}</Text>
          <Text size="sm">Registered {date(r.registeredAt)} · expires {date(r.expiresAt)} · changed {date(r.lastChangedAt)}</Text>
          {r.statuses.length > 0 && <Text size="sm">Status: {r.statuses.join(', ')}</Text>}
          {r.nameservers.length > 0 && <Text size="sm">Name servers: {r.nameservers.join(', ')}</Text>}
        </Stack>
      )}
      {r.checkedAt && <Text size="xs" c="dimmed" mt="xs">Checked {formatDateTime(new Date(r.checkedAt))}</Text>}
    </Card>
  );
}

function FeedbackForm({ domainId }: { domainId: string }) {
  const submit = trpc.domains.submitFeedback.useMutation();
  const [body, setBody] = useState('');
  return (
    <Card component="section" aria-label="Give feedback">
      <Title order={2} size="h3" mb="xs">Feedback for the owner</Title>
      <Textarea label="Your feedback" value={body} onChange={(e) => setBody(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
      {submit.error && <Alert color="red" mt="xs">{describeProblem(submit.error).message}</Alert>}
      {submit.data && <Text size="sm" c="green" mt="xs">Sent: +{submit.data.xpAwarded} Voting XP</Text>}
      <Button mt="xs" disabled={!body.trim()} loading={submit.isPending} onClick={() => submit.mutate({ domainId, body }, { onSuccess: () => setBody('') })}>Send feedback</Button>
    </Card>
  );
}

function FeedbackList({ domainId }: { domainId: string }) {
  const feedback = trpc.domains.feedback.useQuery({ domainId, limit: 50 });
  return (
    <Card component="section" aria-label="Feedback">
      <Title order={2} size="h3" mb="xs">Feedback on your name</Title>
      <QueryState query={feedback} />
      {feedback.data && (feedback.data.items.length === 0 ? <Text size="sm" c="dimmed">No feedback yet.</Text> : (
        <Stack gap="xs">
          {feedback.data.items.map((f) => (
            <div key={f.id}><Text size="sm">{f.body}</Text><Text size="xs" c="dimmed">{f.username ?? 'someone'} · {formatDateTime(new Date(f.createdAt))}</Text></div>
          ))}
        </Stack>
      ))}
    </Card>
  );
}

function EloHistory({ domainId }: { domainId: string }) {
  const history = trpc.domains.history.useQuery({ domainId, limit: 20 });
  return (
    <Card component="section" aria-label="Elo history">
      <Title order={2} size="h3" mb="xs">Elo history</Title>
      <QueryState query={history} />
      {history.data && (history.data.items.length === 0 ? <Text size="sm" c="dimmed">Not compared yet.</Text> : (
        <Table>
          <Table.Tbody>
            {history.data.items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{h.result === 'win' ? 'won' : 'lost'}</Table.Td>
                <Table.Td>{Math.round(h.before)} → {Math.round(h.after)}</Table.Td>
                <Table.Td>{formatDateTime(new Date(h.createdAt))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
    </Card>
  );
}
