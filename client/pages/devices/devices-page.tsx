// /devices: "Devices & sessions": the account's passkeys, every device seen for the account and
// every active session, with the actions to manage them.
import { Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';
import { DevicesTable } from './devices-table';
import { SessionsTable, SignOutOthersButton } from './sessions-table';
import { PasskeysSection } from './passkeys-section';

function Section({ title, description, action, children }: {
  title: string;
  description: string;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Title order={2} size="h3">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function QueryState({ query }: { query: { isPending: boolean; error: unknown } }) {
  if (query.isPending) return <Loader size="sm" aria-label="Loading" />;
  return (
    <Text size="sm" c="red">
      {describeProblem(query.error).message}
    </Text>
  );
}

export function DevicesPage() {
  const devices = trpc.auth.devices.useQuery();
  const sessions = trpc.auth.sessions.useQuery();
  const passkeys = trpc.auth.passkeys.useQuery();
  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Devices & sessions</Title>
        <Text c="dimmed">Where your account is signed in, and which devices you trust.</Text>
      </div>
      <Section
        title="Passkeys"
        description="Sign in without a password, or require a passkey after it. Adding or removing one asks for your password."
      >
        {passkeys.data ? <PasskeysSection passkeys={passkeys.data.items} secondFactor={passkeys.data.secondFactor} /> : <QueryState query={passkeys} />}
      </Section>
      <Section
        title="Devices"
        description="Browsers and apps that have signed in to your account. Trusted devices are ones you recognise."
      >
        {devices.data ? <DevicesTable devices={devices.data.items} /> : <QueryState query={devices} />}
      </Section>
      <Section
        title="Active sessions"
        description="Each sign-in is a session. Revoke any you do not recognise."
        action={sessions.data ? <SignOutOthersButton others={others} /> : undefined}
      >
        {sessions.data ? <SessionsTable sessions={sessions.data.items} /> : <QueryState query={sessions} />}
      </Section>
    </Stack>
  );
}
