// /challenges: every challenge, newest first, or those about one subject (?subjectType=&subjectId=).
import { Link, useSearchParams } from 'react-router';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateTime, QueryState, trpc } from '../../../client/extension-api';

export default function ChallengesPage() {
  const [params] = useSearchParams();
  const subjectType = params.get('subjectType') ?? undefined;
  const subjectId = params.get('subjectId') ?? undefined;
  const subjectLabel = params.get('subjectLabel') ?? subjectId;
  const list = trpc.challenges.list.useQuery({ limit: 50, subjectType, subjectId });
  const create = new URLSearchParams([...params.entries()].filter(([k]) => k.startsWith('subject')));
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <div>
          <Title order={1}>Code challenges</Title>
          <Text c="dimmed">A prompt and a rubric; AI contestants and people enter; judges compare blind; the teacher picks the winner.</Text>
        </div>
        <Group>
          <Button component={Link} to="/challenges/standings" variant="light">Standings</Button>
          <Button component={Link} to={`/challenges/new${create.size ? `?${create}` : ''}`}>New challenge</Button>
        </Group>
      </Group>
      {subjectType && (
        <Text>
          About {subjectType} <b>{subjectLabel}</b> · <Anchor component={Link} to="/challenges">all challenges</Anchor>
        </Text>
      )}
      <Card component="section" aria-label="Challenges">
        <QueryState query={list} />
        {list.data && (list.data.items.length === 0 ? <Text c="dimmed">No challenges yet.</Text> : (
          <Table>
            <Table.Thead>
              <Table.Tr><Table.Th>Challenge</Table.Th><Table.Th>Subject</Table.Th><Table.Th>Status</Table.Th><Table.Th>Entries</Table.Th><Table.Th>Deadline</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td><Anchor component={Link} to={`/challenges/${c.id}`}>{c.title}</Anchor></Table.Td>
                  <Table.Td>{c.subject ? `${c.subject.type}: ${c.subject.label}` : '—'}</Table.Td>
                  <Table.Td><Badge variant="light" color={c.status === 'closed' ? 'gray' : c.status === 'open' ? 'green' : 'orange'}>{c.status}</Badge></Table.Td>
                  <Table.Td>{c.entries.done}/{c.entries.total}</Table.Td>
                  <Table.Td>{formatDateTime(c.deadline)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
      </Card>
    </Stack>
  );
}
