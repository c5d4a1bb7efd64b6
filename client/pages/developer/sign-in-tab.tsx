// The "Sign in with CalOS" tab: the application's OpenID Connect clients (register, rotate a
// secret, delete). A confidential client's secret is shown once, in the secret modal.
import { useState } from 'react';
import { Badge, Button, Checkbox, Code, Group, Modal, Radio, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { oidcScopes } from '../../../shared/schemas/oidc';
import { trpc } from '../../trpc';
import { describeProblem } from '../../components/errors';
import { SecretOnceModal, type RevealedSecret } from './secret-once-modal';
import { SectionCard } from './section-card';

export function SignInTab({ applicationId }: { applicationId: string }) {
  const utils = trpc.useUtils();
  const clients = trpc.oidc.clients.useQuery({ applicationId, limit: 100 });
  const [adding, setAdding] = useState(false);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const refresh = () => void utils.oidc.clients.invalidate();
  const failed = (title: string) => (error: unknown) => notifications.show({ color: 'red', title, message: describeProblem(error).message });
  const remove = trpc.oidc.deleteClient.useMutation({ onSuccess: refresh, onError: failed('Could not delete the client') });
  const rotate = trpc.oidc.rotateClientSecret.useMutation({
    onSuccess: (result) => {
      refresh();
      if (result.clientSecret) setRevealed({ title: 'New client secret', description: `The new secret of ${result.client.name}; the old one no longer works.`, secret: result.clientSecret });
    },
    onError: failed('Could not rotate the secret'),
  });

  return (
    <Stack gap="lg">
      <SectionCard
        title="Sign in with CalOS"
        description={
          <>
            OpenID Connect clients: your users sign in to your app with their CalOS account. Discovery:{' '}
            <Code>{`${window.location.origin}/.well-known/openid-configuration`}</Code>
          </>
        }
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Register client
          </Button>
        }
      >
        {clients.isPending ? (
          <Text size="sm">Loading…</Text>
        ) : clients.error ? (
          <Text size="sm" c="red">
            {describeProblem(clients.error).message}
          </Text>
        ) : clients.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No client yet.
          </Text>
        ) : (
          <Table aria-label="OpenID Connect clients">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Client id</Table.Th>
                <Table.Th>Redirect URIs</Table.Th>
                <Table.Th>Scopes</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clients.data.items.map((c) => (
                <Table.Tr key={c.clientId}>
                  <Table.Td>
                    <Text size="sm">{c.name}</Text>
                    <Badge size="xs" variant="light">
                      {c.type}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Code fz="xs">{c.clientId}</Code>
                  </Table.Td>
                  <Table.Td>
                    {c.redirectUris.map((uri) => (
                      <Text key={uri} size="xs">
                        {uri}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{['openid', ...c.scopes].join(' ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {c.type === 'confidential' && (
                        <Button size="xs" variant="default" onClick={() => rotate.mutate({ clientId: c.clientId })}>
                          Rotate secret
                        </Button>
                      )}
                      <Button size="xs" color="red" variant="light" onClick={() => remove.mutate({ clientId: c.clientId })}>
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </SectionCard>
      <RegisterClientModal
        applicationId={applicationId}
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={(secret, name) => {
          setAdding(false);
          refresh();
          if (secret) setRevealed({ title: 'Client secret', description: `The secret of ${name}, for your server's token requests (client_secret_basic).`, secret });
        }}
      />
      <SecretOnceModal revealed={revealed} onClose={() => setRevealed(null)} />
    </Stack>
  );
}

function RegisterClientModal(props: { applicationId: string; opened: boolean; onClose: () => void; onCreated: (secret: string | null, name: string) => void }) {
  const [name, setName] = useState('');
  const [logoUri, setLogoUri] = useState('');
  const [type, setType] = useState<'confidential' | 'public'>('confidential');
  const [redirects, setRedirects] = useState('');
  const [scopes, setScopes] = useState<string[]>(['profile']);
  const create = trpc.oidc.createClient.useMutation({
    onSuccess: (result) => props.onCreated(result.clientSecret, result.client.name),
  });
  const problem = create.error ? describeProblem(create.error) : null;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Register an OpenID Connect client" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            applicationId: props.applicationId,
            name,
            type,
            ...(logoUri ? { logoUri } : {}),
            redirectUris: redirects.split(/\s+/).filter(Boolean),
            scopes: scopes as never,
          });
        }}
      >
        <Stack>
          <TextInput label="Name" description="Shown to users on the consent screen" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label="Logo URL" description="Optional, https" value={logoUri} onChange={(e) => setLogoUri(e.currentTarget.value)} />
          <Radio.Group label="Type" value={type} onChange={(v) => setType(v as 'confidential' | 'public')}>
            <Group mt="xs">
              <Radio value="confidential" label="Confidential (a server with a secret)" />
              <Radio value="public" label="Public (browser or mobile app, PKCE only)" />
            </Group>
          </Radio.Group>
          <Textarea
            label="Redirect URIs"
            description="One per line; matched exactly. https, or http for localhost."
            required
            autosize
            minRows={2}
            value={redirects}
            onChange={(e) => setRedirects(e.currentTarget.value)}
          />
          <Checkbox.Group label="Scopes it may ask for" value={scopes} onChange={setScopes}>
            <Stack gap={4} mt="xs">
              {oidcScopes.map((s) => (
                <Checkbox key={s.scope} value={s.scope} label={`${s.scope}: ${s.description}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          {problem && (
            <Text size="sm" c="red" role="alert">
              {problem.message}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Register
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
