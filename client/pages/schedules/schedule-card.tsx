// One schedule: open or closed now, why it is closed, and when it next opens and closes, checked
// again every 30 seconds.
import { Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { Schedule } from '../../../shared/schemas/schedules';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';
import { ScheduleTime } from './schedule-time';

const REFRESH_MS = 30_000;

const reasons: Record<string, string> = {
  WEEKEND: 'Closed for the weekend',
  OUTSIDE_HOURS: 'Outside opening hours',
  EARLY_CLOSE: 'Closed early today',
  CLOSED_DAY: 'Closed on this day of the week',
};

/** The server's reason code as a sentence: 'HOLIDAY: Good Friday' → 'Holiday: Good Friday'. */
export function describeReason(reason: string): string {
  if (reason.startsWith('HOLIDAY: ')) return `Holiday: ${reason.slice('HOLIDAY: '.length)}`;
  return reasons[reason] ?? reason;
}

const kindLabels: Record<string, string> = {
  always: 'Always open',
  business_hours: 'Business hours',
  exchange: 'Stock exchange',
};

export function ScheduleCard({ schedule }: { schedule: Schedule }) {
  const check = trpc.schedules.check.useQuery(
    { schedule: schedule.code },
    { refetchInterval: REFRESH_MS, refetchIntervalInBackground: false },
  );
  const state = check.data;
  return (
    <Card component="article" aria-label={schedule.name} withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Title order={2} size="h4">
              {schedule.name}
            </Title>
            <Text size="xs" c="dimmed">
              {kindLabels[schedule.kind] ?? schedule.kind} · <code>{schedule.code}</code> · {schedule.timezone}
            </Text>
          </div>
          {state ? (
            <Badge
              color={state.open ? 'teal' : 'gray'}
              variant={state.open ? 'filled' : 'light'}
              size="lg"
              style={{ flexShrink: 0 }}
              aria-label={`${schedule.name} is ${state.open ? 'open' : 'closed'}`}
            >
              {state.open ? 'Open' : 'Closed'}
            </Badge>
          ) : (
            check.isPending && <Loader size="xs" aria-label={`Checking ${schedule.name}`} />
          )}
        </Group>
        {check.error && !state && (
          <Text size="sm" c="red">
            {describeProblem(check.error).message}
          </Text>
        )}
        {state && (
          <>
            <Text size="sm" c={state.open ? 'teal' : 'dimmed'}>
              {state.reason ? describeReason(state.reason) : 'Open now'}
            </Text>
            {state.open && !state.nextCloseAt && !state.nextOpenAt ? (
              <Text size="sm" c="dimmed">
                Open around the clock: it never closes.
              </Text>
            ) : state.open ? (
              <Group grow align="flex-start" gap="md">
                <ScheduleTime label="Closes" at={state.nextCloseAt} zone={schedule.timezone} />
                <ScheduleTime label="Next open" at={state.nextOpenAt} zone={schedule.timezone} />
              </Group>
            ) : (
              <Group grow align="flex-start" gap="md">
                <ScheduleTime label="Next open" at={state.nextOpenAt} zone={schedule.timezone} />
                <ScheduleTime label="Next close" at={state.nextCloseAt} zone={schedule.timezone} />
              </Group>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
