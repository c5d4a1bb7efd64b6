// The table of active sessions, with Revoke per session and "Sign out everywhere else".
// Revoking the session in use signs the user out here.
import { useState } from 'react';
import { Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import type { SessionListItem } from '../../../shared/schemas/auth';
import { ConfirmModal } from '../../components/confirm-modal';
import { describeProblem } from '../../components/errors';
import { useLeaveSession } from '../../components/session';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { shortUserAgent } from '../../components/user-agent';
import { trpc } from '../../trpc';

function RevokeButton({ session }: { session: SessionListItem }) {
  const utils = trpc.useUtils();
  const leave = useLeaveSession();
  const revoke = trpc.auth.revokeSession.useMutation({
    onSuccess: async () => {
      if (session.current) return leave('You revoked the session you were using.');
      await utils.auth.sessions.invalidate();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Could not revoke the session', message: describeProblem(error).message }),
  });
  return (
    <Button
      size="xs"
      variant="subtle"
      color="red"
      loading={revoke.isPending}
      onClick={() => revoke.mutate({ sessionId: session.id })}
      aria-label={session.current ? 'Revoke this session (signs you out)' : `Revoke session from ${session.deviceLabel ?? 'unknown device'}`}
    >
      Revoke
    </Button>
  );
}

export function SignOutOthersButton({ others }: { others: number }) {
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState(false);
  const revokeOthers = trpc.auth.revokeOtherSessions.useMutation({
    onSuccess: async ({ revoked }) => {
      setConfirming(false);
      notifications.show({
        color: 'teal',
        title: 'Signed out elsewhere',
        message: revoked === 1 ? 'One other session was ended.' : `${revoked} other sessions were ended.`,
      });
      await utils.auth.sessions.invalidate();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Could not sign out elsewhere', message: describeProblem(error).message }),
  });
  return (
    <>
      <Button
        variant="light"
        color="red"
        leftSection={<IconLogout size={16} />}
        disabled={others === 0}
        onClick={() => setConfirming(true)}
      >
        Sign out everywhere else
      </Button>
      <ConfirmModal
        opened={confirming}
        title="Sign out everywhere else?"
        confirmLabel="Sign out other sessions"
        loading={revokeOthers.isPending}
        onConfirm={() => revokeOthers.mutate()}
        onClose={() => setConfirming(false)}
      >
        {`Every other session (${others}) ends now. This session stays signed in.`}
      </ConfirmModal>
    </>
  );
}

export function SessionsTable({ sessions }: { sessions: SessionListItem[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover style={{ whiteSpace: 'nowrap' }} aria-label="Active sessions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Device</Table.Th>
            <Table.Th>IP address</Table.Th>
            <Table.Th>Client</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last seen</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => (
            <Table.Tr key={session.id}>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm" fw={500}>
                    {session.deviceLabel ?? 'Unknown device'}
                  </Text>
                  {session.current && <Badge color="indigo">Current</Badge>}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {session.ip ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={session.userAgent ?? 'No user agent'} multiline maw={360} openDelay={300}>
                  <Text size="sm">{shortUserAgent(session.userAgent)}</Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(session.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(session.lastSeenAt)}>
                  {formatRelative(session.lastSeenAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <RevokeButton session={session} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
