// /developer: the applications as cards, "New application", and the link to the API reference at /api/docs.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconApps, IconBook, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { getQueryKey } from '@trpc/react-query';
import type { Application } from '../../../shared/schemas/developer';
import { formatDate } from '../../components/time-format';
import { trpc } from '../../trpc';
import { ApplicationFormModal } from './application-form-modal';
import { LoadMoreButton, useCursorPages } from './cursor-pages';
import { QueryState } from './query-state';

export const applicationPath = (applicationId: string) => `/developer/apps/${applicationId}`;

function ApplicationCard({ application }: { application: Application }) {
  return (
    <Card
      component={Link}
      to={applicationPath(application.id)}
      style={{ color: 'inherit' }}
      aria-label={`Open application ${application.name}`}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {application.name}
          </Text>
          <Text size="sm" c="dimmed" lineClamp={2}>
            {application.description || 'No description'}
          </Text>
          <Text size="xs" c="dimmed">
            Created {formatDate(application.createdAt)}
          </Text>
        </Stack>
        <IconChevronRight size={18} style={{ flexShrink: 0 }} />
      </Group>
    </Card>
  );
}

function EmptyApplications({ onCreate }: { onCreate: () => void }) {
  return (
    <Card>
      <Stack align="center" gap="sm" py="lg">
        <ThemeIcon size={44} radius="xl" variant="light">
          <IconApps size={24} />
        </ThemeIcon>
        <Text fw={600}>No applications yet</Text>
        <Text size="sm" c="dimmed" ta="center" maw={440}>
          An application holds the API keys your code calls CalOS with, the webhooks CalOS calls you back on, and the
          usage of both.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
          Create your first application
        </Button>
      </Stack>
    </Card>
  );
}

export function DeveloperPage() {
  const navigate = useNavigate();
  const { client } = trpc.useUtils();
  const applications = useCursorPages(getQueryKey(trpc.developer.applications, undefined, 'infinite'), (cursor, signal) =>
    client.developer.applications.query({ cursor }, { signal }),
  );
  const [creating, setCreating] = useState(false);
  const items = applications.items;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>Developers</Title>
          <Text c="dimmed">Build on CalOS: applications, their API keys, webhooks and usage.</Text>
        </div>
        <Group gap="sm">
          {/* Served by the server, not a client route: a plain link. */}
          <Button component="a" href="/api/docs" variant="default" leftSection={<IconBook size={16} />}>
            API reference
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New application
          </Button>
        </Group>
      </Group>

      <section aria-label="Applications">
        {!items ? (
          <QueryState query={applications} label="Loading applications" />
        ) : items.length === 0 ? (
          <EmptyApplications onCreate={() => setCreating(true)} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {items.map((application) => (
              <ApplicationCard key={application.id} application={application} />
            ))}
          </SimpleGrid>
        )}
        <LoadMoreButton query={applications} />
      </section>

      <ApplicationFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(application) => {
          setCreating(false);
          void navigate(applicationPath(application.id));
        }}
      />
    </Stack>
  );
}
