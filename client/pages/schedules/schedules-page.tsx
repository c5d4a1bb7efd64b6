// /schedules: "Markets & schedules": every schedule actions can follow (stock exchanges, business
// hours, always), whether each is open now, and when it next opens and closes.
import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { QueryState } from '../developer/query-state';
import { trpc } from '../../trpc';
import { ScheduleCard } from './schedule-card';

export function SchedulesPage() {
  const schedules = trpc.schedules.list.useQuery();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Markets & schedules</Title>
        <Text c="dimmed">
          When time-limited actions are available. Times are shown in your time zone and in the schedule’s own;
          the status refreshes every 30 seconds.
        </Text>
      </div>
      {schedules.data ? (
        schedules.data.items.length ? (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {schedules.data.items.map((schedule) => (
              <ScheduleCard key={schedule.code} schedule={schedule} />
            ))}
          </SimpleGrid>
        ) : (
          <Text c="dimmed">No schedules are defined yet.</Text>
        )
      ) : (
        <QueryState query={schedules} label="Loading schedules" />
      )}
    </Stack>
  );
}
