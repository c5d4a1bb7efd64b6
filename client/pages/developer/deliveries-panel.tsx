// The deliveries to one webhook endpoint: status filter, "Load more", live refresh while pending, and the delivery drawer.
import { useEffect, useRef, useState } from 'react';
import { getQueryKey } from '@trpc/react-query';
import { ActionIcon, Alert, Card, CloseButton, Group, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { Delivery, WebhookEndpoint } from '../../../shared/schemas/webhooks';
import { deliveryStatus } from '../../../shared/schemas/webhooks';
import { trpc } from '../../trpc';
import { DeliveriesTable } from './deliveries-table';
import { DeliveryDrawer } from './delivery-drawer';
import { LoadMoreButton, useCursorPages } from './cursor-pages';
import { QueryState } from './query-state';

const PAGE_SIZE = 20;
type StatusFilter = Delivery['status'] | 'all';

/** How soon to look again: soon while a delivery is pending, less often while one waits to retry. */
function refreshDelay(items: Delivery[]): number | false {
  if (items.some((d) => d.status === 'pending')) return 1500;
  if (items.some((d) => d.status === 'retrying')) return 10_000;
  return false;
}

function useDeliveries(webhookId: string, status: StatusFilter) {
  const { client } = trpc.useUtils();
  const input = { webhookId, limit: PAGE_SIZE, ...(status !== 'all' && { status }) };
  return useCursorPages(
    getQueryKey(trpc.webhooks.deliveries, input, 'infinite'),
    (cursor, signal) => client.webhooks.deliveries.query({ ...input, cursor }, { signal }),
    { refetchInterval: refreshDelay },
  );
}

export function DeliveriesPanel({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const [status, setStatus] = useState<StatusFilter>('all');
  const [opened, setOpened] = useState<Delivery | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const deliveries = useDeliveries(endpoint.id, status);
  const items = deliveries.items;
  // The drawer follows the listed copy, so it shows a delivery's progress as the list refreshes.
  const shown = opened ? (items?.find((d) => d.id === opened.id) ?? opened) : null;

  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  return (
    <Card component="section" aria-label="Deliveries" ref={panel}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Title order={2} size="h3">
            Deliveries
          </Title>
          <Text size="sm" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {endpoint.url}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Select
            aria-label="Filter by status"
            w={150}
            size="xs"
            value={status}
            allowDeselect={false}
            onChange={(value) => setStatus((value as StatusFilter | null) ?? 'all')}
            data={[{ value: 'all', label: 'All statuses' }, ...deliveryStatus.options.map((s) => ({ value: s, label: s }))]}
          />
          <Tooltip label="Refresh">
            <ActionIcon variant="default" aria-label="Refresh deliveries" loading={deliveries.isRefetching} onClick={() => void deliveries.refetch()}>
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
          <CloseButton aria-label="Close deliveries" onClick={onClose} />
        </Group>
      </Group>

      <Stack gap="md">
        {!endpoint.enabled && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="This endpoint is disabled">
            {endpoint.disabledReason ?? 'It receives no deliveries until it is enabled again.'}
          </Alert>
        )}
        {!items ? (
          <QueryState query={deliveries} label="Loading deliveries" />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {status === 'all' ? 'No deliveries yet. Send a test event to see one here.' : `No ${status} deliveries.`}
          </Text>
        ) : (
          <DeliveriesTable deliveries={items} onOpen={setOpened} />
        )}
      </Stack>
      <LoadMoreButton query={deliveries} />

      <DeliveryDrawer delivery={shown} endpoint={endpoint} onClose={() => setOpened(null)} onReplayed={setOpened} />
    </Card>
  );
}
