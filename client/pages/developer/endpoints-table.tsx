// The table of webhook endpoints: URL, mode, events, enabled or disabled (with the reason in red), and actions.
import { Badge, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { WebhookEndpoint } from '../../../shared/schemas/webhooks';
import { formatDateTime, formatRelative } from '../../components/time-format';
import { ALL_EVENTS } from './add-endpoint-modal';
import { EndpointActions } from './endpoint-actions';
import { ModeBadge } from './mode-badge';
import type { RevealedSecret } from './secret-once-modal';

const SHOWN_EVENTS = 3;

function EventBadges({ events }: { events: string[] }) {
  if (events.includes(ALL_EVENTS)) return <Badge miw="max-content" color="grape">All events</Badge>;
  const hidden = events.slice(SHOWN_EVENTS);
  return (
    <Group gap={4} maw={260}>
      {events.slice(0, SHOWN_EVENTS).map((type) => (
        <Badge miw="max-content" key={type} color="gray" tt="none">
          {type}
        </Badge>
      ))}
      {hidden.length > 0 && (
        <Badge miw="max-content" color="gray" variant="outline" title={hidden.join(', ')}>
          +{hidden.length}
        </Badge>
      )}
    </Group>
  );
}

export function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.enabled) return <Badge miw="max-content" color="teal">Enabled</Badge>;
  return (
    <Stack gap={4} maw={280}>
      <Badge miw="max-content" color="red">Disabled</Badge>
      {endpoint.disabledReason && (
        <Text size="xs" c="red" fw={500}>
          {endpoint.disabledReason}
          {endpoint.disabledAt && (
            <Text span size="xs" c="dimmed" fw={400} title={formatDateTime(endpoint.disabledAt)}>
              {' '}
              ({formatRelative(endpoint.disabledAt)})
            </Text>
          )}
        </Text>
      )}
    </Stack>
  );
}

interface EndpointsTableProps {
  endpoints: WebhookEndpoint[];
  selectedId: string | null;
  onSelect: (endpointId: string | null) => void;
  onSecret: (revealed: RevealedSecret) => void;
}

export function EndpointsTable({ endpoints, selectedId, onSelect, onSecret }: EndpointsTableProps) {
  if (!endpoints.length) {
    return (
      <Text size="sm" c="dimmed">
        No endpoints yet. Add one to receive events as they happen.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Webhook endpoints">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Endpoint</Table.Th>
            <Table.Th>Mode</Table.Th>
            <Table.Th>Events</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {endpoints.map((endpoint) => (
            <Table.Tr key={endpoint.id} bg={endpoint.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <UnstyledButton onClick={() => onSelect(endpoint.id)} aria-label={`Deliveries to ${endpoint.url}`} display="block" maw={340}>
                  <Text size="sm" ff="monospace" fw={500} c="var(--mantine-primary-color-filled)" truncate="end" title={endpoint.url}>
                    {endpoint.url}
                  </Text>
                </UnstyledButton>
                {endpoint.description && (
                  <Text size="xs" c="dimmed" lineClamp={2} maw={340}>
                    {endpoint.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <ModeBadge mode={endpoint.mode} />
              </Table.Td>
              <Table.Td>
                <EventBadges events={endpoint.events} />
              </Table.Td>
              <Table.Td>
                <EndpointStatus endpoint={endpoint} />
              </Table.Td>
              <Table.Td>
                <EndpointActions
                  endpoint={endpoint}
                  onOpenDeliveries={() => onSelect(endpoint.id)}
                  onSecret={onSecret}
                  onDeleted={() => endpoint.id === selectedId && onSelect(null)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
