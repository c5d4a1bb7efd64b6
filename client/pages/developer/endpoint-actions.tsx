// The actions on one webhook endpoint: deliveries, send a test event, enable/disable, rotate the secret, delete.
import { useState } from 'react';
import { ActionIcon, Button, Group, Menu, Switch, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconList, IconRotate, IconSend, IconTrash } from '@tabler/icons-react';
import type { WebhookEndpoint } from '../../../shared/schemas/webhooks';
import { ConfirmModal } from '../../components/confirm-modal';
import { describeProblem } from '../../components/errors';
import { trpc } from '../../trpc';
import type { RevealedSecret } from './secret-once-modal';

const showError = (title: string) => (error: unknown) =>
  notifications.show({ color: 'red', title, message: describeProblem(error).message });

interface EndpointActionsProps {
  endpoint: WebhookEndpoint;
  onOpenDeliveries: () => void;
  onSecret: (revealed: RevealedSecret) => void;
  onDeleted: () => void;
}

export function EndpointActions({ endpoint, onOpenDeliveries, onSecret, onDeleted }: EndpointActionsProps) {
  const utils = trpc.useUtils();
  const [deleting, setDeleting] = useState(false);
  const refreshList = () => utils.webhooks.list.invalidate({ applicationId: endpoint.applicationId });

  const sendTest = trpc.webhooks.sendTest.useMutation({
    onSuccess: async () => {
      notifications.show({ color: 'teal', title: 'Test event sent', message: 'A webhook.test delivery is on its way.' });
      onOpenDeliveries();
      await utils.webhooks.deliveries.invalidate({ webhookId: endpoint.id });
    },
    onError: showError('Could not send a test event'),
  });
  const update = trpc.webhooks.update.useMutation({ onSuccess: refreshList, onError: showError('Could not change the endpoint') });
  const rotate = trpc.webhooks.rotateSecret.useMutation({
    onSuccess: ({ secret }) =>
      onSecret({
        title: 'New signing secret',
        description: `Deliveries to ${endpoint.url} are signed with this secret from now on. Update your receiver.`,
        secret,
      }),
    onError: showError('Could not rotate the secret'),
  });
  const remove = trpc.webhooks.delete.useMutation({
    onSuccess: async () => {
      setDeleting(false);
      onDeleted();
      await refreshList();
    },
    onError: showError('Could not delete the endpoint'),
  });

  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      <Button size="xs" variant="subtle" color="gray" leftSection={<IconList size={14} />} onClick={onOpenDeliveries}>
        Deliveries
      </Button>
      <Tooltip label="Enable the endpoint first" disabled={endpoint.enabled}>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconSend size={14} />}
          loading={sendTest.isPending}
          disabled={!endpoint.enabled}
          onClick={() => sendTest.mutate({ webhookId: endpoint.id })}
        >
          Send test event
        </Button>
      </Tooltip>
      <Switch
        checked={endpoint.enabled}
        disabled={update.isPending}
        onChange={(event) => update.mutate({ webhookId: endpoint.id, enabled: event.currentTarget.checked })}
        aria-label={`${endpoint.enabled ? 'Disable' : 'Enable'} ${endpoint.url}`}
        title={endpoint.enabled ? 'Enabled: click to disable' : 'Disabled: click to enable'}
        size="sm"
      />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${endpoint.url}`} loading={rotate.isPending}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconRotate size={14} />} onClick={() => rotate.mutate({ webhookId: endpoint.id })}>
            Rotate secret
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(true)}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={deleting}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ webhookId: endpoint.id })}
        onClose={() => setDeleting(false)}
      >
        {`${endpoint.url} stops receiving events at once, and its delivery history is deleted with it.`}
      </ConfirmModal>
    </Group>
  );
}
