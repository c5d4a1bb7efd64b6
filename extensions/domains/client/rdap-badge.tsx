// A name's registry state (RDAP) as a badge, with its expiry when known.
import { Badge, Group, Text } from '@mantine/core';
import { formatDate } from '../../../client/extension-api';
import type { DomainOut } from '../schemas';

const colour = { off: 'gray', pending: 'blue', registered: 'green', not_registered: 'yellow', failed: 'red' } as const;
const label = { off: 'RDAP off', pending: 'looking up…', registered: 'registered', not_registered: 'not registered', failed: 'look-up failed' } as const;

export function RdapBadge({ rdap }: { rdap: DomainOut['rdap'] }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Badge variant="light" color={colour[rdap.state]} title={rdap.error ?? undefined}>{label[rdap.state]}</Badge>
      {rdap.expiresAt && <Text size="xs" c="dimmed">expires {formatDate(new Date(rdap.expiresAt))}</Text>}
    </Group>
  );
}
