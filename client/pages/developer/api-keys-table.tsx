// The table of an application's API keys, with Revoke behind a confirmation; revoked keys stay listed, dimmed.
import { useState } from 'react';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan } from '@tabler/icons-react';
import type { ApiKey } from '../../../shared/schemas/developer';
import { ConfirmModal } from '../../components/confirm-modal';
import { describeProblem } from '../../components/errors';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { trpc } from '../../trpc';
import { ModeBadge } from './mode-badge';

function When({ at, never = '—' }: { at: Date | null; never?: string }) {
  if (!at) return <Text size="sm" c="dimmed">{never}</Text>;
  return (
    <Text size="sm" title={formatDateTime(at)}>
      {formatRelative(at)}
    </Text>
  );
}

export function ApiKeysTable({ applicationId, keys }: { applicationId: string; keys: ApiKey[] }) {
  const utils = trpc.useUtils();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = trpc.developer.revokeKey.useMutation({
    onSuccess: async () => {
      notifications.show({ color: 'teal', title: 'Key revoked', message: `“${revoking?.name ?? 'The key'}” no longer works.` });
      setRevoking(null);
      await utils.developer.keys.invalidate({ applicationId });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Could not revoke the key', message: describeProblem(error).message }),
  });

  if (!keys.length) {
    return (
      <Text size="sm" c="dimmed">
        No keys yet. Create one to call the API from your server.
      </Text>
    );
  }

  return (
    <>
      <Table.ScrollContainer minWidth={980}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="API keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Mode</Table.Th>
              <Table.Th>Scopes</Table.Th>
              <Table.Th>Rate limit</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((key) => (
              <Table.Tr key={key.id} style={key.revokedAt ? { opacity: 0.6 } : undefined}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {key.name}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" ff="monospace">
                    {key.display}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ModeBadge mode={key.mode} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} maw={260}>
                    {key.scopes.map((scope) => (
                      <Badge miw="max-content" key={scope} size="sm" color="gray" tt="none">
                        {scope}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{key.rateLimitPerMinute.toLocaleString()} / min</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <When at={key.createdAt} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <When at={key.lastUsedAt} never="Never" />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {key.revokedAt ? (
                    <Badge miw="max-content" color="red" title={formatDateTime(key.revokedAt)}>
                      Revoked {formatRelative(key.revokedAt)}
                    </Badge>
                  ) : (
                    <Badge miw="max-content" color="teal">Active</Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {!key.revokedAt && (
                    <Group justify="flex-end">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        leftSection={<IconBan size={14} />}
                        onClick={() => setRevoking(key)}
                        aria-label={`Revoke ${key.name}`}
                      >
                        Revoke
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke this key?"
        confirmLabel="Revoke key"
        loading={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ applicationId, keyId: revoking.id })}
        onClose={() => setRevoking(null)}
      >
        {`“${revoking?.name ?? ''}” (${revoking?.display ?? ''}) stops working at once, on every server that uses it. This cannot be undone.`}
      </ConfirmModal>
    </>
  );
}
