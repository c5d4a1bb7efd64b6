// /activity: what the user has done: their counts and a chart of actions per day, then the
// history of their executions.
import { useMemo } from 'react';
import { Stack, Text, Title } from '@mantine/core';
import { trpc } from '../../trpc';
import { ActivityHistory } from './activity-history';
import { ActivityStats } from './activity-stats';

export function ActivityPage() {
  // Names for the codes the log keeps; both lists are small and public.
  const actions = trpc.actions.list.useQuery();
  const skills = trpc.skills.list.useQuery();
  const actionNames = useMemo(() => new Map(actions.data?.items.map((a) => [a.code, a.name])), [actions.data]);
  const skillNames = useMemo(() => new Map(skills.data?.items.map((s) => [s.code, s.name])), [skills.data]);
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Activity</Title>
        <Text c="dimmed">Your actions: how many, on which days, and what each one did.</Text>
      </div>
      <ActivityStats actionNames={actionNames} />
      <ActivityHistory actionNames={actionNames} skillNames={skillNames} />
    </Stack>
  );
}
