// The top of an application's page: back link, name, description, and Edit and Delete.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import type { Application } from '../../../shared/schemas/developer';
import { ConfirmModal } from '../../components/confirm-modal';
import { describeProblem } from '../../components/errors';
import { formatDate } from '../../components/time-format';
import { trpc } from '../../trpc';
import { ApplicationFormModal } from './application-form-modal';

export function BackToApplications() {
  return (
    <Anchor component={Link} to="/developer" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> All applications
      </Group>
    </Anchor>
  );
}

export function ApplicationHeader({ application }: { application: Application }) {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = trpc.developer.deleteApplication.useMutation({
    onSuccess: async () => {
      setDeleting(false);
      notifications.show({ color: 'teal', title: 'Application deleted', message: `“${application.name}” is gone.` });
      await utils.developer.applications.invalidate();
      void navigate('/developer', { replace: true });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Could not delete the application', message: describeProblem(error).message }),
  });

  return (
    <Stack gap="xs">
      <BackToApplications />
      <Group justify="space-between" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {application.name}
          </Title>
          <Text c="dimmed">{application.description || 'No description'}</Text>
          <Text size="xs" c="dimmed" mt={4}>
            Created {formatDate(application.createdAt)} · ID <Text span ff="monospace" size="xs">{application.id}</Text>
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </Group>
      </Group>

      <ApplicationFormModal
        opened={editing}
        application={application}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      <ConfirmModal
        opened={deleting}
        title="Delete this application?"
        confirmLabel="Delete application"
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ applicationId: application.id })}
        onClose={() => setDeleting(false)}
      >
        {`“${application.name}” is deleted with all its API keys and webhook endpoints. Code using its keys stops working at once.`}
      </ConfirmModal>
    </Stack>
  );
}
