// / : the signed-in user's home: their progress first (level, XP this week, streak, rank, the next
// achievement, what they can run now), then the account and its security: account facts, this
// session and device, counts of devices and sessions, open security alerts and age verification.
import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBellRinging, IconDevices, IconKey, IconShieldCheck } from '@tabler/icons-react';
import { useSignedIn } from '../../components/session';
import { trpc } from '../../trpc';
import { AgeVerificationCard } from './age-verification-card';
import { AccountCard, CurrentSessionCard, StatCard } from './overview-cards';
import { ProgressOverview } from './progress-cards';
import { SecurityAlertsCard, useOpenAlerts } from './security-alerts-card';

export function HomePage() {
  const { user, session } = useSignedIn();
  const devices = trpc.auth.devices.useQuery();
  const sessions = trpc.auth.sessions.useQuery();
  const alerts = useOpenAlerts();
  const deviceItems = devices.data?.items;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Welcome, {user.username}</Title>
        <Text c="dimmed">Your progress at a glance, then your account, your devices and what needs your attention.</Text>
      </div>

      <ProgressOverview userId={user.id} />

      <Title order={2} size="h3" mt="md">
        Account and security
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <StatCard label="Devices" value={deviceItems?.length} icon={IconDevices} to="/devices" />
        <StatCard label="Active sessions" value={sessions.data?.items.length} icon={IconKey} to="/devices" />
        <StatCard
          label="Trusted devices"
          value={deviceItems?.filter((d) => d.trusted).length}
          icon={IconShieldCheck}
          to="/devices"
        />
        <StatCard
          label="Open alerts"
          value={alerts.data?.items.length}
          icon={IconBellRinging}
          tone={alerts.data?.items.length ? 'orange' : undefined}
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <AccountCard user={user} />
        <CurrentSessionCard
          session={session}
          device={deviceItems?.find((d) => d.current)}
          listed={sessions.data?.items.find((s) => s.current)}
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SecurityAlertsCard devices={deviceItems ?? []} />
        <AgeVerificationCard />
      </SimpleGrid>
    </Stack>
  );
}
