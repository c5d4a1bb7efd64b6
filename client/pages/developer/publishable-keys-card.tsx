// Publishable keys (`calos_pk_…`) of an application, below its API keys: public keys for web pages
// (an embedded widget), each working only from the origins listed on it. Create, copy, revoke.
import { useState } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Mode } from '../../../shared/schemas/developer';
import { trpc } from '../../trpc';
import { describeProblem } from '../../components/errors';
import { QueryState } from './query-state';
import { SectionCard } from './section-card';

export function PublishableKeysCard({ applicationId, mode }: { applicationId: string; mode: Mode }) {
  const utils = trpc.useUtils();
  const keys = trpc.developer.publishableKeys.useQuery({ applicationId, limit: 100 });
  const revoke = trpc.developer.revokePublishableKey.useMutation({ onSuccess: () => utils.developer.publishableKeys.invalidate({ applicationId }) });
  const [creating, setCreating] = useState(false);
  const shown = keys.data?.items.filter((k) => k.mode === mode);
  return (
    <SectionCard
      title={mode === 'test' ? 'Test publishable keys' : 'Publishable keys'}
      description={
        <>
          For web pages: a publishable key is public, holds no scopes, and works only on the routes that take one (the swiper widget's draw and swipe) and
          only from the origins you list (scheme, host and port exactly).
        </>
      }
      action={
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          Create publishable key
        </Button>
      }
    >
      {!shown ? (
        <QueryState query={keys} />
      ) : shown.length === 0 ? (
        <Text c="dimmed" size="sm">No publishable keys yet.</Text>
      ) : (
        <Table aria-label="Publishable keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Allowed origins</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Code>{k.key}</Code>
                    <CopyButton value={k.key}>{({ copied, copy }) => <Button size="compact-xs" variant="subtle" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
                  </Group>
                </Table.Td>
                <Table.Td>{k.allowedOrigins.join(', ')}</Table.Td>
                <Table.Td>
                  {k.revokedAt ? (
                    <Badge color="gray">revoked</Badge>
                  ) : (
                    <Button size="compact-sm" color="red" variant="subtle" loading={revoke.isPending && revoke.variables?.keyId === k.id} onClick={() => revoke.mutate({ applicationId, keyId: k.id })}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CreatePublishableKeyModal applicationId={applicationId} mode={mode} opened={creating} onClose={() => setCreating(false)} />
    </SectionCard>
  );
}

function CreatePublishableKeyModal({ applicationId, mode, opened, onClose }: { applicationId: string; mode: Mode; opened: boolean; onClose: () => void }) {
  const utils = trpc.useUtils();
  const create = trpc.developer.createPublishableKey.useMutation({ onSuccess: () => utils.developer.publishableKeys.invalidate({ applicationId }) });
  const [name, setName] = useState('Website widget');
  const [origins, setOrigins] = useState('');
  const [keyMode, setKeyMode] = useState<Mode>(mode);
  const submit = async () => {
    const allowedOrigins = origins.split(/[\s,]+/).filter(Boolean);
    try {
      await create.mutateAsync({ applicationId, name, mode: keyMode, allowedOrigins });
      setOrigins('');
      onClose();
    } catch {
      // shown below
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Create a publishable key">
      <Stack>
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} required />
        <Select label="Mode" data={[{ value: 'live', label: 'Live' }, { value: 'test', label: 'Test (sandbox)' }]} value={keyMode} onChange={(v) => v && setKeyMode(v as Mode)} allowDeselect={false} />
        <Textarea
          label="Allowed origins"
          description="One per line, as the browser sends them: https://shop.example or http://localhost:5173 (no path, no trailing slash)."
          value={origins}
          onChange={(e) => setOrigins(e.currentTarget.value)}
          autosize
          minRows={2}
          required
        />
        {create.error && <Alert color="red">{describeProblem(create.error).message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={submit} loading={create.isPending}>Create</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
