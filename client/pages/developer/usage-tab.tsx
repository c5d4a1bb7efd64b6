// The "Usage" tab: stat cards, a chart of requests and errors per day, and tables by route and key, over 7/30/90 days.
import { useState } from 'react';
import { ActionIcon, Group, SegmentedControl, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { AreaChart } from '@mantine/charts';
import { IconRefresh } from '@tabler/icons-react';
import type { Usage } from '../../../shared/schemas/usage';
import { trpc } from '../../trpc';
import { QueryState } from './query-state';
import { SectionCard } from './section-card';
import { formatCount, formatMs, UsageStat } from './usage-stat';
import { UsageByKeyTable, UsageByRouteTable } from './usage-tables';

const periods = ['7', '30', '90'] as const;
type Period = (typeof periods)[number];

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

function UsageStats({ totals }: { totals: Usage['totals'] }) {
  const errorRate = totals.requests ? `${((totals.errors / totals.requests) * 100).toFixed(1)}%` : '—';
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
      <UsageStat label="Requests" value={formatCount(totals.requests)} />
      <UsageStat label="Errors" value={formatCount(totals.errors)} tone={totals.errors ? 'red' : undefined} />
      <UsageStat label="Error rate" value={errorRate} tone={totals.errors ? 'red' : undefined} />
      <UsageStat label="p50 latency" value={formatMs(totals.p50Ms)} />
      <UsageStat label="p95 latency" value={formatMs(totals.p95Ms)} />
      <UsageStat label="p99 latency" value={formatMs(totals.p99Ms)} />
    </SimpleGrid>
  );
}

function RequestsChart({ days }: { days: Usage['days'] }) {
  const data = days.map((d) => ({
    day: dayLabel.format(new Date(`${d.day}T00:00:00Z`)),
    requests: d.requests,
    errors: d.errors,
  }));
  return (
    <AreaChart
      h={260}
      data={data}
      dataKey="day"
      series={[
        { name: 'requests', label: 'Requests', color: 'indigo.6' },
        { name: 'errors', label: 'Errors', color: 'red.6' },
      ]}
      curveType="monotone"
      withLegend
      withDots={days.length <= 14}
      tickLine="y"
      valueFormatter={formatCount}
      yAxisProps={{ allowDecimals: false }}
    />
  );
}

export function UsageTab({ applicationId }: { applicationId: string }) {
  const [period, setPeriod] = useState<Period>('30');
  const usage = trpc.usage.summary.useQuery({ applicationId, days: Number(period) }, { placeholderData: (previous) => previous });
  const data = usage.data;

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {data ? `${data.from} to ${data.to} (UTC days). Counts reach this page within seconds.` : ' '}
        </Text>
        <Group gap="xs">
          <SegmentedControl
            aria-label="Period"
            value={period}
            onChange={(value) => setPeriod(value as Period)}
            data={periods.map((p) => ({ value: p, label: `${p} days` }))}
          />
          <Tooltip label="Refresh">
            <ActionIcon variant="default" size="lg" aria-label="Refresh usage" loading={usage.isFetching} onClick={() => void usage.refetch()}>
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>

      {!data ? (
        <QueryState query={usage} label="Loading usage" />
      ) : (
        <>
          <UsageStats totals={data.totals} />
          <Text size="xs" c="dimmed" mt={-8}>
            Latency is counted in buckets (5, 10, 25, 50, 100 … 5000 ms); a percentile shows the upper bound of its
            bucket. Errors are responses with status 400 or above.
          </Text>
          <SectionCard title="Requests per day" description="Every request made with this application’s keys, and the errors among them.">
            <RequestsChart days={data.days} />
          </SectionCard>
          <SectionCard title="By route" description="Which API routes the keys call.">
            <UsageByRouteTable routes={data.routes} total={data.totals.requests} />
          </SectionCard>
          <SectionCard title="By key" description="Requests per API key, revoked keys included.">
            <UsageByKeyTable keys={data.keys} />
          </SectionCard>
        </>
      )}
    </Stack>
  );
}
