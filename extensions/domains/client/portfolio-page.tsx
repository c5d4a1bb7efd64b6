// /domains: your names with their registry data (RDAP), adding one, and everyone's newest names.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { describeProblem, QueryState, trpc } from '../../../client/extension-api';
import type { DomainOut } from '../schemas';
import { RdapBadge } from './rdap-badge';

export default function PortfolioPage() {
  const mine = trpc.domains.list.useQuery({ mine: true, limit: 100 });
  const all = trpc.domains.list.useQuery({ limit: 20 });
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Domain portfolio</Title>
        <Text c="dimmed">Your domain names with their registry data, votes and ratings.</Text>
        <Group mt="xs">
          <Button component={Link} to="/domains/compare" variant="light">Which name is better?</Button>
          <Button component={Link} to="/domains/leaderboard" variant="light">Leaderboard of names</Button>
        </Group>
      </div>
      <AddDomainCard />
      <Card component="section" aria-label="Your domains">
        <Title order={2} size="h3" mb="sm">Your domains</Title>
        <QueryState query={mine} />
        {mine.data && (mine.data.items.length ? <DomainTable items={mine.data.items} /> : <Text c="dimmed" size="sm">No domains yet: add one above.</Text>)}
      </Card>
      <Card component="section" aria-label="Newest names">
        <Title order={2} size="h3" mb="sm">Newest names</Title>
        <QueryState query={all} />
        {all.data && <DomainTable items={all.data.items} showOwner />}
      </Card>
    </Stack>
  );
}

function DomainTable({ items, showOwner = false }: { items: DomainOut[]; showOwner?: boolean }) {
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            {showOwner && <Table.Th>Owner</Table.Th>}
            <Table.Th>Status</Table.Th>
            <Table.Th>Registry</Table.Th>
            <Table.Th>Elo</Table.Th>
            <Table.Th>Votes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component={Link} to={`/domains/names/${d.id}`}>{d.name}</Anchor>
                {d.tags.map((t) => <Badge key={t} size="xs" variant="outline" ml={4}>{t}</Badge>)}
              </Table.Td>
              {showOwner && <Table.Td>{d.ownerName ?? '—'}</Table.Td>}
              <Table.Td>{d.status.replace('_', ' ')}</Table.Td>
              <Table.Td><RdapBadge rdap={d.rdap} /></Table.Td>
              <Table.Td>{Math.round(d.elo)}</Table.Td>
              <Table.Td>+{d.votesUp} / −{d.votesDown}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AddDomainCard() {
  const utils = trpc.useUtils();
  const create = trpc.domains.create.useMutation();
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [notes, setNotes] = useState('');
  const [status, setStatus] = useState<string | null>('active');
  const submit = async () => {
    try {
      await create.mutateAsync({
        name,
        notes: notes || undefined,
        tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
        status: (status ?? 'active') as 'active',
      });
      setName('');
      setTags('');
      setNotes('');
      await utils.domains.list.invalidate();
    } catch {
      // shown below
    }
  };
  return (
    <Card component="section" aria-label="Add a domain">
      <Title order={2} size="h3" mb="sm">Add a domain</Title>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput label="Domain name" placeholder="bücher.de" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={300} />
          <TextInput label="Tags (comma separated)" value={tags} onChange={(e) => setTags(e.currentTarget.value)} />
          <Select label="Status" data={[{ value: 'active', label: 'active' }, { value: 'parked', label: 'parked' }, { value: 'for_sale', label: 'for sale' }, { value: 'archived', label: 'archived' }]} value={status} onChange={setStatus} allowDeselect={false} />
        </Group>
        <Textarea label="Notes (only you see them)" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} maxLength={2000} autosize minRows={1} />
        {create.error && <Alert color="red">{describeProblem(create.error).message}</Alert>}
        <Button onClick={submit} loading={create.isPending} disabled={!name.trim()} style={{ alignSelf: 'flex-start' }}>Add domain</Button>
      </Stack>
    </Card>
  );
}
