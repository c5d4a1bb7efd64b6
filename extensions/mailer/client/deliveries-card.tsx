// A campaign's deliveries: queue one per opted-in address, move each forward (printed, mailed,
// returned) and export the mailing list as CSV.
import { Badge, Button, Card, Group, Select, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MailerDelivery } from '../schemas';
import { describeProblem, trpc } from '../../../client/extension-api';
import { saveTextFile } from './save-file';

const STATUSES = ['queued', 'printed', 'mailed', 'returned'] as const;
const COLORS = { queued: 'gray', printed: 'blue', mailed: 'green', returned: 'orange' } as const;

function StatusSelect({ delivery }: { delivery: MailerDelivery }) {
  const utils = trpc.useUtils();
  const update = trpc.mailer.updateDelivery.useMutation();
  const next = STATUSES.slice(STATUSES.indexOf(delivery.status) + 1);
  if (!next.length) return null;
  return (
    <Select
      size="xs"
      placeholder="Mark as…"
      aria-label={`Status of ${delivery.username}`}
      data={next.map((s) => ({ value: s, label: s }))}
      value={null}
      onChange={async (status) => {
        if (!status) return;
        try {
          await update.mutateAsync({ deliveryId: delivery.id, status: status as MailerDelivery['status'] });
        } catch (error) {
          notifications.show({ color: 'red', message: describeProblem(error).message });
        }
        await utils.mailer.deliveries.invalidate({ campaignId: delivery.campaignId });
      }}
    />
  );
}

export function DeliveriesCard({ campaignId }: { campaignId: string }) {
  const utils = trpc.useUtils();
  const deliveries = trpc.mailer.deliveries.useQuery({ campaignId, limit: 100 });
  const queue = trpc.mailer.queueDeliveries.useMutation();
  const queueAll = async () => {
    try {
      const { queued } = await queue.mutateAsync({ campaignId });
      notifications.show({ message: `${queued} deliveries queued.` });
    } catch (error) {
      notifications.show({ color: 'red', message: describeProblem(error).message });
    }
    await utils.mailer.deliveries.invalidate({ campaignId });
  };
  const exportList = async () => {
    try {
      const file = await utils.mailer.mailingList.fetch({ campaignId });
      saveTextFile(file.filename, file.csv);
    } catch (error) {
      notifications.show({ color: 'red', message: describeProblem(error).message });
    }
  };
  return (
    <Card component="section" aria-label="Deliveries">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h3">
          Deliveries
        </Title>
        <Group>
          <Button variant="light" onClick={queueAll} loading={queue.isPending}>
            Queue mailing
          </Button>
          <Button variant="default" onClick={exportList}>
            Export mailing list (CSV)
          </Button>
        </Group>
      </Group>
      {deliveries.data && deliveries.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{d.username}</Table.Td>
                  <Table.Td>
                    {d.address.recipient}, {d.address.line1}, {d.address.postalCode} {d.address.city}, {d.address.country}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={COLORS[d.status]}>{d.status}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <StatusSelect delivery={d} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          {deliveries.error ? describeProblem(deliveries.error).message : 'Nothing queued yet.'}
        </Text>
      )}
    </Card>
  );
}
