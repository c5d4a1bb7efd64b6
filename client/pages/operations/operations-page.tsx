// /admin/operations (administrators): the operator calls of the API that act on users and the
// catalogue, as forms — award XP, open an action's schedule for one user, register an action.
// League and mailer administration live on their own pages. The server checks every call again.
import { Stack, Text, Title } from '@mantine/core';
import { AwardXpCard } from './award-xp-card';
import { RegisterActionCard } from './register-action-card';
import { ScheduleExceptionCard } from './schedule-exception-card';

export function OperationsPage() {
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Operations</Title>
        <Text c="dimmed">
          What an operator does by hand: award XP, let a user act outside a schedule, add an action. Leagues are run from
          their pages, campaigns from Mailer.
        </Text>
      </div>
      <AwardXpCard />
      <ScheduleExceptionCard />
      <RegisterActionCard />
    </Stack>
  );
}
