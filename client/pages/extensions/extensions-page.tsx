// /admin/extensions: what this platform runs. Each installed extension with its version, where it
// came from, its state, and what it adds: routes, actions, events, scopes, jobs. Administrators only
// (GET /api/extensions answers 403 to anyone else).
import { Accordion, Badge, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { QueryState } from '../developer/query-state';
import { NotFoundPage } from '../not-found/not-found-page';
import { useSignedIn } from '../../components/session';
import { trpc } from '../../trpc';

function Codes({ items, empty = 'none' }: { items: string[]; empty?: string }) {
  if (!items.length) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <Group gap={6}>
      {items.map((item) => (
        <Code key={item}>{item}</Code>
      ))}
    </Group>
  );
}

function ExtensionsList() {
  const extensions = trpc.extensions.list.useQuery();
  if (!extensions.data) return <QueryState query={extensions} label="Loading extensions" />;
  if (!extensions.data.items.length) return <Text c="dimmed">No extension is installed (CALOS_EXTENSIONS=none).</Text>;
  return (
    <Accordion variant="separated" multiple defaultValue={extensions.data.items.filter((e) => e.state === 'enabled').map((e) => e.id)}>
      {extensions.data.items.map((e) => (
        <Accordion.Item key={e.id} value={e.id}>
          <Accordion.Control>
            <Group gap="sm" wrap="wrap">
              <Text fw={600}>{e.id}</Text>
              <Badge variant="light">{e.version}</Badge>
              <Badge color={e.state === 'enabled' ? 'teal' : 'gray'}>{e.state}</Badge>
              <Text size="sm" c="dimmed">
                {e.source === 'bundled' ? 'bundled' : `npm: ${e.source}`}
              </Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="sm">
              {e.description && <Text size="sm">{e.description}</Text>}
              {e.state === 'disabled' ? (
                <Text size="sm" c="dimmed">
                  Left out of CALOS_EXTENSIONS: it has no routes, pages, jobs, actions or events now; its tables and data are kept.
                </Text>
              ) : (
                <>
                  <Table.ScrollContainer minWidth={420}>
                    <Table striped withTableBorder>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Method</Table.Th>
                          <Table.Th>Path</Table.Th>
                          <Table.Th>Procedure</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {e.routes.map((r) => (
                          <Table.Tr key={`${r.method} ${r.path}`}>
                            <Table.Td>{r.method}</Table.Td>
                            <Table.Td>
                              <Code>{r.path}</Code>
                            </Table.Td>
                            <Table.Td>{r.procedure}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                  <Text size="sm" fw={500}>Actions</Text>
                  <Codes items={e.actions} />
                  <Text size="sm" fw={500}>Event types</Text>
                  <Codes items={e.events} />
                  <Text size="sm" fw={500}>API-key scopes</Text>
                  <Codes items={e.scopes} />
                  <Text size="sm" fw={500}>Effects</Text>
                  <Codes items={e.effects} />
                  <Text size="sm" fw={500}>Jobs</Text>
                  <Codes items={e.jobs.map((j) => (j.schedule ? `${j.name} (${j.schedule})` : j.name))} />
                  <Text size="sm" fw={500}>Migrations</Text>
                  <Codes items={e.migrations} />
                </>
              )}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

export function ExtensionsPage() {
  const { user } = useSignedIn();
  if (user.role !== 'admin') return <NotFoundPage />;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Extensions</Title>
        <Text c="dimmed">What this platform runs besides its kernel. CALOS_EXTENSIONS chooses them at start.</Text>
      </div>
      <ExtensionsList />
    </Stack>
  );
}

export default ExtensionsPage;
