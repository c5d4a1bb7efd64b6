// /oauth/consent/:uid: where CalOS's OpenID Connect provider sends a user an application asked to
// sign in. It shows the application (name, logo) and what it asks for, and posts the decision back
// to the provider (server/modules/oidc/http.ts), then follows it to the application. Reached signed
// in (RequireSession sends a signed-out user through /sign-in and back), so CalOS's own sign-in
// rules (device fingerprint, spoofing alerts) apply.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Avatar, Button, Card, Center, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useSignedIn } from '../../components/session';

interface ConsentDetails {
  uid: string;
  client: { clientId: string; name: string; logoUri: string | null };
  scopes: Array<{ scope: string; description: string }>;
  user: { id: string; username: string } | null;
}

async function readError(res: Response) {
  try {
    return ((await res.json()) as { error?: { message?: string } }).error?.message ?? `CalOS answered ${res.status}.`;
  } catch {
    return `CalOS answered ${res.status}.`;
  }
}

export function ConsentPage() {
  const { uid = '' } = useParams();
  const { user } = useSignedIn();
  const [details, setDetails] = useState<ConsentDetails | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState<'allow' | 'deny' | null>(null);

  useEffect(() => {
    let live = true;
    void fetch(`/oauth/consent/${encodeURIComponent(uid)}/details`, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!live) return;
        if (res.ok) setDetails((await res.json()) as ConsentDetails);
        else setProblem(await readError(res));
      })
      .catch(() => live && setProblem('CalOS is not answering.'));
    return () => {
      live = false;
    };
  }, [uid]);

  const decide = async (approve: boolean) => {
    setSending(approve ? 'allow' : 'deny');
    try {
      const res = await fetch(`/oauth/consent/${encodeURIComponent(uid)}/decision`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ approve }),
      });
      if (!res.ok) {
        setProblem(await readError(res));
        setSending(null);
        return;
      }
      window.location.assign(((await res.json()) as { redirectTo: string }).redirectTo);
    } catch {
      setProblem('CalOS is not answering.');
      setSending(null);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Card w={440} maw="100%" withBorder padding="xl">
        {problem ? (
          <Stack gap="md">
            <Title order={1} size="h3">
              This sign-in cannot continue
            </Title>
            <Alert color="red" icon={<IconAlertTriangle size={18} />}>
              {problem}
            </Alert>
          </Stack>
        ) : !details ? (
          <Center>
            <Loader aria-label="Loading the request" />
          </Center>
        ) : (
          <Stack gap="md">
            <Group gap="md" wrap="nowrap">
              <Avatar src={details.client.logoUri} alt="" radius="md" size="lg">
                {details.client.name.slice(0, 1).toUpperCase()}
              </Avatar>
              <div>
                <Title order={1} size="h3">
                  {details.client.name}
                </Title>
                <Text size="sm" c="dimmed">
                  wants to sign you in with your CalOS account
                </Text>
              </div>
            </Group>
            <Text size="sm">
              Signed in as <b>{user.username}</b>. {details.client.name} will get your account id
              {details.scopes.length ? ', and:' : '.'}
            </Text>
            {details.scopes.length > 0 && (
              <List spacing="xs" size="sm" icon={<IconCheck size={16} />} aria-label="What it asks for">
                {details.scopes.map((s) => (
                  <List.Item key={s.scope}>{s.description}</List.Item>
                ))}
              </List>
            )}
            <Text size="xs" c="dimmed">
              You can revoke its access at any time under Connected apps.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void decide(false)} loading={sending === 'deny'} disabled={sending !== null}>
                Cancel
              </Button>
              <Button onClick={() => void decide(true)} loading={sending === 'allow'} disabled={sending !== null}>
                Allow
              </Button>
            </Group>
          </Stack>
        )}
      </Card>
    </Center>
  );
}
