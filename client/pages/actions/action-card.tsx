// One action: what it is and gives, its limits, whether it can run now (one `check`, asked again
// only after an execution or when its countdown reaches zero), and Execute with what it did.
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBolt, IconCheck, IconClockPause } from '@tabler/icons-react';
import type { Action } from '../../../shared/schemas/actions';
import { describeProblem } from '../../components/errors';
import { formatDateTime } from '../../components/time-format';
import { trpc } from '../../trpc';
import {
  describeEffects,
  describeLimits,
  describeRefusal,
  describeRewards,
  formatCount,
  formatCountdown,
  type Names,
} from './action-words';
import { useCountdown } from './use-countdown';

const SCHEDULED_REFRESH_MS = 60_000;
const REFUSALS = new Set(['COOLDOWN', 'DAILY_LIMIT', 'RATE_LIMITED', 'SCHEDULE_CLOSED']);

interface LastRun {
  at: Date;
  lines: string[];
}

/** "at 14:03:05 (in 3 s)", or "at 5 Jan 2026, 09:30" when it is not today. */
function whenAvailable(at: Date): string {
  const sameDay = new Date().toDateString() === at.toDateString();
  const time = sameDay ? at.toLocaleTimeString() : formatDateTime(at);
  return `${time} (in ${formatCountdown((at.getTime() - Date.now()) / 1000)})`;
}

export function ActionCard({ action, skillNames, scheduleNames }: { action: Action; skillNames: Names; scheduleNames: Names }) {
  const utils = trpc.useUtils();
  // Asked once, then again after an execution or when the countdown ends; an action that follows a
  // schedule is also asked every minute, since its market may close while it says "available".
  const check = trpc.actions.check.useQuery(
    { code: action.code },
    { refetchInterval: action.schedules.length ? SCHEDULED_REFRESH_MS : false, refetchIntervalInBackground: false },
  );
  const [last, setLast] = useState<LastRun | null>(null);

  const refresh = () => {
    void utils.actions.check.invalidate({ code: action.code });
    // The Activity page's queries: mark them stale so they load afresh when it opens.
    void utils.actions.history.invalidate();
    void utils.actions.stats.invalidate();
  };

  const execute = trpc.actions.execute.useMutation({
    onSuccess(data) {
      const lines = describeEffects(data.effects, skillNames);
      setLast({ at: data.execution.executedAt, lines });
      notifications.show({
        color: 'teal',
        icon: <IconCheck size={18} />,
        title: `${action.name}: done${data.execution.freeUse ? ' (free use)' : ''}`,
        message: lines.length ? lines.join(' · ') : 'Recorded.',
      });
    },
    onError(error) {
      const problem = describeProblem(error);
      if (REFUSALS.has(problem.code)) {
        const next = typeof problem.details.nextAvailableAt === 'string' ? new Date(problem.details.nextAvailableAt) : null;
        notifications.show({
          color: 'orange',
          icon: <IconClockPause size={18} />,
          title: `${action.name}: ${describeRefusal(problem.code)}`,
          message: next ? `Available again at ${whenAvailable(next)}.` : problem.message,
        });
      } else {
        notifications.show({ color: 'red', title: `${action.name} failed`, message: problem.message });
      }
    },
    onSettled: refresh,
  });

  const state = check.data;
  // Server clock minus browser clock, from when the answer arrived: the countdown runs on the server's time.
  const skewMs = state ? state.at.getTime() - check.dataUpdatedAt : 0;
  const target = state && !state.available ? (state.nextAvailableAt ?? state.cooldownEndsAt) : null;
  const secondsLeft = useCountdown(target, skewMs, () => void check.refetch());
  const rewards = describeRewards(action, skillNames);

  return (
    <Card component="article" aria-label={action.name}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Title order={3} size="h4">
              {action.name}
            </Title>
            <Text size="sm" c="dimmed">
              {action.description}
            </Text>
          </div>
          {state ? (
            <Badge
              color={state.available ? 'teal' : 'orange'}
              variant={state.available ? 'filled' : 'light'}
              style={{ flexShrink: 0 }}
              aria-label={`${action.name}: ${state.available ? 'available' : describeRefusal(state.reason)}`}
            >
              {state.available ? 'Available' : describeRefusal(state.reason)}
            </Badge>
          ) : (
            check.isPending && <Loader size="xs" aria-label={`Checking ${action.name}`} />
          )}
        </Group>

        <Group gap={6}>
          {describeLimits(action, scheduleNames).map((limit) => (
            <Badge key={limit} variant="outline" color="gray" size="sm" tt="none">
              {limit}
            </Badge>
          ))}
        </Group>
        {rewards.length > 0 && (
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Gives:{' '}
            </Text>
            {rewards.join(' · ')}
          </Text>
        )}

        {check.error && !state && (
          <Text size="sm" c="red">
            {describeProblem(check.error).message}
          </Text>
        )}
        {state && (
          <Stack gap={2}>
            {!state.available && (
              <Text size="sm" c="orange.8" role="timer" aria-label={`${action.name} countdown`}>
                {secondsLeft !== null
                  ? `Available again in ${formatCountdown(secondsLeft)}`
                  : 'Not available again under its current rules.'}
              </Text>
            )}
            {action.dailyLimit !== null && state.remainingToday !== null && (
              <Text size="sm" c="dimmed">
                Remaining today: {formatCount(state.remainingToday)} of {formatCount(action.dailyLimit)}
              </Text>
            )}
          </Stack>
        )}

        {last && (
          // The live region is the wrapper: Mantine names an Alert by its title, and the result's name is fixed.
          <div role="status" aria-label={`${action.name} result`}>
            <Alert color="teal" variant="light" p="xs" role="group" title={`Done at ${last.at.toLocaleTimeString()}`}>
              {last.lines.length ? (
                <List size="sm" spacing={2}>
                  {last.lines.map((line, i) => (
                    <List.Item key={i}>{line}</List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm">Recorded.</Text>
              )}
            </Alert>
          </div>
        )}

        <Group justify="flex-end" mt="auto">
          <Button
            leftSection={<IconBolt size={16} />}
            loading={execute.isPending}
            disabled={!state?.available || check.isFetching}
            onClick={() => execute.mutate({ actionCode: action.code, params: {} })}
          >
            Execute
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
