// The "Test data" tab (test mode): what this application's test keys made in its sandbox — the
// users they gave XP or ran actions for, the latest executions and events, what the extensions
// keep there (test leagues, campaigns) — so what an example or your own code did with a test key
// can be seen. Live data never shows here.
import { ActionIcon, Badge, Code, Group, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { trpc } from '../../trpc';
import { QueryState } from './query-state';
import { SectionCard } from './section-card';
import { formatCount, UsageStat } from './usage-stat';

function Empty({ children }: { children: React.ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

export function TestDataTab({ applicationId }: { applicationId: string }) {
  const data = trpc.developer.testData.useQuery({ applicationId });
  if (!data.data) return <QueryState query={data} label="Loading test data" />;
  const d = data.data;
  const nothingYet = d.users === 0 && d.executions === 0 && d.events === 0 && d.leagues === 0 && d.campaigns === 0 && d.actions.length === 0;

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed">
          What this application’s test keys made. Test data lives apart from live data and from other applications’ tests.
        </Text>
        <Tooltip label="Refresh">
          <ActionIcon variant="default" size="lg" aria-label="Refresh test data" loading={data.isFetching} onClick={() => void data.refetch()}>
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        <UsageStat label="Test users" value={formatCount(d.users)} />
        <UsageStat label="Executions" value={formatCount(d.executions)} />
        <UsageStat label="Events" value={formatCount(d.events)} />
        <UsageStat label="Test leagues" value={formatCount(d.leagues)} />
        <UsageStat label="Test campaigns" value={formatCount(d.campaigns)} />
        <UsageStat label="Test endpoints" value={formatCount(d.webhookEndpoints)} />
      </SimpleGrid>

      {nothingYet && (
        <SectionCard title="Nothing in the sandbox yet" description="Create a test key under API keys and call CalOS with it, or run an example.">
          <Text size="sm">
            <Code>npm run example:chess</Code> signs in as you, creates an application with a test key and awards XP with it: open that
            application here to watch its users’ XP arrive.
          </Text>
        </SectionCard>
      )}

      <SectionCard title="Test users" description={`Users with XP or executions in the sandbox, most XP first${d.topUsers.length < d.users ? ` (the first ${d.topUsers.length} of ${formatCount(d.users)})` : ''}.`}>
        {d.topUsers.length === 0 ? (
          <Empty>No user has test XP or executions yet.</Empty>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label="Test users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>User</Table.Th>
                  <Table.Th ta="right">Total level</Table.Th>
                  <Table.Th ta="right">XP</Table.Th>
                  <Table.Th ta="right">Executions</Table.Th>
                  <Table.Th>Last execution</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.topUsers.map((u) => (
                  <Table.Tr key={u.userId}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {u.username}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {u.userId}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{u.totalLevel ?? '—'}</Table.Td>
                    <Table.Td ta="right">{formatCount(u.totalXp)}</Table.Td>
                    <Table.Td ta="right">{formatCount(u.executions)}</Table.Td>
                    <Table.Td>{u.lastExecutedAt ? <span title={formatDateTime(u.lastExecutedAt)}>{formatRelative(u.lastExecutedAt)}</span> : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SectionCard title="Latest executions" description="Actions the test keys executed, newest first.">
          {d.latestExecutions.length === 0 ? (
            <Empty>No executions yet.</Empty>
          ) : (
            <Table.ScrollContainer minWidth={420}>
              <Table verticalSpacing={6} aria-label="Latest executions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>User</Table.Th>
                    <Table.Th>Result</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.latestExecutions.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td title={formatDateTime(e.executedAt)}>{formatRelative(e.executedAt)}</Table.Td>
                      <Table.Td ff="monospace" fz="sm">
                        {e.actionCode}
                      </Table.Td>
                      <Table.Td>{e.username}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" color={e.status === 'succeeded' ? 'teal' : 'red'}>
                          {e.status === 'succeeded' ? 'ran' : (e.failureReason ?? 'refused')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </SectionCard>
        <SectionCard title="Latest events" description="Test events, sent to the test webhook endpoints (see Webhooks for their deliveries).">
          {d.latestEvents.length === 0 ? (
            <Empty>No test events yet.</Empty>
          ) : (
            <Table.ScrollContainer minWidth={360}>
              <Table verticalSpacing={6} aria-label="Latest events">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Event</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.latestEvents.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td title={formatDateTime(e.createdAt)}>{formatRelative(e.createdAt)}</Table.Td>
                      <Table.Td ff="monospace" fz="sm">
                        {e.type}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </SectionCard>
      </SimpleGrid>

      {(d.actions.length > 0 || Object.keys(d.extensions).length > 0) && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <SectionCard title="Test actions" description="Actions the test keys registered; only those keys can execute them.">
            {d.actions.length === 0 ? (
              <Empty>None registered.</Empty>
            ) : (
              <Group gap="xs">
                {d.actions.map((code) => (
                  <Badge key={code} variant="outline" tt="none">
                    {code}
                  </Badge>
                ))}
              </Group>
            )}
          </SectionCard>
          <SectionCard title="In the extensions" description="What each extension keeps in the sandbox (test leagues, test campaigns, …).">
            <Stack gap={6}>
              {Object.entries(d.extensions).map(([extension, counts]) => (
                <Group key={extension} justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {extension}
                  </Text>
                  <Group gap={6}>
                    {Object.entries(counts).map(([what, n]) => (
                      <Badge key={what} size="sm" variant="outline" tt="none">
                        {formatCount(n)} {what}
                      </Badge>
                    ))}
                  </Group>
                </Group>
              ))}
            </Stack>
          </SectionCard>
        </SimpleGrid>
      )}
    </Stack>
  );
}
