// /connected-apps: the applications the user signed in to with CalOS (OpenID Connect), with what
// each may read or do, and "Revoke", which ends its tokens at once.
import { Button, Card, Group, Avatar, Stack, Table, Text, Title, Badge } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { trpc } from '../../trpc';
import { describeProblem } from '../../components/errors';

export function ConnectedAppsPage() {
  const utils = trpc.useUtils();
  const apps = trpc.oidc.connectedApps.useQuery();
  const revoke = trpc.oidc.disconnectApp.useMutation({
    onSuccess: () => void utils.oidc.connectedApps.invalidate(),
    onError: (error) => notifications.show({ color: 'red', title: 'Could not revoke', message: describeProblem(error).message }),
  });
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Connected apps</Title>
        <Text c="dimmed" size="sm">
          Applications you signed in to with your CalOS account. Revoking one ends its access at once; it will ask you again next time.
        </Text>
      </div>
      <Card>
        {apps.isPending ? (
          <Text size="sm">Loading…</Text>
        ) : apps.error ? (
          <Text size="sm" c="red">
            {describeProblem(apps.error).message}
          </Text>
        ) : apps.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No application is connected to your account.
          </Text>
        ) : (
          <Table aria-label="Connected apps">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Application</Table.Th>
                <Table.Th>Access</Table.Th>
                <Table.Th>Connected</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {apps.data.items.map((app) => (
                <Table.Tr key={app.clientId}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar src={app.logoUri} alt="" size="sm" radius="sm">
                        {app.name.slice(0, 1).toUpperCase()}
                      </Avatar>
                      <Text size="sm">{app.name}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {app.scopes.filter((s) => s !== 'openid' && s !== 'offline_access').map((s) => (
                        <Badge key={s} variant="light" size="sm">
                          {s}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{app.connectedAt.toLocaleDateString()}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      loading={revoke.isPending && revoke.variables?.clientId === app.clientId}
                      onClick={() => revoke.mutate({ clientId: app.clientId })}
                    >
                      Revoke
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
