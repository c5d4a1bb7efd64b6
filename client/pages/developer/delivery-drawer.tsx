// The drawer with one delivery: its facts, the payload sent, the receiver's response or the error, and Replay.
import { useRef } from 'react';
import { Alert, Button, Code, Drawer, Group, ScrollArea, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRepeat } from '@tabler/icons-react';
import type { Delivery, WebhookEndpoint } from '../../../shared/schemas/webhooks';
import { describeProblem } from '../../components/errors';
import { formatDateTime } from '../../components/time-format';
import { trpc } from '../../trpc';
import { DeliveryStatusBadge } from './delivery-status-badge';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function Block({ label, children }: { label: string; children: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <ScrollArea.Autosize mah={320} type="auto">
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} aria-label={label}>
          {children}
        </Code>
      </ScrollArea.Autosize>
    </Stack>
  );
}

const at = (date: Date | null) => (date ? formatDateTime(date) : '—');

interface DeliveryDrawerProps {
  delivery: Delivery | null;
  endpoint: WebhookEndpoint;
  onClose: () => void;
  onReplayed: (replay: Delivery) => void;
}

export function DeliveryDrawer({ delivery: current, endpoint, onClose, onReplayed }: DeliveryDrawerProps) {
  const utils = trpc.useUtils();
  // Keep the content while the drawer slides out.
  const last = useRef<Delivery | null>(null);
  if (current) last.current = current;
  const delivery = current ?? last.current;
  const replay = trpc.webhooks.replay.useMutation({
    onSuccess: async (created) => {
      notifications.show({ color: 'teal', title: 'Replay queued', message: `The ${created.eventType} event is sent again.` });
      onReplayed(created);
      await utils.webhooks.deliveries.invalidate({ webhookId: endpoint.id });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Could not replay', message: describeProblem(error).message }),
  });

  return (
    <Drawer
      opened={current !== null}
      onClose={onClose}
      onExitTransitionEnd={() => (last.current = null)}
      position="right"
      size="xl"
      title={delivery ? <Text fw={600}>Delivery of {delivery.eventType}</Text> : null}
    >
      {delivery && (
        <Stack gap="md">
          <Group justify="space-between">
            <DeliveryStatusBadge status={delivery.status} />
            <Tooltip label="Enable the endpoint to replay" disabled={endpoint.enabled}>
              <Button
                leftSection={<IconRepeat size={16} />}
                variant="light"
                loading={replay.isPending}
                disabled={!endpoint.enabled}
                onClick={() => replay.mutate({ deliveryId: delivery.id })}
              >
                Replay
              </Button>
            </Tooltip>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            <Fact label="Attempts">{delivery.attempts}</Fact>
            <Fact label="Response status">{delivery.responseStatus ?? '—'}</Fact>
            <Fact label="Duration">{delivery.durationMs === null ? '—' : `${delivery.durationMs} ms`}</Fact>
            <Fact label="Created">{at(delivery.createdAt)}</Fact>
            <Fact label="Last attempt">{at(delivery.lastAttemptAt)}</Fact>
            <Fact label={delivery.deliveredAt ? 'Delivered' : 'Next attempt'}>
              {at(delivery.deliveredAt ?? delivery.nextAttemptAt)}
            </Fact>
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            Event <Text span ff="monospace" size="xs">{delivery.eventId}</Text> · delivery{' '}
            <Text span ff="monospace" size="xs">{delivery.id}</Text>
          </Text>
          {delivery.error && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Error">
              {delivery.error}
            </Alert>
          )}
          <Block label="Payload">{JSON.stringify(delivery.payload, null, 2)}</Block>
          {delivery.responseBody !== null ? (
            <Block label="Response body">{delivery.responseBody || '(empty)'}</Block>
          ) : (
            <Text size="sm" c="dimmed">
              {delivery.attempts ? 'No response was received.' : 'Not attempted yet.'}
            </Text>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
