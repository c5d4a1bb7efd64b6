// The user's execution counts: total, today and failed, a bar chart of the last 30 days (the
// user's own calendar days), and how often each action ran.
import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { trpc } from '../../trpc';
import { formatCount, humanize, type Names } from '../actions/action-words';
import { QueryState } from '../developer/query-state';
import { SectionCard } from '../developer/section-card';
import { UsageStat } from '../developer/usage-stat';

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function ActivityStats({ actionNames }: { actionNames: Names }) {
  const stats = trpc.actions.stats.useQuery();
  const data = stats.data;
  if (!data) return <QueryState query={stats} label="Loading your stats" />;
  const chart = data.perDay.map((d) => ({ day: dayLabel.format(new Date(`${d.day}T00:00:00Z`)), actions: d.count }));
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 3 }}>
        <UsageStat label="Total" value={formatCount(data.total)} />
        <UsageStat label="Today" value={formatCount(data.today)} />
        <UsageStat label="Failed" value={formatCount(data.failed)} tone={data.failed ? 'orange' : undefined} />
      </SimpleGrid>
      <SectionCard title="Actions per day" description={`Successful executions over the last 30 days, by your calendar day (${data.timezone}).`}>
        <BarChart
          h={220}
          data={chart}
          dataKey="day"
          series={[{ name: 'actions', label: 'Actions', color: 'indigo.6' }]}
          tickLine="y"
          valueFormatter={formatCount}
          yAxisProps={{ allowDecimals: false }}
          xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 16 }}
          aria-label="Actions per day, last 30 days"
        />
      </SectionCard>
      <SectionCard title="By action" description="How many times each action succeeded, and when last.">
        {data.byAction.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing yet: execute an action and it shows here.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={260}>
            <Table aria-label="Executions by action" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Action</Table.Th>
                  <Table.Th ta="right">Count</Table.Th>
                  <Table.Th>Last</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...data.byAction]
                  .sort((a, b) => b.count - a.count || a.actionCode.localeCompare(b.actionCode))
                  .map((a) => (
                    <Table.Tr key={a.actionCode}>
                      <Table.Td>{actionNames.get(a.actionCode) ?? humanize(a.actionCode)}</Table.Td>
                      <Table.Td ta="right">{formatCount(a.count)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" title={formatDateTime(a.lastExecutedAt)}>
                          {formatRelative(a.lastExecutedAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
    </Stack>
  );
}
