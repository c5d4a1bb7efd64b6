// The table of deliveries (event, status, attempts, response, duration, created, next attempt); a row opens one.
import { Button, Table, Text } from '@mantine/core';
import type { Delivery } from '../../../shared/schemas/webhooks';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { DeliveryStatusBadge } from './delivery-status-badge';

export function DeliveriesTable({ deliveries, onOpen }: { deliveries: Delivery[]; onOpen: (delivery: Delivery) => void }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="xs" highlightOnHover style={{ whiteSpace: 'nowrap' }} aria-label="Deliveries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Attempts</Table.Th>
            <Table.Th ta="right">Response</Table.Th>
            <Table.Th ta="right">Duration</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Next attempt</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((delivery) => (
            <Table.Tr key={delivery.id} onClick={() => onOpen(delivery)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {delivery.eventType}
                </Text>
              </Table.Td>
              <Table.Td>
                <DeliveryStatusBadge status={delivery.status} />
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{delivery.attempts}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" c={delivery.responseStatus && delivery.responseStatus >= 300 ? 'red' : undefined}>
                  {delivery.responseStatus ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{delivery.durationMs === null ? '—' : `${delivery.durationMs} ms`}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(delivery.createdAt)}>
                  {formatRelative(delivery.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={delivery.nextAttemptAt ? undefined : 'dimmed'}>
                  {delivery.nextAttemptAt ? formatDateTime(delivery.nextAttemptAt) : '—'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="subtle"
                  aria-label={`Open ${delivery.eventType} delivery`}
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(delivery);
                  }}
                >
                  Open
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
